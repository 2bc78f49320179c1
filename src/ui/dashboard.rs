//! The page: what it uses — the view in the URL, the load of its source, auto-refresh, the
//! saved repositories, the keyboard shortcuts — and what it shows.

use leptos::prelude::*;

use crate::app::config::Config;
use crate::app::source::Source;
use crate::app::status::empty_message;
use crate::app::url_state::ViewState;
use crate::engine::sort::SortKey;
use crate::ui::chart::Overview;
use crate::ui::filters::FilterPanel;
use crate::ui::grid::ArtifactTable;
use crate::ui::grid_state::use_grid;
use crate::ui::later::Later;
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::pagination::Pagination;
use crate::ui::plan::{ActivePlan, PlanPanel};
use crate::ui::sort_by::SortBy;
use crate::ui::source::SourcePanel;
use crate::ui::status::{LoadError, LoadNotice, LoadProgress, LoadWaiting, StatusLine};
use crate::ui::theme::ThemeToggle;
use crate::ui::toolbar::Toolbar;
use crate::ui::trust::ConfirmHostsDialog;
use crate::ui::url::Views;
use crate::ui::use_auto_refresh::{use_auto_refresh, UseAutoRefreshOptions};
use crate::ui::use_cleanup_plan::{use_cleanup_plan, UseCleanupPlanOptions};
use crate::ui::use_deferred::use_deferred;
use crate::ui::use_now::{use_now, UseNowOptions};
use crate::ui::use_saved_repositories::{use_saved_repositories, UseSavedRepositoriesOptions};
use crate::ui::use_shortcuts::{use_shortcuts, UseShortcutsOptions};
use crate::ui::use_source_load::{use_source_load, UseSourceLoadOptions};
use crate::ui::use_warm_sort_orders::{use_warm_sort_orders, UseWarmSortOrdersOptions};

