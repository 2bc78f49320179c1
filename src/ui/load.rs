//! Loading a repository into the catalog: one load at a time, pages batched per frame.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::status::{can_refresh, refresh_failures_after, LoadPhase, Retry};
use crate::engine::catalog::{Catalog, Changes};
use crate::engine::model::Artifact;
use crate::providers::loader::{load_all, EndedEarly, Generations, LoadEvent, LoadOptions};
use crate::providers::{Provider, ProviderError};

/// How long later pages of a load wait to be merged together.
const BATCH_MS: u64 = 400;

#[derive(Clone, Debug, PartialEq)]
pub enum LoadStatus {
    Idle,
    /// Nothing can load until the person supplies something (a token, coordinates).
    Waiting(String),
    Loading {
        pages_loaded: usize,
        pages_total: Option<usize>,
        records: usize,
        retry: Option<Retry>,
    },
    Loaded {
        pages: usize,
        records: usize,
        /// The server announced more pages than it had.
        ended_early: Option<EndedEarly>,
    },
    Failed(ProviderError),
}

impl LoadStatus {
    pub fn phase(&self) -> LoadPhase {
        match self {
            LoadStatus::Idle => LoadPhase::Idle,
            LoadStatus::Waiting(_) => LoadPhase::Waiting,
            LoadStatus::Loading { .. } => LoadPhase::Loading,
            LoadStatus::Loaded { .. } => LoadPhase::Loaded,
            LoadStatus::Failed(_) => LoadPhase::Failed,
        }
    }
}

/// The repository on screen and the state of its load.
#[derive(Clone, Copy)]
pub struct RepoData {
    pub catalog: RwSignal<Catalog>,
    /// Bumped whenever the catalog changes, so rows re-render with fresh data.
    pub revision: RwSignal<u64>,
    pub status: RwSignal<LoadStatus>,
    pub malformed: RwSignal<usize>,
    /// What the last refresh changed; marked until the next one.
    pub changes: RwSignal<Option<Changes>>,
    /// Refreshes in a row that failed; the rows of the last complete listing stay meanwhile.
    pub refresh_failures: RwSignal<u32>,
    /// Whether the page may show: the first render is split into tasks (each short enough
    /// not to block input), and the page shows once the first load has drawn all it can
    /// without the network, so nothing on screen moves as the parts arrive.
    pub shown: RwSignal<bool>,
    generations: StoredValue<Generations, LocalStorage>,
    /// Aborts the HTTP requests of the load in flight.
    abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
    pending: StoredValue<Rc<RefCell<Pending>>, LocalStorage>,
}

#[derive(Default)]
struct Pending {
    artifacts: Vec<Artifact>,
    flush_scheduled: bool,
    /// A refresh builds the new catalog here and swaps it in when complete, so the rows on
    /// screen stay until then (and stay for good if the refresh fails).
    staging: Option<Catalog>,
}

impl Default for RepoData {
    fn default() -> Self {
        Self::new()
    }
}

impl RepoData {
    pub fn new() -> Self {
        RepoData {
            catalog: RwSignal::new(Catalog::default()),
            revision: RwSignal::new(0),
            status: RwSignal::new(LoadStatus::Idle),
            malformed: RwSignal::new(0),
            changes: RwSignal::new(None),
            refresh_failures: RwSignal::new(0),
            shown: RwSignal::new(false),
            generations: StoredValue::new_local(Generations::default()),
            abort: StoredValue::new_local(None),
            pending: StoredValue::new_local(Rc::default()),
        }
    }

    /// Stops any load in flight (its late replies are dropped) and empties the grid.
    pub fn clear(self) {
        self.stop();
        self.catalog.set(Catalog::default());
        self.malformed.set(0);
        self.changes.set(None);
        self.refresh_failures.set(0);
        self.revision.update(|r| *r += 1);
        self.status.set(LoadStatus::Idle);
    }

    /// Whether the rows on screen are a complete listing a refresh can replace: the last
    /// load succeeded, or only refreshes failed since it did.
    pub fn can_refresh(self) -> bool {
        can_refresh(self.status.with_untracked(LoadStatus::phase), self.refresh_failures.get_untracked())
    }

    /// Stops the load in flight: its requests are aborted and its late replies dropped.
    fn stop(self) {
        self.generations.with_value(Generations::cancel);
        if let Some(controller) = self.abort.try_update_value(Option::take).flatten() {
            controller.abort();
        }
        self.pending.with_value(|p| {
            let mut p = p.borrow_mut();
            p.artifacts.clear();
            p.staging = None;
        });
    }

    /// Shows why nothing is loading.
    pub fn wait(self, reason: impl Into<String>) {
        self.clear();
        self.status.set(LoadStatus::Waiting(reason.into()));
        self.show_next_task();
    }

    /// Shows an error that stopped a load before it started.
    pub fn fail(self, error: ProviderError) {
        self.clear();
        self.status.set(LoadStatus::Failed(error));
        self.show_next_task();
    }

    /// Shows the page in a task after the tasks queued so far (the rest of the first render).
    fn show_next_task(self) {
        if !self.shown.get_untracked() {
            set_timeout(move || _ = self.shown.try_set(true), std::time::Duration::ZERO);
        }
    }

