//! The library: every published document, rendered, with its URL, its adaptations and its
//! checked links, plus the networks and settings. Built once from a [`Source`] by
//! [`Library::build`]; immutable afterwards, so the theme, search and checks only read it.
//!
//! Invariants once built: pages are sorted by id; every page's links resolve to a page and an
//! anchor that exist (or the build has errors); no draft or consultation document is present
//! unless the selection asked for drafts. Past versions (from git history) hang off their
//! [`Page`] as [`PastVersion`]s and are never in [`Library::pages`], so lists, search, the
//! sitemap and the feed leave them out without filtering.

use crate::cache::BuildCache;
use crate::config::{self, Glossary, SiteConfig};
use crate::content::{self, Document, Scope, Status};
use crate::diag::{suggest, Diagnostic};
use crate::history::History;
use crate::indicators::{self, Indicators};
use crate::network::{self, Network};
use crate::render::{self, LinkMap, Rendered};
use crate::source::Source;
use crate::versions::{self, Approved, Snapshot};
use jiff::civil::Date;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Which documents a build publishes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Include draft and consultation documents (watermarked).
    pub drafts: bool,
    /// Only this network's documents and the national ones.
    pub network: Option<String>,
}

/// A published document: the checked document, its rendering and its place in the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Shared with the build cache, so a rebuild reuses documents without copying them.
    pub doc: Arc<Document>,
    pub rendered: Arc<Rendered>,
    /// Path of the page below the site root, e.g. `selk/ces-pathway/`.
    pub path: String,
    /// Ids of published documents that adapt this one.
    pub adapted_by: Vec<String>,
    /// Earlier approved versions, oldest first; empty without git history.
    pub past: Vec<PastVersion>,
}

/// A superseded approved version of a document, published read-only at `<id>/v<version>/`
/// with a banner pointing at the current version, `noindex`. Deliberately not a [`Page`]:
/// anything that walks [`Library::pages`] (lists, search, sitemap, feed) never sees one.
#[derive(Debug, Clone)]
pub struct PastVersion {
    /// The document as it was when this version was approved (with today's id).
    pub doc: Document,
    pub rendered: Rendered,
    /// Below the site root, e.g. `selk/ces-pathway/v1.0/`.
    pub path: String,
    /// The commit that first published this version, and its date.
    pub commit: String,
    pub committed: Date,
}

#[derive(Debug, Clone)]
pub struct Library {
    pub site: SiteConfig,
    pub glossary: Glossary,
    pub networks: Vec<Network>,
    pub pages: Vec<Page>,
    pub selection: Selection,
    /// "Today" for review states: the build date, or the `--as-of` date.
    pub today: Date,
    /// Set for `build --as-of`: the site as published on that date.
    pub as_of: Option<Date>,
    /// The indicators and every network's figures (all networks, even in a per-network build).
    pub indicators: Arc<Indicators>,
    by_id: BTreeMap<String, usize>,
}

/// Inputs to [`Library::build`] besides the source.
#[derive(Debug, Clone)]
pub struct LibraryOptions {
    pub selection: Selection,
    /// Overrides `base_url` from site.yaml (e.g. for a preview deployment).
    pub base_url: Option<String>,
    /// "Today", for review-date checks; fixed by tests and reproducible builds.
    pub today: Date,
    /// Build the site as it was published on this date (each document at the version in
    /// force then). Needs git history.
    pub as_of: Option<Date>,
}

pub fn page_path(id: &str) -> String {
    format!("{id}/")
}

/// Where a past version is published: `<id>/v<version>/`.
pub fn version_path(id: &str, version: content::Version) -> String {
    format!("{id}/v{version}/")
}

/// Where the comparison of two consecutive versions is published.
pub fn compare_path(id: &str, old: content::Version, new: content::Version) -> String {
    format!("{id}/compare/v{old}-v{new}/")
}

impl Library {
    /// Loads, checks and renders. Returns `None` with the diagnostics when errors prevent a site.
    pub fn build(source: &Source, opts: &LibraryOptions) -> (Option<Library>, Vec<Diagnostic>) {
        Self::build_with(source, None, opts, &mut BuildCache::disabled())
    }

