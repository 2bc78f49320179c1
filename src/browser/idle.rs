//! Work for when the browser has nothing better to do (`requestIdleCallback`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{IdleDeadline, IdleRequestOptions};

/// Runs `work` in the next idle period, with its deadline: it may keep going while
/// `time_remaining()` lasts. With `timeout_ms`, within that long even if the browser is never
/// idle. Where there is no `requestIdleCallback` (Safari), in the next task, without a
/// deadline (`None`): the work is done everywhere, in smaller steps there.
pub fn when_idle(timeout_ms: Option<u32>, work: impl FnOnce(Option<IdleDeadline>) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let callback = Closure::once_into_js(work);
    let options = IdleRequestOptions::new();
    if let Some(ms) = timeout_ms {
        options.set_timeout(ms);
    }
    if window.request_idle_callback_with_options(callback.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback(callback.unchecked_ref());
    }
}
