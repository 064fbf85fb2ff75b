//! The glossary on pages: the first use of each abbreviation glossary.yaml explains is marked
//! `<abbr title="…">` in a document's body, and `/glossary/` lists every condition and term.

use super::Ctx;
use crate::config::Glossary;
use crate::render::{escape_attr, escape_text};
use serde::Serialize;

/// Abbreviations the glossary explains, with what each stands for: a condition's
/// abbreviations (its name), and terms written like abbreviations (capitals, no spaces).
fn abbreviations(g: &Glossary) -> Vec<(&str, &str)> {
    let looks_abbreviated = |t: &str| {
        !t.is_empty()
            && t.len() <= 10
            && !t.contains(char::is_whitespace)
            && t.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
    };
    let mut all: Vec<(&str, &str)> = g
        .conditions
        .iter()
        .flat_map(|c| {
            c.abbreviations
                .iter()
                .map(|a| (a.as_str(), c.name.as_str()))
        })
        .chain(
            g.terms
                .iter()
                .filter(|t| looks_abbreviated(&t.term))
                .map(|t| (t.term.as_str(), t.meaning.as_str())),
        )
        .collect();
    // Longer first, so "MSCC" is found before an "SCC" inside it could be.
    all.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    all.dedup_by(|a, b| a.0 == b.0);
    all
}

/// Elements whose text is left alone: links, code, existing abbreviations, drawings, headings.
const SKIP: [&str; 11] = [
    "a", "code", "pre", "abbr", "svg", "h1", "h2", "h3", "h4", "h5", "h6",
];

/// Each glossary abbreviation as it is written in escaped HTML (`A&amp;E`), and the
/// `<abbr title="…">` element that marks it; made once for all pages.
pub struct Marks {
    marks: Vec<(String, String)>,
    /// Finds which abbreviations a text node holds in one pass, so only those are looked for
    /// as whole words (most text nodes hold none).
    finder: Option<aho_corasick::AhoCorasick>,
    /// Finds the text nodes that hold any abbreviation: leftmost-longest matches, which do not
    /// overlap, so the search can skip ahead with a vectorised scan for the abbreviations'
    /// bytes (an overlapping search steps through every byte of the page, ten times slower).
    /// Every place an abbreviation is written lies in or overlaps such a match, and a match
    /// lies wholly in one text node, so the nodes it finds are the nodes holding any.
    nodes: Option<aho_corasick::AhoCorasick>,
}

impl Marks {
    pub fn new(g: &Glossary) -> Marks {
        let marks: Vec<(String, String)> = abbreviations(g)
            .into_iter()
            .map(|(abbr, meaning)| {
                let written = escape_text(abbr);
                let marked = format!("<abbr title=\"{}\">{written}</abbr>", escape_attr(meaning));
                (written, marked)
            })
            .collect();
        // Without the automaton (it cannot fail for a glossary's few short words, but if it
        // did) every abbreviation is looked for in every text node, as it would find them.
        let written = || marks.iter().map(|m| &m.0);
        let finder = aho_corasick::AhoCorasick::new(written()).ok();
        let nodes = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(written())
            .ok();
        Marks {
            marks,
            finder,
            nodes,
        }
    }

    /// Which abbreviations occur in `text` (anywhere, not only as whole words), by index.
    fn present(&self, text: &str) -> Vec<bool> {
        let Some(finder) = &self.finder else {
            return vec![true; self.marks.len()];
        };
        let mut present = vec![false; self.marks.len()];
        for m in finder.find_overlapping_iter(text) {
            present[m.pattern().as_usize()] = true;
        }
        present
    }
}

