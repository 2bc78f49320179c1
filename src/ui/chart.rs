//! A small picture of the filtered view: artifacts (and bytes) per architecture, and pushes
//! over time — inline SVG with the same figures as text. A platform bar toggles that
//! architecture in the filter.

use leptos::prelude::*;

use crate::app::overview::{
    as_text, platform_bars, push_columns, push_summary, BAR_HEIGHT, BUCKETS, HISTOGRAM_HEIGHT, HISTOGRAM_WIDTH,
    LABEL_WIDTH, WIDTH,
};
use crate::engine::catalog::Catalog;
use crate::engine::row_set::RowSet;
use crate::engine::stats::{by_architecture, push_histogram};
use crate::engine::value_set::ValueSet;

#[component]
pub fn Overview(
    catalog: RwSignal<Catalog>,
    /// The rows in view, in any order (a sort or a page change leaves the figures alone); they
    /// may lag the catalog by a frame.
    #[prop(into)] rows: Signal<RowSet>,
    #[prop(into)] selected: Signal<ValueSet>,
    on_toggle_arch: Callback<String>,
) -> impl IntoView {
    // `rows` may lag the catalog by a frame (a refresh swaps it): rows it no longer has are
    // left out until they catch up.
    let bars = Memo::new(move |_| {
        rows.with(|r| catalog.with(|c| by_architecture(c, r.iter().filter(|&i| i < c.len() as u32))))
    });
    let histogram = Memo::new(move |_| {
        rows.with(|r| catalog.with(|c| push_histogram(c, r.iter().filter(|&i| i < c.len() as u32), BUCKETS)))
    });
    let platform_chart = move || {
        let (bars, height) = bars.with(|b| platform_bars(b));
        view! {
            <svg class="bars" viewBox=format!("0 0 {WIDTH} {height}") role="group" aria-label="Artifacts per architecture">
                {bars
                    .into_iter()
                    .map(|bar| {
                        let pressed = {
                            let arch = bar.arch.clone();
                            move || selected.with(|s| s.contains(&arch)).to_string()
                        };
                        let toggle = {
                            let arch = bar.arch.clone();
                            move || on_toggle_arch.run(arch.clone())
                        };
                        let toggle_key = toggle.clone();
                        view! {
                            <g
                                class="bar"
                                role="button"
                                tabindex="0"
                                aria-pressed=pressed
                                on:click=move |_| toggle()
                                on:keydown=move |ev| {
                                    if ev.key() == "Enter" || ev.key() == " " {
                                        ev.prevent_default();
                                        toggle_key();
                                    }
                                }
                            >
                                <text x="0" y=bar.text_y class="bar-label">{bar.arch}</text>
                                <rect x=LABEL_WIDTH y=bar.y width=bar.width height=BAR_HEIGHT - 4 rx="2"></rect>
                                <text x=bar.figures_x y=bar.text_y class="bar-value">{bar.figures}</text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        }
    };
    let push_chart = move || {
        let (columns, summary) = histogram.with(|b| (push_columns(b), push_summary(b)));
        let title = summary.clone();
        view! {
            <svg class="histogram" viewBox=format!("0 0 {HISTOGRAM_WIDTH} {HISTOGRAM_HEIGHT}") role="img" aria-label=summary>
                <title>{title}</title>
                {columns
                    .into_iter()
                    .map(|c| view! { <rect x=c.x y=c.y width=c.width height=c.height></rect> })
                    .collect_view()}
            </svg>
        }
    };
    let figures_as_text = move || {
        let lines = bars.with(|b| histogram.with(|h| as_text(b, h)));
        lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()
    };
    // No data, no picture: a figure shows only when it has something to draw, and the
    // section only when one of them does (an empty repository, or no push times).
    let has_bars = Memo::new(move |_| bars.with(|b| !b.is_empty()));
    let has_pushes = Memo::new(move |_| histogram.with(|h| !h.is_empty()));
    let has_any = Memo::new(move |_| has_bars.get() || has_pushes.get());
    view! {
        {move || has_any.get().then(|| view! {
            <section class="overview" aria-label="Overview of the filtered view">
                {move || has_bars.get().then(|| view! {
                    <figure>
                        <figcaption>"Per architecture (select a bar to filter)"</figcaption>
                        {platform_chart}
                    </figure>
                })}
                {move || has_pushes.get().then(|| view! {
                    <figure>
                        <figcaption>"Pushes over time"</figcaption>
                        {push_chart}
                    </figure>
                })}
                <details class="as-text">
                    <summary>"Figures as text"</summary>
                    <ul>{figures_as_text}</ul>
                </details>
            </section>
        })}
    }
}
