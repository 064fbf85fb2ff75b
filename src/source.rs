//! Reads the content tree into memory. This is the only module that reads content files, so
//! everything after it is pure. Problems with single files (invalid UTF-8, too large, stray
//! files) are diagnostics; only an unreadable content folder is an `Err`.

use crate::diag::Diagnostic;
use bytes::Bytes;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walkdir::WalkDir;

/// Files larger than this are refused: a real document is a few tens of kilobytes, and a
/// multi-megabyte one is almost certainly a pasted export that would bloat every page.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A text file of the content tree, decoded and normalised (no BOM, `\n` line ends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the content folder, `/`-separated.
    pub path: String,
    /// Shared with the parsed document, so a build holds each file's text once.
    pub text: Arc<str>,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryFile {
    /// Relative to its folder (`assets/` or `theme/static/`), `/`-separated.
    pub path: String,
    /// Shared with the output file, so an asset is held once.
    pub bytes: Bytes,
}

#[derive(Debug, Clone, Default)]
pub struct NetworkSource {
    /// The folder name, which is the network id (validated later).
    pub id: String,
    /// `networks/<id>/network.yaml`, when present.
    pub profile: Option<SourceFile>,
    /// `networks/<id>/services.yaml`, the service directory, when present.
    pub services: Option<SourceFile>,
    /// `networks/<id>/workplan/<year>.yaml`, sorted by path.
    pub workplans: Vec<SourceFile>,
}

/// Everything the build needs from disk.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub root: PathBuf,
    pub site: Option<SourceFile>,
    pub glossary: Option<SourceFile>,
    pub networks: Vec<NetworkSource>,
    /// Every `.md` under `national/` and `networks/<id>/`, sorted by path.
    pub documents: Vec<SourceFile>,
    pub assets: Vec<BinaryFile>,
    /// Site template overrides from `theme/templates/`, by template name.
    pub templates: Vec<SourceFile>,
    /// Site static overrides from `theme/static/`.
    pub theme_static: Vec<BinaryFile>,
    /// `indicators.yaml`, when present.
    pub indicators: Option<SourceFile>,
    /// Every network's figures, `networks/<id>/indicators/<period>.csv`, sorted by path.
    pub indicator_values: Vec<SourceFile>,
}

/// Top-level entries that are not content but are commonly found in a content repository.
const IGNORED_TOP_LEVEL: &[&str] = &["README.md", "CODEOWNERS", "LICENSE", "LICENSE.md"];

pub fn read(root: &Path, diags: &mut Vec<Diagnostic>) -> io::Result<Source> {
    if !root.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("no content folder at {}", root.display()),
        ));
    }
    let mut source = Source {
        root: root.to_path_buf(),
        ..Source::default()
    };
    // Documents are most of the bytes: they are listed during the walk and read in parallel.
    let mut pending: Vec<(String, PathBuf)> = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        if entry.depth() == 0 {
            continue;
        }
        let rel = relative(root, entry.path());
        let ft = entry.file_type();
        if ft.is_symlink() {
            diags.push(
                Diagnostic::warning("symlink-ignored", &rel, "symbolic links are not followed")
                    .help("copy the file into the content folder instead of linking to it"),
            );
            continue;
        }
        if ft.is_dir() {
            if let Some(id) = rel.strip_prefix("networks/").filter(|id| !id.contains('/')) {
                source.networks.push(NetworkSource {
                    id: id.to_owned(),
                    ..NetworkSource::default()
                });
            }
            continue;
        }
        if is_document(&rel) {
            pending.push((rel, entry.into_path()));
        } else {
            classify(&mut source, &rel, entry.path(), diags);
        }
    }
    let read: Vec<(Option<SourceFile>, Vec<Diagnostic>)> = pending
        .par_iter()
        .map(|(rel, abs)| {
            let mut d = Vec::new();
            (read_text(rel, abs, &mut d), d)
        })
        .collect();
    for (file, d) in read {
        diags.extend(d);
        source.documents.extend(file);
    }
    Ok(source)
}

/// `previous` (a whole read of the same folder, with its diagnostics) with the documents at
/// `changed` read again, or `None` when the changes are more than edits to documents it
/// already has (a new, removed or renamed file, a setting, a template, an asset): those need
/// a whole read. The preview uses this to re-read one file instead of thousands.
pub fn reread(
    previous: Source,
    previous_diags: Vec<Diagnostic>,
    changed: &[PathBuf],
) -> Option<(Source, Vec<Diagnostic>)> {
    let mut source = previous;
    for path in changed {
        let rel = relative(&source.root, path);
        let index = source.documents.iter().position(|d| d.path == rel)?;
        let is_file = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        if !is_file {
            return None;
        }
        // A document that now fails to read leaves the set of documents: a whole read says so.
        source.documents[index] = read_text(&rel, path, &mut Vec::new())?;
    }
    Some((source, previous_diags))
}

