//! Where the artifacts come from. The demo data needs no connection; the cloud providers'
//! connection forms are added beside it.

use leptos::prelude::*;

use crate::url_state::{Dataset, ViewState};

#[component]
pub fn SourcePanel(#[prop(into)] view_state: Signal<ViewState>, set_view: Callback<(ViewState, bool)>) -> impl IntoView {
    let on_dataset = move |ev: leptos::ev::Event| {
        let Some(dataset) = Dataset::parse(&event_target_value(&ev)) else { return };
        let mut next = view_state.get_untracked();
        next.dataset = dataset;
        next.page = 1;
        set_view.run((next, false));
    };
    view! {
        <div class="source">
            <div class="field inline">
                <label for="dataset">"Demo data set"</label>
                <select id="dataset" on:change=on_dataset>
                    {Dataset::ALL
                        .iter()
                        .map(|&d| view! {
                            <option value=d.as_str() selected=move || view_state.with(|v| v.dataset == d)>{d.label()}</option>
                        })
                        .collect_view()}
                </select>
            </div>
        </div>
    }
}
