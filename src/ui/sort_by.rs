//! "Sort by": a labelled column choice and an order choice above the table, for narrow
//! screens where the column headers are hidden (shown only there, by the stylesheet). It
//! writes `sort`/`order` to the URL as the headers do.

use leptos::prelude::*;

use crate::app::sort_by::{columns, sorted, ORDERS};
use crate::app::url_state::ViewState;
use crate::ui::choice::Choice;

#[component]
pub fn SortBy(
    #[prop(into)] view_state: Signal<ViewState>,
    set_view: Callback<(ViewState, bool)>,
    /// Whether the Plan column is offered.
    plan_active: Memo<bool>,
) -> impl IntoView {
    let on_key = Callback::new(move |key| {
        let v = view_state.get_untracked();
        set_view.run((sorted(&v, key, v.order), false));
    });
    let on_order = Callback::new(move |order| {
        let v = view_state.get_untracked();
        set_view.run((sorted(&v, v.sort, order), false));
    });
    let key = Memo::new(move |_| view_state.with(|v| v.sort));
    let order = Memo::new(move |_| view_state.with(|v| v.order));
    let order_options = ORDERS.map(|(o, text)| (o, o.as_str().to_string(), text.to_string())).to_vec();
    view! {
        <div class="sort-by">
            {move || {
                let options =
                    columns(plan_active.get()).into_iter().map(|(k, text)| (k, k.as_str().to_string(), text.to_string())).collect();
                view! { <Choice id="sort-by" label="Sort by" options selected=key on_change=on_key inline=true /> }
            }}
            <Choice id="sort-order" label="Order" options=order_options selected=order on_change=on_order inline=true />
        </div>
    }
}
