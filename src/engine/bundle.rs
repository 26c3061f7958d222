//! The policy files an engine is built from: the bundled `policies/` tree,
//! plus any `--policy DIR`, each file with its digest.

use std::path::Path;
use std::sync::Arc;

use crate::digest::sha256_hex;
use crate::error::{Error, ErrorKind, Result};

/// Where a policy file, or a rule, came from; reports name it `bundled` or
/// `policy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Origin {
    /// Compiled into the binary.
    #[serde(rename = "bundled")]
    Bundled,
    /// Given with `--policy`.
    #[serde(rename = "policy")]
    User,
}

/// One policy or data file.
#[derive(Debug, Clone)]
pub struct PolicyFile {
    /// Path as shown in reports (`policies/license/llama_mau.rego`, or the
    /// `--policy` path joined with the file's relative path).
    pub path: String,
    /// The text.
    pub text: Arc<str>,
    /// Hex sha256 of the text.
    pub sha256: String,
    /// Bundled or user.
    pub origin: Origin,
    /// For data files: where the data is mounted under `data`.
    pub mount: Vec<String>,
}

/// Every policy, test and data file of a run.
#[derive(Debug, Clone, Default)]
pub struct PolicySources {
    /// Rego modules other than tests.
    pub modules: Vec<PolicyFile>,
    /// `*_test.rego` modules.
    pub tests: Vec<PolicyFile>,
    /// `data.yaml` files.
    pub data: Vec<PolicyFile>,
}

/// The name of a policy data file.
pub const DATA_FILE: &str = "data.yaml";

/// Names of data files that OPA reads and modelgate would not: an error,
/// not a silently ignored file. Other files (a README) are ignored.
const MISNAMED_DATA_FILES: [&str; 3] = ["data.json", "data.yml", "data.YAML"];

/// Data files are mounted at `data.modelgate.facts.<dir>...`.
fn mount_for(relative_dir: &str) -> Vec<String> {
    let mut mount = vec!["modelgate".to_string(), "facts".to_string()];
    mount.extend(relative_dir.split('/').filter(|s| !s.is_empty()).map(str::to_string));
    mount
}

impl PolicySources {
    /// The bundled policies.
    pub fn bundled() -> PolicySources {
        let mut sources = PolicySources::default();
        for (path, text) in crate::bundled::files_under("policies/") {
            let relative = &path["policies/".len()..];
            let sha256 = crate::bundled::sha256(path).map(str::to_string);
            sources.push(path.to_string(), relative, Arc::from(text), Origin::Bundled, sha256);
        }
        sources
    }

    fn push(&mut self, path: String, relative: &str, text: Arc<str>, origin: Origin, sha256: Option<String>) {
        let name = relative.rsplit('/').next().unwrap_or(relative);
        let dir = relative.strip_suffix(name).unwrap_or("").trim_end_matches('/');
        let sha256 = sha256.unwrap_or_else(|| sha256_hex(text.as_bytes()));
        let file = PolicyFile { sha256, path, text, origin, mount: Vec::new() };
        if name == DATA_FILE {
            self.data.push(PolicyFile { mount: mount_for(dir), ..file });
        } else if name.ends_with("_test.rego") {
            self.tests.push(file);
        } else if name.ends_with(".rego") {
            self.modules.push(file);
        }
    }

    /// Adds the `.rego` and `data.yaml` files of a directory tree (or one
    /// `.rego` file).
    pub fn add_path(&mut self, root: &Path) -> Result<()> {
        let display = crate::source::display_path(root);
        let metadata = std::fs::metadata(root)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{display}: cannot read policy path: {e}")))?;
        let before = self.modules.len() + self.tests.len() + self.data.len();
        if metadata.is_file() {
            let text = read(root, &display)?;
            let name = root.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
            self.push(display.clone(), &name, text, Origin::User, None);
        } else {
            let mut files = Vec::new();
            walk(root, "", &mut files, &mut Vec::new())?;
            for relative in files {
                let path = crate::source::display_join(&display, &relative);
                let text = read(&root.join(&relative), &path)?;
                self.push(path, &relative, text, Origin::User, None);
            }
        }
        if self.modules.len() + self.tests.len() + self.data.len() == before {
            return Err(Error::new(ErrorKind::Policy, format!("{display}: no .rego or data.yaml files")));
        }
        Ok(())
    }

    /// Adds one `--policy` file from memory, under `relative` (its path in
    /// a `--policy` directory, which decides whether it is a module, a test
    /// or data), as `add_path` adds files from disk. The policy fuzz target
    /// builds its sources so, with no file written.
    pub fn add_text(&mut self, relative: &str, text: &str) -> Result<()> {
        let text = parseable(relative, Arc::from(text))?;
        self.push(relative.to_string(), relative, text, Origin::User, None);
        Ok(())
    }

    /// Every file with its digest, for the audit trail.
    pub fn all(&self) -> impl Iterator<Item = &PolicyFile> {
        self.modules.iter().chain(&self.data).chain(&self.tests)
    }
}

/// A policy file's text, read as proposals are: bytes that are not UTF-8
/// are named at their line and column (`stream did not contain valid UTF-8`
/// named neither).
fn read(path: &Path, display: &str) -> Result<Arc<str>> {
    let limits = crate::source::Limits::default();
    let text = crate::source::SourceFile::read(path, display.to_string(), &limits, ErrorKind::Policy)?.text;
    parseable(display, text)
}

/// The text of a policy file, refused when regorus's parser would not
/// finish on it (`nesting.rs`).
fn parseable(display: &str, text: Arc<str>) -> Result<Arc<str>> {
    if display.ends_with(".rego") {
        super::nesting::check(display, &text).map_err(|e| e.with_source_text(text.clone()))?;
        super::builtins::check(display, &text).map_err(|e| e.with_source_text(text.clone()))?;
    }
    Ok(text)
}

/// The policy files under `root/relative`. `ancestors` holds the real paths
/// of the directories being read: a symlink back into one of them is a loop
/// (it was followed until the system refused the path, reading every file
/// some forty times under longer and longer names).
fn walk(root: &Path, relative: &str, out: &mut Vec<String>, ancestors: &mut Vec<std::path::PathBuf>) -> Result<()> {
    let dir = root.join(relative);
    crate::source::read_dir_once(&dir, ancestors, ErrorKind::Policy, None, |ancestors| {
        walk_entries(root, relative, &dir, out, ancestors)
    })
}

fn walk_entries(
    root: &Path,
    relative: &str,
    dir: &Path,
    out: &mut Vec<String>,
    ancestors: &mut Vec<std::path::PathBuf>,
) -> Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{}: cannot list: {e}", dir.display())))?
        .filter_map(|e| e.ok())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let child = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
        if entry.path().is_dir() {
            walk(root, &child, out, ancestors)?;
        } else if name.ends_with(".rego") || name == DATA_FILE {
            out.push(child);
        } else if MISNAMED_DATA_FILES.contains(&name.as_str()) {
            // OPA and conftest read `data.json`; ignoring it would leave every
            // rule reading it undefined, and a rule on undefined data passes.
            return Err(Error::new(
                ErrorKind::Policy,
                format!(
                    "{}: modelgate reads policy data only from files named `{DATA_FILE}` (JSON is YAML too): \
                     rename it to `{DATA_FILE}`",
                    crate::source::display_path(&dir.join(&name))
                ),
            ));
        }
    }
    Ok(())
}
