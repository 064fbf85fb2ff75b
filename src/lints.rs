//! Assurance lints over the built library: governance (review dates, expected local
//! adaptations, duplicate titles), patient leaflets (standard sections in order, reading
//! level) and accessibility (alternative text, heading levels, abbreviations the glossary does
//! not explain). All are warnings, like every diagnostic located at a file, line and column;
//! `check --strict` makes them errors. Two are errors, because what they find must not be
//! published as guidance: `document-placeholder` (an approved document still holding the
//! text `pathways new` wrote), and placeholders in network profiles of a site that says it is
//! not example content ([`placeholders`]).

use crate::content::{Document, Kind, Scope, Status};
use crate::diag::Diagnostic;
use crate::kind;
use crate::library::{Library, Page};
use crate::place::value_span;
use crate::readability;
use crate::review::{self, ReviewState};
use std::collections::{BTreeMap, BTreeSet};

/// What every page's own lints share: the abbreviations the glossary explains.
pub struct PageLints {
    known: BTreeSet<String>,
}

impl PageLints {
    pub fn new(lib: &Library) -> PageLints {
        PageLints {
            known: known_abbreviations(lib),
        }
    }

    /// The lints of one page: a function of the page, the settings and today only, so a
    /// rebuild may reuse a page's findings while those are the same.
    pub fn page(&self, lib: &Library, page: &Page) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        // A version from history is not the file on disk (that is a draft being prepared,
        // checked as such by `check`): findings in it could not point at the right line.
        if page.from_history {
            return diags;
        }
        review_dates(lib, page, &mut diags);
        headings(page, &mut diags);
        images(page, &mut diags);
        abbreviations(page, &self.known, &mut diags);
        document_placeholders(page, &mut diags);
        crate::evidence::lint(&page.doc, &mut diags);
        if page.doc.meta.kind == Kind::Leaflet {
            leaflet_sections(page, &mut diags);
            urgent_card_first(page, &mut diags);
            reading_level(lib, page, &mut diags);
        }
        diags
    }
}

/// The lints over the whole library (after every page's own): duplicate titles, service
/// directories, workplans and adaptations that weaken a national standard.
pub fn library(lib: &Library) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    duplicate_titles(lib, &mut diags);
    for d in lib.networks.iter().filter_map(|n| n.services.as_ref()) {
        let months = lib.site.service_verification_months;
        diags.extend(crate::services::lint(d, lib.today, months));
    }
    for plan in lib.networks.iter().flat_map(|n| &n.workplans) {
        diags.extend(crate::workplan::lint(plan, lib.today));
    }
    diags.extend(crate::variation::weakened_standards(lib));
    diags
}

/// Every lint over the library: each page's, then the library's.
pub fn run(lib: &Library) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let each = PageLints::new(lib);
    let mut diags: Vec<Diagnostic> = lib
        .pages
        .par_iter()
        .flat_map_iter(|p| each.page(lib, p))
        .collect();
    diags.extend(library(lib));
    diags
}

fn field_diag(
    doc: &Document,
    code: &'static str,
    key: &str,
    message: String,
    help: &str,
) -> Diagnostic {
    let (line, col, len) = value_span(&doc.text, key).unwrap_or((1, 1, 1));
    Diagnostic::warning(code, &doc.path, message)
        .at(&doc.text, line, col, len)
        .help(help)
}

fn review_dates(lib: &Library, page: &Page, diags: &mut Vec<Diagnostic>) {
    let m = &page.doc.meta;
    let Some(review) = m.review.filter(|_| m.status == Status::Approved) else {
        return;
    };
    let (code, message) = match ReviewState::of(Some(review), lib.today) {
        ReviewState::Overdue => (
            "review-overdue",
            format!("review was due on {review}; the page shows an overdue banner"),
        ),
        ReviewState::DueSoon => {
            let days = review::days_until(review, lib.today).unwrap_or(0);
            (
                "review-due-soon",
                format!("review is due on {review}, in {days} days"),
            )
        }
        ReviewState::Ok => return,
    };
    diags.push(field_diag(
        &page.doc,
        code,
        "review",
        message,
        "review the document, then update `version`, `approved`, `review` and `changes`",
    ));
}

