//! The book's Zig listings, what to do with each, and how a line of a
//! listing maps back to the Markdown file.

use std::path::PathBuf;

use crate::document::{BlockKind, Book, CodeBlock};
use crate::error::Location;

/// What the compiler does with a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Only parsed (`zig fmt --stdin`): a piece of a program.
    Fragment,
    /// Compiled with `zig build-exe`: a program with `pub fn main`.
    Program,
    /// Compiled and run with `zig test`.
    Test,
    /// Must fail to compile (`zig test --test-no-exec`, or `build-exe` for a program).
    CompileFail,
}

/// One ```` ```zig ```` block of a chapter — or, for a listing included
/// from a file, that whole file.
#[derive(Debug, Clone)]
pub struct Listing {
    /// The chapter file (or the included file), as the diagnostics name it.
    pub path: PathBuf,
    /// The line of `path` the code's first line is on.
    pub first_line: usize,
    /// The opening fence in the chapter, for findings about the whole listing.
    fence: Location,
    pub code: String,
    pub mode: Mode,
    /// The Markdown lines the code came from, to map columns (indentation,
    /// `> ` of quotes); one per code line.
    source_lines: Vec<String>,
}

/// Why a listing is not checked, or how it is.
const ATTRIBUTES: [&str; 4] = ["ignore", "fragment", "compile_fail", "test"];

/// Every Zig listing of the book that is not marked `ignore`, in book order,
/// and warnings for attributes check does not know.
pub fn collect(book: &Book) -> (Vec<Listing>, Vec<(Location, String)>) {
    let mut listings = Vec::new();
    let mut unknown = Vec::new();
    for chapter in &book.chapters {
        let source: Vec<&str> = chapter.source.lines().collect();
        chapter.for_each_block(&mut |block| {
            let BlockKind::Code(code) = &block.kind else { return };
            let line = block.line;
            if !is_zig(code) {
                return;
            }
            for attribute in code.attributes.iter().filter(|a| !ATTRIBUTES.contains(&a.as_str())) {
                let known = ATTRIBUTES.join(", ");
                unknown.push((
                    Location::at(&chapter.path, line, 0),
                    format!("unknown listing attribute `{attribute}` (known: {known})"),
                ));
            }
            let Some(mode) = mode(code) else { return };
            let fence = Location::at(&chapter.path, line, 0);
            listings.push(match &code.include {
                // The whole file is checked, and placed at its own lines.
                Some(include) => Listing {
                    path: include.path.clone(),
                    first_line: 1,
                    fence,
                    code: include.text.clone(),
                    mode,
                    source_lines: include.text.lines().map(str::to_string).collect(),
                },
                None => {
                    let first_line = line + 1;
                    let count = code.text.lines().count();
                    let source_lines = source.iter().skip(first_line - 1).take(count).map(|l| l.to_string()).collect();
                    Listing {
                        path: chapter.path.clone(),
                        first_line,
                        fence,
                        code: code.text.clone(),
                        mode,
                        source_lines,
                    }
                }
            });
        });
    }
    (listings, unknown)
}

fn is_zig(code: &CodeBlock) -> bool {
    code.language.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("zig"))
}

/// The mode the attributes ask for, else the one the code implies (the
/// whole included file's, for an included listing); `None` for `ignore`.
fn mode(code: &CodeBlock) -> Option<Mode> {
    let has = |name: &str| code.attributes.iter().any(|a| a == name);
    let text = code.include.as_ref().map_or(&code.text, |include| &include.text);
    if has("ignore") {
        None
    } else if has("compile_fail") {
        Some(Mode::CompileFail)
    } else if has("fragment") {
        Some(Mode::Fragment)
    } else if has("test") || declares_test(text) {
        Some(Mode::Test)
    } else if declares_main(text) {
        Some(Mode::Program)
    } else {
        Some(Mode::Fragment)
    }
}

fn declares_main(code: &str) -> bool {
    code.lines().any(|line| line.trim_start().starts_with("pub fn main("))
}

fn declares_test(code: &str) -> bool {
    code.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with("test \"") || line.starts_with("test {")
    })
}

impl Listing {
    /// The Markdown place of `line`:`column` of the listing (from 1; the
    /// compiler's column counts bytes). Lines past the end map to the last line.
    pub fn location(&self, line: usize, column: usize) -> Location {
        let count = self.code.lines().count().max(1);
        let line = line.clamp(1, count);
        let code_line = self.code.lines().nth(line - 1).unwrap_or("");
        let byte = column.saturating_sub(1).min(code_line.len());
        let chars_before = code_line.char_indices().take_while(|(i, _)| *i < byte).count();
        let markdown_line = self.source_lines.get(line - 1).map_or("", String::as_str);
        // The Markdown line is the code line behind an indent or `> `.
        let prefix = match markdown_line.strip_suffix(code_line) {
            Some(prefix) => prefix.chars().count(),
            None => 0,
        };
        Location::at(&self.path, self.first_line + line - 1, prefix + chars_before + 1)
    }

    /// The place of the opening fence, for findings about the whole listing.
    pub fn fence(&self) -> Location {
        self.fence.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(code: &str, markdown: &[&str]) -> Listing {
        Listing {
            path: "ch.md".into(),
            first_line: 10,
            fence: Location::at("ch.md", 9, 0),
            code: code.into(),
            mode: Mode::Fragment,
            source_lines: markdown.iter().map(|l| l.to_string()).collect(),
        }
    }

    #[test]
    fn lines_count_from_the_line_after_the_fence() {
        let l = listing("const a = 1;\nconst b = ;\n", &["const a = 1;", "const b = ;"]);
        assert_eq!(l.location(2, 11), Location::at("ch.md", 11, 11));
        assert_eq!(l.fence(), Location::at("ch.md", 9, 0));
    }

    #[test]
    fn columns_count_characters_and_the_markdown_indent() {
        let l = listing("// ой\nx;\n", &["   > // ой", "   > x;"]);
        // Byte 7 of the code line is after "// ой" (2 + 1 + 4 bytes).
        assert_eq!(l.location(1, 8), Location::at("ch.md", 10, 11));
        assert_eq!(l.location(2, 1), Location::at("ch.md", 11, 6));
    }

    fn code(text: &str, attributes: &[&str]) -> CodeBlock {
        CodeBlock {
            language: Some("zig".into()),
            attributes: attributes.iter().map(|a| a.to_string()).collect(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_code_decides_unless_an_attribute_says_otherwise() {
        let program = "const std = @import(\"std\");\npub fn main() void {}\n";
        let test = "test \"adds\" {\n}\n";
        assert_eq!(mode(&code(program, &[])), Some(Mode::Program));
        assert_eq!(mode(&code(test, &[])), Some(Mode::Test));
        assert_eq!(mode(&code("var x = 1;\n", &[])), Some(Mode::Fragment));
        assert_eq!(mode(&code(program, &["fragment"])), Some(Mode::Fragment));
        assert_eq!(mode(&code(program, &["compile_fail"])), Some(Mode::CompileFail));
        assert_eq!(mode(&code("fn f() void {}\n", &["test"])), Some(Mode::Test));
        assert_eq!(mode(&code(program, &["ignore"])), None);
    }
}