#[component]
pub fn Dashboard(config: Config, warning: Option<String>) -> impl IntoView {
    // What the page uses.
    let views = Views::new(ViewState::over_config(&config));
    provide_context(views);
    let config = StoredValue::new(config);
    let view_state: Signal<ViewState> = views.current.into();
    let set_view = views.setter();
    let data = RepoData::new();
    let cleanup = use_cleanup_plan(UseCleanupPlanOptions { data, view_state });
    let plan: Signal<Option<ActivePlan>> = cleanup.active.into();
    let grid = use_grid(data.catalog, view_state, plan);
    let settled = Memo::new(move |_| !matches!(data.status.get(), LoadStatus::Loading { .. }));
    use_warm_sort_orders(UseWarmSortOrdersOptions {
        catalog: data.catalog,
        revision: data.revision.read_only(),
        settled,
    });
    let now = use_now(UseNowOptions { interval_ms: 30_000 }).now;
    let load = use_source_load(UseSourceLoadOptions { config, views, data });
    let refresh_minutes = Memo::new(move |_| view_state.with(|v| v.refresh));
    let auto_refresh =
        use_auto_refresh(UseAutoRefreshOptions { data, minutes: refresh_minutes, refresh: load.refresh });
    let saved = use_saved_repositories(UseSavedRepositoriesOptions { config, views, data, source: load.source });
    use_shortcuts(UseShortcutsOptions { filter_field: "tag-filter" });

    // What it shows, from the source, the load and the view.
    let source = load.source;
    let empty_message = Memo::new(move |_| empty_message(data.status.with(LoadStatus::phase), grid.unfiltered.get()));
    let platforms_unreported = Memo::new(move |_| source.with(Source::platforms_unreported));
    let pull_base = Signal::derive(move || source.with(|s| config.with_value(|c| s.pull_base(c))));
    let file_stem = Memo::new(move |_| source.with(Source::file_stem));
    let added = Signal::derive(move || data.changes.with(|c| c.as_ref().map(|c| c.added.clone()).unwrap_or_default()));
    let selected_arch = Signal::derive(move || view_state.with(|v| v.arch.clone()));
    // The overview and the delete list's count are drawn after the rows, once the browser is
    // idle: a filter or rule change paints the rows first, and a key typed meanwhile goes
    // before them. (Counting walks every row in view: 2–3 ms on 100,000 artifacts.)
    let inputs = Memo::new(move |_| (grid.kept.get(), cleanup.active.get()));
    let later = use_deferred(inputs, data.revision.read_only());
    let overview_rows = Memo::new(move |_| later.with(|(rows, _)| rows.clone()));
    let toggle_arch =
        Callback::new(move |arch: String| views.set(view_state.get_untracked().toggled_arch(&arch), false));
    let on_sort = Callback::new(move |key: SortKey| views.set(view_state.get_untracked().sorted_by(key), false));
    // Page links carry the rest of the view, and follow it: a sort on page 1 leaves the page
    // window as it was, but the links must carry the new sort.
    let link_view = Memo::new(move |_| view_state.with(|v| v.clone().with_page(1)));
    let page_href = Callback::new(move |page: usize| link_view.with(|v| views.href(&v.clone().with_page(page))));
    // The delete list covers the rows in view (every page), counted cheaply (the count does
    // not depend on the sort, so a sort does not count again), written on copy.
    let delete_count = Memo::new(move |_| {
        later.with(|(rows, plan)| {
            plan.as_ref().map_or(0, |p| data.catalog.with(|c| p.plan.delete_count(c, rows.iter())))
        })
    });
    let registry_known = Memo::new(move |_| pull_base.with(Option::is_some));
    let delete_list = Callback::new(move |_: ()| {
        let (base, active) = (pull_base.get_untracked()?, plan.get_untracked()?);
        Some(
            grid.sorted.with_untracked(|rows| data.catalog.with_untracked(|c| active.plan.delete_list(c, rows, &base))),
        )
    });
    // The open details are in the URL (`details=`), like any view change.
    let details_open = Signal::derive(move || view_state.with(|v| v.details.clone()));
    let on_details = Callback::new(move |digest: Option<String>| {
        set_view.run((view_state.get_untracked().with_details(digest), false))
    });
    let policies = config.with_value(|c| c.plans.clone());
    let plan_active = Memo::new(move |_| plan.with(Option::is_some));
    // Narrow screens: the filters and the cleanup plan fold behind these (always shown, and
    // the buttons hidden, on wide screens — style/main.css).
    let filters_open = RwSignal::new(false);
    let plan_open = RwSignal::new(false);
    let overview_open = RwSignal::new(false);

    view! {
        <ConfirmHostsDialog pending=load.confirm on_confirm=load.on_confirm on_cancel=load.on_cancel />
        <div class="app" class:pending=move || !data.shown.get()>
            <header class="topbar">
                <h1>"Lading"</h1>
                <p class="tagline">"Container registry artifacts, sorted and shareable"</p>
                <ThemeToggle />
            </header>
            <main class="layout">
                <aside class="sidebar" aria-label="Source and filters">
                    <Later>
                        <SourcePanel
                            view_state
                            set_view
                            on_load=load.on_load
                            token_stored=load.token_stored
                            on_forget_token=load.on_forget_token
                            saved=saved.saved
                            on_choose_saved=saved.on_choose
                            on_clear_recent=saved.on_clear_recent
                        />
                    </Later>
                    <Disclosure label="Filters" controls="filters-panel" open=filters_open />
                    <div id="filters-panel" class="collapsible" class:open=move || filters_open.get()>
                        <h2>"Filters"</h2>
                        <Later>
                            <FilterPanel view_state facets=grid.facets set_view platforms_unreported />
                        </Later>
                    </div>
                    <Disclosure label="Cleanup plan" controls="plan-panel" open=plan_open />
                    <div id="plan-panel" class="collapsible" class:open=move || plan_open.get()>
                        <Later>
                            <PlanPanel
                                view_state
                                set_view
                                policies=policies.clone()
                                active=plan
                                complete=cleanup.complete
                                delete_count
                                delete_list
                                registry_known
                            />
                        </Later>
                    </div>
                </aside>
                <section class="results" aria-label="Results">
                    {warning.map(|w| view! { <p class="notice warning" role="alert">{w}</p> })}
                    <LoadWaiting status=data.status.read_only() />
                    // "Try again" after a failed refresh refreshes: the rows on screen stay.
                    <LoadError status=data.status.read_only() on_retry=load.refresh note=auto_refresh.note />
                    <LoadNotice status=data.status.read_only() />
                    <LoadProgress status=data.status.read_only() />
                    // Folded on narrow screens, like the panels: the artifacts come first.
                    <Disclosure label="Overview" controls="overview-panel" open=overview_open />
                    <div id="overview-panel" class="collapsible" class:open=move || overview_open.get()>
                        <Later>
                            <Overview catalog=data.catalog rows=overview_rows selected=selected_arch on_toggle_arch=toggle_arch />
                        </Later>
                    </div>
                    <Later>
                        <Toolbar catalog=data.catalog rows=grid.sorted view_state set_view file_stem plan />
                        <SortBy view_state set_view plan_active />
                    </Later>
                    // A task of its own too: the page stays hidden until the rows are drawn.
                    <Later>
                        <ArtifactTable
                            catalog=data.catalog
                            rows=grid.page_rows
                            sort=grid.sort
                            on_sort
                            now
                            empty_message
                            pull_base
                            added
                            plan
                            details=details_open
                            on_details
                        >
                            <StatusLine
                                window=grid.window
                                unfiltered=grid.unfiltered
                                filtering=grid.filtering
                                malformed=data.malformed.read_only()
                                changes=data.changes
                            />
                        </ArtifactTable>
                        <Pagination window=grid.window href=page_href />
                    </Later>
                </section>
            </main>
        </div>
    }
}

/// A button that shows or hides the panel it controls (narrow screens only: the stylesheet
/// hides it, and always shows the panel, on wide ones).
#[component]
fn Disclosure(label: &'static str, controls: &'static str, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <button
            type="button"
            class="disclosure"
            aria-controls=controls
            aria-expanded=move || open.get().to_string()
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <span class="chevron" aria-hidden="true">"▸"</span>
            {label}
        </button>
    }
}
