//! Small-number suppression: no count of crime statistics singles anyone out.
//!
//! A count under the threshold ([`MinCell`], `CCTNS_STATISTICS_MIN_CELL`, default 5) but
//! above zero could point at one victim (one POCSO case at one station in one month), so
//! it is withheld (primary suppression). A total is always one query away (group by one
//! dimension fewer, or narrow `unitCode` to the parent unit), and a total minus the
//! cells shown beside a withheld one would give it back; so, in every *line* of the table
//! (the cells a total adds up: [`Key::line`]), the withheld cells are never a single
//! one and never add up to less than the threshold: more cells are withheld, smallest
//! first (secondary suppression), until each line holds. A row's counts are related
//! (grouped by status, a chargesheeted row has as many FIRs as chargesheeted ones), so a
//! count equal to a withheld count of its row is withheld too. Every withheld cell reads
//! alike, so nobody can tell the small ones from those withheld to protect them.

use std::collections::HashMap;

use async_graphql::Enum;

use super::StatisticsDimension;
use super::rows::{Counts, Key};

/// The default threshold: the count DOMAIN.md and NCRB practice treat as identifying.
pub const DEFAULT_MIN_CELL: u32 = 5;

/// The smallest count crime statistics show (`CCTNS_STATISTICS_MIN_CELL`): counts from 1
/// to one less are suppressed, with the counts they could be recovered from. 1 shows
/// every count. Attached to the schema as data by [`crate::Graph::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinCell(pub u32);

impl Default for MinCell {
    fn default() -> Self {
        Self(DEFAULT_MIN_CELL)
    }
}

/// A count of a row of crime statistics.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatisticsMeasure {
    /// FIRs registered (`firs`).
    Firs,
    /// FIRs whose case has a chargesheet (`chargesheeted`).
    Chargesheeted,
    /// FIRs closed by a final report other than a chargesheet (`closed`).
    Closed,
    /// Cases pending more than 60 days (`pendingOver60Days`).
    PendingOver60Days,
    /// Cases pending more than 90 days (`pendingOver90Days`).
    PendingOver90Days,
}

