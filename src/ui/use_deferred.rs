//! A value that follows another one frame later, for what an interaction need not paint at
//! once (the way `useDeferredValue` does elsewhere): the frame after a click shows the rows,
//! and what is derived from them for the side (the overview) comes in the next. New data is
//! not deferred: what arrives with it is drawn with it, so nothing shifts in after the rows.

use leptos::prelude::*;

/// `source`, caught up with after the next frame (changes in between are coalesced), or at
/// once when `data` (a revision) moved on.
pub fn use_deferred<T: Clone + Send + Sync + 'static>(source: Memo<T>, data: Signal<u64>) -> Signal<T> {
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
        request_animation_frame(move || {
            set_timeout(
                move || {
                    scheduled.set_value(false);
                    // The component may be gone by now.
                    if let Some(value) = source.try_get_untracked() {
                        deferred.try_set(value);
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    });
    deferred.into()
}
