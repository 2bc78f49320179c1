//! Figures for the picture above the grid: artifacts and bytes per architecture, and
//! pushes over time, for the rows of the filtered view.

use crate::catalog::Catalog;
use crate::model::Moment;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlatformBar {
    pub arch: String,
    pub artifacts: usize,
    pub bytes: u64,
}

/// One bar per architecture value, most artifacts first.
pub fn by_architecture(catalog: &Catalog, rows: &[u32]) -> Vec<PlatformBar> {
    let mut bars = vec![(0usize, 0u64); catalog.arch_names.len()];
    for &i in rows {
        let d = catalog.derived(i);
        for &id in &d.arch {
            let e = &mut bars[id as usize];
            e.0 += 1;
            e.1 += d.size.unwrap_or(0);
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

/// Pushes over time in `buckets` equal spans from the oldest to the newest push.
pub fn push_histogram(catalog: &Catalog, rows: &[u32], buckets: usize) -> Vec<Bucket> {
    let times: Vec<i64> = rows
        .iter()
        .filter_map(|&i| match catalog.artifact(i).pushed {
            Some(Moment::At(t)) => Some(t),
            _ => None,
        })
        .collect();
    let (Some(&min), Some(&max)) = (times.iter().min(), times.iter().max()) else { return Vec::new() };
    let buckets = buckets.max(1);
    let span = ((max - min) / buckets as i64 + 1).max(1);
    let mut out: Vec<Bucket> =
        (0..buckets as i64).map(|k| Bucket { start: min + k * span, end: min + (k + 1) * span, pushes: 0 }).collect();
    for t in times {
        let k = (((t - min) / span) as usize).min(buckets - 1);
        out[k].pushes += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Artifact, Platform};

    fn img(id: &str, arch: &str, size: u64, pushed: i64) -> Artifact {
        let mut a = Artifact::new(id, id);
        a.platform = Some(Platform { os: Some("linux".into()), architecture: Some(arch.into()), variant: None });
        a.size = Some(size);
        a.pushed = Some(Moment::At(pushed));
        a
    }

    #[test]
    fn bars_count_rows_and_bytes_per_architecture() {
        let c = Catalog::new(vec![img("a", "amd64", 10, 0), img("b", "amd64", 5, 50), img("c", "arm64", 7, 99)]);
        let bars = by_architecture(&c, c.top_level());
        assert_eq!(bars[0], PlatformBar { arch: "amd64".into(), artifacts: 2, bytes: 15 });
        assert_eq!(bars[1], PlatformBar { arch: "arm64".into(), artifacts: 1, bytes: 7 });
        let only_arm = by_architecture(&c, &[2]);
        assert_eq!(only_arm.len(), 1, "over the given rows only");
    }

    #[test]
    fn histogram_spans_oldest_to_newest() {
        let c = Catalog::new(vec![img("a", "amd64", 1, 0), img("b", "amd64", 1, 50), img("c", "arm64", 1, 99)]);
        let h = push_histogram(&c, c.top_level(), 4);
        assert_eq!(h.len(), 4);
        assert_eq!(h.iter().map(|b| b.pushes).sum::<usize>(), 3);
        assert_eq!(h[0].pushes, 1);
        assert_eq!(h[3].pushes, 1);
        assert!(push_histogram(&c, &[], 4).is_empty());
    }
}
