//! The embedded demo repository: deterministic, generated in the app, served page by page
//! through the same [`Provider`] interface as the cloud APIs.

use std::rc::Rc;
use std::sync::Arc;

use futures::future::{ready, LocalBoxFuture};
use futures::FutureExt;

use crate::engine::model::{Annotation, Artifact, Moment, Platform, ATTESTATION_ANNOTATION};
use crate::engine::named_enum;
use crate::providers::{Page, Provider, ProviderError};

pub const PAGE_SIZE: usize = 200;

const INDEX_MEDIA_TYPES: [&str; 2] =
    ["application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json"];
const IMAGE_MEDIA_TYPES: [&str; 2] =
    ["application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json"];
const PLATFORMS: [(&str, &str, Option<&str>); 6] = [
    ("linux", "amd64", None),
    ("linux", "arm64", Some("v8")),
    ("linux", "arm", Some("v7")),
    ("linux", "ppc64le", None),
    ("linux", "s390x", None),
    ("windows", "amd64", None),
];
const DAY: i64 = 86_400;

named_enum!(
    /// The embedded demo data sets.
    Dataset { Small = "small", Medium = "medium", Large = "large" }
);

impl Dataset {
    /// Approximate number of artifacts (children included).
    pub fn target_size(self) -> usize {
        match self {
            Dataset::Small => 40,
            Dataset::Medium => 2_000,
            Dataset::Large => 50_000,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Dataset::Small => "Small (about 40 artifacts)",
            Dataset::Medium => "Medium (about 2,000, multi-arch)",
            Dataset::Large => "Large (about 50,000)",
        }
    }

    fn seed(self) -> u64 {
        match self {
            Dataset::Small => 0x5EED_0001,
            Dataset::Medium => 0x5EED_0002,
            Dataset::Large => 0x5EED_0003,
        }
    }
}

/// SplitMix64: tiny, fast and good enough for made-up data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn digest(&mut self) -> String {
        let mut s = String::with_capacity(71);
        s.push_str("sha256:");
        for _ in 0..4 {
            s.push_str(&format!("{:016x}", self.next()));
        }
        s
    }
}

/// Generates a data set. Times are relative to `now` (Unix seconds, truncated to the day so
/// a shared demo link shows the same rows all day).
pub fn generate(dataset: Dataset, now: i64) -> Vec<Artifact> {
    let today = now - now.rem_euclid(DAY);
    let mut rng = Rng(dataset.seed());
    let target = dataset.target_size();
    let multi_arch = dataset != Dataset::Small;
    let mut out: Vec<Artifact> = Vec::with_capacity(target + 8);
    let mut release = (1u32, 0u32, 0u32);
    let mut n = 0usize;
    while out.len() < target {
        n += 1;
        let age_days = (target - out.len().min(target)) as i64 * 730 / target as i64;
        let pushed = today - age_days * DAY - rng.below(DAY as u64) as i64;
        let tags = next_tags(&mut rng, &mut release, n, pushed);
        let id = format!("demo-{n:06}");
        let pulled = if rng.chance(20) {
            Some(Moment::Never)
        } else if rng.chance(3) {
            None
        } else {
            Some(Moment::At(pushed + rng.below((today - pushed).max(1) as u64) as i64))
        };
        if multi_arch && rng.chance(45) {
            let mut index = Artifact::new(&id, &rng.digest());
            index.media_type = Some(INDEX_MEDIA_TYPES[rng.below(2) as usize].into());
            index.size = Some(300 + rng.below(1500));
            index.tags = tags;
            index.pushed = Some(Moment::At(pushed));
            index.pulled = pulled;
            let platforms = 2 + rng.below(4) as usize;
            let attest = rng.chance(40);
            let mut children = Vec::new();
            for (k, &(os, arch, variant)) in PLATFORMS.iter().take(platforms).enumerate() {
                let mut child = image(&mut rng, format!("{id}-{k}"), pushed, pulled);
                child.platform = Some(platform(os, arch, variant));
                index.children.push(child.id.clone());
                if attest {
                    let mut att = Artifact::new(&format!("{id}-{k}-att"), &rng.digest());
                    att.media_type = Some(IMAGE_MEDIA_TYPES[0].into());
                    att.size = Some(1_000 + rng.below(30_000));
                    att.platform = Some(platform("unknown", "unknown", None));
                    att.pushed = Some(Moment::At(pushed));
                    att.pulled = Some(Moment::Never);
                    att.annotations.push(Annotation {
                        key: ATTESTATION_ANNOTATION.0.into(),
                        value: ATTESTATION_ANNOTATION.1.into(),
                    });
                    att.annotations
                        .push(Annotation { key: "vnd.docker.reference.digest".into(), value: child.digest.to_string().into() });
                    index.children.push(att.id.clone());
                    children.push(att);
                }
                children.insert(children.len() - usize::from(attest), child);
            }
            out.push(index);
            out.extend(children);
        } else {
            let mut single = image(&mut rng, id, pushed, pulled);
            let (os, arch, variant) = PLATFORMS[if rng.chance(70) { 0 } else { rng.below(6) as usize }];
            single.platform = if rng.chance(4) { None } else { Some(platform(os, arch, variant)) };
            single.tags = tags;
            out.push(single);
        }
    }
    out
}

