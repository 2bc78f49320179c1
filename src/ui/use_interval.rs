//! A callback every `ms` milliseconds for as long as the calling component lives.

use std::time::Duration;

use leptos::prelude::*;

pub fn use_interval(ms: u64, tick: impl Fn() + 'static) {
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_millis(ms)) {
        on_cleanup(move || handle.clear());
    }
}
