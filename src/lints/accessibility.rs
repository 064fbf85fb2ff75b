//! Accessibility lints of a page: heading levels that screen-reader users can navigate by,
//! alternative text for images, and abbreviations the glossary does not explain.

use super::find_word;
use crate::diag::{Diagnostic, Locator};
use crate::library::{Library, Page};
use std::collections::BTreeSet;

/// The page's title is its only level-1 heading; sections start at level 2 and go down one
/// level at a time, so screen-reader users can navigate by heading.
pub(super) fn headings(page: &Page, diags: &mut Vec<Diagnostic>) {
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

pub(super) fn images(page: &Page, diags: &mut Vec<Diagnostic>) {
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
pub(super) fn known_abbreviations(lib: &Library) -> BTreeSet<String> {
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
    // Most words fail here: a lower-case letter among the first two is in the part that may
    // hold none (all of it but a plural `s`), or leaves fewer than two capitals.
    if token.bytes().take(2).any(|b| b.is_ascii_lowercase()) {
        return false;
    }
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

/// A character of a token as abbreviations are cut from text: `A&E` and `EQ-5D` are one token.
fn in_token(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '&'
}

/// The tokens of `text` (runs of [`in_token`] characters, without leading or trailing `-` and
/// `&`) that hold an ASCII capital: the only ones that can be abbreviations. Jumps from capital
/// to capital over the bytes rather than cutting every word of every page into tokens, which
/// was most of the lints' time.
fn capital_tokens(text: &str) -> impl Iterator<Item = &str> {
    let mut from = 0;
    std::iter::from_fn(move || {
        // A capital's byte is never inside a longer character, so `at` starts a character.
        let at = from + first_capital(&text.as_bytes()[from..])?;
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| in_token(c))
            .last()
            .map_or(at, |(i, _)| i);
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !in_token(c))
            .map_or(text.len(), |(i, _)| at + i);
        from = end;
        Some(text[start..end].trim_matches(['-', '&']))
    })
}

pub(super) fn abbreviations(page: &Page, known: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    let doc = &page.doc;
    let mut reported = BTreeSet::new();
    let mut locator = Locator::new(&doc.text);
    for token in capital_tokens(&page.rendered.text) {
        // `pathways new`'s placeholder is not an abbreviation: `document-placeholder` reports
        // it in an approved document, and a draft is expected to hold it.
        if !is_abbreviation(token) || token == crate::kind::TODO || reported.contains(token) {
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
                .at_located(&mut locator, offset, token.len())
                .help(format!("add `{singular}` to glossary.yaml under `terms:` with its meaning, or write it out in full")),
        );
    }
}

/// Where the first ASCII capital of `bytes` is: eight bytes at a time, as most of a page's
/// bytes are not capitals (a byte at a time, this search was most of the abbreviation lint).
fn first_capital(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        // Each byte's high bit: at least `A`, above `Z`, and set in the byte itself (not ASCII).
        // With the high bits cleared first no sum carries into the next byte.
        let low = x & (ONES * 0x7f);
        let from_a = low + ONES * (0x80 - u64::from(b'A'));
        let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
        let capitals = from_a & !past_z & !x & (ONES * 0x80);
        if capitals != 0 {
            return Some(n * 8 + capitals.trailing_zeros() as usize / 8);
        }
    }
    let rest = chunks.remainder();
    rest.iter()
        .position(u8::is_ascii_uppercase)
        .map(|i| bytes.len() - rest.len() + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_first_capital_is_found_eight_bytes_at_a_time(bytes in proptest::collection::vec(
                proptest::sample::select(vec![0u8, b' ', b'@', b'A', b'M', b'Z', b'[', b'a', b'z', 0x7f, 0x80, 0xc1, 0xda, 0xff]),
                0..40,
            )) {
            proptest::prop_assert_eq!(first_capital(&bytes), bytes.iter().position(u8::is_ascii_uppercase));
        }

        #[test]
        fn capital_tokens_are_the_tokens_that_hold_a_capital(text in "[aZ3 &\\-.é\u{2010}Ü’\n]{0,40}") {
            let all: Vec<&str> = text
                .split(|c: char| !in_token(c))
                .map(|t| t.trim_matches(['-', '&']))
                .filter(|t| t.bytes().any(|b| b.is_ascii_uppercase()))
                .collect();
            proptest::prop_assert_eq!(capital_tokens(&text).collect::<Vec<_>>(), all);
        }
    }

    #[test]
    fn capital_tokens_skip_words_without_capitals() {
        let text = "see the MDT and A&E, -EQ-5D- (PROMs) naïve ÜBER: Ward";
        assert_eq!(
            capital_tokens(text).collect::<Vec<_>>(),
            ["MDT", "A&E", "EQ-5D", "PROMs", "ÜBER", "Ward"]
        );
    }

    #[test]
    fn abbreviations_are_capitals_with_an_optional_plural() {
        for t in ["MSCC", "EQ-5D", "PROMs", "A&E", "MRI"] {
            assert!(is_abbreviation(t), "{t}");
        }
        for t in [
            "Spine", "I", "II", "MDTrial", "24", "x", "NG43", "Is", "As", "s", "aMRI", "Ms",
        ] {
            assert!(!is_abbreviation(t), "{t}");
        }
    }
}
