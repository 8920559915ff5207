//! Colours for messages on a terminal, as compilers print them: `error:` in
//! bold red, `warning:` in bold yellow, `help:` in bold cyan — only when
//! stderr is a terminal and `NO_COLOR` is not set (<https://no-color.org>),
//! so logs, pipes and editors get plain text.

use std::io::IsTerminal;

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Whether messages on stderr are coloured.
pub fn colours() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// `text` with its first `error:` or `warning:` label and every `help:`
/// label coloured, if `colours` is set; else `text` as it is.
pub fn paint(text: &str, colours: bool) -> String {
    if !colours {
        return text.to_string();
    }
    let labelled = [(": error: ", RED), (": warning: ", YELLOW)].into_iter().find_map(|(label, colour)| {
        let at = text.find(label)?;
        let word = label.trim_start_matches(": ").trim_end();
        Some(format!("{}: {colour}{word}{RESET} {}", &text[..at], &text[at + label.len()..]))
    });
    let text = labelled.unwrap_or_else(|| text.to_string());
    text.replace("  help: ", &format!("  {CYAN}help:{RESET} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_coloured_only_when_asked() {
        let line = "book/01.md:3:5: error: link to `#нет`\n  help: fix the id";
        assert_eq!(paint(line, false), line);
        let painted = paint(line, true);
        assert_eq!(
            painted,
            "book/01.md:3:5: \x1b[1;31merror:\x1b[0m link to `#нет`\n  \x1b[1;36mhelp:\x1b[0m fix the id"
        );
        assert!(paint("a.md: warning: x", true).contains("\x1b[1;33mwarning:\x1b[0m x"));
    }
}
