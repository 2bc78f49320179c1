//! What a provider asks of HTTP, as plain data: the request to send and the reply to parse.
//! The browser side (`ui::fetch`) performs it; the core stays testable without a network.

use std::net::Ipv4Addr;

use crate::providers::{Page, ProviderError, ProviderKind};

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

/// What the browser's URL parser says about one URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlParts {
    /// `URL.protocol` without the colon: `https`, `http`, `javascript`…
    pub scheme: String,
    /// `URL.hostname`: lowercased, IDNA-mapped, numeric IPv4 forms normalised, `[…]` for IPv6.
    pub hostname: String,
    /// `URL.port`: empty for the scheme's default port.
    pub port: String,
    /// `URL.pathname`, dot segments resolved.
    pub path: String,
    /// A user name or password in the URL.
    pub has_userinfo: bool,
    /// A query string or fragment in the URL.
    pub has_query_or_fragment: bool,
}

impl UrlParts {
    /// `URL.host`: the hostname, with `:port` when it is not the default.
    pub fn host(&self) -> String {
        if self.port.is_empty() {
            self.hostname.clone()
        } else {
            format!("{}:{}", self.hostname, self.port)
        }
    }

    pub fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.host())
    }

    pub fn is_web(&self) -> bool {
        self.scheme == "https" || self.scheme == "http"
    }

    /// This machine: 127.0.0.0/8, `[::1]` or `localhost`, on the parsed hostname.
    pub fn is_loopback(&self) -> bool {
        self.hostname == "localhost"
            || self.hostname == "[::1]"
            || self.hostname.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// Plain http to another machine: a token would cross the network unencrypted.
    pub fn is_insecure(&self) -> bool {
        self.scheme == "http" && !self.is_loopback()
    }
}

/// A URL parser: the browser's in the app. `None` when it throws.
pub type ParseUrl<'a> = &'a dyn Fn(&str) -> Option<UrlParts>;

/// A typed endpoint as the browser reads it: http(s), a host, no credentials, query or
/// fragment; rebuilt from the parts, without a trailing `/`. Idempotent.
pub fn normalize_endpoint(endpoint: &str, parse: ParseUrl) -> Result<String, ProviderError> {
    let typed = endpoint.trim();
    let shown = crate::providers::snippet(typed);
    let invalid = |why: &str| ProviderError::Invalid(format!("The endpoint “{shown}” {why}"));
    let url = parse(typed).ok_or_else(|| invalid("is not a URL this browser can read."))?;
    if !url.is_web() {
        return Err(invalid("must start with https://."));
    }
    if url.has_userinfo {
        return Err(invalid("contains a user name or password; remove it."));
    }
    if url.has_query_or_fragment || url.hostname.is_empty() {
        return Err(invalid("must be the API's base URL, without a query or fragment."));
    }
    Ok(format!("{}{}", url.origin(), url.path.trim_end_matches('/')))
}

/// A typed CORS proxy: empty (direct), or a URL — with `{url}` where the percent-encoded
/// API URL goes, or a prefix the API URL is appended to — that the browser reads as
/// http(s) without credentials. Kept as typed (trimmed): its final form is only known once
/// the API URL is in it, and that is what the token gate checks.
pub fn normalize_proxy(proxy: &str, parse: ParseUrl) -> Result<String, ProviderError> {
    let typed = proxy.trim();
    if typed.is_empty() {
        return Ok(String::new());
    }
    let sample = through_proxy("https://api.example/", typed);
    match parse(&sample) {
        Some(url) if url.is_web() && !url.has_userinfo && !url.hostname.is_empty() => Ok(typed.to_string()),
        _ => Err(ProviderError::Invalid(format!(
            "The CORS proxy “{}” is not an http:// or https:// URL without a user name.",
            crate::providers::snippet(typed)
        ))),
    }
}

/// The WHATWG parser of the `url` crate, giving the parts the browser's would: for native
/// tests only (the app uses the browser's).
#[cfg(test)]
pub fn whatwg_parse(input: &str) -> Option<UrlParts> {
    let url = url::Url::parse(input).ok()?;
    let hostname = match url.host()? {
        url::Host::Ipv6(ip) => format!("[{ip}]"),
        host => host.to_string(),
    };
    Some(UrlParts {
        scheme: url.scheme().to_string(),
        hostname,
        port: url.port().map(|p| p.to_string()).unwrap_or_default(),
        path: url.path().to_string(),
        has_userinfo: !url.username().is_empty() || url.password().is_some(),
        has_query_or_fragment: url.query().is_some() || url.fragment().is_some(),
    })
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
