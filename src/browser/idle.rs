//! Work for when the browser has nothing better to do (`requestIdleCallback`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::IdleDeadline;

/// Runs `work` in the next idle period (never, without a window); it may keep going while
/// the deadline's `time_remaining()` lasts.
pub fn when_idle(work: impl FnOnce(IdleDeadline) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let _ = window.request_idle_callback(Closure::once_into_js(work).unchecked_ref());
}
