//! The package's accessibility metadata (EPUB Accessibility 1.1), computed
//! from what this book holds: a feature is claimed only when the book has
//! it, and the summary describes this book, not books in general.

use crate::document::{is_russian, Block, BlockKind, Book};

/// What the book holds that its accessibility metadata speaks of.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Holdings {
    pub chapters: usize,
    /// Headings inside the chapters (`##` and deeper, or any after the title).
    pub sections: usize,
    pub listings: usize,
    pub tables: usize,
    pub footnotes: usize,
    /// Images in the text, figures and inline ones; each counted where it stands.
    pub images: usize,
    /// Of `images`, those without a text description.
    pub images_without_alt: usize,
    /// Whether the book has a cover image (described by title and authors).
    pub cover: bool,
    /// Headings that go more than one level deeper than the one before
    /// them in their chapter (`##` then `####`), which screen-reader users
    /// navigating by level miss.
    pub skipped_heading_levels: usize,
    /// Whether the text marks where the print edition's pages begin, with a page list.
    pub print_pages: bool,
}

impl Holdings {
    pub fn of(book: &Book) -> Holdings {
        let mut holdings = Holdings {
            chapters: book.chapters.len(),
            cover: super::has_cover(book),
            print_pages: super::page_list::has_page_list(book),
            ..Holdings::default()
        };
        for chapter in &book.chapters {
            holdings.footnotes += chapter.footnotes.len();
            let leading_title =
                matches!(chapter.blocks.first(), Some(Block { kind: BlockKind::Heading(h), .. }) if h.level == 1);
            chapter.for_each_block(&mut |block| match &block.kind {
                BlockKind::Heading(_) => holdings.sections += 1,
                BlockKind::Code(_) => holdings.listings += 1,
                BlockKind::Table(_) => holdings.tables += 1,
                _ => {}
            });
            holdings.sections -= usize::from(leading_title);
            let mut previous_level = None;
            chapter.for_each_block(&mut |block| {
                if let BlockKind::Heading(heading) = &block.kind {
                    let skips = previous_level.is_some_and(|previous| heading.level > previous + 1);
                    holdings.skipped_heading_levels += usize::from(skips);
                    previous_level = Some(heading.level);
                }
            });
            chapter.for_each_image(&mut |image, _| {
                holdings.images += 1;
                holdings.images_without_alt += usize::from(image.alt.trim().is_empty());
            });
        }
        holdings
    }

    fn visual(&self) -> bool {
        self.images > 0 || self.cover
    }

    /// Whether the book meets what verstka can check of EPUB Accessibility
    /// 1.1 at WCAG 2.2 AA: the rest (contrast, language, structure, ARIA
    /// roles, navigation) verstka writes the same for every book, and CI
    /// checks it with DAISY Ace on `book/` and the fixture books
    /// (`.ci/epub-readers.sh`). What depends on the author: every image
    /// described, and no heading level skipped.
    fn conforms(&self) -> bool {
        self.images_without_alt == 0 && self.skipped_heading_levels == 0
    }
}

/// The print edition the page list's numbers come from, when there is one.
pub fn page_break_source(book: &Book, holdings: &Holdings) -> Option<String> {
    let words = if is_russian(&book.manifest.book.language) { &RUSSIAN } else { &ENGLISH };
    holdings.print_pages.then(|| format!("{}{}", book.manifest.book.title, words.print_edition))
}

/// The conformance claim of a book that passes [`Holdings::conforms`].
const CONFORMANCE: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

/// The schema.org properties, in the order they are written, and the
/// conformance claim when the book earns it.
pub fn properties(book: &Book, holdings: &Holdings) -> Vec<(&'static str, String)> {
    let mut properties = vec![("schema:accessMode", "textual".to_string())];
    if holdings.visual() {
        properties.push(("schema:accessMode", "visual".to_string()));
    }
    // Text alone conveys the book when every picture is described in words.
    if holdings.images_without_alt == 0 {
        properties.push(("schema:accessModeSufficient", "textual".to_string()));
    }
    if holdings.visual() {
        properties.push(("schema:accessModeSufficient", "textual,visual".to_string()));
    }
    properties.extend(features(holdings).into_iter().map(|f| ("schema:accessibilityFeature", f.to_string())));
    properties.push(("schema:accessibilityHazard", "none".to_string()));
    properties.push(("schema:accessibilitySummary", summary(&book.manifest.book.language, holdings)));

    if holdings.conforms() {
        properties.push(("dcterms:conformsTo", CONFORMANCE.to_string()));
    }
    properties
}

/// The features this book has: the contents, the reading order and ARIA
/// roles always (the package and chapters are written so); structural
/// navigation with sections to navigate; alternative text only with images,
/// all of them described; text reflows and restyles always (no fixed layout,
/// no text in images).
fn features(holdings: &Holdings) -> Vec<&'static str> {
    let mut features = vec!["tableOfContents", "readingOrder", "ARIA"];
    if holdings.sections > 0 {
        features.push("structuralNavigation");
    }
    if holdings.images > 0 && holdings.images_without_alt == 0 {
        features.push("alternativeText");
    }
    // The markers under today's name and the older one readers still look
    // for, and the page list that leads to them.
    if holdings.print_pages {
        features.extend(["pageBreakMarkers", "printPageNumbers", "pageNavigation"]);
    }
    features.push("displayTransformability");
    features
}

