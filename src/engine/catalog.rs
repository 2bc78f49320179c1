//! The one store of a repository's artifacts, and the facts derived from it that the view
//! pipeline needs (nesting of index children, effective sizes, platform keys, lowercased
//! tags). Views are arrays of indices into this store, never clones of artifacts.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use crate::engine::columns::{Columns, RowFacts};
use crate::engine::few::Few;
use crate::engine::intern::Interner;
use crate::engine::key_index::KeyIndex;
use crate::engine::model::{Artifact, Platform};
use crate::engine::natural::natural_cmp;
use crate::engine::value_set::ValueSet;

/// The filter value for artifacts that report no architecture / OS.
pub const UNKNOWN: &str = "unknown";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Derived {
    /// Indices of the children present in the store (attestations included).
    pub children: Vec<u32>,
    /// Referenced by an index that is present: shown under it, not as a top-level row.
    pub is_child: bool,
    pub attestation: bool,
    /// `linux/arm/v7` labels: an image's own, or an index's children's (no attestations).
    pub platforms: Few<Arc<str>>,
    /// Architecture / OS filter values, as ids into [`Catalog::arch_names`] / [`Catalog::os_names`].
    pub arch: Few<u16>,
    pub os: Few<u16>,
    /// A cosign accessory (all its tags `sha256-<hex>.sig|.att|.sbom`) whose subject is in
    /// the store: attached to it, shown in its details, not a row of its own (unless the
    /// view asks for accessories as rows).
    pub accessory_of: Option<u32>,
    /// Accessories attached to this artifact, in store order.
    pub accessories: Vec<u32>,
    /// On an accessory: the kinds its tags name.
    pub accessory_kinds: AccessoryKinds,
    /// The kinds of the accessories attached to this artifact (its badges).
    pub attached_kinds: AccessoryKinds,
    /// A cosign accessory whose subject is not in the store.
    pub orphaned: bool,
}

/// The kinds of cosign accessory: signature (`.sig`), attestation (`.att`), SBOM (`.sbom`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AccessoryKinds {
    pub signature: bool,
    pub attestation: bool,
    pub sbom: bool,
}

impl AccessoryKinds {
    pub fn any(self) -> bool {
        self.signature || self.attestation || self.sbom
    }

    fn union(self, other: AccessoryKinds) -> AccessoryKinds {
        AccessoryKinds {
            signature: self.signature || other.signature,
            attestation: self.attestation || other.attestation,
            sbom: self.sbom || other.sbom,
        }
    }

    /// Badge words, in a fixed order: `signed`, `attested`, `SBOM`.
    pub fn badges(self) -> Vec<&'static str> {
        [(self.signature, "signed"), (self.attestation, "attested"), (self.sbom, "SBOM")]
            .into_iter()
            .filter_map(|(on, word)| on.then_some(word))
            .collect()
    }

    /// What an accessory is, in words: `signature`, `attestation`, `SBOM` (joined when several).
    pub fn label(self) -> String {
        let words: Vec<&str> = [(self.signature, "signature"), (self.attestation, "attestation"), (self.sbom, "SBOM")]
            .into_iter()
            .filter_map(|(on, word)| on.then_some(word))
            .collect();
        words.join(", ")
    }
}

/// cosign's tag scheme: `sha256-<64 hex>.sig|.att|.sbom` names an accessory of the artifact
/// whose digest is `sha256:<hex>`. Returns that digest.
pub fn accessory_subject(tag: &str) -> Option<String> {
    accessory_tag(tag).map(|(digest, _)| digest)
}

/// Like [`accessory_subject`], with the kind the tag's suffix names.
pub fn accessory_tag(tag: &str) -> Option<(String, AccessoryKinds)> {
    let rest = tag.strip_prefix("sha256-")?;
    let (hex, kind) = rest.split_once('.')?;
    let hex_ok = hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    if !hex_ok {
        return None;
    }
    let kinds = match kind {
        "sig" => AccessoryKinds { signature: true, ..AccessoryKinds::default() },
        "att" => AccessoryKinds { attestation: true, ..AccessoryKinds::default() },
        "sbom" => AccessoryKinds { sbom: true, ..AccessoryKinds::default() },
        _ => return None,
    };
    Some((format!("sha256:{hex}"), kinds))
}

