//! The word-level part of a comparison: rendered HTML cut into tokens (tags, words, spaces),
//! two token lists compared with `similar`, and the result written back as well-formed HTML
//! with `<del>`/`<ins>` marks ([`Writer`] keeps track of the open elements, so deleted words
//! are wrapped in the element their place needs, and drops `id` attributes).

use super::MAX_TOKENS;
use similar::{capture_diff_slices, Algorithm, DiffOp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Kind {
    Start,
    End,
    /// A void element (`<br>`, `<img>`) or anything else in angle brackets.
    Other,
    Word,
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Token<'a> {
    pub(super) kind: Kind,
    pub(super) text: &'a str,
}

impl Token<'_> {
    /// The element name of a tag, lower case as the renderer writes it.
    pub(super) fn name(&self) -> &str {
        let t = self.text.trim_start_matches(['<', '/']);
        let end = t
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(t.len());
        &t[..end]
    }
}

pub(super) const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

pub(super) fn tokenize(html: &str) -> Vec<Token<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        if bytes[i] == b'<' {
            // To the closing `>` outside quotes.
            let mut quote = None;
            i += 1;
            while i < bytes.len() {
                match (quote, bytes[i]) {
                    (None, b'>') => break,
                    (None, q @ (b'"' | b'\'')) => quote = Some(q),
                    (Some(q), c) if c == q => quote = None,
                    _ => {}
                }
                i += 1;
            }
            i = (i + 1).min(bytes.len());
            let text = &html[start..i];
            let mut t = Token {
                kind: Kind::Other,
                text,
            };
            if text.starts_with("</") {
                t.kind = Kind::End;
            } else if text.len() > 1 && bytes[start + 1].is_ascii_alphabetic() {
                let void = VOID.contains(&t.name()) || text.ends_with("/>");
                t.kind = if void { Kind::Other } else { Kind::Start };
            }
            out.push(t);
        } else {
            let space = bytes[i].is_ascii_whitespace();
            while i < bytes.len() && bytes[i] != b'<' && bytes[i].is_ascii_whitespace() == space {
                i += 1;
            }
            let kind = if space { Kind::Space } else { Kind::Word };
            out.push(Token {
                kind,
                text: &html[start..i],
            });
        }
    }
    out
}

/// Writes tokens, dropping `id` attributes and keeping track of the open elements.
pub(super) struct Writer {
    pub(super) html: String,
    open: Vec<String>,
}

impl Writer {
    pub(super) fn new() -> Writer {
        Writer {
            html: String::new(),
            open: Vec::new(),
        }
    }

    pub(super) fn tag(&mut self, t: Token<'_>) {
        match t.kind {
            Kind::Start => {
                self.open.push(t.name().to_owned());
                self.html.push_str(&without_id(t.text));
            }
            Kind::End => {
                let name = t.name();
                if let Some(at) = self.open.iter().rposition(|n| n == name) {
                    self.open.truncate(at);
                }
                self.html.push_str(t.text);
            }
            _ => self.html.push_str(&without_id(t.text)),
        }
    }

    /// Marked words (already HTML) with their surrounding spaces outside the mark.
    pub(super) fn mark(&mut self, tag: &str, label: &str, text: &str) {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            self.html.push_str(text);
            return;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        self.html.push_str(lead);
        self.html.push_str(&format!(
            "<{tag}><span class=\"vh\">{label}: </span>{trimmed}</{tag}>"
        ));
        self.html.push_str(trail);
    }

    /// Deleted words, in an element that may stand where the writer is.
    pub(super) fn deleted(&mut self, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        let (open, close) = match self.open.last().map(String::as_str) {
            None | Some("div" | "blockquote" | "section" | "details" | "article") => {
                ("<p class=\"diff-gone\">", "</p>")
            }
            Some("ul" | "ol") => ("<li class=\"diff-gone\">", "</li>"),
            Some("table" | "thead" | "tbody" | "tfoot") => {
                ("<tr class=\"diff-gone\"><td>", "</td></tr>")
            }
            Some("tr") => ("<td class=\"diff-gone\">", "</td>"),
            Some("dl") => ("<dd class=\"diff-gone\">", "</dd>"),
            _ => ("", ""),
        };
        self.html.push_str(open);
        self.mark("del", "deleted", text.trim());
        self.html.push_str(close);
    }
}

/// A tag without its `id` attribute (a comparison shows two documents' parts on one page, so
/// their ids would clash). Words and spaces, which hold no attribute, come back as they are.
pub(super) fn without_id(tag: &str) -> std::borrow::Cow<'_, str> {
    // Called for every token of both documents: most are words, and most tags have no id.
    if !tag.starts_with('<') || !tag.contains(" id=") {
        return tag.into();
    }
    for (attribute, quote) in [(" id=\"", '"'), (" id='", '\'')] {
        if let Some(at) = tag.find(attribute) {
            let value = at + attribute.len();
            if let Some(len) = tag[value..].find(quote) {
                let mut s = tag[..at].to_owned();
                s.push_str(&tag[value + len + 1..]);
                return s.into();
            }
        }
    }
    tag.into()
}

