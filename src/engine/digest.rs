//! An artifact's digest in 32 bytes: `sha256:` and 64 lowercase hex digits — what registries
//! send for nearly every artifact — are kept as the bytes they spell (36 bytes in wasm
//! instead of a 71-character string and its allocation); anything else as the text the
//! registry sent. The text is always given back exactly as received.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Deref;

const SHA256: &str = "sha256:";

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Digest(Repr);

/// Built only by `From<&str>`, so one text has one representation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Repr {
    Sha256([u8; 32]),
    Text(Box<str>),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Text(Box::default())
    }
}

impl Digest {
    /// The digest as text, without allocating.
    pub fn text(&self) -> DigestText<'_> {
        match &self.0 {
            Repr::Sha256(bytes) => {
                let mut text = [0u8; SHA256.len() + 64];
                text[..SHA256.len()].copy_from_slice(SHA256.as_bytes());
                for (pair, byte) in text[SHA256.len()..].chunks_exact_mut(2).zip(bytes) {
                    pair[0] = HEX[(byte >> 4) as usize];
                    pair[1] = HEX[(byte & 0xf) as usize];
                }
                DigestText::Sha256(text)
            }
            Repr::Text(text) => DigestText::Text(text),
        }
    }

    /// No digest reported.
    pub fn is_empty(&self) -> bool {
        matches!(&self.0, Repr::Text(text) if text.is_empty())
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl From<&str> for Digest {
    fn from(text: &str) -> Digest {
        Digest(text.strip_prefix(SHA256).and_then(sha256_bytes).map_or_else(|| Repr::Text(text.into()), Repr::Sha256))
    }
}

impl From<String> for Digest {
    fn from(text: String) -> Digest {
        Digest::from(text.as_str())
    }
}

/// The 32 bytes 64 lowercase hex digits spell; `None` for anything else (upper case
/// included, which would not come back the same).
fn sha256_bytes(hex: &str) -> Option<[u8; 32]> {
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (byte, pair) in bytes.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(bytes)
}

/// The order of the texts (two SHA-256 digests compare by their bytes, which is the same).
impl Ord for Digest {
    fn cmp(&self, other: &Digest) -> Ordering {
        match (&self.0, &other.0) {
            (Repr::Sha256(a), Repr::Sha256(b)) => a.cmp(b),
            _ => self.text().cmp(&other.text()),
        }
    }
}

impl PartialOrd for Digest {
    fn partial_cmp(&self, other: &Digest) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// A digest's text: written out on the stack for a SHA-256 digest, borrowed otherwise.
pub enum DigestText<'a> {
    Sha256([u8; SHA256.len() + 64]),
    Text(&'a str),
}

impl Deref for DigestText<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            // ASCII written above: never fails.
            DigestText::Sha256(text) => std::str::from_utf8(text).unwrap_or_default(),
            DigestText::Text(text) => text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn sha256_digests_are_kept_as_bytes_and_every_text_comes_back() {
        assert!(matches!(Digest::from(H).0, Repr::Sha256(_)));
        for text in [H, "", "sha256:ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789", "sha512:00", "sha256:", "not a digest <b>"] {
            assert_eq!(&*Digest::from(text).text(), text);
            assert_eq!(Digest::from(text).to_string(), text);
            assert_eq!(Digest::from(text).is_empty(), text.is_empty());
        }
        assert!(matches!(Digest::from(H.to_uppercase().replace("SHA256", "sha256").as_str()).0, Repr::Text(_)));
        assert!(size_of::<Digest>() <= 40, "smaller than a String and its allocation");
    }

    #[test]
    fn ordered_as_their_texts() {
        let texts = [H, "sha256:ff", "", "sha256:0123", &H.replace('0', "f"), "md5:1"];
        for a in texts {
            for b in texts {
                assert_eq!(Digest::from(a).cmp(&Digest::from(b)), a.cmp(b), "{a} vs {b}");
            }
        }
    }
}
