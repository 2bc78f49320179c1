//! The time relative dates ("3 days ago") count from, moving on at a steady pace.

use leptos::prelude::*;

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
    let _clock = leptos_use_interval_fn::use_interval_fn(move || now.set(now_secs()), options.interval_ms);
    UseNowReturn { now: now.into() }
}
