//! Exports of the filtered, sorted view — every page, each index followed by its children.

use serde::Serialize;

use crate::engine::catalog::Catalog;
use crate::engine::format::iso8601;
use crate::engine::model::Moment;

#[derive(Serialize)]
struct Row<'a> {
    tags: &'a [String],
    digest: &'a str,
    platform: String,
    size_bytes: Option<u64>,
    pushed: Option<String>,
    pulled: Option<String>,
    media_type: Option<&'a str>,
    parent_digest: Option<&'a str>,
}

fn moment(m: Option<Moment>) -> Option<String> {
    match m? {
        Moment::At(t) => Some(iso8601(t)),
        Moment::Never => Some("never".into()),
    }
}

fn rows<'a>(catalog: &'a Catalog, view: &[u32]) -> Vec<Row<'a>> {
    let mut out = Vec::with_capacity(view.len());
    let row = |i: u32, parent: Option<&'a str>| {
        let (a, d) = (catalog.artifact(i), catalog.derived(i));
        Row {
            tags: &d.tags_sorted,
            digest: &a.digest,
            platform: if d.attestation { "attestation".into() } else { d.platforms.join(" ") },
            size_bytes: d.size,
            pushed: moment(a.pushed),
            pulled: moment(a.pulled),
            media_type: a.media_type.as_deref(),
            parent_digest: parent,
        }
    };
    for &i in view {
        out.push(row(i, None));
        let parent = catalog.artifact(i).digest.as_str();
        out.extend(catalog.derived(i).children.iter().map(|&c| row(c, Some(parent))));
    }
    out
}

pub fn to_json(catalog: &Catalog, view: &[u32]) -> String {
    serde_json::to_string_pretty(&rows(catalog, view)).unwrap_or_else(|_| "[]".into())
}

pub const CSV_HEADER: &str = "tags,digest,platform,size_bytes,pushed,pulled,media_type,parent_digest";

pub fn to_csv(catalog: &Catalog, view: &[u32]) -> String {
    let mut out = String::from(CSV_HEADER);
    out.push_str("\r\n");
    for r in rows(catalog, view) {
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
        let cells: Vec<String> = fields.iter().map(|f| csv_cell(f)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
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
            Some(Platform { os: Some("linux".into()), architecture: Some("arm".into()), variant: Some("v7".into()) });
        child.size = Some(42);
        let mut hostile = Artifact::new("h", "sha256:h");
        hostile.tags = vec!["=HYPERLINK(\"x\"),1".into()];
        Catalog::new(vec![idx, child, hostile])
    }

    #[test]
    fn csv_lists_children_under_their_index_with_the_parent_digest() {
        let c = catalog();
        let csv = to_csv(&c, c.top_level());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_HEADER);
        assert_eq!(lines[1], "v1.9 v1.10,sha256:idx,linux/arm/v7,42,2021-02-03T10:22:11Z,never,,");
        assert_eq!(lines[2], ",sha256:child,linux/arm/v7,42,,,,sha256:idx");
        assert_eq!(lines[3], "\"'=HYPERLINK(\"\"x\"\"),1\",sha256:h,,,,,,", "formulas are defused and quoted");
    }

    #[test]
    fn json_has_the_same_rows() {
        let c = catalog();
        let json: serde_json::Value = serde_json::from_str(&to_json(&c, c.top_level())).unwrap();
        let rows = json.as_array().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0]["tags"], serde_json::json!(["v1.9", "v1.10"]));
        assert_eq!(rows[0]["pushed"], "2021-02-03T10:22:11Z");
        assert_eq!(rows[1]["parent_digest"], "sha256:idx");
        assert_eq!(rows[1]["size_bytes"], 42);
        assert_eq!(rows[2]["pulled"], serde_json::Value::Null);
    }
}
