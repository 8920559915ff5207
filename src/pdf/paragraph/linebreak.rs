//! Line breaking: Knuth–Plass total fit over boxes, glue and penalties.
//!
//! Passes as in TeX: first without soft hyphens at the pretolerance, then
//! with them at the tolerance, then with emergency stretch, and last with
//! any underfull line allowed, its badness no longer capped so the least
//! loose solution wins — an overfull line only when not even one item fits. Active nodes are kept per fitness class and per count of
//! hyphenated lines before them, so the limit of consecutive hyphens is a
//! hard one and still optimal.

use super::items::{hang, Item, Kind, INFINITE_PENALTY};

/// Badness of a line that cannot stretch enough (TeX's `inf_bad`).
pub const INFINITE_BADNESS: f32 = 10_000.0;
/// The last pass measures looseness without TeX's cap, so that when every
/// solution has very loose lines the least loose one wins.
const LAST_PASS_BADNESS: f32 = 1.0e30;
/// In the last pass a line without glue counts as having this much stretch
/// (points): it is then as bad as it is short, not infinitely bad — else a
/// short line of one long URL would tie with a loose line of text.
const LAST_PASS_STRETCH: f32 = 0.01;
/// A hyphen beyond the limit costs more than the loosest line: the last
/// pass takes one only to avoid an overfull line.
const HYPHEN_LIMIT_DEMERITS: f64 = 1.0e70;

/// Knuth–Plass parameters (plain TeX's defaults unless said otherwise).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// The line width in points.
    pub measure: f32,
    /// Highest badness of the first pass, which has no soft hyphens.
    pub pretolerance: f32,
    /// Highest badness of the passes with soft hyphens.
    pub tolerance: f32,
    /// Added to every line's badness before squaring.
    pub line_penalty: f32,
    /// Two hyphenated lines in a row.
    pub double_hyphen_demerits: f32,
    /// A hyphen on the second-to-last line.
    pub final_hyphen_demerits: f32,
    /// A very loose line next to a decent or tight one, or a tight next to a loose one.
    pub adjacent_demerits: f32,
    /// At most this many consecutive lines end with a flagged break.
    pub max_hyphenated_lines: u8,
    /// Extra stretch every line gets in the emergency passes.
    pub emergency_stretch: f32,
    /// Stretch at each line end (ragged settings).
    pub line_end_stretch: f32,
    /// A last line narrower than this (a runt) costs `short_last_line_demerits`.
    pub short_last_line: f32,
    pub short_last_line_demerits: f32,
    /// Let punctuation and hyphens at line ends hang into the margin.
    pub hanging_punctuation: bool,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            measure: 0.0,
            pretolerance: 100.0,
            tolerance: 200.0,
            line_penalty: 10.0,
            double_hyphen_demerits: 10_000.0,
            final_hyphen_demerits: 5_000.0,
            adjacent_demerits: 10_000.0,
            max_hyphenated_lines: 2,
            emergency_stretch: 0.0,
            line_end_stretch: 0.0,
            short_last_line: 0.0,
            short_last_line_demerits: 0.0,
            hanging_punctuation: false,
        }
    }
}

/// Running totals of widths, stretch (finite and `fil`) and shrink.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Sums {
    pub width: f32,
    pub stretch: f32,
    pub fill: f32,
    pub shrink: f32,
}

impl Sums {
    pub fn add(&mut self, item: &Item) {
        match item.kind {
            Kind::Box => self.width += item.width,
            Kind::Glue { stretch, shrink, fill, .. } => {
                self.width += item.width;
                self.stretch += stretch;
                self.shrink += shrink;
                self.fill += fill;
            }
            Kind::Penalty { .. } => {}
        }
    }

    fn minus(self, other: Sums) -> Sums {
        Sums {
            width: self.width - other.width,
            stretch: self.stretch - other.stretch,
            fill: self.fill - other.fill,
            shrink: self.shrink - other.shrink,
        }
    }

    /// How far the glue must stretch (> 0) or shrink (< 0) to fill `measure`,
    /// as a share of its stretchability; infinite when it cannot at all.
    pub fn ratio(&self, measure: f32) -> f32 {
        let shortfall = measure - self.width;
        if shortfall > 0.0 {
            if self.fill > 0.0 {
                0.0
            } else if self.stretch > 0.0 {
                shortfall / self.stretch
            } else {
                f32::INFINITY
            }
        } else if shortfall < 0.0 {
            if self.shrink > 0.0 {
                shortfall / self.shrink
            } else {
                f32::NEG_INFINITY
            }
        } else {
            0.0
        }
    }
}

/// TeX's badness: 100 r³, capped (TeX: at [`INFINITE_BADNESS`]); overfull
/// lines are not measured by it.
pub fn badness(ratio: f32, cap: f32) -> f32 {
    (100.0 * ratio.abs().powi(3)).min(cap)
}

