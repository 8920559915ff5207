//! verstka's cache folder: the Zig compilers it installs, outcomes of checked
//! listings and spelling suggestions, each stored under a SHA-256 of what it
//! was computed from, so a stale entry is never read — only never used again.
//!
//! `$VERSTKA_CACHE_DIR`, else `$XDG_CACHE_HOME/verstka`, else
//! `~/.cache/verstka` (`%LOCALAPPDATA%\verstka` on Windows). A cache that
//! cannot be written costs time, never a result.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The cache folder, if the environment names one.
pub fn root() -> Option<PathBuf> {
    env_path("VERSTKA_CACHE_DIR")
        .or_else(|| env_path("XDG_CACHE_HOME").map(|p| p.join("verstka")))
        .or_else(|| env_path("HOME").map(|p| p.join(".cache").join("verstka")))
        .or_else(|| env_path("LOCALAPPDATA").map(|p| p.join("verstka")))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// A file name for an entry computed from `parts`: their SHA-256, in hex, `.json`.
pub fn entry_name(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0]);
    }
    let hex: String = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}.json")
}

/// The entry at `path`, if there and readable.
pub fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

/// Stores an entry: written beside it, then renamed, so readers never see half a file.
pub fn store<T: Serialize>(path: &Path, value: &T) {
    let Some(folder) = path.parent() else { return };
    let Ok(json) = serde_json::to_vec(value) else { return };
    let _ = std::fs::create_dir_all(folder);
    if let Ok(mut file) = tempfile::NamedTempFile::new_in(folder) {
        if file.write_all(&json).is_ok() {
            let _ = file.persist(path);
        }
    }
}

/// Takes an exclusive lock on the file at `path` (created if missing), waiting
/// while another process holds it. The lock goes with the returned file, and
/// with the process if it dies, so a crash never leaves a stale lock.
pub fn lock(path: &Path) -> std::io::Result<std::fs::File> {
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder)?;
    }
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
    file.lock()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_names_depend_on_every_part_and_its_boundaries() {
        let name = entry_name(&["0.11.0", "x"]);
        assert_eq!(name.len(), 64 + ".json".len());
        assert_eq!(name, entry_name(&["0.11.0", "x"]));
        assert_ne!(name, entry_name(&["0.11.0", "y"]));
        assert_ne!(entry_name(&["ab", "c"]), entry_name(&["a", "bc"]));
    }

    #[test]
    fn a_stored_entry_reads_back() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("results").join("k.json");
        store(&path, &vec!["глава".to_string()]);
        assert_eq!(read::<Vec<String>>(&path), Some(vec!["глава".to_string()]));
        assert_eq!(read::<Vec<String>>(&folder.path().join("missing.json")), None);
    }
}
