//! The token gate with the real browser URL parser (headless Chromium and Firefox ESR,
//! wasm-bindgen-test): tricky spellings of hosts, each with what the browser resolves it to
//! and the verdict.
//! Run with `cargo test --target wasm32-unknown-unknown --test token_gate`.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use lading::app::config::Config;
use lading::app::host_policy::Verdict;
use lading::browser::fetch::{admit, parse_url, token_verdict, HttpProvider};
use lading::browser::storage;
use lading::providers::http::{Credential, HttpRequest, PagedApi};
use lading::providers::ProviderKind;
use lading::providers::{Page, Provider, ProviderError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn config() -> Config {
    Config {
        allowed_hosts: vec!["127.0.0.1:4175".into()],
        same_origin_api_paths: vec!["/swr-api/".into()],
        ..Config::default()
    }
}

fn request(url: &str, target: &str) -> HttpRequest {
    HttpRequest {
        url: url.into(),
        target: target.into(),
        credential: Credential { header: "Authorization", value: "Bearer secret".into() },
    }
}

fn direct(url: &str) -> Verdict {
    token_verdict(&request(url, url), ProviderKind::Katapult, &config())
}

fn confirm(host: &str) -> Verdict {
    Verdict::Confirm { hosts: vec![host.to_string()], insecure: false }
}

fn confirm_insecure(host: &str) -> Verdict {
    Verdict::Confirm { hosts: vec![host.to_string()], insecure: true }
}

fn page_origin() -> String {
    web_sys::window().unwrap().location().origin().unwrap()
}

/// Whether the tests run in Firefox (Gecko's URL parser), not Chromium.
fn in_firefox() -> bool {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).unwrap();
    let agent = js_sys::Reflect::get(&navigator, &"userAgent".into()).unwrap();
    agent.as_string().unwrap_or_default().contains("Firefox/")
}

/// Spelling → the `URL.host` the browser resolves it to (`None`: it cannot parse it).
#[wasm_bindgen_test]
fn the_browser_resolves_spellings_before_any_rule_sees_them() {
    let cases: &[(&str, Option<&str>)] = &[
        ("https://api%2ekatapult%2eio/x", Some("api.katapult.io")),
        ("https://api%2Ekatapult.io/x", Some("api.katapult.io")),
        ("https://ａｐｉ．ｋａｔａｐｕｌｔ．ｉｏ/", Some("api.katapult.io")),
        ("https://api。katapult。io/", Some("api.katapult.io")),
        ("HTTPS://API.KATAPULT.IO:443/", Some("api.katapult.io")),
        ("https:api.katapult.io/x", Some("api.katapult.io")),
        ("https://api.kata\tpult.io/", Some("api.katapult.io")),
        ("https://api.katapult\n.io/", Some("api.katapult.io")),
        ("https://api.katapult.io./", Some("api.katapult.io.")),
        ("https://api.katapult.io:8443/", Some("api.katapult.io:8443")),
        ("https://api.katapult.io\\@evil.example/", Some("api.katapult.io")),
        ("https://evil.example\\@api.katapult.io/", Some("evil.example")),
        ("https://evil.example@api.katapult.io/", Some("api.katapult.io")),
        ("http://0x7f.1/", Some("127.0.0.1")),
        ("http://0x7f.0.0.2:4177/", Some("127.0.0.2:4177")),
        ("http://2130706434/", Some("127.0.0.2")),
        ("http://0177.0.0.2/", Some("127.0.0.2")),
        ("http://127.1:4175/", Some("127.0.0.1:4175")),
        ("http://[0:0::1]:4175/", Some("[::1]:4175")),
        ("https://bücher.example/", Some("xn--bcher-kva.example")),
        ("https://api.katapult.io%00.evil/", None),
        // Chromium keeps a space in a host, escaped; Firefox, the WHATWG spec and the url
        // crate refuse it: exactly why the gate asks the browser and not a parser of its own.
        ("https://exa mple.com/", if in_firefox() { None } else { Some("exa%20mple.com") }),
        ("//evil.example/", None),
        ("api.katapult.io", None),
        ("https://", None),
    ];
    for &(spelling, host) in cases {
        assert_eq!(parse_url(spelling).map(|u| u.host()).as_deref(), host, "{spelling:?}");
    }
}

