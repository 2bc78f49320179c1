//! Where artifacts come from: the interface every data source implements (demo, Katapult,
//! SWR), its typed error, the paged loader and the HTTP contract, one file per provider.
//! Pure; depends on the engine's model only.

pub mod demo;
pub mod http;
pub mod katapult;
pub mod loader;
pub mod swr;

use std::fmt;
use std::marker::PhantomData;

use futures::future::LocalBoxFuture;
use serde::de::value::MapAccessDeserializer;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::engine::model::Artifact;
use crate::engine::named_enum;

named_enum!(
    /// The data sources Lading lists from.
    ProviderKind { Demo = "demo", Katapult = "katapult", Swr = "swr" }
);

/// One page of a listing, already turned into provider-neutral artifacts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub artifacts: Vec<Artifact>,
    /// Records in this page that could not be read (skipped, counted, reported).
    pub malformed: usize,
    /// Records the page held on the wire (a short page ends an open-ended listing).
    pub records: usize,
    /// Records asked for per page.
    pub per_page: usize,
    /// Known when the API reports a total; `None` for open-ended ("large set") listings.
    pub total_pages: Option<usize>,
    pub total_records: Option<usize>,
}

/// The most artifacts a listing's announced total makes room for in advance: a server that
/// announces more gets the room as its pages arrive.
pub const ANNOUNCED_CAP: usize = 200_000;

impl Page {
    /// How many artifacts the whole listing should hold, from the total this page announces
    /// and its own records per artifact (SWR lists a record per tag), capped at
    /// [`ANNOUNCED_CAP`]: room made once instead of doubling the catalog's vectors (a
    /// 100,000-artifact catalog doubling from 65,536 holds both copies for a moment).
    pub fn expected_artifacts(&self) -> Option<usize> {
        let total = self.total_records.or_else(|| self.total_pages.map(|p| p.saturating_mul(self.per_page)))?;
        let artifacts = total.saturating_mul(self.artifacts.len()) / self.records.max(1);
        Some(artifacts.min(ANNOUNCED_CAP))
    }
}

pub trait Provider {
    /// Fetches page `number` (1-based).
    fn fetch_page(&self, number: usize) -> LocalBoxFuture<'_, Result<Page, ProviderError>>;
}

/// What went wrong, in terms a person can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProviderError {
    /// The API answered with an error it documents (or an unknown code).
    #[error("{summary}")]
    Api {
        status: u16,
        code: String,
        summary: String,
        remedy: String,
        /// Name/value pairs the API gave (IP address, scopes, argument…).
        details: Vec<(String, String)>,
        /// Throttling or a passing outage: worth retrying after a pause.
        retryable: bool,
    },
    /// A body that is not the JSON the contract promises.
    #[error("The server answered HTTP {status} with a body that is not the expected JSON")]
    BadResponse { status: u16, snippet: String },
    /// No HTTP status at all: unreachable, or refused by the browser (CORS).
    #[error("Blocked — probably by CORS — or the API could not be reached")]
    Network { endpoint: String, detail: String },
    /// The coordinates typed cannot make a request.
    #[error("{0}")]
    Invalid(String),
    /// The token gate kept the token from a URL: it says why. Nothing was sent.
    #[error("Your token was not sent: {0}")]
    Refused(String),
    /// The request was aborted because a newer one replaced it.
    #[error("Cancelled")]
    Cancelled,
}

impl ProviderError {
    pub fn is_retryable(&self) -> bool {
        matches!(self, ProviderError::Api { retryable: true, .. })
    }

    /// What the person should do next.
    pub fn remedy(&self) -> String {
        match self {
            ProviderError::Api { remedy, .. } => remedy.clone(),
            ProviderError::BadResponse { .. } => {
                "Check that the endpoint points at the API itself (not a web page or a proxy error page).".into()
            }
            ProviderError::Network { .. } => "The browser got no answer it may read: most likely the API sends no \
                 CORS headers (SWR never does), or the endpoint is unreachable, or it answered with a \
                 redirect (never followed with a token). Set a CORS proxy in the connection form, or \
                 check the endpoint."
                .into(),
            ProviderError::Refused(_) => {
                "Check the endpoint and the CORS proxy: each must be a plain http:// or https:// URL without a \
                 user name or password."
                    .into()
            }
            ProviderError::Invalid(_) => "Correct the connection settings and load again.".into(),
            ProviderError::Cancelled => String::new(),
        }
    }