/// A section wholly inserted or deleted: its HTML, with every run of words marked.
pub(super) fn whole(tokens: &[Token<'_>], tag: &str, label: &str, count: &mut usize) -> String {
    let mut w = Writer::new();
    let mut run = String::new();
    for t in tokens {
        match t.kind {
            Kind::Word | Kind::Space => {
                if t.kind == Kind::Word {
                    *count += 1;
                }
                run.push_str(t.text);
            }
            _ => {
                w.mark(tag, label, &std::mem::take(&mut run));
                w.tag(*t);
            }
        }
    }
    w.mark(tag, label, &run);
    w.html
}

/// The diff as runs of (equal, older tokens, newer tokens), with short equal runs between two
/// changes (two words or fewer, no tags) folded into the change around them: a rewritten
/// sentence reads as the old words then the new ones, not as a word-by-word interleaving.
pub(super) fn readable<'t, 'a>(
    ops: &[DiffOp],
    old: &'t [Token<'a>],
    new: &'t [Token<'a>],
) -> Vec<(bool, &'t [Token<'a>], &'t [Token<'a>])> {
    let mut runs: Vec<(bool, std::ops::Range<usize>, std::ops::Range<usize>)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let (o, n) = (op.old_range(), op.new_range());
        let mut equal = matches!(op, DiffOp::Equal { .. });
        if equal && i > 0 && i + 1 < ops.len() {
            let slice = &old[o.clone()];
            let words = slice.iter().filter(|t| t.kind == Kind::Word).count();
            let plain = slice
                .iter()
                .all(|t| matches!(t.kind, Kind::Word | Kind::Space));
            if plain && words <= 2 {
                equal = false;
            }
        }
        match runs.last_mut() {
            Some((false, ro, rn)) if !equal => {
                ro.end = o.end;
                rn.end = n.end;
            }
            _ => runs.push((equal, o, n)),
        }
    }
    runs.into_iter()
        .map(|(e, o, n)| (e, &old[o], &new[n]))
        .collect()
}

pub(super) fn tokens_diff(
    old: &[Token<'_>],
    new: &[Token<'_>],
    ins: &mut usize,
    del: &mut usize,
) -> String {
    if old == new {
        let mut w = Writer::new();
        for t in new {
            w.tag(*t);
        }
        return w.html;
    }
    let ops = if old.len() + new.len() > MAX_TOKENS {
        vec![DiffOp::Replace {
            old_index: 0,
            old_len: old.len(),
            new_index: 0,
            new_len: new.len(),
        }]
    } else {
        capture_diff_slices(Algorithm::Myers, old, new)
    };
    let mut w = Writer::new();
    for (equal, o, n) in readable(&ops, old, new) {
        if equal {
            for t in n {
                w.tag(*t);
            }
            continue;
        }
        // Deleted words, joined, where the newer document's structure has room for them.
        let mut gone = String::new();
        for t in o {
            match t.kind {
                Kind::Word => {
                    *del += 1;
                    gone.push_str(t.text);
                }
                Kind::Space => gone.push_str(t.text),
                _ if !gone.ends_with(' ') && !gone.is_empty() => gone.push(' '),
                _ => {}
            }
        }
        w.deleted(&gone);
        let mut run = String::new();
        for t in n {
            match t.kind {
                Kind::Word | Kind::Space => {
                    if t.kind == Kind::Word {
                        *ins += 1;
                    }
                    run.push_str(t.text);
                }
                _ => {
                    w.mark("ins", "inserted", &std::mem::take(&mut run));
                    w.tag(*t);
                }
            }
        }
        w.mark("ins", "inserted", &run);
    }
    w.html
}

#[cfg(test)]
mod tests {
    use super::without_id;

    #[test]
    fn only_a_tags_id_attribute_goes() {
        assert_eq!(
            without_id(r#"<h2 id="red-flags" class="x">"#),
            r#"<h2 class="x">"#
        );
        assert_eq!(without_id("<h2 id='a'>"), "<h2>");
        assert_eq!(
            without_id(r#"<td data-id="1" headers="h">"#),
            r#"<td data-id="1" headers="h">"#
        );
        assert_eq!(without_id("<p>"), "<p>");
        assert_eq!(without_id("word"), "word");
        assert!(matches!(without_id("word"), std::borrow::Cow::Borrowed(_)));
    }
}
