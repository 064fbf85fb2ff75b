//! Shards: the vocabulary and postings cut into small binary files by word range, so a query
//! downloads only the few shards its words fall in. A shard holds a range of words (each with
//! its stem) and the postings of every stem those words have; a stem whose words straddle two
//! shards is stored in both, so one fetch always answers a word.
//!
//! Ranges are cut between two-letter prefixes where possible (then three-letter ones), so a
//! word and its near-misses after the first letters usually share a shard — which is what lets
//! the client tolerate a typo, or complete a prefix, from the shards it already has.
//!
//! Format (all integers LEB128 varints):
//! ```text
//! words:  n, then per word: bytes shared with the previous word, suffix length, suffix,
//!         index of its stem in this shard
//! stems:  n, then per stem: length, bytes, documents, postings length in bytes, postings
//! postings: per document: gap from the previous document (the first is the document number),
//!           weight byte (see index.rs)
//! ```

use super::index::{Index, Posting};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Aim for shards of about this many bytes before compression. One very common stem can make
/// a shard bigger; it is never split.
pub const TARGET_BYTES: usize = 12 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// The first word of the range; the range runs to the next shard's first word.
    pub first: String,
    pub bytes: Vec<u8>,
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

pub fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

pub fn encode_postings(list: &[Posting]) -> Vec<u8> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0;
    for p in list {
        put_varint(&mut out, u64::from(p.doc - prev));
        out.push(p.weight);
        prev = p.doc;
    }
    out
}

fn prefix_chars(w: &str, n: usize) -> &str {
    w.char_indices().nth(n).map_or(w, |(i, _)| &w[..i])
}

/// Cuts the sorted vocabulary into ranges of about `target` bytes.
pub fn partition<'a>(index: &'a Index, target: usize) -> Vec<Vec<&'a str>> {
    let posting_bytes: BTreeMap<&str, usize> = index
        .postings
        .iter()
        .map(|(s, p)| (s.as_str(), encode_postings(p).len() + s.len() + 6))
        .collect();
    let words: Vec<(&str, &str)> = index
        .words
        .iter()
        .map(|(w, s)| (w.as_str(), s.as_str()))
        .collect();
    // Runs of words sharing their first `n` characters, as index ranges into `words`.
    let groups = |range: std::ops::Range<usize>, n: usize| -> Vec<std::ops::Range<usize>> {
        let mut out: Vec<std::ops::Range<usize>> = Vec::new();
        for i in range {
            match out.last_mut() {
                Some(g) if prefix_chars(words[g.start].0, n) == prefix_chars(words[i].0, n) => {
                    g.end = i + 1
                }
                _ => out.push(i..i + 1),
            }
        }
        out
    };
    /// The shard being filled: its words, its stems and its size so far.
    #[derive(Default)]
    struct Current<'a> {
        words: Vec<&'a str>,
        stems: BTreeSet<&'a str>,
        bytes: usize,
    }
    impl<'a> Current<'a> {
        /// Bytes the group would add to this shard.
        fn added(
            &self,
            group: &[(&'a str, &'a str)],
            posting_bytes: &BTreeMap<&str, usize>,
        ) -> usize {
            let mut new: Vec<&str> = group
                .iter()
                .map(|(_, s)| *s)
                .filter(|s| !self.stems.contains(s))
                .collect();
            new.sort_unstable();
            new.dedup();
            group.iter().map(|(w, _)| w.len() + 3).sum::<usize>()
                + new.iter().map(|s| posting_bytes[s]).sum::<usize>()
        }
        fn add(&mut self, group: &[(&'a str, &'a str)], bytes: usize) {
            self.words.extend(group.iter().map(|(w, _)| *w));
            self.stems.extend(group.iter().map(|(_, s)| *s));
            self.bytes += bytes;
        }
    }
    let mut shards: Vec<Vec<&str>> = Vec::new();
    let mut current = Current::default();
    let mut place = |group: &[(&'a str, &'a str)], shards: &mut Vec<Vec<&'a str>>| {
        let added = current.added(group, &posting_bytes);
        if !current.words.is_empty() && current.bytes + added > target {
            shards.push(std::mem::take(&mut current).words);
            let fresh = current.added(group, &posting_bytes);
            current.add(group, fresh);
        } else {
            current.add(group, added);
        }
    };
    for two in groups(0..words.len(), 2) {
        let alone = Current::default().added(&words[two.clone()], &posting_bytes);
        if alone <= target {
            place(&words[two], &mut shards);
        } else {
            for three in groups(two, 3) {
                place(&words[three], &mut shards);
            }
        }
    }
    if !current.words.is_empty() {
        shards.push(current.words);
    }
    shards
}

