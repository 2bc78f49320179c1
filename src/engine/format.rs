//! How values read on screen: binary sizes, relative times, UTC timestamps.

/// `245.3 MiB`; bytes below 1 KiB as `512 B`. One decimal, rounded half to even like
/// `{:.1}` of the exact quotient — in integers, so no float formatting enters the wasm.
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut unit = 0;
    while unit < UNITS.len() - 1 && bytes >> (10 * (unit + 2)) > 0 {
        unit += 1;
    }
    let divisor = 1u128 << (10 * (unit + 1));
    let scaled = u128::from(bytes) * 10;
    let (mut tenths, rest) = (scaled / divisor, scaled % divisor);
    if rest * 2 > divisor || (rest * 2 == divisor && tenths % 2 == 1) {
        tenths += 1;
    }
    // At most u64::MAX × 10 / 1024 tenths: a u64 again, which formats without u128's code.
    let tenths = u64::try_from(tenths).unwrap_or(u64::MAX);
    format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

/// `3 days ago`, `in 2 hours` (clock skew), `just now`. Exact for any two `i64` times (the
/// distance is taken as a `u64`, so nothing overflows).
pub fn relative(then: i64, now: i64) -> String {
    let ago = now >= then;
    let secs = now.abs_diff(then);
    if secs < 45 {
        return "just now".into();
    }
    let (n, unit) = match secs {
        s if s < 3_600 => ((s + 30) / 60, "minute"),
        s if s < 86_400 => ((s + 1_800) / 3_600, "hour"),
        s if s < 30 * 86_400 => ((s + 43_200) / 86_400, "day"),
        s if s < 365 * 86_400 => (s / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    let n = n.max(1);
    let plural = if n == 1 { "" } else { "s" };
    if ago {
        format!("{n} {unit}{plural} ago")
    } else {
        format!("in {n} {unit}{plural}")
    }
}

/// `2026-11-19 14:03:00 UTC`.
pub fn utc(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02} UTC", s / 3600, s / 60 % 60, s % 60)
}

/// `2026-11-19T14:03:00Z`, for exports.
pub fn iso8601(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400));
    let s = unix.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60)
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days in `month` (1–12) of `year`, proleptic Gregorian; 0 for a month that does not exist.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 0,
    }
}

/// (year, month, day) → days since 1970-01-01; the inverse of [`civil_from_days`]. Expects a
/// real calendar date (see [`days_in_month`]): others roll over (`02-31` is in March).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses RFC 3339 (`2021-02-03T10:22:11.840Z`, `…+08:00`) to Unix seconds. Dates that are
/// not on the calendar (`2026-02-31`, `2025-02-29`) and offsets beyond ±23:59 are `None`:
/// an unknown time, never one silently rolled into the next month.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(range)?;
        part.iter().all(u8::is_ascii_digit).then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let (month, day) = (u32::try_from(month).ok()?, u32::try_from(day).ok()?);
    if day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let offset = match b.get(i)? {
        b'Z' | b'z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (hours, minutes) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let minutes = hours * 60 + minutes;
            if *sign == b'+' {
                minutes * 60
            } else {
                -minutes * 60
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// `2026-01-31` → Unix seconds at 00:00 UTC that day. Only real calendar dates from
/// 0001-01-01 to 9999-12-31 — exactly what a browser's date input shows — so a date from a
/// link or config.json is either visible in the date field or no filter at all.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() != 10 || s.starts_with("0000") {
        return None;
    }
    parse_rfc3339(&format!("{s}T00:00:00Z"))
}

/// An unsigned count [`count`] formats: row counts (`usize`) and byte counts (`u64`).
pub trait Count: Copy {
    fn widen(self) -> u64;
}

impl Count for u64 {
    fn widen(self) -> u64 {
        self
    }
}

impl Count for usize {
    fn widen(self) -> u64 {
        // `usize` is 32 bits on wasm32 and 64 bits natively: always fits.
        u64::try_from(self).unwrap_or(u64::MAX)
    }
}

impl Count for u32 {
    fn widen(self) -> u64 {
        u64::from(self)
    }
}

