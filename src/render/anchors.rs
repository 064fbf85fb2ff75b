//! Heading anchors: every heading gets a stable id made from its text (or the author's
//! `{#id}`), unique within the document, so links like `pathway.md#red-flags` can be checked.

use std::collections::BTreeSet;

pub use crate::html::anchor_slug as slug;

/// Ids the theme's own page furniture uses; a heading never takes one of them.
const RESERVED: &[&str] = &[
    "main-content",
    "site-search",
    "doc-title",
    "toc-heading",
    "changes-heading",
    "adapted-heading",
    "related-heading",
    "history-heading",
];

/// Hands out ids, suffixing repeats with `-1`, `-2`, ... as GitHub does.
#[derive(Debug)]
pub struct Anchors {
    pub used: BTreeSet<String>,
}

impl Default for Anchors {
    fn default() -> Self {
        Anchors {
            used: RESERVED.iter().map(|s| s.to_string()).collect(),
        }
    }
}

impl Anchors {
    /// The ids headings were given (reserved ids excluded).
    pub fn into_claimed(self) -> BTreeSet<String> {
        let mut used = self.used;
        used.retain(|u| !RESERVED.contains(&u.as_str()));
        used
    }

    pub fn claim(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let mut n = 1;
        loop {
            let candidate = format!("{wanted}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_joined_by_hyphens() {
        assert_eq!(slug("Red flags: act now!"), "red-flags-act-now");
        assert_eq!(slug("  24/7 MRI access "), "247-mri-access");
        assert_eq!(slug("???"), "section");
    }

    #[test]
    fn repeats_get_suffixes() {
        let mut a = Anchors::default();
        assert_eq!(a.claim("scope".into()), "scope");
        assert_eq!(a.claim("scope".into()), "scope-1");
        assert_eq!(a.claim("scope".into()), "scope-2");
        assert_eq!(a.claim("doc-title".into()), "doc-title-1");
        assert!(!a.into_claimed().contains("main-content"));
    }
}
