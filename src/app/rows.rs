//! The artifact table's rows as HTML: a page of rows is one string that the browser parses
//! in one go — what a hand-written page does — instead of nodes built and wired one by one
//! (twice the scripting per sort or page in Leptos's views, measured with `make bench`).
//! An open details panel's content is written here too (2.4 KB less gzipped wasm than the same
//! panel as Leptos views, measured). Every value is escaped here, in the one place markup is
//! written; buttons say what they do in `data-` attributes that one click handler reads, and
//! row buttons carry ids so the focus can follow a button across a redraw.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use crate::app::details::{self, Details};
use crate::engine::catalog::Catalog;
use crate::engine::format;
use crate::engine::model::{is_digest, Moment};
use crate::engine::plan::{Decision, Plan, Rules};

/// What one row shows, read once from the catalog.
#[derive(Clone, Debug, PartialEq)]
pub struct RowView {
    pub index: u32,
    pub id: String,
    pub digest: String,
    pub tags: Vec<String>,
    pub platforms: Vec<Arc<str>>,
    pub size: Option<u64>,
    pub pushed: Option<Moment>,
    pub pulled: Option<Moment>,
    pub media_type: Option<Arc<str>>,
    pub attestation: bool,
    /// `signed`, `attested`, `SBOM`, `orphaned`… (see `app::details::badges`).
    pub badges: Vec<String>,
    /// The index's manifests (rows of their own when it is expanded).
    pub children: Vec<u32>,
}

impl RowView {
    /// Row `index` of `catalog`, if there is one.
    pub fn of(catalog: &Catalog, index: u32) -> Option<RowView> {
        if index >= catalog.len() as u32 {
            return None;
        }
        let (a, d) = (catalog.artifact(index), catalog.derived(index));
        Some(RowView {
            index,
            id: a.id.clone(),
            digest: a.digest.to_string(),
            tags: a.tags.clone(),
            platforms: d.platforms.to_vec(),
            size: catalog.size(index),
            pushed: a.pushed,
            pulled: a.pulled,
            media_type: a.media_type.clone(),
            attestation: d.attestation,
            badges: details::badges(catalog, index),
            children: d.children.clone(),
        })
    }
}

/// Which of the table's two kinds of row a row is, with what only that kind has.
#[derive(Clone, Copy, Debug)]
pub enum RowKind<'a> {
    /// An artifact of the page: maybe marked new, copying pull references when the registry
    /// host is known (`registry/repository`), and, for an index, whether it is expanded.
    TopLevel { is_new: bool, pull_base: Option<&'a str>, expanded: Option<bool> },
    /// A platform manifest (or attestation) of the expanded index just above it.
    Child,
}

/// What every row of the table shares at this moment.
#[derive(Clone, Copy, Debug)]
pub struct Rows<'a> {
    /// Tells this table's ids apart from another table's on the same page.
    pub table: usize,
    /// For relative times ("3 days ago").
    pub now: i64,
    /// The digest whose details are open.
    pub open: Option<&'a str>,
}

/// A row's Plan cell: its decision and every reason for it.
pub type PlanCell = (Decision, String);

/// The id of a row's details button and of its panel (by catalog index).
pub fn details_button_id(table: usize, index: u32) -> String {
    format!("details-button-{table}-{index}")
}

pub fn details_panel_id(table: usize, index: u32) -> String {
    format!("details-{table}-{index}")
}