impl StatisticsMeasure {
    /// Every measure, in the order of the row's fields.
    pub(crate) const ALL: [Self; 5] = [
        Self::Firs,
        Self::Chargesheeted,
        Self::Closed,
        Self::PendingOver60Days,
        Self::PendingOver90Days,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// Which counts of one row are withheld.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Withheld([bool; StatisticsMeasure::ALL.len()]);

impl Withheld {
    /// Whether `measure` is withheld.
    pub(crate) fn has(self, measure: StatisticsMeasure) -> bool {
        self.0[measure.index()]
    }

    /// Whether any count is withheld.
    pub(crate) fn any(self) -> bool {
        self.0.contains(&true)
    }

    fn set(&mut self, measure: StatisticsMeasure) {
        self.0[measure.index()] = true;
    }

    /// The counts of `counts` that are small enough to single someone out.
    fn primary(counts: &Counts, min: i64) -> Self {
        let mut withheld = Self::default();
        for measure in StatisticsMeasure::ALL {
            if (1..min).contains(&counts.get(measure)) {
                withheld.set(measure);
            }
        }
        withheld
    }

    /// Also withholds every count equal to a withheld one of the same row; whether any
    /// was added.
    fn spread_to_equal(&mut self, counts: &Counts) -> bool {
        let hidden: Vec<i64> = StatisticsMeasure::ALL
            .into_iter()
            .filter(|m| self.has(*m))
            .map(|m| counts.get(m))
            .collect();
        let mut changed = false;
        for measure in StatisticsMeasure::ALL {
            if !self.has(measure) && hidden.contains(&counts.get(measure)) {
                self.set(measure);
                changed = true;
            }
        }
        changed
    }
}

/// Which counts of each of `rows` (grouped by `group_by`) are withheld at threshold
/// `min`, in the order of `rows`.
pub(super) fn withheld(
    rows: &[(Key, Counts)],
    group_by: &[StatisticsDimension],
    min: MinCell,
) -> Vec<Withheld> {
    let min = i64::from(min.0);
    let mut withheld: Vec<Withheld> = rows
        .iter()
        .map(|(_, counts)| Withheld::primary(counts, min))
        .collect();
    let lines = lines(rows, group_by);
    loop {
        let mut changed = false;
        for line in &lines {
            for measure in StatisticsMeasure::ALL {
                changed |= protect(line, measure, rows, &mut withheld, min);
            }
        }
        for (row, (_, counts)) in withheld.iter_mut().zip(rows) {
            changed |= row.spread_to_equal(counts);
        }
        if !changed {
            return withheld;
        }
    }
}

/// The lines of the table (row indices), those of more than one row: a one-row line's
/// total is the cell itself, suppressed alike wherever it is shown.
fn lines(rows: &[(Key, Counts)], group_by: &[StatisticsDimension]) -> Vec<Vec<usize>> {
    let mut lines = Vec::new();
    for dimension in group_by {
        let mut by_line: HashMap<Key, Vec<usize>> = HashMap::new();
        for (index, (key, _)) in rows.iter().enumerate() {
            if let Some(line) = key.line(*dimension, group_by) {
                by_line.entry(line).or_default().push(index);
            }
        }
        lines.extend(by_line.into_values().filter(|line| line.len() > 1));
    }
    lines
}

/// Withholds more cells of `measure` in `line`, smallest first (a zero only when no
/// other is left), until what a subtraction from the line's total would give (the sum of
/// its withheld cells) is neither one cell nor under the threshold; whether any was
/// added.
fn protect(
    line: &[usize],
    measure: StatisticsMeasure,
    rows: &[(Key, Counts)],
    withheld: &mut [Withheld],
    min: i64,
) -> bool {
    let value = |index: usize| rows[index].1.get(measure);
    let mut changed = false;
    loop {
        let hidden: Vec<usize> = line
            .iter()
            .copied()
            .filter(|&index| withheld[index].has(measure))
            .collect();
        let sum: i64 = hidden.iter().map(|&index| value(index)).sum();
        if hidden.is_empty() || (hidden.len() > 1 && sum >= min) {
            return changed;
        }
        let next = line
            .iter()
            .copied()
            .filter(|&index| !withheld[index].has(measure))
            .min_by_key(|&index| (value(index) == 0, value(index)));
        let Some(next) = next else {
            return changed;
        };
        withheld[next].set(measure);
        changed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use StatisticsMeasure::{Chargesheeted, Firs};

    /// Which rows of a by-month table of `(firs, chargesheeted)` have `measure` withheld.
    fn hidden(counts: &[(i64, i64)], min: u32, measure: StatisticsMeasure) -> Vec<bool> {
        let rows: Vec<(Key, Counts)> = counts
            .iter()
            .enumerate()
            .map(|(i, (firs, chargesheeted))| {
                let key = Key::of_month(&format!("2025-{:02}", i + 1));
                (key, Counts::of_firs(*firs, *chargesheeted))
            })
            .collect();
        withheld(&rows, &[StatisticsDimension::Month], MinCell(min))
            .into_iter()
            .map(|w| w.has(measure))
            .collect()
    }

    #[test]
    fn a_small_cell_is_withheld_with_the_smallest_other_of_its_line() {
        let firs = hidden(&[(1, 0), (30, 0), (20, 0)], 5, Firs);
        assert_eq!(firs, [true, false, true]);
    }

    #[test]
    fn small_cells_that_add_up_to_a_small_number_take_another_with_them() {
        let firs = hidden(&[(1, 0), (1, 0), (30, 0), (40, 0)], 5, Firs);
        assert_eq!(firs, [true, true, true, false]);
        let firs = hidden(&[(3, 0), (4, 0), (30, 0)], 5, Firs);
        assert_eq!(firs, [true, true, false], "3 + 4 is not a small number");
    }

    #[test]
    fn a_count_equal_to_a_withheld_one_of_its_row_is_withheld() {
        // Grouped by status, a chargesheeted row has as many FIRs as chargesheeted ones.
        let counts = [(2, 0), (12, 12), (30, 9)];
        assert_eq!(hidden(&counts, 5, Firs), [true, true, false]);
        assert_eq!(hidden(&counts, 5, Chargesheeted), [false, true, true]);
    }

    #[test]
    fn large_cells_and_zeros_are_shown_and_a_threshold_of_one_shows_all() {
        assert_eq!(hidden(&[(0, 0), (5, 0), (9, 0)], 5, Firs), [false; 3]);
        assert_eq!(hidden(&[(1, 1), (2, 0)], 1, Firs), [false; 2]);
    }
}
