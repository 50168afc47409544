//! The gateway's modules form layers: no import cycle between the top-level modules of
//! `gateway/src` (a module is a file, or a folder with everything in it), and the
//! request pipeline calls none of the transports that call it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `gateway/src` and the top-level modules its files name as
/// `crate::…`.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("gateway/src") {
        let path = entry.expect("entry").path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        let mut uses = BTreeSet::new();
        for file in rust_files(&path) {
            let text = std::fs::read_to_string(&file).expect("source file");
            // Code only: comments may name any module.
            let code = text.lines().filter(|l| !l.trim_start().starts_with("//"));
            for line in code {
                for (at, _) in line.match_indices("crate::") {
                    let rest = &line[at + "crate::".len()..];
                    let used: String = rest
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                        .collect();
                    if !used.is_empty() && used != name {
                        uses.insert(used);
                    }
                }
            }
        }
        graph.insert(name, uses);
    }
    graph
}

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_dir() {
        let mut files = Vec::new();
        for entry in std::fs::read_dir(path).expect("module folder") {
            files.extend(rust_files(&entry.expect("entry").path()));
        }
        files
    } else if path.extension().is_some_and(|e| e == "rs") {
        vec![path.to_owned()]
    } else {
        Vec::new()
    }
}

/// A cycle through `from`, as the path of module names, if there is one.
fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    from: &str,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|m| m == from) {
        let mut cycle = path[at..].to_vec();
        cycle.push(from.to_owned());
        return Some(cycle);
    }
    path.push(from.to_owned());
    for next in graph.get(from).into_iter().flatten() {
        if let Some(cycle) = cycle_from(graph, next, path) {
            return Some(cycle);
        }
    }
    path.pop();
    None
}

#[test]
fn the_gateway_modules_import_each_other_without_a_cycle() {
    let graph = imports();
    assert!(graph.contains_key("pipeline") && graph.contains_key("http"));
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, module, &mut Vec::new()) {
            panic!("import cycle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn the_pipeline_calls_no_transport() {
    let graph = imports();
    let pipeline = &graph["pipeline"];
    for transport in ["http", "ws", "federated", "app", "cli"] {
        assert!(
            !pipeline.contains(transport),
            "the pipeline imports {transport}"
        );
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(m, uses)| {
        let uses = uses.into_iter().map(str::to_owned).collect();
        (m.to_owned(), uses)
    })
    .collect();
    let cycle = cycle_from(&graph, "a", &mut Vec::new()).expect("a cycle");
    assert_eq!(cycle, ["a", "b", "c", "a"]);
    assert!(cycle_from(&graph, "d", &mut Vec::new()).is_none());
}
