//! The Clipboard API, and whether it just copied (for a moment's "Copied" on the button).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How long a button says "Copied".
const COPIED_MS: u64 = 1500;

#[derive(Clone, Copy)]
pub struct Clipboard {
    /// True for a moment after the browser confirmed a copy.
    pub copied: Signal<bool>,
    set_copied: WriteSignal<bool>,
    /// Counts copies, so only the latest one's timer clears `copied`.
    generation: StoredValue<u64>,
}

pub fn use_clipboard() -> Clipboard {
    let (copied, set_copied) = signal(false);
    Clipboard { copied: copied.into(), set_copied, generation: StoredValue::new(0) }
}

impl Clipboard {
    /// Copies `text`; without a clipboard (an insecure context) nothing happens and nothing
    /// claims it was copied.
    pub fn copy(&self, text: &str) {
        // `navigator.clipboard` is undefined outside secure contexts: ask before calling it.
        let Some(clipboard) = js_sys::Reflect::get(&window().navigator(), &"clipboard".into())
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::Clipboard>().ok())
        else {
            return;
        };
        let written = JsFuture::from(clipboard.write_text(text));
        let this = *self;
        leptos::task::spawn_local(async move {
            if written.await.is_err() {
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
