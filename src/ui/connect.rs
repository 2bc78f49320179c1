//! What a source needs before it loads — coordinates, a token, the person's confirmation
//! of the hosts the token goes to — and starting the load with the right provider.

use std::rc::Rc;

use crate::app::config::Config;
use crate::app::host_policy::Verdict;
use crate::app::source::{Plan, Source};
use crate::app::status::Waiting;
use crate::browser::fetch::{parse_url, token_verdict, HttpProvider};
use crate::browser::storage::{self, Key};
use crate::providers::demo::DemoProvider;
use crate::providers::http::PagedApi;
use crate::providers::katapult::KatapultApi;
use crate::providers::{Provider, ProviderError};
use crate::ui::load::RepoData;
use crate::ui::trust::Confirmation;
use leptos::prelude::*;

pub fn now_secs() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
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
    let token = storage::get(&Key::token_for(source, config));
    let per_page_key = Key::per_page_for(source, config);
    let per_page = storage::get(&per_page_key);
    match source.plan(config, token.as_deref(), per_page.as_deref(), &parse_url) {
        Plan::Demo(dataset) => {
            let demo: Rc<dyn Provider> = Rc::new(DemoProvider::new(dataset, now_secs()));
            data.load(refresh, move |_| demo)
        }
        Plan::Wait(reason) => data.wait(reason.sentence()),
        Plan::Fail(error) => data.fail(error),
        Plan::Swr(api) => load_http(data, refresh, api, config, confirm, |_| {}),
        Plan::Katapult(api) => load_http(data, refresh, api, config, confirm, move |api: &KatapultApi| {
            storage::set(&per_page_key, &api.per_page().to_string());
        }),
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