/// The page's title is its only level-1 heading; sections start at level 2 and go down one
/// level at a time, so screen-reader users can navigate by heading.
fn headings(page: &Page, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    let mut previous = 1;
    for h in &page.rendered.headings {
        let problem = if h.level == 1 {
            Some((
                "a level-1 heading in the body; the title is the page's only level-1 heading"
                    .to_owned(),
                "use `##` for sections",
            ))
        } else if h.level > previous + 1 {
            Some((
                format!(
                    "heading level {} follows level {previous}, skipping a level",
                    h.level
                ),
                "use one more `#` than the section it belongs to",
            ))
        } else {
            None
        };
        if let Some((message, help)) = problem {
            diags.push(
                Diagnostic::warning("heading-level", &doc.path, message)
                    .at_offset(&doc.text, h.at.offset, h.at.len)
                    .help(help),
            );
        }
        previous = h.level;
    }
}

fn images(page: &Page, diags: &mut Vec<Diagnostic>) {
    for at in &page.rendered.images_without_alt {
        diags.push(
            Diagnostic::warning(
                "image-without-alt",
                &page.doc.path,
                "image has no alternative text",
            )
            .at_offset(&page.doc.text, at.offset, at.len)
            .help("describe the image for people who cannot see it: `![what it shows](file.png)`"),
        );
    }
}

/// Abbreviations explained by the glossary: condition abbreviations and terms.
fn known_abbreviations(lib: &Library) -> BTreeSet<String> {
    let g = &lib.glossary;
    g.conditions
        .iter()
        .flat_map(|c| c.abbreviations.iter().chain(&c.synonyms))
        .chain(
            g.terms
                .iter()
                .flat_map(|t| std::iter::once(&t.term).chain(&t.synonyms)),
        )
        .map(|s| s.to_owned())
        .collect()
}

