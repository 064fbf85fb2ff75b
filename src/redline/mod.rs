//! A section-aware comparison of two rendered documents (their HTML, not their Markdown), as a
//! reader sees them: headings, tables, callout cards and lists stay what they are, with the
//! deleted and inserted words marked inside them by `<del>`/`<ins>` (each announcing itself
//! to screen readers with visually hidden text, and struck through or underlined, so nothing
//! relies on colour).
//!
//! Both documents are cut into sections at their level-2 headings (the text before the first
//! one is a section of its own). Sections are paired by heading text, so a section that moved
//! is shown once, as moved, rather than as deleted in one place and inserted in another; a
//! section whose heading was reworded is paired by the words of its body (at least half in
//! common) and shown as renamed. Inside a pair the HTML is
//! compared token by token (tags, words and spaces) with `similar`. The result always has the
//! newer document's structure (every one of its tags, in order); deleted words are put back
//! where they were, wrapped in the element their place needs (a list item between list items,
//! a row between table rows, a paragraph between blocks), so the output is well-formed.
//!
//! `id` attributes are dropped from the output: a comparison page shows a section more than
//! once, and ids must be unique. Very large sections that differ throughout are compared
//! whole (all deleted, all inserted) rather than word by word, so no input makes the build
//! slow.

mod tokens;

use serde::Serialize;
use tokens::{tokenize, tokens_diff, whole, Kind, Token, Writer};

/// Above this many tokens in a pair of sections, a section is compared whole.
const MAX_TOKENS: usize = 40_000;

