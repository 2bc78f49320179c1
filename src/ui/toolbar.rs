//! Actions on the whole view: copy its link, export it, refresh it automatically.

use leptos::prelude::*;

use crate::ui::url::Views;
use crate::ui::use_clipboard::use_clipboard;
use wasm_bindgen::JsCast;

use crate::app::status::auto_refresh_label;
use crate::app::url_state::{Param, ViewState, REFRESH_MINUTES};
use crate::engine::catalog::Catalog;
use crate::engine::export::{self, Format};
use crate::engine::format::iso8601;
use crate::ui::choice::Choice;
use crate::ui::plan::ActivePlan;

/// Offers `body` as a file download, through a Blob and a temporary link.
fn download(name: &str, mime: &str, body: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    let link = document().create_element("a").ok().and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(link) = link {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

#[component]
pub fn Toolbar(
    catalog: RwSignal<Catalog>,
    /// The filtered, sorted rows — all pages.
    #[prop(into)]
    rows: Signal<Vec<u32>>,
    #[prop(into)] view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    /// A name for downloads, e.g. the repository.
    file_stem: Memo<String>,
    /// The cleanup plan, when one is active: exports gain its columns, links pin its moment.
    #[prop(optional, into)]
    plan: Signal<Option<ActivePlan>>,
) -> impl IntoView {
    let clipboard = use_clipboard();
    let copied = clipboard.copied;
    let copy = move |text: &str| clipboard.copy(text);
    // The address bar is written after the frame that shows a change: have it current first.
    let views = use_context::<Views>();
    let copy_link = move |_| {
        if let Some(views) = views {
            views.write_pending();
        }
        // The address bar holds the view and nothing else: the token is never in it. A plan's
        // link pins the moment its time rules count from, so decisions do not shift later.
        let Ok(href) = window().location().href() else { return };
        let pinned = plan.with_untracked(|p| p.as_ref().filter(|p| !p.pinned).map(|p| iso8601(p.plan.now)));
        match (pinned, web_sys::Url::new(&href)) {
            (Some(as_of), Ok(url)) => {
                url.search_params().set(Param::AsOf.as_str(), &as_of);
                copy(&url.href());
            }
            _ => copy(&href),
        }
    };
    let export_as = move |format: Format| {
        let active = plan.get_untracked();
        let rules = view_state.with_untracked(|v| v.rules.clone());
        let columns = active.as_ref().map(|a| export::PlanColumns { plan: &a.plan, rules: &rules });
        let body = rows.with_untracked(|r| catalog.with_untracked(|c| format.render(c, r, columns)));
        download(&format.file_name(&file_stem.get_untracked()), format.mime(), &body);
    };
    let on_refresh = Callback::new(move |minutes: u32| {
        set_view.run((ViewState { refresh: minutes, ..view_state.get_untracked() }, false));
    });
    let refresh_options = REFRESH_MINUTES.map(|m| (m, m.to_string(), auto_refresh_label(m))).to_vec();
    view! {
        <div class="toolbar" role="toolbar" aria-label="View actions">
            <button type="button" on:click=copy_link>{move || if copied.get() { "Link copied" } else { "Copy link" }}</button>
            <button type="button" on:click=move |_| export_as(Format::Csv)>"Export CSV"</button>
            <button type="button" on:click=move |_| export_as(Format::Json)>"Export JSON"</button>
            <Choice
                id="refresh"
                label="Auto-refresh"
                options=refresh_options
                selected=Memo::new(move |_| view_state.with(|v| v.refresh))
                on_change=on_refresh
                inline=true
            />
        </div>
    }
}