/// Appends one `<tr>`: the same seven cells for both kinds of row (eight with a plan).
/// Returns where the Plan cell's content lies in `out`.
pub fn write_row(
    out: &mut String,
    row: &RowView,
    kind: RowKind,
    rows: &Rows,
    plan: Option<&PlanCell>,
) -> Option<Range<usize>> {
    let (table, i) = (rows.table, row.index);
    let class = match kind {
        RowKind::TopLevel { is_new, expanded, .. } => match (expanded.is_some(), is_new) {
            (false, false) => "artifact",
            (true, false) => "artifact index",
            (false, true) => "artifact added",
            (true, true) => "artifact index added",
        },
        RowKind::Child if row.attestation => "child attestation",
        RowKind::Child => "child",
    };
    let pull_base = match kind {
        RowKind::TopLevel { pull_base, .. } => pull_base,
        RowKind::Child => None,
    };
    out.push_str("<tr class=\"");
    out.push_str(class);
    out.push_str("\"><td class=\"col-tags\">");
    match kind {
        RowKind::TopLevel { is_new: true, .. } => out.push_str("<span class=\"badge new\">new</span>"),
        RowKind::TopLevel { .. } => {}
        RowKind::Child => out.push_str("<span class=\"child-mark\" aria-hidden=\"true\">↳</span>"),
    }
    write_tags(out, &row.tags, pull_base, table, i);
    for badge in &row.badges {
        out.push_str("<span class=\"badge accessory ");
        // The badges are the app's own ASCII words.
        escape(out, &badge.to_ascii_lowercase().replace([' ', ','], "-"));
        out.push_str("\">");
        escape(out, badge);
        out.push_str("</span>");
    }
    out.push_str("</td><td class=\"col-digest\"><code class=\"digest\" title=\"");
    escape(out, &row.digest);
    out.push_str("\">");
    escape(out, &format::short_digest(&row.digest));
    out.push_str("</code>");
    write_copy_button(out, Some(&format!("copy-digest-{table}-{i}")), &row.digest, "Copy digest");
    if is_digest(&row.digest) {
        let open = rows.open == Some(row.digest.as_str());
        out.push_str("<button type=\"button\" class=\"details-toggle\" id=\"");
        out.push_str(&details_button_id(table, i));
        out.push_str("\" aria-label=\"");
        escape(out, &details::button_name(&row.digest));
        out.push_str(if open { "\" aria-expanded=\"true\" aria-controls=\"" } else { "\" aria-expanded=\"false" });
        if open {
            out.push_str(&details_panel_id(table, i));
        }
        out.push_str("\" data-details=\"");
        escape(out, &row.digest);
        out.push_str("\">Details</button>");
    }
    if let Some(base) = pull_base {
        write_copy_button(
            out,
            Some(&format!("copy-ref-{table}-{i}")),
            &format!("{base}@{}", row.digest),
            "Copy pull reference",
        );
    }
    out.push_str("</td><td class=\"col-platform\">");
    if matches!(kind, RowKind::Child) && row.attestation {
        out.push_str("<span class=\"badge attestation\">attestation</span>");
    } else if row.platforms.is_empty() {
        out.push_str("<span class=\"muted\">—</span>");
    } else {
        for platform in &row.platforms {
            out.push_str("<span class=\"badge\">");
            escape(out, platform);
            out.push_str("</span>");
        }
    }
    if let RowKind::TopLevel { expanded: Some(expanded), .. } = kind {
        out.push_str("<button type=\"button\" class=\"expand\" id=\"");
        out.push_str(&format!("expand-{table}-{i}"));
        out.push_str(if expanded { "\" aria-expanded=\"true" } else { "\" aria-expanded=\"false" });
        out.push_str("\" data-expand=\"");
        escape(out, &row.id);
        out.push_str("\"><span class=\"chevron\" aria-hidden=\"true\">▸</span>");
        out.push_str(&format!("{} manifests", row.children.len()));
        out.push_str("</button>");
    }
    out.push_str("</td><td class=\"col-size num\">");
    match row.size {
        Some(bytes) => {
            out.push_str("<span title=\"");
            out.push_str(&format::count(bytes));
            out.push_str(" bytes\">");
            out.push_str(&format::size(bytes));
            out.push_str("</span>");
        }
        None => out.push_str("<span class=\"muted\" title=\"Size not reported\">—</span>"),
    }
    out.push_str("</td><td class=\"col-pushed\">");
    write_moment(out, row.pushed, rows.now);
    out.push_str("</td><td class=\"col-pulled\">");
    write_moment(out, row.pulled, rows.now);
    out.push_str("</td><td class=\"col-media_type\">");
    if let Some(media_type) = &row.media_type {
        out.push_str("<span title=\"");
        escape(out, media_type);
        out.push_str("\">");
        escape(out, format::media_type_label(media_type));
        out.push_str("</span>");
    }
    out.push_str("</td>");
    let plan_cell = plan.map(|(decision, reasons)| {
        out.push_str("<td class=\"col-plan\">");
        let start = out.len();
        out.push_str(match decision {
            Decision::Keep => "<span class=\"plan-badge keep\">Keep</span>",
            Decision::Delete => "<span class=\"plan-badge delete\">Delete</span>",
            Decision::Unknown => "<span class=\"plan-badge unknown\">Unknown</span>",
        });
        out.push_str(" <span class=\"plan-reason\">");
        escape(out, reasons);
        out.push_str("</span>");
        let end = out.len();
        out.push_str("</td>");
        start..end
    });
    out.push_str("</tr>");
    plan_cell
}

