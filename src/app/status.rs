//! Where the load stands and what the page says about it, from plain data: the status line,
//! the progress of a load and its retries, the empty grid, why nothing is loading; and
//! refreshing — when a refresh may replace the rows, when auto-refresh is due, how long it
//! waits after failures and what it says then.

use crate::engine::catalog::Changes;
use crate::engine::format;
use crate::engine::view::PageWindow;
use crate::providers::loader::refresh_delay_ms;
use crate::providers::ProviderError;

/// Where the load of the source stands, as far as what the page says depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadPhase {
    /// Nothing asked for yet, or the last load was cancelled.
    Idle,
    /// Nothing can load until the person supplies something.
    Waiting,
    Loading,
    Loaded,
    Failed,
}

impl LoadPhase {
    /// The load is over, one way or the other.
    pub fn has_ended(self) -> bool {
        matches!(self, LoadPhase::Loaded | LoadPhase::Failed)
    }
}

/// "Showing A–B of N artifacts (filtered from M)", then what the last refresh changed and
/// how many records could not be read, if any.
pub fn status_line(
    window: &PageWindow,
    unfiltered: usize,
    filtering: bool,
    changes: Option<&Changes>,
    malformed: usize,
) -> String {
    let mut s = if window.total == 0 {
        "No artifacts to show".to_string()
    } else {
        format!(
            "Showing {}–{} of {} artifact{}",
            format::count(window.start + 1),
            format::count(window.end),
            format::count(window.total),
            if window.total == 1 { "" } else { "s" }
        )
    };
    if filtering {
        s.push_str(&format!(" (filtered from {})", format::count(unfiltered)));
    }
    if let Some(c) = changes {
        s.push_str(&format!(
            ". Since the last refresh: {} new, {} removed",
            format::count(c.added.len()),
            format::count(c.removed)
        ));
    }
    if malformed > 0 {
        s.push_str(&format!(
            ". {} record{} could not be read and {} skipped",
            format::count(malformed),
            if malformed == 1 { "" } else { "s" },
            if malformed == 1 { "was" } else { "were" }
        ));
    }
    s
}

/// A page that failed and is asked for again after a pause.
#[derive(Clone, Debug, PartialEq)]
pub struct Retry {
    pub reason: String,
    /// Attempts made so far.
    pub attempt: u32,
    pub max_attempts: u32,
    /// `Date.now()` in ms when the next attempt starts.
    pub at_ms: f64,
}

impl Retry {
    /// "Throttled — retrying in 3 s (attempt 2 of 5).", counting down to `at_ms`.
    pub fn sentence(&self, now_ms: f64) -> String {
        // Whole seconds, as an integer: formatting an f64 would link float printing.
        let secs = ((self.at_ms - now_ms) / 1000.0).ceil().max(0.0) as u64;
        format!("{} — retrying in {secs} s (attempt {} of {}).", self.reason, self.attempt + 1, self.max_attempts)
    }
}

/// "Loading… 3 of 10 pages, 600 artifacts so far.", and the retry under way if any.
pub fn progress(
    pages_loaded: usize,
    pages_total: Option<usize>,
    records: usize,
    retry: Option<&Retry>,
    now_ms: f64,
) -> String {
    let pages = match pages_total {
        Some(total) => format!("{} of {} pages", format::count(pages_loaded), format::count(total)),
        None => format!("{} pages", format::count(pages_loaded)),
    };
    let mut s = format!("Loading… {pages}, {} artifacts so far.", format::count(records));
    if let Some(retry) = retry {
        s.push(' ');
        s.push_str(&retry.sentence(now_ms));
    }
    s
}

/// What an empty grid says: `unfiltered` rows exist but none passes the filters, or why
/// there are none.
pub fn empty_message(phase: LoadPhase, unfiltered: usize) -> &'static str {
    match phase {
        _ if unfiltered > 0 => "No artifacts match the filters.",
        LoadPhase::Loading => "Loading…",
        LoadPhase::Loaded => "No artifacts in this repository.",
        LoadPhase::Waiting => "Nothing loaded yet.",
        LoadPhase::Idle | LoadPhase::Failed => "Nothing loaded.",
    }
}

