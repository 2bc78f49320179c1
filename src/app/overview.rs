//! The overview above the grid, laid out and put in words: a bar per architecture
//! (artifacts and bytes), a histogram of pushes over time, and the same figures as text.

use crate::engine::format;
use crate::engine::stats::{Bucket, PlatformBar};

// Geometry in whole SVG units: integers print without the float formatting machinery
// (5 KB of wasm), and a drawing scaled to its box needs no finer grid.
/// The drawings' width, in SVG units.
pub const WIDTH: u32 = 320;
pub const BAR_HEIGHT: u32 = 18;
/// Room for the architecture's name, left of its bar.
pub const LABEL_WIDTH: u32 = 80;
/// Room for the figures, right of the longest bar.
const FIGURES_WIDTH: u32 = 130;
/// Spans of the push histogram.
pub const BUCKETS: usize = 24;
/// Width of one span's column, gap included.
const SPAN_WIDTH: u32 = 13;
/// The histogram drawing's width: its spans side by side.
pub const HISTOGRAM_WIDTH: u32 = SPAN_WIDTH * BUCKETS as u32;
/// The histogram drawing's height, and its columns' tallest.
pub const HISTOGRAM_HEIGHT: u32 = 64;
const COLUMN_MAX: u32 = 60;

/// One architecture's bar, placed.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub arch: String,
    /// Top of the bar.
    pub y: u32,
    /// Baseline of its texts.
    pub text_y: u32,
    /// Proportional to its artifacts, at least 1 so that every bar shows.
    pub width: u32,
    /// Where its figures start, right of the bar.
    pub figures_x: u32,
    /// "12 artifacts · 3.4 GB".
    pub figures: String,
}

/// The bars, in the order given, and the height of their drawing.
pub fn platform_bars(bars: &[PlatformBar]) -> (Vec<Bar>, u32) {
    let max = bars.iter().map(|b| b.artifacts).max().unwrap_or(1).max(1) as u64;
    let placed = bars
        .iter()
        .enumerate()
        .map(|(k, bar)| {
            let y = (k as u32).saturating_mul(BAR_HEIGHT).saturating_add(2);
            let width = proportion(WIDTH - LABEL_WIDTH - FIGURES_WIDTH, bar.artifacts as u64, max).max(1);
            Bar {
                arch: bar.arch.clone(),
                y,
                text_y: y.saturating_add(13),
                width,
                figures_x: LABEL_WIDTH + width + 4,
                figures: format!("{} artifacts · {}", format::count(bar.artifacts), format::size(bar.bytes)),
            }
        })
        .collect();
    (placed, (bars.len() as u32).saturating_mul(BAR_HEIGHT).saturating_add(4))
}

/// `full × part / whole`, rounded to the nearest unit (`part ≤ whole`).
fn proportion(full: u32, part: u64, whole: u64) -> u32 {
    ((u128::from(full) * u128::from(part) + u128::from(whole) / 2) / u128::from(whole.max(1))) as u32
}

/// One span of the push histogram, placed: a column standing on the baseline.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// The histogram's columns, the tallest for the most pushes.
pub fn push_columns(buckets: &[Bucket]) -> Vec<Column> {
    let max = buckets.iter().map(|b| b.pushes).max().unwrap_or(1).max(1) as u64;
    buckets
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let height = proportion(COLUMN_MAX, b.pushes as u64, max);
            Column {
                x: (k as u32).saturating_mul(SPAN_WIDTH),
                y: COLUMN_MAX + 2 - height,
                width: SPAN_WIDTH - 1,
                height,
            }
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
        assert_eq!(height, 3 * BAR_HEIGHT + 4);
        let widths: Vec<u32> = bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, [110, 55, 1], "the most artifacts get the full width; none still shows");
        assert_eq!((bars[1].y, bars[1].text_y), (BAR_HEIGHT + 2, BAR_HEIGHT + 15));
        assert_eq!(bars[0].figures_x, LABEL_WIDTH + 114);
        assert_eq!(bars[0].figures, format!("100 artifacts · {}", format::size(2_000_000_000)));
        assert_eq!(platform_bars(&[]), (Vec::new(), 4));
        let (bars, _) = platform_bars(&[bar("amd64", 3, 0), bar("arm64", 2, 0), bar("ppc64le", 1, 0)]);
        let widths: Vec<u32> = bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, [110, 73, 37], "widths are rounded to the nearest unit");
    }

    #[test]
    fn columns_stand_on_the_baseline_tallest_for_the_most_pushes() {
        let buckets = [Bucket { start: 0, end: 10, pushes: 4 }, Bucket { start: 10, end: 20, pushes: 1 }];
        let columns = push_columns(&buckets);
        assert_eq!(columns[0], Column { x: 0, y: 2, width: 12, height: 60 });
        assert_eq!(columns[1], Column { x: 13, y: 47, width: 12, height: 15 });
        let empty = push_columns(&[Bucket { start: 0, end: 1, pushes: 0 }]);
        assert_eq!(empty[0].height, 0, "no pushes, no column (and no division by zero)");
        let all = push_columns(&vec![Bucket { start: 0, end: 1, pushes: 1 }; BUCKETS]);
        assert_eq!(all[BUCKETS - 1].x + all[BUCKETS - 1].width + 1, HISTOGRAM_WIDTH, "the spans fill the drawing");
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
