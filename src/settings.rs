//! The site's settings, loaded before any document: site.yaml, glossary.yaml, every network's
//! profile (with its service directory and workplans) and the indicators with their figures.
//! Each is checked here, once, with a diagnostic for each problem; the library is then
//! assembled from these checked values and the documents.

use crate::config::{self, Glossary, SiteConfig};
use crate::diag::Diagnostic;
use crate::indicators::{self, Indicators};
use crate::network::{self, Network};
use crate::source::Source;

/// Everything but the documents, checked. `None` for a file too broken to use (its
/// diagnostics say why).
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
