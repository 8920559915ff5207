//! The files a book may read: regular files inside its root folder.
//!
//! A book is untrusted input (CI builds books from strangers' pull requests),
//! so every file it names — chapters, images, the cover, the word list — is
//! read through [`BookFiles`]: the path is resolved with its symlinks and
//! must lie inside the root (the book folder, or a wider folder given with
//! `--root`), must be a regular file (not a FIFO that blocks forever, not a
//! device like `/dev/zero`), and at most [`MAX_FILE_BYTES`] long.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file a book may hold: 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The root folder a book's files are confined to.
#[derive(Debug, Clone)]
pub struct BookFiles {
    /// The root, with its symlinks resolved.
    root: PathBuf,
}

/// Why a file of the book cannot be read.
#[derive(Debug)]
pub enum Refusal {
    NotFound,
    /// The file, its symlinks resolved, lies outside the root.
    Outside {
        resolved: PathBuf,
        root: PathBuf,
    },
    /// A folder, FIFO, socket or device.
    NotAFile(&'static str),
    TooLarge(u64),
    Io(std::io::Error),
}

impl BookFiles {
    /// Files confined to `root`, which must exist.
    pub fn new(root: &Path) -> std::io::Result<BookFiles> {
        Ok(BookFiles { root: std::fs::canonicalize(root)? })
    }

    /// The root, symlinks resolved.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the folder at `path` lies inside the root.
    pub fn contains(&self, path: &Path) -> bool {
        std::fs::canonicalize(path).is_ok_and(|resolved| resolved.starts_with(&self.root))
    }

    /// The file at `path`, resolved, if the book may read it; its size.
    pub fn resolve(&self, path: &Path) -> Result<(PathBuf, u64), Refusal> {
        let resolved = std::fs::canonicalize(path).map_err(Refusal::from)?;
        if !resolved.starts_with(&self.root) {
            return Err(Refusal::Outside { resolved, root: self.root.clone() });
        }
        // `metadata` does not open the file: a FIFO is refused without blocking.
        let metadata = std::fs::metadata(&resolved).map_err(Refusal::from)?;
        check_metadata(&metadata)?;
        Ok((resolved, metadata.len()))
    }

    /// The bytes of the file at `path`, if the book may read it.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Refusal> {
        let (resolved, _) = self.resolve(path)?;
        read_regular_file(&resolved)
    }
}

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`], for a renderer
/// reading a file the document stage has confined already (an image).
pub fn read_regular_file(path: &Path) -> Result<Vec<u8>, Refusal> {
    let file = open_without_blocking(path).map_err(Refusal::from)?;
    // Checked on what was opened: the path may have changed since it was resolved.
    let metadata = file.metadata().map_err(Refusal::from)?;
    check_metadata(&metadata)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(Refusal::from)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

fn check_metadata(metadata: &std::fs::Metadata) -> Result<(), Refusal> {
    if !metadata.is_file() {
        return Err(Refusal::NotAFile(kind(&metadata.file_type())));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge(metadata.len()));
    }
    Ok(())
}

/// Opens for reading; on Unix without blocking, so a FIFO swapped in after
/// the check cannot hang the build (the metadata check then refuses it).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn kind(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "device";
        }
        if file_type.is_socket() {
            return "socket";
        }
    }
    if file_type.is_dir() {
        "folder"
    } else {
        "special file"
    }
}

impl From<std::io::Error> for Refusal {
    fn from(error: std::io::Error) -> Self {
        match error.kind() {
            std::io::ErrorKind::NotFound => Refusal::NotFound,
            _ => Refusal::Io(error),
        }
    }
}

impl Refusal {
    /// What to do about it, for the error's help line.
    pub fn help(&self) -> &'static str {
        match self {
            Refusal::NotFound => "paths are relative to the book folder (images: to the chapter file)",
            Refusal::Outside { .. } => {
                "a book reads only files inside its folder; to share a folder of images between books, \
                 build with --root naming a folder that holds them all"
            }
            Refusal::NotAFile(_) => "name a regular file",
            Refusal::TooLarge(_) => "split the file, or make the image smaller",
            Refusal::Io(_) => "check the file's permissions",
        }
    }
}

/// `is outside the book folder (/home/a/secret)` — follows the file's name in a message.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotFound => write!(f, "not found"),
            Refusal::Outside { resolved, root } => {
                write!(f, "is outside the book's root folder {} (it is {})", root.display(), resolved.display())
            }
            Refusal::NotAFile(kind) => write!(f, "is a {kind}, not a regular file"),
            Refusal::TooLarge(size) => {
                write!(f, "is {} MiB, more than the {} MiB a file of a book may have", size >> 20, MAX_FILE_BYTES >> 20)
            }
            Refusal::Io(error) => write!(f, "cannot be read: {error}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book() -> (tempfile::TempDir, BookFiles) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("book")).unwrap();
        std::fs::write(dir.path().join("book/a.md"), "глава").unwrap();
        std::fs::write(dir.path().join("secret"), "пароль").unwrap();
        let files = BookFiles::new(&dir.path().join("book")).unwrap();
        (dir, files)
    }

    #[test]
    fn a_file_inside_the_root_is_read() {
        let (dir, files) = book();
        assert_eq!(files.read(&dir.path().join("book/a.md")).unwrap(), "глава".as_bytes());
        assert!(files.read(&dir.path().join("book/../book/a.md")).is_ok());
    }

    #[test]
    fn paths_and_symlinks_leading_outside_are_refused() {
        let (dir, files) = book();
        let outside = files.read(&dir.path().join("book/../secret"));
        assert!(matches!(outside, Err(Refusal::Outside { .. })), "{outside:?}");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), dir.path().join("book/cover.png")).unwrap();
            let linked = files.read(&dir.path().join("book/cover.png"));
            assert!(matches!(linked, Err(Refusal::Outside { .. })), "{linked:?}");
            assert!(matches!(files.read(Path::new("/proc/self/environ")), Err(Refusal::Outside { .. })));
        }
        assert!(matches!(files.read(&dir.path().join("book/missing.md")), Err(Refusal::NotFound)));
    }

    #[test]
    fn a_wider_root_admits_shared_files() {
        let (dir, _) = book();
        let files = BookFiles::new(dir.path()).unwrap();
        assert_eq!(files.read(&dir.path().join("book/../secret")).unwrap(), "пароль".as_bytes());
    }

    #[cfg(unix)]
    #[test]
    fn fifos_devices_and_folders_are_not_files() {
        let (dir, files) = book();
        let fifo = dir.path().join("book/fifo.md");
        let name = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
        assert!(matches!(files.read(&fifo), Err(Refusal::NotAFile("FIFO"))));
        assert!(matches!(files.read(&dir.path().join("book")), Err(Refusal::NotAFile("folder"))));
        let everything = BookFiles::new(Path::new("/")).unwrap();
        assert!(matches!(everything.read(Path::new("/dev/zero")), Err(Refusal::NotAFile("device"))));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let (dir, files) = book();
        let big = std::fs::File::create(dir.path().join("book/big.md")).unwrap();
        big.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert!(matches!(files.read(&dir.path().join("book/big.md")), Err(Refusal::TooLarge(_))));
    }
}
