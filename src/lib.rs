//! Lading: a client-side dashboard for container registry repositories.
//!
//! Layers, lowest first; each may use the ones below it, never above (checked by
//! `tests/architecture.rs`):
//! - `engine`: the provider-neutral model, the catalog and filter → sort → page. Pure.
//! - `providers`: where artifacts come from — the provider interface, the paged loader, the
//!   HTTP contract, Katapult, SWR and the demo data. Pure: requests as data, replies parsed.
//! - `app`: the app's own decisions — the URL view state, config.json, sources and
//!   coordinates, the host policy for tokens. Pure.
//! - `browser`: thin web-sys adapters (fetch behind the token gate, storage). Browser only.
//! - `ui`: Leptos components and hooks. Browser only.

pub mod app;
pub mod engine;
pub mod providers;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod ui;
