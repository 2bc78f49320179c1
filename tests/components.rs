//! Components mounted in headless Chromium (wasm-bindgen-test), asserting on the DOM a
//! person would see. Run with `cargo test --target wasm32-unknown-unknown --test components`.
#![cfg(target_arch = "wasm32")]

use lading::app::url_state::ViewState;
use lading::engine::catalog::Catalog;
use lading::providers::demo::generate;
use lading::providers::demo::Dataset;
use std::sync::Arc;

use lading::engine::plan::{KeepRecent, Plan, Rules};
use lading::ui::{use_grid, ActivePlan, ArtifactTable, FilterPanel, Later};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const NOW: i64 = 1_790_000_000;

/// The grid wired as the app wires it, but with the view in a signal instead of the URL.
fn mount_grid(dataset: Dataset) -> (HtmlElement, RwSignal<ViewState>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let view_state = RwSignal::new(ViewState { dataset, ..ViewState::default() });
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let catalog = RwSignal::new(Catalog::new(generate(dataset, NOW)));
        let grid = use_grid(catalog, view_state.into(), Signal::stored(None));
        let set_view = Callback::new(move |(next, _replace): (ViewState, bool)| view_state.set(next));
        let on_sort = Callback::new(move |key| view_state.update(|v| *v = v.clone().sorted_by(key)));
        view! {
            <FilterPanel view_state facets=grid.facets set_view platforms_unreported=Memo::new(|_| None) />
            <ArtifactTable
                catalog
                rows=grid.page_rows
                sort=grid.sort
                on_sort
                now=Signal::stored(NOW)
                empty_message=Memo::new(|_| "No artifacts match the filters.")
            />
        }
    });
    std::mem::forget(handle);
    (root, view_state)
}

fn all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn header(root: &HtmlElement, name: &str) -> HtmlElement {
    all(root, "th")
        .into_iter()
        .find(|th| th.text_content().unwrap_or_default().starts_with(name))
        .unwrap_or_else(|| panic!("no header {name}"))
}

fn checkbox(root: &HtmlElement, label: &str) -> HtmlInputElement {
    let label_el = all(root, ".check label")
        .into_iter()
        .find(|l| l.text_content().unwrap_or_default().starts_with(&format!("{label} ")))
        .unwrap_or_else(|| panic!("no checkbox labelled {label}"));
    let id = label_el.get_attribute("for").unwrap();
    root.query_selector(&format!("#{}", id.replace('/', "\\/"))).unwrap().unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn header_click_toggles_aria_sort() {
    let (root, view_state) = mount_grid(Dataset::Small);
    let size = header(&root, "Size");
    assert_eq!(size.get_attribute("aria-sort").as_deref(), Some("none"));
    assert_eq!(header(&root, "Pushed").get_attribute("aria-sort").as_deref(), Some("descending"));

    size.query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(size.get_attribute("aria-sort").as_deref(), Some("ascending"));
    assert_eq!(header(&root, "Pushed").get_attribute("aria-sort").as_deref(), Some("none"));

    size.query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    assert_eq!(size.get_attribute("aria-sort").as_deref(), Some("descending"));
    assert_eq!(view_state.get_untracked().sort.as_str(), "size");
}

#[wasm_bindgen_test]
async fn sorting_by_size_orders_the_rows() {
    let (root, _) = mount_grid(Dataset::Small);
    header(&root, "Size").query_selector("button").unwrap().unwrap().unchecked_into::<HtmlElement>().click();
    leptos::task::tick().await;
    let sizes: Vec<String> = all(&root, "tr.artifact td.col-size span")
        .iter()
        .filter_map(|s| s.get_attribute("title"))
        .filter(|t| t.ends_with(" bytes"))
        .map(|t| t.trim_end_matches(" bytes").replace(',', ""))
        .collect();
    let numbers: Vec<u64> = sizes.iter().map(|s| s.parse().unwrap()).collect();
    assert!(numbers.len() > 5);
    assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "ascending sizes: {numbers:?}");
}

