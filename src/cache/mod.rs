//! What one build can reuse from the previous one, so `pathways serve` rebuilds a large site in
//! milliseconds after a one-file edit. The cache is an explicit value owned by the caller (the
//! preview server keeps one between rebuilds; `pathways build` uses a disabled one), never
//! global state.
//!
//! Entries are keyed by content, not by time stamps: a parsed document is reused while its
//! path, its text and the glossary it was checked against are the same; a rendered document
//! while its text, the site's base path and every link-map entry it looked up are the same;
//! a page while the template context it was rendered from is equal, and without even building
//! that context when only other documents' bodies changed; a page's lint findings while its
//! document and rendering are the same; the catalog, sitemap, feed and coverage page while
//! the site's shape (and the coverage data) is. So a reused result is exactly what a fresh
//! build would produce, which the tests check byte for byte.
//!
//! The one input taken on trust is the caller's list of changed files: when the preview's
//! watcher reports only edits to known documents, only those are read again. Anything else
//! (an unknown change, a new or removed file, settings, templates) reads the whole folder.

use crate::config::{Glossary, SiteConfig};
use crate::content::{self, Document};
use crate::diag::Diagnostic;
use crate::incremental::{infallible, Memo, Step};
use crate::indicators::Indicators;
use crate::library::{DocumentSteps, Library, Page};
use crate::render::{self, LinkMap, Rendered};
use crate::settings::{self, Settings};
use crate::source::{self, Source, SourceFile};
use crate::theme::{self, TemplateError, Theme};
use bytes::Bytes;
use jiff::civil::Date;
pub use pages::{Handover, PageChanges, PageError, PagePlan};
use pages::{PageEntry, Shape};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod pages;

/// Parsed and rendered documents, and finished pages, from earlier builds.
pub struct BuildCache {
    /// A disabled cache stores nothing: one-off builds should not pay for copies.
    enabled: bool,
    /// The last read of the content folder and its diagnostics, shared with the build that
    /// made it (copying 10,000 file names for each rebuild took 2 ms) and taken back whole
    /// once that build is done with it.
    source: Option<(Arc<Source>, Vec<Diagnostic>)>,
    /// Files changed since that read, as the caller's watcher reported them; `None` when
    /// unknown.
    changed: Option<Vec<PathBuf>>,
    glossary: Option<Option<Glossary>>,
    parsed: Memo<String, Parsed>,
    rendered: Memo<String, RenderedEntry>,
    pages: Memo<String, PageEntry>,
    /// Which pages a build hands to its sink, and how they changed (see [`Handover`]).
    handover: Handover,
    page_changes: PageChanges,
    /// The pages the preview makes after each reload (the networks' handbooks), see
    /// [`BuildCache::later_pages`].
    later: Memo<String, PageEntry>,
    /// What those pages have not caught up with: the source paths made afresh by the builds
    /// since they were last made, or `None` when one of those builds changed the site's shape
    /// (or none made them yet), so that every one is made again.
    later_behind: Option<BTreeSet<String>>,
    /// Whole-library files (catalog, sitemap, feed, coverage page) by name, with the key they
    /// were made for. Cleared whenever the site's shape changes, see [`BuildCache::derived`].
    derived: HashMap<&'static str, (u64, Vec<crate::output::OutputFile>)>,
    /// Each page's own lint findings, with the document and rendering they were found in.
    lints: Memo<String, LintEntry>,
    /// What every page's lints also read: today, the settings, the glossary and whether it could be read.
    lint_context: Option<(Date, SiteConfig, Glossary, bool)>,
    /// What pages could show at the last successful build, see [`BuildCache::page_plan`].
    shape: Option<Shape>,
    /// Source paths parsed or rendered afresh by the current build.
    fresh: BTreeSet<String>,
    stats: CacheStats,
    /// The content's git history, read once by the first build of an enabled cache (the
    /// preview), with the folder it was read from.
    history: Option<(PathBuf, Arc<KeptHistory>)>,
    /// The compiled templates, while the site's overrides are the same: compiling them all
    /// again was a twentieth of a rebuild.
    theme: Option<(u64, Arc<Theme>)>,
    /// The last link map, by the fingerprint of what it was made from.
    link_map: Option<(u64, Arc<LinkMap>)>,
    /// The last settings, by their files' fingerprint (parsing them was 2–3 ms of a rebuild).
    settings: Option<(u64, Arc<KeptSettings>)>,
    /// The indicators and figures of the last build, and a number that changes whenever they
    /// do: the key of the files made from them (see [`BuildCache::indicators_key`]).
    indicators: (u64, Option<Arc<Indicators>>),
}

