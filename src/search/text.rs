//! Words: how text is cut into index words and how words become stems. The browser client
//! never stems; it looks the words a person types up in the index's vocabulary (word → stem),
//! so the only rules it must share with this module are the tokenising ones below — and the
//! stop-word list, which the manifest carries so both sides use the same one.
//!
//! Tokenising: lowercase, split on anything that is not a letter or a digit (Unicode
//! `Alphabetic` or `Numeric`, the same classes as the client's `[\p{Alphabetic}\p{N}]`), keep
//! words of two to 40 characters that are not stop words. Stemming: Porter2 (English) via
//! rust-stemmers. Excerpts are tidied here too ([`push_json_tidied`]), so every rule about what a
//! space is lives in one module.

use rust_stemmers::{Algorithm, Stemmer};
use std::borrow::Cow;

/// Words too common to be worth their postings. Short on purpose: every word here can never be
/// searched for, so only words that carry no meaning in a clinical document are listed.
pub const STOP_WORDS: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "if", "in", "into",
    "is", "it", "its", "of", "on", "or", "our", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "to", "was", "we", "were", "will", "with", "you", "your",
];

/// Longest word kept; longer runs are identifiers or noise, not words people type.
pub const MAX_WORD: usize = 40;

/// Bytes in the longest stop word: longer words skip the lookup (most words of a document).
const LONGEST_STOP_WORD: usize = 5;

pub fn is_stop_word(word: &str) -> bool {
    word.len() <= LONGEST_STOP_WORD && STOP_KEYS.binary_search(&key(word.as_bytes())).is_ok()
}

/// A word of at most [`LONGEST_STOP_WORD`] bytes as one number, its bytes from the most
/// significant down, so that numbers sort as the words do and a lookup compares numbers
/// rather than strings (the search index looks up every short word of every document).
const fn key(word: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < 8 {
        key <<= 8;
        if i < word.len() {
            key |= word[i] as u64;
        }
        i += 1;
    }
    key
}

/// [`STOP_WORDS`] as [`key`]s, in the same (sorted) order.
const STOP_KEYS: [u64; STOP_WORDS.len()] = {
    let mut keys = [0u64; STOP_WORDS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = key(STOP_WORDS[i].as_bytes());
        i += 1;
    }
    keys
};

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// What a byte says about the word it is in: for ASCII, whether it is a word character (and
/// an uppercase one); a byte above ASCII is part of a longer character, decoded to tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Byte {
    Gap,
    Lower,
    Upper,
    Longer,
}

/// [`Byte`] of every byte: the ASCII ones as [`is_word_char`] has them.
const BYTES: [Byte; 256] = {
    let mut table = [Byte::Longer; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_uppercase() {
            Byte::Upper
        } else if c.is_ascii_alphanumeric() {
            Byte::Lower
        } else {
            Byte::Gap
        };
        b += 1;
    }
    table
};

/// Calls `f` with each index word of `text`, lowercased, in order; borrowed from `text`
/// unless lowercasing changed it, so counting words allocates little. Every word of every
/// document passes through here, so it goes through the text once, a byte at a time where the
/// text is ASCII (a tight loop over the gaps, another over the words), decoding a character
/// only where a byte starts a longer one.
pub fn for_each_word<'a>(text: &'a str, mut f: impl FnMut(Cow<'a, str>)) {
    let bytes = text.as_bytes();
    let class = |i: usize| BYTES[usize::from(bytes[i])];
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && class(i) == Byte::Gap {
            i += 1;
        }
        // The word starting at `i`: its characters and whether one is uppercase.
        let (start, mut chars, mut upper) = (i, 0, false);
        while i < bytes.len() {
            match class(i) {
                Byte::Lower => i += 1,
                Byte::Upper => {
                    upper = true;
                    i += 1;
                }
                Byte::Gap => break,
                Byte::Longer => {
                    let c = text[i..]
                        .chars()
                        .next()
                        .expect("i is on a character boundary");
                    if !is_word_char(c) {
                        if chars == 0 {
                            // Not a word after all: step over the character.
                            i += c.len_utf8();
                        }
                        break;
                    }
                    upper |= c.is_uppercase();
                    i += c.len_utf8();
                }
            }
            chars += 1;
        }
        if chars > 0 {
            give_word(&text[start..i], chars, upper, &mut f);
        }
    }
}

