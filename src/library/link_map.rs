//! The link map documents are rendered with: every source path a link can name, with its
//! document's id and page address, and what else links can reach (assets, networks, service
//! contacts). At 10,000 documents making it (40,000 strings, two sorted maps) was a fifth of a
//! preview rebuild, and an edit to a document's body leaves it as it was: it is made from
//! [`MapInputs`], whose fingerprint lets the preview's cache hand back the map it made last
//! time ([`super::DocumentSteps::link_map`]).

use crate::content::Document;
use crate::render::LinkMap;
use crate::routes;
use crate::service_refs::Contacts;
use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

/// Everything the link map is made from.
pub(super) struct MapInputs<'a> {
    /// The documents the pages show.
    pub(super) documents: &'a [Arc<Document>],
    /// Whether a document is published in this build; links to the others go to the full
    /// site, at `canonical`.
    pub(super) published: &'a dyn Fn(&Document) -> bool,
    /// Today's (path, id) of every document, and of those that could not be read: a document
    /// with errors of its own still exists for the links into it (its diagnostics say what is
    /// wrong, and links to it are not also reported as broken).
    pub(super) today: &'a [(String, String)],
    pub(super) base_path: &'a str,
    pub(super) canonical: &'a str,
    pub(super) assets: Vec<&'a str>,
    pub(super) networks: Vec<&'a str>,
    pub(super) services: Contacts,
}

impl MapInputs<'_> {
    /// A fingerprint of everything [`MapInputs::make`] reads: equal inputs, equal maps. (Within
    /// one process: the preview's cache compares it with the last build's.)
    pub(super) fn fingerprint(&self) -> u64 {
        let mut h = ahash::RandomState::with_seeds(1, 2, 3, 4).build_hasher();
        self.documents.len().hash(&mut h);
        for d in self.documents {
            (&d.path, &d.id, (self.published)(d)).hash(&mut h);
        }
        self.today.hash(&mut h);
        (self.base_path, self.canonical).hash(&mut h);
        (&self.assets, &self.networks, &self.services).hash(&mut h);
        h.finish()
    }

    /// The link map.
    pub(super) fn make(&self) -> LinkMap {
        let in_site: HashSet<&str, crate::incremental::Fast> = self
            .documents
            .iter()
            .filter(|d| (self.published)(d))
            .map(|d| d.id.as_str())
            .collect();
        let entry = |id: &str| {
            let root = if in_site.contains(id) {
                self.base_path
            } else {
                self.canonical
            };
            (id.to_owned(), routes::url(root, &routes::document(id)))
        };
        let mut documents: BTreeMap<String, (String, String)> = self
            .documents
            .iter()
            .map(|d| (d.path.clone(), entry(&d.id)))
            .collect();
        // Today's paths are the documents' own paths unless an older version stands in for
        // one (`--as-of`): only those are added.
        for (path, id) in self.today {
            if !documents.contains_key(path) {
                documents.insert(path.clone(), entry(id));
            }
        }
        let ids = documents
            .iter()
            .map(|(path, (id, _))| (id.clone(), path.clone()))
            .collect();
        LinkMap {
            documents,
            base_path: self.base_path.to_owned(),
            history: false,
            site_url: self.canonical.to_owned(),
            ids,
            assets: self.assets.iter().map(|a| (*a).to_owned()).collect(),
            networks: self.networks.iter().map(|n| (*n).to_owned()).collect(),
            services: self.services.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn documents() -> Vec<Arc<Document>> {
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        [
            "national/pathways/ces.md",
            "networks/alpha/pathways/ces-local.md",
        ]
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(base.join(path)).unwrap();
            let file = SourceFile {
                path: (*path).to_owned(),
                text: text.into(),
            };
            let ctx = crate::content::Context { glossary: None };
            Arc::new(crate::content::parse(&file, &ctx, &mut Vec::new()).unwrap())
        })
        .collect()
    }

    fn inputs<'a>(
        documents: &'a [Arc<Document>],
        published: &'a dyn Fn(&Document) -> bool,
    ) -> MapInputs<'a> {
        MapInputs {
            documents,
            published,
            today: &[],
            base_path: "/",
            canonical: "https://example.org/",
            assets: vec!["forms/referral.pdf"],
            networks: vec!["alpha"],
            services: Contacts::new(),
        }
    }

    /// What changes the map changes the fingerprint, so the preview never links with a stale
    /// map; the same inputs give the same fingerprint, so it reuses the map it has.
    #[test]
    fn the_fingerprint_follows_what_the_map_is_made_of() {
        let docs = documents();
        let all = |_: &Document| true;
        let national_only = |d: &Document| d.id.starts_with("national/");
        let same = inputs(&docs, &all);
        assert_eq!(same.fingerprint(), inputs(&docs, &all).fingerprint());
        let map = same.make();
        assert_eq!(
            map.documents["networks/alpha/pathways/ces-local.md"].1,
            "/alpha/ces-local/"
        );

        let left_out = inputs(&docs, &national_only);
        assert_ne!(left_out.fingerprint(), same.fingerprint());
        let map = left_out.make();
        assert_eq!(
            map.documents["networks/alpha/pathways/ces-local.md"].1,
            "https://example.org/alpha/ces-local/"
        );

        let mut moved = docs.clone();
        Arc::make_mut(&mut moved[1]).path = "networks/alpha/policies/ces-local.md".into();
        assert_ne!(inputs(&moved, &all).fingerprint(), same.fingerprint());

        let mut renamed = inputs(&docs, &all);
        renamed.assets = vec!["forms/referral-2.pdf"];
        assert_ne!(renamed.fingerprint(), same.fingerprint());
        let today = [("networks/alpha/old.md".to_owned(), "alpha/old".to_owned())];
        let with_old = MapInputs {
            today: &today,
            ..inputs(&docs, &all)
        };
        assert_ne!(with_old.fingerprint(), same.fingerprint());
        assert_eq!(with_old.make().ids["alpha/old"], "networks/alpha/old.md");
    }
}