/// Settings, with the diagnostics found reading them.
type KeptSettings = (Settings, Vec<Diagnostic>);

/// A read of the git history, or why there is none.
pub(crate) type KeptHistory =
    Result<crate::history::History<Option<crate::versions::Snapshot>>, crate::history::Unavailable>;

/// How much the last build reused, for `--verbose` output and tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CacheStats {
    pub parsed: usize,
    pub parsed_reused: usize,
    pub rendered: usize,
    pub rendered_reused: usize,
    pub pages: usize,
    pub pages_reused: usize,
}

struct Parsed {
    text: Arc<str>,
    doc: Option<Arc<Document>>,
    diags: Vec<Diagnostic>,
}

struct RenderedEntry {
    text: Arc<str>,
    /// The link map it was rendered with. The preview keeps the map while its inputs are the
    /// same, and a rendering made with the very map in use is valid without looking up its
    /// links again (at 10,000 documents a sixth of a rebuild's CPU). Weak, so that an old map
    /// is not kept alive; it keeps the map's allocation, so no later map has its address.
    map: std::sync::Weak<LinkMap>,
    base_path: String,
    /// Fingerprint of the whole link map, checked only when the rendering read all of it.
    map_print: u64,
    rendered: Arc<Rendered>,
}

struct LintEntry {
    doc: Arc<Document>,
    rendered: Arc<Rendered>,
    diags: Vec<Diagnostic>,
}

