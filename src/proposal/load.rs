//! Files and directories in, typed proposal documents out.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::ProposalDoc;
use crate::de::from_node;
use crate::digest::sha256_hex;
use crate::error::{Error, ErrorKind, Result};
use crate::source::{Limits, Node, Pos, SourceFile, Value};

/// How to find and read proposal files.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Descend into subdirectories of directory arguments.
    pub recursive: bool,
    /// Size, depth and node limits.
    pub limits: Limits,
}

/// One proposal document with the tree it came from.
#[derive(Debug)]
pub struct LoadedDocument {
    /// The file.
    pub file: Arc<SourceFile>,
    /// The root node of the YAML document holding the proposal.
    pub root: Arc<Node>,
    /// JSON pointer of the proposal inside `root`: empty, or `/<i>` when the
    /// document is a list of proposals.
    pub pointer: String,
    /// The proposal.
    pub doc: ProposalDoc,
}

impl LoadedDocument {
    /// The node of the proposal itself.
    pub fn node(&self) -> &Node {
        self.root.node_at(&self.pointer).unwrap_or(&self.root)
    }

    /// An input error at a JSON pointer relative to the proposal.
    pub fn error_at(&self, pointer: &str, message: impl Into<String>, hint: Option<String>) -> Error {
        let pos = self.node().value_pos(pointer);
        let error = self.file.error(ErrorKind::Input, message, pos);
        error.with_optional_hint(hint)
    }
}

/// A proposal input file and its digest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputFile {
    /// The path as given.
    pub path: String,
    /// Hex sha256 of the bytes.
    pub sha256: String,
}

/// Whether a file name is one a directory argument reads: `.yaml`, `.yml`
/// or `.json`, in any case.
pub fn is_proposal_file_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".yaml", ".yml", ".json"].iter().any(|ext| name.ends_with(ext))
}

/// How reports name standard input (`-` on the command line).
pub const STDIN_NAME: &str = "<stdin>";

/// Everything read from the command-line paths.
#[derive(Debug, Default)]
pub struct ProposalSet {
    /// Every file read, in reading order.
    pub inputs: Vec<InputFile>,
    /// Every proposal document, in file order, then document order.
    pub documents: Vec<Arc<LoadedDocument>>,
}

/// The proposal files a path names: itself, or the `.yaml`, `.yml` and
/// `.json` files of a directory (its subdirectories too when recursive), sorted.
fn expand(path: &Path, recursive: bool, out: &mut Vec<(PathBuf, String)>) -> Result<()> {
    expand_within(path, recursive, out, &mut Vec::new())
}

/// `expand`, with the real paths of the directories being read (the
/// current one and those above it): a symlink that leads back into one of
/// them is a loop, which `-R` would otherwise follow without end.
fn expand_within(
    path: &Path,
    recursive: bool,
    out: &mut Vec<(PathBuf, String)>,
    ancestors: &mut Vec<PathBuf>,
) -> Result<()> {
    if path == Path::new(crate::source::STDIN) {
        out.push((path.to_path_buf(), STDIN_NAME.to_string()));
        return Ok(());
    }
    let display = crate::source::display_path(path);
    let metadata =
        std::fs::metadata(path).map_err(|e| Error::new(ErrorKind::Io, format!("{display}: cannot read: {e}")))?;
    if !metadata.is_dir() {
        out.push((path.to_path_buf(), display));
        return Ok(());
    }
    crate::source::read_dir_once(
        path,
        ancestors,
        ErrorKind::Input,
        Some("remove the link, or name the directories to read without --recursive"),
        |ancestors| expand_entries(path, &display, recursive, out, ancestors),
    )
}

/// The proposal files of directory `path` (named `display`), in name order.
fn expand_entries(
    path: &Path,
    display: &str,
    recursive: bool,
    out: &mut Vec<(PathBuf, String)>,
    ancestors: &mut Vec<PathBuf>,
) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| Error::new(ErrorKind::Io, format!("{display}: cannot list: {e}")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        let raw = entry.file_name().unwrap_or_default();
        let Some(name) = raw.to_str() else {
            // Reports name files in UTF-8: a proposal file with another name
            // would be skipped unseen.
            if is_proposal_file_name(&raw.to_string_lossy()) || (recursive && entry.is_dir()) {
                return Err(Error::new(
                    ErrorKind::Input,
                    format!("{}: the name is not valid UTF-8; rename it", entry.to_string_lossy()),
                ));
            }
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        if entry.is_dir() {
            if recursive {
                expand_within(&entry, recursive, out, ancestors)?;
            }
        } else if is_proposal_file_name(name) {
            let display = crate::source::display_join(display, name);
            out.push((entry, display));
        }
    }
    Ok(())
}