#[wasm_bindgen_test]
async fn architecture_checkbox_filters_rows() {
    let (root, view_state) = mount_grid(Dataset::Medium);
    let before = all(&root, "tr.artifact").len();
    assert_eq!(before, 25, "a full first page");

    let s390x = checkbox(&root, "s390x");
    assert!(!s390x.checked());
    s390x.click();
    leptos::task::tick().await;

    assert!(s390x.checked());
    assert!(view_state.get_untracked().arch.contains("s390x"));
    let rows = all(&root, "tr.artifact");
    assert!(!rows.is_empty());
    for row in &rows {
        let platforms = row.query_selector(".col-platform").unwrap().unwrap().text_content().unwrap();
        assert!(platforms.contains("s390x"), "row without s390x shown: {platforms}");
    }

    s390x.click();
    leptos::task::tick().await;
    assert_eq!(all(&root, "tr.artifact").len(), 25);
}

#[wasm_bindgen_test]
async fn index_rows_expand_to_their_platform_manifests() {
    let (root, _) = mount_grid(Dataset::Medium);
    let toggle = all(&root, "button.expand").into_iter().next().expect("an index on the first page");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(all(&root, "tr.child").is_empty());
    toggle.click();
    leptos::task::tick().await;
    // The rows were drawn again: the button is found again, by its id.
    let toggle = all(&root, &format!("#{}", toggle.id())).pop().expect("the expand button, redrawn");
    assert_eq!(toggle.get_attribute("aria-expanded").as_deref(), Some("true"));
    let children = all(&root, "tr.child");
    assert!(children.len() >= 2);
    assert!(children.iter().all(|c| c.query_selector("code.digest").unwrap().is_some()));
}

/// The grid with a cleanup plan: a Plan column whose badges follow the plan as rules change
/// (rows are not rebuilt for a plan, so the cell must follow it by itself).
#[wasm_bindgen_test]
async fn the_plan_column_follows_the_rules() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let catalog = RwSignal::new(Catalog::new(generate(Dataset::Small, NOW)));
    let keep_all = Rules { keep_recent: vec![KeepRecent { count: 1_000, glob: "*".into() }], ..Rules::default() };
    let keep_none = Rules { keep_tag: vec!["no-such-tag".into()], ..Rules::default() };
    let make = move |rules: Rules| {
        let plan = catalog.with_untracked(|c| Plan::evaluate(c, &rules, NOW));
        Some(ActivePlan { plan: Arc::new(plan), rules, pinned: true })
    };
    let plan = RwSignal::new(None::<ActivePlan>);
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let view_state = RwSignal::new(ViewState { dataset: Dataset::Small, ..ViewState::default() });
        let grid = use_grid(catalog, view_state.into(), plan.into());
        view! {
            <ArtifactTable
                catalog
                rows=grid.page_rows
                sort=grid.sort
                on_sort=Callback::new(|_| {})
                now=Signal::stored(NOW)
                empty_message=Memo::new(|_| "")
                plan
            />
        }
    });
    std::mem::forget(handle);
    assert!(all(&root, "th").iter().all(|th| th.text_content().unwrap_or_default() != "Plan"), "no plan, no column");

    plan.set(make(keep_none.clone()));
    leptos::task::tick().await;
    header(&root, "Plan");
    let badges = |root: &HtmlElement| {
        all(root, "tbody .plan-badge").iter().map(|b| b.text_content().unwrap_or_default()).collect::<Vec<_>>()
    };
    let shown = badges(&root);
    assert!(!shown.is_empty());
    // Untagged rows are judged alone too: with a tag rule matching nothing, nothing is kept.
    assert!(shown.iter().all(|b| b == "Delete" || b == "Unknown"), "{shown:?}");

    plan.set(make(keep_all));
    leptos::task::tick().await;
    let tagged_rows = all(&root, "tbody tr.artifact")
        .into_iter()
        .filter(|tr| tr.query_selector(".untagged").ok().flatten().is_none())
        .count();
    let kept = badges(&root).iter().filter(|b| *b == "Keep").count();
    assert_eq!(kept, tagged_rows, "every tagged row on the page is among the 1,000 most recent");
}

