//! One shared copy of each string that artifacts repeat: media types, platform parts and
//! labels, annotation keys and values. 100,000 artifacts hold a few dozen distinct ones.

use std::collections::HashSet;
use std::sync::Arc;

/// The shared strings. Keyed by std's randomly seeded hasher: the strings come from the
/// server, which must not be able to make the table slow with crafted collisions.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: HashSet<Arc<str>>,
}

/// A cache: catalogs holding the same artifacts are equal whatever strings they have seen.
impl PartialEq for Interner {
    fn eq(&self, _: &Interner) -> bool {
        true
    }
}

impl Interner {
    /// The shared copy of `text` (made the first time it is seen).
    pub fn intern(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.strings.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.strings.insert(shared.clone());
        shared
    }

    /// Replaces `text` with the shared copy of the same text.
    pub fn share(&mut self, text: &mut Arc<str>) {
        *text = self.intern(text);
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_share_one_allocation() {
        let mut strings = Interner::default();
        let a = strings.intern("application/vnd.oci.image.manifest.v1+json");
        let mut b: Arc<str> = Arc::from("application/vnd.oci.image.manifest.v1+json");
        strings.share(&mut b);
        assert!(Arc::ptr_eq(&a, &b));
        let c = strings.intern("application/vnd.oci.image.index.v1+json");
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!((&*a, &*c, strings.len()), ("application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json", 2));
    }
}
