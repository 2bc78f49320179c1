//! Keyboard shortcuts of the whole page (which key asks for what: `app::shortcuts`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::shortcuts::{shortcut, KeyPress, Shortcut};

pub struct UseShortcutsOptions {
    /// The id of the field "/" jumps to.
    pub filter_field: &'static str,
}

/// Listens for the shortcuts as long as the calling component lives; nothing to hand back.
pub fn use_shortcuts(options: UseShortcutsOptions) {
    let listener = window_event_listener(leptos::ev::keydown, move |ev| {
        let target = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).map(|el| el.tag_name());
        let press = KeyPress {
            key: &ev.key(),
            target_tag: target.as_deref(),
            ctrl: ev.ctrl_key(),
            meta: ev.meta_key(),
            alt: ev.alt_key(),
        };
        match shortcut(press) {
            Some(Shortcut::FocusFilter) => {
                let field = document()
                    .get_element_by_id(options.filter_field)
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(field) = field {
                    ev.prevent_default();
                    let _ = field.focus();
                }
            }
            None => {}
        }
    });
    on_cleanup(move || listener.remove());
}
