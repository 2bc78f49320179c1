//! What a source needs before it loads — coordinates, a token, the person's confirmation
//! of the hosts the token goes to — and starting the load with the right provider.

use std::rc::Rc;

use crate::app::config::Config;
use crate::app::host_policy::Verdict;
use crate::app::source::Coordinates;
use crate::app::status::Waiting;
use crate::app::url_state::ViewState;
use crate::browser::fetch::{parse_url, token_verdict, HttpProvider};
use crate::browser::storage::{self, Key};
use crate::providers::demo::Dataset;
use crate::providers::demo::DemoProvider;
use crate::providers::http::{PagedApi, Route};
use crate::providers::katapult::{self, KatapultApi, RepositoryRef};
use crate::providers::swr::SwrApi;
use crate::providers::ProviderKind;
use crate::providers::{Provider, ProviderError};
use crate::ui::load::RepoData;
use crate::ui::trust::Confirmation;
use leptos::prelude::*;

pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The part of the view that decides what is loaded (filters, sort and page do not).
pub type Source = (ProviderKind, Dataset, Coordinates);

pub fn source_of(v: &ViewState) -> Source {
    (v.provider, v.dataset, v.coords.clone())
}

/// The endpoint a provider's requests go to: the URL's, else the deployment's, else the
/// provider's public one.
fn effective_endpoint(provider: ProviderKind, endpoint: &str, config: &Config) -> String {
    let configured = match provider {
        ProviderKind::Katapult => config.katapult_endpoint.as_deref().or(Some(katapult::DEFAULT_ENDPOINT)),
        ProviderKind::Swr => config.swr_endpoint.as_deref(),
        ProviderKind::Demo => None,
    };
    match endpoint.trim() {
        "" => configured.unwrap_or_default().trim_end_matches('/').to_string(),
        e => e.trim_end_matches('/').to_string(),
    }
}

fn effective_proxy(proxy: &str, config: &Config) -> String {
    match proxy.trim() {
        "" => config.proxy.clone().unwrap_or_default(),
        p => p.to_string(),
    }
}

pub fn token_key(source: &Source, config: &Config) -> Key {
    Key::Token { provider: source.0, endpoint: effective_endpoint(source.0, &source.2.endpoint, config) }
}

/// Starts loading `source`, unless something must come first: coordinates, a token, or the
/// person's confirmation of the hosts the token would go to (`confirm` is set then).
pub fn start_load(
    data: RepoData,
    source: &Source,
    config: &Config,
    confirm: RwSignal<Option<Confirmation>>,
    refresh: bool,
) {
    confirm.set(None);
    let (provider, dataset, coords) = source;
    if *provider == ProviderKind::Demo {
        let demo: Rc<dyn Provider> = Rc::new(DemoProvider::new(*dataset, now_secs()));
        return data.load(refresh, move |_| demo);
    }
    let endpoint = effective_endpoint(*provider, &coords.endpoint, config);
    let proxy = effective_proxy(&coords.proxy, config);
    let has_coordinates = match provider {
        ProviderKind::Swr => {
            ![&endpoint, &coords.instance, &coords.namespace, &coords.repository].iter().any(|v| v.is_empty())
        }
        _ => !coords.region.is_empty() && !(coords.repository.is_empty() && coords.repository_id.is_empty()),
    };
    if !has_coordinates {
        return data.wait(Waiting::Coordinates.sentence());
    }
    let Some(token) = storage::get(&token_key(source, config)) else {
        return data.wait(Waiting::Token.sentence());
    };
    let route = match Route::new(&endpoint, &proxy, &parse_url) {
        Ok(route) => route,
        Err(error) => return data.fail(error),
    };
    let started = match provider {
        ProviderKind::Swr => {
            SwrApi::new(route, &coords.instance, &coords.namespace, &coords.repository, coords.accessories, &token)
                .map(|api| load_http(data, refresh, api, config, confirm, |_| {}))
        }
        _ => {
            let repository = if coords.repository.is_empty() {
                RepositoryRef::Id(coords.repository_id.clone())
            } else {
                RepositoryRef::Name(coords.repository.clone())
            };
            let per_page_key = Key::KatapultPerPage { endpoint: endpoint.clone() };
            let remembered =
                storage::get(&per_page_key).and_then(|n| n.parse().ok()).unwrap_or(katapult::PAGE_SIZES[0]);
            KatapultApi::new(route, &coords.region, repository, &token, remembered).map(|api| {
                load_http(data, refresh, api, config, confirm, move |api: &KatapultApi| {
                    storage::set(&per_page_key, &api.per_page().to_string());
                })
            })
        }
    };
    if let Err(error) = started {
        data.fail(error);
    }
}

/// Loads through the token gate. The gate's verdict on the first request is asked first, so
/// the person confirms unknown hosts before anything is sent (the gate checks every request
/// again as it is made).
fn load_http<A: PagedApi + 'static>(
    data: RepoData,
    refresh: bool,
    api: A,
    config: &Config,
    confirm: RwSignal<Option<Confirmation>>,
    on_adapted: impl Fn(&A) + 'static,
) {
    match api.request(1).map(|first| token_verdict(&first, api.provider(), config)) {
        Err(error) => return data.fail(error),
        Ok(Verdict::Refuse(why)) => return data.fail(ProviderError::Refused(why)),
        Ok(Verdict::Confirm { hosts, insecure }) => {
            confirm.set(Some(Confirmation { hosts, insecure }));
            return data.wait(Waiting::Confirmation.sentence());
        }
        Ok(Verdict::Allow) => {}
    }
    let (api, config) = (Rc::new(api), Rc::new(config.clone()));
    data.load(refresh, move |signal| Rc::new(HttpProvider::new(api, config, signal, on_adapted)));
}