/// One section of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectionDiff {
    /// The heading's text as HTML (escaped text, no tags); empty for the text before the
    /// first heading.
    pub heading: String,
    pub status: SectionStatus,
    /// For a moved section: the heading of the section it now follows in the older version's
    /// words, or `None` when it was first.
    pub moved_after: Option<String>,
    /// For a section whose heading was reworded: its heading in the older version (it was
    /// paired by the words of its body).
    pub renamed_from: Option<String>,
    /// Position in the older and newer document (sections counted from 0, the text before the
    /// first heading included).
    pub old_index: Option<usize>,
    pub new_index: Option<usize>,
    /// The section's body (without its heading) with the changes marked.
    pub html: String,
    pub inserted: usize,
    pub deleted: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SectionStatus {
    Unchanged,
    Changed,
    Added,
    Removed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RenderedDiff {
    /// In the newer document's order, removed sections where they were.
    pub sections: Vec<SectionDiff>,
    pub inserted: usize,
    pub deleted: usize,
    /// Words in the older and the newer document.
    pub old_words: usize,
    pub new_words: usize,
}

impl RenderedDiff {
    /// Changed words as a share of all words in both versions, in thousandths: 0 when they
    /// are the same, 1000 when they share no word.
    pub fn changed_permille(&self) -> u32 {
        let all = self.old_words + self.new_words;
        if all == 0 {
            return 0;
        }
        let changed = (self.inserted + self.deleted).min(all);
        ((changed as u64 * 1000 + all as u64 / 2) / all as u64) as u32
    }

    pub fn unchanged(&self) -> bool {
        self.inserted == 0
            && self.deleted == 0
            && self.sections.iter().all(|s| s.moved_after.is_none())
    }
}

/// The HTML without its inline SVG drawings (flowcharts): words marked inside SVG text would
/// not be valid markup, and each drawing's text version beside it is compared instead.
fn without_drawings(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<svg") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        out.push_str(&rest[..start]);
        match rest[start..].find("</svg>") {
            Some(end) => rest = &rest[start + end + "</svg>".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Compares two rendered documents section by section.
pub fn diff(old_html: &str, new_html: &str) -> RenderedDiff {
    let (old_html, new_html) = (without_drawings(old_html), without_drawings(new_html));
    let old = sections(&old_html);
    let new = sections(&new_html);
    let old_words = old.iter().map(|s| s.words()).sum();
    let new_words = new.iter().map(|s| s.words()).sum();
    // Pair by heading text, first unused match.
    let mut used = vec![false; old.len()];
    let pairs: Vec<Option<usize>> = new
        .iter()
        .map(|n| {
            let found = old
                .iter()
                .enumerate()
                .position(|(i, o)| !used[i] && o.key == n.key);
            if let Some(i) = found {
                used[i] = true;
            }
            found
        })
        .collect();
    let pairs = pair_renamed(&old, &new, pairs, &mut used);
    let in_order = longest_increasing(&pairs);
    let mut out = RenderedDiff {
        old_words,
        new_words,
        ..RenderedDiff::default()
    };
    // Removed sections go just before the first newer section that followed them.
    let mut next_old = 0;
    let mut removed_before = |upto: usize, out: &mut RenderedDiff| {
        while next_old < upto {
            if !used[next_old] {
                let o = &old[next_old];
                let html = whole(&o.body, "del", "deleted", &mut out.deleted);
                out.sections.push(SectionDiff {
                    heading: o.heading.clone(),
                    status: SectionStatus::Removed,
                    moved_after: None,
                    renamed_from: None,
                    old_index: Some(next_old),
                    new_index: None,
                    html,
                    inserted: 0,
                    deleted: o.words(),
                });
            }
            next_old += 1;
        }
    };
    for (j, (n, pair)) in new.iter().zip(&pairs).enumerate() {
        match *pair {
            Some(i) => {
                if in_order[j] {
                    removed_before(i, &mut out);
                }
                let o = &old[i];
                let mut s = SectionDiff {
                    heading: n.heading.clone(),
                    status: SectionStatus::Unchanged,
                    moved_after: (!in_order[j]).then(|| {
                        i.checked_sub(1)
                            .map(|k| old[k].heading.clone())
                            .unwrap_or_default()
                    }),
                    renamed_from: (o.key != n.key).then(|| o.heading.clone()),
                    old_index: Some(i),
                    new_index: Some(j),
                    html: String::new(),
                    inserted: 0,
                    deleted: 0,
                };
                s.html = tokens_diff(&o.body, &n.body, &mut s.inserted, &mut s.deleted);
                if s.inserted + s.deleted > 0 || s.renamed_from.is_some() {
                    s.status = SectionStatus::Changed;
                }
                out.inserted += s.inserted;
                out.deleted += s.deleted;
                out.sections.push(s);
            }
            None => {
                let mut inserted = 0;
                let html = whole(&n.body, "ins", "inserted", &mut inserted);
                out.inserted += n.words();
                out.sections.push(SectionDiff {
                    heading: n.heading.clone(),
                    status: SectionStatus::Added,
                    moved_after: None,
                    renamed_from: None,
                    old_index: None,
                    new_index: Some(j),
                    html,
                    inserted: n.words(),
                    deleted: 0,
                });
            }
        }
    }
    removed_before(old.len(), &mut out);
    out
}

/// Sections whose heading was reworded: each newer section left unpaired by heading is paired
/// with the unpaired older section whose body shares the most words with it, when they share
/// at least half ([`similarity`]); between equally similar ones, the nearest in position.
fn pair_renamed(
    old: &[Section<'_>],
    new: &[Section<'_>],
    mut pairs: Vec<Option<usize>>,
    used: &mut [bool],
) -> Vec<Option<usize>> {
    if !used.contains(&false) {
        return pairs;
    }
    for (j, n) in new.iter().enumerate() {
        if pairs[j].is_some() || n.key.is_empty() {
            continue;
        }
        let best = old
            .iter()
            .enumerate()
            .filter(|(i, o)| !used[*i] && !o.key.is_empty())
            .map(|(i, o)| (similarity(&o.body, &n.body), i))
            .filter(|(sim, _)| *sim >= 0.5)
            .max_by(|a, b| {
                a.0.total_cmp(&b.0)
                    .then_with(|| b.1.abs_diff(j).cmp(&a.1.abs_diff(j)))
            });
        if let Some((_, i)) = best {
            pairs[j] = Some(i);
            used[i] = true;
        }
    }
    pairs
}

/// The share of words two sections' bodies have in common (each word counted as often as
/// it is in both): 1 when they have the same words, 0 when none; 0 for two empty bodies.
fn similarity(a: &[Token<'_>], b: &[Token<'_>]) -> f64 {
    use std::collections::HashMap;
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for t in a.iter().filter(|t| t.kind == Kind::Word) {
        counts.entry(t.text).or_default().0 += 1;
    }
    for t in b.iter().filter(|t| t.kind == Kind::Word) {
        counts.entry(t.text).or_default().1 += 1;
    }
    let (common, all) = counts
        .values()
        .fold((0, 0), |(c, n), (x, y)| (c + x.min(y), n + x + y));
    if all == 0 {
        0.0
    } else {
        2.0 * common as f64 / all as f64
    }
}

/// Which entries (pairs of newer → older positions) keep their relative order: a longest
/// increasing subsequence of the older positions. Unpaired entries are `false`.
fn longest_increasing(pairs: &[Option<usize>]) -> Vec<bool> {
    let idx: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(j, p)| p.map(|i| (j, i)))
        .collect();
    // O(n²) is fine: documents have tens of sections.
    let n = idx.len();
    let mut len = vec![1usize; n];
    let mut prev = vec![usize::MAX; n];
    for a in 0..n {
        for b in 0..a {
            if idx[b].1 < idx[a].1 && len[b] + 1 > len[a] {
                len[a] = len[b] + 1;
                prev[a] = b;
            }
        }
    }
    let mut keep = vec![false; pairs.len()];
    if let Some(mut at) = (0..n).max_by_key(|&a| (len[a], std::cmp::Reverse(a))) {
        loop {
            keep[idx[at].0] = true;
            if prev[at] == usize::MAX {
                break;
            }
            at = prev[at];
        }
    }
    keep
}

struct Section<'a> {
    /// Heading text, normalised for pairing.
    key: String,
    heading: String,
    body: Vec<Token<'a>>,
}

impl Section<'_> {
    fn words(&self) -> usize {
        self.body.iter().filter(|t| t.kind == Kind::Word).count()
    }
}

/// Cuts a rendered document at its top-level `<h2>` headings.
fn sections(html: &str) -> Vec<Section<'_>> {
    let tokens = tokenize(html);
    let mut out = vec![Section {
        key: String::new(),
        heading: String::new(),
        body: Vec::new(),
    }];
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        if depth == 0 && t.kind == Kind::Start && t.name() == "h2" {
            let mut heading = String::new();
            let mut j = i + 1;
            while j < tokens.len() && !(tokens[j].kind == Kind::End && tokens[j].name() == "h2") {
                if matches!(tokens[j].kind, Kind::Word | Kind::Space) {
                    heading.push_str(tokens[j].text);
                }
                j += 1;
            }
            let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
            out.push(Section {
                key: heading.to_lowercase(),
                heading,
                body: Vec::new(),
            });
            i = j + 1;
            continue;
        }
        match t.kind {
            Kind::Start => depth += 1,
            Kind::End => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(s) = out.last_mut() {
            s.body.push(t);
        }
        i += 1;
    }
    // An empty preamble is no section.
    if out[0].body.iter().all(|t| t.kind == Kind::Space) && out.len() > 1 {
        out.remove(0);
    }
    out
}

/// The sections of a rendered document as (heading text, plain text of the body), for
/// checks that compare sections without marking words.
pub fn section_texts(html: &str) -> Vec<(String, String)> {
    sections(html)
        .into_iter()
        .map(|s| {
            let text = s
                .body
                .iter()
                .map(|t| match t.kind {
                    Kind::Word => t.text,
                    _ => " ",
                })
                .collect::<String>();
            (s.heading, text)
        })
        .collect()
}

/// The sections of a rendered document as (heading text, body HTML without `id`s), to show
/// a document section by section.
pub fn section_bodies(html: &str) -> Vec<(String, String)> {
    sections(html)
        .into_iter()
        .map(|s| {
            let mut w = Writer::new();
            for t in &s.body {
                w.tag(*t);
            }
            (s.heading, w.html)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(sections: &[(&str, &str)]) -> String {
        sections
            .iter()
            .map(|(h, b)| format!("<h2 id=\"{}\">{h}</h2>\n{b}\n", h.to_lowercase()))
            .collect()
    }

    #[test]
    fn a_changed_table_cell_is_marked_in_its_cell() {
        let table = |v: &str| {
            format!("<table><thead><tr><th>Step</th><th>Time</th></tr></thead><tbody><tr><td>MRI</td><td>{v} hours</td></tr></tbody></table>")
        };
        let d = diff(
            &doc(&[("Times", &table("4"))]),
            &doc(&[("Times", &table("6"))]),
        );
        assert_eq!(d.sections.len(), 1);
        let s = &d.sections[0];
        assert_eq!(s.status, SectionStatus::Changed);
        assert!(
            s.html.contains("<td><del><span class=\"vh\">deleted: </span>4</del><ins><span class=\"vh\">inserted: </span>6</ins> hours</td>"),
            "{}",
            s.html
        );
        assert_eq!((d.inserted, d.deleted), (1, 1));
    }

    #[test]
    fn a_deleted_list_item_stays_a_list_item_and_ids_are_dropped() {
        let d = diff(
            &doc(&[("Steps", "<ol><li>Refer.</li><li>Scan.</li></ol>")]),
            &doc(&[("Steps", "<ol><li>Refer.</li></ol>")]),
        );
        let html = &d.sections[0].html;
        assert!(
            html.contains(
                "<li class=\"diff-gone\"><del><span class=\"vh\">deleted: </span>Scan.</del></li>"
            ),
            "{html}"
        );
        assert!(!html.contains("id="));
    }

    #[test]
    fn a_moved_section_is_moved_not_deleted_and_inserted() {
        let a = ("Alpha", "<p>One.</p>");
        let b = ("Beta", "<p>Two.</p>");
        let c = ("Gamma", "<p>Three.</p>");
        let d = diff(&doc(&[a, b, c]), &doc(&[b, c, a]));
        let moved: Vec<_> = d
            .sections
            .iter()
            .filter(|s| s.moved_after.is_some())
            .map(|s| s.heading.as_str())
            .collect();
        assert_eq!(moved, ["Alpha"]);
        assert!(d
            .sections
            .iter()
            .all(|s| s.status == SectionStatus::Unchanged));
        assert_eq!(d.changed_permille(), 0);
        assert!(!d.unchanged());
    }

    #[test]
    fn a_section_under_a_reworded_heading_is_renamed_not_removed_and_added() {
        let body = "<p>Call the hub spinal on-call team within four hours of the scan report.</p>";
        let old = doc(&[
            ("Purpose", "<p>Why.</p>"),
            ("Who to call", body),
            ("Audit", "<p>Counts.</p>"),
        ]);
        let new = doc(&[
            ("Purpose", "<p>Why.</p>"),
            ("Contacts", &body.replace("four", "six")),
            ("Audit", "<p>Counts.</p>"),
        ]);
        let d = diff(&old, &new);
        let s = d
            .sections
            .iter()
            .find(|s| s.heading == "Contacts")
            .expect("the renamed section");
        assert_eq!(s.renamed_from.as_deref(), Some("Who to call"));
        assert_eq!(s.status, SectionStatus::Changed);
        assert_eq!(s.old_index, Some(1), "paired with the second older section");
        assert!(
            s.html.contains("four") && s.html.contains("six"),
            "{}",
            s.html
        );
        assert!(
            d.sections
                .iter()
                .all(|s| !matches!(s.status, SectionStatus::Added | SectionStatus::Removed)),
            "{:?}",
            d.sections
        );
        // A section with other words under a new heading is still added, and the old removed.
        let other = doc(&[
            ("Purpose", "<p>Why.</p>"),
            (
                "Contacts",
                "<p>Completely different text about something else.</p>",
            ),
            ("Audit", "<p>Counts.</p>"),
        ]);
        let d = diff(&old, &other);
        assert!(d.sections.iter().any(|s| s.status == SectionStatus::Added));
        assert!(d
            .sections
            .iter()
            .any(|s| s.status == SectionStatus::Removed));
    }

    #[test]
    fn added_and_removed_sections_are_whole() {
        let d = diff(
            &doc(&[("Alpha", "<p>One two.</p>"), ("Old", "<p>Gone now.</p>")]),
            &doc(&[("Alpha", "<p>One two.</p>"), ("New", "<p>Here.</p>")]),
        );
        let statuses: Vec<_> = d.sections.iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            [
                SectionStatus::Unchanged,
                SectionStatus::Added,
                SectionStatus::Removed
            ]
        );
        assert_eq!((d.inserted, d.deleted), (1, 2));
        // 3 changed of 4 + 3 words.
        assert_eq!(d.changed_permille(), 429);
    }

    #[test]
    fn identical_documents_have_no_changes() {
        let h = doc(&[("Alpha", "<p>One &amp; two.</p>")]);
        let d = diff(&h, &h);
        assert!(d.unchanged());
        assert_eq!(d.changed_permille(), 0);
        assert_eq!(d.sections[0].html, "\n<p>One &amp; two.</p>\n");
    }

    #[test]
    fn quoted_angle_brackets_stay_inside_their_tag() {
        let t = tokenize("<a title=\"a>b\">x</a>");
        assert_eq!(t[0].text, "<a title=\"a>b\">");
        assert_eq!(t.len(), 3);
    }
}
