//! Patient leaflet lints: the standard sections of the leaflet's type in order, the urgent
//! card that opens a warning-signs leaflet, and the reading level against site.yaml's target.

use super::field_diag;
use crate::diag::Diagnostic;
use crate::library::{Library, Page};
use crate::readability;
use std::collections::BTreeSet;

/// Leaflets share one structure (BASS style) so patients find the same things in the same place.
pub(super) fn leaflet_sections(page: &Page, diags: &mut Vec<Diagnostic>) {
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

pub(super) fn reading_level(lib: &Library, page: &Page, diags: &mut Vec<Diagnostic>) {
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
