//! Recently loaded repositories (coordinates only, never tokens), remembered in
//! localStorage and offered in the connection form beside the deployment's presets.

use codee::string::JsonSerdeCodec;
use leptos::prelude::*;
use leptos_use_storage::use_local_storage;
use serde::{Deserialize, Serialize};

use crate::app::source::Coordinates;
use crate::browser::storage::Key;
use crate::providers::ProviderKind;

const KEEP: usize = 8;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    pub provider: String,
    pub coords: Coordinates,
}

impl Recent {
    pub fn label(&self) -> String {
        let c = &self.coords;
        let repo = if c.repository.is_empty() { &c.repository_id } else { &c.repository };
        match ProviderKind::parse(&self.provider) {
            Some(ProviderKind::Swr) => format!("SWR {}/{} ({})", c.namespace, repo, c.instance),
            _ => format!("Katapult {} ({})", repo, c.region),
        }
    }
}

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

    /// Puts these coordinates first (once).
    pub fn remember(&self, provider: ProviderKind, coords: &Coordinates) {
        let entry = Recent { provider: provider.as_str().into(), coords: coords.clone() };
        let mut list = self.entries.get_untracked();
        list.retain(|e| *e != entry);
        list.insert(0, entry);
        list.truncate(KEEP);
        self.set.set(list);
    }

    pub fn clear(&self) {
        self.set.set(Vec::new());
    }
}
