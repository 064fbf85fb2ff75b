//! Watches the content folder (documents, settings, assets and the site's theme overrides)
//! and says when a rebuild is due. Editors save in bursts — a temporary file, a write, a
//! rename over the original, a swap file — so events are debounced (notify-debouncer-full
//! joins a create, modify and rename into one batch) and files no build reads are ignored:
//! hidden files and folders, editor swap, backup and temporary files, and any output folder
//! a `pathways build` wrote inside the content folder.

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::Duration;

/// Long enough to join the events of one save (a few milliseconds apart), short enough not
/// to be noticed.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// Keeps the watch alive; dropping it stops watching.
pub struct Watch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Starts watching `root`; sends the changed paths of each debounced batch that matters (none
/// when they are unknown), raising `pending` first.
pub fn start(
    root: &Path,
    changed: Sender<Vec<PathBuf>>,
    pending: Arc<AtomicBool>,
) -> notify::Result<Watch> {
    let root_owned = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else {
            // A watch error (e.g. too many inotify watches) should not end the preview; a
            // rebuild will read the tree as it is.
            pending.store(true, Ordering::SeqCst);
            let _ = changed.send(Vec::new());
            return;
        };
        let paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter(|p| !ignored(&root_owned, p))
            .cloned()
            .collect();
        if !paths.is_empty() {
            pending.store(true, Ordering::SeqCst);
            let _ = changed.send(paths);
        }
    })?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(Watch {
        _debouncer: debouncer,
    })
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
