//! What a workplan refers to outside itself, checked once every document is known: each
//! status's evidence links (documents and assets, relative to the workplan file, checked like
//! the links in a document) and each deliverable's `indicator` (an id from indicators.yaml).
//! The workplan pages resolve the same links to addresses (`pages::plans`).

use crate::diag::{suggest, Diagnostic};
use crate::indicators::Indicators;
use crate::network::Network;
use crate::render::links::{self, Target};
use crate::render::LinkMap;
use crate::workplan::{Evidence, Workplan};
use std::collections::BTreeSet;

/// Every workplan's evidence links and indicators: a link to a missing document, heading or
/// asset, or an unknown indicator, is an error at its line and column.
/// `anchors` holds the headings of every rendered (published) document, by document id.
pub fn check(
    networks: &[Network],
    map: &LinkMap,
    anchors: &super::Lookup<&BTreeSet<String>>,
    indicators: &Indicators,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for plan in networks.iter().flat_map(|n| &n.workplans) {
        for d in plan.areas.iter().flat_map(|a| &a.deliverables) {
            for e in d.status.iter().flat_map(|s| &s.links) {
                out.extend(check_link(plan, e, map, anchors));
            }
            if let Some((id, at)) = &d.indicator {
                if indicators.get(id).is_none() {
                    let help = match suggest(id, indicators.list.iter().map(|i| i.id.as_str())) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if indicators.list.is_empty() => {
                            "define the indicator in indicators.yaml (see the README's Indicators section), or remove `indicator:`".to_owned()
                        }
                        None => "write the id of an indicator in indicators.yaml".to_owned(),
                    };
                    out.push(
                        Diagnostic::error(
                            "unknown-workplan-indicator",
                            &plan.path,
                            format!("`{id}` is not an indicator in indicators.yaml"),
                        )
                        .at(&plan.text, at.0, at.1, at.2)
                        .help(help),
                    );
                }
            }
        }
    }
    out
}

fn check_link(
    plan: &Workplan,
    e: &Evidence,
    map: &LinkMap,
    anchors: &super::Lookup<&BTreeSet<String>>,
) -> Option<Diagnostic> {
    let error = |code, message: String, help: String| {
        Some(
            Diagnostic::error(code, &plan.path, message)
                .at(&plan.text, e.at.0, e.at.1, e.at.2)
                .help(help),
        )
    };
    let link = &e.link;
    match links::classify(&plan.path, link) {
        Target::Unchanged if crate::render::sanitize::is_safe_url(link) && link.contains("://") => None,
        Target::Unchanged | Target::SameDocument(_) => error(
            "broken-link",
            format!("evidence link `{link}` is neither a document, an asset nor a web address"),
            "link to a document's .md file or a file under assets/, relative to this workplan, or to an https:// address".to_owned(),
        ),
        Target::OutsideContent => error(
            "broken-link",
            format!("evidence link `{link}` points outside the content folder"),
            "link to a document inside the content folder, or use a full https:// address".to_owned(),
        ),
        Target::OtherFile(path) => error(
            "broken-asset",
            format!("evidence link to `{path}`, which is not published: only documents and files under assets/ are"),
            "put the file in the content folder's assets/ and link to it there (paths are relative to this file)".to_owned(),
        ),
        Target::Asset(asset) if !map.assets.contains(&asset) => {
            let name = asset.rsplit('/').next().unwrap_or(&asset);
            let help = match map.assets.iter().find(|a| a.rsplit('/').next() == Some(name)) {
                Some(a) => format!(
                    "did you mean `{}`?",
                    links::relative(&plan.path, &format!("assets/{a}"))
                ),
                None => "check the file name under assets/ and the number of `../`".to_owned(),
            };
            error(
                "broken-asset",
                format!("evidence link to `assets/{asset}`, which does not exist"),
                help,
            )
        }
        Target::Asset(_) => None,
        Target::Document { path, anchor } => match map.documents.get(&path) {
            None => {
                let name = path.rsplit('/').next().unwrap_or(&path);
                let help = match map
                    .documents
                    .keys()
                    .find(|p| p.rsplit('/').next() == Some(name))
                {
                    Some(p) => format!("did you mean `{}`?", links::relative(&plan.path, p)),
                    None => "check the file name and the number of `../`; paths are relative to this workplan file".to_owned(),
                };
                error(
                    "broken-link",
                    format!("evidence link to `{path}`, which is not a document"),
                    help,
                )
            }
            Some((id, _)) => match (anchors.get(id.as_str()), anchor) {
                (None, _) => error(
                    "link-to-draft",
                    format!("evidence link to `{path}`, which is not published"),
                    "link to a published document, or publish this one first".to_owned(),
                ),
                (Some(heads), Some(a)) if !heads.contains(&a) => {
                    error(
                        "broken-anchor",
                        format!("`{path}` has no heading `#{a}`"),
                        super::checks::nearest_headings(&a, &path, heads),
                    )
                }
                _ => None,
            },
        },
    }
}
