//! The named list of phases: read → check and render (library) → theme → output. `build`
//! writes a site, `check` stops before writing. Each phase is timed for `--verbose` runs and
//! benchmarks.

use crate::cache::{BuildCache, PageError};
use crate::diag::{self, Diagnostic};
use crate::incremental::infallible;
use crate::library::{Library, LibraryOptions, Past, Selection};
use crate::output::WriteError;
use crate::output::{self, OutputFile};
use crate::render::highlight;
use crate::theme::TemplateError;
use crate::{
    assets, catalog, coverage, history, lints, pages, routes, search, source, theme, translations,
    variation,
};
use bytes::Bytes;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

mod git;
mod memory;
mod timer;
use git::{finish_history, no_history, start_history};
pub use memory::{make_later, render, render_all_but_later, Later};
use timer::{quiet, Timer};
pub use timer::{Phase, Progress, BUILD_PHASES};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    pub selection: Selection,
    pub base_url: Option<String>,
    pub today: Date,
    /// `--as-of`: build the site as published on this date.
    pub as_of: Option<Date>,
    /// How the build uses the content's git history.
    pub history: HistoryUse,
}

/// How a build uses the content's git history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryUse {
    /// Not read (unit tests, fuzzing): current files only, without a warning.
    Off,
    /// Every document's past versions (`build`, `check`). Without a history the build warns
    /// once (`no-history`).
    Full,
    /// The preview: read once and kept while the server runs (it changes only when someone
    /// commits). Only documents being revised, whose current file is a draft or consultation,
    /// show their versions, so the draft's page can link to the approved version in force.
    Revisions,
}

/// Failures that are not content errors: exit code 2 for usage, or an I/O or theme problem.
#[derive(Debug)]
pub enum Failure {
    Usage(String),
    Operational(String),
}

impl From<TemplateError> for Failure {
    fn from(e: TemplateError) -> Self {
        Failure::Operational(e.to_string())
    }
}

impl From<WriteError> for Failure {
    fn from(e: WriteError) -> Self {
        Failure::Operational(e.to_string())
    }
}

impl From<PageError> for Failure {
    fn from(e: PageError) -> Self {
        Failure::Operational(e.to_string())
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Usage(m) | Failure::Operational(m) => f.write_str(m),
        }
    }
}

#[derive(Debug, Default)]
pub struct BuildReport {
    /// Sorted diagnostics; any error means nothing was written.
    pub diags: Vec<Diagnostic>,
    pub pages: usize,
    pub files: usize,
    pub timings: Vec<Phase>,
    /// Leftovers of this or an earlier build that could not be removed beside the output
    /// folder (the site is in place all the same), for the person building.
    pub notes: Vec<String>,
}

impl BuildReport {
    pub fn succeeded(&self) -> bool {
        diag::count_errors(&self.diags) == 0
    }
}

/// What [`load`] gives: the content as read (shared with the build cache), the library unless
/// the content could not be loaded, and the diagnostics.
type Loaded = (Arc<source::Source>, Option<Library>, Vec<Diagnostic>);