/// The fitness class: 0 very loose, 1 loose, 2 decent, 3 tight.
fn fitness(ratio: f32) -> u8 {
    if ratio > 1.0 {
        0
    } else if ratio > 0.5 {
        1
    } else if ratio >= -0.5 {
        2
    } else {
        3
    }
}

/// One pass's rules.
#[derive(Debug, Clone, Copy)]
struct Pass {
    tolerance: f32,
    soft_hyphens: bool,
    extra_stretch: f32,
    /// The highest badness a line can have.
    cap: f32,
    /// The last pass: it never fails.
    last: bool,
}

/// The breakpoints of the best solution: indexes of the items broken at, the
/// last one the paragraph's final penalty.
pub fn break_lines(items: &[Item], params: &Params) -> Vec<usize> {
    let first = Pass {
        tolerance: params.pretolerance,
        soft_hyphens: false,
        extra_stretch: 0.0,
        cap: INFINITE_BADNESS,
        last: false,
    };
    let passes = [
        first,
        Pass { tolerance: params.tolerance, soft_hyphens: true, ..first },
        Pass { tolerance: params.tolerance, soft_hyphens: true, extra_stretch: params.emergency_stretch, ..first },
        Pass { tolerance: LAST_PASS_BADNESS, soft_hyphens: true, cap: LAST_PASS_BADNESS, last: true, ..first },
    ];
    let found = passes.iter().find_map(|pass| Breaker::new(items, params, *pass).run());
    // The last pass cannot fail; should it ever, one line keeps the text.
    found.unwrap_or_else(|| items.len().checked_sub(1).into_iter().collect())
}

/// A feasible breakpoint and the best way to reach it.
#[derive(Debug, Clone)]
struct Node {
    /// The item broken at (0 for the paragraph's start).
    position: usize,
    fitness: u8,
    /// Consecutive lines ending in a flagged break, up to and including this one.
    hyphens: u8,
    demerits: f64,
    previous: Option<usize>,
    /// Totals up to the first item of the next line (discarded items skipped).
    after: Sums,
}

struct Breaker<'a> {
    items: &'a [Item],
    params: &'a Params,
    pass: Pass,
    /// Every node created; `active` indexes into it.
    nodes: Vec<Node>,
    active: Vec<usize>,
    /// The active list being rebuilt at a breakpoint (kept to reuse its memory).
    kept: Vec<usize>,
}

/// The breakpoint a line ends at.
struct Break {
    cost: i32,
    flagged: bool,
    /// Width added when broken here (a hyphen).
    width: f32,
    /// How far the line's last glyph may hang into the margin.
    hang: f32,
    /// The paragraph's end.
    last: bool,
}

/// The best new node for one (fitness class, hyphen count) at a breakpoint.
type Candidates = [[Option<(f64, usize)>; 4]; 4];

impl<'a> Breaker<'a> {
    fn new(items: &'a [Item], params: &'a Params, pass: Pass) -> Self {
        let start = Node { position: 0, fitness: 2, hyphens: 0, demerits: 0.0, previous: None, after: Sums::default() };
        Breaker { items, params, pass, nodes: vec![start], active: vec![0], kept: Vec::new() }
    }

    fn run(mut self) -> Option<Vec<usize>> {
        let mut total = Sums::default();
        for (index, item) in self.items.iter().enumerate() {
            if self.is_legal_break(index) {
                self.try_break(index, total);
                if self.active.is_empty() {
                    return None;
                }
            }
            total.add(item);
        }
        let best = self
            .active
            .iter()
            .copied()
            .filter(|&node| self.nodes[node].position + 1 == self.items.len())
            .min_by(|&a, &b| self.nodes[a].demerits.total_cmp(&self.nodes[b].demerits))?;
        Some(self.path(best))
    }

    fn is_legal_break(&self, index: usize) -> bool {
        let item = &self.items[index];
        match item.kind {
            Kind::Box => false,
            Kind::Glue { breakable, .. } => breakable && index > 0 && self.items[index - 1].kind == Kind::Box,
            Kind::Penalty { cost, last_resort, .. } => {
                cost < INFINITE_PENALTY
                    && (self.pass.soft_hyphens || !item.is_soft_hyphen())
                    && (self.pass.last || !last_resort)
            }
        }
    }

