//! Performs a [`PagedApi`]'s requests in the browser with gloo-net: one GET per page,
//! abortable, with failures that have no HTTP status reported as unreachable/CORS.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use futures::FutureExt;
use gloo_net::http::Request;
use web_sys::AbortSignal;

use crate::http::PagedApi;
use crate::provider::{Page, Provider, ProviderError};

pub struct HttpProvider<A> {
    api: Rc<A>,
    signal: Option<AbortSignal>,
    /// Called once a page succeeds after the API adapted itself (to remember the setting).
    on_adapted: Box<dyn Fn(&A)>,
}

impl<A: PagedApi> HttpProvider<A> {
    pub fn new(api: Rc<A>, signal: Option<AbortSignal>, on_adapted: impl Fn(&A) + 'static) -> Self {
        HttpProvider { api, signal, on_adapted: Box::new(on_adapted) }
    }

    async fn fetch(&self, number: usize) -> Result<Page, ProviderError> {
        let mut adapted = false;
        loop {
            let request = self.api.request(number)?;
            let mut builder = Request::get(&request.url).abort_signal(self.signal.as_ref());
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let response = builder.send().await.map_err(|e| self.network_error(&request.url, e))?;
            let status = response.status();
            let body = response.text().await.map_err(|e| self.network_error(&request.url, e))?;
            match self.api.parse(number, status, &body) {
                Err(e) if self.api.adapt(&e) => adapted = true,
                Ok(page) => {
                    if adapted {
                        (self.on_adapted)(&self.api);
                    }
                    return Ok(page);
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// No status at all: aborted by us, or the browser refused (CORS) or could not connect.
    fn network_error(&self, url: &str, error: gloo_net::Error) -> ProviderError {
        if self.signal.as_ref().is_some_and(AbortSignal::aborted) {
            return ProviderError::Cancelled;
        }
        ProviderError::Network { endpoint: origin(url), detail: error.to_string() }
    }
}

impl<A: PagedApi> Provider for HttpProvider<A> {
    fn fetch_page(&self, number: usize) -> LocalBoxFuture<'_, Result<Page, ProviderError>> {
        self.fetch(number).boxed_local()
    }
}

/// `https://host:port` of a URL: enough to say where, without the query.
fn origin(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find(['/', '?', '#']).map_or(url.len(), |i| after_scheme + i);
    url[..end].to_string()
}
