//! A labelled `<select>` over a fixed set of values — the one way the app offers a choice.

use leptos::prelude::*;

/// One option: the value, its `value` attribute (what tests and forms see), its text.
pub type Opt<T> = (T, String, String);

#[component]
pub fn Choice<T>(
    id: &'static str,
    label: &'static str,
    options: Vec<Opt<T>>,
    #[prop(into)] selected: Signal<T>,
    on_change: Callback<T>,
    /// Label beside the select instead of above it.
    #[prop(optional)]
    inline: bool,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let options = StoredValue::new(options);
    let changed = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if let Some(chosen) = options.with_value(|o| o.iter().find(|(_, v, _)| *v == value).map(|(t, _, _)| *t)) {
            on_change.run(chosen);
        }
    };
    view! {
        <div class="field" class:inline=inline>
            <label for=id>{label}</label>
            <select id=id on:change=changed>
                {options
                    .get_value()
                    .into_iter()
                    .map(|(t, value, text)| view! { <option value=value selected=move || selected.get() == t>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
