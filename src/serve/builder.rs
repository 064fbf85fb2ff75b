//! Rebuilds the site in memory and publishes each result as a [`Snapshot`]. A successful
//! build replaces the served files (its pages by the last ones with those it made again, see
//! [`crate::cache::Handover`]); a failed one keeps the last good files and adds its errors,
//! which the browser overlay shows as the terminal printed them.
//!
//! The terminal gets the whole report (capped per code, with the summary) on the first build,
//! and after each save only what changed: the new problems in full and one line counting the
//! fixed and the new ones, so a long session does not reprint the same warnings.

use super::files::{FileMap, Files, PageMap};
use crate::cache::{BuildCache, Handover};
use crate::diag::{self, Diagnostic, HumanOptions, Severity};
use crate::search;
use crate::site::{self, BuildOptions, Failure};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;

/// What the server serves at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts successful builds; a page built from an older generation is stale.
    pub generation: u64,
    /// The last good site.
    pub files: Files,
    /// Why the latest build failed: its errors as printed in the terminal; `None` when it
    /// succeeded.
    pub error: Option<String>,
    /// The latest build's warnings: how many, and the list (the preview serves it).
    pub warnings: usize,
    pub warnings_text: Arc<str>,
}

/// What makes two diagnostics of successive builds the same problem: not the line, which an
/// edit above it moves.
type Identity = (
    Severity,
    &'static str,
    std::sync::Arc<str>,
    std::sync::Arc<str>,
);

fn identities(diags: &[Diagnostic]) -> BTreeMap<Identity, usize> {
    let mut all = BTreeMap::new();
    for d in diags {
        *all.entry((d.severity, d.code, d.path.clone(), d.message.clone()))
            .or_default() += 1;
    }
    all
}

/// Owns the build cache and the last good files between rebuilds.
pub struct Builder {
    opts: BuildOptions,
    /// Print how long each phase of each rebuild took.
    verbose: bool,
    cache: BuildCache,
    /// What the last good build left to make after its reload (see [`Builder::add_later`]):
    /// the page reloads first, and its search index, the networks' handbooks and the coverage
    /// dashboard catch up.
    awaiting: Option<site::Later>,
    last: Arc<Snapshot>,
    /// The number of the build whose pages `last` serves (see [`crate::cache::PageChanges`]).
    pages_build: u64,
    /// How the terminal prints problems.
    report: HumanOptions,
    /// The problems of the previous build, once there was one.
    previous: Option<BTreeMap<Identity, usize>>,
    /// A usage error of the latest build (such as an unknown `--network`).
    usage: Option<String>,
}

impl Builder {
    pub fn new(opts: BuildOptions, verbose: bool, report: HumanOptions) -> Self {
        let mut cache = BuildCache::new();
        cache.hand_over(Handover::Changes);
        Builder {
            opts,
            verbose,
            cache,
            awaiting: None,
            last: Arc::new(Snapshot::default()),
            pages_build: 0,
            report,
            previous: None,
            usage: None,
        }
    }

    /// The latest build's usage error, which stops the preview before it starts.
    pub fn usage_failure(&self) -> Option<Failure> {
        self.usage.clone().map(Failure::Usage)
    }

