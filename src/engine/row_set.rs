//! A set of catalog rows, one bit each: what a filter keeps, and flags kept per row.

/// A set of catalog indices, one bit each: membership is a shift and a mask, equality a
/// comparison of words, and iteration goes in index order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowSet {
    words: Vec<u64>,
    len: usize,
}

impl RowSet {
    /// An empty set for indices below `capacity` (larger ones may still be inserted).
    pub fn new(capacity: usize) -> Self {
        RowSet { words: vec![0; capacity.div_ceil(64)], len: 0 }
    }

    #[inline]
    pub fn contains(&self, i: u32) -> bool {
        self.words.get(i as usize / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub fn insert(&mut self, i: u32) {
        let word = i as usize / 64;
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        let bit = 1u64 << (i % 64);
        if self.words[word] & bit == 0 {
            self.words[word] |= bit;
            self.len += 1;
        }
    }

    /// Keeps the members `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
        for (w, word) in self.words.iter_mut().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                let i = (w * 64) as u32 + b;
                if !keep(i) {
                    *word &= !(1 << b);
                    self.len -= 1;
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The members in ascending order.
    pub fn iter(&self) -> RowSetIter<'_> {
        RowSetIter { words: &self.words, next_word: 0, base: 0, bits: 0 }
    }
}

/// The members of a [`RowSet`] in ascending order (a plain struct rather than iterator
/// adapters: in the size-optimised build those are calls per member, twice as slow).
#[derive(Clone)]
pub struct RowSetIter<'a> {
    words: &'a [u64],
    next_word: usize,
    /// Index of bit 0 of `bits`.
    base: u32,
    /// The current word's members not yet returned.
    bits: u64,
}

impl Iterator for RowSetIter<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        while self.bits == 0 {
            let &word = self.words.get(self.next_word)?;
            self.bits = word;
            self.base = (self.next_word * 64) as u32;
            self.next_word += 1;
        }
        let b = self.bits.trailing_zeros();
        self.bits &= self.bits - 1;
        Some(self.base + b)
    }
}

impl FromIterator<u32> for RowSet {
    fn from_iter<I: IntoIterator<Item = u32>>(iter: I) -> Self {
        let mut set = RowSet::default();
        for i in iter {
            set.insert(i);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// A row set behaves as a set of integers: membership, size, order, retain.
        #[test]
        fn row_set_is_a_set(
            members in prop::collection::vec(0u32..700, 0..200),
            capacity in 0usize..400,
            probes in prop::collection::vec(0u32..800, 0..50),
            modulus in 1u32..7,
        ) {
            let mut set = RowSet::new(capacity);
            for &i in &members {
                set.insert(i);
            }
            let mut model: BTreeSet<u32> = members.iter().copied().collect();
            prop_assert_eq!(set.len(), model.len());
            prop_assert_eq!(set.is_empty(), model.is_empty());
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), model.iter().copied().collect::<Vec<_>>());
            for &p in &probes {
                prop_assert_eq!(set.contains(p), model.contains(&p));
            }
            prop_assert_eq!(&members.iter().copied().collect::<RowSet>().iter().collect::<Vec<_>>(),
                &model.iter().copied().collect::<Vec<_>>());
            set.retain(|i| i % modulus == 0);
            model.retain(|i| i % modulus == 0);
            prop_assert_eq!(set.len(), model.len());
            prop_assert_eq!(set.iter().collect::<Vec<_>>(), model.iter().copied().collect::<Vec<_>>());
        }
    }
}
