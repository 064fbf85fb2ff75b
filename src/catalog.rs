//! Machine-readable outputs: `catalog.json` (every published document, for other tools),
//! `sitemap.xml` and an Atom `feed.xml` of approved documents, newest approval first.
//! All ordered by document id or date so the bytes are the same for the same content.

use crate::content::Status;
use crate::library::{Library, Page};
use crate::render::escape_attr;
use serde::Serialize;

#[derive(Serialize)]
struct Catalog<'a> {
    site: &'a str,
    base_url: String,
    documents: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    id: &'a str,
    network: &'a str,
    kind: &'a str,
    title: &'a str,
    summary: &'a str,
    version: String,
    status: &'a str,
    approved: Option<String>,
    review: Option<String>,
    audience: &'a str,
    conditions: &'a [String],
    url: String,
    adapts: Option<&'a str>,
    adapted_by: &'a [String],
    /// For an adaptation: its changed words as a share of all words in it and its national
    /// document (0 the same, 1 nothing in common), to three decimal places.
    #[serde(skip_serializing_if = "Option::is_none")]
    changed_word_share: Option<f64>,
    past_versions: Vec<PastVersion<'a>>,
}

/// A superseded approved version, from git history; oldest first.
#[derive(Serialize)]
struct PastVersion<'a> {
    version: String,
    approved: Option<String>,
    approved_by: Option<&'a str>,
    changes: Option<&'a str>,
    url: String,
    /// The commit that published it.
    commit: &'a str,
}

fn url(lib: &Library, p: &Page) -> String {
    format!("{}{}", lib.site.base_url(), p.path)
}

/// `shares`: each adaptation's share of changed words in thousandths, by id.
pub fn catalog_json(lib: &Library, shares: &std::collections::BTreeMap<&str, u32>) -> String {
    let documents = lib
        .pages
        .iter()
        .map(|p| {
            let m = &p.doc.meta;
            Entry {
                id: &p.doc.id,
                network: p.doc.scope.id(),
                kind: m.kind.id(),
                title: &m.title,
                summary: &m.summary,
                version: m.version.to_string(),
                status: m.status.id(),
                approved: m.approved.map(|d| d.to_string()),
                review: m.review.map(|d| d.to_string()),
                audience: m.audience.id(),
                conditions: &m.conditions,
                url: url(lib, p),
                adapts: m.adapts.as_deref(),
                adapted_by: &p.adapted_by,
                changed_word_share: shares
                    .get(p.doc.id.as_str())
                    .map(|&s| f64::from(s) / 1000.0),
                past_versions: p
                    .past
                    .iter()
                    .map(|v| PastVersion {
                        version: v.doc.meta.version.to_string(),
                        approved: v.doc.meta.approved.map(|d| d.to_string()),
                        approved_by: v.doc.meta.approved_by.as_deref(),
                        changes: v.doc.meta.changes.as_deref(),
                        url: format!("{}{}", lib.site.base_url(), v.path),
                        commit: &v.commit,
                    })
                    .collect(),
            }
        })
        .collect();
    let catalog = Catalog {
        site: &lib.site.title,
        base_url: lib.site.base_url(),
        documents,
    };
    serde_json::to_string_pretty(&catalog).unwrap_or_default() + "\n"
}

pub fn sitemap_xml(lib: &Library) -> String {
    let base = lib.site.base_url();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut urls = vec![(base.clone(), None)];
    urls.push((format!("{base}national/"), None));
    urls.extend(
        lib.networks
            .iter()
            .map(|n| (format!("{base}{}/", n.id), None)),
    );
    urls.extend(
        lib.pages
            .iter()
            .filter(|p| p.doc.meta.status == Status::Approved)
            .map(|p| (url(lib, p), p.doc.meta.approved)),
    );
    for (loc, lastmod) in urls {
        out.push_str(&format!("  <url><loc>{}</loc>", escape_attr(&loc)));
        if let Some(d) = lastmod {
            out.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The 50 most recently approved documents. `updated` is the newest approval date, not the
/// build time, so rebuilding unchanged content gives the same feed.
pub fn atom_feed(lib: &Library) -> String {
    let base = lib.site.base_url();
    let mut pages: Vec<&Page> = lib
        .pages
        .iter()
        .filter(|p| p.doc.meta.status == Status::Approved && p.doc.meta.approved.is_some())
        .collect();
    pages.sort_by(|a, b| (b.doc.meta.approved, &a.doc.id).cmp(&(a.doc.meta.approved, &b.doc.id)));
    pages.truncate(50);
    let updated = pages
        .first()
        .and_then(|p| p.doc.meta.approved)
        .map_or_else(|| "1970-01-01".to_owned(), |d| d.to_string());
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!(
        "  <title>{}: newly approved documents</title>\n",
        escape_attr(&lib.site.title)
    ));
    out.push_str(&format!("  <link href=\"{}\"/>\n", escape_attr(&base)));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}feed.xml\"/>\n",
        escape_attr(&base)
    ));
    out.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape_attr(&base)
    ));
    for p in pages {
        let m = &p.doc.meta;
        let link = url(lib, p);
        let date = m.approved.map(|d| d.to_string()).unwrap_or_default();
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>{} (version {})</title>\n",
            escape_attr(&m.title),
            m.version
        ));
        out.push_str(&format!("    <link href=\"{}\"/>\n", escape_attr(&link)));
        out.push_str(&format!(
            "    <id>{}#v{}</id>\n",
            escape_attr(&link),
            m.version
        ));
        out.push_str(&format!("    <updated>{date}T00:00:00Z</updated>\n"));
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape_attr(&m.owner)
        ));
        let summary = match &m.changes {
            Some(c) => format!("{} What changed: {c}", m.summary),
            None => m.summary.clone(),
        };
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape_attr(&summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}
