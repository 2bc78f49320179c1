//! The values a platform filter holds (architectures, OS names), kept sorted: the URL writes
//! them in order and the filter tests membership. A sorted vector rather than a `BTreeSet`:
//! a filter holds a handful of names, and with the facet counts a sorted list too and the
//! error details read as typed fields, the wasm has no B-tree code left: 7.2 KB less gzipped.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueSet(Vec<String>);

impl ValueSet {
    pub fn contains(&self, value: &str) -> bool {
        self.position(value).is_ok()
    }

    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: String) -> bool {
        match self.position(&value) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, value);
                true
            }
        }
    }

    /// Takes `value` out; false when it was not there.
    pub fn remove(&mut self, value: &str) -> bool {
        self.position(value).map(|at| self.0.remove(at)).is_ok()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The values in order.
    pub fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }

    fn position(&self, value: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|v| v.as_str().cmp(value))
    }
}

impl FromIterator<String> for ValueSet {
    fn from_iter<I: IntoIterator<Item = String>>(values: I) -> Self {
        let mut set = ValueSet::default();
        for value in values {
            set.insert(value);
        }
        set
    }
}

impl<const N: usize> From<[String; N]> for ValueSet {
    fn from(values: [String; N]) -> Self {
        values.into_iter().collect()
    }
}

impl<'a> IntoIterator for &'a ValueSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any sequence of inserts and removals leaves what a `BTreeSet` would, in its order,
        /// and each says what a `BTreeSet`'s would.
        #[test]
        fn behaves_as_a_sorted_set(ops in prop::collection::vec((any::<bool>(), "[a-d]{0,2}"), 0..40)) {
            let (mut set, mut model) = (ValueSet::default(), BTreeSet::new());
            for (insert, value) in ops {
                if insert {
                    prop_assert_eq!(set.insert(value.clone()), model.insert(value));
                } else {
                    prop_assert_eq!(set.remove(&value), model.remove(&value));
                }
                prop_assert_eq!(set.iter().collect::<Vec<_>>(), model.iter().collect::<Vec<_>>());
                prop_assert_eq!(set.len(), model.len());
                prop_assert!(model.iter().all(|v| set.contains(v)));
            }
        }
    }

    #[test]
    fn collects_sorted_and_once() {
        let set: ValueSet = ["s390x".to_string(), "amd64".to_string(), "s390x".to_string()].into_iter().collect();
        assert_eq!(set.iter().map(String::as_str).collect::<Vec<_>>(), ["amd64", "s390x"]);
        assert!(set.contains("amd64") && !set.contains("arm64"));
    }
}
