//! The accessibility statement: site.yaml's `accessibility:` section, checked here, becomes
//! the page `/accessibility/` in the structure the Public Sector Bodies (Websites and Mobile
//! Applications) (No. 2) Accessibility Regulations 2018 require (compliance status,
//! non-accessible content and why, other formats, contact and enforcement, how the site was
//! tested, when the statement was prepared and reviewed). `check` warns when the statement is
//! more than a year old, and when a site has none.
//!
//! A site without `accessibility:` gets no statement page and a warning: a statement is a
//! declaration by the organisation that publishes the site (its compliance, its contact, its
//! tests), which pathways cannot know and must not invent.

use crate::dates::parse_date;
use crate::diag::Diagnostic;
use crate::place;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Where the statement is published, below the site's root.
pub const PATH: &str = "accessibility/";

/// A statement older than this many months is due for review.
pub const REVIEW_MONTHS: i32 = 12;

/// `accessibility:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Marks the statement as an example: the page says so, and only an example site may
    /// publish it.
    #[serde(default)]
    pub example: bool,
    /// Who runs the site; the site's title when absent.
    #[serde(default)]
    pub organisation: Option<String>,
    pub compliance: Compliance,
    pub contact: Contact,
    /// Working days within which a request for another format is answered.
    #[serde(default)]
    pub response_days: Option<u32>,
    #[serde(default)]
    pub known_issues: Vec<KnownIssue>,
    pub last_tested: String,
    pub how_tested: String,
    pub prepared: String,
    #[serde(default)]
    pub reviewed: Option<String>,
    /// Replaces the standard wording of the enforcement procedure (England, Scotland and Wales).
    #[serde(default)]
    pub enforcement: Option<String>,
}

/// How far the site meets WCAG 2.2 AA, in the regulations' three words.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    FullyCompliant,
    PartiallyCompliant,
    NotCompliant,
}

impl Compliance {
    fn words(self) -> &'static str {
        match self {
            Compliance::FullyCompliant => "fully compliant",
            Compliance::PartiallyCompliant => "partially compliant",
            Compliance::NotCompliant => "not compliant",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// Content that is not accessible, and why.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct KnownIssue {
    /// What is not accessible, and to whom.
    pub what: String,
    /// The WCAG success criteria it fails, e.g. "1.1.1 Non-text content".
    #[serde(default)]
    pub criteria: Option<String>,
    #[serde(default)]
    pub reason: Reason,
    /// What will be done about it, and when.
    #[serde(default)]
    pub plan: Option<String>,
}

/// The regulations' three reasons for content that is not accessible.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    #[default]
    NonCompliance,
    DisproportionateBurden,
    OutOfScope,
}

impl Reason {
    const ALL: [Reason; 3] = [
        Reason::NonCompliance,
        Reason::DisproportionateBurden,
        Reason::OutOfScope,
    ];

    fn heading(self) -> &'static str {
        match self {
            Reason::NonCompliance => "Non-compliance with the accessibility regulations",
            Reason::DisproportionateBurden => "Disproportionate burden",
            Reason::OutOfScope => {
                "Content that is not within the scope of the accessibility regulations"
            }
        }
    }
}

/// The statement's dates, checked.
struct Dates {
    last_tested: Option<Date>,
    prepared: Option<Date>,
    reviewed: Option<Date>,
}

fn dates(path: &str, text: &str, s: &Statement, diags: &mut Vec<Diagnostic>) -> Dates {
    let block = block(text);
    let mut one = |key: &str, value: Option<&str>| {
        let value = value?;
        parse_date(value)
            .map_err(|why| {
                let (line, col, len) =
                    place::value(text, &block, key).unwrap_or_else(|| block_start(&block));
                diags.push(
                    Diagnostic::error(
                        "invalid-date",
                        path,
                        format!("`accessibility.{key}`: {}", why.message),
                    )
                    .at(text, line, col, len)
                    .help(why.help),
                );
            })
            .ok()
    };
    Dates {
        last_tested: one("last_tested", Some(&s.last_tested)),
        prepared: one("prepared", Some(&s.prepared)),
        reviewed: one("reviewed", s.reviewed.as_deref()),
    }
}

/// The lines of the `accessibility:` section of site.yaml.
fn block(text: &str) -> place::Lines {
    let whole = place::whole(text);
    place::key_line(text, &whole, "accessibility").map_or(whole, |i| place::item_at(text, i + 1))
}

