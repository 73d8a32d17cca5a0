//! Finding the first byte that passes a test, for the stages that copy text
//! in runs between the few bytes they must act on (decoding's control
//! characters, Markdown and XML escapes).

/// The index of the first byte of `bytes` that passes `test`.
///
/// Text has few such bytes, so whole chunks of `CHUNK` bytes are tested
/// branch-free (`test` should use `&` and `|`, not `&&` and `||`, so that
/// the compiler unrolls and vectorises it), and only the chunk that holds
/// one is searched byte by byte.
#[inline(always)]
pub(crate) fn first_byte<const CHUNK: usize>(
    bytes: &[u8],
    test: impl Fn(u8) -> bool,
) -> Option<usize> {
    let chunks = bytes.chunks_exact(CHUNK);
    let tail = chunks.remainder();
    for (n, chunk) in chunks.enumerate() {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(test(b))) != 0 {
            return chunk.iter().position(|&b| test(b)).map(|i| n * CHUNK + i);
        }
    }
    tail.iter()
        .position(|&b| test(b))
        .map(|i| bytes.len() - tail.len() + i)
}

#[cfg(test)]
mod tests {
    use super::first_byte;

    #[test]
    fn finds_the_first_passing_byte_in_any_chunk_or_the_tail() {
        for len in [0, 1, 7, 8, 9, 31, 32, 33, 64, 65, 100] {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = b'!';
                }
                let expected = (at < len).then_some(at);
                assert_eq!(
                    first_byte::<8>(&bytes, |b| b == b'!'),
                    expected,
                    "{len} {at}"
                );
                assert_eq!(
                    first_byte::<32>(&bytes, |b| b == b'!'),
                    expected,
                    "{len} {at}"
                );
            }
        }
    }
}
