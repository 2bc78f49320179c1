//! The time relative dates ("3 days ago") count from, moving on at a steady pace.

use leptos::prelude::*;

use crate::ui::use_interval::use_interval;

/// Now, in Unix seconds.
pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

pub struct UseNowOptions {
    /// How often the time moves on.
    pub interval_ms: u64,
}

pub struct UseNowReturn {
    /// Now, in Unix seconds, updated every `interval_ms`.
    pub now: Signal<i64>,
}

pub fn use_now(options: UseNowOptions) -> UseNowReturn {
    let now = RwSignal::new(now_secs());
    use_interval(options.interval_ms, move || now.set(now_secs()));
    UseNowReturn { now: now.into() }
}
