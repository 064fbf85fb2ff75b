//! Governance lints: review dates coming up or passed, evidence not checked again for the
//! latest approval, duplicate titles, approved documents
//! still holding `pathways new`'s placeholders, placeholders in network profiles, and
//! site.yaml's lists of required documents and expected local adaptations.

use super::{field_diag, find_word};
use crate::content::{Document, Scope, Status};
use crate::diag::Diagnostic;
use crate::incremental::Fast;
use crate::kind;
use crate::library::{Library, Page};
use crate::place::value_span;
use crate::review::{self, ReviewState};
use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

pub(super) fn review_dates(lib: &Library, page: &Page, diags: &mut Vec<Diagnostic>) {
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

pub(super) fn duplicate_titles(lib: &Library, diags: &mut Vec<Diagnostic>) {
    // Looked up once per document: a hash map, as the titles of one scope share long
    // beginnings ("Cauda equina syndrome: …") that a sorted map compares again and again.
    let mut seen: HashMap<(&Scope, String), &Document, Fast> =
        HashMap::with_capacity_and_hasher(lib.pages.len(), Fast::new());
    for page in lib
        .pages
        .iter()
        .filter(|p| p.doc.meta.status != Status::Withdrawn)
    {
        let doc = &page.doc;
        let key = (&doc.scope, doc.meta.title.trim().to_lowercase());
        match seen.entry(key) {
            Entry::Occupied(first) => diags.push(field_diag(
                doc,
                "duplicate-title",
                "title",
                format!(
                    "`{}` has the same title as {}",
                    doc.meta.title,
                    first.get().path
                ),
                "give each document a title that says how it differs, so people pick the right one",
            )),
            Entry::Vacant(v) => {
                v.insert(doc);
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
pub(super) fn document_placeholders(page: &Page, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    if doc.meta.status != Status::Approved {
        return;
    }
    // One pass over the whole text first: nearly every document has none of them, and
    // searching line by line costs a searcher per line and phrase.
    let phrases: Vec<&str> = kind::TEMPLATE_PHRASES
        .iter()
        .copied()
        .filter(|p| memchr::memmem::find(doc.text.as_bytes(), p.as_bytes()).is_some())
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
            .or_else(|| phrases.iter().find_map(|p| line.find(p).map(|i| (i, *p))))
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
        // One shared text for every such problem, as diagnostics share their help.
        let help = crate::intern::intern(
            "replace it with the real value agreed by the network board; this site is not example content (site.yaml has no `example_content: true`), so it must not publish invented details",
        );
        for d in diags.iter_mut().filter(|d| CODES.contains(&d.code)) {
            d.severity = crate::diag::Severity::Error;
            d.help = Some(help.clone());
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

/// The accessibility statement's checks that need the build's date (see
/// [`crate::accessibility::lint`]), at site.yaml (`path`, `text`).
pub fn accessibility_statement(lib: &Library, path: &str, text: &str) -> Vec<Diagnostic> {
    let site = &lib.site;
    let statement = site.accessibility.as_ref();
    crate::accessibility::lint(
        statement,
        site.example_content,
        lib.today,
        lib.as_of,
        path,
        text,
    )
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

/// A warning when the evidence was last checked before the document's latest approval: the
/// review that approved it should have checked the sources again.
pub(super) fn evidence_rechecked(doc: &Document, diags: &mut Vec<Diagnostic>) {
    let m = &doc.meta;
    let (Some(checked), Some(approved)) = (m.evidence.checked, m.approved) else {
        return;
    };
    if checked >= approved {
        return;
    }
    let (line, col, len) = value_span(&doc.text, "evidence_checked").unwrap_or((1, 1, 1));
    diags.push(
        Diagnostic::warning(
            "evidence-not-rechecked",
            &doc.path,
            format!(
                "the evidence was last checked on {checked}, before version {} was approved on {approved}",
                m.version
            ),
        )
        .at(&doc.text, line, col, len)
        .help("check the sources again as part of each review, then set `evidence_checked:` to the date you did"),
    );
}
