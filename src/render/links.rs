//! Links between documents: authors write relative links to `.md` files so they also work on a
//! git host; here they are resolved against the linking file and classified, and the caller
//! rewrites them to page URLs. Anchors are checked later, once every page's headings are known.

/// What a link destination points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A `.md` file in the content tree (path relative to the content folder), maybe with an anchor.
    Document {
        path: String,
        anchor: Option<String>,
    },
    /// A file under `assets/`, as its path below `assets/`.
    Asset(String),
    /// An anchor in the same document.
    SameDocument(String),
    /// Absolute URL with a safe scheme: left as written. (Site-absolute paths are found first,
    /// by [`site_path`].)
    Unchanged,
    /// A relative path that climbs out of the content folder.
    OutsideContent,
    /// Relative path to something that is neither a document nor an asset.
    OtherFile(String),
}

pub fn classify(from: &str, dest: &str) -> Target {
    if let Some(anchor) = dest.strip_prefix('#') {
        return Target::SameDocument(anchor.to_owned());
    }
    if dest.is_empty() || dest.starts_with('/') || dest.contains("://") || has_scheme(dest) {
        return Target::Unchanged;
    }
    let (path_part, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_owned())),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or(path_part);
    let Some(path) = join(from, &percent_decode(path_part)) else {
        return Target::OutsideContent;
    };
    if path.ends_with(".md") {
        Target::Document { path, anchor }
    } else if let Some(asset) = path.strip_prefix("assets/") {
        Target::Asset(asset.to_owned())
    } else {
        Target::OtherFile(path)
    }
}

fn has_scheme(dest: &str) -> bool {
    let head = dest.split(['/', '?', '#']).next().unwrap_or("");
    head.contains(':')
}

/// The relative link from the file `from` to the file `to` (both relative to the content
/// folder), as an author would write it.
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len().saturating_sub(1)];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// Resolves `rel` against the folder of `from`; `None` if it climbs above the content folder.
fn join(from: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The path below the site root of a link written as an address of this site: a
/// site-absolute path (`/national/x/`, the base path left out if present), or the site's own
/// URL (`https://host/sub/national/x/`). `None` for any other link.
pub fn site_path(dest: &str, site_url: &str, base_path: &str) -> Option<String> {
    let rest = if !site_url.is_empty() && dest.starts_with(site_url) {
        &dest[site_url.len()..]
    } else if dest.starts_with('/') && !dest.starts_with("//") {
        dest.strip_prefix(base_path).unwrap_or(&dest[1..])
    } else {
        let bare = site_url.trim_end_matches('/');
        if !bare.is_empty() && dest == bare {
            ""
        } else {
            return None;
        }
    };
    Some(rest.to_owned())
}

/// Decodes `%20` and friends, which editors insert for spaces in file names.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            if let Ok(b) = u8::from_str_radix(hex, 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROM: &str = "networks/selk/pathways/ces.md";

    #[test]
    fn relative_document_links_resolve_from_the_linking_file() {
        assert_eq!(
            classify(FROM, "../../../national/pathways/ces.md#red-flags"),
            Target::Document {
                path: "national/pathways/ces.md".into(),
                anchor: Some("red-flags".into())
            }
        );
        assert_eq!(
            classify(FROM, "./transfer.md"),
            Target::Document {
                path: "networks/selk/pathways/transfer.md".into(),
                anchor: None
            }
        );
    }

    #[test]
    fn addresses_of_this_site() {
        let site = "https://x.org/sub/";
        assert_eq!(
            site_path("/sub/national/a/", site, "/sub/").as_deref(),
            Some("national/a/")
        );
        assert_eq!(
            site_path("/national/a/", site, "/sub/").as_deref(),
            Some("national/a/")
        );
        assert_eq!(
            site_path("https://x.org/sub/national/a/#b", site, "/sub/").as_deref(),
            Some("national/a/#b")
        );
        assert_eq!(site_path("https://nice.org.uk/", site, "/sub/"), None);
        assert_eq!(site_path("//cdn.example/x", site, "/sub/"), None);
        assert_eq!(site_path("../a.md", site, "/sub/"), None);
    }

    #[test]
    fn relative_links_between_files() {
        assert_eq!(
            relative(FROM, "national/pathways/ces.md"),
            "../../../national/pathways/ces.md"
        );
        assert_eq!(
            relative(FROM, "networks/selk/leaflets/x.md"),
            "../leaflets/x.md"
        );
        assert_eq!(relative(FROM, "networks/selk/pathways/y.md"), "y.md");
        assert_eq!(relative("national/a.md", "national/b.md"), "b.md");
    }

    #[test]
    fn other_kinds_of_link() {
        assert_eq!(
            classify(FROM, "#scope"),
            Target::SameDocument("scope".into())
        );
        assert_eq!(
            classify(FROM, "https://www.nice.org.uk/guidance/ng43"),
            Target::Unchanged
        );
        assert_eq!(classify(FROM, "mailto:x@example.org"), Target::Unchanged);
        assert_eq!(
            classify(FROM, "../../../../../etc/passwd"),
            Target::OutsideContent
        );
        assert_eq!(
            classify(FROM, "../../../assets/form%201.pdf"),
            Target::Asset("form 1.pdf".into())
        );
    }
}