/// A few sentences on this book for a reader who cannot see it. Counts
/// stand after a colon («Таблиц: 1»), so no noun has to agree with them.
fn summary(language: &str, holdings: &Holdings) -> String {
    let h = holdings;
    let words = if is_russian(language) { &RUSSIAN } else { &ENGLISH };
    let contents = if h.sections > 0 { words.contents_with_sections } else { words.contents };
    let mut sentences = vec![format!("{}{} {contents}", words.chapters, h.chapters)];
    let counted = [(h.listings, words.listings), (h.tables, words.tables), (h.footnotes, words.footnotes)];
    sentences.extend(counted.iter().filter(|(n, _)| *n > 0).map(|(n, (label, what))| format!("{label}{n}{what}")));
    sentences.push(match (h.images, h.images_without_alt) {
        (0, _) => words.no_images.to_string(),
        (n, 0) => format!("{}{n}{}", words.images.0, words.images.1),
        (n, without) => format!("{}{n}{}{without}.", words.images.0, words.undescribed_images),
    });
    sentences.push(if h.print_pages { words.page_numbers } else { words.no_page_numbers }.to_string());
    sentences.join(" ")
}

/// The summary's words in one language: each count's label goes before the
/// number, what is said of it after.
struct SummaryWords {
    chapters: &'static str,
    contents: &'static str,
    contents_with_sections: &'static str,
    listings: (&'static str, &'static str),
    tables: (&'static str, &'static str),
    footnotes: (&'static str, &'static str),
    images: (&'static str, &'static str),
    undescribed_images: &'static str,
    no_images: &'static str,
    no_page_numbers: &'static str,
    page_numbers: &'static str,
    /// After the title, naming where the page numbers come from.
    print_edition: &'static str,
}

const RUSSIAN: SummaryWords = SummaryWords {
    chapters: "Глав: ",
    contents: "— с оглавлением.",
    contents_with_sections: "— с оглавлением до разделов; заголовки размечены по уровням.",
    listings: ("Листингов кода: ", "; это текст, подсветка синтаксиса ничего к нему не добавляет."),
    tables: ("Таблиц: ", ", с заголовками столбцов."),
    footnotes: ("Сносок: ", ", со ссылками туда и обратно."),
    images: ("Иллюстраций: ", ", все с текстовым описанием."),
    undescribed_images: "; без текстового описания: ",
    no_images: "Иллюстраций нет.",
    no_page_numbers: "Номеров страниц печатного издания нет.",
    page_numbers: "Начала страниц печатного издания отмечены в тексте, есть список страниц.",
    print_edition: ": печатное издание (PDF)",
};

const ENGLISH: SummaryWords = SummaryWords {
    chapters: "Chapters: ",
    contents: "— with a table of contents.",
    contents_with_sections: "— with a table of contents down to sections; headings are marked up by level.",
    listings: ("Code listings: ", "; they are text, and syntax colouring adds nothing to it."),
    tables: ("Tables: ", ", with column headers."),
    footnotes: ("Footnotes: ", ", linked both ways."),
    images: ("Illustrations: ", ", all with a text description."),
    undescribed_images: "; without a text description: ",
    no_images: "No illustrations.",
    no_page_numbers: "No page numbers of the print edition.",
    page_numbers: "Where each page of the print edition begins is marked in the text, and listed.",
    print_edition: ": the print edition (PDF)",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_claimed_only_when_the_book_has_them() {
        let plain = Holdings { chapters: 1, ..Holdings::default() };
        assert_eq!(features(&plain), ["tableOfContents", "readingOrder", "ARIA", "displayTransformability"]);
        let described = Holdings { chapters: 2, sections: 3, images: 2, ..Holdings::default() };
        assert!(features(&described).contains(&"alternativeText"));
        assert!(features(&described).contains(&"structuralNavigation"));
        let undescribed = Holdings { images: 2, images_without_alt: 1, ..described };
        assert!(!features(&undescribed).contains(&"alternativeText"));
        assert!(described.conforms());
        assert!(!undescribed.conforms());
        assert!(!Holdings { skipped_heading_levels: 1, ..described }.conforms());
        assert!(!features(&described).contains(&"printPageNumbers"));
        let paged = Holdings { print_pages: true, ..plain };
        assert!(["pageBreakMarkers", "printPageNumbers", "pageNavigation"]
            .iter()
            .all(|f| features(&paged).contains(f)));
        assert!(summary("en", &paged)
            .ends_with("Where each page of the print edition begins is marked in the text, and listed."));
    }

    #[test]
    fn the_summary_says_what_this_book_holds() {
        let text = Holdings { chapters: 1, sections: 4, listings: 1, ..Holdings::default() };
        assert_eq!(
            summary("ru", &text),
            "Глав: 1 — с оглавлением до разделов; заголовки размечены по уровням. \
             Листингов кода: 1; это текст, подсветка синтаксиса ничего к нему не добавляет. \
             Иллюстраций нет. Номеров страниц печатного издания нет."
        );
        let pictures = Holdings { chapters: 2, tables: 1, images: 3, images_without_alt: 1, ..Holdings::default() };
        assert_eq!(
            summary("en", &pictures),
            "Chapters: 2 — with a table of contents. Tables: 1, with column headers. \
             Illustrations: 3; without a text description: 1. No page numbers of the print edition."
        );
    }
}
