//! The view pipeline over the whole repository: filter → sort (`engine::sort`) → paginate.
//! Each stage takes and returns indices into the [`Catalog`], so a page change re-slices
//! without re-filtering.

use crate::engine::catalog::Catalog;
use crate::engine::columns::Columns;
use crate::engine::model::Moment;
use crate::engine::named_enum;
use crate::engine::row_set::RowSet;
use crate::engine::sort::{Order, SortKey};
use crate::engine::tag_match::TagMatcher;
use crate::engine::value_set::ValueSet;

named_enum!(
    /// Whether artifacts without tags are listed.
    Untagged { Show = "show", Hide = "hide", Only = "only" }
);

pub const PAGE_SIZES: [usize; 4] = [10, 25, 50, 100];
pub const DEFAULT_PAGE_SIZE: usize = 25;

/// What a row must satisfy to be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filter {
    pub tag: TagMatcher,
    pub untagged: Untagged,
    /// Empty = all. Values as in [`crate::engine::catalog::Facets`], `unknown` included.
    pub arch: ValueSet,
    pub os: ValueSet,
    /// Unix seconds: pushed at or after / before; last pulled before (never counts).
    pub pushed_after: Option<i64>,
    pub pushed_before: Option<i64>,
    pub not_pulled_since: Option<i64>,
    /// Attached cosign accessories as rows of their own (they are hidden under their
    /// subject otherwise). A way of showing, not a filter: [`Filter::is_active`] ignores it.
    pub accessory_rows: bool,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            tag: TagMatcher::Any,
            untagged: Untagged::Show,
            arch: ValueSet::default(),
            os: ValueSet::default(),
            pushed_after: None,
            pushed_before: None,
            not_pulled_since: None,
            accessory_rows: false,
        }
    }
}

impl Filter {
    pub fn is_active(&self) -> bool {
        let Filter { tag, untagged, arch, os, pushed_after, pushed_before, not_pulled_since, accessory_rows: _ } = self;
        !(tag.is_any()
            && *untagged == Untagged::Show
            && arch.is_empty()
            && os.is_empty()
            && pushed_after.is_none()
            && pushed_before.is_none()
            && not_pulled_since.is_none())
    }

    /// Date filters; a row whose time is not reported never matches one.
    fn matches_dates(&self, pushed: Option<Moment>, pulled: Option<Moment>) -> bool {
        let pushed_at = pushed.and_then(Moment::unix);
        let after = self.pushed_after.is_none_or(|t| pushed_at.is_some_and(|p| p >= t));
        let before = self.pushed_before.is_none_or(|t| pushed_at.is_some_and(|p| p < t));
        let stale = self.not_pulled_since.is_none_or(|t| match pulled {
            Some(Moment::Never) => true,
            Some(Moment::At(p)) => p < t,
            None => false,
        });
        after && before && stale
    }
}

/// Top-level rows that pass the filter, in store order.
pub fn filter(catalog: &Catalog, filter: &Filter) -> Vec<u32> {
    let matches = Matcher::new(catalog, filter);
    catalog.top_level().iter().copied().filter(|&i| matches.row(i)).collect()
}

/// Filter and sort in one pass: the sorted order of all rows is computed once per catalog
/// and kept, so a new filter or sort walks it once instead of sorting again.
pub fn filter_sorted(catalog: &Catalog, filter: &Filter, key: SortKey, order: Order) -> Vec<u32> {
    let mut rows = Vec::new();
    sorted_into(catalog, &filter_set(catalog, filter), key, order, &mut rows);
    rows
}

/// The top-level rows that pass the filter, as a set: what only a filter (or data) change
/// recomputes. A sort or page change reads it without testing the filter again.
pub fn filter_set(catalog: &Catalog, filter: &Filter) -> RowSet {
    let matches = Matcher::new(catalog, filter);
    let mut set = RowSet::new(catalog.len());
    for &i in catalog.top_level() {
        if matches.row(i) {
            set.insert(i);
        }
    }
    set
}

