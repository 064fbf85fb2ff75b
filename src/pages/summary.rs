//! What a page sees of the site besides the documents whose bodies it shows: the settings, the
//! glossary and the networks whole, and every document only as a [`Summary`] (its id, page
//! address, front matter and adaptations: what lists, cards, switchers and the "related" and
//! "adapted by" boxes need), never its rendering, plain text or source.
//!
//! This is the invariant the preview's page cache relies on, kept by types: a page context
//! function gets [`Summaries`] and the [`Page`]s its job names (its own document, or the
//! documents a comparison, variation page or handbook shows, which
//! [`super::PageJob::shows`] lists), and nothing else. [`Summaries::shape`] is everything
//! [`Summaries`] can show, owned: while it is equal between two builds, a page can differ only
//! if a document it shows changed, so the cache remakes just those pages
//! (the page plan of [`crate::cache::BuildCache`]). A new accessor here must be covered by
//! [`Shape`], or the preview would show a stale page.

use crate::config::{Glossary, SiteConfig};
use crate::content::{Document, Meta, Scope};
use crate::library::{Library, Page, Selection};
use crate::network::Network;
use crate::translations::Form;
use jiff::civil::Date;
use std::sync::Arc;

/// The site as one page sees it beyond the documents it shows.
#[derive(Clone, Copy)]
pub struct Summaries<'a> {
    pub config: &'a SiteConfig,
    pub glossary: &'a Glossary,
    pub networks: &'a [Network],
    pub selection: &'a Selection,
    /// "Today" for review states: the build date, or the `--as-of` date.
    pub today: Date,
    /// Set for `build --as-of`.
    pub as_of: Option<Date>,
    /// Private: documents leave this module only as [`Summary`]s.
    lib: &'a Library,
}

/// A document as other pages see it: no body.
#[derive(Clone, Copy)]
pub struct Summary<'a>(&'a Page);

/// A published translation or Easy Read version of a leaflet, as its English leaflet's pages
/// list it.
#[derive(Clone, Copy)]
pub struct VariantLink<'a> {
    pub form: Form,
    /// The version's page, below the site root.
    pub path: &'a str,
    /// It translates an earlier English version than the one in force.
    pub stale: bool,
}

impl<'a> Summary<'a> {
    /// The summary of a page a context function holds (its own, say), for a card or a list.
    pub fn of(page: &'a Page) -> Summary<'a> {
        Summary(page)
    }

    pub fn id(self) -> &'a str {
        &self.0.doc.id
    }

    pub fn scope(self) -> &'a Scope {
        &self.0.doc.scope
    }

    /// The network whose document this is; `None` for a national document.
    pub fn network(self) -> Option<&'a str> {
        match self.scope() {
            Scope::Network(id) => Some(id),
            Scope::National => None,
        }
    }

    /// The front matter, checked.
    pub fn meta(self) -> &'a Meta {
        &self.0.doc.meta
    }

    /// Path of the page below the site root, e.g. `selk/ces-pathway/`.
    pub fn path(self) -> &'a str {
        &self.0.path
    }

    /// Ids of the published documents that adapt this one.
    pub fn adapted_by(self) -> &'a [String] {
        &self.0.adapted_by
    }
}

impl<'a> Summaries<'a> {
    pub fn new(lib: &'a Library) -> Summaries<'a> {
        Summaries {
            config: &lib.site,
            glossary: &lib.glossary,
            networks: &lib.networks,
            selection: &lib.selection,
            today: lib.today,
            as_of: lib.as_of,
            lib,
        }
    }

    /// Every published document, by id.
    pub fn pages(&self) -> impl Iterator<Item = Summary<'a>> + 'a {
        self.lib.pages.iter().map(Summary)
    }

    /// Where `p` is in [`Self::pages`]; `None` for a page that is not one of them (an earlier
    /// version's). Found by address, not by searching.
    pub fn position(&self, p: Summary<'a>) -> Option<usize> {
        let pages = &self.lib.pages;
        let offset = (p.0 as *const Page as usize).checked_sub(pages.as_ptr() as usize)?;
        let i = offset / std::mem::size_of::<Page>().max(1);
        pages.get(i).filter(|o| std::ptr::eq(*o, p.0)).map(|_| i)
    }

    pub fn page(&self, id: &str) -> Option<Summary<'a>> {
        self.lib.page(id).map(Summary)
    }

