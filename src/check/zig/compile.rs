//! Running the compiler on one listing, with results cached by content.
//!
//! The cache key is a SHA-256 of the Zig version, the mode and the code, so a
//! listing that did not change is not compiled again, wherever it moved in the
//! book; the compiler's raw output is stored and mapped to the Markdown anew
//! on every run.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use super::listing::Mode;
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
const CACHE_FORMAT: &str = "verstka-zig-outcome-2";

/// The outcome for `code` in `mode`, from the cache folder's `results/` if
/// there (`true`), else from the compiler (then stored). An error means the
/// compiler did not run.
pub fn outcome(zig: &Zig, code: &str, mode: Mode, cache: Option<&Path>) -> Result<(Outcome, bool), String> {
    let mode_name = format!("{mode:?}");
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
    let outcome = compile(zig, code, mode, cache, &format!("listing_{}", &name[..16]))?;
    if let Some(entry) = entry {
        cache::store(&entry, &outcome);
    }
    Ok((outcome, false))
}

/// Compiles `code` as the file `<stem>.zig`.
fn compile(zig: &Zig, code: &str, mode: Mode, cache: Option<&Path>, stem: &str) -> Result<Outcome, String> {
    let build = |args: &[&str]| build(zig, code, args, cache, stem);
    match mode {
        Mode::Fragment => parse_fragment(zig, code),
        Mode::Program => build(&["build-exe", "-fno-emit-bin"]),
        Mode::Test => build(&["test"]),
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
fn parse_fragment(zig: &Zig, code: &str) -> Result<Outcome, String> {
    let as_file = zig_fmt(zig, code, 0)?;
    if as_file.compiled {
        return Ok(as_file);
    }
    let as_body = zig_fmt(zig, &format!("fn fragment() void {{\n{code}\n}}\n"), 1)?;
    if as_body.compiled || first_place(&as_body) > first_place(&as_file) {
        Ok(as_body)
    } else {
        Ok(as_file)
    }
}

fn first_place(outcome: &Outcome) -> Option<(usize, usize)> {
    super::messages::parse(&outcome.output, &outcome.file, outcome.shift).first().and_then(|m| m.place)
}

fn zig_fmt(zig: &Zig, code: &str, shift: usize) -> Result<Outcome, String> {
    let mut child = zig
        .command(["fmt", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run zig fmt: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(code.as_bytes()).map_err(|e| format!("cannot write to zig fmt: {e}"))?;
    }
    let output = child.wait_with_output().map_err(|e| format!("zig fmt failed: {e}"))?;
    Ok(Outcome {
        compiled: output.status.success(),
        output: String::from_utf8_lossy(&output.stderr).into_owned(),
        file: "<stdin>".into(),
        shift,
    })
}

/// Writes the code to `<stem>.zig` in a scratch folder and runs `zig <args> <stem>.zig`.
///
/// Zig names a build's output folder in its cache after the root file's name
/// and the options, not the file's folder: two listings both called
/// `listing.zig` would be built into one folder at once. A stem made from the
/// listing's own key keeps them apart.
fn build(zig: &Zig, code: &str, args: &[&str], cache: Option<&Path>, stem: &str) -> Result<Outcome, String> {
    let scratch = tempfile::Builder::new()
        .prefix("verstka-listing-")
        .tempdir()
        .map_err(|e| format!("cannot create a scratch folder: {e}"))?;
    let file_name = format!("{stem}.zig");
    let file = scratch.path().join(&file_name);
    std::fs::write(&file, code).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let mut command = zig.command(args);
    command.arg(&file_name).current_dir(scratch.path());
    // Zig's own caches, shared by all listings so the standard library and
    // compiler_rt are compiled once, not once per listing; kept in verstka's
    // cache folder, never in the user's.
    let caches: PathBuf = cache.map_or_else(|| scratch.path().to_path_buf(), Path::to_path_buf);
    command.arg("--cache-dir").arg(caches.join("zig-cache"));
    command.arg("--global-cache-dir").arg(caches.join("zig-global-cache"));
    run(command, file_name)
}

fn run(mut command: Command, file: String) -> Result<Outcome, String> {
    let output = command.output().map_err(|e| format!("cannot run zig: {e}"))?;
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    Ok(Outcome { compiled: output.status.success(), output: text, file, shift: 0 })
}
