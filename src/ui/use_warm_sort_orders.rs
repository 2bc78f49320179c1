//! Computes the catalog's sort orders in idle time after the data changes, so the first sort
//! by a new column walks a kept order instead of sorting 100,000 rows under the click.

use leptos::prelude::*;

use crate::browser::idle::when_idle;
use crate::engine::catalog::Catalog;
use crate::engine::sort::{Order, SortKey};

pub struct UseWarmSortOrdersOptions {
    pub catalog: RwSignal<Catalog>,
    /// Bumped when the catalog changes (its kept orders are emptied then).
    pub revision: ReadSignal<u64>,
    /// False while pages are still arriving: each would throw the orders away again.
    pub settled: Signal<bool>,
}

/// One order per idle period, until every column and direction is kept; a newer revision
/// starts over (the older walk stops at its next step).
pub fn use_warm_sort_orders(options: UseWarmSortOrdersOptions) {
    let UseWarmSortOrdersOptions { catalog, revision, settled } = options;
    Effect::new(move |_| {
        let started_at = revision.get();
        if !settled.get() {
            return;
        }
        let orders: Vec<(SortKey, Order)> =
            SortKey::ALL.iter().flat_map(|&k| [(k, Order::Asc), (k, Order::Desc)]).collect();
        schedule(catalog, revision, started_at, orders, 0);
    });
}

fn schedule(
    catalog: RwSignal<Catalog>,
    revision: ReadSignal<u64>,
    at: u64,
    orders: Vec<(SortKey, Order)>,
    next: usize,
) {
    when_idle(move || {
        // Stale (new data) or gone (unmounted): stop.
        if revision.try_get_untracked() != Some(at) || next >= orders.len() {
            return;
        }
        let (key, order) = orders[next];
        catalog.with_untracked(|c| {
            let _ = c.order(key, order);
        });
        schedule(catalog, revision, at, orders, next + 1);
    });
}