    /// Replaces the catalog with everything the provider lists. `make` gets the signal that
    /// aborts this load's requests. Rows show as soon as the first page arrives; later pages
    /// are merged in batches. With `refresh` (and a complete listing on screen), the rows on
    /// screen stay until the new listing is complete, and what changed is marked; if the
    /// refresh fails they stay, the failure is shown and counted, and a later refresh can
    /// still replace them. A first page shows with a listing that needs no network (the
    /// demo's) drawn in it, or while one that does is under way.
    pub fn load(
        self,
        refresh: bool,
        needs_network: bool,
        make: Box<dyn FnOnce(Option<web_sys::AbortSignal>) -> Rc<dyn Provider>>,
    ) {
        let refresh = refresh && self.can_refresh();
        if refresh {
            self.stop();
            self.pending.with_value(|p| p.borrow_mut().staging = Some(Catalog::default()));
        } else {
            self.clear();
        }
        let controller = web_sys::AbortController::new().ok();
        let provider = make(controller.as_ref().map(|c| c.signal()));
        self.abort.set_value(controller);
        let ticket = self.generations.with_value(Generations::start);
        self.status.set(LoadStatus::Loading { pages_loaded: 0, pages_total: None, records: 0, retry: None });
        let options = LoadOptions { jitter_seed: js_sys::Date::now() as u64, ..LoadOptions::default() };
        let still_current = ticket.clone();
        spawn_local(async move {
            let sleep = |ms: u64| gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32);
            let on_event = move |event: LoadEvent| match event {
                LoadEvent::Page { page, pages_loaded, pages_total, records_loaded } => {
                    // The first page tells how much room the whole listing needs.
                    let room = page.expected_artifacts().filter(|_| pages_loaded == 1);
                    if refresh {
                        self.pending.with_value(|p| {
                            if let Some(staging) = p.borrow_mut().staging.as_mut() {
                                if let Some(total) = room {
                                    staging.reserve_for(total);
                                }
                                staging.extend(page.artifacts);
                            }
                        });
                    } else {
                        if let Some(total) = room {
                            self.catalog.update_untracked(|c| c.reserve_for(total));
                        }
                        self.malformed.update(|m| *m += page.malformed);
                        self.queue(page.artifacts, needs_network);
                    }
                    self.status.set(LoadStatus::Loading {
                        pages_loaded,
                        pages_total,
                        records: records_loaded,
                        retry: None,
                    });
                }
                LoadEvent::Retrying { attempt, delay_ms, reason, .. } => self.status.update(|s| {
                    if let LoadStatus::Loading { retry, .. } = s {
                        *retry = Some(Retry {
                            reason,
                            attempt,
                            max_attempts: options.max_attempts,
                            at_ms: js_sys::Date::now() + delay_ms as f64,
                        });
                    }
                }),
            };
            // The listing, the merge of what is left, and the redraw each in a task of their
            // own, after the rest of the first render: for the demo, each is under the 50 ms
            // at 4× CPU past which Lighthouse counts a task as blocking, all in one was not.
            sleep(0).await;
            if needs_network {
                self.show_next_task();
            }
            let result = load_all(provider.as_ref(), options, ticket, sleep, on_event).await;
            sleep(0).await;
            if !still_current.is_current() {
                return;
            }
            if self.merge() {
                sleep(0).await;
                if !still_current.is_current() {
                    return;
                }
                self.announce();
            }
            self.show_next_task();
            if let (true, Ok(_)) = (refresh, &result) {
                self.swap_in_staging();
            }
            let failures = self.refresh_failures.get_untracked();
            self.refresh_failures.set(refresh_failures_after(failures, refresh, result.as_ref().map(|_| ())));
            self.status.set(match result {
                Ok(summary) => LoadStatus::Loaded {
                    pages: summary.pages,
                    records: summary.records,
                    ended_early: summary.ended_early,
                },
                Err(ProviderError::Cancelled) => LoadStatus::Idle,
                Err(error) => LoadStatus::Failed(error),
            });
        });
    }

    /// Shows the refreshed catalog, marking rows that are new since the previous one.
    fn swap_in_staging(self) {
        let Some(fresh) = self.pending.with_value(|p| p.borrow_mut().staging.take()) else { return };
        self.changes.set(Some(self.catalog.with_untracked(|before| before.diff(&fresh))));
        self.catalog.set(fresh);
        self.revision.update(|r| *r += 1);
    }

    /// Pages wait here to be merged: the first at the next frame (rows at once), later ones
    /// in batches, because every merge re-sorts and re-filters the whole repository. Without
    /// `scheduled`, when the listing ends (one that needs no network ends at once).
    fn queue(self, artifacts: Vec<Artifact>, scheduled: bool) {
        let pending = self.pending.get_value();
        let mut p = pending.borrow_mut();
        p.artifacts.extend(artifacts);
        if scheduled && !p.flush_scheduled {
            p.flush_scheduled = true;
            if self.catalog.with_untracked(Catalog::is_empty) {
                request_animation_frame(move || self.flush());
            } else {
                set_timeout(move || self.flush(), std::time::Duration::from_millis(BATCH_MS));
            }
        }
    }

    /// Merges the pages waiting and shows them.
    fn flush(self) {
        if self.merge() {
            self.announce();
        }
    }

    /// Merges the pages waiting into the catalog without showing them yet; false if none.
    fn merge(self) -> bool {
        let Some(pending) = self.pending.try_get_value() else { return false };
        let artifacts = {
            let mut p = pending.borrow_mut();
            p.flush_scheduled = false;
            std::mem::take(&mut p.artifacts)
        };
        if artifacts.is_empty() {
            return false;
        }
        self.catalog.update_untracked(|c| c.extend(artifacts));
        true
    }

    /// Shows what was merged: the rows re-sort, re-filter and redraw.
    fn announce(self) {
        self.catalog.notify();
        self.revision.update(|r| *r += 1);
    }
}
