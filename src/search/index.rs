//! The inverted index: for every stem, the documents that contain it, each with one weight byte
//! saying whether the stem is in the title, in a heading, and how often it occurs. Postings are
//! per document, not per section: that keeps them small (a common word costs about two bytes
//! per document), and the client finds the matching section in the document's own record,
//! which it fetches anyway for the excerpt.
//!
//! Also the vocabulary: every word as written (lowercased) and its stem, so the client can look
//! up what people type — including prefixes and near-misses — without stemming itself.

use super::text::{for_each_word, Stems};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Weight bits: the stem is in the document's title.
pub const TITLE: u8 = 0x80;
/// The stem is in one of the document's headings.
pub const HEADING: u8 = 0x40;
/// Low bits: occurrences in the whole document, capped.
pub const TF_MAX: u32 = 0x3f;

/// What one document contributes to the index.
#[derive(Debug, Clone, Default)]
pub struct Fields<'a> {
    pub title: &'a str,
    pub headings: Vec<&'a str>,
    /// Summary and body text.
    pub body: Vec<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub weight: u8,
}

impl Posting {
    pub fn tf(self) -> u32 {
        u32::from(self.weight) & TF_MAX
    }
}

#[derive(Debug, Default)]
pub struct Index {
    pub docs: u32,
    /// Word as written (lowercased) → its stem.
    pub words: BTreeMap<String, String>,
    /// Stem → postings, by ascending document number.
    pub postings: BTreeMap<String, Vec<Posting>>,
}

/// FNV-1a as a [`Hasher`]: counting hashes every word of every document, short keys for which
/// the default SipHash (built to resist keys crafted against a server, which a site's own
/// documents are not) costs several times more.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Per-word counts of one document: (word, occurrences, title/heading bits). A list rather
/// than the map it is counted in: every document's counts are held at once, and a list is
/// about half the size.
fn count_words<'a>(f: &Fields<'a>) -> Vec<(Cow<'a, str>, u32, u8)> {
    let mut counts: FastMap<Cow<'a, str>, (u32, u8)> = FastMap::default();
    let mut add = |text: &'a str, bits: u8| {
        for_each_word(text, |w| {
            let e = counts.entry(w).or_default();
            e.0 += 1;
            e.1 |= bits;
        })
    };
    add(f.title, TITLE);
    for h in &f.headings {
        add(h, HEADING);
    }
    for b in &f.body {
        add(b, 0);
    }
    counts
        .into_iter()
        .map(|(w, (tf, bits))| (w, tf, bits))
        .collect()
}

/// Builds the index of `docs`, numbered in the order given.
pub fn build(docs: &[Fields<'_>]) -> Index {
    build_unless(docs, &|| false).expect("never stopped")
}

/// [`build`], or `None` when `stop` returns true while documents are being counted (most of
/// the work).
pub fn build_unless(docs: &[Fields<'_>], stop: &(dyn Fn() -> bool + Sync)) -> Option<Index> {
    build_in(docs, Some(rust_stemmers::Algorithm::English), stop)
}

/// [`build_unless`] for text in a language with this stemmer (`None`: words as written).
pub fn build_in(
    docs: &[Fields<'_>],
    stemmer: Option<rust_stemmers::Algorithm>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Index> {
    let counted: Vec<Vec<(Cow<'_, str>, u32, u8)>> = docs
        .par_iter()
        .map(|d| (!stop()).then(|| count_words(d)))
        .collect::<Option<_>>()?;
    // Stem each distinct word once: far fewer calls than one per occurrence.
    let distinct: HashSet<&str, BuildHasherDefault<Fnv>> = counted
        .iter()
        .flat_map(|c| c.iter().map(|(w, ..)| w.as_ref()))
        .collect();
    let mut distinct: Vec<&str> = distinct.into_iter().collect();
    distinct.par_sort_unstable();
    let stems: Vec<String> = distinct
        .par_chunks(1024)
        .flat_map_iter(|chunk| {
            let s = Stems::new(stemmer);
            chunk.iter().map(move |w| s.stem(w)).collect::<Vec<_>>()
        })
        .collect();
    let mut stem_names: Vec<&str> = stems.iter().map(String::as_str).collect();
    stem_names.par_sort_unstable();
    stem_names.dedup();
    let stem_of: FastMap<&str, u32> = distinct
        .iter()
        .zip(&stems)
        .map(|(w, s)| {
            (
                *w,
                stem_names.binary_search(&s.as_str()).expect("own stem") as u32,
            )
        })
        .collect();

    // Per document, its stems with their weights, in stem order.
    let per_doc: Vec<Vec<(u32, u8)>> = counted
        .par_iter()
        .map(|counts| {
            let mut by_stem: Vec<(u32, u32, u8)> = counts
                .iter()
                .map(|(w, tf, bits)| (stem_of[w.as_ref()], *tf, *bits))
                .collect();
            by_stem.sort_unstable();
            let mut out: Vec<(u32, u8)> = Vec::with_capacity(by_stem.len());
            let mut i = 0;
            while i < by_stem.len() {
                let (stem, mut tf, mut bits) = by_stem[i];
                i += 1;
                while i < by_stem.len() && by_stem[i].0 == stem {
                    tf += by_stem[i].1;
                    bits |= by_stem[i].2;
                    i += 1;
                }
                out.push((stem, bits | tf.min(TF_MAX) as u8));
            }
            out
        })
        .collect();
    let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); stem_names.len()];
    for (doc, stems) in per_doc.iter().enumerate() {
        for &(stem, weight) in stems {
            lists[stem as usize].push(Posting {
                doc: doc as u32,
                weight,
            });
        }
    }
    let postings = stem_names
        .iter()
        .map(|s| s.to_string())
        .zip(lists)
        .collect();
    let words = distinct
        .iter()
        .map(|w| w.to_string())
        .zip(stems.iter().cloned())
        .collect();
    Some(Index {
        docs: docs.len() as u32,
        words,
        postings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(title: &'a str, headings: &[&'a str], body: &'a str) -> Fields<'a> {
        Fields {
            title,
            headings: headings.to_vec(),
            body: vec![body],
        }
    }

    #[test]
    fn postings_are_per_stem_with_title_heading_and_count() {
        let idx = build(&[
            fields(
                "Lumbar decompression",
                &["After decompressing"],
                "The decompression went well.",
            ),
            fields("Back pain", &[], "Sciatica and decompression."),
        ]);
        assert_eq!(idx.docs, 2);
        assert_eq!(idx.words["decompressing"], "decompress");
        assert_eq!(idx.words["decompression"], "decompress");
        let p = &idx.postings["decompress"];
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].doc, p[0].weight & (TITLE | HEADING)),
            (0, TITLE | HEADING)
        );
        assert_eq!(p[0].tf(), 3);
        assert_eq!((p[1].doc, p[1].weight), (1, 1));
        assert!(!idx.words.contains_key("the"), "stop words are not indexed");
    }

    #[test]
    fn counts_are_capped_and_the_index_is_deterministic() {
        let body = "disc ".repeat(200);
        let docs = [fields("A", &[], &body), fields("B", &[], "disc")];
        let a = build(&docs);
        let b = build(&docs);
        assert_eq!(a.postings["disc"][0].tf(), TF_MAX);
        assert_eq!(a.postings, b.postings);
        assert_eq!(a.words, b.words);
    }
}
