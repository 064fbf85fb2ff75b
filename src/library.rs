//! The library: every published document, rendered, with its URL, its adaptations and its
//! checked links, plus the networks and settings. Built once from a [`Source`] by
//! [`Library::build`]; immutable afterwards, so the theme, search and checks only read it.
//!
//! Invariants once built: pages are sorted by id; every page's links resolve to a page and an
//! anchor that exist (or the build has errors); no draft or consultation document is present
//! unless the selection asked for drafts. Past versions (from git history) hang off their
//! [`Page`] as [`PastVersion`]s and are never in [`Library::pages`], so lists, search, the
//! sitemap and the feed leave them out without filtering.
//!
//! A document being revised keeps its approved version published: when the current file is a
//! draft or consultation and git history holds an approved version, that version is the page
//! (in lists, search, the sitemap, the catalog and the feed) and links to the document
//! resolve to it. A build with drafts shows the draft instead, with the approved version in
//! force among its past versions. Without history that version cannot be published, so a
//! build without drafts refuses a draft numbered above 1.0 (`revision-without-history`)
//! rather than let the document disappear.

use crate::cache::BuildCache;
use crate::config::{self, Glossary, SiteConfig};
use crate::content::{self, Document, Scope, Status, Version};
use crate::diag::{suggest, Diagnostic};
use crate::history::{History, Unavailable};
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
    /// The page shows a version from git history, not the current file: the approved version
    /// in force while the file is a draft, or the version in force on an `--as-of` date.
    pub from_history: bool,
    /// The page is a draft or consultation (a build with drafts) and the last of `past` is the
    /// approved version in force meanwhile.
    pub in_force: bool,
}

impl Page {
    /// The approved version in force while this draft or consultation is prepared, if any.
    pub fn version_in_force(&self) -> Option<&PastVersion> {
        self.past.last().filter(|_| self.in_force)
    }
}

