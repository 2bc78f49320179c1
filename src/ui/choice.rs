//! A labelled `<select>` over a fixed set of values — the one way the app offers a choice.

use std::sync::Arc;

use leptos::prelude::*;

/// One option: the value, its `value` attribute (what tests and forms see), its text.
pub type Opt<T> = (T, String, String);

/// Generic only in mapping values to positions: the `<select>` itself is compiled once
/// ([`select`]), not once per value type.
#[component]
pub fn Choice<T>(
    id: &'static str,
    label: &'static str,
    options: Vec<Opt<T>>,
    selected: Memo<T>,
    on_change: Callback<T>,
    /// Label beside the select instead of above it.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let values: Arc<[T]> = options.iter().map(|(t, _, _)| *t).collect();
    let shown = options.into_iter().map(|(_, value, text)| (value, text)).collect();
    let positions = values.clone();
    let selected = Signal::derive(move || selected.with(|now| positions.iter().position(|t| t == now)));
    let on_change = Callback::new(move |k: usize| {
        if let Some(&chosen) = values.get(k) {
            on_change.run(chosen);
        }
    });
    select(id, label, shown, selected, on_change, inline)
}

fn select(
    id: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    selected: Signal<Option<usize>>,
    on_change: Callback<usize>,
    inline: bool,
) -> impl IntoView {
    let values: Vec<String> = options.iter().map(|(value, _)| value.clone()).collect();
    let changed = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(k) = values.iter().position(|v| *v == value) {
            on_change.run(k);
        }
    };
    view! {
        <div class="field" class:inline=inline>
            <label for=id>{label}</label>
            <select id=id on:change=changed>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(k, (value, text))| view! { <option value=value selected=move || selected.get() == Some(k)>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
