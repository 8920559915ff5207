//! Reading the compiler's output: `file:line:col: error: message` lines, and
//! for a failed test the `FAIL`/`panic` line and the first stack frame in the
//! listing.

/// One problem the compiler reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Line and column in the listing; `None` when the place is elsewhere
    /// (the standard library) or unknown.
    pub place: Option<(usize, usize)>,
    pub text: String,
}

/// The problems in `output`, a compiler's stderr for the listing in a file
/// named `file` (`listing.zig`, or `<stdin>`). Listing lines are shifted up
/// by `shift` (the lines verstka wrapped around the code).
pub fn parse(output: &str, file: &str, shift: usize) -> Vec<Message> {
    let errors: Vec<Message> = output.lines().filter_map(|line| compile_error(line, file, shift)).collect();
    if !errors.is_empty() {
        return errors;
    }
    runtime_failure(output, file, shift).into_iter().collect()
}

/// `path:line:col: error: text`, placed if `path` is the listing.
fn compile_error(line: &str, file: &str, shift: usize) -> Option<Message> {
    let (head, text) = line.split_once(": error: ")?;
    match split_place(head) {
        Some((path, line, column)) if is_listing(path, file) => {
            Some(Message { place: Some((line.saturating_sub(shift), column)), text: text.to_string() })
        }
        Some(_) => Some(Message { place: None, text: format!("{text} (at {head})") }),
        None => None,
    }
}

/// A test that compiled but failed or panicked: what happened, placed at
/// the first stack frame that lies in the listing.
fn runtime_failure(output: &str, file: &str, shift: usize) -> Option<Message> {
    let text = test_failure(output).or_else(|| panic(output))?;
    let place = output.lines().find_map(|line| {
        let (head, _) = line.split_once(": 0x")?;
        let (path, line, column) = split_place(head)?;
        is_listing(path, file).then(|| (line.saturating_sub(shift), column))
    });
    Some(Message { place, text })
}

/// `1/1 test.name... expected 5, found 4` `FAIL (TestExpectedEqual)` (on one
/// line or two) → `test "name" failed: expected 5, found 4 (TestExpectedEqual)`.
fn test_failure(output: &str) -> Option<String> {
    let fail = output.find("FAIL (")?;
    let header = output[..fail].rfind(" test.")? + 1;
    let (name, details) = output[header + "test.".len()..fail].split_once("...")?;
    let reason = output[fail + "FAIL ".len()..].lines().next().unwrap_or("");
    let mut details = details.split_whitespace().collect::<Vec<_>>().join(" ");
    // What the test printed before failing: a reminder, not a transcript.
    if let Some((cut, _)) = details.char_indices().nth(DETAILS_CHARS) {
        details.truncate(cut);
        details.push('…');
    }
    Some(match details.is_empty() {
        true => format!("test \"{name}\" failed {reason}"),
        false => format!("test \"{name}\" failed: {details} {reason}"),
    })
}

/// The most characters of a failed test's own output a message repeats.
const DETAILS_CHARS: usize = 200;

/// `thread 1 panic: index out of bounds` → `panic: index out of bounds`.
fn panic(output: &str) -> Option<String> {
    output.lines().find_map(|line| line.split_once("panic: ").map(|(_, what)| format!("panic: {what}")))
}

/// `path:line:col` → its parts, reading from the right (paths may hold `:`).
fn split_place(head: &str) -> Option<(&str, usize, usize)> {
    let mut parts = head.rsplitn(3, ':');
    let column = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    let path = parts.next()?;
    Some((path, line, column))
}

fn is_listing(path: &str, file: &str) -> bool {
    path == file || path.ends_with(&format!("/{file}")) || path.ends_with(&format!("\\{file}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compile_errors_in_the_listing_are_placed() {
        let output = "listing.zig:2:9: error: use of undeclared identifier 'x'\n    x();\n    ^\n";
        let messages = parse(output, "listing.zig", 0);
        assert_eq!(messages, vec![Message { place: Some((2, 9)), text: "use of undeclared identifier 'x'".into() }]);
    }

    #[test]
    fn wrapped_lines_are_shifted_back() {
        let messages = parse("<stdin>:3:5: error: expected ';' after statement\n", "<stdin>", 1);
        assert_eq!(messages[0].place, Some((2, 5)));
    }

    #[test]
    fn errors_elsewhere_name_their_file() {
        let messages = parse("/zig/lib/std/mem.zig:10:2: error: bad\n", "listing.zig", 0);
        assert_eq!(messages[0].place, None);
        assert_eq!(messages[0].text, "bad (at /zig/lib/std/mem.zig:10:2)");
    }

    #[test]
    fn a_failed_test_points_at_its_frame_in_the_listing() {
        let output = "1/1 test.a... FAIL (TestUnexpectedResult)\n\
            /zig/lib/std/testing.zig:515:14: 0x22422f in expect (test)\n\
            /tmp/x/listing.zig:3:5: 0x224345 in test.a (test)\n\
            0 passed; 0 skipped; 1 failed.\n";
        let messages = parse(output, "listing.zig", 0);
        assert_eq!(
            messages,
            vec![Message { place: Some((3, 5)), text: "test \"a\" failed (TestUnexpectedResult)".into() }]
        );
    }

    #[test]
    fn a_failure_message_may_span_two_lines() {
        let output = "1/1 test.равенство... expected 5, found 4\nFAIL (TestExpectedEqual)\n\
            /tmp/x/listing.zig:3:5: 0x22453d in test.равенство (test)\n";
        let messages = parse(output, "listing.zig", 0);
        assert_eq!(messages[0].text, "test \"равенство\" failed: expected 5, found 4 (TestExpectedEqual)");
        assert_eq!(messages[0].place, Some((3, 5)));
    }

    #[test]
    fn a_panic_is_a_failure() {
        let output = "thread 7 panic: index out of bounds: index 5, len 3\n/t/listing.zig:4:10: 0x1 in test.x (test)\n";
        let messages = parse(output, "listing.zig", 0);
        assert_eq!(messages[0].text, "panic: index out of bounds: index 5, len 3");
        assert_eq!(messages[0].place, Some((4, 10)));
    }

    #[test]
    fn output_without_problems_yields_nothing() {
        assert!(parse("All 3 tests passed.\n", "listing.zig", 0).is_empty());
    }
}
