//! Networks: each folder under `networks/` is one network, named by its id, with a profile in
//! `network.yaml`. The folder is the network team's ownership boundary.

use crate::config::{self, NetworkProfile};
use crate::diag::Diagnostic;
use crate::slug::{is_slug, slugify};
use crate::source::NetworkSource;

/// Ids that would collide with the site's own top-level pages.
const RESERVED: &[&str] = &[
    "national",
    "coverage",
    "search",
    "assets",
    "theme",
    "404",
    "indicators",
    "services",
    "accessibility",
];

/// Why `id` cannot name a network (its folder under `networks/` and its part of every
/// address), with what would be right; `None` if it can. Checked before any path is made
/// from an id, so an id can never lead outside the content folder.
pub fn id_problem(id: &str) -> Option<(String, String)> {
    if !is_slug(id) {
        return Some((
            format!("`{id}` is not a valid network id"),
            format!(
                "use lowercase letters, digits and `-`, e.g. `{}`",
                slugify(id)
            ),
        ));
    }
    if RESERVED.contains(&id) {
        return Some((
            format!("`{id}` is reserved for the site's own pages"),
            "choose another name for the network, such as its initials".to_owned(),
        ));
    }
    None
}

#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub id: String,
    pub profile: NetworkProfile,
    /// The service directory, when the network keeps one.
    pub services: Option<crate::services::Directory>,
    /// The annual workplans, oldest first.
    pub workplans: Vec<crate::workplan::Workplan>,
}

/// Checks each network folder; returns the usable networks sorted by id.
pub fn load(sources: &[NetworkSource], diags: &mut Vec<Diagnostic>) -> Vec<Network> {
    let mut networks = Vec::new();
    for n in sources {
        let folder = format!("networks/{}", n.id);
        if let Some((problem, fix)) = id_problem(&n.id) {
            diags.push(
                Diagnostic::error(
                    "invalid-network-id",
                    &folder,
                    format!("network folder {problem}"),
                )
                .help(format!("rename the folder: {fix}")),
            );
            continue;
        }
        let Some(file) = &n.profile else {
            diags.push(
                Diagnostic::error("missing-network-yaml", format!("{folder}/network.yaml"), "the network folder has no network.yaml")
                    .help("add network.yaml with at least `name:` and `region:` (see the README's content format)"),
            );
            continue;
        };
        if let Some(profile) = config::parse_network(&file.path, &file.text, diags) {
            let services = n
                .services
                .as_ref()
                .and_then(|f| crate::services::parse(&f.path, &f.text, &profile, diags));
            let mut workplans: Vec<crate::workplan::Workplan> = n
                .workplans
                .iter()
                .filter_map(|f| crate::workplan::parse(&f.path, &f.text, diags))
                .collect();
            workplans.sort_by(|a, b| a.year.cmp(&b.year));
            networks.push(Network {
                id: n.id.clone(),
                profile,
                services,
                workplans,
            });
        }
    }
    networks.sort_by(|a, b| a.id.cmp(&b.id));
    networks
}