/// Thousands separators for counts: `12,345`. Byte counts are `u64` all the way: a 5 GiB
/// layer reads `5,368,709,120`, also on wasm32 where `usize` is 32 bits.
pub fn count(n: impl Count) -> String {
    let digits = n.widen().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A short name for the common manifest media types; others are shown as they are.
pub fn media_type_label(media_type: &str) -> &str {
    match media_type {
        "application/vnd.oci.image.index.v1+json" => "OCI index",
        "application/vnd.oci.image.manifest.v1+json" => "OCI manifest",
        "application/vnd.docker.distribution.manifest.list.v2+json" => "Docker manifest list",
        "application/vnd.docker.distribution.manifest.v2+json" => "Docker manifest",
        "application/vnd.docker.distribution.manifest.v1+prettyjws" => "Docker schema 1",
        other => other,
    }
}

/// `sha256:` and the first 12 hex digits: enough to tell digests apart at a glance.
pub fn short_digest(digest: &str) -> String {
    match digest.split_once(':') {
        Some((algo, hex)) => format!("{algo}:{}", hex.chars().take(12).collect::<String>()),
        None => digest.chars().take(19).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_use_binary_units() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(1023), "1023 B");
        assert_eq!(size(1024), "1.0 KiB");
        assert_eq!(size(257_214_873), "245.3 MiB");
        assert_eq!(size(3 << 30), "3.0 GiB");
        assert_eq!(size(u64::MAX), "16.0 EiB");
    }

    #[test]
    fn relative_times() {
        let now = 1_000_000_000;
        assert_eq!(relative(now - 10, now), "just now");
        assert_eq!(relative(now - 3 * 86_400, now), "3 days ago");
        assert_eq!(relative(now - 3_600, now), "1 hour ago");
        assert_eq!(relative(now - 400 * 86_400, now), "1 year ago");
        assert_eq!(relative(now + 7_200, now), "in 2 hours");
    }

    #[test]
    fn utc_and_calendar() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(iso8601(1_612_347_731), "2021-02-03T10:22:11Z");
        assert_eq!(utc(-1), "1969-12-31 23:59:59 UTC");
        for days in [-800_000, -1, 0, 59, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }

    #[test]
    fn digests_and_media_types_shorten() {
        assert_eq!(short_digest("sha256:3ee2a6bffb6dfec67be23fd0f6c0e8a4"), "sha256:3ee2a6bffb6d");
        assert_eq!(short_digest("weird"), "weird");
        assert_eq!(media_type_label("application/vnd.oci.image.index.v1+json"), "OCI index");
        assert_eq!(media_type_label("text/x-odd"), "text/x-odd");
    }

    #[test]
    fn rfc3339_parses_with_fractions_and_offsets() {
        assert_eq!(parse_rfc3339("2021-02-03T10:22:11.840Z"), Some(1_612_347_731));
        assert_eq!(parse_rfc3339("2021-02-03T18:22:11+08:00"), Some(1_612_347_731));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert!(parse_rfc3339("0001-01-01T00:00:00.000Z").unwrap() < -62_000_000_000);
        for bad in [
            "",
            "2021-02-03",
            "2021-13-03T10:22:11Z",
            "2021-02-03T10:22:11",
            "yesterday",
            "2021-02-03T10:22:11Zjunk",
            "２０２１-02-03T10:22:11Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_parse_to_midnight_utc() {
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(parse_date("2026-02-30x"), None);
        assert_eq!(parse_date("2026-1-3"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn invalid_calendar_dates_are_rejected_not_rolled_over() {
        assert_eq!(parse_date("2024-02-29"), Some(days_from_civil(2024, 2, 29) * 86_400), "leap day");
        assert_eq!(parse_date("2000-02-29"), Some(days_from_civil(2000, 2, 29) * 86_400), "400-year leap day");
        assert!(parse_date("0001-01-01").is_some());
        assert!(parse_date("9999-12-31").is_some());
        for bad in [
            "2026-02-31",
            "2026-02-30",
            "2025-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-01-32",
            "0000-01-01",
            "+999-01-01",
            "-001-01-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for bad in [
            "2026-02-31T00:00:00Z",
            "2025-02-29T12:00:00.5+01:00",
            "2026-06-31T00:00:00Z",
            "2026-01-01T00:00:00+24:00",
            "2026-01-01T00:00:00-12:60",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad} is unknown, not rolled into the next month");
        }
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), parse_date("2024-02-29"));
        assert_eq!(parse_rfc3339("2026-01-01T00:00:00+23:59"), Some(days_from_civil(2026, 1, 1) * 86_400 - 86_340));
    }

    #[test]
    fn extreme_times_saturate_instead_of_overflowing() {
        assert_eq!(relative(i64::MIN, i64::MAX), "584942417355 years ago");
        assert_eq!(relative(i64::MAX, i64::MIN), "in 584942417355 years");
        assert_eq!(relative(i64::MIN, 0), "292471208677 years ago");
        assert_eq!(relative(0, 0), "just now");
        for t in [i64::MIN, i64::MIN + 1, -1, 0, i64::MAX - 1, i64::MAX] {
            assert!(utc(t).ends_with(" UTC"), "{t}");
            assert!(iso8601(t).ends_with('Z'), "{t}");
        }
    }

    #[test]
    fn counts_above_4_gib_are_exact() {
        assert_eq!(count(5u64 << 30), "5,368,709,120");
        assert_eq!(count(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(count(12_345usize), "12,345", "counts of rows stay usize");
    }

    #[test]
    fn counts_have_separators() {
        assert_eq!(count(0usize), "0");
        assert_eq!(count(999usize), "999");
        assert_eq!(count(12_345usize), "12,345");
        assert_eq!(count(1_000_000u64), "1,000,000");
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        /// Is (y, m, d) on the calendar? Decided without `days_in_month`: a real date is the
        /// one the day count maps back to unchanged (others roll over into the next month).
        fn on_calendar(y: i64, m: u32, d: u32) -> bool {
            (1..=12).contains(&m) && (1..=31).contains(&d) && civil_from_days(days_from_civil(y, m, d)) == (y, m, d)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn parsers_never_panic_on_any_string(s in any::<String>()) {
                let _ = parse_date(&s);
                let _ = parse_rfc3339(&s);
            }

            #[test]
            fn parsers_never_panic_on_near_misses(
                s in "[0-9+ -]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?.?"
            ) {
                let _ = parse_date(&s);
                if let Some(t) = parse_rfc3339(&s) {
                    let (y, m, d) = civil_from_days((t + 86_400 * 2).div_euclid(86_400));
                    prop_assert!((0..=10_000).contains(&y) && on_calendar(y, m, d), "{s} → {t}");
                }
            }

            /// Every (year, month, day) from 0000-00-00 to 9999-13-32: a date parses exactly
            /// when it is on the calendar (from year 1 for `parse_date`), to its own midnight.
            #[test]
            fn dates_parse_exactly_when_on_the_calendar(y in 0i64..=9999, m in 0u32..=13, d in 0u32..=32) {
                let text = format!("{y:04}-{m:02}-{d:02}");
                let valid = on_calendar(y, m, d);
                match parse_date(&text) {
                    Some(t) => {
                        prop_assert!(valid && y >= 1, "{text} accepted");
                        prop_assert_eq!(t.rem_euclid(86_400), 0);
                        prop_assert_eq!(civil_from_days(t.div_euclid(86_400)), (y, m, d));
                        prop_assert_eq!(&iso8601(t)[..10], text.as_str(), "round trip");
                    }
                    None => prop_assert!(!valid || y == 0, "{text} rejected"),
                }
                prop_assert_eq!(parse_rfc3339(&format!("{text}T00:00:00Z")).is_some(), valid);
            }

            /// Any valid date and time, with any offset, round-trips through the timestamp.
            #[test]
            fn timestamps_round_trip(
                days in days_from_civil(1, 1, 1)..=days_from_civil(9999, 12, 31),
                secs in 0i64..86_400,
                offset_minutes in -(23 * 60 + 59)..=(23i64 * 60 + 59),
                fraction in "(\\.[0-9]{1,9})?",
            ) {
                let (y, m, d) = civil_from_days(days);
                prop_assert!(on_calendar(y, m, d));
                let local = days * 86_400 + secs;
                let (sign, off) = (if offset_minutes < 0 { '-' } else { '+' }, offset_minutes.abs());
                let text = format!(
                    "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{fraction}{sign}{:02}:{:02}",
                    secs / 3600,
                    secs / 60 % 60,
                    secs % 60,
                    off / 60,
                    off % 60
                );
                prop_assert_eq!(parse_rfc3339(&text), Some(local - offset_minutes * 60), "{}", text);
                let utc_text = iso8601(local);
                prop_assert_eq!(parse_rfc3339(&utc_text), Some(local));
                prop_assert_eq!(parse_date(&utc_text[..10]), Some(days * 86_400));
            }

            /// Days past the end of their month are rejected, never rolled over.
            #[test]
            fn days_past_the_month_are_rejected(
                y in 1i64..=9999,
                m in 1u32..=12,
                extra in prop_oneof![1u32..=3, 4u32..=68],
            ) {
                let d = days_in_month(y, m) + extra; // 29 to 99
                prop_assert_eq!(parse_date(&format!("{y:04}-{m:02}-{d:02}")), None);
                prop_assert_eq!(parse_rfc3339(&format!("{y:04}-{m:02}-{d:02}T12:00:00Z")), None);
            }

            #[test]
            fn relative_never_panics(then in any::<i64>(), now in any::<i64>()) {
                let text = relative(then, now);
                prop_assert!(text == "just now" || text.ends_with(" ago") || text.starts_with("in "));
            }
        }
    }
}
