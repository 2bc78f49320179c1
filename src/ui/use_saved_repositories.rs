//! Repositories offered for one click: the deployment's presets, and the repositories that
//! loaded recently, remembered in localStorage (coordinates only, never tokens). What is
//! remembered and offered is decided in `app::saved`.

use leptos::prelude::*;

use crate::app::config::Config;
use crate::app::saved::{remember, saved_repositories, Recent, Saved};
use crate::app::source::Source;
use crate::browser::storage;
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::url::Views;

pub struct UseSavedRepositoriesOptions {
    pub config: StoredValue<Config>,
    /// Where a chosen repository is shown.
    pub views: Views,
    /// The load that, once complete, makes its source a recent repository.
    pub data: RepoData,
    pub source: Memo<Source>,
}

#[derive(Clone, Copy)]
pub struct UseSavedRepositoriesReturn {
    /// Presets first, then recent repositories.
    pub saved: Signal<Vec<Saved>>,
    /// Shows the chosen repository.
    pub on_choose: Callback<Saved>,
    pub on_clear_recent: Callback<()>,
}

pub fn use_saved_repositories(options: UseSavedRepositoriesOptions) -> UseSavedRepositoriesReturn {
    let UseSavedRepositoriesOptions { config, views, data, source } = options;
    let recent = RwSignal::new(storage::recent());
    let set_recent = move |list: Vec<Recent>| {
        storage::set_recent(&list);
        recent.set(list);
    };
    Effect::new(move |_| {
        if matches!(data.status.get(), LoadStatus::Loaded { .. }) {
            let remembered =
                source.with_untracked(|s| recent.with_untracked(|list| remember(list, s.provider, &s.coords)));
            if let Some(list) = remembered {
                set_recent(list);
            }
        }
    });
    let saved = Signal::derive(move || recent.with(|r| config.with_value(|c| saved_repositories(&c.presets, r))));
    let on_choose =
        Callback::new(move |chosen: Saved| views.set(views.current.with_untracked(|v| chosen.view_over(v)), false));
    let on_clear_recent = Callback::new(move |_| set_recent(Vec::new()));
    UseSavedRepositoriesReturn { saved, on_choose, on_clear_recent }
}