fn block_start(block: &place::Lines) -> (usize, usize, usize) {
    (block.start + 1, 1, "accessibility".len())
}

/// Checks what site.yaml alone can tell: dates, a way to contact, and a compliance status
/// that agrees with the known issues.
pub fn check(path: &str, text: &str, s: &Statement, diags: &mut Vec<Diagnostic>) {
    dates(path, text, s, diags);
    let block = block(text);
    let filled = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.trim().is_empty());
    if !filled(&s.contact.email) && !filled(&s.contact.phone) {
        let (line, col, len) = place::key_or_item(text, &block, "contact");
        diags.push(
            Diagnostic::error("missing-field", path, "the accessibility statement's `contact` has neither `email` nor `phone`")
                .at(text, line, col, len)
                .help("add `email:` (and `phone:` if there is one) under `contact:`: people ask there for another format and report problems"),
        );
    }
    for (key, value) in [("how_tested", &s.how_tested)] {
        if value.trim().is_empty() {
            let (line, col, len) = place::key_or_item(text, &block, key);
            diags.push(
                Diagnostic::error("missing-field", path, format!("`accessibility.{key}` is empty"))
                    .at(text, line, col, len)
                    .help("say how the site was tested, e.g. `how_tested: automated checks with axe-core on every page, and a manual check with a screen reader`"),
            );
        }
    }
    let non_compliant = s
        .known_issues
        .iter()
        .any(|i| i.reason == Reason::NonCompliance);
    let problem = match s.compliance {
        Compliance::FullyCompliant if non_compliant => Some((
            "the statement says the site is fully compliant, but lists content that does not comply",
            "write `compliance: partially-compliant`, or give those issues another `reason:` (disproportionate-burden or out-of-scope)",
        )),
        Compliance::PartiallyCompliant | Compliance::NotCompliant if !non_compliant => Some((
            "the statement says the site is not fully compliant, but lists no content that does not comply",
            "list what does not comply under `known_issues:`, each with `what:`, `criteria:` and `plan:`",
        )),
        _ => None,
    };
    if let Some((message, help)) = problem {
        let (line, col, len) =
            place::value(text, &block, "compliance").unwrap_or_else(|| block_start(&block));
        diags.push(
            Diagnostic::error("accessibility-compliance", path, message)
                .at(text, line, col, len)
                .help(help),
        );
    }
}

/// The checks that need the build's date and the rest of site.yaml (at `path`, `text`): a
/// missing statement, one more than a year old, dates in the future, an example statement on
/// a site that is not `example_content`. `today` is the build's date, `as_of` set for a build
/// of an earlier date.
pub fn lint(
    statement: Option<&Statement>,
    example_content: bool,
    today: Date,
    as_of: Option<Date>,
    path: &str,
    text: &str,
) -> Vec<Diagnostic> {
    let Some(s) = statement else {
        return vec![Diagnostic::warning(
            "accessibility-statement-missing",
            path,
            "site.yaml has no `accessibility:` section, so the site publishes no accessibility statement",
        )
        .at(text, 1, 1, 1)
        .help("a public sector website must publish one: add `accessibility:` with compliance, contact, known_issues, last_tested, how_tested and prepared (see the README's Accessibility statement)")];
    };
    let mut diags = Vec::new();
    // A site built `--as-of` an earlier date is a record of documents; site.yaml (and so the
    // statement) is today's, and its dates are checked by today's builds.
    let block = block(text);
    let d = dates(path, text, s, &mut Vec::new());
    let at = |key: &str| place::value(text, &block, key).unwrap_or_else(|| block_start(&block));
    let dated = [
        ("last_tested", d.last_tested),
        ("prepared", d.prepared),
        ("reviewed", d.reviewed),
    ];
    for (key, date) in dated.into_iter().filter(|_| as_of.is_none()) {
        if let Some(date) = date.filter(|d| *d > today) {
            let (line, col, len) = at(key);
            diags.push(
                Diagnostic::error(
                    "date-in-future",
                    path,
                    format!("`accessibility.{key}` is {date}, after today ({today})"),
                )
                .at(text, line, col, len)
                .help("write the date it was done (check the year)"),
            );
        }
    }
    let (key, latest) = match (d.prepared, d.reviewed) {
        (p, Some(r)) if p.is_none_or(|p| r >= p) => ("reviewed", Some(r)),
        (p, _) => ("prepared", p),
    };
    let due = latest.and_then(|l| l.checked_add(jiff::Span::new().months(REVIEW_MONTHS)).ok());
    let overdue = due.filter(|due| *due < today && as_of.is_none());
    if let (Some(latest), Some(due)) = (latest, overdue) {
        let (line, col, len) = at(key);
        diags.push(
            Diagnostic::warning(
                "accessibility-statement-old",
                path,
                format!("the accessibility statement was last {key} on {latest}: more than a year ago (due {due})"),
            )
            .at(text, line, col, len)
            .help("review the statement at least once a year: test the site again, update `known_issues`, `last_tested` and set `reviewed:` to today's date"),
        );
    }
    if s.example && !example_content {
        let (line, col, len) = at("example");
        diags.push(
            Diagnostic::error(
                "example-accessibility-statement",
                path,
                "the accessibility statement is marked as an example, but the site is not example content",
            )
            .at(text, line, col, len)
            .help("write the site's own statement and remove `example: true`"),
        );
    }
    diags
}

