//! Annual workplans and their progress reports: `networks/<id>/workplan/<year>.yaml` (e.g.
//! `2022-23.yaml`) holds the network's deliverables under the specification's workplan
//! areas, each with a lead, milestones, RAG status per reporting period and the support it
//! needs, and the narrative of its mid-year and annual reports. Raw YAML becomes a checked
//! [`Workplan`] here; [`lint`] holds the three assurance rules (a past milestone with no
//! status update since, a red item with no mitigation, a deliverable with no lead).

use crate::diag::{suggest, Diagnostic};
use crate::place::{self, Lines};
use crate::yaml;
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

/// The specification's generic indicators of a well set up, well-functioning network (§7.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Indicator {
    ManagementTeam,
    ItFacilities,
    WorkplanAgreed,
    PatientPublicVoicePlan,
    PopulationNeedsAnalysis,
    AgreedPathways,
    WorkforcePlan,
    WorkforceFlexibility,
    TrainingPlan,
    DataSharingAgreements,
    DataAndInformationPlan,
    ResearchStrategy,
    QualityImprovement,
    AnnualReport,
    NetworkOfNetworks,
}

impl Indicator {
    pub const ALL: [Indicator; 15] = [
        Indicator::ManagementTeam,
        Indicator::ItFacilities,
        Indicator::WorkplanAgreed,
        Indicator::PatientPublicVoicePlan,
        Indicator::PopulationNeedsAnalysis,
        Indicator::AgreedPathways,
        Indicator::WorkforcePlan,
        Indicator::WorkforceFlexibility,
        Indicator::TrainingPlan,
        Indicator::DataSharingAgreements,
        Indicator::DataAndInformationPlan,
        Indicator::ResearchStrategy,
        Indicator::QualityImprovement,
        Indicator::AnnualReport,
        Indicator::NetworkOfNetworks,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Indicator::ManagementTeam => "management-team",
            Indicator::ItFacilities => "it-facilities",
            Indicator::WorkplanAgreed => "workplan-agreed",
            Indicator::PatientPublicVoicePlan => "ppv-plan",
            Indicator::PopulationNeedsAnalysis => "population-needs-analysis",
            Indicator::AgreedPathways => "agreed-pathways",
            Indicator::WorkforcePlan => "workforce-plan",
            Indicator::WorkforceFlexibility => "workforce-flexibility",
            Indicator::TrainingPlan => "training-plan",
            Indicator::DataSharingAgreements => "data-sharing-agreements",
            Indicator::DataAndInformationPlan => "data-information-plan",
            Indicator::ResearchStrategy => "research-strategy",
            Indicator::QualityImprovement => "quality-improvement",
            Indicator::AnnualReport => "annual-report",
            Indicator::NetworkOfNetworks => "network-of-networks",
        }
    }

    /// The indicator as the specification words it.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::ManagementTeam => "A network management team in post with the skills to deliver the specification",
            Indicator::ItFacilities => "IT facilities for communication across the network, image transfer and remote MDT participation",
            Indicator::WorkplanAgreed => "An annual workplan agreed with the network's commissioners",
            Indicator::PatientPublicVoicePlan => "An agreed plan for patient and public voice engagement",
            Indicator::PopulationNeedsAnalysis => "An analysis of the population's service needs, a gap analysis and an agreed plan",
            Indicator::AgreedPathways => "Network agreed patient pathways, procedures and protocols",
            Indicator::WorkforcePlan => "An analysis of workforce requirements and an agreed plan",
            Indicator::WorkforceFlexibility => "Arrangements (such as passporting) for workforce flexibility between providers",
            Indicator::TrainingPlan => "An analysis of training needs and an agreed annual training plan",
            Indicator::DataSharingAgreements => "Data sharing agreements between network partners",
            Indicator::DataAndInformationPlan => "An analysis of data and information needs and an agreed plan",
            Indicator::ResearchStrategy => "An agreed research strategy, including access to clinical trials",
            Indicator::QualityImprovement => "At least one quality improvement initiative in the annual workplan",
            Indicator::AnnualReport => "An annual report with a financial statement",
            Indicator::NetworkOfNetworks => "Participation in the national network of networks",
        }
    }
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
    pub indicator: Option<String>,
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
    pub links: Vec<String>,
    pub mitigation: Option<String>,
    pub line: usize,
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

/// The specification's workplan areas, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AreaKind {
    ServiceDelivery,
    Resources,
    Workforce,
    Quality,
    Collaboration,
    Transformation,
    PopulationHealth,
}

impl AreaKind {
    pub const ALL: [AreaKind; 7] = [
        AreaKind::ServiceDelivery,
        AreaKind::Resources,
        AreaKind::Workforce,
        AreaKind::Quality,
        AreaKind::Collaboration,
        AreaKind::Transformation,
        AreaKind::PopulationHealth,
    ];

    pub fn id(self) -> &'static str {
        match self {
            AreaKind::ServiceDelivery => "service-delivery",
            AreaKind::Resources => "resources",
            AreaKind::Workforce => "workforce",
            AreaKind::Quality => "quality",
            AreaKind::Collaboration => "collaboration",
            AreaKind::Transformation => "transformation",
            AreaKind::PopulationHealth => "population-health",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AreaKind::ServiceDelivery => "Service delivery",
            AreaKind::Resources => "Resources",
            AreaKind::Workforce => "Workforce",
            AreaKind::Quality => "Quality",
            AreaKind::Collaboration => "Collaboration",
            AreaKind::Transformation => "Transformation",
            AreaKind::PopulationHealth => "Population health",
        }
    }
}

