//! What the details view of one artifact says, in words: every fact of the artifact (full
//! digest, every tag, media type, platforms, exact size, times absolute and relative), its
//! annotations, an index's manifests and the cosign accessories attached to it, and the
//! badges its row carries. Pure; `app::rows` writes the panel's markup.

use crate::engine::catalog::Catalog;
use crate::engine::format;
use crate::engine::model::Moment;

/// One artifact's details, read once from the catalog when the view opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Details {
    pub digest: String,
    /// Every tag, in natural order (empty: untagged).
    pub tags: Vec<String>,
    /// `OCI manifest (application/vnd.oci.image.manifest.v1+json)`, or "not reported".
    pub media_type: String,
    /// `linux/amd64` labels; empty when none is reported.
    pub platforms: Vec<String>,
    /// `28.6 MiB (30,000,000 bytes)`, or "not reported".
    pub size: String,
    /// `2026-09-21 12:00:00 UTC (3 days ago)`, "never" or "not reported".
    pub pushed: String,
    pub pulled: String,
    /// Key / value pairs as the registry sent them (text, never markup).
    pub annotations: Vec<(String, String)>,
    /// An index's platform manifests: digest and platform (or "attestation").
    pub manifests: Vec<(String, String)>,
    /// Attached cosign accessories.
    pub accessories: Vec<Accessory>,
    /// `registry/repository@digest`, when the registry host is known.
    pub pull_reference: Option<String>,
    /// Of an accessory: the digest of the artifact it is attached to.
    pub subject: Option<String>,
    /// A cosign accessory whose subject is not in the repository.
    pub orphaned: bool,
}

/// A signature, attestation or SBOM attached to the artifact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accessory {
    /// `signature`, `attestation`, `SBOM`.
    pub kind: String,
    pub digest: String,
    pub tags: Vec<String>,
    /// `800 B`, or "—".
    pub size: String,
}

impl Details {
    /// The details of artifact `i`; `pull_base` is `registry/repository` when known.
    pub fn of(catalog: &Catalog, i: u32, now: i64, pull_base: Option<&str>) -> Option<Details> {
        if i as usize >= catalog.len() {
            return None;
        }
        let (a, d) = (catalog.artifact(i), catalog.derived(i));
        let media_type = match a.media_type.as_deref() {
            Some(m) if format::media_type_label(m) != m => format!("{} ({m})", format::media_type_label(m)),
            Some(m) => m.to_string(),
            None => "not reported".into(),
        };
        let size = match catalog.size(i) {
            Some(bytes) => format!("{} ({} bytes)", format::size(bytes), format::count(bytes)),
            None => "not reported".into(),
        };
        let manifests = d
            .children
            .iter()
            .map(|&c| {
                let (child, cd) = (catalog.artifact(c), catalog.derived(c));
                let platform = if cd.attestation {
                    "attestation".to_string()
                } else {
                    cd.platforms.first().map_or_else(|| "platform not reported".into(), |p| p.to_string())
                };
                (child.digest.to_string(), platform)
            })
            .collect();
        let accessories = d
            .accessories
            .iter()
            .map(|&x| {
                let (acc, ad) = (catalog.artifact(x), catalog.derived(x));
                Accessory {
                    kind: ad.accessory_kinds.label(),
                    digest: acc.digest.to_string(),
                    tags: acc.tags.clone(),
                    size: acc.size.map_or_else(|| "—".into(), format::size),
                }
            })
            .collect();
        Some(Details {
            digest: a.digest.to_string(),
            tags: a.tags.clone(),
            media_type,
            platforms: d.platforms.iter().map(|p| p.to_string()).collect(),
            size,
            pushed: moment(a.pushed, now),
            pulled: moment(a.pulled, now),
            annotations: a.annotations.iter().map(|an| (an.key.to_string(), an.value.to_string())).collect(),
            manifests,
            accessories,
            pull_reference: pull_base.filter(|_| !a.digest.is_empty()).map(|b| format!("{b}@{}", a.digest)),
            subject: d.accessory_of.map(|s| catalog.artifact(s).digest.to_string()),
            orphaned: d.orphaned,
        })
    }
}

/// `2026-09-21 12:00:00 UTC (3 days ago)`.
pub fn moment(m: Option<Moment>, now: i64) -> String {
    match m {
        Some(Moment::At(t)) => format!("{} ({})", format::utc(t), format::relative(t, now)),
        Some(Moment::Never) => "never".into(),
        None => "not reported".into(),
    }
}

