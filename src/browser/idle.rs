//! Work for when the browser has nothing better to do (`requestIdleCallback`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Runs `work` in the next idle period (never, without a window).
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else { return };
    let _ = window.request_idle_callback(Closure::once_into_js(work).unchecked_ref());
}