/// A reporting period: the mid-year and the annual report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    MidYear,
    Annual,
}

impl Period {
    pub const ALL: [Period; 2] = [Period::MidYear, Period::Annual];

    pub fn id(self) -> &'static str {
        match self {
            Period::MidYear => "mid-year",
            Period::Annual => "annual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Period::MidYear => "Mid-year",
            Period::Annual => "Annual",
        }
    }
}

/// A RAG rating. Pages show it as text, an icon and a colour together, never colour alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rag {
    Red,
    Amber,
    Green,
    Complete,
}

impl Rag {
    pub const ALL: [Rag; 4] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Complete];

    pub fn id(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Complete => "complete",
        }
    }

    /// The words pages write beside the icon.
    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red: off track",
            Rag::Amber => "Amber: at risk",
            Rag::Green => "Green: on track",
            Rag::Complete => "Complete",
        }
    }

    /// A distinct shape per rating, so it reads without colour too.
    pub fn icon(self) -> &'static str {
        match self {
            Rag::Red => "✖",
            Rag::Amber => "▲",
            Rag::Green => "●",
            Rag::Complete => "✔",
        }
    }
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

struct Checker<'a> {
    path: &'a str,
    text: &'a str,
    diags: &'a mut Vec<Diagnostic>,
    ok: bool,
}

impl Checker<'_> {
    fn error(
        &mut self,
        code: &'static str,
        at: (usize, usize, usize),
        message: String,
        help: &str,
    ) {
        self.ok = false;
        self.diags.push(
            Diagnostic::error(code, self.path, message)
                .at(self.text, at.0, at.1, at.2)
                .help(help),
        );
    }

    fn at(&self, item: &Lines, key: &str) -> (usize, usize, usize) {
        place::value(self.text, item, key).unwrap_or(place::item_start(self.text, item))
    }

    fn date(&mut self, item: &Lines, key: &str, value: &str) -> Option<Date> {
        let d = value.trim().parse::<Date>().ok();
        if d.is_none() {
            let at = self.at(item, key);
            self.error(
                "invalid-date",
                at,
                format!("`{key}` is not a date: {value}"),
                "write the date as YYYY-MM-DD, e.g. 2026-03-01",
            );
        }
        d
    }

    fn period(&mut self, item: &Lines, value: &str) -> Option<Period> {
        let p = Period::ALL.into_iter().find(|p| p.id() == value.trim());
        if p.is_none() {
            let at = self.at(item, "period");
            self.error(
                "unknown-period",
                at,
                format!("`{value}` is not a reporting period"),
                "write `mid-year` or `annual`",
            );
        }
        p
    }
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
    let (raw, errors) = yaml::parse::<RawPlan>(text);
    let failed = !errors.is_empty();
    diags.extend(errors.into_iter().map(|e| e.into_diagnostic(path, text, 0)));
    let raw = raw?;
    let mut c = Checker {
        path,
        text,
        diags,
        ok: !failed,
    };
    let all = place::whole(text);
    let agreed = match &raw.agreed {
        Some(a) => c.date(&all, "agreed", a),
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
        let period = c.period(&item, &r.period);
        let date = c.date(&item, "date", &r.date);
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
                    "unknown-indicator",
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
        let due = c.date(&mi, "due", &m.due);
        let done = match &m.done {
            Some(x) => c.date(&mi, "done", x),
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
        let period = c.period(&si, &s.period);
        let date = c.date(&si, "date", &s.date);
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
                links: s.links,
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
        indicator: d.indicator,
        milestones,
        status,
        support: d.support,
        line: place::item_start(text, item).0,
    })
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

/// The workplan's three assurance lints, as warnings.
pub fn lint(plan: &Workplan, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let text = &*plan.text;
    let warn = |code, line: usize, key: &str, message: String, help: &str| {
        let item = place::item_at(text, line);
        let (l, col, len) = place::value(text, &item, key).unwrap_or((line, 1, 1));
        Diagnostic::warning(code, &plan.path, message)
            .at(text, l, col, len)
            .help(help)
    };
    for d in plan.areas.iter().flat_map(|a| &a.deliverables) {
        if d.lead.is_none() {
            out.push(warn(
                "workplan-no-lead",
                d.line,
                "title",
                format!("deliverable `{}` has no lead", d.title),
                "add `lead:`, the person or role accountable for it",
            ));
        }
        for m in d.milestones.iter().filter(|m| m.overdue(today)) {
            let updated = d.status.iter().any(|s| s.date >= m.due);
            if !updated {
                out.push(warn(
                    "workplan-milestone-no-update",
                    m.line,
                    "due",
                    format!(
                        "milestone `{}` was due on {} and has no status update since",
                        m.what,
                        crate::dates::format_date(m.due)
                    ),
                    "add `done:` with the date it was met, or a `status:` entry saying where it stands",
                ));
            }
        }
        if let Some(s) = d
            .latest()
            .filter(|s| s.rag == Rag::Red && s.mitigation.is_none())
        {
            out.push(warn(
                "workplan-red-no-mitigation",
                s.line,
                "rag",
                format!("deliverable `{}` is rated red with no mitigation", d.title),
                "add `mitigation:` to the status: what is being done, and what support is asked for",
            ));
        }
    }
    out
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
