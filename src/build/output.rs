//! Writing outputs so that no reader ever sees a half-written file.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Writes every file to a temporary sibling first and renames them into
/// place only when all were written; on failure the temporaries are removed.
pub fn write_all(out_dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, "cannot create the output folder", e))?;
    let mut written = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let temporary = temporary_path(path);
        if let Err(error) = write_file(&temporary, bytes) {
            remove_all(written.iter().map(|(t, _): &(PathBuf, &PathBuf)| t.as_path()).chain([temporary.as_path()]));
            return Err(error);
        }
        written.push((temporary, path));
    }
    for (temporary, path) in &written {
        std::fs::rename(temporary, path).map_err(|e| Error::io(path, "cannot move the output into place", e))?;
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::File::create(path).map_err(|e| Error::io(path, "cannot create", e))?;
    file.write_all(bytes).and_then(|_| file.sync_all()).map_err(|e| Error::io(path, "cannot write", e))
}

fn temporary_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".part");
    let mut hidden = std::ffi::OsString::from(".");
    hidden.push(name);
    path.with_file_name(hidden)
}

fn remove_all<'a>(paths: impl Iterator<Item = &'a Path>) {
    for path in paths {
        let _ = std::fs::remove_file(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_file_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![(dir.path().join("a.epub"), b"one".to_vec()), (dir.path().join("a.pdf"), b"two".to_vec())];
        write_all(dir.path(), &files).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
