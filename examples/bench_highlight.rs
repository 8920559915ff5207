//! Highlights 20,000 lines of Zig and reports lines per second.
//!
//! `cargo run --release --example bench_highlight [lines] [runs]`. The Zig is
//! the test corpus (`tests/fixtures/highlight/*.zig`) repeated; the first run
//! also pays for loading the grammars, so it is reported apart.

use std::time::{Duration, Instant};

use verstka::highlight::highlight;

const CORPUS: [&str; 3] = [
    include_str!("../tests/fixtures/highlight/keywords.zig"),
    include_str!("../tests/fixtures/highlight/literals.zig"),
    include_str!("../tests/fixtures/highlight/names.zig"),
];

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let lines = args.next().and_then(Result::ok).unwrap_or(20_000);
    let runs = args.next().and_then(Result::ok).unwrap_or(5);
    let code = zig_source(lines);

    let (first, spans) = timed(&code);
    println!("{lines} lines of Zig, {spans} spans");
    println!("first run (loads the grammars): {:>8.1} ms", ms(first));
    let mut times: Vec<Duration> = (0..runs).map(|_| timed(&code).0).collect();
    times.sort();
    let median = times[times.len() / 2];
    println!("median of {runs} runs:           {:>8.1} ms", ms(median));
    println!("lines per second (median):      {:>8.0}", lines as f64 / median.as_secs_f64());
}

/// `lines` lines of Zig: the corpus repeated and cut.
fn zig_source(lines: usize) -> String {
    let corpus: Vec<&str> = CORPUS.iter().flat_map(|file| file.lines()).collect();
    let mut code = String::new();
    for line in corpus.iter().cycle().take(lines) {
        code.push_str(line);
        code.push('\n');
    }
    code
}

fn timed(code: &str) -> (Duration, usize) {
    let start = Instant::now();
    let lines = highlight(Some("zig"), code).expect("the corpus highlights");
    (start.elapsed(), lines.iter().map(|line| line.spans.len()).sum())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