/// Reads the content and builds the library, checking a `--network` request against the folders.
fn load(
    opts: &BuildOptions,
    timer: &mut Timer,
    cache: &mut BuildCache,
    check: bool,
) -> Result<Loaded, Failure> {
    let mut diags = Vec::new();
    let wanted = match opts.history {
        _ if opts.as_of.is_some() => HistoryUse::Full,
        other => other,
    };
    // git reads the history while the content is read.
    let history = match wanted {
        HistoryUse::Off => None,
        HistoryUse::Full | HistoryUse::Revisions => Some(start_history(opts, cache)?),
    };
    let source = cache
        .read_source(&opts.content, &mut diags)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some(n) = &opts.selection.network {
        if !source.networks.iter().any(|s| &s.id == n) {
            let ids: Vec<&str> = source.networks.iter().map(|s| s.id.as_str()).collect();
            let guess = diag::suggest(n, ids.iter().copied())
                .map_or(String::new(), |s| format!("did you mean `{s}`? "));
            return Err(Failure::Usage(format!(
                "there is no network `{n}`; {guess}The networks are: {}",
                ids.join(", ")
            )));
        }
    }
    timer.lap("read");
    let history = match history {
        None => None,
        Some(started) => Some(finish_history(started, opts, cache)?),
    };
    let past = match (history.as_deref(), wanted) {
        (None, _) => Past::NotRead,
        (Some(Err(why)), _) => {
            if opts.as_of.is_some() {
                return Err(Failure::Usage(format!(
                    "--as-of needs the content's git history, but {why}"
                )));
            }
            // The preview publishes nothing: no need to say what a build would leave out,
            // only that git is stuck.
            if wanted == HistoryUse::Full || matches!(why, history::Unavailable::TimedOut(_)) {
                diags.push(no_history(why));
            }
            Past::Unavailable(why)
        }
        (Some(Ok(h)), HistoryUse::Revisions) => Past::Revisions(h),
        (Some(Ok(h)), _) => Past::Full(h),
    };
    timer.lap("history");
    let lib_opts = LibraryOptions {
        selection: opts.selection.clone(),
        base_url: opts.base_url.clone(),
        today: opts.today,
        as_of: opts.as_of,
        check,
    };
    let settings = cache.settings(&source, &mut diags);
    let translate = &translations::build;
    let (library, more) = Library::build_with(&source, settings, past, &lib_opts, cache, translate);
    diags.extend(more);
    diags.extend(assets::check(&source.assets));
    if let Some(lib) = &library {
        diags.extend(lints::library(lib));
        if let Some(site) = &source.site {
            diags.extend(lints::site_references(lib, &site.path, &site.text));
            diags.extend(lints::accessibility_statement(lib, &site.path, &site.text));
            diags.extend(crate::feedback::lint(lib, &site.path));
        }
        // Each page's lints are reused while its document and rendering are the same. Last,
        // as the most numerous: the list grows once for them, and after them only shrinks (or
        // gains the one note of `placeholders` for the several it takes out).
        let each = lints::PageLints::new(lib);
        cache.page_lints(lib, |page| each.page(lib, page), &mut diags);
    }
    if let (Some(n), Some(lib)) = (&opts.selection.network, &library) {
        let used = lib.national_used_by(n);
        diags.retain(|d| concerns_network(d, n, &used));
    }
    if let (Some(lib), Some(site)) = (&library, &source.site) {
        lints::placeholders(&mut diags, &lib.site, &site.path, &site.text);
    }
    diag::sort(&mut diags);
    timer.lap("check and render");
    Ok((source, library, diags))
}

/// Whether a diagnostic concerns a build or check of one network: its own files, the site's
/// settings and assets (problems of the whole site), any error in a national document (every
/// national document is published with the network), and warnings about the national
/// documents its own documents link to or adapt. Other networks' files never concern it: they
/// are not part of its site.
fn concerns_network(d: &Diagnostic, network: &str, used_national: &BTreeSet<String>) -> bool {
    if let Some(rest) = d.path.strip_prefix("networks/") {
        let id = rest.split('/').next().unwrap_or(rest);
        return id == network;
    }
    if d.path.starts_with("national/") {
        return d.is_error() || used_national.contains(&*d.path);
    }
    true
}

/// Builds the site into `opts.out`. Content errors are in the report and leave the output
/// folder untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, Failure> {
    build_with_progress(opts, &quiet, Afterwards::Free)
}

/// What becomes of what a build was made from (every document, rendering and page) once the
/// site is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Afterwards {
    /// Freed, for a process that goes on (tests, a program building more than once).
    Free,
    /// Left to the operating system, for a process that exits next (the command line):
    /// freeing it one allocation at a time took 60 ms of one core after a 10,000-document
    /// build, time the operating system takes back at once at exit.
    Exit,
}