/// The proposal files `paths` name, in reading order, each with the path
/// shown in reports. A path that names no file is an error. A file named
/// twice (`dir/` and `dir/a.yaml`, `a.yaml` and `./a.yaml`, or through a
/// symlink) is read once, where it first appears.
pub fn proposal_files(paths: &[PathBuf], recursive: bool) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in paths {
        let mut found = Vec::new();
        expand(path, recursive, &mut found)?;
        let any = !found.is_empty();
        for (file, display) in found {
            let real = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            // Pipes give their bytes once and `-` is standard input: never
            // the same file as another name.
            let key = if file == Path::new(crate::source::STDIN) { file.clone() } else { real };
            if seen.insert(key) {
                files.push((file, display));
            }
        }
        if !any {
            return Err(Error::new(
                ErrorKind::Input,
                format!(
                    "{}: no .yaml, .yml or .json files{}",
                    path.display(),
                    if !recursive && has_subdirectories(path) {
                        " (use --recursive to read subdirectories)"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    Ok(files)
}

/// Whether a directory holds a subdirectory `--recursive` would read (not
/// hidden): only then is the flag worth suggesting.
fn has_subdirectories(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|entries| {
        entries.filter_map(|e| e.ok()).any(|e| !e.file_name().to_string_lossy().starts_with('.') && e.path().is_dir())
    })
}

/// Reads one proposal file: its digest and its proposal documents.
pub fn read_file(path: &Path, display: String, limits: &Limits) -> Result<(InputFile, Vec<Arc<LoadedDocument>>)> {
    read_source(SourceFile::read(path, display, limits, ErrorKind::Input)?, limits)
}

/// Proposals from files already in memory (tests, fuzzing, embedding).
pub fn load_sources(files: Vec<SourceFile>, options: &LoadOptions) -> Result<ProposalSet> {
    let mut set = ProposalSet::default();
    let mut names = NameRegistry::default();
    for file in files {
        let (input, documents) = read_source(file, &options.limits)?;
        set.inputs.push(input);
        for document in documents {
            names.register(&document)?;
            set.documents.push(document);
        }
    }
    Ok(set)
}

/// The digest and proposal documents of a file's text.
fn read_source(file: SourceFile, limits: &Limits) -> Result<(InputFile, Vec<Arc<LoadedDocument>>)> {
    let mut documents = Vec::new();
    let input = visit_source(file, limits, &mut |document| {
        documents.push(document);
        Ok(())
    })?;
    Ok((input, documents))
}

/// Reads a proposal file document by document, handing each proposal to `f`
/// as soon as it is read: a file of many proposals is never held whole.
pub fn visit_file(
    path: &Path,
    display: String,
    limits: &Limits,
    f: &mut dyn FnMut(Arc<LoadedDocument>) -> Result<()>,
) -> Result<InputFile> {
    visit_source(SourceFile::read(path, display, limits, ErrorKind::Input)?, limits, f)
}

/// As `visit_file`, for a second read of a file already validated: the
/// bytes must be those whose digest the report records, or nothing is
/// judged. (A run reads each file twice, to validate every file before any
/// output and then to judge; a pipe or a file rewritten in between would
/// otherwise be judged on content the record does not name.)
pub fn visit_file_again(
    path: &Path,
    display: String,
    sha256: &str,
    limits: &Limits,
    f: &mut dyn FnMut(Arc<LoadedDocument>) -> Result<()>,
) -> Result<InputFile> {
    let changed = |display: &str| {
        Error::new(
            ErrorKind::Input,
            format!(
                "{display}: changed while modelgate read it (it is read once to validate and once to judge): \
                 run the check again once nothing writes to the file"
            ),
        )
    };
    let file = SourceFile::read(path, display.clone(), limits, ErrorKind::Input).map_err(|_| changed(&display))?;
    let input = InputFile { path: file.path.clone(), sha256: sha256_hex(file.text.as_bytes()) };
    if input.sha256 != sha256 {
        return Err(changed(&display));
    }
    visit_documents(file, input, limits, f)
}

fn visit_source(
    file: SourceFile,
    limits: &Limits,
    f: &mut dyn FnMut(Arc<LoadedDocument>) -> Result<()>,
) -> Result<InputFile> {
    let input = InputFile { path: file.path.clone(), sha256: sha256_hex(file.text.as_bytes()) };
    visit_documents(file, input, limits, f)
}

/// Hands each proposal of a file already digested to `f`.
fn visit_documents(
    file: SourceFile,
    input: InputFile,
    limits: &Limits,
    f: &mut dyn FnMut(Arc<LoadedDocument>) -> Result<()>,
) -> Result<InputFile> {
    let file = Arc::new(file);
    file.each_document(limits, ErrorKind::Input, &mut |root| {
        let root = Arc::new(root);
        let pointers: Vec<String> = match &root.value {
            // An empty list holds no proposal: an error, never a run that
            // checked nothing and passed.
            Value::Seq(items) if items.is_empty() => {
                return Err(file.error(
                    ErrorKind::Input,
                    "expected a proposal or a list of proposals, found an empty list",
                    root.pos,
                ))
            }
            Value::Seq(items) => (0..items.len()).map(|i| format!("/{i}")).collect(),
            _ => vec![String::new()],
        };
        for pointer in pointers {
            f(Arc::new(read_document(&file, &root, pointer)?))?;
        }
        Ok(())
    })?;
    Ok(input)
}

/// Proposal names seen in a run: a name used twice is an error naming both places.
#[derive(Debug, Default)]
pub struct NameRegistry {
    /// Name -> (file, line): one shared path per file, since a run may hold
    /// a hundred thousand names.
    names: HashMap<String, (Arc<str>, u32)>,
}

/// A document's name and where it is written, for registering later.
#[derive(Debug, Clone)]
pub struct NameAt {
    /// `metadata.name`.
    pub name: String,
    /// Position of the name.
    pub pos: Pos,
}

impl NameAt {
    /// The name of a document.
    pub fn of(document: &LoadedDocument) -> NameAt {
        NameAt { name: document.doc.metadata.name.clone(), pos: document.node().value_pos("/metadata/name") }
    }
}

impl NameRegistry {
    /// Records a document's name, or fails if an earlier one took it.
    pub fn register(&mut self, document: &LoadedDocument) -> Result<()> {
        let at = NameAt::of(document);
        match self.register_at(&Arc::from(document.file.path.as_str()), &at) {
            Some(message) => Err(document.file.error(ErrorKind::Input, message, at.pos)),
            None => Ok(()),
        }
    }

    /// Records a name found in `file`; when an earlier document took it, the
    /// message of the error (to be placed at the name's position).
    pub fn register_at(&mut self, file: &Arc<str>, at: &NameAt) -> Option<String> {
        if let Some((other_file, other_line)) = self.names.get(&at.name) {
            return Some(format!("proposal name `{}` is already used at {other_file}:{other_line}", at.name));
        }
        self.names.insert(at.name.clone(), (file.clone(), at.pos.line));
        None
    }
}

/// Reads every proposal named by `paths`.
pub fn load_paths(paths: &[PathBuf], options: &LoadOptions) -> Result<ProposalSet> {
    let mut set = ProposalSet::default();
    let mut names = NameRegistry::default();
    for (path, display) in proposal_files(paths, options.recursive)? {
        let (input, documents) = read_file(&path, display, &options.limits)?;
        set.inputs.push(input);
        for document in documents {
            names.register(&document)?;
            set.documents.push(document);
        }
    }
    Ok(set)
}

fn read_document(file: &Arc<SourceFile>, root: &Arc<Node>, pointer: String) -> Result<LoadedDocument> {
    let node = root.node_at(&pointer).unwrap_or(root);
    if !matches!(node.value, Value::Map(_)) {
        return Err(file.error(
            ErrorKind::Input,
            format!("expected a proposal (a mapping), found {}", node.value.describe()),
            node.pos,
        ));
    }
    // A waiver file among the proposals (a `waivers.yaml` put in the
    // proposals directory) is named as such, not as an unknown `kind`.
    if let Some(kind @ Node { value: Value::Str(text), .. }) = node.get("kind") {
        if text == "Waivers" {
            return Err(file
                .error(ErrorKind::Input, "this is a waiver file (`kind: Waivers`), not a proposal", kind.pos)
                .with_hint("give it with --waivers FILE, and keep it out of the directories checked"));
        }
    }
    let doc: ProposalDoc = from_node(node, &pointer).map_err(|e| {
        let error = file.error(ErrorKind::Input, e.describe(), e.pos.unwrap_or(Pos { line: 1, column: 1 }));
        error.with_optional_hint(e.hint)
    })?;
    Ok(LoadedDocument { file: file.clone(), root: root.clone(), pointer, doc })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file whose bytes differ from the digest the validating read
    /// recorded is refused, and none of its proposals is handed on.
    #[test]
    fn a_file_changed_since_validation_is_refused() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/saas-gpt4o-internal.yaml");
        let mut visited = 0;
        let (first, _) = read_file(&path, "saas.yaml".into(), &Limits::default()).unwrap();
        visit_file_again(&path, "saas.yaml".into(), &first.sha256, &Limits::default(), &mut |_| {
            visited += 1;
            Ok(())
        })
        .unwrap();
        assert_eq!(visited, 1);
        let other = "0".repeat(64);
        let error = visit_file_again(&path, "saas.yaml".into(), &other, &Limits::default(), &mut |_| {
            visited += 1;
            Ok(())
        })
        .unwrap_err();
        assert!(error.message().contains("saas.yaml: changed while modelgate read it"), "{}", error.message());
        assert_eq!(visited, 1, "nothing judged from the changed file");
    }
}
