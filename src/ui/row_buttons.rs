//! The buttons inside markup (`app::rows`: the rows and an open details panel): which one a
//! click was for, and what a copy or Details button does — one handler per table or panel
//! instead of one per button.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::ui::use_clipboard::{write_text, COPIED_MS};

/// The button a click inside the rows or a details panel was for, if any.
pub fn action_button(ev: &leptos::ev::MouseEvent) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("button").ok().flatten())
}

/// What a row's or a details panel's button says it does: copy its `data-copy`, or open or
/// close (`toggle_details`) the details of its `data-details`.
pub fn button_action(button: web_sys::Element, toggle_details: impl FnOnce(&str)) {
    if let Some(text) = button.get_attribute("data-copy") {
        copy_from(button, &text);
    } else if let Some(digest) = button.get_attribute("data-details") {
        toggle_details(&digest);
    }
}

/// Copies `text` (within the click that asked for it) and, once the browser confirms,
/// says so on `button`.
fn copy_from(button: web_sys::Element, text: &str) {
    let written = write_text(text);
    leptos::task::spawn_local(async move {
        if written.await {
            show_copied(button);
        }
    });
}

thread_local! {
    /// The row button saying "Copied" now, and how to undo that: one at a time.
    static COPIED: std::cell::RefCell<Option<(web_sys::Element, Copied)>> = const { std::cell::RefCell::new(None) };
}

enum Copied {
    /// A copy button's label before ("Copy digest").
    Label(String),
    /// The "✓ copied" mark added to a tag chip.
    Mark(web_sys::Element),
}

/// Says on `button` that it copied, for a moment: "Copy digest" reads "Copied digest", a tag
/// chip gains "✓ copied". The previous button saying so stops.
fn show_copied(button: web_sys::Element) {
    restore_copied();
    let undo = if button.class_list().contains("copy") {
        let label = button.text_content().unwrap_or_default();
        button.set_text_content(Some(&label.replacen("Copy", "Copied", 1)));
        Copied::Label(label)
    } else {
        let Ok(mark) = document().create_element("span") else { return };
        mark.set_class_name("copied");
        mark.set_text_content(Some(" ✓ copied"));
        let _ = button.append_child(&mark);
        Copied::Mark(mark)
    };
    COPIED.with(|c| *c.borrow_mut() = Some((button.clone(), undo)));
    set_timeout(
        move || {
            if COPIED.with(|c| c.borrow().as_ref().is_some_and(|(b, _)| *b == button)) {
                restore_copied();
            }
        },
        std::time::Duration::from_millis(COPIED_MS),
    );
}

fn restore_copied() {
    match COPIED.with(|c| c.borrow_mut().take()) {
        Some((button, Copied::Label(label))) => button.set_text_content(Some(&label)),
        Some((_, Copied::Mark(mark))) => mark.remove(),
        None => {}
    }
}
