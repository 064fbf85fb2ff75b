//! How far each network's adaptation departs from its national document: the section-by-section
//! comparison of their renderings ([`crate::redline`]), made once per build for the national
//! documents that have a published adaptation (and only for those), and the time standards that
//! differ between them.
//!
//! Time standards are found by a deliberately simple heuristic: a number followed by a unit of
//! time ("4 hours", "30 minutes", "2-week", "4h", "48hrs"), read from each section's text in
//! order. Sections are paired by heading, as in the comparison. When a paired section has the
//! same number of time standards in both documents, they are compared in order; the
//! `adaptation-weakens-standard` warning is given when an adaptation's is longer. Its limits:
//! numbers in words ("four hours") and ranges ("4 to 6 hours" counts as one standard, the 6)
//! are not understood, a standard that moved to another section or was reworded under a new
//! heading is not compared, and a section whose count of standards differs is not compared
//! (the variation page still shows every difference, marked).

use crate::diag::Diagnostic;
use crate::library::{Library, Page};
use crate::redline::{self, RenderedDiff};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Every national document with at least one published adaptation, by id.
#[derive(Debug, Default)]
pub struct Variation {
    pub documents: BTreeMap<String, Vec<Adaptation>>,
}

/// One network's adaptation of a national document, compared with it.
#[derive(Debug)]
pub struct Adaptation {
    /// The adaptation's document id.
    pub id: String,
    pub network: String,
    pub diff: RenderedDiff,
    /// The time standards that differ from the national document's.
    pub standards: Vec<StandardChange>,
}

impl Variation {
    /// Compares every published adaptation with its national document (in parallel).
    pub fn build(lib: &Library) -> Variation {
        let documents = lib
            .pages
            .par_iter()
            .filter(|p| !p.adapted_by.is_empty())
            .map(|national| {
                // Read once for all of the national document's adaptations.
                let national_texts = redline::section_texts(&national.rendered.html);
                let adaptations = national
                    .adapted_by
                    .iter()
                    .filter_map(|id| lib.page(id))
                    .filter(|a| a.doc.meta.status != crate::content::Status::Withdrawn)
                    .filter_map(|a| {
                        let local_texts = redline::section_texts(&a.rendered.html);
                        Some(Adaptation {
                            id: a.doc.id.clone(),
                            network: crate::variation::network_of(a)?.to_owned(),
                            diff: redline::diff(&national.rendered.html, &a.rendered.html),
                            standards: changes_between(&national_texts, &local_texts),
                        })
                    })
                    .collect::<Vec<_>>();
                (national.doc.id.clone(), adaptations)
            })
            .filter(|(_, a)| !a.is_empty())
            .collect();
        Variation { documents }
    }

    /// Each adaptation's share of changed words, in thousandths, by adaptation id.
    pub fn shares(&self) -> BTreeMap<&str, u32> {
        self.documents
            .values()
            .flatten()
            .map(|a| (a.id.as_str(), a.diff.changed_permille()))
            .collect()
    }

    /// Identifies the shares (for caching files that show them).
    pub fn fingerprint(&self) -> u64 {
        crate::incremental::fingerprint(&self.shares())
    }
}

/// The network id of a network document.
pub fn network_of(p: &Page) -> Option<&str> {
    match &p.doc.scope {
        crate::content::Scope::Network(id) => Some(id),
        crate::content::Scope::National => None,
    }
}

/// A time standard found in text: its words as written and its length in minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeStandard {
    pub text: String,
    pub minutes: u64,
}

/// The time standards in `text`, in order: a number followed by a unit of time.
pub fn time_standards(text: &str) -> Vec<TimeStandard> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let digits = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
        if digits == 0 || digits > 6 {
            i += 1;
            continue;
        }
        let number: u64 = w[..digits].parse().unwrap_or(0);
        // "4h" in one word, or "4 hours" in two.
        let (unit, used) = match &w[digits..] {
            "" => (words.get(i + 1).copied().unwrap_or(""), 2),
            rest => (rest, 1),
        };
        if let Some(per) = unit_minutes(unit) {
            let shown = words[i..i + used].join(" ");
            out.push(TimeStandard {
                text: shown,
                minutes: number.saturating_mul(per),
            });
            i += used;
        } else {
            i += 1;
        }
    }
    out
}

fn unit_minutes(unit: &str) -> Option<u64> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "min" | "mins" | "minute" | "minutes" => 1,
        "h" | "hr" | "hrs" | "hour" | "hours" => 60,
        "day" | "days" => 60 * 24,
        "week" | "weeks" | "wk" | "wks" => 60 * 24 * 7,
        "month" | "months" => 60 * 24 * 30,
        _ => return None,
    })
}

/// A time standard that differs between a national document's section and an adaptation's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StandardChange {
    /// The section's heading (escaped text); empty for the text before the first heading.
    pub section: String,
    pub national: String,
    pub local: String,
    /// The adaptation allows longer.
    pub longer: bool,
}