    /// [`Library::build`], reusing parsed and rendered documents from `cache` where their
    /// inputs are unchanged, and leaving this build's results in it.
    /// `history` is the content folder's git history, when there is one.
    pub fn build_with(
        source: &Source,
        history: Option<&History<Option<Snapshot>>>,
        opts: &LibraryOptions,
        cache: &mut BuildCache,
    ) -> (Option<Library>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let site = match &source.site {
            Some(f) => config::parse_site(&f.path, &f.text, &mut diags),
            None => {
                diags.push(
                    Diagnostic::error(
                        "missing-site-yaml",
                        "site.yaml",
                        "the content folder has no site.yaml",
                    )
                    .help("add site.yaml with `title:`, `base_url:` and `language:`"),
                );
                None
            }
        };
        let glossary = match &source.glossary {
            Some(f) => config::parse_glossary(&f.path, &f.text, &mut diags),
            None => Some(Glossary::default()),
        };
        let networks = network::load(&source.networks, &mut diags);
        let indicators = Arc::new(indicators::load(source, &networks, &mut diags));
        let documents = load_documents(source, glossary.as_ref(), &networks, &mut diags, cache);
        // Links are written to today's paths; an `--as-of` page may be an older version.
        let current_paths: Vec<(String, String)> = documents
            .iter()
            .map(|d| (d.path.clone(), d.id.clone()))
            .collect();
        let Chains {
            heads: documents,
            mut pasts,
            historical,
        } = version_chains(
            documents,
            history,
            glossary.as_ref(),
            opts.as_of,
            &mut diags,
        );
        let glossary = glossary.unwrap_or_default();

        let Some(mut site) = site else {
            return (None, diags);
        };
        // Links that leave a per-network build go to the full site, at its address in site.yaml.
        let canonical = site.base_url();
        if let Some(url) = &opts.base_url {
            site.base_url = url.clone();
        }
        let selection = opts.selection.clone();
        let base_path = site.base_path();
        let published = |d: &Document| {
            (selection.drafts || !d.meta.status.is_unpublished())
                && selection
                    .network
                    .as_deref()
                    .is_none_or(|n| matches!(&d.scope, Scope::National) || d.scope.id() == n)
        };

        let in_site: BTreeSet<&str> = documents
            .iter()
            .filter(|d| published(d))
            .map(|d| d.id.as_str())
            .collect();
        let paths = documents
            .iter()
            .map(|d| (d.path.clone(), d.id.clone()))
            .chain(current_paths);
        let map = LinkMap {
            documents: paths
                .map(|(path, id)| {
                    let root = if in_site.contains(id.as_str()) {
                        &base_path
                    } else {
                        &canonical
                    };
                    let url = format!("{root}{}", page_path(&id));
                    (path, (id, url))
                })
                .collect(),
            base_path: base_path.clone(),
        };
        let by_id_all: BTreeMap<&str, &Document> =
            documents.iter().map(|d| (d.id.as_str(), &**d)).collect();

        let to_render: Vec<&Arc<Document>> = documents.iter().filter(|d| published(d)).collect();
        let renderings = cache.render_all(&to_render, &map);
        let rendered: Vec<(Arc<Document>, Arc<Rendered>)> =
            to_render.into_iter().cloned().zip(renderings).collect();
        let mut past_pages = render_past(&rendered, &mut pasts, &map);

        let anchors: BTreeMap<&str, &BTreeSet<String>> = rendered
            .iter()
            .map(|(d, r)| (d.id.as_str(), &r.anchors))
            .collect();
        for (doc, r) in &rendered {
            // An `--as-of` site is a record: its versions were checked when approved, and
            // today's files link to documents that may not have existed yet (those links go
            // to the current site). Normal builds and `check` check today's files.
            if opts.as_of.is_some() || historical.contains(&doc.id) {
                continue;
            }
            diags.extend(r.diags.iter().cloned());
            check_links(doc, r, &by_id_all, &anchors, &mut diags);
        }

        let mut adapted_by: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (d, _) in &rendered {
            if let Some(a) = &d.meta.adapts {
                if d.meta.status != Status::Withdrawn {
                    adapted_by.entry(a.clone()).or_default().push(d.id.clone());
                }
            }
        }
        let mut pages: Vec<Page> = rendered
            .into_iter()
            .map(|(doc, rendered)| Page {
                path: page_path(&doc.id),
                adapted_by: adapted_by.remove(&doc.id).unwrap_or_default(),
                past: past_pages.remove(&doc.id).unwrap_or_default(),
                doc,
                rendered,
            })
            .collect();
        pages.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        let by_id = pages
            .iter()
            .enumerate()
            .map(|(i, p)| (p.doc.id.clone(), i))
            .collect();
        let networks = match &selection.network {
            Some(n) => networks.into_iter().filter(|x| &x.id == n).collect(),
            None => networks,
        };
        let library = Library {
            site,
            glossary,
            networks,
            pages,
            selection,
            today: opts.as_of.unwrap_or(opts.today),
            as_of: opts.as_of,
            indicators,
            by_id,
        };
        (Some(library), diags)
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        self.by_id.get(id).map(|&i| &self.pages[i])
    }

