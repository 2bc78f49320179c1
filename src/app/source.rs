//! Sources: where the artifacts come from (a provider, the demo data set, coordinates), and
//! the decisions about them given the deployment's config — where requests go, whether and
//! how the source can load, what the token is kept for, pull references and export names.

use crate::app::config::Config;
pub use crate::app::coordinates::Coordinates;
use crate::app::status::Waiting;
use crate::app::url_state::ViewState;
use crate::providers::demo::Dataset;
use crate::providers::http::{ParseUrl, Route};
use crate::providers::katapult::{self, KatapultApi};
use crate::providers::swr::{self, SwrApi};
use crate::providers::{ProviderError, ProviderKind};

/// The part of the view that decides what is loaded (filters, sort and page do not).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub provider: ProviderKind,
    pub dataset: Dataset,
    pub coords: Coordinates,
}

/// How a source loads, decided before anything is sent.
#[derive(Debug)]
pub enum Plan {
    /// The embedded demo data.
    Demo(Dataset),
    /// Something only the person can supply comes first.
    Wait(Waiting),
    /// The coordinates cannot make a request; the error says why.
    Fail(ProviderError),
    Katapult(KatapultApi),
    Swr(SwrApi),
}

impl Source {
    pub fn of(view: &ViewState) -> Source {
        Source { provider: view.provider, dataset: view.dataset, coords: view.coords.clone() }
    }

    /// Whether loading it takes a token (every provider but the demo).
    pub fn needs_token(&self) -> bool {
        self.provider != ProviderKind::Demo
    }

    /// The endpoint requests go to — the URL's, else the deployment's, else the provider's
    /// public one — without a trailing `/`. A token is kept per provider and this endpoint.
    pub fn endpoint(&self, config: &Config) -> String {
        let configured = match self.provider {
            ProviderKind::Katapult => config.katapult_endpoint.as_deref().or(Some(katapult::DEFAULT_ENDPOINT)),
            ProviderKind::Swr => config.swr_endpoint.as_deref(),
            ProviderKind::Demo => None,
        };
        match self.coords.endpoint.trim() {
            "" => configured.unwrap_or_default().trim_end_matches('/').to_string(),
            e => e.trim_end_matches('/').to_string(),
        }
    }

    /// The CORS proxy requests go through: the URL's, else the deployment's (empty: none).
    pub fn proxy(&self, config: &Config) -> String {
        match self.coords.proxy.trim() {
            "" => config.proxy.clone().unwrap_or_default(),
            p => p.to_string(),
        }
    }

    /// Whether the coordinates say what to list, by the provider's own check of them (the
    /// one its API constructor applies); SWR also needs an endpoint, having no public one.
    pub fn has_coordinates(&self, config: &Config) -> bool {
        let c = &self.coords;
        match self.provider {
            ProviderKind::Demo => true,
            ProviderKind::Katapult => katapult::check_coordinates(&c.region, c.katapult_repository()).is_ok(),
            ProviderKind::Swr => {
                !self.endpoint(config).is_empty()
                    && swr::check_coordinates(&c.instance, &c.namespace, &c.repository).is_ok()
            }
        }
    }

    /// How to load this source: the demo, or what to wait for, or the error that stops it,
    /// or the API to list. `token` is the one stored for this provider and endpoint;
    /// `per_page` what is stored as the page size that last worked there (Katapult).
    pub fn plan(&self, config: &Config, token: Option<&str>, per_page: Option<&str>, parse: ParseUrl) -> Plan {
        let c = &self.coords;
        if self.provider == ProviderKind::Demo {
            return Plan::Demo(self.dataset);
        }
        if !self.has_coordinates(config) {
            return Plan::Wait(Waiting::Coordinates);
        }
        let Some(token) = token else { return Plan::Wait(Waiting::Token) };
        let route = match Route::new(&self.endpoint(config), &self.proxy(config), parse) {
            Ok(route) => route,
            Err(error) => return Plan::Fail(error),
        };
        let api = match self.provider {
            ProviderKind::Swr => {
                SwrApi::new(route, &c.instance, &c.namespace, &c.repository, c.accessories, token).map(Plan::Swr)
            }
            _ => {
                let per_page = per_page.and_then(|n| n.parse().ok()).unwrap_or(katapult::PAGE_SIZES[0]);
                KatapultApi::new(route, &c.region, c.katapult_repository(), token, per_page).map(Plan::Katapult)
            }
        };
        api.unwrap_or_else(Plan::Fail)
    }

