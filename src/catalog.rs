//! Machine-readable outputs: `catalog.json` (every published document, for other tools),
//! `sitemap.xml` (a sitemap index over several files beyond the protocol's limits) and an
//! Atom `feed.xml` of approved documents, newest approval first. All ordered by document id or date so the bytes are the same for the same content.

use crate::content::Status;
use crate::library::{Library, Page};
use crate::output::OutputFile;
use crate::render::escape_attr;
use crate::routes;
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
    /// When the evidence was last checked (front matter `evidence_checked`), if it says.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence_checked: Option<String>,
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
    routes::url(&lib.site.base_url(), &p.path)
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
                evidence_checked: m.evidence.checked.map(|d| d.to_string()),
                past_versions: p
                    .past
                    .iter()
                    .map(|v| PastVersion {
                        version: v.doc.meta.version.to_string(),
                        approved: v.doc.meta.approved.map(|d| d.to_string()),
                        approved_by: v.doc.meta.approved_by.as_deref(),
                        changes: v.doc.meta.changes.as_deref(),
                        url: routes::url(&lib.site.base_url(), &v.path),
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

/// What one sitemap file may hold under the sitemap protocol (sitemaps.org): 50,000 URLs and
/// 50 MB (52,428,800 bytes) before compression.
#[derive(Debug, Clone, Copy)]
pub struct SitemapLimits {
    pub urls: usize,
    pub bytes: usize,
}

pub const SITEMAP_LIMITS: SitemapLimits = SitemapLimits {
    urls: 50_000,
    bytes: 52_428_800,
};

/// `sitemap.xml`: the home page, the national and network views and every approved document.
/// Beyond what one sitemap may hold, `sitemap.xml` is a sitemap index instead, listing
/// `sitemap-1.xml`, `sitemap-2.xml`, … that hold the URLs in the same order.
pub fn sitemaps(lib: &Library) -> Vec<OutputFile> {
    sitemaps_within(lib, SITEMAP_LIMITS)
}

const URLSET_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
const URLSET_TAIL: &str = "</urlset>\n";

fn sitemaps_within(lib: &Library, limits: SitemapLimits) -> Vec<OutputFile> {
    let base = lib.site.base_url();
    let mut urls = vec![(base.clone(), None)];
    urls.push((routes::url(&base, &routes::scope("national")), None));
    urls.extend(
        lib.networks
            .iter()
            .map(|n| (routes::url(&base, &routes::scope(&n.id)), None)),
    );
    // The pages people look for besides documents: the glossary, the service directory and
    // the accessibility statement. Handbooks are left out: they print the documents' pages.
    urls.push((routes::url(&base, routes::GLOSSARY), None));
    urls.push((routes::url(&base, routes::SERVICES), None));
    urls.extend(
        lib.networks
            .iter()
            .filter(|n| n.services.is_some())
            .map(|n| (routes::url(&base, &routes::network_services(&n.id)), None)),
    );
    if lib.site.accessibility.is_some() {
        urls.push((routes::url(&base, crate::accessibility::PATH), None));
    }
    urls.extend(
        lib.pages
            .iter()
            .filter(|p| p.doc.meta.status == Status::Approved)
            .map(|p| (url(lib, p), p.doc.meta.approved)),
    );
    // Approved translations and Easy Read versions: pages of their own in other languages.
    urls.extend(
        lib.variants
            .iter()
            .filter(|v| v.meta.status == Status::Approved)
            .map(|v| (format!("{base}{}", v.page.path), v.meta.approved)),
    );
    // The URL entries, cut into files that each stay within the limits.
    let room = limits
        .bytes
        .saturating_sub(URLSET_HEAD.len() + URLSET_TAIL.len());
    let mut files: Vec<(usize, String)> = vec![(0, String::new())];
    for (loc, lastmod) in urls {
        let mut entry = format!("  <url><loc>{}</loc>", escape_attr(&loc));
        if let Some(d) = lastmod {
            entry.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        entry.push_str("</url>\n");
        let (count, text) = files.last_mut().expect("one file at least");
        if *count > 0 && (*count == limits.urls || text.len() + entry.len() > room) {
            files.push((1, entry));
        } else {
            *count += 1;
            text.push_str(&entry);
        }
    }
    let urlset = |entries: &str| format!("{URLSET_HEAD}{entries}{URLSET_TAIL}");
    if files.len() == 1 {
        return vec![OutputFile::new(routes::SITEMAP, urlset(&files[0].1))];
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut out = Vec::with_capacity(files.len() + 1);
    for (i, (_, entries)) in files.iter().enumerate() {
        let name = routes::sitemap_part(i + 1);
        index.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_attr(&routes::url(&base, &name))
        ));
        out.push(OutputFile::new(name, urlset(entries)));
    }
    index.push_str("</sitemapindex>\n");
    out.insert(0, OutputFile::new(routes::SITEMAP, index));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        crate::testing::base_library()
    }

    fn text(f: &OutputFile) -> &str {
        std::str::from_utf8(&f.bytes).unwrap()
    }

    fn locs(xml: &str) -> Vec<&str> {
        xml.split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap())
            .collect()
    }

    /// Beyond what one sitemap may hold, `sitemap.xml` is an index of sitemaps that hold
    /// every URL of the single sitemap, in order, none over the limits.
    #[test]
    fn a_sitemap_over_the_limits_becomes_an_index() {
        let lib = library();
        let single = sitemaps(&lib);
        assert_eq!(single.len(), 1, "the fixture fits in one sitemap");
        assert!(text(&single[0]).contains("<urlset"));
        let all = locs(text(&single[0]));
        assert!(all.len() > 7, "{all:?}");

        let by_count = SitemapLimits {
            urls: 3,
            bytes: SITEMAP_LIMITS.bytes,
        };
        let by_size = SitemapLimits {
            urls: SITEMAP_LIMITS.urls,
            bytes: 400,
        };
        for limits in [by_count, by_size] {
            let files = sitemaps_within(&lib, limits);
            let index = text(&files[0]);
            assert_eq!(files[0].path, "sitemap.xml");
            assert!(index.contains("<sitemapindex"), "{index}");
            let parts = locs(index);
            assert_eq!(parts.len(), files.len() - 1);
            let mut seen = Vec::new();
            for (i, (loc, file)) in parts.iter().zip(&files[1..]).enumerate() {
                let name = format!("sitemap-{}.xml", i + 1);
                assert_eq!(file.path, name);
                assert_eq!(*loc, format!("{}{name}", lib.site.base_url()));
                let urls = locs(text(file));
                assert!(!urls.is_empty() && urls.len() <= limits.urls, "{urls:?}");
                assert!(file.bytes.len() <= limits.bytes, "{}", text(file));
                assert!(text(file).starts_with(URLSET_HEAD) && text(file).ends_with(URLSET_TAIL));
                seen.extend(urls);
            }
            assert_eq!(seen, all);
        }
        assert_eq!(
            sitemaps_within(&lib, by_count).len(),
            all.len().div_ceil(3) + 1
        );
    }
}
