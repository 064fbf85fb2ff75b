//! `pathways new`: a new document with every required field filled with an obvious placeholder
//! and the section skeleton for its kind, so a network team starts from the agreed structure.

use crate::content::Kind;
use crate::kind::TEMPLATE_PHRASES;
use crate::slug::{is_slug, slugify};
use std::path::{Path, PathBuf};

pub use crate::kind::sections;

pub struct NewDocument<'a> {
    pub content: &'a Path,
    pub kind: Kind,
    pub slug: &'a str,
    /// A network id, or `national`.
    pub network: &'a str,
}

/// Writes the new document and returns its path; refuses to overwrite or to reuse an id.
pub fn create(req: &NewDocument<'_>) -> Result<PathBuf, String> {
    if !is_slug(req.slug) {
        return Err(format!(
            "`{}` cannot be used as a file name in a web address; try `{}`",
            req.slug,
            slugify(req.slug)
        ));
    }
    // The id becomes a folder name: check it as an id before any path is made from it.
    if req.network != "national" {
        if let Some((problem, fix)) = crate::network::id_problem(req.network) {
            return Err(format!(
                "--network {problem}: {fix}, or `national` for a national document"
            ));
        }
    }
    let folder = if req.network == "national" {
        req.content.join("national")
    } else {
        let net = req.content.join("networks").join(req.network);
        if !net.join("network.yaml").is_file() {
            return Err(format!(
                "there is no network `{}` (no {}); check the id or create the network first",
                req.network,
                net.join("network.yaml").display()
            ));
        }
        net
    };
    if let Some(existing) = find_slug(&folder, req.slug) {
        return Err(format!(
            "{}/{} already exists at {}; choose another name",
            req.network,
            req.slug,
            existing.display()
        ));
    }
    let path = folder
        .join(req.kind.folder())
        .join(format!("{}.md", req.slug));
    std::fs::create_dir_all(path.parent().unwrap_or(&folder)).map_err(|e| e.to_string())?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
    std::io::Write::write_all(&mut file, skeleton(req.kind, req.network).as_bytes())
        .map_err(|e| e.to_string())?;
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

fn skeleton(kind: Kind, network: &str) -> String {
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
conditions: []\n\
{adapts}---\n",
        label = kind.label(),
        kind = kind.id(),
        summary = TEMPLATE_PHRASES[0],
        owner = TEMPLATE_PHRASES[1],
    );
    for s in sections(kind) {
        out.push_str(&format!("\n## {s}\n\nTODO\n"));
        if *s == "When to get help urgently" || *s == "Escalation" {
            out.push_str(&format!(
                "\n> [!CAUTION]\n> TODO: {} (for example, call 999 or go to A&E now).\n",
                TEMPLATE_PHRASES[2]
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaflet_skeleton_has_the_standard_sections_in_order() {
        let s = skeleton(Kind::Leaflet, "selk");
        let mut last = 0;
        for section in sections(Kind::Leaflet) {
            let at = s.find(&format!("## {section}")).expect(section);
            assert!(at > last);
            last = at;
        }
        assert!(s.contains("audience: patients"));
        assert!(s.contains("> [!CAUTION]"));
    }
}
