//! The site's settings, loaded before any document: site.yaml, glossary.yaml, every network's
//! profile (with its service directory and workplans) and the indicators with their figures.
//! Each is checked here, once, with a diagnostic for each problem; the library is then
//! assembled from these checked values and the documents.

use crate::config::{self, Glossary, SiteConfig};
use crate::diag::Diagnostic;
use crate::indicators::{self, Indicators};
use crate::network::{self, Network};
use crate::source::{Source, SourceFile};

/// Everything but the documents, checked. `None` for a file too broken to use (its
/// diagnostics say why).
#[derive(Clone)]
pub struct Settings {
    pub site: Option<SiteConfig>,
    pub glossary: Option<Glossary>,
    pub networks: Vec<Network>,
    pub indicators: Indicators,
}

/// Reads the settings from the content folder's files, adding their problems to `diags`.
pub fn load(source: &Source, diags: &mut Vec<Diagnostic>) -> Settings {
    let site = match &source.site {
        Some(f) => config::parse_site(&f.path, &f.text, diags),
        None => {
            diags.push(
                Diagnostic::error(
                    "missing-site-yaml",
                    "site.yaml",
                    "the content folder has no site.yaml",
                )
                .help("add site.yaml with `title:`, `base_url:` and `language:`"),
            );
            None
        }
    };
    let glossary = match &source.glossary {
        Some(f) => config::parse_glossary(&f.path, &f.text, diags),
        None => Some(Glossary::default()),
    };
    let networks = network::load(&source.networks, diags);
    let indicators = indicators::load(source, &networks, diags);
    Settings {
        site,
        glossary,
        networks,
        indicators,
    }
}

/// A fingerprint of what [`load`] reads: the network folders' names and the paths and texts
/// of site.yaml, glossary.yaml, every network's profile, service directory and workplans,
/// indicators.yaml and the figures. Settings loaded from files with the same fingerprint are
/// the same.
pub fn fingerprint(source: &Source) -> u64 {
    let networks = source.networks.iter().flat_map(|n| {
        let files = n.profile.iter().chain(&n.services);
        files.chain(&n.workplans)
    });
    let files: Vec<(&str, &str)> = (source.site.iter().chain(&source.glossary))
        .chain(networks)
        .chain(source.indicators.iter().chain(&source.indicator_values))
        .map(|f: &SourceFile| (f.path.as_str(), &*f.text))
        .collect();
    let ids: Vec<&str> = source.networks.iter().map(|n| n.id.as_str()).collect();
    crate::incremental::fingerprint(&(ids, files))
}