/// Where `opts.out` really is (see [`output::resolve`]), refused before anything is read if
/// it is a folder pathways did not write, or if it and the content folder are one inside the
/// other: an output inside the content would be read back as content (drafts and all) by the
/// next build, and content inside the output would be replaced with it.
fn output_folder(opts: &BuildOptions) -> Result<PathBuf, Failure> {
    let usage = |e: std::io::Error| Failure::Usage(e.to_string());
    let out = output::resolve(&opts.out).map_err(usage)?;
    // A content folder that leads nowhere is reported by the reading phase, in its words.
    if let Ok(content) = output::resolve(&opts.content) {
        check_apart(&out, &content, opts)?;
    }
    output::check_target(&out).map_err(usage)?;
    Ok(out)
}

/// Refuses an output folder and a content folder (both resolved) inside one another.
fn check_apart(out: &Path, content: &Path, opts: &BuildOptions) -> Result<(), Failure> {
    let (o, c) = (opts.out.display(), opts.content.display());
    if content.starts_with(out) {
        return Err(Failure::Usage(format!(
            "the content folder {c} is inside the output folder {o}, which every build replaces as a whole; choose an --out that does not contain {c}"
        )));
    }
    if out.starts_with(content) {
        return Err(Failure::Usage(format!(
            "the output folder {o} is inside the content folder {c}, so the next build would read the site back as content, drafts and all; choose an --out outside {c}"
        )));
    }
    Ok(())
}

/// [`build`], telling `progress` as each phase ends.
pub fn build_with_progress(
    opts: &BuildOptions,
    progress: Progress<'_>,
    afterwards: Afterwards,
) -> Result<BuildReport, Failure> {
    let out = output_folder(opts)?;
    let open = || {
        output::Staging::new(&out)
            .map_err(|e| Failure::Operational(format!("cannot write {}: {e}", opts.out.display())))
    };
    let (mut report, staging) =
        render_into(opts, &mut BuildCache::disabled(), progress, open, Make::All)?;
    let Some((staging, made)) = staging else {
        return Ok(report);
    };
    let start = Instant::now();
    let written = staging.finish();
    if afterwards == Afterwards::Exit {
        std::mem::forget(made);
    }
    report.notes = written
        .map_err(|e| Failure::Operational(format!("cannot write {}: {e}", opts.out.display())))?;
    report.timings.push(Phase::ended("write", start.elapsed()));
    progress("write");
    Ok(report)
}

/// Whether a build makes every file, or leaves the search index and the pages of
/// [`pages::SitePages::later`] to the caller (the preview, see [`memory`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Make {
    All,
    AllButLater,
}

/// What a successful build was made from: the library and the theme.
pub struct Made {
    pub lib: Library,
    theme: Arc<theme::Theme>,
}

/// Where a build's files go as they are made: a staging folder, or memory.
trait Sink: Sync {
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), WriteError>;

    /// How many files were put. (Counted by the sink: a counter shared by the threads putting
    /// files moved between the cores with each of 20,000 files.)
    fn count(&self) -> usize;
}

impl Sink for output::Staging {
    fn put(&self, path: &str, bytes: Bytes) -> Result<(), WriteError> {
        output::Staging::put(self, path, &bytes).map_err(|e| WriteError::new(path, e))
    }

    fn count(&self) -> usize {
        output::Staging::count(self)
    }
}