/// The badges of artifact `i`'s row: what is attached to it (`signed`, `attested`, `SBOM`),
/// `orphaned` for an accessory whose subject is not here, and, for an attached accessory
/// shown as a row, what it is (`signature`…).
pub fn badges(catalog: &Catalog, i: u32) -> Vec<String> {
    if i as usize >= catalog.len() {
        return Vec::new();
    }
    let d = catalog.derived(i);
    let mut out: Vec<String> = d.attached_kinds.badges().into_iter().map(String::from).collect();
    if d.orphaned {
        out.push("orphaned".into());
    }
    if d.accessory_of.is_some() {
        out.push(d.accessory_kinds.label());
    }
    out
}

/// The accessible name of a row's details button: `Details of sha256:0123456789ab`.
pub fn button_name(digest: &str) -> String {
    format!("Details of {}", format::short_digest(digest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Annotation, Artifact, Platform};

    const NOW: i64 = 1_790_000_000;

    fn repo() -> (Catalog, String) {
        let h = "c".repeat(64);
        let mut v1 = Artifact::new("v1", &format!("sha256:{h}"));
        v1.tags = vec!["v1.10".into(), "v1.9".into()];
        v1.size = Some(30_000_000);
        v1.media_type = Some("application/vnd.oci.image.manifest.v1+json".into());
        v1.platform = Some(Platform { os: Some("linux".into()), architecture: Some("amd64".into()), variant: None }.into());
        v1.pushed = Some(Moment::At(NOW - 3 * 86_400));
        v1.pulled = Some(Moment::Never);
        v1.annotations = vec![Annotation { key: "evil".into(), value: "<img src=x onerror=alert(1)>".into() }];
        let mut sig = Artifact::new("sig", "sha256:5");
        sig.tags = vec![format!("sha256-{h}.sig")];
        sig.size = Some(800);
        let mut orphan = Artifact::new("orphan", "sha256:6");
        orphan.tags = vec![format!("sha256-{}.att", "d".repeat(64))];
        (Catalog::new(vec![v1, sig, orphan]), format!("sha256:{h}"))
    }

    #[test]
    fn details_say_everything_in_words() {
        let (c, digest) = repo();
        let d = Details::of(&c, 0, NOW, Some("kcr.io/team/web")).unwrap();
        assert_eq!(d.digest, digest);
        assert_eq!(d.tags, ["v1.9", "v1.10"]);
        assert_eq!(d.media_type, "OCI manifest (application/vnd.oci.image.manifest.v1+json)");
        assert_eq!(d.platforms, ["linux/amd64"]);
        assert_eq!(d.size, "28.6 MiB (30,000,000 bytes)");
        assert_eq!(d.pushed, format!("{} (3 days ago)", format::utc(NOW - 3 * 86_400)));
        assert_eq!(d.pulled, "never");
        assert_eq!(d.annotations, [("evil".to_string(), "<img src=x onerror=alert(1)>".to_string())]);
        assert_eq!(d.accessories.len(), 1);
        assert_eq!(d.accessories[0].kind, "signature");
        assert_eq!(d.accessories[0].size, "800 B");
        assert_eq!(d.pull_reference, Some(format!("kcr.io/team/web@{digest}")));
        assert_eq!(Details::of(&c, 0, NOW, None).unwrap().pull_reference, None);
        let sig = Details::of(&c, 1, NOW, None).unwrap();
        assert_eq!(sig.subject.as_deref(), Some(digest.as_str()));
        assert_eq!(sig.size, "800 B (800 bytes)");
        assert_eq!(sig.pushed, "not reported");
        assert!(Details::of(&c, 2, NOW, None).unwrap().orphaned);
        assert_eq!(Details::of(&c, 9, NOW, None), None);
    }

    #[test]
    fn row_badges() {
        let (c, digest) = repo();
        assert_eq!(badges(&c, 0), ["signed"]);
        assert_eq!(badges(&c, 1), ["signature"], "an attached accessory shown as a row says what it is");
        assert_eq!(badges(&c, 2), ["orphaned"]);
        assert!(badges(&c, 7).is_empty());
        assert_eq!(button_name(&digest), "Details of sha256:cccccccccccc");
    }
}
