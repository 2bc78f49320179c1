//! The Clipboard API, and whether it just copied (for a moment's "Copied" on the button).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long a button says "Copied".
pub const COPIED_MS: u64 = 1500;

#[derive(Clone, Copy)]
pub struct Clipboard {
    /// True for a moment after the browser confirmed a copy.
    pub copied: ReadSignal<bool>,
    set_copied: WriteSignal<bool>,
    /// Counts copies, so only the latest one's timer clears `copied`.
    generation: StoredValue<u64>,
}

pub fn use_clipboard() -> Clipboard {
    let (copied, set_copied) = signal(false);
    Clipboard { copied, set_copied, generation: StoredValue::new(0) }
}

/// Writes `text` to the clipboard now (within the click that asked for it); the future is
/// true once the browser confirms it. Without a clipboard (an insecure context) nothing is
/// written and nothing claims it was.
pub fn write_text(text: &str) -> impl std::future::Future<Output = bool> {
    // `navigator.clipboard` is undefined outside secure contexts: ask before calling it.
    let written = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
        .ok()
        .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok())
        .map(|clipboard| JsFuture::from(clipboard.write_text(text)));
    async move {
        match written {
            Some(written) => written.await.is_ok(),
            None => false,
        }
    }
}

impl Clipboard {
    /// Copies `text`, then says so for a moment (`copied`).
    pub fn copy(&self, text: &str) {
        let written = write_text(text);
        let this = *self;
        leptos::task::spawn_local(async move {
            if !written.await {
                return;
            }
            this.generation.update_value(|g| *g += 1);
            let mine = this.generation.get_value();
            this.set_copied.set(true);
            set_timeout(
                move || {
                    if this.generation.get_value() == mine {
                        this.set_copied.set(false);
                    }
                },
                Duration::from_millis(COPIED_MS),
            );
        });
    }
}
