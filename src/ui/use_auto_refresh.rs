//! Auto-refresh, paused while the tab is hidden; sort, filters and page are kept. The next
//! refresh is due one interval after the last load ended; after a failed refresh the rows
//! of the last listing stay and the wait doubles with each failure in a row (capped), back
//! to the interval after a success (`app::status`). A steady poll checks the due time:
//! restarting a timer for every new delay would be needless churn.

use leptos::prelude::*;

use crate::app::status::{auto_refresh_delay_ms, auto_refresh_due, refresh_note};
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::use_interval::use_interval;

/// How often the auto-refresh checks whether a refresh is due.
const POLL_MS: u64 = 5_000;

pub struct UseAutoRefreshOptions {
    /// The load whose listing is refreshed.
    pub data: RepoData,
    /// Minutes between refreshes; 0 = off.
    pub minutes: Memo<u32>,
    /// Refreshes the listing (keeping the rows on screen until the new one is complete).
    pub refresh: Callback<()>,
}

pub struct UseAutoRefreshReturn {
    /// What to say under the error of a failed refresh: the rows stay, and when it tries again.
    pub note: Signal<Option<String>>,
}

pub fn use_auto_refresh(options: UseAutoRefreshOptions) -> UseAutoRefreshReturn {
    let UseAutoRefreshOptions { data, minutes, refresh } = options;
    let delay_ms = Signal::derive(move || auto_refresh_delay_ms(minutes.get(), data.refresh_failures.get()));
    let next_refresh_at = StoredValue::new(f64::INFINITY);
    Effect::new(move |_| {
        minutes.track();
        if data.status.with(LoadStatus::phase).has_ended() {
            next_refresh_at.set_value(js_sys::Date::now() + delay_ms.get_untracked() as f64);
        }
    });
    use_interval(POLL_MS, move || {
        if auto_refresh_due(
            minutes.get_untracked(),
            js_sys::Date::now(),
            next_refresh_at.get_value(),
            document().visibility_state() == web_sys::VisibilityState::Hidden,
            data.can_refresh(),
        ) {
            refresh.run(());
        }
    });
    let note = Signal::derive(move || refresh_note(data.refresh_failures.get(), minutes.get()));
    UseAutoRefreshReturn { note }
}
