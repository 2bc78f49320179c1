//! Loading the source in the URL: again whenever it changes (filters, sort and page never
//! reload), after the person's confirmation of the hosts a token would go to, and on the
//! connection form's Load; with the token kept for this tab, and forgotten on request.
//! What a source needs before it loads is decided in `app::source` ([`Source::plan`]).

use std::rc::Rc;

use leptos::prelude::*;

use crate::app::config::Config;
use crate::app::host_policy::Verdict;
use crate::app::source::{typed_token, Plan, Source};
use crate::app::status::Waiting;
use crate::browser::fetch::{parse_url, token_verdict, HttpProvider};
use crate::browser::storage::{self, Key};
use crate::providers::demo::DemoProvider;
use crate::providers::http::PagedApi;
use crate::providers::{Provider, ProviderError};
use crate::ui::load::RepoData;
use crate::ui::source::LoadRequest;
use crate::ui::trust::Confirmation;
use crate::ui::url::Views;
use crate::ui::use_now::now_secs;

pub struct UseSourceLoadOptions {
    pub config: StoredValue<Config>,
    /// The view in the URL, whose source is loaded.
    pub views: Views,
    /// Where the rows and the state of their load go.
    pub data: RepoData,
}

#[derive(Clone, Copy)]
pub struct UseSourceLoadReturn {
    /// What is loaded: the part of the view a change of which reloads.
    pub source: Memo<Source>,
    /// The hosts a token would go to, while the person is asked to confirm them.
    pub confirm: RwSignal<Option<Confirmation>>,
    /// The person confirmed those hosts: load.
    pub on_confirm: Callback<()>,
    /// The person did not: wait, saying so.
    pub on_cancel: Callback<()>,
    /// Loads it again keeping the rows on screen until the new listing is complete.
    pub refresh: Callback<()>,
    /// Whether a token is stored in this tab for the source's provider and endpoint.
    pub token_stored: Memo<bool>,
    /// The connection form's Load: the next view and the token typed (may be empty).
    pub on_load: Callback<LoadRequest>,
    pub on_forget_token: Callback<()>,
}

pub fn use_source_load(options: UseSourceLoadOptions) -> UseSourceLoadReturn {
    let UseSourceLoadOptions { config, views, data } = options;
    let view_state = views.current;
    let source = Memo::new(move |_| view_state.with(Source::of));
    let confirm = RwSignal::new(None::<Confirmation>);
    let start = move |refresh: bool| {
        config.with_value(|c| start_load(data, &source.get_untracked(), c, confirm, refresh));
    };
    let load = Callback::new(move |_| start(false));
    let refresh = Callback::new(move |_| start(true));
    // The first load starts in a task after the render that mounts the page (it empties the
    // grid, which redraws), the later ones at once.
    Effect::new(move |started: Option<()>| {
        source.track();
        if started.is_some() {
            load.run(());
        } else {
            set_timeout(move || _ = load.try_run(()), std::time::Duration::ZERO);
        }
    });

    // Bumped when the token store changes, so "stored" hints follow.
    let token_changes = RwSignal::new(0u32);
    let token_stored = Memo::new(move |_| {
        token_changes.track();
        source.with(|s| s.needs_token() && config.with_value(|c| storage::get(&Key::token_for(s, c)).is_some()))
    });
    let on_load = Callback::new(move |(next, typed): LoadRequest| {
        let next_source = Source::of(&next);
        if let Some(token) = typed_token(&typed) {
            config.with_value(|c| storage::set(&Key::token_for(&next_source, c), token));
            token_changes.update(|n| *n += 1);
        }
        // An endpoint or proxy the person typed here is their choice: no need to confirm it.
        let typed_hosts: Vec<String> = view_state.with_untracked(|v| {
            v.coords.typed_urls(&next.coords).into_iter().filter_map(|url| parse_url(url).map(|u| u.host())).collect()
        });
        storage::confirm_hosts(&typed_hosts);
        let same_source = source.with_untracked(|s| *s == next_source);
        views.set(next, false);
        if same_source {
            load.run(());
        }
    });
    let on_forget_token = Callback::new(move |_| {
        config.with_value(|c| storage::remove(&source.with_untracked(|s| Key::token_for(s, c))));
        token_changes.update(|n| *n += 1);
        load.run(());
    });

    let on_confirm = Callback::new(move |_| {
        if let Some(c) = confirm.get_untracked() {
            storage::confirm_hosts(&c.hosts);
        }
        load.run(());
    });
    let on_cancel = Callback::new(move |_| {
        confirm.set(None);
        data.wait(Waiting::NotConfirmed.sentence());
    });

    UseSourceLoadReturn { source, confirm, on_confirm, on_cancel, refresh, token_stored, on_load, on_forget_token }
}

/// Starts loading `source` as its plan says, unless something must come first: coordinates,
/// a token, or the person's confirmation of the hosts the token would go to (`confirm` is
/// set then).
fn start_load(
    data: RepoData,
    source: &Source,
    config: &Config,
    confirm: RwSignal<Option<Confirmation>>,
    refresh: bool,
) {
    confirm.set(None);
    // The demo reads no storage: the first access to it costs the first render ~7 ms.
    let stored = |key: &Key| source.needs_token().then(|| storage::get(key)).flatten();
    let token = stored(&Key::token_for(source, config));
    let per_page_key = Key::per_page_for(source, config);
    let per_page = stored(&per_page_key);
    match source.plan(config, token.as_deref(), per_page.as_deref(), &parse_url) {
        Plan::Demo(dataset) => {
            let demo: Rc<dyn Provider> = Rc::new(DemoProvider::new(dataset, now_secs()));
            data.load(refresh, false, Box::new(move |_| demo))
        }
        Plan::Wait(reason) => data.wait(reason.sentence()),
        Plan::Fail(error) => data.fail(error),
        Plan::Swr(api) => load_http(data, refresh, Rc::new(api), config, confirm, Box::new(|| {})),
        Plan::Katapult(api) => {
            let api = Rc::new(api);
            let adapted = api.clone();
            let remember = Box::new(move || storage::set(&per_page_key, &adapted.per_page().to_string()));
            load_http(data, refresh, api, config, confirm, remember)
        }
    }
}

/// Loads through the token gate. The gate's verdict on the first request is asked first, so
/// the person confirms unknown hosts before anything is sent (the gate checks every request
/// again as it is made).
/// One compiled copy for both providers (`dyn`): the fetch loop is the largest function.
fn load_http(
    data: RepoData,
    refresh: bool,
    api: Rc<dyn PagedApi>,
    config: &Config,
    confirm: RwSignal<Option<Confirmation>>,
    on_adapted: Box<dyn Fn()>,
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
    let config = Rc::new(config.clone());
    data.load(refresh, true, Box::new(move |signal| Rc::new(HttpProvider::new(api, config, signal, on_adapted))));
}
