//! Where the artifacts come from: the demo data, or a cloud API's connection form.
//! Coordinates go to the URL; the token goes to this tab's sessionStorage only.

use leptos::prelude::*;

use crate::app::saved::Saved;
use crate::app::source::{submitted, token_prompt, Coordinates};
use crate::app::url_state::ViewState;
use crate::providers::demo::Dataset;
use crate::providers::ProviderKind;
use crate::providers::{katapult, swr};
use crate::ui::choice::Choice;

/// What the form hands over on Load: the next view and the token typed (may be empty
/// when one is already stored for this tab).
pub type LoadRequest = (ViewState, String);

#[component]
pub fn SourcePanel(
    #[prop(into)] view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    on_load: Callback<LoadRequest>,
    /// Whether a token is stored for the provider + endpoint in the URL.
    token_stored: Memo<bool>,
    on_forget_token: Callback<()>,
    #[prop(into)] saved: Signal<Vec<Saved>>,
    on_choose_saved: Callback<Saved>,
    on_clear_recent: Callback<()>,
) -> impl IntoView {
    let provider = Memo::new(move |_| view_state.with(|v| v.provider));
    let on_saved = move |ev: leptos::ev::Event| {
        let chosen =
            event_target_value(&ev).parse::<usize>().ok().and_then(|i| saved.with_untracked(|s| s.get(i).cloned()));
        if let Some(chosen) = chosen {
            on_choose_saved.run(chosen);
        }
    };
    let saved_picker = move || {
        let entries = saved.get();
        (!entries.is_empty()).then(|| {
            let has_recent = entries.iter().any(|e| !e.preset);
            view! {
                <div class="field">
                    <label for="saved">"Saved repositories"</label>
                    <select id="saved" on:change=on_saved>
                        <option value="" selected=true>"Choose…"</option>
                        {entries
                            .iter()
                            .enumerate()
                            .map(|(i, e)| view! { <option value=i.to_string()>{e.option_label()}</option> })
                            .collect_view()}
                    </select>
                    {has_recent.then(|| view! {
                        <button type="button" class="link" on:click=move |_| on_clear_recent.run(())>"Clear recent"</button>
                    })}
                </div>
            }
        })
    };
    let on_provider =
        Callback::new(move |kind: ProviderKind| set_view.run((view_state.get_untracked().with_provider(kind), false)));
    let provider_options = [
        (ProviderKind::Demo, "Demo data"),
        (ProviderKind::Katapult, "Katapult"),
        (ProviderKind::Swr, "SWR Enterprise Edition"),
    ]
    .map(|(kind, text)| (kind, kind.as_str().to_string(), text.to_string()))
    .to_vec();
    view! {
        <section class="source" aria-labelledby="source-heading">
            <h2 id="source-heading">"Source"</h2>
            {saved_picker}
            <Choice id="provider" label="Provider" options=provider_options selected=provider on_change=on_provider />
            {move || match provider.get() {
                ProviderKind::Demo => view! { <DemoPicker view_state set_view /> }.into_any(),
                kind => view! { <ConnectionForm provider=kind view_state on_load token_stored on_forget_token /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn DemoPicker(view_state: Signal<ViewState>, set_view: Callback<(ViewState, bool)>) -> impl IntoView {
    let on_dataset =
        Callback::new(move |dataset: Dataset| set_view.run((view_state.get_untracked().with_dataset(dataset), false)));
    let options = Dataset::ALL.iter().map(|&d| (d, d.as_str().to_string(), d.label().to_string())).collect();
    view! {
        <Choice
            id="dataset"
            label="Demo data set"
            options
            selected=Memo::new(move |_| view_state.with(|v| v.dataset))
            on_change=on_dataset
        />
    }
}

/// The connection form of a cloud provider. Fields start from the URL's coordinates and
/// follow them whenever they change (Back, a pasted link).
#[component]
fn ConnectionForm(
    provider: ProviderKind,
    view_state: Signal<ViewState>,
    on_load: Callback<LoadRequest>,
    token_stored: Memo<bool>,
    on_forget_token: Callback<()>,
) -> impl IntoView {
    let coords = Memo::new(move |_| view_state.with(|v| v.coords.clone()));
    let form = RwSignal::new(Coordinates::default());
    let by_id = RwSignal::new(false);
    let token = RwSignal::new(String::new());
    Effect::new(move |_| {
        let c = coords.get();
        by_id.set(c.by_id());
        form.set(c);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let coords = form.with_untracked(|c| c.normalized(provider, by_id.get_untracked()));
        let next = view_state.with_untracked(|v| submitted(v, provider, coords));
        on_load.run((next, token.get_untracked()));
        token.set(String::new());
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      placeholder: &'static str,
                      get: fn(&Coordinates) -> &String,
                      set: fn(&mut Coordinates, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input
                    id=id
                    type="text"
                    placeholder=placeholder
                    autocomplete="off"
                    spellcheck="false"
                    list=(id == "endpoint" && provider == ProviderKind::Swr).then_some("swr-endpoints")
                    prop:value=move || form.with(|c| get(c).clone())
                    on:input=move |ev| form.update(|c| set(c, event_target_value(&ev)))
                />
            </div>
        }
    };
    let repository_field = move || {
        if provider == ProviderKind::Katapult && by_id.get() {
            field("repository", "Repository", "repository id", |c| &c.repository_id, |c, v| c.repository_id = v)
        } else {
            field("repository", "Repository", "name, e.g. team/web", |c| &c.repository, |c, v| c.repository = v)
        }
    };
    let provider_fields = match provider {
        ProviderKind::Swr => view! {
            {field("endpoint", "Endpoint", swr::ENDPOINTS[0], |c| &c.endpoint, |c, v| c.endpoint = v)}
            <datalist id="swr-endpoints">
                {swr::ENDPOINTS.iter().map(|e| view! { <option value=*e></option> }).collect_view()}
            </datalist>
            {field("instance", "Instance id", "SWR Enterprise Edition instance id", |c| &c.instance, |c, v| c.instance = v)}
            {field("namespace", "Namespace", "e.g. team", |c| &c.namespace, |c, v| c.namespace = v)}
            {repository_field}
            <div class="check">
                <input
                    type="checkbox"
                    id="accessories"
                    prop:checked=move || form.with(|c| c.accessories)
                    on:change=move |ev| form.update(|c| c.accessories = event_target_checked(&ev))
                />
                <label for="accessories">"Include accessories (signatures)"</label>
            </div>
        }
        .into_any(),
        _ => view! {
            {field("endpoint", "Endpoint", katapult::DEFAULT_ENDPOINT, |c| &c.endpoint, |c, v| c.endpoint = v)}
            {field("region", "Region id", "region[id]", |c| &c.region, |c, v| c.region = v)}
            <fieldset class="radios">
                <legend>"Find repository by"</legend>
                <label><input type="radio" name="repo-by" prop:checked=move || !by_id.get() on:change=move |_| by_id.set(false) />" Name"</label>
                <label><input type="radio" name="repo-by" prop:checked=move || by_id.get() on:change=move |_| by_id.set(true) />" Id"</label>
            </fieldset>
            {repository_field}
        }
        .into_any(),
    };
    let (token_label, token_help) = token_prompt(provider);
    let insecure = move || {
        let insecure = |url: &str| crate::browser::fetch::parse_url(url.trim()).is_some_and(|u| u.is_insecure());
        form.with(|c| insecure(&c.endpoint) || insecure(&c.proxy)).then(|| {
            view! {
                <p class="notice warning">
                    "Plain http:// to another machine: your token would cross the network unencrypted. Use https://."
                </p>
            }
        })
    };
    view! {
        <form class="connect" on:submit=submit>
            {provider_fields}
            {field("proxy", "CORS proxy (optional)", "https://proxy.example/?url={url}", |c| &c.proxy, |c, v| c.proxy = v)}
            <p class="help" id="proxy-help">
                "A URL with {url}, or a prefix the API URL is appended to. Every request, token included, passes through it: use a proxy you trust."
            </p>
            {insecure}
            <div class="field">
                <label for="token">{token_label}</label>
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
                    {token_help}
                    " "
                    {move || if token_stored.get() {
                        "A token is stored in this tab only; leave the field empty to use it."
                    } else {
                        "It is kept in this tab's session storage only, never in the link."
                    }}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="primary">"Load"</button>
                {move || token_stored.get().then(|| view! {
                    <button type="button" on:click=move |_| on_forget_token.run(())>"Forget token"</button>
                })}
            </div>
        </form>
    }
}
