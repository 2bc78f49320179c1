//! What a provider asks of HTTP, as plain data: the request to send and the reply to parse.
//! The browser side (`ui::fetch`) performs it; the core stays testable without a network.

use crate::host_policy::{normalize_endpoint, normalize_proxy, ParseUrl};
use crate::provider::{Page, ProviderError};
use crate::url_state::ProviderKind;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    /// The API URL asked for: behind a proxy, where the proxy forwards the token.
    pub target: String,
    /// The URL fetched: `target` itself, or the proxy's URL for it.
    pub url: String,
    /// The token's header. Only the browser's token gate puts it on a request.
    pub credential: Credential,
}

/// A header carrying a token; its value never shows in `Debug` output.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    pub header: &'static str,
    pub value: String,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credential({}: <redacted>)", self.header)
    }
}

/// Where a provider's requests go: the API endpoint, and the CORS proxy in front of it
/// (empty = direct), both as the browser's URL parser read them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    endpoint: String,
    proxy: String,
}

impl Route {
    pub fn new(endpoint: &str, proxy: &str, parse: ParseUrl) -> Result<Route, ProviderError> {
        Ok(Route { endpoint: normalize_endpoint(endpoint, parse)?, proxy: normalize_proxy(proxy, parse)? })
    }

    /// The endpoint: scheme, host and path, without a trailing `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// A request for `target` (an URL under the endpoint) carrying `credential`.
    pub fn request(&self, target: String, credential: Credential) -> HttpRequest {
        HttpRequest { url: through_proxy(&target, &self.proxy), target, credential }
    }
}

/// A cloud API as a pair of pure functions around one GET per page.
pub trait PagedApi {
    /// Whose token the requests carry (and so which official hosts it may go to).
    fn provider(&self) -> ProviderKind;
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
}
