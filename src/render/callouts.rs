//! Callouts: GitHub-style alerts (`> [!CAUTION]`) become labelled cards. CAUTION is the
//! emergency / red-flag card, so its label says so in words, not only in colour.

use pulldown_cmark::BlockQuoteKind;

pub fn open(kind: BlockQuoteKind) -> String {
    let (class, label) = match kind {
        BlockQuoteKind::Caution => ("caution", "Red flag: act now"),
        BlockQuoteKind::Warning => ("warning", "Urgent"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
    };
    format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\"><strong>{label}</strong></p>\n")
}

pub const CLOSE: &str = "</div>\n";
