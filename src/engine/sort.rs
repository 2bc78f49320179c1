//! Sort orders of the catalog's top-level rows: every column, both directions, missing
//! values last, one total order (ties by digest, then id). Each order is computed once per
//! catalog contents and kept in the catalog's slots, so a sort or filter change walks it.

use std::cmp::Ordering;

use crate::engine::catalog::{Catalog, ORDER_SLOTS};
use crate::engine::model::Moment;
use crate::engine::named_enum;
use crate::engine::natural::natural_cmp;

named_enum!(
    /// The grid's sortable columns.
    SortKey {
        Tags = "tags",
        Digest = "digest",
        Platform = "platform",
        Size = "size",
        Pushed = "pushed",
        Pulled = "pulled",
        MediaType = "media_type",
        // The cleanup plan's decision: ordered by `engine::plan::apply`, which knows the
        // plan; here only the tie-break (so the kept order is the digest order).
        Plan = "plan",
    }
);

named_enum!(Order { Asc = "asc", Desc = "desc" });

impl Order {
    pub fn flip(self) -> Self {
        match self {
            Order::Asc => Order::Desc,
            Order::Desc => Order::Asc,
        }
    }
}

const _: () = assert!(ORDER_SLOTS == 2 * SortKey::ALL.len(), "one kept order per column and direction");

impl Catalog {
    /// The top-level rows in `key`/`order` order (missing values last; ties broken by digest,
    /// then id, so the order does not depend on the order records arrived in).
    pub fn order(&self, key: SortKey, order: Order) -> &[u32] {
        self.order_slot(slot(key, order)).get_or_init(|| {
            let mut rows = self.top_level().to_vec();
            sort(self, &mut rows, key, order);
            rows
        })
    }

    /// Whether the `key`/`order` order is kept already.
    pub fn has_order(&self, key: SortKey, order: Order) -> bool {
        self.order_slot(slot(key, order)).get().is_some()
    }
}

fn slot(key: SortKey, order: Order) -> usize {
    // The Plan column's order here is only the tie-break, the digest order, either way
    // (`engine::plan::apply` orders by the plan): it shares that slot rather than keep two
    // more copies of it (280 KB each for 70,000 rows).
    let (key, order) = if key == SortKey::Plan { (SortKey::Digest, Order::Asc) } else { (key, order) };
    SortKey::ALL.iter().position(|k| *k == key).unwrap_or(0) * 2 + usize::from(order == Order::Desc)
}

/// A catalog's `key`/`order` order made in steps of bounded work, for idle time: sorting
/// 70,000 rows by tag at once is a task of 200 ms or more, and a click that arrives then
/// waits for all of it. Runs of rows are sorted, then merged pairwise, a step at a time;
/// the result is [`Catalog::order`]'s (the order is total, so any correct sort gives it).
pub struct SlicedSort {
    key: SortKey,
    order: Order,
    rows: Vec<u32>,
    spare: Vec<u32>,
    /// Runs of this many rows are sorted (`sorted` of them so far), then merged.
    run: usize,
    sorted: usize,
    /// The merge pass's run length, and where it has got to.
    width: usize,
    at: usize,
}

impl SlicedSort {
    pub fn new(catalog: &Catalog, key: SortKey, order: Order, run: usize) -> Self {
        let run = run.max(1);
        let rows = catalog.top_level().to_vec();
        SlicedSort { key, order, spare: vec![0; rows.len()], rows, run, sorted: 0, width: run, at: 0 }
    }

    /// Does about `budget` rows' worth of sorting or merging (at least one run or one merge),
    /// and keeps the order in the catalog when it is complete; true then. `catalog` must be
    /// the one this was made from.
    pub fn step(&mut self, catalog: &Catalog, budget: usize) -> bool {
        let cmp = total_order(catalog, self.key, self.order);
        let n = self.rows.len();
        let mut done = 0;
        while self.sorted < n {
            let end = (self.sorted + self.run).min(n);
            sort_rows(&mut self.rows[self.sorted..end], &*cmp);
            done += end - self.sorted;
            self.sorted = end;
            if done >= budget {
                return false;
            }
        }
        while self.width < n {
            let (lo, mid, hi) = (self.at, (self.at + self.width).min(n), (self.at + 2 * self.width).min(n));
            merge(&self.rows[lo..mid], &self.rows[mid..hi], &mut self.spare[lo..hi], &*cmp);
            done += hi - lo;
            self.at = hi;
            if self.at >= n {
                std::mem::swap(&mut self.rows, &mut self.spare);
                (self.width, self.at) = (self.width * 2, 0);
            }
            if done >= budget && self.width < n {
                return false;
            }
        }
        let _ = catalog.order_slot(slot(self.key, self.order)).set(std::mem::take(&mut self.rows));
        true
    }
}

