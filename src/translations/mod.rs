//! Translations and Easy Read versions of leaflets: files beside the English leaflet named
//! `<slug>.<language>.md` (`lumbar-fusion.pl.md`) or `<slug>.easy-read.md`, each with its own
//! front matter. This module picks them out of the document files, checks them against the
//! English leaflet (which must exist, be a leaflet, and have had the version translated),
//! renders them, and decides which are published and which are stale: a translation of an
//! English version older than the one in force says so on its page, and `check` warns
//! (`translation-stale`).
//!
//! A translation is never a [`Page`] of [`Library::pages`](crate::library::Library): lists,
//! the sitemap's document entries, the English search index and the assurance lints never see
//! one. Each [`Variant`] carries a page of its own (a document made from the translation's
//! file, with the English leaflet's id, kind and conditions) for its page and its language's
//! search index.
//!
//! The file names, [`Form`] and addresses are in [`crate::forms`]; what the build gets back
//! ([`Variant`]) and what it needs ([`Inputs`]) are the library's, which holds the versions.
//! The library calls [`build`] once its pages are assembled: `check` checks one file against its
//! English leaflet and makes its page, and `meta` reads and checks its front matter.

mod check;
mod meta;

use crate::diag::Diagnostic;
pub use crate::forms::{
    classify, large_print_path, variant_path, FileName, Form, Stale, VariantMeta,
};
pub use crate::library::{Variant, VariantInputs as Inputs};

/// Checks every translation and Easy Read file, and returns those the build publishes, sorted
/// by page path.
pub fn build(inp: &Inputs<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Variant> {
    let mut out = Vec::new();
    if inp.as_of {
        return out;
    }
    for file in inp.files {
        if let Some(v) = check::one(inp, file, diags) {
            out.push(v);
        }
    }
    out.sort_by(|a, b| a.page.path.cmp(&b.page.path));
    out
}
