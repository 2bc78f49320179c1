//! A value that follows another one after the next frame, for what an interaction need not
//! paint at once (the way `useDeferredValue` does elsewhere): the frame after a click shows
//! the rows, and what is derived from them for the side (the overview) comes once the browser
//! is idle after it. New data is not deferred: what arrives with it is drawn with it, so
//! nothing shifts in after the rows.

use leptos::prelude::*;

use crate::browser::idle::when_idle;

/// The latest a deferred value catches up when the browser is never idle (ms).
const CATCH_UP_MS: u32 = 100;

/// `source`, caught up with after the next frame when the browser is idle, within
/// [`CATCH_UP_MS`] (changes in between are coalesced), or at once when `data` (a revision)
/// moved on.
pub fn use_deferred<T: Clone + Send + Sync + 'static>(source: Memo<T>, data: ReadSignal<u64>) -> ReadSignal<T> {
    let deferred = RwSignal::new(source.get_untracked());
    let drawn_data = StoredValue::new(data.get_untracked());
    let scheduled = StoredValue::new(false);
    Effect::new(move |first: Option<()>| {
        source.track();
        let revision = data.get();
        if first.is_none() {
            return;
        }
        if revision != drawn_data.get_value() {
            drawn_data.set_value(revision);
            deferred.set(source.get_untracked());
            return;
        }
        if scheduled.get_value() {
            return;
        }
        scheduled.set_value(true);
        // After the frame, when the browser is idle: not in the task right after the frame,
        // where it would hold up the next input (a key typed meanwhile comes first).
        request_animation_frame(move || {
            when_idle(Some(CATCH_UP_MS), move |_| {
                scheduled.set_value(false);
                // The component may be gone by now.
                if let Some(value) = source.try_get_untracked() {
                    deferred.try_set(value);
                }
            })
        });
    });
    deferred.read_only()
}
