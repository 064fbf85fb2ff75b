//! The only writer. Replaces the output folder atomically: files are written into a fresh
//! folder beside the target as the build makes them, which is swapped in only when complete,
//! so a failed build leaves the previous site exactly as it was.

use bytes::Bytes;
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// One file of the site, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    /// Reference-counted: the preview keeps pages between rebuilds and serves them without
    /// copying.
    pub bytes: Bytes,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// Takes each file of a build as it is made: its path and bytes.
pub type Put<'a> = &'a (dyn Fn(&str, Bytes) -> Result<(), String> + Sync);

/// A file in every output folder, so a later build knows the folder is ours to replace.
pub const MARKER: &str = ".pathways-output";

/// Minifies a page. JavaScript and CSS are left alone (minify-html's JS minifier has broken
/// scripts, its CSS minifier rewrites media queries), closing tags kept so tools can read the
/// output, and a panic inside the minifier falls back to the page as rendered.
pub fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    std::panic::catch_unwind(|| minify_html::minify(html, &cfg)).unwrap_or_else(|_| html.to_vec())
}

/// Rejects paths that could land outside the output folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    if path.is_empty() || path.contains('\\') || path.contains('\0') {
        return None;
    }
    let p = Path::new(path);
    p.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| p.to_path_buf())
}

/// Refuses to replace a folder that pathways did not write: `--out .` must never delete a
/// project.
pub fn check_target(out: &Path) -> io::Result<()> {
    if !out.exists() {
        return Ok(());
    }
    let empty = out.read_dir()?.next().is_none();
    if out.is_dir() && (empty || out.join(MARKER).is_file()) {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "{} exists and was not written by pathways; choose another --out or remove it",
            out.display()
        ),
    ))
}

/// A new output folder being written beside `out`. Files are written as they are made, so a
/// build never holds the whole site in memory; [`Staging::finish`] swaps the folder in, and
/// dropping an unfinished one removes it, so a failed build leaves `out` exactly as it was.
///
/// A file whose bytes are unchanged since the previous build is hard-linked from `out`
/// instead of written again: rewriting thousands of unchanged files is the slowest part of a
/// build on ordinary disks.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// Fingerprints recorded by the build that wrote `out`.
    previous: HashMap<String, u64>,
    /// Folders made so far, so each is made about once.
    folders: Mutex<HashSet<PathBuf>>,
    /// Path → fingerprint of every file written, for the marker.
    written: Mutex<HashMap<String, u64>>,
    finished: bool,
}

impl Staging {
    /// Starts a new folder for `out`, refusing a target pathways did not write.
    pub fn new(out: &Path) -> io::Result<Staging> {
        check_target(out)?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the output folder needs a name",
                )
            })?
            .to_string_lossy()
            .into_owned();
        let dir = parent.join(format!(".{name}.new-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            previous: previous_fingerprints(out),
            dir,
            out: out.to_path_buf(),
            parent,
            name,
            folders: Mutex::default(),
            written: Mutex::default(),
            finished: false,
        })
    }

    /// Writes one file. Safe to call from many threads at once.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = safe_relative(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {path}"),
            )
        })?;
        let hash = fingerprint(bytes);
        // A second file at one path could write through a hard link into the previous site.
        if lock(&self.written).insert(path.to_owned(), hash).is_some() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("internal error: two files at {path}"),
            ));
        }
        if let Some(folder) = rel.parent() {
            // Recorded only once made: another thread may be writing into it already.
            if !lock(&self.folders).contains(folder) {
                std::fs::create_dir_all(self.dir.join(folder))?;
                lock(&self.folders).insert(folder.to_path_buf());
            }
        }
        let target = self.dir.join(&rel);
        let reused = self.previous.get(path) == Some(&hash)
            && std::fs::hard_link(self.out.join(&rel), &target).is_ok();
        if !reused {
            std::fs::write(&target, bytes)?;
        }
        Ok(())
    }

    /// Writes the marker and swaps the new folder in for `out`.
    pub fn finish(mut self) -> io::Result<()> {
        let written = std::mem::take(&mut *lock(&self.written));
        let mut files: Vec<(String, u64)> = written.into_iter().collect();
        files.sort();
        let mut marker = String::from(MARKER_HEADER);
        for (path, hash) in files {
            marker.push_str(&format!("{hash:016x}\t{path}\n"));
        }
        std::fs::write(self.dir.join(MARKER), marker)?;
        swap(&self.dir, &self.out, &self.parent, &self.name)?;
        self.finished = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// A lock whose holder cannot leave the data half-changed, so a poisoned one is still usable.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A stable 64-bit fingerprint of a file's bytes and length, recorded in the marker file so
/// the next build can tell which files are unchanged. A build fingerprints every byte it
/// writes, so this takes eight bytes a step (FxHash's step): each step is a bijection of the
/// running value, so two files of one length that differ in a single eight-byte word always
/// get different fingerprints.
fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = bytes.chunks_exact(8);
    let mut h = step(0, bytes.len() as u64);
    for w in &mut words {
        h = step(h, u64::from_le_bytes(w.try_into().expect("eight bytes")));
    }
    let mut tail = [0u8; 8];
    tail[..words.remainder().len()].copy_from_slice(words.remainder());
    step(h, u64::from_le_bytes(tail))
}

const MARKER_HEADER: &str =
    "written by pathways; replaced on every build. Fingerprints of its files:\n";

/// The fingerprints a previous build recorded in `out`'s marker file.
fn previous_fingerprints(out: &Path) -> HashMap<String, u64> {
    let Ok(text) = std::fs::read_to_string(out.join(MARKER)) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|l| {
            let (hash, path) = l.split_once('\t')?;
            Some((path.to_owned(), u64::from_str_radix(hash, 16).ok()?))
        })
        .collect()
}

fn swap(staging: &Path, out: &Path, parent: &Path, name: &str) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    std::fs::remove_dir_all(&old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
        let staging = Staging::new(out)?;
        for f in files {
            staging.put(&f.path, &f.bytes)?;
        }
        staging.finish()
    }

    #[test]
    fn fingerprints_tell_files_apart() {
        let page = b"<!doctype html><html><body><p>Call the hub.</p></body></html>".to_vec();
        let mut edited = page.clone();
        edited[30] = b'K';
        assert_ne!(fingerprint(&page), fingerprint(&edited));
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ab\0"), "length counts");
        assert_ne!(fingerprint(b""), fingerprint(b"\0"));
        assert_eq!(fingerprint(&page), fingerprint(&page.clone()));
    }

    #[test]
    fn paths_outside_the_folder_are_refused() {
        assert!(safe_relative("a/b/index.html").is_some());
        assert!(safe_relative("../x").is_none());
        assert!(safe_relative("/etc/passwd").is_none());
        assert!(safe_relative("a/../../x").is_none());
        assert!(safe_relative("a\\..\\x").is_none());
    }

    #[test]
    fn pre_survives_minification() {
        let html = b"<!doctype html><html><head></head><body><pre>  a\n    b</pre><p>x   y</p></body></html>";
        let out = String::from_utf8(minify(html)).unwrap();
        assert!(out.contains("<pre>  a\n    b</pre>"), "{out}");
        assert!(out.contains("<p>x y</p>"), "{out}");
    }

    #[test]
    fn a_foreign_folder_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(write_site(dir.path(), &[OutputFile::new("index.html", "hi")]).is_err());
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn writes_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile::new("a/index.html", "1")]).unwrap();
        write_site(&out, &[OutputFile::new("b/index.html", "2")]).unwrap();
        assert!(!out.join("a").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("b/index.html")).unwrap(),
            "2"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folders left"
        );
    }
}
