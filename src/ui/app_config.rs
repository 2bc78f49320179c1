//! Fetches the deployment's `config.json` (next to index.html) once at start-up; what the
//! answer means is decided in `app::config`.

use gloo_net::http::Request;

use crate::app::config::{from_fetch, Config, Fetched};

/// The config and, when it was present but unusable, a warning to show.
pub async fn load() -> (Config, Option<String>) {
    let Ok(response) = Request::get("config.json").send().await else {
        return from_fetch(Fetched::Nothing);
    };
    if !response.ok() {
        return from_fetch(Fetched::Status(response.status()));
    }
    let body = response.text().await.ok();
    from_fetch(Fetched::Body(body.as_deref()))
}
