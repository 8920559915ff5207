//! Running book code under limits.
//!
//! `check` compiles the listings and runs their `test` blocks on the machine
//! that checks the book — in CI, code from a stranger's pull request. So the
//! compiler, and the tests it runs, get:
//! - a time limit (`[check] timeout`), after which the whole process group
//!   is killed — the compiler and the test binary it started;
//! - a cap on the output kept — its head and its tail, where compile errors
//!   and test failures stand; the middle is read and dropped, so a test
//!   printing forever cannot fill memory or block on a full pipe;
//! - on Unix, caps on address space and file size (`setrlimit`), no core
//!   dumps;
//! - an empty environment but `PATH` — no tokens, no `HOME` but a private
//!   scratch folder, which is also the working folder.
//!
//! What it does not do: hide the file system. A test may still read what
//! the user running `check` may read; `--no-run` compiles tests without
//! running them, for books you do not trust.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The limits one compile (and its tests) runs under.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    /// Bytes of stdout and of stderr kept.
    pub output_bytes: usize,
    /// Address space of each process, in bytes.
    pub memory_bytes: u64,
    /// Size of any file written, in bytes.
    pub file_bytes: u64,
}

impl Limits {
    /// The limits with `time` as the time limit: 1 MiB of output, 4 GiB of
    /// address space (the compiler needs about 1.5), files of at most 1 GiB.
    pub fn with_time(time: Duration) -> Limits {
        Limits { time, output_bytes: 1 << 20, memory_bytes: 4 << 30, file_bytes: 1 << 30 }
    }
}

/// Why a command did not finish.
#[derive(Debug)]
pub enum Unfinished {
    CannotRun(String),
    /// Killed at the time limit, after these many seconds.
    TimedOut(u64),
}

