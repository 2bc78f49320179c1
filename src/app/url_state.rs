//! Every view is a URL: the query string of the one page holds the source coordinates,
//! filters, sort and page. This codec is the only place that knows the parameter names.
//! Decoding never fails: garbage falls back to the default of that parameter.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use crate::app::config::Config;
use crate::app::coordinates::Coordinates;
use crate::engine::format::{iso8601, parse_date, parse_rfc3339};
use crate::engine::model::is_digest;
use crate::engine::named_enum;
use crate::engine::plan::{KeepRecent, PlanView, Rules, MAX_RULES};
use crate::engine::sort::{Order, SortKey};
use crate::engine::tag_match::TagMatcher;
use crate::engine::value_set::ValueSet;
use crate::engine::view::{Filter, Untagged, DEFAULT_PAGE_SIZE, PAGE_SIZES};
use crate::providers::demo::Dataset;
use crate::providers::ProviderKind;
named_enum!(
    /// The URL parameters, in the order they are written. The token is never one of them.
    Param {
        Provider = "provider",
        Dataset = "dataset",
        Endpoint = "endpoint",
        Proxy = "proxy",
        Region = "region",
        Instance = "instance",
        Namespace = "namespace",
        Repository = "repository",
        RepositoryId = "repository_id",
        Accessories = "accessories",
        Tag = "tag",
        Untagged = "untagged",
        Arch = "arch",
        Os = "os",
        PushedAfter = "pushed_after",
        PushedBefore = "pushed_before",
        NotPulledSince = "not_pulled_since",
        Sort = "sort",
        Order = "order",
        Page = "page",
        PerPage = "per_page",
        Refresh = "refresh",
        KeepTag = "keep_tag",
        KeepRecent = "keep_recent",
        KeepPushedWithin = "keep_pushed_within",
        KeepPulledWithin = "keep_pulled_within",
        AsOf = "as_of",
        Plan = "plan",
        AccessoryView = "accessory_view",
        Details = "details",
    }
);

named_enum!(
    /// The platform filters, offered as checkboxes.
    PlatformFilter { Arch = "arch", Os = "os" }
);

/// Auto-refresh periods offered, in minutes (0 = off).
pub const REFRESH_MINUTES: [u32; 4] = [0, 1, 5, 15];

/// Longest value kept from the URL; longer ones are garbage, not coordinates.
const MAX_VALUE_LEN: usize = 512;

/// Everything a shared link restores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    pub provider: ProviderKind,
    pub dataset: Dataset,
    pub coords: Coordinates,
    pub tag: String,
    pub untagged: Untagged,
    pub arch: ValueSet,
    pub os: ValueSet,
    /// `YYYY-MM-DD` (UTC) dates, kept only when valid.
    pub pushed_after: String,
    pub pushed_before: String,
    pub not_pulled_since: String,
    pub sort: SortKey,
    pub order: Order,
    /// 1-based; clamped to the pages that exist when the view is built.
    pub page: usize,
    pub per_page: usize,
    /// Minutes between automatic reloads; 0 = off.
    pub refresh: u32,
    /// The cleanup plan's rules (none = no plan).
    pub rules: Rules,
    /// The moment the plan's time rules count from (Unix seconds); `None` = when the listing
    /// completed.
    pub as_of: Option<i64>,
    /// Which plan decisions the grid shows.
    pub plan_view: PlanView,
    /// `accessory_view=rows`: attached cosign accessories shown as rows of their own.
    pub accessory_rows: bool,
    /// `details=<digest>`: the artifact whose details are open (a valid digest only).
    pub details: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            provider: ProviderKind::Demo,
            dataset: Dataset::Medium,
            coords: Coordinates::default(),
            tag: String::new(),
            untagged: Untagged::Show,
            arch: ValueSet::default(),
            os: ValueSet::default(),
            pushed_after: String::new(),
            pushed_before: String::new(),
            not_pulled_since: String::new(),
            sort: SortKey::Pushed,
            order: Order::Desc,
            page: 1,
            per_page: DEFAULT_PAGE_SIZE,
            refresh: 0,
            rules: Rules::default(),
            as_of: None,
            plan_view: PlanView::All,
            accessory_rows: false,
            details: None,
        }
    }
}