/// A `.md` file under `national/` or `networks/<id>/`.
fn is_document(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    rel.ends_with(".md")
        && matches!(
            parts.as_slice(),
            ["national", .., _] | ["networks", _, _, ..]
        )
}

fn classify(source: &mut Source, rel: &str, abs: &Path, diags: &mut Vec<Diagnostic>) {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["site.yaml"] => source.site = read_text(rel, abs, diags),
        ["glossary.yaml"] => source.glossary = read_text(rel, abs, diags),
        ["indicators.yaml"] => source.indicators = read_text(rel, abs, diags),
        ["networks", _, "indicators", name] if name.ends_with(".csv") => {
            source.indicator_values.extend(read_text(rel, abs, diags))
        }
        ["assets", ..] => push_binary(&mut source.assets, &rel["assets/".len()..], abs, diags),
        ["theme", "templates", ..] => {
            if let Some(mut f) = read_text(rel, abs, diags) {
                f.path = rel["theme/templates/".len()..].to_owned();
                source.templates.push(f);
            }
        }
        ["theme", "static", ..] => {
            push_binary(&mut source.theme_static, &rel["theme/static/".len()..], abs, diags)
        }
        ["networks", id, "network.yaml"] => {
            let profile = read_text(rel, abs, diags);
            if let Some(n) = source.networks.iter_mut().find(|n| n.id == *id) {
                n.profile = profile;
            }
        }
        ["networks", id, "services.yaml"] => {
            let file = read_text(rel, abs, diags);
            if let Some(n) = source.networks.iter_mut().find(|n| n.id == *id) {
                n.services = file;
            }
        }
        ["networks", id, "workplan", name] if name.ends_with(".yaml") => {
            let file = read_text(rel, abs, diags);
            if let Some(n) = source.networks.iter_mut().find(|n| n.id == *id) {
                n.workplans.extend(file);
            }
        }
        [name] if IGNORED_TOP_LEVEL.contains(name) => {}
        _ => diags.push(
            Diagnostic::warning("ignored-file", rel, "this file is not part of the site and is ignored")
                .help("documents are `.md` files under national/ or networks/<id>/; images and downloads go in assets/"),
        ),
    }
}

fn push_binary(list: &mut Vec<BinaryFile>, rel: &str, abs: &Path, diags: &mut Vec<Diagnostic>) {
    if let Some(bytes) = read_bytes(rel, abs, diags) {
        list.push(BinaryFile {
            path: rel.to_owned(),
            bytes: bytes.into(),
        });
    }
}

fn read_bytes(rel: &str, abs: &Path, diags: &mut Vec<Diagnostic>) -> Option<Vec<u8>> {
    let too_large = std::fs::metadata(abs).map(|m| m.len() > MAX_FILE_BYTES);
    let result = match too_large {
        Ok(true) => {
            diags.push(
                Diagnostic::error(
                    "file-too-large",
                    rel,
                    format!(
                        "file is larger than the {} MB limit",
                        MAX_FILE_BYTES / (1024 * 1024)
                    ),
                )
                .help("split the document, or link to a large download instead of embedding it"),
            );
            return None;
        }
        Ok(false) => std::fs::read(abs),
        Err(e) => Err(e),
    };
    result
        .map_err(|e| {
            diags.push(
                Diagnostic::error("unreadable-file", rel, format!("cannot read the file: {e}"))
                    .help("check the file's permissions"),
            )
        })
        .ok()
}

fn read_text(rel: &str, abs: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let bytes = read_bytes(rel, abs, diags)?;
    // Only a file that fails needs a readable copy, for the diagnostic's source line.
    let lossy = std::str::from_utf8(&bytes)
        .is_err()
        .then(|| String::from_utf8_lossy(&bytes).into_owned());
    match decode(bytes) {
        Ok(text) => Some(SourceFile {
            path: rel.to_owned(),
            text: text.into(),
        }),
        Err((line, col)) => {
            let lossy = lossy.unwrap_or_default();
            diags.push(
                Diagnostic::error("invalid-utf8", rel, "the file is not valid UTF-8 text")
                    .at(&lossy, line, col, 1)
                    .help("save the file as UTF-8 (most editors offer \"Save with encoding\")"),
            );
            None
        }
    }
}

/// UTF-8 text without a BOM and with `\n` line ends; on failure, where the first bad byte is.
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let good = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        crate::diag::line_col(good, good.len())
    })?;
    let bare = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if bare.contains('\r') {
        bare.replace("\r\n", "\n")
    } else if bare.len() < text.len() {
        bare.to_owned()
    } else {
        text
    })
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_strips_bom_and_crlf() {
        let text = decode(b"\xef\xbb\xbf---\r\ntitle: x\r\n".to_vec()).unwrap();
        assert_eq!(text, "---\ntitle: x\n");
    }

    #[test]
    fn decode_locates_invalid_bytes() {
        assert_eq!(decode(b"ab\ncd\xff".to_vec()), Err((2, 3)));
    }
}
