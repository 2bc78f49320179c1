//! Repositories offered for one click: the deployment's presets, and the repositories that
//! loaded recently (remembered as coordinates only, never tokens).

use serde::{Deserialize, Serialize};

use crate::app::config::Preset;
use crate::app::coordinates::Coordinates;
use crate::app::url_state::ViewState;
use crate::providers::ProviderKind;

/// How many recent repositories are remembered.
pub const KEEP_RECENT: usize = 8;

/// A repository that loaded, as stored (the provider by name: an entry naming a provider
/// this build does not know is skipped, not an error).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recent {
    pub provider: String,
    pub coords: Coordinates,
}

impl Recent {
    /// "Katapult team/web (uk-lon-01)", "SWR team/web (instance)".
    pub fn label(&self) -> String {
        let c = &self.coords;
        let repo = if c.repository.is_empty() { &c.repository_id } else { &c.repository };
        match ProviderKind::parse(&self.provider) {
            Some(ProviderKind::Swr) => format!("SWR {}/{} ({})", c.namespace, repo, c.instance),
            _ => format!("Katapult {} ({})", repo, c.region),
        }
    }
}

/// The recent list once `provider`'s `coords` loaded: those first, listed once, at most
/// [`KEEP_RECENT`]. `None` for the demo, which is never remembered.
pub fn remember(list: &[Recent], provider: ProviderKind, coords: &Coordinates) -> Option<Vec<Recent>> {
    if provider == ProviderKind::Demo {
        return None;
    }
    let entry = Recent { provider: provider.as_str().into(), coords: coords.clone() };
    let mut list: Vec<Recent> = list.iter().filter(|e| **e != entry).cloned().collect();
    list.insert(0, entry);
    list.truncate(KEEP_RECENT);
    Some(list)
}

/// A repository offered for one click: a deployment preset or a recently loaded one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub label: String,
    pub provider: ProviderKind,
    pub coords: Coordinates,
    pub preset: bool,
}

impl Saved {
    /// The text of its option in the picker: a preset by name, a recent one marked so.
    pub fn option_label(&self) -> String {
        if self.preset {
            self.label.clone()
        } else {
            format!("Recent: {}", self.label)
        }
    }

    /// The view of this repository from `current`: filters and sort kept, page 1.
    pub fn view_over(&self, current: &ViewState) -> ViewState {
        ViewState { provider: self.provider, coords: self.coords.clone(), page: 1, ..current.clone() }
    }
}

/// What the picker offers: the presets, then the recent repositories of known providers.
pub fn saved_repositories(presets: &[Preset], recent: &[Recent]) -> Vec<Saved> {
    let presets = presets.iter().map(|p| Saved {
        label: p.name.clone(),
        provider: p.provider,
        coords: p.coords.clone(),
        preset: true,
    });
    let recent = recent.iter().filter_map(|r| {
        Some(Saved {
            label: r.label(),
            provider: ProviderKind::parse(&r.provider)?,
            coords: r.coords.clone(),
            preset: false,
        })
    });
    presets.chain(recent).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn katapult(repository: &str) -> Coordinates {
        Coordinates { region: "uk-lon-01".into(), repository: repository.into(), ..Coordinates::default() }
    }

    #[test]
    fn recent_labels_name_the_provider_repository_and_where() {
        let k = Recent { provider: "katapult".into(), coords: katapult("team/web") };
        assert_eq!(k.label(), "Katapult team/web (uk-lon-01)");
        let by_id = Recent {
            provider: "katapult".into(),
            coords: Coordinates { region: "r".into(), repository_id: "arep_1".into(), ..Coordinates::default() },
        };
        assert_eq!(by_id.label(), "Katapult arep_1 (r)");
        let swr = Recent {
            provider: "swr".into(),
            coords: Coordinates {
                instance: "inst".into(),
                namespace: "team".into(),
                repository: "web".into(),
                ..Coordinates::default()
            },
        };
        assert_eq!(swr.label(), "SWR team/web (inst)");
    }

    #[test]
    fn remembering_puts_a_repository_first_once_and_keeps_eight() {
        let mut list = Vec::new();
        for n in 0..10 {
            list = remember(&list, ProviderKind::Katapult, &katapult(&format!("r{n}"))).unwrap();
        }
        assert_eq!(list.len(), KEEP_RECENT);
        assert_eq!(list[0].coords.repository, "r9", "the latest first");
        assert_eq!(list[7].coords.repository, "r2", "the oldest dropped");
        let again = remember(&list, ProviderKind::Katapult, &katapult("r5")).unwrap();
        assert_eq!(again.len(), KEEP_RECENT);
        assert_eq!(again[0].coords.repository, "r5");
        assert_eq!(again.iter().filter(|e| e.coords.repository == "r5").count(), 1, "listed once");
        let other_provider = remember(&again, ProviderKind::Swr, &katapult("r5")).unwrap();
        assert_eq!(other_provider.iter().filter(|e| e.coords.repository == "r5").count(), 2, "per provider");
        assert_eq!(remember(&list, ProviderKind::Demo, &Coordinates::default()), None, "the demo is not remembered");
    }

    #[test]
    fn presets_come_first_then_recent_ones_of_known_providers() {
        let presets = [Preset { name: "Web".into(), provider: ProviderKind::Swr, coords: Coordinates::default() }];
        let recent = [
            Recent { provider: "katapult".into(), coords: katapult("team/web") },
            Recent { provider: "gone".into(), coords: katapult("x") },
        ];
        let saved = saved_repositories(&presets, &recent);
        let labels: Vec<String> = saved.iter().map(Saved::option_label).collect();
        assert_eq!(labels, ["Web", "Recent: Katapult team/web (uk-lon-01)"]);
        assert_eq!((saved[1].provider, saved[1].preset), (ProviderKind::Katapult, false));
        assert!(saved_repositories(&[], &[]).is_empty());
    }

    #[test]
    fn choosing_one_keeps_the_filters_and_starts_at_page_one() {
        let current = ViewState { page: 3, tag: "v1".into(), ..ViewState::default() };
        let chosen = Saved { label: "x".into(), provider: ProviderKind::Katapult, coords: katapult("x"), preset: true };
        let next = chosen.view_over(&current);
        assert_eq!(
            (next.provider, &next.coords, next.page, next.tag.as_str()),
            (chosen.provider, &chosen.coords, 1, "v1")
        );
    }
}
