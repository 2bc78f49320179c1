//! Where the catalog's memory goes for 100,000 artifacts: the same engine code the app runs,
//! with a counting allocator. `make bench` builds it for wasm32 (WASI, run by Node through
//! bench/wasi-run.mjs), so structs have the browser's 32-bit layout; natively
//! (`cargo run --release --example memory_profile`) pointers double. The browser's figure
//! (wasm memory) is the peak of this heap plus the allocator's slack and the transient page
//! bodies.
//!
//! The records are shaped like the bench's mock repository (bench/bench.mjs → tests/mock),
//! with realistic extras: three tags, an OCI media type and two annotations per image.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Arc;

use lading::engine::catalog::{Catalog, Derived};
use lading::engine::digest::DigestText;
use lading::engine::model::{Annotation, Artifact, Moment, Platform};
use lading::engine::sort::{Order, SortKey};

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const COUNT: usize = 100_000;
const PAGE: usize = 200;
/// The app merges pages in batches while they arrive (ui/load.rs: one merge per 400 ms; at
/// 50 ms per request and 4 in flight that is about 32 pages).
const PAGES_PER_MERGE: usize = 32;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
}

fn digest(i: usize) -> String {
    format!("sha256:{:064x}", (i as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835))
}

fn platform(os: &str, arch: &str, variant: Option<&str>) -> Option<Arc<Platform>> {
    Some(Arc::new(Platform { os: Some(os.into()), architecture: Some(arch.into()), variant: variant.map(Into::into) }))
}

/// The mock's repository (tests/mock/katapult.mjs `generate`), plus tags and annotations,
/// made as it is read: like pages arriving, not all of it held at once.
fn artifacts() -> impl Iterator<Item = Artifact> {
    let (mut made, mut i) = (0, 0);
    std::iter::from_fn(move || {
        (made < COUNT).then(|| {
            let group = group(i, made);
            (made, i) = (made + group.len(), i + 1);
            group
        })
    })
    .flatten()
}

/// Artifact group `i` (an index with its two images and attestation, or one image), the
/// first of them the `made`-th artifact.
fn group(i: usize, made: usize) -> Vec<Artifact> {
    let mut out = Vec::with_capacity(4);
    {
        let pushed = Some(Moment::At(1_790_000_000 - (COUNT - made) as i64 * 600));
        let annotations = || {
            vec![
                Annotation {
                    key: "org.opencontainers.image.source".into(),
                    value: "https://git.example/team/web".into(),
                },
                Annotation { key: "org.opencontainers.image.revision".into(), value: format!("{:040x}", i * 7919).into() },
            ]
        };
        if i % 7 == 0 && made + 4 <= COUNT {
            let id = format!("gen-idx-{i}");
            let mut index = Artifact::new(&id, &digest(made + out.len()));
            index.tags = vec![format!("v1.{i}.0"), format!("v1.{i}"), format!("sha-{:07x}", i)];
            index.media_type = Some("application/vnd.oci.image.index.v1+json".into());
            index.pushed = pushed;
            index.children = vec![format!("{id}-amd64"), format!("{id}-arm64"), format!("{id}-att")];
            index.annotations = annotations();
            out.push(index);
            for (suffix, p) in
                [("amd64", platform("linux", "amd64", None)), ("arm64", platform("linux", "arm64", Some("v8")))]
            {
                let mut image = Artifact::new(&format!("{id}-{suffix}"), &digest(made + out.len()));
                image.media_type = Some("application/vnd.oci.image.manifest.v1+json".into());
                image.platform = p;
                image.size = Some(50_000_000 + i as u64);
                image.pushed = pushed;
                out.push(image);
            }
            let mut att = Artifact::new(&format!("{id}-att"), &digest(made + out.len()));
            att.platform = platform("unknown", "unknown", None);
            att.annotations =
                vec![Annotation { key: "vnd.docker.reference.type".into(), value: "attestation-manifest".into() }];
            out.push(att);
        } else {
            let mut image = Artifact::new(&format!("gen-img-{i}"), &digest(made + out.len()));
            image.tags =
                if i % 9 == 0 { Vec::new() } else { vec![format!("build-{i}"), format!("v0.{i}.1"), "main".into()] };
            image.media_type = Some("application/vnd.oci.image.manifest.v1+json".into());
            image.platform = platform("linux", ["amd64", "arm64", "s390x", "ppc64le"][i % 4], None);
            image.size = (i % 13 != 0).then_some(10_000_000 + i as u64 * 1000);
            image.pushed = pushed;
            image.pulled = (i % 5 != 0).then_some(Moment::At(1_790_000_000));
            image.annotations = annotations();
            out.push(image);
        }
    }
    out
}