/// Why nothing is loading: each waits for the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// The connection form lacks what the provider needs.
    Coordinates,
    /// No token is stored for this provider and endpoint.
    Token,
    /// The token would go to a host the person has not confirmed: the dialog asks.
    Confirmation,
    /// The person cancelled that dialog.
    NotConfirmed,
}

impl Waiting {
    pub fn sentence(self) -> &'static str {
        match self {
            Waiting::Coordinates => "Fill in the connection form, then press Load.",
            Waiting::Token => "Enter your API token and press Load to list this repository.",
            Waiting::Confirmation => "Nothing has been sent: confirm the host your token would go to.",
            Waiting::NotConfirmed => {
                "Not loaded: the host was not confirmed. Change the endpoint or proxy, or press Load to be asked again."
            }
        }
    }
}

/// Said under the error of a failed refresh: the rows on screen stay, and, with auto-refresh
/// on, when it tries again. `None` while no refresh has failed.
pub fn refresh_note(failures: u32, refresh_minutes: u32) -> Option<String> {
    if failures == 0 {
        return None;
    }
    let kept = "The rows below are from the last complete listing.";
    if refresh_minutes == 0 {
        return Some(kept.to_string());
    }
    let next = auto_refresh_delay_ms(refresh_minutes, failures) / 60_000;
    let failed = if failures == 1 { "failed".to_string() } else { format!("failed {failures} times in a row") };
    Some(format!("{kept} Auto-refresh {failed}; it tries again in {next} minute{}.", if next == 1 { "" } else { "s" }))
}

/// How an auto-refresh interval is offered: "Off", "Every 5 min".
pub fn auto_refresh_label(minutes: u32) -> String {
    if minutes == 0 {
        "Off".to_string()
    } else {
        format!("Every {minutes} min")
    }
}

/// How long auto-refresh waits after a load ends: the chosen interval (minutes, at least
/// one), doubled after each refresh in a row that failed, capped (see [`refresh_delay_ms`]).
pub fn auto_refresh_delay_ms(minutes: u32, failures: u32) -> u64 {
    refresh_delay_ms(u64::from(minutes.max(1)) * 60_000, failures)
}

/// Whether the rows on screen are a complete listing a refresh can replace: the last load
/// succeeded, or only refreshes failed since it did.
pub fn can_refresh(phase: LoadPhase, failures: u32) -> bool {
    match phase {
        LoadPhase::Loaded => true,
        LoadPhase::Failed => failures > 0,
        LoadPhase::Idle | LoadPhase::Waiting | LoadPhase::Loading => false,
    }
}

/// Whether auto-refresh refreshes now: it is on, its time has come, the tab is visible (a
/// hidden tab waits), and there is a listing to replace.
pub fn auto_refresh_due(minutes: u32, now_ms: f64, due_at_ms: f64, tab_hidden: bool, can_refresh: bool) -> bool {
    minutes > 0 && now_ms >= due_at_ms && !tab_hidden && can_refresh
}

