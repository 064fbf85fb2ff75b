//! pathways turns a git repository of Markdown and YAML — the pathways, policies, protocols and
//! patient leaflets of England's spinal services clinical networks — into a static website with
//! a view per network.
//!
//! # Code map
//!
//! Data flows one way. The modules are in layers, lowest first; a module imports only modules
//! of earlier layers, or earlier in its own layer's list, so there is no import cycle and no
//! module reaches one later in the pipeline:
//!
//! ```text
//!  1 foundations  intern diag yaml place slug html dates kind review routes readability redline
//!                 incremental output languages
//!  2 reading      source history
//!  3 settings     accessibility config workplan services network indicators settings
//!  4 documents    evidence content versions forms
//!  5 rendering    flowchart render compare assets
//!  6 library      library
//!  7 derived      translations variation lints coverage search catalog feedback
//!  8 pages        theme pages
//!  9 site         cache site
//! 10 commands     scaffold init serve
//! ```
//!
//! 1. Foundations, which know nothing of documents:
//!    - [`intern`]: text many values repeat, held once and shared.
//!    - [`diag`]: the [`diag::Diagnostic`] value every content problem becomes, and its
//!      renderers. [`yaml`]: the only serde_yaml call. [`place`]: where a key or value sits in
//!      a YAML file, for its diagnostics. [`slug`]: the rule for ids and file names.
//!    - [`html`]: escaping and anchor slugs. [`dates`]: the YYYY-MM-DD rule and `1 March
//!      2026`. [`kind`]: the kinds of document, each kind's standard sections and the leaflet types.
//!      [`review`]: [`review::ReviewState`] (ok, due soon, overdue) and both windows.
//!    - [`routes`]: every output path and page address. [`readability`]: reading levels.
//!      [`redline`]: a section-aware comparison of two rendered documents.
//!    - [`incremental`]: fingerprints and the generic [`incremental::Memo`] rebuilds use.
//!      [`output`]: minification and the atomic swap of the output folder (the only writer).
//!      [`languages`]: the languages a leaflet can be translated into.
//! 2. Reading: [`source`] reads the content tree; [`history`] the git history, batched.
//! 3. Settings: [`accessibility`] (site.yaml's accessibility statement: its checks and the
//!    view of its page), [`config`] (site.yaml, glossary.yaml, network.yaml), [`workplan`] (annual
//!    workplans and reports), [`services`] (a network's service directory), [`network`],
//!    [`indicators`] (definitions, figures, statistics, SVG charts, page views), and
//!    [`settings`], which loads them all before any document. [`service_refs`]: the
//!    directory's contacts as `service:` links in documents show them.
//! 4. Documents: [`evidence`] (the front matter's sources, evidence check and user testing);
//!    [`content`] (front matter → checked [`content::Document`]); [`versions`] (approved versions from history; the version in force on a date);
//!    [`forms`] (a leaflet's translations and Easy Read version, as their file names say).
//! 5. Rendering: [`flowchart`] (```` ```flowchart ```` blocks: steps, layout, SVG, text
//!    version); [`render`] (Markdown → HTML with anchors, callouts, link rewriting,
//!    highlighting, sanitising); [`compare`] (version diffs); [`assets`] (refuses asset files
//!    a browser could run).
//! 6. [`library`]: every published page, with cross-document checks (ids, links, anchors,
//!    adapts). It parses and renders through [`library::DocumentSteps`]: afresh, or through the
//!    preview's cache, which it never sees, and is given the step that makes the translations.
//! 7. Derived data and checks, pure functions of the library: [`translations`] (leaflets'
//!    translations and Easy Read versions, `<slug>.<lang>.md`, checked against the English
//!    leaflet's versions; the library holds them), [`variation`] (how adaptations
//!    depart from national documents), [`lints`] (assurance warnings), [`coverage`] (the
//!    dashboard), [`search`] (the sharded static index, one per language), [`catalog`]
//!    (catalog.json, sitemap, feed), [`feedback`] (the "Report a problem" link).
//! 8. Pages: [`theme`] (embedded Tera templates, per-file overrides, static files) and
//!    [`pages`] (the page list, borrowed view structs, one context function per kind of page).
//!    A context function gets the documents its page shows and sees every other document only
//!    as a [`pages::summary::Summary`] (id, address, front matter, adaptations), never its
//!    body: see the invariants below.
//! 9. Site: [`cache`] wraps the pure phases in memos for the preview's rebuilds; [`site`] is
//!    the ordered list of phases, `build` and `check`.
//! 10. Commands: [`scaffold`] (`pathways new`), [`init`] (`pathways init`), and `serve` (cargo
//!     feature `serve`, on by default): the live preview — watcher, in-memory rebuilds, HTTP
//!     server with live reload and an error overlay, and the search index and handbooks made just after
//!     each reload.
//!
//! # Layers
//!
//! The modules in pipeline order: a module imports only modules of its own layer and earlier
//! ones, never a later one, and imports never form a cycle. `tests/integration/layers.rs`
//! reads this list (a numbered item per layer, its modules in backticks before the `:`) and
//! checks every `crate::` path in src/; the imports that break it today are listed there as
//! known exceptions, each with its reason.
//!
//! 1. `intern`, `diag`, `yaml`, `place`, `slug`, `html`, `dates`, `kind`, `review`, `routes`, `readability`, `redline`, `incremental`, `output`, `languages`:
//!    foundations, which know nothing of documents
//! 2. `source`, `history`: reading (content files, git)
//! 3. `accessibility`, `config`, `workplan`, `services`, `network`, `indicators`, `settings`, `service_refs`: settings and
//!    network data, checked, loaded before any document
//! 4. `evidence`, `content`, `versions`, `forms`: documents (with their sources and evidence
//!    dates), their approved versions, and the names of leaflets' translations
//! 5. `flowchart`, `render`, `compare`, `assets`: Markdown and assets, page by page
//! 6. `library`: every published page, with cross-document checks
//! 7. `translations`, `variation`, `lints`, `coverage`, `search`, `catalog`, `feedback`:
//!    what is derived from the library (the translations are made from its pages and held
//!    in it)
//! 8. `theme`, `pages`: templates, and the list of pages with what each shows
//! 9. `cache`, `site`: the memos around the phases, and the list of phases
//! 10. `scaffold`, `init`, `serve`: the other commands
//!
//! # Invariants
//!
//! - Content problems are values ([`diag::Diagnostic`]), never panics; operational failures
//!   (I/O, a broken template) are `Err`.
//! - Only [`source`] (the files) and [`history`] (git) read content, and only [`output`] writes;
//!   everything between is pure.
//! - No hash-map iteration reaches the output: the same content gives byte-identical files.
//! - A draft never unpublishes the approved version it revises: the latest approved version
//!   from git history stays the page (see [`library`]); without history, a build that would
//!   drop it fails instead.
//! - A build with any error leaves the previous output folder as it was: content errors are
//!   found before anything is written, and pages written into the staging folder before a
//!   later failure (a broken template, a full disk) are removed with it. Exit status and
//!   output agree: [`output`] checks the previous site can be removed before the swap and
//!   undoes a failed swap; what a killed build leaves is cleared by the next one.
//! - A rebuild equals a fresh build byte for byte: a file is reused from the previous output
//!   only if its bytes on disk equal the new ones.
//! - A document's body reaches only the pages that show it, and those say so: a page's
//!   context function is given the [`library::Page`]s its job holds
//!   ([`pages::PageJob::shows`]: its own document, or the documents a comparison, variation
//!   page or handbook shows) and the rest of the site as [`pages::summary::Summaries`], which
//!   give no document's rendering, plain text or source. The preview's cache
//!   ([`cache::BuildCache`], its page plan) relies on it: while the summaries' shape is unchanged,
//!   it remakes only the pages that show a document whose body changed.