/// What a page of the table shows besides its rows.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    /// Top-level rows of the page, as catalog indexes, in order.
    pub rows: &'a [u32],
    /// Ids of the indexes whose manifests are shown.
    pub expanded: &'a HashSet<String>,
    /// Ids new since the previous refresh, marked "new".
    pub added: &'a HashSet<String>,
    /// `registry/repository` for pull references, when the registry host is known.
    pub pull_base: Option<&'a str>,
    /// The cleanup plan, when one is active: a Plan column.
    pub plan: Option<(&'a Plan, &'a Rules)>,
    pub columns: usize,
    /// Shown in place of rows when there are none.
    pub empty_message: &'a str,
}

/// A page of rows as markup, cut after the row whose details are open (its panel goes
/// between the two parts: a component, not markup).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageMarkup {
    pub before: Markup,
    /// The catalog index of the row whose details are open, when it is on this page.
    pub open: Option<u32>,
    pub after: Markup,
}

/// Rows as markup, and where each row's Plan cell content lies in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Markup {
    pub html: String,
    /// One range per row, in row order, when a plan is active.
    pub plan_cells: Vec<Range<usize>>,
}

impl Markup {
    /// When these rows differ from `drawn` only in their Plan cells (a rule changed): the
    /// rows whose cell changed, by position, with the cell's new content. A rule change
    /// then rewrites 25 cells instead of the whole page of rows.
    pub fn plan_changes<'a>(&'a self, drawn: &Markup) -> Option<Vec<(usize, &'a str)>> {
        if self.plan_cells.is_empty() || self.plan_cells.len() != drawn.plan_cells.len() {
            return None;
        }
        let (mut from, mut drawn_from) = (0, 0);
        let mut changes = Vec::new();
        for (row, (cell, drawn_cell)) in self.plan_cells.iter().zip(&drawn.plan_cells).enumerate() {
            if self.html.get(from..cell.start)? != drawn.html.get(drawn_from..drawn_cell.start)? {
                return None;
            }
            let content = self.html.get(cell.clone())?;
            if content != drawn.html.get(drawn_cell.clone())? {
                changes.push((row, content));
            }
            (from, drawn_from) = (cell.end, drawn_cell.end);
        }
        (self.html.get(from..)? == drawn.html.get(drawn_from..)?).then_some(changes)
    }
}

/// The page's rows: each top-level row, and under an expanded index its manifests.
pub fn write_page(catalog: &Catalog, page: &Page, rows: &Rows) -> PageMarkup {
    let mut markup = PageMarkup::default();
    markup.before.html.reserve(page.rows.len() * 2048);
    if page.rows.is_empty() {
        write_empty(&mut markup.before.html, page.columns, page.empty_message);
        return markup;
    }
    let write = |markup: &mut PageMarkup, row: &RowView, kind: RowKind| {
        let plan = page
            .plan
            .map(|(plan, rules)| (plan.decision(row.index), plan.reasons(catalog, rules, row.index).join("; ")));
        let out = if markup.open.is_some() { &mut markup.after } else { &mut markup.before };
        if let Some(cell) = write_row(&mut out.html, row, kind, rows, plan.as_ref()) {
            out.plan_cells.push(cell);
        }
        if markup.open.is_none() && rows.open == Some(row.digest.as_str()) && is_digest(&row.digest) {
            markup.open = Some(row.index);
        }
    };
    for row in page.rows.iter().filter_map(|&i| RowView::of(catalog, i)) {
        let expanded = (!row.children.is_empty()).then(|| page.expanded.contains(&row.id));
        let kind = RowKind::TopLevel { is_new: page.added.contains(&row.id), pull_base: page.pull_base, expanded };
        write(&mut markup, &row, kind);
        if expanded == Some(true) {
            for child in row.children.iter().filter_map(|&k| RowView::of(catalog, k)) {
                write(&mut markup, &child, RowKind::Child);
            }
        }
    }
    markup
}