/// Refreshes in a row that failed, after a load ends with `outcome`: a success resets the
/// count, a failed refresh adds one, anything else (a cancelled load, a failed first load,
/// which started from an empty screen) leaves it.
pub fn refresh_failures_after(failures: u32, was_refresh: bool, outcome: Result<(), &ProviderError>) -> u32 {
    match outcome {
        Ok(()) => 0,
        Err(ProviderError::Cancelled) => failures,
        Err(_) if was_refresh => failures.saturating_add(1),
        Err(_) => failures,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::view::paginate;

    #[test]
    fn the_status_line_counts_what_is_shown() {
        assert_eq!(status_line(&paginate(0, 1, 25), 0, false, None, 0), "No artifacts to show");
        assert_eq!(status_line(&paginate(1, 1, 25), 1, false, None, 0), "Showing 1–1 of 1 artifact");
        assert_eq!(status_line(&paginate(2_000, 1, 25), 2_000, false, None, 0), "Showing 1–25 of 2,000 artifacts");
        assert_eq!(
            status_line(&paginate(60, 3, 25), 1_500, true, None, 0),
            "Showing 51–60 of 60 artifacts (filtered from 1,500)"
        );
        assert_eq!(
            status_line(&paginate(0, 1, 25), 7, true, None, 0),
            "No artifacts to show (filtered from 7)",
            "a filter that hides everything says so"
        );
    }

    #[test]
    fn the_status_line_adds_refresh_changes_and_unreadable_records() {
        let changes = Changes { added: ["a".to_string(), "b".to_string()].into(), removed: 1_200 };
        assert_eq!(
            status_line(&paginate(30, 2, 25), 30, false, Some(&changes), 0),
            "Showing 26–30 of 30 artifacts. Since the last refresh: 2 new, 1,200 removed"
        );
        assert_eq!(
            status_line(&paginate(30, 1, 25), 30, false, Some(&Changes::default()), 0),
            "Showing 1–25 of 30 artifacts. Since the last refresh: 0 new, 0 removed",
            "a refresh that changed nothing says so"
        );
        assert_eq!(
            status_line(&paginate(3, 1, 25), 3, false, None, 1),
            "Showing 1–3 of 3 artifacts. 1 record could not be read and was skipped"
        );
        assert_eq!(
            status_line(&paginate(3, 1, 25), 9, true, Some(&changes), 4),
            "Showing 1–3 of 3 artifacts (filtered from 9). Since the last refresh: 2 new, 1,200 removed. \
             4 records could not be read and were skipped"
        );
    }

    #[test]
    fn progress_counts_pages_and_counts_down_a_retry() {
        assert_eq!(progress(0, None, 0, None, 0.0), "Loading… 0 pages, 0 artifacts so far.");
        assert_eq!(progress(3, Some(1_000), 600, None, 0.0), "Loading… 3 of 1,000 pages, 600 artifacts so far.");
        let retry = Retry { reason: "Throttled".into(), attempt: 1, max_attempts: 5, at_ms: 10_000.0 };
        assert_eq!(
            progress(1, None, 200, Some(&retry), 7_100.0),
            "Loading… 1 pages, 200 artifacts so far. Throttled — retrying in 3 s (attempt 2 of 5)."
        );
        assert_eq!(retry.sentence(10_000.0), "Throttled — retrying in 0 s (attempt 2 of 5).");
        assert_eq!(retry.sentence(12_000.0), "Throttled — retrying in 0 s (attempt 2 of 5).", "never below zero");
        assert_eq!(retry.sentence(0.0), "Throttled — retrying in 10 s (attempt 2 of 5).");
    }

    #[test]
    fn an_empty_grid_says_why() {
        assert_eq!(empty_message(LoadPhase::Loaded, 5), "No artifacts match the filters.");
        assert_eq!(empty_message(LoadPhase::Loading, 5), "No artifacts match the filters.", "rows exist: the filter");
        assert_eq!(empty_message(LoadPhase::Loading, 0), "Loading…");
        assert_eq!(empty_message(LoadPhase::Loaded, 0), "No artifacts in this repository.");
        assert_eq!(empty_message(LoadPhase::Waiting, 0), "Nothing loaded yet.");
        assert_eq!(empty_message(LoadPhase::Idle, 0), "Nothing loaded.");
        assert_eq!(empty_message(LoadPhase::Failed, 0), "Nothing loaded.");
    }

    #[test]
    fn only_a_finished_load_has_ended() {
        let ended: Vec<LoadPhase> =
            [LoadPhase::Idle, LoadPhase::Waiting, LoadPhase::Loading, LoadPhase::Loaded, LoadPhase::Failed]
                .into_iter()
                .filter(|p| p.has_ended())
                .collect();
        assert_eq!(ended, [LoadPhase::Loaded, LoadPhase::Failed]);
    }

    #[test]
    fn waiting_reasons_say_what_to_do() {
        for reason in [Waiting::Coordinates, Waiting::Token, Waiting::Confirmation, Waiting::NotConfirmed] {
            let s = reason.sentence();
            assert!(s.ends_with('.') && s.chars().next().is_some_and(char::is_uppercase), "{s}");
        }
        assert!(Waiting::Token.sentence().contains("token"));
        assert!(Waiting::Confirmation.sentence().starts_with("Nothing has been sent"));
    }

    #[test]
    fn the_refresh_note_says_the_rows_stay_and_when_the_next_try_is() {
        assert_eq!(refresh_note(0, 5), None, "nothing failed");
        assert_eq!(refresh_note(2, 0).as_deref(), Some("The rows below are from the last complete listing."));
        assert_eq!(
            refresh_note(1, 5).as_deref(),
            Some(
                "The rows below are from the last complete listing. Auto-refresh failed; it tries again in 10 minutes."
            )
        );
        assert_eq!(
            refresh_note(3, 1).as_deref(),
            Some(
                "The rows below are from the last complete listing. Auto-refresh failed 3 times in a row; it tries \
                 again in 8 minutes."
            )
        );
        assert_eq!(
            refresh_note(20, 15).as_deref(),
            Some(
                "The rows below are from the last complete listing. Auto-refresh failed 20 times in a row; it tries \
                 again in 60 minutes."
            ),
            "capped at an hour"
        );
    }

    #[test]
    fn auto_refresh_choices_are_off_or_every_so_many_minutes() {
        assert_eq!(auto_refresh_label(0), "Off");
        assert_eq!(auto_refresh_label(1), "Every 1 min");
        assert_eq!(auto_refresh_label(15), "Every 15 min");
    }

    #[test]
    fn the_wait_is_the_interval_doubled_per_failure_and_capped() {
        assert_eq!(auto_refresh_delay_ms(5, 0), 5 * 60_000);
        assert_eq!(auto_refresh_delay_ms(5, 2), 20 * 60_000);
        assert_eq!(auto_refresh_delay_ms(0, 0), 60_000, "at least a minute");
        assert_eq!(auto_refresh_delay_ms(15, 30), 60 * 60_000, "an hour at most");
        assert_eq!(
            auto_refresh_delay_ms(u32::MAX, u32::MAX),
            u64::from(u32::MAX) * 60_000,
            "a longer interval is kept"
        );
    }

    #[test]
    fn only_a_complete_listing_can_be_refreshed() {
        assert!(can_refresh(LoadPhase::Loaded, 0));
        assert!(can_refresh(LoadPhase::Failed, 1), "the rows of the last listing are still on screen");
        assert!(!can_refresh(LoadPhase::Failed, 0), "a first load failed: nothing to replace");
        for phase in [LoadPhase::Idle, LoadPhase::Waiting, LoadPhase::Loading] {
            assert!(!can_refresh(phase, 3), "{phase:?}");
        }
    }

    #[test]
    fn auto_refresh_is_due_only_when_on_in_time_visible_and_replaceable() {
        assert!(auto_refresh_due(5, 1_000.0, 1_000.0, false, true));
        assert!(!auto_refresh_due(0, 1_000.0, 0.0, false, true), "off");
        assert!(!auto_refresh_due(5, 999.0, 1_000.0, false, true), "too early");
        assert!(!auto_refresh_due(5, 1_000.0, f64::INFINITY, false, true), "no load has ended yet");
        assert!(!auto_refresh_due(5, 1_000.0, 0.0, true, true), "hidden tab");
        assert!(!auto_refresh_due(5, 1_000.0, 0.0, false, false), "nothing to replace");
    }

    #[test]
    fn failed_refreshes_are_counted_until_a_success() {
        let failed = ProviderError::Invalid("down".into());
        assert_eq!(refresh_failures_after(0, true, Err(&failed)), 1);
        assert_eq!(refresh_failures_after(1, true, Err(&failed)), 2);
        assert_eq!(refresh_failures_after(u32::MAX, true, Err(&failed)), u32::MAX, "saturates");
        assert_eq!(refresh_failures_after(2, true, Ok(())), 0);
        assert_eq!(refresh_failures_after(2, false, Ok(())), 0);
        assert_eq!(
            refresh_failures_after(2, true, Err(&ProviderError::Cancelled)),
            2,
            "a cancelled refresh is no failure"
        );
        assert_eq!(refresh_failures_after(0, false, Err(&failed)), 0, "a first load is no refresh");
    }
}
