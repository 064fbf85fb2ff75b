//! Site settings (`site.yaml`), the glossary (`glossary.yaml`) and network profiles
//! (`network.yaml`): raw YAML becomes checked types here, once, with a diagnostic for each
//! problem. Everything after this module can trust these types. The rules for single values
//! live here too: what a `base_url` and a `feedback:` address may be ([`base_url_problem`],
//! [`feedback_target`]); the accessibility statement's section has its own module,
//! [`crate::accessibility`].

use crate::diag::Diagnostic;
use crate::{place, slug, yaml};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute URL the site is published at; its path is honoured for every link.
    pub base_url: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Marks the whole site as example content: every page says it is not clinical guidance.
    #[serde(default)]
    pub example_content: bool,
    /// Highest Flesch–Kincaid grade a patient leaflet should have; `check` warns above it.
    #[serde(default)]
    pub reading_level_target: Option<f64>,
    /// Highest grade for Easy Read versions; two grades below `reading_level_target` if absent.
    #[serde(default)]
    pub easy_read_reading_level_target: Option<f64>,
    /// The national documents every network must agree (the columns of the coverage dashboard).
    #[serde(default)]
    pub required_documents: Vec<RequiredDocument>,
    /// National documents every network is expected to adapt locally; `check` warns otherwise.
    #[serde(default)]
    pub expected_adaptations: Vec<String>,
    /// Months a service directory contact stays verified; older ones are flagged as overdue.
    #[serde(default = "default_verify_months")]
    pub service_verification_months: u32,
    /// Where "Report a problem with this page" goes: `mailto:` an address, or a web form.
    #[serde(default)]
    pub feedback: Option<String>,
    /// The accessibility statement, published at `/accessibility/`.
    #[serde(default)]
    pub accessibility: Option<crate::accessibility::Statement>,
}

/// How many months a contact stays verified when site.yaml does not say.
pub const DEFAULT_VERIFY_MONTHS: u32 = 6;

fn default_verify_months() -> u32 {
    DEFAULT_VERIFY_MONTHS
}

/// A column of the coverage dashboard.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RequiredDocument {
    /// Id of the national document, e.g. `national/suspected-cauda-equina-syndrome`.
    pub national: String,
    /// Short column heading; the document's title when absent.
    #[serde(default)]
    pub label: Option<String>,
}

fn default_language() -> String {
    "en-GB".to_owned()
}

impl SiteConfig {
    /// `base_url` normalised to end with `/`.
    pub fn base_url(&self) -> String {
        with_trailing_slash(&self.base_url)
    }

    /// The reading-level target of Easy Read versions (see `easy_read_reading_level_target`).
    pub fn easy_read_target(&self) -> Option<f64> {
        self.easy_read_reading_level_target
            .or(self.reading_level_target.map(|t| (t - 2.0).max(1.0)))
    }

    /// The path part of `base_url` (`/` or `/sub/folder/`): every internal link starts with it.
    pub fn base_path(&self) -> String {
        base_path_of(&self.base_url)
    }
}

/// What is wrong with a `base_url` (from site.yaml or `--base-url`), or `None` if nothing:
/// it must be an absolute http(s) address that can be written into every page, the sitemap
/// and the feed as it is.
pub fn base_url_problem(url: &str) -> Option<String> {
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    if host.is_none_or(|rest| rest.is_empty() || rest.starts_with('/')) {
        return Some(format!(
            "must be an absolute address starting with https:// and a host name, not `{url}`"
        ));
    }
    if let Some(c) = yaml::control_character(url) {
        return Some(format!(
            "contains the control character U+{:04X}, which no address may hold",
            u32::from(c)
        ));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || "\"<>\\`".contains(*c))
    {
        let what = if c.is_whitespace() {
            "a space".to_owned()
        } else {
            format!("`{c}`")
        };
        return Some(format!(
            "contains {what}, which cannot appear in a web address as it is"
        ));
    }
    None
}

pub fn with_trailing_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    }
}

/// `https://host/sub/` → `/sub/`.
pub fn base_path_of(url: &str) -> String {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    with_trailing_slash(path)
}