/// The time standards that differ, section by section (paired by heading), compared in order
/// where a section has as many in both documents.
pub fn standard_changes(national_html: &str, local_html: &str) -> Vec<StandardChange> {
    changes_between(
        &redline::section_texts(national_html),
        &redline::section_texts(local_html),
    )
}

/// [`standard_changes`] of two documents' sections as (heading, text).
fn changes_between(
    national: &[(String, String)],
    local: &[(String, String)],
) -> Vec<StandardChange> {
    let mut out = Vec::new();
    for (heading, text) in local {
        let Some((_, national_text)) = national
            .iter()
            .find(|(h, _)| h.to_lowercase() == heading.to_lowercase())
        else {
            continue;
        };
        let (ours, theirs) = (time_standards(national_text), time_standards(text));
        if ours.len() != theirs.len() {
            continue;
        }
        for (n, l) in ours.iter().zip(&theirs) {
            if n.minutes != l.minutes {
                out.push(StandardChange {
                    section: heading.clone(),
                    national: n.text.clone(),
                    local: l.text.clone(),
                    longer: l.minutes > n.minutes,
                });
            }
        }
    }
    out
}

/// `adaptation-weakens-standard`: a warning for each time standard an adaptation makes longer
/// than its national document's, pointing at the section's heading in the adaptation.
pub fn weakened_standards(lib: &Library) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for p in &lib.pages {
        let Some(national) = p.doc.meta.adapts.as_deref().and_then(|id| lib.page(id)) else {
            continue;
        };
        if p.from_history {
            continue;
        }
        for c in standard_changes(&national.rendered.html, &p.rendered.html) {
            if !c.longer {
                continue;
            }
            let text = &p.doc.text;
            let at = heading_offset(text, &c.section)
                .or_else(|| text.find(&c.local).filter(|&o| o >= p.doc.body_start))
                .unwrap_or(p.doc.body_start);
            let place = if c.section.is_empty() {
                "before the first heading".to_owned()
            } else {
                format!("in section “{}”", html_text(&c.section))
            };
            diags.push(
                Diagnostic::warning(
                    "adaptation-weakens-standard",
                    &p.doc.path,
                    format!(
                        "this adaptation allows {} where `{}` says {} ({place})",
                        c.local, national.doc.id, c.national
                    ),
                )
                .at_offset(text, at, heading_len(text, at))
                .help("if the longer time is intended, say why in the section (and have it approved); otherwise use the national standard"),
            );
        }
    }
    diags
}

/// The byte offset of the level-2 heading line `## <heading>` in a Markdown file.
fn heading_offset(text: &str, heading: &str) -> Option<usize> {
    if heading.is_empty() {
        return None;
    }
    let plain = html_text(heading);
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_end();
        if let Some(rest) = t.strip_prefix("## ") {
            if rest.trim().trim_end_matches('#').trim() == plain {
                return Some(offset);
            }
        }
        offset += line.len();
    }
    None
}

fn heading_len(text: &str, at: usize) -> usize {
    text[at..].find('\n').unwrap_or(text.len() - at)
}

/// Text from escaped HTML text, for messages.
fn html_text(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_standards_are_numbers_with_units() {
        let found: Vec<(String, u64)> = time_standards(
            "MRI within 4 hours; review at 2-week follow-up, 30 mins, 4h, 48hrs, 3 beds, 2 days.",
        )
        .into_iter()
        .map(|t| (t.text, t.minutes))
        .collect();
        assert_eq!(
            found,
            [
                ("4 hours".to_owned(), 240),
                ("2 week".to_owned(), 20160),
                ("30 mins".to_owned(), 30),
                ("4h".to_owned(), 240),
                ("48hrs".to_owned(), 2880),
                ("2 days".to_owned(), 2880),
            ]
        );
    }

    #[test]
    fn a_longer_standard_in_the_same_section_is_found() {
        let national = "<h2>Imaging</h2><p>MRI within 4 hours.</p><h2>Other</h2><p>1 day.</p>";
        let local =
            "<h2>Imaging</h2><p>MRI within 6 hours.</p><h2>Other</h2><p>2 hours, 3 days.</p>";
        let changes = standard_changes(national, local);
        assert_eq!(
            changes,
            [StandardChange {
                section: "Imaging".into(),
                national: "4 hours".into(),
                local: "6 hours".into(),
                longer: true,
            }]
        );
        // A shorter time is a difference, not a weakening.
        let shorter = standard_changes(national, &local.replace("6 hours", "2 hours"));
        assert!(!shorter[0].longer);
    }

    #[test]
    fn the_heading_line_is_found_in_the_markdown() {
        let text = "---\nt: x\n---\n## Intro\n\n## Imaging & scans\n";
        assert_eq!(heading_offset(text, "Imaging &amp; scans"), Some(23));
    }
}
