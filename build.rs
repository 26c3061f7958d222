//! Embeds the bundled policies and catalog: lists every file under
//! `policies/` and `licenses/` into `$OUT_DIR/bundled_files.rs` as
//! `(path, include_str!(...))` pairs, so the binary works on its own, offline.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out);
        } else if name.ends_with(".rego") || name.ends_with(".yaml") {
            out.push(path.strip_prefix(root).expect("under root").to_path_buf());
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let mut files = Vec::new();
    for top in ["policies", "licenses"] {
        println!("cargo:rerun-if-changed={top}");
        collect(&root, &root.join(top), &mut files);
    }
    let mut code = String::from(
        "/// Every bundled policy and catalog file: (path, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let relative = file.to_str().expect("utf-8 path").replace('\\', "/");
        let absolute = root.join(file);
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", absolute.to_str().expect("utf-8 path")));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("bundled_files.rs");
    fs::write(out, code).expect("write bundled_files.rs");
}
