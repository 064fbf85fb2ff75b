//! Text that many values repeat (a file's path in each of its diagnostics, the message and
//! help given for every use of one unexplained abbreviation), held once and shared.

use crate::incremental::Fast;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

/// How many distinct strings the pool remembers. When it is full it is emptied and starts
/// again (what was handed out stays valid), so a long preview session stays bounded.
const LIMIT: usize = 1 << 16;

/// `text` as a shared string: the one already handed out for the same text if the pool
/// remembers it, else a new one, remembered.
pub fn intern(text: &str) -> Arc<str> {
    static POOL: Mutex<Option<HashSet<Arc<str>, Fast>>> = Mutex::new(None);
    let mut pool = POOL.lock().unwrap_or_else(PoisonError::into_inner);
    let pool = pool.get_or_insert_with(HashSet::default);
    if let Some(held) = pool.get(text) {
        return Arc::clone(held);
    }
    if pool.len() >= LIMIT {
        pool.clear();
    }
    let shared: Arc<str> = text.into();
    pool.insert(Arc::clone(&shared));
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_is_held_once() {
        let a = intern("national/ces.md");
        let b = intern(&String::from("national/ces.md"));
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(&*intern("other.md"), "other.md");
        assert!(!Arc::ptr_eq(&a, &intern("other.md")));
    }
}
