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
    let mut count = Count::default();
    // One pass over the text: a line break or `.`, `!` or `?` ends a sentence (the sentence
    // keeps the mark), white space, `/` and `—` end a word, and a word's letters and digits
    // are what its syllables are counted from.
    for c in text.chars() {
        match c {
            '\n' | '.' | '!' | '?' => {
                count.end_word();
                count.end_sentence();
            }
            '/' | '—' => count.end_word(),
            c if c.is_whitespace() => count.end_word(),
            c if c.is_alphanumeric() => count.letters.push(c),
            _ => {}
        }
    }
    count.end_word();
    count.end_sentence();
    let Count {
        words,
        syllables,
        sentences,
        longest,
        ..
    } = count;
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

/// Running totals of [`measure`].
#[derive(Default)]
struct Count {
    words: usize,
    syllables: usize,
    sentences: usize,
    longest: usize,
    /// Words of the sentence so far.
    in_sentence: usize,
    /// Letters and digits of the word so far.
    letters: String,
}

impl Count {
    fn end_word(&mut self) {
        if !self.letters.is_empty() {
            self.in_sentence += 1;
            self.syllables += count_syllables(&self.letters);
            self.letters.clear();
        }
    }

    fn end_sentence(&mut self) {
        if self.in_sentence > 0 {
            self.words += self.in_sentence;
            self.sentences += 1;
            self.longest = self.longest.max(self.in_sentence);
            self.in_sentence = 0;
        }
    }
}

/// Syllables in an English word, by vowel groups: a common heuristic, right for most words and
/// never less than one. Numbers count as one syllable per digit group read aloud (roughly).
pub fn count_syllables(word: &str) -> usize {
    if word.is_ascii() {
        // Nearly every word: counted on its bytes, without the two copies below (they were
        // most of measuring a leaflet).
        return syllables(word.as_bytes(), |b| char::from(b.to_ascii_lowercase()));
    }
    let chars: Vec<char> = word.to_lowercase().chars().collect();
    syllables(&chars, |c| c)
}

/// The heuristic itself, on a word whose letters `lower` gives lowercased.
fn syllables<T: Copy>(word: &[T], lower: impl Fn(T) -> char) -> usize {
    let at = |i: usize| lower(word[i]);
    let n = word.len();
    if (0..n).all(|i| at(i).is_ascii_digit()) {
        return n.min(3);
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count: usize = 0;
    let mut prev_vowel = false;
    for i in 0..n {
        let v = is_vowel(at(i));
        if v && !prev_vowel {
            count += 1;
        }
        prev_vowel = v;
    }
    // A final silent "e" ("home", "spine"), but not "-le" after a consonant ("simple").
    if n > 2
        && at(n - 1) == 'e'
        && !is_vowel(at(n - 2))
        && (at(n - 2) != 'l' || is_vowel(at(n - 3)))
    {
        count = count.saturating_sub(1);
    }
    // "-ed" endings are usually not a syllable ("walked"), except after t or d ("needed").
    if n > 3
        && (at(n - 2), at(n - 1)) == ('e', 'd')
        && !matches!(at(n - 3), 't' | 'd')
        && !is_vowel(at(n - 3))
    {
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

    /// [`measure`] as it was written first: lines, then sentences, then words, each split
    /// apart. The one pass must count exactly as it does.
    fn measure_by_splitting(text: &str) -> (usize, usize, usize, usize) {
        let (mut words, mut syllables, mut sentences, mut longest) = (0, 0, 0, 0);
        for block in text.lines() {
            for sentence in block.split_inclusive(['.', '!', '?']) {
                let mut in_sentence = 0;
                for word in sentence.split(|c: char| c.is_whitespace() || c == '/' || c == '—') {
                    let letters: String = word.chars().filter(|c| c.is_alphanumeric()).collect();
                    if letters.is_empty() {
                        continue;
                    }
                    in_sentence += 1;
                    let chars: Vec<char> = letters.to_lowercase().chars().collect();
                    syllables += super::syllables(&chars, |c| c);
                }
                if in_sentence > 0 {
                    words += in_sentence;
                    sentences += 1;
                    longest = longest.max(in_sentence);
                }
            }
        }
        (words, syllables, sentences, longest)
    }

    proptest::proptest! {
        #[test]
        fn one_pass_counts_as_splitting_does(text in "[a-zA-Z0-9éΣİ .!?/—\\n\\r\\t,'()-]{0,200}") {
            let r = measure(&text);
            proptest::prop_assert_eq!(
                (r.words, r.syllables, r.sentences, r.longest_sentence),
                measure_by_splitting(&text)
            );
        }

        #[test]
        fn ascii_words_count_as_any_word_does(word in "[A-Za-z0-9]{0,40}") {
            let general: Vec<char> = word.to_lowercase().chars().collect();
            proptest::prop_assert_eq!(count_syllables(&word), syllables(&general, |c| c));
        }
    }

    #[test]
    fn lines_end_sentences() {
        let r = measure("What it is\nA short line\n\n");
        assert_eq!((r.sentences, r.words), (2, 6));
    }
}