impl ViewState {
    /// Reads already-decoded query pairs; unknown keys are ignored, the first value of a
    /// single-valued key wins, and every bad value falls back to its default.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self::from_pairs_over(ViewState::default(), pairs)
    }

    /// Like [`ViewState::from_pairs`], over the deployment's defaults instead of the built-in ones.
    pub fn from_pairs_over<'a>(defaults: ViewState, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let default_dataset = defaults.dataset;
        let mut state = defaults;
        let mut seen = Vec::new();
        for (key, raw) in pairs {
            let Some(param) = Param::parse(key) else { continue };
            let Some(value) = clean(raw) else { continue };
            let repeatable = matches!(param, Param::Arch | Param::Os | Param::KeepTag | Param::KeepRecent);
            if !repeatable {
                if seen.contains(&param) {
                    continue;
                }
                seen.push(param);
            }
            let keep = |target: &mut String| *target = value.to_string();
            match param {
                Param::Provider => state.provider = ProviderKind::parse(value).unwrap_or(state.provider),
                Param::Dataset => state.dataset = Dataset::parse(value).unwrap_or(state.dataset),
                Param::Endpoint => keep(&mut state.coords.endpoint),
                Param::Proxy => keep(&mut state.coords.proxy),
                Param::Region => keep(&mut state.coords.region),
                Param::Instance => keep(&mut state.coords.instance),
                Param::Namespace => keep(&mut state.coords.namespace),
                Param::Repository => keep(&mut state.coords.repository),
                Param::RepositoryId => keep(&mut state.coords.repository_id),
                Param::Accessories => state.coords.accessories = matches!(value, "true" | "1"),
                Param::Tag => keep(&mut state.tag),
                Param::Untagged => state.untagged = Untagged::parse(value).unwrap_or(state.untagged),
                Param::Arch => {
                    state.arch.insert(value.to_string());
                }
                Param::Os => {
                    state.os.insert(value.to_string());
                }
                Param::PushedAfter | Param::PushedBefore | Param::NotPulledSince => {
                    // Real calendar dates only (see `parse_date`): a date the date field
                    // cannot show must not become a filter hiding rows.
                    if parse_date(value).is_some() {
                        let target = match param {
                            Param::PushedAfter => &mut state.pushed_after,
                            Param::PushedBefore => &mut state.pushed_before,
                            _ => &mut state.not_pulled_since,
                        };
                        *target = value.to_string();
                    }
                }
                Param::Refresh => {
                    state.refresh = value.parse().ok().filter(|m| REFRESH_MINUTES.contains(m)).unwrap_or(state.refresh)
                }
                Param::Sort => state.sort = SortKey::parse(value).unwrap_or(state.sort),
                Param::Order => state.order = Order::parse(value).unwrap_or(state.order),
                Param::Page => state.page = value.parse::<usize>().ok().filter(|&p| p >= 1).unwrap_or(1),
                Param::PerPage => {
                    state.per_page = value.parse().ok().filter(|n| PAGE_SIZES.contains(n)).unwrap_or(state.per_page)
                }
                Param::KeepTag => {
                    if state.rules.list().len() < MAX_RULES {
                        state.rules.keep_tag.push(value.to_string());
                    }
                }
                Param::KeepRecent => {
                    if let Some(rule) = KeepRecent::parse(value).filter(|_| state.rules.list().len() < MAX_RULES) {
                        state.rules.keep_recent.push(rule);
                    }
                }
                Param::KeepPushedWithin => state.rules.keep_pushed_within = days(value),
                Param::KeepPulledWithin => state.rules.keep_pulled_within = days(value),
                Param::AsOf => state.as_of = parse_rfc3339(value),
                Param::Plan => state.plan_view = PlanView::parse(value).unwrap_or(state.plan_view),
                Param::AccessoryView => state.accessory_rows = value == ACCESSORY_ROWS,
                Param::Details => state.details = is_digest(value).then(|| value.to_string()),
            }
        }
        // The demo data set means nothing to a cloud provider, and links only carry it for
        // the demo: keep it only there, so a link decodes to the view it encodes again.
        if state.provider != ProviderKind::Demo {
            state.dataset = default_dataset;
        }
        state
    }

    /// Parses a raw query string (`?a=b&c=d`, percent-encoded, `+` as space).
    pub fn from_query(query: &str) -> Self {
        Self::from_query_over(ViewState::default(), query)
    }

    /// Like [`ViewState::from_query`], over the deployment's defaults.
    pub fn from_query_over(defaults: ViewState, query: &str) -> Self {
        let decoded: Vec<(String, String)> = query
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_component(k), decode_component(v))
            })
            .collect();
        Self::from_pairs_over(defaults, decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The parameters that differ from `d`, in [`Param`] order.
    pub fn to_pairs_over(&self, d: &ViewState) -> Vec<(Param, String)> {
        let mut out: Vec<(Param, String)> = Vec::new();
        let mut put = |param: Param, value: &str, default: &str| {
            if value != default {
                out.push((param, value.to_string()));
            }
        };
        put(Param::Provider, self.provider.as_str(), d.provider.as_str());
        if self.provider == ProviderKind::Demo {
            put(Param::Dataset, self.dataset.as_str(), d.dataset.as_str());
        }
        let c = &self.coords;
        for (param, value) in [
            (Param::Endpoint, &c.endpoint),
            (Param::Proxy, &c.proxy),
            (Param::Region, &c.region),
            (Param::Instance, &c.instance),
            (Param::Namespace, &c.namespace),
            (Param::Repository, &c.repository),
            (Param::RepositoryId, &c.repository_id),
        ] {
            put(param, value, "");
        }
        if c.accessories {
            put(Param::Accessories, "true", "");
        }
        put(Param::Tag, &self.tag, "");
        put(Param::Untagged, self.untagged.as_str(), d.untagged.as_str());
        for arch in &self.arch {
            put(Param::Arch, arch, "");
        }
        for os in &self.os {
            put(Param::Os, os, "");
        }
        // Only dates that are a filter: an impossible one (`2026-02-31`) never enters a link.
        for (param, date) in [
            (Param::PushedAfter, &self.pushed_after),
            (Param::PushedBefore, &self.pushed_before),
            (Param::NotPulledSince, &self.not_pulled_since),
        ] {
            if parse_date(date).is_some() {
                put(param, date.trim(), "");
            }
        }
        put(Param::Sort, self.sort.as_str(), d.sort.as_str());
        put(Param::Order, self.order.as_str(), d.order.as_str());
        put(Param::Page, &self.page.to_string(), "1");
        put(Param::PerPage, &self.per_page.to_string(), &d.per_page.to_string());
        put(Param::Refresh, &self.refresh.to_string(), &d.refresh.to_string());
        for glob in &self.rules.keep_tag {
            put(Param::KeepTag, glob, "");
        }
        for recent in &self.rules.keep_recent {
            put(Param::KeepRecent, &recent.to_param(), "");
        }
        if let Some(n) = self.rules.keep_pushed_within {
            put(Param::KeepPushedWithin, &n.to_string(), "");
        }
        if let Some(n) = self.rules.keep_pulled_within {
            put(Param::KeepPulledWithin, &n.to_string(), "");
        }
        if let Some(t) = self.as_of {
            put(Param::AsOf, &iso8601(t), "");
        }
        put(Param::Plan, self.plan_view.as_str(), d.plan_view.as_str());
        if self.accessory_rows {
            put(Param::AccessoryView, ACCESSORY_ROWS, "");
        }
        if let Some(digest) = self.details.as_deref().filter(|d| is_digest(d)) {
            put(Param::Details, digest, "");
        }
        out
    }

    /// `?a=b&…`, or the empty string for the default view.
    pub fn to_query(&self) -> String {
        self.to_query_over(&ViewState::default())
    }

    /// `?a=b&…` leaving out what equals the deployment's defaults `d`.
    pub fn to_query_over(&self, d: &ViewState) -> String {
        let pairs = self.to_pairs_over(d);
        if pairs.is_empty() {
            return String::new();
        }
        let body: Vec<String> =
            pairs.iter().map(|(p, v)| format!("{}={}", p.as_str(), utf8_percent_encode(v, COMPONENT))).collect();
        format!("?{}", body.join("&"))
    }

    pub fn filter(&self) -> Filter {
        Filter {
            tag: TagMatcher::new(&self.tag),
            untagged: self.untagged,
            arch: self.arch.clone(),
            os: self.os.clone(),
            pushed_after: parse_date(&self.pushed_after),
            pushed_before: parse_date(&self.pushed_before),
            not_pulled_since: parse_date(&self.not_pulled_since),
            accessory_rows: self.accessory_rows,
        }
    }

    /// The details of `digest` opened (`Some`) or closed (`None`); nothing else changes.
    pub fn with_details(self, digest: Option<String>) -> Self {
        ViewState { details: digest.filter(|d| is_digest(d)), ..self }
    }

    pub fn with_page(mut self, page: usize) -> Self {
        self.page = page.max(1);
        self
    }

    /// A click on a column header: the sorted column flips its order, another column
    /// starts ascending; either way the view goes back to page 1.
    pub fn sorted_by(mut self, key: SortKey) -> Self {
        self.order = if self.sort == key { self.order.flip() } else { Order::Asc };
        self.sort = key;
        self.page = 1;
        self
    }

    /// A click on an architecture in the overview: it joins the filter, or leaves it if it
    /// was there; either way the view goes back to page 1.
    pub fn toggled_arch(mut self, arch: &str) -> Self {
        if !self.arch.remove(arch) {
            self.arch.insert(arch.to_string());
        }
        self.page = 1;
        self
    }

    /// A change of filters or page size (`edit`): back to page 1, where the new rows start.
    pub fn refiltered(mut self, edit: impl FnOnce(&mut ViewState)) -> Self {
        edit(&mut self);
        self.page = 1;
        self
    }

    /// A platform checkbox: `value` in (`on`) or out of the architecture or OS filter.
    pub fn with_platform(self, filter: PlatformFilter, value: &str, on: bool) -> Self {
        self.refiltered(|v| {
            let set = match filter {
                PlatformFilter::Arch => &mut v.arch,
                PlatformFilter::Os => &mut v.os,
            };
            if on {
                set.insert(value.to_string());
            } else {
                set.remove(value);
            }
        })
    }

    /// Another provider: its coordinates start empty (another's mean nothing to it), page 1.
    pub fn with_provider(self, provider: ProviderKind) -> Self {
        ViewState { provider, coords: Coordinates::default(), page: 1, ..self }
    }

    /// Another demo data set, from page 1.
    pub fn with_dataset(self, dataset: Dataset) -> Self {
        ViewState { dataset, page: 1, ..self }
    }

    /// The view a link without parameters opens: the deployment's provider and page size.
    pub fn over_config(config: &Config) -> Self {
        ViewState {
            provider: config.default_provider.unwrap_or(ProviderKind::Demo),
            per_page: config.page_size.unwrap_or(DEFAULT_PAGE_SIZE),
            ..ViewState::default()
        }
    }
}