pub mod accessibility;
pub mod assets;
pub mod cache;
pub mod catalog;
pub mod compare;
pub mod config;
pub mod content;
pub mod coverage;
pub mod dates;
pub mod diag;
pub mod evidence;
pub mod feedback;
pub mod flowchart;
pub mod forms;
pub mod history;
pub mod html;
pub mod incremental;
pub mod indicators;
pub mod init;
pub mod intern;
pub mod kind;
pub mod languages;
pub mod library;
pub mod lints;
pub mod network;
pub mod output;
pub mod pages;
pub mod place;
pub mod readability;
pub mod redline;
pub mod render;
pub mod review;
pub mod routes;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod service_refs;
pub mod services;
pub mod settings;
pub mod site;
pub mod slug;
pub mod source;
pub mod theme;
pub mod translations;
pub mod variation;
pub mod versions;
pub mod workplan;
pub mod yaml;

/// What unit tests of several modules share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::library::Selection;
    use crate::site::BuildOptions;
    use std::path::Path;

    /// A copy of the base fixture in a fresh folder (removed when the first value is dropped),
    /// and the options of a preview-like build of it: drafts, no history.
    pub fn base_fixture() -> (tempfile::TempDir, BuildOptions) {
        copied("tests/fixtures/base")
    }

    /// A copy of the bundled example content (it has indicators and their figures), with the
    /// options [`base_fixture`] has.
    pub fn example_content() -> (tempfile::TempDir, BuildOptions) {
        copied("content")
    }

    /// A copy of the content folder `folder` (below the repository) in a temporary folder.
    fn copied(folder: &str) -> (tempfile::TempDir, BuildOptions) {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        let content = dir.path().join("content");
        for e in walkdir::WalkDir::new(&from) {
            let e = e.unwrap();
            let dest = content.join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(e.path(), &dest).unwrap();
            }
        }
        let opts = BuildOptions {
            content,
            out: dir.path().join("public"),
            selection: Selection {
                drafts: true,
                network: None,
            },
            base_url: None,
            today: "2026-11-23".parse().unwrap(),
            as_of: None,
            history: crate::site::HistoryUse::Off,
        };
        (dir, opts)
    }

    /// The library of the base fixture, as [`base_fixture`]'s options build it.
    pub fn base_library() -> crate::library::Library {
        let (_dir, opts) = base_fixture();
        let source = crate::source::read(&opts.content, &mut Vec::new()).unwrap();
        let lib_opts = crate::library::LibraryOptions {
            selection: opts.selection.clone(),
            base_url: None,
            today: opts.today,
            as_of: None,
            check: false,
        };
        crate::library::Library::build(&source, &lib_opts, &crate::translations::build)
            .0
            .expect("the base fixture builds")
    }
}
