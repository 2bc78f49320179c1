//! The deployment's optional `config.json`, next to `index.html`: defaults, allow-listed
//! hosts, repository presets and registry hosts. Parsed strictly enough to warn about
//! mistakes, never so strictly that a typo blanks the page.

use serde::Deserialize;

use crate::url_state::{Coordinates, ProviderKind};
use crate::view::PAGE_SIZES;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub default_provider: Option<ProviderKind>,
    pub katapult_endpoint: Option<String>,
    pub swr_endpoint: Option<String>,
    pub proxy: Option<String>,
    /// Hosts (`host` or `host:port`) a token may go to without asking.
    pub allowed_hosts: Vec<String>,
    pub page_size: Option<usize>,
    pub presets: Vec<Preset>,
    /// Registry host for pull references, per provider (`kcr.io`, `swr.cn-north-4…`).
    pub katapult_registry: Option<String>,
    pub swr_registry: Option<String>,
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
    endpoints: Option<WireEndpoints>,
    #[serde(default)]
    proxy: Option<String>,
    #[serde(default)]
    allowed_hosts: Vec<String>,
    #[serde(default)]
    page_size: Option<usize>,
    #[serde(default)]
    presets: Vec<WirePreset>,
    #[serde(default)]
    registry_hosts: Option<WireEndpoints>,
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
    let mut presets = Vec::new();
    for p in wire.presets {
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
    let (endpoints, registries) = (wire.endpoints, wire.registry_hosts);
    Ok(Config {
        default_provider: wire.default_provider.as_deref().map(provider).transpose()?,
        katapult_endpoint: endpoints.as_ref().and_then(|e| e.katapult.clone()),
        swr_endpoint: endpoints.and_then(|e| e.swr),
        proxy: wire.proxy.filter(|p| !p.trim().is_empty()),
        allowed_hosts: wire.allowed_hosts.into_iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        page_size,
        presets,
        katapult_registry: registries.as_ref().and_then(|r| r.katapult.clone()),
        swr_registry: registries.and_then(|r| r.swr),
    })
}

/// `host[:port]` of an http(s) URL, lowercased; `None` for anything else.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().strip_prefix("https://").or_else(|| url.trim().strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    (!host.is_empty() && !host.contains('@')).then_some(host)
}

/// The providers' own API hosts: a token may always go there.
pub fn is_official_host(host: &str) -> bool {
    let name = host.split(':').next().unwrap_or(host);
    name == "api.katapult.io"
        || (name.starts_with("swr-api.")
            && (name.ends_with(".myhuaweicloud.com") || name.ends_with(".myhuaweicloud.eu")))
}

pub fn is_loopback_host(host: &str) -> bool {
    let name =
        host.rsplit_once(':').map_or(host, |(h, port)| if port.chars().all(|c| c.is_ascii_digit()) { h } else { host });
    name == "localhost" || name == "[::1]" || name.starts_with("127.")
}

/// Plain-http endpoints anywhere but this machine expose the token on the network.
pub fn is_insecure(url: &str) -> bool {
    url.trim().starts_with("http://") && !host_of(url).is_some_and(|h| is_loopback_host(&h))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FULL: &str = r#"{
      "default_provider": "katapult",
      "endpoints": { "katapult": "https://api.katapult.io", "swr": "https://swr-api.cn-north-4.myhuaweicloud.com" },
      "proxy": "https://proxy.internal/?url={url}",
      "allowed_hosts": ["Registry-API.internal:8443"],
      "page_size": 50,
      "presets": [
        { "name": "Web (prod)", "provider": "katapult", "region": "uk-lon-01", "repository": "team/web" },
        { "name": "SWR app", "provider": "swr", "endpoint": "https://swr-api.cn-north-4.myhuaweicloud.com", "instance": "i-1", "namespace": "team", "repository": "app" }
      ],
      "registry_hosts": { "katapult": "kcr.io", "swr": "swr.cn-north-4.myhuaweicloud.com" }
    }"#;

    #[test]
    fn every_key_is_read() {
        let c = parse(FULL).unwrap();
        assert_eq!(c.default_provider, Some(ProviderKind::Katapult));
        assert_eq!(c.swr_endpoint.as_deref(), Some("https://swr-api.cn-north-4.myhuaweicloud.com"));
        assert_eq!(c.allowed_hosts, vec!["registry-api.internal:8443"]);
        assert_eq!(c.page_size, Some(50));
        assert_eq!(c.presets.len(), 2);
        assert_eq!(c.presets[1].coords.instance, "i-1");
        assert_eq!(c.katapult_registry.as_deref(), Some("kcr.io"));
        assert_eq!(parse("{}").unwrap(), Config::default());
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
        ] {
            let e = parse(bad).unwrap_err();
            assert!(e.contains("config.json") && e.ends_with("Using the defaults."), "{bad}: {e}");
        }
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://API.katapult.io/core").as_deref(), Some("api.katapult.io"));
        assert_eq!(host_of("http://127.0.0.1:4174").as_deref(), Some("127.0.0.1:4174"));
        assert_eq!(host_of("javascript:alert(1)"), None);
        assert_eq!(host_of("https://user@evil.example"), None);
        assert!(is_official_host("api.katapult.io"));
        assert!(is_official_host("swr-api.cn-north-4.myhuaweicloud.com"));
        assert!(is_official_host("swr-api.eu-west-101.myhuaweicloud.eu"));
        assert!(!is_official_host("swr-api.evil.com"));
        assert!(!is_official_host("api.katapult.io.evil.com"));
        assert!(!is_official_host("myhuaweicloud.com"));
        assert!(is_insecure("http://registry.lan/api"));
        assert!(!is_insecure("http://127.0.0.1:8081/"));
        assert!(!is_insecure("http://localhost:8080"));
        assert!(!is_insecure("https://registry.lan"));
    }
}
