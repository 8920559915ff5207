//! Measures the paragraph engine: speed (lines and paragraphs per second on
//! one core) and quality (hyphenated lines, interword spaces, overfull and
//! underfull lines) on a book's chapters and on a large synthetic text made
//! of the same words.
//!
//! ```text
//! cargo run --release --example bench_paragraphs [-- BOOK_DIR [MEASURE_MM [SYNTHETIC_PARAGRAPHS]]]
//! ```
//!
//! Defaults: the project's `book/`, a 125 mm measure (170 × 240 mm trim with
//! 25/20 mm side margins), PT Serif 10.5/13 pt with a one-em indent.

use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use hyphenation::{Hyphenator, Language, Load, Standard};
use verstka::document::{self, BlockKind, Inline};
use verstka::manifest::Manifest;
use verstka::pdf::fonts::{Family, FontBook, FontStyle};
use verstka::pdf::paragraph::{layout, Paragraph, ParagraphStyle};
use verstka::typography;

const POINTS_PER_MM: f32 = 72.0 / 25.4;
const SIZE: f32 = 10.5;
const SERIF: FontStyle = FontStyle { family: Family::Serif, bold: false, italic: false };
/// Paragraphs in the synthetic text, unless given.
const SYNTHETIC_PARAGRAPHS: usize = 20_000;
/// Timed runs repeat until they took at least this long.
const MIN_TIMED: Duration = Duration::from_secs(2);

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let book_dir = PathBuf::from(args.next().unwrap_or_else(|| "book".to_string()));
    let measure_mm: f32 = args.next().map(|mm| mm.parse()).transpose()?.unwrap_or(125.0);
    let synthetic: usize = args.next().map(|count| count.parse()).transpose()?.unwrap_or(SYNTHETIC_PARAGRAPHS);
    let mut book = document::load(Manifest::load(&book_dir)?)?;
    typography::apply(&mut book)?;
    let mut paragraphs: Vec<Vec<Inline>> = Vec::new();
    for chapter in &book.chapters {
        chapter.for_each_block(&mut |block| {
            if let BlockKind::Paragraph(content) = &block.kind {
                paragraphs.push(content.clone());
            }
        });
    }
    if !paragraphs.iter().any(|content| has_soft_hyphens(content)) {
        println!("note: the text has no soft hyphens (typography stage not merged); inserting them here");
        let russian = Standard::from_embedded(Language::Russian)?;
        paragraphs.iter_mut().for_each(|content| hyphenate(content, &russian));
    }
    let fonts = FontBook::built_in()?;
    let style = ParagraphStyle::body(measure_mm * POINTS_PER_MM, SERIF, SIZE, 13.0);
    println!("measure {measure_mm} mm = {:.1} pt, PT Serif {SIZE}/13 pt, indent 1 em", style.measure);
    report("book", &paragraphs, &style, &fonts);
    if synthetic > 0 {
        report("synthetic", &synthesize(&paragraphs, synthetic), &style, &fonts);
    }
    Ok(())
}

fn has_soft_hyphens(content: &[Inline]) -> bool {
    content.iter().any(|inline| match inline {
        Inline::Text(text) => text.contains('\u{AD}'),
        Inline::Emphasis(inner) | Inline::Strong(inner) | Inline::Strikethrough(inner) => has_soft_hyphens(inner),
        Inline::Link(link) => has_soft_hyphens(&link.content),
        _ => false,
    })
}

/// The stopgap for a missing typography stage: soft hyphens in words of six
/// letters or more, two letters at least on each side.
fn hyphenate(content: &mut [Inline], dictionary: &Standard) {
    for inline in content {
        match inline {
            Inline::Text(text) => *text = hyphenate_text(text, dictionary),
            Inline::Emphasis(inner) | Inline::Strong(inner) => hyphenate(inner, dictionary),
            _ => {}
        }
    }
}