/// `glossary.yaml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    #[serde(default)]
    pub conditions: Vec<Condition>,
    #[serde(default)]
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    #[serde(default)]
    pub synonyms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    pub meaning: String,
    #[serde(default)]
    pub synonyms: Vec<String>,
}

impl Glossary {
    pub fn condition(&self, id: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.id == id)
    }
}

/// `networks/<id>/network.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NetworkProfile {
    pub name: String,
    pub region: String,
    #[serde(default)]
    pub hubs: Vec<Hub>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub icbs: Vec<String>,
    #[serde(default)]
    pub contact: Option<String>,
    /// Replaces site.yaml's `feedback:` on the network's pages.
    #[serde(default)]
    pub feedback: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Hub {
    pub name: String,
    #[serde(default)]
    pub emergency_contact: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
}

/// Parses a YAML settings file, turning a parse failure into a located diagnostic.
fn parse_file<T: serde::de::DeserializeOwned>(
    path: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let (value, errors) = yaml::parse(text);
    diags.extend(errors.into_iter().map(|e| e.into_diagnostic(path, text, 0)));
    value
}

pub fn parse_site(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let site: SiteConfig = parse_file(path, text, diags)?;
    let mut ok = true;
    // A control character was already reported where the YAML was read.
    let problem = yaml::control_character(&site.base_url)
        .is_none()
        .then(|| base_url_problem(&site.base_url))
        .flatten();
    if let Some(problem) = problem {
        diags.push(
            Diagnostic::error("invalid-url", path, format!("`base_url` {problem}"))
                .at(
                    text,
                    place::top_key_line(text, "base_url"),
                    11,
                    site.base_url.chars().count(),
                )
                .help(
                    "write it as https://your-host/ (with a path if the site lives in a subfolder)",
                ),
        );
        ok = false;
    }
    check_feedback(path, text, site.feedback.as_deref(), diags);
    if let Some(statement) = &site.accessibility {
        crate::accessibility::check(path, text, statement, diags);
    }
    if site.title.trim().is_empty() {
        diags.push(
            Diagnostic::error("missing-field", path, "`title` is empty")
                .at(text, place::top_key_line(text, "title"), 1, 5)
                .help("give the site a name, e.g. `title: Spinal Services Clinical Networks`"),
        );
        ok = false;
    }
    ok.then_some(site)
}

/// `None` when the glossary cannot be read, so documents are not blamed for its errors.
pub fn parse_glossary(path: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Option<Glossary> {
    let glossary: Glossary = parse_file(path, text, diags)?;
    let mut seen = BTreeSet::new();
    for c in &glossary.conditions {
        let line = value_line(text, &c.id);
        if !slug::is_slug(&c.id) {
            diags.push(
                Diagnostic::error(
                    "invalid-id",
                    path,
                    format!("condition id `{}` is not a valid id", c.id),
                )
                .at(text, line, 1, 1)
                .help(format!(
                    "use lowercase letters, digits and `-`, e.g. `{}`",
                    slug::slugify(&c.id)
                )),
            );
        }
        if !seen.insert(c.id.as_str()) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    path,
                    format!("condition `{}` is listed twice", c.id),
                )
                .at(text, line, 1, 1)
                .help("keep one entry per condition and merge their synonyms"),
            );
        }
    }
    Some(glossary)
}

