//! Work for when the browser has nothing better to do (`requestIdleCallback`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IdleDeadline, IdleRequestOptions};

/// Runs `work` in the next idle period (never, without a window); it may keep going while
/// the deadline's `time_remaining()` lasts.
pub fn when_idle(work: impl FnOnce(IdleDeadline) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let _ = window.request_idle_callback(Closure::once_into_js(work).unchecked_ref());
}

/// Runs `work` once the browser is idle, and within `timeout_ms` even if it never is; in the
/// next task where there is no `requestIdleCallback` (Safari), so it always runs.
pub fn soon_when_idle(work: impl FnOnce() + 'static, timeout_ms: u32) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::once_into_js(work);
    let options = IdleRequestOptions::new();
    options.set_timeout(timeout_ms);
    if window.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