fn hyphenate_text(text: &str, dictionary: &Standard) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphabetic) {
        out.push_str(&rest[..start]);
        let word_len = rest[start..].find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        let letters = word.chars().count();
        let breaks = if letters >= 6 { dictionary.hyphenate(word).breaks } else { Vec::new() };
        let mut last = 0;
        for &point in &breaks {
            let (before, after) = (word[..point].chars().count(), letters - word[..point].chars().count());
            if before >= 2 && after >= 2 {
                out.push_str(&word[last..point]);
                out.push('\u{AD}');
                last = point;
            }
        }
        out.push_str(&word[last..]);
        rest = &rest[start + word_len..];
    }
    out.push_str(rest);
    out
}

/// Paragraphs of 20 to 200 words drawn from the book's own, reproducibly.
fn synthesize(paragraphs: &[Vec<Inline>], count: usize) -> Vec<Vec<Inline>> {
    let mut words: Vec<Inline> = Vec::new();
    for content in paragraphs {
        for inline in content {
            match inline {
                Inline::Text(text) => words.extend(text.split_whitespace().map(|word| Inline::Text(word.to_string()))),
                Inline::Code(_) | Inline::Emphasis(_) | Inline::Strong(_) => words.push(inline.clone()),
                _ => {}
            }
        }
    }
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |bound: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % bound as u64) as usize
    };
    (0..count)
        .map(|_| {
            let length = 20 + next(180);
            let mut content = Vec::with_capacity(2 * length);
            for index in 0..length {
                if index > 0 {
                    content.push(Inline::Text(" ".to_string()));
                }
                content.push(words[next(words.len())].clone());
            }
            content
        })
        .collect()
}

fn report(name: &str, paragraphs: &[Vec<Inline>], style: &ParagraphStyle, fonts: &FontBook) {
    let cold = Clock::start();
    let laid_out: Vec<Paragraph> = paragraphs.iter().map(|content| layout(content, style, fonts)).collect();
    let cold = cold.elapsed();
    let quality = Quality::of(&laid_out, style, fonts);
    let (runs, elapsed) = timed(|| {
        for content in paragraphs {
            std::hint::black_box(layout(content, style, fonts));
        }
    });
    let seconds = elapsed.as_secs_f64() / runs as f64;
    println!("\n{name}: {} paragraphs, {} lines", paragraphs.len(), quality.lines);
    println!(
        "  speed (CPU time, one core): {:.0} lines/s, {:.0} paragraphs/s (warm cache, {runs} runs); first run with shaping {:.0} lines/s",
        quality.lines as f64 / seconds,
        paragraphs.len() as f64 / seconds,
        quality.lines as f64 / cold.as_secs_f64()
    );
    quality.print();
}

/// Runs `f` until [`MIN_TIMED`] has passed; the number of runs and the time.
fn timed(mut f: impl FnMut()) -> (u32, Duration) {
    let clock = Clock::start();
    let mut runs = 0;
    while runs == 0 || clock.elapsed() < MIN_TIMED {
        f();
        runs += 1;
    }
    (runs, clock.elapsed())
}

/// This thread's time on the CPU (the machine is shared, so wall time says
/// little about one core's speed), or wall time where Linux's
/// `/proc/thread-self/schedstat` is missing.
struct Clock {
    wall: Instant,
    cpu: Option<Duration>,
}

impl Clock {
    fn start() -> Clock {
        Clock { wall: Instant::now(), cpu: cpu_time() }
    }

    fn elapsed(&self) -> Duration {
        match (self.cpu, cpu_time()) {
            // The kernel updates the figure at ticks: too coarse for a short run.
            (Some(start), Some(now)) if now > start => now - start,
            _ => self.wall.elapsed(),
        }
    }
}

fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds: u64 = stat.split_whitespace().next()?.parse().ok()?;
    (nanoseconds > 0).then(|| Duration::from_nanos(nanoseconds))
}

