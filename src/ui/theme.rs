//! Light, dark, or the system's choice — a manual override remembered in localStorage
//! (the themes and their order: `app::theme`).

use leptos::prelude::*;

use crate::app::theme::Theme;
use crate::browser::storage::{self, Key};

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(Theme::stored(&storage::get(&Key::Theme).unwrap_or_default()));
    Effect::new(move |_| {
        let Some(root) = document().document_element() else { return };
        let _ = match theme.get().attribute() {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
    });
    view! {
        <button type="button" class="theme" on:click=move |_| {
            let next = theme.get_untracked().next();
            storage::set(&Key::Theme, next.as_str());
            theme.set(next);
        }>
            {move || format!("Theme: {}", theme.get().label())}
        </button>
    }
}
