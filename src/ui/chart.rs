//! A small picture of the filtered view: artifacts (and bytes) per architecture, and pushes
//! over time — inline SVG with the same figures as text. A platform bar toggles that
//! architecture in the filter.

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::engine::catalog::Catalog;
use crate::engine::format;
use crate::engine::stats::{by_architecture, push_histogram};

const BAR_HEIGHT: f64 = 18.0;
const WIDTH: f64 = 320.0;
const LABEL_WIDTH: f64 = 80.0;
const BUCKETS: usize = 24;

#[component]
pub fn Overview(
    catalog: RwSignal<Catalog>,
    #[prop(into)] rows: Signal<Vec<u32>>,
    #[prop(into)] selected: Signal<BTreeSet<String>>,
    on_toggle_arch: Callback<String>,
) -> impl IntoView {
    let bars = Memo::new(move |_| rows.with(|r| catalog.with(|c| by_architecture(c, r))));
    let histogram = Memo::new(move |_| rows.with(|r| catalog.with(|c| push_histogram(c, r, BUCKETS))));
    let platform_chart = move || {
        let bars = bars.get();
        let max = bars.iter().map(|b| b.artifacts).max().unwrap_or(1).max(1) as f64;
        let height = BAR_HEIGHT * bars.len() as f64 + 4.0;
        view! {
            <svg class="bars" viewBox=format!("0 0 {WIDTH} {height}") role="group" aria-label="Artifacts per architecture">
                {bars
                    .into_iter()
                    .enumerate()
                    .map(|(k, bar)| {
                        let y = k as f64 * BAR_HEIGHT + 2.0;
                        let w = ((WIDTH - LABEL_WIDTH - 130.0) * bar.artifacts as f64 / max).max(1.0);
                        let arch = bar.arch.clone();
                        let pressed = {
                            let arch = arch.clone();
                            move || selected.with(|s| s.contains(&arch)).to_string()
                        };
                        let toggle = {
                            let arch = arch.clone();
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
                                <text x="0" y=y + 13.0 class="bar-label">{bar.arch.clone()}</text>
                                <rect x=LABEL_WIDTH y=y width=w height=BAR_HEIGHT - 4.0 rx="2"></rect>
                                <text x=LABEL_WIDTH + w + 4.0 y=y + 13.0 class="bar-value">
                                    {format!("{} artifacts · {}", format::count(bar.artifacts), format::size(bar.bytes))}
                                </text>
                            </g>
                        }
                    })
                    .collect_view()}
            </svg>
        }
    };
    let push_chart = move || {
        let buckets = histogram.get();
        let max = buckets.iter().map(|b| b.pushes).max().unwrap_or(1).max(1) as f64;
        let w = WIDTH / BUCKETS as f64;
        let summary = match (buckets.first(), buckets.last()) {
            (Some(first), Some(last)) => format!(
                "Pushes over time, {} to {}",
                &format::iso8601(first.start)[..10],
                &format::iso8601(last.end)[..10]
            ),
            _ => "No push times reported".to_string(),
        };
        let title = summary.clone();
        view! {
            <svg class="histogram" viewBox=format!("0 0 {WIDTH} 64") role="img" aria-label=summary>
                <title>{title}</title>
                {buckets
                    .iter()
                    .enumerate()
                    .map(|(k, b)| {
                        let h = 60.0 * b.pushes as f64 / max;
                        view! { <rect x=k as f64 * w + 0.5 y=62.0 - h width=w - 1.0 height=h></rect> }
                    })
                    .collect_view()}
            </svg>
        }
    };
    let as_text = move || {
        let lines: Vec<String> = bars
            .get()
            .iter()
            .map(|b| format!("{}: {} artifacts, {}", b.arch, format::count(b.artifacts), format::size(b.bytes)))
            .chain(histogram.get().iter().filter(|b| b.pushes > 0).map(|b| {
                format!("{} to {}: {} pushed", &format::iso8601(b.start)[..10], &format::iso8601(b.end)[..10], b.pushes)
            }))
            .collect();
        lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()
    };
    view! {
        <section class="overview" aria-label="Overview of the filtered view">
            <figure>
                <figcaption>"Per architecture (select a bar to filter)"</figcaption>
                {platform_chart}
            </figure>
            <figure>
                <figcaption>"Pushes over time"</figcaption>
                {push_chart}
            </figure>
            <details class="as-text">
                <summary>"Figures as text"</summary>
                <ul>{as_text}</ul>
            </details>
        </section>
    }
}