#[wasm_bindgen_test]
fn the_gate_decides_on_what_the_browser_resolved() {
    let allow = Verdict::Allow;
    let cases: Vec<(&str, Verdict)> = vec![
        ("https://api%2ekatapult%2eio/core", allow.clone()),
        ("https://ａｐｉ．ｋａｔａｐｕｌｔ．ｉｏ/core", allow.clone()),
        ("https://api.kata\tpult.io/core", allow.clone()),
        ("https://api.katapult.io\\@evil.example/", allow.clone()),
        ("https://api.katapult.io./core", confirm("api.katapult.io.")),
        ("https://api.katapult.io:8443/core", confirm("api.katapult.io:8443")),
        ("https://api.katapult%2eio.evil.example/", confirm("api.katapult.io.evil.example")),
        ("https://evil.example\\@api.katapult.io/", confirm("evil.example")),
        ("https://bücher.example/", confirm("xn--bcher-kva.example")),
        ("http://0x7f.0.0.2:4177/", confirm("127.0.0.2:4177")),
        ("http://2130706434:4177/", confirm("127.0.0.2:4177")),
        ("http://0177.0.0.2:4177/", confirm("127.0.0.2:4177")),
        ("http://127.1:4175/", allow.clone()),
        ("http://0x7f.0.0.1:4175/", allow.clone()),
        ("http://[::1]:4175/", confirm("[::1]:4175")),
        ("http://registry.lan/", confirm_insecure("registry.lan")),
        ("http://api.katapult.io/", confirm_insecure("api.katapult.io")),
        ("https://swr-api.cn-north-4.myhuaweicloud.com/", confirm("swr-api.cn-north-4.myhuaweicloud.com")),
    ];
    // A space in the host: Chromium resolves it (a host nobody confirmed), Firefox cannot
    // parse it. Either way the token does not go there unasked.
    let space = "https://exa mple.com/";
    if in_firefox() {
        assert!(matches!(direct(space), Verdict::Refuse(_)), "{space:?} must be refused in Firefox");
    } else {
        assert_eq!(direct(space), confirm("exa%20mple.com"), "{space:?}");
    }
    for (spelling, expected) in cases {
        assert_eq!(direct(spelling), expected, "{spelling:?}");
    }
    for refused in [
        "https://evil.example@api.katapult.io/",
        "https://api.katapult.io:pw@evil.example/",
        "https://:pw@api.katapult.io/",
        "javascript:alert(1)",
        "data:text/plain,x",
        "file:///etc/passwd",
        "ws://api.katapult.io/",
        "https://api.katapult.io%00.evil/",
        "//evil.example/",
        "",
    ] {
        assert!(matches!(direct(refused), Verdict::Refuse(_)), "{refused:?} must be refused");
    }
}

#[wasm_bindgen_test]
fn every_host_the_token_reaches_is_checked() {
    let c = config();
    // An allow-listed proxy does not vouch for the API it forwards the token to.
    let target = "https://evil.example/core/v1/x";
    let proxied = request(&format!("http://127.0.0.1:4175/{target}"), target);
    assert_eq!(token_verdict(&proxied, ProviderKind::Katapult, &c), confirm("evil.example"));
    let templated = request(
        &format!("https://proxy.example/?url={}", "https%3A%2F%2Fapi.katapult.io%2F"),
        "https://api.katapult.io/",
    );
    assert_eq!(token_verdict(&templated, ProviderKind::Katapult, &c), confirm("proxy.example"));
    // A proxy spelled to look allow-listed is judged by where the browser sends it.
    let disguised =
        request("http://127.0.0.2:4177\\@127.0.0.1:4175/https://api.katapult.io/", "https://api.katapult.io/");
    assert_eq!(token_verdict(&disguised, ProviderKind::Katapult, &c), confirm("127.0.0.2:4177"));
    // A Katapult token is not SWR's to receive, and the reverse.
    let swr =
        request("https://swr-api.cn-north-4.myhuaweicloud.com/v2", "https://swr-api.cn-north-4.myhuaweicloud.com/v2");
    assert_eq!(token_verdict(&swr, ProviderKind::Swr, &c), Verdict::Allow);
    assert_ne!(token_verdict(&swr, ProviderKind::Katapult, &c), Verdict::Allow);
}

