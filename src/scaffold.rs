//! `pathways new`: a new document with every required field filled with an obvious placeholder
//! and the section skeleton for its kind, so a network team starts from the agreed structure.

use crate::content::Kind;
use crate::kind::{LeafletType, TEMPLATE_PHRASES};
use crate::slug::{is_slug, slugify};
use std::path::{Path, PathBuf};

pub use crate::kind::sections;

pub struct NewDocument<'a> {
    pub content: &'a Path,
    pub kind: Kind,
    pub slug: &'a str,
    /// A network id, or `national`.
    pub network: &'a str,
    /// For a leaflet: its type (an operation leaflet when `None`).
    pub leaflet_type: Option<LeafletType>,
}

/// Why `pathways new` wrote nothing (or, for [`NewError::Write`], an empty file).
#[derive(Debug)]
pub enum NewError {
    /// The slug is not usable in a web address; `suggestion` is.
    NotASlug { slug: String, suggestion: String },
    /// `--network` is not a valid network id: what is wrong, and how to fix it.
    InvalidNetwork { problem: String, fix: String },
    /// The network has no folder with a `network.yaml` (`file`).
    NoSuchNetwork { network: String, file: PathBuf },
    /// A document with this slug already exists in the network (or the national folder).
    Exists {
        network: String,
        slug: String,
        existing: PathBuf,
    },
    /// The document's folder could not be made.
    Folder(std::io::Error),
    /// `--leaflet-type` for a document that is not a leaflet.
    LeafletTypeNotLeaflet(Kind),
    /// The file could not be created.
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The created file could not be written.
    Write(std::io::Error),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::NotASlug { slug, suggestion } => write!(
                f,
                "`{slug}` cannot be used as a file name in a web address; try `{suggestion}`"
            ),
            NewError::InvalidNetwork { problem, fix } => write!(
                f,
                "--network {problem}: {fix}, or `national` for a national document"
            ),
            NewError::LeafletTypeNotLeaflet(kind) => write!(
                f,
                "--leaflet-type is for leaflets, and this is a {}; leave it out, or make a leaflet",
                kind.id()
            ),
            NewError::NoSuchNetwork { network, file } => write!(
                f,
                "there is no network `{network}` (no {}); check the id or create the network first",
                file.display()
            ),
            NewError::Exists {
                network,
                slug,
                existing,
            } => write!(
                f,
                "{network}/{slug} already exists at {}; choose another name",
                existing.display()
            ),
            NewError::Folder(e) | NewError::Write(e) => e.fmt(f),
            NewError::Create { path, source } => {
                write!(f, "cannot create {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for NewError {}

/// Writes the new document and returns its path; refuses to overwrite or to reuse an id.
pub fn create(req: &NewDocument<'_>) -> Result<PathBuf, NewError> {
    if req.leaflet_type.is_some() && req.kind != Kind::Leaflet {
        return Err(NewError::LeafletTypeNotLeaflet(req.kind));
    }
    if !is_slug(req.slug) {
        return Err(NewError::NotASlug {
            slug: req.slug.to_owned(),
            suggestion: slugify(req.slug),
        });
    }
    // The id becomes a folder name: check it as an id before any path is made from it.
    if req.network != "national" {
        if let Some((problem, fix)) = crate::network::id_problem(req.network) {
            return Err(NewError::InvalidNetwork { problem, fix });
        }
    }
    let folder = if req.network == "national" {
        req.content.join("national")
    } else {
        let net = req.content.join("networks").join(req.network);
        if !net.join("network.yaml").is_file() {
            return Err(NewError::NoSuchNetwork {
                network: req.network.to_owned(),
                file: net.join("network.yaml"),
            });
        }
        net
    };
    if let Some(existing) = find_slug(&folder, req.slug) {
        return Err(NewError::Exists {
            network: req.network.to_owned(),
            slug: req.slug.to_owned(),
            existing,
        });
    }
    let path = folder
        .join(req.kind.folder())
        .join(format!("{}.md", req.slug));
    std::fs::create_dir_all(path.parent().unwrap_or(&folder)).map_err(NewError::Folder)?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(file) => file,
        Err(source) => return Err(NewError::Create { path, source }),
    };
    let text = skeleton(req.kind, req.network, req.leaflet_type);
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(NewError::Write)?;
    Ok(path)
}

fn find_slug(folder: &Path, slug: &str) -> Option<PathBuf> {
    let name = format!("{slug}.md");
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy() == name)
        .map(|e| e.into_path())
}

fn skeleton(kind: Kind, network: &str, leaflet_type: Option<LeafletType>) -> String {
    let audience = if kind == Kind::Leaflet {
        "patients"
    } else {
        "clinicians"
    };
    let adapts = if network == "national" {
        String::new()
    } else {
        format!("# adapts: national/{}\n", TEMPLATE_PHRASES[3])
    };
    let mut out = format!(
        "---\n\
title: \"TODO: {label} title\"\n\
kind: {kind}\n\
summary: \"TODO: {summary}.\"\n\
version: \"0.1\"\n\
status: draft\n\
# approved: YYYY-MM-DD        required once the status is no longer draft\n\
# approved_by: TODO approving group\n\
# review: YYYY-MM-DD          after `approved`\n\
owner: \"TODO: {owner}\"\n\
audience: {audience}\n\
{leaflet_type}conditions: []\n\
{adapts}---\n",
        leaflet_type = match leaflet_type {
            Some(t) if t != LeafletType::default() => format!("leaflet_type: {}\n", t.id()),
            _ => String::new(),
        },
        label = kind.label(),
        kind = kind.id(),
        summary = TEMPLATE_PHRASES[0],
        owner = TEMPLATE_PHRASES[1],
    );
    let urgent = format!(
        "\n> [!CAUTION]\n> TODO: {} (for example, call 999 or go to A&E now).\n",
        TEMPLATE_PHRASES[2]
    );
    if leaflet_type == Some(LeafletType::WarningSigns) {
        // The urgent card comes first, before any heading (see `leaflet-urgent-card`).
        out.push_str(&urgent);
        for s in LeafletType::WarningSigns.sections() {
            out.push_str(&format!("\n## {s}\n\nTODO\n"));
        }
        return out;
    }
    for s in sections(kind) {
        out.push_str(&format!("\n## {s}\n\nTODO\n"));
        if *s == "When to get help urgently" || *s == "Escalation" {
            out.push_str(&urgent);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaflet_skeleton_has_the_standard_sections_in_order() {
        let s = skeleton(Kind::Leaflet, "selk", None);
        let mut last = 0;
        for section in sections(Kind::Leaflet) {
            let at = s.find(&format!("## {section}")).expect(section);
            assert!(at > last);
            last = at;
        }
        assert!(s.contains("audience: patients"));
        assert!(s.contains("> [!CAUTION]"));
    }

    #[test]
    fn each_refusal_says_what_to_do_instead() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path();
        std::fs::create_dir_all(content.join("networks/selk")).unwrap();
        std::fs::write(content.join("networks/selk/network.yaml"), "name: SELK\n").unwrap();
        let new = |slug, network| {
            create(&NewDocument {
                content,
                kind: Kind::Pathway,
                slug,
                network,
                leaflet_type: None,
            })
        };
        let refusal = |slug, network| new(slug, network).unwrap_err().to_string();
        assert_eq!(
            refusal("Back Pain", "selk"),
            "`Back Pain` cannot be used as a file name in a web address; try `back-pain`"
        );
        assert!(
            refusal("back-pain", "../x").starts_with("--network `../x` is not a valid network id"),
            "{}",
            refusal("back-pain", "../x")
        );
        assert!(refusal("back-pain", "../x").ends_with(", or `national` for a national document"));
        assert_eq!(
            refusal("back-pain", "kent"),
            format!(
                "there is no network `kent` (no {}); check the id or create the network first",
                content.join("networks/kent/network.yaml").display()
            )
        );
        let written = new("back-pain", "selk").unwrap();
        assert_eq!(
            refusal("back-pain", "selk"),
            format!(
                "selk/back-pain already exists at {}; choose another name",
                written.display()
            )
        );
    }
}
