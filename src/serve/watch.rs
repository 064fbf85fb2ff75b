//! Watches the content folder (documents, settings, assets and the site's theme overrides)
//! and says when a rebuild is due. Editors save in bursts — a temporary file, a write, a
//! rename over the original, a swap file — so the changes are joined: a batch ends when the
//! folder has been quiet for [`QUIET`] (or, under changes that never stop, after [`LONGEST`]).
//! Files no build reads are ignored, and do not hold a batch open: hidden files and folders,
//! editor swap, backup and temporary files, and any output folder a `pathways build` wrote
//! inside the content folder.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the folder must be quiet for a save to be over: longer than the steps of one
/// save are apart (microseconds on a local disk), short enough not to be noticed.
pub const QUIET: Duration = Duration::from_millis(10);

/// The longest a batch is held open by changes that keep coming (a checkout of a large
/// branch, a tool writing constantly), so that the preview still rebuilds meanwhile.
pub const LONGEST: Duration = Duration::from_millis(500);

/// Keeps the watch alive; dropping it stops watching (and ends the thread that joins changes).
pub struct Watch {
    _watcher: notify::RecommendedWatcher,
}

/// What the watcher saw: changed paths, or that changes were missed (an overflowing event
/// queue, a watch error), so everything must be read again.
enum Seen {
    Paths(Vec<PathBuf>),
    Unknown,
}

/// Starts watching `root`; sends the changed paths of each batch (none when they are
/// unknown). `pending` is raised with the first change of a batch, so that a search index or
/// handbook being made gives way at once rather than when the batch ends.
pub fn start(
    root: &Path,
    changed: Sender<Vec<PathBuf>>,
    pending: Arc<AtomicBool>,
) -> std::io::Result<Watch> {
    let root_owned = root.to_path_buf();
    let (seen, events) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let what = match event {
            // A watch error (e.g. too many inotify watches) should not end the preview; a
            // rebuild reads the tree as it is.
            Err(_) => Seen::Unknown,
            Ok(e) if e.need_rescan() => Seen::Unknown,
            Ok(e) if e.kind.is_access() => return,
            Ok(e) => {
                let paths: Vec<PathBuf> = e
                    .paths
                    .into_iter()
                    .filter(|p| !ignored(&root_owned, p))
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Seen::Paths(paths)
            }
        };
        pending.store(true, Ordering::SeqCst);
        let _ = seen.send(what);
    })
    .map_err(std::io::Error::other)?;
    watcher
        .watch(root, RecursiveMode::Recursive)
        .map_err(std::io::Error::other)?;
    std::thread::Builder::new()
        .name("pathways-watch".into())
        .spawn(move || join_batches(&events, &changed, QUIET, LONGEST))?;
    Ok(Watch { _watcher: watcher })
}

/// Joins what the watcher sees into batches and sends each one's paths (sorted, each once;
/// none when any change was unknown). Returns when the watcher or the builder has gone.
fn join_batches(
    events: &Receiver<Seen>,
    changed: &Sender<Vec<PathBuf>>,
    quiet: Duration,
    longest: Duration,
) {
    while let Ok(first) = events.recv() {
        let started = Instant::now();
        let mut batch = Some(Vec::new());
        let mut add = |seen: Seen| match (&mut batch, seen) {
            (Some(paths), Seen::Paths(more)) => paths.extend(more),
            (_, _) => batch = None,
        };
        add(first);
        let mut gone = false;
        loop {
            let left = longest.saturating_sub(started.elapsed());
            if left.is_zero() {
                break;
            }
            match events.recv_timeout(quiet.min(left)) {
                Ok(seen) => add(seen),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    gone = true;
                    break;
                }
            }
        }
        let mut paths = batch.unwrap_or_default();
        paths.sort();
        paths.dedup();
        if changed.send(paths).is_err() || gone {
            return;
        }
    }
}

/// Whether a change to `path` cannot affect the site.
pub fn ignored(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let hidden = rel
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    let editor_file = rel
        .file_name()
        .is_some_and(|n| is_editor_file(&n.to_string_lossy()));
    hidden || editor_file || in_output_folder(root, path)
}

