//! The page: URL state in, data loaded, the grid and its controls out.

use std::rc::Rc;

use leptos::prelude::*;

use crate::demo::DemoProvider;
use crate::ui::filters::FilterPanel;
use crate::ui::grid::ArtifactTable;
use crate::ui::grid_state::use_grid;
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::pagination::Pagination;
use crate::ui::source::SourcePanel;
use crate::ui::status::{LoadError, LoadProgress, StatusLine};
use crate::ui::url::Views;
use crate::url_state::{Coordinates, Dataset, ProviderKind, ViewState};
use crate::view::SortKey;

pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let views = Views::from_router();
    let view_state: Signal<ViewState> = views.current.into();
    let set_view = views.setter();
    let data = RepoData::new();
    let grid = use_grid(data.catalog, data.revision.read_only(), view_state);

    let now = RwSignal::new(now_secs());
    let _clock = leptos_use_interval_fn::use_interval_fn(move || now.set(now_secs()), 30_000);

    // Only a change of source reloads; filters, sort and page never do.
    let source = Memo::new(move |_| {
        view_state.with(|v| -> (ProviderKind, Dataset, Coordinates) { (v.provider, v.dataset, v.coords.clone()) })
    });
    let load = move || {
        let (provider, dataset, _coords) = source.get_untracked();
        match provider {
            ProviderKind::Demo => data.load(Rc::new(DemoProvider::new(dataset, now_secs()))),
            ProviderKind::Katapult | ProviderKind::Swr => data.clear(),
        }
    };
    Effect::new(move |_| {
        source.track();
        load();
    });

    let on_sort = Callback::new(move |key: SortKey| views.set(view_state.get_untracked().sorted_by(key), false));
    let page_href = Callback::new(move |page: usize| {
        let next = view_state.with_untracked(|v| v.clone().with_page(page));
        views.href(&next)
    });
    let empty_message = Signal::derive(move || {
        let status = data.status.get();
        if grid.unfiltered.get() > 0 {
            "No artifacts match the filters.".to_string()
        } else if matches!(status, LoadStatus::Loading { .. }) {
            "Loading…".to_string()
        } else if matches!(status, LoadStatus::Loaded { .. }) {
            "No artifacts in this repository.".to_string()
        } else {
            "Nothing loaded.".to_string()
        }
    });

    view! {
        <div class="app">
            <header class="topbar">
                <h1>"Lading"</h1>
                <SourcePanel view_state set_view />
            </header>
            <main class="layout">
                <aside class="sidebar" aria-label="Filters">
                    <FilterPanel view_state facets=grid.facets set_view />
                </aside>
                <section class="results" aria-label="Results">
                    <LoadError status=data.status on_retry=Callback::new(move |_| load()) />
                    <LoadProgress status=data.status />
                    <StatusLine
                        window=grid.window
                        unfiltered=grid.unfiltered
                        filtering=grid.filtering
                        malformed=data.malformed
                    />
                    <ArtifactTable
                        catalog=data.catalog
                        rows=grid.page_rows
                        sort=grid.sort
                        on_sort
                        now
                        empty_message
                    />
                    <Pagination window=grid.window href=page_href />
                </section>
            </main>
        </div>
    }
}