/// Loads, checks and renders the site into the sink `open` makes, which is opened only when
/// the content has no errors: `None` then, with the errors in the report. Returns what the
/// site was made from too, for what the preview makes later.
fn render_into<S: Sink>(
    opts: &BuildOptions,
    cache: &mut BuildCache,
    progress: Progress<'_>,
    open: impl FnOnce() -> Result<S, Failure>,
    make: Make,
) -> Result<(BuildReport, Option<(S, Made)>), Failure> {
    let mut timer = Timer::new(progress);
    let (mut source, library, diags) = load(opts, &mut timer, cache, false)?;
    // The library holds every document (sharing its text); the list of files is done with,
    // unless the cache keeps it for the next build.
    if let Some(source) = Arc::get_mut(&mut source) {
        source.documents = Vec::new();
    }
    let mut report = BuildReport {
        diags,
        ..BuildReport::default()
    };
    let Some(mut lib) = library.filter(|_| report.succeeded()) else {
        report.timings = timer.timings;
        return Ok((report, None));
    };
    if !cache.keeps() {
        lib.release_sources();
    }
    let theme = cache.theme(&source.templates)?;
    let sink = open()?;
    report.files = site_files(&mut lib, &source, &theme, cache, &mut timer, &sink, make)?;
    report.pages = lib.pages.len();
    report.timings = timer.timings;
    Ok((report, Some((sink, Made { lib, theme }))))
}

/// Makes every output file (pages, machine-readable files, theme and content assets) and
/// puts it in `sink`; returns how many there were.
fn site_files(
    lib: &mut Library,
    source: &source::Source,
    theme: &theme::Theme,
    cache: &mut BuildCache,
    timer: &mut Timer,
    sink: &impl Sink,
    make: Make,
) -> Result<usize, Failure> {
    let put = |path: &str, bytes: Bytes| sink.put(path, bytes);
    // The search index first: it is the last reader of the renderings' plain text, which a
    // one-off build then frees before it makes the pages.
    if make == Make::All {
        search::write(lib, &put)?;
        timer.lap("search index");
        if !cache.keeps() {
            lib.release_texts();
        }
    }
    let lib = &*lib;
    let plan = cache.page_plan(lib, theme.fingerprint());
    let variation = variation::Variation::build(lib);
    timer.lap("variation");
    let pages = pages::SitePages::new(lib, make == Make::All).with_variation(&variation);
    cache.pages(&pages, plan, page_renderer(theme), &put)?;
    timer.lap("pages");
    // Made from the indicators, their figures and the site's shape; no document's body.
    let key = cache.indicators_key(&lib.indicators);
    let indicators =
        cache.derived_files(routes::INDICATORS_JSON, key, || indicator_files(lib, theme))?;
    put_all(indicators, &put)?;
    timer.lap("indicators");
    let formats = pages::format_pages(lib, theme)?;
    put_all(
        formats
            .into_par_iter()
            .map(|(path, html)| OutputFile::new(path, output::minify(html.as_bytes())))
            .collect(),
        &put,
    )?;
    timer.lap("translations");
    // The catalog shows each adaptation's share of changed words, which its body changes.
    let catalog = infallible(
        cache.derived(routes::CATALOG_JSON, variation.fingerprint(), || {
            Ok(catalog::catalog_json(lib, &variation.shares()).into())
        }),
    );
    let mut listing = |name: &'static str, make: fn(&Library) -> String| {
        let bytes = infallible(cache.derived(name, 0, || Ok(make(lib).into())));
        OutputFile::new(name, bytes)
    };
    let mut more = vec![
        OutputFile::new(routes::CATALOG_JSON, catalog),
        listing(routes::FEED, catalog::atom_feed),
    ];
    if make == Make::All {
        more.extend(coverage_files(lib, theme, cache)?);
    }
    more.extend(infallible(
        cache.derived_files(routes::SITEMAP, 0, || Ok(catalog::sitemaps(lib))),
    ));
    // Minifying the stylesheets and checking the code stylesheet's colours: once while the
    // theme's static overrides are the same (about 1 ms of every preview rebuild).
    let key = theme::static_fingerprint(&source.theme_static);
    more.extend(infallible(cache.derived_files("theme/", key, || {
        Ok(theme::static_files(
            &source.theme_static,
            highlight::stylesheet(),
        ))
    })));
    more.extend(
        source
            .assets
            .iter()
            .map(|a| OutputFile::new(format!("assets/{}", a.path), a.bytes.clone())),
    );
    if let Some(html) = pages::accessibility_page::render(lib, theme)? {
        let path = format!("{}index.html", crate::accessibility::PATH);
        more.push(OutputFile::new(path, output::minify(html.as_bytes())));
    }
    put_all(more, &put)?;
    timer.lap("other files");
    Ok(sink.count())
}

