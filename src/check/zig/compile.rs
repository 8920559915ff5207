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
    /// The name the output gives the listing: `listing.zig` or `<stdin>`.
    pub file: String,
    /// Lines verstka put before the code (a fragment wrapped in a function).
    pub shift: usize,
}

/// Bump when what is cached changes meaning.
const CACHE_FORMAT: &str = "verstka-zig-outcome-1";

/// The outcome for `code` in `mode`, from the cache folder's `results/` if
/// there (`true`), else from the compiler (then stored). An error means the
/// compiler did not run.
pub fn outcome(zig: &Zig, code: &str, mode: Mode, cache: Option<&Path>) -> Result<(Outcome, bool), String> {
    let mode_name = format!("{mode:?}");
    let name = cache::entry_name(&[CACHE_FORMAT, &zig.version, &mode_name, code]);
    let entry = cache.map(|folder| folder.join("results").join(name));
    if let Some(cached) = entry.as_deref().and_then(cache::read) {
        return Ok((cached, true));
    }
    let outcome = compile(zig, code, mode, cache)?;
    if let Some(entry) = entry {
        cache::store(&entry, &outcome);
    }
    Ok((outcome, false))
}

fn compile(zig: &Zig, code: &str, mode: Mode, cache: Option<&Path>) -> Result<Outcome, String> {
    match mode {
        Mode::Fragment => parse_fragment(zig, code),
        Mode::Program => build(zig, code, &["build-exe", "-fno-emit-bin"], cache),
        Mode::Test => build(zig, code, &["test"], cache),
        Mode::CompileFail => {
            let args: &[&str] = if code.contains("pub fn main(") {
                &["build-exe", "-fno-emit-bin"]
            } else {
                &["test", "--test-no-exec", "-fno-emit-bin"]
            };
            build(zig, code, args, cache)
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

/// Writes the code to `listing.zig` in a scratch folder and runs `zig <args> listing.zig`.
fn build(zig: &Zig, code: &str, args: &[&str], cache: Option<&Path>) -> Result<Outcome, String> {
    let scratch = tempfile::Builder::new()
        .prefix("verstka-listing-")
        .tempdir()
        .map_err(|e| format!("cannot create a scratch folder: {e}"))?;
    let file = scratch.path().join("listing.zig");
    std::fs::write(&file, code).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let mut command = zig.command(args);
    command.arg("listing.zig").current_dir(scratch.path());
    // Zig's own cache, shared by all listings so the standard library is
    // compiled once, not once per listing.
    let zig_cache: PathBuf = cache.map_or_else(|| scratch.path().join("zig-cache"), |c| c.join("zig-cache"));
    command.arg("--cache-dir").arg(&zig_cache);
    run(command)
}

fn run(mut command: Command) -> Result<Outcome, String> {
    let output = command.output().map_err(|e| format!("cannot run zig: {e}"))?;
    let mut text = String::from_utf8_lossy(&output.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stdout));
    Ok(Outcome { compiled: output.status.success(), output: text, file: "listing.zig".into(), shift: 0 })
}
