//! Running the compiler on one listing, with results cached by content.
//!
//! The cache key is a SHA-256 of the Zig version, the mode and the code, so a
//! listing that did not change is not compiled again, wherever it moved in the
//! book; the compiler's raw output is stored and mapped to the Markdown anew
//! on every run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::listing::Mode;
use super::sandbox::{self, Limits, Unfinished};
use super::toolchain::Zig;
use crate::check::cache;

/// What the compiler said about a listing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Whether the command succeeded (for `compile_fail`: whether it compiled).
    pub compiled: bool,
    /// The compiler's output.
    pub output: String,
    /// The name the output gives the listing: `listing_<key>.zig` or `<stdin>`.
    pub file: String,
    /// Lines verstka put before the code (a fragment wrapped in a function).
    pub shift: usize,
}

/// Bump when what is cached changes meaning.
const CACHE_FORMAT: &str = "verstka-zig-outcome-4";

/// How listings are compiled: where the caches are, under which limits,
/// and whether tests run.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    pub zig: &'a Zig,
    /// verstka's cache folder for this Zig version, if there is one.
    pub cache: Option<&'a Path>,
    /// The limits a listing's tests run under (`[check] timeout`).
    pub limits: Limits,
    /// Run the tests `zig test` compiles (`--no-run`: only compile them).
    pub run_tests: bool,
}

/// How long the compiler may take on one listing: a cold cache compiles the
/// standard library's parts the listing uses and compiler_rt, which takes
/// seconds on a busy machine; comptime loops stop at Zig's branch quota.
const COMPILE_TIME: Duration = Duration::from_secs(120);

impl Run<'_> {
    /// The limits the compiler runs under: the tests', with more time.
    fn compile_limits(&self) -> Limits {
        Limits { time: self.limits.time.max(COMPILE_TIME), ..self.limits }
    }
}

/// The outcome for `code` in `mode`, from the cache folder's `results/` if
/// there (`true`), else from the compiler (then stored). An error means the
/// compiler did not run or did not finish.
pub fn outcome(run: &Run, code: &str, mode: Mode) -> Result<(Outcome, bool), String> {
    let (zig, cache) = (run.zig, run.cache);
    let mode_name = match (mode, run.run_tests) {
        (Mode::Test, false) => "Test, not run".to_string(),
        _ => format!("{mode:?}"),
    };
    let name = cache::entry_name(&[CACHE_FORMAT, &zig.version, &mode_name, code]);
    let entry = cache.map(|folder| folder.join("results").join(&name));
    if let Some(cached) = entry.as_deref().and_then(cache::read) {
        return Ok((cached, true));
    }
    // Two checks compiling the same listing at once write the same object
    // files in Zig's shared cache and corrupt them: the second waits for the
    // first, then takes its outcome.
    let lock_path = cache.map(|folder| folder.join("locks").join(&name).with_extension("lock"));
    let _lock = lock_path.as_deref().map(cache::lock).transpose().map_err(|e| format!("cannot lock a listing: {e}"))?;
    if let Some(cached) = entry.as_deref().and_then(cache::read) {
        return Ok((cached, true));
    }
    let outcome = compile(run, code, mode, &format!("listing_{}", &name[..16]))?;
    if let Some(entry) = entry {
        cache::store(&entry, &outcome);
    }
    Ok((outcome, false))
}

/// Compiles `code` as the file `<stem>.zig`.
fn compile(run: &Run, code: &str, mode: Mode, stem: &str) -> Result<Outcome, String> {
    let build = |args: &[&str]| build(run, code, args, stem);
    match mode {
        Mode::Fragment => parse_fragment(run, code),
        Mode::Program => build(&["build-exe", "-fno-emit-bin"]),
        Mode::Test => test(run, code, stem),
        Mode::CompileFail => {
            let args: &[&str] = if code.contains("pub fn main(") {
                &["build-exe", "-fno-emit-bin"]
            } else {
                &["test", "--test-no-exec", "-fno-emit-bin"]
            };
            build(args)
        }
    }
}