/// The coverage dashboard and its JSON. The preview makes them after the reload: they change
/// with every leaflet's reading level, and at 10,000 documents rendering the dashboard was a
/// fifth of a rebuild.
fn coverage_files(
    lib: &Library,
    theme: &theme::Theme,
    cache: &mut BuildCache,
) -> Result<[OutputFile; 2], Failure> {
    let coverage = coverage::build(lib);
    let json = coverage::to_json(&coverage);
    let key = crate::incremental::fingerprint(&(theme.fingerprint(), &json));
    let page = cache.derived(routes::COVERAGE_FILE, key, || {
        pages::coverage_page(lib, theme, &coverage)
            .map(|html| output::minify(html.as_bytes()).into())
    })?;
    Ok([
        OutputFile::new(routes::COVERAGE_FILE, page),
        OutputFile::new(routes::COVERAGE_JSON, json),
    ])
}

/// Renders a page's template and context, minified, with the bodies it prints apart.
fn page_renderer(
    theme: &theme::Theme,
) -> impl Fn(&'static str, &tera::Context, &dyn output::Bodies) -> Result<Vec<u8>, TemplateError>
       + Sync
       + '_ {
    |template, context, bodies| {
        let html = theme.render(template, context)?;
        let page = output::minify(html.as_bytes());
        // Freed before the bodies go in: a handbook's finished page is 12 MB.
        drop(html);
        Ok(output::put_bodies(page, bodies))
    }
}

/// The indicator pages, `indicators.json` and the CSV files the pages link to; none when
/// the site defines no indicators.
fn indicator_files(lib: &Library, theme: &theme::Theme) -> Result<Vec<OutputFile>, Failure> {
    use crate::indicators::pages;
    if lib.indicators.is_empty() {
        return Ok(Vec::new());
    }
    let root = lib.site.base_path();
    let site = pages::Site {
        root: &root,
        networks: lib.networks.iter().map(|n| n.id.as_str()).collect(),
    };
    let mut files: Vec<OutputFile> = crate::pages::indicator_pages(lib, theme)?
        .into_par_iter()
        .map(|(path, html)| OutputFile::new(path, output::minify(html.as_bytes())))
        .collect();
    files.push(OutputFile::new(
        routes::INDICATORS_JSON,
        pages::json(&lib.indicators, &lib.site.base_url()),
    ));
    let csv = pages::csv_files(&lib.indicators, &site);
    let csv = csv.map_err(|e| Failure::Operational(e.to_string()))?;
    files.extend(csv.into_iter().map(|(p, b)| OutputFile::new(p, b)));
    Ok(files)
}

fn put_all(files: Vec<OutputFile>, put: output::Put<'_>) -> Result<(), Failure> {
    files
        .into_par_iter()
        .try_for_each(|f| put(&f.path, f.bytes))
        .map_err(Failure::from)
}

/// Checks everything a build would, drafts included, without writing. `strict` turns warnings
/// into errors; `network` reports only what concerns that network.
pub fn check(
    content: PathBuf,
    today: Date,
    strict: bool,
    network: Option<String>,
) -> Result<Vec<Diagnostic>, Failure> {
    let opts = BuildOptions {
        content,
        out: PathBuf::new(),
        selection: Selection {
            drafts: true,
            network,
        },
        base_url: None,
        today,
        as_of: None,
        history: HistoryUse::Full,
    };
    let (_, _, mut diags) = load(
        &opts,
        &mut Timer::new(&quiet),
        &mut BuildCache::disabled(),
        true,
    )?;
    // Checking is about today's files: a folder not yet in git (a new site from `init`) is
    // fine to check. Builds say that past versions are missing.
    diags.retain(|d| d.code != "no-history");
    if strict {
        for d in &mut diags {
            d.severity = diag::Severity::Error;
        }
    }
    Ok(diags)
}
