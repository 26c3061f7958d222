//! Embeds the bundled policies and catalog, so the binary works on its own,
//! offline: every file under `policies/` and `licenses/` goes into
//! `$OUT_DIR/bundled_files.rs` as `(path, include_str!(...))`, and every YAML
//! file also as JSON (`(path, json)`), read with the crate's own YAML reader:
//! JSON loads several times faster at start, and a YAML file that does not
//! parse fails the build with file:line:column. Each file's sha256 (for the
//! audit trail) is computed here too, not on every start.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

#[allow(dead_code)]
#[path = "src/error.rs"]
mod error;

#[allow(dead_code)]
#[path = "src/source.rs"]
mod source;

#[allow(dead_code)]
#[path = "src/de.rs"]
mod de;

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

/// A YAML file as one JSON document, or the error a user would see.
fn to_json(relative: &str, text: String) -> String {
    let file = source::SourceFile::from_text(relative, text);
    let documents = file
        .documents(&source::Limits::default(), error::ErrorKind::Catalog)
        .unwrap_or_else(|e| panic!("\n{}", e.render()));
    let [node] = documents.as_slice() else {
        panic!("{relative}: a bundled YAML file holds exactly one document");
    };
    let value: serde_json::Value = de::from_node(node, "").unwrap_or_else(|e| panic!("{relative}: {}", e.message));
    serde_json::to_string(&value).expect("JSON")
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    // The engine's version, from the lock file, for reports and the
    // precompiled bundle's stamp: a bumped regorus must not reuse bytecode
    // compiled by the old one, nor leave reports naming it.
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let regorus = lock
        .split("[[package]]")
        .find(|package| package.contains("\nname = \"regorus\"\n"))
        .and_then(|package| package.lines().find_map(|line| line.strip_prefix("version = \"")))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or("unknown");
    println!("cargo:rustc-env=MODELGATE_REGORUS_VERSION={regorus}");
    println!("cargo:rerun-if-changed=src/source.rs");
    println!("cargo:rerun-if-changed=src/de.rs");
    println!("cargo:rerun-if-changed=src/error.rs");
    let mut files = Vec::new();
    for top in ["policies", "licenses"] {
        println!("cargo:rerun-if-changed={top}");
        collect(&root, &root.join(top), &mut files);
    }
    let mut code = String::from(
        "/// Every bundled policy and catalog file: (path, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    let mut json =
        String::from("/// Every bundled YAML file as JSON: (path, json).\npub static JSON: &[(&str, &str)] = &[\n");
    let mut digests = String::from(
        "/// Every bundled file's hex sha256, hashed at build time: (path, digest).\npub static SHA256: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let relative = file.to_str().expect("utf-8 path").replace('\\', "/");
        let absolute = root.join(file);
        code.push_str(&format!("    ({relative:?}, include_str!({:?})),\n", absolute.to_str().expect("utf-8 path")));
        let text = fs::read_to_string(&absolute).unwrap_or_else(|e| panic!("{relative}: {e}"));
        let digest: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        digests.push_str(&format!("    ({relative:?}, {digest:?}),\n"));
        if relative.ends_with(".yaml") {
            json.push_str(&format!("    ({relative:?}, {:?}),\n", to_json(&relative, text)));
        }
    }
    code.push_str("];\n");
    json.push_str("];\n");
    digests.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("out dir"));
    fs::write(out.join("bundled_files.rs"), code + &json + &digests).expect("write bundled_files.rs");
}
