//! The provider-neutral artifact model every data source is turned into.

use std::sync::Arc;

use crate::engine::digest::Digest;

/// When something happened. `Option<Moment>` distinguishes "not reported" (`None`) from a
/// reported "never" (e.g. an image that was pushed but has never been pulled).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// Unix seconds, UTC.
    At(i64),
    Never,
}

impl Moment {
    pub fn unix(self) -> Option<i64> {
        match self {
            Moment::At(t) => Some(t),
            Moment::Never => None,
        }
    }
}

/// An image platform as reported by the registry (`linux/arm/v7`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Platform {
    pub os: Option<Arc<str>>,
    pub architecture: Option<Arc<str>>,
    pub variant: Option<Arc<str>>,
}

impl Platform {
    /// The value the architecture filter offers: the architecture with its variant where the
    /// variant tells builds apart (`arm/v7` vs `arm/v6`); `arm64/v8` is plain `arm64`.
    pub fn arch_key(&self) -> Option<String> {
        let arch = self.architecture.as_deref().filter(|a| !a.is_empty())?;
        match self.variant.as_deref().filter(|v| !v.is_empty()) {
            Some("v8") if arch == "arm64" => Some(arch.to_string()),
            Some(variant) => Some(format!("{arch}/{variant}")),
            None => Some(arch.to_string()),
        }
    }

    pub fn os_key(&self) -> Option<String> {
        self.os.as_deref().filter(|o| !o.is_empty()).map(str::to_string)
    }

    /// `unknown/unknown` is what BuildKit writes on attestation manifests.
    pub fn is_unknown(&self) -> bool {
        self.os.as_deref() == Some("unknown") && self.architecture.as_deref() == Some("unknown")
    }

