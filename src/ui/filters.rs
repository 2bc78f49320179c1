//! Filter controls: tag text, untagged rows, architecture and OS checkboxes, page size.
//! Each change produces the next view; the caller decides where it is stored (the URL).

use leptos::either::Either;
use leptos::prelude::*;

use crate::app::url_state::{PlatformFilter, ViewState};
use crate::engine::catalog::{facet_choices, Facets};
use crate::engine::format;
use crate::engine::value_set::ValueSet;
use crate::engine::view::{Untagged, PAGE_SIZES};
use crate::ui::choice::Choice;

#[component]
pub fn FilterPanel(
    #[prop(into)] view_state: Signal<ViewState>,
    #[prop(into)] facets: Signal<Facets>,
    /// (next view, replace the history entry instead of adding one)
    set_view: Callback<(ViewState, bool)>,
    /// Said instead of the platform checkboxes when the source reports no platforms.
    platforms_unreported: Memo<Option<&'static str>>,
) -> impl IntoView {
    let change = move |replace: bool, edit: &dyn Fn(&mut ViewState)| {
        set_view.run((view_state.get_untracked().refiltered(edit), replace));
    };
    // The first keystroke of a typing session adds a history entry, the rest replace it,
    // so Back returns to the view before the typing.
    let typing = StoredValue::new(false);
    let on_tag_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let replace = typing.get_value();
        typing.set_value(true);
        change(replace, &|v| v.tag = value.clone());
    };
    let on_tag_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && !view_state.with_untracked(|v| v.tag.is_empty()) {
            ev.prevent_default();
            typing.set_value(false);
            change(false, &|v| v.tag.clear());
        }
    };
    let on_untagged = Callback::new(move |mode: Untagged| change(false, &|v| v.untagged = mode));
    let on_page_size = Callback::new(move |size: usize| change(false, &|v| v.per_page = size));
    let untagged_options =
        [(Untagged::Show, "Show untagged"), (Untagged::Hide, "Hide untagged"), (Untagged::Only, "Only untagged")]
            .map(|(mode, text)| (mode, mode.as_str().to_string(), text.to_string()))
            .to_vec();
    let page_size_options = PAGE_SIZES.map(|n| (n, n.to_string(), n.to_string())).to_vec();
    let arch_values = Signal::derive(move || facets.with(|f| f.arch.clone()));
    let os_values = Signal::derive(move || facets.with(|f| f.os.clone()));
    let arch_selected = Signal::derive(move || view_state.with(|v| v.arch.clone()));
    let os_selected = Signal::derive(move || view_state.with(|v| v.os.clone()));
    let toggle = move |filter: PlatformFilter| {
        Callback::new(move |(value, on): (String, bool)| {
            set_view.run((view_state.get_untracked().with_platform(filter, &value, on), false));
        })
    };
    let (toggle_arch, toggle_os) = (toggle(PlatformFilter::Arch), toggle(PlatformFilter::Os));
    view! {
        <div class="filters">
            <div class="field">
                <label for="tag-filter">"Tag filter"</label>
                <input
                    id="tag-filter"
                    type="search"
                    placeholder="e.g. v1.* or rc"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="tag-filter-help"
                    prop:value=move || view_state.with(|v| v.tag.clone())
                    on:input=on_tag_input
                    on:keydown=on_tag_keydown
                    on:blur=move |_| typing.set_value(false)
                />
                <p id="tag-filter-help" class="help">"Text matches anywhere; * and ? make a pattern (v1.*)."</p>
            </div>
            <Choice
                id="untagged"
                label="Untagged"
                options=untagged_options
                selected=Memo::new(move |_| view_state.with(|v| v.untagged))
                on_change=on_untagged
            />
            <div class="check accessory-rows">
                <input
                    type="checkbox"
                    id="accessory-rows"
                    aria-describedby="accessory-rows-help"
                    prop:checked=move || view_state.with(|v| v.accessory_rows)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        change(false, &|v| v.accessory_rows = on)
                    }
                />
                <label for="accessory-rows">"Show signatures as rows"</label>
                <p id="accessory-rows-help" class="help">
                    "cosign signatures, attestations and SBOMs of an artifact in this repository are listed in its details."
                </p>
            </div>
            <CheckboxGroup legend="Architecture" values=arch_values selected=arch_selected on_toggle=toggle_arch unreported=platforms_unreported />
            <CheckboxGroup legend="OS" values=os_values selected=os_selected on_toggle=toggle_os unreported=platforms_unreported />
            <fieldset class="dates">
                <legend>"Dates (UTC)"</legend>
                {date_field("pushed-after", "Pushed after", view_state, set_view, |v| &mut v.pushed_after)}
                {date_field("pushed-before", "Pushed before", view_state, set_view, |v| &mut v.pushed_before)}
                {date_field("not-pulled-since", "Not pulled since", view_state, set_view, |v| &mut v.not_pulled_since)}
            </fieldset>
            <Choice
                id="page-size"
                label="Page size"
                options=page_size_options
                selected=Memo::new(move |_| view_state.with(|v| v.per_page))
                on_change=on_page_size
            />
        </div>
    }
}

/// A date input bound to one of the view's date filters.
fn date_field(
    id: &'static str,
    label: &'static str,
    view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    field: fn(&mut ViewState) -> &mut String,
) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        set_view.run((view_state.get_untracked().refiltered(|v| *field(v) = value), false));
    };
    let value = move || {
        let mut v = view_state.get();
        std::mem::take(field(&mut v))
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type="date" prop:value=value on:change=on_change />
        </div>
    }
}

/// A fieldset of checkboxes, one per value present in the data (plus any selected value
/// the data lacks, so a shared link's filter can still be removed).
#[component]
fn CheckboxGroup(
    legend: &'static str,
    #[prop(into)] values: Signal<Vec<(String, usize)>>,
    #[prop(into)] selected: Signal<ValueSet>,
    on_toggle: Callback<(String, bool)>,
    unreported: Memo<Option<&'static str>>,
) -> impl IntoView {
    // A plain list behind memos rather than a keyed `<For>` in a `<Show>` (4.1 KB less gzipped
    // wasm for the app's only keyed list, measured): a toggle leaves the list equal, so nothing
    // is redrawn and the focus stays on the checkbox; new data redraws the few boxes.
    let show_values = Memo::new(move |_| unreported.with(Option::is_none) && values.with(|v| !v.is_empty()));
    let entries = Memo::new(move |_| values.with(|v| selected.with(|s| facet_choices(v, s))));
    let boxes = move || {
        entries
            .get()
            .into_iter()
            .map(|(value, count)| {
                let id = format!("{}-{}", legend.to_ascii_lowercase(), value.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                let checked_value = value.clone();
                let toggle_value = value.clone();
                view! {
                    <div class="check">
                        <input
                            type="checkbox"
                            id=id.clone()
                            prop:checked=move || selected.with(|s| s.contains(&checked_value))
                            on:change=move |ev| on_toggle.run((toggle_value.clone(), event_target_checked(&ev)))
                        />
                        <label for=id>{value} " " <span class="count">{format!("({})", format::count(count))}</span></label>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {move || unreported.get().map(|note| view! { <p class="muted">{note}</p> })}
            {move || {
                if show_values.get() {
                    Either::Left(boxes)
                } else {
                    Either::Right(unreported.with(Option::is_none).then(|| view! { <p class="muted">"No values yet"</p> }))
                }
            }}
        </fieldset>
    }
}
