//! The details view of one artifact: a disclosure under its row (or above the table when the
//! linked artifact is not a row of this page). Built only when opened, from
//! `app::details::Details`, as escaped markup like the rows'.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::details::Details;
use crate::app::rows;
use crate::engine::catalog::Catalog;
use crate::ui::row_buttons::{action_button, button_action};

/// The table's open details: which digest (the URL's `details=`), how to change it, and
/// whether the next panel to appear takes the focus (it does when a person opened it, not
/// when a link did).
#[derive(Clone, Copy)]
pub struct DetailsState {
    pub open: Signal<Option<String>>,
    pub set: Callback<Option<String>>,
    pub focus_next: StoredValue<bool>,
    /// Tells this table's ids apart from another table's on the same page.
    pub table: usize,
}

impl DetailsState {
    /// Opens `digest`, or closes it when it is the open one.
    pub fn toggle(&self, digest: &str) {
        let is_open = self.open.with_untracked(|d| d.as_deref() == Some(digest));
        self.focus_next.set_value(!is_open);
        self.set.run((!is_open).then(|| digest.to_string()));
    }
}

impl DetailsState {
    /// The id of a row's details button and of its panel (by catalog index).
    pub fn button_id(&self, index: u32) -> String {
        rows::details_button_id(self.table, index)
    }

    pub fn panel_id(&self, index: u32) -> String {
        rows::details_panel_id(self.table, index)
    }

    /// A number no other table of this page has.
    pub fn next_table() -> usize {
        static TABLES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        TABLES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }
}

/// The panel of artifact `index`: markup written by `app::rows::write_details` (escaped there).
/// Escape and "Close details" close it and give the focus back to the row's Details button
/// (when there is one); its copy and Details buttons work as the rows' do.
#[component]
pub fn DetailsPanel(
    catalog: RwSignal<Catalog>,
    index: u32,
    state: DetailsState,
    #[prop(into)] now: Signal<i64>,
    #[prop(into)] pull_base: Signal<Option<String>>,
) -> impl IntoView {
    let base = pull_base.get_untracked();
    let Some(d) = catalog.with_untracked(|c| Details::of(c, index, now.get_untracked(), base.as_deref())) else {
        return ().into_any();
    };
    let close = move || {
        state.set.run(None);
        let button = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|doc| doc.get_element_by_id(&state.button_id(index)))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.prevent_default();
            ev.stop_propagation();
            close();
        }
    };
    // The panel's own buttons, here and not again by the table around it.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        ev.stop_propagation();
        let Some(button) = action_button(&ev) else { return };
        if button.class_list().contains("close-details") {
            close();
        } else {
            button_action(button, |digest| state.toggle(digest));
        }
    };
    let panel = NodeRef::<leptos::html::Div>::new();
    if state.focus_next.get_value() {
        state.focus_next.set_value(false);
        panel.on_load(|el| {
            let _ = el.focus();
        });
    }
    let name = crate::app::details::button_name(&d.digest).replacen("Details of", "Details of artifact", 1);
    let mut markup = String::new();
    rows::write_details(&mut markup, &d);
    view! {
        <div
            class="artifact-details"
            id=state.panel_id(index)
            role="region"
            aria-label=name
            tabindex="-1"
            node_ref=panel
            on:keydown=on_keydown
            on:click=on_click
            inner_html=markup
        ></div>
    }
    .into_any()
}
