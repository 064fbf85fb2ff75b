//! Documents: split the YAML front matter from the Markdown body, parse it strictly, and check
//! every rule of the contract, turning a [`SourceFile`] into a [`Document`] with checked types.
//! All problems in a file are reported together, each pointing at the offending line.

use crate::config::Glossary;
use crate::diag::{suggest, Diagnostic};
pub use crate::kind::Kind;
use crate::slug::{is_slug, slugify};
use crate::source::SourceFile;
use crate::yaml;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Consultation,
    Approved,
    Withdrawn,
}

impl Status {
    const ALL: [Status; 4] = [
        Status::Draft,
        Status::Consultation,
        Status::Approved,
        Status::Withdrawn,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Consultation => "consultation",
            Status::Approved => "approved",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Drafts and documents out for consultation are only published by `--drafts` builds.
    pub fn is_unpublished(self) -> bool {
        matches!(self, Status::Draft | Status::Consultation)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Clinicians,
    Patients,
    Both,
}

impl Audience {
    const ALL: [Audience; 3] = [Audience::Clinicians, Audience::Patients, Audience::Both];

    pub fn id(self) -> &'static str {
        match self {
            Audience::Clinicians => "clinicians",
            Audience::Patients => "patients",
            Audience::Both => "both",
        }
    }
}

/// `MAJOR.MINOR`, compared numerically (2.10 is after 2.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let (major, minor) = s.split_once('.')?;
        let digits =
            |p: &str| !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(major) || !digits(minor) {
            return None;
        }
        Some(Version {
            major: major.parse().ok()?,
            minor: minor.parse().ok()?,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Where a document belongs: national, or one network.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    National,
    Network(String),
}

impl Scope {
    /// The id used in document ids and URLs: `national` or the network id.
    pub fn id(&self) -> &str {
        match self {
            Scope::National => "national",
            Scope::Network(id) => id,
        }
    }
}

/// Checked front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub kind: Kind,
    pub summary: String,
    pub version: Version,
    pub status: Status,
    pub approved: Option<Date>,
    pub approved_by: Option<String>,
    pub review: Option<Date>,
    pub owner: String,
    pub audience: Audience,
    pub conditions: Vec<String>,
    pub adapts: Option<String>,
    pub changes: Option<String>,
    pub equality_impact_assessment: Option<Date>,
}

/// A checked document, not yet rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `<network-id>/<slug>` or `national/<slug>`.
    pub id: String,
    pub scope: Scope,
    pub slug: String,
    /// Source path relative to the content folder.
    pub path: String,
    pub meta: Meta,
    /// The whole file, for locating problems found later (links, anchors).
    pub text: Arc<str>,
    /// Byte offset of the Markdown body in `text`.
    pub body_start: usize,
}

impl Document {
    pub fn body(&self) -> &str {
        &self.text[self.body_start..]
    }
}

/// Front matter as typed by a person: every field optional so that all missing fields are
/// reported at once, unknown fields refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    title: Option<String>,
    kind: Option<String>,
    summary: Option<String>,
    #[serde(default, deserialize_with = "quoted_version")]
    version: Option<String>,
    status: Option<String>,
    approved: Option<String>,
    approved_by: Option<String>,
    review: Option<String>,
    owner: Option<String>,
    audience: Option<String>,
    conditions: Option<Vec<String>>,
    adapts: Option<String>,
    changes: Option<String>,
    equality_impact_assessment: Option<String>,
}

/// Refuses unquoted versions: YAML reads `2.10` as the number 2.1.
fn quoted_version<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a quoted version such as \"2.1\"")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        // The number YAML made of an unquoted version is not what was written (2.10 became
        // 2.1): the message is completed from the file (see `yaml::UNQUOTED_VERSION`).
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Err(E::custom(yaml::UNQUOTED_VERSION))
        }
        fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Err(E::custom(yaml::UNQUOTED_VERSION))
        }
        fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Err(E::custom(yaml::UNQUOTED_VERSION))
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    d.deserialize_any(V)
}

static EMPTY_GLOSSARY: Glossary = Glossary {
    conditions: Vec::new(),
    terms: Vec::new(),
};