/// Hands a run of word characters to `f` if it is an index word.
fn give_word<'a>(raw: &'a str, chars: usize, upper: bool, f: &mut impl FnMut(Cow<'a, str>)) {
    if !(2..=MAX_WORD).contains(&chars) {
        return;
    }
    let word: Cow<str> = if upper {
        Cow::Owned(raw.to_lowercase())
    } else {
        Cow::Borrowed(raw)
    };
    if !is_stop_word(&word) {
        f(word);
    }
}

/// The index words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.into_owned()));
    out
}

/// Stems: Porter2 (English) by default, or another language's Snowball stemmer, or none (the
/// word as written) for a language rust-stemmers has no stemmer for. Create once per thread;
/// creating one is cheap.
pub struct Stems(Option<Stemmer>);

impl Default for Stems {
    fn default() -> Self {
        Stems::new(Some(Algorithm::English))
    }
}

impl Stems {
    pub fn new(algorithm: Option<Algorithm>) -> Stems {
        Stems(algorithm.map(Stemmer::create))
    }

    pub fn stem(&self, word: &str) -> String {
        match &self.0 {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_owned(),
        }
    }
}

/// Collapses runs of whitespace (as `char::is_whitespace` has it), so excerpts read as prose:
/// the text [`push_json_tidied`] writes, as a string, for tests to compare with.
#[cfg(test)]
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    tidy_spans(s, |span, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(span);
    });
    out
}

/// `s` with its runs of whitespace (as `char::is_whitespace` has it) collapsed to one space, so
/// that excerpts read as prose, as a JSON string (quoted and escaped as `serde_json` escapes
/// it) added to `out` in the same pass: the search records hold every section of every
/// document this way.
pub fn push_json_tidied(s: &str, out: &mut Vec<u8>) {
    out.push(b'"');
    let mut first = true;
    tidy_spans(s, |span, escape| {
        if !std::mem::take(&mut first) {
            out.push(b' ');
        }
        if escape {
            let at = out.len();
            serde_json::to_writer(&mut *out, span).expect("a string serialises");
            // Without the quotes around it.
            out.pop();
            out.remove(at);
        } else {
            out.extend_from_slice(span.as_bytes());
        }
    });
    out.push(b'"');
}

/// The text of `s` between runs of whitespace, in order, each with whether it holds a byte
/// JSON escapes. Every section of every document passes through here, so it looks at bytes,
/// decodes a character only where a byte starts one of the few non-ASCII spaces, and hands
/// over text with single spaces in it whole.
fn tidy_spans(s: &str, mut span: impl FnMut(&str, bool)) {
    let bytes = s.as_bytes();
    let class = |i: usize| TIDY[usize::from(bytes[i])];
    let (mut i, mut word, mut escape) = (0, 0, false);
    while i < bytes.len() {
        match class(i) {
            Tidy::Plain => {
                i += 1;
                continue;
            }
            Tidy::Escape => {
                escape = true;
                i += 1;
                continue;
            }
            Tidy::MaySpace => {}
        }
        // One space between two words stays as it is: the words around it are handed over
        // in one piece (most spaces are these).
        let lone =
            bytes[i] == b' ' && word < i && i + 1 < bytes.len() && class(i + 1) != Tidy::MaySpace;
        if lone {
            i += 1;
            continue;
        }
        // `i` starts a character: an ASCII byte or the first byte of a longer one.
        let space = s[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8);
        if space == 0 {
            i += 1;
            continue;
        }
        if word < i {
            span(&s[word..i], std::mem::take(&mut escape));
        }
        i += space;
        word = i;
    }
    if word < bytes.len() {
        span(&s[word..], escape);
    }
}

/// What a byte is to [`tidy_spans`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tidy {
    Plain,
    /// The first byte of a whitespace character or of one of the characters that share their
    /// first byte with one: the ASCII spaces, and the first bytes of U+0085, U+00A0, U+1680,
    /// U+2000–U+205F and U+3000.
    MaySpace,
    /// A byte JSON escapes: a quote, a backslash or a control character that is not a space.
    Escape,
}

