//! Which hosts a token may reach, decided on URLs as the browser parses them.
//!
//! The core never parses a URL itself: every function here takes a [`ParseUrl`] — the
//! browser's own parser (`web_sys::Url`) in the app, the WHATWG-conformant `url` crate in
//! native tests (`providers::http::whatwg_parse`) — and works on the [`UrlParts`] it produced. Whatever the parser cannot
//! read, or reads as something other than plain `http:`/`https:` without credentials, is
//! refused: "could not tell" never means "allow".

use crate::providers::http::{ParseUrl, UrlParts};
use crate::providers::ProviderKind;

/// The providers' own API hosts, by exact rules on the parsed hostname, https on the
/// default port only.
pub fn is_official(provider: ProviderKind, url: &UrlParts) -> bool {
    if url.scheme != "https" || !url.port.is_empty() || url.has_userinfo {
        return false;
    }
    match provider {
        ProviderKind::Katapult => url.hostname == "api.katapult.io",
        ProviderKind::Swr => {
            let region = url
                .hostname
                .strip_prefix("swr-api.")
                .and_then(|r| r.strip_suffix(".myhuaweicloud.com").or_else(|| r.strip_suffix(".myhuaweicloud.eu")));
            region.is_some_and(|r| {
                !r.is_empty() && r.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
        }
        ProviderKind::Demo => false,
    }
}

/// Everything the token gate knows besides the URLs: who the token belongs to and which
/// hosts the deployment and the person have vouched for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TokenPolicy {
    /// Whose official hosts are trusted (a Katapult token never goes to SWR's).
    pub provider: Option<ProviderKind>,
    /// config.json `allowed_hosts`: `host` or `host:port`, compared after the parser read them.
    pub allowed_hosts: Vec<String>,
    /// This page's own URL (`location.href`), trusted only under `own_origin_paths`.
    pub page: Option<UrlParts>,
    /// config.json `same_origin_api_paths`: path prefixes of this origin that are APIs
    /// (e.g. `/swr-api/`). The rest of a shared static host may belong to someone else.
    pub own_origin_paths: Vec<String>,
    /// `URL.host` values the person confirmed in this tab.
    pub confirmed: Vec<String>,
}

/// The gate's answer for the URLs one request's token would reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    Allow,
    /// Hosts (`URL.host`) the person must confirm first; `insecure` when any is reached
    /// over plain http to another machine.
    Confirm {
        hosts: Vec<String>,
        insecure: bool,
    },
    /// Never sent: the sentence says why.
    Refuse(String),
}

/// What the person is asked before a token goes to hosts they have not chosen: the hosts,
/// and whether any is reached over plain http to another machine (see [`Verdict::Confirm`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    pub hosts: Vec<String>,
    pub insecure: bool,
}

impl Confirmation {
    /// "Send your token to a.example, b.example?"
    pub fn question(&self) -> String {
        format!("Send your token to {}?", self.hosts.join(", "))
    }

    /// The button that sends it: "Send token to a.example".
    pub fn send_label(&self) -> String {
        format!("Send token to {}", self.hosts.join(", "))
    }
}