#[wasm_bindgen_test]
fn this_origin_is_trusted_only_under_its_api_paths() {
    let origin = page_origin();
    let host = parse_url(&origin).unwrap().host();
    let c = config();
    let verdict = |path: &str| direct(&format!("{origin}{path}"));
    assert_eq!(verdict("/swr-api/v2/instances"), Verdict::Allow);
    assert_eq!(verdict("/%2e%2e/swr-api/v2"), Verdict::Allow);
    assert_eq!(verdict("/other-tenant/api"), confirm(&host));
    assert_eq!(verdict("/swr-api/../other-tenant"), confirm(&host));
    assert_eq!(verdict("/swr-api%2F..%2Fother"), confirm(&host));
    assert_eq!(verdict("/swr-apix/v2"), confirm(&host));
    let no_paths = Config { same_origin_api_paths: Vec::new(), ..c };
    let own = format!("{origin}/swr-api/v2");
    assert_eq!(token_verdict(&request(&own, &own), ProviderKind::Swr, &no_paths), confirm(&host));
}

#[wasm_bindgen_test]
fn admit_fetches_exactly_what_it_checked_and_refuses_the_rest() {
    let c = config();
    let checked = admit(
        &request("https://API%2ekatapult.io/core?x=1", "https://API%2ekatapult.io/core?x=1"),
        ProviderKind::Katapult,
        &c,
    );
    assert_eq!(checked, Ok("https://api.katapult.io/core?x=1".to_string()));
    let unconfirmed = "http://127.0.0.3:4177/core";
    let refused = admit(&request(unconfirmed, unconfirmed), ProviderKind::Katapult, &c);
    assert!(matches!(refused, Err(ProviderError::Refused(ref why)) if why.contains("127.0.0.3:4177")), "{refused:?}");
    // Confirmed in this tab: the same host passes, as the browser spells it.
    storage::confirm_hosts(&["127.0.0.3:4177".to_string()]);
    assert_eq!(
        admit(&request("http://0x7f.0.0.3:4177/core", "http://0x7f.0.0.3:4177/core"), ProviderKind::Katapult, &c),
        Ok(unconfirmed.to_string())
    );
    let userinfo = "https://user:pw@api.katapult.io/";
    assert!(matches!(admit(&request(userinfo, userinfo), ProviderKind::Katapult, &c), Err(ProviderError::Refused(_))));
}

/// An API whose requests go to a host nobody confirmed.
struct Foreign;

impl PagedApi for Foreign {
    fn provider(&self) -> ProviderKind {
        ProviderKind::Katapult
    }
    fn request(&self, _page: usize) -> Result<HttpRequest, ProviderError> {
        Ok(request("http://127.0.0.4:9/core", "http://127.0.0.4:9/core"))
    }
    fn parse(&self, _page: usize, _status: u16, _body: &str) -> Result<Page, ProviderError> {
        panic!("nothing may be fetched")
    }
}

#[wasm_bindgen_test]
async fn the_provider_cannot_fetch_around_the_gate() {
    let provider = HttpProvider::new(Rc::new(Foreign), Rc::new(config()), None, Box::new(|| {}));
    let result = provider.fetch_page(1).await;
    assert!(matches!(result, Err(ProviderError::Refused(ref why)) if why.contains("127.0.0.4:9")), "{result:?}");
}

#[wasm_bindgen_test]
fn a_token_is_kept_for_this_tab_only() {
    let key = storage::Key::Token { provider: ProviderKind::Katapult, endpoint: "https://api.katapult.io/".into() };
    storage::set(&key, "secret-for-this-tab");
    let window = web_sys::window().unwrap();
    let name = key.name();
    assert_eq!(name, "lading.token.katapult.https://api.katapult.io");
    assert_eq!(
        window.session_storage().unwrap().unwrap().get_item(&name).unwrap().as_deref(),
        Some("secret-for-this-tab")
    );
    assert_eq!(window.local_storage().unwrap().unwrap().get_item(&name).unwrap(), None);
    storage::remove(&key);
    assert_eq!(storage::get(&key), None);
}