/// The subjects an artifact's tags name, with their kinds, when every tag is a cosign
/// accessory tag (none otherwise: a tag of its own makes it an artifact like any other).
fn accessory_subjects(artifact: &Artifact) -> Option<Vec<(String, AccessoryKinds)>> {
    if artifact.tags.is_empty() {
        return None;
    }
    artifact.tags.iter().map(|t| accessory_tag(t)).collect()
}

/// Filter values (`amd64`, `arm/v7`, `unknown`…) stored once, referred to by small ids so
/// filtering and counting 100,000 rows compares integers, not strings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    names: Vec<String>,
    ids: HashMap<String, u16>,
}

impl Names {
    fn id(&mut self, name: String) -> u16 {
        if let Some(&id) = self.ids.get(&name) {
            return id;
        }
        let id = self.names.len().min(u16::MAX as usize) as u16;
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    pub fn name(&self, id: u16) -> &str {
        self.names.get(id as usize).map_or(UNKNOWN, String::as_str)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Which ids carry one of `wanted` (an empty set wants all).
    pub fn mask(&self, wanted: &ValueSet) -> Option<Vec<bool>> {
        (!wanted.is_empty()).then(|| self.names.iter().map(|n| wanted.contains(n)).collect())
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalog {
    artifacts: Vec<Artifact>,
    /// Rows by id (the ids are not copied: see `KeyIndex`).
    by_id: KeyIndex,
    /// First artifact with each digest (cosign accessory tags name their subject by digest).
    by_digest: KeyIndex,
    /// Artifacts whose tags are all cosign accessory tags, each once.
    accessory_candidates: Vec<u32>,
    /// Artifacts with accessories attached (cleared and attached again as data arrives).
    subjects: Vec<u32>,
    derived: Vec<Derived>,
    top_level: Vec<u32>,
    /// Artifacts with child ids, whose nesting is recomputed as pages arrive.
    indexes: Vec<u32>,
    pub arch_names: Names,
    pub os_names: Names,
    /// One copy of each media type, platform part and label, annotation key and value.
    strings: Interner,
    /// Top-level rows in each sort order, computed on first use; reset when data changes.
    orders: [OnceLock<Vec<u32>>; ORDER_SLOTS],
    /// The scanned facts as flat arrays, made on first use; reset when data changes.
    columns: OnceLock<Columns>,
}

/// Slots for kept sort orders (`engine::sort` fills them: one per column and direction).
pub const ORDER_SLOTS: usize = 16;

impl Catalog {
    pub fn new(artifacts: Vec<Artifact>) -> Self {
        let mut catalog = Catalog::default();
        catalog.extend(artifacts);
        catalog
    }

    /// Adds a page of artifacts: records with an id already present are merged into it.
    /// Own facts are computed only for the new or changed artifacts; the nesting pass that
    /// follows touches indexes only, so loading page after page stays linear.
    pub fn extend(&mut self, artifacts: impl IntoIterator<Item = Artifact>) {
        for mut artifact in artifacts {
            share_strings(&mut self.strings, &mut artifact);
            match self.get(&artifact.id) {
                Some(i) => {
                    // A record without children can be followed by one for the same id that
                    // lists them (SWR sends one record per tag, Katapult may repeat one): from
                    // then on it is an index like any other. Merging never removes children,
                    // so an artifact is listed in `indexes` at most once.
                    let was_index = self.artifacts[i as usize].is_index();
                    let had_digest = !self.artifacts[i as usize].digest.is_empty();
                    self.artifacts[i as usize].merge(artifact);
                    sort_tags(&mut self.artifacts[i as usize]);
                    if !had_digest {
                        self.note_digest(i);
                    }
                    self.note_accessory(i);
                    if !was_index && self.artifacts[i as usize].is_index() {
                        self.indexes.push(i);
                    }
                    self.derived[i as usize] = own_facts(
                        &mut self.arch_names,
                        &mut self.os_names,
                        &mut self.strings,
                        &self.artifacts[i as usize],
                    );
                }
                None => {
                    sort_tags(&mut artifact);
                    let i = self.artifacts.len() as u32;
                    self.derived.push(own_facts(&mut self.arch_names, &mut self.os_names, &mut self.strings, &artifact));
                    if artifact.is_index() {
                        self.indexes.push(i);
                    }
                    self.artifacts.push(artifact);
                    let artifacts = &self.artifacts;
                    self.by_id.insert_first(&artifacts[i as usize].id, i, |r| artifacts[r as usize].id.as_str());
                    self.note_digest(i);
                    self.note_accessory(i);
                }
            }
        }
        self.nest_children();
        self.attach_accessories();
        self.orders = Default::default();
        self.columns = OnceLock::new();
    }

    /// Makes room for `total` artifacts in all (the listing announced them), so loading does
    /// not reallocate the big vectors page after page.
    pub fn reserve_for(&mut self, total: usize) {
        let additional = total.saturating_sub(self.artifacts.len());
        self.artifacts.reserve_exact(additional);
        self.derived.reserve_exact(additional);
    }

    fn note_digest(&mut self, i: u32) {
        let artifacts = &self.artifacts;
        let digest = &artifacts[i as usize].digest;
        if !digest.is_empty() {
            self.by_digest.insert_first(&digest.text(), i, |r| artifacts[r as usize].digest.text());
        }
    }

    fn note_accessory(&mut self, i: u32) {
        if accessory_subjects(&self.artifacts[i as usize]).is_some() && !self.accessory_candidates.contains(&i) {
            self.accessory_candidates.push(i);
        }
    }

    /// The artifact with this digest, if the store has one.
    pub fn find_digest(&self, digest: &str) -> Option<u32> {
        self.by_digest.get(digest, |r| self.artifacts[r as usize].digest.text())
    }

    /// Attaches each cosign accessory to its subject when the subject is here (the first
    /// tag whose subject is here decides); the others are orphaned. Touches the accessories
    /// only, so loading page after page stays linear in them.
    fn attach_accessories(&mut self) {
        let candidates = std::mem::take(&mut self.accessory_candidates);
        for s in std::mem::take(&mut self.subjects) {
            let d = &mut self.derived[s as usize];
            d.accessories.clear();
            d.attached_kinds = AccessoryKinds::default();
        }
        for &i in &candidates {
            self.derived[i as usize].accessory_of = None;
        }
        let mut still = Vec::with_capacity(candidates.len());
        for &i in &candidates {
            // A merge may have added an ordinary tag: then it is no accessory any more.
            let Some(subjects) = accessory_subjects(&self.artifacts[i as usize]) else {
                self.derived[i as usize].orphaned = false;
                continue;
            };
            still.push(i);
            let own = subjects.iter().fold(AccessoryKinds::default(), |k, (_, kind)| k.union(*kind));
            let subject = subjects.iter().find_map(|(d, _)| self.find_digest(d).filter(|&s| s != i));
            let d = &mut self.derived[i as usize];
            d.accessory_kinds = own;
            d.orphaned = subject.is_none();
            d.accessory_of = subject;
            if let Some(s) = subject {
                let d = &mut self.derived[s as usize];
                if d.accessories.is_empty() {
                    self.subjects.push(s);
                }
                d.accessories.push(i);
                d.attached_kinds = d.attached_kinds.union(own);
            }
        }
        self.accessory_candidates = still;
    }

    /// Whether artifact `i` is a row of its own: not an index's child, and not an attached
    /// accessory unless `accessory_rows` asks for accessories as rows.
    pub fn is_row(&self, i: u32, accessory_rows: bool) -> bool {
        let d = &self.derived[i as usize];
        !d.is_child && (accessory_rows || d.accessory_of.is_none())
    }

    /// How many rows there are before filtering.
    pub fn row_count(&self, accessory_rows: bool) -> usize {
        if accessory_rows {
            self.top_level.len()
        } else {
            self.top_level.iter().filter(|&&i| self.derived[i as usize].accessory_of.is_none()).count()
        }
    }

    /// A kept sort order's slot; emptied whenever the contents change.
    pub fn order_slot(&self, slot: usize) -> &OnceLock<Vec<u32>> {
        &self.orders[slot.min(ORDER_SLOTS - 1)]
    }

    pub fn len(&self) -> usize {
        self.artifacts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.artifacts.is_empty()
    }

    pub fn artifact(&self, i: u32) -> &Artifact {
        &self.artifacts[i as usize]
    }

    /// What the filter and the overview scan, as flat arrays (see [`Columns`]).
    pub fn columns(&self) -> &Columns {
        self.columns.get_or_init(|| {
            let rows = self.artifacts.iter().zip(&self.derived).enumerate().map(|(i, (a, d))| RowFacts {
                tags: &a.tags,
                arch: &d.arch,
                os: &d.os,
                size: self.size(i as u32),
                pushed: a.pushed,
                accessory: d.accessory_of.is_some(),
            });
            Columns::new(self.artifacts.len(), rows)
        })
    }

    pub fn derived(&self, i: u32) -> &Derived {
        &self.derived[i as usize]
    }

    /// Artifact `i`'s own size, or for an index with children in the store the sum of their
    /// reported sizes (its storage footprint; saturating: a hostile size must not wrap).
    /// Added up when asked rather than kept per artifact: 16 bytes each, for a few children.
    pub fn size(&self, i: u32) -> Option<u64> {
        let own = self.artifacts.get(i as usize)?.size;
        let mut sizes = self.derived[i as usize].children.iter().filter_map(|&c| self.artifacts[c as usize].size);
        let first = sizes.next();
        first.map(|first| sizes.fold(first, u64::saturating_add)).or(own)
    }

    pub fn top_level(&self) -> &[u32] {
        &self.top_level
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        self.by_id.get(id, |r| self.artifacts[r as usize].id.as_str())
    }

    /// Facet counts over the rows (see [`Catalog::is_row`]): how many would match each
    /// architecture / OS value.
    pub fn facets(&self, accessory_rows: bool) -> Facets {
        let (mut arch, mut os) = (vec![0usize; self.arch_names.len()], vec![0usize; self.os_names.len()]);
        for &i in &self.top_level {
            let d = &self.derived[i as usize];
            if !accessory_rows && d.accessory_of.is_some() {
                continue;
            }
            d.arch.iter().for_each(|&id| arch[id as usize] += 1);
            d.os.iter().for_each(|&id| os[id as usize] += 1);
        }
        let named = |names: &Names, counts: Vec<usize>| -> Vec<(String, usize)> {
            let mut named: Vec<(String, usize)> = counts
                .into_iter()
                .enumerate()
                .filter(|(_, n)| *n > 0)
                .map(|(id, n)| (names.name(id as u16).to_string(), n))
                .collect();
            named.sort_unstable();
            named
        };
        Facets { arch: named(&self.arch_names, arch), os: named(&self.os_names, os) }
    }

    /// The architecture / OS filter values of an artifact, by name.
    pub fn arch_keys(&self, i: u32) -> Vec<&str> {
        self.derived[i as usize].arch.iter().map(|&id| self.arch_names.name(id)).collect()
    }

    fn nest_children(&mut self) {
        for d in &mut self.derived {
            d.is_child = false;
        }
        for &i in &self.indexes {
            let artifact = &self.artifacts[i as usize];
            let mut children = Vec::with_capacity(artifact.children.len());
            for child_id in &artifact.children {
                // Absent children are ignored; an index is never nested (so no cycles).
                if let Some(c) = self.get(child_id) {
                    if c != i && !self.artifacts[c as usize].is_index() && !children.contains(&c) {
                        children.push(c);
                    }
                }
            }
            let (mut platforms, mut arch, mut os) = (Vec::new(), Vec::<u16>::new(), Vec::<u16>::new());
            for &c in &children {
                let child = &self.artifacts[c as usize];
                self.derived[c as usize].is_child = true;
                if child.is_attestation() {
                    continue;
                }
                // The child's own label (shared already): nothing to format or look up.
                let own = &self.derived[c as usize];
                if let Some(label) = own.platforms.first() {
                    push_unique(&mut platforms, label.clone());
                    push_unique(&mut arch, own.arch[0]);
                    push_unique(&mut os, own.os[0]);
                }
            }
            platforms.sort();
            let d = &mut self.derived[i as usize];
            d.platforms = platforms.into();
            if !arch.is_empty() {
                d.arch = arch.into();
                d.os = os.into();
            }
            d.children = children;
        }
        self.top_level = (0..self.artifacts.len() as u32).filter(|&i| !self.derived[i as usize].is_child).collect();
    }
}

/// A stored artifact's tags are in natural order (display order, and the first is the sort
/// key): sorted in place as it is stored, rather than kept twice.
fn sort_tags(artifact: &mut Artifact) {
    artifact.tags.sort_by(|a, b| natural_cmp(a, b));
}

/// What an artifact says about itself; index facts are added by the nesting pass.
fn own_facts(arch_names: &mut Names, os_names: &mut Names, strings: &mut Interner, artifact: &Artifact) -> Derived {
    let platform = artifact.platform.as_deref().filter(|p| !p.is_empty());
    Derived {
        attestation: artifact.is_attestation(),
        platforms: platform.map(|p| strings.intern(&p.to_string())).into_iter().collect(),
        arch: Few::One(arch_names.id(platform.and_then(Platform::arch_key).unwrap_or_else(|| UNKNOWN.into()))),
        os: Few::One(os_names.id(platform.and_then(Platform::os_key).unwrap_or_else(|| UNKNOWN.into()))),
        ..Derived::default()
    }
}

/// The artifact's repeated strings replaced by the catalog's shared copies (the parser's
/// own copies are freed with the page).
fn share_strings(strings: &mut Interner, artifact: &mut Artifact) {
    if let Some(text) = &mut artifact.media_type {
        strings.share(text);
    }
    if let Some(platform) = &mut artifact.platform {
        strings.share_platform(platform);
    }
    for annotation in &mut artifact.annotations {
        strings.share(&mut annotation.key);
        strings.share(&mut annotation.value);
    }
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, s: T) {
    if !v.contains(&s) {
        v.push(s);
    }
}

/// What a newer listing of the same repository changed, by artifact id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Ids of artifacts that were not there before.
    pub added: HashSet<String>,
    /// How many artifacts are gone.
    pub removed: usize,
}

impl Catalog {
    /// What `newer` changed against this catalog: the ids it has that this one lacks, and
    /// how many of this one's it lacks. Every artifact counts, index children included.
    pub fn diff(&self, newer: &Catalog) -> Changes {
        Changes {
            added: newer.artifacts.iter().filter(|a| self.get(&a.id).is_none()).map(|a| a.id.clone()).collect(),
            removed: self.artifacts.iter().filter(|a| newer.get(&a.id).is_none()).count(),
        }
    }
}

/// Values present in the data, with the number of top-level rows carrying each.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Each value present (by name, in order) with its count.
    pub arch: Vec<(String, usize)>,
    pub os: Vec<(String, usize)>,
}

/// The checkboxes a facet offers: every value present in the data with its count, then
/// any selected value the data lacks (count 0), so that a shared link's filter can still be
/// removed.
pub fn facet_choices(counts: &[(String, usize)], selected: &ValueSet) -> Vec<(String, usize)> {
    let missing = selected.iter().filter(|s| !counts.iter().any(|(v, _)| v == *s)).map(|s| (s.clone(), 0));
    counts.iter().cloned().chain(missing).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A facet value's count.
    fn count(values: &[(String, usize)], value: &str) -> Option<usize> {
        values.iter().find(|(v, _)| v == value).map(|&(_, n)| n)
    }
    use crate::engine::model::{Annotation, Platform};

    fn image(id: &str, arch: &str, size: u64) -> Artifact {
        let mut a = Artifact::new(id, &format!("sha256:{id}"));
        a.platform = Some(Platform { os: Some("linux".into()), architecture: Some(arch.into()), variant: None }.into());
        a.size = Some(size);
        a
    }

    fn index(id: &str, children: &[&str]) -> Artifact {
        let mut a = Artifact::new(id, &format!("sha256:{id}"));
        a.children = children.iter().map(|c| c.to_string()).collect();
        a.size = Some(1);
        a
    }

    fn attestation(id: &str) -> Artifact {
        let mut a = image(id, "unknown", 1000);
        a.platform.as_mut().map(|p| Arc::make_mut(p).os = Some("unknown".into()));
        a.annotations
            .push(Annotation { key: "vnd.docker.reference.type".into(), value: "attestation-manifest".into() });
        a
    }

    #[test]
    fn children_nest_under_their_index() {
        let c = Catalog::new(vec![
            index("idx", &["a", "b", "att", "missing"]),
            image("a", "amd64", 100),
            image("b", "arm64", 50),
            attestation("att"),
            image("solo", "s390x", 7),
        ]);
        let idx = c.get("idx").unwrap();
        let top: Vec<&str> = c.top_level().iter().map(|&i| c.artifact(i).id.as_str()).collect();
        assert_eq!(top, vec!["idx", "solo"]);
        let d = c.derived(idx);
        assert_eq!(d.children.len(), 3, "absent child ignored");
        assert_eq!(c.size(idx), Some(1150), "index size is its children's footprint");
        assert_eq!(*d.platforms, ["linux/amd64".into(), "linux/arm64".into()], "no attestation badge");
        assert_eq!(c.arch_keys(idx), vec!["amd64", "arm64"]);
        let facets = c.facets(false);
        assert_eq!(count(&facets.arch, "amd64"), Some(1));
        assert_eq!(count(&facets.arch, "s390x"), Some(1));
        assert_eq!(count(&facets.arch, "unknown"), None, "attestations are not a platform");
        assert_eq!(count(&facets.os, "linux"), Some(2));
    }

    #[test]
    fn children_arriving_later_are_nested_then() {
        let mut c = Catalog::new(vec![index("idx", &["a"])]);
        assert_eq!(c.top_level().len(), 1);
        assert_eq!(c.arch_keys(0), vec![UNKNOWN]);
        c.extend(vec![image("a", "amd64", 10)]);
        assert_eq!(c.top_level().len(), 1);
        assert_eq!(c.arch_keys(0), vec!["amd64"]);
    }

    #[test]
    fn self_and_index_references_do_not_hide_rows() {
        let c = Catalog::new(vec![index("x", &["x", "y"]), index("y", &["x"])]);
        assert_eq!(c.top_level().len(), 2);
    }

    #[test]
    fn a_record_gaining_child_ids_through_a_merge_is_nested() {
        // Page 1 lists the index without children; a later record for the same id lists them.
        let mut c = Catalog::new(vec![Artifact::new("idx", "sha256:idx"), image("a", "amd64", 100)]);
        c.extend(vec![image("b", "arm64", 50), index("idx", &["a", "b"])]);
        let idx = c.get("idx").unwrap();
        let top: Vec<&str> = c.top_level().iter().map(|&i| c.artifact(i).id.as_str()).collect();
        assert_eq!(top, vec!["idx"], "the children are not top-level rows");
        let d = c.derived(idx);
        assert_eq!(d.children.len(), 2);
        assert_eq!(c.size(idx), Some(150), "index size is the sum of its children");
        assert_eq!(*d.platforms, ["linux/amd64".into(), "linux/arm64".into()]);
        assert_eq!(c.arch_keys(idx), vec!["amd64", "arm64"]);
        assert_eq!(count(&c.facets(false).arch, "amd64"), Some(1));

        // The same within one batch, and when the children arrive after the merge.
        let mut c = Catalog::new(vec![Artifact::new("idx", "sha256:idx"), index("idx", &["a"])]);
        assert_eq!(c.top_level().len(), 1);
        c.extend(vec![image("a", "amd64", 7)]);
        assert_eq!(c.top_level(), &[c.get("idx").unwrap()]);
        assert_eq!(c.size(c.get("idx").unwrap()), Some(7));

        // A merge into an existing index that adds children keeps it indexed once.
        let mut c = Catalog::new(vec![index("idx", &["a"]), image("a", "amd64", 1), image("b", "amd64", 2)]);
        c.extend(vec![index("idx", &["b"])]);
        assert_eq!(c.top_level(), &[c.get("idx").unwrap()]);
        assert_eq!(c.size(c.get("idx").unwrap()), Some(3));
    }

    #[test]
    fn index_sizes_above_4_gib_add_up_and_saturate() {
        let c =
            Catalog::new(vec![index("idx", &["a", "b"]), image("a", "amd64", 5 << 30), image("b", "arm64", 5 << 30)]);
        assert_eq!(c.size(c.get("idx").unwrap()), Some(10 << 30));
        let c = Catalog::new(vec![
            index("idx", &["a", "b", "c"]),
            image("a", "amd64", u64::MAX),
            image("b", "arm64", 1 << 63),
            image("c", "s390x", 5),
        ]);
        assert_eq!(c.size(c.get("idx").unwrap()), Some(u64::MAX), "saturates, never wraps or panics");
    }

    #[test]
    fn diff_names_the_new_ids_and_counts_the_gone_ones() {
        let before = Catalog::new(vec![index("idx", &["a", "b"]), image("a", "amd64", 1), image("b", "arm64", 1)]);
        let after = Catalog::new(vec![
            index("idx", &["a", "c"]),
            image("a", "amd64", 2),
            image("c", "s390x", 1),
            image("solo", "amd64", 1),
        ]);
        let changes = before.diff(&after);
        let mut added: Vec<&str> = changes.added.iter().map(String::as_str).collect();
        added.sort();
        assert_eq!(added, ["c", "solo"], "children count like any artifact; a changed one is not new");
        assert_eq!(changes.removed, 1, "b is gone");
        assert_eq!(after.diff(&before).removed, 2);
        assert_eq!(before.diff(&before), Changes::default(), "the same listing changes nothing");
        let empty = Catalog::default();
        assert_eq!(empty.diff(&before).added.len(), 3);
        assert_eq!(before.diff(&empty), Changes { added: HashSet::new(), removed: 3 });
    }

    #[test]
    fn facet_choices_keep_selected_values_the_data_lacks() {
        let counts = [("amd64".to_string(), 3), ("arm64".to_string(), 1)];
        let selected: ValueSet = ["arm64".to_string(), "s390x".to_string()].into();
        assert_eq!(
            facet_choices(&counts, &selected),
            [("amd64".to_string(), 3), ("arm64".to_string(), 1), ("s390x".to_string(), 0)]
        );
        assert_eq!(facet_choices(&counts, &ValueSet::default()).len(), 2);
        assert_eq!(facet_choices(&[], &selected).len(), 2, "a link's filter on an empty listing");
    }

    fn tagged(id: &str, digest: &str, tags: &[&str]) -> Artifact {
        let mut a = Artifact::new(id, digest);
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a
    }

    #[test]
    fn cosign_accessories_attach_to_their_subject_and_orphans_stay_rows() {
        let (h1, h2, gone) = ("1".repeat(64), "2".repeat(64), "f".repeat(64));
        let c = Catalog::new(vec![
            tagged("v1", &format!("sha256:{h1}"), &["v1"]),
            tagged("v2", &format!("sha256:{h2}"), &["v2"]),
            tagged("sig", "sha256:s", &[&format!("sha256-{h1}.sig")]),
            tagged("att", "sha256:a", &[&format!("sha256-{h1}.att")]),
            tagged("orphan", "sha256:o", &[&format!("sha256-{gone}.sig")]),
            tagged("mixed", "sha256:m", &[&format!("sha256-{h2}.sbom"), "keep-me"]),
            tagged("sbom", "sha256:x", &[]),
        ]);
        let at = |id: &str| c.get(id).unwrap();
        assert_eq!(c.derived(at("sig")).accessory_of, Some(at("v1")));
        assert_eq!(c.derived(at("v1")).accessories, [at("sig"), at("att")]);
        assert_eq!(c.derived(at("v1")).attached_kinds.badges(), ["signed", "attested"]);
        assert_eq!(c.derived(at("att")).accessory_kinds.label(), "attestation");
        assert!(c.derived(at("v2")).accessories.is_empty(), "a tag of its own makes it no accessory");
        assert!(c.derived(at("orphan")).orphaned);
        assert!(!c.derived(at("sig")).orphaned && !c.derived(at("sbom")).orphaned);
        assert_eq!(c.row_count(false), 5, "v1, v2, orphan, mixed, sbom");
        assert_eq!(c.row_count(true), 7);
        assert!(!c.is_row(at("sig"), false) && c.is_row(at("sig"), true));
        assert_eq!(c.find_digest(&format!("sha256:{h2}")), Some(at("v2")));
        let rows = |accessory_rows| {
            let f = crate::engine::view::Filter { accessory_rows, ..Default::default() };
            crate::engine::view::filter(&c, &f).len()
        };
        assert_eq!((rows(false), rows(true)), (5, 7), "the filter follows the catalog");
    }

    #[test]
    fn accessories_arriving_before_their_subject_attach_when_it_comes() {
        let h = "a".repeat(64);
        let mut c = Catalog::new(vec![tagged("sig", "sha256:s", &[&format!("sha256-{h}.sig")])]);
        assert!(c.derived(0).orphaned);
        assert_eq!(c.row_count(false), 1);
        c.extend(vec![tagged("v1", &format!("sha256:{h}"), &["v1"])]);
        assert_eq!(c.derived(0).accessory_of, Some(1));
        assert!(!c.derived(0).orphaned);
        assert_eq!(c.row_count(false), 1);
        // The subject merged again (SWR: one record per tag) keeps its accessories, once.
        c.extend(vec![tagged("v1", &format!("sha256:{h}"), &["latest"])]);
        assert_eq!(c.derived(1).accessories, [0]);
        assert_eq!(count(&c.facets(false).os, UNKNOWN), Some(1), "attached accessories are no facet");
        assert_eq!(count(&c.facets(true).os, UNKNOWN), Some(2));
        // An accessory that gains a tag of its own becomes an ordinary row.
        c.extend(vec![tagged("sig", "sha256:s", &["mine"])]);
        assert_eq!(c.derived(0).accessory_of, None);
        assert!(c.derived(1).accessories.is_empty());
        assert_eq!(c.row_count(false), 2);
    }

    #[test]
    fn same_id_is_merged() {
        let mut a = image("1", "amd64", 5);
        a.tags = vec!["v1".into()];
        let mut b = a.clone();
        b.tags = vec!["latest".into()];
        let c = Catalog::new(vec![a, b]);
        assert_eq!(c.len(), 1);
        assert_eq!(c.artifact(0).tags, vec!["latest", "v1"], "stored in natural order");
    }
}