/// A fragment parses as a file (declarations) or as a function body
/// (statements); if neither, the attempt that got further is the one reported.
fn parse_fragment(run: &Run, code: &str) -> Result<Outcome, String> {
    let as_file = zig_fmt(run, code, 0)?;
    if as_file.compiled {
        return Ok(as_file);
    }
    let as_body = zig_fmt(run, &format!("fn fragment() void {{\n{code}\n}}\n"), 1)?;
    if as_body.compiled || first_place(&as_body) > first_place(&as_file) {
        Ok(as_body)
    } else {
        Ok(as_file)
    }
}

fn first_place(outcome: &Outcome) -> Option<(usize, usize)> {
    super::messages::parse(&outcome.output, &outcome.file, outcome.shift).first().and_then(|m| m.place)
}

fn zig_fmt(run: &Run, code: &str, shift: usize) -> Result<Outcome, String> {
    let scratch = scratch_folder()?;
    let command = run.zig.command(["fmt", "--stdin"]);
    let finished =
        sandbox::run(command, code.as_bytes(), scratch.path(), &run.compile_limits()).map_err(compiler_stopped)?;
    Ok(Outcome { compiled: finished.success, output: finished.stderr, file: "<stdin>".into(), shift })
}

/// Writes the code to `<stem>.zig` in a scratch folder and runs `zig <args> <stem>.zig`.
///
/// Zig names a build's output folder in its cache after the root file's name
/// and the options, not the file's folder: two listings both called
/// `listing.zig` would be built into one folder at once. A stem made from the
/// listing's own key keeps them apart.
fn build(run: &Run, code: &str, args: &[&str], stem: &str) -> Result<Outcome, String> {
    build_in(run, scratch_folder()?.path(), code, args, stem)
}

/// Compiles the listing's tests, then runs them under the time limit — the
/// time limit is for the book's code, not for a cold compiler — unless
/// tests are not to be run.
fn test(run: &Run, code: &str, stem: &str) -> Result<Outcome, String> {
    let scratch = scratch_folder()?;
    let binary = if cfg!(windows) { "tests.exe" } else { "tests" };
    let emit = format!("-femit-bin={binary}");
    let compiled = build_in(run, scratch.path(), code, &["test", "--test-no-exec", &emit], stem)?;
    if !compiled.compiled || !run.run_tests {
        return Ok(compiled);
    }
    let finished = sandbox::run(Command::new(scratch.path().join(binary)), b"", scratch.path(), &run.limits).map_err(
        |e| match e {
            Unfinished::TimedOut(seconds) => {
                format!("stopped after {seconds} s: the listing's tests ran longer than `[check] timeout` allows")
            }
            Unfinished::CannotRun(why) => format!("cannot run the listing's tests: {why}"),
        },
    )?;
    Ok(Outcome { compiled: finished.success, output: finished.stderr + &finished.stdout, ..compiled })
}

/// [`build`] in the folder `scratch`.
fn build_in(run: &Run, scratch: &Path, code: &str, args: &[&str], stem: &str) -> Result<Outcome, String> {
    let file_name = format!("{stem}.zig");
    let file = scratch.join(&file_name);
    std::fs::write(&file, code).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let mut command = run.zig.command(args);
    command.arg(&file_name);
    // Zig's own caches, shared by all listings so the standard library and
    // compiler_rt are compiled once, not once per listing; kept in verstka's
    // cache folder, never in the user's.
    let caches: PathBuf = run.cache.map_or_else(|| scratch.to_path_buf(), Path::to_path_buf);
    command.arg("--cache-dir").arg(caches.join("zig-cache"));
    command.arg("--global-cache-dir").arg(caches.join("zig-global-cache"));
    let finished = sandbox::run(command, b"", scratch, &run.compile_limits()).map_err(compiler_stopped)?;
    let mut output = finished.stderr;
    output.push_str(&finished.stdout);
    Ok(Outcome { compiled: finished.success, output, file: file_name, shift: 0 })
}

fn compiler_stopped(unfinished: Unfinished) -> String {
    match unfinished {
        Unfinished::TimedOut(seconds) => format!("stopped after {seconds} s: the compiler ran longer than that"),
        Unfinished::CannotRun(why) => format!("cannot run zig: {why}"),
    }
}

/// A private folder for one compile: its working folder and `HOME`.
fn scratch_folder() -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix("verstka-listing-")
        .tempdir()
        .map_err(|e| format!("cannot create a scratch folder: {e}"))
}
