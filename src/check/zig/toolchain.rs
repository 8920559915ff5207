//! Finding the Zig compiler at the version the book targets.
//!
//! First `zig` on the `PATH`, if `zig version` says the right version; else a
//! Python virtual environment in verstka's cache folder holding PyPI's
//! `ziglang==<version>`, run as `python -m ziglang`. verstka creates that
//! environment on first use (saying so on stderr), in a scratch folder that is
//! renamed into place only once the install succeeded, so an interrupted or
//! concurrent install never leaves a broken compiler behind.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// A way to run one Zig version: a program and the arguments that come first.
#[derive(Debug, Clone)]
pub struct Zig {
    program: PathBuf,
    leading: Vec<OsString>,
    /// The version `zig version` printed.
    pub version: String,
    /// Where the compiler came from, for the summary: `zig on PATH`, or the venv.
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
        command.args(&self.leading).args(args);
        command
    }
}

/// The folder holding everything verstka keeps for one Zig version:
/// `zig-<version>` in the cache folder.
pub fn cache_folder(version: &str) -> Option<PathBuf> {
    Some(crate::check::cache::root()?.join(format!("zig-{version}")))
}

/// Finds Zig `version`, installing it into the cache folder if it must.
/// The error says what was tried and what to do.
pub fn find_or_install(version: &str, cache: Option<&Path>) -> Result<Zig, String> {
    let on_path = match version_of(Path::new("zig"), &[]) {
        Some(found) if found == version => {
            return Ok(Zig { program: "zig".into(), leading: Vec::new(), version: found, origin: "zig on PATH".into() })
        }
        Some(other) => format!("Zig {version} is not on PATH (`zig version` there is {other})"),
        None => format!("Zig {version} is not on PATH"),
    };
    let cache =
        cache.ok_or_else(|| format!("{on_path} and there is no cache folder (set HOME or VERSTKA_CACHE_DIR)"))?;
    let venv = cache.join("venv");
    if let Some(zig) = from_venv(&venv, version) {
        return Ok(zig);
    }
    let lock = InstallLock::take(cache);
    if lock.is_none() {
        if let Some(zig) = from_venv(&venv, version) {
            return Ok(zig);
        }
    }
    eprintln!(
        "verstka: {on_path}; installing it with `pip install ziglang=={version}` into {} (once; about 80 MB)",
        venv.display()
    );
    install(&venv, version)?;
    drop(lock);
    from_venv(&venv, version)
        .ok_or_else(|| format!("installed ziglang=={version} into {}, but it does not run", venv.display()))
}

fn from_venv(venv: &Path, version: &str) -> Option<Zig> {
    let program = venv_python(venv);
    let leading: Vec<OsString> = vec!["-m".into(), "ziglang".into()];
    let found = version_of(&program, &leading).filter(|found| found == version)?;
    Some(Zig { program, leading, version: found, origin: format!("python -m ziglang in {}", venv.display()) })
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// What `program leading… version` prints, if it runs and succeeds.
fn version_of(program: &Path, leading: &[OsString]) -> Option<String> {
    let output = Command::new(program).args(leading).arg("version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// A lock file so that checks started together (a test suite, a CI matrix)
/// install Zig once: the others wait for it.
struct InstallLock(PathBuf);

/// How long a lock is honoured; an older one was left by a crash.
const LOCK_TIMEOUT: Duration = Duration::from_secs(600);

impl InstallLock {
    /// Takes the lock in `folder`; if another process holds it, waits until it
    /// is released (or stale) and returns `None`, as when it cannot be created.
    fn take(folder: &Path) -> Option<InstallLock> {
        let path = folder.join("venv.lock");
        let _ = std::fs::create_dir_all(folder);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(_) => return Some(InstallLock(path)),
            // Not writable: the install will fail and say why.
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return None,
            Err(_) => {}
        }
        eprintln!("verstka: waiting for another verstka installing Zig (lock: {})", path.display());
        while path.metadata().and_then(|m| m.modified()).is_ok_and(|t| t.elapsed().is_ok_and(|age| age < LOCK_TIMEOUT))
        {
            std::thread::sleep(Duration::from_millis(500));
        }
        None
    }
}

impl Drop for InstallLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Creates a venv with `ziglang==version` at `venv`.
fn install(venv: &Path, version: &str) -> Result<(), String> {
    let parent = venv.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let scratch = tempfile::Builder::new()
        .prefix("venv-installing-")
        .tempdir_in(parent)
        .map_err(|e| format!("cannot create a folder in {}: {e}", parent.display()))?;
    run_step(Command::new("python3").args(["-m", "venv"]).arg(scratch.path()), "python3 -m venv")?;
    let spec = format!("ziglang=={version}");
    let pip = Command::new(venv_python(scratch.path()))
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--quiet", &spec])
        .output();
    run_step_output(pip, &format!("pip install {spec}"))?;
    // Another check may have finished the same install meanwhile: keep theirs.
    let scratch = scratch.keep();
    if std::fs::rename(&scratch, venv).is_err() {
        let _ = std::fs::remove_dir_all(&scratch);
    }
    eprintln!("verstka: installed Zig {version}");
    Ok(())
}

fn run_step(command: &mut Command, what: &str) -> Result<(), String> {
    run_step_output(command.output(), what)
}

fn run_step_output(output: std::io::Result<Output>, what: &str) -> Result<(), String> {
    let output = output.map_err(|e| format!("cannot run `{what}`: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last = stderr.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output");
    Err(format!("`{what}` failed: {}", last.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_program_is_not_a_compiler() {
        assert_eq!(version_of(Path::new("/nonexistent/zig"), &[]), None);
        assert!(from_venv(Path::new("/nonexistent/venv"), "0.11.0").is_none());
    }

    #[test]
    fn the_cache_folder_is_per_version() {
        let folder = cache_folder("0.11.0").expect("HOME is set in tests");
        assert!(folder.ends_with("zig-0.11.0"));
    }
}