    /// Facts to show under the message.
    pub fn details(&self) -> Vec<(String, String)> {
        match self {
            ProviderError::Api { status, code, details, .. } => {
                let mut all =
                    vec![("HTTP status".to_string(), status.to_string()), ("Error code".to_string(), code.clone())];
                all.extend(details.iter().cloned());
                all
            }
            ProviderError::BadResponse { status, snippet } => {
                vec![("HTTP status".into(), status.to_string()), ("Body starts with".into(), snippet.clone())]
            }
            ProviderError::Network { endpoint, detail } => {
                vec![("Endpoint".into(), endpoint.clone()), ("Browser said".into(), detail.clone())]
            }
            ProviderError::Invalid(_) | ProviderError::Refused(_) | ProviderError::Cancelled => Vec::new(),
        }
    }
}

/// The first characters of a body, for messages about unexpected replies.
pub fn snippet(body: &str) -> String {
    const MAX: usize = 120;
    let flat: String = body.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let flat = flat.trim();
    match flat.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat.to_string(),
    }
}

/// A struct read from a JSON object only. Serde also reads a struct from an array, by
/// position (`"endpoints": ["https://a", "https://b"]`, an error's `"detail": [null, false]`): a
/// mistake to report or to ignore, never to read by position.
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(ObjectVisitor(PhantomData)).map(Object)
    }
}

/// Reads an optional field leniently: a value of another type is treated as absent, so one
/// odd field does not make a whole body unreadable. The value is taken as raw JSON text
/// first (the bodies are read with `serde_json::from_str`, which lends it), then read as a
/// `T`; an untagged enum would do the same through serde's buffering, which costs far more
/// wasm.
pub fn lenient<'de, D: serde::Deserializer<'de>, T: serde::Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    let raw = <&'de serde_json::value::RawValue as serde::Deserialize>::deserialize(d)?;
    Ok(serde_json::from_str(raw.get()).ok())
}

/// A JSON value as the text a person reads: a string as itself, a list as its items joined
/// by ", ", anything else as the JSON the server sent; `null` as nothing.
pub fn json_text(raw: &serde_json::value::RawValue) -> Option<String> {
    let json = raw.get().trim();
    if json == "null" {
        return None;
    }
    if let Ok(text) = serde_json::from_str::<String>(json) {
        return Some(text);
    }
    if let Ok(items) = serde_json::from_str::<Vec<&serde_json::value::RawValue>>(json) {
        let texts: Vec<String> = items.iter().map(|item| json_text(item).unwrap_or_else(|| "null".into())).collect();
        return Some(texts.join(", "));
    }
    Some(json.to_string())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_page_tells_how_many_artifacts_to_make_room_for() {
        let page = |artifacts: usize, records: usize, total_records: Option<usize>, total_pages: Option<usize>| Page {
            artifacts: vec![Artifact::new("a", "sha256:a"); artifacts],
            records,
            per_page: 200,
            total_records,
            total_pages,
            ..Page::default()
        };
        assert_eq!(page(200, 200, Some(100_000), Some(500)).expected_artifacts(), Some(100_000));
        assert_eq!(page(200, 200, None, Some(500)).expected_artifacts(), Some(100_000), "pages × per page");
        assert_eq!(page(50, 200, Some(1_000), None).expected_artifacts(), Some(250), "SWR: a record per tag");
        assert_eq!(page(200, 200, None, None).expected_artifacts(), None, "open-ended");
        assert_eq!(page(200, 200, Some(usize::MAX), None).expected_artifacts(), Some(ANNOUNCED_CAP), "a lie is capped");
        assert_eq!(page(0, 0, Some(10), None).expected_artifacts(), Some(0));
    }

    use super::*;

    #[test]
    fn snippet_is_short_and_single_line() {
        assert_eq!(snippet("  <html>\n<body>"), "<html> <body>");
        let long = "é".repeat(500);
        assert_eq!(snippet(&long).chars().count(), 121);
    }
}
