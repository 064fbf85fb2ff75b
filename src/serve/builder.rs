//! Rebuilds the site in memory and publishes each result as a [`Snapshot`]. A successful
//! build replaces the served files as a whole; a failed one keeps the last good files and
//! adds the diagnostics, which the terminal and the browser overlay show as the same text.

use crate::cache::BuildCache;
use crate::diag;
use crate::site::{self, BuildOptions};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;
use std::sync::Arc;
use std::time::Instant;

/// What the server serves at one moment.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Counts successful builds; a page built from an older generation is stale.
    pub generation: u64,
    /// The last good site: path below the root (`selk/index.html`) → bytes.
    pub files: Arc<HashMap<String, Vec<u8>>>,
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

    /// Builds once, prints the outcome, and returns the snapshot to serve.
    pub fn rebuild(&mut self) -> Arc<Snapshot> {
        let start = Instant::now();
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
                Snapshot {
                    generation: self.last.generation + 1,
                    files: Arc::new(files.into_iter().map(|f| (f.path, f.bytes)).collect()),
                    error: None,
                }
            }
            Ok((report, None)) => self.failed(diag::render_human(&report.diags)),
            Err(failure) => self.failed(format!("error: {failure}\n")),
        };
        self.last = Arc::new(snapshot);
        self.last.clone()
    }

    /// Adds the search index of the last build, made after its pages were published, to the
    /// served files. `None` when there is nothing to add (the build failed).
    pub fn add_search(&mut self) -> Option<Arc<Snapshot>> {
        let start = Instant::now();
        let search = self.cache.search_files()?;
        let mut files = (*self.last.files).clone();
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
/// into the next one, and hands each snapshot to `publish`. Returns when the watcher stops.
pub fn run(mut builder: Builder, changes: Receiver<Vec<PathBuf>>, publish: impl Fn(Arc<Snapshot>)) {
    while changes.recv().is_ok() {
        while changes.try_recv().is_ok() {}
        publish(builder.rebuild());
        // The page reloads first; its search catches up a moment later.
        if let Some(with_search) = builder.add_search() {
            publish(with_search);
        }
    }
}