/// Encodes one range of words and the postings of their stems.
pub fn encode(index: &Index, words: &[&str]) -> Vec<u8> {
    let mut stems: Vec<&str> = words.iter().map(|w| index.words[*w].as_str()).collect();
    stems.sort_unstable();
    stems.dedup();
    let mut out = Vec::new();
    put_varint(&mut out, words.len() as u64);
    let mut prev: &[u8] = &[];
    for w in words {
        let b = w.as_bytes();
        let shared = prev.iter().zip(b).take_while(|(x, y)| x == y).count();
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (b.len() - shared) as u64);
        out.extend_from_slice(&b[shared..]);
        let stem = index.words[*w].as_str();
        let i = stems
            .binary_search(&stem)
            .expect("stem of a word in the shard");
        put_varint(&mut out, i as u64);
        prev = b;
    }
    put_varint(&mut out, stems.len() as u64);
    for s in &stems {
        put_varint(&mut out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
        let list = &index.postings[*s];
        let p = encode_postings(list);
        put_varint(&mut out, list.len() as u64);
        put_varint(&mut out, p.len() as u64);
        out.extend_from_slice(&p);
    }
    out
}

/// Builds every shard of the index.
pub fn shards(index: &Index, target: usize) -> Vec<Shard> {
    partition(index, target)
        .into_par_iter()
        .map(|words| Shard {
            first: words[0].to_owned(),
            bytes: encode(index, &words),
        })
        .collect()
}

/// A decoded shard: words with their stems, and each stem's postings.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    pub words: Vec<(String, String)>,
    pub postings: BTreeMap<String, Vec<Posting>>,
}

/// Reads a shard back; `None` if the bytes are not a well-formed shard. The client does the
/// same in JavaScript; this one is for tests and for inspecting an index.
pub fn decode(bytes: &[u8]) -> Option<Decoded> {
    let mut pos = 0;
    let n = get_varint(bytes, &mut pos)? as usize;
    let mut raw_words: Vec<(Vec<u8>, usize)> = Vec::with_capacity(n);
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let shared = get_varint(bytes, &mut pos)? as usize;
        let len = get_varint(bytes, &mut pos)? as usize;
        let mut w = prev.get(..shared)?.to_vec();
        w.extend_from_slice(bytes.get(pos..pos + len)?);
        pos += len;
        let stem = get_varint(bytes, &mut pos)? as usize;
        prev = w.clone();
        raw_words.push((w, stem));
    }
    let ns = get_varint(bytes, &mut pos)? as usize;
    let mut stems = Vec::with_capacity(ns);
    let mut out = Decoded::default();
    for _ in 0..ns {
        let len = get_varint(bytes, &mut pos)? as usize;
        let s = String::from_utf8(bytes.get(pos..pos + len)?.to_vec()).ok()?;
        pos += len;
        let docs = get_varint(bytes, &mut pos)? as usize;
        let plen = get_varint(bytes, &mut pos)? as usize;
        let end = pos + plen;
        let mut list = Vec::with_capacity(docs);
        let mut doc = 0u32;
        for _ in 0..docs {
            doc += get_varint(bytes, &mut pos)? as u32;
            let weight = *bytes.get(pos)?;
            pos += 1;
            list.push(Posting { doc, weight });
        }
        if pos != end {
            return None;
        }
        stems.push(s.clone());
        out.postings.insert(s, list);
    }
    for (w, i) in raw_words {
        out.words
            .push((String::from_utf8(w).ok()?, stems.get(i)?.clone()));
    }
    (pos == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::super::index::{build, Fields};
    use super::*;

    fn index(bodies: &[&str]) -> Index {
        let docs: Vec<Fields> = bodies
            .iter()
            .map(|b| Fields {
                title: "",
                headings: vec![],
                body: vec![b],
            })
            .collect();
        build(&docs)
    }

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX)] {
            out.clear();
            put_varint(&mut out, v);
            let mut pos = 0;
            assert_eq!(get_varint(&out, &mut pos), Some(v));
            assert_eq!(pos, out.len());
        }
    }

    #[test]
    fn shards_cover_the_vocabulary_in_order_and_round_trip() {
        let bodies: Vec<String> = (0..60)
            .map(|i| {
                format!(
                    "decompression decompressing discectomy disc{i} lumbar fusion fracture{} spine{}",
                    i % 7,
                    i % 3
                )
            })
            .collect();
        let refs: Vec<&str> = bodies.iter().map(String::as_str).collect();
        let idx = index(&refs);
        let shards = shards(&idx, 200);
        assert!(shards.len() > 3, "small target gives several shards");
        let mut all_words = Vec::new();
        for s in &shards {
            let d = decode(&s.bytes).expect("decodes");
            assert_eq!(d.words[0].0, s.first);
            for (w, stem) in &d.words {
                assert_eq!(&idx.words[w], stem);
                assert_eq!(d.postings[stem], idx.postings[stem], "{stem}");
            }
            all_words.extend(d.words.into_iter().map(|(w, _)| w));
        }
        let expected: Vec<String> = idx.words.keys().cloned().collect();
        assert_eq!(all_words, expected);
    }

    #[test]
    fn words_sharing_two_letters_stay_together_when_they_fit() {
        let idx = index(&["decompression decompress decompresses dural lumbar lumbago"]);
        let parts = partition(&idx, 120);
        for p in &parts {
            let firsts: Vec<&str> = p.iter().map(|w| prefix_chars(w, 2)).collect();
            let i = parts.iter().position(|q| q == p).unwrap();
            for later in &parts[i + 1..] {
                assert!(!later.iter().any(|w| firsts.contains(&prefix_chars(w, 2))));
            }
        }
        assert!(decode(&[5, 1]).is_none(), "truncated shards are rejected");
    }
}
