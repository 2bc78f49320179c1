//! Where the artifacts come from: the demo data, or a cloud API's connection form.
//! Coordinates go to the URL; the token goes to this tab's sessionStorage only.

use leptos::prelude::*;

use crate::katapult;
use crate::url_state::{Coordinates, Dataset, ProviderKind, ViewState};

/// What the form hands over on Load: the next view and the token typed (may be empty
/// when one is already stored for this tab).
pub type LoadRequest = (ViewState, String);

#[component]
pub fn SourcePanel(
    #[prop(into)] view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    on_load: Callback<LoadRequest>,
    /// Whether a token is stored for the provider + endpoint in the URL.
    #[prop(into)]
    token_stored: Signal<bool>,
    on_forget_token: Callback<()>,
) -> impl IntoView {
    let provider = Memo::new(move |_| view_state.with(|v| v.provider));
    let on_provider = move |ev: leptos::ev::Event| {
        let Some(kind) = ProviderKind::parse(&event_target_value(&ev)) else { return };
        let next = ViewState { provider: kind, ..view_state.get_untracked() };
        // Another provider's coordinates mean nothing here: start from a clean form.
        set_view.run((ViewState { coords: Coordinates::default(), page: 1, ..next }, false));
    };
    view! {
        <section class="source" aria-labelledby="source-heading">
            <h2 id="source-heading">"Source"</h2>
            <div class="field">
                <label for="provider">"Provider"</label>
                <select id="provider" on:change=on_provider>
                    {[(ProviderKind::Demo, "Demo data"), (ProviderKind::Katapult, "Katapult")]
                        .into_iter()
                        .map(|(kind, label)| view! {
                            <option value=kind.as_str() selected=move || provider.get() == kind>{label}</option>
                        })
                        .collect_view()}
                </select>
            </div>
            {move || match provider.get() {
                ProviderKind::Demo => view! { <DemoPicker view_state set_view /> }.into_any(),
                ProviderKind::Katapult | ProviderKind::Swr => {
                    view! { <KatapultForm view_state on_load token_stored on_forget_token /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn DemoPicker(view_state: Signal<ViewState>, set_view: Callback<(ViewState, bool)>) -> impl IntoView {
    let on_dataset = move |ev: leptos::ev::Event| {
        let Some(dataset) = Dataset::parse(&event_target_value(&ev)) else { return };
        set_view.run((ViewState { dataset, page: 1, ..view_state.get_untracked() }, false));
    };
    view! {
        <div class="field">
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
    }
}

#[component]
fn KatapultForm(
    view_state: Signal<ViewState>,
    on_load: Callback<LoadRequest>,
    token_stored: Signal<bool>,
    on_forget_token: Callback<()>,
) -> impl IntoView {
    let coords = Memo::new(move |_| view_state.with(|v| v.coords.clone()));
    let endpoint = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let repository = RwSignal::new(String::new());
    let by_id = RwSignal::new(false);
    let proxy = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    // The form shows what the URL says whenever the URL's coordinates change.
    Effect::new(move |_| {
        let c = coords.get();
        endpoint.set(c.endpoint.clone());
        region.set(c.region.clone());
        by_id.set(c.repository.is_empty() && !c.repository_id.is_empty());
        repository.set(if by_id.get_untracked() { c.repository_id } else { c.repository });
        proxy.set(c.proxy);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let repo = repository.get_untracked().trim().to_string();
        let coords = Coordinates {
            endpoint: endpoint.get_untracked().trim().to_string(),
            proxy: proxy.get_untracked().trim().to_string(),
            region: region.get_untracked().trim().to_string(),
            repository: if by_id.get_untracked() { String::new() } else { repo.clone() },
            repository_id: if by_id.get_untracked() { repo } else { String::new() },
            ..Coordinates::default()
        };
        let mut next = view_state.get_untracked();
        if next.coords != coords {
            next.page = 1;
        }
        next.provider = ProviderKind::Katapult;
        next.coords = coords;
        on_load.run((next, token.get_untracked()));
        token.set(String::new());
    };
    let text_field = |id: &'static str, label: &'static str, value: RwSignal<String>, placeholder: &'static str, kind: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type=kind
                    placeholder=placeholder
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
            </div>
        }
    };
    view! {
        <form class="connect" on:submit=submit>
            {text_field("endpoint", "Endpoint", endpoint, katapult::DEFAULT_ENDPOINT, "url")}
            {text_field("region", "Region id", region, "e.g. loc_…", "text")}
            <fieldset class="radios">
                <legend>"Find repository by"</legend>
                <label><input type="radio" name="repo-by" prop:checked=move || !by_id.get() on:change=move |_| by_id.set(false) />" Name"</label>
                <label><input type="radio" name="repo-by" prop:checked=move || by_id.get() on:change=move |_| by_id.set(true) />" Id"</label>
            </fieldset>
            {text_field("repository", "Repository", repository, "name or id", "text")}
            {text_field("proxy", "CORS proxy (optional)", proxy, "https://proxy.example/?url={url}", "text")}
            <div class="field">
                <label for="token">"API token"</label>
                <input
                    id="token"
                    type="password"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="token-help"
                    placeholder=move || if token_stored.get() { "stored for this tab" } else { "" }
                    prop:value=move || token.get()
                    on:input=move |ev| token.set(event_target_value(&ev))
                />
                <p id="token-help" class="help">
                    {move || if token_stored.get() {
                        "A token is stored in this tab only; leave empty to use it."
                    } else {
                        "Kept in this tab's session storage only, never in the link."
                    }}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="primary">"Load"</button>
                <Show when=move || token_stored.get()>
                    <button type="button" on:click=move |_| on_forget_token.run(())>"Forget token"</button>
                </Show>
            </div>
        </form>
    }
}