/// The rows of `set` in `key`/`order` order, written into `out` (its allocation reused): a
/// walk of the catalog's kept order testing one bit per row.
pub fn sorted_into(catalog: &Catalog, set: &RowSet, key: SortKey, order: Order, out: &mut Vec<u32>) {
    out.clear();
    out.reserve(set.len());
    // A plain loop: in the size-optimised build a `filter` adapter costs a call per row.
    for &i in catalog.order(key, order) {
        if set.contains(i) {
            out.push(i);
        }
    }
}

/// A filter prepared against one catalog: platform values become id masks.
struct Matcher<'a> {
    catalog: &'a Catalog,
    columns: &'a Columns,
    filter: &'a Filter,
    arch: Option<Vec<bool>>,
    os: Option<Vec<bool>>,
    /// Whether a date filter is set: the records themselves are read only then.
    dates: bool,
}

impl<'a> Matcher<'a> {
    fn new(catalog: &'a Catalog, filter: &'a Filter) -> Self {
        let dates =
            filter.pushed_after.is_some() || filter.pushed_before.is_some() || filter.not_pulled_since.is_some();
        Matcher {
            catalog,
            columns: catalog.columns(),
            filter,
            arch: catalog.arch_names.mask(&filter.arch),
            os: catalog.os_names.mask(&filter.os),
            dates,
        }
    }

    /// An index matches the platform filters through its children (its ids are theirs).
    /// Reads the catalog's flat columns (the records only for a date filter).
    fn row(&self, i: u32) -> bool {
        let (f, c) = (self.filter, self.columns);
        let wanted = |mask: &Option<Vec<bool>>, ids: &[u16]| {
            mask.as_ref().is_none_or(|m| ids.iter().any(|&id| m.get(id as usize).copied().unwrap_or(false)))
        };
        let by_untagged = match f.untagged {
            Untagged::Show => true,
            Untagged::Hide => !c.untagged(i),
            Untagged::Only => c.untagged(i),
        };
        (f.accessory_rows || !c.accessory(i))
            && by_untagged
            && (f.tag.is_any() || self.any_tag_matches(i))
            && wanted(&self.arch, c.arch(i))
            && wanted(&self.os, c.os(i))
            && (!self.dates || f.matches_dates(self.catalog.artifact(i).pushed, self.catalog.artifact(i).pulled))
    }

    /// A plain loop over the tag bounds: an iterator chain costs calls per tag in the
    /// size-optimised build.
    fn any_tag_matches(&self, i: u32) -> bool {
        let bounds = self.columns.tag_bounds(i);
        for k in 1..bounds.len() {
            if self.filter.tag.matches(self.columns.tag(bounds[k - 1], bounds[k])) {
                return true;
            }
        }
        false
    }
}

/// The slice of the sorted rows one page shows (1-based `page`, clamped into range).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageWindow {
    pub page: usize,
    pub pages: usize,
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

pub fn paginate(total: usize, page: usize, per_page: usize) -> PageWindow {
    let per_page = per_page.max(1);
    let pages = total.div_ceil(per_page).max(1);
    let page = page.clamp(1, pages);
    let start = ((page - 1) * per_page).min(total);
    PageWindow { page, pages, start, end: (start + per_page).min(total), total }
}

impl PageWindow {
    /// Whether a step to page `n` (Previous, Next) leads anywhere: a page that exists and is
    /// not this one.
    pub fn can_step_to(&self, n: usize) -> bool {
        (1..=self.pages).contains(&n) && n != self.page
    }

    /// The page links to offer around this page: see [`page_numbers`].
    pub fn page_numbers(&self) -> Vec<Option<usize>> {
        page_numbers(self.page, self.pages)
    }
}

