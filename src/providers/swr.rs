//! Huawei SWR Enterprise Edition: `GET /v2/instances/{instance_id}/namespaces/{ns}/
//! repositories/{repo}/tags`. Request builder, tolerant parser and error mapping
//! (../shared/api/swr.md). Each tag becomes a record of its artifact; the catalog merges
//! the records of one artifact into one row.

use serde::Deserialize;
use std::sync::Arc;
use serde_json::value::RawValue;

use crate::engine::format::parse_rfc3339;
use crate::engine::model::{Artifact, Moment};
use crate::providers::http::{encode_component, Credential, HttpRequest, PagedApi, Route};
use crate::providers::lenient;
use crate::providers::ProviderKind;
use crate::providers::{snippet, Object, Page, ProviderError};

/// The maximum the API allows; offsets are multiples of it.
pub const LIMIT: usize = 100;
/// Harbor's "never" (year 1).
const NEVER_BEFORE_YEAR_2: i64 = -62_104_060_800;

/// Regional endpoints offered as suggestions (`eu-west-101` lives under `.eu`).
pub const ENDPOINTS: [&str; 8] = [
    "https://swr-api.cn-north-4.myhuaweicloud.com",
    "https://swr-api.cn-east-3.myhuaweicloud.com",
    "https://swr-api.cn-south-1.myhuaweicloud.com",
    "https://swr-api.ap-southeast-1.myhuaweicloud.com",
    "https://swr-api.ap-southeast-3.myhuaweicloud.com",
    "https://swr-api.af-south-1.myhuaweicloud.com",
    "https://swr-api.la-south-2.myhuaweicloud.com",
    "https://swr-api.eu-west-101.myhuaweicloud.eu",
];

/// The one check of SWR coordinates: an instance id, a namespace and a repository, trimmed,
/// or the error that says what to fill in. [`SwrApi::new`] applies it, and the app asks it
/// before loading (`app::source`).
pub fn check_coordinates(instance: &str, namespace: &str, repository: &str) -> Result<[String; 3], ProviderError> {
    let all = [instance, namespace, repository].map(|s| s.trim().to_string());
    if all.iter().any(String::is_empty) {
        return Err(ProviderError::Invalid("Enter the instance id, namespace and repository.".into()));
    }
    Ok(all)
}

#[derive(Debug)]
pub struct SwrApi {
    route: Route,
    instance: String,
    namespace: String,
    repository: String,
    accessories: bool,
    token: String,
}

impl SwrApi {
    pub fn new(
        route: Route,
        instance: &str,
        namespace: &str,
        repository: &str,
        accessories: bool,
        token: &str,
    ) -> Result<Self, ProviderError> {
        let [instance, namespace, repository] = check_coordinates(instance, namespace, repository)?;
        if token.trim().is_empty() {
            return Err(ProviderError::Invalid("Enter an IAM token.".into()));
        }
        Ok(SwrApi { route, instance, namespace, repository, accessories, token: token.trim().into() })
    }

    /// The repository segment is encoded twice (`team/web` → `team%252Fweb`), as SWR and
    /// Harbor require; the others once.
    pub fn url(&self, page: usize) -> String {
        format!(
            "{}/v2/instances/{}/namespaces/{}/repositories/{}/tags?offset={}&limit={LIMIT}&is_accessory={}",
            self.route.endpoint(),
            encode_component(&self.instance),
            encode_component(&self.namespace),
            encode_component(&encode_component(&self.repository)),
            page.saturating_sub(1) * LIMIT,
            self.accessories
        )
    }
}

impl PagedApi for SwrApi {
    fn provider(&self) -> ProviderKind {
        ProviderKind::Swr
    }

    fn request(&self, page: usize) -> Result<HttpRequest, ProviderError> {
        Ok(self.route.request(self.url(page), Credential { header: "X-Auth-Token", value: self.token.clone() }))
    }

    fn parse(&self, _page: usize, status: u16, body: &str) -> Result<Page, ProviderError> {
        if !(200..300).contains(&status) {
            return Err(parse_error(status, body));
        }
        parse_page(status, body)
    }
}

#[derive(Deserialize)]
struct TagList<'a> {
    #[serde(borrow, default)]
    tags: Option<Vec<&'a RawValue>>,
    /// Read leniently: a total of another type is not reported, and the tags are kept.
    #[serde(default, deserialize_with = "lenient")]
    total: Option<u64>,
}