    /// Where pull references start (`registry/path`, a tag or digest follows): the
    /// deployment's registry host, else the provider's known one. `None` when neither is
    /// known, or the repository is known by id only.
    pub fn pull_base(&self, config: &Config) -> Option<String> {
        let c = &self.coords;
        let registry = match self.provider {
            ProviderKind::Katapult => {
                Some(config.katapult_registry.clone().unwrap_or_else(|| katapult::REGISTRY_HOST.into()))
            }
            ProviderKind::Swr => config.swr_registry.clone(),
            ProviderKind::Demo => Some("registry.example".into()),
        }?;
        let path = match self.provider {
            ProviderKind::Demo => "demo/app".to_string(),
            ProviderKind::Swr => format!("{}/{}", c.namespace, c.repository),
            ProviderKind::Katapult if !c.repository.is_empty() => c.repository.clone(),
            ProviderKind::Katapult => return None,
        };
        Some(format!("{registry}/{path}"))
    }

    /// A file name for exports, without extension: `lading-` and the repository (or the
    /// demo data set), anything but ASCII letters, digits and `-` made `_`.
    pub fn file_stem(&self) -> String {
        let c = &self.coords;
        let name = match self.provider {
            ProviderKind::Demo => format!("demo-{}", self.dataset.as_str()),
            _ if c.repository.is_empty() => c.repository_id.clone(),
            _ => c.repository.clone(),
        };
        format!("lading-{}", name.replace(|ch: char| !ch.is_ascii_alphanumeric() && ch != '-', "_"))
    }

    /// Said instead of the platform filters when the source's listing has no platforms.
    pub fn platforms_unreported(&self) -> Option<&'static str> {
        (self.provider == ProviderKind::Swr).then_some("Not reported by SWR: its tag listing has no platforms.")
    }
}

/// The view after the connection form of `provider` is submitted with `coords`: filters
/// and sort stay, and a change of coordinates goes back to page 1.
pub fn submitted(view: &ViewState, provider: ProviderKind, coords: Coordinates) -> ViewState {
    let mut next = view.clone();
    if next.coords != coords {
        next.page = 1;
    }
    next.provider = provider;
    next.coords = coords;
    next
}

/// The token typed in the connection form, trimmed; `None` when the field was left empty
/// (the one stored for this tab is used, if any).
pub fn typed_token(typed: &str) -> Option<&str> {
    Some(typed.trim()).filter(|t| !t.is_empty())
}

