//! The files the preview serves, in two parts: those of the latest build, and those made after
//! its reload (the search index, the networks' handbooks and the coverage dashboard), which
//! serve as they were until they are made again. At 10,000 documents the second part is
//! 10,000 files; kept apart, a rebuild shares it instead of copying it into every snapshot.

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;

/// Files by path below the root (`selk/index.html`). Made afresh on every rebuild (20,000
/// paths at 10,000 documents), so with a fast hasher.
pub type FileMap = HashMap<String, Bytes, crate::incremental::Fast>;

/// The served files. The two parts never share a path: a build that leaves files until after
/// its reload does not make them itself.
#[derive(Debug, Default, Clone)]
pub struct Files {
    built: Arc<FileMap>,
    later: Arc<FileMap>,
}

impl Files {
    /// A whole site, as a build makes it (for tests: the preview starts from no files).
    #[cfg(test)]
    pub fn whole(built: FileMap) -> Files {
        Files {
            built: Arc::new(built),
            later: Arc::default(),
        }
    }

    /// A new build's files, with the files made after the last reload until they are made
    /// again.
    pub fn rebuilt(&self, built: FileMap) -> Files {
        Files {
            built: Arc::new(built),
            later: self.later.clone(),
        }
    }

    /// These files with `later` in place of those made after the last reload.
    pub fn caught_up(&self, later: FileMap) -> Files {
        debug_assert!(later.keys().all(|p| !self.built.contains_key(p)));
        Files {
            built: self.built.clone(),
            later: Arc::new(later),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.built.get(path).or_else(|| self.later.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.built.is_empty() && self.later.is_empty()
    }

    /// Every served file, in no particular order (for tests).
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        self.built.iter().chain(self.later.iter())
    }

    #[cfg(test)]
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.iter().map(|(path, _)| path)
    }

    /// Adds a file to the build's part (for tests of the server).
    #[cfg(test)]
    pub fn insert(&mut self, path: String, bytes: Bytes) {
        Arc::make_mut(&mut self.built).insert(path, bytes);
    }
}

#[cfg(test)]
impl std::ops::Index<&str> for Files {
    type Output = Bytes;

    fn index(&self, path: &str) -> &Bytes {
        self.get(path)
            .unwrap_or_else(|| panic!("no served file {path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(files: &[(&str, &'static str)]) -> FileMap {
        files
            .iter()
            .map(|(p, b)| ((*p).to_owned(), Bytes::from_static(b.as_bytes())))
            .collect()
    }

    /// A rebuild keeps the files made after the last reload until they are made again, and
    /// those of its own build replace the last build's.
    #[test]
    fn the_later_files_serve_until_made_again() {
        let first = Files::whole(map(&[("index.html", "one"), ("gone.html", "g")]));
        let caught = first.caught_up(map(&[("search/manifest.json", "m1")]));
        let rebuilt = caught.rebuilt(map(&[("index.html", "two")]));
        assert_eq!(rebuilt["index.html"], "two");
        assert!(!rebuilt.contains_key("gone.html"));
        assert_eq!(rebuilt["search/manifest.json"], "m1");
        let again = rebuilt.caught_up(map(&[("search/manifest.json", "m2")]));
        assert_eq!(again["search/manifest.json"], "m2");
        assert_eq!(again["index.html"], "two");
        assert_eq!(again.keys().count(), 2);
        assert!(Files::default().is_empty() && !again.is_empty());
    }
}
