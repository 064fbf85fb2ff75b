//! Reading level of patient documents: the Flesch–Kincaid grade, computed from the plain text
//! of a rendered page. Headings, list items and table cells end a sentence even without a full
//! stop, as a reader takes them as separate statements.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Flesch–Kincaid grade level: 0.39 × words/sentence + 11.8 × syllables/word − 15.59.
    pub grade: f64,
    pub words_per_sentence: f64,
    /// Words in the longest sentence.
    pub longest_sentence: usize,
}

/// Measures plain text in which blocks (paragraphs, items, headings) are separated by newlines.
pub fn measure(text: &str) -> Readability {
    let mut words = 0;
    let mut syllables = 0;
    let mut sentences = 0;
    let mut longest = 0;
    let mut letters = String::new();
    for block in text.lines() {
        for sentence in block.split_inclusive(['.', '!', '?']) {
            let mut in_sentence = 0;
            for word in sentence.split(|c: char| c.is_whitespace() || c == '/' || c == '—') {
                letters.clear();
                letters.extend(word.chars().filter(|c| c.is_alphanumeric()));
                if letters.is_empty() {
                    continue;
                }
                in_sentence += 1;
                syllables += count_syllables(&letters);
            }
            if in_sentence > 0 {
                words += in_sentence;
                sentences += 1;
                longest = longest.max(in_sentence);
            }
        }
    }
    let (w, s, y) = (
        words.max(1) as f64,
        sentences.max(1) as f64,
        syllables as f64,
    );
    let grade = if words == 0 {
        0.0
    } else {
        0.39 * (w / s) + 11.8 * (y / w) - 15.59
    };
    Readability {
        words,
        sentences,
        syllables,
        grade: (grade * 10.0).round() / 10.0,
        words_per_sentence: ((w / s) * 10.0).round() / 10.0,
        longest_sentence: longest,
    }
}

/// Syllables in an English word, by vowel groups: a common heuristic, right for most words and
/// never less than one. Numbers count as one syllable per digit group read aloud (roughly).
pub fn count_syllables(word: &str) -> usize {
    let w = word.to_lowercase();
    if w.chars().all(|c| c.is_ascii_digit()) {
        return w.len().min(3);
    }
    let chars: Vec<char> = w.chars().collect();
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count: usize = 0;
    let mut prev_vowel = false;
    for &c in &chars {
        let v = is_vowel(c);
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    let n = chars.len();
    // A final silent "e" ("home", "spine"), but not "-le" after a consonant ("simple").
    if n > 2
        && chars[n - 1] == 'e'
        && !is_vowel(chars[n - 2])
        && (chars[n - 2] != 'l' || is_vowel(chars[n - 3]))
    {
        count = count.saturating_sub(1);
    }
    // "-ed" endings are usually not a syllable ("walked"), except after t or d ("needed").
    if n > 3 && w.ends_with("ed") && !matches!(chars[n - 3], 't' | 'd') && !is_vowel(chars[n - 3]) {
        count = count.saturating_sub(1);
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_of_common_words() {
        for (word, n) in [
            ("back", 1),
            ("spine", 1),
            ("simple", 2),
            ("operation", 4),
            ("walked", 1),
            ("needed", 2),
            ("recovery", 4),
            ("the", 1),
            ("decompression", 4),
        ] {
            assert_eq!(count_syllables(word), n, "{word}");
        }
    }

    #[test]
    fn plain_text_scores_lower_than_dense_text() {
        let plain =
            measure("You will go home in two days. Rest when you need to. Walk a bit each day.");
        let dense = measure(
            "Postoperative mobilisation is encouraged immediately following decompressive laminectomy, \
             notwithstanding intermittent radicular symptomatology attributable to perineural inflammation.",
        );
        assert!(plain.grade < 4.0, "{plain:?}");
        assert!(dense.grade > 15.0, "{dense:?}");
        assert_eq!(plain.sentences, 3);
        assert_eq!(plain.longest_sentence, 7);
    }

    #[test]
    fn lines_end_sentences() {
        let r = measure("What it is\nA short line\n\n");
        assert_eq!((r.sentences, r.words), (2, 6));
    }
}