/// The version and status of a document's text, read from its top-level front-matter lines
/// without a YAML parse. The history pass runs this on every committed state of every document
/// (100,000 of them in a large network) and fully parses only the few that are approved
/// versions; a state this cannot read is simply not a version.
pub fn peek(text: &str) -> Option<(Version, Status)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = split_front_matter(text)?;
    let (mut version, mut status) = (None, None);
    for line in split.yaml.lines() {
        let value = |rest: &str| {
            let v = rest.split(" #").next().unwrap_or(rest).trim();
            v.trim_matches(|c| c == '"' || c == '\'').to_owned()
        };
        if let Some(rest) = line.strip_prefix("version:") {
            version = Version::parse(&value(rest));
        } else if let Some(rest) = line.strip_prefix("status:") {
            status = Status::ALL.into_iter().find(|s| s.id() == value(rest));
        }
    }
    Some((version?, status?))
}

/// Front matter split from the body.
struct Split<'a> {
    yaml: &'a str,
    /// Lines before the YAML (the opening `---`), added to serde_yaml's line numbers.
    yaml_line_offset: usize,
    /// 1-based line of the closing `---`.
    close_line: usize,
    body_start: usize,
}

fn split_front_matter(text: &str) -> Option<Split<'_>> {
    let rest = text.strip_prefix("---\n")?;
    let mut offset = 4;
    for (line, l) in (2..).zip(rest.split_inclusive('\n')) {
        if l.trim_end() == "---" {
            return Some(Split {
                yaml: &text[4..offset],
                yaml_line_offset: 1,
                close_line: line,
                body_start: offset + l.len(),
            });
        }
        offset += l.len();
    }
    None
}

/// The id a document at `path` has (`national/<slug>` or `<network>/<slug>`), whether or not
/// it can be read.
pub fn id_of(path: &str) -> String {
    let (scope, slug) = scope_and_slug(path);
    format!("{}/{}", scope.id(), slug)
}

/// Checks the network-independent parts of a path: where it lives and its slug.
fn scope_and_slug(path: &str) -> (Scope, String) {
    let mut parts = path.split('/');
    let scope = match parts.next() {
        Some("networks") => Scope::Network(parts.next().unwrap_or_default().to_owned()),
        _ => Scope::National,
    };
    let file = path.rsplit('/').next().unwrap_or(path);
    let slug = file.strip_suffix(".md").unwrap_or(file).to_owned();
    (scope, slug)
}

/// Everything `parse` needs to know beyond the file itself.
pub struct Context<'a> {
    /// `None` when glossary.yaml has errors of its own: conditions are then not checked.
    pub glossary: Option<&'a Glossary>,
}

/// Parses and checks one document. Returns `None` when the front matter cannot be read at all;
/// otherwise the document, with fallbacks for fields in error (reported in `diags`), so that
/// its body can still be checked.
pub fn parse(
    file: &SourceFile,
    ctx: &Context<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let path = file.path.as_str();
    let text = &*file.text;
    let (scope, slug) = scope_and_slug(path);
    if !is_slug(&slug) {
        diags.push(
            Diagnostic::error(
                "invalid-slug",
                path,
                format!("file name `{slug}.md` cannot be used in a web address"),
            )
            .help(format!(
                "rename the file to `{}.md`: lowercase letters, digits and `-`",
                slugify(&slug)
            )),
        );
    }
    if text.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-file", path, "the document is empty")
                .help("start the file with front matter between `---` lines; `pathways new` writes a skeleton"),
        );
        return None;
    }
    let Some(split) = split_front_matter(text) else {
        let first = text.lines().next().unwrap_or("");
        let diag = if first.trim_end() == "---" {
            Diagnostic::error(
                "unclosed-front-matter",
                path,
                "the front matter is never closed",
            )
            .at(text, 1, 1, 3)
            .help("end the front matter with a line containing only `---`")
        } else {
            Diagnostic::error("missing-front-matter", path, "the document does not start with front matter")
                .at(text, 1, 1, first.chars().count())
                .help("put the document's details between `---` lines at the very top (title, kind, summary, version, status, ...)")
        };
        diags.push(diag);
        return None;
    };
    let (raw, errors) = yaml::parse::<RawMeta>(split.yaml);
    diags.extend(
        errors
            .into_iter()
            .map(|e| e.into_diagnostic(path, text, split.yaml_line_offset)),
    );
    let raw = raw?;
    let checker = Checker {
        path,
        text,
        split: &split,
        diags,
    };
    let meta = checker.check(raw, &scope, ctx);
    Some(Document {
        id: format!("{}/{}", scope.id(), slug),
        scope,
        slug,
        path: path.to_owned(),
        meta,
        text: file.text.clone(),
        body_start: split.body_start,
    })
}

/// Why a text is not a date, in plain words, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    pub message: String,
    pub help: String,
}

