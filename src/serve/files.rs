//! The files the preview serves, in three parts: the pages of the latest build, its other
//! files, and those made after its reload (the search index, the networks' handbooks and the
//! coverage dashboard), which serve as they were until they are made again. At 10,000
//! documents the first part is 11,000 pages and the last 10,000 files; kept apart, a rebuild
//! shares them instead of copying them into every snapshot. The pages are in shards: a
//! rebuild copies only the shards holding the pages it made again or removed.

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Arc;

/// Files by path below the root (`selk/index.html`). Made afresh on every rebuild (20,000
/// paths at 10,000 documents), so with a fast hasher.
pub type FileMap = HashMap<String, Bytes, crate::incremental::Fast>;

/// The served files. The parts never share a path: a build that leaves files until after its
/// reload does not make them itself, and it hands over its pages apart from its other files.
#[derive(Debug, Default, Clone)]
pub struct Files {
    pages: PageMap,
    built: Arc<FileMap>,
    later: Arc<FileMap>,
}

/// Pages by path, in [`SHARDS`] shards by a hash of the path.
#[derive(Debug, Default, Clone)]
pub struct PageMap {
    shards: Arc<Vec<Arc<FileMap>>>,
}

const SHARDS: usize = 64;

fn shard(path: &str) -> usize {
    (crate::incremental::fingerprint(path) % SHARDS as u64) as usize
}

impl PageMap {
    /// A map of `pages`.
    pub fn whole<'a>(pages: impl Iterator<Item = (&'a String, &'a Bytes)>) -> PageMap {
        PageMap::default().changed(pages, &[])
    }

    /// These pages with `made` added (or put in place of those with the same path) and `gone`
    /// removed. Shards that neither touches are shared with this map.
    pub fn changed<'a>(
        &self,
        made: impl Iterator<Item = (&'a String, &'a Bytes)>,
        gone: &[String],
    ) -> PageMap {
        let mut shards = match self.shards.len() {
            0 => vec![Arc::default(); SHARDS],
            _ => (*self.shards).clone(),
        };
        for (path, bytes) in made {
            Arc::make_mut(&mut shards[shard(path)]).insert(path.clone(), bytes.clone());
        }
        for path in gone {
            let shard = &mut shards[shard(path)];
            if shard.contains_key(path) {
                Arc::make_mut(shard).remove(path);
            }
        }
        PageMap {
            shards: Arc::new(shards),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Bytes> {
        self.shards.get(shard(path))?.get(path)
    }

    fn is_empty(&self) -> bool {
        self.shards.iter().all(|s| s.is_empty())
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        self.shards.iter().flat_map(|s| s.iter())
    }
}

impl Files {
    /// A whole site, as a build makes it (for tests: the preview starts from no files).
    #[cfg(test)]
    pub fn whole(built: FileMap) -> Files {
        Files {
            built: Arc::new(built),
            ..Files::default()
        }
    }

    /// A new build's pages and other files, with the files made after the last reload until
    /// they are made again.
    pub fn rebuilt(&self, pages: PageMap, built: FileMap) -> Files {
        Files {
            pages,
            built: Arc::new(built),
            later: self.later.clone(),
        }
    }

    /// The pages of the build these files are from.
    pub fn pages(&self) -> &PageMap {
        &self.pages
    }

    /// These files with `later` in place of those made after the last reload.
    pub fn caught_up(&self, later: FileMap) -> Files {
        debug_assert!(later
            .keys()
            .all(|p| !self.built.contains_key(p) && self.pages.get(p).is_none()));
        Files {
            pages: self.pages.clone(),
            built: self.built.clone(),
            later: Arc::new(later),
        }
    }

    pub fn get(&self, path: &str) -> Option<&Bytes> {
        (self.pages.get(path))
            .or_else(|| self.built.get(path))
            .or_else(|| self.later.get(path))
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.pages.is_empty() && self.built.is_empty() && self.later.is_empty()
    }

    /// Every served file, in no particular order (for tests).
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Bytes)> {
        (self.pages.iter())
            .chain(self.built.iter())
            .chain(self.later.iter())
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
        let rebuilt = caught.rebuilt(PageMap::default(), map(&[("index.html", "two")]));
        assert_eq!(rebuilt["index.html"], "two");
        assert!(!rebuilt.contains_key("gone.html"));
        assert_eq!(rebuilt["search/manifest.json"], "m1");
        let again = rebuilt.caught_up(map(&[("search/manifest.json", "m2")]));
        assert_eq!(again["search/manifest.json"], "m2");
        assert_eq!(again["index.html"], "two");
        assert_eq!(again.keys().count(), 2);
        assert!(Files::default().is_empty() && !again.is_empty());
    }

    /// A rebuild's pages are the last ones with those made again put in place and those gone
    /// removed; the shards it did not touch are shared, and the last map is left as it was.
    #[test]
    fn pages_change_by_what_was_made_and_what_went() {
        let named = |n: usize| {
            (0..n)
                .map(|i| format!("p{i}/index.html"))
                .collect::<Vec<_>>()
        };
        let paths = named(500);
        let one = Bytes::from_static(b"one");
        let first = PageMap::whole(paths.iter().map(|p| (p, &one)));
        assert_eq!(first.iter().count(), 500);

        let two = Bytes::from_static(b"two");
        let gone = [paths[7].clone(), "never/index.html".to_owned()];
        let second = first.changed(std::iter::once((&paths[3], &two)), &gone);
        assert_eq!(second.get(&paths[3]).unwrap(), "two");
        assert_eq!(second.get(&paths[4]).unwrap(), "one");
        assert!(second.get(&paths[7]).is_none());
        assert_eq!(second.iter().count(), 499);
        assert_eq!(
            first.get(&paths[3]).unwrap(),
            "one",
            "the last map is unchanged"
        );
        assert!(first.get(&paths[7]).is_some());
        let shared = (first.shards.iter().zip(second.shards.iter()))
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert!(shared >= SHARDS - 2, "{shared} shards shared");

        let files = Files::default().rebuilt(second, map(&[("catalog.json", "c")]));
        assert_eq!(files[paths[3].as_str()], "two");
        assert_eq!(files["catalog.json"], "c");
        assert!(!files.contains_key(&paths[7]));
        assert!(PageMap::default().get("index.html").is_none());
    }
}
