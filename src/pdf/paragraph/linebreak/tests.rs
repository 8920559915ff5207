use super::*;
use crate::pdf::paragraph::items::Content;

fn word(width: f32) -> Item {
    Item { width, kind: Kind::Box, content: Content::Empty }
}

fn glue(width: f32, stretch: f32, shrink: f32) -> Item {
    Item { width, kind: Kind::Glue { stretch, shrink, fill: 0.0, breakable: true }, content: Content::Empty }
}

fn hyphen_point(width: f32) -> Item {
    Item { width, kind: Kind::Penalty { cost: 50, flagged: true, last_resort: false }, content: Content::Empty }
}

/// Words separated by interword glue, closed like a paragraph.
fn paragraph(parts: Vec<Item>) -> Vec<Item> {
    let mut items = parts;
    items.push(Item::penalty(INFINITE_PENALTY, false));
    items.push(Item {
        width: 0.0,
        kind: Kind::Glue { stretch: 0.0, shrink: 0.0, fill: 1.0, breakable: false },
        content: Content::Empty,
    });
    items.push(Item::penalty(-INFINITE_PENALTY, false));
    items
}

fn words(widths: &[f32]) -> Vec<Item> {
    let mut items = Vec::new();
    for (index, &width) in widths.iter().enumerate() {
        if index > 0 {
            items.push(glue(5.0, 2.5, 5.0 / 3.0));
        }
        items.push(word(width));
    }
    paragraph(items)
}

fn params(measure: f32) -> Params {
    Params { measure, emergency_stretch: 30.0, ..Params::default() }
}

/// The widths of the lines the breaks make, as justification will see them.
fn ratios(items: &[Item], breaks: &[usize], measure: f32) -> Vec<f32> {
    let mut start = 0;
    breaks
        .iter()
        .map(|&end| {
            let mut sums = Sums::default();
            items[start..end].iter().for_each(|item| sums.add(item));
            if matches!(items[end].kind, Kind::Penalty { .. }) {
                sums.width += items[end].width;
            }
            start = line_start(items, end);
            sums.ratio(measure)
        })
        .collect()
}

#[test]
fn exact_lines_break_where_they_fill_the_measure() {
    // Three words of 10 and two spaces of 5 make exactly 40.
    let items = words(&[10.0; 6]);
    let breaks = break_lines(&items, &params(40.0));
    assert_eq!(breaks, [5, items.len() - 1]);
    assert_eq!(ratios(&items, &breaks, 40.0)[0], 0.0);
}

#[test]
fn total_fit_beats_first_fit() {
    // Greedy fills line one (10+5+10+5+10 = 40 of 41) and leaves a
    // hopeless second line; total fit balances both lines.
    let items = words(&[10.0, 10.0, 10.0, 20.0, 8.0]);
    let breaks = break_lines(&items, &Params { measure: 41.0, ..Params::default() });
    let ratios = ratios(&items, &breaks, 41.0);
    assert!(ratios.iter().take(ratios.len() - 1).all(|r| r.abs() <= 1.0), "{breaks:?} {ratios:?}");
}

#[test]
fn a_paragraph_that_fits_only_with_a_hyphen_takes_it() {
    // "aaaa bbbb-cccc": without the hyphen point line one is 20 (too loose)
    // or 45 (too tight); with it, 20+5+12+3 = 40 exactly.
    let mut items = vec![word(20.0), glue(5.0, 2.5, 5.0 / 3.0), word(12.0), hyphen_point(3.0), word(13.0)];
    items.push(glue(5.0, 2.5, 5.0 / 3.0));
    items.push(word(10.0));
    let items = paragraph(items);
    let breaks = break_lines(&items, &params(40.0));
    assert_eq!(breaks, [3, items.len() - 1]);
    assert_eq!(ratios(&items, &breaks, 40.0)[0], 0.0);
}

#[test]
fn no_hyphen_when_the_first_pass_succeeds() {
    let mut items = vec![word(10.0), glue(5.0, 2.5, 5.0 / 3.0), word(10.0), hyphen_point(3.0), word(10.0)];
    items.extend([glue(5.0, 2.5, 5.0 / 3.0), word(20.0)]);
    let items = paragraph(items);
    let breaks = break_lines(&items, &params(40.0));
    assert!(breaks.iter().all(|&b| !items[b].is_soft_hyphen() || items[b].width == 0.0), "{breaks:?}");
    assert_eq!(breaks[0], 5);
}

