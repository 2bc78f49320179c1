//! Row numbers looked up by a string the rows already own (an id, a digest), without a second
//! copy of every string: the table holds a 64-bit hash of the key and the row, and a lookup
//! checks the row's own key. A different key with the same hash (rare, unless a hostile
//! registry crafts it) goes to a small map of its own, keyed by std's randomly seeded SipHash,
//! so a lookup is never wrong and crafted collisions cost no more than that map's lookups.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use rustc_hash::{FxBuildHasher, FxHasher};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeyIndex {
    by_hash: HashMap<u64, u32, FxBuildHasher>,
    /// Keys whose hash another key already holds.
    collided: HashMap<String, u32>,
}

/// The same hash for the same key in every catalog (FxHash has no random seed), so two
/// catalogs of the same records compare equal. FxHash rather than SipHash for the table and
/// the keys: a catalog of 100,000 artifacts is built in 113 ms instead of 179 (natively).
fn hash(key: &str) -> u64 {
    let mut hasher = FxHasher::default();
    key.hash(&mut hasher);
    hasher.finish()
}

impl KeyIndex {
    /// The row whose key (`key_of(row)`: the row's own string, or its text made on the
    /// stack) is `key`.
    pub fn get<K: Deref<Target = str>>(&self, key: &str, key_of: impl Fn(u32) -> K) -> Option<u32> {
        match self.by_hash.get(&hash(key)) {
            Some(&row) if *key_of(row) == *key => Some(row),
            _ => self.collided.get(key).copied(),
        }
    }

    /// Records `row` under `key` unless a row has that key already (the first one stays).
    pub fn insert_first<K: Deref<Target = str>>(&mut self, key: &str, row: u32, key_of: impl Fn(u32) -> K) {
        if self.get(key, &key_of).is_some() {
            return;
        }
        match self.by_hash.entry(hash(key)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
            }
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collided.insert(key.to_string(), row);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.by_hash.len() + self.collided.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A key whose hash another key holds, as if it had collided (tests only: a real 64-bit
    /// collision cannot be found to test with).
    #[cfg(test)]
    fn insert_collided(&mut self, key: &str, row: u32) {
        self.collided.insert(key.to_string(), row);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_each_key_and_keeps_the_first_row() {
        let keys = ["a", "b", "sha256:00", ""];
        let mut index = KeyIndex::default();
        for (row, key) in keys.iter().enumerate() {
            index.insert_first(key, row as u32, |r| keys[r as usize]);
        }
        index.insert_first("a", 9, |r| if r == 9 { "a" } else { keys[r as usize] });
        for (row, key) in keys.iter().enumerate() {
            assert_eq!(index.get(key, |r| keys[r as usize]), Some(row as u32));
        }
        assert_eq!(index.get("c", |r| keys[r as usize]), None);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn a_key_whose_hash_is_taken_is_still_found_and_never_mistaken() {
        let keys = ["first", "second"];
        let key_of = |r: u32| keys[r as usize];
        let mut index = KeyIndex::default();
        index.insert_first("first", 0, key_of);
        index.insert_collided("second", 1);
        assert_eq!(index.get("first", key_of), Some(0));
        assert_eq!(index.get("second", key_of), Some(1));
        // A lookup that lands on another key's row is checked against that row's key.
        let mut other = KeyIndex::default();
        other.by_hash.insert(hash("ghost"), 0);
        assert_eq!(other.get("ghost", key_of), None);
    }
}