/// A token such as `MSCC`, `EQ-5D`, `PROMs` or `A&E`: at least two capitals and no lower case
/// letters except a plural `s`.
fn is_abbreviation(token: &str) -> bool {
    // Reference numbers such as NICE's NG43 are identifiers, not abbreviations.
    let letters = token.trim_end_matches(|c: char| c.is_ascii_digit());
    if letters.len() < token.len() && letters.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let stem = token.strip_suffix('s').unwrap_or(token);
    let capitals = stem.chars().filter(char::is_ascii_uppercase).count();
    capitals >= 2
        && !stem.chars().any(|c| c.is_lowercase())
        && !stem
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

fn abbreviations(page: &Page, known: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    let mut reported = BTreeSet::new();
    let tokens = page
        .rendered
        .text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
        .map(|t| t.trim_matches(['-', '&']));
    for token in tokens {
        if !is_abbreviation(token) || reported.contains(token) {
            continue;
        }
        let singular = token.strip_suffix('s').unwrap_or(token);
        if known.contains(token) || known.contains(singular) {
            continue;
        }
        reported.insert(token.to_owned());
        let offset = find_word(&doc.text, doc.body_start, token).unwrap_or(doc.body_start);
        diags.push(
            Diagnostic::warning("unknown-abbreviation", &doc.path, format!("`{token}` is not explained in glossary.yaml"))
                .at_offset(&doc.text, offset, token.len())
                .help(format!("add `{singular}` to glossary.yaml under `terms:` with its meaning, or write it out in full")),
        );
    }
}

/// Byte offset of `word` as a whole word in `text`, from `from`.
fn find_word(text: &str, from: usize, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '&';
    let mut start = from;
    while let Some(i) = text[start..].find(word) {
        let at = start + i;
        let before = text[..at].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[at + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        if before && after {
            return Some(at);
        }
        start = at + word.len();
    }
    None
}

/// Leaflets share one structure (BASS style) so patients find the same things in the same place.
fn leaflet_sections(page: &Page, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    let standard = doc.meta.leaflet_type.unwrap_or_default().sections();
    let position = |title: &str| {
        standard
            .iter()
            .position(|s| s.eq_ignore_ascii_case(title.trim()))
    };
    let mut seen = BTreeSet::new();
    let mut furthest: Option<usize> = None;
    for h in page.rendered.headings.iter().filter(|h| h.level == 2) {
        let Some(i) = position(&h.title) else {
            continue;
        };
        seen.insert(i);
        if let Some(f) = furthest.filter(|f| i < *f) {
            diags.push(
                Diagnostic::warning(
                    "leaflet-section-order",
                    &doc.path,
                    format!(
                        "section `{}` should come before `{}`",
                        standard[i], standard[f]
                    ),
                )
                .at_offset(&doc.text, h.at.offset, h.at.len)
                .help(format!(
                    "leaflet sections go in this order: {}",
                    standard.join("; ")
                )),
            );
        }
        furthest = furthest.max(Some(i));
    }
    // The closing `---` of the front matter: the leaflet as a whole lacks the section.
    let close_line = crate::diag::line_col(&doc.text, doc.body_start.saturating_sub(1)).0;
    for (i, s) in standard
        .iter()
        .enumerate()
        .filter(|(i, _)| !seen.contains(i))
    {
        let after = if i == 0 {
            "at the start".to_owned()
        } else {
            format!("after `{}`", standard[i - 1])
        };
        diags.push(
            Diagnostic::warning(
                "leaflet-missing-section",
                &doc.path,
                format!("leaflet has no `## {s}` section"),
            )
            .at(&doc.text, close_line, 1, 3)
            .help(format!(
                "add `## {s}` {after}; every {} leaflet has the same sections in the same order",
                doc.meta.leaflet_type.unwrap_or_default().id()
            )),
        );
    }
}

fn reading_level(lib: &Library, page: &Page, diags: &mut Vec<Diagnostic>) {
    let Some(target) = lib.site.reading_level_target else {
        return;
    };
    let r = page
        .rendered
        .readability
        .unwrap_or_else(|| readability::measure(&page.rendered.text));
    if r.grade > target {
        diags.push(field_diag(
            &page.doc,
            "reading-level",
            "title",
            format!(
                "reading level is Flesch–Kincaid grade {:.1}, above the target of {target} ({:.1} words a sentence on average, the longest {})",
                r.grade, r.words_per_sentence, r.longest_sentence
            ),
            "use shorter sentences and everyday words; explain medical terms the first time they appear",
        ));
    }
}

fn duplicate_titles(lib: &Library, diags: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&Scope, String), &Document> = BTreeMap::new();
    for page in lib
        .pages
        .iter()
        .filter(|p| p.doc.meta.status != Status::Withdrawn)
    {
        let doc = &page.doc;
        let key = (&doc.scope, doc.meta.title.trim().to_lowercase());
        match seen.get(&key) {
            Some(first) => diags.push(field_diag(
                doc,
                "duplicate-title",
                "title",
                format!("`{}` has the same title as {}", doc.meta.title, first.path),
                "give each document a title that says how it differs, so people pick the right one",
            )),
            None => {
                seen.insert(key, doc);
            }
        }
    }
}

/// Each national document in site.yaml's `expected_adaptations` that networks have not adapted:
/// at the network's profile when one network lacks it, or once, at the site.yaml entry,
/// naming every network that lacks it (as a new site's networks all do). Only an adaptation in
/// force counts: approved, or a draft of the next version while the approved one stays
/// published. A withdrawn one says "do not use".
fn expected_adaptations(lib: &Library, path: &str, text: &str, diags: &mut Vec<Diagnostic>) {
    for expected in &lib.site.expected_adaptations {
        let adaptation = |network: &crate::network::Network| {
            let scope = Scope::Network(network.id.clone());
            lib.pages.iter().filter(move |p| {
                p.doc.scope == scope && p.doc.meta.adapts.as_deref() == Some(expected.as_str())
            })
        };
        let missing: Vec<&crate::network::Network> = lib
            .networks
            .iter()
            .filter(|network| {
                !adaptation(network).any(|p| p.doc.meta.status == Status::Approved || p.in_force)
            })
            .collect();
        let title = lib
            .page(expected)
            .map_or(expected.as_str(), |p| p.doc.meta.title.as_str());
        match missing[..] {
            [] => {}
            [network] => {
                let not_in_force = adaptation(network).next().map_or(String::new(), |p| {
                    format!(" in force: {} is {}", p.doc.path, p.doc.meta.status.id())
                });
                diags.push(
                    Diagnostic::warning(
                        "missing-adaptation",
                        format!("networks/{}/network.yaml", network.id),
                        format!(
                            "{} has no local adaptation of `{expected}` ({title}){not_in_force}",
                            network.profile.name
                        ),
                    )
                    .help(format!(
                        "write the network's local version with `adapts: {expected}` (pathways new ... --network {})",
                        network.id
                    )),
                );
            }
            _ => {
                let ids: Vec<&str> = missing.iter().map(|n| n.id.as_str()).collect();
                let from = crate::place::top_key_line(text, "expected_adaptations");
                let (line, col) = find_in(text, from, expected);
                diags.push(
                    Diagnostic::warning(
                        "missing-adaptation",
                        path,
                        format!(
                            "{} of {} networks have no local adaptation of `{expected}` ({title}): {}",
                            missing.len(),
                            lib.networks.len(),
                            ids.join(", ")
                        ),
                    )
                    .at(text, line, col, expected.chars().count())
                    .help(format!(
                        "each network writes its local version with `adapts: {expected}` (pathways new ... --network <id>)"
                    )),
                );
            }
        }
    }
}

/// 1-based line and column of the first line of `text` from line `from` holding `needle`
/// (1, 1 if none).
fn find_in(text: &str, from: usize, needle: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find_map(|(i, l)| l.find(needle).map(|c| (i + 1, l[..c].chars().count() + 1)))
        .unwrap_or((1, 1))
}

/// An approved document must not still hold what `pathways new` wrote for its author to
/// replace: a `TODO`, or the template's example wording. One error per line that has one.
fn document_placeholders(page: &Page, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    if doc.meta.status != Status::Approved {
        return;
    }
    // One pass over the whole text first: nearly every document has none of them, and
    // searching line by line costs a searcher per line and phrase.
    let phrases: Vec<&str> = kind::TEMPLATE_PHRASES
        .iter()
        .copied()
        .filter(|p| doc.text.contains(p))
        .collect();
    if phrases.is_empty() && find_word(&doc.text, 0, kind::TODO).is_none() {
        return;
    }
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        // Comment lines of the front matter are not published.
        let comment = offset < doc.body_start && line.trim_start().starts_with('#');
        let found = find_word(line, 0, kind::TODO)
            .map(|i| (i, kind::TODO))
            .or_else(|| {
                phrases
                    .iter()
                    .find_map(|p| line.find(p).map(|i| (i, *p)))
            })
            .filter(|_| !comment);
        if let Some((i, what)) = found {
            diags.push(
                Diagnostic::error(
                    "document-placeholder",
                    &doc.path,
                    format!("an approved document still has the placeholder `{what}` from `pathways new`"),
                )
                .at_offset(&doc.text, offset + i, what.len())
                .help("write the real text here, or set `status: draft` until the document is finished"),
            );
        }
        offset += line.len();
    }
}