/// What a finished command printed, and whether it succeeded.
#[derive(Debug)]
pub struct Finished {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` in `scratch` under `limits`, feeding it `stdin`.
pub fn run(mut command: Command, stdin: &[u8], scratch: &Path, limits: &Limits) -> Result<Finished, Unfinished> {
    command
        .current_dir(scratch)
        .env_clear()
        .envs(std::env::var_os("PATH").map(|path| ("PATH", path)))
        .env("HOME", scratch)
        .env("TMPDIR", scratch)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    for name in ["SystemRoot", "TEMP", "TMP"] {
        if let Some(value) = std::env::var_os(name) {
            command.env(name, value);
        }
    }
    confine(&mut command, limits);
    let mut child = command.spawn().map_err(|e| Unfinished::CannotRun(e.to_string()))?;
    let feeder = child.stdin.take().map(|mut pipe| {
        let stdin = stdin.to_vec();
        std::thread::spawn(move || pipe.write_all(&stdin))
    });
    let (stdout, stderr) = (child.stdout.take(), child.stderr.take());
    let keep = limits.output_bytes;
    let stdout = std::thread::spawn(move || stdout.map(|pipe| read_capped(pipe, keep)).unwrap_or_default());
    let stderr = std::thread::spawn(move || stderr.map(|pipe| read_capped(pipe, keep)).unwrap_or_default());
    let status = wait(&mut child, limits.time);
    let finished = |success| Finished {
        success,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    if let Some(feeder) = feeder {
        let _ = feeder.join();
    }
    match status {
        Some(success) => Ok(finished(success)),
        None => {
            let _ = finished(false);
            Err(Unfinished::TimedOut(limits.time.as_secs()))
        }
    }
}

/// Waits for `child` until `time` has passed; `None` if it had to be killed.
fn wait(child: &mut Child, time: Duration) -> Option<bool> {
    let deadline = Instant::now() + time;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status.success()),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                kill_group(child);
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Reads `pipe` to its end, keeping its first and last `keep / 2` bytes.
fn read_capped(mut pipe: impl Read, keep: usize) -> String {
    let half = keep / 2;
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    let mut dropped = false;
    let mut buffer = [0u8; 8192];
    while let Ok(n) = pipe.read(&mut buffer) {
        if n == 0 {
            break;
        }
        let to_head = n.min(half - head.len());
        head.extend_from_slice(&buffer[..to_head]);
        tail.extend_from_slice(&buffer[to_head..n]);
        if tail.len() > 2 * half {
            tail.drain(..tail.len() - half);
            dropped = true;
        }
    }
    if tail.len() > half {
        tail.drain(..tail.len() - half);
        dropped = true;
    }
    let mut text = String::from_utf8_lossy(&head).into_owned();
    if dropped {
        text.push_str("\n[verstka: output cut here]\n");
    }
    text.push_str(&String::from_utf8_lossy(&tail));
    text
}

#[cfg(unix)]
fn confine(command: &mut Command, limits: &Limits) {
    use std::os::unix::process::CommandExt;
    let limits = *limits;
    // A group of its own, so a timeout kills the test binary the compiler started too.
    command.process_group(0);
    // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            set_limit(libc::RLIMIT_AS, limits.memory_bytes)?;
            set_limit(libc::RLIMIT_FSIZE, limits.file_bytes)?;
            set_limit(libc::RLIMIT_CORE, 0)
        });
    }
}

/// The type `setrlimit` takes its resource as: glibc has one of its own.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
type Resource = libc::__rlimit_resource_t;
#[cfg(all(unix, not(all(target_os = "linux", target_env = "gnu"))))]
type Resource = libc::c_int;

#[cfg(unix)]
fn set_limit(resource: Resource, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit { rlim_cur: value as libc::rlim_t, rlim_max: value as libc::rlim_t };
    // SAFETY: a valid resource and a pointer to a live rlimit.
    match unsafe { libc::setrlimit(resource, &limit) } {
        0 => Ok(()),
        _ => Err(std::io::Error::last_os_error()),
    }
}

#[cfg(unix)]
fn kill_group(child: &mut Child) {
    // SAFETY: signalling a process group we created; a gone group is harmless.
    unsafe {
        libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn confine(_: &mut Command, _: &Limits) {}

#[cfg(not(unix))]
fn kill_group(child: &mut Child) {
    let _ = child.kill();
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn sh(script: &str, limits: &Limits) -> Result<Finished, Unfinished> {
        let scratch = tempfile::tempdir().unwrap();
        let mut command = Command::new("/bin/sh");
        command.args(["-c", script]);
        run(command, b"", scratch.path(), limits)
    }

    #[test]
    fn a_command_past_its_time_is_killed_with_its_children() {
        let started = Instant::now();
        let result = sh("sleep 30 & sleep 30", &Limits::with_time(Duration::from_millis(300)));
        assert!(matches!(result, Err(Unfinished::TimedOut(0))), "{result:?}");
        assert!(started.elapsed() < Duration::from_secs(5), "the background child did not hold the pipes open");
    }

    #[test]
    fn output_is_capped_and_the_rest_drained() {
        let limits = Limits { output_bytes: 100, ..Limits::with_time(Duration::from_secs(20)) };
        let finished = sh("echo first; yes | head -c 10000000; echo; echo last", &limits).unwrap();
        assert!(finished.success);
        let out = &finished.stdout;
        assert!(out.len() < 200 && out.starts_with("first\n"), "{out}");
        assert!(out.contains("[verstka: output cut here]") && out.ends_with("\nlast\n"), "{out}");
    }

    #[test]
    fn the_environment_is_empty_but_home_is_private() {
        std::env::set_var("VERSTKA_SANDBOX_SECRET", "s3cr3t");
        let finished = sh("env; pwd", &Limits::with_time(Duration::from_secs(20))).unwrap();
        assert!(!finished.stdout.contains("s3cr3t"), "{}", finished.stdout);
        let lines: Vec<&str> = finished.stdout.lines().collect();
        let home = lines.iter().find_map(|l| l.strip_prefix("HOME=")).unwrap();
        assert_eq!(Some(&home), lines.last(), "HOME is the working folder");
    }

    #[test]
    fn memory_is_capped() {
        let limits = Limits { memory_bytes: 64 << 20, ..Limits::with_time(Duration::from_secs(20)) };
        // 128 MiB of zeros held in one shell variable: more than the cap.
        let finished = sh("x=$(head -c 134217728 /dev/zero | tr '\\0' a); echo ${#x}", &limits).unwrap();
        assert!(!finished.stdout.contains("134217728"), "{finished:?}");
    }
}