/// Merges two sorted runs into `out` (their combined length).
fn merge(left: &[u32], right: &[u32], out: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    let (mut i, mut j) = (0, 0);
    for slot in out.iter_mut() {
        let take_left = match (left.get(i), right.get(j)) {
            (Some(&l), Some(&r)) => cmp(l, r) != Ordering::Greater,
            (l, _) => l.is_some(),
        };
        if take_left {
            *slot = left[i];
            i += 1;
        } else {
            *slot = right[j];
            j += 1;
        }
    }
}

/// Sorts rows by `key` in `order`; rows missing the value go last in both directions.
///
/// Ties are broken by digest, then id — both always ascending, whatever the direction. The
/// id is unique in a catalog, so this is a total order: page N of a shared link shows the
/// same rows on every load, whatever order the pages (and the records in them) arrived in.
/// The tie-break does not follow the direction so that flipping a column reverses the groups
/// of equal values but keeps the rows inside a group where they were.
pub fn sort(catalog: &Catalog, rows: &mut [u32], key: SortKey, order: Order) {
    sort_rows(rows, &*total_order(catalog, key, order));
}

/// The total order [`sort`] sorts by.
fn total_order<'a>(catalog: &'a Catalog, key: SortKey, order: Order) -> Box<dyn Fn(u32, u32) -> Ordering + 'a> {
    let directed = move |o: Ordering| if order == Order::Desc { o.reverse() } else { o };
    let a = move |i: u32| catalog.artifact(i);
    let d = move |i: u32| catalog.derived(i);
    let tie = move |x: u32, y: u32| a(x).digest.cmp(&a(y).digest).then_with(|| a(x).id.cmp(&a(y).id));
    let primary: Box<dyn Fn(u32, u32) -> Ordering + 'a> = match key {
        SortKey::Tags => {
            Box::new(move |x, y| missing_last(a(x).tags.first(), a(y).tags.first(), |p, q| directed(natural_cmp(p, q))))
        }
        SortKey::Digest => Box::new(move |x, y| directed(a(x).digest.cmp(&a(y).digest))),
        SortKey::Platform => Box::new(move |x, y| {
            missing_last(d(x).platforms.first(), d(y).platforms.first(), |p, q| {
                directed(p.cmp(q).then_with(|| d(x).platforms.cmp(&d(y).platforms)))
            })
        }),
        SortKey::Size => {
            Box::new(move |x, y| missing_last(catalog.size(x), catalog.size(y), |p, q| directed(p.cmp(&q))))
        }
        SortKey::Pushed => Box::new(move |x, y| moment_order(a(x).pushed, a(y).pushed, directed)),
        SortKey::Pulled => Box::new(move |x, y| moment_order(a(x).pulled, a(y).pulled, directed)),
        SortKey::Plan => Box::new(|_, _| Ordering::Equal),
        SortKey::MediaType => Box::new(move |x, y| {
            missing_last(a(x).media_type.as_ref(), a(y).media_type.as_ref(), |p, q| directed(p.cmp(q)))
        }),
    };
    Box::new(move |x, y| primary(x, y).then_with(|| tie(x, y)))
}

/// Sorts row indices by a total order (so the faster, allocation-free unstable sort gives the
/// one result a stable sort would). Every row sort goes through this one function: the
/// comparison is a `dyn`, so the sort is compiled once instead of once per column (each
/// copy of the sort costs ~2.5 KB of wasm).
pub fn sort_rows(rows: &mut [u32], total_order: &dyn Fn(u32, u32) -> Ordering) {
    rows.sort_unstable_by(|&x, &y| total_order(x, y));
}

fn missing_last<T>(x: Option<T>, y: Option<T>, cmp: impl FnOnce(T, T) -> Ordering) -> Ordering {
    match (x, y) {
        (Some(x), Some(y)) => cmp(x, y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Real times in the chosen direction, then "never", then "not reported".
fn moment_order(x: Option<Moment>, y: Option<Moment>, directed: impl Fn(Ordering) -> Ordering) -> Ordering {
    let rank = |m: Option<Moment>| match m {
        Some(Moment::At(_)) => 0,
        Some(Moment::Never) => 1,
        None => 2,
    };
    match (x.and_then(Moment::unix), y.and_then(Moment::unix)) {
        (Some(p), Some(q)) => directed(p.cmp(&q)),
        _ => rank(x).cmp(&rank(y)),
    }
}