    pub fn network(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.id == id)
    }

    /// Pages of one scope that belong in lists (withdrawn documents keep their page only).
    pub fn listed<'a>(&'a self, scope: &'a Scope) -> impl Iterator<Item = &'a Page> + 'a {
        self.pages
            .iter()
            .filter(move |p| &p.doc.scope == scope && p.doc.meta.status != Status::Withdrawn)
    }
}

/// Each document's version chain from git history: which version is its page (the current file,
/// or for `--as-of` the version in force on that date) and its earlier approved versions.
/// Returns the page documents, the past versions by id, and the ids whose page is a version
/// from history rather than the current file.
fn version_chains(
    documents: Vec<Arc<Document>>,
    history: Option<&History<Option<Snapshot>>>,
    glossary: Option<&Glossary>,
    as_of: Option<Date>,
    diags: &mut Vec<Diagnostic>,
) -> Chains {
    let ctx = content::Context { glossary };
    let versions = match history {
        Some(h) => {
            let (v, d) = versions::collect(h, documents.iter().map(|d| &**d), &ctx);
            diags.extend(d);
            v
        }
        None => BTreeMap::new(),
    };
    let mut heads = Vec::with_capacity(documents.len());
    let mut pasts = BTreeMap::new();
    let mut historical = BTreeSet::new();
    for doc in documents {
        let approved = versions.get(&doc.id).map_or(&[][..], Vec::as_slice);
        let chain = match as_of {
            None => Some(versions::current(&doc, approved)),
            Some(date) => versions::as_of(&doc, approved, date),
        };
        let Some(chain) = chain else { continue };
        if !chain.past.is_empty() {
            pasts.insert(doc.id.clone(), chain.past);
        }
        match chain.head {
            Some(earlier) => {
                historical.insert(doc.id.clone());
                heads.push(Arc::new(earlier));
            }
            None => heads.push(doc),
        }
    }
    Chains {
        heads,
        pasts,
        historical,
    }
}

/// What [`version_chains`] decides for every document.
struct Chains {
    /// The documents the pages show.
    heads: Vec<Arc<Document>>,
    /// Past versions by document id.
    pasts: BTreeMap<String, Vec<Approved>>,
    /// Ids whose page shows an earlier version (an `--as-of` build).
    historical: BTreeSet<String>,
}

/// Renders the past versions of the published pages. Their link problems are not reported:
/// they were checked when approved, and documents they link to may have moved since.
fn render_past(
    rendered: &[(Arc<Document>, Arc<Rendered>)],
    pasts: &mut BTreeMap<String, Vec<Approved>>,
    map: &LinkMap,
) -> BTreeMap<String, Vec<PastVersion>> {
    use rayon::prelude::*;
    let jobs: Vec<Approved> = rendered
        .iter()
        .filter_map(|(d, _)| pasts.remove(&d.id))
        .flatten()
        .collect();
    let done: Vec<PastVersion> = jobs
        .into_par_iter()
        .map(|a| PastVersion {
            path: version_path(&a.doc.id, a.doc.meta.version),
            rendered: render::render(&a.doc, map),
            doc: a.doc,
            commit: a.commit,
            committed: a.committed,
        })
        .collect();
    let mut by_id: BTreeMap<String, Vec<PastVersion>> = BTreeMap::new();
    for p in done {
        by_id.entry(p.doc.id.clone()).or_default().push(p);
    }
    by_id
}

