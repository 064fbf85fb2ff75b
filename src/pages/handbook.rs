//! A network's handbook, `/<network>/print/`: every document in force in the network on one
//! page, for printing or saving as PDF (mdBook's print.html is the model). The network's own
//! documents come first, then the national documents that apply as they are (those it has not
//! adapted); a contents list leads, and each document starts a new printed page.
//!
//! Each document's body is the rendering its own page shows, with its ids (and the links and
//! references to them) prefixed so that documents on one page never share an id, and its
//! headings one level down, under the document's title.

use super::document::css_string;
use super::{format_date, Crumb, Ctx};
use crate::content::{Document, Scope, Status};
use crate::library::{Library, Page};
use crate::network::Network;
use crate::render::Rendered;
use serde::Serialize;
use std::collections::HashSet;

/// The documents a network's handbook prints: its own in force, then the national ones in
/// force that it has not adapted; each group in kind then title order.
pub fn documents<'a>(lib: &'a Library, network: &str) -> Vec<&'a Page> {
    let mut own: Vec<&Page> = lib
        .pages
        .iter()
        .filter(|p| matches!(&p.doc.scope, Scope::Network(id) if id == network))
        .filter(|p| in_force(p).is_some())
        .collect();
    let adapted: HashSet<&str> = own
        .iter()
        .filter_map(|p| in_force(p).and_then(|(d, _)| d.meta.adapts.as_deref()))
        .collect();
    let mut national: Vec<&Page> = lib
        .listed(&Scope::National)
        .filter(|p| in_force(p).is_some() && !adapted.contains(p.doc.id.as_str()))
        .collect();
    let order = |a: &&Page, b: &&Page| {
        let (a, b) = (&a.doc.meta, &b.doc.meta);
        (a.kind, &a.title).cmp(&(b.kind, &b.title))
    };
    own.sort_by(order);
    national.sort_by(order);
    own.extend(national);
    own
}

/// The version of a page in force: the page itself when approved, or the approved version a
/// draft or consultation revises; `None` for a withdrawn document or a first draft.
fn in_force(p: &Page) -> Option<(&Document, &Rendered)> {
    if p.doc.meta.status == Status::Approved {
        Some((&p.doc, &p.rendered))
    } else {
        p.version_in_force().map(|v| (&v.doc, &v.rendered))
    }
}

#[derive(Serialize)]
struct Entry<'a> {
    /// The id of the document's section on the handbook page.
    anchor: String,
    title: &'a str,
    summary: &'a str,
    kind_label: &'static str,
    scope_name: &'a str,
    national: bool,
    version: String,
    approved: Option<String>,
    approved_by: Option<&'a str>,
    review: Option<String>,
    url: String,
    /// The address of the document's own page, printed beside it.
    permalink: String,
    /// Where the body goes ([`crate::output::body_token`]): the bodies themselves are put
    /// into the finished page ([`Nested`]), not copied through the template context.
    html: String,
}

/// The bodies a handbook prints, each nested under its entry ([`nest`]) as it is written into
/// the finished page: body `i` is the `i`th document of [`documents`].
#[derive(Default)]
pub struct Nested<'a>(Vec<Option<&'a str>>);

impl<'a> Nested<'a> {
    pub fn of(docs: &[&'a Page]) -> Nested<'a> {
        Nested(
            docs.iter()
                .map(|p| in_force(p).map(|(_, r)| r.html.as_str()))
                .collect(),
        )
    }

    /// True for a page that prints no bodies apart.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl crate::output::Bodies for Nested<'_> {
    fn size(&self) -> usize {
        let bodies: usize = self.0.iter().flatten().map(|h| h.len()).sum();
        bodies + bodies / 16
    }

    fn write(&self, i: usize, out: &mut Vec<u8>) -> bool {
        let Some(Some(html)) = self.0.get(i) else {
            return false;
        };
        nest(html, &prefix(i), out);
        true
    }
}

/// The prefix of the ids of the `i`th document of a handbook.
fn prefix(i: usize) -> String {
    format!("d{}-", i + 1)
}

/// `/<network>/print/`.
pub(super) fn handbook_page(
    cx: &Ctx<'_>,
    n: &Network,
    docs: &[&Page],
) -> (&'static str, tera::Context) {
    let crumbs = vec![
        cx.home_crumb(),
        Crumb {
            title: n.profile.name.clone(),
            url: format!("{}{}/", cx.root, n.id),
        },
    ];
    let mut ctx = cx.context(crumbs, Some(&n.id));
    let entries: Vec<Entry<'_>> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (doc, _) = in_force(p)?;
            let m = &doc.meta;
            let prefix = prefix(i);
            Some(Entry {
                anchor: format!("{prefix}document"),
                title: &m.title,
                summary: &m.summary,
                kind_label: m.kind.label(),
                scope_name: cx.scope_name(&doc.scope),
                national: doc.scope == Scope::National,
                version: m.version.to_string(),
                approved: m.approved.map(format_date),
                approved_by: m.approved_by.as_deref(),
                review: m.review.map(format_date),
                url: format!("{}{}", cx.root, p.path),
                permalink: format!("{}{}", cx.site.config.base_url(), p.path),
                html: crate::output::body_token(i),
            })
        })
        .collect();
    let own = entries.iter().filter(|e| !e.national).count();
    let address = format!(
        "{}{}",
        cx.site.config.base_url(),
        crate::routes::handbook(&n.id)
    );
    let print_css = format!(
        "@page {{ @bottom-left {{ content: {}; }} @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); }} }}",
        css_string(&format!(
            "{} handbook, {}\n{address}",
            n.profile.name,
            format_date(cx.site.today)
        ))
    );
    ctx.insert("network_name", &n.profile.name);
    ctx.insert("network_url", &format!("{}{}/", cx.root, n.id));
    ctx.insert("today", &format_date(cx.site.today));
    ctx.insert("own_count", &own);
    ctx.insert("entries", &entries);
    ctx.insert("print_css", &print_css);
    ("handbook.html", ctx)
}

