//! Page links: real links, so a page can be opened in a new tab or shared.

use leptos::prelude::*;

use crate::engine::view::PageWindow;

#[component]
pub fn Pagination(
    #[prop(into)] window: Signal<PageWindow>,
    /// The link to page n.
    href: Callback<usize, String>,
) -> impl IntoView {
    let link = move |n: usize, label: &'static str, rel: &'static str| {
        move || {
            if window.with(|w| w.can_step_to(n)) {
                view! { <a href=href.run(n) rel=rel class="step">{label}</a> }.into_any()
            } else {
                view! { <span class="step disabled" aria-disabled="true">{label}</span> }.into_any()
            }
        }
    };
    view! {
        <nav class="pagination" aria-label="Pagination">
            {move || link(window.get().page.saturating_sub(1), "Previous", "prev")}
            <ul>
                {move || {
                    let w = window.get();
                    w.page_numbers()
                        .into_iter()
                        .map(|n| match n {
                            Some(n) if n == w.page => view! {
                                <li><a href=href.run(n) aria-current="page" aria-label=format!("Page {n}")>{n}</a></li>
                            }.into_any(),
                            Some(n) => view! {
                                <li><a href=href.run(n) aria-label=format!("Page {n}")>{n}</a></li>
                            }.into_any(),
                            None => view! { <li class="gap" aria-hidden="true">"…"</li> }.into_any(),
                        })
                        .collect_view()
                }}
            </ul>
            {move || link(window.get().page + 1, "Next", "next")}
        </nav>
    }
}
