//! Progress on a terminal; silence elsewhere.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// Shows the build's current stage with a spinner when stderr is a terminal,
/// prints stage names with `--verbose`, and nothing otherwise.
pub struct Progress {
    spinner: Option<ProgressBar>,
    /// With `--verbose`: when the build began, so each stage line tells how
    /// long the stages before it took.
    verbose_since: Option<Instant>,
    /// `--quiet`: no warnings either.
    quiet: bool,
}

impl Progress {
    pub fn new(quiet: bool, verbose: bool) -> Progress {
        let spinner = (!quiet && !verbose && std::io::stderr().is_terminal()).then(|| {
            let spinner = ProgressBar::new_spinner();
            spinner.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid template"));
            spinner.enable_steady_tick(Duration::from_millis(100));
            spinner
        });
        Progress { spinner, verbose_since: (verbose && !quiet).then(Instant::now), quiet }
    }

    /// A progress that shows nothing (tests, libraries).
    pub fn hidden() -> Progress {
        Progress { spinner: None, verbose_since: None, quiet: true }
    }

    /// Prints a warning (compiler style, coloured on a terminal) unless quiet.
    pub fn warn(&self, text: &str) {
        if self.quiet {
            return;
        }
        let line = crate::terminal::paint(text, crate::terminal::colours());
        match &self.spinner {
            Some(spinner) => spinner.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn stage(&self, name: &str) {
        if let Some(spinner) = &self.spinner {
            spinner.set_message(name.to_string());
        }
        if let Some(since) = self.verbose_since {
            eprintln!("verstka: {:7.1} ms  {name}", since.elapsed().as_secs_f64() * 1e3);
        }
    }

    pub fn finish(&self) {
        if let Some(spinner) = &self.spinner {
            spinner.finish_and_clear();
        }
        self.stage("done");
    }
}