/// Swap, backup, lock and temporary files that editors write beside the file being edited.
fn is_editor_file(name: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".tmp",
        ".bak",
        ".kate-swp",
        ".crswap",
    ];
    SUFFIXES.iter().any(|s| name.ends_with(s))
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913" // vim's test of whether the folder is writable
        || name.contains("___jb_tmp___")
        || name.contains("___jb_old___")
}

/// A folder written by `pathways build` (it carries the output marker) below the content.
fn in_output_folder(root: &Path, path: &Path) -> bool {
    path.ancestors()
        .skip(1)
        .take_while(|a| a.starts_with(root) && *a != root)
        .any(|a| a.join(crate::output::MARKER).is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batches(seen: impl FnOnce(&Sender<Seen>), quiet: u64, longest: u64) -> Vec<Vec<PathBuf>> {
        let (tx, events) = std::sync::mpsc::channel();
        let (changed, out) = std::sync::mpsc::channel();
        let joiner = std::thread::spawn(move || {
            join_batches(
                &events,
                &changed,
                Duration::from_millis(quiet),
                Duration::from_millis(longest),
            )
        });
        seen(&tx);
        drop(tx);
        joiner.join().unwrap();
        out.into_iter().collect()
    }

    fn paths(p: &[&str]) -> Seen {
        Seen::Paths(p.iter().map(PathBuf::from).collect())
    }

    /// The steps of one save make one batch, each path once; a pause longer than the quiet
    /// time starts another; a change that was missed makes the batch's paths unknown.
    #[test]
    fn the_changes_of_one_save_are_one_batch() {
        let got = batches(
            |tx| {
                tx.send(paths(&["/c/a.md.tmp-gone", "/c/a.md"])).unwrap();
                tx.send(paths(&["/c/a.md"])).unwrap();
                std::thread::sleep(Duration::from_millis(1000));
                tx.send(paths(&["/c/b.md"])).unwrap();
                tx.send(Seen::Unknown).unwrap();
                tx.send(paths(&["/c/c.md"])).unwrap();
            },
            200,
            10_000,
        );
        let want: Vec<Vec<PathBuf>> =
            vec![vec!["/c/a.md".into(), "/c/a.md.tmp-gone".into()], vec![]];
        assert_eq!(got, want);
    }

    /// Changes that never stop still give a batch once the longest wait is over.
    #[test]
    fn changes_that_never_stop_are_cut_into_batches() {
        let got = batches(
            |tx| {
                for _ in 0..40 {
                    tx.send(paths(&["/c/log.md"])).unwrap();
                    std::thread::sleep(Duration::from_millis(10));
                }
            },
            200,
            100,
        );
        assert!(got.len() >= 2, "{got:?}");
        assert!(got.iter().all(|b| b == &[PathBuf::from("/c/log.md")]));
    }

    #[test]
    fn editor_and_hidden_files_are_ignored() {
        let root = Path::new("/c");
        for p in [
            "/c/national/.ces.md.swp",
            "/c/national/ces.md~",
            "/c/national/#ces.md#",
            "/c/national/.#ces.md",
            "/c/national/4913",
            "/c/.git/index",
            "/c/national/ces.md___jb_tmp___",
            "/c/national/ces.md.tmp",
        ] {
            assert!(ignored(root, Path::new(p)), "{p}");
        }
        for p in [
            "/c/national/ces.md",
            "/c/site.yaml",
            "/c/theme/templates/document.html",
            "/c/assets/form.pdf",
        ] {
            assert!(!ignored(root, Path::new(p)), "{p}");
        }
    }

    #[test]
    fn an_output_folder_inside_the_content_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("selk")).unwrap();
        std::fs::write(out.join(crate::output::MARKER), "").unwrap();
        assert!(ignored(dir.path(), &out.join("selk/index.html")));
        assert!(!ignored(dir.path(), &dir.path().join("site.yaml")));
    }
}
