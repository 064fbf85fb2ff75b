//! Patient leaflet types (`leaflet_type:` in front matter) and what each requires. An
//! operation leaflet follows the BASS-style sections from "What it is" to "The British Spine
//! Registry"; a warning-signs leaflet opens with an urgent card (a `> [!CAUTION]` callout in
//! patient words: "Go to A&E now or call 999 if…") before anything else, so the signs are on a
//! phone's first screen, then says what the condition is, what to do and whom to contact.

use crate::content::Kind;
use crate::diag::Diagnostic;
use crate::library::Page;

/// What kind of patient leaflet a document is.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeafletType {
    /// About an operation or treatment: the ten BASS-style sections.
    #[default]
    Operation,
    /// The signs of an emergency and what to do: an urgent card first.
    WarningSigns,
}

impl LeafletType {
    pub const ALL: [LeafletType; 2] = [LeafletType::Operation, LeafletType::WarningSigns];

    pub fn id(self) -> &'static str {
        match self {
            LeafletType::Operation => "operation",
            LeafletType::WarningSigns => "warning-signs",
        }
    }

    /// The `##` sections every leaflet of this type has, in order.
    pub fn sections(self) -> &'static [&'static str] {
        match self {
            LeafletType::Operation => crate::kind::sections(Kind::Leaflet),
            LeafletType::WarningSigns => &["What it is", "What to do", "Contacts"],
        }
    }
}

/// The class the renderer gives an urgent (`> [!CAUTION]`) card.
const URGENT_CARD: &str = "<div class=\"callout callout-caution\"";

/// A warning-signs leaflet must open with its urgent card: nothing (no heading, no paragraph)
/// before the first `> [!CAUTION]` callout.
pub fn urgent_card_first(page: &Page, diags: &mut Vec<Diagnostic>) {
    if page.doc.meta.leaflet_type != Some(LeafletType::WarningSigns) {
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
    fn ids_are_the_front_matter_values() {
        assert_eq!(
            LeafletType::ALL.map(LeafletType::id),
            ["operation", "warning-signs"]
        );
        assert_eq!(LeafletType::Operation.sections().len(), 10);
        assert_eq!(
            LeafletType::WarningSigns.sections(),
            ["What it is", "What to do", "Contacts"]
        );
    }
}