/// Marks the first use of each glossary abbreviation in `html` (sanitised, rendered HTML) with
/// `<abbr title="…">`, in running text only.
pub fn mark_first_use(html: &str, marks: &Marks) -> String {
    let mut todo: Vec<usize> = (0..marks.marks.len()).collect();
    if todo.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len() + 256);
    // The places abbreviations are written, found in one pass over the whole page (see
    // `Marks::nodes`): a text node is looked at only if one lies in it, and once none is
    // left, or every abbreviation is marked, the rest of the page is copied as it is.
    let mut found = marks.nodes.as_ref().map(|f| f.find_iter(html).peekable());
    let mut skip_depth = 0usize;
    let mut rest = html;
    while !rest.is_empty() {
        if todo.is_empty() || found.as_mut().is_some_and(|f| f.peek().is_none()) {
            out.push_str(rest);
            break;
        }
        let at = html.len() - rest.len();
        if rest.starts_with('<') {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            let tag = &rest[..end];
            let name = tag.trim_start_matches('<').trim_start_matches('/');
            let name = &name[..name
                .bytes()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(name.len())];
            if SKIP.contains(&name) && !tag.ends_with("/>") {
                if tag.starts_with("</") {
                    skip_depth = skip_depth.saturating_sub(1);
                } else {
                    skip_depth += 1;
                }
            }
            out.push_str(tag);
            rest = &rest[end..];
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        // An abbreviation as written holds no `<` or `>`, so each place lies wholly in one
        // text node or one tag: those ending by `at` were in earlier ones, and the next is
        // in this node if it starts before the node ends.
        let inside = match &mut found {
            Some(found) => {
                while found.next_if(|m| m.end() <= at).is_some() {}
                found.peek().is_some_and(|m| m.start() < at + end)
            }
            None => true,
        };
        if inside && skip_depth == 0 {
            mark_text(text, marks, &mut todo, &mut out);
        } else {
            out.push_str(text);
        }
        rest = &rest[end..];
    }
    out
}