#[test]
fn emergency_stretch_rescues_a_hopelessly_loose_paragraph() {
    // 20+5+20 = 45 of 60 with only 2.5 of stretch: badness far over 200,
    // and three words (70) are overfull. Only emergency stretch finds it.
    let items = words(&[20.0, 20.0, 20.0, 20.0]);
    let measure = 60.0;
    let strict = Params { measure, ..Params::default() };
    assert!(Breaker::new(
        &items,
        &strict,
        Pass { tolerance: 200.0, soft_hyphens: true, extra_stretch: 0.0, cap: INFINITE_BADNESS, last: false }
    )
    .run()
    .is_none());
    let breaks = break_lines(&items, &params(measure));
    assert_eq!(breaks, [3, items.len() - 1]);
    assert!(ratios(&items, &breaks, measure).iter().all(|&r| r >= -1.0));
}

#[test]
fn an_underfull_line_is_preferred_to_an_overfull_one() {
    // No stretch at all: every line but the last is underfull or overfull.
    let mut items = Vec::new();
    for index in 0..5 {
        if index > 0 {
            items.push(glue(5.0, 0.0, 0.0));
        }
        items.push(word(30.0));
    }
    let items = paragraph(items);
    let breaks = break_lines(&items, &Params { measure: 50.0, ..Params::default() });
    assert_eq!(breaks.len(), 5, "{breaks:?}");
    assert!(ratios(&items, &breaks, 50.0).iter().all(|&r| r >= -1.0));
}

#[test]
fn an_unbreakable_long_word_sticks_out_only_when_nothing_else_works() {
    let items = words(&[10.0, 100.0, 10.0]);
    let breaks = break_lines(&items, &params(50.0));
    assert_eq!(breaks, [1, 3, items.len() - 1]);
}

#[test]
fn at_most_two_hyphenated_lines_in_a_row() {
    // Every line fits exactly only when broken at its hyphen point.
    let mut items = Vec::new();
    for _ in 0..6 {
        items.extend([word(17.0), glue(5.0, 2.5, 5.0 / 3.0), word(15.0), hyphen_point(3.0)]);
    }
    items.push(word(17.0));
    let items = paragraph(items);
    let flags = |params: &Params| -> Vec<bool> {
        break_lines(&items, params).iter().map(|&b| items[b].is_soft_hyphen()).collect()
    };
    let unlimited = flags(&Params { measure: 40.0, max_hyphenated_lines: 10, ..Params::default() });
    assert_eq!(unlimited.iter().filter(|&&f| f).count(), 6, "{unlimited:?}");
    let limited = flags(&Params { measure: 40.0, ..Params::default() });
    assert!(limited.windows(3).all(|w| !w.iter().all(|&f| f)), "{limited:?}");
    assert!(limited.iter().filter(|&&f| f).count() >= 2, "{limited:?}");
}

#[test]
fn badness_and_fitness_follow_tex() {
    assert_eq!(badness(1.0, INFINITE_BADNESS), 100.0);
    assert_eq!(badness(-0.5, INFINITE_BADNESS), 12.5);
    assert_eq!(badness(10.0, INFINITE_BADNESS), INFINITE_BADNESS);
    assert_eq!([fitness(1.5), fitness(0.7), fitness(0.0), fitness(-0.7)], [0, 1, 2, 3]);
}

#[test]
fn a_runt_last_line_is_avoided_when_that_costs_little() {
    let mut items = Vec::new();
    for width in [10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 3.0] {
        if !items.is_empty() {
            items.push(glue(5.0, 30.0, 2.0));
        }
        items.push(word(width));
    }
    let items = paragraph(items);
    let plain = Params { measure: 40.0, ..Params::default() };
    assert_eq!(break_lines(&items, &plain), [5, 11, items.len() - 1], "the runt «3» alone");
    let russian = Params { short_last_line: 15.0, short_last_line_demerits: 10_000.0, ..plain };
    assert_eq!(break_lines(&items, &russian)[1..], [9, items.len() - 1], "«10 3» on the last line");
}
