//! Figures for the picture above the grid: artifacts and bytes per architecture, and
//! pushes over time, for the rows of the filtered view.

use crate::engine::catalog::Catalog;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformBar {
    pub arch: String,
    pub artifacts: usize,
    pub bytes: u64,
}

/// One bar per architecture value, most artifacts first. The rows' order does not matter.
pub fn by_architecture(catalog: &Catalog, rows: impl IntoIterator<Item = u32>) -> Vec<PlatformBar> {
    let mut bars = vec![(0usize, 0u64); catalog.arch_names.len()];
    let columns = catalog.columns();
    for i in rows {
        let size = columns.size.get(i as usize).copied().unwrap_or(0);
        for &id in columns.arch(i) {
            if let Some(e) = bars.get_mut(id as usize) {
                e.0 += 1;
                e.1 = e.1.saturating_add(size);
            }
        }
    }
    let mut out: Vec<PlatformBar> = bars
        .into_iter()
        .enumerate()
        .filter(|(_, (n, _))| *n > 0)
        .map(|(id, (artifacts, bytes))| PlatformBar {
            arch: catalog.arch_names.name(id as u16).to_string(),
            artifacts,
            bytes,
        })
        .collect();
    out.sort_by(|a, b| b.artifacts.cmp(&a.artifacts).then_with(|| a.arch.cmp(&b.arch)));
    out
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// Unix seconds: [start, end).
    pub start: i64,
    pub end: i64,
    pub pushes: usize,
}