impl fmt::Display for DateProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.help)
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as the contract writes it, `YYYY-MM-DD`, and nothing else: the one rule for
/// front matter, `--as-of` and `PATHWAYS_TODAY`.
pub fn parse_date(text: &str) -> Result<Date, DateProblem> {
    let numbers: Vec<&str> = text.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    if let [y, m, d] = numbers[..] {
        if digits(y, 4) && digits(m, 2) && digits(d, 2) {
            let (y, m, d): (i16, i8, i8) = (
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            );
            if let Ok(date) = Date::new(y, m, d) {
                return Ok(date);
            }
            let message = if !(1..=12).contains(&m) {
                format!(
                    "{text} is not a real date: there is no month {m} (months go from 01 to 12)"
                )
            } else {
                let days = Date::new(y, m, 1).map_or(31, |first| first.days_in_month());
                format!(
                    "{text} is not a real date: {} {y} has {days} days",
                    MONTHS[(m - 1) as usize]
                )
            };
            return Err(DateProblem {
                message,
                help: "write a date that exists, as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
            });
        }
    }
    // The likeliest intended date, for the help line: day/month/year as written in England.
    let parts: Vec<&str> = text
        .split(['/', '.', '-', ' '])
        .filter(|p| !p.is_empty())
        .collect();
    let guess = match parts[..] {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some((y, m, d)),
        [y, m, d] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => Some((y, m, d)),
        _ => None,
    }
    .and_then(|(y, m, d)| {
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()?;
        Some(date)
    });
    let help = match guess {
        Some(d) => format!("write the date as YYYY-MM-DD: {d}"),
        None => "write the date as YYYY-MM-DD, e.g. 2026-03-01".to_owned(),
    };
    Err(DateProblem {
        message: format!("`{text}` is not a date written YYYY-MM-DD"),
        help,
    })
}

