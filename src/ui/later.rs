//! Building what is not on screen yet a task after the first render.

use leptos::prelude::*;

/// Renders its children in a task of its own after the render that mounts it, so the first
/// task is that much shorter (Lighthouse counts every task over 50 ms at 4× CPU as
/// blocking). Nothing on screen moves: the page stays hidden until its first load is drawn
/// (`RepoData::shown`), which comes after these tasks.
#[component]
pub fn Later(children: Children) -> impl IntoView {
    let ready = RwSignal::new(false);
    // `try_`: the page may be gone by then.
    set_timeout(
        move || {
            ready.try_set(true);
        },
        std::time::Duration::ZERO,
    );
    // Built once, `ready` being all this tracks: it only ever turns true.
    let children = StoredValue::new_local(Some(children));
    move || ready.get().then(|| children.try_update_value(Option::take).flatten().map(untrack))
}
