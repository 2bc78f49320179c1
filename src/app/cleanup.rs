//! The cleanup plan as a person reads it: the summary sentence, the space it frees, whether
//! the listing is complete enough to hand out a delete list, and the moment decisions count
//! from. The decisions themselves are `engine::plan`'s.

use crate::app::rows::{element, write_table_head};
use crate::engine::format::{count, size, utc};
use crate::engine::plan::Summary;

/// `Plan: delete 12 of 2,000 artifacts (1.2 GiB), keep 1,900, 88 unknown`
pub fn summary_sentence(s: &Summary) -> String {
    format!(
        "Plan: delete {} of {} artifact{} ({}), keep {}, {} unknown",
        count(s.delete),
        count(s.total),
        if s.total == 1 { "" } else { "s" },
        size(s.freed_bytes),
        count(s.keep),
        count(s.unknown)
    )
}

/// What the deletions free, honestly: reported sizes only, and shared layers stay.
pub fn freed_sentence(s: &Summary) -> String {
    let mut out = format!("Frees up to {} of reported manifest sizes", size(s.freed_bytes));
    if s.unknown_sizes > 0 {
        out.push_str(&format!(
            ", plus {} deleted artifact{} of unknown size",
            count(s.unknown_sizes),
            if s.unknown_sizes == 1 { "" } else { "s" }
        ));
    }
    out.push_str(". Layers shared with kept images are not freed.");
    out
}

/// What the app knows about the listing the plan was made from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ListingFacts {
    pub loading: bool,
    pub failed: bool,
    /// The server announced more than it sent.
    pub ended_early: bool,
    /// Records skipped as unreadable.
    pub malformed: usize,
}

/// `Err(why)` when decisions may still change: a missing index makes its children look like
/// untagged strays, so an incomplete listing gives no delete list.
pub fn completeness(facts: ListingFacts) -> Result<(), String> {
    let why = if facts.loading {
        "the listing is still loading"
    } else if facts.failed {
        "the listing failed before it was complete"
    } else if facts.ended_early {
        "the listing ended before the server's announced total"
    } else if facts.malformed > 0 {
        "some records could not be read"
    } else {
        return Ok(());
    };
    Err(format!("Incomplete — decisions may change: {why}."))
}

/// `Decisions as of 2026-09-21 12:00:00 UTC (pinned by the link)`.
pub fn as_of_sentence(now: i64, pinned: bool) -> String {
    let source = if pinned { "pinned by the link" } else { "when the listing completed" };
    format!("Decisions as of {} ({source}).", utc(now))
}

/// The plan's summary as markup, every text escaped (`ui::plan` puts it in its live region):
/// the sentence, what it frees, the moment decisions count from, why they may still change
/// (`incomplete`), and what each rule keeps.
pub fn write_summary(s: &Summary, now: i64, pinned: bool, incomplete: Option<&str>) -> String {
    let mut out = String::with_capacity(640);
    element(&mut out, "<p class=\"plan-summary\"><strong>", &summary_sentence(s), "</strong></p>");
    element(&mut out, "<p class=\"help\">", &freed_sentence(s), "</p>");
    element(&mut out, "<p class=\"help\">", &as_of_sentence(now, pinned), "</p>");
    if let Some(why) = incomplete {
        element(&mut out, "<p class=\"notice warning\">", why, "</p>");
    }
    write_table_head(&mut out, "plan-rules", "What each rule keeps", &["Rule", "Keeps", "Only this rule"]);
    for rule in &s.rules {
        element(&mut out, "<tr><th scope=\"row\"><code>", &rule.label, "</code></th><td>");
        out.push_str(&count(rule.keeps));
        out.push_str("</td><td>");
        out.push_str(&count(rule.only));
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The delete-list button says how many lines it copies.
pub fn delete_list_label(lines: usize) -> String {
    format!("Copy delete list ({})", count(lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::plan::RuleStat;

    fn summary() -> Summary {
        Summary {
            total: 2000,
            delete: 12,
            keep: 1900,
            unknown: 88,
            freed_bytes: 3 * 1024 * 1024 * 1024 / 2,
            unknown_sizes: 0,
            rules: vec![],
        }
    }

    #[test]
    fn the_summary_reads_as_a_sentence() {
        assert_eq!(
            summary_sentence(&summary()),
            "Plan: delete 12 of 2,000 artifacts (1.5 GiB), keep 1,900, 88 unknown"
        );
        assert_eq!(
            freed_sentence(&summary()),
            "Frees up to 1.5 GiB of reported manifest sizes. Layers shared with kept images are not freed."
        );
        let with_unknown = Summary { unknown_sizes: 1, ..summary() };
        assert!(freed_sentence(&with_unknown).contains(", plus 1 deleted artifact of unknown size."));
    }

    #[test]
    fn the_summary_markup_escapes_what_the_rules_say() {
        let s = Summary {
            rules: vec![RuleStat { label: "keep_tag=<img src=x onerror=alert(1)>&\"'".into(), keeps: 12_345, only: 7 }],
            ..summary()
        };
        let html = write_summary(&s, 0, true, Some("Incomplete — decisions may change: <b>."));
        assert!(html.starts_with("<p class=\"plan-summary\"><strong>Plan: delete 12 of 2,000 artifacts"), "{html}");
        assert!(html.contains("<p class=\"help\">Decisions as of 1970-01-01 00:00:00 UTC (pinned by the link).</p>"), "{html}");
        assert!(html.contains("<p class=\"notice warning\">Incomplete — decisions may change: &lt;b&gt;.</p>"), "{html}");
        assert!(
            html.contains("<tr><th scope=\"row\"><code>keep_tag=&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;</code></th><td>12,345</td><td>7</td></tr>"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!write_summary(&summary(), 0, false, None).contains("warning"));
    }

    #[test]
    fn only_a_complete_listing_gives_a_delete_list() {
        assert_eq!(completeness(ListingFacts::default()), Ok(()));
        for facts in [
            ListingFacts { loading: true, ..ListingFacts::default() },
            ListingFacts { failed: true, ..ListingFacts::default() },
            ListingFacts { ended_early: true, ..ListingFacts::default() },
            ListingFacts { malformed: 1, ..ListingFacts::default() },
        ] {
            let why = completeness(facts).unwrap_err();
            assert!(why.starts_with("Incomplete — decisions may change: "), "{why}");
        }
    }

    #[test]
    fn as_of_says_where_the_moment_comes_from() {
        assert_eq!(
            as_of_sentence(1_790_000_000, true),
            "Decisions as of 2026-09-21 14:13:20 UTC (pinned by the link)."
        );
        assert!(as_of_sentence(0, false).ends_with("(when the listing completed)."));
        assert_eq!(delete_list_label(1234), "Copy delete list (1,234)");
    }
}
