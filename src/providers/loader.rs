//! Loads every page of a repository through any [`Provider`]: page 1 first, then the rest
//! with bounded concurrency when the total is known, or in order until a short page when it
//! is not. A known total is a claim, not an order: the first empty or short page ends the
//! listing whatever the total said, and the load says so. Retries throttling with
//! exponential backoff and jitter, reports progress, and stops emitting as soon as a newer
//! load has started.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use futures::stream::{self, StreamExt};
use futures::FutureExt;

use crate::engine::format;
use crate::providers::{Page, Provider, ProviderError};

/// Safety stop for open-ended listings whose pages never run short.
const MAX_OPEN_ENDED_PAGES: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    pub concurrency: usize,
    /// Attempts per page, the first included.
    pub max_attempts: u32,
    pub base_delay_ms: u64,
    /// Seeds the jitter, so concurrent clients do not retry in lockstep.
    pub jitter_seed: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { concurrency: 4, max_attempts: 5, base_delay_ms: 1000, jitter_seed: 0 }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoadEvent {
    /// A page arrived; progress counts include it.
    Page { page: Page, pages_loaded: usize, pages_total: Option<usize>, records_loaded: usize },
    /// A page was throttled or the service was unavailable; trying again after `delay_ms`.
    Retrying { page: usize, attempt: u32, delay_ms: u64, reason: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadSummary {
    /// Pages delivered (an empty page after the first is not delivered).
    pub pages: usize,
    pub records: usize,
    /// Set when the server announced more pages than it had: the listing ended at an empty
    /// or short page before the announced total.
    pub ended_early: Option<EndedEarly>,
}

/// A listing that ended before the total the server announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EndedEarly {
    pub announced_pages: usize,
    /// Pages that held records.
    pub pages_received: usize,
}

impl EndedEarly {
    /// What to tell the person, given the records that were received (all of them shown).
    pub fn sentence(&self, records: usize) -> String {
        let announced = format!(
            "The server announced {} page{}",
            format::count(self.announced_pages),
            if self.announced_pages == 1 { "" } else { "s" }
        );
        if self.pages_received == 0 {
            return format!("{announced} but sent no records.");
        }
        format!(
            "{announced} but the listing ended after {}: showing the {} record{} received.",
            format::count(self.pages_received),
            format::count(records),
            if records == 1 { "" } else { "s" }
        )
    }
}

/// Hands out tickets; starting a new load makes every older ticket stale.
#[derive(Clone, Debug, Default)]
pub struct Generations(Rc<Cell<u64>>);

impl Generations {
    pub fn start(&self) -> Ticket {
        self.0.set(self.0.get() + 1);
        Ticket { counter: self.0.clone(), mine: self.0.get() }
    }

    /// Makes the current load stale without starting another.
    pub fn cancel(&self) {
        self.0.set(self.0.get() + 1);
    }
}

#[derive(Clone, Debug)]
pub struct Ticket {
    counter: Rc<Cell<u64>>,
    mine: u64,
}

impl Ticket {
    pub fn is_current(&self) -> bool {
        self.counter.get() == self.mine
    }
}

/// Loads all pages. Events are only emitted while `ticket` is current; a stale load ends
/// with `Err(Cancelled)`. On failure, pages already emitted stay with the caller.
pub async fn load_all<P, S, F>(
    provider: &P,
    options: LoadOptions,
    ticket: Ticket,
    sleep: S,
    on_event: impl FnMut(LoadEvent),
) -> Result<LoadSummary, ProviderError>
where
    P: Provider + ?Sized,
    S: Fn(u64) -> F,
    F: Future<Output = ()>,
{
    // Single-threaded: every call borrows briefly and never across an await.
    let on_event = RefCell::new(on_event);
    let notify = |event: LoadEvent| {
        if ticket.is_current() {
            (on_event.borrow_mut())(event);
        }
    };
    let fetch = |number: usize| {
        let (ticket, sleep, notify) = (&ticket, &sleep, &notify);
        async move {
            let mut attempt = 1;
            loop {
                if !ticket.is_current() {
                    return Err(ProviderError::Cancelled);
                }
                match provider.fetch_page(number).await {
                    Err(e) if e.is_retryable() && attempt < options.max_attempts => {
                        let delay_ms = backoff_ms(&options, number, attempt);
                        notify(LoadEvent::Retrying { page: number, attempt, delay_ms, reason: e.to_string() });
                        sleep(delay_ms).await;
                        attempt += 1;
                    }
                    Err(_) if !ticket.is_current() => return Err(ProviderError::Cancelled),
                    other => return other,
                }
            }
        }
    };
    let mut progress = LoadSummary { pages: 0, records: 0, ended_early: None };
    let mut with_records = 0;
    let mut deliver = |page: Page, pages_total: Option<usize>| -> Result<(), ProviderError> {
        if !ticket.is_current() {
            return Err(ProviderError::Cancelled);
        }
        progress.pages += 1;
        progress.records += page.records;
        with_records += usize::from(page.records > 0);
        let (pages_loaded, records_loaded) = (progress.pages, progress.records);
        notify(LoadEvent::Page { page, pages_loaded, pages_total, records_loaded });
        Ok(())
    };
    // An empty page, or one shorter than asked for, proves the listing ends there.
    let is_last = |page: &Page| page.records < page.per_page.max(1);

    // Page 1 tells whether the total is known.
    let first = fetch(1).await?;
    let per_page = first.per_page.max(1);
    let total_pages = first.total_pages;
    let mut last_records = first.records;
    // The first page that proved the end, if any.
    let end = Cell::new(is_last(&first).then_some(1));
    deliver(first, total_pages)?;

    match total_pages {
        Some(total) => {
            // Page numbers are taken lazily, one per free slot, and no more once a page has
            // proved the end: at most `concurrency` requests beyond it are in flight then.
            let numbers = (2..=total).take_while(|_| end.get().is_none());
            let in_flight = RefCell::new(Vec::new());
            let mut rest = stream::iter(numbers)
                .map(|number| {
                    in_flight.borrow_mut().push(number);
                    fetch(number).map(move |result| (number, result))
                })
                .buffer_unordered(options.concurrency.max(1));
            while let Some((number, result)) = rest.next().await {
                in_flight.borrow_mut().retain(|&n| n != number);
                let beyond_end = end.get().is_some_and(|e| number > e);
                let page = match result {
                    Ok(page) => page,
                    // Past the proven end there is nothing to miss.
                    Err(e) if beyond_end && e != ProviderError::Cancelled => continue,
                    Err(e) => return Err(e),
                };
                if is_last(&page) && end.get().is_none_or(|e| number < e) {
                    end.set(Some(number));
                }
                if page.records > 0 {
                    deliver(page, total_pages)?;
                }
                // Pages past the end cannot hold anything: no need to wait for them.
                if end.get().is_some_and(|e| in_flight.borrow().iter().min().is_none_or(|&n| n > e)) {
                    break;
                }
            }
            if end.get().is_some_and(|e| e < total) {
                progress.ended_early = Some(EndedEarly { announced_pages: total, pages_received: with_records });
            }
        }
        None => {
            let mut number = 1;
            while last_records >= per_page && number < MAX_OPEN_ENDED_PAGES {
                number += 1;
                let page = fetch(number).await?;
                last_records = page.records;
                if last_records == 0 {
                    break;
                }
                deliver(page, None)?;
            }
        }
    }
    if !ticket.is_current() {
        return Err(ProviderError::Cancelled);
    }
    Ok(progress)
}

/// The longest auto-refresh waits after failures, unless the interval itself is longer.
pub const MAX_REFRESH_DELAY_MS: u64 = 60 * 60_000;

/// How long until the next auto-refresh, given the chosen interval and how many refreshes
/// in a row have failed: the interval doubles after each failure, up to an hour (or the
/// interval itself if it is longer), and is the interval again after a success.
pub fn refresh_delay_ms(interval_ms: u64, consecutive_failures: u32) -> u64 {
    let doubled = interval_ms.saturating_mul(1u64 << consecutive_failures.min(32));
    doubled.min(MAX_REFRESH_DELAY_MS.max(interval_ms))
}

/// Exponential backoff (base · 2^(attempt-1)) with ±50 % jitter.
pub fn backoff_ms(options: &LoadOptions, page: usize, attempt: u32) -> u64 {
    let exp = options.base_delay_ms.saturating_mul(1u64 << (attempt - 1).min(16));
    let mut x = options.jitter_seed ^ (page as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ u64::from(attempt);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    let factor_permille = 500 + x % 1001; // 0.5 ..= 1.5
    exp.saturating_mul(factor_permille) / 1000
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::collections::VecDeque;
    use std::task::Poll;

    use futures::future::LocalBoxFuture;
    use futures::FutureExt;

    use super::*;
    use crate::engine::model::Artifact;

    /// Serves `total` records in pages of `per_page`; each call yields to the executor once
    /// (so concurrency shows) and may be scripted to fail first.
    struct Fake {
        total: usize,
        per_page: usize,
        known_total: bool,
        /// A total the server claims instead of the true one (a liar).
        claimed_pages: Option<usize>,
        failures: RefCell<VecDeque<(usize, ProviderError)>>,
        calls: RefCell<Vec<usize>>,
        in_flight: Cell<usize>,
        max_in_flight: Cell<usize>,
    }

    impl Fake {
        /// Holds `total` records but announces `claimed_pages` pages.
        fn liar(total: usize, per_page: usize, claimed_pages: usize) -> Self {
            Fake { claimed_pages: Some(claimed_pages), ..Fake::new(total, per_page, true) }
        }

        fn new(total: usize, per_page: usize, known_total: bool) -> Self {
            Fake {
                total,
                per_page,
                known_total,
                claimed_pages: None,
                failures: RefCell::default(),
                calls: RefCell::default(),
                in_flight: Cell::new(0),
                max_in_flight: Cell::new(0),
            }
        }
    }

    fn throttled() -> ProviderError {
        ProviderError::Api {
            status: 429,
            code: "rate_limit_reached".into(),
            summary: "Too many requests".into(),
            remedy: String::new(),
            details: vec![],
            retryable: true,
        }
    }

    impl Provider for Fake {
        fn fetch_page(&self, number: usize) -> LocalBoxFuture<'_, Result<Page, ProviderError>> {
            self.calls.borrow_mut().push(number);
            self.in_flight.set(self.in_flight.get() + 1);
            self.max_in_flight.set(self.max_in_flight.get().max(self.in_flight.get()));
            async move {
                let mut yielded = false;
                futures::future::poll_fn(|cx| {
                    if yielded {
                        Poll::Ready(())
                    } else {
                        yielded = true;
                        cx.waker().wake_by_ref();
                        Poll::Pending
                    }
                })
                .await;
                self.in_flight.set(self.in_flight.get() - 1);
                let scripted = {
                    let mut failures = self.failures.borrow_mut();
                    let hit = failures.iter().position(|(p, _)| *p == number);
                    hit.and_then(|i| failures.remove(i))
                };
                if let Some((_, error)) = scripted {
                    return Err(error);
                }
                let start = ((number - 1) * self.per_page).min(self.total);
                let end = (start + self.per_page).min(self.total);
                let artifacts: Vec<Artifact> =
                    (start..end).map(|i| Artifact::new(&format!("a{i}"), &format!("sha256:{i}"))).collect();
                Ok(Page {
                    records: artifacts.len(),
                    artifacts,
                    malformed: 0,
                    per_page: self.per_page,
                    total_pages: self
                        .known_total
                        .then(|| self.claimed_pages.unwrap_or(self.total.div_ceil(self.per_page))),
                    total_records: self
                        .known_total
                        .then(|| self.claimed_pages.map_or(self.total, |p| p * self.per_page)),
                })
            }
            .boxed_local()
        }
    }

    fn run(
        fake: &Fake,
        generations: &Generations,
        on_event: impl FnMut(LoadEvent),
    ) -> Result<LoadSummary, ProviderError> {
        let options = LoadOptions { concurrency: CONCURRENCY, max_attempts: 3, base_delay_ms: 100, jitter_seed: 7 };
        futures::executor::block_on(load_all(fake, options, generations.start(), |_| async {}, on_event))
    }

    fn ids(events: &[LoadEvent]) -> usize {
        events.iter().map(|e| if let LoadEvent::Page { page, .. } = e { page.artifacts.len() } else { 0 }).sum()
    }

    #[test]
    fn known_total_loads_every_page_with_bounded_concurrency() {
        let fake = Fake::new(1_050, 100, true);
        let mut events = Vec::new();
        let summary = run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        assert_eq!(summary, LoadSummary { pages: 11, records: 1_050, ended_early: None });
        assert_eq!(ids(&events), 1_050);
        assert_eq!(fake.calls.borrow().len(), 11, "one request per page");
        assert_eq!(fake.max_in_flight.get(), 3, "never more than the bound in flight");
        let last = events.last().unwrap();
        assert!(matches!(last, LoadEvent::Page { pages_loaded: 11, pages_total: Some(11), records_loaded: 1_050, .. }));
    }

    #[test]
    fn open_ended_listing_stops_at_the_short_page() {
        let fake = Fake::new(450, 100, false);
        let mut events = Vec::new();
        run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        assert_eq!(*fake.calls.borrow(), vec![1, 2, 3, 4, 5], "in order, stopping after the short page");
        assert_eq!(ids(&events), 450);
        assert_eq!(fake.max_in_flight.get(), 1);
    }

    #[test]
    fn open_ended_listing_of_exact_pages_stops_at_the_empty_page() {
        let fake = Fake::new(200, 100, false);
        run(&fake, &Generations::default(), |_| {}).unwrap();
        assert_eq!(*fake.calls.borrow(), vec![1, 2, 3]);
    }

    #[test]
    fn throttling_is_retried_with_growing_delays() {
        let fake = Fake::new(300, 100, true);
        fake.failures.borrow_mut().extend([(2, throttled()), (2, throttled())]);
        let mut events = Vec::new();
        let summary = run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        assert_eq!(summary.records, 300);
        let delays: Vec<u64> = events
            .iter()
            .filter_map(|e| if let LoadEvent::Retrying { page: 2, delay_ms, .. } = e { Some(*delay_ms) } else { None })
            .collect();
        assert_eq!(delays.len(), 2);
        assert!((50..=150).contains(&delays[0]) && (100..=300).contains(&delays[1]), "{delays:?}");
    }

    #[test]
    fn exhausted_retries_fail_but_keep_loaded_pages() {
        let fake = Fake::new(300, 100, true);
        fake.failures.borrow_mut().extend((0..3).map(|_| (3, throttled())));
        let mut events = Vec::new();
        let result = run(&fake, &Generations::default(), |e| events.push(e));
        assert_eq!(result, Err(throttled()));
        assert_eq!(ids(&events), 200, "pages 1 and 2 were delivered before the failure");
    }

    #[test]
    fn other_errors_are_not_retried() {
        let fake = Fake::new(300, 100, true);
        fake.failures.borrow_mut().push_back((1, ProviderError::Invalid("nope".into())));
        let result = run(&fake, &Generations::default(), |_| {});
        assert_eq!(result, Err(ProviderError::Invalid("nope".into())));
        assert_eq!(*fake.calls.borrow(), vec![1]);
    }

    #[test]
    fn a_newer_load_silences_the_older_one() {
        let fake = Fake::new(1_000, 100, true);
        let generations = Generations::default();
        let mut events = 0;
        let result = run(&fake, &generations, |_| {
            events += 1;
            if events == 2 {
                generations.start();
            }
        });
        assert_eq!(result, Err(ProviderError::Cancelled));
        assert_eq!(events, 2, "nothing is delivered once stale");
        assert!(fake.calls.borrow().len() < 10, "no new requests once stale");
    }

    /// Concurrency of `run`.
    const CONCURRENCY: usize = 3;

    #[test]
    fn an_announced_total_is_a_claim_the_first_empty_page_ends() {
        // Three full pages, then empty ones, while the server announces a million.
        let fake = Fake::liar(300, 100, 1_000_000);
        let mut events = Vec::new();
        let summary = run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        let calls = fake.calls.borrow().len();
        assert!(calls <= 3 + CONCURRENCY, "{calls} requests for 3 pages of data");
        assert_eq!(ids(&events), 300, "every row received is kept");
        assert_eq!(summary.records, 300);
        assert_eq!(summary.ended_early, Some(EndedEarly { announced_pages: 1_000_000, pages_received: 3 }));
        assert_eq!(summary.pages, 3, "empty pages are not delivered");
    }

    #[test]
    fn a_short_page_ends_a_listing_whose_total_lies() {
        let fake = Fake::liar(250, 100, 5_000);
        let mut events = Vec::new();
        let summary = run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        let calls = fake.calls.borrow().len();
        assert!(calls <= 3 + CONCURRENCY, "{calls} requests for 3 pages of data");
        assert_eq!(ids(&events), 250);
        assert_eq!(summary.records, 250);
        assert_eq!(summary.ended_early, Some(EndedEarly { announced_pages: 5_000, pages_received: 3 }));
    }

    #[test]
    fn an_honest_total_is_not_reported_as_ending_early() {
        for total in [0, 40, 100, 1_000, 1_050] {
            let fake = Fake::new(total, 100, true);
            let summary = run(&fake, &Generations::default(), |_| {}).unwrap();
            assert_eq!(summary.ended_early, None, "{total}");
            assert_eq!(fake.calls.borrow().len(), total.div_ceil(100).max(1), "{total}: one request per page");
        }
    }

    #[test]
    fn pages_past_the_end_that_need_retries_are_not_waited_for() {
        let fake = Fake::liar(300, 100, 1_000_000);
        // Every page past the data is throttled: waiting for them would take retries.
        fake.failures.borrow_mut().extend((5..=20).flat_map(|p| [(p, throttled()), (p, throttled())]));
        let mut retries = Vec::new();
        let summary = run(&fake, &Generations::default(), |e| {
            if let LoadEvent::Retrying { page, .. } = e {
                retries.push(page);
            }
        })
        .unwrap();
        assert_eq!(summary.records, 300);
        assert!(fake.calls.borrow().len() <= 3 + CONCURRENCY, "{:?}", fake.calls.borrow());
        assert!(retries.is_empty(), "past the end nothing is retried: {retries:?}");
    }

    #[test]
    fn ending_early_is_told_in_a_sentence() {
        let early = EndedEarly { announced_pages: 1_000_000, pages_received: 3 };
        assert_eq!(
            early.sentence(600),
            "The server announced 1,000,000 pages but the listing ended after 3: showing the 600 records received."
        );
        let nothing = EndedEarly { announced_pages: 2, pages_received: 0 };
        assert_eq!(nothing.sentence(0), "The server announced 2 pages but sent no records.");
    }

    #[test]
    fn a_short_first_page_needs_no_second_request() {
        let fake = Fake::liar(40, 100, 1_000_000);
        let mut events = Vec::new();
        run(&fake, &Generations::default(), |e| events.push(e)).unwrap();
        assert_eq!(fake.calls.borrow().len(), 1, "requests made");
        assert_eq!(ids(&events), 40);
        let summary = run(&Fake::liar(0, 100, 7), &Generations::default(), |_| {}).unwrap();
        assert_eq!(summary.ended_early, Some(EndedEarly { announced_pages: 7, pages_received: 0 }));
    }

    #[test]
    fn failures_past_the_proven_end_do_not_fail_the_load() {
        let fake = Fake::liar(300, 100, 1_000_000);
        fake.failures.borrow_mut().extend((5..=20).map(|p| (p, ProviderError::Invalid("no such page".into()))));
        let mut events = Vec::new();
        let result = run(&fake, &Generations::default(), |e| events.push(e));
        assert!(result.is_ok(), "{result:?}");
        assert_eq!(ids(&events), 300);
    }

    #[test]
    fn auto_refresh_backs_off_after_failures_and_recovers() {
        const MIN: u64 = 60_000;
        let delays: Vec<u64> = (0..9).map(|k| refresh_delay_ms(MIN, k) / MIN).collect();
        assert_eq!(delays, vec![1, 2, 4, 8, 16, 32, 60, 60, 60], "doubling after each failure, capped at an hour");
        assert_eq!(refresh_delay_ms(5 * MIN, 0), 5 * MIN, "no failure: the chosen interval");
        assert_eq!(refresh_delay_ms(15 * MIN, 1), 30 * MIN);
        assert_eq!(refresh_delay_ms(15 * MIN, 3), 60 * MIN);
        assert_eq!(refresh_delay_ms(90 * MIN, 5), 90 * MIN, "never shorter than the interval");
        assert_eq!(refresh_delay_ms(MIN, u32::MAX), 60 * MIN, "no overflow");
    }

    #[test]
    fn backoff_grows_and_jitters() {
        let o = LoadOptions { base_delay_ms: 1000, ..LoadOptions::default() };
        for attempt in 1..6 {
            let d = backoff_ms(&o, 1, attempt);
            let base = 1000u64 << (attempt - 1);
            assert!(d >= base / 2 && d <= base * 3 / 2, "attempt {attempt}: {d}");
        }
        assert_ne!(backoff_ms(&o, 1, 1), backoff_ms(&o, 2, 1), "pages do not retry in lockstep");
    }
}