/// Heap bytes of an artifact's strings and vectors (capacity, as allocated), as parsed: each
/// shared string (`Arc<str>`) still its own, before the catalog keeps one copy of each text.
fn heap_of(a: &Artifact) -> [(&'static str, usize); 6] {
    let strings = |v: &Vec<String>| v.iter().map(String::capacity).sum::<usize>() + v.capacity() * size_of::<String>();
    let shared = |s: &Arc<str>| s.len() + 2 * size_of::<usize>();
    let platform = a.platform.as_ref().map_or(0, |p| {
        2 * size_of::<usize>()
            + size_of::<Platform>()
            + [&p.os, &p.architecture, &p.variant].iter().flat_map(|s| s.as_ref()).map(shared).sum::<usize>()
    });
    [
        ("id", a.id.capacity()),
        // A SHA-256 digest is its 32 bytes inside the struct; any other is its text.
        ("digest (other than SHA-256: its text)", match a.digest.text() {
            DigestText::Sha256(_) => 0,
            DigestText::Text(text) => text.len(),
        }),
        ("tags", strings(&a.tags)),
        ("media type", a.media_type.as_ref().map_or(0, shared)),
        ("platform (shared struct and its strings)", platform),
        (
            "annotations and child ids",
            a.annotations.iter().map(|n| shared(&n.key) + shared(&n.value)).sum::<usize>()
                + a.annotations.capacity() * size_of::<Annotation>()
                + strings(&a.children),
        ),
    ]
}

fn main() {
    let mut records = Vec::with_capacity(COUNT);
    records.extend(artifacts());
    let mut parts = std::collections::BTreeMap::new();
    for a in &records {
        for (name, bytes) in heap_of(a) {
            *parts.entry(name).or_insert(0) += bytes;
        }
    }
    let structs = records.len() * size_of::<Artifact>();
    drop(records);

    // Loading as the app does: pages arrive, batches are merged into the catalog.
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    // All the records at once, as parsed (for the first lines of the table).
    let after_records = {
        let mut records = Vec::with_capacity(COUNT);
        records.extend(artifacts());
        let bytes = NOW.load(Relaxed) - base;
        drop(records);
        bytes
    };
    PEAK.store(base, Relaxed);
    let mut catalog = Catalog::default();
    // The listing announces its total on the first page: the app makes room for it once.
    catalog.reserve_for(COUNT);
    // Batches of pages as they arrive; after each merge the app filters the rows, which
    // makes the catalog's flat columns.
    let mut source = artifacts();
    loop {
        let batch: Vec<Artifact> = source.by_ref().take(PAGE * PAGES_PER_MERGE).collect();
        if batch.is_empty() {
            break;
        }
        catalog.extend(batch);
        catalog.columns();
    }
    let loaded = NOW.load(Relaxed) - base;
    let columns = {
        let before = NOW.load(Relaxed);
        let copy = catalog.columns().clone();
        let bytes = NOW.load(Relaxed) - before;
        drop(copy);
        bytes
    };
    let peak_loading = PEAK.load(Relaxed) - base;
    for key in SortKey::ALL {
        for order in [Order::Asc, Order::Desc] {
            catalog.order(*key, order);
        }
    }
    let with_orders = NOW.load(Relaxed) - base;
    let facets = catalog.facets(false);
    let rows = catalog.top_level().len();
    println!(
        "Memory profile: {} artifacts ({rows} top-level rows), the engine built for {} (bench/memory_profile.rs)",
        catalog.len(),
        if cfg!(target_arch = "wasm32") { "wasm32, as in the browser" } else { "this machine (64-bit: larger than the browser's 32-bit structs)" }
    );
    println!();
    println!("| what | bytes | per artifact |");
    println!("|---|---|---|");
    let line = |what: &str, bytes: usize| println!("| {what} | {} | {} B |", mb(bytes), bytes / COUNT);
    line("records as parsed (`Artifact` structs + their heap), before the catalog", after_records);
    line(&format!("  `Artifact` structs ({} B each)", size_of::<Artifact>()), structs);
    for (name, bytes) in &parts {
        line(&format!("  {name}"), *bytes);
    }
    line("catalog after loading (records + derived facts + indexes)", loaded);
    line("  difference: derived facts and indexes, less the copies the shared strings saved", loaded.saturating_sub(after_records));
    line(&format!("    `Derived` structs ({} B each)", size_of::<Derived>()), size_of::<Derived>() * catalog.len());
    // The labels themselves are the catalog's shared strings, and a single one is kept inline:
    // only an index's list of its manifests' labels takes heap of its own.
    let lists: usize = (0..catalog.len() as u32)
        .map(|i| catalog.derived(i).platforms.len())
        .filter(|&n| n > 1)
        .map(|n| n * size_of::<Arc<str>>())
        .sum();
    line("    platform label lists of indexes", lists);
    line("    flat columns the filter and the overview scan (tags, platform ids, size, push time)", columns);
    line("catalog with every kept sort order (14: the Plan column shares the digest order)", with_orders);
    line("peak while loading (reallocations included)", peak_loading);
    println!();
    println!(
        "Facets: {} architectures, {} operating systems. The browser's wasm memory is at least the peak above: wasm memory never shrinks.",
        facets.arch.len(),
        facets.os.len()
    );
    // The whole linear memory: the heap above, the allocator's free space, the 1 MB stack and
    // static data (WASI's allocator here, dlmalloc in the browser).
    #[cfg(target_arch = "wasm32")]
    println!("Wasm memory at the end: {}.", mb(core::arch::wasm32::memory_size(0) * 65_536));
}
