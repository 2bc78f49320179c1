//! What the grid is showing, how the load is going, and what went wrong.

use leptos::prelude::*;

use crate::engine::catalog::Changes;
use crate::engine::format;
use crate::engine::view::PageWindow;
use crate::ui::load::LoadStatus;

/// "Showing A–B of N artifacts (filtered from M)" — the one polite live region of the grid.
#[component]
pub fn StatusLine(
    #[prop(into)] window: Signal<PageWindow>,
    #[prop(into)] unfiltered: Signal<usize>,
    #[prop(into)] filtering: Signal<bool>,
    #[prop(into)] malformed: Signal<usize>,
    #[prop(optional, into)] changes: Signal<Option<Changes>>,
) -> impl IntoView {
    let text = move || {
        let w = window.get();
        let mut s = if w.total == 0 {
            "No artifacts to show".to_string()
        } else {
            format!(
                "Showing {}–{} of {} artifact{}",
                format::count(w.start + 1),
                format::count(w.end),
                format::count(w.total),
                if w.total == 1 { "" } else { "s" }
            )
        };
        if filtering.get() {
            s.push_str(&format!(" (filtered from {})", format::count(unfiltered.get())));
        }
        if let Some(c) = changes.get() {
            s.push_str(&format!(
                ". Since the last refresh: {} new, {} removed",
                format::count(c.added.len()),
                format::count(c.removed)
            ));
        }
        let bad = malformed.get();
        if bad > 0 {
            s.push_str(&format!(
                ". {} record{} could not be read and {} skipped",
                format::count(bad),
                if bad == 1 { "" } else { "s" },
                if bad == 1 { "was" } else { "were" }
            ));
        }
        s
    };
    view! { <p class="status" role="status">{text}</p> }
}

/// A progress bar while pages arrive (announced politely, without taking focus).
#[component]
pub fn LoadProgress(#[prop(into)] status: Signal<LoadStatus>) -> impl IntoView {
    let now = RwSignal::new(js_sys::Date::now());
    let ticker = leptos_use_interval_fn::use_interval_fn(move || now.set(js_sys::Date::now()), 500);
    on_cleanup(move || (ticker.pause)());
    move || {
        let LoadStatus::Loading { pages_loaded, pages_total, records, retry } = status.get() else {
            return ().into_any();
        };
        let pages = match pages_total {
            Some(total) => format!("{} of {} pages", format::count(pages_loaded), format::count(total)),
            None => format!("{} pages", format::count(pages_loaded)),
        };
        let retry_text = retry.map(|r| {
            let secs = ((r.at_ms - now.get()) / 1000.0).ceil().max(0.0);
            format!(" {} — retrying in {secs} s (attempt {} of {}).", r.reason, r.attempt + 1, r.max_attempts)
        });
        view! {
            <div class="progress">
                <progress
                    aria-label="Loading artifacts"
                    max=pages_total.unwrap_or(0).max(1)
                    value=pages_total.map(|_| pages_loaded)
                ></progress>
                <p aria-live="polite">
                    {format!("Loading… {pages}, {} artifacts so far.", format::count(records))}
                    {retry_text}
                </p>
            </div>
        }
        .into_any()
    }
}

/// A listing that ended before the total the server announced: everything received is
/// shown, and the person is told why the count differs from what the server claimed.
#[component]
pub fn LoadNotice(#[prop(into)] status: Signal<LoadStatus>) -> impl IntoView {
    move || {
        let LoadStatus::Loaded { records, ended_early: Some(early), .. } = status.get() else { return None };
        Some(view! { <p class="notice">{early.sentence(records)}</p> })
    }
}

/// The error of the last load, what it means, and what to do. `note` adds what happens
/// next (e.g. that the rows on screen stay and when auto-refresh tries again).
#[component]
pub fn LoadError(
    #[prop(into)] status: Signal<LoadStatus>,
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
