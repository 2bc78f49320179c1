//! The page: URL state in, data loaded, the grid and its controls out.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::config::Config;
use crate::app::saved::{saved_repositories, Saved};
use crate::app::source::Source;
use crate::app::status::{auto_refresh_delay_ms, auto_refresh_due, empty_message, refresh_note, Waiting};
use crate::app::url_state::ViewState;
use crate::browser::fetch::parse_url;
use crate::browser::storage::{self, Key};
use crate::engine::sort::SortKey;
use crate::providers::ProviderKind;
use crate::ui::chart::Overview;
use crate::ui::connect::{now_secs, start_load};
use crate::ui::filters::FilterPanel;
use crate::ui::grid::ArtifactTable;
use crate::ui::grid_state::use_grid;
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::pagination::Pagination;
use crate::ui::recent::RecentList;
use crate::ui::source::{LoadRequest, SourcePanel};
use crate::ui::status::{LoadError, LoadNotice, LoadProgress, StatusLine};
use crate::ui::theme::ThemeToggle;
use crate::ui::toolbar::Toolbar;
use crate::ui::trust::{ConfirmHostsDialog, Confirmation};
use crate::ui::url::Views;

/// How often the auto-refresh checks whether a refresh is due.
const REFRESH_POLL_MS: u64 = 5_000;

