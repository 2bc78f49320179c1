//! Katapult core API: `GET /core/v1/container_registry/repositories/repository/artifacts`.
//! Request builder, tolerant response parser and error mapping (../shared/api/katapult.md).

use serde::Deserialize;
use std::sync::Arc;
use serde_json::value::RawValue;
use std::cell::Cell;

use crate::engine::model::{Annotation, Artifact, Moment, Platform};
use crate::providers::http::{encode_component, Credential, HttpRequest, PagedApi, Route};
use crate::providers::ProviderKind;
use crate::providers::{json_text, lenient, snippet, Object, Page, ProviderError};

pub const DEFAULT_ENDPOINT: &str = "https://api.katapult.io";
pub const REGISTRY_HOST: &str = "kcr.io";
const PATH: &str = "/core/v1/container_registry/repositories/repository/artifacts";
/// The framework's ceiling first; smaller sizes if this endpoint rejects it.
pub const PAGE_SIZES: [usize; 3] = [200, 100, 30];

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RepositoryRef {
    Name(String),
    Id(String),
}

/// The one check of Katapult coordinates: a region and a repository (by name or by id),
/// trimmed, or the error that says what to fill in. [`KatapultApi::new`] applies it, and the
/// app asks it before loading (`app::source`).
pub fn check_coordinates(region: &str, repository: RepositoryRef) -> Result<(String, RepositoryRef), ProviderError> {
    let region = region.trim();
    if region.is_empty() {
        return Err(ProviderError::Invalid("Enter the region id (region[id]).".into()));
    }
    let repository = match repository {
        RepositoryRef::Name(n) if !n.trim().is_empty() => RepositoryRef::Name(n.trim().into()),
        RepositoryRef::Id(i) if !i.trim().is_empty() => RepositoryRef::Id(i.trim().into()),
        _ => return Err(ProviderError::Invalid("Enter the repository name or id.".into())),
    };
    Ok((region.to_string(), repository))
}

#[derive(Debug)]
pub struct KatapultApi {
    route: Route,
    region: String,
    repository: RepositoryRef,
    token: String,
    per_page: Cell<usize>,
}

impl KatapultApi {
    pub fn new(
        route: Route,
        region: &str,
        repository: RepositoryRef,
        token: &str,
        per_page: usize,
    ) -> Result<Self, ProviderError> {
        let (region, repository) = check_coordinates(region, repository)?;
        if token.trim().is_empty() {
            return Err(ProviderError::Invalid("Enter an API token.".into()));
        }
        let per_page = if PAGE_SIZES.contains(&per_page) { per_page } else { PAGE_SIZES[0] };
        Ok(KatapultApi { route, region, repository, token: token.trim().into(), per_page: Cell::new(per_page) })
    }

    /// The page size that works for this endpoint (after any fallback).
    pub fn per_page(&self) -> usize {
        self.per_page.get()
    }

    pub fn url(&self, page: usize) -> String {
        let enc = encode_component;
        let repo = match &self.repository {
            RepositoryRef::Name(n) => format!("repository%5Bname%5D={}", enc(n)),
            RepositoryRef::Id(i) => format!("repository%5Bid%5D={}", enc(i)),
        };
        format!(
            "{}{PATH}?region%5Bid%5D={}&{repo}&page={page}&per_page={}",
            self.route.endpoint(),
            enc(&self.region),
            self.per_page.get()
        )
    }
}

impl PagedApi for KatapultApi {
    fn provider(&self) -> ProviderKind {
        ProviderKind::Katapult
    }

    fn request(&self, page: usize) -> Result<HttpRequest, ProviderError> {
        let credential = Credential { header: "Authorization", value: format!("Bearer {}", self.token) };
        Ok(self.route.request(self.url(page), credential))
    }

    fn parse(&self, _page: usize, status: u16, body: &str) -> Result<Page, ProviderError> {
        if !(200..300).contains(&status) {
            return Err(parse_error(status, body));
        }
        parse_page(status, body, self.per_page.get())
    }

