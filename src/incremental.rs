//! Memoisation for rebuilds, written once: a [`Memo`] keeps, per item (a document, a page),
//! what a pure function made from it last time, and hands it back while the item's inputs are
//! the same. The preview server's cache ([`crate::cache`]) wraps the build's phases in memos;
//! the phases themselves never see them. This module knows nothing of documents, pages or the
//! theme, only of keys and values.

use rayon::prelude::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// The hasher of the maps that are looked up tens of thousands of times a build (memos, lookups
/// by id or path): randomly seeded, so an author cannot choose keys that collide, and much
/// faster than the standard one on short keys.
pub type Fast = ahash::RandomState;

/// A fingerprint of any hashable value, for cache keys that would be costly to store whole.
pub fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// What one item's step produced: its result, reused from the kept entry, or made now with
/// the entry to keep for next time (`None` when the memo keeps nothing).
pub enum Step<R, V> {
    Reused(R),
    Made(R, Option<V>),
}

/// The results of one [`Memo::run`], in the items' order, which were made afresh, and the
/// keys of the last run that this one did not have (their entries are forgotten).
pub struct Run<R, K> {
    pub results: Vec<R>,
    pub made: Vec<bool>,
    pub forgotten: Vec<K>,
}

impl<R, K> Run<R, K> {
    /// How many results were reused.
    pub fn reused(&self) -> usize {
        self.made.iter().filter(|m| !**m).count()
    }
}

/// Entries of type `V` by key `K`, from the previous run.
pub struct Memo<K, V> {
    entries: HashMap<K, V, Fast>,
    /// A disabled memo keeps nothing: one-off builds should not pay for copies.
    keep: bool,
}

impl<K, V> Memo<K, V>
where
    K: Hash + Eq + Clone + Send + Sync,
    V: Send + Sync,
{
    /// A memo that keeps entries when `keep`, and otherwise only runs the steps.
    pub fn new(keep: bool) -> Self {
        Memo {
            entries: HashMap::default(),
            keep,
        }
    }

    /// Whether entries are kept between runs.
    pub fn keeps(&self) -> bool {
        self.keep
    }

    /// Every kept entry, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter()
    }

    /// Forgets every entry (an input all of them depend on changed).
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Runs `step` on every item in parallel, giving it the entry kept for the item's key, if
    /// any; then forgets the entries of keys no longer present and keeps the new ones. The
    /// first error stops the run and leaves the memo as it was.
    pub fn run<I, R, E>(
        &mut self,
        items: &[I],
        key: impl Fn(&I) -> &K + Sync,
        step: impl Fn(&I, Option<&V>) -> Result<Step<R, V>, E> + Sync,
    ) -> Result<Run<R, K>, E>
    where
        I: Sync,
        R: Send,
        E: Send,
    {
        let kept = &self.entries;
        let steps: Vec<(bool, Step<R, V>)> = items
            .par_iter()
            .map(|item| {
                let entry = kept.get(key(item));
                Ok((entry.is_some(), step(item, entry)?))
            })
            .collect::<Result<_, E>>()?;
        // Every kept entry was some item's (keys are unique within a run): none to forget. The
        // usual rebuild, where no file came or went, skips hashing every key once more.
        let all_live = steps.iter().filter(|(found, _)| *found).count() == kept.len();
        let mut results = Vec::with_capacity(steps.len());
        let mut made = Vec::with_capacity(steps.len());
        let mut fresh = Vec::new();
        for (item, (_, s)) in items.iter().zip(steps) {
            match s {
                Step::Reused(r) => {
                    results.push(r);
                    made.push(false);
                }
                Step::Made(r, entry) => {
                    results.push(r);
                    made.push(true);
                    if let Some(e) = entry {
                        fresh.push((key(item).clone(), e));
                    }
                }
            }
        }
        let mut forgotten = Vec::new();
        if self.keep {
            if !all_live {
                let live: HashSet<&K, Fast> = items.iter().map(&key).collect();
                self.entries.retain(|k, _| {
                    let keep = live.contains(k);
                    if !keep {
                        forgotten.push(k.clone());
                    }
                    keep
                });
            }
            self.entries.extend(fresh);
        }
        Ok(Run {
            results,
            made,
            forgotten,
        })
    }
}

/// [`Memo::run`] for steps that cannot fail.
pub fn infallible<T>(r: Result<T, std::convert::Infallible>) -> T {
    match r {
        Ok(t) => t,
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Squares numbers named by keys, reusing a kept square while the number is the same.
    fn squares(
        memo: &mut Memo<String, (i64, i64)>,
        items: &[(String, i64)],
        calls: &AtomicUsize,
    ) -> Run<i64, String> {
        infallible(memo.run(
            items,
            |(k, _)| k,
            |(_, n), kept| {
                Ok(match kept.filter(|(m, _)| m == n) {
                    Some((_, sq)) => Step::Reused(*sq),
                    None => {
                        calls.fetch_add(1, Ordering::Relaxed);
                        Step::Made(n * n, Some((*n, n * n)))
                    }
                })
            },
        ))
    }

    #[test]
    fn reuses_unchanged_items_and_forgets_removed_ones() {
        let calls = AtomicUsize::new(0);
        let mut memo = Memo::new(true);
        let items = vec![("a".to_owned(), 2), ("b".to_owned(), 3)];
        let first = squares(&mut memo, &items, &calls);
        assert_eq!(first.results, [4, 9]);
        assert_eq!(first.reused(), 0);
        let items = vec![("a".to_owned(), 2), ("b".to_owned(), 5)];
        let second = squares(&mut memo, &items, &calls);
        assert_eq!(second.results, [4, 25]);
        assert_eq!(second.made, [false, true]);
        assert_eq!(calls.load(Ordering::Relaxed), 3);
        assert!(second.forgotten.is_empty());
        let third = squares(&mut memo, &items[1..], &calls);
        assert_eq!(third.reused(), 1);
        assert_eq!(third.forgotten, ["a"]);
        assert_eq!(memo.entries.len(), 1, "the removed item is forgotten");
    }

    #[test]
    fn a_memo_that_keeps_nothing_always_makes() {
        let calls = AtomicUsize::new(0);
        let mut memo = Memo::new(false);
        let items = vec![("a".to_owned(), 2)];
        squares(&mut memo, &items, &calls);
        let again = squares(&mut memo, &items, &calls);
        assert_eq!(again.reused(), 0);
        assert_eq!(calls.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn an_error_leaves_the_memo_as_it_was() {
        let mut memo: Memo<String, i64> = Memo::new(true);
        let items = vec!["a".to_owned()];
        let ok: Result<Run<i64, String>, ()> =
            memo.run(&items, |k| k, |_, _| Ok(Step::Made(1, Some(1))));
        assert!(ok.is_ok());
        let err: Result<Run<i64, String>, &str> = memo.run(&items, |k| k, |_, _| Err("broken"));
        assert!(err.is_err());
        assert_eq!(memo.entries.get("a"), Some(&1));
    }
}