    /// The document whose source file is `path` (relative to the content folder), if published.
    pub fn by_source(&self, path: &str) -> Option<Summary<'a>> {
        self.lib
            .pages
            .iter()
            .find(|p| p.doc.path == path)
            .map(Summary)
    }

    /// Documents of one scope that belong in lists (withdrawn documents keep their page only).
    pub fn listed<'s>(&self, scope: &'s Scope) -> impl Iterator<Item = Summary<'a>> + 's
    where
        'a: 's,
    {
        self.lib.listed(scope).map(Summary)
    }

    pub fn network(&self, id: &str) -> Option<&'a Network> {
        self.lib.network(id)
    }

    /// Whether the site has indicator pages (`indicators.yaml` defines some).
    pub fn has_indicators(&self) -> bool {
        !self.lib.indicators.is_empty()
    }

    /// The name of an indicator in indicators.yaml.
    pub fn indicator_name(&self, id: &str) -> Option<&'a str> {
        self.lib.indicators.get(id).map(|i| i.name.as_str())
    }

    /// The published versions of the English leaflet `id` (at page `path`), by page path.
    pub fn variants_of(
        &self,
        id: &'a str,
        path: &'a str,
    ) -> impl Iterator<Item = VariantLink<'a>> + 'a {
        let variants = &self.lib.variants;
        let start = variants.partition_point(|v| v.page.path.as_str() < path);
        variants[start..]
            .iter()
            .take_while(move |v| v.page.path.starts_with(path))
            .filter(move |v| v.of == id)
            .map(|v| VariantLink {
                form: v.form,
                path: &v.page.path,
                stale: v.stale.is_some(),
            })
    }

    /// The form of every published translation and Easy Read version.
    pub fn variant_forms(&self) -> impl Iterator<Item = Form> + 'a {
        self.lib.variants.iter().map(|v| v.form)
    }

    /// Everything these summaries can show, owned, to compare with another build's.
    pub fn shape(&self) -> Shape {
        Shape {
            site: self.config.clone(),
            glossary: self.glossary.clone(),
            networks: self.networks.to_vec(),
            selection: self.selection.clone(),
            today: self.today,
            as_of: self.as_of,
            indicators: self
                .lib
                .indicators
                .list
                .iter()
                .map(|i| (i.id.clone(), i.name.clone()))
                .collect(),
            pages: self
                .lib
                .pages
                .iter()
                .map(|p| PageShape {
                    doc: p.doc.clone(),
                    path: p.path.clone(),
                    adapted_by: p.adapted_by.clone(),
                })
                .collect(),
            variants: self
                .lib
                .variants
                .iter()
                .map(|v| {
                    let d = &v.page.doc;
                    (
                        v.page.path.clone(),
                        d.text[..d.body_start].to_owned(),
                        v.stale.is_some(),
                    )
                })
                .collect(),
        }
    }
}

/// Everything [`Summaries`] can show: if it is equal between two builds, only pages that show a
/// changed document can differ.
#[derive(PartialEq)]
pub struct Shape {
    site: SiteConfig,
    glossary: Glossary,
    networks: Vec<Network>,
    selection: Selection,
    today: Date,
    as_of: Option<Date>,
    /// Per indicator: its id and name (workplan pages name the indicator a deliverable reports
    /// on; every footer links to the indicator pages when there are any).
    indicators: Vec<(String, String)>,
    /// Per page: id, path, front matter, adaptations.
    pages: Vec<PageShape>,
    /// Per translation or Easy Read version: its page, front matter and whether it is stale
    /// (the English leaflet's page lists them).
    variants: Vec<(String, String, bool)>,
}

/// A page as [`Summaries`] show it: its id, path, front matter (which gives `meta`, with the
/// glossary, and the scope) and adaptations. It holds the document rather than copies of its
/// parts (copying 10,000 front matters on every rebuild of the preview was a twentieth of the
/// rebuild), and compares only those parts: an edit to the body alone leaves it equal.
struct PageShape {
    doc: Arc<Document>,
    path: String,
    adapted_by: Vec<String>,
}

impl PartialEq for PageShape {
    fn eq(&self, other: &PageShape) -> bool {
        fn front(d: &Document) -> &str {
            &d.text[..d.body_start]
        }
        self.path == other.path
            && self.adapted_by == other.adapted_by
            && (Arc::ptr_eq(&self.doc, &other.doc)
                || (self.doc.id == other.doc.id && front(&self.doc) == front(&other.doc)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every published document is found at its own place, and a page that is not one of them
    /// (a copy, as an earlier version's page is) is found nowhere.
    #[test]
    fn a_page_is_found_at_its_place_and_only_there() {
        let lib = crate::testing::base_library();
        let site = Summaries::new(&lib);
        assert!(lib.pages.len() > 2);
        for (i, p) in lib.pages.iter().enumerate() {
            assert_eq!(site.position(Summary::of(p)), Some(i), "{}", p.doc.id);
        }
        let copy = lib.pages[1].clone();
        assert_eq!(site.position(Summary::of(&copy)), None);
    }
}