const TIDY: [Tidy; 256] = {
    let mut table = [Tidy::Plain; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = Tidy::Escape;
        b += 1;
    }
    table[b'"' as usize] = Tidy::Escape;
    table[b'\\' as usize] = Tidy::Escape;
    let starts = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3,
    ];
    let mut i = 0;
    while i < starts.len() {
        table[starts[i] as usize] = Tidy::MaySpace;
        i += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_every_kind_of_space() {
        let text = " a\u{a0}\u{a0}b\t\u{2003}c\u{3000}\u{85}d\u{1680}é\u{202f}—\u{205f}x\u{0b}\u{0c}y \r\n";
        assert_eq!(tidy(text), "a b c d é — x y");
        assert_eq!(tidy("\u{2010}\u{e2}\u{1c}"), "\u{2010}\u{e2}\u{1c}");
    }

    proptest::proptest! {
        #[test]
        fn tidy_is_split_whitespace_joined(text in "[ ab\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{2030}\u{205f}\u{3000}é—\u{1c}\u{e000}]{0,40}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(tidy(&text), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn words_are_the_runs_of_letters_and_digits(text in "[ aZé9ÉſǅΣ\u{2160}\u{e000}\u{1f600}—’.-]{0,60}") {
            let expected: Vec<String> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| (2..=MAX_WORD).contains(&w.chars().count()))
                .map(|w| match w.chars().any(char::is_uppercase) {
                    true => w.to_lowercase(),
                    false => w.to_owned(),
                })
                .filter(|w| !is_stop_word(w))
                .collect();
            proptest::prop_assert_eq!(words(&text), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn tidied_json_is_the_tidied_text_serialised(
            text in "[a-z\"\\\\ \t\n\r\u{1}\u{8}\u{b}\u{c}\u{1c}\u{1f}\u{7f}\u{85}\u{a0}\u{2003}\u{2014}é]{0,40}"
        ) {
            let mut json = Vec::new();
            push_json_tidied(&text, &mut json);
            proptest::prop_assert_eq!(
                String::from_utf8(json).unwrap(),
                serde_json::to_string(&tidy(&text)).unwrap()
            );
        }
    }

    #[test]
    fn the_ascii_table_agrees_with_the_word_characters() {
        for b in 0u8..128 {
            let c = char::from(b);
            let expected = match (is_word_char(c), c.is_uppercase()) {
                (false, _) => Byte::Gap,
                (true, false) => Byte::Lower,
                (true, true) => Byte::Upper,
            };
            assert!(BYTES[usize::from(b)] == expected, "{b:#x}");
        }
        assert!(BYTES[0x80..].iter().all(|&b| b == Byte::Longer));
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(
            STOP_WORDS.windows(2).all(|w| w[0] < w[1]),
            "binary search needs order"
        );
        assert!(STOP_WORDS.iter().all(|w| w.len() <= LONGEST_STOP_WORD));
        assert!(
            STOP_KEYS.windows(2).all(|k| k[0] < k[1]),
            "keys sort as words"
        );
    }

    #[test]
    fn every_stop_word_and_nothing_else_is_a_stop_word() {
        assert!(STOP_WORDS.iter().all(|w| is_stop_word(w)));
        for word in [
            "a", "ann", "andy", "th", "thes", "yours", "", "théir", "ces", "mri",
        ] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn tokenising_lowercases_splits_and_drops_stop_words_and_single_letters() {
        assert_eq!(
            words("Suspected CES: scan within 4 hours (MRI) — at the A&E front-door, 24/7."),
            [
                "suspected",
                "ces",
                "scan",
                "within",
                "hours",
                "mri",
                "front",
                "door",
                "24"
            ]
        );
    }

    #[test]
    fn tokenising_keeps_non_ascii_letters_and_drops_overlong_runs() {
        assert_eq!(words("Sjögren’s naïve"), ["sjögren", "naïve"]);
        assert!(words(&"x".repeat(MAX_WORD + 1)).is_empty());
        assert_eq!(words(&"y".repeat(MAX_WORD)).len(), 1);
    }

    #[test]
    fn other_languages_stem_with_their_own_stemmer_or_not_at_all() {
        let french = Stems::new(Some(Algorithm::French));
        assert_eq!(french.stem("opérations"), french.stem("opération"));
        let none = Stems::new(None);
        assert_eq!(none.stem("kręgosłupa"), "kręgosłupa");
    }

    #[test]
    fn stemming_is_porter2_english() {
        let s = Stems::default();
        assert_eq!(s.stem("decompression"), "decompress");
        assert_eq!(s.stem("decompressing"), "decompress");
        assert_eq!(s.stem("fractures"), "fractur");
        assert_eq!(s.stem("fractured"), "fractur");
        assert_eq!(s.stem("syndrome"), "syndrom");
        assert_eq!(s.stem("ces"), "ces");
        assert_eq!(s.stem("nerves"), s.stem("nerve"));
    }
}
