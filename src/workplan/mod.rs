//! Annual workplans and their progress reports: `networks/<id>/workplan/<year>.yaml` (e.g.
//! `2022-23.yaml`) holds the network's deliverables under the specification's workplan
//! areas, each with a lead, milestones, RAG status per reporting period and the support it
//! needs, and the narrative of its mid-year and annual reports. Raw YAML becomes a checked
//! [`Workplan`] here; [`lint`] holds the three assurance rules (a past milestone with no
//! status update since, a red item with no mitigation, a deliverable with no lead).

mod kinds;
mod lint;
mod parse;

pub use kinds::{AreaKind, Indicator, Period, Rag};
pub use lint::lint;
pub use parse::parse;

use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

/// Support a deliverable needs, by who would give it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Support {
    #[serde(default)]
    pub trust: Option<String>,
    #[serde(default)]
    pub icb: Option<String>,
    #[serde(default)]
    pub regional: Option<String>,
    #[serde(default)]
    pub national: Option<String>,
}

/// A network's checked workplan for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Workplan {
    /// `2022-23`.
    pub year: String,
    pub path: String,
    pub text: Arc<str>,
    pub example: bool,
    pub agreed: Option<Date>,
    pub agreed_with: Vec<String>,
    pub areas: Vec<Area>,
    pub reports: Vec<Report>,
    /// The network's own assessment against the specification's generic indicators.
    pub checklist: Vec<Check>,
}

/// One of the specification's generic indicators of a well set up network, as assessed.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub indicator: Indicator,
    pub met: bool,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub area: AreaKind,
    pub deliverables: Vec<Deliverable>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deliverable {
    pub title: String,
    /// The plan's own heading for it, e.g. "Flow improvements".
    pub theme: Option<String>,
    pub lead: Option<String>,
    pub icbs: Vec<String>,
    pub impact: Option<String>,
    /// An id from indicators.yaml, with where it is written (checked by the library, once every document is known).
    pub indicator: Option<(String, (usize, usize, usize))>,
    pub milestones: Vec<Milestone>,
    pub status: Vec<Status>,
    pub support: Support,
    /// 1-based line of its entry, for lints.
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Milestone {
    pub what: String,
    pub due: Date,
    pub done: Option<Date>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub period: Period,
    pub date: Date,
    pub rag: Rag,
    pub evidence: Option<String>,
    pub links: Vec<Evidence>,
    pub mitigation: Option<String>,
    pub line: usize,
}

/// A link from a status to its evidence: a document (`.md`, maybe with `#anchor`), an asset or
/// a web address, written relative to the workplan file like a link in a document, as
/// `[title](link)` or the bare link. Checked by the library once every document is known.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The title given in `[title](link)`.
    pub title: Option<String>,
    /// The link as written.
    pub link: String,
    /// 1-based line, column and length of the link in the file.
    pub at: (usize, usize, usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub period: Period,
    pub date: Date,
    pub authors: Option<String>,
    pub achievements: Vec<String>,
    pub next_3_months: Vec<String>,
    pub next_6_months: Vec<String>,
    pub issues: Vec<Issue>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub issue: String,
    pub mitigation: Option<String>,
    pub escalate: bool,
}

/// A year as the file is named: `2022-23`, the second year following the first.
pub fn is_year(year: &str) -> bool {
    let Some((a, b)) = year.split_once('-') else {
        return false;
    };
    let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
        return false;
    };
    year.len() == 7 && (a + 1) % 100 == b
}

impl Deliverable {
    /// The latest status reported, if any.
    pub fn latest(&self) -> Option<&Status> {
        self.status.iter().max_by_key(|s| (s.date, s.period))
    }

    /// The status reported for `period`, if any.
    pub fn for_period(&self, period: Period) -> Option<&Status> {
        self.status.iter().find(|s| s.period == period)
    }
}

impl Milestone {
    /// Past its date and not done: flagged on the workplan page.
    pub fn overdue(&self, today: Date) -> bool {
        self.done.is_none() && self.due < today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_consecutive() {
        assert!(is_year("2022-23"));
        assert!(is_year("2099-00"));
        assert!(!is_year("2022-24"));
        assert!(!is_year("2022"));
        assert!(!is_year("22-23"));
    }

    #[test]
    fn every_rag_has_its_own_words_and_icon() {
        let icons: std::collections::BTreeSet<_> = Rag::ALL.iter().map(|r| r.icon()).collect();
        assert_eq!(icons.len(), Rag::ALL.len());
        assert!(Rag::ALL
            .iter()
            .all(|r| r.label().to_lowercase().starts_with(r.id())));
    }
}