    pub fn is_empty(&self) -> bool {
        self.os.is_none() && self.architecture.is_none() && self.variant.is_none()
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = [&self.os, &self.architecture, &self.variant]
            .into_iter()
            .filter_map(|p| p.as_deref().filter(|s| !s.is_empty()))
            .collect();
        f.write_str(&parts.join("/"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    pub key: Arc<str>,
    pub value: Arc<str>,
}

pub const ATTESTATION_ANNOTATION: (&str, &str) = ("vnd.docker.reference.type", "attestation-manifest");

/// One manifest (image, index or attestation) of a repository, whatever registry it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifact {
    /// Provider-unique id; two records with the same id are the same artifact.
    pub id: String,
    pub digest: Digest,
    pub tags: Vec<String>,
    /// Bytes, when the registry reports it.
    pub size: Option<u64>,
    /// Strings many artifacts repeat (this, the platform's parts, annotations) are `Arc<str>`:
    /// the catalog keeps one copy of each text (`engine::intern`).
    pub media_type: Option<Arc<str>>,
    /// `None` when the registry does not report platforms, or on an index itself. Shared:
    /// the catalog keeps one copy of each platform (4 bytes here instead of 24 in wasm32).
    pub platform: Option<Arc<Platform>>,
    pub pushed: Option<Moment>,
    pub pulled: Option<Moment>,
    /// Ids of the platform manifests of an index (empty for a plain image).
    pub children: Vec<String>,
    pub annotations: Vec<Annotation>,
}

impl Artifact {
    /// An artifact with nothing known but its identity.
    pub fn new(id: &str, digest: &str) -> Self {
        Artifact {
            id: id.to_string(),
            digest: digest.into(),
            tags: Vec::new(),
            size: None,
            media_type: None,
            platform: None,
            pushed: None,
            pulled: None,
            children: Vec::new(),
            annotations: Vec::new(),
        }
    }

    pub fn is_index(&self) -> bool {
        !self.children.is_empty()
    }

    /// Attestations ride along with images in an index; they are not a platform.
    pub fn is_attestation(&self) -> bool {
        self.platform.as_deref().is_some_and(Platform::is_unknown)
            || self.annotations.iter().any(|a| *a.key == *ATTESTATION_ANNOTATION.0 && *a.value == *ATTESTATION_ANNOTATION.1)
    }

    /// Fold another record of the same artifact into this one (SWR reports one record per
    /// tag): tags are united, the latest push and pull win, missing fields are filled in.
    pub fn merge(&mut self, other: Artifact) {
        for tag in other.tags {
            if !self.tags.contains(&tag) {
                self.tags.push(tag);
            }
        }
        self.pushed = latest(self.pushed, other.pushed);
        self.pulled = latest(self.pulled, other.pulled);
        if self.digest.is_empty() {
            self.digest = other.digest;
        }
        self.size = self.size.or(other.size);
        self.media_type = self.media_type.take().or(other.media_type);
        self.platform = self.platform.take().or(other.platform);
        for child in other.children {
            if !self.children.contains(&child) {
                self.children.push(child);
            }
        }
        for annotation in other.annotations {
            if !self.annotations.contains(&annotation) {
                self.annotations.push(annotation);
            }
        }
    }
}

/// A content digest as registries write it, `algorithm:hex` (`sha256:<64 hex>`): the
/// algorithm lowercase letters and digits (with `+ . _ -` between them), the hex part 32 to
/// 128 lowercase hex digits. Anything else is not a digest (links carry only these).
pub fn is_digest(s: &str) -> bool {
    let Some((algorithm, hex)) = s.split_once(':') else { return false };
    let algorithm_ok = !algorithm.is_empty()
        && algorithm.len() <= 32
        && algorithm.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"+._-".contains(&b))
        && algorithm.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && algorithm.bytes().last().is_some_and(|b| b.is_ascii_alphanumeric());
    let hex_ok =
        (32..=128).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    algorithm_ok && hex_ok
}

/// The later of two reported moments; a real time beats "never", "never" beats unreported.
fn latest(a: Option<Moment>, b: Option<Moment>) -> Option<Moment> {
    match (a, b) {
        (Some(Moment::At(x)), Some(Moment::At(y))) => Some(Moment::At(x.max(y))),
        (Some(Moment::At(x)), _) | (_, Some(Moment::At(x))) => Some(Moment::At(x)),
        (Some(Moment::Never), _) | (_, Some(Moment::Never)) => Some(Moment::Never),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform(os: &str, arch: &str, variant: Option<&str>) -> Platform {
        Platform { os: Some(os.into()), architecture: Some(arch.into()), variant: variant.map(Into::into) }
    }

    #[test]
    fn platform_display_and_keys() {
        let p = platform("linux", "arm", Some("v7"));
        assert_eq!(p.to_string(), "linux/arm/v7");
        assert_eq!(p.arch_key().as_deref(), Some("arm/v7"));
        assert_eq!(platform("linux", "arm64", Some("v8")).arch_key().as_deref(), Some("arm64"));
        assert_eq!(Platform::default().arch_key(), None);
        assert!(platform("unknown", "unknown", None).is_unknown());
    }

    #[test]
    fn digests_are_algorithm_colon_hex() {
        let hex = "0123456789abcdef".repeat(4);
        assert!(is_digest(&format!("sha256:{hex}")));
        assert!(is_digest(&format!("sha512:{hex}{hex}")));
        for bad in [
            String::new(),
            "sha256".into(),
            format!("sha256:{}", hex.to_uppercase()),
            format!("sha256:{}", &hex[..31]),
            format!("SHA256:{hex}"),
            format!(":{hex}"),
            format!("sha256:{hex}x"),
            format!("sha256:{hex}:"),
            "<script>:aaaa".into(),
            format!("-sha:{hex}"),
        ] {
            assert!(!is_digest(&bad), "{bad:?}");
        }
    }

    #[test]
    fn merge_unites_tags_and_keeps_latest_times() {
        let mut a = Artifact::new("1", "sha256:aa");
        a.tags = vec!["v1".into()];
        a.pushed = Some(Moment::At(10));
        a.pulled = Some(Moment::Never);
        let mut b = Artifact::new("1", "sha256:aa");
        b.tags = vec!["latest".into(), "v1".into()];
        b.pushed = Some(Moment::At(5));
        b.pulled = Some(Moment::At(7));
        b.size = Some(42);
        a.merge(b);
        assert_eq!(a.tags, vec!["v1", "latest"]);
        assert_eq!(a.pushed, Some(Moment::At(10)));
        assert_eq!(a.pulled, Some(Moment::At(7)));
        assert_eq!(a.size, Some(42));
    }
}
