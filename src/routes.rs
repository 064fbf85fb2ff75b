//! Every path the site publishes, in one place: where each page and file of the output
//! contract is written, relative to the output folder, and the web address of a page under
//! the site's root. Nothing else builds an output path by hand, so a page's link and the file
//! it points to cannot disagree.
//!
//! A page lives in a folder and is written as that folder's `index.html` ([`file()`]); its
//! address is the folder with the site's base path in front ([`url`]). This module knows
//! nothing of documents or networks beyond their ids, so every phase can use it.

use std::fmt::Display;

/// The home page's folder: the site root.
pub const HOME: &str = "";
/// The search page.
pub const SEARCH: &str = "search/";
/// The page a server shows for an address it has no file for.
pub const NOT_FOUND_FILE: &str = "404.html";
/// The coverage dashboard, and its data.
pub const COVERAGE: &str = "coverage/";
/// [`COVERAGE`]'s file, named as a constant for the build cache's key.
pub const COVERAGE_FILE: &str = "coverage/index.html";
pub const COVERAGE_JSON: &str = "coverage.json";
/// Every published document, for other tools.
pub const CATALOG_JSON: &str = "catalog.json";
/// The Atom feed of approved documents.
pub const FEED: &str = "feed.xml";
/// The sitemap, or the index of its parts when there are several.
pub const SITEMAP: &str = "sitemap.xml";
/// The service directory of every network.
pub const SERVICES: &str = "services/";
/// Every national document's variation, by share of networks, and by title.
pub const VARIATION_INDEX: &str = "variation/";
pub const VARIATION_BY_TITLE: &str = "variation/by-title/";
/// The national indicators, and their data.
pub const INDICATORS: &str = "indicators/";
pub const INDICATORS_JSON: &str = "indicators.json";
/// The search index's folder, and its fixed files.
pub const SEARCH_INDEX: &str = "search/";
/// The glossary: every condition, abbreviation and term.
pub const GLOSSARY: &str = "glossary/";

/// The file a page in `folder` is written to.
pub fn file(folder: &str) -> String {
    format!("{folder}index.html")
}

/// The address of `path` (a page's folder or a file) under the site's base path `root`
/// (`/` or `/sub/`).
pub fn url(root: &str, path: &str) -> String {
    [root, path].concat()
}

/// A network's view, `/national/`, or a document's page: `<id>/`.
pub fn scope(id: &str) -> String {
    format!("{id}/")
}

/// A network's handbook, every document in force on one page for printing: `<network>/print/`.
pub fn handbook(network: &str) -> String {
    format!("{network}/print/")
}

/// A document's page: `<id>/` (network documents `<network>/<slug>`, national ones
/// `national/<slug>`).
pub fn document(id: &str) -> String {
    [id, "/"].concat()
}

/// A past version of a document: `<id>/v<version>/`.
pub fn version(id: &str, version: impl Display) -> String {
    format!("{id}/v{version}/")
}

/// Page `index` (from 0) of a document's full version history: `<id>/history/`, then
/// `<id>/history/2/`, ...
pub fn history(id: &str, index: usize) -> String {
    match index {
        0 => format!("{id}/history/"),
        n => format!("{id}/history/{}/", n + 1),
    }
}

/// The comparison of two consecutive versions: `<id>/compare/v<old>-v<new>/`.
pub fn compare(id: &str, old: impl Display, new: impl Display) -> String {
    format!("{id}/compare/v{old}-v{new}/")
}

/// How networks apply a national document: `national/<slug>/variation/`.
pub fn variation(national_id: &str) -> String {
    format!("{national_id}/variation/")
}

/// A network's service directory: `<network>/services/`.
pub fn network_services(network: &str) -> String {
    format!("{network}/services/")
}

/// A network's annual workplan: `<network>/workplan/<year>/`.
pub fn workplan(network: &str, year: &str) -> String {
    format!("{network}/workplan/{year}/")
}

/// A progress report on a workplan: `<network>/reports/<year>-<period>/`.
pub fn report(network: &str, year: &str, period: &str) -> String {
    format!("{network}/reports/{year}-{period}/")
}

/// One indicator's page: `indicators/<id>/`.
pub fn indicator(id: &str) -> String {
    format!("indicators/{id}/")
}

/// One indicator's figures for every network: `indicators/<id>/<id>.csv`.
pub fn indicator_csv(id: &str) -> String {
    format!("indicators/{id}/{id}.csv")
}

/// A network's indicators: `<network>/indicators/`.
pub fn network_indicators(network: &str) -> String {
    format!("{network}/indicators/")
}

/// A network's figures for every indicator: `<network>/indicators/<network>-indicators.csv`.
pub fn network_indicators_csv(network: &str) -> String {
    format!("{network}/indicators/{network}-indicators.csv")
}

/// The search index of a language's translations: `search/<code>/` (English is
/// [`SEARCH_INDEX`]).
pub fn search_language(code: &str) -> String {
    format!("{SEARCH_INDEX}{code}/")
}

/// Search record `n` (one per page) of the index in `index`: `<index>d/<n>.json`.
pub fn search_record(index: &str, n: usize) -> String {
    format!("{index}d/{n}.json")
}

/// A shard of the word list of the index in `index`: `<index>s/<name>`.
pub fn search_shard(index: &str, name: &str) -> String {
    format!("{index}s/{name}")
}

/// The filter values of the index in `index`: `<index>filters.json`.
pub fn search_filters(index: &str) -> String {
    format!("{index}filters.json")
}

/// The manifest of the index in `index`: `<index>manifest.json`.
pub fn search_manifest(index: &str) -> String {
    format!("{index}manifest.json")
}

/// Part `n` (from 1) of a sitemap split in several.
pub fn sitemap_part(n: usize) -> String {
    format!("sitemap-{n}.xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_folders_written_as_index_files() {
        assert_eq!(file(HOME), "index.html");
        assert_eq!(file(&document("selk/ces")), "selk/ces/index.html");
        assert_eq!(
            url("/sub/", &version("selk/ces", "2.1")),
            "/sub/selk/ces/v2.1/"
        );
        assert_eq!(history("selk/ces", 0), "selk/ces/history/");
        assert_eq!(history("selk/ces", 1), "selk/ces/history/2/");
        assert_eq!(
            compare("selk/ces", "1.0", "2.0"),
            "selk/ces/compare/v1.0-v2.0/"
        );
        assert_eq!(report("selk", "2026-27", "q1"), "selk/reports/2026-27-q1/");
        assert_eq!(
            network_indicators_csv("selk"),
            "selk/indicators/selk-indicators.csv"
        );
    }

    #[test]
    fn coverage_file_is_its_page() {
        assert_eq!(file(COVERAGE), COVERAGE_FILE);
    }

    #[test]
    fn every_folder_ends_with_a_slash() {
        for p in [
            SEARCH,
            COVERAGE,
            SERVICES,
            VARIATION_INDEX,
            VARIATION_BY_TITLE,
            INDICATORS,
            SEARCH_INDEX,
        ] {
            assert!(p.ends_with('/'), "{p}");
        }
    }
}