/// Appends one text node to `out` with the first whole-word use of each abbreviation still to
/// mark marked, and drops those it marks from `todo`.
fn mark_text<'m>(text: &str, marks: &'m Marks, todo: &mut Vec<usize>, out: &mut String) {
    let present = marks.present(text);
    // Every first use in this text node, leftmost first, not overlapping.
    let mut found: Vec<(usize, usize, &'m str)> = Vec::new();
    todo.retain(|&i| {
        if !present[i] {
            return true;
        }
        let (written, marked) = &marks.marks[i];
        // The text is escaped HTML: look for the abbreviation as it is written there (A&amp;E).
        let Some(at) = whole_word(text, written) else {
            return true;
        };
        if found
            .iter()
            .any(|(s, e, _)| at < *e && at + written.len() > *s)
        {
            return true;
        }
        found.push((at, at + written.len(), marked));
        false
    });
    found.sort_by_key(|f| f.0);
    let mut at = 0;
    for (start, end, marked) in found {
        out.push_str(&text[at..start]);
        out.push_str(marked);
        at = end;
    }
    out.push_str(&text[at..]);
}

/// Where `word` first occurs in `text` with no letter or digit either side.
fn whole_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(word) {
        let at = from + i;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        if boundary(before) && boundary(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

#[derive(Serialize)]
struct Entry<'a> {
    term: &'a str,
    meaning: String,
}

/// `/glossary/`: every condition (its abbreviations and other names) and term, A to Z.
pub(super) fn glossary_page(cx: &Ctx<'_>) -> (&'static str, tera::Context) {
    let g = &cx.site.glossary;
    let mut entries: Vec<Entry<'_>> = g
        .conditions
        .iter()
        .map(|c| {
            let mut meaning = String::new();
            if !c.abbreviations.is_empty() {
                meaning.push_str(&format!("Abbreviated {}.", c.abbreviations.join(", ")));
            }
            if !c.synonyms.is_empty() {
                meaning.push_str(&format!(" Also called {}.", c.synonyms.join(", ")));
            }
            Entry {
                term: &c.name,
                meaning: meaning.trim().to_owned(),
            }
        })
        .chain(g.conditions.iter().flat_map(|c| {
            c.abbreviations.iter().map(|a| Entry {
                term: a,
                meaning: c.name.clone(),
            })
        }))
        .chain(g.terms.iter().map(|t| Entry {
            term: &t.term,
            meaning: t.meaning.clone(),
        }))
        .collect();
    entries.sort_by_cached_key(|e| e.term.to_lowercase());
    let mut ctx = cx.context(vec![cx.home_crumb()], None);
    ctx.insert("entries", &entries);
    ("glossary.html", ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Condition, Term};

    fn glossary() -> Glossary {
        Glossary {
            conditions: vec![Condition {
                id: "mscc".into(),
                name: "Metastatic spinal cord compression".into(),
                abbreviations: vec!["MSCC".into()],
                synonyms: vec![],
            }],
            terms: vec![
                Term {
                    term: "MRI".into(),
                    meaning: "Magnetic resonance imaging".into(),
                    synonyms: vec![],
                },
                Term {
                    term: "Red flag".into(),
                    meaning: "A sign of a serious problem".into(),
                    synonyms: vec![],
                },
            ],
        }
    }

    #[test]
    fn the_first_use_in_running_text_is_marked_once() {
        let html = "<h2>MSCC</h2><p>Suspected MSCC needs an MRI; MSCC again. <a href=\"/x/\">MRI</a></p><p>MRI and MSCCs and XMRI.</p>";
        assert_eq!(
            mark_first_use(html, &Marks::new(&glossary())),
            "<h2>MSCC</h2><p>Suspected <abbr title=\"Metastatic spinal cord compression\">MSCC</abbr> needs an <abbr title=\"Magnetic resonance imaging\">MRI</abbr>; MSCC again. <a href=\"/x/\">MRI</a></p><p>MRI and MSCCs and XMRI.</p>"
        );
    }

    #[test]
    fn an_abbreviation_with_an_ampersand_is_found_as_escaped_text() {
        let mut g = glossary();
        g.terms.push(Term {
            term: "A&E".into(),
            meaning: "Accident and emergency".into(),
            synonyms: vec![],
        });
        assert_eq!(
            mark_first_use("<p>Go to A&amp;E now.</p>", &Marks::new(&g)),
            "<p>Go to <abbr title=\"Accident and emergency\">A&amp;E</abbr> now.</p>"
        );
    }

    #[test]
    fn code_and_links_are_left_alone_and_plain_words_are_not_abbreviations() {
        let html =
            "<p><code>MRI</code> <a href=\"/\">MSCC</a> Red flag</p><pre>MRI</pre><p>then MRI</p>";
        let out = mark_first_use(html, &Marks::new(&glossary()));
        assert!(out.starts_with("<p><code>MRI</code> <a href=\"/\">MSCC</a> Red flag</p><pre>MRI</pre><p>then <abbr"), "{out}");
        assert!(!out.contains("A sign of"), "{out}");
    }

    #[test]
    fn an_abbreviation_inside_a_longer_one_is_marked_where_it_stands_alone() {
        let mut g = glossary();
        g.terms.push(Term {
            term: "SCC".into(),
            meaning: "Spinal cord compression".into(),
            synonyms: vec![],
        });
        // SCC occurs inside MSCC and inside XSCC in the first text node, and on its own only
        // in the second; MSCC is found first because it is longer.
        let html = "<p>MSCC, XSCC</p><p>then SCC and MSCC</p>";
        assert_eq!(
            mark_first_use(html, &Marks::new(&g)),
            "<p><abbr title=\"Metastatic spinal cord compression\">MSCC</abbr>, XSCC</p><p>then <abbr title=\"Spinal cord compression\">SCC</abbr> and MSCC</p>"
        );
    }

    proptest::proptest! {
        /// Finding the abbreviations in one pass over the page marks the same as looking in
        /// every text node, as the page would be marked without the automaton.
        #[test]
        fn one_pass_marks_as_every_text_node_would(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..40)
        ) {
            let mut g = glossary();
            g.terms.push(Term {
                term: "SCC".into(),
                meaning: "Spinal cord compression".into(),
                synonyms: vec![],
            });
            g.terms.push(Term {
                term: "A&E".into(),
                meaning: "Accident and emergency".into(),
                synonyms: vec![],
            });
            // Holds MRI as a whole word: a longer match around a shorter one.
            g.terms.push(Term {
                term: "MRI-S".into(),
                meaning: "A longer abbreviation".into(),
                synonyms: vec![],
            });
            let html: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let marks = Marks::new(&g);
            let everywhere = Marks { finder: None, nodes: None, ..Marks::new(&g) };
            proptest::prop_assert_eq!(
                mark_first_use(&html, &marks),
                mark_first_use(&html, &everywhere)
            );
        }
    }

    const PIECES: [&str; 18] = [
        "<p>",
        "</p>",
        "<a href=\"/MRI/\">",
        "</a>",
        "<code>",
        "</code>",
        "MRI",
        "MSCC",
        "SCC",
        " ",
        "x",
        ", ",
        "A&amp;E",
        ">",
        "<br/>",
        "<h2 id=\"MRI\">",
        "-",
        "S",
    ];
}
