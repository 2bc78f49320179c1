//! One shared copy of each string that artifacts repeat — media types, platform labels,
//! annotation keys and values — and of each platform. 100,000 artifacts hold a few dozen
//! distinct ones.

use std::collections::HashSet;
use std::sync::Arc;

use crate::engine::model::Platform;

/// The shared strings. Keyed by std's randomly seeded hasher: the strings come from the
/// server, which must not be able to make the table slow with crafted collisions.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    strings: HashSet<Arc<str>>,
    /// A few dozen at most in a real repository: looked through, not hashed (less code), and
    /// bounded by [`PLATFORMS_SHARED`] so a listing of endless distinct ones cannot make
    /// that slow.
    platforms: Vec<Arc<Platform>>,
}

/// Platforms beyond this many distinct ones stay each artifact's own.
const PLATFORMS_SHARED: usize = 64;

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

    /// Replaces `platform` with the shared copy of the same platform (this one, the first
    /// time it is seen).
    pub fn share_platform(&mut self, platform: &mut Arc<Platform>) {
        match self.platforms.iter().find(|shared| **shared == *platform) {
            Some(shared) => *platform = shared.clone(),
            None if self.platforms.len() < PLATFORMS_SHARED => self.platforms.push(platform.clone()),
            None => {}
        }
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

    fn linux(arch: &str) -> Arc<Platform> {
        Arc::new(Platform { os: Some("linux".into()), architecture: Some(arch.into()), variant: None })
    }

    #[test]
    fn equal_platforms_share_one_allocation_and_endless_distinct_ones_stay_their_own() {
        let mut shared = Interner::default();
        let (mut first, mut again, mut other) = (linux("arm64"), linux("arm64"), linux("amd64"));
        for p in [&mut first, &mut again, &mut other] {
            shared.share_platform(p);
        }
        assert!(Arc::ptr_eq(&first, &again));
        assert!(!Arc::ptr_eq(&first, &other));
        // A hostile listing's endless distinct platforms: each keeps its own, and its value.
        for k in 0..2 * PLATFORMS_SHARED {
            let mut p = linux(&format!("arch-{k}"));
            shared.share_platform(&mut p);
            assert_eq!(p.architecture.as_deref(), Some(format!("arch-{k}").as_str()));
        }
        assert_eq!(shared.platforms.len(), PLATFORMS_SHARED);
        let mut late = linux("arm64");
        shared.share_platform(&mut late);
        assert!(Arc::ptr_eq(&first, &late), "the first ones seen stay shared");
    }
}