/// The row shown in place of rows when there are none.
pub fn write_empty(out: &mut String, columns: usize, message: &str) {
    out.push_str(&format!("<tr class=\"empty\"><td colspan=\"{columns}\">"));
    escape(out, message);
    out.push_str("</td></tr>");
}

/// Tags as chips; with a pull base, each chip copies `registry/repository:tag`.
fn write_tags(out: &mut String, tags: &[String], pull_base: Option<&str>, table: usize, i: u32) {
    if tags.is_empty() {
        out.push_str("<span class=\"untagged\">untagged</span>");
        return;
    }
    out.push_str("<ul class=\"chips\">");
    for (k, tag) in tags.iter().enumerate() {
        match pull_base {
            Some(base) => {
                let reference = format!("{base}:{tag}");
                out.push_str(&format!(
                    "<li><button type=\"button\" class=\"chip\" id=\"tag-{table}-{i}-{k}\" aria-label=\""
                ));
                escape(out, &format!("{tag}, copy {reference}"));
                out.push_str("\" title=\"Copy ");
                escape(out, &reference);
                out.push_str("\" data-copy=\"");
                escape(out, &reference);
                out.push_str("\">");
                escape(out, tag);
                out.push_str("</button></li>");
            }
            None => {
                out.push_str("<li class=\"chip\">");
                escape(out, tag);
                out.push_str("</li>");
            }
        }
    }
    out.push_str("</ul>");
}

