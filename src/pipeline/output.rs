//! Writing outputs so that no reader ever sees a half-written file.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// Writes every file to a temporary sibling first and renames them into
/// place only when all were written; on failure the temporaries are removed.
///
/// Each temporary has a unique name (`.<name>.<random>.part`), so builds
/// running at once into one folder never take each other's files: each
/// rename is atomic, and a reader sees the whole of one build's file or the
/// whole of the other's, never a part.
pub fn write_all(out_dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, "cannot create the output folder", e))?;
    let written: Vec<(NamedTempFile, &PathBuf)> =
        files.iter().map(|(path, bytes)| Ok((write_temporary(out_dir, path, bytes)?, path))).collect::<Result<_>>()?;
    for (temporary, path) in written {
        temporary.persist(path).map_err(|e| Error::io(path, "cannot move the output into place", e.error))?;
    }
    Ok(())
}

/// `bytes` in a new hidden file beside `path`, removed again if dropped.
fn write_temporary(out_dir: &Path, path: &Path, bytes: &[u8]) -> Result<NamedTempFile> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .permissions(readable_by_all())
        .tempfile_in(out_dir)
        .map_err(|e| Error::io(out_dir, "cannot create a file in the output folder", e))?;
    file.write_all(bytes).and_then(|()| file.as_file().sync_all()).map_err(|e| Error::io(path, "cannot write", e))?;
    Ok(file)
}

/// An edition is for reading and sharing: rw-r--r-- less the umask, as
/// `File::create` would give (a temporary file is private by default).
fn readable_by_all() -> std::fs::Permissions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o644)
    }
    #[cfg(not(unix))]
    {
        tempfile::tempfile().and_then(|f| f.metadata()).map(|m| m.permissions()).expect("a temporary file")
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
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("a.pdf")).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "readable by others: {mode:o}");
        }
    }

    #[test]
    fn writers_at_once_into_one_folder_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path();
        std::thread::scope(|scope| {
            for n in 0..8u8 {
                let files = vec![(folder.join("a.pdf"), vec![n; 100_000])];
                scope.spawn(move || write_all(folder, &files).unwrap());
            }
        });
        let bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
        assert!(bytes.len() == 100_000 && bytes.iter().all(|b| *b == bytes[0]), "one writer's whole file");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.pdf"], "no temporaries left");
    }
}
