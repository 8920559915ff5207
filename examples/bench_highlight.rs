//! Highlights 20,000 lines of Zig and reports lines per second.
//!
//! `cargo run --release --example bench_highlight [lines] [runs]`. The Zig is
//! the test corpus (`tests/fixtures/highlight/*.zig`) repeated; the first run
//! also pays for loading the grammars, so it is reported apart. On a shared
//! machine wall time lies, so the thread's CPU time is reported too (Linux).

use std::time::{Duration, Instant};

use verstka::highlight::highlight;

const CORPUS: [&str; 4] = [
    include_str!("../tests/fixtures/highlight/keywords.zig"),
    include_str!("../tests/fixtures/highlight/literals.zig"),
    include_str!("../tests/fixtures/highlight/names.zig"),
    include_str!("../tests/fixtures/highlight/prefixes.zig"),
];

/// Wall and CPU time of one run.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    cpu: Option<Duration>,
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let lines = args.next().and_then(Result::ok).unwrap_or(20_000);
    let runs = args.next().and_then(Result::ok).unwrap_or(5).max(1);
    let code = zig_source(lines);

    let (first, spans) = timed(&code);
    println!("{lines} lines of Zig, {spans} spans");
    report("first run (loads the grammars)", lines, first);
    let timings: Vec<Timing> = (0..runs).map(|_| timed(&code).0).collect();
    let median = |mut times: Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    let wall = median(timings.iter().map(|t| t.wall).collect());
    let cpu = timings.iter().map(|t| t.cpu).collect::<Option<Vec<_>>>().map(median);
    report(&format!("median of {runs} runs"), lines, Timing { wall, cpu });
}

fn report(label: &str, lines: usize, timing: Timing) {
    let rate = |d: Duration| lines as f64 / d.as_secs_f64();
    print!("{label:32} wall {:>8.1} ms ({:>7.0} lines/s)", ms(timing.wall), rate(timing.wall));
    match timing.cpu {
        Some(cpu) => println!("   cpu {:>8.1} ms ({:>7.0} lines/s)", ms(cpu), rate(cpu)),
        None => println!(),
    }
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

fn timed(code: &str) -> (Timing, usize) {
    let (start, cpu_start) = (Instant::now(), thread_cpu_time());
    let lines = highlight(Some("zig"), code).expect("the corpus highlights");
    let cpu = thread_cpu_time().zip(cpu_start).map(|(end, start)| end.saturating_sub(start));
    (Timing { wall: start.elapsed(), cpu }, lines.iter().map(|line| line.spans.len()).sum())
}

/// The time this thread has spent on a CPU: the first field of Linux's
/// `/proc/thread-self/schedstat`, in nanoseconds.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok().map(Duration::from_nanos)
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