/// A repository with a signed release, its signature (attached) and an orphaned signature.
fn signed_repo() -> (Catalog, String, String) {
    use lading::engine::model::{Annotation, Artifact, Moment, Platform};
    let hex = "3c".repeat(32);
    let digest = format!("sha256:{hex}");
    let mut v1 = Artifact::new("v1", &digest);
    v1.tags = vec!["v1.0.0".into()];
    v1.size = Some(30_000_000);
    v1.pushed = Some(Moment::At(NOW - 86_400));
    v1.platform = Some(Platform { os: Some("linux".into()), architecture: Some("amd64".into()), variant: None }.into());
    v1.annotations = vec![
        Annotation {
            key: "org.opencontainers.image.title".into(),
            value: "<img src=x onerror=window.__pwned=1>".into(),
        },
        Annotation { key: "long".into(), value: "x".repeat(2_000).into() },
    ];
    let sig_digest = format!("sha256:{}", "5e".repeat(32));
    let mut sig = Artifact::new("sig", &sig_digest);
    sig.tags = vec![format!("sha256-{hex}.sig")];
    sig.pushed = Some(Moment::At(NOW - 86_400));
    let mut orphan = Artifact::new("orphan", &format!("sha256:{}", "0a".repeat(32)));
    orphan.tags = vec![format!("sha256-{}.sig", "ab".repeat(32))];
    orphan.pushed = Some(Moment::At(NOW - 2 * 86_400));
    (Catalog::new(vec![v1, sig, orphan]), digest, sig_digest)
}

fn active_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.active_element()
}

fn press(el: &HtmlElement, key: &str) {
    let dispatch = js_sys::Function::new_with_args(
        "el, key",
        "el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))",
    );
    dispatch.call2(&wasm_bindgen::JsValue::NULL, el, &key.into()).unwrap();
}

/// The details disclosure: badges on the row, a Details button that opens a row under it
/// (aria-expanded, aria-controls, focus moved in), the view written (`details=`), hostile
/// annotations as text, Escape closing it with the focus back on the button, and a linked
/// artifact that is not a row shown above the table.
#[wasm_bindgen_test]
async fn details_disclose_an_artifact_under_its_row() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let (catalog, digest, sig_digest) = signed_repo();
    let catalog = RwSignal::new(catalog);
    let view_state = RwSignal::new(ViewState::default());
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let grid = use_grid(catalog, view_state.into(), Signal::stored(None));
        let details = Signal::derive(move || view_state.with(|v| v.details.clone()));
        let on_details = Callback::new(move |d| view_state.update(|v| *v = v.clone().with_details(d)));
        view! {
            <ArtifactTable
                catalog
                rows=grid.page_rows
                sort=grid.sort
                on_sort=Callback::new(|_| {})
                now=Signal::stored(NOW)
                empty_message=Memo::new(|_| "")
                details
                on_details
            />
        }
    });
    std::mem::forget(handle);

    let rows = all(&root, "tbody tr.artifact");
    assert_eq!(rows.len(), 2, "the attached signature is no row; the orphaned one is");
    let text = |el: &HtmlElement| el.text_content().unwrap_or_default();
    let v1 = rows.iter().find(|r| text(r).contains("v1.0.0")).unwrap();
    assert!(all(v1, ".badge.signed").len() == 1, "{}", text(v1));
    let orphan = rows.iter().find(|r| !text(r).contains("v1.0.0")).unwrap();
    assert_eq!(all(orphan, ".badge.orphaned").len(), 1);

    let button = all(v1, "button.details-toggle").pop().unwrap();
    assert_eq!(text(&button), "Details");
    assert!(button.get_attribute("aria-label").unwrap().starts_with("Details of sha256:3c3c"));
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    button.click();
    leptos::task::tick().await;
    leptos::task::tick().await;
    assert_eq!(view_state.with_untracked(|v| v.details.clone()), Some(digest.clone()));
    // The rows were drawn again: the button is found again, by its id.
    let button_id = button.id();
    let by_id = |id: &str| -> HtmlElement { document.get_element_by_id(id).unwrap().unchecked_into() };
    let button = by_id(&button_id);
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    let panel_id = button.get_attribute("aria-controls").unwrap();
    let panel = by_id(&panel_id);
    let row = panel.closest("tr").unwrap().unwrap();
    let table_rows = all(&root, "table.artifacts > tbody > tr");
    let at = table_rows.iter().position(|r| **r == row).unwrap();
    assert!(table_rows[at - 1].contains(Some(&button)), "the details row is right under its row");
    assert_eq!(active_element().as_ref(), Some(&*panel), "the focus moves into the details");
    let shown = text(&panel);
    assert!(shown.contains(&digest), "the full digest");
    assert!(shown.contains("30,000,000 bytes"));
    assert!(shown.contains("<img src=x onerror=window.__pwned=1>"), "hostile text stays text");
    assert!(panel.query_selector("img").unwrap().is_none());
    assert_eq!(all(&panel, "table.annotations tbody tr").len(), 2);
    assert!(all(&panel, "table.accessories tbody tr")[0].text_content().unwrap().contains("signature"));

    press(&panel, "Escape");
    leptos::task::tick().await;
    assert_eq!(view_state.with_untracked(|v| v.details.clone()), None);
    assert!(all(&root, "tr.details-row").is_empty());
    let button = by_id(&button_id);
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert_eq!(active_element().as_ref(), Some(&*button), "the focus returns to the button");

    // A link to the attached signature: not a row, so its details show above the table.
    view_state.update(|v| v.details = Some(sig_digest.clone()));
    leptos::task::tick().await;
    let above = all(&root, ".details-above");
    assert_eq!(above.len(), 1);
    assert!(text(&above[0]).contains(&format!("Attached to {digest}")));
    assert!(all(&root, "tr.details-row").is_empty());
}

