//! Progress on a terminal; silence elsewhere; and how long each stage took.

use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// Shows the build's current stage with a spinner when stderr is a terminal,
/// prints stage names with `--verbose`, and nothing otherwise; in every
/// case it notes when each stage began (for `--message-format json`).
pub struct Progress {
    spinner: Option<ProgressBar>,
    /// With `--verbose`: when the build began, so each stage line tells how
    /// long the stages before it took.
    verbose_since: Option<Instant>,
    /// Each stage's name and start, in order.
    starts: Mutex<Vec<(String, Instant)>>,
}

impl Progress {
    pub fn new(quiet: bool, verbose: bool) -> Progress {
        let spinner = (!quiet && !verbose && std::io::stderr().is_terminal()).then(|| {
            let spinner = ProgressBar::new_spinner();
            spinner.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid template"));
            spinner.enable_steady_tick(Duration::from_millis(100));
            spinner
        });
        Progress { spinner, verbose_since: (verbose && !quiet).then(Instant::now), starts: Mutex::default() }
    }

    /// A progress that shows nothing (tests, libraries).
    pub fn hidden() -> Progress {
        Progress { spinner: None, verbose_since: None, starts: Mutex::default() }
    }

    pub fn stage(&self, name: &str) {
        self.starts.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push((name.to_string(), Instant::now()));
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

    /// How long each stage took, in milliseconds, up to the last call of [`Progress::stage`].
    pub fn timings(&self) -> Vec<(String, f64)> {
        let starts = self.starts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        starts.windows(2).map(|pair| (pair[0].0.clone(), (pair[1].1 - pair[0].1).as_secs_f64() * 1e3)).collect()
    }
}
