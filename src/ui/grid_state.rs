//! The filter → sort → page pipeline as memos: filtering and sorting are one pass over the
//! catalog's kept sort order; paging only re-slices.

use leptos::prelude::*;

use crate::app::url_state::ViewState;
use crate::engine::catalog::{Catalog, Facets};
use crate::engine::plan::{self as engine_plan, PlanView};
use crate::engine::sort::{Order, SortKey};
use crate::engine::view::{self, PageWindow};
use crate::ui::plan::ActivePlan;

#[derive(Clone, Copy)]
pub struct Grid {
    pub sorted: Memo<Vec<u32>>,
    pub window: Memo<PageWindow>,
    /// Rows of the visible page, keyed with the catalog revision they were read at.
    pub page_rows: Memo<Vec<(u64, u32)>>,
    pub facets: Memo<Facets>,
    /// Top-level rows before filtering.
    pub unfiltered: Memo<usize>,
    pub filtering: Memo<bool>,
    pub sort: Memo<(SortKey, Order)>,
}

/// `plan`: the cleanup plan, when one is active — `plan=` narrows the rows to a decision and
/// the Plan column sorts by it.
pub fn use_grid(
    catalog: RwSignal<Catalog>,
    revision: ReadSignal<u64>,
    view_state: Signal<ViewState>,
    plan: Signal<Option<ActivePlan>>,
) -> Grid {
    let filter = Memo::new(move |_| view_state.with(ViewState::filter));
    let sort = Memo::new(move |_| view_state.with(|v| (v.sort, v.order)));
    let plan_view = Memo::new(move |_| view_state.with(|v| v.plan_view));
    let sorted = Memo::new(move |_| {
        let (key, order) = sort.get();
        let rows = filter.with(|f| catalog.with(|c| view::filter_sorted(c, f, key, order)));
        match plan.get() {
            Some(active) => engine_plan::apply(&active.plan, rows, plan_view.get(), key, order),
            None => rows,
        }
    });
    let paging = Memo::new(move |_| view_state.with(|v| (v.page, v.per_page)));
    let window = Memo::new(move |_| {
        let (page, per_page) = paging.get();
        sorted.with(|rows| view::paginate(rows.len(), page, per_page))
    });
    let page_rows = Memo::new(move |_| {
        let w = window.get();
        let rev = revision.get();
        sorted.with(|rows| rows[w.start..w.end].iter().map(|&i| (rev, i)).collect())
    });
    let facets = Memo::new(move |_| {
        let rows = filter.with(|f| f.accessory_rows);
        catalog.with(|c| c.facets(rows))
    });
    let unfiltered = Memo::new(move |_| {
        let rows = filter.with(|f| f.accessory_rows);
        catalog.with(|c| c.row_count(rows))
    });
    let filtering = Memo::new(move |_| {
        filter.with(view::Filter::is_active) || (plan.with(Option::is_some) && plan_view.get() != PlanView::All)
    });
    Grid { sorted, window, page_rows, facets, unfiltered, filtering, sort }
}