    /// `invalid_argument` on `per_page`: the ceiling is not confirmed, so step down.
    fn adapt(&self, error: &ProviderError) -> bool {
        let ProviderError::Api { code, details, .. } = error else { return false };
        let about_per_page = details.iter().any(|(k, v)| k == "Argument" && v.contains("per_page"));
        if code != "invalid_argument" || !about_per_page {
            return false;
        }
        match PAGE_SIZES.iter().position(|&n| n == self.per_page.get()) {
            Some(i) if i + 1 < PAGE_SIZES.len() => {
                self.per_page.set(PAGE_SIZES[i + 1]);
                true
            }
            _ => false,
        }
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    pagination: Option<Pagination>,
    #[serde(borrow, default)]
    artifacts: Option<Vec<&'a RawValue>>,
}

/// Read leniently: a count of another type is not reported, and the artifacts are kept.
#[derive(Deserialize, Default)]
struct Pagination {
    #[serde(default, deserialize_with = "lenient")]
    total_pages: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    total: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    per_page: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    large_set: Option<bool>,
}

#[derive(Deserialize)]
struct WireArtifact {
    id: String,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    size: Option<u64>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    os: Option<String>,
    #[serde(default)]
    architecture: Option<String>,
    #[serde(default)]
    variant: Option<String>,
    #[serde(default)]
    annotations: Option<Vec<WireAnnotation>>,
    #[serde(default, deserialize_with = "present")]
    last_pushed_at: Option<Option<f64>>,
    #[serde(default, deserialize_with = "present")]
    last_pulled_at: Option<Option<f64>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    child_ids: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct WireAnnotation {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    value: Option<String>,
}

/// Tells a key that is present but `null` (`Some(None)`) from a missing key (`None`).
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

/// `null` means never (contract); a missing key means not reported.
fn moment(field: Option<Option<f64>>) -> Option<Moment> {
    field.map(|t| match t {
        Some(secs) if secs.is_finite() => Moment::At(secs as i64),
        _ => Moment::Never,
    })
}

impl From<WireArtifact> for Artifact {
    fn from(w: WireArtifact) -> Self {
        let platform = Platform {
            os: w.os.map(Arc::from),
            architecture: w.architecture.map(Arc::from),
            variant: w.variant.map(Arc::from),
        };
        Artifact {
            id: w.id,
            digest: w.digest.unwrap_or_default().into(),
            tags: w.tags.unwrap_or_default(),
            size: w.size,
            media_type: w.media_type.map(Arc::from),
            platform: (!platform.is_empty()).then(|| Arc::new(platform)),
            pushed: moment(w.last_pushed_at),
            pulled: moment(w.last_pulled_at),
            children: w.child_ids.unwrap_or_default(),
            annotations: w
                .annotations
                .unwrap_or_default()
                .into_iter()
                .filter_map(|a| Some(Annotation { key: a.key?.into(), value: a.value.unwrap_or_default().into() }))
                .collect(),
        }
    }
}

/// Parses a 200 body. Each artifact is read on its own: a malformed one is counted and
/// skipped, the rest of the page is kept.
pub fn parse_page(status: u16, body: &str, requested_per_page: usize) -> Result<Page, ProviderError> {
    let bad = || ProviderError::BadResponse { status, snippet: snippet(body) };
    let envelope: Envelope = serde_json::from_str(body).map_err(|_| bad())?;
    let raw = envelope.artifacts.ok_or_else(bad)?;
    let pagination = envelope.pagination.unwrap_or_default();
    let records = raw.len();
    let mut artifacts = Vec::with_capacity(records);
    let mut malformed = 0;
    for item in raw {
        match serde_json::from_str::<WireArtifact>(item.get()) {
            Ok(w) if !w.id.is_empty() => artifacts.push(w.into()),
            _ => malformed += 1,
        }
    }
    // Counts from the wire are u64; `usize` is 32 bits on wasm32, so saturate, never truncate.
    let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    let per_page = pagination.per_page.map_or(requested_per_page, count).max(1);
    let known = pagination.large_set != Some(true);
    Ok(Page {
        artifacts,
        malformed,
        records,
        per_page,
        total_pages: pagination.total_pages.filter(|_| known).map(count),
        total_records: pagination.total.filter(|_| known).map(count),
    })
}

#[derive(Deserialize)]
struct WireError<'a> {
    code: String,
    #[serde(default, deserialize_with = "lenient")]
    description: Option<String>,
    #[serde(default, deserialize_with = "lenient", borrow)]
    detail: Option<Object<Detail<'a>>>,
}

/// The keys of an error's `detail` that its details show (the rest are not read).
#[derive(Deserialize, Default)]
struct Detail<'a> {
    #[serde(default, borrow)]
    details: Option<&'a RawValue>,
    #[serde(default, borrow)]
    ip_address: Option<&'a RawValue>,
    #[serde(default, borrow)]
    scopes: Option<&'a RawValue>,
    #[serde(default, borrow)]
    argument: Option<&'a RawValue>,
    #[serde(default, borrow)]
    issue: Option<&'a RawValue>,
    #[serde(default, borrow)]
    total_permitted: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct WrappedError<'a> {
    #[serde(borrow)]
    error: WireError<'a>,
}

