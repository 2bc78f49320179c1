//! The deployment's optional `config.json`, next to `index.html`: defaults, allow-listed
//! hosts, repository presets and registry hosts. Parsed strictly enough to warn about
//! mistakes, never so strictly that a typo blanks the page.

use serde::Deserialize;

use crate::app::coordinates::Coordinates;
use crate::engine::plan::{KeepRecent, Rules};
use crate::engine::view::PAGE_SIZES;
use crate::providers::{Object, ProviderKind};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub default_provider: Option<ProviderKind>,
    pub katapult_endpoint: Option<String>,
    pub swr_endpoint: Option<String>,
    pub proxy: Option<String>,
    /// Hosts (`host` or `host:port`) a token may go to without asking.
    pub allowed_hosts: Vec<String>,
    /// Path prefixes of this page's own origin that are API proxies (e.g. `/swr-api/`):
    /// the only places on this origin a token may go without asking.
    pub same_origin_api_paths: Vec<String>,
    pub page_size: Option<usize>,
    pub presets: Vec<Preset>,
    /// Registry host for pull references, per provider (`kcr.io`, `swr.cn-north-4…`).
    pub katapult_registry: Option<String>,
    pub swr_registry: Option<String>,
    /// Named cleanup policies offered in the plan panel.
    pub plans: Vec<NamedPlan>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedPlan {
    pub name: String,
    pub rules: Rules,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: String,
    pub provider: ProviderKind,
    pub coords: Coordinates,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire {
    #[serde(default)]
    default_provider: Option<String>,
    #[serde(default)]
    endpoints: Option<Object<WireEndpoints>>,
    #[serde(default)]
    proxy: Option<String>,
    #[serde(default)]
    allowed_hosts: Vec<String>,
    #[serde(default)]
    same_origin_api_paths: Vec<String>,
    #[serde(default)]
    page_size: Option<usize>,
    #[serde(default)]
    presets: Vec<Object<WirePreset>>,
    #[serde(default)]
    registry_hosts: Option<Object<WireEndpoints>>,
    #[serde(default)]
    plans: Vec<Object<WirePlan>>,
}

/// A named policy, with the rules as the URL writes them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePlan {
    name: String,
    #[serde(default)]
    keep_tag: Vec<String>,
    /// `"10"` or `"5:build-*"`.
    #[serde(default)]
    keep_recent: Vec<String>,
    #[serde(default)]
    keep_pushed_within: Option<u32>,
    #[serde(default)]
    keep_pulled_within: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEndpoints {
    #[serde(default)]
    katapult: Option<String>,
    #[serde(default)]
    swr: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WirePreset {
    name: String,
    provider: String,
    #[serde(default)]
    endpoint: String,
    #[serde(default)]
    proxy: String,
    #[serde(default)]
    region: String,
    #[serde(default)]
    repository: String,
    #[serde(default)]
    repository_id: String,
    #[serde(default)]
    instance: String,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    accessories: bool,
}

/// Parses `config.json`. `Err` carries a sentence for the visible warning.
pub fn parse(body: &str) -> Result<Config, String> {
    if !body.trim_start().starts_with('{') {
        return Err("config.json must be a JSON object. Using the defaults.".into());
    }
    let wire: Wire =
        serde_json::from_str(body).map_err(|e| format!("config.json is not valid: {e}. Using the defaults."))?;
    let provider = |name: &str| {
        ProviderKind::parse(name)
            .ok_or_else(|| format!("config.json names an unknown provider “{name}”. Using the defaults."))
    };
    let page_size = match wire.page_size {
        Some(n) if !PAGE_SIZES.contains(&n) => {
            return Err(format!("config.json page_size must be one of 10, 25, 50, 100 (got {n}). Using the defaults."))
        }
        other => other,
    };
    if let Some(bad) = wire.same_origin_api_paths.iter().find(|p| !p.starts_with('/') || p.starts_with("//")) {
        return Err(format!(
            "config.json same_origin_api_paths must be paths starting with one “/” (got “{bad}”). Using the defaults."
        ));
    }
    let mut presets = Vec::new();
    for Object(p) in wire.presets {
        presets.push(Preset {
            name: p.name,
            provider: provider(&p.provider)?,
            coords: Coordinates {
                endpoint: p.endpoint,
                proxy: p.proxy,
                region: p.region,
                instance: p.instance,
                namespace: p.namespace,
                repository: p.repository,
                repository_id: p.repository_id,
                accessories: p.accessories,
            },
        });
    }
    let (endpoints, registries) = (wire.endpoints.map(|e| e.0), wire.registry_hosts.map(|r| r.0));
    let mut plans = Vec::new();
    for Object(p) in wire.plans {
        let mut keep_recent = Vec::new();
        for value in &p.keep_recent {
            let rule = KeepRecent::parse(value).ok_or_else(|| {
                format!(
                    "config.json plan “{}”: keep_recent must be N or N:GLOB (got “{value}”). Using the defaults.",
                    p.name
                )
            })?;
            keep_recent.push(rule);
        }
        let rules = Rules {
            keep_tag: p.keep_tag.into_iter().filter(|g| !g.trim().is_empty()).collect(),
            keep_recent,
            keep_pushed_within: p.keep_pushed_within,
            keep_pulled_within: p.keep_pulled_within,
        };
        if !rules.is_active() {
            return Err(format!("config.json plan “{}” has no rules. Using the defaults.", p.name));
        }
        plans.push(NamedPlan { name: p.name, rules });
    }
    Ok(Config {
        default_provider: wire.default_provider.as_deref().map(provider).transpose()?,
        katapult_endpoint: endpoints.as_ref().and_then(|e| e.katapult.clone()),
        swr_endpoint: endpoints.and_then(|e| e.swr),
        proxy: wire.proxy.filter(|p| !p.trim().is_empty()),
        allowed_hosts: wire.allowed_hosts.into_iter().map(|h| h.trim().to_string()).collect(),
        same_origin_api_paths: wire.same_origin_api_paths,
        page_size,
        presets,
        katapult_registry: registries.as_ref().and_then(|r| r.katapult.clone()),
        swr_registry: registries.and_then(|r| r.swr),
        plans,
    })
}

/// What fetching `config.json` gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fetched<'a> {
    /// No answer at all.
    Nothing,
    /// An HTTP status outside 200–299.
    Status(u16),
    /// A successful answer, with its body when it could be read.
    Body(Option<&'a str>),
}

/// The config to run with and, when a config was there but is unusable, a warning to show.
/// No config (no answer, or a 404) is no mistake: the defaults, silently.
pub fn from_fetch(fetched: Fetched) -> (Config, Option<String>) {
    match fetched {
        Fetched::Nothing | Fetched::Status(404) => (Config::default(), None),
        Fetched::Status(status) => {
            (Config::default(), Some(format!("config.json could not be read (HTTP {status}). Using the defaults.")))
        }
        Fetched::Body(None) => (Config::default(), Some("config.json could not be read. Using the defaults.".into())),
        Fetched::Body(Some(body)) => match parse(body) {
            Ok(c) => (c, None),
            Err(warning) => (Config::default(), Some(warning)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"{
      "default_provider": "katapult",
      "endpoints": { "katapult": "https://api.katapult.io", "swr": "https://swr-api.cn-north-4.myhuaweicloud.com" },
      "proxy": "https://proxy.internal/?url={url}",
      "allowed_hosts": ["Registry-API.internal:8443"],
      "same_origin_api_paths": ["/swr-api/"],
      "page_size": 50,
      "presets": [
        { "name": "Web (prod)", "provider": "katapult", "region": "uk-lon-01", "repository": "team/web" },
        { "name": "SWR app", "provider": "swr", "endpoint": "https://swr-api.cn-north-4.myhuaweicloud.com", "instance": "i-1", "namespace": "team", "repository": "app" }
      ],
      "registry_hosts": { "katapult": "kcr.io", "swr": "swr.cn-north-4.myhuaweicloud.com" },
      "plans": [
        { "name": "Releases", "keep_tag": ["v*"], "keep_recent": ["10", "5:build-*"], "keep_pushed_within": 30 }
      ]
    }"#;

    #[test]
    fn a_missing_config_is_silent_an_unusable_one_is_reported() {
        assert_eq!(from_fetch(Fetched::Nothing), (Config::default(), None));
        assert_eq!(from_fetch(Fetched::Status(404)), (Config::default(), None));
        assert_eq!(
            from_fetch(Fetched::Status(500)),
            (Config::default(), Some("config.json could not be read (HTTP 500). Using the defaults.".into()))
        );
        assert_eq!(
            from_fetch(Fetched::Body(None)),
            (Config::default(), Some("config.json could not be read. Using the defaults.".into()))
        );
        assert_eq!(from_fetch(Fetched::Body(Some(FULL))), (parse(FULL).unwrap(), None));
        let (config, warning) = from_fetch(Fetched::Body(Some("<html>")));
        assert_eq!((config, warning), (Config::default(), parse("<html>").err()));
    }

    #[test]
    fn every_key_is_read() {
        let c = parse(FULL).unwrap();
        assert_eq!(c.default_provider, Some(ProviderKind::Katapult));
        assert_eq!(c.swr_endpoint.as_deref(), Some("https://swr-api.cn-north-4.myhuaweicloud.com"));
        assert_eq!(c.allowed_hosts, vec!["Registry-API.internal:8443"], "compared as the browser parses them");
        assert_eq!(c.same_origin_api_paths, vec!["/swr-api/"]);
        assert_eq!(c.page_size, Some(50));
        assert_eq!(c.presets.len(), 2);
        assert_eq!(c.presets[1].coords.instance, "i-1");
        assert_eq!(c.katapult_registry.as_deref(), Some("kcr.io"));
        assert_eq!(c.plans.len(), 1);
        assert_eq!(c.plans[0].name, "Releases");
        assert_eq!(c.plans[0].rules.keep_recent[1], KeepRecent { count: 5, glob: "build-*".into() });
        assert_eq!(c.plans[0].rules.keep_pushed_within, Some(30));
        assert_eq!(parse("{}").unwrap(), Config::default());
    }

    #[test]
    fn object_keys_given_as_arrays_are_reported() {
        let e = parse(r#"{"endpoints": ["https://a.example", "https://b.example"]}"#).unwrap_err();
        assert!(e.contains("invalid type: sequence, expected an object"), "{e}");
        let nulls =
            parse(r#"{"endpoints": null, "registry_hosts": null, "presets": [{"name": "n", "provider": "swr"}]}"#);
        assert_eq!(nulls.map(|c| (c.katapult_endpoint, c.presets.len())), Ok((None, 1)), "null is still none");
    }

    #[test]
    fn mistakes_are_reported_not_fatal() {
        for bad in [
            "",
            "{",
            "[]",
            r#"{"page_size": 30}"#,
            r#"{"default_provider": "gcr"}"#,
            r#"{"typo_key": 1}"#,
            r#"{"presets": [{"name": "x", "provider": "nope"}]}"#,
            r#"{"same_origin_api_paths": ["swr-api/"]}"#,
            r#"{"plans": [{"name": "x"}]}"#,
            r#"{"plans": [{"name": "x", "keep_recent": ["0"]}]}"#,
            r#"{"plans": [{"name": "x", "keep_tag": ["v*"], "delete_all": true}]}"#,
            // Serde would read these structs by position.
            r#"{"endpoints": ["https://a.example", "https://b.example"]}"#,
            r#"{"registry_hosts": ["kcr.io", "swr.example"]}"#,
            r#"{"presets": [["Web", "katapult"]]}"#,
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("config.json") && e.ends_with("Using the defaults."), "{bad}: {e}");
        }
    }
}