    /// Considers a line from every active node to the break at `index`.
    fn try_break(&mut self, index: usize, total: Sums) {
        let end = self.break_at(index);
        let forced = end.cost <= -INFINITE_PENALTY;
        let mut candidates: Candidates = Default::default();
        let mut found = false;
        let mut kept = std::mem::take(&mut self.kept);
        kept.clear();
        let active = std::mem::take(&mut self.active);
        for (position, &node_index) in active.iter().enumerate() {
            let node = &self.nodes[node_index];
            let mut line = total.minus(node.after);
            line.width += end.width - end.hang;
            line.stretch += self.params.line_end_stretch + self.pass.extra_stretch;
            if self.pass.last {
                line.stretch = line.stretch.max(LAST_PASS_STRETCH);
            }
            let ratio = line.ratio(self.params.measure);
            let last_hope = self.pass.last && !found && position + 1 == active.len() && kept.is_empty();
            if let Some(demerits) = self.evaluate(node, ratio, line.width, &end, last_hope) {
                let hyphens = if end.flagged { node.hyphens.saturating_add(1) } else { 0 };
                let slot = &mut candidates[usize::from(fitness(ratio))][usize::from(hyphens.min(3))];
                if slot.is_none_or(|(best, _)| demerits < best) {
                    *slot = Some((demerits, node_index));
                    found = true;
                }
            }
            if ratio >= -1.0 && !forced {
                kept.push(node_index);
            }
        }
        self.active = kept;
        self.kept = active;
        if found {
            self.add_nodes(index, total, candidates);
        }
    }

    fn break_at(&self, index: usize) -> Break {
        let item = &self.items[index];
        let last = index + 1 == self.items.len();
        let (cost, flagged) = match item.kind {
            Kind::Penalty { cost, flagged, .. } => (cost, flagged),
            _ => (0, false),
        };
        let width = if matches!(item.kind, Kind::Penalty { .. }) { item.width } else { 0.0 };
        let hang = if self.params.hanging_punctuation && !last { hang(self.items, index) } else { 0.0 };
        Break { cost, flagged, width, hang, last }
    }

    /// The total demerits of a line from `node` of natural `width` set at
    /// `ratio`, if it is feasible in this pass. An overfull line is, only as
    /// the last hope of the last pass; so is a hyphen beyond the limit, at a
    /// price no other line pays.
    fn evaluate(&self, node: &Node, ratio: f32, width: f32, end: &Break, last_hope: bool) -> Option<f64> {
        let overfull = ratio < -1.0;
        if overfull && !last_hope {
            return None;
        }
        let bad = if overfull { self.pass.cap } else { badness(ratio, self.pass.cap) };
        if bad > self.pass.tolerance {
            return None;
        }
        let mut demerits = self.demerits(node, bad, end, fitness(ratio));
        if end.last && width < self.params.short_last_line {
            demerits += f64::from(self.params.short_last_line_demerits);
        }
        if end.flagged && node.hyphens >= self.params.max_hyphenated_lines {
            if !self.pass.last {
                return None;
            }
            demerits += HYPHEN_LIMIT_DEMERITS;
        }
        Some(demerits)
    }

    fn add_nodes(&mut self, index: usize, total: Sums, candidates: Candidates) {
        let after = self.after_break(index, total);
        for (fitness, slots) in (0u8..).zip(candidates) {
            for (hyphens, slot) in (0u8..).zip(slots) {
                if let Some((demerits, previous)) = slot {
                    self.active.push(self.nodes.len());
                    let previous = Some(previous);
                    self.nodes.push(Node { position: index, fitness, hyphens, demerits, previous, after });
                }
            }
        }
    }

    /// The demerits of a line from `node` ending at a break with `cost`, plus
    /// everything before it.
    fn demerits(&self, node: &Node, badness: f32, end: &Break, fitness: u8) -> f64 {
        let params = self.params;
        let cost = f64::from(end.cost);
        let mut demerits = f64::from(params.line_penalty + badness).powi(2);
        if cost >= 0.0 {
            demerits += cost * cost;
        } else if cost > -f64::from(INFINITE_PENALTY) {
            demerits -= cost * cost;
        }
        let previous_flagged = node.hyphens > 0;
        if end.flagged && previous_flagged {
            demerits += f64::from(params.double_hyphen_demerits);
        }
        if end.last && previous_flagged {
            demerits += f64::from(params.final_hyphen_demerits);
        }
        if fitness.abs_diff(node.fitness) > 1 {
            demerits += f64::from(params.adjacent_demerits);
        }
        node.demerits + demerits
    }

    /// The totals where the line after a break at `index` starts: glue and
    /// penalties after the break are discarded, up to the next box.
    fn after_break(&self, index: usize, total: Sums) -> Sums {
        let mut after = total;
        self.items[index..line_start(self.items, index)].iter().for_each(|item| after.add(item));
        after
    }

    fn path(&self, mut node: usize) -> Vec<usize> {
        let mut breaks = Vec::new();
        while let Some(previous) = self.nodes[node].previous {
            breaks.push(self.nodes[node].position);
            node = previous;
        }
        breaks.reverse();
        breaks
    }
}

/// Where the line after a break at `index` starts (the first item kept).
pub fn line_start(items: &[Item], index: usize) -> usize {
    let mut start = index;
    while let Some(item) = items.get(start) {
        match item.kind {
            Kind::Box => break,
            Kind::Penalty { cost, .. } if start > index && cost <= -INFINITE_PENALTY => break,
            _ => start += 1,
        }
    }
    start
}

#[cfg(test)]
mod tests;