impl BuildCache {
    /// A cache that keeps what each build produced for the next one.
    #[allow(
        clippy::new_without_default,
        reason = "keeping and disabled caches are both reasonable defaults; callers say which"
    )]
    pub fn new() -> Self {
        BuildCache::keeping(true)
    }

    /// A cache that stores nothing: every build does all the work once.
    pub fn disabled() -> Self {
        BuildCache::keeping(false)
    }

    fn keeping(enabled: bool) -> Self {
        BuildCache {
            enabled,
            source: None,
            changed: None,
            glossary: None,
            parsed: Memo::new(enabled),
            rendered: Memo::new(enabled),
            pages: Memo::new(enabled),
            handover: Handover::Every,
            page_changes: PageChanges::default(),
            later: Memo::new(enabled),
            later_behind: None,
            derived: HashMap::new(),
            lints: Memo::new(enabled),
            lint_context: None,
            shape: None,
            fresh: BTreeSet::new(),
            stats: CacheStats::default(),
            history: None,
            theme: None,
            link_map: None,
            settings: None,
            indicators: (0, None),
        }
    }

    /// The theme compiled from the site's template overrides, the one kept if they are the
    /// same as last time.
    pub(crate) fn theme(&mut self, overrides: &[SourceFile]) -> Result<Arc<Theme>, TemplateError> {
        let print = theme::overrides_fingerprint(overrides);
        kept_or_made(self.enabled, &mut self.theme, print, || {
            Theme::new(overrides)
        })
    }

    /// Whether this cache keeps what builds make (the preview's), so documents are shared with
    /// it beyond the build.
    pub fn keeps(&self) -> bool {
        self.enabled
    }

    pub fn stats(&self) -> CacheStats {
        self.stats
    }

    /// Tells the next build which files changed since the last one (empty: unknown), so it
    /// can read only those.
    pub fn changed(&mut self, paths: &[PathBuf]) {
        self.changed = (!paths.is_empty()).then(|| paths.to_vec());
    }

    /// Reads the content folder: only the changed documents when the last read can be
    /// reused (see [`source::reread`]), otherwise all of it.
    pub(crate) fn read_source(
        &mut self,
        root: &Path,
        diags: &mut Vec<Diagnostic>,
    ) -> std::io::Result<Arc<Source>> {
        let changed = self.changed.take();
        // Taken, not borrowed: after a failed read the next one must read everything.
        let previous = self.source.take();
        let reused = match (previous, changed) {
            (Some((previous, read_diags)), Some(changed)) if previous.root == root => {
                source::reread(Arc::unwrap_or_clone(previous), read_diags, &changed)
            }
            _ => None,
        };
        let (source, read_diags) = match reused {
            Some(read) => read,
            None => {
                let mut read_diags = Vec::new();
                (source::read(root, &mut read_diags)?, read_diags)
            }
        };
        diags.extend(read_diags.iter().cloned());
        let source = Arc::new(source);
        if self.enabled {
            self.source = Some((Arc::clone(&source), read_diags));
        }
        Ok(source)
    }

    /// The history kept from an earlier build of the same folder, if any.
    pub(crate) fn history(&self, root: &Path) -> Option<Arc<KeptHistory>> {
        self.history
            .as_ref()
            .filter(|(r, _)| r == root)
            .map(|(_, h)| h.clone())
    }

    /// Keeps a read of the history for later builds (when the cache is enabled).
    pub(crate) fn keep_history(&mut self, root: &Path, read: KeptHistory) -> Arc<KeptHistory> {
        let read = Arc::new(read);
        if self.enabled {
            self.history = Some((root.to_owned(), read.clone()));
        }
        read
    }

    /// The settings ([`settings::load`]) with their diagnostics, kept while their files are the same.
    pub(crate) fn settings(&mut self, source: &Source, diags: &mut Vec<Diagnostic>) -> Settings {
        if !self.enabled {
            return settings::load(source, diags);
        }
        let key = settings::fingerprint(source);
        let kept = infallible(kept_or_made(true, &mut self.settings, key, || {
            let mut found = Vec::new();
            Ok((settings::load(source, &mut found), found))
        }));
        diags.extend(kept.1.iter().cloned());
        kept.0.clone()
    }

    /// Parses every document file, reusing earlier results for unchanged files.
    pub(crate) fn parse_all(
        &mut self,
        files: &[&SourceFile],
        glossary: Option<&Glossary>,
    ) -> Vec<(Option<Arc<Document>>, Vec<Diagnostic>)> {
        if self.glossary.as_ref().map(Option::as_ref) != Some(glossary) {
            self.parsed.clear();
            self.glossary = Some(glossary.cloned());
        }
        let ctx = content::Context { glossary };
        let keep = self.parsed.keeps();
        let run = infallible(self.parsed.run(
            files,
            |f| &f.path,
            |f, kept| {
                Ok(match kept.filter(|p| same_text(&p.text, &f.text)) {
                    Some(hit) => Step::Reused((hit.doc.clone(), hit.diags.clone())),
                    None => {
                        let mut diags = Vec::new();
                        let doc = content::parse(f, &ctx, &mut diags).map(Arc::new);
                        let entry = keep.then(|| Parsed {
                            text: f.text.clone(),
                            doc: doc.clone(),
                            diags: diags.clone(),
                        });
                        Step::Made((doc, diags), entry)
                    }
                })
            },
        ));
        self.stats.parsed = files.len();
        self.stats.parsed_reused = run.reused();
        self.fresh = files
            .iter()
            .zip(&run.made)
            .filter(|(_, made)| **made)
            .map(|(f, _)| f.path.clone())
            .collect();
        run.results
    }

    /// Renders documents, reusing earlier renderings whose inputs are unchanged.
    pub(crate) fn render_all(
        &mut self,
        docs: &[&Arc<Document>],
        map: &Arc<LinkMap>,
    ) -> Vec<Arc<Rendered>> {
        // The whole map's fingerprint matters only to renderings that read all of it (a broken
        // link's suggestion), and hashing 10,000 entries is a tenth of a rebuild: made once,
        // when the first such rendering asks.
        let whole = std::sync::OnceLock::new();
        let print = || *whole.get_or_init(|| fingerprint(map));
        let keep = self.rendered.keeps();
        let run = infallible(self.rendered.run(
            docs,
            |d| &d.path,
            |d, kept| {
                let hit = kept
                    .filter(|e| same_text(&e.text, &d.text))
                    .filter(|e| same_map(e, map) || still_valid(e, map, &print));
                Ok(match hit {
                    Some(e) => Step::Reused(e.rendered.clone()),
                    None => {
                        let rendered = Arc::new(render::render(d, map));
                        let entry = keep.then(|| RenderedEntry {
                            text: d.text.clone(),
                            map: Arc::downgrade(map),
                            base_path: map.base_path.clone(),
                            map_print: if rendered.used_all_paths { print() } else { 0 },
                            rendered: rendered.clone(),
                        });
                        Step::Made(rendered, entry)
                    }
                })
            },
        ));
        self.stats.rendered = docs.len();
        self.stats.rendered_reused = run.reused();
        self.fresh.extend(
            docs.iter()
                .zip(&run.made)
                .filter(|(_, made)| **made)
                .map(|(d, _)| d.path.clone()),
        );
        run.results
    }
}

