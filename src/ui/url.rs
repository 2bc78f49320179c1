//! The current view, read from and written to the query string through leptos_router.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::app::url_state::ViewState;

/// The view in the address bar, and how to move to another one.
#[derive(Clone, Copy)]
pub struct Views {
    pub current: Memo<ViewState>,
    go: Callback<(String, bool)>,
    path: Memo<String>,
    /// The deployment's defaults: what the URL leaves out.
    defaults: StoredValue<ViewState>,
}

impl Views {
    /// Must be called inside the `<Router>`. The URL wins over `defaults`.
    pub fn from_router(defaults: ViewState) -> Self {
        let query = use_query_map();
        let defaults = StoredValue::new(defaults);
        let current = Memo::new(move |_| {
            query
                .with(|q| ViewState::from_pairs_over(defaults.get_value(), q.into_iter().map(|(k, v)| (k.as_ref(), v))))
        });
        let location = use_location();
        let path = Memo::new(move |_| location.pathname.get());
        let navigate = use_navigate();
        let go = Callback::new(move |(to, replace): (String, bool)| {
            navigate(&to, NavigateOptions { resolve: false, replace, scroll: false, ..NavigateOptions::default() })
        });
        Views { current, go, path, defaults }
    }

    /// Moves to `next`; `replace` rewrites the current history entry (typing) instead of
    /// adding one (clicks).
    pub fn set(&self, next: ViewState, replace: bool) {
        if self.current.with_untracked(|c| *c == next) {
            return;
        }
        self.go.run((self.href(&next), replace));
    }

    /// A link to `state` from this page (the path is kept, so sub-path hosting works).
    pub fn href(&self, state: &ViewState) -> String {
        format!("{}{}", self.path.get_untracked(), self.defaults.with_value(|d| state.to_query_over(d)))
    }

    /// The setter components take: (next view, replace history entry).
    pub fn setter(self) -> Callback<(ViewState, bool)> {
        Callback::new(move |(next, replace)| self.set(next, replace))
    }
}
