//! The current view, read from and written to the query string with the History API:
//! `pushState`/`replaceState` to move (after the frame that shows the new view), `popstate`
//! for back and forward, and links to another view of this page (pagination) followed in
//! place instead of reloading the app.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

use crate::app::url_state::ViewState;

/// The view in the address bar, and how to move to another one.
#[derive(Clone, Copy)]
pub struct Views {
    pub current: Memo<ViewState>,
    /// The query of the view on screen (the address bar follows it after the frame; back and
    /// forward set it from the address bar).
    query: RwSignal<String>,
    /// The deployment's defaults: what the URL leaves out.
    defaults: StoredValue<ViewState>,
    /// Address-bar writes not made yet: (URL, replace), oldest first.
    pending: StoredValue<Vec<(String, bool)>>,
}

fn location_search() -> String {
    window().location().search().unwrap_or_default()
}

/// This page (the path is kept, so sub-path hosting works) with another query.
fn this_page_with(query: &str) -> String {
    format!("{}{query}", window().location().pathname().unwrap_or_default())
}

impl Views {
    /// Reads the address bar and follows it for the app's lifetime. The URL wins over `defaults`.
    pub fn new(defaults: ViewState) -> Self {
        let query = RwSignal::new(location_search());
        let defaults = StoredValue::new(defaults);
        let current =
            Memo::new(move |_| query.with(|q| defaults.with_value(|d| ViewState::from_query_over(d.clone(), q))));
        let views = Views { current, query, defaults, pending: StoredValue::new(Vec::new()) };
        // One listener each for the app's lifetime, so their handles are not kept.
        let _ = window_event_listener(ev::popstate, move |_| query.set(location_search()));
        let _ = window_event_listener(ev::click, move |e| views.follow_in_place(&e));
        // A reload or a closed tab keeps the view on screen.
        let _ = window_event_listener(ev::pagehide, move |_| views.write_pending());
        views
    }

    /// A plain click on a link to this page with another query moves there without a reload.
    /// The browser resolved the link (`origin`, `pathname`); anything else is left to it.
    fn follow_in_place(&self, e: &MouseEvent) {
        if e.default_prevented() || e.button() != 0 || e.meta_key() || e.ctrl_key() || e.shift_key() || e.alt_key() {
            return;
        }
        let anchor = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
            .filter(|a| !a.has_attribute("target") && !a.has_attribute("download"))
            .and_then(|a| a.dyn_into::<HtmlAnchorElement>().ok());
        let Some(anchor) = anchor else { return };
        let here = window().location();
        if Ok(anchor.origin()) != here.origin() || Ok(anchor.pathname()) != here.pathname() {
            return;
        }
        e.prevent_default();
        self.go(anchor.search(), false);
    }

    /// Shows the view `query` describes at once, and writes it to the address bar after the
    /// next frame: `pushState` costs milliseconds in Chromium, which would otherwise count in
    /// every interaction's latency. Writes keep their order; back and forward read the
    /// address bar (`popstate`).
    fn go(&self, query: String, replace: bool) {
        let url = this_page_with(&query);
        self.query.set(query);
        self.pending.update_value(|p| p.push((url, replace)));
        let this = *self;
        request_animation_frame(move || set_timeout(move || this.write_pending(), std::time::Duration::ZERO));
    }

    /// Makes the address bar show the current view now (before anything reads it).
    pub fn write_pending(&self) {
        let Ok(history) = window().history() else { return };
        for (url, replace) in self.pending.try_update_value(std::mem::take).unwrap_or_default() {
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
            };
        }
    }

    /// Moves to `next`; `replace` rewrites the current history entry (typing) instead of
    /// adding one (clicks).
    pub fn set(&self, next: ViewState, replace: bool) {
        if self.current.with_untracked(|c| *c == next) {
            return;
        }
        self.go(self.defaults.with_value(|d| next.to_query_over(d)), replace);
    }

    /// A link to `state` from this page.
    pub fn href(&self, state: &ViewState) -> String {
        this_page_with(&self.defaults.with_value(|d| state.to_query_over(d)))
    }

    /// The setter components take: (next view, replace history entry).
    pub fn setter(self) -> Callback<(ViewState, bool)> {
        Callback::new(move |(next, replace)| self.set(next, replace))
    }
}
