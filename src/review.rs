//! When a document is due for review: the one rule behind the overdue and due-soon banners and
//! tags on pages, the `review-overdue` and `review-due-soon` warnings, and the coverage
//! dashboard's list of documents due for review. Pages, lints and coverage ask this module
//! rather than comparing dates themselves, so the windows cannot drift apart.

use jiff::civil::Date;
use serde::Serialize;

/// Review dates this close count as "due soon" (pages and the `review-due-soon` warning).
pub const DUE_SOON_DAYS: i32 = 60;

/// The coverage dashboard lists the documents due for review within this many days (or
/// overdue), so network teams see a quarter ahead.
pub const COVERAGE_DUE_DAYS: i32 = 90;

/// Where a document stands against its review date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewState {
    /// No review date, or one more than [`DUE_SOON_DAYS`] away.
    Ok,
    /// The review date is today or within [`DUE_SOON_DAYS`].
    DueSoon,
    /// The review date has passed.
    Overdue,
}

impl ReviewState {
    /// The state of a document with this review date on `today`.
    pub fn of(review: Option<Date>, today: Date) -> ReviewState {
        match review {
            Some(r) if r < today => ReviewState::Overdue,
            Some(r) if days_until(r, today).is_some_and(|d| d <= DUE_SOON_DAYS) => {
                ReviewState::DueSoon
            }
            _ => ReviewState::Ok,
        }
    }

    /// The name templates and stylesheets use (`ok`, `due-soon`, `overdue`): the same as the
    /// value serialized into view structs and coverage.json.
    pub fn css_class(self) -> &'static str {
        match self {
            ReviewState::Ok => "ok",
            ReviewState::DueSoon => "due-soon",
            ReviewState::Overdue => "overdue",
        }
    }
}

/// Whole days from `today` to `review` (negative when it has passed); `None` only for dates
/// too far apart to count.
pub fn days_until(review: Date, today: Date) -> Option<i32> {
    today.until(review).ok().map(|s| s.get_days())
}

/// Whether the coverage dashboard lists a document with this review date as due.
pub fn due_for_coverage(review: Date, today: Date) -> bool {
    days_until(review, today).is_some_and(|d| d <= COVERAGE_DUE_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn states() {
        let today = date("2026-11-23");
        let of = |r: &str| ReviewState::of(Some(date(r)), today);
        assert_eq!(of("2026-11-22"), ReviewState::Overdue);
        assert_eq!(of("2026-11-23"), ReviewState::DueSoon);
        assert_eq!(of("2027-01-10"), ReviewState::DueSoon);
        assert_eq!(of("2027-01-22"), ReviewState::DueSoon, "60 days away");
        assert_eq!(of("2027-01-23"), ReviewState::Ok, "61 days away");
        assert_eq!(of("2027-06-01"), ReviewState::Ok);
        assert_eq!(ReviewState::of(None, today), ReviewState::Ok);
    }

    #[test]
    fn css_class_is_the_serialized_name() {
        for s in [ReviewState::Ok, ReviewState::DueSoon, ReviewState::Overdue] {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.css_class()));
        }
    }

    #[test]
    fn coverage_window_is_a_quarter() {
        let today = date("2026-11-23");
        assert!(due_for_coverage(date("2027-02-21"), today), "90 days away");
        assert!(!due_for_coverage(date("2027-02-22"), today), "91 days away");
        assert!(due_for_coverage(date("2026-01-01"), today), "overdue");
    }
}
