//! How a request's registration window is counted: whole months (Indian Standard Time)
//! from the write-time tally, the ragged ends of the window from the FIRs themselves,
//! and, for pendency, the part of the month in which "registered more than N days ago"
//! starts, also from the FIRs.

use chrono::{DateTime, Datelike, Duration, FixedOffset, TimeZone, Utc};

/// Cases registered or under investigation are reported pending after these many days.
pub(super) const PENDENCY_DAYS: [i64; 2] = [60, 90];

/// Indian Standard Time: UTC+05:30, without daylight saving.
fn ist() -> FixedOffset {
    FixedOffset::east_opt(5 * 3600 + 30 * 60).expect("a valid offset")
}

/// A calendar month in Indian Standard Time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month `at` falls in.
    pub(super) fn of(at: DateTime<Utc>) -> Self {
        let local = at.with_timezone(&ist());
        Self {
            year: local.year(),
            month: local.month(),
        }
    }

    /// Its first instant.
    pub(super) fn start(self) -> DateTime<Utc> {
        ist()
            .with_ymd_and_hms(self.year, self.month, 1, 0, 0, 0)
            .single()
            .expect("IST has no gaps")
            .with_timezone(&Utc)
    }

    /// The month after it.
    fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            month => Self {
                year: self.year,
                month: month + 1,
            },
        }
    }

    /// As stored: `2026-11`.
    pub(super) fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// Whole months `[from, to)`, unbounded where `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Months {
    pub(super) from: Option<Month>,
    pub(super) to: Option<Month>,
}

impl Months {
    fn contains(self, month: Month) -> bool {
        self.from.is_none_or(|from| from <= month) && self.to.is_none_or(|to| month < to)
    }
}

/// Which counts of a scan are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Keep {
    /// Every count: the scan covers FIRs the tally does not.
    Everything,
    /// Only cases pending over these many days: the tally counts the FIRs, but not
    /// whether they were registered before the cutoff inside its month.
    PendingOver(i64),
}

/// FIRs registered in `[from, to)` counted from the FIRs themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scan {
    pub(super) from: Option<DateTime<Utc>>,
    pub(super) to: Option<DateTime<Utc>>,
    pub(super) keep: Keep,
}

/// How the window `[from, to)` is counted at `now`: the whole months read from the tally
/// (none when the window holds no whole month), and the scans that complete them.
pub(super) fn plan(
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> (Option<Months>, Vec<Scan>) {
    let aligned = |at: DateTime<Utc>| Month::of(at).start() == at;
    let first = from.map(|at| {
        let month = Month::of(at);
        if aligned(at) { month } else { month.next() }
    });
    // Months before the one `to` falls in; that one (when `to` is not its start) is scanned.
    let end = to.map(Month::of);
    if let (Some(first), Some(end)) = (first, end)
        && first >= end
    {
        let keep = Keep::Everything;
        return (None, vec![Scan { from, to, keep }]);
    }
    let months = Months {
        from: first,
        to: end,
    };
    let mut scans = Vec::new();
    if let (Some(at), Some(first)) = (from, first)
        && !aligned(at)
    {
        scans.push(Scan {
            from: Some(at),
            to: Some(first.start()),
            keep: Keep::Everything,
        });
    }
    if let (Some(at), Some(end)) = (to, end)
        && !aligned(at)
    {
        scans.push(Scan {
            from: Some(end.start()),
            to: Some(at),
            keep: Keep::Everything,
        });
    }
    for days in PENDENCY_DAYS {
        let cutoff = now - Duration::days(days);
        let month = Month::of(cutoff);
        if months.contains(month) && month.start() < cutoff {
            scans.push(Scan {
                from: Some(month.start()),
                to: Some(cutoff),
                keep: Keep::PendingOver(days),
            });
        }
    }
    (Some(months), scans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().to_utc()
    }

    #[test]
    fn months_are_indian_standard_time() {
        assert_eq!(Month::of(at("2026-10-31T18:29:59Z")).key(), "2026-10");
        assert_eq!(Month::of(at("2026-10-31T18:30:00Z")).key(), "2026-11");
        assert_eq!(
            Month::of(at("2026-12-15T00:00:00Z")).next().key(),
            "2027-01"
        );
        assert_eq!(
            Month::of(at("2026-11-15T00:00:00Z")).start(),
            at("2026-10-31T18:30:00Z")
        );
    }

    #[test]
    fn whole_months_come_from_the_tally_and_ragged_ends_are_scanned() {
        // The pendency cutoffs fall on month starts, so no pendency scan.
        let now = at("2026-11-29T18:30:00Z");
        let (months, scans) = plan(
            Some(at("2025-01-10T00:00:00Z")),
            Some(at("2025-07-01T00:00:00Z")),
            now,
        );
        let months = months.unwrap();
        assert_eq!(months.from.map(Month::key).as_deref(), Some("2025-02"));
        assert_eq!(months.to.map(Month::key).as_deref(), Some("2025-07"));
        assert_eq!(
            scans,
            vec![
                Scan {
                    from: Some(at("2025-01-10T00:00:00Z")),
                    to: Some(at("2025-01-31T18:30:00Z")),
                    keep: Keep::Everything,
                },
                Scan {
                    from: Some(at("2025-06-30T18:30:00Z")),
                    to: Some(at("2025-07-01T00:00:00Z")),
                    keep: Keep::Everything,
                },
            ]
        );
    }

    #[test]
    fn a_window_inside_one_month_is_only_scanned() {
        let (months, scans) = plan(
            Some(at("2025-03-02T00:00:00Z")),
            Some(at("2025-03-20T00:00:00Z")),
            at("2026-11-29T00:00:00Z"),
        );
        assert_eq!(months, None);
        assert_eq!(scans.len(), 1);
        assert_eq!(scans[0].keep, Keep::Everything);
    }

    #[test]
    fn pendency_cutoffs_inside_the_tallied_months_scan_their_month_up_to_the_cutoff() {
        let now = at("2026-11-29T06:00:00Z");
        let (months, scans) = plan(None, None, now);
        assert_eq!(
            months,
            Some(Months {
                from: None,
                to: None
            })
        );
        let cutoff60 = now - Duration::days(60);
        let cutoff90 = now - Duration::days(90);
        assert_eq!(
            scans,
            vec![
                Scan {
                    from: Some(Month::of(cutoff60).start()),
                    to: Some(cutoff60),
                    keep: Keep::PendingOver(60),
                },
                Scan {
                    from: Some(Month::of(cutoff90).start()),
                    to: Some(cutoff90),
                    keep: Keep::PendingOver(90),
                },
            ]
        );
        // A window ending before the cutoffs' months needs no pendency scan.
        let (_, scans) = plan(None, Some(at("2026-06-30T18:30:00Z")), now);
        assert!(scans.is_empty(), "{scans:?}");
    }
}
