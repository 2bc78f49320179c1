//! The overview above the grid, laid out and put in words: a bar per architecture
//! (artifacts and bytes), a histogram of pushes over time, and the same figures as text.

use crate::engine::format;
use crate::engine::stats::{Bucket, PlatformBar};

/// The drawings' width, in SVG units.
pub const WIDTH: f64 = 320.0;
pub const BAR_HEIGHT: f64 = 18.0;
/// Room for the architecture's name, left of its bar.
pub const LABEL_WIDTH: f64 = 80.0;
/// Room for the figures, right of the longest bar.
const FIGURES_WIDTH: f64 = 130.0;
/// Spans of the push histogram.
pub const BUCKETS: usize = 24;
/// The histogram drawing's height, and its columns' tallest.
pub const HISTOGRAM_HEIGHT: f64 = 64.0;
const COLUMN_MAX: f64 = 60.0;

/// One architecture's bar, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub arch: String,
    /// Top of the bar.
    pub y: f64,
    /// Baseline of its texts.
    pub text_y: f64,
    /// Proportional to its artifacts, at least 1 so that every bar shows.
    pub width: f64,
    /// Where its figures start, right of the bar.
    pub figures_x: f64,
    /// "12 artifacts · 3.4 GB".
    pub figures: String,
}

/// The bars, in the order given, and the height of their drawing.
pub fn platform_bars(bars: &[PlatformBar]) -> (Vec<Bar>, f64) {
    let max = bars.iter().map(|b| b.artifacts).max().unwrap_or(1).max(1) as f64;
    let placed = bars
        .iter()
        .enumerate()
        .map(|(k, bar)| {
            let y = k as f64 * BAR_HEIGHT + 2.0;
            let width = ((WIDTH - LABEL_WIDTH - FIGURES_WIDTH) * bar.artifacts as f64 / max).max(1.0);
            Bar {
                arch: bar.arch.clone(),
                y,
                text_y: y + 13.0,
                width,
                figures_x: LABEL_WIDTH + width + 4.0,
                figures: format!("{} artifacts · {}", format::count(bar.artifacts), format::size(bar.bytes)),
            }
        })
        .collect();
    (placed, BAR_HEIGHT * bars.len() as f64 + 4.0)
}

/// One span of the push histogram, placed: a column standing on the baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// The histogram's columns, the tallest for the most pushes.
pub fn push_columns(buckets: &[Bucket]) -> Vec<Column> {
    let max = buckets.iter().map(|b| b.pushes).max().unwrap_or(1).max(1) as f64;
    let w = WIDTH / BUCKETS as f64;
    buckets
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let height = COLUMN_MAX * b.pushes as f64 / max;
            Column { x: k as f64 * w + 0.5, y: COLUMN_MAX + 2.0 - height, width: w - 1.0, height }
        })
        .collect()
}

/// The histogram's title: "Pushes over time, 2025-01-01 to 2026-03-31".
pub fn push_summary(buckets: &[Bucket]) -> String {
    match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) => format!("Pushes over time, {} to {}", day(first.start), day(last.end)),
        _ => "No push times reported".to_string(),
    }
}

/// The figures as text, one line each: every architecture, then every span with pushes.
pub fn as_text(bars: &[PlatformBar], buckets: &[Bucket]) -> Vec<String> {
    let bars =
        bars.iter().map(|b| format!("{}: {} artifacts, {}", b.arch, format::count(b.artifacts), format::size(b.bytes)));
    let spans = buckets
        .iter()
        .filter(|b| b.pushes > 0)
        .map(|b| format!("{} to {}: {} pushed", day(b.start), day(b.end), b.pushes));
    bars.chain(spans).collect()
}

/// `YYYY-MM-DD` (UTC).
fn day(unix: i64) -> String {
    format::iso8601(unix)[..10].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(arch: &str, artifacts: usize, bytes: u64) -> PlatformBar {
        PlatformBar { arch: arch.into(), artifacts, bytes }
    }

    #[test]
    fn bars_are_proportional_stacked_and_never_vanish() {
        let (bars, height) =
            platform_bars(&[bar("amd64", 100, 2_000_000_000), bar("arm64", 50, 0), bar("s390x", 0, 0)]);
        assert_eq!(height, 3.0 * BAR_HEIGHT + 4.0);
        let widths: Vec<f64> = bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, [110.0, 55.0, 1.0], "the most artifacts get the full width; none still shows");
        assert_eq!((bars[1].y, bars[1].text_y), (BAR_HEIGHT + 2.0, BAR_HEIGHT + 15.0));
        assert_eq!(bars[0].figures_x, LABEL_WIDTH + 114.0);
        assert_eq!(bars[0].figures, format!("100 artifacts · {}", format::size(2_000_000_000)));
        assert_eq!(platform_bars(&[]), (Vec::new(), 4.0));
    }

    #[test]
    fn columns_stand_on_the_baseline_tallest_for_the_most_pushes() {
        let buckets = [Bucket { start: 0, end: 10, pushes: 4 }, Bucket { start: 10, end: 20, pushes: 1 }];
        let columns = push_columns(&buckets);
        let w = WIDTH / BUCKETS as f64;
        assert_eq!(columns[0], Column { x: 0.5, y: 2.0, width: w - 1.0, height: 60.0 });
        assert_eq!(columns[1], Column { x: w + 0.5, y: 47.0, width: w - 1.0, height: 15.0 });
        let empty = push_columns(&[Bucket { start: 0, end: 1, pushes: 0 }]);
        assert_eq!(empty[0].height, 0.0, "no pushes, no column (and no division by zero)");
    }

    #[test]
    fn the_figures_are_said_in_words_too() {
        let day = 86_400;
        let buckets = [
            Bucket { start: 0, end: day, pushes: 2 },
            Bucket { start: day, end: 2 * day, pushes: 0 },
            Bucket { start: 2 * day, end: 3 * day, pushes: 1 },
        ];
        assert_eq!(push_summary(&buckets), "Pushes over time, 1970-01-01 to 1970-01-04");
        assert_eq!(push_summary(&[]), "No push times reported");
        assert_eq!(
            as_text(&[bar("amd64", 1_200, 0)], &buckets),
            [
                format!("amd64: 1,200 artifacts, {}", format::size(0)),
                "1970-01-01 to 1970-01-02: 2 pushed".to_string(),
                "1970-01-03 to 1970-01-04: 1 pushed".to_string(),
            ],
            "empty spans are left out"
        );
        let extreme = [Bucket { start: i64::MIN, end: i64::MAX, pushes: 1 }];
        assert!(push_summary(&extreme).starts_with("Pushes over time, "), "any time has a day");
        assert_eq!(as_text(&[], &extreme).len(), 1);
    }
}