/// The value of `accessory_view` that shows attached accessories as rows.
pub const ACCESSORY_ROWS: &str = "rows";

/// Days for a time rule: 0 to 100 years.
fn days(value: &str) -> Option<u32> {
    value.parse().ok().filter(|&d| d <= 36_500)
}

/// Like `encodeURIComponent`, but keeps `/`, `:` and `*` (endpoints, globs) readable in shared links.
const COMPONENT: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/').remove(b':').remove(b'*');

/// Trims and rejects values that are empty, overlong or hold control characters.
fn clean(raw: &str) -> Option<&str> {
    let value = raw.trim();
    (!value.is_empty() && value.len() <= MAX_VALUE_LEN && !value.chars().any(char::is_control)).then_some(value)
}

/// Percent-decodes; invalid UTF-8 becomes U+FFFD rather than an error.
fn decode_component(s: &str) -> String {
    let spaced = s.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full_state() -> ViewState {
        ViewState {
            provider: ProviderKind::Katapult,
            dataset: Dataset::Medium,
            coords: Coordinates {
                endpoint: "https://api.katapult.io".into(),
                proxy: "https://proxy.example/?url={url}".into(),
                region: "uk-lon-01".into(),
                repository: "team/web app&co".into(),
                accessories: true,
                ..Coordinates::default()
            },
            tag: "v1.* ünï&=?".into(),
            untagged: Untagged::Hide,
            arch: ["arm/v7".to_string(), "amd64".to_string()].into(),
            os: ["linux".to_string()].into(),
            sort: SortKey::Size,
            order: Order::Asc,
            page: 4,
            per_page: 100,
            pushed_after: "2026-01-01".into(),
            pushed_before: String::new(),
            not_pulled_since: "2026-08-24".into(),
            refresh: 5,
            rules: Rules {
                keep_tag: vec!["v*".into(), "release-?".into()],
                keep_recent: vec![
                    KeepRecent { count: 3, glob: "*".into() },
                    KeepRecent { count: 2, glob: "build-*".into() },
                ],
                keep_pushed_within: Some(30),
                keep_pulled_within: Some(7),
            },
            as_of: Some(1_790_000_000),
            plan_view: PlanView::Delete,
            accessory_rows: true,
            details: Some(format!("sha256:{}", "ab".repeat(32))),
        }
    }

    #[test]
    fn details_and_accessory_view_are_links_and_garbage_is_dropped() {
        let digest = format!("sha256:{}", "0f".repeat(32));
        let v = ViewState::from_query(&format!("?details={digest}&accessory_view=rows"));
        assert_eq!(v.details.as_deref(), Some(digest.as_str()));
        assert!(v.accessory_rows);
        assert!(v.filter().accessory_rows);
        assert!(!v.filter().is_active(), "showing accessories as rows is no filter");
        assert_eq!(v.to_query(), format!("?accessory_view=rows&details={digest}"));
        for garbage in ["x", "sha256:xyz", "%3Cimg%20src%3Dx%3E", "sha256:ABCDEF0123456789ABCDEF0123456789"] {
            let v = ViewState::from_query(&format!("?details={garbage}&accessory_view=columns"));
            assert_eq!(v.details, None, "{garbage}");
            assert!(!v.accessory_rows);
            assert_eq!(v.to_query(), "");
        }
        let opened = ViewState::default().with_details(Some(digest.clone()));
        assert_eq!(opened.details.as_deref(), Some(digest.as_str()));
        assert_eq!(opened.clone().with_details(None), ViewState::default());
        assert_eq!(ViewState::default().with_details(Some("<b>".into())).details, None);
    }

    #[test]
    fn a_plan_is_a_link() {
        let q = "?keep_tag=v*&keep_recent=3&keep_recent=2:build-*&keep_pushed_within=30&keep_pulled_within=7\
                 &as_of=2026-09-21T12:00:00Z&plan=delete&keep_recent=0&keep_recent=x&keep_pushed_within=-1&as_of=yesterday";
        let v = ViewState::from_query(q);
        assert_eq!(v.rules.keep_tag, ["v*"]);
        assert_eq!(v.rules.keep_recent.iter().map(KeepRecent::to_param).collect::<Vec<_>>(), ["3", "2:build-*"]);
        assert_eq!((v.rules.keep_pushed_within, v.rules.keep_pulled_within), (Some(30), Some(7)));
        assert_eq!(v.as_of, parse_rfc3339("2026-09-21T12:00:00Z"));
        assert_eq!(v.plan_view, PlanView::Delete);
        assert_eq!(
            v.to_query(),
            "?keep_tag=v*&keep_recent=3&keep_recent=2:build-*&keep_pushed_within=30&keep_pulled_within=7\
             &as_of=2026-09-21T12:00:00Z&plan=delete"
        );
        assert_eq!(ViewState::from_query(&v.to_query()), v);
        // Garbage never becomes a rule.
        let junk =
            ViewState::from_query("?keep_recent=-3&keep_pushed_within=many&plan=everything&as_of=2026-02-31T00:00:00Z");
        assert!(!junk.rules.is_active());
        assert_eq!((junk.as_of, junk.plan_view), (None, PlanView::All));
    }

    #[test]
    fn round_trips() {
        let state = full_state();
        let query = state.to_query();
        assert_eq!(ViewState::from_query(&query), state, "{query}");
        assert!(query.starts_with("?provider=katapult&endpoint=https://api.katapult.io&proxy="), "{query}");
        assert!(query.contains("arch=amd64&arch=arm/v7"), "{query}");
    }

    #[test]
    fn defaults_are_omitted() {
        assert_eq!(ViewState::default().to_query(), "");
        let s = ViewState { dataset: Dataset::Large, ..ViewState::default() };
        assert_eq!(s.to_query(), "?dataset=large");
    }

    #[test]
    fn deployment_defaults_are_omitted_and_restored() {
        let defaults = ViewState { provider: ProviderKind::Katapult, per_page: 50, ..ViewState::default() };
        let s = ViewState { coords: Coordinates { region: "r".into(), ..Coordinates::default() }, ..defaults.clone() };
        let q = s.to_query_over(&defaults);
        assert_eq!(q, "?region=r");
        let back = ViewState::from_pairs_over(defaults.clone(), [("region", "r"), ("per_page", "7")]);
        assert_eq!(back, s, "a bad per_page falls back to the deployment's default");
        let demo = ViewState { provider: ProviderKind::Demo, ..defaults.clone() };
        assert_eq!(demo.to_query_over(&defaults), "?provider=demo");
    }

    #[test]
    fn garbage_falls_back_to_defaults() {
        let s = ViewState::from_query(
            "?sort=bogus&order=sideways&page=-3&per_page=9999&provider=ftp&dataset=huge&untagged=maybe&tag=%FF%FEv1&%E0%A4=x&=&&noeq",
        );
        let d = ViewState::default();
        assert_eq!((s.sort, s.order, s.page, s.per_page), (d.sort, d.order, 1, 25));
        assert_eq!((s.provider, s.dataset, s.untagged), (d.provider, d.dataset, d.untagged));
        assert_eq!(s.tag, "\u{FFFD}\u{FFFD}v1", "bad escapes decode lossily, never panic");
        assert_eq!(ViewState::from_query("?page=0").page, 1);
        assert_eq!(ViewState::from_query("?page=99999999999999999999999").page, 1);
        assert_eq!(ViewState::from_query("?per_page=50").per_page, 50);
        let dates = ViewState::from_query(
            "?pushed_after=2026-13-01&not_pulled_since=yesterday&pushed_before=2026-02-01&refresh=7",
        );
        assert_eq!((dates.pushed_after.as_str(), dates.not_pulled_since.as_str()), ("", ""));
        assert_eq!((dates.pushed_before.as_str(), dates.refresh), ("2026-02-01", 0));
    }

    #[test]
    fn impossible_calendar_dates_are_dropped_never_an_invisible_filter() {
        let s = ViewState::from_query("pushed_after=2026-02-31");
        assert_eq!(s.pushed_after, "", "the date field would show empty");
        assert_eq!(s.filter().pushed_after, None, "so no filter may hide rows");
        assert!(!s.filter().is_active());
        assert_eq!(s.to_query(), "");
        let leap = ViewState::from_query("pushed_before=2024-02-29&not_pulled_since=2025-02-29");
        assert_eq!(leap.pushed_before, "2024-02-29");
        assert!(leap.filter().pushed_before.is_some());
        assert_eq!((leap.not_pulled_since.as_str(), leap.filter().not_pulled_since), ("", None));
        assert_eq!(leap.to_query(), "?pushed_before=2024-02-29");
        for bad in ["2026-13-01", "2026-00-01", "2026-01-00", "2026-04-31", "0000-01-01", "1900-02-29"] {
            let s = ViewState::from_query(&format!("?pushed_after={bad}&pushed_before={bad}&not_pulled_since={bad}"));
            assert_eq!(s, ViewState::default(), "{bad}");
        }
        // A state holding an impossible date (set in code, or by deployment defaults) never
        // writes it into a link.
        let set = ViewState {
            pushed_after: "2026-02-31".into(),
            pushed_before: "2025-02-29".into(),
            not_pulled_since: "2024-02-29".into(),
            ..ViewState::default()
        };
        assert_eq!(set.to_query(), "?not_pulled_since=2024-02-29");
        assert_eq!(set.filter().pushed_after, None);
    }

    #[test]
    fn the_dataset_is_only_kept_for_the_demo() {
        let cloud = ViewState::from_query("?provider=katapult&dataset=large");
        assert_eq!((cloud.provider, cloud.dataset), (ProviderKind::Katapult, Dataset::Medium));
        assert_eq!(cloud.to_query(), "?provider=katapult");
        assert_eq!(ViewState::from_query(&cloud.to_query()), cloud);
        assert_eq!(ViewState::from_query("?dataset=large&provider=swr").dataset, Dataset::Medium, "in any order");
        assert_eq!(ViewState::from_query("?provider=demo&dataset=large").dataset, Dataset::Large);
        let defaults = ViewState { provider: ProviderKind::Swr, ..ViewState::default() };
        assert_eq!(ViewState::from_pairs_over(defaults, [("dataset", "small")]).dataset, Dataset::Medium);
    }

    #[test]
    fn control_characters_and_overlong_values_are_dropped() {
        let long = "a".repeat(MAX_VALUE_LEN + 1);
        let s = ViewState::from_query(&format!("?tag=a%0Ab&region={long}&arch=%00"));
        assert_eq!(s.tag, "");
        assert_eq!(s.coords.region, "");
        assert!(s.arch.is_empty());
    }

    #[test]
    fn first_single_value_wins_and_repeatables_accumulate() {
        let s = ViewState::from_query("?sort=size&sort=digest&arch=amd64&arch=arm64&arch=amd64");
        assert_eq!(s.sort, SortKey::Size);
        assert_eq!(s.arch.len(), 2);
    }

    #[test]
    fn header_clicks_flip_or_start_ascending() {
        let s = ViewState { page: 3, ..ViewState::default() };
        let by_size = s.clone().sorted_by(SortKey::Size);
        assert_eq!((by_size.sort, by_size.order, by_size.page), (SortKey::Size, Order::Asc, 1));
        let flipped = by_size.sorted_by(SortKey::Size);
        assert_eq!(flipped.order, Order::Desc);
        assert_eq!(s.sorted_by(SortKey::Pushed).order, Order::Asc, "default pushed/desc flips to asc");
    }

    #[test]
    fn an_architecture_click_toggles_it_and_goes_to_page_one() {
        let s = ViewState { page: 4, arch: ["amd64".to_string()].into(), ..ViewState::default() };
        let both = s.clone().toggled_arch("arm64");
        assert_eq!((both.arch.len(), both.page), (2, 1));
        let none = both.toggled_arch("amd64").toggled_arch("arm64");
        assert!(none.arch.is_empty());
        assert_eq!(none.page, 1);
    }

    #[test]
    fn filter_changes_go_to_page_one() {
        let s = ViewState { page: 5, ..ViewState::default() };
        let tagged = s.clone().refiltered(|v| v.tag = "v1".into());
        assert_eq!((tagged.tag.as_str(), tagged.page), ("v1", 1));
        let checked = s.clone().with_platform(PlatformFilter::Arch, "arm/v7", true);
        assert_eq!((checked.arch.iter().map(String::as_str).collect::<Vec<_>>(), checked.page), (vec!["arm/v7"], 1));
        let os = checked.clone().with_platform(PlatformFilter::Os, "linux", true);
        assert!(os.os.contains("linux") && os.arch.contains("arm/v7"));
        let unchecked = os.with_platform(PlatformFilter::Arch, "arm/v7", false);
        assert!(unchecked.arch.is_empty());
        assert_eq!(checked.clone().with_platform(PlatformFilter::Arch, "arm/v7", true), checked, "checking twice");
        assert_eq!(
            s.clone().with_platform(PlatformFilter::Os, "x", false).os,
            ValueSet::default(),
            "unchecking absent"
        );
    }

    #[test]
    fn another_provider_starts_from_an_empty_form_and_page_one() {
        let s = ViewState {
            provider: ProviderKind::Katapult,
            coords: Coordinates { region: "r".into(), ..Coordinates::default() },
            page: 3,
            tag: "v1".into(),
            ..ViewState::default()
        };
        let swr = s.clone().with_provider(ProviderKind::Swr);
        assert_eq!(
            (swr.provider, &swr.coords, swr.page, swr.tag.as_str()),
            (ProviderKind::Swr, &Coordinates::default(), 1, "v1")
        );
        let small = s.with_dataset(Dataset::Small);
        assert_eq!((small.dataset, small.page, small.coords.region.as_str()), (Dataset::Small, 1, "r"));
    }

    #[test]
    fn the_deployment_sets_the_default_provider_and_page_size() {
        assert_eq!(ViewState::over_config(&Config::default()), ViewState::default());
        let c = Config { default_provider: Some(ProviderKind::Swr), page_size: Some(50), ..Config::default() };
        let d = ViewState::over_config(&c);
        assert_eq!((d.provider, d.per_page), (ProviderKind::Swr, 50));
        assert_eq!(ViewState::from_pairs_over(d.clone(), []), d, "a bare link opens the deployment's view");
    }

    #[test]
    fn the_token_is_not_a_parameter() {
        assert!(Param::ALL.iter().all(|p| !p.as_str().contains("token")));
        assert_eq!(ViewState::from_query("?token=secret").to_query(), "");
    }
}