/// The statement page's view.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    pub example: bool,
    pub organisation: &'a str,
    pub site_url: String,
    pub compliance: &'static str,
    pub fully_compliant: bool,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    /// The phone number as a `tel:` address.
    pub phone_link: Option<String>,
    pub response_days: Option<u32>,
    pub issues: Vec<IssueGroup<'a>>,
    /// The issues that fail the standard, for the summary at the top.
    pub non_compliant: Vec<&'a KnownIssue>,
    pub any_issue: bool,
    pub enforcement: Option<&'a str>,
    pub last_tested: String,
    pub how_tested: &'a str,
    pub prepared: String,
    pub reviewed: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct IssueGroup<'a> {
    pub reason: &'static str,
    pub heading: &'static str,
    pub issues: Vec<&'a KnownIssue>,
}

/// The page's view of a site's statement (its dates were checked when site.yaml was read),
/// on the site called `title` at `site_url`.
pub fn view<'a>(s: &'a Statement, title: &'a str, site_url: String) -> View<'a> {
    let words = |d: &str| {
        parse_date(d)
            .map(crate::dates::format_date)
            .unwrap_or_else(|_| d.to_owned())
    };
    let ids = ["non-compliance", "disproportionate-burden", "out-of-scope"];
    View {
        example: s.example,
        organisation: s.organisation.as_deref().unwrap_or(title),
        site_url,
        compliance: s.compliance.words(),
        fully_compliant: s.compliance == Compliance::FullyCompliant,
        email: s.contact.email.as_deref().filter(|e| !e.trim().is_empty()),
        phone: s.contact.phone.as_deref().filter(|p| !p.trim().is_empty()),
        phone_link: s.contact.phone.as_deref().map(|p| {
            let digits: String = p
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            format!("tel:{digits}")
        }),
        response_days: s.response_days,
        issues: Reason::ALL
            .iter()
            .zip(ids)
            .map(|(r, id)| IssueGroup {
                reason: id,
                heading: r.heading(),
                issues: s.known_issues.iter().filter(|i| i.reason == *r).collect(),
            })
            .collect(),
        non_compliant: s
            .known_issues
            .iter()
            .filter(|i| i.reason == Reason::NonCompliance)
            .collect(),
        any_issue: !s.known_issues.is_empty(),
        enforcement: s.enforcement.as_deref(),
        last_tested: words(&s.last_tested),
        how_tested: &s.how_tested,
        prepared: words(&s.prepared),
        reviewed: s.reviewed.as_deref().map(words),
    }
}

#[cfg(test)]
mod tests {
    const SITE: &str = "title: T
base_url: https://x.example.org/
accessibility:
  compliance: not-compliant
  contact: {}
  last_tested: 2026-01-01
  how_tested: By hand
  prepared: 2026-01-32
";

    #[test]
    fn each_problem_of_a_statement_is_located() {
        let mut diags = Vec::new();
        let site = crate::config::parse_site("site.yaml", SITE, &mut diags).unwrap();
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.line, d.col)).collect();
        assert_eq!(
            found,
            [
                ("invalid-date", 8, 13),
                ("missing-field", 5, 3),
                ("accessibility-compliance", 4, 15)
            ],
            "{diags:?}"
        );
        let statement = site.accessibility.unwrap();
        assert_eq!(statement.compliance.words(), "not compliant");
    }
}
