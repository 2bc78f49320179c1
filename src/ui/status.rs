//! What the grid is showing, how the load is going, and what went wrong.

use leptos::prelude::*;

use crate::app::status::{progress, status_line};
use crate::engine::catalog::Changes;
use crate::engine::view::PageWindow;
use crate::ui::load::LoadStatus;
use crate::ui::use_interval::use_interval;

/// "Showing A–B of N artifacts (filtered from M)" — the one polite live region of the grid.
#[component]
pub fn StatusLine(
    #[prop(into)] window: Signal<PageWindow>,
    unfiltered: Memo<usize>,
    filtering: Memo<bool>,
    malformed: ReadSignal<usize>,
    #[prop(optional, into)] changes: Signal<Option<Changes>>,
) -> impl IntoView {
    let text = move || {
        changes.with(|c| status_line(&window.get(), unfiltered.get(), filtering.get(), c.as_ref(), malformed.get()))
    };
    view! { <p class="status" role="status">{text}</p> }
}

/// A progress bar while pages arrive (announced politely, without taking focus).
#[component]
pub fn LoadProgress(status: ReadSignal<LoadStatus>) -> impl IntoView {
    let now = RwSignal::new(js_sys::Date::now());
    use_interval(500, move || now.set(js_sys::Date::now()));
    move || {
        let LoadStatus::Loading { pages_loaded, pages_total, records, retry } = status.get() else {
            return ().into_any();
        };
        // The clock is read only while a retry counts down: the bar is not redrawn every tick.
        let now_ms = if retry.is_some() { now.get() } else { 0.0 };
        view! {
            <div class="progress">
                <progress
                    aria-label="Loading artifacts"
                    max=pages_total.unwrap_or(0).max(1)
                    value=pages_total.map(|_| pages_loaded)
                ></progress>
                <p aria-live="polite">{progress(pages_loaded, pages_total, records, retry.as_ref(), now_ms)}</p>
            </div>
        }
        .into_any()
    }
}

/// Why nothing is loading, while the person has something to do first.
#[component]
pub fn LoadWaiting(status: ReadSignal<LoadStatus>) -> impl IntoView {
    move || match status.get() {
        LoadStatus::Waiting(reason) => Some(view! { <p class="notice">{reason}</p> }),
        _ => None,
    }
}

/// A listing that ended before the total the server announced: everything received is
/// shown, and the person is told why the count differs from what the server claimed.
#[component]
pub fn LoadNotice(status: ReadSignal<LoadStatus>) -> impl IntoView {
    move || {
        let LoadStatus::Loaded { records, ended_early: Some(early), .. } = status.get() else { return None };
        Some(view! { <p class="notice">{early.sentence(records)}</p> })
    }
}

/// The error of the last load, what it means, and what to do. `note` adds what happens
/// next (e.g. that the rows on screen stay and when auto-refresh tries again).
#[component]
pub fn LoadError(
    status: ReadSignal<LoadStatus>,
    on_retry: Callback<()>,
    #[prop(optional, into)] note: Signal<Option<String>>,
) -> impl IntoView {
    move || {
        let LoadStatus::Failed(error) = status.get() else { return ().into_any() };
        let details = error.details();
        view! {
            <div class="alert" role="alert">
                <p class="alert-title">{error.to_string()}</p>
                <p>{error.remedy()}</p>
                {note.get().map(|n| view! { <p>{n}</p> })}
                {(!details.is_empty()).then(|| view! {
                    <dl class="details">
                        {details.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                    </dl>
                })}
                <button type="button" on:click=move |_| on_retry.run(())>"Try again"</button>
            </div>
        }
        .into_any()
    }
}
