//! Fetches the deployment's `config.json` (next to index.html) once at start-up.

use gloo_net::http::Request;

use crate::app::config::{self, Config};

/// The config and, when it was present but unusable, a warning to show.
pub async fn load() -> (Config, Option<String>) {
    let Ok(response) = Request::get("config.json").send().await else {
        return (Config::default(), None);
    };
    if response.status() == 404 {
        return (Config::default(), None);
    }
    if !response.ok() {
        return (
            Config::default(),
            Some(format!("config.json could not be read (HTTP {}). Using the defaults.", response.status())),
        );
    }
    match response.text().await {
        Ok(body) => match config::parse(&body) {
            Ok(c) => (c, None),
            Err(warning) => (Config::default(), Some(warning)),
        },
        Err(_) => (Config::default(), Some("config.json could not be read. Using the defaults.".into())),
    }
}
