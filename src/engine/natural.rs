//! Natural ("human") string order for tags: `v1.9` < `v1.10`, `build-2` < `build-10`.

use std::cmp::Ordering;

/// Compares runs of digits by numeric value and everything else case-insensitively.
/// Ties are broken by the plain byte order, so the order is total and sorting is stable.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (ab, bb) = (a.as_bytes(), b.as_bytes());
    let (mut i, mut j) = (0, 0);
    while i < ab.len() && j < bb.len() {
        if ab[i].is_ascii_digit() && bb[j].is_ascii_digit() {
            let (a_end, b_end) = (digit_run_end(ab, i), digit_run_end(bb, j));
            let ord = cmp_numeric(&ab[i..a_end], &bb[j..b_end]);
            if ord != Ordering::Equal {
                return ord;
            }
            i = a_end;
            j = b_end;
        } else {
            let ord = ab[i].to_ascii_lowercase().cmp(&bb[j].to_ascii_lowercase());
            if ord != Ordering::Equal {
                return ord;
            }
            i += 1;
            j += 1;
        }
    }
    (ab.len() - i).cmp(&(bb.len() - j)).then_with(|| a.cmp(b))
}

fn digit_run_end(s: &[u8], start: usize) -> usize {
    start + s[start..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Digit strings of any length (no overflow): value first, then fewer leading zeros first.
fn cmp_numeric(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
    let (za, zb) = (strip(a), strip(b));
    let (va, vb) = (&a[za..], &b[zb..]);
    va.len().cmp(&vb.len()).then_with(|| va.cmp(vb)).then_with(|| za.cmp(&zb))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| natural_cmp(a, b));
        v
    }

    #[test]
    fn numbers_compare_by_value() {
        assert_eq!(natural_cmp("v1.10", "v1.9"), Ordering::Greater);
        assert_eq!(natural_cmp("v1.9", "v1.10"), Ordering::Less);
        assert_eq!(
            sorted(vec!["v1.10.0", "v1.2.0", "v1.9.3", "v1.9.10", "v10.0.0"]),
            vec!["v1.2.0", "v1.9.3", "v1.9.10", "v1.10.0", "v10.0.0"]
        );
    }

    #[test]
    fn huge_numbers_do_not_overflow() {
        let big = "build-123456789012345678901234567890";
        assert_eq!(natural_cmp(big, "build-9"), Ordering::Greater);
    }

    #[test]
    fn case_insensitive_with_total_tie_break() {
        assert_eq!(natural_cmp("Alpha", "alpha2"), Ordering::Less);
        assert_ne!(natural_cmp("Latest", "latest"), Ordering::Equal);
        assert_eq!(natural_cmp("latest", "latest"), Ordering::Equal);
        assert_eq!(natural_cmp("v01", "v1"), Ordering::Greater);
    }

    #[test]
    fn prefix_sorts_first() {
        assert_eq!(sorted(vec!["v1-rc", "v1"]), vec!["v1", "v1-rc"]);
    }
}