impl BuildCache {
    /// Runs `lint` on every page, reusing the findings for a page whose document and
    /// rendering are the very ones (not merely equal) linted last time, under the same date,
    /// settings and glossary (read or not). Their diagnostics are added to `into`.
    pub(crate) fn page_lints(
        &mut self,
        lib: &Library,
        lint: impl Fn(&Page) -> Vec<Diagnostic> + Sync,
        into: &mut Vec<Diagnostic>,
    ) {
        let context = (
            lib.today,
            lib.site.clone(),
            lib.glossary.clone(),
            lib.glossary_unreadable,
        );
        if self.lint_context.as_ref() != Some(&context) {
            self.lints.clear();
        }
        let keep = self.lints.keeps();
        let run = infallible(self.lints.run(
            &lib.pages,
            |p| &p.doc.path,
            |p, kept| {
                let hit = kept.filter(|e| {
                    Arc::ptr_eq(&e.doc, &p.doc) && Arc::ptr_eq(&e.rendered, &p.rendered)
                });
                Ok(match hit {
                    Some(e) => Step::Reused(e.diags.clone()),
                    None => {
                        let diags = lint(p);
                        let entry = keep.then(|| LintEntry {
                            doc: p.doc.clone(),
                            rendered: p.rendered.clone(),
                            diags: diags.clone(),
                        });
                        Step::Made(diags, entry)
                    }
                })
            },
        ));
        if self.enabled {
            self.lint_context = Some(context);
        }
        // One allocation: growing by doubling held two copies of up to 63,000 diagnostics
        // (10 MB each) at once.
        into.reserve_exact(run.results.iter().map(Vec::len).sum());
        for diags in run.results {
            into.extend(diags);
        }
    }

    /// The file `name` as the last build made it, if that build had the same site shape (only
    /// document bodies changed since) and the same `key`; otherwise made by `make` now. For
    /// files made from the whole library that show no document's body (catalog, sitemap,
    /// feed: key 0), or whose body-dependent input is in `key` (the coverage page).
    /// Called after [`BuildCache::pages`], which clears these when the shape changes.
    pub(crate) fn derived<E>(
        &mut self,
        name: &'static str,
        key: u64,
        make: impl FnOnce() -> Result<Bytes, E>,
    ) -> Result<Bytes, E> {
        let files = self.derived_files(name, key, || {
            make().map(|bytes| vec![crate::output::OutputFile::new(name, bytes)])
        })?;
        Ok(files
            .into_iter()
            .next()
            .map(|f| f.bytes)
            .unwrap_or_default())
    }

    /// The key of the files made from the indicators and their figures (their pages, charts,
    /// JSON and CSV files, kept with [`BuildCache::derived_files`]): the same while the
    /// indicators and figures are equal to the last build's. (They have no hash: figures are
    /// decimals. Making them again on every save was most of a rebuild of the example content.)
    pub(crate) fn indicators_key(&mut self, indicators: &Arc<Indicators>) -> u64 {
        let (generation, kept) = &mut self.indicators;
        if kept.as_deref() != Some(&**indicators) {
            *generation += 1;
            *kept = self.enabled.then(|| indicators.clone());
        }
        *generation
    }