/// The token field's label and help text for a provider.
pub fn token_prompt(provider: ProviderKind) -> (&'static str, &'static str) {
    match provider {
        ProviderKind::Swr => (
            "IAM token",
            "Get one with POST https://iam.myhuaweicloud.com/v3/auth/tokens: it is the X-Subject-Token response header and lasts 24 hours.",
        ),
        _ => ("API token", "A Katapult API token with the container_registry:read scope."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::http::{whatwg_parse, PagedApi};

    fn source(provider: ProviderKind, coords: Coordinates) -> Source {
        Source { provider, dataset: Dataset::Medium, coords }
    }

    fn katapult(region: &str, repository: &str, repository_id: &str) -> Source {
        source(
            ProviderKind::Katapult,
            Coordinates {
                region: region.into(),
                repository: repository.into(),
                repository_id: repository_id.into(),
                ..Coordinates::default()
            },
        )
    }

    fn swr(endpoint: &str) -> Source {
        source(
            ProviderKind::Swr,
            Coordinates {
                endpoint: endpoint.into(),
                instance: "inst".into(),
                namespace: "team".into(),
                repository: "web/app".into(),
                ..Coordinates::default()
            },
        )
    }

    #[test]
    fn the_source_is_what_decides_the_load() {
        let view = ViewState { provider: ProviderKind::Katapult, ..ViewState::default() };
        let s = Source::of(&view);
        assert_eq!((s.provider, s.dataset, &s.coords), (view.provider, view.dataset, &view.coords));
        let refiltered = ViewState { tag: "v1".into(), page: 3, ..view.clone() };
        assert_eq!(Source::of(&refiltered), s, "filters and pages are not the source");
    }

    #[test]
    fn the_endpoint_is_the_urls_else_the_deployments_else_the_public_one() {
        let none = Config::default();
        let deployed = Config {
            katapult_endpoint: Some("https://katapult.internal/".into()),
            swr_endpoint: Some("https://swr.internal".into()),
            ..Config::default()
        };
        assert_eq!(katapult("r", "x", "").endpoint(&none), "https://api.katapult.io");
        assert_eq!(katapult("r", "x", "").endpoint(&deployed), "https://katapult.internal");
        let mut typed = katapult("r", "x", "");
        typed.coords.endpoint = " https://k.example/api/ ".into();
        assert_eq!(typed.endpoint(&deployed), "https://k.example/api", "trimmed, no trailing /");
        assert_eq!(swr("").endpoint(&none), "", "SWR has no public endpoint");
        assert_eq!(swr("").endpoint(&deployed), "https://swr.internal");
        assert_eq!(source(ProviderKind::Demo, Coordinates::default()).endpoint(&deployed), "");
    }

    #[test]
    fn the_proxy_is_the_urls_else_the_deployments() {
        let deployed = Config { proxy: Some("http://127.0.0.1:8081/".into()), ..Config::default() };
        let mut s = swr("https://x");
        assert_eq!(s.proxy(&Config::default()), "");
        assert_eq!(s.proxy(&deployed), "http://127.0.0.1:8081/");
        s.coords.proxy = " https://p.example/?url={url} ".into();
        assert_eq!(s.proxy(&deployed), "https://p.example/?url={url}");
    }

    #[test]
    fn coordinates_are_complete_by_the_providers_own_check() {
        let c = Config::default();
        assert!(source(ProviderKind::Demo, Coordinates::default()).has_coordinates(&c));
        assert!(katapult("r", "team/web", "").has_coordinates(&c));
        assert!(katapult("r", "", "arep_1").has_coordinates(&c), "by id");
        assert!(!katapult("", "team/web", "").has_coordinates(&c), "no region");
        assert!(!katapult("r", "", "").has_coordinates(&c), "no repository");
        assert!(!katapult(" ", "team/web", "").has_coordinates(&c), "blank is missing, as the API constructor says");
        assert!(swr("https://x").has_coordinates(&c));
        assert!(!swr("").has_coordinates(&c), "no endpoint anywhere");
        assert!(swr("").has_coordinates(&Config { swr_endpoint: Some("https://x".into()), ..c.clone() }));
        let mut no_namespace = swr("https://x");
        no_namespace.coords.namespace = " ".into();
        assert!(!no_namespace.has_coordinates(&c));
    }

    #[test]
    fn the_plan_waits_for_coordinates_then_a_token_then_checks_the_route() {
        let c = Config::default();
        let plan = |s: &Source, token: Option<&str>| s.plan(&c, token, None, &whatwg_parse);
        let demo = Source { dataset: Dataset::Large, ..source(ProviderKind::Demo, Coordinates::default()) };
        assert!(matches!(plan(&demo, None), Plan::Demo(Dataset::Large)));
        assert!(matches!(plan(&katapult("", "x", ""), Some("t")), Plan::Wait(Waiting::Coordinates)));
        assert!(matches!(plan(&katapult("r", "x", ""), None), Plan::Wait(Waiting::Token)));
        let mut bad_endpoint = katapult("r", "x", "");
        bad_endpoint.coords.endpoint = "ftp://x".into();
        assert!(matches!(plan(&bad_endpoint, Some("t")), Plan::Fail(ProviderError::Invalid(_))));
        let mut bad_proxy = swr("https://x");
        bad_proxy.coords.proxy = "javascript:alert(1)".into();
        assert!(matches!(plan(&bad_proxy, Some("t")), Plan::Fail(ProviderError::Invalid(_))));
        assert!(matches!(plan(&katapult("r", "x", ""), Some(" ")), Plan::Fail(ProviderError::Invalid(_))));
        let Plan::Swr(api) = plan(&swr("https://x/"), Some("iam")) else { panic!("an SWR API") };
        assert!(api.request(1).unwrap().url.starts_with("https://x/v2/instances/inst/namespaces/team/"));
    }

    #[test]
    fn katapult_plans_use_the_remembered_page_size_when_it_is_one() {
        let c = Config::default();
        let s = katapult("uk-lon-01", "", "arep_1");
        let per_page = |stored: Option<&str>| match s.plan(&c, Some("t"), stored, &whatwg_parse) {
            Plan::Katapult(api) => api.per_page(),
            other => panic!("{other:?}"),
        };
        assert_eq!(per_page(None), 200);
        assert_eq!(per_page(Some("100")), 100);
        assert_eq!(per_page(Some("7")), 200, "not a size the API takes");
        assert_eq!(per_page(Some("lots")), 200);
        let Plan::Katapult(api) = s.plan(&c, Some("t"), None, &whatwg_parse) else { panic!() };
        assert!(api.url(1).contains("repository%5Bid%5D=arep_1"), "by id");
    }

    #[test]
    fn pull_references_start_at_the_registry_and_repository() {
        let none = Config::default();
        let deployed = Config {
            katapult_registry: Some("registry.internal".into()),
            swr_registry: Some("swr.cn-north-4.myhuaweicloud.com".into()),
            ..Config::default()
        };
        assert_eq!(
            source(ProviderKind::Demo, Coordinates::default()).pull_base(&none).as_deref(),
            Some("registry.example/demo/app")
        );
        assert_eq!(katapult("r", "team/web", "").pull_base(&none).as_deref(), Some("kcr.io/team/web"));
        assert_eq!(katapult("r", "team/web", "").pull_base(&deployed).as_deref(), Some("registry.internal/team/web"));
        assert_eq!(katapult("r", "", "arep_1").pull_base(&none), None, "an id is not a path");
        assert_eq!(swr("https://x").pull_base(&none), None, "no known SWR registry");
        assert_eq!(
            swr("https://x").pull_base(&deployed).as_deref(),
            Some("swr.cn-north-4.myhuaweicloud.com/team/web/app")
        );
    }

    #[test]
    fn export_names_are_the_repository_made_safe() {
        let demo = Source { dataset: Dataset::Small, ..source(ProviderKind::Demo, Coordinates::default()) };
        assert_eq!(demo.file_stem(), "lading-demo-small");
        assert_eq!(katapult("r", "team/web app", "").file_stem(), "lading-team_web_app");
        assert_eq!(katapult("r", "", "arep-1").file_stem(), "lading-arep-1");
        assert_eq!(swr("https://x").file_stem(), "lading-web_app");
        assert_eq!(katapult("r", "été", "").file_stem(), "lading-_t_", "ASCII only, one _ per character");
    }

    #[test]
    fn only_swr_leaves_platforms_unreported() {
        assert!(swr("https://x").platforms_unreported().is_some());
        assert_eq!(katapult("r", "x", "").platforms_unreported(), None);
        assert_eq!(source(ProviderKind::Demo, Coordinates::default()).platforms_unreported(), None);
    }

    #[test]
    fn a_submitted_form_goes_to_page_one_only_when_the_coordinates_change() {
        let view = ViewState { page: 4, tag: "v1".into(), ..ViewState::default() };
        let same = submitted(&view, ProviderKind::Demo, view.coords.clone());
        assert_eq!(same.page, 4, "Load again: the same page");
        let coords = Coordinates { region: "r".into(), ..Coordinates::default() };
        let next = submitted(&view, ProviderKind::Katapult, coords.clone());
        assert_eq!(
            (next.page, next.provider, &next.coords, next.tag.as_str()),
            (1, ProviderKind::Katapult, &coords, "v1")
        );
    }

    #[test]
    fn only_cloud_providers_take_a_token_and_a_blank_one_is_none() {
        assert!(katapult("r", "x", "").needs_token() && swr("https://x").needs_token());
        assert!(!source(ProviderKind::Demo, Coordinates::default()).needs_token());
        assert_eq!(typed_token("  secret\n"), Some("secret"));
        assert_eq!(typed_token(" \t "), None);
        assert_eq!(typed_token(""), None);
    }

    #[test]
    fn each_provider_names_its_token() {
        assert_eq!(token_prompt(ProviderKind::Swr).0, "IAM token");
        assert_eq!(token_prompt(ProviderKind::Katapult).0, "API token");
        assert!(token_prompt(ProviderKind::Swr).1.contains("X-Subject-Token"));
    }
}
