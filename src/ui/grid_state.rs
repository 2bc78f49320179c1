//! The filter → sort → page pipeline as memos, each recomputed only when what it depends on
//! changes: the filter result is a set of rows that only a filter (or data, or a plan view)
//! change recomputes; a sort walks the catalog's kept order testing one bit per row; paging
//! only re-slices.

use leptos::prelude::*;

use crate::app::url_state::ViewState;
use crate::engine::catalog::{Catalog, Facets};
use crate::engine::plan::{self as engine_plan, PlanView};
use crate::engine::row_set::RowSet;
use crate::engine::sort::{Order, SortKey};
use crate::engine::view::{self, PageWindow};
use crate::ui::plan::ActivePlan;

#[derive(Clone, Copy)]
pub struct Grid {
    /// The rows in view, in no particular order: what the figures above the grid and the
    /// plan's delete count are made from (neither changes with the sort or the page).
    pub kept: Memo<RowSet>,
    /// The rows in view, sorted (every page).
    pub sorted: Memo<Vec<u32>>,
    pub window: Memo<PageWindow>,
    /// Catalog indexes of the visible page's rows (the grid reads the catalog itself).
    pub page_rows: Memo<Vec<u32>>,
    pub facets: Memo<Facets>,
    /// Top-level rows before filtering.
    pub unfiltered: Memo<usize>,
    pub filtering: Memo<bool>,
    pub sort: Memo<(SortKey, Order)>,
}

/// `plan`: the cleanup plan, when one is active — `plan=` narrows the rows to a decision and
/// the Plan column sorts by it.
pub fn use_grid(catalog: RwSignal<Catalog>, view_state: Signal<ViewState>, plan: Signal<Option<ActivePlan>>) -> Grid {
    let filter = Memo::new(move |_| view_state.with(ViewState::filter));
    let sort = Memo::new(move |_| view_state.with(|v| (v.sort, v.order)));
    let plan_view = Memo::new(move |_| view_state.with(|v| v.plan_view));
    // The filter's rows: the only pass that tests the filter.
    let matched = Memo::new(move |_| filter.with(|f| catalog.with(|c| view::filter_set(c, f))));
    // Narrowed to the plan view's decision; the plan is read only when a view narrows by it.
    let kept = Memo::new(move |_| {
        let view = plan_view.get();
        let mut rows = matched.get();
        if view != PlanView::All {
            plan.with(|p| {
                if let Some(active) = p {
                    rows.retain(|i| engine_plan::shows(&active.plan, view, i));
                }
            })
        }
        rows
    });
    // The previous order's vector is reused; a new one is always a change (comparing 70,000
    // rows to learn that would cost what making them did).
    let sorted = Memo::new_owning(move |previous: Option<Vec<u32>>| {
        let (key, order) = sort.get();
        let mut rows = previous.unwrap_or_default();
        kept.with(|set| catalog.with(|c| view::sorted_into(c, set, key, order, &mut rows)));
        if key == SortKey::Plan {
            plan.with(|p| {
                if let Some(active) = p {
                    engine_plan::group_by_decision(&active.plan, &mut rows, order);
                }
            })
        }
        (rows, true)
    });
    let paging = Memo::new(move |_| view_state.with(|v| (v.page, v.per_page)));
    let window = Memo::new(move |_| {
        let (page, per_page) = paging.get();
        sorted.with(|rows| view::paginate(rows.len(), page, per_page))
    });
    let page_rows = Memo::new(move |_| {
        let w = window.get();
        sorted.with(|rows| rows[w.start..w.end].to_vec())
    });
    // Facet counts and the unfiltered total follow the data and whether accessories are
    // rows, never the other filters: toggling an architecture does not count them again.
    let accessory_rows = Memo::new(move |_| filter.with(|f| f.accessory_rows));
    let facets = Memo::new(move |_| {
        let rows = accessory_rows.get();
        catalog.with(|c| c.facets(rows))
    });
    let unfiltered = Memo::new(move |_| {
        let rows = accessory_rows.get();
        catalog.with(|c| c.row_count(rows))
    });
    let filtering = Memo::new(move |_| {
        filter.with(view::Filter::is_active) || (plan.with(Option::is_some) && plan_view.get() != PlanView::All)
    });
    Grid { kept, sorted, window, page_rows, facets, unfiltered, filtering, sort }
}