#[component]
pub fn Dashboard(config: Config, warning: Option<String>) -> impl IntoView {
    let defaults = ViewState {
        provider: config.default_provider.unwrap_or(ProviderKind::Demo),
        per_page: config.page_size.unwrap_or(crate::engine::view::DEFAULT_PAGE_SIZE),
        ..ViewState::default()
    };
    let config = StoredValue::new(config);
    let views = Views::from_router(defaults);
    let view_state: Signal<ViewState> = views.current.into();
    let set_view = views.setter();
    let data = RepoData::new();
    let grid = use_grid(data.catalog, data.revision.read_only(), view_state);

    let now = RwSignal::new(now_secs());
    let _clock = leptos_use_interval_fn::use_interval_fn(move || now.set(now_secs()), 30_000);

    // Only a change of source reloads; filters, sort and page never do.
    let source = Memo::new(move |_| view_state.with(Source::of));
    let confirm = RwSignal::new(None::<Confirmation>);
    let load = move || config.with_value(|c| start_load(data, &source.get_untracked(), c, confirm, false));
    let refresh = move || config.with_value(|c| start_load(data, &source.get_untracked(), c, confirm, true));

    // Auto-refresh, paused while the tab is hidden; sort, filters and page are kept. The next
    // refresh is due one interval after the last load ended; after a failed refresh the rows
    // of the last listing stay and the wait doubles with each failure in a row (capped), back
    // to the interval after a success. A steady poll checks the due time: restarting a timer
    // for every new delay would be needless churn.
    let visibility = leptos_use_document_visibility::use_document_visibility();
    let refresh_minutes = Memo::new(move |_| view_state.with(|v| v.refresh));
    let refresh_ms = Signal::derive(move || auto_refresh_delay_ms(refresh_minutes.get(), data.refresh_failures.get()));
    let next_refresh_at = StoredValue::new(f64::INFINITY);
    Effect::new(move |_| {
        refresh_minutes.track();
        if data.status.with(LoadStatus::phase).has_ended() {
            next_refresh_at.set_value(js_sys::Date::now() + refresh_ms.get_untracked() as f64);
        }
    });
    let ticker = leptos_use_interval_fn::use_interval_fn(
        move || {
            if auto_refresh_due(
                refresh_minutes.get_untracked(),
                js_sys::Date::now(),
                next_refresh_at.get_value(),
                visibility.get_untracked() == web_sys::VisibilityState::Hidden,
                data.can_refresh(),
            ) {
                refresh();
            }
        },
        REFRESH_POLL_MS,
    );
    let _ticker = ticker;
    Effect::new(move |_| {
        source.track();
        load();
    });

    // Bumped when the token store changes, so "stored" hints follow.
    let token_changes = RwSignal::new(0u32);
    let token_stored = Signal::derive(move || {
        token_changes.track();
        source.with(|s| {
            s.provider != ProviderKind::Demo && config.with_value(|c| storage::get(&Key::token_for(s, c)).is_some())
        })
    });
    let on_load = Callback::new(move |(next, typed_token): LoadRequest| {
        let next_source = Source::of(&next);
        if !typed_token.trim().is_empty() {
            config.with_value(|c| storage::set(&Key::token_for(&next_source, c), typed_token.trim()));
            token_changes.update(|n| *n += 1);
        }
        // An endpoint or proxy the person typed here is their choice: no need to confirm it.
        let typed: Vec<String> = view_state.with_untracked(|v| {
            v.coords.typed_urls(&next.coords).into_iter().filter_map(|url| parse_url(url).map(|u| u.host())).collect()
        });
        storage::confirm_hosts(&typed);
        let same_source = source.with_untracked(|s| *s == next_source);
        views.set(next, false);
        if same_source {
            load();
        }
    });
    let on_forget_token = Callback::new(move |_| {
        config.with_value(|c| storage::remove(&source.with_untracked(|s| Key::token_for(s, c))));
        token_changes.update(|n| *n += 1);
        load();
    });

    let on_sort = Callback::new(move |key: SortKey| views.set(view_state.get_untracked().sorted_by(key), false));
    let page_href = Callback::new(move |page: usize| {
        let next = view_state.with_untracked(|v| v.clone().with_page(page));
        views.href(&next)
    });
    // Pull references need the registry host: the deployment's, else the provider's known one.
    let pull_base = Signal::derive(move || source.with(|s| config.with_value(|c| s.pull_base(c))));
    let added = Signal::derive(move || data.changes.with(|c| c.as_ref().map(|c| c.added.clone()).unwrap_or_default()));
    let file_stem = Signal::derive(move || source.with(Source::file_stem));

    // Repositories that loaded are remembered (coordinates only) and offered again.
    let recent = RecentList::new();
    Effect::new(move |_| {
        if matches!(data.status.get(), LoadStatus::Loaded { .. }) {
            source.with_untracked(|s| recent.remember(s.provider, &s.coords));
        }
    });
    let saved = Signal::derive(move || {
        recent.entries.with(|recent| config.with_value(|c| saved_repositories(&c.presets, recent)))
    });
    let on_choose_saved =
        Callback::new(move |chosen: Saved| views.set(view_state.with_untracked(|v| chosen.view_over(v)), false));
    let on_clear_recent = Callback::new(move |_| recent.clear());

    // "/" jumps to the tag filter from anywhere but a text field.
    let _slash = window_event_listener(leptos::ev::keydown, move |ev| {
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if ev.key() == "/" && !in_field && !ev.ctrl_key() && !ev.meta_key() && !ev.alt_key() {
            if let Some(input) =
                document().get_element_by_id("tag-filter").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                ev.prevent_default();
                let _ = input.focus();
            }
        }
    });
    let toggle_arch = Callback::new(move |arch: String| {
        let mut next = view_state.get_untracked();
        if !next.arch.remove(&arch) {
            next.arch.insert(arch);
        }
        next.page = 1;
        views.set(next, false);
    });
    let selected_arch = Signal::derive(move || view_state.with(|v| v.arch.clone()));

    let empty_message =
        Signal::derive(move || empty_message(data.status.with(LoadStatus::phase), grid.unfiltered.get()).to_string());
    let platforms_unreported = Signal::derive(move || source.with(Source::platforms_unreported));
    let refresh_note = Signal::derive(move || refresh_note(data.refresh_failures.get(), refresh_minutes.get()));
    let waiting = move || match data.status.get() {
        LoadStatus::Waiting(reason) => Some(view! { <p class="notice">{reason}</p> }),
        _ => None,
    };

    let on_confirm = Callback::new(move |_| {
        if let Some(c) = confirm.get_untracked() {
            storage::confirm_hosts(&c.hosts);
        }
        load();
    });
    let on_cancel = Callback::new(move |_| {
        confirm.set(None);
        data.wait(Waiting::NotConfirmed.sentence());
    });

    view! {
        <ConfirmHostsDialog pending=confirm on_confirm on_cancel />
        <div class="app">
            <header class="topbar">
                <h1>"Lading"</h1>
                <p class="tagline">"Container registry artifacts, sorted and shareable"</p>
                <ThemeToggle />
            </header>
            <main class="layout">
                <aside class="sidebar" aria-label="Source and filters">
                    <SourcePanel view_state set_view on_load token_stored on_forget_token saved on_choose_saved on_clear_recent />
                    <h2>"Filters"</h2>
                    <FilterPanel view_state facets=grid.facets set_view platforms_unreported />
                </aside>
                <section class="results" aria-label="Results">
                    {warning.map(|w| view! { <p class="notice warning" role="alert">{w}</p> })}
                    {waiting}
                    // "Try again" after a failed refresh refreshes: the rows on screen stay.
                    <LoadError status=data.status on_retry=Callback::new(move |_| refresh()) note=refresh_note />
                    <LoadNotice status=data.status />
                    <LoadProgress status=data.status />
                    <Overview catalog=data.catalog rows=grid.sorted selected=selected_arch on_toggle_arch=toggle_arch />
                    <Toolbar catalog=data.catalog rows=grid.sorted view_state set_view file_stem />
                    <StatusLine
                        window=grid.window
                        unfiltered=grid.unfiltered
                        filtering=grid.filtering
                        malformed=data.malformed
                        changes=data.changes
                    />
                    <ArtifactTable
                        catalog=data.catalog
                        rows=grid.page_rows
                        sort=grid.sort
                        on_sort
                        now
                        empty_message
                        pull_base
                        added
                    />
                    <Pagination window=grid.window href=page_href />
                </section>
            </main>
        </div>
    }
}
