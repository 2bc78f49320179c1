//! The browser UI: thin Leptos components over the pure core, and the hooks (`use_…`) that
//! wire the core's decisions to signals, storage and the browser.

mod app_config;
mod chart;
mod choice;
mod dashboard;
mod details;
mod filters;
mod grid;
mod grid_state;
mod later;
mod load;
mod pagination;
mod plan;
mod row_buttons;
mod sort_by;
mod source;
mod status;
mod theme;
mod toolbar;
pub mod trust;
mod url;
mod use_auto_refresh;
mod use_cleanup_plan;
mod use_clipboard;
mod use_deferred;
mod use_interval;
mod use_now;
mod use_saved_repositories;
mod use_shortcuts;
mod use_source_load;
mod use_warm_sort_orders;

use leptos::prelude::*;

pub use filters::FilterPanel;
pub use grid::ArtifactTable;
pub use grid_state::{use_grid, Grid};
pub use later::Later;
pub use load::{LoadStatus, RepoData};
pub use plan::{ActivePlan, PlanPanel};

/// The whole app: one page whose state lives in the query string, so the build works
/// from any sub-path of a static host with no rewrite rules. The deployment's config.json
/// is read first, since it sets defaults the URL is read against.
#[component]
pub fn App() -> impl IntoView {
    let loaded = RwSignal::new(None);
    leptos::task::spawn_local(async move { loaded.set(Some(app_config::load().await)) });
    move || {
        loaded.get().map(|(config, warning)| {
            view! { <dashboard::Dashboard config warning /> }
        })
    }
}