    /// Prints the whole report the first time, then only what changed since the last build.
    fn print_report(&mut self, diags: &[Diagnostic]) {
        let now = identities(diags);
        let Some(before) = self.previous.replace(now.clone()) else {
            eprint!("{}", diag::render_human_with(diags, self.report));
            return;
        };
        let new: Vec<Diagnostic> = {
            let mut seen: BTreeMap<&Identity, usize> = BTreeMap::new();
            diags
                .iter()
                .filter(|d| {
                    let id = (d.severity, d.code, d.path.clone(), d.message.clone());
                    let (key, _) = now.get_key_value(&id).expect("counted");
                    let n = seen.entry(key).or_default();
                    *n += 1;
                    *n > before.get(&id).copied().unwrap_or(0)
                })
                .cloned()
                .collect()
        };
        eprint!("{}", diag::render_blocks(&new, self.report));
        let count = |all: &BTreeMap<Identity, usize>, other: &BTreeMap<Identity, usize>, s| {
            all.iter()
                .filter(|(k, _)| k.0 == s)
                .map(|(k, n)| n.saturating_sub(other.get(k).copied().unwrap_or(0)))
                .sum::<usize>()
        };
        let tally = |e: usize, w: usize| match (e, w) {
            (0, 0) => "0".to_owned(),
            (e, 0) => plural(e, "error"),
            (0, w) => plural(w, "warning"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        };
        let errors = diag::count_errors(diags);
        eprintln!(
            "fixed: {}; new: {} (now {}, {})",
            tally(
                count(&before, &now, Severity::Error),
                count(&before, &now, Severity::Warning)
            ),
            tally(
                count(&now, &before, Severity::Error),
                count(&now, &before, Severity::Warning)
            ),
            plural(errors, "error"),
            plural(diags.len() - errors, "warning"),
        );
    }

    /// The snapshot fields that describe the problems of a build.
    fn problems(&self, diags: &[Diagnostic]) -> (Option<String>, usize, Arc<str>) {
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            diags.iter().cloned().partition(Diagnostic::is_error);
        let error = (!errors.is_empty()).then(|| diag::render_human_with(&errors, self.report));
        let text = diag::render_human_with(&warnings, self.report);
        (error, warnings.len(), text.into())
    }

    /// Builds once, prints the outcome, and returns the snapshot to serve. `changed` are the
    /// paths the watcher reported since the last build; empty when unknown (everything is
    /// read again).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Arc<Snapshot> {
        let start = Instant::now();
        self.cache.changed(changed);
        let outcome = site::render_all_but_later(&self.opts, &mut self.cache);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let diags = match &outcome {
            Ok((report, _)) => report.diags.as_slice(),
            Err(_) => &[],
        };
        self.print_report(diags);
        let (error, warnings, warnings_text) = self.problems(diags);
        self.usage = None;
        let snapshot = match outcome {
            Ok((report, Some((files, later)))) => {
                self.awaiting = Some(later);
                let stats = self.cache.stats();
                eprintln!(
                    "built {} documents in {ms:.0} ms ({} re-rendered, {} pages rewritten)",
                    report.pages,
                    stats.rendered - stats.rendered_reused,
                    stats.pages - stats.pages_reused
                );
                self.print_timings(&report.timings);
                let built: FileMap = files.into_iter().map(|f| (f.path, f.bytes)).collect();
                let pages = self.pages();
                Snapshot {
                    generation: self.last.generation + 1,
                    // Until this build's search index, handbooks and coverage dashboard are
                    // made, the last ones serve.
                    files: self.last.files.rebuilt(pages, built),
                    error: None,
                    warnings,
                    warnings_text,
                }
            }
            Ok((_, None)) => self.failed(error.unwrap_or_default(), warnings, warnings_text),
            Err(failure) => {
                if let Failure::Usage(why) = &failure {
                    self.usage = Some(why.clone());
                }
                let text = format!("error: {failure}\n");
                eprint!("{text}");
                self.failed(text, warnings, warnings_text)
            }
        };
        self.last = Arc::new(snapshot);
        self.last.clone()
    }

    /// The pages of the build just made: the last ones served with its changes, or, when the
    /// last build to make pages was not served (it failed after making them), all of them.
    fn pages(&mut self) -> PageMap {
        let changes = self.cache.page_changes();
        let served = self.last.files.pages();
        let pages = if changes.after == self.pages_build {
            let made = changes.made.iter().map(|(path, bytes)| (path, bytes));
            served.changed(made, &changes.gone)
        } else {
            PageMap::whole(self.cache.kept_pages())
        };
        self.pages_build = changes.build;
        pages
    }

