//! The browser's storage, in one place. Every key Lading stores is a [`Key`], which knows its
//! name and where it lives: in this tab only (sessionStorage: the token, confirmed hosts) or
//! across visits (localStorage: nothing secret). A full or disabled storage only means a
//! value is asked for again, so failures to write are not errors.

use crate::app::config::Config;
use crate::app::saved::Recent;
use crate::app::source::Source;
use crate::providers::ProviderKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// The API token for one provider and endpoint.
    Token { provider: ProviderKind, endpoint: String },
    /// Hosts (`URL.host`) the person confirmed a token may go to.
    ConfirmedHosts,
    /// The page size that last worked for a Katapult endpoint.
    KatapultPerPage { endpoint: String },
    /// Recently loaded repositories (coordinates only).
    Recent,
    /// The theme override.
    Theme,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Area {
    /// Gone with the tab.
    Session,
    /// Kept across visits.
    Local,
}

impl Key {
    /// The token for `source`: kept per provider and the endpoint its requests go to.
    pub fn token_for(source: &Source, config: &Config) -> Key {
        Key::Token { provider: source.provider, endpoint: source.endpoint(config) }
    }

    /// The page size that last worked at `source`'s endpoint (Katapult).
    pub fn per_page_for(source: &Source, config: &Config) -> Key {
        Key::KatapultPerPage { endpoint: source.endpoint(config) }
    }

    pub fn name(&self) -> String {
        match self {
            Key::Token { provider, endpoint } => {
                format!("lading.token.{}.{}", provider.as_str(), endpoint.trim().trim_end_matches('/'))
            }
            Key::ConfirmedHosts => "lading.trusted_hosts".into(),
            Key::KatapultPerPage { endpoint } => format!("lading.katapult.per_page.{endpoint}"),
            Key::Recent => "lading.recent".into(),
            Key::Theme => "lading.theme".into(),
        }
    }

    /// Tokens and what they may reach never outlive the tab.
    fn area(&self) -> Area {
        match self {
            Key::Token { .. } | Key::ConfirmedHosts => Area::Session,
            Key::KatapultPerPage { .. } | Key::Recent | Key::Theme => Area::Local,
        }
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        let window = web_sys::window()?;
        match self.area() {
            Area::Session => window.session_storage().ok()?,
            Area::Local => window.local_storage().ok()?,
        }
    }
}

/// The stored value; `None` when absent, empty or unreadable.
pub fn get(key: &Key) -> Option<String> {
    key.storage()?.get_item(&key.name()).ok()?.filter(|v| !v.is_empty())
}

pub fn set(key: &Key, value: &str) {
    if let Some(s) = key.storage() {
        let _ = s.set_item(&key.name(), value);
    }
}

pub fn remove(key: &Key) {
    if let Some(s) = key.storage() {
        let _ = s.remove_item(&key.name());
    }
}

/// Recently loaded repositories; an unreadable list is an empty one.
pub fn recent() -> Vec<Recent> {
    get(&Key::Recent).and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default()
}

pub fn set_recent(list: &[Recent]) {
    if let Ok(json) = serde_json::to_string(list) {
        set(&Key::Recent, &json);
    }
}

/// `URL.host` values the person confirmed in this tab.
pub fn confirmed_hosts() -> Vec<String> {
    get(&Key::ConfirmedHosts).and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default()
}

/// Remembers, for this tab, that a token may go to these hosts.
pub fn confirm_hosts(hosts: &[String]) {
    let mut all = confirmed_hosts();
    for h in hosts {
        if !all.contains(h) {
            all.push(h.clone());
        }
    }
    if let Ok(json) = serde_json::to_string(&all) {
        set(&Key::ConfirmedHosts, &json);
    }
}
