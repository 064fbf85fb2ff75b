//! Assurance lints over the built library: governance (review dates, expected local
//! adaptations, duplicate titles), patient leaflets (standard sections in order, reading
//! level) and accessibility (alternative text, heading levels, abbreviations the glossary does
//! not explain). All are warnings, like every diagnostic located at a file, line and column;
//! `check --strict` makes them errors. Two are errors, because what they find must not be
//! published as guidance: `document-placeholder` (an approved document still holding the
//! text `pathways new` wrote), and placeholders in network profiles of a site that says it is
//! not example content ([`placeholders`]).
//!
//! This module runs them; each kind lives in its own file: `governance` (review dates,
//! duplicate titles, placeholders, site.yaml's lists and expected adaptations),
//! `accessibility` (headings, alternative text, abbreviations) and `leaflets` (the
//! standard sections, the urgent card, reading level).

mod accessibility;
mod governance;
mod leaflets;

use crate::content::{Document, Kind};
use crate::diag::Diagnostic;
use crate::library::{Library, Page};
use crate::place::value_span;
use accessibility::{abbreviations, headings, images, known_abbreviations};
use governance::{document_placeholders, duplicate_titles, evidence_rechecked, review_dates};
use leaflets::{leaflet_sections, reading_level};
use std::collections::BTreeSet;

pub use governance::{accessibility_statement, placeholders, site_references};
pub use leaflets::urgent_card_first;

/// What every page's own lints share: the abbreviations the glossary explains.
pub struct PageLints {
    /// The abbreviations glossary.yaml explains; `None` while it cannot be read, when every
    /// abbreviation would be reported although the mistake is in the glossary.
    known: Option<BTreeSet<String>>,
}

impl PageLints {
    pub fn new(lib: &Library) -> PageLints {
        PageLints {
            known: (!lib.glossary_unreadable).then(|| known_abbreviations(lib)),
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
        if let Some(known) = &self.known {
            abbreviations(page, known, &mut diags);
        }
        document_placeholders(page, &mut diags);
        evidence_rechecked(&page.doc, &mut diags);
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

/// Byte offset of `word` as a whole word in `text`, from `from`.
fn find_word(text: &str, from: usize, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '&';
    let mut start = from;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[start..], word.as_bytes()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        let text = "SCIATICA and SCI";
        assert_eq!(find_word(text, 0, "SCI"), Some(13));
    }
}
