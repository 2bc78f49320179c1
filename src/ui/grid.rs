//! The artifact table: sortable headers, one row per top-level artifact, expandable index
//! children, and the open details under their row. The rows are markup written by
//! `app::rows` (escaped there) and redrawn as a whole when what they show changes; one click
//! handler serves every row's buttons.

use std::collections::HashSet;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::rows::{write_page, Markup, Page, Rows};
use crate::app::sort_by::COLUMNS;
use crate::engine::catalog::Catalog;
use crate::engine::sort::{Order, SortKey};
use crate::ui::details::{DetailsPanel, DetailsState};
use crate::ui::plan::ActivePlan;
use crate::ui::row_buttons::{action_button, button_action};

#[component]
pub fn ArtifactTable(
    catalog: RwSignal<Catalog>,
    /// Catalog indexes of the rows on this page.
    #[prop(into)]
    rows: Signal<Vec<u32>>,
    #[prop(into)] sort: Signal<(SortKey, Order)>,
    on_sort: Callback<SortKey>,
    #[prop(into)] now: Signal<i64>,
    /// Shown in place of rows when there are none.
    empty_message: Memo<&'static str>,
    /// `registry/repository` for pull references, when the registry host is known.
    #[prop(optional, into)]
    pull_base: Signal<Option<String>>,
    /// Ids new since the previous refresh, marked "new".
    #[prop(optional, into)]
    added: Signal<HashSet<String>>,
    /// The cleanup plan, when one is active: a Plan column with each row's decision and why.
    #[prop(optional, into)]
    plan: Signal<Option<ActivePlan>>,
    /// The digest whose details are open (the URL's `details=`); with `on_details`, which
    /// writes it. Without `on_details` the table keeps it itself.
    #[prop(optional, into)]
    details: Signal<Option<String>>,
    #[prop(optional)] on_details: Option<Callback<Option<String>>>,
    /// The table's caption (the status line): painted with the rows, it is the page's
    /// largest text when they arrive (Lighthouse's LCP element).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let expanded = RwSignal::new(HashSet::<String>::new());
    let table = DetailsState::next_table();
    let details = match on_details {
        Some(set) => DetailsState { open: details, set, focus_next: StoredValue::new(false), table },
        None => {
            let local = RwSignal::new(None::<String>);
            DetailsState {
                open: local.into(),
                set: Callback::new(move |d| local.set(d)),
                focus_next: StoredValue::new(false),
                table,
            }
        }
    };
    // A memo: a rule change makes a new plan, which must not rebuild the Plan column's header.
    let has_plan = Memo::new(move |_| plan.with(Option::is_some));
    let columns = Signal::derive(move || COLUMNS.len() + usize::from(has_plan.get()));
    // The page's rows as markup, redrawn when what they show changes: the page, the data,
    // the clock (relative times), the plan, which indexes are expanded, which details are
    // open, what is new.
    let page = Memo::new(move |_| {
        let (now, table_columns) = (now.get(), columns.get());
        let (base, message) = (pull_base.get(), empty_message.get());
        rows.with(|rows| {
            details.open.with(|open| {
                expanded.with(|expanded| {
                    added.with(|added| {
                        plan.with(|plan| {
                            catalog.with(|c| {
                                let page = Page {
                                    rows,
                                    expanded,
                                    added,
                                    pull_base: base.as_deref(),
                                    plan: plan.as_ref().map(|p| (&*p.plan, &p.rules)),
                                    columns: table_columns,
                                    empty_message: message,
                                };
                                write_page(c, &page, &Rows { table, now, open: open.as_deref() })
                            })
                        })
                    })
                })
            })
        })
    });
    let (before, after) = (NodeRef::<leptos::html::Tbody>::new(), NodeRef::<leptos::html::Tbody>::new());
    // Drawn with the table, then by the effect below whenever the markup changes.
    let first = page.with_untracked(|p| (p.before.clone(), p.after.clone()));
    let drawn = StoredValue::new(first.clone());
    Effect::new(move |_| {
        let (Some(before), Some(after)) = (before.get(), after.get()) else { return };
        page.with(|p| {
            drawn.update_value(|(drawn_before, drawn_after)| {
                redraw(&before, drawn_before, &p.before);
                redraw(&after, drawn_after, &p.after);
            })
        })
    });
    // The open details show under their row when it is on this page (a top-level row, or a
    // manifest of an expanded index); otherwise above the table.
    let open_row = Memo::new(move |_| page.with(|p| p.open));
    let open_panel = move || {
        open_row.get().map(|index| {
            view! {
                <tbody class="details-body">
                    <tr class="details-row">
                        <td colspan=move || columns.get()>
                            <DetailsPanel catalog index state=details now pull_base />
                        </td>
                    </tr>
                </tbody>
            }
        })
    };
    let above = move || {
        if open_row.with(Option::is_some) {
            return None;
        }
        let digest = details.open.get()?;
        let found = catalog.with(|c| c.find_digest(&digest));
        let loaded = catalog.with(|c| !c.is_empty());
        Some(match found {
            Some(index) => view! {
                <section class="details-above" aria-label="Linked artifact">
                    <DetailsPanel catalog index state=details now pull_base />
                </section>
            }
            .into_any(),
            None if loaded => view! {
                <p class="notice details-missing">
                    {format!("The linked artifact {digest} is not in this listing.")}
                    " "
                    <button type="button" on:click=move |_| details.set.run(None)>"Close details"</button>
                </p>
            }
            .into_any(),
            None => ().into_any(),
        })
    };
    let header = move |(key, label): (SortKey, &'static str)| {
        let aria_sort = move || match sort.get() {
            (k, Order::Asc) if k == key => "ascending",
            (k, Order::Desc) if k == key => "descending",
            _ => "none",
        };
        let arrow = move || match aria_sort() {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=aria_sort class=format!("col-{}", key.as_str())>
                <button type="button" class="sort" on:click=move |_| on_sort.run(key)>
                    {label}
                    <span class="arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    let on_row_action = move |ev: leptos::ev::MouseEvent| row_action(&ev, details, expanded);
    let captioned = children.is_some();
    view! {
        {above}
        <div class="table-wrap">
            // One handler for the buttons of every row (`data-copy`, `data-details`,
            // `data-expand`).
            // Named by its label, which stays put; the caption describes it.
            <table
                class="artifacts"
                aria-label="Artifacts"
                aria-describedby=captioned.then_some("artifacts-caption")
                on:click=on_row_action
            >
                {children.map(|status| view! { <caption id="artifacts-caption">{status()}</caption> })}
                <thead>
                    <tr>
                        {COLUMNS.into_iter().map(header).collect_view()}
                        {move || has_plan.get().then(|| header((SortKey::Plan, "Plan")))}
                    </tr>
                </thead>
                <tbody node_ref=before inner_html=first.0.html.clone()></tbody>
                {open_panel}
                <tbody node_ref=after inner_html=first.1.html.clone()></tbody>
            </table>
        </div>
    }
}

/// Puts `markup` in `body` unless `drawn` says it is there already: only the Plan cells
/// that changed when nothing else did, else the whole rows. A focused button of the old rows
/// hands the focus to its namesake (same id) among the new ones.
fn redraw(body: &web_sys::HtmlElement, drawn: &mut Markup, markup: &Markup) {
    if drawn.html == markup.html {
        return;
    }
    if !markup.plan_changes(drawn).is_some_and(|changes| redraw_plan_cells(body, &changes)) {
        let doc = document();
        let focused =
            doc.active_element().filter(|el| body.contains(Some(el))).map(|el| el.id()).filter(|id| !id.is_empty());
        body.set_inner_html(&markup.html);
        if let Some(el) =
            focused.and_then(|id| doc.get_element_by_id(&id)).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    }
    drawn.clone_from(markup);
}

/// Rewrites the Plan cell (each row's last) of the rows at these positions, in order; false
/// when the rows drawn are not the ones the positions count.
fn redraw_plan_cells(body: &web_sys::HtmlElement, changes: &[(usize, &str)]) -> bool {
    let (mut row, mut at) = (body.first_element_child(), 0);
    for &(position, content) in changes {
        while at < position {
            row = row.and_then(|r| r.next_element_sibling());
            at += 1;
        }
        let Some(cell) = row.as_ref().and_then(|r| r.last_element_child()) else { return false };
        cell.set_inner_html(content);
    }
    true
}

/// What a click on a row's button does: copy, open or close details, expand an index.
fn row_action(ev: &leptos::ev::MouseEvent, details: DetailsState, expanded: RwSignal<HashSet<String>>) {
    let Some(button) = action_button(ev) else { return };
    if let Some(id) = button.get_attribute("data-expand") {
        expanded.update(|e| {
            if !e.remove(&id) {
                e.insert(id);
            }
        });
    } else {
        button_action(button, |digest| details.toggle(digest));
    }
}
