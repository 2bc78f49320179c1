//! The cleanup plan of the repository on screen: evaluated over the whole catalog whenever
//! it, the rules or their moment change (never for a filter, sort or page), with whether the
//! listing is complete enough for a delete list.

use std::sync::Arc;

use leptos::prelude::*;

use crate::app::cleanup::{completeness, write_summary, ListingFacts};
use crate::app::url_state::ViewState;
use crate::browser::idle::when_idle;
use crate::engine::catalog::Catalog;
use crate::engine::plan::{KeepRecent, Plan, PlanFacts, Rules};
use crate::engine::row_set::RowSet;
use crate::ui::load::{LoadStatus, RepoData};
use crate::ui::plan::ActivePlan;
use crate::ui::use_now::now_secs;

pub struct UseCleanupPlanOptions {
    pub data: RepoData,
    pub view_state: Signal<ViewState>,
}

pub struct UseCleanupPlanReturn {
    /// `None` without rules.
    pub active: Memo<Option<ActivePlan>>,
    /// `Err(why)` while decisions may still change.
    pub complete: Memo<Result<(), String>>,
}

pub fn use_cleanup_plan(options: UseCleanupPlanOptions) -> UseCleanupPlanReturn {
    let UseCleanupPlanOptions { data, view_state } = options;
    let rules = Memo::new(move |_| view_state.with(|v| v.rules.clone()));
    let as_of = Memo::new(move |_| view_state.with(|v| v.as_of));
    // Without `as_of` in the link, decisions count from the moment the listing completed.
    let listed_at = RwSignal::new(None::<i64>);
    Effect::new(move |_| {
        if matches!(data.status.get(), LoadStatus::Loaded { .. }) {
            listed_at.set(Some(now_secs()));
        }
    });
    // What no rule changes, worked out once per data revision: in idle time once the data
    // settles, so the first rule typed in does not wait for it.
    let facts = StoredValue::new(None::<(u64, Arc<PlanFacts>)>);
    let facts_for = move |revision: u64, c: &Catalog| {
        let known = facts.with_value(|f| f.as_ref().filter(|(r, f)| *r == revision && f.fits(c.len())).cloned());
        let (_, current) = known.unwrap_or_else(|| (revision, Arc::new(PlanFacts::of(c))));
        facts.set_value(Some((revision, current.clone())));
        current
    };
    // The compiler's work lasts as long as the page: one warm-up is enough.
    let warmed = StoredValue::new(false);
    Effect::new(move |_| {
        let revision = data.revision.get();
        if data.status.with(|s| matches!(s, LoadStatus::Loading { .. })) {
            return;
        }
        when_idle(None, move |_| {
            // Stale (newer data) or gone (unmounted): leave it to the next.
            if data.revision.try_get_untracked() == Some(revision) {
                let (facts, len) = data.catalog.with_untracked(|c| (facts_for(revision, c), c.len()));
                if !warmed.get_value() && len >= WARM_UP_MIN_ARTIFACTS && !rules.with_untracked(Rules::is_active) {
                    warmed.set_value(true);
                    warm_up(data, revision, facts, WARM_UP_ROUNDS);
                }
            }
        });
    });
    let active = Memo::new(move |_| {
        let rules = rules.get();
        if !rules.is_active() {
            return None;
        }
        let revision = data.revision.get();
        let (now, pinned) = match as_of.get() {
            Some(t) => (t, true),
            None => (listed_at.get().unwrap_or_else(now_secs), false),
        };
        let plan = measured("lading:plan", || {
            data.catalog.with(|c| Plan::evaluate_with(&facts_for(revision, c), c, &rules, now))
        });
        Some(ActivePlan { plan: Arc::new(plan), rules, pinned })
    });
    let complete = Memo::new(move |_| {
        let facts = data.status.with(|s| ListingFacts {
            loading: matches!(s, LoadStatus::Loading { .. }),
            failed: matches!(s, LoadStatus::Failed(_)),
            ended_early: matches!(s, LoadStatus::Loaded { ended_early: Some(_), .. }),
            malformed: data.malformed.get(),
        });
        completeness(facts)
    });
    UseCleanupPlanReturn { active, complete }
}

/// Runs `work` between two User Timing marks, so `make bench` can read how long it took.
fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// Throwaway plans in idle time before a first rule (see [`warm_up`]): enough runs over
/// the catalog for V8 to optimise the code, one idle task each.
const WARM_UP_ROUNDS: u32 = 3;
/// Below this many artifacts a first rule is quick without a warm-up, and too few runs of
/// the code would not get it optimised: the warm-up waits for a catalog this large.
const WARM_UP_MIN_ARTIFACTS: usize = 10_000;

/// V8 compiles a wasm function on its first call and optimises it once it has run hot:
/// throwaway plans over the whole catalog, in idle time, do both for the code a rule change
/// runs, so the first rule a person enters does not wait for the compiler. Every kind of
/// rule, keeping nothing: the deleting paths are the long ones. Their tag globs match no
/// tag, so no recent rule sorts candidates (a sort of 70,000 of them in code not compiled
/// yet made one 54 ms task). The last round also counts the delete list and writes the
/// summary.
fn warm_up(data: RepoData, revision: u64, facts: Arc<PlanFacts>, rounds: u32) {
    when_idle(None, move |_| {
        // Stale (newer data) or gone (unmounted): stop.
        if data.revision.try_get_untracked() != Some(revision) {
            return;
        }
        const NO_TAG: &str = "lading-warm-up/no-tag";
        let rules = Rules {
            keep_tag: vec![NO_TAG.into()],
            keep_recent: vec![KeepRecent { count: 1, glob: NO_TAG.into() }],
            keep_pushed_within: Some(0),
            keep_pulled_within: Some(0),
        };
        let now = now_secs();
        data.catalog.with_untracked(|c| {
            let plan = Plan::evaluate_with(&facts, c, &rules, now);
            if rounds <= 1 {
                // The rows as the grid keeps them (a set): the count runs the panel's code.
                let rows: RowSet = c.top_level().iter().copied().collect();
                std::hint::black_box((plan.delete_count(c, rows.iter()), write_summary(plan.summary(), now, false, None)));
            }
        });
        if rounds > 1 {
            warm_up(data, revision, facts, rounds - 1);
        }
    });
}
