//! Exports of the filtered, sorted view — every page, each index followed by its children.
//! With a cleanup plan, every row also carries its decision and the reason for it.

use serde::Serialize;

use crate::engine::catalog::Catalog;
use crate::engine::format::iso8601;
use crate::engine::model::Moment;
use crate::engine::named_enum;
use crate::engine::plan::{Plan, Rules};

/// The active cleanup plan, when there is one, and the rules it was made from.
#[derive(Clone, Copy)]
pub struct PlanColumns<'a> {
    pub plan: &'a Plan,
    pub rules: &'a Rules,
}

#[derive(Serialize)]
struct Row<'a> {
    tags: &'a [String],
    digest: String,
    platform: String,
    size_bytes: Option<u64>,
    pushed: Option<String>,
    pulled: Option<String>,
    media_type: Option<&'a str>,
    parent_digest: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    decision: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

fn moment(m: Option<Moment>) -> Option<String> {
    match m? {
        Moment::At(t) => Some(iso8601(t)),
        Moment::Never => Some("never".into()),
    }
}

fn rows<'a>(catalog: &'a Catalog, view: &[u32], plan: Option<PlanColumns>) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(view.len());
    let row = |i: u32, parent: Option<&str>| {
        let (a, d) = (catalog.artifact(i), catalog.derived(i));
        Row {
            tags: &a.tags,
            digest: a.digest.to_string(),
            platform: if d.attestation { "attestation".into() } else { d.platforms.join(" ") },
            size_bytes: catalog.size(i),
            pushed: moment(a.pushed),
            pulled: moment(a.pulled),
            media_type: a.media_type.as_deref(),
            parent_digest: parent.map(str::to_string),
            decision: plan.map(|p| p.plan.decision(i).as_str()),
            reason: plan.map(|p| p.plan.reasons(catalog, p.rules, i).join("; ")),
        }
    };
    for &i in view {
        out.push(row(i, None));
        let parent = catalog.artifact(i).digest.text();
        out.extend(catalog.derived(i).children.iter().map(|&c| row(c, Some(&parent))));
    }
    out
}

/// A JSON array with one artifact per line: readable, and a line per artifact for grep and
/// diff, without the code of serde_json's pretty printer (0.7 KB gzip).
pub fn to_json(catalog: &Catalog, view: &[u32], plan: Option<PlanColumns>) -> String {
    let mut out = String::from("[");
    for (k, row) in rows(catalog, view, plan).iter().enumerate() {
        out.push_str(if k == 0 { "\n" } else { ",\n" });
        // Strings, numbers and nulls only: serializing cannot fail.
        out.push_str(&serde_json::to_string(row).unwrap_or_else(|_| "null".into()));
    }
    out.push_str("\n]\n");
    out
}

pub const CSV_HEADER: &str = "tags,digest,platform,size_bytes,pushed,pulled,media_type,parent_digest";