/// Pushes over time in `buckets` equal spans from the oldest to the newest push. Distances
/// are `u64` and bucket bounds saturate, so any `i64` times (a hostile `1e300` becomes
/// `i64::MAX`) give contiguous buckets that hold every push. The rows' order does not matter.
pub fn push_histogram(catalog: &Catalog, rows: impl IntoIterator<Item = u32> + Clone, buckets: usize) -> Vec<Bucket> {
    // Two passes over the rows' push times (the first for the range), nothing collected.
    let columns = catalog.columns();
    let (mut min, mut max) = (i64::MAX, i64::MIN);
    let mut any = false;
    for i in rows.clone() {
        if let Some(t) = columns.pushed_at(i) {
            (min, max, any) = (min.min(t), max.max(t), true);
        }
    }
    if !any {
        return Vec::new();
    }
    let buckets = buckets.max(1);
    let n = u64::try_from(buckets).unwrap_or(u64::MAX);
    let span = (max.abs_diff(min) / n).saturating_add(1);
    let bound = |k: u64| min.saturating_add_unsigned(k.saturating_mul(span));
    let mut out: Vec<Bucket> = (0..n).map(|k| Bucket { start: bound(k), end: bound(k + 1), pushes: 0 }).collect();
    for t in rows.into_iter().filter_map(|i| columns.pushed_at(i)) {
        let k = usize::try_from(t.abs_diff(min) / span).unwrap_or(usize::MAX).min(buckets - 1);
        out[k].pushes += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Artifact, Moment, Platform};

    fn img(id: &str, arch: &str, size: u64, pushed: i64) -> Artifact {
        let mut a = Artifact::new(id, id);
        a.platform = Some(Platform { os: Some("linux".into()), architecture: Some(arch.into()), variant: None }.into());
        a.size = Some(size);
        a.pushed = Some(Moment::At(pushed));
        a
    }

    #[test]
    fn bars_count_rows_and_bytes_per_architecture() {
        let c = Catalog::new(vec![img("a", "amd64", 10, 0), img("b", "amd64", 5, 50), img("c", "arm64", 7, 99)]);
        let bars = by_architecture(&c, c.top_level().iter().copied());
        assert_eq!(bars[0], PlatformBar { arch: "amd64".into(), artifacts: 2, bytes: 15 });
        assert_eq!(bars[1], PlatformBar { arch: "arm64".into(), artifacts: 1, bytes: 7 });
        let only_arm = by_architecture(&c, [2]);
        assert_eq!(only_arm.len(), 1, "over the given rows only");
    }

    /// The figures are counts: the rows' order (sorted, or a set's index order) never
    /// changes them, so a sort need not recount.
    #[test]
    fn figures_do_not_depend_on_the_rows_order() {
        let c = Catalog::new(crate::providers::demo::generate(crate::providers::demo::Dataset::Medium, 1_790_000_000));
        let mut rows = c.top_level().to_vec();
        let (bars, pushes) = (by_architecture(&c, rows.iter().copied()), push_histogram(&c, rows.iter().copied(), 24));
        rows.reverse();
        let third = rows.len() / 3;
        rows.rotate_left(third);
        assert_eq!(by_architecture(&c, rows.iter().copied()), bars);
        assert_eq!(push_histogram(&c, rows.iter().copied(), 24), pushes);
        assert!(!bars.is_empty() && !pushes.is_empty());
    }

    #[test]
    fn bytes_above_4_gib_add_up_and_saturate() {
        let c = Catalog::new(vec![img("a", "amd64", 5 << 30, 0), img("b", "amd64", 5 << 30, 1)]);
        assert_eq!(by_architecture(&c, c.top_level().iter().copied())[0].bytes, 10 << 30);
        let c =
            Catalog::new(vec![img("a", "amd64", u64::MAX, 0), img("b", "amd64", 1 << 63, 1), img("c", "amd64", 5, 2)]);
        assert_eq!(
            by_architecture(&c, c.top_level().iter().copied())[0],
            PlatformBar { arch: "amd64".into(), artifacts: 3, bytes: u64::MAX }
        );
    }

    #[test]
    fn histogram_of_extreme_times_saturates() {
        let c =
            Catalog::new(vec![img("a", "amd64", 1, i64::MIN), img("b", "amd64", 1, 0), img("c", "amd64", 1, i64::MAX)]);
        for buckets in [0, 1, 2, 3, 4, 60, 1000] {
            let h = push_histogram(&c, c.top_level().iter().copied(), buckets);
            assert_eq!(h.len(), buckets.max(1));
            assert_eq!(h.iter().map(|b| b.pushes).sum::<usize>(), 3, "{buckets}");
            assert_eq!(h[0].start, i64::MIN);
            assert!(h.iter().all(|b| b.start <= b.end), "{buckets}: {h:?}");
            assert!(h.windows(2).all(|w| w[0].end == w[1].start), "{buckets}: contiguous");
            assert_eq!(h[h.len() - 1].end, i64::MAX, "{buckets}: the last bucket ends at the newest, saturated");
            assert!(h[0].pushes >= 1 && h[h.len() - 1].pushes >= 1);
        }
        let one = Catalog::new(vec![img("a", "amd64", 1, i64::MAX)]);
        let h = push_histogram(&one, one.top_level().iter().copied(), 4);
        assert_eq!(h.iter().map(|b| b.pushes).sum::<usize>(), 1);
        assert_eq!(h[0], Bucket { start: i64::MAX, end: i64::MAX, pushes: 1 });
    }

    #[test]
    fn histogram_spans_oldest_to_newest() {
        let c = Catalog::new(vec![img("a", "amd64", 1, 0), img("b", "amd64", 1, 50), img("c", "arm64", 1, 99)]);
        let h = push_histogram(&c, c.top_level().iter().copied(), 4);
        assert_eq!(h.len(), 4);
        assert_eq!(h.iter().map(|b| b.pushes).sum::<usize>(), 3);
        assert_eq!(h[0].pushes, 1);
        assert_eq!(h[3].pushes, 1);
        assert!(push_histogram(&c, [], 4).is_empty());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Any sizes and push times: bytes are the saturating sum, every push lands in
            /// exactly one of contiguous buckets, and nothing overflows.
            #[test]
            fn figures_hold_for_any_sizes_and_times(
                items in prop::collection::vec((any::<u64>(), any::<i64>()), 1..30),
                buckets in 0usize..100,
            ) {
                let c = Catalog::new(
                    items.iter().enumerate().map(|(n, &(size, t))| img(&format!("a{n}"), "amd64", size, t)).collect(),
                );
                let bars = by_architecture(&c, c.top_level().iter().copied());
                let total = items.iter().fold(0u64, |t, &(s, _)| t.saturating_add(s));
                prop_assert_eq!(bars[0].bytes, total);
                let h = push_histogram(&c, c.top_level().iter().copied(), buckets);
                prop_assert_eq!(h.len(), buckets.max(1));
                prop_assert_eq!(h.iter().map(|b| b.pushes).sum::<usize>(), items.len());
                prop_assert!(h.windows(2).all(|w| w[0].end == w[1].start && w[0].start <= w[0].end));
                for &(_, t) in &items {
                    let holding = h.iter().filter(|b| b.start <= t && (t < b.end || b.end == i64::MAX)).count();
                    prop_assert!(holding >= 1, "{} in {:?}", t, h);
                }
            }
        }
    }
}
