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
/// at any point leaves at most hidden `.ficpress-*` files beside it.
///
/// When `path` already exists its permissions are kept, and when it is a
/// symbolic link the file it points to is replaced, so the link stays a
/// link (as an editor saving through it would). A new file gets the usual
/// permissions for new files (`0666` less the umask), not a temporary
/// file's private `0600`.
///
/// In a batch, `pending` takes the written temporary file instead, and the
/// flush and rename happen for the whole window at once ([`Window::flush`]);
/// with `None` they happen at once.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    pending: Option<&Pending>,
) -> anyhow::Result<()> {
    write_atomically_with(path, pending, |file| {
        write_contents(file, bytes).map_err(|error| failure("cannot write the output", &error))
    })
}

/// The files a batch window has written but not yet flushed and renamed,
/// and the folders they go to.
///
/// Flushing each file to disk as it was written made a batch of 10,000
/// books wait on the disk for a third of its time, every worker idle while
/// its own file went out. A window's files are flushed together instead,
/// on threads of their own, so the disk takes them all at once; each is
/// renamed only after its flush, and each folder is flushed once after its
/// renames, before the window reports any file as written. A crash before
/// then leaves the old files (or none) and hidden temporary files, never a
/// renamed but partly written one.
#[derive(Default)]
pub struct Window {
    /// Each file with the window slot whose work wrote it, for its error.
    files: Mutex<Vec<(usize, PendingFile)>>,
}

/// A written temporary file waiting for its flush and rename.
struct PendingFile {
    temp: tempfile::TempPath,
    path: PathBuf,
}

/// Threads flushing a window's files: the disk takes many flushes at once
/// (a journal commits them together), and each thread only waits.
const FLUSH_THREADS: usize = 8;

impl Window {
    /// Where the work in window slot `slot` leaves its files.
    pub fn slot(&self, slot: usize) -> Pending<'_> {
        Pending { window: self, slot }
    }

    /// Flush and rename every file written since the last flush, then flush
    /// their folders. Returns the files that failed, by window slot, with
    /// the reason; the others are written.
    pub fn flush(&self) -> Vec<(usize, anyhow::Error)> {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        let folders: HashSet<PathBuf> = files
            .iter()
            .map(|(_, file)| folder_of(&file.path).to_path_buf())
            .collect();
        let threads = files.len().clamp(1, FLUSH_THREADS);
        let mut shares: Vec<Vec<(usize, PendingFile)>> = (0..threads).map(|_| Vec::new()).collect();
        for (i, file) in files.into_iter().enumerate() {
            shares[i % threads].push(file);
        }
        let mut failed: Vec<(usize, anyhow::Error)> = std::thread::scope(|scope| {
            let workers: Vec<_> = shares
                .into_iter()
                .map(|share| {
                    scope.spawn(|| {
                        share
                            .into_iter()
                            .filter_map(|(slot, file)| {
                                let path = file.path.clone();
                                file.finish().err().map(|error| {
                                    (
                                        slot,
                                        error.context(format!("cannot write {}", path.display())),
                                    )
                                })
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|worker| worker.join().unwrap_or_default())
                .collect()
        });
        for folder in folders {
            sync_folder(&folder);
        }
        failed.sort_by_key(|(slot, _)| *slot);
        failed
    }
}

impl PendingFile {
    /// Flush the file to disk and rename it into place.
    fn finish(self) -> anyhow::Result<()> {
        // Reopened, not kept open: a window of many files must not run
        // out of file handles.
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.temp)
            .and_then(|file| file.sync_all())
            .map_err(|error| failure("cannot flush the output to disk", &error))?;
        self.temp
            .persist(&self.path)
            .map_err(|error| failure("cannot rename the temporary file over it", &error.error))
    }
}

/// One window slot's share of a [`Window`], given to the work of that slot.
#[derive(Clone, Copy)]
pub struct Pending<'a> {
    window: &'a Window,
    slot: usize,
}

/// [`write_atomically`] with the contents written by `write` as they are
/// made (a book rendered a chapter at a time), never held whole.
pub fn write_atomically_with(
    path: &Path,
    pending: Option<&Pending>,
    write: impl FnOnce(&mut std::fs::File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = resolve_links(path);
    let folder = folder_of(&path);
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
    if let Ok(metadata) = std::fs::metadata(&path) {
        temp.as_file()
            .set_permissions(metadata.permissions())
            .map_err(|error| failure("cannot keep the file's permissions", &error))?;
    }
    let file = PendingFile {
        // On failure the temporary file is dropped, which deletes it.
        temp: temp.into_temp_path(),
        path,
    };
    match pending {
        Some(pending) => {
            let mut files = pending
                .window
                .files
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            files.push((pending.slot, file));
        }
        None => {
            let folder = folder_of(&file.path).to_path_buf();
            file.finish()?;
            sync_folder(&folder);
        }
    }
    Ok(())
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
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

    /// A window's files appear only when it is flushed, all of them, with
    /// no temporary file left; a file that cannot be renamed into place is
    /// reported under its own slot, and the others are still written.
    #[test]
    fn a_window_writes_its_files_when_flushed() {
        let folder = tempfile::tempdir().unwrap();
        let window = super::Window::default();
        for (slot, name) in ["a.epub", "b.epub", "c.epub"].into_iter().enumerate() {
            let path = folder.path().join(name);
            write_atomically(&path, name.as_bytes(), Some(&window.slot(slot))).unwrap();
            assert!(!path.exists(), "{name} appears before the flush");
        }
        // Slot 1's destination becomes a folder: its rename must fail.
        std::fs::create_dir(folder.path().join("b.epub")).unwrap();
        std::fs::write(folder.path().join("b.epub/inside"), "x").unwrap();
        let failed = window.flush();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, 1);
        assert!(
            format!("{:#}", failed[0].1).contains("b.epub"),
            "{:#}",
            failed[0].1
        );
        for name in ["a.epub", "c.epub"] {
            assert_eq!(
                std::fs::read(folder.path().join(name)).unwrap(),
                name.as_bytes()
            );
        }
        let names: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 3, "no temporary file left: {names:?}");
        assert!(window.flush().is_empty());
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