/// Parses every document and runs the checks that need all of them: unique ids, networks
/// that exist, `adapts` targets, overdue reviews.
fn load_documents(
    source: &Source,
    glossary: Option<&Glossary>,
    networks: &[Network],
    diags: &mut Vec<Diagnostic>,
    cache: &mut BuildCache,
) -> Vec<Arc<Document>> {
    let parsed = cache.parse_all(&source.documents, glossary);
    let mut documents = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let known_networks: BTreeSet<&str> = networks.iter().map(|n| n.id.as_str()).collect();
    for (doc, d) in parsed {
        diags.extend(d);
        let Some(doc) = doc else { continue };
        if let Scope::Network(n) = &doc.scope {
            if !known_networks.contains(n.as_str()) {
                // The network folder's own diagnostic explains why; the document cannot publish.
                continue;
            }
        }
        if let Some(first) = seen.get(&doc.id) {
            diags.push(
                Diagnostic::error("duplicate-id", &doc.path, format!("document id `{}` is already used by {first}", doc.id))
                    .at(&doc.text, 1, 1, 3)
                    .help("rename one of the files: a document's id is its folder's network and its file name"),
            );
            continue;
        }
        seen.insert(doc.id.clone(), doc.path.clone());
        documents.push(doc);
    }
    let national: BTreeSet<&str> = documents
        .iter()
        .filter(|d| d.scope == Scope::National)
        .map(|d| d.id.as_str())
        .collect();
    let mut bad_adapts = BTreeSet::new();
    for doc in &documents {
        if let Some(target) = doc
            .meta
            .adapts
            .as_deref()
            .filter(|t| t.starts_with("national/"))
        {
            if !national.contains(target) {
                let help = suggest(target, national.iter().copied()).map_or(
                    "name an existing national document as `national/<file name>`".to_owned(),
                    |s| format!("did you mean `{s}`?"),
                );
                let line = config::key_line(&doc.text, "adapts");
                diags.push(
                    Diagnostic::error(
                        "unknown-adapts",
                        &doc.path,
                        format!("`adapts` names `{target}`, which is not a national document"),
                    )
                    .at(&doc.text, line, 9, target.chars().count())
                    .help(help),
                );
                bad_adapts.insert(doc.id.clone());
            }
        }
    }
    documents.retain(|d| !bad_adapts.contains(&d.id));
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    documents
}

fn check_links(
    doc: &Document,
    r: &Rendered,
    all: &BTreeMap<&str, &Document>,
    anchors: &BTreeMap<&str, &BTreeSet<String>>,
    diags: &mut Vec<Diagnostic>,
) {
    for link in &r.links {
        let target = all.get(link.target.as_str());
        if let Some(t) = target {
            if t.meta.status.is_unpublished() && !doc.meta.status.is_unpublished() {
                diags.push(
                    Diagnostic::error(
                        "link-to-draft",
                        &doc.path,
                        format!(
                            "links to `{}`, which is {} and is left out of published builds",
                            t.id,
                            t.meta.status.id()
                        ),
                    )
                    .at_offset(&doc.text, link.offset, link.len)
                    .help("remove the link until the linked document is approved"),
                );
                continue;
            }
        }
        let (Some(anchor), Some(known)) = (&link.anchor, anchors.get(link.target.as_str())) else {
            continue;
        };
        if !known.contains(anchor) {
            let help = suggest(anchor, known.iter().map(String::as_str)).map_or_else(
                || format!("link to one of the headings of `{}`", link.target),
                |s| format!("did you mean `#{s}`?"),
            );
            diags.push(
                Diagnostic::error(
                    "broken-anchor",
                    &doc.path,
                    format!(
                        "`{}` has no heading with the anchor `#{anchor}`",
                        link.target
                    ),
                )
                .at_offset(&doc.text, link.offset, link.len)
                .help(help),
            );
        }
    }
}