/// Quality figures over laid-out paragraphs.
struct Quality {
    lines: usize,
    hyphenated: usize,
    /// Justified lines (not last in their paragraph).
    justified: usize,
    /// Interword spaces of justified lines in body text, in em.
    spaces: Vec<f32>,
    overfull: usize,
    /// Lines looser than the tolerance (badness > 200) and than TeX's `\hbadness` (1000).
    loose: usize,
    underfull: usize,
    max_consecutive_hyphens: usize,
    hyphen_before_last_line: usize,
    /// Last lines shorter than one and a half indents.
    short_last_lines: usize,
    /// The justified line with the widest space, and that space in em.
    loosest: (f32, String),
}

impl Quality {
    fn of(paragraphs: &[Paragraph], style: &ParagraphStyle, fonts: &FontBook) -> Quality {
        let (natural, body_font, _) = fonts.space(style.font, style.size);
        let mut quality = Quality {
            lines: 0,
            hyphenated: 0,
            justified: 0,
            spaces: Vec::new(),
            overfull: 0,
            loose: 0,
            underfull: 0,
            max_consecutive_hyphens: 0,
            hyphen_before_last_line: 0,
            short_last_lines: 0,
            loosest: (0.0, String::new()),
        };
        for paragraph in paragraphs {
            let lines = &paragraph.lines;
            let mut run_of_hyphens = 0;
            for (index, line) in lines.iter().enumerate() {
                quality.lines += 1;
                quality.overfull += usize::from(line.width - line.hang > style.measure + 0.01);
                run_of_hyphens = if line.hyphenated { run_of_hyphens + 1 } else { 0 };
                quality.max_consecutive_hyphens = quality.max_consecutive_hyphens.max(run_of_hyphens);
                quality.hyphenated += usize::from(line.hyphenated);
                if index + 1 == lines.len() {
                    quality.short_last_lines += usize::from(line.width < 1.5 * style.indent && lines.len() > 1);
                    continue;
                }
                quality.hyphen_before_last_line += usize::from(line.hyphenated && index + 2 == lines.len());
                quality.justified += 1;
                let spaces: Vec<f32> = line
                    .runs
                    .iter()
                    .filter(|run| run.font == body_font && run.size == style.size)
                    .flat_map(|run| {
                        run.glyphs
                            .iter()
                            .filter(|glyph| run.text[glyph.cluster as usize..].starts_with([' ', '\u{A0}']))
                            .map(|glyph| glyph.x_advance)
                    })
                    .collect();
                if let Some(&space) = spaces.first() {
                    let ratio = (space - natural) / (natural / 2.0);
                    quality.loose += usize::from(ratio > 1.26);
                    quality.underfull += usize::from(ratio > 2.15);
                }
                quality.spaces.extend(spaces.iter().map(|space| space / style.size));
                let widest = spaces.iter().copied().fold(0.0, f32::max) / style.size;
                if widest > quality.loosest.0 {
                    quality.loosest = (widest, line.runs.iter().map(|run| run.text.as_str()).collect());
                }
            }
        }
        quality.spaces.sort_by(f32::total_cmp);
        quality
    }

    fn print(&self) {
        let percentile =
            |p: f32| self.spaces.get(((self.spaces.len() as f32 - 1.0) * p) as usize).copied().unwrap_or(0.0);
        let share = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
        println!(
            "  hyphenated lines: {} ({:.1}% of all lines), at most {} in a row, {} on a second-to-last line",
            self.hyphenated,
            share(self.hyphenated, self.lines),
            self.max_consecutive_hyphens,
            self.hyphen_before_last_line
        );
        println!(
            "  interword space in justified lines: median {:.3} em, p95 {:.3} em, max {:.3} em ({} spaces)",
            percentile(0.5),
            percentile(0.95),
            self.spaces.last().copied().unwrap_or(0.0),
            self.spaces.len()
        );
        println!(
            "  overfull lines: {}; loose beyond tolerance (badness > 200): {}; underfull (badness > 1000): {} of {} justified",
            self.overfull, self.loose, self.underfull, self.justified
        );
        println!("  last lines shorter than 1.5 indents: {}", self.short_last_lines);
        println!("  loosest line ({:.3} em): {:?}", self.loosest.0, self.loosest.1);
    }
}
