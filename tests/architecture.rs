//! The module graph keeps the layering the folders promise, and has no cycles.
//!
//! Reads `src/` as text: every `crate::…` and `super::…` path outside `#[cfg(test)]` code is
//! an edge from its file's module to the module that path names. Layers, lowest first:
//! `engine` → `providers` → `app` → `browser` → `ui`; a module may use its own layer and the
//! ones below, never above, and no chain of modules may lead back to where it started.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

const LAYERS: [&str; 5] = ["engine", "providers", "app", "browser", "ui"];

/// Module path (`engine::catalog`) → its source, test code removed.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    collect(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut Vec::new(), &mut out);
    out
}

fn collect(dir: &Path, prefix: &mut Vec<String>, out: &mut BTreeMap<String, String>) {
    let mut entries: Vec<_> = fs::read_dir(dir).expect("src/ is readable").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if path.is_dir() {
            prefix.push(name);
            collect(&path, prefix, out);
            prefix.pop();
        } else if path.extension().is_some_and(|e| e == "rs") && !(prefix.is_empty() && name == "main") {
            let mut module = prefix.clone();
            if name != "mod" && name != "lib" {
                module.push(name);
            }
            let source = fs::read_to_string(&path).expect("source is readable");
            out.insert(module.join("::"), without_tests(&source));
        }
    }
}

/// Drops `#[cfg(test)]` items (test modules and test-only helpers) and comments.
fn without_tests(source: &str) -> String {
    let mut kept = String::new();
    let mut skip_depth: Option<i32> = None;
    let mut depth = 0;
    let mut pending_cfg_test = false;
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        if code.trim_start().starts_with("#[cfg(test)]") {
            pending_cfg_test = true;
            continue;
        }
        let opens = code.matches('{').count() as i32;
        let closes = code.matches('}').count() as i32;
        if pending_cfg_test && skip_depth.is_none() {
            pending_cfg_test = false;
            if opens > closes {
                skip_depth = Some(depth);
            } else {
                continue; // a one-line item (`use …;`, `fn x() {}`)
            }
        }
        depth += opens - closes;
        match skip_depth {
            Some(d) if depth <= d => skip_depth = None,
            Some(_) => {}
            None => {
                kept.push_str(code);
                kept.push('\n');
            }
        }
    }
    kept
}

/// Every path a source names from the crate root: `crate::a::{b, c::d}` gives `a::b`, `a::c::d`.
fn paths(module: &str, source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (start, anchor) in [("crate::", None), ("super::", Some(()))] {
        let mut rest = source;
        while let Some(i) = rest.find(start) {
            let preceded_by_ident = rest[..i].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_');
            let tail = &rest[i + start.len()..];
            let end = tail.find(|c: char| !(c.is_alphanumeric() || "_:{}, \n".contains(c))).unwrap_or(tail.len());
            if !preceded_by_ident {
                let base = match anchor {
                    None => Vec::new(),
                    Some(()) => parent_of(module),
                };
                for p in expand(&tail[..end]) {
                    let mut full = base.clone();
                    full.extend(p.split("::").filter(|s| !s.is_empty()).map(str::to_string));
                    out.push(full.join("::"));
                }
            }
            rest = &tail[end..];
        }
    }
    out
}

/// The module a `super::` in `module` refers to (a file's parent module).
fn parent_of(module: &str) -> Vec<String> {
    let mut parts: Vec<String> = module.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect();
    parts.pop();
    parts
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(path: &str) -> Vec<String> {
    let path: String = path.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = path.find('{') else { return vec![path.trim_end_matches(',').to_string()] };
    let (head, body) = (&path[..open], &path[open + 1..]);
    let mut depth = 0;
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in body.chars() {
        match c {
            '{' => {
                depth += 1;
                current.push(c);
            }
            '}' if depth == 0 => break,
            '}' => {
                depth -= 1;
                current.push(c);
            }
            ',' if depth == 0 => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);
    parts.into_iter().filter(|p| !p.is_empty()).flat_map(|p| expand(&format!("{head}{p}"))).collect()
}

/// The module a path names: its longest prefix that is a module of the crate.
fn resolve(path: &str, known: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| known.contains_key(m))
}

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|l| *l == top)
}

/// Module → modules it uses (a folder's `mod.rs` declaring its own children is structure,
/// not use, and is left out).
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let known = modules();
    let mut edges = BTreeMap::new();
    for (module, source) in &known {
        let targets: BTreeSet<String> = paths(module, source)
            .iter()
            .filter_map(|p| resolve(p, &known))
            .filter(|t| t != module && !(t.starts_with(&format!("{module}::")) || module.is_empty()))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

#[test]
fn the_reader_sees_the_paths_a_module_uses() {
    let src = "use crate::engine::{catalog::Catalog, view::{self, SortKey}};\nfn f() { super::x::y(); }\n";
    let mut got = paths("providers::katapult", src);
    got.sort();
    assert_eq!(got, ["engine::catalog::Catalog", "engine::view::SortKey", "engine::view::self", "providers::x::y"]);
    let stripped = without_tests(
        "use crate::a;\n#[cfg(test)]\nmod tests {\n    use crate::b;\n}\n#[cfg(test)]\nuse crate::c;\nuse crate::d;\n",
    );
    assert_eq!(paths("m", &stripped), ["a", "d"]);
}

#[test]
fn every_module_lives_in_a_layer() {
    let loose: Vec<String> = graph().into_keys().filter(|m| !m.is_empty() && layer(m).is_none()).collect();
    assert!(loose.is_empty(), "modules outside {LAYERS:?}: {loose:?}");
}

#[test]
fn no_layer_uses_a_layer_above_it() {
    let mut wrong = Vec::new();
    for (from, targets) in graph() {
        for to in targets {
            if let (Some(a), Some(b)) = (layer(&from), layer(&to)) {
                if b > a {
                    wrong.push(format!("{from} → {to}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "upward dependencies: {wrong:#?}");
}

#[test]
fn the_module_graph_has_no_cycles() {
    let graph = graph();
    // Depth-first search; a module met again while still on the stack closes a cycle.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        cycles: &mut Vec<String>,
    ) {
        if done.contains(m) {
            return;
        }
        if let Some(i) = stack.iter().position(|s| s == m) {
            cycles.push(format!("{} → {m}", stack[i..].join(" → ")));
            return;
        }
        stack.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, stack, done, cycles);
        }
        stack.pop();
        done.insert(m.to_string());
    }
    let (mut done, mut cycles) = (BTreeSet::new(), Vec::new());
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done, &mut cycles);
    }
    assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
}
