//! Page links: real links, so a page can be opened in a new tab or shared.

use leptos::prelude::*;

use crate::engine::view::PageWindow;

/// Page numbers to offer: first, last, and two either side of the current one.
pub fn page_numbers(current: usize, pages: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(current) <= 2 {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None); // gap
        }
    }
    out
}

#[component]
pub fn Pagination(
    #[prop(into)] window: Signal<PageWindow>,
    /// The link to page n.
    href: Callback<usize, String>,
) -> impl IntoView {
    let link = move |n: usize, label: &'static str, rel: &'static str| {
        move || {
            let w = window.get();
            let enabled = (1..=w.pages).contains(&n) && n != w.page;
            if enabled {
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
                    page_numbers(w.page, w.pages)
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
