//! Light, dark, or the system's choice — a manual override remembered in localStorage
//! (the themes and their order: `app::theme`).

use codee::string::FromToStringCodec;
use leptos::prelude::*;
use leptos_use_storage::use_local_storage;

use crate::app::theme::Theme;
use crate::browser::storage::Key;

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (stored, set_stored, _) = use_local_storage::<String, FromToStringCodec>(Key::Theme.name());
    let theme = Memo::new(move |_| stored.with(|s| Theme::stored(s)));
    Effect::new(move |_| {
        let Some(root) = document().document_element() else { return };
        let _ = match theme.get().attribute() {
            Some(t) => root.set_attribute("data-theme", t),
            None => root.remove_attribute("data-theme"),
        };
    });
    view! {
        <button type="button" class="theme" on:click=move |_| set_stored.set(theme.get_untracked().next().as_str().to_string())>
            {move || format!("Theme: {}", theme.get().label())}
        </button>
    }
}
