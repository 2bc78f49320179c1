//! The browser's side of HTTP: its URL parser, and the token gate — the one place a
//! request gets a token — in front of a [`PagedApi`]'s GETs (gloo-net, abortable).

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_net::http::Request;
use web_sys::{AbortSignal, RequestCredentials, RequestRedirect};

use crate::app::config::Config;
use crate::app::host_policy::{TokenPolicy, Verdict};
use crate::browser::storage;
use crate::providers::http::UrlParts;
use crate::providers::http::{HttpRequest, PagedApi};
use crate::providers::ProviderKind;
use crate::providers::{Page, Provider, ProviderError};

/// The browser's own URL parser (`new URL(input)`), as the parts the core's policies read.
pub fn parse_url(input: &str) -> Option<UrlParts> {
    let url = web_sys::Url::new(input).ok()?;
    Some(UrlParts {
        scheme: url.protocol().trim_end_matches(':').to_string(),
        hostname: url.hostname(),
        port: url.port(),
        path: url.pathname(),
        has_userinfo: !url.username().is_empty() || !url.password().is_empty(),
        has_query_or_fragment: !url.search().is_empty() || !url.hash().is_empty(),
    })
}

/// What the token gate knows now: the deployment's allow-list and API paths, this page's
/// URL, and the hosts confirmed in this tab (read at each call: a confirmation counts at once).
pub fn token_policy(provider: ProviderKind, config: &Config) -> TokenPolicy {
    TokenPolicy {
        provider: Some(provider),
        allowed_hosts: config.allowed_hosts.clone(),
        page: web_sys::window().and_then(|w| w.location().href().ok()).and_then(|href| parse_url(&href)),
        own_origin_paths: config.same_origin_api_paths.clone(),
        confirmed: storage::confirmed_hosts(),
    }
}

/// The gate's verdict on every URL this request's token reaches: the URL fetched and, behind
/// a proxy, the API URL the proxy forwards the token to.
pub fn token_verdict(request: &HttpRequest, provider: ProviderKind, config: &Config) -> Verdict {
    token_policy(provider, config).decide(&[&request.url, &request.target], &parse_url)
}

/// The token gate. Returns the URL to fetch exactly as the browser serialised it after the
/// check, so what was checked is what is fetched; anything but `Allow` is refused here.
pub fn admit(request: &HttpRequest, provider: ProviderKind, config: &Config) -> Result<String, ProviderError> {
    match token_verdict(request, provider, config) {
        Verdict::Allow => web_sys::Url::new(&request.url)
            .map(|u| u.href())
            .map_err(|_| ProviderError::Refused("the browser could not read the request URL.".into())),
        Verdict::Confirm { hosts, .. } => {
            Err(ProviderError::Refused(format!("{} has not been confirmed in this tab.", hosts.join(", "))))
        }
        Verdict::Refuse(why) => Err(ProviderError::Refused(why)),
    }
}

pub struct HttpProvider {
    api: Rc<dyn PagedApi>,
    config: Rc<Config>,
    signal: Option<AbortSignal>,
    /// Called once a page succeeds after the API adapted itself (to remember the setting).
    on_adapted: Box<dyn Fn()>,
}

impl HttpProvider {
    pub fn new(
        api: Rc<dyn PagedApi>,
        config: Rc<Config>,
        signal: Option<AbortSignal>,
        on_adapted: Box<dyn Fn()>,
    ) -> Self {
        HttpProvider { api, config, signal, on_adapted }
    }

    async fn fetch(&self, number: usize) -> Result<Page, ProviderError> {
        let mut adapted = false;
        loop {
            let request = self.api.request(number)?;
            // No request below this line carries the token without passing the gate.
            let url = admit(&request, self.api.provider(), &self.config)?;
            let response = Request::get(&url)
                .abort_signal(self.signal.as_ref())
                // A custom header survives cross-origin redirects: never follow one with it.
                .redirect(RequestRedirect::Error)
                .credentials(RequestCredentials::Omit)
                .header(request.credential.header, &request.credential.value)
                .send()
                .await
                .map_err(|e| self.network_error(&url, e))?;
            let status = response.status();
            let body = response.text().await.map_err(|e| self.network_error(&url, e))?;
            match self.api.parse(number, status, &body) {
                Err(e) if self.api.adapt(&e) => adapted = true,
                Ok(page) => {
                    if adapted {
                        (self.on_adapted)();
                    }
                    return Ok(page);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// No status at all: aborted by us, or the browser refused (CORS, a redirect) or could
    /// not connect. Names the origin only: the query says nothing the person needs.
    fn network_error(&self, url: &str, error: gloo_net::Error) -> ProviderError {
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return ProviderError::Cancelled;
        }
        let endpoint = parse_url(url).map(|u| u.origin()).unwrap_or_default();
        ProviderError::Network { endpoint, detail: error.to_string() }
    }
}

impl Provider for HttpProvider {
    fn fetch_page(&self, number: usize) -> LocalBoxFuture<'_, Result<Page, ProviderError>> {
        self.fetch(number).boxed_local()
    }
}
