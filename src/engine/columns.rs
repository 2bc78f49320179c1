//! The facts that an interaction scans over every row — tags as the filter reads them,
//! architecture and OS ids, effective size, push time — as flat arrays indexed by catalog
//! row. Typing one character filters 70,000 rows and recounts the overview: read from
//! contiguous arrays that is a few loads per row, where the records and their derived facts
//! are a 200-byte struct and a pointer to chase for each list.

use crate::engine::model::Moment;
use crate::engine::row_set::RowSet;
use crate::engine::tag_match::lowercase;

/// One row's facts as the catalog knows them (its record and derived facts).
pub struct RowFacts<'a> {
    pub tags: &'a [String],
    pub arch: &'a [u16],
    pub os: &'a [u16],
    pub size: Option<u64>,
    pub pushed: Option<Moment>,
    pub accessory: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    /// Row `i`'s tags are `tag_text[tag_bounds[k]..tag_bounds[k + 1]]` for `k` in
    /// `row_tags[i]..row_tags[i + 1]`, lower-cased.
    tag_text: String,
    tag_bounds: Vec<u32>,
    row_tags: Vec<u32>,
    /// Row `i`'s architecture ids are `arch_ids[row_arch[i]..row_arch[i + 1]]`; the same for OS.
    arch_ids: Vec<u16>,
    row_arch: Vec<u32>,
    os_ids: Vec<u16>,
    row_os: Vec<u32>,
    /// Effective size in bytes (0 when not reported).
    pub size: Vec<u64>,
    /// Unix seconds of the last push; meaningful only for the rows in `pushed_known`.
    pub pushed: Vec<i64>,
    pushed_known: RowSet,
    /// The rows attached to a subject as cosign accessories.
    accessory: RowSet,
}

/// Offsets into arrays of at most a few million entries (tags, platform ids): `u32` keeps
/// them half the size; beyond that an offset saturates and the row reads as empty.
fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn span<'a, T>(items: &'a [T], at: &[u32], i: u32) -> &'a [T] {
    let (Some(&start), Some(&end)) = (at.get(i as usize), at.get(i as usize + 1)) else { return &[] };
    items.get(start as usize..end as usize).unwrap_or(&[])
}

impl Columns {
    /// The columns of `n` rows, from each row's facts in row order.
    pub fn new<'a>(n: usize, rows: impl IntoIterator<Item = RowFacts<'a>>) -> Self {
        let mut c = Columns {
            row_tags: Vec::with_capacity(n + 1),
            row_arch: Vec::with_capacity(n + 1),
            row_os: Vec::with_capacity(n + 1),
            size: Vec::with_capacity(n),
            pushed: Vec::with_capacity(n),
            pushed_known: RowSet::new(n),
            accessory: RowSet::new(n),
            ..Columns::default()
        };
        c.tag_bounds.push(0);
        for (i, row) in rows.into_iter().enumerate() {
            c.row_tags.push(offset(c.tag_bounds.len() - 1));
            // Lower-cased here, the one copy the tag filter reads.
            for tag in row.tags {
                if tag.is_ascii() {
                    c.tag_text.extend(tag.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    // As the filter's pattern is lower-cased (a final Σ becomes ς).
                    c.tag_text.push_str(&lowercase(tag));
                }
                c.tag_bounds.push(offset(c.tag_text.len()));
            }
            c.row_arch.push(offset(c.arch_ids.len()));
            c.arch_ids.extend_from_slice(row.arch);
            c.row_os.push(offset(c.os_ids.len()));
            c.os_ids.extend_from_slice(row.os);
            c.size.push(row.size.unwrap_or(0));
            match row.pushed {
                Some(Moment::At(t)) => {
                    c.pushed.push(t);
                    c.pushed_known.insert(i as u32);
                }
                _ => c.pushed.push(0),
            }
            if row.accessory {
                c.accessory.insert(i as u32);
            }
        }
        c.row_tags.push(offset(c.tag_bounds.len() - 1));
        c.row_arch.push(offset(c.arch_ids.len()));
        c.row_os.push(offset(c.os_ids.len()));
        c.tag_text.shrink_to_fit();
        c.tag_bounds.shrink_to_fit();
        c.arch_ids.shrink_to_fit();
        c.os_ids.shrink_to_fit();
        c
    }

    /// Row `i`'s tags, lower-cased (in no particular order).
    pub fn tags(&self, i: u32) -> impl Iterator<Item = &str> {
        self.tag_bounds(i).windows(2).map(|w| self.tag(w[0], w[1]))
    }

    /// The bounds of row `i`'s tags in the tag text: one more than it has tags.
    pub fn tag_bounds(&self, i: u32) -> &[u32] {
        let (Some(&start), Some(&end)) = (self.row_tags.get(i as usize), self.row_tags.get(i as usize + 1)) else {
            return &[];
        };
        self.tag_bounds.get(start as usize..=end as usize).unwrap_or(&[])
    }

    pub fn tag(&self, start: u32, end: u32) -> &str {
        self.tag_text.get(start as usize..end as usize).unwrap_or("")
    }

    pub fn untagged(&self, i: u32) -> bool {
        self.tag_bounds(i).len() < 2
    }

    pub fn arch(&self, i: u32) -> &[u16] {
        span(&self.arch_ids, &self.row_arch, i)
    }

    pub fn os(&self, i: u32) -> &[u16] {
        span(&self.os_ids, &self.row_os, i)
    }

    pub fn pushed_at(&self, i: u32) -> Option<i64> {
        self.pushed_known.contains(i).then(|| self.pushed.get(i as usize).copied()).flatten()
    }

    pub fn accessory(&self, i: u32) -> bool {
        self.accessory.contains(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_row_reads_back_its_own_facts() {
        let tags = ["V1.2".to_string(), "latest".to_string()];
        let rows = [
            RowFacts {
                tags: &tags,
                arch: &[1],
                os: &[0],
                size: Some(7),
                pushed: Some(Moment::At(-5)),
                accessory: false,
            },
            RowFacts { tags: &[], arch: &[0, 1], os: &[0], size: None, pushed: Some(Moment::Never), accessory: false },
            RowFacts { tags: &tags[1..], arch: &[], os: &[], size: Some(1), pushed: None, accessory: true },
        ];
        let cols = Columns::new(3, rows);
        assert_eq!(cols.tags(0).collect::<Vec<_>>(), ["v1.2", "latest"], "lower-cased");
        assert!(cols.tags(1).next().is_none() && cols.untagged(1) && !cols.untagged(0));
        assert_eq!(cols.tags(2).collect::<Vec<_>>(), ["latest"]);
        assert_eq!((cols.arch(0), cols.arch(1), cols.arch(2)), (&[1][..], &[0, 1][..], &[][..]));
        assert_eq!(cols.os(1), &[0]);
        assert_eq!((cols.size[0], cols.size[1]), (7, 0));
        assert_eq!((cols.pushed_at(0), cols.pushed_at(1), cols.pushed_at(2)), (Some(-5), None, None));
        assert!(cols.accessory(2) && !cols.accessory(0));
        assert!(
            cols.tags(3).next().is_none() && cols.arch(3).is_empty() && cols.pushed_at(3).is_none(),
            "out of range"
        );
    }
}
