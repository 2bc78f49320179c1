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
        let slot = SortKey::ALL.iter().position(|k| *k == key).unwrap_or(0) * 2 + usize::from(order == Order::Desc);
        self.order_slot(slot).get_or_init(|| {
            let mut rows = self.top_level().to_vec();
            sort(self, &mut rows, key, order);
            rows
        })
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
    let directed = |o: Ordering| if order == Order::Desc { o.reverse() } else { o };
    let a = |i: u32| catalog.artifact(i);
    let d = |i: u32| catalog.derived(i);
    let tie = |x: u32, y: u32| a(x).digest.cmp(&a(y).digest).then_with(|| a(x).id.cmp(&a(y).id));
    let sort_total = |rows: &mut [u32], primary: &dyn Fn(u32, u32) -> Ordering| {
        sort_rows(rows, &|x, y| primary(x, y).then_with(|| tie(x, y)))
    };
    match key {
        SortKey::Tags => sort_total(rows, &|x, y| {
            missing_last(d(x).tags_sorted.first(), d(y).tags_sorted.first(), |p, q| directed(natural_cmp(p, q)))
        }),
        SortKey::Digest => sort_total(rows, &|x, y| directed(a(x).digest.cmp(&a(y).digest))),
        SortKey::Platform => sort_total(rows, &|x, y| {
            missing_last(d(x).platforms.first(), d(y).platforms.first(), |p, q| {
                directed(p.cmp(q).then_with(|| d(x).platforms.cmp(&d(y).platforms)))
            })
        }),
        SortKey::Size => sort_total(rows, &|x, y| missing_last(d(x).size, d(y).size, |p, q| directed(p.cmp(&q)))),
        SortKey::Pushed => sort_total(rows, &|x, y| moment_order(a(x).pushed, a(y).pushed, directed)),
        SortKey::Pulled => sort_total(rows, &|x, y| moment_order(a(x).pulled, a(y).pulled, directed)),
        SortKey::Plan => sort_total(rows, &|_, _| Ordering::Equal),
        SortKey::MediaType => sort_total(rows, &|x, y| {
            missing_last(a(x).media_type.as_ref(), a(y).media_type.as_ref(), |p, q| directed(p.cmp(q)))
        }),
    }
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
