//! Writing files so that a crash never leaves half a file behind.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::cli::inputs::describe_io;

/// The prefix of temporary files. The leading dot hides them, so a folder
/// walk never reads one left behind by a killed run as a story.
const TEMP_PREFIX: &str = ".ficpress-";

/// Write `bytes` to `path` atomically: a temporary file in the same folder is
/// written, flushed to disk and renamed over `path`, and the folder is
/// flushed so the rename itself survives a power cut. A failure at any point
/// leaves the old file (or no file) in place, never a truncated one; a kill
/// at any point leaves at most a hidden `.ficpress-*` file beside it.
///
/// When `path` already exists its permissions are kept, and when it is a
/// symbolic link the file it points to is replaced, so the link stays a
/// link (as an editor saving through it would). A new file gets the usual
/// permissions for new files (`0666` less the umask), not a temporary
/// file's private `0600`.
///
/// In a batch, `folders` collects the folder instead, to be flushed once for
/// all the files of a window written there ([`Folders::flush`]); with
/// `None` it is flushed at once.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    folders: Option<&Folders>,
) -> anyhow::Result<()> {
    write_atomically_with(path, folders, |file| {
        write_contents(file, bytes).map_err(|error| failure("cannot write the output", &error))
    })
}

/// Folders holding renames that are not flushed to disk yet.
///
/// Flushing a folder after every rename doubled the disk flushes of a batch
/// of books going to one folder (each file's own flush is still needed, so
/// a crash never leaves a renamed but empty file). A batch records the
/// folders instead and flushes each one once per window, before it reports
/// any of the window's files as written; until then a crash can only undo a
/// rename, leaving the old file or none, never a partial one.
#[derive(Default)]
pub struct Folders {
    pending: Mutex<HashSet<PathBuf>>,
}

impl Folders {
    fn add(&self, folder: &Path) {
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if !pending.contains(folder) {
            pending.insert(folder.to_path_buf());
        }
    }

    /// Flush every folder written to since the last flush.
    pub fn flush(&self) {
        let folders = std::mem::take(&mut *self.pending.lock().unwrap_or_else(|e| e.into_inner()));
        for folder in folders {
            sync_folder(&folder);
        }
    }
}

/// [`write_atomically`] with the contents written by `write` as they are
/// made (a book rendered a chapter at a time), never held whole.
pub fn write_atomically_with(
    path: &Path,
    folders: Option<&Folders>,
    write: impl FnOnce(&mut std::fs::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = resolve_links(path);
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Given to open(2), so the umask applies as for any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(folder).map_err(|error| {
        failure(
            &format!("cannot create a temporary file in {}", folder.display()),
            &error,
        )
    })?;
    write(temp.as_file_mut())?;
    temp.as_file()
        .sync_all()
        .map_err(|error| failure("cannot flush the output to disk", &error))?;
    if let Ok(metadata) = std::fs::metadata(&path) {
        temp.as_file()
            .set_permissions(metadata.permissions())
            .map_err(|error| failure("cannot keep the file's permissions", &error))?;
    }
    // On failure the temporary file is dropped, which deletes it.
    temp.persist(&path)
        .map_err(|error| failure("cannot rename the temporary file over it", &error.error))?;
    match folders {
        Some(folders) => folders.add(folder),
        None => sync_folder(folder),
    }
    Ok(())
}

/// `what` failed, with the I/O error's short cause (`no space left on
/// device`); the caller's message names the file.
fn failure(what: &str, error: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!("{what}: {}", describe_io(error))
}

/// The file a chain of symbolic links at `path` ends at; `path` itself when
/// it is not a link, or when the chain is broken or loops (renaming over the
/// link is then the best that can be done).
fn resolve_links(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_path_buf();
    }
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Flush the folder's entries, so the rename is on disk. Best effort: some
/// systems cannot open or sync a folder, and the file itself is safe anyway.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Write the temporary file's contents.
///
/// Debug builds honour `FICPRESS_FAIL_WRITE`, so the tests can prove that an
/// interrupted write never harms the original: `error` writes half the bytes
/// and fails, `abort` writes half the bytes and kills the process on the
/// spot, as a crash or `kill -9` would. Release builds ignore it.
fn write_contents(file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if let Some(mode) = std::env::var_os("FICPRESS_FAIL_WRITE") {
        file.write_all(&bytes[..bytes.len() / 2])?;
        file.sync_all()?;
        if mode == "abort" {
            std::process::abort();
        }
        return Err(std::io::Error::other(
            "injected failure (FICPRESS_FAIL_WRITE)",
        ));
    }
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::write_atomically;

    #[test]
    fn replaces_content_and_leaves_no_temporary_files() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("story.txt");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new", None).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_batch_flushes_each_folder_once() {
        let folder = tempfile::tempdir().unwrap();
        let folders = super::Folders::default();
        for name in ["a.epub", "b.epub"] {
            super::write_atomically(&folder.path().join(name), b"book", Some(&folders)).unwrap();
        }
        assert_eq!(folders.pending.lock().unwrap().len(), 1);
        folders.flush();
        assert!(folders.pending.lock().unwrap().is_empty());
        assert_eq!(
            std::fs::read(folder.path().join("b.epub")).unwrap(),
            b"book"
        );
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions_and_gives_new_files_readable_ones() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        let mode =
            |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        let existing = folder.path().join("story.txt");
        std::fs::write(&existing, "old").unwrap();
        std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&existing, b"new", None).unwrap();
        assert_eq!(mode(&existing), 0o640);

        // Whatever the umask, a new file is not the temporary file's 0600.
        let new = folder.path().join("book.epub");
        write_atomically(&new, b"book", None).unwrap();
        std::fs::write(folder.path().join("reference"), "").unwrap();
        assert_eq!(mode(&new), mode(&folder.path().join("reference")));
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symbolic_link() {
        let folder = tempfile::tempdir().unwrap();
        let target = folder.path().join("story.txt");
        let link = folder.path().join("link.txt");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("story.txt", &link).unwrap();
        write_atomically(&link, b"new", None).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }
}
