//! The app's own state and decisions, neither engine nor provider: the view state and its
//! URL codec, the deployment's config.json, sources and their coordinates, and the host
//! policy that decides where a token may go. Pure; depends on `engine` and `providers`.

pub mod cleanup;
pub mod config;
pub mod coordinates;
pub mod details;
pub mod host_policy;
pub mod overview;
pub mod rows;
pub mod saved;
pub mod shortcuts;
pub mod sort_by;
pub mod source;
pub mod status;
pub mod theme;
pub mod url_state;
