//! The `verstka` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use verstka::diagnostic::MessageFormat;
use verstka::pipeline::{self, BuildOptions, BuildReport, Format, Progress};
use verstka::{check, terminal, Error};

/// mimalloc: a build allocates many small strings and vectors, and the
/// system allocator took a fifth of its time. Transparent huge pages are off
/// (`no_thp`), or each thread's heap would hold megabytes it never uses.
/// It also takes the C libraries' `malloc` (`override`): Oniguruma allocates
/// a match region for every search the highlighter makes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// verstka — builds a Markdown book into an EPUB 3 e-book and a print-ready PDF.
#[derive(Parser)]
#[command(version = VERSION, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print nothing but errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Say what each stage is doing.
    #[arg(short, long, global = true)]
    verbose: bool,
}

/// `0.1.0 (commit 1a2b3c4d5e)`: with the commit the binary was built from,
/// when it was built from a git checkout (see build.rs).
const VERSION: &str = env!("VERSTKA_VERSION");

#[derive(Subcommand)]
enum Command {
    /// Start a book: a folder with a commented book.toml, sample chapters and a CI workflow.
    New {
        /// The folder to create (it must not exist or be empty).
        dir: PathBuf,
        /// The language of the sample book.
        #[arg(long, value_enum, default_value = "ru")]
        lang: verstka::new::Language,
    },
    /// Build the book's editions.
    Build {
        /// The book folder (holding book.toml).
        #[arg(default_value = "book")]
        book_dir: PathBuf,
        /// Where to write the editions.
        #[arg(short, long, default_value = "build")]
        out: PathBuf,
        /// The editions to write (repeatable); default: all.
        #[arg(short, long, value_enum)]
        format: Vec<Format>,
        /// Build again whenever a file of the book changes, until stopped (Ctrl-C).
        #[arg(short, long)]
        watch: bool,
        /// The folder the book may read files from (default: the book folder).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// How to print errors, warnings and the summary: text for people, JSON
        /// lines for tools, or GitHub Actions annotations.
        #[arg(long, value_enum, default_value = "text")]
        message_format: MessageFormat,
    },
    /// Check the book without building it: Zig listings, links, spelling, status.
    Check {
        /// The book folder (holding book.toml).
        #[arg(default_value = "book")]
        book_dir: PathBuf,
        /// How to print the findings: compiler-style text, JSON lines for tools,
        /// or GitHub Actions annotations (`--format` is the same option).
        #[arg(long, visible_alias = "format", value_enum, default_value = "text")]
        message_format: MessageFormat,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Print the translation status: words, listings and empty sections per chapter.
        #[arg(long)]
        status: bool,
        /// List the links to outside the book (they are not fetched).
        #[arg(long)]
        external: bool,
        /// The folder the book may read files from (default: the book folder).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Compile the listings' tests but do not run them (for books you do not trust).
        #[arg(long)]
        no_run: bool,
    },
    /// Print a completion script for a shell: `verstka completions bash > /etc/bash_completion.d/verstka`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `verstka man > verstka.1`.
    Man,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build { book_dir, out, format, watch, root, deny_warnings, message_format } => {
            let options = BuildOptions { book_dir, out_dir: out, formats: format, root };
            let progress = || Progress::new(cli.quiet, cli.verbose);
            // Without a book folder there is nothing to watch: the build says so.
            if watch && options.book_dir.is_dir() {
                if !cli.quiet {
                    eprintln!("verstka: watching {} (Ctrl-C to stop)", options.book_dir.display());
                }
                let mut report = |report: BuildReport| {
                    let report = if deny_warnings { report.deny_warnings() } else { report };
                    report.print(message_format, cli.quiet);
                };
                pipeline::watch(&options, &progress, &mut report).map(|()| ExitCode::SUCCESS)
            } else {
                let progress = progress();
                let outcome = pipeline::build(&options, &progress);
                progress.finish();
                let mut report = BuildReport::new(outcome, progress.timings());
                if deny_warnings {
                    report = report.deny_warnings();
                }
                report.print(message_format, cli.quiet);
                Ok(if report.failed() { ExitCode::from(1) } else { ExitCode::SUCCESS })
            }
        }
        Command::New { dir, lang } => verstka::new::create(&dir, lang).map(|written| {
            if !cli.quiet {
                eprintln!(
                    "verstka: a new book in {} ({} files); next: verstka check {0}",
                    dir.display(),
                    written.len()
                );
            }
            ExitCode::SUCCESS
        }),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "verstka", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| Error::io("stdout".as_ref(), "cannot write the manual page", e)),
        Command::Check { book_dir, message_format, deny_warnings, status, external, root, no_run } => {
            let report = check::run(&book_dir, &check::CheckOptions { root, no_run });
            report.print(message_format, check::PrintOptions { status, external, quiet: cli.quiet });
            Ok(if report.failed(deny_warnings) { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    };
    result.unwrap_or_else(|error| {
        report(&error);
        ExitCode::from(1)
    })
}

/// Prints an error as a compiler would: the message, then what to do;
/// several errors one after another, then how many there were.
fn report(error: &Error) {
    match error {
        Error::Many(errors) => {
            errors.iter().for_each(report);
            eprintln!("verstka: {} errors", errors.len());
        }
        single => {
            let mut text = single.to_string();
            if let Some(help) = single.help() {
                text.push_str(&format!("\n  help: {help}"));
            }
            eprintln!("{}", terminal::paint(&text, terminal::colours()));
        }
    }
}
