//! What a provider asks of HTTP, as plain data: the request to send and the reply to parse.
//! The browser side (`ui::fetch`) performs it; the core stays testable without a network.

use crate::provider::{Page, ProviderError};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    /// Sent as given; the token lives here and nowhere else (never in the URL).
    pub headers: Vec<(&'static str, String)>,
}

/// A cloud API as a pair of pure functions around one GET per page.
pub trait PagedApi {
    fn request(&self, page: usize) -> Result<HttpRequest, ProviderError>;
    fn parse(&self, page: usize, status: u16, body: &str) -> Result<Page, ProviderError>;
    /// Asked when a page fails: `true` if the API adjusted itself (e.g. a smaller page
    /// size) and the same page should be requested again.
    fn adapt(&self, _error: &ProviderError) -> bool {
        false
    }
}

/// Like `encodeURIComponent`: everything but ASCII letters, digits and `-_.~`.
pub const URI_COMPONENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes one query value or path segment.
pub fn encode_component(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, URI_COMPONENT).to_string()
}

/// Routes `target` through a CORS proxy: a template with `{url}` gets the percent-encoded
/// target; anything else is a prefix the target is appended to. Empty = direct.
pub fn through_proxy(target: &str, proxy: &str) -> String {
    let proxy = proxy.trim();
    if proxy.is_empty() {
        target.to_string()
    } else if proxy.contains("{url}") {
        proxy.replace("{url}", &encode_component(target))
    } else {
        format!("{proxy}{target}")
    }
}

/// Validates a user-typed endpoint: http(s), a host, no query or fragment; trailing `/` dropped.
pub fn normalize_endpoint(endpoint: &str) -> Result<String, ProviderError> {
    let e = endpoint.trim().trim_end_matches('/');
    let rest = e
        .strip_prefix("https://")
        .or_else(|| e.strip_prefix("http://"))
        .ok_or_else(|| ProviderError::Invalid(format!("The endpoint must start with https:// (got “{e}”).")))?;
    let host = rest.split('/').next().unwrap_or_default();
    if host.is_empty() || rest.contains(['?', '#', ' ', '@']) {
        return Err(ProviderError::Invalid(format!("“{e}” is not a usable endpoint URL.")));
    }
    Ok(e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_template_and_prefix() {
        let target = "https://swr-api.x.com/v2/a?offset=0&limit=100";
        assert_eq!(through_proxy(target, ""), target);
        assert_eq!(
            through_proxy(target, "https://proxy.example/?url={url}"),
            "https://proxy.example/?url=https%3A%2F%2Fswr-api.x.com%2Fv2%2Fa%3Foffset%3D0%26limit%3D100"
        );
        assert_eq!(through_proxy(target, "http://127.0.0.1:8081/"), format!("http://127.0.0.1:8081/{target}"));
    }

    #[test]
    fn endpoints_are_checked() {
        assert_eq!(normalize_endpoint(" https://api.katapult.io/ ").unwrap(), "https://api.katapult.io");
        assert_eq!(normalize_endpoint("http://127.0.0.1:9000/base").unwrap(), "http://127.0.0.1:9000/base");
        assert!(normalize_endpoint("api.katapult.io").is_err());
        assert!(normalize_endpoint("javascript:alert(1)").is_err());
        assert!(normalize_endpoint("https://").is_err());
        assert!(normalize_endpoint("https://user@evil.example").is_err());
    }
}
