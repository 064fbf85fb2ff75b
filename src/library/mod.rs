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

use crate::config::{Glossary, SiteConfig};
use crate::content::{self, Document, Scope, Status, Version};
use crate::diag::{suggest, Diagnostic};
use crate::history::{History, Unavailable};
use crate::indicators::Indicators;
use crate::network::Network;
use crate::render::{self, LinkMap, Rendered};
use crate::routes;
use crate::settings::{self, Settings};
use crate::source::Source;
use crate::source::SourceFile;
use crate::versions::{self, Approved, Snapshot};
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

mod checks;
mod link_map;
mod past;
mod variants;
pub mod workplan_refs;

pub use variants::{Variant, VariantInputs, VariantStep};

pub(crate) use checks::broken_anchor;
use checks::{check_links, load_documents, Loaded, Targets};
use link_map::MapInputs;
use past::{
    approval_dates, evidence_dates, past_link_map, render_history, render_past, version_chains,
    Chains,
};

/// Documents (or what belongs to them) by id, for the checks that look up every link of every
/// document: tens of thousands of lookups a build, for which a sorted map compared long ids
/// that share their first letters again and again.
type Lookup<'a, V> = std::collections::HashMap<&'a str, V, crate::incremental::Fast>;

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
    /// glossary.yaml has errors (reported where they are): its terms are unknown, so no
    /// abbreviation is reported as unexplained until it is fixed.
    pub glossary_unreadable: bool,
    pub networks: Vec<Network>,
    /// In the order of their documents' ids ([`Library::page`] searches them).
    pub pages: Vec<Page>,
    pub selection: Selection,
    /// "Today" for review states: the build date, or the `--as-of` date.
    pub today: Date,
    /// Set for `build --as-of`: the site as published on that date.
    pub as_of: Option<Date>,
    /// The indicators and every network's figures (all networks, even in a per-network build).
    pub indicators: Arc<Indicators>,
    /// Published translations and Easy Read versions of leaflets, by page path.
    pub variants: Vec<Variant>,
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

/// How the library parses and renders its documents, the two steps worth reusing between
/// rebuilds: [`Fresh`] does the work every time; the preview's cache
/// ([`crate::cache::BuildCache`]) reuses what it made before for unchanged inputs. Both give
/// the same results, so the library never depends on what was kept.
pub trait DocumentSteps {
    /// Parses every document file: its document (if it can be read) and its diagnostics.
    fn parse_all(
        &mut self,
        files: &[&SourceFile],
        glossary: Option<&Glossary>,
    ) -> Vec<(Option<Arc<Document>>, Vec<Diagnostic>)>;

    /// Renders documents with the link map.
    fn render_all(&mut self, docs: &[&Arc<Document>], map: &Arc<LinkMap>) -> Vec<Arc<Rendered>>;

    /// The link map `make` makes from inputs whose fingerprint is `key`.
    fn link_map(&mut self, key: u64, make: &dyn Fn() -> LinkMap) -> Arc<LinkMap>;
}

/// Parses and renders every document afresh, in parallel.
pub struct Fresh;

impl DocumentSteps for Fresh {
    fn parse_all(
        &mut self,
        files: &[&SourceFile],
        glossary: Option<&Glossary>,
    ) -> Vec<(Option<Arc<Document>>, Vec<Diagnostic>)> {
        use rayon::prelude::*;
        let ctx = content::Context { glossary };
        files
            .par_iter()
            .map(|f| {
                let mut diags = Vec::new();
                let doc = content::parse(f, &ctx, &mut diags).map(Arc::new);
                (doc, diags)
            })
            .collect()
    }

    fn link_map(&mut self, _: u64, make: &dyn Fn() -> LinkMap) -> Arc<LinkMap> {
        Arc::new(make())
    }

    fn render_all(&mut self, docs: &[&Arc<Document>], map: &Arc<LinkMap>) -> Vec<Arc<Rendered>> {
        use rayon::prelude::*;
        docs.par_iter()
            .map(|d| Arc::new(render::render(d, map)))
            .collect()
    }
}

impl Library {
    /// Loads, checks and renders. Returns `None` with the diagnostics when errors prevent a site.
    /// `variants` makes the leaflets' translations ([`VariantStep`]).
    pub fn build(
        source: &Source,
        opts: &LibraryOptions,
        variants: VariantStep<'_>,
    ) -> (Option<Library>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let settings = settings::load(source, &mut diags);
        let (library, more) =
            Self::build_with(source, settings, Past::NotRead, opts, &mut Fresh, variants);
        diags.extend(more);
        (library, diags)
    }

