//! The API token's only home: this tab's sessionStorage, one key per provider + endpoint.
//! Read synchronously at load time (a load must see the token the user just saved).

use crate::url_state::ProviderKind;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

pub fn key(provider: ProviderKind, endpoint: &str) -> String {
    format!("lading.token.{}.{}", provider.as_str(), endpoint.trim().trim_end_matches('/'))
}

pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?.filter(|t| !t.is_empty())
}

pub fn set(key: &str, token: &str) {
    if let Some(s) = storage() {
        // A full or disabled storage only means the token is asked again after a reload.
        let _ = s.set_item(key, token);
    }
}

pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}
