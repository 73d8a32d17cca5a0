#!/usr/bin/env bash
# Fill fuzz/corpus/TARGET (git-ignored) with starting inputs: the committed
# seeds in fuzz/seeds/TARGET, every fixture, and 16 KB excerpts of a sample of
# ../shared/corpus when it is present. Inputs for `pipeline` start with the
# options byte its fuzz target reads (see fuzz_targets/pipeline.rs).
# Usage: fuzz/seed.sh decode|pipeline
set -euo pipefail
target=${1:?usage: seed.sh TARGET}
fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$fuzz")
out="$fuzz/corpus/$target"
mkdir -p "$out"
cp "$fuzz/seeds/$target"/* "$out"/ 2>/dev/null || true

# All formats (4) with: safe fixes + clean, unsafe fixes + clean,
# wrap + clean, notes moved to the end + clean.
selectors=(2c 34 6c ac)
count=0
excerpt() { dd if="$1" iflag=skip_bytes,count_bytes skip="$2" count=16384 status=none; }
add() { # add FILE NAME: an excerpt of FILE (at most 16 KB from OFFSET)
    local file=$1 name=$2 offset=${3:-0}
    local dest="$out/$name"
    if [[ $target == pipeline ]]; then
        local selector=${selectors[$((count % ${#selectors[@]}))]}
        { printf "\\x$selector"; excerpt "$file" "$offset"; } > "$dest"
    else
        excerpt "$file" "$offset" > "$dest"
    fi
    count=$((count + 1))
}

while IFS= read -r -d '' file; do
    add "$file" "fixture-$(echo "${file#"$root"/fixtures/}" | tr / _)"
done < <(find "$root/fixtures" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | sort -z)

corpus="$root/../shared/corpus"
if [[ -d $corpus ]]; then
    # Every third file, sorted: a sample of each collection.
    i=0
    while IFS= read -r -d '' file; do
        i=$((i + 1))
        (( i % 3 == 0 )) || continue
        name="corpus-$(echo "${file#"$corpus"/}" | tr / _)"
        add "$file" "$name"
        size=$(stat -c %s "$file")
        if (( size > 65536 )); then
            add "$file" "$name-middle" "$((size / 2))"
        fi
    done < <(find "$corpus" -type f ! -name PROVENANCE.md ! -name metadata.json -print0 | sort -z)
fi
echo "$out: $(ls "$out" | wc -l) inputs"
