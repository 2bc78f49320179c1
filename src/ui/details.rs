//! The details view of one artifact: a disclosure under its row (or above the table when the
//! linked artifact is not a row of this page). Built only when opened, from
//! `app::details::Details`; every value is a text node, never markup.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::details::Details;
use crate::app::rows;
use crate::engine::catalog::Catalog;
use crate::engine::format;
use crate::engine::model::is_digest;

/// Draws a copy button (the table's, sharing its clipboard): text to copy, label.
pub type CopyButtonFn = fn(String, &'static str) -> AnyView;

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

/// The panel of artifact `index`. Escape and "Close details" close it and give the focus back
/// to the row's Details button (when there is one).
#[component]
pub fn DetailsPanel(
    catalog: RwSignal<Catalog>,
    index: u32,
    state: DetailsState,
    #[prop(into)] now: Signal<i64>,
    #[prop(into)] pull_base: Signal<Option<String>>,
    copy_button: CopyButtonFn,
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
    let panel = NodeRef::<leptos::html::Div>::new();
    if state.focus_next.get_value() {
        state.focus_next.set_value(false);
        panel.on_load(|el| {
            let _ = el.focus();
        });
    }
    let name = crate::app::details::button_name(&d.digest).replacen("Details of", "Details of artifact", 1);
    let tags = if d.tags.is_empty() {
        view! { <span class="muted">"untagged"</span> }.into_any()
    } else {
        view! { <ul class="details-tags">{d.tags.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul> }
            .into_any()
    };
    let platforms = if d.platforms.is_empty() { "not reported".to_string() } else { d.platforms.join(", ") };
    let note = match (&d.subject, d.orphaned) {
        (Some(subject), _) => Some(format!("Attached to {subject} (a cosign accessory of it).")),
        (None, true) => Some("Orphaned: a cosign accessory whose subject is not in this repository.".to_string()),
        _ => None,
    };
    let annotations = if d.annotations.is_empty() {
        view! { <p class="muted">"No annotations."</p> }.into_any()
    } else {
        view! {
            <table class="details-table annotations">
                <caption>"Annotations"</caption>
                <thead><tr><th scope="col">"Key"</th><th scope="col">"Value"</th></tr></thead>
                <tbody>
                    {d.annotations
                        .iter()
                        .map(|(k, v)| view! { <tr><th scope="row">{k.clone()}</th><td>{v.clone()}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let manifests = (!d.manifests.is_empty()).then(|| {
        view! {
            <table class="details-table manifests">
                <caption>"Manifests"</caption>
                <thead><tr><th scope="col">"Digest"</th><th scope="col">"Platform"</th></tr></thead>
                <tbody>
                    {d.manifests
                        .iter()
                        .map(|(digest, platform)| view! { <tr><td><code>{digest.clone()}</code></td><td>{platform.clone()}</td></tr> })
                        .collect_view()}
                </tbody>
            </table>
        }
    });
    let accessories = if d.accessories.is_empty() {
        view! { <p class="muted">"No signatures, attestations or SBOMs attached."</p> }.into_any()
    } else {
        view! {
            <table class="details-table accessories">
                <caption>"Signatures, attestations and SBOMs"</caption>
                <thead>
                    <tr><th scope="col">"Kind"</th><th scope="col">"Tag"</th><th scope="col">"Digest"</th><th scope="col">"Size"</th></tr>
                </thead>
                <tbody>
                    {d.accessories
                        .iter()
                        .map(|a| view! {
                            <tr>
                                <td>{a.kind.clone()}</td>
                                <td>{a.tags.join(", ")}</td>
                                <td>
                                    <code>{a.digest.clone()}</code>
                                    {is_digest(&a.digest).then(|| {
                                        let digest = a.digest.clone();
                                        let name = format!("Details of {} {}", a.kind, format::short_digest(&a.digest));
                                        view! {
                                            <button
                                                type="button"
                                                class="details-toggle"
                                                aria-label=name
                                                on:click=move |_| {
                                                    state.focus_next.set_value(true);
                                                    state.set.run(Some(digest.clone()));
                                                }
                                            >
                                                "Details"
                                            </button>
                                        }
                                    })}
                                </td>
                                <td class="num">{a.size.clone()}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    let digest = d.digest.clone();
    view! {
        <div class="artifact-details" id=state.panel_id(index) role="region" aria-label=name tabindex="-1" node_ref=panel on:keydown=on_keydown>
            {note.map(|n| view! { <p class="details-note">{n}</p> })}
            <dl class="details-facts">
                <dt>"Digest"</dt>
                <dd><code class="full-digest">{d.digest.clone()}</code></dd>
                <dt>"Tags"</dt>
                <dd>{tags}</dd>
                <dt>"Media type"</dt>
                <dd>{d.media_type.clone()}</dd>
                <dt>"Platform"</dt>
                <dd>{platforms}</dd>
                <dt>"Size"</dt>
                <dd>{d.size.clone()}</dd>
                <dt>"Pushed"</dt>
                <dd>{d.pushed.clone()}</dd>
                <dt>"Pulled"</dt>
                <dd>{d.pulled.clone()}</dd>
            </dl>
            <div class="details-actions">
                {copy_button(digest, "Copy digest")}
                {d.pull_reference.clone().map(|r| copy_button(r, "Copy pull reference"))}
                <button type="button" class="close-details" on:click=move |_| close()>"Close details"</button>
            </div>
            {annotations}
            {manifests}
            {accessories}
        </div>
    }
    .into_any()
}
