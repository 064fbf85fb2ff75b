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
use std::collections::{BTreeMap, HashMap};

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

/// Counting hashes every word of every document: short keys, for which the standard hasher
/// (built to resist keys crafted against a server) costs several times more. Words are
/// numbered in the order the maps give them, but only their stems, sorted, reach the index.
type FastMap<K, V> = HashMap<K, V, crate::incremental::Fast>;

/// Per-word counts of one document: (word, occurrences, title/heading bits). A list rather
/// than the map it is counted in: a chunk of documents' counts are held at once, and a list is
/// about half the size.
fn count_words<'a>(f: &Fields<'a>) -> Vec<(Cow<'a, str>, u32, u8)> {
    // About one distinct word in every 16 bytes of text (the median over the bundled content
    // and both benchmark corpora): sized so, the map seldom grows (growing it was a tenth of
    // counting).
    let bytes = f.title.len()
        + f.headings
            .iter()
            .chain(&f.body)
            .map(|t| t.len())
            .sum::<usize>();
    let mut counts: FastMap<Cow<'a, str>, (u32, u8)> =
        FastMap::with_capacity_and_hasher(bytes / 16, Default::default());
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

/// How many documents are counted at a time: their word lists (about 30 bytes a distinct word
/// of a document) are held only until each word is numbered, then kept as 8-byte entries.
const CHUNK: usize = 256;

/// [`build_unless`] for text in a language with this stemmer (`None`: words as written).
pub fn build_in(
    docs: &[Fields<'_>],
    stemmer: Option<rust_stemmers::Algorithm>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Option<Index> {
    // Every distinct word numbered as it is first met, and each document's words as (number,
    // weight byte) — the occurrences already capped, which cannot change a capped sum.
    let mut numbers: FastMap<String, u32> = FastMap::default();
    let mut per_doc_words: Vec<Vec<(u32, u8)>> = Vec::with_capacity(docs.len());
    for chunk in docs.chunks(CHUNK) {
        let counted: Vec<Vec<(Cow<'_, str>, u32, u8)>> = chunk
            .par_iter()
            .map(|d| (!stop()).then(|| count_words(d)))
            .collect::<Option<_>>()?;
        for counts in counted {
            let entries = counts
                .into_iter()
                .map(|(w, tf, bits)| {
                    let next = numbers.len() as u32;
                    let n = match numbers.get(w.as_ref()) {
                        Some(&n) => n,
                        None => *numbers.entry(w.into_owned()).or_insert(next),
                    };
                    (n, bits | tf.min(TF_MAX) as u8)
                })
                .collect();
            per_doc_words.push(entries);
        }
    }
    // Each step below takes 10 to 30 ms at 10,000 documents: the preview's next rebuild waits
    // for the step under way to end, so `stop` is asked between them too.
    if stop() {
        return None;
    }
    let mut written: Vec<&str> = vec![""; numbers.len()];
    for (w, &n) in &numbers {
        written[n as usize] = w;
    }
    // Stem each distinct word once: far fewer calls than one per occurrence.
    let stems: Vec<String> = written
        .par_chunks(1024)
        .flat_map_iter(|chunk| {
            let s = Stems::new(stemmer);
            chunk.iter().map(move |w| s.stem(w)).collect::<Vec<_>>()
        })
        .collect();
    if stop() {
        return None;
    }
    let mut stem_names: Vec<&str> = stems.iter().map(String::as_str).collect();
    stem_names.par_sort_unstable();
    stem_names.dedup();
    let stem_of: Vec<u32> = stems
        .iter()
        .map(|s| stem_names.binary_search(&s.as_str()).expect("own stem") as u32)
        .collect();

    // Per document, its stems with their weights, in stem order (merged in place: words with
    // one stem add their occurrences up).
    let per_doc: Vec<Vec<(u32, u8)>> = per_doc_words
        .into_par_iter()
        .map(|mut words| {
            for entry in &mut words {
                entry.0 = stem_of[entry.0 as usize];
            }
            words.sort_unstable();
            let mut kept = 0;
            for i in 0..words.len() {
                let (stem, weight) = words[i];
                if kept > 0 && words[kept - 1].0 == stem {
                    let (_, held) = words[kept - 1];
                    let tf =
                        ((u32::from(held) & TF_MAX) + (u32::from(weight) & TF_MAX)).min(TF_MAX);
                    words[kept - 1].1 = (held | weight) & (TITLE | HEADING) | tf as u8;
                } else {
                    words[kept] = (stem, weight);
                    kept += 1;
                }
            }
            words.truncate(kept);
            words
        })
        .collect();
    if stop() {
        return None;
    }
    let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); stem_names.len()];
    for (doc, stems) in per_doc.into_iter().enumerate() {
        for (stem, weight) in stems {
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
    let words = written
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

    /// The index as its definition has it, counted the plain way: per stem, per document, the
    /// occurrences of every word with that stem (capped once, at the end) and the title and
    /// heading bits.
    fn plain(docs: &[Fields<'_>]) -> BTreeMap<String, Vec<Posting>> {
        let stems = Stems::new(Some(rust_stemmers::Algorithm::English));
        let mut by_stem: BTreeMap<String, BTreeMap<u32, (u32, u8)>> = BTreeMap::new();
        for (doc, f) in docs.iter().enumerate() {
            let parts = std::iter::once((f.title, TITLE))
                .chain(f.headings.iter().map(|h| (*h, HEADING)))
                .chain(f.body.iter().map(|b| (*b, 0)));
            for (text, bits) in parts {
                for w in super::super::text::words(text) {
                    let e = by_stem
                        .entry(stems.stem(&w))
                        .or_default()
                        .entry(doc as u32)
                        .or_default();
                    e.0 += 1;
                    e.1 |= bits;
                }
            }
        }
        by_stem
            .into_iter()
            .map(|(stem, docs)| {
                let list = docs
                    .into_iter()
                    .map(|(doc, (tf, bits))| Posting {
                        doc,
                        weight: bits | tf.min(TF_MAX) as u8,
                    })
                    .collect();
                (stem, list)
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Counting in chunks, numbering words and capping each word's count before adding
        /// them up gives the index the plain definition gives, across more than one chunk.
        #[test]
        fn the_index_is_the_plain_count_of_stems(
            docs in proptest::collection::vec(
                (0usize..6, 0usize..6, proptest::collection::vec(0usize..12, 0..90)),
                1..(CHUNK + 40),
            )
        ) {
            const WORDS: [&str; 12] = [
                "Decompression", "decompressing", "decompress", "disc", "Discs", "MRI",
                "mri", "scan", "scanning", "the", "a", "référé",
            ];
            let texts: Vec<(String, String, String)> = docs
                .iter()
                .map(|(t, h, body)| {
                    let body: Vec<&str> = body.iter().map(|&i| WORDS[i]).collect();
                    (WORDS[*t].to_string(), WORDS[*h].to_string(), body.join(" "))
                })
                .collect();
            let fields: Vec<Fields<'_>> = texts
                .iter()
                .map(|(t, h, b)| Fields { title: t, headings: vec![h], body: vec![b] })
                .collect();
            let idx = build(&fields);
            proptest::prop_assert_eq!(idx.postings, plain(&fields));
            let every: std::collections::BTreeSet<String> = texts
                .iter()
                .flat_map(|(t, h, b)| [t, h, b])
                .flat_map(|text| super::super::text::words(text))
                .collect();
            proptest::prop_assert!(idx.words.keys().eq(every.iter()));
            for (word, stem) in &idx.words {
                proptest::prop_assert_eq!(stem, &Stems::new(Some(rust_stemmers::Algorithm::English)).stem(word));
            }
        }
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