    /// Adds what the last good build left until after its reload (its search index, the
    /// networks' handbooks and the coverage dashboard) to the served files. `None` when there
    /// is nothing to add, or when `stop` says another change is waiting: they are then made
    /// after the next build instead.
    pub fn add_later(&mut self, stop: &(dyn Fn() -> bool + Sync)) -> Option<Arc<Snapshot>> {
        let start = Instant::now();
        let later = self.awaiting.take()?;
        let pages = match site::make_later(&later, &mut self.cache, stop) {
            Ok(Some(pages)) => pages,
            Ok(None) => {
                // Given way: the build stays to be finished later.
                self.awaiting = Some(later);
                return None;
            }
            Err(failure) => {
                // A template that renders every page but a handbook: the build failed after
                // all, and the last good files keep serving.
                let text = format!("error: {failure}\n");
                eprint!("{text}");
                let (warnings, warnings_text) =
                    (self.last.warnings, self.last.warnings_text.clone());
                self.last = Arc::new(self.failed(text, warnings, warnings_text));
                return Some(self.last.clone());
            }
        };
        let made_pages = start.elapsed();
        let Some(search) = search::files_unless(&later.lib, stop) else {
            self.awaiting = Some(later);
            return None;
        };
        let later: FileMap = pages
            .into_iter()
            .chain(search)
            .map(|f| (f.path, f.bytes))
            .collect();
        if self.verbose {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            eprintln!("{:>22}: {:.1} ms", "handbooks, coverage", ms(made_pages));
            eprintln!(
                "{:>22}: {:.1} ms",
                "search index",
                ms(start.elapsed() - made_pages)
            );
        }
        self.last = Arc::new(Snapshot {
            generation: self.last.generation,
            files: self.last.files.caught_up(later),
            error: self.last.error.clone(),
            warnings: self.last.warnings,
            warnings_text: self.last.warnings_text.clone(),
        });
        Some(self.last.clone())
    }

    fn print_timings(&self, timings: &[site::Phase]) {
        if self.verbose {
            for phase in timings {
                eprintln!("{phase}");
            }
        }
    }

    fn failed(&self, errors: String, warnings: usize, warnings_text: Arc<str>) -> Snapshot {
        eprintln!(
            "build failed: still serving the last good pages; fix the file to clear the error"
        );
        Snapshot {
            generation: self.last.generation,
            files: self.last.files.clone(),
            error: Some(errors),
            warnings,
            warnings_text,
        }
    }
}

fn plural(n: usize, what: &str) -> String {
    format!(
        "{} {what}{}",
        diag::thousands(n),
        if n == 1 { "" } else { "s" }
    )
}