/// Page numbers to offer: first, last, and two either side of the current one, with one
/// `None` for each gap between them.
pub fn page_numbers(current: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(current) <= 2 {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None); // gap
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Artifact, Platform};
    use crate::engine::sort::{sort, SlicedSort};

    fn art(id: &str, tags: &[&str], size: Option<u64>, arch: Option<&str>) -> Artifact {
        let mut a = Artifact::new(id, &format!("sha256:{id}"));
        a.tags = tags.iter().map(|t| t.to_string()).collect();
        a.size = size;
        a.platform =
            arch.map(|arch| Platform { os: Some("linux".into()), architecture: Some(arch.into()), variant: None }.into());
        a
    }

    fn ids(c: &Catalog, rows: &[u32]) -> Vec<String> {
        rows.iter().map(|&i| c.artifact(i).id.clone()).collect()
    }

    fn sorted_ids(c: &Catalog, key: SortKey, order: Order) -> Vec<String> {
        let mut rows = filter(c, &Filter::default());
        sort(c, &mut rows, key, order);
        let cached = filter_sorted(c, &Filter::default(), key, order);
        assert_eq!(rows, cached, "the kept order is the sorted order");
        ids(c, &rows)
    }

    #[test]
    fn the_plan_column_keeps_no_order_of_its_own() {
        let c = Catalog::new(vec![art("b", &[], None, None), art("a", &[], None, None), art("c", &[], None, None)]);
        assert!(!c.has_order(SortKey::Plan, Order::Desc));
        let digest = c.order(SortKey::Digest, Order::Asc).as_ptr();
        assert!(c.has_order(SortKey::Plan, Order::Asc) && c.has_order(SortKey::Plan, Order::Desc));
        assert_eq!(c.order(SortKey::Plan, Order::Desc).as_ptr(), digest, "the digest order, kept once");
        assert_eq!(sorted_ids(&c, SortKey::Plan, Order::Desc), ["a", "b", "c"]);
    }

    #[test]
    fn tags_sort_naturally_untagged_last_both_ways() {
        let c = Catalog::new(vec![
            art("a", &["v1.10"], None, None),
            art("u", &[], None, None),
            art("b", &["v1.9", "zzz"], None, None),
            art("c", &["v1.2"], None, None),
        ]);
        assert_eq!(sorted_ids(&c, SortKey::Tags, Order::Asc), ["c", "b", "a", "u"]);
        assert_eq!(sorted_ids(&c, SortKey::Tags, Order::Desc), ["a", "b", "c", "u"]);
    }

    #[test]
    fn size_sort_is_stable_with_nulls_last() {
        let c = Catalog::new(vec![
            art("n1", &[], None, None),
            art("x", &[], Some(5), None),
            art("y", &[], Some(5), None),
            art("big", &[], Some(9), None),
            art("n2", &[], None, None),
        ]);
        assert_eq!(sorted_ids(&c, SortKey::Size, Order::Asc), ["x", "y", "big", "n1", "n2"]);
        assert_eq!(sorted_ids(&c, SortKey::Size, Order::Desc), ["big", "x", "y", "n1", "n2"]);
    }

    /// Many rows sharing sizes, times, tags, platforms and media types (some missing), a
    /// few sharing a digest: the ties a sort must break the same way on every load.
    fn tied_artifacts() -> Vec<Artifact> {
        (0..48u64)
            .map(|n| {
                let id = format!("id{:02}", (n * 29) % 48);
                let mut a = art(
                    &id,
                    if n % 5 == 0 {
                        &[]
                    } else if n % 2 == 0 {
                        &["v1"]
                    } else {
                        &["latest", "v2"]
                    },
                    [None, Some(5 << 30), Some(7)][(n % 3) as usize],
                    [None, Some("amd64"), Some("arm64")][(n % 4 % 3) as usize],
                );
                a.digest = format!("sha256:{:02}", (n * 7) % 20).into();
                a.pushed = [None, Some(Moment::Never), Some(Moment::At(1_700_000_000))][(n % 3) as usize];
                a.pulled = [Some(Moment::At(5)), None, Some(Moment::Never), Some(Moment::At(5))][(n % 4) as usize];
                a.media_type = (n % 4 != 0).then(|| "application/vnd.oci.image.manifest.v1+json".into());
                a
            })
            .collect()
    }

    #[test]
    fn ties_have_one_order_whatever_order_the_pages_arrived_in() {
        let artifacts = tied_artifacts();
        let forward = Catalog::new(artifacts.clone());
        let mut backward = Catalog::default();
        for page in artifacts.rchunks(10) {
            backward.extend(page.to_vec());
        }
        let mut interleaved = artifacts.clone();
        interleaved.sort_by_key(|a| (a.id.len() % 3, a.id.bytes().rev().collect::<Vec<_>>()));
        let interleaved = Catalog::new(interleaved);
        for &key in SortKey::ALL {
            for order in [Order::Asc, Order::Desc] {
                let expected = sorted_ids(&forward, key, order);
                assert_eq!(sorted_ids(&backward, key, order), expected, "{key:?} {order:?}");
                assert_eq!(sorted_ids(&interleaved, key, order), expected, "{key:?} {order:?}");
            }
        }
    }

    #[test]
    fn ties_break_by_digest_then_id_ascending_in_both_directions() {
        let mut rows = vec![
            art("b", &[], Some(5), None),
            art("a", &[], Some(5), None),
            art("n2", &[], None, None),
            art("n1", &[], None, None),
            art("c", &[], Some(9), None),
        ];
        rows[0].digest = "sha256:same".into();
        rows[1].digest = "sha256:same".into();
        rows[4].digest = "sha256:zzz".into();
        let c = Catalog::new(rows);
        assert_eq!(sorted_ids(&c, SortKey::Size, Order::Asc), ["a", "b", "c", "n1", "n2"]);
        assert_eq!(sorted_ids(&c, SortKey::Size, Order::Desc), ["c", "a", "b", "n1", "n2"], "missing still last");
        assert_eq!(sorted_ids(&c, SortKey::Digest, Order::Desc), ["c", "a", "b", "n2", "n1"]);
        assert_eq!(sorted_ids(&c, SortKey::Pushed, Order::Desc), ["n1", "n2", "a", "b", "c"]);
    }

    #[test]
    fn pulled_sort_puts_never_before_unreported_and_both_last() {
        let mut a = art("old", &[], None, None);
        a.pulled = Some(Moment::At(1));
        let mut b = art("never", &[], None, None);
        b.pulled = Some(Moment::Never);
        let c_ = art("unknown", &[], None, None);
        let mut d = art("new", &[], None, None);
        d.pulled = Some(Moment::At(9));
        let c = Catalog::new(vec![c_, b, a, d]);
        assert_eq!(sorted_ids(&c, SortKey::Pulled, Order::Asc), ["old", "new", "never", "unknown"]);
        assert_eq!(sorted_ids(&c, SortKey::Pulled, Order::Desc), ["new", "old", "never", "unknown"]);
    }

    #[test]
    fn tag_filter_glob_substring_and_untagged() {
        let c = Catalog::new(vec![
            art("a", &["v1.2.0", "latest"], None, None),
            art("b", &["sha-abc123"], None, None),
            art("u", &[], None, None),
        ]);
        let run = |tag: &str, untagged| {
            ids(&c, &filter(&c, &Filter { tag: TagMatcher::new(tag), untagged, ..Filter::default() }))
        };
        assert_eq!(run("LATEST", Untagged::Show), ["a"]);
        assert_eq!(run("sha-*", Untagged::Show), ["b"]);
        assert_eq!(run("v?.2.*", Untagged::Show), ["a"]);
        assert_eq!(run("", Untagged::Only), ["u"]);
        assert_eq!(run("", Untagged::Hide), ["a", "b"]);
        assert_eq!(run("", Untagged::Show), ["a", "b", "u"]);
    }

    #[test]
    fn mixed_case_tags_match_in_any_case() {
        let c = Catalog::new(vec![
            art("upper", &["Release-1", "nightly"], None, None),
            art("titlecase", &["ǅemo"], None, None),
            art("lower", &["release-2"], None, None),
        ]);
        let run = |tag: &str| ids(&c, &filter(&c, &Filter { tag: TagMatcher::new(tag), ..Filter::default() }));
        assert_eq!(run("release"), ["upper", "lower"]);
        assert_eq!(run("RELEASE-1"), ["upper"]);
        assert_eq!(run("NIGHTLY"), ["upper"]);
        assert_eq!(run("ǆemo"), ["titlecase"]);
    }

    #[test]
    fn index_matches_arch_through_children() {
        let mut idx = art("idx", &["v1"], None, None);
        idx.children = vec!["c1".into(), "c2".into()];
        let c = Catalog::new(vec![
            idx,
            art("c1", &[], Some(1), Some("amd64")),
            art("c2", &[], Some(1), Some("arm64")),
            art("solo", &[], Some(1), Some("s390x")),
            art("bare", &[], Some(1), None),
        ]);
        let by_arch = |values: &[&str]| {
            let f = Filter { arch: values.iter().map(|v| v.to_string()).collect(), ..Filter::default() };
            ids(&c, &filter(&c, &f))
        };
        assert_eq!(by_arch(&["arm64"]), ["idx"]);
        assert_eq!(by_arch(&["s390x", "amd64"]), ["idx", "solo"]);
        assert_eq!(by_arch(&["unknown"]), ["bare"]);
        assert_eq!(by_arch(&[]), ["idx", "solo", "bare"], "children are not top-level rows");
    }

    #[test]
    fn date_filters_for_clean_up() {
        let mut old = art("old", &["v1"], None, None);
        old.pushed = Some(Moment::At(100));
        old.pulled = Some(Moment::At(150));
        let mut never = art("never", &["v2"], None, None);
        never.pushed = Some(Moment::At(200));
        never.pulled = Some(Moment::Never);
        let mut fresh = art("fresh", &["v3"], None, None);
        fresh.pushed = Some(Moment::At(300));
        fresh.pulled = Some(Moment::At(900));
        let unknown = art("unknown", &["v4"], None, None);
        let c = Catalog::new(vec![old, never, fresh, unknown]);
        let run = |f: Filter| ids(&c, &filter(&c, &f));
        assert_eq!(run(Filter { not_pulled_since: Some(500), ..Filter::default() }), ["old", "never"]);
        assert_eq!(run(Filter { pushed_after: Some(200), ..Filter::default() }), ["never", "fresh"]);
        assert_eq!(run(Filter { pushed_before: Some(200), ..Filter::default() }), ["old"]);
        assert_eq!(run(Filter { pushed_after: Some(150), pushed_before: Some(250), ..Filter::default() }), ["never"]);
        assert!(Filter { pushed_after: Some(1), ..Filter::default() }.is_active());
    }

    #[test]
    fn filter_sorted_equals_filter_then_sort() {
        let c = Catalog::new(crate::providers::demo::generate(crate::providers::demo::Dataset::Medium, 1_790_000_000));
        let f = Filter { arch: ["arm64".to_string()].into(), tag: TagMatcher::new("v*"), ..Filter::default() };
        for &key in SortKey::ALL {
            for order in [Order::Asc, Order::Desc] {
                let mut expected = filter(&c, &f);
                sort(&c, &mut expected, key, order);
                assert_eq!(filter_sorted(&c, &f, key, order), expected, "{key:?} {order:?}");
            }
        }
        let mut grown = c.clone();
        let before = filter_sorted(&grown, &Filter::default(), SortKey::Size, Order::Asc).len();
        grown.extend(vec![Artifact::new("late", "sha256:late")]);
        assert_eq!(
            filter_sorted(&grown, &Filter::default(), SortKey::Size, Order::Asc).len(),
            before + 1,
            "orders reset on new data"
        );
    }

    /// The bitset filter keeps exactly the rows the row-by-row filter keeps, on generated
    /// data (indexes, untagged rows, many platforms) and every kind of filter.
    #[test]
    fn filter_set_equals_the_row_filter() {
        let c = Catalog::new(crate::providers::demo::generate(crate::providers::demo::Dataset::Medium, 1_790_000_000));
        let set = |values: &[&str]| values.iter().map(|v| v.to_string()).collect::<ValueSet>();
        let filters = [
            Filter::default(),
            Filter { accessory_rows: true, ..Filter::default() },
            Filter { tag: TagMatcher::new("v1"), ..Filter::default() },
            Filter { tag: TagMatcher::new("v?.*"), untagged: Untagged::Hide, ..Filter::default() },
            Filter { untagged: Untagged::Only, ..Filter::default() },
            Filter { arch: set(&["arm64"]), ..Filter::default() },
            Filter { arch: set(&["amd64", "unknown"]), os: set(&["linux"]), ..Filter::default() },
            Filter { arch: set(&["no-such-arch"]), ..Filter::default() },
            Filter { pushed_after: Some(1_780_000_000), not_pulled_since: Some(1_789_000_000), ..Filter::default() },
            Filter { pushed_before: Some(1_785_000_000), tag: TagMatcher::new("*"), ..Filter::default() },
        ];
        for f in &filters {
            let rows = filter(&c, f);
            let kept = filter_set(&c, f);
            assert_eq!(kept.iter().collect::<Vec<u32>>(), rows, "{f:?}");
            assert_eq!(kept.len(), rows.len());
            for &key in SortKey::ALL {
                let mut expected = rows.clone();
                sort(&c, &mut expected, key, Order::Desc);
                let mut out = vec![7, 7, 7];
                sorted_into(&c, &kept, key, Order::Desc, &mut out);
                assert_eq!(out, expected, "{key:?} {f:?}");
            }
        }
        assert!(filters.iter().any(|f| !filter(&c, f).is_empty() && filter(&c, f).len() < c.top_level().len()));
    }

    #[test]
    fn pages_are_clamped() {
        assert_eq!(paginate(60, 1, 25), PageWindow { page: 1, pages: 3, start: 0, end: 25, total: 60 });
        assert_eq!(paginate(60, 3, 25), PageWindow { page: 3, pages: 3, start: 50, end: 60, total: 60 });
        assert_eq!(paginate(60, 99, 25).page, 3);
        assert_eq!(paginate(60, 0, 25).page, 1);
        assert_eq!(paginate(0, 4, 25), PageWindow { page: 1, pages: 1, start: 0, end: 0, total: 0 });
    }

    #[test]
    fn page_numbers_keep_both_ends_and_two_either_side() {
        let shown = |current, pages| -> String {
            page_numbers(current, pages)
                .iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 0), "", "no pages, no links");
        assert_eq!(shown(4, 7), "1 2 3 4 5 6 7", "no gap when everything fits");
        assert_eq!(shown(3, 7), "1 2 3 4 5 … 7", "a gap may stand for one page");
        assert_eq!(shown(1, 10), "1 2 3 … 10");
        assert_eq!(shown(10, 10), "1 … 8 9 10");
        assert_eq!(shown(5, 10), "1 … 3 4 5 6 7 … 10");
        assert_eq!(shown(4, 10), "1 2 3 4 5 6 … 10", "a gap of no page is not a gap");
        assert_eq!(shown(50, 3), "1 … 3", "a current page out of range: the ends only");
    }

    #[test]
    fn page_numbers_never_show_two_gaps_in_a_row_or_repeat_a_page() {
        for pages in 0..40 {
            for current in 0..=pages + 1 {
                let numbers = page_numbers(current, pages);
                assert!(numbers.windows(2).all(|w| w[0].is_some() || w[1].is_some()), "{current}/{pages}");
                let pages_shown: Vec<usize> = numbers.iter().flatten().copied().collect();
                assert!(pages_shown.windows(2).all(|w| w[0] < w[1]), "{current}/{pages}");
                assert!(numbers.len() <= 9, "at most 1 … 5 pages … last: {current}/{pages}");
            }
        }
        assert_eq!(paginate(250, 4, 25).page_numbers(), page_numbers(4, 10));
    }

    #[test]
    fn steps_lead_only_to_other_pages_that_exist() {
        let w = paginate(60, 2, 25);
        assert!(w.can_step_to(1) && w.can_step_to(3));
        assert!(!w.can_step_to(2), "not to the page shown");
        assert!(!w.can_step_to(0) && !w.can_step_to(4), "not past either end");
        let single = paginate(0, 1, 25);
        assert!(!single.can_step_to(0) && !single.can_step_to(2));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A small artifact from few values, so ties are the rule; `n` makes the id unique.
        fn small_artifact() -> impl Strategy<Value = (u8, u8, u8, u8, u8, u8, u8)> {
            (0u8..4, 0u8..4, 0u8..4, 0u8..4, 0u8..4, 0u8..3, 0u8..4)
        }

        fn build(n: usize, (digest, tag, size, pushed, pulled, media, arch): (u8, u8, u8, u8, u8, u8, u8)) -> Artifact {
            let tags: &[&str] = [&[][..], &["v1"], &["v1", "latest"], &["v10"]][tag as usize];
            let sizes = [None, Some(0), Some(5 << 30), Some(u64::MAX)];
            let arches = [None, Some("amd64"), Some("arm64"), Some("arm")];
            let mut a = art(&format!("id{n}"), tags, sizes[size as usize], arches[arch as usize]);
            a.digest = format!("sha256:{digest}").into();
            let moments = [None, Some(Moment::Never), Some(Moment::At(i64::MIN)), Some(Moment::At(1_700_000_000))];
            a.pushed = moments[pushed as usize];
            a.pulled = moments[pulled as usize];
            a.media_type = [None, Some("a".into()), Some("b".into())][media as usize].clone();
            a
        }

        /// The artifacts in their first order, the same shuffled, and a page size.
        fn orders() -> impl Strategy<Value = (Vec<Artifact>, Vec<Artifact>, usize)> {
            prop::collection::vec(small_artifact(), 0..40)
                .prop_map(|v| v.into_iter().enumerate().map(|(n, t)| build(n, t)).collect::<Vec<_>>())
                .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle(), 1usize..12))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// The order made in idle-time steps is the order made at once, whatever the run
            /// length and the work per step.
            #[test]
            fn sliced_sort_equals_sort((records, _, page) in orders(), run in 1usize..9, budget in 1usize..40) {
                let (at_once, sliced) = (Catalog::new(records.clone()), Catalog::new(records));
                for &key in SortKey::ALL {
                    for order in [Order::Asc, Order::Desc] {
                        let mut steps = SlicedSort::new(&sliced, key, order, run + page % 3);
                        let mut taken = 1;
                        while !steps.step(&sliced, budget) {
                            taken += 1;
                            prop_assert!(taken <= 10_000, "a sliced sort must end");
                        }
                        prop_assert!(sliced.has_order(key, order));
                        prop_assert_eq!(sliced.order(key, order), at_once.order(key, order), "{:?} {:?}", key, order);
                    }
                }
            }

            /// However the records arrive — shuffled, page by page — every column sorts to the
            /// same ids in both directions, with missing values last.
            #[test]
            fn sort_order_does_not_depend_on_arrival_order((first, shuffled, page) in orders()) {
                let a = Catalog::new(first);
                let mut b = Catalog::default();
                for chunk in shuffled.chunks(page) {
                    b.extend(chunk.to_vec());
                }
                for &key in SortKey::ALL {
                    for order in [Order::Asc, Order::Desc] {
                        let ids_a = sorted_ids(&a, key, order);
                        prop_assert_eq!(&ids_a, &sorted_ids(&b, key, order), "{:?} {:?}", key, order);
                        if key == SortKey::Size {
                            let sizes: Vec<Option<u64>> =
                                ids_a.iter().map(|id| a.size(a.get(id).unwrap_or(0))).collect();
                            let known = sizes.iter().take_while(|s| s.is_some()).count();
                            prop_assert!(sizes[known..].iter().all(Option::is_none), "missing last: {:?}", sizes);
                        }
                    }
                }
            }
        }
    }
}