    /// [`Library::build`], reusing parsed and rendered documents from `cache` where their
    /// inputs are unchanged, and leaving this build's results in it.
    /// `past` is what the build knows of the content folder's git history.
    pub fn build_with(
        source: &Source,
        settings: Settings,
        past: Past<'_>,
        opts: &LibraryOptions,
        steps: &mut dyn DocumentSteps,
        variants: VariantStep<'_>,
    ) -> (Option<Library>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let Settings {
            site,
            glossary,
            networks,
            indicators,
        } = settings;
        let indicators = Arc::new(indicators);
        let Loaded {
            documents,
            unreadable,
        } = load_documents(source, glossary.as_ref(), &networks, &mut diags, steps);
        approval_dates(&documents, opts.today, &mut diags);
        evidence_dates(&documents, opts.today, &mut diags);
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
        let glossary_unreadable = glossary.is_none();
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

        let today_paths: Vec<(String, String)> =
            current_paths.into_iter().chain(unreadable).collect();
        let inputs = MapInputs {
            documents: &documents,
            published: &published,
            today: &today_paths,
            base_path: &base_path,
            canonical: &canonical,
            assets: source.assets.iter().map(|a| a.path.as_str()).collect(),
            networks: networks.iter().map(|n| n.id.as_str()).collect(),
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
        let map = steps.link_map(inputs.fingerprint(), &|| inputs.make());
        let by_id_all: Lookup<&Document> =
            documents.iter().map(|d| (d.id.as_str(), &**d)).collect();

        // Today's files are rendered with today's links (and reused by the cache); versions
        // from history with the links they can still have (see `past_link_map`).
        // Made only when there is something from history to render: it copies the whole map.
        let past_map = std::cell::LazyCell::new(|| past_link_map(&map, past.history(), &live));
        let (old, new): (Vec<&Arc<Document>>, Vec<&Arc<Document>>) = documents
            .iter()
            .filter(|d| published(d))
            .partition(|d| historical.contains(&d.id));
        let renderings = steps.render_all(&new, &map);
        let mut rendered: Vec<(Arc<Document>, Arc<Rendered>)> =
            new.into_iter().cloned().zip(renderings).collect();
        if !old.is_empty() {
            rendered.extend(render_history(old, &past_map));
        }
        let mut past_pages = if pasts.is_empty() {
            BTreeMap::new()
        } else {
            render_past(&rendered, &mut pasts, &past_map)
        };

        let anchors: Lookup<&BTreeSet<String>> = rendered
            .iter()
            .map(|(d, r)| (d.id.as_str(), &r.anchors))
            .collect();
        // Links from approved documents to one being revised reach the version in force.
        let in_force_anchors: Lookup<&BTreeSet<String>> = past_pages
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
        // In parallel: at 10,000 documents the lookups in maps of 10,000 entries wait on
        // memory more than they compute. Order is kept (rayon's reduce joins neighbours).
        let checked = rendered
            .par_iter()
            .with_min_len(256)
            .fold(Vec::new, |mut found, (doc, r)| {
                // An `--as-of` site is a record: its versions were checked when approved, and
                // today's files link to documents that may not have existed yet (those links
                // go to the current site). Normal builds and `check` check today's files.
                if opts.as_of.is_none() && !historical.contains(&doc.id) {
                    found.extend(r.diags.iter().cloned());
                    check_links(doc, r, &targets, &mut found);
                }
                found
            })
            .reduce(Vec::new, |mut a, mut b| {
                a.append(&mut b);
                a
            });
        diags.extend(checked);
        diags.extend(workplan_refs::check(&networks, &map, &anchors, &indicators));

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
                path: routes::document(&doc.id),
                adapted_by: adapted_by.remove(&doc.id).unwrap_or_default(),
                past: past_pages.remove(&doc.id).unwrap_or_default(),
                from_history: historical.contains(&doc.id),
                in_force: in_force.contains(&doc.id),
                doc,
                rendered,
            })
            .collect();
        pages.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        let variants = variants(
            &VariantInputs {
                files: &source.documents,
                pages: &pages,
                map: &map,
                selection: &selection,
                today: opts.today,
                history: matches!(past, Past::Full(_)),
                as_of: opts.as_of.is_some(),
                easy_read_target: site.easy_read_target(),
            },
            &mut diags,
        );
        let networks = match &selection.network {
            Some(n) => networks.into_iter().filter(|x| &x.id == n).collect(),
            None => networks,
        };
        let library = Library {
            site,
            glossary,
            glossary_unreadable,
            networks,
            pages,
            selection,
            today: opts.as_of.unwrap_or(opts.today),
            as_of: opts.as_of,
            indicators,
            variants,
        };
        (Some(library), diags)
    }

    pub fn page(&self, id: &str) -> Option<&Page> {
        // The pages are in the order of their ids (and an id is unique).
        let i = self
            .pages
            .binary_search_by(|p| p.doc.id.as_str().cmp(id))
            .ok()?;
        Some(&self.pages[i])
    }

    /// Frees each document's Markdown body, keeping its front matter, once every check has
    /// read it: from then on pages and the search index read the rendering, and only a
    /// comparison of versions reads a document's source, so a page with past versions (or
    /// shown from history) keeps its whole file. A document shared with anything else (the
    /// preview's cache) is left as it is. At 10,000 documents this is 55 MB that a build no
    /// longer holds while it makes the pages and the search index.
    pub fn release_sources(&mut self) {
        for page in &mut self.pages {
            if !page.past.is_empty() || page.from_history {
                continue;
            }
            if let Some(doc) = Arc::get_mut(&mut page.doc) {
                doc.text = Arc::from(&doc.text[..doc.body_start]);
            }
        }
    }

    /// Frees each rendering's plain text and its sections once the search index, their only
    /// reader after the checks, is made (a leaflet's reading level was measured from it when
    /// it was rendered and stays). A rendering shared with anything else (the preview's cache)
    /// is left as it is. At 10,000 documents this is 49 MB that a build no longer holds while
    /// it makes the pages.
    pub fn release_texts(&mut self) {
        for page in &mut self.pages {
            if let Some(r) = Arc::get_mut(&mut page.rendered) {
                r.text = String::new();
                r.sections = Vec::new();
            }
        }
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
    pub fn listed<'a, 's>(&'a self, scope: &'s Scope) -> impl Iterator<Item = &'a Page> + 's
    where
        'a: 's,
    {
        self.pages
            .iter()
            .filter(move |p| &p.doc.scope == scope && p.doc.meta.status != Status::Withdrawn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Once released, a document holds its front matter only, unless something else shares
    /// it (as the preview's cache does): that one stays whole.
    #[test]
    fn released_sources_keep_the_front_matter_and_spare_shared_documents() {
        let mut lib = crate::testing::base_library();
        let shared = lib.pages[0].doc.clone();
        let whole: Vec<String> = lib.pages.iter().map(|p| p.doc.text.to_string()).collect();
        assert!(lib.pages.len() > 2);
        lib.release_sources();
        for (p, before) in lib.pages.iter().zip(&whole) {
            if Arc::ptr_eq(&p.doc, &shared) {
                assert_eq!(&*p.doc.text, before.as_str());
            } else {
                assert!(p.doc.body_start < before.len(), "{} has a body", p.doc.id);
                assert_eq!(&*p.doc.text, &before[..p.doc.body_start]);
                assert!(p.doc.text.starts_with("---"));
            }
        }
    }

    /// Released texts leave every rendering's HTML and reading level, and spare renderings
    /// that something else shares.
    #[test]
    fn released_texts_keep_the_html_and_spare_shared_renderings() {
        let mut lib = crate::testing::base_library();
        let shared = lib.pages[0].rendered.clone();
        let before: Vec<(String, String, usize)> = lib
            .pages
            .iter()
            .map(|p| {
                (
                    p.rendered.html.clone(),
                    p.rendered.text.clone(),
                    p.rendered.sections.len(),
                )
            })
            .collect();
        assert!(before.iter().all(|(_, text, _)| !text.is_empty()));
        lib.release_texts();
        for (p, (html, text, sections)) in lib.pages.iter().zip(&before) {
            assert_eq!(&p.rendered.html, html);
            if Arc::ptr_eq(&p.rendered, &shared) {
                assert_eq!(&p.rendered.text, text);
                assert_eq!(p.rendered.sections.len(), *sections);
            } else {
                assert!(p.rendered.text.is_empty(), "{} kept its text", p.doc.id);
                assert!(p.rendered.sections.is_empty());
            }
        }
    }
}
