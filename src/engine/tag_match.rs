//! The tag filter: a case-insensitive substring, or an anchored glob when the text holds
//! `*` (any run) or `?` (any one character). Hand-rolled to keep `regex` out of the bundle.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagMatcher {
    Any,
    Substring(String),
    Glob(String),
}

impl TagMatcher {
    pub fn new(pattern: &str) -> Self {
        let pattern = lowercase(pattern.trim());
        if pattern.is_empty() {
            TagMatcher::Any
        } else if pattern.contains(['*', '?']) {
            TagMatcher::Glob(pattern)
        } else {
            TagMatcher::Substring(pattern)
        }
    }

    pub fn is_any(&self) -> bool {
        matches!(self, TagMatcher::Any)
    }

    /// `tag_lower` must already be lowercased (the catalog keeps lowercased tags).
    pub fn matches(&self, tag_lower: &str) -> bool {
        match self {
            TagMatcher::Any => true,
            TagMatcher::Substring(needle) => contains(tag_lower.as_bytes(), needle.as_bytes()),
            // Tags are nearly always ASCII: match bytes then, without allocating.
            TagMatcher::Glob(pattern) if pattern.is_ascii() && tag_lower.is_ascii() => {
                glob_match(pattern.as_bytes(), tag_lower.as_bytes(), b'*', b'?')
            }
            TagMatcher::Glob(pattern) => {
                let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), tag_lower.chars().collect());
                glob_match(&p, &t, '*', '?')
            }
        }
    }
}

/// Whether `needle` (not empty) occurs in `hay`, bytewise: UTF-8 matches only at character
/// boundaries, so this is `str::contains`. Tags are short: a plain scan beats building a
/// two-way searcher for each of a repository's tags.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some(&first) = needle.first() else { return true };
    hay.len() >= needle.len() && hay.windows(needle.len()).any(|w| w[0] == first && w == needle)
}

/// An anchored, case-sensitive glob (`*` any run, `?` exactly one character, everything else
/// literal), as retention rules read tags: `stable` does not match `unstable`, `V1` not `v1`.
pub fn glob_matches(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        glob_match(pattern.as_bytes(), text.as_bytes(), b'*', b'?')
    } else {
        let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
        glob_match(&p, &t, '*', '?')
    }
}

/// Iterative wildcard match with single-star backtracking: linear in practice, no recursion.
fn glob_match<T: PartialEq + Copy>(pattern: &[T], text: &[T], any_run: T, any_one: T) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && pattern[p] != any_run && (pattern[p] == any_one || pattern[p] == text[t]) {
            p += 1;
            t += 1;
        } else if p < pattern.len() && pattern[p] == any_run {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|&c| c == any_run)
}

/// Lower-cases a tag or a filter pattern: Unicode's default mapping, final sigma included.
/// In the browser that is the JS engine's `String.prototype.toLowerCase`, the same mapping:
/// Rust's own case tables would add 4 KB to the gzipped wasm (measured). Tags are almost
/// always ASCII (the OCI grammar), which never leaves Rust.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    #[cfg(target_arch = "wasm32")]
    return String::from(js_sys::JsString::from(text).to_lower_case());
    #[cfg(not(target_arch = "wasm32"))]
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, tag: &str) -> bool {
        TagMatcher::new(pattern).matches(&tag.to_lowercase())
    }

    #[test]
    fn rule_globs_are_anchored_and_case_sensitive() {
        assert!(glob_matches("stable", "stable"));
        assert!(!glob_matches("stable", "unstable"));
        assert!(!glob_matches("v*", "V1"));
        assert!(glob_matches("v1.?", "v1.2") && !glob_matches("v1.?", "v1.20"));
        assert!(glob_matches("*", "") && glob_matches("*-rc*", "v2-rc.1"));
        assert!(glob_matches("é*", "été") && !glob_matches("É*", "été"));
    }

    #[test]
    fn substring_is_case_insensitive() {
        assert!(m("RC", "v2.0.0-rc.1"));
        assert!(m("", "anything"));
        assert!(!m("beta", "v2.0.0-rc.1"));
    }

    #[test]
    fn glob_is_anchored() {
        assert!(m("v1.*", "v1.2.3"));
        assert!(!m("v1.*", "xv1.2"));
        assert!(m("*-rc*", "v2.0.0-rc.1"));
        assert!(m("v?.0", "v2.0"));
        assert!(!m("v?.0", "v10.0"));
        assert!(m("*", ""));
        assert!(m("sha-*", "SHA-ABC"));
        assert!(!m("a*b*c", "aXbY"));
        assert!(m("a*b*c", "aXbYc"));
    }

    #[test]
    fn glob_handles_multibyte() {
        assert!(m("t?g", "täg"));
    }
}
