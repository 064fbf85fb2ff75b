//! Documents: split the YAML front matter from the Markdown body, parse it strictly, and check
//! every rule of the contract, turning a [`SourceFile`] into a [`Document`] with checked types.
//! All problems in a file are reported together, each pointing at the offending line.

use crate::config::Glossary;
pub use crate::dates::{parse_date, DateProblem};
use crate::diag::{suggest, Diagnostic};
pub use crate::kind::Kind;
use crate::kind::LeafletType;
use crate::slug::{is_slug, slugify};
use crate::source::SourceFile;
use crate::yaml;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::sync::Arc;

mod checker;

use checker::Checker;

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

    /// Status wins over dates: only an approved document has a review state (a withdrawn one
    /// is never "overdue"), and a draft or consultation shows no approval date.
    pub fn is_in_force(self) -> bool {
        self == Status::Approved
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
    /// A leaflet's type (`operation` unless it says otherwise); `None` for other kinds.
    pub leaflet_type: Option<LeafletType>,
    pub conditions: Vec<String>,
    pub adapts: Option<String>,
    pub changes: Option<String>,
    pub equality_impact_assessment: Option<Date>,
    /// `sources:`, `evidence_checked:` and `user_tested:` (see [`crate::evidence`]).
    pub evidence: crate::evidence::Evidence,
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
    leaflet_type: Option<String>,
    conditions: Option<Vec<String>>,
    adapts: Option<String>,
    changes: Option<String>,
    equality_impact_assessment: Option<String>,
    sources: Option<Vec<crate::evidence::RawSource>>,
    evidence_checked: Option<String>,
    user_tested: Option<crate::evidence::RawUserTested>,
}

/// Refuses unquoted versions: YAML reads `2.10` as the number 2.1.
pub(crate) fn quoted_version<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
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
pub(crate) struct Split<'a> {
    pub yaml: &'a str,
    /// Lines before the YAML (the opening `---`), added to serde_yaml's line numbers.
    pub yaml_line_offset: usize,
    /// 1-based line of the closing `---`.
    pub close_line: usize,
    pub body_start: usize,
}

pub(crate) fn split_front_matter(text: &str) -> Option<Split<'_>> {
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
    // One mistake, one diagnostic: not one missing field for each of the six required.
    if front_matter_is_empty(&split) {
        diags.push(
            Diagnostic::error("empty-front-matter", path, "the front matter is empty")
                .at(text, split.close_line, 1, 3)
                .help("write the document's details between the `---` lines: title, summary, kind, version, status and owner, then approved, approved_by and review once approved; `pathways new` writes them all"),
        );
        return None;
    }
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

/// Whether a front matter holds nothing but blank lines and comments: one mistake, reported
/// once (`empty-front-matter`) rather than as every required field missing.
pub(crate) fn front_matter_is_empty(split: &Split<'_>) -> bool {
    split
        .yaml
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
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
            &*diags[0].message,
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