    /// [`BuildCache::derived`] for what may be several files (the sitemap), kept under `name`.
    pub(crate) fn derived_files<E>(
        &mut self,
        name: &'static str,
        key: u64,
        make: impl FnOnce() -> Result<Vec<crate::output::OutputFile>, E>,
    ) -> Result<Vec<crate::output::OutputFile>, E> {
        if let Some((k, files)) = self.derived.get(name) {
            if *k == key {
                return Ok(files.clone());
            }
        }
        let files = make()?;
        if self.enabled {
            self.derived.insert(name, (key, files.clone()));
        }
        Ok(files)
    }
}

impl DocumentSteps for BuildCache {
    fn parse_all(
        &mut self,
        files: &[&SourceFile],
        glossary: Option<&Glossary>,
    ) -> Vec<(Option<Arc<Document>>, Vec<Diagnostic>)> {
        BuildCache::parse_all(self, files, glossary)
    }

    fn render_all(&mut self, docs: &[&Arc<Document>], map: &Arc<LinkMap>) -> Vec<Arc<Rendered>> {
        BuildCache::render_all(self, docs, map)
    }

    fn link_map(&mut self, key: u64, make: &dyn Fn() -> LinkMap) -> Arc<LinkMap> {
        infallible(kept_or_made(self.enabled, &mut self.link_map, key, || {
            Ok(make())
        }))
    }
}

/// The value kept in `slot` if it was made from inputs with the fingerprint `key`; otherwise
/// `make`'s, kept there when the cache is enabled.
fn kept_or_made<T, E>(
    enabled: bool,
    slot: &mut Option<(u64, Arc<T>)>,
    key: u64,
    make: impl FnOnce() -> Result<T, E>,
) -> Result<Arc<T>, E> {
    if let Some((_, kept)) = slot.as_ref().filter(|(k, _)| *k == key) {
        return Ok(kept.clone());
    }
    let made = Arc::new(make()?);
    if enabled {
        *slot = Some((key, made.clone()));
    }
    Ok(made)
}

