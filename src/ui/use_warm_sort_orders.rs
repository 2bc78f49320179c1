//! Computes the catalog's sort orders in idle time after the data changes, so the first sort
//! by a new column walks a kept order instead of sorting 100,000 rows under the click. Each
//! order is made in steps of bounded work (`SlicedSort`): a whole sort of 70,000 rows by tag
//! is a task of 200 ms or more, which a click arriving then would wait for.

use leptos::prelude::*;

use crate::browser::idle::when_idle;
use crate::engine::catalog::Catalog;
use crate::engine::sort::{Order, SlicedSort, SortKey};

pub struct UseWarmSortOrdersOptions {
    pub catalog: RwSignal<Catalog>,
    /// Bumped when the catalog changes (its kept orders are emptied then).
    pub revision: ReadSignal<u64>,
    /// False while pages are still arriving: each would throw the orders away again.
    pub settled: Memo<bool>,
}

/// Rows sorted per run, and rows sorted or merged per step: a few milliseconds of work.
const RUN: usize = 2_048;
const STEP: usize = 8_192;
/// Work per idle period at most (ms): an idle period lasts up to 50 ms, and an input that
/// arrives meanwhile waits for the step under way.
const SLICE_MS: f64 = 12.0;

/// Steps while an idle period lasts, order after order, until every column and direction is
/// kept; a newer revision starts over (the older walk stops at its next step).
pub fn use_warm_sort_orders(options: UseWarmSortOrdersOptions) {
    let UseWarmSortOrdersOptions { catalog, revision, settled } = options;
    Effect::new(move |_| {
        let started_at = revision.get();
        if !settled.get() {
            return;
        }
        let orders: Vec<(SortKey, Order)> =
            SortKey::ALL.iter().flat_map(|&k| [(k, Order::Asc), (k, Order::Desc)]).collect();
        schedule(Warming { catalog, revision, at: started_at, orders, next: 0, current: None });
    });
}

struct Warming {
    catalog: RwSignal<Catalog>,
    revision: ReadSignal<u64>,
    at: u64,
    orders: Vec<(SortKey, Order)>,
    next: usize,
    current: Option<SlicedSort>,
}

fn schedule(mut w: Warming) {
    when_idle(None, move |deadline| {
        // Stale (new data) or gone (unmounted): stop.
        if w.revision.try_get_untracked() != Some(w.at) {
            return;
        }
        // Without idle periods (Safari): one step per task.
        let Some(deadline) = deadline else {
            if step(&mut w) {
                schedule(w);
            }
            return;
        };
        let (started, mut more) = (deadline.time_remaining(), true);
        while more && deadline.time_remaining() > 1.0 && started - deadline.time_remaining() < SLICE_MS {
            more = step(&mut w);
        }
        if more {
            schedule(w);
        }
    });
}

/// One step of the current order (starting the next one not kept yet); false when all are.
fn step(w: &mut Warming) -> bool {
    w.catalog.with_untracked(|c| {
        if w.current.is_none() {
            // A click may have kept an order meanwhile.
            while w.orders.get(w.next).is_some_and(|&(key, order)| c.has_order(key, order)) {
                w.next += 1;
            }
            let Some(&(key, order)) = w.orders.get(w.next) else { return false };
            w.current = Some(SlicedSort::new(c, key, order, RUN));
        }
        if w.current.as_mut().is_some_and(|s| s.step(c, STEP)) {
            (w.current, w.next) = (None, w.next + 1);
        }
        true
    })
}