#[derive(Deserialize)]
struct WireTag {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    artifact_id: Option<i64>,
    #[serde(default)]
    digest: Option<String>,
    #[serde(default)]
    manifest_media_type: Option<String>,
    #[serde(default)]
    media_type: Option<String>,
    #[serde(default)]
    pull_time: Option<String>,
    #[serde(default)]
    push_time: Option<String>,
    #[serde(default)]
    size: Option<u64>,
}

/// `0001-01-01T00:00:00Z` means never; unparsable or absent means not reported.
fn moment(time: Option<&str>) -> Option<Moment> {
    let t = parse_rfc3339(time?)?;
    Some(if t < NEVER_BEFORE_YEAR_2 { Moment::Never } else { Moment::At(t) })
}

impl WireTag {
    fn into_artifact(self) -> Option<Artifact> {
        let digest = self.digest.filter(|d| !d.is_empty());
        let id = match (self.artifact_id, &digest) {
            (Some(id), _) => format!("swr-{id}"),
            (None, Some(d)) => d.clone(),
            (None, None) => return None,
        };
        let mut artifact = Artifact::new(&id, digest.as_deref().unwrap_or_default());
        artifact.tags = self.name.filter(|n| !n.is_empty()).into_iter().collect();
        artifact.size = self.size;
        artifact.media_type = self.manifest_media_type.or(self.media_type).map(Arc::from);
        artifact.pushed = moment(self.push_time.as_deref());
        artifact.pulled = moment(self.pull_time.as_deref());
        Some(artifact)
    }
}

pub fn parse_page(status: u16, body: &str) -> Result<Page, ProviderError> {
    let bad = || ProviderError::BadResponse { status, snippet: snippet(body) };
    // The reference page's example wraps the object in a one-element array.
    let list: TagList = if body.trim_start().starts_with('[') {
        let lists: Vec<TagList> = serde_json::from_str(body).map_err(|_| bad())?;
        lists.into_iter().next().ok_or_else(bad)?
    } else {
        serde_json::from_str(body).map_err(|_| bad())?
    };
    let raw = list.tags.ok_or_else(bad)?;
    let records = raw.len();
    let mut artifacts = Vec::with_capacity(records);
    let mut malformed = 0;
    for item in raw {
        match serde_json::from_str::<WireTag>(item.get()).ok().and_then(WireTag::into_artifact) {
            Some(a) => artifacts.push(a),
            None => malformed += 1,
        }
    }
    // `usize` is 32 bits on wasm32: saturate, never truncate.
    let total = list.total.map(|t| usize::try_from(t).unwrap_or(usize::MAX));
    Ok(Page {
        artifacts,
        malformed,
        records,
        per_page: LIMIT,
        total_pages: total.map(|t| t.div_ceil(LIMIT)),
        total_records: total,
    })
}

/// Only the code must be readable: an optional field of another type is absent.
#[derive(Deserialize)]
struct WireError {
    error_code: String,
    #[serde(default, deserialize_with = "lenient")]
    error_msg: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    encoded_authorization_message: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    request_id: Option<String>,
    #[serde(default, deserialize_with = "lenient")]
    errors: Option<Vec<Object<ErrorEntry>>>,
}

/// An entry of the gateway's `errors`: only its encoded message is read.
#[derive(Deserialize)]
struct ErrorEntry {
    #[serde(default, deserialize_with = "lenient")]
    encoded_authorization_message: Option<String>,
}

const TOKEN_REMEDY: &str = "Get a new IAM token (POST https://iam.myhuaweicloud.com/v3/auth/tokens; the token is the \
     X-Subject-Token response header and lasts 24 hours), enter it and load again.";

