//! Building what is not on screen yet a task after the first render.

use leptos::prelude::*;

/// Renders its children in a task of its own after the render that mounts it, for what
/// sits below everything the first render shows or is folded away (the filter and plan
/// panels; the overview on narrow screens): building it later moves nothing on screen, and
/// the first task — the one that paints the rows — is that much shorter (Lighthouse counts
/// every task over 50 ms as blocking). `unless`: build them with the page after all.
#[component]
pub fn Later(children: ChildrenFn, #[prop(optional)] unless: bool) -> impl IntoView {
    let ready = RwSignal::new(unless);
    // `try_`: the page may be gone by then.
    set_timeout(
        move || {
            ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    move || ready.get().then(|| children())
}
