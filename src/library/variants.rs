//! What the library holds of leaflets' translations and Easy Read versions, and what it hands
//! to the step that makes them ([`crate::translations::build`]). That step reads the library's
//! pages and link map, so [`Library::build_with`](super::Library::build_with) is given it as a
//! function rather than calling it: the library never imports the module built on it.

use super::{Page, Selection};
use crate::diag::Diagnostic;
use crate::forms::{Form, Stale, VariantMeta};
use crate::render::LinkMap;
use crate::source::SourceFile;
use jiff::civil::Date;

/// A published translation or Easy Read version.
#[derive(Debug, Clone)]
pub struct Variant {
    pub form: Form,
    /// The English leaflet's id.
    pub of: String,
    pub meta: VariantMeta,
    /// The page: a document with the leaflet's id and kind, the translation's text, title and
    /// summary, and `path` `<network>/<slug>/<form>/`.
    pub page: Page,
    pub stale: Option<Stale>,
}

/// Everything the translations step needs ([`VariantStep`]).
pub struct VariantInputs<'a> {
    /// Every document file; the versions are picked out of them.
    pub files: &'a [SourceFile],
    /// The library's pages, sorted by id.
    pub pages: &'a [Page],
    /// Today's link map (every document path, published or not).
    pub map: &'a LinkMap,
    pub selection: &'a Selection,
    pub today: Date,
    /// Every document's approved versions are known (git history was read in full): a
    /// translation of a version not among them is an error. Without it only versions above
    /// the current one can be refused.
    pub history: bool,
    /// An `--as-of` build publishes no translations (they are not versioned in time).
    pub as_of: bool,
    /// The Flesch–Kincaid grade Easy Read versions should not exceed.
    pub easy_read_target: Option<f64>,
}

/// Checks every translation and Easy Read file and returns those the build publishes, sorted
/// by page path (the build gives [`crate::translations::build`]).
pub type VariantStep<'s> = &'s dyn Fn(&VariantInputs<'_>, &mut Vec<Diagnostic>) -> Vec<Variant>;