fn platform(os: &str, arch: &str, variant: Option<&str>) -> Arc<Platform> {
    Arc::new(Platform { os: Some(os.into()), architecture: Some(arch.into()), variant: variant.map(Into::into) })
}

fn image(rng: &mut Rng, id: String, pushed: i64, pulled: Option<Moment>) -> Artifact {
    let mut a = Artifact::new(&id, &rng.digest());
    a.media_type = Some(IMAGE_MEDIA_TYPES[rng.below(2) as usize].into());
    // Mostly 5–400 MiB, a few huge, a few unknown.
    a.size = if rng.chance(3) {
        None
    } else if rng.chance(5) {
        Some((1 << 30) + rng.below(3 << 30))
    } else {
        Some((5 << 20) + rng.below(400 << 20))
    };
    a.pushed = Some(Moment::At(pushed));
    a.pulled = pulled;
    if rng.chance(30) {
        a.annotations.push(Annotation {
            key: "org.opencontainers.image.source".into(),
            value: "https://git.example/app".into(),
        });
    }
    a
}

/// Tags in the styles real repositories mix: releases, candidates, commit builds, nightlies,
/// `latest` on the newest release, and untagged leftovers.
fn next_tags(rng: &mut Rng, release: &mut (u32, u32, u32), n: usize, pushed: i64) -> Vec<String> {
    let roll = rng.below(100);
    if roll < 15 {
        return Vec::new();
    }
    if roll < 45 {
        release.2 += 1;
        if rng.chance(15) {
            *release = (release.0, release.1 + 1, 0);
        }
        if rng.chance(3) {
            *release = (release.0 + 1, 0, 0);
        }
        let (ma, mi, pa) = *release;
        let mut tags = vec![format!("v{ma}.{mi}.{pa}")];
        if rng.chance(30) {
            tags.push(format!("v{ma}.{mi}"));
        }
        if n % 97 == 0 {
            tags.push("latest".into());
        }
        return tags;
    }
    if roll < 55 {
        let (ma, mi, pa) = *release;
        return vec![format!("v{ma}.{mi}.{}-rc.{}", pa + 1, 1 + rng.below(4))];
    }
    if roll < 75 {
        return vec![format!("sha-{:07x}", rng.next() & 0xFFF_FFFF)];
    }
    let (y, m, d) = crate::engine::format::civil_from_days(pushed.div_euclid(DAY));
    vec![format!("nightly-{y:04}{m:02}{d:02}")]
}

/// The demo data as a provider: generated once, then served in pages like an API would.
pub struct DemoProvider {
    artifacts: Rc<Vec<Artifact>>,
}

