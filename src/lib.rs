//! Lading: a client-side dashboard for container registry repositories.
//!
//! The core (everything but `ui`) is plain Rust with no DOM: the provider-neutral model,
//! providers' request builders and parsers, the URL codec and the filter → sort → page
//! pipeline. It is tested natively; the Leptos UI is only built for the browser.

pub mod catalog;
pub mod config;
pub mod demo;
pub mod export;
pub mod format;
pub mod host_policy;
pub mod http;
pub mod katapult;
pub mod loader;
pub mod model;
pub mod natural;
pub mod provider;
pub mod stats;
pub mod swr;
pub mod tag_match;
pub mod url_state;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod ui;
