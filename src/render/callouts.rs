//! Callouts: GitHub-style alerts (`> [!CAUTION]`) become labelled cards. CAUTION is the
//! emergency / red-flag card, so its label says so in words, not only in colour: "Red flag: act
//! now" for clinicians, "Get help now" in a patient leaflet. The first one on a page carries
//! [`FIRST_RED_FLAG`] as its id, the target of the page's "Red flags" jump link.

use pulldown_cmark::BlockQuoteKind;

/// The id of a page's first red-flag card.
pub const FIRST_RED_FLAG: &str = "first-red-flag";

const CAUTION_OPEN: &str = "<div class=\"callout callout-caution\" role=\"note\">";

/// The opening of a card's label, which is in English.
const TITLE_OPEN: &str = "<p class=\"callout-title\">";

/// The opening of a callout card; `patients` for a patient leaflet's wording.
pub fn open(kind: BlockQuoteKind, patients: bool) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Caution if patients => ("caution", "Get help now"),
        BlockQuoteKind::Caution => ("caution", "Red flag: act now"),
        BlockQuoteKind::Warning => ("warning", "Urgent"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
    };
    format!("<div class=\"callout callout-{class}\" role=\"note\">{TITLE_OPEN}<strong>{label}</strong></p>\n")
}

pub const CLOSE: &str = "</div>\n";

/// Gives the first red-flag card of a rendered (sanitised) page its id.
pub fn mark_first_red_flag(mut html: String) -> String {
    // memmem: every document page passes through here, and the standard library's search
    // for a pattern this long was 1.3 % of a 10,000-document build's user CPU.
    let Some(at) = memchr::memmem::find(html.as_bytes(), CAUTION_OPEN.as_bytes()) else {
        return html;
    };
    // Just before the opening tag's `>`.
    html.insert_str(
        at + CAUTION_OPEN.len() - 1,
        &format!(" id=\"{FIRST_RED_FLAG}\""),
    );
    html
}

/// Marks the cards' labels as English (`lang="en"`, left to right) in a page written in another
/// language, so that a screen reader reads them as English, as they are written.
pub fn labels_in_english(html: String) -> String {
    if !html.contains(TITLE_OPEN) {
        return html;
    }
    html.replace(
        TITLE_OPEN,
        "<p class=\"callout-title\" lang=\"en\" dir=\"ltr\">",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patients_read_plain_words_and_the_first_red_flag_is_marked_once() {
        assert!(open(BlockQuoteKind::Caution, false).contains("Red flag: act now"));
        assert!(open(BlockQuoteKind::Caution, true).contains("Get help now"));
        let two = format!(
            "{}a{CLOSE}{}b{CLOSE}",
            open(BlockQuoteKind::Caution, false),
            open(BlockQuoteKind::Caution, false)
        );
        let marked = mark_first_red_flag(two);
        assert_eq!(marked.matches("id=\"first-red-flag\"").count(), 1);
        assert!(marked.find("id=\"first-red-flag\"").unwrap() < marked.find("\na").unwrap());
        assert_eq!(mark_first_red_flag("<p>x</p>".into()), "<p>x</p>");
    }

    #[test]
    fn labels_in_a_translation_are_marked_as_english() {
        let card = format!("{}Dzwoń 999{CLOSE}", open(BlockQuoteKind::Caution, true));
        let marked = labels_in_english(card);
        assert!(
            marked.contains(
                r#"<p class="callout-title" lang="en" dir="ltr"><strong>Get help now</strong>"#
            ),
            "{marked}"
        );
        assert_eq!(labels_in_english("<p>x</p>".into()), "<p>x</p>");
    }
}