/// A document's rendered body made fit to share a page, appended to `out`: ids (and the links,
/// ARIA references and SVG references to them) get `prefix`, headings go one level down (h6
/// stays h6). Only tags change: the text between them is left as written. One pass over the
/// body: a network's handbook at 10,000 documents prints 12 MB of them.
fn nest(html: &str, prefix: &str, out: &mut Vec<u8>) {
    const PREFIXED: [&str; 3] = [" id=\"", " href=\"#", "url(#"];
    const LISTS: [&str; 2] = [" aria-labelledby=\"", " aria-describedby=\""];
    let bytes = html.as_bytes();
    let mut push = |s: &str| out.extend_from_slice(s.as_bytes());
    let mut copied = 0;
    let mut at = 0;
    // Text between tags is most of a body and is copied as it is: only tags are read.
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        at = open + 1;
        if let Some(digit) = heading_level_at(&html[open..]) {
            let d = open + digit;
            push(&html[copied..d]);
            push(char::from(bytes[d] + 1).encode_utf8(&mut [0; 4]));
            copied = d + 1;
            at = copied;
        }
        // The tag runs to the first `>` outside an attribute's quotes.
        let mut quoted = false;
        while let Some(&b) = bytes.get(at) {
            // Bytes, not text: a value may hold any character, and `at` steps a byte at a time.
            // Every pattern starts with a space or a `u` and then one of four letters: other
            // bytes are looked at once.
            match b {
                b' ' | b'u' if matches!(bytes.get(at + 1), Some(b'i' | b'h' | b'a' | b'r')) => {}
                b'"' => {
                    quoted = !quoted;
                    at += 1;
                    continue;
                }
                b'>' if !quoted => break,
                _ => {
                    at += 1;
                    continue;
                }
            }
            let rest = &bytes[at..];
            if let Some(open) = PREFIXED.iter().find(|p| rest.starts_with(p.as_bytes())) {
                // The match ends inside a value: an id, where a link's target starts, or an
                // SVG reference in one.
                at += open.len();
                quoted = quoted || open.starts_with(' ');
                push(&html[copied..at]);
                push(prefix);
                copied = at;
                continue;
            }
            if let Some(open) = LISTS.iter().find(|p| rest.starts_with(p.as_bytes())) {
                let start = at + open.len();
                at = html[start..].find('"').map_or(html.len(), |e| start + e);
                push(&html[copied..start]);
                for (n, id) in html[start..at].split_whitespace().enumerate() {
                    if n > 0 {
                        push(" ");
                    }
                    push(prefix);
                    push(id);
                }
                copied = at;
                quoted = true;
                continue;
            }
            at += 1;
        }
    }
    push(&html[copied..]);
}

/// Where the level digit is in `<h2`…`<h5` or `</h2>`…`</h5>` at the start of `s`.
fn heading_level_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digit = match b {
        [b'<', b'h', ..] => 2,
        [b'<', b'/', b'h', _, b'>', ..] => 3,
        _ => return None,
    };
    matches!(b.get(digit), Some(b'2'..=b'5')).then_some(digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(html: &str, prefix: &str) -> String {
        let mut out = Vec::new();
        nest(html, prefix, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn ids_references_and_headings_are_nested_under_the_document() {
        let html = "<h2 id=\"scope\">Scope</h2><p><a href=\"#scope\">up</a> <a href=\"/x/#scope\">other</a></p>\
                    <figure aria-labelledby=\"c t\"><svg><path marker-end=\"url(#arrow)\"/></svg></figure><h6 id=\"deep\">D</h6>";
        assert_eq!(
            nested(html, "d2-"),
            "<h3 id=\"d2-scope\">Scope</h3><p><a href=\"#d2-scope\">up</a> <a href=\"/x/#scope\">other</a></p>\
             <figure aria-labelledby=\"d2-c d2-t\"><svg><path marker-end=\"url(#d2-arrow)\"/></svg></figure><h6 id=\"d2-deep\">D</h6>"
        );
    }

    #[test]
    fn values_may_hold_any_character() {
        let html = "<h2 id=\"ünï\" title=\"é\">Ü</h2><a title=\"—\" href=\"#ünï\">é</a>";
        assert_eq!(
            nested(html, "d1-"),
            "<h3 id=\"d1-ünï\" title=\"é\">Ü</h3><a title=\"—\" href=\"#d1-ünï\">é</a>"
        );
    }

    #[test]
    fn every_level_and_list_is_nested_once_and_text_is_left_as_written() {
        let html = "<h5 id=\"a\">Tëst — ü</h5>\n<h4>b</h4><h3>c</h3><p aria-describedby=\"x   y\" title=\"a > b\" id=\"p\">ürl(#no) url(#z)</p><header>h</header><rect fill=\"url(#z)\"/>";
        assert_eq!(
            nested(html, "d1-"),
            "<h6 id=\"d1-a\">Tëst — ü</h6>\n<h5>b</h5><h4>c</h4><p aria-describedby=\"d1-x d1-y\" title=\"a > b\" id=\"d1-p\">ürl(#no) url(#z)</p><header>h</header><rect fill=\"url(#d1-z)\"/>"
        );
    }
}
