//! What changed between two versions of a document: the front-matter fields that differ, and a
//! word-level diff of the text (with `similar`), as HTML that marks insertions and deletions by
//! more than colour: `<ins>`/`<del>` (underlined and struck through), each announcing itself to
//! screen readers with visually hidden "inserted:"/"deleted:" text (class `vh`, short because
//! a rewritten document has hundreds of these and pages have a weight budget).
//!
//! The text is compared as its Markdown source, paragraph lines first (so unchanged stretches
//! fold away) and then word by word inside each changed stretch, so a one-word change in a long
//! paragraph reads "Scan within ~~6~~ 4 hours" rather than as two whole paragraphs.

use crate::content::{Document, Meta};
use crate::render::escape_text;
use serde::Serialize;
use similar::{DiffOp, TextDiff};

/// Unchanged lines kept around each change, for context.
const CONTEXT_LINES: usize = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    /// Front-matter fields that differ, in the order the contract lists them (`version` and
    /// `changes` included).
    pub fields: Vec<FieldChange>,
    /// The text diff as HTML; empty when the text did not change.
    pub html: String,
    /// Words inserted and deleted.
    pub inserted: usize,
    pub deleted: usize,
}

pub fn compare(old: &Document, new: &Document) -> Comparison {
    let mut cmp = Comparison {
        fields: field_changes(&old.meta, &new.meta),
        html: String::new(),
        inserted: 0,
        deleted: 0,
    };
    let lines = TextDiff::from_lines(old.body(), new.body());
    let groups = lines.grouped_ops(CONTEXT_LINES);
    if groups.is_empty() {
        return cmp;
    }
    let old_lines: Vec<&str> = lines.iter_old_slices().collect();
    let new_lines: Vec<&str> = lines.iter_new_slices().collect();
    // A <pre>: the minifier leaves its whitespace alone, and the line breaks are the text's.
    let mut html = String::from("<pre class=\"diff\">");
    let mut shown_to = 0;
    for group in &groups {
        let first = group.first().map_or(0, |op| op.old_range().start);
        if first > shown_to {
            gap(&mut html, first - shown_to);
        }
        html.push_str("<span class=\"diff-hunk\">");
        for op in group {
            let old_text: String = old_lines[op.old_range()].concat();
            let new_text: String = new_lines[op.new_range()].concat();
            match op {
                DiffOp::Equal { .. } => html.push_str(&escape_text(&old_text)),
                _ => words(&mut html, &mut cmp, &old_text, &new_text),
            }
            shown_to = op.old_range().end;
        }
        html.push_str("</span>");
    }
    if old_lines.len() > shown_to {
        gap(&mut html, old_lines.len() - shown_to);
    }
    html.push_str("</pre>\n");
    cmp.html = html;
    cmp
}

fn gap(html: &mut String, lines: usize) {
    let s = if lines == 1 { "" } else { "s" };
    html.push_str(&format!(
        "<span class=\"diff-gap\">… {lines} unchanged line{s} …</span>"
    ));
}

/// A word diff of one changed stretch, appended as escaped text with `<ins>`/`<del>`.
fn words(html: &mut String, cmp: &mut Comparison, old: &str, new: &str) {
    let diff = TextDiff::from_words(old, new);
    let old_words: Vec<&str> = diff.iter_old_slices().collect();
    let new_words: Vec<&str> = diff.iter_new_slices().collect();
    for op in diff.ops() {
        let deleted = old_words[op.old_range()].concat();
        let inserted = new_words[op.new_range()].concat();
        if let DiffOp::Equal { .. } = op {
            html.push_str(&escape_text(&deleted));
            continue;
        }
        if !deleted.is_empty() {
            cmp.deleted += deleted.split_whitespace().count();
            mark(html, "del", "deleted", &deleted);
        }
        if !inserted.is_empty() {
            cmp.inserted += inserted.split_whitespace().count();
            mark(html, "ins", "inserted", &inserted);
        }
    }
}

