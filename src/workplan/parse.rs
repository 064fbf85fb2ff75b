//! Raw workplan YAML → a checked [`Workplan`]: the serde types of the file (strict: an unknown
//! field is an error) and the checks that place each problem at its line and column.

use super::{
    is_year, Area, AreaKind, Check, Deliverable, Evidence, Indicator, Issue, Milestone, Period,
    Rag, Report, Status, Support, Workplan,
};
use crate::diag::{suggest, Diagnostic};
use crate::place::{self, Checker, Lines};
use jiff::civil::Date;
use serde::Deserialize;
use std::sync::Arc;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[serde(default)]
    example: bool,
    #[serde(default)]
    agreed: Option<String>,
    #[serde(default)]
    agreed_with: Vec<String>,
    #[serde(default)]
    areas: Vec<RawArea>,
    #[serde(default)]
    reports: Vec<RawReport>,
    #[serde(default)]
    checklist: Vec<RawCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheck {
    indicator: String,
    met: bool,
    #[serde(default)]
    evidence: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    area: String,
    #[serde(default)]
    deliverables: Vec<RawDeliverable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeliverable {
    title: String,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    lead: Option<String>,
    #[serde(default)]
    icbs: Vec<String>,
    #[serde(default)]
    impact: Option<String>,
    #[serde(default)]
    indicator: Option<String>,
    #[serde(default)]
    milestones: Vec<RawMilestone>,
    #[serde(default)]
    status: Vec<RawStatus>,
    #[serde(default)]
    support: Support,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    what: String,
    due: String,
    #[serde(default)]
    done: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatus {
    period: String,
    date: String,
    rag: String,
    #[serde(default)]
    evidence: Option<String>,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    mitigation: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    period: String,
    date: String,
    #[serde(default)]
    authors: Option<String>,
    #[serde(default)]
    achievements: Vec<String>,
    #[serde(default)]
    next_3_months: Vec<String>,
    #[serde(default)]
    next_6_months: Vec<String>,
    #[serde(default)]
    issues: Vec<RawIssue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssue {
    issue: String,
    #[serde(default)]
    mitigation: Option<String>,
    #[serde(default)]
    escalate: bool,
}

/// The date written as `key:`, or an `invalid-date` error.
fn date(c: &mut Checker<'_>, item: &Lines, key: &str, value: &str) -> Option<Date> {
    let d = value.trim().parse::<Date>().ok();
    if d.is_none() {
        let at = c.at(item, key);
        c.error(
            "invalid-date",
            at,
            format!("`{key}` is not a date: {value}"),
            "write the date as YYYY-MM-DD, e.g. 2026-03-01",
        );
    }
    d
}

/// A reporting period, or an `unknown-period` error.
fn period(c: &mut Checker<'_>, item: &Lines, value: &str) -> Option<Period> {
    let p = Period::ALL.into_iter().find(|p| p.id() == value.trim());
    if p.is_none() {
        let at = c.at(item, "period");
        c.error(
            "unknown-period",
            at,
            format!("`{value}` is not a reporting period"),
            "write `mid-year` or `annual`",
        );
    }
    p
}

/// Parses and checks one workplan file (`networks/<id>/workplan/<year>.yaml`); `None` when it
/// has errors (each reported).
pub fn parse(path: &str, text: &Arc<str>, diags: &mut Vec<Diagnostic>) -> Option<Workplan> {
    let year = path
        .rsplit('/')
        .next()
        .and_then(|f| f.strip_suffix(".yaml"))
        .unwrap_or("");
    if !is_year(year) {
        diags.push(
            Diagnostic::error(
                "invalid-workplan-year",
                path,
                format!("`{year}` is not a workplan year"),
            )
            .help("name the file after the year it covers, e.g. `2026-27.yaml`"),
        );
        return None;
    }
    let (raw, mut c) = Checker::parse::<RawPlan>(path, text, diags)?;
    let all = place::whole(text);
    let agreed = match &raw.agreed {
        Some(a) => date(&mut c, &all, "agreed", a),
        None => None,
    };
    let area_items = place::items(text, &all, "areas");
    let mut areas: Vec<Area> = Vec::new();
    for (i, a) in raw.areas.into_iter().enumerate() {
        let item = place::nth(&area_items, i, &all);
        let kind = AreaKind::ALL.into_iter().find(|k| k.id() == a.area.trim());
        if kind.is_none() {
            let ids = AreaKind::ALL.map(AreaKind::id);
            let help = match suggest(a.area.trim(), ids) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("the areas are: {}", ids.join(", ")),
            };
            let at = c.at(&item, "area");
            c.error(
                "unknown-workplan-area",
                at,
                format!("`{}` is not a workplan area of the specification", a.area),
                &help,
            );
        }
        let d_items = place::items(text, &item, "deliverables");
        let deliverables = a
            .deliverables
            .into_iter()
            .enumerate()
            .map(|(j, d)| deliverable(&mut c, &place::nth(&d_items, j, &item), d))
            .collect::<Vec<_>>();
        if let Some(kind) = kind {
            areas.push(Area {
                area: kind,
                deliverables: deliverables.into_iter().flatten().collect(),
            });
        }
    }
    let report_items = place::items(text, &all, "reports");
    let mut reports = Vec::new();
    for (i, r) in raw.reports.into_iter().enumerate() {
        let item = place::nth(&report_items, i, &all);
        let period = period(&mut c, &item, &r.period);
        let date = date(&mut c, &item, "date", &r.date);
        if let (Some(period), Some(date)) = (period, date) {
            if reports.iter().any(|x: &Report| x.period == period) {
                let at = c.at(&item, "period");
                c.error(
                    "duplicate-report",
                    at,
                    format!("the {} report is written twice", period.id()),
                    "keep one report per period",
                );
            }
            reports.push(Report {
                period,
                date,
                authors: r.authors,
                achievements: r.achievements,
                next_3_months: r.next_3_months,
                next_6_months: r.next_6_months,
                issues: r
                    .issues
                    .into_iter()
                    .map(|i| Issue {
                        issue: i.issue,
                        mitigation: i.mitigation,
                        escalate: i.escalate,
                    })
                    .collect(),
            });
        }
    }
    let check_items = place::items(text, &all, "checklist");
    let mut checklist: Vec<Check> = Vec::new();
    for (i, k) in raw.checklist.into_iter().enumerate() {
        let item = place::nth(&check_items, i, &all);
        let found = Indicator::ALL
            .into_iter()
            .find(|x| x.id() == k.indicator.trim());
        match found {
            None => {
                let ids = Indicator::ALL.map(Indicator::id);
                let help = match suggest(k.indicator.trim(), ids) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the indicators are: {}", ids.join(", ")),
                };
                let at = c.at(&item, "indicator");
                c.error(
                    "unknown-checklist-indicator",
                    at,
                    format!(
                        "`{}` is not one of the specification's generic indicators",
                        k.indicator
                    ),
                    &help,
                );
            }
            Some(x) if checklist.iter().any(|c| c.indicator == x) => {
                let at = c.at(&item, "indicator");
                c.error(
                    "duplicate-indicator",
                    at,
                    format!("`{}` is assessed twice", x.id()),
                    "keep one entry per indicator",
                );
            }
            Some(indicator) => checklist.push(Check {
                indicator,
                met: k.met,
                evidence: k.evidence,
            }),
        }
    }
    checklist.sort_by_key(|c| c.indicator);
    c.ok.then(|| Workplan {
        checklist,
        year: year.to_owned(),
        path: path.to_owned(),
        text: text.clone(),
        example: raw.example,
        agreed,
        agreed_with: raw.agreed_with,
        areas,
        reports,
    })
}

fn deliverable(c: &mut Checker<'_>, item: &Lines, d: RawDeliverable) -> Option<Deliverable> {
    let text = c.text;
    let m_items = place::items(text, item, "milestones");
    let mut milestones = Vec::new();
    for (i, m) in d.milestones.into_iter().enumerate() {
        let mi = place::nth(&m_items, i, item);
        let due = date(c, &mi, "due", &m.due);
        let done = match &m.done {
            Some(x) => date(c, &mi, "done", x),
            None => None,
        };
        if let Some(due) = due {
            milestones.push(Milestone {
                what: m.what,
                due,
                done,
                line: place::item_start(text, &mi).0,
            });
        }
    }
    let s_items = place::items(text, item, "status");
    let mut status = Vec::new();
    for (i, s) in d.status.into_iter().enumerate() {
        let si = place::nth(&s_items, i, item);
        let period = period(c, &si, &s.period);
        let date = date(c, &si, "date", &s.date);
        let rag = Rag::ALL.into_iter().find(|r| r.id() == s.rag.trim());
        if rag.is_none() {
            let ids = Rag::ALL.map(Rag::id);
            let help = match suggest(s.rag.trim(), ids) {
                Some(x) => format!("did you mean `{x}`?"),
                None => format!("write one of: {}", ids.join(", ")),
            };
            let at = c.at(&si, "rag");
            c.error(
                "unknown-rag",
                at,
                format!("`{}` is not a RAG rating", s.rag),
                &help,
            );
        }
        if let (Some(period), Some(date), Some(rag)) = (period, date, rag) {
            status.push(Status {
                period,
                date,
                rag,
                evidence: s.evidence,
                links: s.links.iter().map(|l| evidence(c, &si, l)).collect(),
                mitigation: s.mitigation.filter(|m| !m.trim().is_empty()),
                line: place::item_start(text, &si).0,
            });
        }
    }
    Some(Deliverable {
        title: d.title,
        theme: d.theme,
        lead: d.lead.filter(|l| !l.trim().is_empty()),
        icbs: d.icbs,
        impact: d.impact,
        indicator: d.indicator.map(|i| {
            let at = c.at(item, "indicator");
            (i.trim().to_owned(), at)
        }),
        milestones,
        status,
        support: d.support,
        line: place::item_start(text, item).0,
    })
}

/// An evidence link as written, `[title](link)` or the bare link, placed at the line of its
/// list item that holds it.
fn evidence(c: &mut Checker<'_>, item: &Lines, written: &str) -> Evidence {
    let w = written.trim();
    let (title, link) = match w
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(')'))
        .and_then(|r| r.split_once("]("))
    {
        Some((t, l)) => (Some(t.trim().to_owned()), l.trim().to_owned()),
        None => (None, w.to_owned()),
    };
    let at = find(c.text, item, if link.is_empty() { w } else { &link })
        .unwrap_or_else(|| c.at(item, "links"));
    if link.is_empty() {
        c.error(
            "invalid-value",
            at,
            format!("evidence link `{written}` has no address"),
            "write `[title](../pathways/document.md)` or the bare relative link",
        );
    }
    Evidence {
        title: title.filter(|t| !t.is_empty()),
        link,
        at,
    }
}

/// 1-based line, column and length of the first occurrence of `needle` within `within`.
fn find(text: &str, within: &Lines, needle: &str) -> Option<(usize, usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .skip(within.start)
        .take(within.len().max(1))
        .find_map(|(i, l)| {
            let at = l.find(needle)?;
            Some((i + 1, l[..at].chars().count() + 1, needle.chars().count()))
        })
}
