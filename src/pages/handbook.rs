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

/// The documents a network's handbook prints: its own in force, then the national ones in
/// force that it has not adapted; each group in kind then title order.
pub fn documents<'a>(lib: &'a Library, network: &str) -> Vec<&'a Page> {
    let mut own: Vec<&Page> = lib
        .pages
        .iter()
        .filter(|p| matches!(&p.doc.scope, Scope::Network(id) if id == network))
        .filter(|p| in_force(p).is_some())
        .collect();
    let adapted: Vec<&str> = own
        .iter()
        .filter_map(|p| in_force(p).and_then(|(d, _)| d.meta.adapts.as_deref()))
        .collect();
    let mut national: Vec<&Page> = lib
        .listed(&Scope::National)
        .filter(|p| in_force(p).is_some() && !adapted.contains(&p.doc.id.as_str()))
        .collect();
    let order = |p: &&Page| (p.doc.meta.kind, p.doc.meta.title.clone());
    own.sort_by_key(order);
    national.sort_by_key(order);
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
    html: String,
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
            let (doc, rendered) = in_force(p)?;
            let m = &doc.meta;
            let prefix = format!("d{}-", i + 1);
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
                html: nest(&rendered.html, &prefix),
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

/// A document's rendered body made fit to share a page: ids (and the links, ARIA references and
/// SVG references to them) get `prefix`, headings go one level down (h6 stays h6).
fn nest(html: &str, prefix: &str) -> String {
    let mut out = html
        .replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
        .replace("url(#", &format!("url(#{prefix}"));
    for attr in ["aria-labelledby", "aria-describedby"] {
        out = prefix_lists(&out, attr, prefix);
    }
    for level in (2..=5).rev() {
        out = out
            .replace(&format!("<h{level}"), &format!("<h{}", level + 1))
            .replace(&format!("</h{level}>"), &format!("</h{}>", level + 1));
    }
    out
}

/// Prefixes every id in the space-separated lists of `attr="..."`.
fn prefix_lists(html: &str, attr: &str, prefix: &str) -> String {
    let open = format!(" {attr}=\"");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(&open) {
        let start = at + open.len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let ids: Vec<String> = rest[start..end]
            .split_whitespace()
            .map(|id| format!("{prefix}{id}"))
            .collect();
        out.push_str(&ids.join(" "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_references_and_headings_are_nested_under_the_document() {
        let html = "<h2 id=\"scope\">Scope</h2><p><a href=\"#scope\">up</a> <a href=\"/x/#scope\">other</a></p>\
                    <figure aria-labelledby=\"c t\"><svg><path marker-end=\"url(#arrow)\"/></svg></figure><h6 id=\"deep\">D</h6>";
        assert_eq!(
            nest(html, "d2-"),
            "<h3 id=\"d2-scope\">Scope</h3><p><a href=\"#d2-scope\">up</a> <a href=\"/x/#scope\">other</a></p>\
             <figure aria-labelledby=\"d2-c d2-t\"><svg><path marker-end=\"url(#d2-arrow)\"/></svg></figure><h6 id=\"d2-deep\">D</h6>"
        );
    }
}
