//! Recently loaded repositories (coordinates only, never tokens), remembered in
//! localStorage and offered in the connection form beside the deployment's presets.

use codee::string::JsonSerdeCodec;
use leptos::prelude::*;
use leptos_use_storage::use_local_storage;

use crate::app::saved::{self, Recent};
use crate::app::source::Coordinates;
use crate::browser::storage::Key;
use crate::providers::ProviderKind;

#[derive(Clone, Copy)]
pub struct RecentList {
    pub entries: Signal<Vec<Recent>>,
    set: WriteSignal<Vec<Recent>>,
}

impl RecentList {
    pub fn new() -> Self {
        let (entries, set, _) = use_local_storage::<Vec<Recent>, JsonSerdeCodec>(Key::Recent.name());
        RecentList { entries, set }
    }

    /// Puts these coordinates first (once); the demo is not remembered.
    pub fn remember(&self, provider: ProviderKind, coords: &Coordinates) {
        if let Some(list) = self.entries.with_untracked(|list| saved::remember(list, provider, coords)) {
            self.set.set(list);
        }
    }

    pub fn clear(&self) {
        self.set.set(Vec::new());
    }
}