pub fn to_csv(catalog: &Catalog, view: &[u32], plan: Option<PlanColumns>) -> String {
    let mut out = String::from(CSV_HEADER);
    if plan.is_some() {
        out.push_str(",decision,reason");
    }
    out.push_str("\r\n");
    for r in rows(catalog, view, plan) {
        let size = r.size_bytes.map(|s| s.to_string()).unwrap_or_default();
        let fields = [
            r.tags.join(" "),
            r.digest.to_string(),
            r.platform,
            size,
            r.pushed.unwrap_or_default(),
            r.pulled.unwrap_or_default(),
            r.media_type.unwrap_or_default().to_string(),
            r.parent_digest.unwrap_or_default().to_string(),
        ];
        let planned = r.decision.map(|d| [d.to_string(), r.reason.unwrap_or_default()]);
        let cells: Vec<String> = fields.iter().chain(planned.iter().flatten()).map(|f| csv_cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

named_enum!(
    /// The file formats a view is exported as; the name is the file extension.
    Format { Csv = "csv", Json = "json" }
);

impl Format {
    pub fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json",
        }
    }

    /// `stem.csv`, `stem.json`.
    pub fn file_name(self, stem: &str) -> String {
        format!("{stem}.{}", self.as_str())
    }

    /// The rows of `view` (each index followed by its children) in this format.
    pub fn render(self, catalog: &Catalog, view: &[u32], plan: Option<PlanColumns>) -> String {
        match self {
            Format::Csv => to_csv(catalog, view, plan),
            Format::Json => to_json(catalog, view, plan),
        }
    }
}

/// RFC 4180 quoting, and a leading `'` on text a spreadsheet would run as a formula.
fn csv_cell(value: &str) -> String {
    let defused =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Artifact, Platform};

    fn catalog() -> Catalog {
        let mut idx = Artifact::new("i", "sha256:idx");
        idx.tags = vec!["v1.10".into(), "v1.9".into()];
        idx.children = vec!["c".into()];
        idx.pushed = Some(Moment::At(1_612_347_731));
        idx.pulled = Some(Moment::Never);
        let mut child = Artifact::new("c", "sha256:child");
        child.platform =
            Some(Platform { os: Some("linux".into()), architecture: Some("arm".into()), variant: Some("v7".into()) }.into());
        child.size = Some(42);
        let mut hostile = Artifact::new("h", "sha256:h");
        hostile.tags = vec!["=HYPERLINK(\"x\"),1".into()];
        Catalog::new(vec![idx, child, hostile])
    }

    #[test]
    fn csv_lists_children_under_their_index_with_the_parent_digest() {
        let c = catalog();
        let csv = to_csv(&c, c.top_level(), None);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(lines[1], "v1.9 v1.10,sha256:idx,linux/arm/v7,42,2021-02-03T10:22:11Z,never,,");
        assert_eq!(lines[2], ",sha256:child,linux/arm/v7,42,,,,sha256:idx");
        assert_eq!(lines[3], "\"'=HYPERLINK(\"\"x\"\"),1\",sha256:h,,,,,,", "formulas are defused and quoted");
    }

    #[test]
    fn json_has_the_same_rows() {
        let c = catalog();
        let json: serde_json::Value = serde_json::from_str(&to_json(&c, c.top_level(), None)).unwrap();
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["tags"], serde_json::json!(["v1.9", "v1.10"]));
        assert_eq!(rows[0]["pushed"], "2021-02-03T10:22:11Z");
        assert_eq!(rows[1]["parent_digest"], "sha256:idx");
        assert_eq!(rows[1]["size_bytes"], 42);
        assert_eq!(rows[2]["pulled"], serde_json::Value::Null);
        assert!(rows[0].get("decision").is_none(), "no plan, no plan columns");
    }

    #[test]
    fn json_puts_one_artifact_on_each_line() {
        let c = catalog();
        let json = to_json(&c, c.top_level(), None);
        let lines: Vec<&str> = json.lines().collect();
        assert_eq!(lines.len(), 3 + 2, "{json}");
        assert_eq!((lines[0], lines[4]), ("[", "]"));
        assert!(lines[1].starts_with("{\"tags\":[\"v1.9\",\"v1.10\"]") && lines[1].ends_with("},"));
        assert!(lines[3].ends_with('}'));
        let empty: serde_json::Value = serde_json::from_str(&to_json(&c, &[], None)).unwrap();
        assert_eq!(empty, serde_json::json!([]));
    }

    #[test]
    fn each_format_names_its_file_and_type_and_renders_its_rows() {
        let c = catalog();
        assert_eq!(Format::Csv.file_name("lading-team_web"), "lading-team_web.csv");
        assert_eq!(Format::Json.file_name("lading-demo-small"), "lading-demo-small.json");
        assert_eq!(Format::Csv.mime(), "text/csv;charset=utf-8");
        assert_eq!(Format::Json.mime(), "application/json");
        assert_eq!(Format::Csv.render(&c, c.top_level(), None), to_csv(&c, c.top_level(), None));
        assert_eq!(Format::Json.render(&c, c.top_level(), None), to_json(&c, c.top_level(), None));
    }

    #[test]
    fn with_a_plan_every_row_carries_its_decision_and_reason() {
        let c = catalog();
        let rules = Rules { keep_tag: vec!["v1.1*".into()], ..Rules::default() };
        let plan = Plan::evaluate(&c, &rules, 1_790_000_000);
        let columns = Some(PlanColumns { plan: &plan, rules: &rules });
        let csv = to_csv(&c, c.top_level(), columns);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], format!("{CSV_HEADER},decision,reason"));
        assert!(lines[1].ends_with(",keep,tag v1.10 matches v1.1*"), "{}", lines[1]);
        assert!(lines[2].ends_with(",keep,platform manifest of kept index idx…"), "{}", lines[2]);
        assert!(lines[3].contains(",delete,\"no rule keeps it; deleting it removes its tags"), "{}", lines[3]);
        let json: serde_json::Value = serde_json::from_str(&to_json(&c, c.top_level(), columns)).unwrap();
        assert_eq!(json[2]["decision"], "delete");
        assert_eq!(json[1]["reason"], "platform manifest of kept index idx…");
    }
}