/// Placeholders and example phone numbers in network profiles (each a `network-placeholder`
/// or `example-phone-number` warning from the profile's check) are decided by site.yaml's
/// `example_content`. An example site keeps them on purpose: the placeholders become one line
/// naming the networks, and example phone numbers are what it should have. A site that says
/// it is real must not publish an invented contact: each becomes an error.
pub fn placeholders(
    diags: &mut Vec<Diagnostic>,
    site: &crate::config::SiteConfig,
    site_path: &str,
    site_text: &str,
) {
    const CODES: [&str; 2] = ["network-placeholder", "example-phone-number"];
    if !site.example_content {
        for d in diags.iter_mut().filter(|d| CODES.contains(&d.code)) {
            d.severity = crate::diag::Severity::Error;
            d.help = Some(
                "replace it with the real value agreed by the network board; this site is not example content (site.yaml has no `example_content: true`), so it must not publish invented details".to_owned(),
            );
        }
        return;
    }
    let mut networks: BTreeSet<String> = BTreeSet::new();
    diags.retain(|d| {
        if d.code == "example-phone-number" {
            return false;
        }
        if d.code != "network-placeholder" {
            return true;
        }
        let id = d.path.split('/').nth(1).unwrap_or(&d.path);
        networks.insert(id.to_owned());
        false
    });
    if networks.is_empty() {
        return;
    }
    let n = networks.len();
    let names: Vec<&str> = networks.iter().map(String::as_str).collect();
    let (line, col, len) = value_span(site_text, "example_content").unwrap_or((1, 1, 1));
    let (profiles, are) = if n == 1 {
        ("network profile is a placeholder", "its")
    } else {
        ("network profiles are placeholders", "their")
    };
    diags.push(
        Diagnostic::warning(
            "network-placeholder",
            site_path,
            format!(
                "{n} {profiles} (example content): {}",
                names.join(", ")
            ),
        )
        .at(site_text, line, col, len)
        .help(format!(
            "each network team replaces `{}` and example phone numbers in {are} networks/<id>/network.yaml before the site goes live with `example_content: false`",
            crate::config::PLACEHOLDER
        )),
    );
}