/// Maps the service shape and the API-gateway shape to a sentence, a remedy and details.
pub fn parse_error(status: u16, body: &str) -> ProviderError {
    let Ok(error) = serde_json::from_str::<WireError>(body) else {
        return ProviderError::BadResponse { status, snippet: snippet(body) };
    };
    let (summary, remedy, retryable) = match error.error_code.as_str() {
        "SVCSTG.SWR.4010000" | "APIG.0301" => {
            ("The IAM token was rejected — it is invalid or has expired.", TOKEN_REMEDY, false)
        }
        "APIG.1002" => ("No IAM token was sent.", TOKEN_REMEDY, false),
        "SVCSTG.SWR.4030170" => (
            "Your IAM user lacks the permissions to list this repository's tags.",
            "Ask an administrator for SWR read access. The encoded message below tells which \
             permission is missing: decode it with the STS decode-authorization-message API.",
            false,
        ),
        "SVCSTG.SWR.4040010" => (
            "The repository (or the instance or namespace) does not exist.",
            "Check the instance id, the namespace and the repository name (it may contain “/”).",
            false,
        ),
        "SVCSTG.SWR.4000014" => {
            ("SWR rejected a parameter of the request.", "Check the connection settings and load again.", false)
        }
        "SVCSTG.SWR.4000013" => {
            ("SWR rejected a digest as invalid.", "Check the connection settings and load again.", false)
        }
        "SVCSTG.SWR.5000003" => {
            ("SWR failed to list the tags (a server-side error).", "Try again in a few minutes.", false)
        }
        "APIG.0308" => ("SWR's API gateway is throttling requests.", "Wait a minute and load again.", true),
        _ => ("The SWR API answered with an error.", "See the code and message below.", false),
    };
    let mut details = Vec::new();
    if let Some(msg) = error.error_msg.filter(|m| !m.is_empty()) {
        details.push(("Message".to_string(), msg));
    }
    let encoded = error
        .encoded_authorization_message
        .or_else(|| error.errors.into_iter().flatten().find_map(|Object(e)| e.encoded_authorization_message));
    if let Some(encoded) = encoded.filter(|m| !m.is_empty()) {
        details.push(("Encoded authorization message".to_string(), encoded));
    }
    if let Some(id) = error.request_id.filter(|m| !m.is_empty()) {
        details.push(("Request id".to_string(), id));
    }
    ProviderError::Api {
        status,
        code: error.error_code,
        summary: summary.into(),
        remedy: remedy.into(),
        details,
        retryable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Catalog;

    fn route(endpoint: &str, proxy: &str) -> Route {
        Route::new(endpoint, proxy, &crate::providers::http::whatwg_parse).unwrap()
    }

    fn api(accessories: bool) -> SwrApi {
        SwrApi::new(
            route("https://swr-api.cn-north-4.myhuaweicloud.com/", ""),
            "inst 1",
            "team",
            "team/web",
            accessories,
            "iam",
        )
        .unwrap()
    }

    #[test]
    fn request_double_encodes_the_repository_and_pages_by_offset() {
        let r = api(false).request(3).unwrap();
        assert_eq!(
            r.url,
            "https://swr-api.cn-north-4.myhuaweicloud.com/v2/instances/inst%201/namespaces/team/repositories/team%252Fweb/tags\
             ?offset=200&limit=100&is_accessory=false"
        );
        assert_eq!(r.credential, Credential { header: "X-Auth-Token", value: "iam".into() });
        assert!(api(true).url(1).ends_with("?offset=0&limit=100&is_accessory=true"));
        let proxied =
            SwrApi::new(route("https://x.example", "https://p.example/?url={url}"), "i", "n", "a/b", false, "t")
                .unwrap();
        assert!(proxied.request(1).unwrap().url.starts_with("https://p.example/?url=https%3A%2F%2Fx.example%2Fv2%2Finstances%2Fi%2Fnamespaces%2Fn%2Frepositories%2Fa%25252Fb%2Ftags"));
    }

    #[test]
    fn incomplete_coordinates_are_refused() {
        assert!(Route::new("", "", &crate::providers::http::whatwg_parse).is_err());
        assert!(SwrApi::new(route("https://x", ""), "i", "", "r", false, "t").is_err());
        assert!(SwrApi::new(route("https://x", ""), "i", "n", "r", false, " ").is_err());
    }

    #[test]
    fn coordinates_are_checked_trimmed_in_one_place() {
        assert_eq!(check_coordinates(" i ", "team", " team/web"), Ok(["i".into(), "team".into(), "team/web".into()]));
        let missing = Err(ProviderError::Invalid("Enter the instance id, namespace and repository.".into()));
        assert_eq!(check_coordinates("i", " ", "r"), missing);
        assert_eq!(check_coordinates("", "n", "r"), missing);
        assert_eq!(check_coordinates("i", "n", ""), missing);
        assert_eq!(SwrApi::new(route("https://x", ""), "i", "\n", "r", false, "t").map(|_| ()), missing.map(|_| ()));
    }

    const REFERENCE_EXAMPLE: &str = r#"[ {
      "total" : 1,
      "tags" : [ {
        "artifact_id" : 1978, "id" : 3804, "name" : "latest",
        "pull_time" : "0001-01-01T00:00:00.000Z", "push_time" : "2021-02-03T10:22:11.840Z",
        "repository_id" : 402,
        "digest" : "sha256:3ee2a6bffb6dfec67be23fd0f6c0e8a48620277582e01800b4ad3c03ad0d9489",
        "manifest_media_type" : "application/vnd.docker.distribution.manifest.v2+json",
        "media_type" : "application/vnd.docker.container.image.v1+json",
        "namespace_id" : 87, "size" : 8049952, "type" : "IMAGE"
      } ]
    } ]"#;

    #[test]
    fn parses_the_reference_example_array_form() {
        let page = parse_page(200, REFERENCE_EXAMPLE).unwrap();
        assert_eq!((page.total_records, page.total_pages, page.records), (Some(1), Some(1), 1));
        let a = &page.artifacts[0];
        assert_eq!(a.id, "swr-1978");
        assert_eq!(a.tags, vec!["latest"]);
        assert_eq!(a.pulled, Some(Moment::Never));
        assert_eq!(a.pushed, Some(Moment::At(1_612_347_731)));
        assert_eq!(a.media_type.as_deref(), Some("application/vnd.docker.distribution.manifest.v2+json"));
        assert_eq!(a.platform, None, "SWR reports no platform");
    }

    #[test]
    fn tags_of_one_artifact_become_one_row_with_latest_times() {
        let body = r#"{"total": 4, "tags": [
          {"artifact_id": 7, "name": "v1", "digest": "sha256:a", "size": 10, "push_time": "2024-01-01T00:00:00Z", "pull_time": "0001-01-01T00:00:00Z"},
          {"artifact_id": 7, "name": "latest", "digest": "sha256:a", "size": 10, "push_time": "2024-03-01T00:00:00Z", "pull_time": "2024-02-01T00:00:00Z"},
          {"name": "orphan", "digest": "sha256:b", "unknown_field": [1]},
          {"name": "nothing-to-group-by"}
        ]}"#;
        let page = parse_page(200, body).unwrap();
        assert_eq!((page.records, page.malformed), (4, 1));
        let catalog = Catalog::new(page.artifacts);
        assert_eq!(catalog.top_level().len(), 2);
        let a = catalog.artifact(catalog.get("swr-7").unwrap());
        assert_eq!(a.tags, vec!["latest", "v1"], "both tags, stored in natural order");
        assert_eq!(a.pushed, Some(Moment::At(1_709_251_200)));
        assert_eq!(a.pulled, Some(Moment::At(1_706_745_600)));
        assert!(catalog.get("sha256:b").is_some(), "digest is the fallback grouping key");
    }

    #[test]
    fn absent_total_and_bad_bodies() {
        let page = parse_page(200, r#"{"tags": []}"#).unwrap();
        assert_eq!(page.total_pages, None);
        for total in ["\"4\"", "-1", "2.5", "{}"] {
            let page = parse_page(200, &format!(r#"{{"total": {total}, "tags": [{{"artifact_id": 1}}]}}"#)).unwrap();
            assert_eq!((page.total_records, page.total_pages, page.artifacts.len()), (None, None, 1), "{total}");
        }
        for body in ["", "[]", "{\"total\": 3}", "<html/>", "[{\"tags\": 5}]"] {
            assert!(matches!(parse_page(200, body), Err(ProviderError::BadResponse { .. })), "{body}");
        }
    }

    fn error(status: u16, body: &str) -> ProviderError {
        parse_error(status, body)
    }

    #[test]
    fn every_documented_error_is_explained() {
        let cases = [
            (401, "SVCSTG.SWR.4010000", false),
            (401, "APIG.0301", false),
            (401, "APIG.1002", false),
            (403, "SVCSTG.SWR.4030170", false),
            (404, "SVCSTG.SWR.4040010", false),
            (400, "SVCSTG.SWR.4000014", false),
            (500, "SVCSTG.SWR.5000003", false),
            (429, "APIG.0308", true),
        ];
        for (status, code, retry) in cases {
            let e =
                error(status, &format!(r#"{{"error_code":"{code}","error_msg":"msg {code}","request_id":"req-1"}}"#));
            let ProviderError::Api { code: c, summary, .. } = &e else { panic!("{code}") };
            assert_eq!(c, code);
            assert_ne!(summary, "The SWR API answered with an error.", "{code} has its own sentence");
            assert_eq!(e.is_retryable(), retry, "{code}");
            assert!(e.details().contains(&("Message".into(), format!("msg {code}"))));
        }
        let denied = error(
            403,
            r#"{"error_code":"SVCSTG.SWR.4030170","error_msg":"Insufficient permissions","encoded_authorization_message":"ENC123",
            "errors":[{"errorCode":"x","errorMessage":"y","detail":"","encoded_authorization_message":"ENC123"}],"details":[{"error_code":"x","error_msg":""}]}"#,
        );
        assert!(denied.details().contains(&("Encoded authorization message".into(), "ENC123".into())));
        assert!(denied.remedy().contains("decode-authorization-message"));
        let expired =
            error(401, r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information"}"#);
        assert!(expired.remedy().contains("X-Subject-Token"));
        let other = error(400, r#"{"error_code":"SVCSTG.SWR.4000099","error_msg":"odd"}"#);
        assert!(other.details().contains(&("Error code".into(), "SVCSTG.SWR.4000099".into())));
        assert!(matches!(error(502, "<html>bad gateway</html>"), ProviderError::BadResponse { status: 502, .. }));
    }

    #[test]
    fn optional_fields_of_another_type_keep_the_code() {
        for body in [
            r#"{"error_code":"APIG.0308","error_msg":false}"#,
            r#"{"error_code":"APIG.0308","error_msg":"Throttled","request_id":12345}"#,
            r#"{"error_code":"APIG.0308","error_msg":"Throttled","errors":{"errorCode":"x"}}"#,
            r#"{"error_code":"APIG.0308","encoded_authorization_message":["x"],"errors":[5,"x",{}]}"#,
        ] {
            let e = error(429, body);
            assert!(
                matches!(&e, ProviderError::Api { code, retryable: true, .. } if code == "APIG.0308"),
                "{body}: {e:?}"
            );
        }
        let e = error(429, r#"{"error_code":"APIG.0308","error_msg":"Throttled","request_id":12345}"#);
        let ProviderError::Api { details, .. } = &e else { panic!("{e:?}") };
        assert_eq!(details, &[("Message".to_string(), "Throttled".to_string())], "the readable fields stay");
        // An entry of `errors` that is a list is not read by position as if it were an object.
        let e = error(403, r#"{"error_code":"SVCSTG.SWR.4030170","errors":[["ENC"]]}"#);
        let ProviderError::Api { details, .. } = &e else { panic!("{e:?}") };
        assert!(details.iter().all(|(label, _)| label != "Encoded authorization message"), "{details:?}");
        assert!(
            matches!(error(429, r#"{"error_code":308}"#), ProviderError::BadResponse { .. }),
            "the code must be read"
        );
    }

    #[test]
    fn sizes_above_4_gib_and_impossible_dates() {
        let body = r#"{"total":18446744073709551615,"tags":[
          {"artifact_id": 1, "name": "big", "digest": "sha256:a", "size": 5368709120, "push_time": "2026-02-31T00:00:00Z"},
          {"artifact_id": 2, "name": "max", "digest": "sha256:b", "size": 18446744073709551615, "push_time": "2024-02-29T00:00:00Z"}]}"#;
        let page = parse_page(200, body).unwrap();
        assert_eq!(page.artifacts[0].size, Some(5 << 30));
        assert_eq!(page.artifacts[0].pushed, None, "not on the calendar: not reported, not March 3");
        assert_eq!(page.artifacts[1].size, Some(u64::MAX));
        assert_eq!(page.artifacts[1].pushed, Some(Moment::At(1_709_164_800)));
        assert_eq!(page.total_records, Some(usize::MAX));
    }
}
