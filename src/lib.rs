//! pathways turns a git repository of Markdown and YAML — the pathways, policies, protocols and
//! patient leaflets of England's spinal services clinical networks — into a static website with
//! a view per network.
//!
//! # Code map
//!
//! Data flows one way; each phase is a function from input to output:
//!
//! ```text
//! source (the only reader) + history (git) ─► config / network / content (front matter, checks) ─► render
//!   (Markdown, per page) ─► library (all pages, links, adaptations; immutable) ─► theme /
//!   catalog ─► output (the only writer: minify, write atomically) ─► site (the list of phases)
//! ```
//!
//! - [`diag`]: the [`diag::Diagnostic`] value every content problem becomes, and its renderers.
//! - [`yaml`]: the only serde_yaml call.
//! - [`config`], [`network`]: site.yaml, glossary.yaml and network.yaml as checked types.
//! - [`services`]: a network's service directory (services.yaml), checked; [`place`]: where a
//!   value sits in a YAML file, for its diagnostics; [`service_refs`]: `service:` links in
//!   documents, shown as the directory's current contact.
//! - [`workplan`]: a network's annual workplans (workplan/<year>.yaml) and progress reports.
//! - [`source`]: reads the content tree into memory.
//! - [`assets`]: refuses asset files a browser could run (SVG with scripts, HTML pages).
//! - [`history`]: the git history of the content folder (the only other reader), batched.
//! - [`content`]: front matter → checked [`content::Document`].
//! - [`versions`]: a document's approved versions from history; the version in force on a date.
//! - [`flowchart`]: ```` ```flowchart ```` blocks: checked steps, a layered layout, the SVG and
//!   its text version.
//! - [`render`]: Markdown → HTML with anchors, callouts, link rewriting, highlighting, sanitising.
//! - [`library`]: every published page, with cross-document checks (ids, links, anchors, adapts).
//! - [`theme`]: embedded Tera templates with per-file overrides; view structs.
//! - [`lints`]: assurance warnings over the library (reviews, leaflets, accessibility).
//! - [`indicators`]: indicators.yaml and the networks' figures as checked types; their
//!   statistics, SVG charts and page views.
//! - [`coverage`], [`readability`]: the coverage dashboard and leaflet reading levels.
//! - [`redline`]: a section-aware comparison of two rendered documents (`<del>`/`<ins>`).
//! - [`variation`]: how each network's adaptation departs from its national document.
//! - [`catalog`]: catalog.json, sitemap.xml, feed.xml.
//! - [`search`]: the sharded static search index under `search/` (the client is a theme file).
//! - [`output`]: minification and the atomic swap of the output folder.
//! - [`site`]: `build` and `check`.
//! - [`cache`]: what a rebuild reuses from the previous build (parsed and rendered documents,
//!   finished pages), keyed by content.
//! - [`scaffold`]: `pathways new`; [`init`]: `pathways init`, a new content repository.
//! - `serve` (cargo feature `serve`, on by default): the live preview — watcher, in-memory
//!   rebuilds, HTTP server with live reload and an error overlay.
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

pub mod assets;
pub mod cache;
pub mod catalog;
pub mod compare;
pub mod config;
pub mod content;
pub mod coverage;
pub mod diag;
pub mod flowchart;
pub mod history;
pub mod indicators;
pub mod init;
pub mod library;
pub mod lints;
pub mod network;
pub mod output;
pub mod place;
pub mod readability;
pub mod redline;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod service_refs;
pub mod services;
pub mod site;
pub mod source;
pub mod theme;
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
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
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
}
