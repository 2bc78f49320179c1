//! Page links: real links, so a page can be opened in a new tab or shared.

use leptos::prelude::*;

use crate::engine::view::PageWindow;

#[component]
pub fn Pagination(
    #[prop(into)] window: Signal<PageWindow>,
    /// The link to page n.
    href: Callback<usize, String>,
) -> impl IntoView {
    // The links stay the same elements from page to page, their targets following the view:
    // the link a person used keeps the focus, and nothing under the pointer is removed.
    let step = move |to: fn(&PageWindow) -> usize, label: &'static str, rel: &'static str| {
        let target = Memo::new(move |_| window.with(to));
        let enabled = Memo::new(move |_| window.with(|w| w.can_step_to(target.get())));
        move || {
            if enabled.get() {
                view! { <a href=move || href.run(target.get()) rel=rel class="step">{label}</a> }.into_any()
            } else {
                view! { <span class="step disabled" aria-disabled="true">{label}</span> }.into_any()
            }
        }
    };
    view! {
        <nav class="pagination" aria-label="Pagination">
            {step(|w| w.page.saturating_sub(1), "Previous", "prev")}
            <ul>
                // Redrawn when the window moves; a link's target alone follows the rest of the
                // view (a plan rule or a filter changes the links, not the numbers).
                {move || {
                    let w = window.get();
                    w.page_numbers()
                        .into_iter()
                        .map(|n| match n {
                            Some(n) if n == w.page => view! {
                                <li><a href=move || href.run(n) aria-current="page" aria-label=format!("Page {n}")>{n}</a></li>
                            }.into_any(),
                            Some(n) => view! {
                                <li><a href=move || href.run(n) aria-label=format!("Page {n}")>{n}</a></li>
                            }.into_any(),
                            None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
                        })
                        .collect_view()
                }}
            </ul>
            {step(|w| w.page + 1, "Next", "next")}
        </nav>
    }
}