/// What `Later` holds is built in a task after the render that mounted it, so the first
/// render stays short.
#[wasm_bindgen_test]
async fn later_builds_its_children_a_task_after_the_first_render() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), || {
        view! {
            <p class="at-once">"built at once"</p>
            <Later><p class="deferred">"built later"</p></Later>
        }
    });
    assert_eq!(all(&root, "p.at-once").len(), 1, "the rest: with the first render");
    assert!(all(&root, "p.deferred").is_empty(), "not in the first render");
    gloo_timers::future::TimeoutFuture::new(0).await;
    leptos::task::tick().await;
    let later = all(&root, "p.deferred");
    assert_eq!(later.len(), 1, "built a task later");
    assert_eq!(later[0].text_content().as_deref(), Some("built later"));
    drop(handle);
}

/// Idle-time work runs in an idle period, with its deadline — and where there is no
/// `requestIdleCallback` (Safari), in the next task without one, instead of never.
#[wasm_bindgen_test]
async fn when_idle_runs_with_and_without_request_idle_callback() {
    use std::cell::Cell;
    use std::rc::Rc;
    let window = web_sys::window().unwrap();
    for has_idle_callback in [true, false] {
        let original = js_sys::Reflect::get(&window, &"requestIdleCallback".into()).unwrap();
        if !has_idle_callback {
            js_sys::Reflect::set(&window, &"requestIdleCallback".into(), &wasm_bindgen::JsValue::UNDEFINED).unwrap();
        }
        let ran = Rc::new(Cell::new(None));
        let seen = ran.clone();
        lading::browser::idle::when_idle(Some(100), move |deadline| seen.set(Some(deadline.is_some())));
        assert_eq!(ran.get(), None, "not at once");
        gloo_timers::future::TimeoutFuture::new(150).await;
        js_sys::Reflect::set(&window, &"requestIdleCallback".into(), &original).unwrap();
        assert_eq!(ran.get(), Some(has_idle_callback), "ran, with a deadline only in an idle period");
    }
}

/// In the browser the tag filter lower-cases through the JS engine (`toLowerCase`), not
/// Rust's tables: the same Unicode mapping as the native build's `str::to_lowercase`.
#[wasm_bindgen_test]
fn tag_case_folding_in_the_browser_matches_rust() {
    use lading::engine::tag_match::{lowercase, TagMatcher};
    for tag in ["v1.2-RC", "ÉCLAIR-ΣΑΣ", "İstanbul", "ǅemal", "straße-ẞ", "ΌΣΟΣ.ΣΑΣ", "日本-TAG"] {
        assert_eq!(lowercase(tag), tag.to_lowercase(), "{tag}");
    }
    assert!(TagMatcher::new("ΣΑΣ").matches(&lowercase("éclair-σας")));
    assert!(!TagMatcher::new("ΣΑΣ").matches(&lowercase("ÉCLAIR-ΣAΣ")), "a Latin A is not an Alpha");
}
