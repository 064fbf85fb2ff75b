//! The only writer. Takes the finished list of output files, minifies HTML, and replaces the
//! output folder atomically: everything is written to a fresh folder beside the target, which is
//! swapped in only when complete, so a failed build leaves the previous site exactly as it was.

use std::io;
use std::path::{Component, Path, PathBuf};

/// One file of the site, at a `/`-separated path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

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

/// Writes `files` as the new content of `out`, atomically.
pub fn write_site(out: &Path, files: &[OutputFile]) -> io::Result<()> {
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
    let staging = parent.join(format!(".{name}.new-{}", std::process::id()));
    let result = write_all(&staging, files).and_then(|()| swap(&staging, out, &parent, &name));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(dir: &Path, files: &[OutputFile]) -> io::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(MARKER),
        b"written by pathways; replaced on every build\n",
    )?;
    for f in files {
        let rel = safe_relative(&f.path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output folder: {}", f.path),
            )
        })?;
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(path, &f.bytes)?;
    }
    Ok(())
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
