//! verstka (вёрстка, «typesetting») builds books: a manifest and Markdown
//! chapters in, an EPUB 3 e-book and a print-ready PDF out.
//!
//! Data flows one way through the stages, one module each:
//!
//! ```text
//! book.toml ─► manifest ─► document ─► typography ─► index ─► highlight ─► pdf layout ─┬─► epub  ─► book.epub
//!                                                  (page starts into the model) ──────┤
//!                                                                                      ├─► pdf   ─► book.pdf, book-print.pdf
//!                                                                                      └─► cover ─► book-cover.pdf
//! check: manifest + document (+ Zig compiler, spelling, terms, pdf::preflight) ─► diagnostics
//! ```
//!
//! - [`manifest`]: `book.toml` → typed configuration;
//! - [`document`]: Markdown → one model of the whole book (both editions read only it);
//! - [`typography`]: Russian quotes, dashes, non-breaking spaces, hyphenation;
//! - [`index`]: the subject index's terms found in the text, anchors at each;
//! - [`highlight`]: code → classed spans, themes → styles;
//! - [`epub`] and [`pdf`]: the renderers, each a function from the book to
//!   bytes (the PDF stage lays the book out once for both of its files);
//! - [`cover`]: the print shop's cover spread and the e-book's store cover;
//! - [`pipeline`]: runs the stages in order and writes the files atomically (`verstka build`);
//! - [`check`]: verifies a book without building it;
//! - [`diagnostic`]: the errors and warnings of every stage, and their one printer;
//! - [`new`]: a book folder to start from.
//!
//! verstka is a command-line tool first; this library is its implementation,
//! not a stable API. Each stage's documentation points at its private parts:
//! read it with `cargo doc --document-private-items`.

// The links to private parts are for that reading.
#![allow(rustdoc::private_intra_doc_links)]

pub mod check;
pub mod cover;
pub mod diagnostic;
pub mod document;
pub mod epub;
pub mod error;
pub mod highlight;
pub mod index;
pub mod manifest;
pub mod new;
pub mod pdf;
pub mod pipeline;
pub mod terminal;
pub mod typography;

pub use error::{Error, Result};