/// Checks raw front matter field by field, pointing each problem at its line.
struct Checker<'a, 'd> {
    path: &'a str,
    text: &'a str,
    split: &'a Split<'a>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Checker<'_, '_> {
    /// Line, column and length of a top-level field's value; the closing `---` if absent.
    fn locate(&self, key: &str) -> (usize, usize, usize) {
        match crate::place::value_span(self.split.yaml, key) {
            Some((line, col, len)) => (line + self.split.yaml_line_offset, col, len),
            None => (self.split.close_line, 1, 3),
        }
    }

    fn error(&mut self, code: &'static str, key: &str, message: String, help: String) {
        let (line, col, len) = self.locate(key);
        self.diags.push(
            Diagnostic::error(code, self.path, message)
                .at(self.text, line, col, len)
                .help(help),
        );
    }

    fn required(&mut self, key: &str, value: Option<String>, example: &str) -> Option<String> {
        match value.filter(|v| !v.trim().is_empty()) {
            Some(v) => Some(v),
            None => {
                let what = if self.locate(key).0 == self.split.close_line {
                    "is missing"
                } else {
                    "is empty"
                };
                self.error(
                    "missing-field",
                    key,
                    format!("required field `{key}` {what}"),
                    format!("add `{key}: {example}` to the front matter"),
                );
                None
            }
        }
    }

    fn one_of<T: Copy>(
        &mut self,
        key: &str,
        value: &str,
        all: &[T],
        id: fn(T) -> &'static str,
    ) -> Option<T> {
        if let Some(v) = all.iter().copied().find(|v| id(*v) == value) {
            return Some(v);
        }
        let names: Vec<&str> = all.iter().map(|v| id(*v)).collect();
        let help = match suggest(value, names.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? Allowed: {}", names.join(", ")),
            None => format!("use one of: {}", names.join(", ")),
        };
        self.error(
            "invalid-value",
            key,
            format!("`{value}` is not a valid {key}"),
            help,
        );
        None
    }

    fn date(&mut self, key: &str, value: Option<&str>) -> Option<Date> {
        match parse_date(value?) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(
                    "invalid-date",
                    key,
                    format!("`{key}`: {}", why.message),
                    why.help,
                );
                None
            }
        }
    }

    fn check(mut self, raw: RawMeta, scope: &Scope, ctx: &Context<'_>) -> Meta {
        let title = self.required(
            "title",
            raw.title,
            "Suspected cauda equina syndrome pathway",
        );
        let summary = self.required(
            "summary",
            raw.summary,
            "One sentence saying who this is for and what it covers.",
        );
        let owner = self.required("owner", raw.owner, "Network clinical lead");
        let kind_names = Kind::ALL.map(Kind::id).join(" | ");
        let kind = self
            .required("kind", raw.kind, &kind_names)
            .and_then(|k| self.one_of("kind", &k, &Kind::ALL, Kind::id));
        let status = self
            .required(
                "status",
                raw.status,
                "draft | consultation | approved | withdrawn",
            )
            .and_then(|s| self.one_of("status", &s, &Status::ALL, Status::id));
        let version_text = self.required("version", raw.version, "\"1.0\"");
        let version = version_text.as_deref().and_then(|v| {
            let parsed = Version::parse(v);
            if parsed.is_none() {
                self.error(
                    "invalid-version",
                    "version",
                    format!("`{v}` is not a version of the form MAJOR.MINOR"),
                    "write the version as two numbers, e.g. version: \"2.1\"".to_owned(),
                );
            }
            parsed
        });
        let audience = match raw.audience {
            Some(a) => self.one_of("audience", &a, &Audience::ALL, Audience::id),
            None if kind == Some(Kind::Leaflet) => Some(Audience::Patients),
            None => Some(Audience::Clinicians),
        };

        let needs_approval = status.is_some_and(|s| s != Status::Draft);
        let (mut approved_raw, mut approved_by, mut review_raw) =
            (raw.approved, raw.approved_by, raw.review);
        if needs_approval {
            let why = |f: &str| format!("`{f}` is required unless the status is draft");
            approved_raw =
                self.required_because("approved", approved_raw, "2026-03-01", &why("approved"));
            approved_by = self.required_because(
                "approved_by",
                approved_by,
                "Network Board",
                &why("approved_by"),
            );
            review_raw = self.required_because("review", review_raw, "2027-03-01", &why("review"));
        }
        let approved = self.date("approved", approved_raw.as_deref());
        let review = self.date("review", review_raw.as_deref());
        let eia = self.date(
            "equality_impact_assessment",
            raw.equality_impact_assessment.as_deref(),
        );
        if let (Some(a), Some(r)) = (approved, review) {
            if r <= a {
                self.error(
                    "review-before-approved",
                    "review",
                    format!("review date {r} is not after the approval date {a}"),
                    "set the review date after `approved`, typically one to three years later"
                        .to_owned(),
                );
            }
        }

        let changes = raw.changes.filter(|c| !c.trim().is_empty());
        if let Some(v) = version {
            if v > (Version { major: 1, minor: 0 }) && changes.is_none() {
                self.error(
                    "missing-changes",
                    "version",
                    format!("version {v} needs a `changes` entry saying what changed"),
                    "add `changes: <what changed since the last version>`; it is required above 1.0".to_owned(),
                );
            }
        }

        let conditions = raw.conditions.unwrap_or_default();
        for c in conditions.iter().filter(|_| ctx.glossary.is_some()) {
            let glossary = ctx.glossary.unwrap_or(&EMPTY_GLOSSARY);
            if glossary.condition(c).is_none() {
                let ids = glossary.conditions.iter().map(|c| c.id.as_str());
                let help = match suggest(c, ids) {
                    Some(s) => format!("did you mean `{s}`? Conditions come from glossary.yaml"),
                    None => {
                        "add the condition to glossary.yaml, or use an id listed there".to_owned()
                    }
                };
                let (line, col, len) = self.locate_item("conditions", c);
                self.diags.push(
                    Diagnostic::error(
                        "unknown-condition",
                        self.path,
                        format!("condition `{c}` is not in glossary.yaml"),
                    )
                    .at(self.text, line, col, len)
                    .help(help),
                );
            }
        }

        let adapts = raw.adapts.filter(|a| !a.trim().is_empty());
        if let Some(a) = &adapts {
            if *scope == Scope::National {
                self.error(
                    "invalid-adapts",
                    "adapts",
                    "a national document cannot adapt another document".to_owned(),
                    "remove `adapts:`; only a network's documents adapt national ones".to_owned(),
                );
            } else if !a.starts_with("national/") {
                self.error(
                    "invalid-adapts",
                    "adapts",
                    format!("`adapts` must name a national document, not `{a}`"),
                    "write the national document's id, e.g. `adapts: national/suspected-cauda-equina-syndrome`".to_owned(),
                );
            }
        }

        // Fields in error fall back to neutral values so the rest of the document (its links,
        // its anchors) is still checked in the same run; the errors already stop the build.
        Meta {
            title: title.unwrap_or_default(),
            kind: kind.unwrap_or(Kind::Standard),
            summary: summary.unwrap_or_default(),
            version: version.unwrap_or(Version { major: 0, minor: 0 }),
            status: status.unwrap_or(Status::Approved),
            approved,
            approved_by,
            review,
            owner: owner.unwrap_or_default(),
            audience: audience.unwrap_or(Audience::Clinicians),
            conditions,
            adapts,
            changes,
            equality_impact_assessment: eia,
        }
    }

    fn required_because(
        &mut self,
        key: &str,
        value: Option<String>,
        example: &str,
        why: &str,
    ) -> Option<String> {
        if value.as_deref().is_some_and(|v| !v.trim().is_empty()) {
            return value;
        }
        self.error(
            "missing-field",
            key,
            why.to_owned(),
            format!("add `{key}: {example}`, or set `status: draft` while the document is being written"),
        );
        None
    }

    /// Locates a list item (flow `[a, b]` or block `- a`) within a top-level field.
    fn locate_item(&self, key: &str, item: &str) -> (usize, usize, usize) {
        let (line, _, _) = self.locate(key);
        let lines: Vec<&str> = self.text.lines().collect();
        for (i, l) in lines.iter().enumerate().skip(line - 1) {
            if i >= line && !l.starts_with([' ', '-', '\t']) {
                break;
            }
            if let Some(c) = l.find(item) {
                return (i + 1, l[..c].chars().count() + 1, item.chars().count());
            }
        }
        self.locate(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(fm: &str) -> (Option<Document>, Vec<Diagnostic>) {
        let glossary = Glossary {
            conditions: vec![crate::config::Condition {
                id: "cauda-equina-syndrome".into(),
                name: "Cauda equina syndrome".into(),
                abbreviations: vec!["CES".into()],
                synonyms: vec![],
            }],
            terms: vec![],
        };
        let file = SourceFile {
            path: "networks/selk/pathways/ces.md".into(),
            text: format!("---\n{fm}---\n# Body\n").into(),
        };
        let mut diags = Vec::new();
        let d = parse(
            &file,
            &Context {
                glossary: Some(&glossary),
            },
            &mut diags,
        );
        (d, diags)
    }

    const GOOD: &str = "title: CES\nkind: pathway\nsummary: S\nversion: \"1.0\"\nstatus: approved\napproved: 2026-01-01\napproved_by: Board\nreview: 2027-01-01\nowner: Lead\n";

    #[test]
    fn a_good_document_parses() {
        let (d, diags) = doc(GOOD);
        assert!(diags.is_empty(), "{diags:?}");
        let d = d.unwrap();
        assert_eq!(d.id, "selk/ces");
        assert_eq!(d.body(), "# Body\n");
        assert_eq!(d.meta.audience, Audience::Clinicians);
    }

    #[test]
    fn missing_fields_are_all_reported_at_the_closing_line() {
        let (_, diags) = doc("title: CES\n");
        let codes: Vec<_> = diags.iter().map(|d| (d.code, d.line)).collect();
        assert!(codes.len() >= 5, "{codes:?}");
        assert!(codes.iter().all(|(c, l)| *c == "missing-field" && *l == 3));
    }

    #[test]
    fn impossible_date_points_at_its_value() {
        let (_, diags) = doc(&GOOD.replace("2026-01-01", "2026-02-30"));
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(
            (diags[0].code, diags[0].line, diags[0].col),
            ("invalid-date", 7, 11)
        );
    }

    #[test]
    fn unquoted_version_is_refused_with_advice() {
        let (_, diags) = doc(&GOOD.replace("\"1.0\"", "2.10"));
        assert_eq!(diags[0].code, "invalid-type");
        assert_eq!(
            diags[0].message,
            "the version 2.10 must be in quotes: version: \"2.10\""
        );
        assert!(!diags[0].help.as_deref().unwrap().contains("2.1"));
        assert_eq!(diags[0].line, 5);
    }

    #[test]
    fn peek_reads_version_and_status_without_yaml() {
        let text = format!("---\n{GOOD}---\nBody\n");
        let expected = (Version { major: 1, minor: 0 }, Status::Approved);
        assert_eq!(peek(&text), Some(expected));
        let draft = text.replace("status: approved", "status: draft  # not yet");
        assert_eq!(peek(&draft).map(|p| p.1), Some(Status::Draft));
        assert_eq!(peek("no front matter"), None);
        assert_eq!(peek(&text.replace("\"1.0\"", "one")), None);
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(Version::parse("2.10").unwrap() > Version::parse("2.9").unwrap());
        assert!(Version::parse("2").is_none());
        assert!(Version::parse("2.1.1").is_none());
        assert!(Version::parse("v2.1").is_none());
    }
}