pub fn parse_network(
    path: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<NetworkProfile> {
    let profile: NetworkProfile = parse_file(path, text, diags)?;
    if profile.hubs.len() > 3 {
        diags.push(
            Diagnostic::error(
                "too-many-hubs",
                path,
                format!(
                    "a network has one to three hub centres; this lists {}",
                    profile.hubs.len()
                ),
            )
            .at(text, place::top_key_line(text, "hubs"), 1, 4)
            .help("list the other hospitals under `partners:`"),
        );
    }
    warn_placeholders(path, text, diags);
    check_feedback(path, text, profile.feedback.as_deref(), diags);
    for hub in profile.hubs.iter().filter(|h| {
        h.emergency_contact
            .as_deref()
            .is_none_or(|c| c.trim().is_empty())
    }) {
        diags.push(
            Diagnostic::warning("network-no-emergency-contact", path, format!("hub `{}` has no emergency contact", hub.name))
                .at(text, value_line(text, &hub.name), 1, 1)
                .help("add `emergency_contact:` under the hub: how partner hospitals reach the spinal on-call team"),
        );
    }
    if profile.hubs.is_empty() {
        diags.push(
            Diagnostic::warning("network-no-hubs", path, "the network profile lists no hub centre")
                .at(text, 1, 1, 1)
                .help("add `hubs:` with each hub's name and `emergency_contact:`, so clinicians know where to refer"),
        );
    }
    for (field, value) in [("name", &profile.name), ("region", &profile.region)] {
        if value.trim().is_empty() {
            diags.push(
                Diagnostic::error("missing-field", path, format!("`{field}` is empty"))
                    .at(text, place::top_key_line(text, field), 1, field.len())
                    .help(format!(
                        "fill in the network's {field} as the network specification gives it"
                    )),
            );
        }
    }
    Some(profile)
}

/// Text that marks a value the network team still has to fill in.
pub const PLACEHOLDER: &str = "Placeholder";

/// Telephone numbers that are examples, not contacts: all zeros after the area code, or the
/// ranges Ofcom keeps for drama (01632 960xxx, 020 7946 0xxx, 07700 900xxx).
const EXAMPLE_PHONES: &[&str] = &[
    "0000 0000",
    "000 0000",
    "01632 960",
    "020 7946 0",
    "07700 900",
];

/// Where a line holds an example phone number: its column (0-based, in bytes) and length.
pub fn example_phone(line: &str) -> Option<(usize, usize)> {
    EXAMPLE_PHONES
        .iter()
        .filter_map(|p| line.find(p).map(|i| (i, p.len())))
        .min()
}

/// One warning per line of a profile that still holds a placeholder or an example phone
/// number. Whether they may be published is decided with the site's `example_content`
/// (see `lints::placeholders`).
fn warn_placeholders(path: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let (code, col, len, message) = if let Some(col) = line.find(PLACEHOLDER) {
            (
                "network-placeholder",
                col,
                PLACEHOLDER.len(),
                "the network profile still has a placeholder",
            )
        } else if let Some((col, len)) = example_phone(line) {
            (
                "example-phone-number",
                col,
                len,
                "the network profile has an example phone number, not a real one",
            )
        } else {
            continue;
        };
        diags.push(
            Diagnostic::warning(code, path, message)
                .at(text, i + 1, line[..col].chars().count() + 1, len)
                .help("replace it with the real value, as agreed by the network board"),
        );
    }
}

/// Line (1-based) of the first line mentioning `value`; 1 when absent.
fn value_line(text: &str, value: &str) -> usize {
    text.lines()
        .position(|l| l.contains(value))
        .map_or(1, |i| i + 1)
}

/// Where feedback goes: site.yaml's or a network.yaml's `feedback:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackTarget<'a> {
    /// `mailto:<address>`: the address.
    Email(&'a str),
    /// An http(s) form; the prefilled values are added as query parameters.
    Form(&'a str),
}

/// What is wrong with a `feedback:` setting, in words that follow "`feedback` ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedbackError<'a> {
    /// `mailto:` followed by something other than one email address.
    NotOneAddress(&'a str),
    /// An email address without `mailto:`.
    NoMailto(&'a str),
    /// Neither `mailto:` nor a usable web address: what is wrong with it as an address.
    NotAnAddress(String),
}

impl std::fmt::Display for FeedbackError<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedbackError::NotOneAddress(setting) => {
                write!(f, "`{setting}` is not a mailto: link to one email address")
            }
            FeedbackError::NoMailto(setting) => write!(
                f,
                "`{setting}` is an email address without `mailto:` in front: write `mailto:{setting}`"
            ),
            FeedbackError::NotAnAddress(problem) => write!(
                f,
                "must be `mailto:` and an email address, or the address of a web form; it {problem}"
            ),
        }
    }
}