impl TokenPolicy {
    /// Decides for every URL the token would reach: the URL fetched and, behind a proxy,
    /// the API URL the proxy forwards to. A refusal wins over a confirmation.
    pub fn decide(&self, urls: &[&str], parse: ParseUrl) -> Verdict {
        let (mut hosts, mut insecure) = (Vec::new(), false);
        for &raw in urls {
            let url = match web_url(raw, parse) {
                Ok(url) => url,
                Err(why) => return Verdict::Refuse(why),
            };
            if self.trusts(&url, parse) {
                continue;
            }
            insecure |= url.is_insecure();
            let host = url.host();
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
        if hosts.is_empty() {
            Verdict::Allow
        } else {
            Verdict::Confirm { hosts, insecure }
        }
    }

    fn trusts(&self, url: &UrlParts, parse: ParseUrl) -> bool {
        let host = url.host();
        self.provider.is_some_and(|p| is_official(p, url))
            || self.confirmed.contains(&host)
            || self
                .allowed_hosts
                .iter()
                .any(|entry| allowed_entry_host(entry, &url.scheme, parse).as_ref() == Some(&host))
            || self.page.as_ref().is_some_and(|page| {
                page.scheme == url.scheme
                    && page.host() == host
                    && self.own_origin_paths.iter().any(|prefix| under_prefix(&url.path, prefix, page, parse))
            })
    }
}

/// Parses a URL a token may reach: http(s), no user name or password.
fn web_url(raw: &str, parse: ParseUrl) -> Result<UrlParts, String> {
    let shown = crate::providers::snippet(raw);
    let url = parse(raw).ok_or_else(|| format!("“{shown}” is not a URL this browser can read."))?;
    if !url.is_web() {
        return Err(format!("“{shown}” is not an http:// or https:// URL."));
    }
    if url.has_userinfo {
        return Err(format!("“{shown}” contains a user name or password; remove it."));
    }
    if url.hostname.is_empty() {
        return Err(format!("“{shown}” names no host."));
    }
    Ok(url)
}

/// An `allowed_hosts` entry as the parser reads it for this scheme (so `host` means the
/// scheme's default port). Entries with anything but a host and port never match.
fn allowed_entry_host(entry: &str, scheme: &str, parse: ParseUrl) -> Option<String> {
    let entry = entry.trim();
    if entry.is_empty() || entry.contains(['/', '\\', '@', '?', '#']) {
        return None;
    }
    let url = parse(&format!("{scheme}://{entry}/"))?;
    (url.path == "/" && !url.has_userinfo && !url.hostname.is_empty()).then(|| url.host())
}

/// Whether `path` lies under `prefix` of this page's origin, both as the parser resolves
/// them (`/swr-api/../other` is not under `/swr-api/`), on segment boundaries.
fn under_prefix(path: &str, prefix: &str, page: &UrlParts, parse: ParseUrl) -> bool {
    if !prefix.starts_with('/') || prefix.starts_with("//") {
        return false;
    }
    let Some(resolved) = parse(&format!("{}{prefix}", page.origin())) else { return false };
    let prefix = resolved.path.trim_end_matches('/');
    match path.strip_prefix(prefix) {
        Some(rest) => !prefix.is_empty() && (rest.is_empty() || rest.starts_with('/')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::http::{normalize_endpoint, normalize_proxy, whatwg_parse};
    use proptest::prelude::*;

    const PARSE: ParseUrl = &whatwg_parse;

    fn policy(provider: ProviderKind) -> TokenPolicy {
        TokenPolicy {
            provider: Some(provider),
            allowed_hosts: vec!["registry-api.internal:8443".into(), "Mirror.Example".into()],
            page: whatwg_parse("https://tools.example/tools/lading/?provider=swr"),
            own_origin_paths: vec!["/swr-api/".into()],
            confirmed: vec!["confirmed.example:8080".into()],
        }
    }

    fn verdict(provider: ProviderKind, urls: &[&str]) -> Verdict {
        policy(provider).decide(urls, PARSE)
    }

    fn confirm(hosts: &[&str]) -> Verdict {
        Verdict::Confirm { hosts: hosts.iter().map(|h| h.to_string()).collect(), insecure: false }
    }

    #[test]
    fn a_confirmation_names_every_host() {
        let one = Confirmation { hosts: vec!["127.0.0.2:4177".into()], insecure: true };
        assert_eq!(one.question(), "Send your token to 127.0.0.2:4177?");
        assert_eq!(one.send_label(), "Send token to 127.0.0.2:4177");
        let two = Confirmation { hosts: vec!["proxy.example".into(), "api.example".into()], insecure: false };
        assert_eq!(two.question(), "Send your token to proxy.example, api.example?");
    }

    #[test]
    fn the_parts_are_the_browsers() {
        let p = whatwg_parse("HTTPS://API.Katapult.IO:443/core/../v1?x#y").unwrap();
        assert_eq!((p.scheme.as_str(), p.host().as_str(), p.path.as_str()), ("https", "api.katapult.io", "/v1"));
        assert!(p.has_query_or_fragment && !p.has_userinfo);
        assert_eq!(whatwg_parse("http://0x7f.1:8080/").unwrap().host(), "127.0.0.1:8080");
        assert_eq!(whatwg_parse("http://[0:0::1]/").unwrap().hostname, "[::1]");
        assert_eq!(whatwg_parse("https://bücher.example/").unwrap().hostname, "xn--bcher-kva.example");
        assert!(whatwg_parse("https://").is_none());
    }

    /// (provider, URLs the token reaches, expected verdict)
    #[test]
    fn decisions() {
        use ProviderKind::{Katapult, Swr};
        let allow = Verdict::Allow;
        let cases: Vec<(ProviderKind, Vec<&str>, Verdict)> = vec![
            // The providers' own hosts, exactly, on https and the default port.
            (Katapult, vec!["https://api.katapult.io/core/v1/x"], allow.clone()),
            (Katapult, vec!["https://API.KATAPULT.IO./core"], confirm(&["api.katapult.io."])),
            (Katapult, vec!["https://api.katapult.io:8443/"], confirm(&["api.katapult.io:8443"])),
            (Katapult, vec!["https://api.katapult.io:443/"], allow.clone()),
            (
                Katapult,
                vec!["http://api.katapult.io/"],
                Verdict::Confirm { hosts: vec!["api.katapult.io".into()], insecure: true },
            ),
            (Katapult, vec!["https://api.katapult.io.evil.example/"], confirm(&["api.katapult.io.evil.example"])),
            (
                Katapult,
                vec!["https://swr-api.cn-north-4.myhuaweicloud.com/"],
                confirm(&["swr-api.cn-north-4.myhuaweicloud.com"]),
            ),
            (Swr, vec!["https://swr-api.cn-north-4.myhuaweicloud.com/v2"], allow.clone()),
            (Swr, vec!["https://swr-api.eu-west-101.myhuaweicloud.eu/v2"], allow.clone()),
            (
                Swr,
                vec!["https://swr-api.evil.example.myhuaweicloud.com/"],
                confirm(&["swr-api.evil.example.myhuaweicloud.com"]),
            ),
            (Swr, vec!["https://swr-api.myhuaweicloud.com/"], confirm(&["swr-api.myhuaweicloud.com"])),
            (Swr, vec!["https://swr-api.evil.com/"], confirm(&["swr-api.evil.com"])),
            (Swr, vec!["https://myhuaweicloud.com/"], confirm(&["myhuaweicloud.com"])),
            (
                Swr,
                vec!["https://swr-api.x.myhuaweicloud.com.evil.example/"],
                confirm(&["swr-api.x.myhuaweicloud.com.evil.example"]),
            ),
            // Spellings the parser resolves before any rule looks at them.
            (Katapult, vec!["https://api%2Ekatapult%2Eio/"], allow.clone()),
            (Katapult, vec!["https://ａｐｉ.katapult.io/"], allow.clone()),
            (Katapult, vec!["https://api.kata\tpult.io/"], allow.clone()),
            (Katapult, vec!["https://api.katapult.io\\@evil.example/"], allow.clone()),
            // Credentials, other schemes and garbage are refused, not skipped.
            (Katapult, vec!["https://evil.example@api.katapult.io/"], Verdict::Refuse(String::new())),
            (Katapult, vec!["https://api.katapult.io:x@evil.example/"], Verdict::Refuse(String::new())),
            (Katapult, vec!["javascript:alert(1)"], Verdict::Refuse(String::new())),
            (Katapult, vec!["ftp://api.katapult.io/"], Verdict::Refuse(String::new())),
            (Katapult, vec!["api.katapult.io/core"], Verdict::Refuse(String::new())),
            (Katapult, vec!["https://exa mple.com/"], Verdict::Refuse(String::new())),
            (Katapult, vec!["https://api.katapult.io/", "https://[::1/"], Verdict::Refuse(String::new())),
            // Allow-listed hosts, as the parser reads them, port included.
            (Katapult, vec!["https://registry-api.internal:8443/x"], allow.clone()),
            (Katapult, vec!["https://registry-api.internal/x"], confirm(&["registry-api.internal"])),
            (Katapult, vec!["https://MIRROR.example./x"], confirm(&["mirror.example."])),
            (Katapult, vec!["https://mirror.example/x"], allow.clone()),
            (Katapult, vec!["https://mirror.example:444/x"], confirm(&["mirror.example:444"])),
            (Katapult, vec!["http://confirmed.example:8080/"], allow.clone()),
            // This page's origin only under the API paths config.json names.
            (Swr, vec!["https://tools.example/swr-api/v2/instances"], allow.clone()),
            (Swr, vec!["https://tools.example/swr-api"], allow.clone()),
            (Swr, vec!["https://tools.example/swr-api/../evil/v2"], confirm(&["tools.example"])),
            (Swr, vec!["https://tools.example/swr-api%2F..%2F..%2Fevil"], confirm(&["tools.example"])),
            (Swr, vec!["https://tools.example/%2e%2e/swr-api/v2"], allow.clone()),
            (Swr, vec!["https://tools.example/swr-apix/v2"], confirm(&["tools.example"])),
            (Swr, vec!["https://tools.example/~tenant/api"], confirm(&["tools.example"])),
            (
                Swr,
                vec!["http://tools.example/swr-api/v2"],
                Verdict::Confirm { hosts: vec!["tools.example".into()], insecure: true },
            ),
            // Every host the token reaches: a trusted proxy does not vouch for its target.
            (
                Katapult,
                vec!["https://registry-api.internal:8443/https://evil.example/", "https://evil.example/core"],
                confirm(&["evil.example"]),
            ),
            (
                Katapult,
                vec!["https://proxy.example/?url=x", "https://evil.example/core"],
                confirm(&["proxy.example", "evil.example"]),
            ),
        ];
        for (provider, urls, expected) in cases {
            let got = verdict(provider, &urls);
            match (&expected, &got) {
                (Verdict::Refuse(_), Verdict::Refuse(why)) => assert!(!why.is_empty(), "{urls:?}"),
                _ => assert_eq!(got, expected, "{provider:?} {urls:?}"),
            }
        }
    }

    #[test]
    fn nothing_is_trusted_without_a_policy() {
        let none = TokenPolicy::default();
        assert_eq!(none.decide(&["https://api.katapult.io/"], PARSE), confirm(&["api.katapult.io"]));
        // The page's origin with no API paths listed is just another host.
        let page_only = TokenPolicy { page: whatwg_parse("http://127.0.0.1:4173/tools/lading/"), ..none };
        assert_eq!(
            page_only.decide(&["http://127.0.0.1:4173/tools/lading/config.json"], PARSE),
            confirm(&["127.0.0.1:4173"])
        );
    }

    #[test]
    fn loopback_and_insecure() {
        for url in [
            "http://127.0.0.1:8081/",
            "http://127.255.0.9/",
            "http://localhost:8080",
            "http://[::1]/",
            "http://0x7f.1/",
            "http://2130706433/",
        ] {
            assert!(whatwg_parse(url).unwrap().is_loopback(), "{url}");
            assert!(!whatwg_parse(url).unwrap().is_insecure(), "{url}");
        }
        for url in [
            "http://registry.lan/api",
            "http://128.0.0.1/",
            "http://localhost.evil.example/",
            "http://127.0.0.1.evil.example/",
        ] {
            assert!(whatwg_parse(url).unwrap().is_insecure(), "{url}");
        }
        assert!(!whatwg_parse("https://registry.lan").unwrap().is_insecure());
    }

    #[test]
    fn endpoints() {
        let n = |e: &str| normalize_endpoint(e, PARSE);
        assert_eq!(n(" https://API.katapult.io/ ").unwrap(), "https://api.katapult.io");
        assert_eq!(n("http://127.0.0.1:9000/base/").unwrap(), "http://127.0.0.1:9000/base");
        assert_eq!(n("https://h.example/a/../swr-api").unwrap(), "https://h.example/swr-api");
        for bad in [
            "api.katapult.io",
            "javascript:alert(1)",
            "https://",
            "https://user@evil.example",
            "https://h/?q",
            "https://h/#f",
            "ftp://h/",
        ] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn proxies() {
        let n = |p: &str| normalize_proxy(p, PARSE);
        assert_eq!(n("  ").unwrap(), "");
        assert_eq!(n(" http://127.0.0.1:8081/ ").unwrap(), "http://127.0.0.1:8081/");
        assert_eq!(n("https://proxy.example/?url={url}").unwrap(), "https://proxy.example/?url={url}");
        for bad in ["proxy.example", "https://u:p@proxy.example/", "javascript:{url}", "{url}"] {
            assert!(n(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn never_panics_and_never_allows_what_it_cannot_read(a in ".{0,60}", b in "(https?|ftp|javascript)://[^/]{0,20}(/.{0,10})?") {
            let p = policy(ProviderKind::Katapult);
            let v = p.decide(&[&a, &b], PARSE);
            if whatwg_parse(&a).is_none() || whatwg_parse(&b).is_none() {
                prop_assert!(matches!(v, Verdict::Refuse(_)));
            }
        }

        #[test]
        fn normalising_twice_equals_once(e in "(https?://)?[a-zA-Z0-9.%:@\\[\\]_-]{0,20}(/[a-zA-Z0-9.%_-]{0,8}){0,3}/?[?#]?") {
            if let Ok(once) = normalize_endpoint(&e, PARSE) {
                prop_assert_eq!(normalize_endpoint(&once, PARSE), Ok(once.clone()));
            }
            if let Ok(once) = normalize_proxy(&e, PARSE) {
                prop_assert_eq!(normalize_proxy(&once, PARSE), Ok(once.clone()));
            }
        }
    }
}