/// Maps an error reply (wrapped `{"error":{…}}` or bare) to a sentence, a remedy and the
/// details the API gave.
pub fn parse_error(status: u16, body: &str) -> ProviderError {
    let parsed = serde_json::from_str::<WrappedError>(body)
        .map(|w| w.error)
        .or_else(|_| serde_json::from_str::<WireError>(body));
    let Ok(error) = parsed else {
        return ProviderError::BadResponse { status, snippet: snippet(body) };
    };
    let detail = error.detail.map(|Object(d)| d).unwrap_or_default();
    let mut details = Vec::new();
    let mut add = |label: &str, value: Option<&RawValue>| {
        if let Some(v) = value.and_then(json_text) {
            details.push((label.to_string(), v));
        }
    };
    let description = error.description.clone().unwrap_or_default();
    let (summary, remedy, retryable): (String, String, bool) = match error.code.as_str() {
        "missing_api_token" => {
            ("No API token was sent.".into(), "Enter your Katapult API token and load again.".into(), false)
        }
        "invalid_api_token" => {
            add("Details", detail.details);
            (
                "The API token is not valid — it may not exist or may have expired.".into(),
                "Create a new API token in Katapult and enter it here.".into(),
                false,
            )
        }
        "unauthorized_network_for_api_token" => {
            add("Your IP address", detail.ip_address);
            ("This API token may not be used from your network.".into(),
             "Add the IP address below to the token's allowed networks in Katapult, or use the token from an allowed network.".into(), false)
        }
        "invalid_capabilities_token" => (
            "The capabilities token is not valid (expired, or not signed by the right key).".into(),
            "Sign in again to get a fresh token.".into(),
            false,
        ),
        "scope_not_granted" => {
            add("Scopes needed", detail.scopes);
            (
                "The token lacks the scope this listing needs.".into(),
                "Grant the token the container_registry:read scope (or container_registry) and load again.".into(),
                false,
            )
        }
        "permission_denied" => {
            add("Details", detail.details);
            (
                "You are not permitted to list this repository.".into(),
                "Ask an administrator of the organization for access to the container registry.".into(),
                false,
            )
        }
        "container_registry_region_not_found" => (
            "No container registry region matches that region id.".into(),
            "Check the Region id (region[id]) and load again.".into(),
            false,
        ),
        "repository_not_found" => (
            "No repository matches that name or id in this region.".into(),
            "Check the repository name or id, and that it is in the chosen region.".into(),
            false,
        ),
        "invalid_argument" => {
            add("Argument", detail.argument);
            add("Issue", detail.issue);
            (
                "The API rejected an argument of the request.".into(),
                "Check the connection setting named below and load again.".into(),
                false,
            )
        }
        "missing_required_argument" => {
            add("Argument", detail.argument);
            (
                "The request lacks an argument the API requires.".into(),
                "Fill in the connection setting named below and load again.".into(),
                false,
            )
        }
        "route_not_found" => (
            "The endpoint does not serve this API path.".into(),
            "Check the Endpoint: it should be the API's base URL, e.g. https://api.katapult.io.".into(),
            false,
        ),
        "rate_limit_reached" => {
            add("Requests permitted per minute", detail.total_permitted);
            ("Katapult's rate limit was reached.".into(), "Wait a minute and load again.".into(), true)
        }
        "service_unavailable" => {
            ("The Katapult API is temporarily unavailable.".into(), "Try again in a few minutes.".into(), true)
        }
        _ => ("The Katapult API answered with an error.".into(), "See the code and description below.".into(), false),
    };
    if !description.is_empty() {
        details.push(("Description".into(), description));
    }
    ProviderError::Api { status, code: error.code, summary, remedy, details, retryable }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(endpoint: &str, proxy: &str) -> Route {
        Route::new(endpoint, proxy, &crate::providers::http::whatwg_parse).unwrap()
    }

    fn api() -> KatapultApi {
        KatapultApi::new(
            route(DEFAULT_ENDPOINT, ""),
            "uk-lon-01",
            RepositoryRef::Name("team/web app".into()),
            "tok",
            200,
        )
        .unwrap()
    }

    #[test]
    fn request_has_encoded_bracket_keys_and_bearer_token() {
        let r = api().request(3).unwrap();
        assert_eq!(
            r.url,
            "https://api.katapult.io/core/v1/container_registry/repositories/repository/artifacts\
             ?region%5Bid%5D=uk-lon-01&repository%5Bname%5D=team%2Fweb%20app&page=3&per_page=200"
        );
        assert_eq!(r.target, r.url, "no proxy");
        assert_eq!(r.credential, Credential { header: "Authorization", value: "Bearer tok".into() });
        assert!(!format!("{r:?}").contains("tok"), "the token never shows in debug output");
        assert!(!r.url.contains("tok"), "the token never goes in the URL");
        let by_id =
            KatapultApi::new(route("https://k.example/", ""), "r", RepositoryRef::Id("arep_1".into()), "t", 100)
                .unwrap();
        assert!(by_id.url(1).starts_with("https://k.example/core/"));
        assert!(by_id.url(1).contains("&repository%5Bid%5D=arep_1&page=1&per_page=100"));
    }

    #[test]
    fn constructor_rejects_incomplete_coordinates() {
        let r = || route(DEFAULT_ENDPOINT, "");
        assert!(KatapultApi::new(r(), "", RepositoryRef::Name("x".into()), "t", 200).is_err());
        assert!(KatapultApi::new(r(), "r", RepositoryRef::Name(" ".into()), "t", 200).is_err());
        assert!(KatapultApi::new(r(), "r", RepositoryRef::Name("x".into()), "", 200).is_err());
        assert!(Route::new("ftp://x", "", &crate::providers::http::whatwg_parse).is_err());
    }

    #[test]
    fn coordinates_are_checked_trimmed_in_one_place() {
        let name = |n: &str| RepositoryRef::Name(n.into());
        assert_eq!(check_coordinates(" uk-lon-01 ", name(" team/web ")), Ok(("uk-lon-01".into(), name("team/web"))));
        assert_eq!(
            check_coordinates("r", RepositoryRef::Id(" arep_1".into())),
            Ok(("r".into(), RepositoryRef::Id("arep_1".into())))
        );
        assert_eq!(
            check_coordinates(" ", name("x")),
            Err(ProviderError::Invalid("Enter the region id (region[id]).".into())),
            "the region is asked for first"
        );
        assert_eq!(
            check_coordinates("r", RepositoryRef::Id("\t".into())),
            Err(ProviderError::Invalid("Enter the repository name or id.".into()))
        );
        let r = route(DEFAULT_ENDPOINT, "");
        assert_eq!(
            KatapultApi::new(r, " ", name("x"), "t", 200).unwrap_err(),
            check_coordinates(" ", name("x")).unwrap_err(),
            "the constructor says what the check says"
        );
    }

    const PAGE: &str = r#"{
      "pagination": {"current_page": 1, "total_pages": 3, "total": 401, "per_page": 200, "large_set": false},
      "artifacts": [
        {"id": "art_idx", "digest": "sha256:aaa", "size": 1234, "media_type": "application/vnd.oci.image.index.v1+json",
         "os": null, "architecture": null, "variant": null, "annotations": [],
         "last_pushed_at": 1700000000, "last_pulled_at": null, "last_reconciled_at": null,
         "tags": ["v1.2.0", "latest"], "child_ids": ["art_amd", "art_arm"], "brand_new_field": {"x": 1}},
        {"id": "art_amd", "digest": "sha256:bbb", "size": null, "media_type": null,
         "os": "linux", "architecture": "arm", "variant": "v7",
         "annotations": [{"key": "org.opencontainers.image.source", "value": "https://git"}],
         "last_pushed_at": 1700000001.5, "last_pulled_at": 1700000500, "last_reconciled_at": 1,
         "tags": [], "child_ids": []},
        {"id": 42, "digest": "broken"},
        {"id": "art_min"}
      ]
    }"#;

    #[test]
    fn parses_a_page_tolerantly() {
        let page = parse_page(200, PAGE, 200).unwrap();
        assert_eq!((page.records, page.malformed, page.artifacts.len()), (4, 1, 3));
        assert_eq!((page.total_pages, page.total_records, page.per_page), (Some(3), Some(401), 200));
        let idx = &page.artifacts[0];
        assert_eq!(idx.children, vec!["art_amd", "art_arm"]);
        assert_eq!(idx.platform, None);
        assert_eq!(idx.pushed, Some(Moment::At(1_700_000_000)));
        assert_eq!(idx.pulled, Some(Moment::Never), "null = never pulled");
        let child = &page.artifacts[1];
        assert_eq!(child.platform.as_ref().unwrap().to_string(), "linux/arm/v7");
        assert_eq!(child.size, None);
        assert_eq!(child.annotations.len(), 1);
        let min = &page.artifacts[2];
        assert_eq!((&*min.digest.text(), min.pushed, min.tags.len()), ("", None, 0), "missing keys = not reported");
    }

    #[test]
    fn large_sets_have_no_total_and_empty_repositories_have_zero() {
        let large = r#"{"pagination":{"current_page":1,"total_pages":null,"total":null,"per_page":200,"large_set":true},"artifacts":[]}"#;
        let page = parse_page(200, large, 200).unwrap();
        assert_eq!((page.total_pages, page.total_records), (None, None));
        let empty = r#"{"pagination":{"current_page":1,"total_pages":0,"total":0,"per_page":200,"large_set":false},"artifacts":[]}"#;
        assert_eq!(parse_page(200, empty, 200).unwrap().total_pages, Some(0));
    }

    #[test]
    fn pagination_fields_of_another_type_are_not_reported() {
        let body = r#"{"pagination":{"total_pages":"3","total":-1,"per_page":"200","large_set":"no"},"artifacts":[{"id":"a"}]}"#;
        let page = parse_page(200, body, 100).unwrap();
        assert_eq!((page.total_pages, page.total_records, page.per_page), (None, None, 100));
        assert_eq!(page.artifacts.len(), 1);
        let counted = r#"{"pagination":{"total_pages":2,"total":3,"per_page":2.5,"large_set":1},"artifacts":[]}"#;
        let page = parse_page(200, counted, 200).unwrap();
        assert_eq!((page.total_pages, page.total_records, page.per_page), (Some(2), Some(3), 200));
    }

    #[test]
    fn malformed_bodies_are_bad_responses() {
        for body in ["", "<html>502 Bad Gateway</html>", "{\"artifacts\": 5}", "[1,2]", "{\"pagination\":{}}"] {
            assert!(
                matches!(parse_page(200, body, 200), Err(ProviderError::BadResponse { status: 200, .. })),
                "{body}"
            );
        }
    }

    fn error(status: u16, code: &str, detail: &str) -> ProviderError {
        parse_error(
            status,
            &format!(r#"{{"error":{{"code":"{code}","description":"desc of {code}","detail":{detail}}}}}"#),
        )
    }

    fn detail(e: &ProviderError, label: &str) -> Option<String> {
        e.details().into_iter().find(|(k, _)| k == label).map(|(_, v)| v)
    }

    #[test]
    fn every_documented_error_gets_a_sentence_and_its_details() {
        let cases = [
            (400, "missing_api_token", "{}"),
            (400, "invalid_argument", r#"{"argument":"per_page","issue":"too_large"}"#),
            (400, "missing_required_argument", r#"{"argument":"region"}"#),
            (403, "unauthorized_network_for_api_token", r#"{"ip_address":"203.0.113.9"}"#),
            (403, "invalid_api_token", r#"{"details":null}"#),
            (403, "invalid_capabilities_token", "{}"),
            (403, "scope_not_granted", r#"{"scopes":["container_registry:read"]}"#),
            (403, "permission_denied", r#"{"details":"not in organization"}"#),
            (404, "container_registry_region_not_found", "{}"),
            (404, "repository_not_found", "{}"),
            (404, "route_not_found", "{}"),
            (429, "rate_limit_reached", r#"{"total_permitted":1000}"#),
            (503, "service_unavailable", "{}"),
        ];
        let mut summaries = std::collections::HashSet::new();
        for (status, code, d) in cases {
            let e = error(status, code, d);
            let ProviderError::Api { summary, code: c, status: s, .. } = &e else { panic!("{code}: {e:?}") };
            assert_eq!((c.as_str(), *s), (code, status));
            assert!(summaries.insert(summary.clone()), "{code} needs its own sentence");
            assert!(!e.remedy().is_empty());
            assert_eq!(e.is_retryable(), status == 429 || status == 503, "{code}");
        }
        assert_eq!(
            detail(
                &error(403, "unauthorized_network_for_api_token", r#"{"ip_address":"203.0.113.9"}"#),
                "Your IP address"
            )
            .as_deref(),
            Some("203.0.113.9")
        );
        assert_eq!(
            detail(&error(403, "scope_not_granted", r#"{"scopes":["container_registry:read","x"]}"#), "Scopes needed")
                .as_deref(),
            Some("container_registry:read, x")
        );
        let invalid = error(400, "invalid_argument", r#"{"argument":"per_page","issue":"too_large"}"#);
        assert_eq!(detail(&invalid, "Argument").as_deref(), Some("per_page"));
        assert_eq!(detail(&invalid, "Issue").as_deref(), Some("too_large"));
        assert_eq!(
            detail(&error(403, "permission_denied", r#"{"details":"nope"}"#), "Details").as_deref(),
            Some("nope")
        );
    }

    #[test]
    fn unknown_codes_bare_errors_and_non_json() {
        let e = error(418, "teapot_mode", "{}");
        assert_eq!(detail(&e, "Error code").as_deref(), Some("teapot_mode"));
        assert_eq!(detail(&e, "Description").as_deref(), Some("desc of teapot_mode"));
        // A `detail` that is a list is not read by position as if it were an object.
        assert_eq!(detail(&error(400, "invalid_argument", "[null,null,null,false]"), "Argument"), None);
        let bare = parse_error(404, r#"{"code":"repository_not_found","description":"x","detail":{}}"#);
        assert!(matches!(bare, ProviderError::Api { ref code, .. } if code == "repository_not_found"));
        let html = parse_error(502, "<html><body>Bad gateway</body></html>");
        assert_eq!(
            html,
            ProviderError::BadResponse { status: 502, snippet: "<html><body>Bad gateway</body></html>".into() }
        );
    }

    #[test]
    fn a_description_of_another_type_keeps_the_code() {
        for description in ["false", "5", "[\"x\"]", "{\"en\":\"x\"}", "null"] {
            let body =
                format!(r#"{{"error":{{"code":"rate_limit_reached","description":{description},"detail":{{}}}}}}"#);
            let e = parse_error(429, &body);
            assert!(
                matches!(&e, ProviderError::Api { code, retryable: true, .. } if code == "rate_limit_reached"),
                "{e:?}"
            );
            assert_eq!(detail(&e, "Description"), None, "{description}");
        }
        let bare = parse_error(503, r#"{"code":"service_unavailable","description":7}"#);
        assert!(bare.is_retryable(), "{bare:?}");
    }

    #[test]
    fn per_page_falls_back_on_invalid_argument_only() {
        let api = api();
        let rejected = error(400, "invalid_argument", r#"{"argument":"per_page","issue":"too_large"}"#);
        assert!(api.adapt(&rejected));
        assert_eq!(api.per_page(), 100);
        assert!(api.request(1).unwrap().url.ends_with("per_page=100"));
        assert!(api.adapt(&rejected));
        assert_eq!(api.per_page(), 30);
        assert!(!api.adapt(&rejected), "30 is the floor");
        assert!(!api.adapt(&error(400, "invalid_argument", r#"{"argument":"region"}"#)));
        assert!(!api.adapt(&error(429, "rate_limit_reached", "{}")));
    }

    #[test]
    fn proxy_wraps_the_whole_request_url() {
        let api = KatapultApi::new(
            route(DEFAULT_ENDPOINT, "http://127.0.0.1:8081/"),
            "r",
            RepositoryRef::Name("x".into()),
            "t",
            200,
        )
        .unwrap();
        let request = api.request(1).unwrap();
        assert!(request.url.starts_with("http://127.0.0.1:8081/https://api.katapult.io/core/"));
        assert!(request.target.starts_with("https://api.katapult.io/core/"));
    }

    #[test]
    fn sizes_and_counts_above_32_bits_are_kept() {
        let body = r#"{"pagination":{"total_pages":4294967297,"total":18446744073709551615,"per_page":200},
            "artifacts":[{"id":"big","size":5368709120},{"id":"max","size":18446744073709551615,"last_pushed_at":1e300}]}"#;
        let page = parse_page(200, body, 200).unwrap();
        assert_eq!(page.artifacts[0].size, Some(5 << 30));
        assert_eq!(page.artifacts[1].size, Some(u64::MAX));
        assert_eq!(page.artifacts[1].pushed, Some(Moment::At(i64::MAX)), "an absurd time saturates");
        assert_eq!(page.total_pages, Some(usize::try_from(4_294_967_297u64).unwrap_or(usize::MAX)));
        assert_eq!(page.total_records, Some(usize::MAX));
    }
}
