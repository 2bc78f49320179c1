//! The artifact table: sortable headers, one row per top-level artifact, expandable index
//! children. Rows are rendered from a snapshot of the catalog taken at their revision.

use std::collections::HashSet;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use crate::ui::use_clipboard::{use_clipboard, Clipboard};

use crate::app::details;
use crate::engine::catalog::Catalog;
use crate::engine::format;
use crate::engine::model::{is_digest, Moment};
use crate::engine::plan::Decision;
use crate::engine::sort::{Order, SortKey};
use crate::ui::details::{DetailsPanel, DetailsState};
use crate::ui::plan::ActivePlan;

use crate::app::sort_by::COLUMNS;

#[component]
pub fn ArtifactTable(
    catalog: RwSignal<Catalog>,
    /// (revision, catalog index) of the rows on this page.
    #[prop(into)]
    rows: Signal<Vec<(u64, u32)>>,
    #[prop(into)] sort: Signal<(SortKey, Order)>,
    on_sort: Callback<SortKey>,
    #[prop(into)] now: Signal<i64>,
    /// Shown in place of rows when there are none.
    #[prop(into)]
    empty_message: Signal<String>,
    /// `registry/repository` for pull references, when the registry host is known.
    #[prop(optional, into)]
    pull_base: Signal<Option<String>>,
    /// Ids new since the previous refresh, marked "new".
    #[prop(optional, into)]
    added: Signal<HashSet<String>>,
    /// The cleanup plan, when one is active: a Plan column with each row's decision and why.
    #[prop(optional, into)]
    plan: Signal<Option<ActivePlan>>,
    /// The digest whose details are open (the URL's `details=`); with `on_details`, which
    /// writes it. Without `on_details` the table keeps it itself.
    #[prop(optional, into)]
    details: Signal<Option<String>>,
    #[prop(optional)] on_details: Option<Callback<Option<String>>>,
) -> impl IntoView {
    let expanded = RwSignal::new(HashSet::<String>::new());
    // One clipboard for every copy button of the table: rows stay cheap to build.
    provide_context(Copier::new());
    let table = DetailsState::next_table();
    let details = match on_details {
        Some(set) => DetailsState { open: details, set, focus_next: StoredValue::new(false), table },
        None => {
            let local = RwSignal::new(None::<String>);
            DetailsState {
                open: local.into(),
                set: Callback::new(move |d| local.set(d)),
                focus_next: StoredValue::new(false),
                table,
            }
        }
    };
    let columns = Signal::derive(move || COLUMNS.len() + usize::from(plan.with(Option::is_some)));
    let ctx = RowContext { catalog, now, plan, details, columns };
    // The open details show under their row when it is on this page (a top-level row, or a
    // manifest of an expanded index); otherwise above the table.
    let inline = Memo::new(move |_| {
        details.open.with(|open| {
            let Some(digest) = open else { return true };
            rows.with(|rows| {
                catalog.with(|c| {
                    expanded.with(|e| {
                        rows.iter().any(|&(_, i)| {
                            i < c.len() as u32
                                && (c.artifact(i).digest == *digest
                                    || (e.contains(&c.artifact(i).id)
                                        && c.derived(i).children.iter().any(|&k| c.artifact(k).digest == *digest)))
                        })
                    })
                })
            })
        })
    });
    let above = move || {
        if inline.get() {
            return None;
        }
        let digest = details.open.get()?;
        let found = catalog.with(|c| c.find_digest(&digest).map(|i| (i, c.derived(i).accessory_of)));
        let loaded = catalog.with(|c| !c.is_empty());
        Some(match found {
            Some((index, _)) => view! {
                <section class="details-above" aria-label="Linked artifact">
                    <DetailsPanel catalog index state=details now pull_base copy_button />
                </section>
            }
            .into_any(),
            None if loaded => view! {
                <p class="notice details-missing">
                    {format!("The linked artifact {digest} is not in this listing.")}
                    " "
                    <button type="button" on:click=move |_| details.set.run(None)>"Close details"</button>
                </p>
            }
            .into_any(),
            None => ().into_any(),
        })
    };
    let header = move |(key, label): (SortKey, &'static str)| {
        let aria_sort = move || match sort.get() {
            (k, Order::Asc) if k == key => "ascending",
            (k, Order::Desc) if k == key => "descending",
            _ => "none",
        };
        let arrow = move || match aria_sort() {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "",
        };
        view! {
            <th scope="col" aria-sort=aria_sort class=format!("col-{}", key.as_str())>
                <button type="button" class="sort" on:click=move |_| on_sort.run(key)>
                    {label}
                    <span class="arrow" aria-hidden="true">{arrow}</span>
                </button>
            </th>
        }
    };
    view! {
        {above}
        <div class="table-wrap">
            <table class="artifacts">
                <caption class="sr-only">"Artifacts"</caption>
                <thead>
                    <tr>
                        {COLUMNS.into_iter().map(header).collect_view()}
                        {move || plan.with(Option::is_some).then(|| header((SortKey::Plan, "Plan")))}
                    </tr>
                </thead>
                <tbody>
                    <Show when=move || rows.with(Vec::is_empty)>
                        <tr class="empty">
                            <td colspan=move || columns.get()>
                                {move || empty_message.get()}
                            </td>
                        </tr>
                    </Show>
                    <For each=move || rows.get() key=|row| *row let:row>
                        <ArtifactRows ctx index=row.1 expanded pull_base added />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// What one row shows, read once from the catalog.
struct RowView {
    index: u32,
    id: String,
    digest: String,
    tags: Vec<String>,
    platforms: Vec<String>,
    size: Option<u64>,
    pushed: Option<Moment>,
    pulled: Option<Moment>,
    media_type: Option<String>,
    attestation: bool,
    /// `signed`, `attested`, `SBOM`, `orphaned`… (see `app::details::badges`).
    badges: Vec<String>,
    /// The index's manifests (rows of their own, read only when it is expanded).
    children: Vec<u32>,
}

/// What every row of the table shares.
#[derive(Clone, Copy)]
struct RowContext {
    catalog: RwSignal<Catalog>,
    now: Signal<i64>,
    plan: Signal<Option<ActivePlan>>,
    details: DetailsState,
    /// Columns of the table (the Plan column included when there is one).
    columns: Signal<usize>,
}

fn row_view(catalog: &Catalog, index: u32) -> RowView {
    let (a, d) = (catalog.artifact(index), catalog.derived(index));
    RowView {
        index,
        id: a.id.clone(),
        digest: a.digest.clone(),
        tags: d.tags_sorted.clone(),
        platforms: d.platforms.clone(),
        size: d.size,
        pushed: a.pushed,
        pulled: a.pulled,
        media_type: a.media_type.clone(),
        attestation: d.attestation,
        badges: details::badges(catalog, index),
        children: d.children.clone(),
    }
}

#[component]
fn ArtifactRows(
    ctx: RowContext,
    index: u32,
    expanded: RwSignal<HashSet<String>>,
    pull_base: Signal<Option<String>>,
    added: Signal<HashSet<String>>,
) -> impl IntoView {
    let catalog = ctx.catalog;
    let Some(mut row) = catalog.with_untracked(|c| (index < c.len() as u32).then(|| row_view(c, index))) else {
        return ().into_any();
    };
    let base = pull_base.get_untracked();
    let is_new = added.with_untracked(|a| a.contains(&row.id));
    let children = std::mem::take(&mut row.children);
    // The id only keys the expanded set: the row does not show it.
    let id = std::mem::take(&mut row.id);
    let is_open = {
        let id = id.clone();
        Signal::derive(move || expanded.with(|e| e.contains(&id)))
    };
    let expand = (!children.is_empty()).then_some(Expand { manifests: children.len(), id, is_open, expanded });
    let kind = RowKind::TopLevel { is_new, pull_base: base.as_deref(), expand };
    let child_rows = move || {
        is_open.get().then(|| {
            let children: Vec<RowView> = catalog.with_untracked(|c| {
                children.iter().filter(|&&k| k < c.len() as u32).map(|&k| row_view(c, k)).collect()
            });
            children
                .iter()
                .map(|child| {
                    let details = details_row(child, ctx, pull_base);
                    (artifact_row(child, RowKind::Child, ctx, details.1), details.0)
                })
                .collect_view()
        })
    };
    let details = details_row(&row, ctx, pull_base);
    (artifact_row(&row, kind, ctx, details.1), details.0, child_rows).into_any()
}

/// Which of the table's two kinds of row [`artifact_row`] draws, with what only that kind has.
enum RowKind<'a> {
    /// An artifact of the page: maybe marked new, copying pull references when the registry
    /// host is known, and, for an index, the button that shows its manifests.
    TopLevel { is_new: bool, pull_base: Option<&'a str>, expand: Option<Expand> },
    /// A platform manifest (or attestation) of the expanded index just above it.
    Child,
}

/// The expand button of an index row, over the table's set of expanded ids.
struct Expand {
    manifests: usize,
    id: String,
    is_open: Signal<bool>,
    expanded: RwSignal<HashSet<String>>,
}

/// One `<tr>` of the table, for a top-level artifact or an index's child: the same seven
/// cells, what differs chosen by `kind`. What only one kind has sits in an `Either`
/// branch, which renders nothing for the other kind (an `Option` would leave a placeholder
/// node). The class is one whole string rather than `class:` toggles: one attribute write
/// per row instead of a `classList` call per toggle.
fn artifact_row(row: &RowView, kind: RowKind, ctx: RowContext, details_button: Option<AnyView>) -> impl IntoView {
    let RowContext { catalog, now, plan, .. } = ctx;
    let digest = (digest_cell(&row.digest), details_button);
    let (class, lead, pull_base, digest, platform) = match kind {
        RowKind::TopLevel { is_new, pull_base, expand } => (
            match (expand.is_some(), is_new) {
                (false, false) => "artifact",
                (true, false) => "artifact index",
                (false, true) => "artifact added",
                (true, true) => "artifact index added",
            },
            Either::Left(is_new.then(|| view! { <span class="badge new">"new"</span> })),
            pull_base,
            Either::Left((
                digest,
                pull_base
                    .map(|b| view! { <CopyButton text=format!("{b}@{}", row.digest) label="Copy pull reference" /> }),
            )),
            Either::Left((platform_badges(&row.platforms), expand.map(expand_button))),
        ),
        RowKind::Child => (
            if row.attestation { "child attestation" } else { "child" },
            // What `view!` makes of this span when nested in a cell: one cloned template.
            Either::Right(InertElement::new(r#"<span class="child-mark" aria-hidden="true">↳</span>"#)),
            None,
            Either::Right(digest),
            Either::Right(if row.attestation {
                view! { <span class="badge attestation">"attestation"</span> }.into_any()
            } else {
                platform_badges(&row.platforms)
            }),
        ),
    };
    view! {
        <tr class=class>
            <td class="col-tags">{lead}{tag_chips(&row.tags, pull_base)}{row_badges(&row.badges)}</td>
            <td class="col-digest">{digest}</td>
            <td class="col-platform">{platform}</td>
            <td class="col-size num">{size_cell(row.size)}</td>
            <td class="col-pushed">{moment_cell(row.pushed, now)}</td>
            <td class="col-pulled">{moment_cell(row.pulled, now)}</td>
            <td class="col-media_type">{media_cell(row.media_type.as_deref())}</td>
            {plan_cell(row.index, catalog, plan)}
        </tr>
    }
}

/// The badges of what is attached to a row (`signed`, `attested`, `SBOM`) or what the row
/// is (`orphaned`, or an accessory shown as a row): nothing at all for most rows.
fn row_badges(badges: &[String]) -> Option<impl IntoView> {
    (!badges.is_empty()).then(|| {
        badges
            .iter()
            .map(|b| {
                let class = format!("badge accessory {}", b.to_lowercase().replace([' ', ','], "-"));
                view! { <span class=class>{b.clone()}</span> }
            })
            .collect_view()
    })
}

/// A row's Details button and the disclosure row under it, which is built only while open.
/// Rows whose digest is not `algorithm:hex` get neither (a link could not name them).
fn details_row(row: &RowView, ctx: RowContext, pull_base: Signal<Option<String>>) -> (impl IntoView, Option<AnyView>) {
    if !is_digest(&row.digest) {
        return (None, None);
    }
    let RowContext { catalog, now, details, columns, .. } = ctx;
    let (index, digest) = (row.index, row.digest.clone());
    let open = {
        let digest = digest.clone();
        Memo::new(move |_| details.open.with(|d| d.as_deref() == Some(digest.as_str())))
    };
    let button = view! {
        <button
            type="button"
            class="details-toggle"
            id=details.button_id(index)
            aria-label=details::button_name(&digest)
            aria-expanded=move || open.get().to_string()
            aria-controls=move || open.get().then(|| details.panel_id(index))
            on:click=move |_| details.toggle(&digest)
        >
            "Details"
        </button>
    }
    .into_any();
    let panel = move || {
        open.get().then(|| {
            view! {
                <tr class="details-row">
                    <td colspan=move || columns.get()>
                        <DetailsPanel catalog index state=details now pull_base copy_button />
                    </td>
                </tr>
            }
        })
    };
    (Some(panel), Some(button))
}

/// The table's copy button, for the details panel.
fn copy_button(text: String, label: &'static str) -> AnyView {
    view! { <CopyButton text label /> }.into_any()
}

/// The row's plan decision and every reason for it; follows the plan as rules change (rows
/// are keyed by data, not by plan, so they are not rebuilt for it).
fn plan_cell(index: u32, catalog: RwSignal<Catalog>, plan: Signal<Option<ActivePlan>>) -> impl IntoView {
    move || {
        plan.with(|p| {
            p.as_ref().map(|p| {
                let (class, text) = match p.plan.decision(index) {
                    Decision::Keep => ("plan-badge keep", "Keep"),
                    Decision::Delete => ("plan-badge delete", "Delete"),
                    Decision::Unknown => ("plan-badge unknown", "Unknown"),
                };
                let reasons = catalog
                    .with_untracked(|c| (index < c.len() as u32).then(|| p.plan.reasons(c, &p.rules, index)))
                    .unwrap_or_default()
                    .join("; ");
                view! {
                    <td class="col-plan">
                        <span class=class>{text}</span>
                        " "
                        <span class="plan-reason">{reasons}</span>
                    </td>
                }
            })
        })
    }
}

fn expand_button(Expand { manifests, id, is_open, expanded }: Expand) -> impl IntoView {
    let on_click = move |_| {
        expanded.update(|e| {
            if !e.remove(&id) {
                e.insert(id.clone());
            }
        })
    };
    view! {
        <button type="button" class="expand" aria-expanded=move || is_open.get().to_string() on:click=on_click>
            <span class="chevron" aria-hidden="true">"▸"</span>
            {format!("{manifests} manifests")}
        </button>
    }
}

/// Tags as chips; with a pull base, each chip copies `registry/repository:tag`.
fn tag_chips(tags: &[String], pull_base: Option<&str>) -> impl IntoView {
    if tags.is_empty() {
        return view! { <span class="untagged">"untagged"</span> }.into_any();
    }
    view! {
        <ul class="chips">
            {tags
                .iter()
                .map(|t| match pull_base {
                    Some(base) => view! { <li><TagCopy tag=t.clone() reference=format!("{base}:{t}") /></li> }.into_any(),
                    None => view! { <li class="chip">{t.clone()}</li> }.into_any(),
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// A tag chip that copies its pull reference.
#[component]
fn TagCopy(tag: String, reference: String) -> impl IntoView {
    let copier = Copier::from_context();
    let name = format!("{tag}, copy {reference}");
    let (shown, copied) = (reference.clone(), reference.clone());
    view! {
        <button type="button" class="chip" aria-label=name title=format!("Copy {reference}") on:click=move |_| copier.copy(&copied)>
            {tag}
            {move || copier.just_copied(&shown).then(|| view! { <span class="copied">" ✓ copied"</span> })}
        </button>
    }
}

fn platform_badges(platforms: &[String]) -> AnyView {
    if platforms.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    platforms.iter().map(|p| view! { <span class="badge">{p.clone()}</span> }).collect_view().into_any()
}

fn digest_cell(digest: &str) -> impl IntoView {
    view! {
        <code class="digest" title=digest.to_string()>{format::short_digest(digest)}</code>
        <CopyButton text=digest.to_string() label="Copy digest" />
    }
}

fn size_cell(size: Option<u64>) -> impl IntoView {
    match size {
        Some(bytes) => {
            view! { <span title=format!("{} bytes", format::count(bytes))>{format::size(bytes)}</span> }.into_any()
        }
        None => view! { <span class="muted" title="Size not reported">"—"</span> }.into_any(),
    }
}

fn moment_cell(moment: Option<Moment>, now: Signal<i64>) -> impl IntoView {
    match moment {
        Some(Moment::At(t)) => view! {
            <time datetime=format::iso8601(t) title=format::utc(t)>{move || format::relative(t, now.get())}</time>
        }
        .into_any(),
        Some(Moment::Never) => view! { <span class="never">"never"</span> }.into_any(),
        None => view! { <span class="muted" title="Not reported">"—"</span> }.into_any(),
    }
}

fn media_cell(media_type: Option<&str>) -> impl IntoView {
    media_type.map(|m| view! { <span title=m.to_string()>{format::media_type_label(m).to_string()}</span> })
}

/// The Clipboard API, shared by the copy buttons below it, and which text it copied last
/// (for the visible "Copied" on that one button).
#[derive(Clone, Copy)]
pub struct Copier {
    clipboard: Clipboard,
    last: RwSignal<String>,
}

impl Copier {
    fn new() -> Self {
        Copier { clipboard: use_clipboard(), last: RwSignal::new(String::new()) }
    }

    /// The table's copier, or a new one for a button used on its own.
    fn from_context() -> Self {
        use_context::<Copier>().unwrap_or_else(Copier::new)
    }

    fn copy(&self, text: &str) {
        self.clipboard.copy(text);
        self.last.set(text.to_string());
    }

    fn just_copied(&self, text: &str) -> bool {
        self.clipboard.copied.get() && self.last.with(|l| l == text)
    }
}

/// Copies `text` with the Clipboard API and says so for a moment. The visible text is the
/// whole label ("Copy digest", then "Copied digest"), so two copy buttons side by side say
/// what each copies.
#[component]
pub fn CopyButton(text: String, label: &'static str) -> impl IntoView {
    let copier = Copier::from_context();
    let shown = text.clone();
    let done = label.replacen("Copy", "Copied", 1);
    view! {
        <button type="button" class="copy" title=format!("{label}: {text}") on:click=move |_| copier.copy(&text)>
            {move || if copier.just_copied(&shown) { done.clone() } else { label.to_string() }}
        </button>
    }
}