/// Rebuilds whenever the watcher reports changes, joining changes that arrive during a build
/// into the next one, and hands each snapshot to `publish`. `pending` is raised by the
/// watcher with every change, so a search index or handbook being made gives way to the next build.
/// Returns when the watcher stops.
pub fn run(
    mut builder: Builder,
    changes: Receiver<Vec<PathBuf>>,
    pending: &AtomicBool,
    publish: impl Fn(Arc<Snapshot>),
) {
    while let Ok(mut changed) = changes.recv() {
        pending.store(false, Ordering::SeqCst);
        let mut unknown = changed.is_empty();
        while let Ok(more) = changes.try_recv() {
            unknown |= more.is_empty();
            changed.extend(more);
        }
        if unknown {
            changed.clear();
        }
        publish(builder.rebuild(&changed));
        // The page reloads first; its search, handbooks and coverage catch up a moment later.
        if let Some(caught_up) = builder.add_later(&|| pending.load(Ordering::SeqCst)) {
            publish(caught_up);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record_with(snapshot: &Snapshot, word: &str) -> bool {
        snapshot.files.iter().any(|(path, bytes)| {
            path.starts_with("search/d/") && bytes.windows(word.len()).any(|w| w == word.as_bytes())
        })
    }

    /// The search index and the handbooks follow each reload; when another save is waiting
    /// they give way, the last ones keep serving, and the next build's catch up.
    #[test]
    fn what_is_made_after_a_reload_gives_way_to_the_next_build() {
        let (_dir, opts) = crate::testing::base_fixture();
        let doc = opts.content.join("national/pathways/ces.md");
        let handbook = "alpha/print/index.html";
        let mut builder = Builder::new(opts.clone(), false, HumanOptions::default());
        let first = builder.rebuild(&[]);
        assert!(!first.files.contains_key("search/manifest.json"));
        assert!(!first.files.contains_key(handbook));
        let indexed = builder.add_later(&|| false).expect("an index");
        assert!(indexed.files.contains_key("search/manifest.json"));
        assert!(indexed.files.contains_key(handbook));

        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, format!("{text}\nZygapophyseal joints.\n")).unwrap();
        let edited = builder.rebuild(std::slice::from_ref(&doc));
        assert_eq!(edited.generation, indexed.generation + 1);
        assert!(
            edited.files.contains_key("search/manifest.json"),
            "the last index still serves"
        );
        assert!(!record_with(&edited, "Zygapophyseal"));
        assert_eq!(
            edited.files[handbook], indexed.files[handbook],
            "the last handbook"
        );

        assert!(builder.add_later(&|| true).is_none(), "gave way");
        // Another edit before they catch up: the next ones show both.
        let other = opts.content.join("networks/alpha/pathways/ces-local.md");
        let text = std::fs::read_to_string(&other).unwrap();
        std::fs::write(&other, text.replace("Call the hub.", "Call the hub now.")).unwrap();
        builder.rebuild(std::slice::from_ref(&other));
        let caught_up = builder.add_later(&|| false).expect("made later");
        assert!(record_with(&caught_up, "Zygapophyseal"));
        assert!(
            builder.add_later(&|| false).is_none(),
            "nothing left to make"
        );

        // What the preview serves is what a build makes.
        let fresh = serves_a_fresh_build(&opts, &caught_up);
        let page = |files: &Files| String::from_utf8(files[handbook].to_vec());
        let served = page(&caught_up.files).unwrap();
        assert!(served.contains("Call the hub now."), "{served}");
        let national_in_print = caught_up.files.iter().any(|(path, bytes)| {
            path.ends_with("/print/index.html")
                && String::from_utf8_lossy(bytes).contains("Zygapophyseal")
        });
        assert!(national_in_print, "the national edit in a handbook");
        assert_eq!(served, page(&fresh).unwrap());
    }

    /// Checks that `snapshot` serves exactly the files of a one-off build; returns those.
    fn serves_a_fresh_build(opts: &BuildOptions, snapshot: &Snapshot) -> Files {
        let (_, fresh) = site::render(opts, &mut BuildCache::disabled()).unwrap();
        let fresh = fresh.unwrap().into_iter().map(|f| (f.path, f.bytes));
        let fresh = Files::whole(fresh.collect());
        let differ: Vec<&String> = (fresh.keys())
            .chain(snapshot.files.keys())
            .filter(|p| fresh.get(p) != snapshot.files.get(p))
            .collect();
        assert!(differ.is_empty(), "{differ:?}");
        fresh
    }

    /// A rebuild serves the last pages with the ones it made again, without those it no
    /// longer makes; after a build whose pages were not served, it serves all of its own.
    #[test]
    fn a_rebuild_serves_the_pages_made_again_and_drops_those_gone() {
        let (_dir, opts) = crate::testing::base_fixture();
        let mut builder = Builder::new(opts.clone(), false, HumanOptions::default());
        builder.rebuild(&[]);
        let draft = opts.content.join("networks/alpha/drafts/new-sop.md");
        let page = "alpha/new-sop/index.html";
        assert!(builder
            .add_later(&|| false)
            .unwrap()
            .files
            .contains_key(page));

        std::fs::remove_file(&draft).unwrap();
        builder.rebuild(std::slice::from_ref(&draft));
        let removed = builder.add_later(&|| false).unwrap();
        assert!(
            !removed.files.contains_key(page),
            "the removed document's page"
        );
        serves_a_fresh_build(&opts, &removed);

        // A build that makes its pages but is not served (as when it fails after them): the
        // next one serves every page it made, not the last served ones with its own changes.
        let edit = |path: &str, from: &str, to: &str| {
            let file = opts.content.join(path);
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(text.contains(from));
            std::fs::write(&file, text.replace(from, to)).unwrap();
            file
        };
        let local = edit(
            "networks/alpha/pathways/ces-local.md",
            "Call the hub.",
            "Ring.",
        );
        builder.cache.changed(std::slice::from_ref(&local));
        let unserved = site::render_all_but_later(&builder.opts, &mut builder.cache).unwrap();
        assert!(unserved.1.is_some());
        let national = edit(
            "national/pathways/ces.md",
            "\n## ",
            "\nZygapophyseal.\n\n## ",
        );
        builder.rebuild(std::slice::from_ref(&national));
        let served = builder.add_later(&|| false).unwrap();
        let text = |path: &str| String::from_utf8_lossy(&served.files[path]).into_owned();
        assert!(text("alpha/ces-local/index.html").contains("Ring."));
        assert!(text("national/ces/index.html").contains("Zygapophyseal"));
        serves_a_fresh_build(&opts, &served);
    }
}