impl std::error::Error for FeedbackError<'_> {}

/// Reads a `feedback:` setting, or says what is wrong with it.
pub fn feedback_target(setting: &str) -> Result<FeedbackTarget<'_>, FeedbackError<'_>> {
    if let Some(address) = setting.strip_prefix("mailto:") {
        let plain = |s: &str| {
            !s.is_empty()
                && !s
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "@?&#<>\"\\".contains(c))
        };
        return match address.split_once('@') {
            Some((user, host)) if plain(user) && plain(host) && host.contains('.') => {
                Ok(FeedbackTarget::Email(address))
            }
            _ => Err(FeedbackError::NotOneAddress(setting)),
        };
    }
    if setting.contains('@') && !setting.contains(':') {
        return Err(FeedbackError::NoMailto(setting));
    }
    match base_url_problem(setting) {
        None => Ok(FeedbackTarget::Form(setting)),
        Some(problem) => Err(FeedbackError::NotAnAddress(problem)),
    }
}

/// An error at the `feedback:` line of a settings file when its value cannot be used.
fn check_feedback(path: &str, text: &str, setting: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let Some(problem) = setting.and_then(|s| feedback_target(s).err()) else {
        return;
    };
    let (line, col, len) = place::value_span(text, "feedback").unwrap_or((1, 1, 1));
    diags.push(
        Diagnostic::error("invalid-feedback", path, format!("`feedback` {problem}"))
            .at(text, line, col, len)
            .help("write `feedback: mailto:team@example.org` or `feedback: https://forms.example.org/report`"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_settings() {
        assert_eq!(
            feedback_target("mailto:a@b.org"),
            Ok(FeedbackTarget::Email("a@b.org"))
        );
        assert_eq!(
            feedback_target("https://forms.example.org/x?y=1"),
            Ok(FeedbackTarget::Form("https://forms.example.org/x?y=1"))
        );
        for bad in [
            "mailto:nobody",
            "mailto:a@b.org?subject=x",
            "a@b.org",
            "javascript:alert(1)",
            "/report/",
        ] {
            assert!(feedback_target(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn each_feedback_problem_says_what_would_be_right() {
        let says = |setting| feedback_target(setting).unwrap_err().to_string();
        assert_eq!(
            says("mailto:nobody"),
            "`mailto:nobody` is not a mailto: link to one email address"
        );
        assert_eq!(
            says("a@b.org"),
            "`a@b.org` is an email address without `mailto:` in front: write `mailto:a@b.org`"
        );
        let form = says("/report/");
        assert!(
            form.starts_with(
                "must be `mailto:` and an email address, or the address of a web form; it "
            ),
            "{form}"
        );
    }

    #[test]
    fn base_path_follows_base_url() {
        assert_eq!(base_path_of("https://example.org"), "/");
        assert_eq!(base_path_of("https://example.org/"), "/");
        assert_eq!(base_path_of("https://example.org/spinal"), "/spinal/");
    }

    #[test]
    fn network_with_four_hubs_is_an_error() {
        let text =
            "name: N\nregion: R\nhubs:\n  - name: a\n  - name: b\n  - name: c\n  - name: d\n";
        let mut diags = Vec::new();
        parse_network("networks/n/network.yaml", text, &mut diags);
        let hubs: Vec<_> = diags.iter().filter(|d| d.code == "too-many-hubs").collect();
        assert_eq!(hubs.len(), 1);
        assert_eq!(hubs[0].line, 3);
        assert_eq!(
            diags
                .iter()
                .filter(|d| d.code == "network-no-emergency-contact")
                .count(),
            4
        );
    }

    #[test]
    fn placeholders_in_a_profile_are_warned_about_line_by_line() {
        let text = "# Placeholder values below\nname: N\nregion: R\nhubs:\n  - name: \"Placeholder: hub\"\n";
        let mut diags = Vec::new();
        parse_network("networks/n/network.yaml", text, &mut diags);
        diags.retain(|d| d.code == "network-placeholder");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].col), (5, 12));
    }
}