impl DemoProvider {
    pub fn new(dataset: Dataset, now: i64) -> Self {
        let mut artifacts = generate(dataset, now);
        // The newest release carries `latest`, wherever the generator put it.
        if let Some(newest) = artifacts.iter_mut().rev().find(|a| a.tags.iter().any(|t| t.starts_with('v'))) {
            if !newest.tags.iter().any(|t| t == "latest") {
                newest.tags.push("latest".into());
            }
        }
        DemoProvider { artifacts: Rc::new(artifacts) }
    }
}

impl Provider for DemoProvider {
    fn fetch_page(&self, number: usize) -> LocalBoxFuture<'_, Result<Page, ProviderError>> {
        let total = self.artifacts.len();
        let start = number.saturating_sub(1).saturating_mul(PAGE_SIZE).min(total);
        let end = (start + PAGE_SIZE).min(total);
        let artifacts = self.artifacts[start..end].to_vec();
        ready(Ok(Page {
            records: artifacts.len(),
            artifacts,
            malformed: 0,
            per_page: PAGE_SIZE,
            total_pages: Some(total.div_ceil(PAGE_SIZE)),
            total_records: Some(total),
        }))
        .boxed_local()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::catalog::Catalog;

    const NOW: i64 = 1_790_000_000;

    #[test]
    fn generation_is_deterministic() {
        assert_eq!(generate(Dataset::Medium, NOW), generate(Dataset::Medium, NOW));
        assert_eq!(generate(Dataset::Small, NOW), generate(Dataset::Small, NOW + 60), "same day, same data");
        assert_ne!(generate(Dataset::Small, NOW), generate(Dataset::Medium, NOW)[..40].to_vec());
    }

    #[test]
    fn datasets_have_the_promised_shape() {
        for dataset in Dataset::ALL {
            let artifacts = generate(*dataset, NOW);
            let n = artifacts.len();
            let target = dataset.target_size();
            assert!(n >= target && n < target + 20, "{dataset:?}: {n}");
        }
        let medium = Catalog::new(generate(Dataset::Medium, NOW));
        let facets = medium.facets(false);
        for arch in ["amd64", "arm64", "arm/v7", "ppc64le", "s390x", "unknown"] {
            assert!(facets.arch.iter().any(|(v, _)| v == arch), "{arch} missing from {:?}", facets.arch);
        }
        assert!(facets.os.iter().any(|(v, _)| v == "windows"));
        assert!(!facets.arch.iter().any(|(v, _)| v == "unknown/unknown"));
        let all: Vec<&Artifact> = (0..medium.len() as u32).map(|i| medium.artifact(i)).collect();
        assert!(all.iter().any(|a| a.is_index()));
        assert!(all.iter().any(|a| a.is_attestation()));
        assert!(all.iter().any(|a| a.tags.is_empty()));
        assert!(all.iter().any(|a| a.pulled == Some(Moment::Never)));
        assert!(all.iter().any(|a| a.size.is_none()));
        assert!(all.iter().any(|a| a.tags.iter().any(|t| t == "latest")));
        assert!(all.iter().any(|a| a.tags.iter().any(|t| t.starts_with("nightly-"))));
        assert!(medium.top_level().len() < medium.len(), "children are nested");
    }

    #[test]
    fn provider_serves_every_artifact_in_pages() {
        let provider = DemoProvider::new(Dataset::Medium, NOW);
        let first = futures::executor::block_on(provider.fetch_page(1)).unwrap();
        assert_eq!(first.artifacts.len(), PAGE_SIZE);
        let pages = first.total_pages.unwrap();
        let last = futures::executor::block_on(provider.fetch_page(pages)).unwrap();
        assert_eq!((pages - 1) * PAGE_SIZE + last.artifacts.len(), first.total_records.unwrap());
        let beyond = futures::executor::block_on(provider.fetch_page(pages + 1)).unwrap();
        assert!(beyond.artifacts.is_empty());
    }
}
