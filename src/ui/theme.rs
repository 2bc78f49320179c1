//! Light, dark, or the system's choice — a manual override remembered in localStorage.

use codee::string::FromToStringCodec;
use leptos::prelude::*;
use leptos_use_storage::use_local_storage;

use crate::browser::storage::Key;

const CHOICES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (theme, set_theme, _) = use_local_storage::<String, FromToStringCodec>(Key::Theme.name());
    Effect::new(move |_| {
        let Some(root) = document().document_element() else { return };
        let _ = match theme.get().as_str() {
            t @ ("light" | "dark") => root.set_attribute("data-theme", t),
            _ => root.remove_attribute("data-theme"),
        };
    });
    let index = move || CHOICES.iter().position(|(v, _)| *v == theme.get()).unwrap_or(0);
    view! {
        <button type="button" class="theme" on:click=move |_| set_theme.set(CHOICES[(index() + 1) % CHOICES.len()].0.to_string())>
            {move || format!("Theme: {}", CHOICES[index()].1)}
        </button>
    }
}
