//! The filter → sort → page pipeline as memos: filtering and sorting are one pass over the
//! catalog's kept sort order; paging only re-slices.

use leptos::prelude::*;

use crate::app::url_state::ViewState;
use crate::engine::catalog::{Catalog, Facets};
use crate::engine::sort::{Order, SortKey};
use crate::engine::view::{self, PageWindow};

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

pub fn use_grid(catalog: RwSignal<Catalog>, revision: ReadSignal<u64>, view_state: Signal<ViewState>) -> Grid {
    let filter = Memo::new(move |_| view_state.with(ViewState::filter));
    let sort = Memo::new(move |_| view_state.with(|v| (v.sort, v.order)));
    let sorted = Memo::new(move |_| {
        let (key, order) = sort.get();
        filter.with(|f| catalog.with(|c| view::filter_sorted(c, f, key, order)))
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
    let facets = Memo::new(move |_| catalog.with(Catalog::facets));
    let unfiltered = Memo::new(move |_| catalog.with(|c| c.top_level().len()));
    let filtering = Memo::new(move |_| filter.with(view::Filter::is_active));
    Grid { sorted, window, page_rows, facets, unfiltered, filtering, sort }
}
