//! Finding the Zig compiler at the version the book targets.
//!
//! First `zig` on the `PATH`, if `zig version` says the right version; else
//! the compiler in verstka's cache folder, which verstka fetches on first use
//! from PyPI's `ziglang` wheel of that version ([`super::wheel`]; no Python
//! needed), saying so on stderr. The install holds a lock, so checks started
//! together install once, and unpacks into a scratch folder renamed into
//! place only when complete: an interrupted install never leaves a broken
//! compiler behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::wheel;
use crate::check::cache;

/// A way to run one Zig version.
#[derive(Debug, Clone)]
pub struct Zig {
    program: PathBuf,
    /// The version `zig version` printed.
    pub version: String,
    /// Where the compiler came from, for the summary: `zig on PATH`, or the cache.
    pub origin: String,
}

impl Zig {
    /// A command running `zig <args…>`.
    pub fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut command = Command::new(&self.program);
        command.args(args);
        command
    }
}

/// The folder holding everything verstka keeps for one Zig version:
/// `zig-<version>` in the cache folder.
pub fn cache_folder(version: &str) -> Option<PathBuf> {
    Some(cache::root()?.join(format!("zig-{version}")))
}

/// Finds Zig `version`, installing it into the cache folder if it must.
/// The error says what was tried and what to do.
pub fn find_or_install(version: &str, cache: Option<&Path>) -> Result<Zig, String> {
    let on_path = match version_of(Path::new("zig")) {
        Some(found) if found == version => {
            return Ok(Zig { program: "zig".into(), version: found, origin: "zig on PATH".into() })
        }
        Some(other) => format!("Zig {version} is not on PATH (`zig version` there is {other})"),
        None => format!("Zig {version} is not on PATH"),
    };
    let cache =
        cache.ok_or_else(|| format!("{on_path} and there is no cache folder (set HOME or VERSTKA_CACHE_DIR)"))?;
    let toolchain = cache.join("toolchain");
    if let Some(zig) = installed(&toolchain, version) {
        return Ok(zig);
    }
    std::fs::create_dir_all(cache).map_err(|e| format!("{on_path}, and cannot create {}: {e}", cache.display()))?;
    let _lock = cache::lock(&cache.join("install.lock"))
        .map_err(|e| format!("{on_path}, and cannot lock {}: {e}", cache.display()))?;
    // Another check may have installed it while this one waited for the lock.
    if let Some(zig) = installed(&toolchain, version) {
        return Ok(zig);
    }
    eprintln!(
        "verstka: {on_path}; downloading PyPI's ziglang {version} from {} into {} (once; about 80 MB)",
        wheel::project_url(),
        toolchain.display()
    );
    install(cache, &toolchain, version)?;
    installed(&toolchain, version)
        .ok_or_else(|| format!("installed ziglang {version} into {}, but it does not run", toolchain.display()))
}

/// The compiler unpacked in `toolchain`, if it is there and is `version`.
fn installed(toolchain: &Path, version: &str) -> Option<Zig> {
    let program = toolchain.join("ziglang").join(if cfg!(windows) { "zig.exe" } else { "zig" });
    let found = version_of(&program).filter(|found| found == version)?;
    Some(Zig { program, version: found, origin: format!("from PyPI's ziglang, in {}", toolchain.display()) })
}

/// What `program version` prints, if it runs and succeeds.
fn version_of(program: &Path) -> Option<String> {
    let output = Command::new(program).arg("version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Downloads and unpacks the wheel into `toolchain`, through scratch files in `cache`.
fn install(cache: &Path, toolchain: &Path, version: &str) -> Result<(), String> {
    let scratch_error = |e: std::io::Error| format!("cannot create a scratch file in {}: {e}", cache.display());
    let mut download =
        tempfile::Builder::new().prefix("ziglang-").suffix(".whl").tempfile_in(cache).map_err(scratch_error)?;
    let name = wheel::download(version, download.as_file_mut())?;
    let unpacked = tempfile::Builder::new().prefix("toolchain-installing-").tempdir_in(cache).map_err(scratch_error)?;
    wheel::unpack(download.path(), unpacked.path())?;
    // A toolchain that did not run (an older, broken install) makes way.
    if toolchain.exists() {
        std::fs::remove_dir_all(toolchain).map_err(|e| format!("cannot remove {}: {e}", toolchain.display()))?;
    }
    std::fs::rename(unpacked.keep(), toolchain)
        .map_err(|e| format!("cannot move the compiler into {}: {e}", toolchain.display()))?;
    eprintln!("verstka: installed Zig {version} ({name})");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_not_a_compiler() {
        assert_eq!(version_of(Path::new("/nonexistent/zig")), None);
        assert!(installed(Path::new("/nonexistent/toolchain"), "0.11.0").is_none());
    }

    #[test]
    fn the_cache_folder_is_per_version() {
        let folder = cache_folder("0.11.0").expect("HOME is set in tests");
        assert!(folder.ends_with("zig-0.11.0"));
    }
}
