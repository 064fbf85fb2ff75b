//! Rebuilds the site in memory and publishes each result as a [`Snapshot`]. A successful
//! build replaces the served files as a whole; a failed one keeps the last good files and
//! adds the diagnostics, which the terminal and the browser overlay show as the same text.

use crate::cache::BuildCache;
use crate::diag;
use crate::site::{self, BuildOptions};
use bytes::Bytes;
use std::collections::HashMap;
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
    /// The last good site: path below the root (`selk/index.html`) → bytes.
    pub files: Arc<HashMap<String, Bytes>>,
    /// Why the latest build failed, as printed in the terminal; `None` when it succeeded.
    pub error: Option<String>,
}

/// Owns the build cache and the last good files between rebuilds.
pub struct Builder {
    opts: BuildOptions,
    /// Print how long each phase of each rebuild took.
    verbose: bool,
    cache: BuildCache,
    last: Arc<Snapshot>,
}

impl Builder {
    pub fn new(opts: BuildOptions, verbose: bool) -> Self {
        let mut cache = BuildCache::new();
        cache.defer_search();
        Builder {
            opts,
            verbose,
            cache,
            last: Arc::new(Snapshot::default()),
        }
    }

    /// Builds once, prints the outcome, and returns the snapshot to serve. `changed` are the
    /// paths the watcher reported since the last build; empty when unknown (everything is
    /// read again).
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Arc<Snapshot> {
        let start = Instant::now();
        self.cache.changed(changed);
        let outcome = site::render(&self.opts, &mut self.cache);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let snapshot = match outcome {
            Ok((report, Some(files))) => {
                eprint!("{}", diag::render_human(&report.diags));
                let stats = self.cache.stats();
                eprintln!(
                    "built {} documents in {ms:.0} ms ({} re-rendered, {} pages rewritten)",
                    report.pages,
                    stats.rendered - stats.rendered_reused,
                    stats.pages - stats.pages_reused
                );
                self.print_timings(&report.timings);
                let mut files: HashMap<String, Bytes> =
                    files.into_iter().map(|f| (f.path, f.bytes)).collect();
                // Until this build's search index is made, search keeps working on the last.
                for (path, bytes) in self.last.files.iter() {
                    if path.starts_with("search/") && !files.contains_key(path) {
                        files.insert(path.clone(), bytes.clone());
                    }
                }
                Snapshot {
                    generation: self.last.generation + 1,
                    files: Arc::new(files),
                    error: None,
                }
            }
            Ok((report, None)) => self.failed(diag::render_human(&report.diags)),
            Err(failure) => self.failed(format!("error: {failure}\n")),
        };
        self.last = Arc::new(snapshot);
        self.last.clone()
    }

    /// Adds the search index of the last good build, made after its pages were published, to
    /// the served files. `None` when there is nothing to add, or when `stop` says another
    /// change is waiting: the index is then made after the next build instead.
    pub fn add_search(&mut self, stop: &(dyn Fn() -> bool + Sync)) -> Option<Arc<Snapshot>> {
        let start = Instant::now();
        let search = self.cache.search_files(stop)?;
        let mut files = (*self.last.files).clone();
        files.retain(|path, _| !path.starts_with("search/") || path == "search/index.html");
        files.extend(search.into_iter().map(|f| (f.path, f.bytes)));
        if self.verbose {
            eprintln!(
                "{:>22}: {:.1} ms",
                "search index",
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Arc::new(Snapshot {
            generation: self.last.generation,
            files: Arc::new(files),
            error: self.last.error.clone(),
        });
        Some(self.last.clone())
    }

    fn print_timings(&self, timings: &[(&'static str, std::time::Duration)]) {
        if self.verbose {
            for (phase, t) in timings {
                eprintln!("{phase:>22}: {:.1} ms", t.as_secs_f64() * 1000.0);
            }
        }
    }

    fn failed(&self, text: String) -> Snapshot {
        eprint!("{text}");
        eprintln!(
            "build failed: still serving the last good pages; fix the file to clear the error"
        );
        Snapshot {
            generation: self.last.generation,
            files: self.last.files.clone(),
            error: Some(text),
        }
    }
}

/// Rebuilds whenever the watcher reports changes, joining changes that arrive during a build
/// into the next one, and hands each snapshot to `publish`. `pending` is raised by the
/// watcher with every change, so a search index being made gives way to the next build.
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
        // The page reloads first; its search catches up a moment later.
        if let Some(with_search) = builder.add_search(&|| pending.load(Ordering::SeqCst)) {
            publish(with_search);
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

    /// The search index follows each reload; when another save is waiting it gives way, the
    /// last index keeps serving, and the next build's index catches up.
    #[test]
    fn a_search_index_gives_way_to_the_next_build() {
        let (_dir, opts) = crate::testing::base_fixture();
        let doc = opts.content.join("national/pathways/ces.md");
        let mut builder = Builder::new(opts, false);
        let first = builder.rebuild(&[]);
        assert!(!first.files.contains_key("search/manifest.json"));
        let indexed = builder.add_search(&|| false).expect("an index");
        assert!(indexed.files.contains_key("search/manifest.json"));

        let text = std::fs::read_to_string(&doc).unwrap();
        std::fs::write(&doc, format!("{text}\nZygapophyseal joints.\n")).unwrap();
        let edited = builder.rebuild(std::slice::from_ref(&doc));
        assert_eq!(edited.generation, indexed.generation + 1);
        assert!(
            edited.files.contains_key("search/manifest.json"),
            "the last index still serves"
        );
        assert!(!record_with(&edited, "Zygapophyseal"));

        assert!(builder.add_search(&|| true).is_none(), "gave way");
        let caught_up = builder.add_search(&|| false).expect("made later");
        assert!(record_with(&caught_up, "Zygapophyseal"));
        assert!(
            builder.add_search(&|| false).is_none(),
            "nothing left to index"
        );
    }
}