/// Whether two texts are the same, by pointer first: a file the watcher did not report is not
/// read again, so its text is the very one the cache holds. (`==` on `Arc<str>` compares the
/// bytes: the standard library's pointer shortcut is for sized types only, and comparing every
/// document's text on each rebuild was a tenth of it at 10,000 documents.)
fn same_text(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

/// Whether a cached rendering was made with this very link map.
fn same_map(e: &RenderedEntry, map: &Arc<LinkMap>) -> bool {
    std::ptr::eq(e.map.as_ptr(), Arc::as_ptr(map))
}

/// A cached rendering is valid under another link map `map` if it has the same base path,
/// every entry it looked up is unchanged and, when it read the whole map (a broken link's
/// suggestion), the map is the same.
fn still_valid(e: &RenderedEntry, map: &LinkMap, print: &dyn Fn() -> u64) -> bool {
    let r = &e.rendered;
    e.base_path == map.base_path
        && (!r.used_all_paths || e.map_print == print())
        && r.lookups
            .iter()
            .all(|(path, found)| map.documents.get(path) == found.as_ref())
        && r.asset_lookups
            .iter()
            .all(|(path, found)| map.assets.contains(path) == *found)
        && r.service_lookups
            .iter()
            .all(|(key, found)| map.services.get(key) == found.as_ref())
}

pub use crate::incremental::fingerprint;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::{self, BuildOptions};

    /// The files of a build, and its diagnostics (warnings) as printed.
    fn files(opts: &BuildOptions, cache: &mut BuildCache) -> (Vec<(String, Bytes)>, String) {
        let (report, files) = site::render(opts, cache).unwrap();
        let mut files: Vec<_> = files
            .unwrap_or_else(|| panic!("{:?}", report.diags))
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        files.sort();
        (files, crate::diag::render_human(&report.diags))
    }

    /// The indicators' pages and files are kept while the indicators and figures are the same,
    /// and made again when a figure changes.
    #[test]
    fn indicator_files_follow_the_figures() {
        let (_dir, opts) = crate::testing::example_content();
        let content = opts.content.clone();
        let mut cache = BuildCache::new();
        let page = |files: &[(String, Bytes)]| {
            let found = files.iter().find(|(p, _)| p == "indicators/index.html");
            found.expect("an indicators page").1.clone()
        };
        let first = files(&opts, &mut cache).0;

        let doc =
            content.join("networks/yorkshire-humber/pathways/suspected-cauda-equina-syndrome.md");
        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, format!("{text}\nOne more sentence.\n")).unwrap();
        cache.changed(std::slice::from_ref(&doc));
        let edited = files(&opts, &mut cache).0;
        assert_eq!(
            page(&edited).as_ptr(),
            page(&first).as_ptr(),
            "kept, not made again"
        );

        let figures = content.join("networks/yorkshire-humber/indicators/2026-Q3.csv");
        let csv = std::fs::read_to_string(&figures).unwrap();
        let changed = csv.replace(
            "bsr-procedure-forms,2026-Q3,70.9,234,330,",
            "bsr-procedure-forms,2026-Q3,71.2,235,330,",
        );
        assert_ne!(csv, changed, "the fixture's figure");
        std::fs::write(&figures, changed).unwrap();
        cache.changed(std::slice::from_ref(&figures));
        let (cached, report) = files(&opts, &mut cache);
        let json = |files: &[(String, Bytes)]| {
            let found = files.iter().find(|(p, _)| p == "indicators.json");
            String::from_utf8(found.unwrap().1.to_vec()).unwrap()
        };
        assert!(json(&cached).contains("71.2") && !json(&edited).contains("71.2"));
        assert!((cached, report) == files(&opts, &mut BuildCache::disabled()));
    }

    /// After edits, a build that reuses the cache gives byte for byte what a fresh build gives,
    /// while reusing everything the edits did not touch.
    #[test]
    fn a_cached_rebuild_equals_a_fresh_build() {
        let (_dir, opts) = crate::testing::base_fixture();
        let content = opts.content.clone();
        let mut cache = BuildCache::new();
        files(&opts, &mut cache);

        // A body edit: one document re-rendered; its page, the variation page of the
        // national document it adapts and its network's handbook rewritten (the share of
        // changed words, to a tenth of a percent, is the same, so the variation index is
        // reused).
        let doc = content.join("networks/alpha/pathways/ces-local.md");
        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, text.replace("Call the hub.", "Call the hub now.")).unwrap();
        // As the preview's watcher would say: only this file is read again.
        cache.changed(std::slice::from_ref(&doc));
        let cached = files(&opts, &mut cache);
        let stats = cache.stats();
        assert_eq!(stats.rendered - stats.rendered_reused, 1, "{stats:?}");
        assert_eq!(stats.parsed - stats.parsed_reused, 1, "{stats:?}");
        assert_eq!(stats.pages - stats.pages_reused, 3, "{stats:?}");
        assert!(cached == files(&opts, &mut BuildCache::disabled()));

        // A lint finding comes and goes with its document's edits, as in a fresh build.
        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, format!("{text}\n#### Too deep\n\nText.\n")).unwrap();
        cache.changed(std::slice::from_ref(&doc));
        let cached = files(&opts, &mut cache);
        assert!(cached.1.contains("heading-level"), "{}", cached.1);
        assert!(cached == files(&opts, &mut BuildCache::disabled()));
        std::fs::write(&doc, &text).unwrap();
        cache.changed(std::slice::from_ref(&doc));
        let cached = files(&opts, &mut cache);
        assert!(!cached.1.contains("heading-level"), "{}", cached.1);
        assert!(cached == files(&opts, &mut BuildCache::disabled()));

        // A title edit changes lists and links on other pages too.
        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(
            &doc,
            text.replace(
                "title: Alpha CES pathway",
                "title: Alpha cauda equina pathway",
            ),
        )
        .unwrap();
        cache.changed(std::slice::from_ref(&doc));
        let cached = files(&opts, &mut cache);
        assert!(cache.stats().pages - cache.stats().pages_reused > 1);
        assert!(cached == files(&opts, &mut BuildCache::disabled()));

        // A link to a missing document is an error until the document exists, and again
        // once it is removed: cached renderings follow the documents they link to.
        let leaflet = content.join("national/leaflets/back-pain.md");
        let text = std::fs::read_to_string(&leaflet).unwrap();
        std::fs::write(
            &leaflet,
            format!("{text}\nSee [the new pathway](../pathways/new.md).\n"),
        )
        .unwrap();
        let broken = |cache: &mut BuildCache| {
            let (report, out) = site::render(&opts, cache).unwrap();
            out.is_none() && report.diags.iter().any(|d| d.code == "broken-link")
        };
        cache.changed(std::slice::from_ref(&leaflet));
        assert!(broken(&mut cache));
        // A new file and a removed one are more than edits: the folder is read again.
        let new = content.join("national/pathways/new.md");
        let national = std::fs::read_to_string(content.join("national/pathways/ces.md")).unwrap();
        std::fs::write(&new, national).unwrap();
        cache.changed(std::slice::from_ref(&new));
        let cached = files(&opts, &mut cache);
        assert!(cached == files(&opts, &mut BuildCache::disabled()));
        std::fs::remove_file(&new).unwrap();
        cache.changed(std::slice::from_ref(&new));
        assert!(broken(&mut cache));
    }

    /// The settings are kept while only documents change, and read again when site.yaml or a
    /// network's profile does.
    #[test]
    fn settings_follow_their_files() {
        let (_dir, opts) = crate::testing::base_fixture();
        let content = opts.content.clone();
        let mut cache = BuildCache::new();
        files(&opts, &mut cache);
        let kept = |cache: &BuildCache| cache.settings.as_ref().unwrap().1.clone();
        let before = kept(&cache);

        let doc = content.join("networks/alpha/pathways/ces-local.md");
        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, text.replace("Call the hub.", "Call the hub now.")).unwrap();
        cache.changed(std::slice::from_ref(&doc));
        files(&opts, &mut cache);
        assert!(
            Arc::ptr_eq(&before, &kept(&cache)),
            "kept, not parsed again"
        );

        for (file, from, to) in [
            ("site.yaml", "title: ", "title: Renamed "),
            ("networks/alpha/network.yaml", "name: ", "name: Renamed "),
        ] {
            let path = content.join(file);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{file}");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
            cache.changed(std::slice::from_ref(&path));
            let cached = files(&opts, &mut cache);
            let home = cached.0.iter().find(|(p, _)| p == "index.html").unwrap();
            assert!(
                String::from_utf8_lossy(&home.1).contains("Renamed "),
                "{file}"
            );
            assert!(
                cached == files(&opts, &mut BuildCache::disabled()),
                "{file}"
            );
        }
    }

    /// A workplan page names the indicator a deliverable reports on: renaming the indicator in
    /// indicators.yaml, with no document changed, remakes that page in the preview too.
    #[test]
    fn an_indicator_renamed_renames_it_on_workplan_pages() {
        let (_dir, opts) = crate::testing::base_fixture();
        let content = opts.content.clone();
        let indicators = content.join("indicators.yaml");
        let definition = "indicators:\n  - id: mri-4h\n    name: MRI within 4 hours\n    section: Emergency\n    unit: percent\n    direction: higher\n    source: [local-audit]\n";
        std::fs::write(&indicators, definition).unwrap();
        let plan = content.join("networks/alpha/workplan/2026-27.yaml");
        std::fs::create_dir_all(plan.parent().unwrap()).unwrap();
        std::fs::write(
            &plan,
            "areas:\n  - area: service-delivery\n    deliverables:\n      - title: Extend MRI hours\n        lead: Imaging lead\n        indicator: mri-4h\n",
        )
        .unwrap();
        let page = |files: &(Vec<(String, Bytes)>, String)| {
            let (_, bytes) = files
                .0
                .iter()
                .find(|(path, _)| path == "alpha/workplan/2026-27/index.html")
                .expect("the workplan page");
            String::from_utf8(bytes.to_vec()).unwrap()
        };
        let mut cache = BuildCache::new();
        assert!(page(&files(&opts, &mut cache)).contains("MRI within 4 hours"));

        std::fs::write(
            &indicators,
            definition.replace("MRI within 4 hours", "MRI scans within 4 hours"),
        )
        .unwrap();
        cache.changed(std::slice::from_ref(&indicators));
        let cached = files(&opts, &mut cache);
        assert!(page(&cached).contains("MRI scans within 4 hours"));
        assert!(cached == files(&opts, &mut BuildCache::disabled()));
    }
}
