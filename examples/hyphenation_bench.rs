//! Measures the hyphenation service: dictionary loading, then words per
//! second over the words of a book's chapters, then the whole typography
//! stage on 40 copies of the book. Run it in release mode:
//!
//! `cargo run --release --example hyphenation_bench -- book`

use std::path::PathBuf;
use std::time::Instant;

use verstka::document;
use verstka::manifest::{HyphenationConfig, Manifest};
use verstka::typography::{self, Hyphenator};

/// How many words to hyphenate: the chapter's words, over and over.
const WORDS: usize = 1_000_000;

fn main() -> Result<(), verstka::Error> {
    let dir = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("book"));
    let manifest = Manifest::load(&dir)?;
    let book = document::load(manifest)?;

    let start = Instant::now();
    let hyphenator = Hyphenator::new(&HyphenationConfig::default())?;
    println!("dictionaries loaded in {:.1} ms", start.elapsed().as_secs_f64() * 1e3);

    let words: Vec<&str> = book
        .chapters
        .iter()
        .flat_map(|chapter| chapter.source.split(|c: char| !c.is_alphabetic()))
        .filter(|word| !word.is_empty())
        .collect();
    let start = Instant::now();
    let mut breaks = 0;
    for word in words.iter().cycle().take(WORDS) {
        breaks += hyphenator.break_points(word, "ru").len();
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{WORDS} words (the book's {} over and over) in {seconds:.3} s: {:.0} words/s, {breaks} break points",
        words.len(),
        WORDS as f64 / seconds
    );

    // 40 copies of the chapters, about 130 pages: the size peers were measured on.
    let mut big = book.clone();
    big.chapters = (0..40).flat_map(|_| book.chapters.clone()).collect();
    let start = Instant::now();
    typography::apply(&mut big)?;
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "typography::apply on 40 copies of the book ({} words): {:.1} ms, {:.0} words/s",
        40 * words.len(),
        seconds * 1e3,
        (40 * words.len()) as f64 / seconds
    );
    Ok(())
}