/// A details panel's content, every value escaped. Its buttons say what they do the way the
/// rows' do: `data-copy` holds the text to copy, `data-details` the digest to open; "Close
/// details" is `.close-details`.
pub fn write_details(out: &mut String, d: &Details) {
    let note = match (&d.subject, d.orphaned) {
        (Some(subject), _) => Some(format!("Attached to {subject} (a cosign accessory of it).")),
        (None, true) => Some("Orphaned: a cosign accessory whose subject is not in this repository.".into()),
        _ => None,
    };
    if let Some(note) = note {
        element(out, "<p class=\"details-note\">", &note, "</p>");
    }
    out.push_str("<dl class=\"details-facts\"><dt>Digest</dt><dd>");
    element(out, "<code class=\"full-digest\">", &d.digest, "</code>");
    out.push_str("</dd><dt>Tags</dt><dd>");
    if d.tags.is_empty() {
        out.push_str("<span class=\"muted\">untagged</span>");
    } else {
        out.push_str("<ul class=\"details-tags\">");
        for tag in &d.tags {
            element(out, "<li>", tag, "</li>");
        }
        out.push_str("</ul>");
    }
    let platforms = if d.platforms.is_empty() { "not reported".into() } else { d.platforms.join(", ") };
    for (term, value) in
        [("Media type", &d.media_type), ("Platform", &platforms), ("Size", &d.size), ("Pushed", &d.pushed), ("Pulled", &d.pulled)]
    {
        out.push_str("</dd><dt>");
        out.push_str(term);
        element(out, "</dt><dd>", value, "");
    }
    out.push_str("</dd></dl><div class=\"details-actions\">");
    write_copy_button(out, None, &d.digest, "Copy digest");
    if let Some(reference) = &d.pull_reference {
        write_copy_button(out, None, reference, "Copy pull reference");
    }
    out.push_str("<button type=\"button\" class=\"close-details\">Close details</button></div>");
    if d.annotations.is_empty() {
        out.push_str("<p class=\"muted\">No annotations.</p>");
    } else {
        write_table_head(out, "details-table annotations", "Annotations", &["Key", "Value"]);
        for (key, value) in &d.annotations {
            element(out, "<tr><th scope=\"row\">", key, "</th>");
            element(out, "<td>", value, "</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    if !d.manifests.is_empty() {
        write_table_head(out, "details-table manifests", "Manifests", &["Digest", "Platform"]);
        for (digest, platform) in &d.manifests {
            element(out, "<tr><td><code>", digest, "</code></td>");
            element(out, "<td>", platform, "</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
    if d.accessories.is_empty() {
        out.push_str("<p class=\"muted\">No signatures, attestations or SBOMs attached.</p>");
    } else {
        write_table_head(out, "details-table accessories", "Signatures, attestations and SBOMs", &["Kind", "Tag", "Digest", "Size"]);
        for a in &d.accessories {
            element(out, "<tr><td>", &a.kind, "</td>");
            element(out, "<td>", &a.tags.join(", "), "</td>");
            element(out, "<td><code>", &a.digest, "</code>");
            if is_digest(&a.digest) {
                out.push_str("<button type=\"button\" class=\"details-toggle\" aria-label=\"Details of ");
                escape(out, &a.kind);
                out.push(' ');
                escape(out, &format::short_digest(&a.digest));
                element(out, "\" data-details=\"", &a.digest, "\">Details</button>");
            }
            element(out, "</td><td class=\"num\">", &a.size, "</td></tr>");
        }
        out.push_str("</tbody></table>");
    }
}

/// `open`, `text` escaped, `close`.
pub fn element(out: &mut String, open: &str, text: &str, close: &str) {
    out.push_str(open);
    escape(out, text);
    out.push_str(close);
}

/// A table up to its body: class, caption and column headers.
pub fn write_table_head(out: &mut String, class: &str, caption: &str, columns: &[&str]) {
    out.push_str("<table class=\"");
    out.push_str(class);
    out.push_str("\"><caption>");
    out.push_str(caption);
    out.push_str("</caption><thead><tr>");
    for column in columns {
        element(out, "<th scope=\"col\">", column, "</th>");
    }
    out.push_str("</tr></thead><tbody>");
}

/// A copy button whose text is its whole label ("Copy digest"), so two side by side say
/// what each copies. A row's has an id, so that a redraw keeps the focus on it.
pub fn write_copy_button(out: &mut String, id: Option<&str>, text: &str, label: &str) {
    out.push_str("<button type=\"button\" class=\"copy\"");
    if let Some(id) = id {
        out.push_str(" id=\"");
        out.push_str(id);
        out.push('"');
    }
    out.push_str(" title=\"");
    escape(out, &format!("{label}: {text}"));
    out.push_str("\" data-copy=\"");
    escape(out, text);
    out.push_str("\">");
    out.push_str(label);
    out.push_str("</button>");
}

fn write_moment(out: &mut String, moment: Option<Moment>, now: i64) {
    match moment {
        Some(Moment::At(t)) => {
            out.push_str("<time datetime=\"");
            out.push_str(&format::iso8601(t));
            out.push_str("\" title=\"");
            out.push_str(&format::utc(t));
            out.push_str("\">");
            out.push_str(&format::relative(t, now));
            out.push_str("</time>");
        }
        Some(Moment::Never) => out.push_str("<span class=\"never\">never</span>"),
        None => out.push_str("<span class=\"muted\" title=\"Not reported\">—</span>"),
    }
}

/// Appends `text` as HTML text or a double-quoted attribute value: the five characters
/// markup could read are written as character references.
pub fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Artifact;

    const DIGEST: &str = "sha256:4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

    fn row() -> RowView {
        RowView {
            index: 7,
            id: "a\"7".into(),
            digest: DIGEST.into(),
            tags: vec!["v1.0".into(), "<img src=x onerror=alert(1)>".into()],
            platforms: vec!["linux/amd64".into()],
            size: Some(1_536),
            pushed: Some(Moment::At(86_400)),
            pulled: Some(Moment::Never),
            media_type: Some("application/vnd.oci.image.manifest.v1+json".into()),
            attestation: false,
            badges: vec!["signed".into()],
            children: vec![],
        }
    }

    fn html(row: &RowView, kind: RowKind, open: Option<&str>, plan: Option<&PlanCell>) -> String {
        let mut out = String::new();
        write_row(&mut out, row, kind, &Rows { table: 0, now: 3 * 86_400, open }, plan);
        out
    }

    const PLAIN: RowKind = RowKind::TopLevel { is_new: false, pull_base: None, expanded: None };

    fn details() -> Details {
        Details {
            digest: DIGEST.into(),
            tags: vec!["v1.9".into(), "v1.10".into()],
            media_type: "OCI manifest (application/vnd.oci.image.manifest.v1+json)".into(),
            platforms: vec!["linux/amd64".into()],
            size: "28.6 MiB (30,000,000 bytes)".into(),
            pushed: "never".into(),
            pulled: "not reported".into(),
            annotations: vec![("evil\"".into(), "<img src=x onerror=alert(1)>".into())],
            manifests: vec![],
            accessories: vec![
                details::Accessory { kind: "signature".into(), digest: DIGEST.into(), tags: vec![], size: "800 B".into() },
                details::Accessory { kind: "SBOM".into(), digest: "sha256:5".into(), tags: vec![], size: "—".into() },
            ],
            pull_reference: Some(format!("kcr.io/team/web@{DIGEST}")),
            subject: None,
            orphaned: false,
        }
    }

    #[test]
    fn a_details_panel_escapes_every_value_and_its_buttons_say_what_they_do() {
        let mut html = String::new();
        write_details(&mut html, &details());
        assert!(html.contains("<th scope=\"row\">evil&quot;</th><td>&lt;img src=x onerror=alert(1)&gt;</td>"), "{html}");
        assert!(!html.contains("<img"), "no markup from the registry");
        assert!(html.contains(&format!("title=\"Copy digest: {DIGEST}\" data-copy=\"{DIGEST}\">Copy digest</button>")));
        assert!(html.contains(&format!("data-copy=\"kcr.io/team/web@{DIGEST}\">Copy pull reference</button>")));
        assert!(html.contains("<button type=\"button\" class=\"close-details\">Close details</button>"));
        let opens = format!("aria-label=\"Details of signature sha256:4a5e1e4baab8\" data-details=\"{DIGEST}\">Details</button>");
        assert!(html.contains(&opens), "{html}");
        assert!(html.contains("<td><code>sha256:5</code></td>"), "no Details button for a malformed digest");
        assert!(html.contains("<ul class=\"details-tags\"><li>v1.9</li><li>v1.10</li></ul>"));
        assert!(html.contains("<dt>Size</dt><dd>28.6 MiB (30,000,000 bytes)</dd>"));
        assert!(!html.contains("details-note") && !html.contains("Manifests"));
        let attached = Details {
            subject: Some(DIGEST.into()),
            pull_reference: None,
            annotations: vec![],
            accessories: vec![],
            ..details()
        };
        html.clear();
        write_details(&mut html, &attached);
        assert!(html.contains(&format!("<p class=\"details-note\">Attached to {DIGEST} (a cosign accessory of it).</p>")));
        assert!(!html.contains("Copy pull reference"));
        assert!(html.contains("<p class=\"muted\">No annotations.</p>"));
        assert!(html.contains("<p class=\"muted\">No signatures, attestations or SBOMs attached.</p>"));
    }

    #[test]
    fn text_from_the_registry_is_never_markup() {
        let out = html(&row(), PLAIN, None, None);
        assert!(out.contains("<li class=\"chip\">&lt;img src=x onerror=alert(1)&gt;</li>"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        let mut hostile = row();
        hostile.tags = vec!["\"><script>x</script>".into()];
        hostile.platforms = vec!["a&b".into()];
        let out = html(
            &hostile,
            RowKind::TopLevel { is_new: false, pull_base: Some("r.io/x"), expanded: Some(false) },
            None,
            None,
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(out.contains("data-copy=\"r.io/x:&quot;&gt;&lt;script&gt;x&lt;/script&gt;\""), "{out}");
        assert!(out.contains("<span class=\"badge\">a&amp;b</span>"));
        assert!(out.contains("data-expand=\"a&quot;7\""), "the id is escaped too: {out}");
    }

    #[test]
    fn a_top_level_row_has_every_cell() {
        let out = html(&row(), PLAIN, None, None);
        assert!(out.starts_with(
            "<tr class=\"artifact\"><td class=\"col-tags\"><ul class=\"chips\"><li class=\"chip\">v1.0</li>"
        ));
        assert!(out.contains("<span class=\"badge accessory signed\">signed</span>"));
        assert!(
            out.contains(&format!("<code class=\"digest\" title=\"{DIGEST}\">{}</code>", format::short_digest(DIGEST)))
        );
        assert!(out.contains("id=\"copy-digest-0-7\""));
        assert!(out.contains("<td class=\"col-size num\"><span title=\"1,536 bytes\">"));
        assert!(out.contains("<td class=\"col-pushed\"><time datetime=\"1970-01-02T00:00:00Z\""), "{out}");
        assert!(out.contains("2 days ago"), "{out}");
        assert!(out.contains("<td class=\"col-pulled\"><span class=\"never\">never</span></td>"));
        assert!(out.contains("<td class=\"col-media_type\"><span title=\"application/vnd.oci.image.manifest.v1+json\">OCI manifest</span></td>"));
        assert!(out.ends_with("</td></tr>"));
        assert!(!out.contains("col-plan") && !out.contains("Copy pull reference") && !out.contains("class=\"expand\""));
        assert_eq!(out.matches("<td").count(), 7);
    }

    #[test]
    fn details_button_says_whether_its_panel_is_open() {
        let closed = html(&row(), PLAIN, None, None);
        assert!(closed.contains(&format!(
            "<button type=\"button\" class=\"details-toggle\" id=\"details-button-0-7\" aria-label=\"{}\" aria-expanded=\"false\" data-details=\"{DIGEST}\">Details</button>",
            details::button_name(DIGEST)
        )));
        let open = html(&row(), PLAIN, Some(DIGEST), None);
        assert!(open.contains("aria-expanded=\"true\" aria-controls=\"details-0-7\" data-details="), "{open}");
        let mut odd = row();
        odd.digest = "not a digest".into();
        assert!(!html(&odd, PLAIN, None, None).contains("details-toggle"), "a link could not name it");
    }

    #[test]
    fn pull_references_new_marks_and_expand_buttons() {
        let kind = RowKind::TopLevel { is_new: true, pull_base: Some("kcr.io/team/web"), expanded: Some(true) };
        let mut index = row();
        index.children = vec![1, 2];
        let out = html(&index, kind, None, None);
        assert!(out.starts_with(
            "<tr class=\"artifact index added\"><td class=\"col-tags\"><span class=\"badge new\">new</span>"
        ));
        assert!(out.contains("<li><button type=\"button\" class=\"chip\" id=\"tag-0-7-0\" aria-label=\"v1.0, copy kcr.io/team/web:v1.0\" title=\"Copy kcr.io/team/web:v1.0\" data-copy=\"kcr.io/team/web:v1.0\">v1.0</button></li>"), "{out}");
        assert!(out.contains(&format!("data-copy=\"kcr.io/team/web@{DIGEST}\">Copy pull reference</button>")));
        assert!(out.contains("<button type=\"button\" class=\"expand\" id=\"expand-0-7\" aria-expanded=\"true\" data-expand=\"a&quot;7\"><span class=\"chevron\" aria-hidden=\"true\">▸</span>2 manifests</button>"));
        let order: Vec<usize> =
            ["Copy digest", "Details", "Copy pull reference"].iter().map(|t| out.find(t).unwrap()).collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "digest, details, then the pull reference");
    }

    #[test]
    fn child_rows_are_marked_and_attestations_say_so() {
        let mut child = row();
        child.attestation = true;
        let out = html(&child, RowKind::Child, None, None);
        assert!(out.starts_with("<tr class=\"child attestation\"><td class=\"col-tags\"><span class=\"child-mark\" aria-hidden=\"true\">↳</span>"));
        assert!(out.contains("<td class=\"col-platform\"><span class=\"badge attestation\">attestation</span></td>"));
        assert!(!out.contains("data-copy=\"kcr") && !out.contains("class=\"expand\""));
    }

    #[test]
    fn plan_cells_and_unknowns() {
        let mut bare = row();
        bare.size = None;
        bare.pushed = None;
        bare.platforms.clear();
        bare.media_type = None;
        bare.tags.clear();
        let out = html(&bare, PLAIN, None, Some(&(Decision::Delete, "no rule keeps it; <b>".into())));
        assert!(out.contains("<span class=\"untagged\">untagged</span>"));
        assert!(out.contains("<span class=\"muted\" title=\"Size not reported\">—</span>"));
        assert!(out.contains("<td class=\"col-pushed\"><span class=\"muted\" title=\"Not reported\">—</span></td>"));
        assert!(out.contains("<td class=\"col-platform\"><span class=\"muted\">—</span>"));
        assert!(out.contains("<td class=\"col-media_type\"></td>"));
        assert!(out.contains("<td class=\"col-plan\"><span class=\"plan-badge delete\">Delete</span> <span class=\"plan-reason\">no rule keeps it; &lt;b&gt;</span></td></tr>"));
        let mut empty = String::new();
        write_empty(&mut empty, 8, "No artifacts match the filters.");
        assert_eq!(empty, "<tr class=\"empty\"><td colspan=\"8\">No artifacts match the filters.</td></tr>");
    }

    /// Rows 7, 8 and 9 (from `row()`) with these Plan cells, as `write_page` marks them.
    fn markup(cells: &[PlanCell], tags: &[&str]) -> Markup {
        let mut out = Markup::default();
        for (k, cell) in cells.iter().enumerate() {
            let mut r = row();
            r.index = 7 + k as u32;
            r.tags = tags.iter().map(|t| t.to_string()).collect();
            let rows = Rows { table: 0, now: 3 * 86_400, open: None };
            out.plan_cells.extend(write_row(&mut out.html, &r, PLAIN, &rows, Some(cell)));
        }
        out
    }

    #[test]
    fn a_rule_change_rewrites_only_the_plan_cells_that_changed() {
        let cell = |d: Decision, why: &str| (d, why.to_string());
        let drawn = markup(&[cell(Decision::Keep, "a"), cell(Decision::Delete, "b"), cell(Decision::Keep, "c")], &["v1"]);
        let now = markup(&[cell(Decision::Keep, "a"), cell(Decision::Keep, "b <now>"), cell(Decision::Delete, "c")], &["v1"]);
        let changes = now.plan_changes(&drawn).expect("only Plan cells differ");
        assert_eq!(
            changes,
            vec![
                (1, "<span class=\"plan-badge keep\">Keep</span> <span class=\"plan-reason\">b &lt;now&gt;</span>"),
                (2, "<span class=\"plan-badge delete\">Delete</span> <span class=\"plan-reason\">c</span>"),
            ]
        );
        // Each range is a whole cell's content in the full markup.
        assert!(now.html.contains(&format!("<td class=\"col-plan\">{}</td></tr>", changes[0].1)));
        assert_eq!(now.plan_changes(&now), Some(vec![]));
    }

    #[test]
    fn anything_else_changed_redraws_the_rows() {
        let keep = (Decision::Keep, "a".to_string());
        let drawn = markup(&[keep.clone(), keep.clone()], &["v1"]);
        assert_eq!(markup(&[keep.clone(), keep.clone()], &["v2"]).plan_changes(&drawn), None, "a tag changed");
        assert_eq!(markup(&[keep.clone()], &["v1"]).plan_changes(&drawn), None, "a row less");
        assert_eq!(Markup { html: drawn.html.clone(), plan_cells: vec![] }.plan_changes(&drawn), None, "no plan");
        let mut longer = drawn.clone();
        longer.html.push_str("<tr></tr>");
        assert_eq!(longer.plan_changes(&drawn), None, "a row more after the last cell");
    }

    #[test]
    fn rows_are_read_from_the_catalog() {
        let mut catalog = Catalog::default();
        let mut a = Artifact::new("a", DIGEST);
        a.tags = vec!["b".into(), "a".into()];
        catalog.extend(vec![a]);
        let view = RowView::of(&catalog, 0).unwrap();
        assert_eq!((view.id.as_str(), view.tags.clone()), ("a", vec!["a".to_string(), "b".to_string()]));
        assert_eq!(RowView::of(&catalog, 1), None, "an index past the end is no row");
    }
}