/// Checks of site.yaml's lists: they must name national documents that exist, and the
/// networks' adaptations of those in `expected_adaptations`.
pub fn site_references(lib: &Library, path: &str, text: &str) -> Vec<Diagnostic> {
    let listed = lib
        .site
        .required_documents
        .iter()
        .map(|r| &r.national)
        .chain(&lib.site.expected_adaptations);
    let mut diags = Vec::new();
    for id in listed {
        if lib.page(id).is_some_and(|p| p.doc.scope == Scope::National) {
            continue;
        }
        let (line, col) = find_in(text, 1, id);
        diags.push(
            Diagnostic::warning(
                "unknown-required-document",
                path,
                format!("`{id}` is not a published national document"),
            )
            .at(text, line, col, id.len())
            .help("name a national document by its id, `national/<file name>`"),
        );
    }
    expected_adaptations(lib, path, text, &mut diags);
    diags
}

/// The class the renderer gives an urgent (`> [!CAUTION]`) card.
const URGENT_CARD: &str = "<div class=\"callout callout-caution\"";

/// A warning-signs leaflet must open with its urgent card: nothing (no heading, no paragraph)
/// before the first `> [!CAUTION]` callout.
pub fn urgent_card_first(page: &Page, diags: &mut Vec<Diagnostic>) {
    if page.doc.meta.leaflet_type != Some(crate::kind::LeafletType::WarningSigns) {
        return;
    }
    if page.rendered.html.trim_start().starts_with(URGENT_CARD) {
        return;
    }
    let doc = &page.doc;
    let body = doc.body();
    // Point at the first thing written in the body, or at the closing `---` of an empty one.
    let lead = body.len() - body.trim_start().len();
    let first_line = body[lead..].lines().next().unwrap_or("");
    let (offset, len) = if first_line.is_empty() {
        (doc.body_start.saturating_sub(4), 3)
    } else {
        (doc.body_start + lead, first_line.len())
    };
    diags.push(
        Diagnostic::warning(
            "leaflet-urgent-card",
            &doc.path,
            "a warning-signs leaflet must open with its urgent card",
        )
        .at_offset(&doc.text, offset, len)
        .help(
            "start the body with a `> [!CAUTION]` callout saying, in the patient's words, when to act: \
             `> [!CAUTION]` then `> Go to A&E now or call 999 if you have:` and the signs as a list",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_capitals_with_an_optional_plural() {
        for t in ["MSCC", "EQ-5D", "PROMs", "A&E", "MRI"] {
            assert!(is_abbreviation(t), "{t}");
        }
        for t in ["Spine", "I", "II", "MDTrial", "24", "x", "NG43"] {
            assert!(!is_abbreviation(t), "{t}");
        }
    }

    #[test]
    fn whole_words_only() {
        let text = "SCIATICA and SCI";
        assert_eq!(find_word(text, 0, "SCI"), Some(13));
    }
}