/// `<del>`/`<ins>` around the words, with surrounding whitespace kept outside so the strike or
/// underline does not run into the next word; a change of whitespace alone (a line break) is
/// shown as a symbol.
fn mark(html: &mut String, tag: &str, label: &str, text: &str) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        let symbol = if tag == "ins" { "+¶" } else { "−¶" };
        html.push_str(&format!(
            "<{tag}><span class=\"vh\">line break {label} </span><span aria-hidden=\"true\">{symbol}</span></{tag}>"
        ));
        return;
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    html.push_str(&escape_text(lead));
    html.push_str(&format!(
        "<{tag}><span class=\"vh\">{label}: </span>{}</{tag}>",
        escape_text(trimmed)
    ));
    html.push_str(&escape_text(trail));
}

pub fn field_changes(old: &Meta, new: &Meta) -> Vec<FieldChange> {
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let sources = |m: &Meta| {
        let titles: Vec<&str> = m
            .evidence
            .sources
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        titles.join("; ")
    };
    let pairs: [(&'static str, String, String); 17] = [
        ("title", old.title.clone(), new.title.clone()),
        ("kind", old.kind.id().into(), new.kind.id().into()),
        ("summary", old.summary.clone(), new.summary.clone()),
        ("version", old.version.to_string(), new.version.to_string()),
        ("status", old.status.id().into(), new.status.id().into()),
        ("approved", date(old.approved), date(new.approved)),
        (
            "approved_by",
            text(&old.approved_by),
            text(&new.approved_by),
        ),
        ("review", date(old.review), date(new.review)),
        ("owner", old.owner.clone(), new.owner.clone()),
        (
            "audience",
            old.audience.id().into(),
            new.audience.id().into(),
        ),
        (
            "leaflet_type",
            old.leaflet_type.map_or("", |t| t.id()).into(),
            new.leaflet_type.map_or("", |t| t.id()).into(),
        ),
        (
            "conditions",
            old.conditions.join(", "),
            new.conditions.join(", "),
        ),
        ("adapts", text(&old.adapts), text(&new.adapts)),
        ("changes", text(&old.changes), text(&new.changes)),
        (
            "equality_impact_assessment",
            date(old.equality_impact_assessment),
            date(new.equality_impact_assessment),
        ),
        ("sources", sources(old), sources(new)),
        (
            "evidence_checked",
            date(old.evidence.checked),
            date(new.evidence.checked),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, before, after)| FieldChange {
            field,
            before,
            after,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{self, Context};
    use crate::source::SourceFile;

    fn doc(version: &str, body: &str) -> Document {
        let text = format!(
            "---\ntitle: T\nkind: pathway\nsummary: S\nversion: \"{version}\"\nstatus: approved\napproved: 2026-01-01\napproved_by: Board\nreview: 2027-01-01\nowner: Lead\nchanges: C{version}\n---\n{body}"
        );
        let file = SourceFile {
            path: "national/t.md".into(),
            text: text.into(),
        };
        content::parse(&file, &Context { glossary: None }, &mut Vec::new()).unwrap()
    }

    #[test]
    fn a_changed_word_is_marked_inside_its_paragraph() {
        let filler: String = (1..=10).map(|i| format!("Line {i}.\n")).collect();
        let old = doc("1.0", &format!("{filler}Scan within 6 hours.\n{filler}"));
        let new = doc("1.1", &format!("{filler}Scan within 4 hours.\n{filler}"));
        let c = compare(&old, &new);
        assert!(
            c.html.contains("Scan within <del><span class=\"vh\">deleted: </span>6</del><ins><span class=\"vh\">inserted: </span>4</ins> hours."),
            "{}",
            c.html
        );
        assert_eq!((c.inserted, c.deleted), (1, 1));
        assert!(c.html.contains("… 8 unchanged lines …"), "{}", c.html);
        assert!(!c.html.contains("Line 3."), "far context is folded");
        let fields: Vec<&str> = c.fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["version", "changes"]);
    }

    #[test]
    fn markup_in_the_text_is_escaped() {
        let c = compare(&doc("1.0", "a <b>\n"), &doc("1.1", "a <i>\n"));
        assert!(c.html.contains("&lt;i&gt;"), "{}", c.html);
        assert!(!c.html.contains("<i>"));
    }

    #[test]
    fn unchanged_text_gives_no_diff() {
        let c = compare(&doc("1.0", "same\n"), &doc("1.1", "same\n"));
        assert!(c.html.is_empty());
    }
}