/// What a build knows of the content's git history.
#[derive(Debug, Clone, Copy)]
pub enum Past<'h> {
    /// Not read (unit tests, fuzzing): current files only.
    NotRead,
    /// Could not be read (not a git repository, a shallow clone, git failed): current files
    /// only, and a build without drafts refuses a draft that replaced an approved version.
    Unavailable(&'h Unavailable),
    /// Every document's approved versions.
    Full(&'h History<Option<Snapshot>>),
    /// Only documents being revised (current file a draft or consultation) take their
    /// versions from it: what the preview shows.
    Revisions(&'h History<Option<Snapshot>>),
}

impl<'h> Past<'h> {
    fn history(self) -> Option<&'h History<Option<Snapshot>>> {
        match self {
            Past::Full(h) | Past::Revisions(h) => Some(h),
            Past::NotRead | Past::Unavailable(_) => None,
        }
    }
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
    /// `check`: drafts are rendered and checked, and what would stop a build without drafts
    /// is reported too.
    pub check: bool,
}

pub fn page_path(id: &str) -> String {
    format!("{id}/")
}

/// Where a past version is published: `<id>/v<version>/`.
pub fn version_path(id: &str, version: content::Version) -> String {
    format!("{id}/v{version}/")
}

/// Where page `index` (from 0) of a document's full version history is published:
/// `<id>/history/`, then `<id>/history/2/`, ...
pub fn history_path(id: &str, index: usize) -> String {
    match index {
        0 => format!("{id}/history/"),
        n => format!("{id}/history/{}/", n + 1),
    }
}

/// Where the comparison of two consecutive versions is published.
pub fn compare_path(id: &str, old: content::Version, new: content::Version) -> String {
    format!("{id}/compare/v{old}-v{new}/")
}

impl Library {
    /// Loads, checks and renders. Returns `None` with the diagnostics when errors prevent a site.
    pub fn build(source: &Source, opts: &LibraryOptions) -> (Option<Library>, Vec<Diagnostic>) {
        Self::build_with(source, Past::NotRead, opts, &mut BuildCache::disabled())
    }

    /// [`Library::build`], reusing parsed and rendered documents from `cache` where their
    /// inputs are unchanged, and leaving this build's results in it.
    /// `past` is what the build knows of the content folder's git history.
    pub fn build_with(
        source: &Source,
        past: Past<'_>,
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
        let Loaded {
            documents,
            unreadable,
        } = load_documents(source, glossary.as_ref(), &networks, &mut diags, cache);
        approval_dates(&documents, opts.today, &mut diags);
        // Links are written to today's paths; an `--as-of` page may be an older version.
        let current_paths: Vec<(String, String)> = documents
            .iter()
            .map(|d| (d.path.clone(), d.id.clone()))
            .collect();
        let Chains {
            heads: documents,
            mut pasts,
            historical,
            in_force,
            live,
            unknown,
        } = version_chains(documents, past, glossary.as_ref(), opts, &mut diags);
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
        // A document with errors of its own still exists for the links into it: its
        // diagnostics say what is wrong, and links to it are not also reported as broken.
        let paths = documents
            .iter()
            .map(|d| (d.path.clone(), d.id.clone()))
            .chain(current_paths)
            .chain(unreadable);
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
            history: false,
            site_url: canonical.clone(),
            ids: BTreeMap::new(),
            assets: source.assets.iter().map(|a| a.path.clone()).collect(),
            networks: networks.iter().map(|n| n.id.clone()).collect(),
            services: crate::service_refs::contacts(
                &networks,
                opts.today,
                site.service_verification_months,
                |n| match selection.network.as_deref() {
                    Some(s) if s != n => canonical.clone(),
                    _ => base_path.clone(),
                },
            ),
        };
        let map = LinkMap {
            ids: map
                .documents
                .iter()
                .map(|(path, (id, _))| (id.clone(), path.clone()))
                .collect(),
            ..map
        };
        let by_id_all: BTreeMap<&str, &Document> =
            documents.iter().map(|d| (d.id.as_str(), &**d)).collect();

        // Today's files are rendered with today's links (and reused by the cache); versions
        // from history with the links they can still have (see `past_link_map`).
        let past_map = past_link_map(&map, past.history(), &live);
        let (old, new): (Vec<&Arc<Document>>, Vec<&Arc<Document>>) = documents
            .iter()
            .filter(|d| published(d))
            .partition(|d| historical.contains(&d.id));
        let renderings = cache.render_all(&new, &map);
        let mut rendered: Vec<(Arc<Document>, Arc<Rendered>)> =
            new.into_iter().cloned().zip(renderings).collect();
        rendered.extend(render_history(old, &past_map));
        let mut past_pages = render_past(&rendered, &mut pasts, &past_map);

        let anchors: BTreeMap<&str, &BTreeSet<String>> = rendered
            .iter()
            .map(|(d, r)| (d.id.as_str(), &r.anchors))
            .collect();
        // Links from approved documents to one being revised reach the version in force.
        let in_force_anchors: BTreeMap<&str, &BTreeSet<String>> = past_pages
            .iter()
            .filter(|(id, _)| in_force.contains(*id))
            .filter_map(|(id, v)| Some((id.as_str(), &v.last()?.rendered.anchors)))
            .collect();
        let targets = Targets {
            all: &by_id_all,
            anchors: &anchors,
            in_force: &in_force_anchors,
            unknown: &unknown,
        };
        for (doc, r) in &rendered {
            // An `--as-of` site is a record: its versions were checked when approved, and
            // today's files link to documents that may not have existed yet (those links go
            // to the current site). Normal builds and `check` check today's files.
            if opts.as_of.is_some() || historical.contains(&doc.id) {
                continue;
            }
            diags.extend(r.diags.iter().cloned());
            check_links(doc, r, &targets, &mut diags);
        }
        diags.extend(crate::workplan::refs::check(
            &networks,
            &map,
            &anchors,
            &indicators,
        ));

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
                from_history: historical.contains(&doc.id),
                in_force: in_force.contains(&doc.id),
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

    /// Source paths of the national documents that a network's documents link to or adapt.
    pub fn national_used_by(&self, network: &str) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        for p in self.pages.iter().filter(|p| p.doc.scope.id() == network) {
            let targets = p
                .rendered
                .links
                .iter()
                .map(|l| l.target.as_str())
                .chain(p.doc.meta.adapts.as_deref());
            for t in targets {
                if let Some(page) = self.page(t).filter(|t| t.doc.scope == Scope::National) {
                    used.insert(page.doc.path.clone());
                }
            }
        }
        used
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

/// Each document's version chain from git history: which version is its page (the current
/// file; the approved version in force while the file is a draft; or for `--as-of` the version
/// in force on that date) and its earlier approved versions.
fn version_chains(
    documents: Vec<Arc<Document>>,
    past: Past<'_>,
    glossary: Option<&Glossary>,
    opts: &LibraryOptions,
    diags: &mut Vec<Diagnostic>,
) -> Chains {
    let ctx = content::Context { glossary };
    let drafts = opts.selection.drafts;
    let revising = |d: &Document| d.meta.status.is_unpublished();
    let mut unknown = BTreeSet::new();
    let collected = match past {
        Past::Full(h) => {
            let (v, d) = versions::collect(h, documents.iter().map(|d| &**d), &ctx);
            diags.extend(d);
            v
        }
        // The preview needs only the documents being revised: their page links to the
        // version in force. Their warnings come from `check` and `build`.
        Past::Revisions(h) => {
            let being_revised = documents.iter().map(|d| &**d).filter(|d| revising(d));
            versions::collect(h, being_revised, &ctx).0
        }
        Past::Unavailable(why) => {
            for doc in documents.iter().filter(|d| revising(d)) {
                if let Some(d) = revision_without_history(doc, why) {
                    unknown.insert(doc.id.clone());
                    // A review copy shows the draft: nothing disappears from it.
                    if !drafts || opts.check {
                        diags.push(d);
                    }
                }
            }
            versions::Collected::default()
        }
        Past::NotRead => versions::Collected::default(),
    };
    let versions::Collected {
        versions,
        withdrawn,
    } = collected;
    // What today's full site publishes: versions from history link only to these.
    let live = documents
        .iter()
        .filter(|d| {
            drafts || !revising(d) || versions.contains_key(&d.id) && !withdrawn.contains(&d.id)
        })
        .map(|d| d.id.clone())
        .collect();
    let mut heads = Vec::with_capacity(documents.len());
    let mut pasts = BTreeMap::new();
    let mut historical = BTreeSet::new();
    let mut in_force = BTreeSet::new();
    for doc in documents {
        let approved = versions.get(&doc.id).map_or(&[][..], Vec::as_slice);
        let chain = match opts.as_of {
            None => Some(versions::current(
                &doc,
                approved,
                drafts,
                withdrawn.contains(&doc.id),
            )),
            Some(date) => versions::as_of(&doc, approved, date),
        };
        let Some(chain) = chain else { continue };
        if !chain.past.is_empty() {
            pasts.insert(doc.id.clone(), chain.past);
        }
        if chain.in_force {
            in_force.insert(doc.id.clone());
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
        in_force,
        live,
        unknown,
    }
}

/// What [`version_chains`] decides for every document.
struct Chains {
    /// The documents the pages show.
    heads: Vec<Arc<Document>>,
    /// Past versions by document id.
    pasts: BTreeMap<String, Vec<Approved>>,
    /// Ids whose page shows a version from history rather than the current file.
    historical: BTreeSet<String>,
    /// Ids whose page is a draft or consultation with the approved version in force (the last
    /// past version) beside it.
    in_force: BTreeSet<String>,
    /// Ids the full site publishes today (approved or withdrawn, or with an approved version in
    /// force; every document in a build with drafts).
    live: BTreeSet<String>,
    /// Ids of drafts that revise an approved version the build cannot see (no history): the
    /// `revision-without-history` error says so, so links to them are not errors as well.
    unknown: BTreeSet<String>,
}

/// A draft or consultation numbered above 1.0 revises a document that was approved before
/// (versions above 1.0 follow an approved one; a new document is drafted at 1.0 or below).
/// Without git history that approved version cannot be published in its place, and a build
/// without drafts would silently drop the document: an error instead.
fn revision_without_history(doc: &Document, why: &Unavailable) -> Option<Diagnostic> {
    let first = Version { major: 1, minor: 0 };
    if doc.meta.version <= first {
        return None;
    }
    let (line, col, len) = config::value_span(&doc.text, "version").unwrap_or((1, 1, 3));
    let help = match why {
        Unavailable::Shallow => "fetch the full history (`git fetch --unshallow`, or `fetch-depth: 0` in CI) so the approved version stays published while this one is drafted",
        _ => "build from a git clone of the content with its full history, so the approved version stays published while this one is drafted",
    };
    Some(
        Diagnostic::error(
            "revision-without-history",
            &doc.path,
            format!(
                "this {} of version {} revises an approved document, but {why}, so the approved version cannot be published meanwhile and the document would disappear from the site",
                doc.meta.status.id(),
                doc.meta.version
            ),
        )
        .at(&doc.text, line, col, len)
        .help(format!(
            "{help}; `build --drafts` makes a review copy without it; a document never approved is numbered 1.0 or below until it is"
        )),
    )
}

/// An approval date after today: the document would be published as in force before the
/// approving body has met.
fn approval_dates(documents: &[Arc<Document>], today: Date, diags: &mut Vec<Diagnostic>) {
    for doc in documents {
        let m = &doc.meta;
        let Some(approved) = m.approved.filter(|a| *a > today) else {
            continue;
        };
        if !matches!(m.status, Status::Approved | Status::Withdrawn) {
            continue;
        }
        let (line, col, len) = config::value_span(&doc.text, "approved").unwrap_or((1, 1, 3));
        diags.push(
            Diagnostic::error(
                "approved-in-future",
                &doc.path,
                format!("`approved` is {approved}, after today ({today}): the document would be published as in force before it is approved"),
            )
            .at(&doc.text, line, col, len)
            .help("write the date it was approved; until then keep `status: draft` or `consultation`, which are not published"),
        );
    }
}

/// The link map for versions from git history. Links to documents still published resolve as
/// in today's files, also under the paths those documents had before a rename; a link to a
/// document no longer published (deleted since, or a draft with nothing approved) is left
/// out, and renders as plain text rather than a dead link.
fn past_link_map(
    map: &LinkMap,
    history: Option<&History<Option<Snapshot>>>,
    live: &BTreeSet<String>,
) -> LinkMap {
    let mut documents: BTreeMap<String, (String, String)> = map
        .documents
        .iter()
        .filter(|(_, (id, _))| live.contains(id))
        .map(|(path, target)| (path.clone(), target.clone()))
        .collect();
    for lineage in history.iter().flat_map(|h| &h.files) {
        let Some(target) = map
            .documents
            .get(&lineage.path)
            .filter(|(id, _)| lineage.exists && live.contains(id))
        else {
            continue;
        };
        for rev in &lineage.revisions {
            // A document at that path today keeps it.
            documents
                .entry(rev.path.clone())
                .or_insert_with(|| target.clone());
        }
    }
    LinkMap {
        documents,
        base_path: map.base_path.clone(),
        history: true,
        site_url: map.site_url.clone(),
        ids: map.ids.clone(),
        assets: map.assets.clone(),
        networks: map.networks.clone(),
        services: map.services.clone(),
    }
}

/// Renders pages that show a version from history. Their link problems are not reported, as
/// for past versions.
fn render_history(docs: Vec<&Arc<Document>>, map: &LinkMap) -> Vec<(Arc<Document>, Arc<Rendered>)> {
    use rayon::prelude::*;
    docs.into_par_iter()
        .map(|d| (d.clone(), Arc::new(render::render(d, map))))
        .collect()
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

/// The checked documents, and the (path, id) of those that could not be read or cannot
/// publish because of an error reported elsewhere (their front matter, their network's
/// profile).
struct Loaded {
    documents: Vec<Arc<Document>>,
    unreadable: Vec<(String, String)>,
}

/// Parses every document and runs the checks that need all of them: unique ids, networks
/// that exist, `adapts` targets, overdue reviews.
fn load_documents(
    source: &Source,
    glossary: Option<&Glossary>,
    networks: &[Network],
    diags: &mut Vec<Diagnostic>,
    cache: &mut BuildCache,
) -> Loaded {
    let parsed = cache.parse_all(&source.documents, glossary);
    let mut documents = Vec::new();
    let mut unreadable = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let known_networks: BTreeSet<&str> = networks.iter().map(|n| n.id.as_str()).collect();
    for ((doc, d), file) in parsed.into_iter().zip(&source.documents) {
        diags.extend(d);
        let Some(doc) = doc else {
            unreadable.push((file.path.clone(), content::id_of(&file.path)));
            continue;
        };
        if let Scope::Network(n) = &doc.scope {
            if !known_networks.contains(n.as_str()) {
                // The network folder's own diagnostic explains why; the document cannot publish.
                unreadable.push((doc.path.clone(), doc.id.clone()));
                continue;
            }
        }
        if let Some(first) = seen.get(&doc.id) {
            diags.push(
                Diagnostic::error("duplicate-id", &doc.path, format!("document id `{}` is already used by {first}", doc.id))
                    .at(&doc.text, 1, 1, 3)
                    .help("rename one of the files: a document's id is its folder's network and its file name"),
            );
            unreadable.push((doc.path.clone(), doc.id.clone()));
            continue;
        }
        seen.insert(doc.id.clone(), doc.path.clone());
        documents.push(doc);
    }
    let national: BTreeSet<&str> = documents
        .iter()
        .filter(|d| d.scope == Scope::National)
        .map(|d| d.id.as_str())
        .chain(
            unreadable
                .iter()
                .map(|(_, id)| id.as_str())
                .filter(|id| id.starts_with("national/")),
        )
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
    for d in documents.iter().filter(|d| bad_adapts.contains(&d.id)) {
        unreadable.push((d.path.clone(), d.id.clone()));
    }
    documents.retain(|d| !bad_adapts.contains(&d.id));
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    Loaded {
        documents,
        unreadable,
    }
}

/// The help of a broken anchor: the closest anchor if one is a likely slip, and the target's
/// anchors nearest to what was written.
fn nearest_headings(anchor: &str, target: &str, known: &BTreeSet<String>) -> String {
    if known.is_empty() {
        return format!("`{target}` has no headings: link to the document without `#{anchor}`");
    }
    let mut by_distance: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (crate::diag::edit_distance(anchor, k), k.as_str()))
        .collect();
    by_distance.sort();
    let nearest: Vec<String> = by_distance
        .iter()
        .take(3)
        .map(|(_, k)| format!("`#{k}`"))
        .collect();
    match suggest(anchor, known.iter().map(String::as_str)) {
        Some(s) => format!(
            "did you mean `#{s}`? The nearest headings of `{target}` are {}",
            nearest.join(", ")
        ),
        None => format!(
            "link to one of the headings of `{target}`; the nearest are {}",
            nearest.join(", ")
        ),
    }
}

/// What links are checked against.
struct Targets<'a> {
    /// Every document, as the page shows it.
    all: &'a BTreeMap<&'a str, &'a Document>,
    /// Each page's anchors.
    anchors: &'a BTreeMap<&'a str, &'a BTreeSet<String>>,
    /// For a draft shown beside the approved version in force: that version's anchors, which
    /// a published page's links reach.
    in_force: &'a BTreeMap<&'a str, &'a BTreeSet<String>>,
    /// Drafts revising an approved version the build cannot see (reported once, on the draft).
    unknown: &'a BTreeSet<String>,
}

fn check_links(doc: &Document, r: &Rendered, targets: &Targets<'_>, diags: &mut Vec<Diagnostic>) {
    let published = !doc.meta.status.is_unpublished();
    for link in &r.links {
        let in_force = targets
            .in_force
            .get(link.target.as_str())
            .filter(|_| published);
        let target = targets.all.get(link.target.as_str());
        if let Some(t) = target {
            // A published link to a document being revised reaches its approved version.
            let reported = targets.unknown.contains(&t.id);
            if t.meta.status.is_unpublished() && published && in_force.is_none() && !reported {
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
        let known = in_force.or_else(|| targets.anchors.get(link.target.as_str()));
        let (Some(anchor), Some(known)) = (&link.anchor, known) else {
            continue;
        };
        if !known.contains(anchor) {
            let help = nearest_headings(anchor, &link.target, known);
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
