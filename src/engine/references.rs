//! Checks that `--policy` modules read only documents that exist.
//!
//! A misspelt reference (`input.modle.id`, `input.data.clases`,
//! `data.modelgate.lib.gdpr.input_goverened`) is undefined for every
//! proposal, so a `deny` guarded by it never fires and the rule passes
//! everything (or, under `not`, always fires). OPA reports input typos only when given a schema (`opa eval
//! --schema`) and data typos not at all. modelgate knows the input's shape
//! (the proposal's sections, the catalog's records, the resolved fields:
//! `engine/input.rs`) and every data document (the mounted data files and the
//! rules every module declares), so every static `input.` and `data.` path in
//! a user module is checked before anything is evaluated.
//!
//! Paths are read from the module text (strings and comments skipped), as
//! the recursion check reads calls: `input.a.b`, `input.a["b"]`,
//! `input.a[_].b`, and paths through `import input.a as x`. A path is
//! checked up to where it stops being static (a variable key into an
//! object). An import alias the module also uses as a plain name (a local
//! variable or argument of the same name) is not followed. Unit tests hold
//! every path the bundled rules read, and every field of every fixture's
//! input, to these shapes.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::catalog::Catalog;
use crate::engine::bundle::{Origin, PolicyFile, PolicySources};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::source::line_column;

/// What a place in the input or in `data` can hold, as far as a path can go
/// into it.
#[derive(Debug, Clone, PartialEq)]
enum Shape {
    /// Anything: not checked further.
    Any,
    /// A string, number, boolean or null: it has no fields.
    Scalar,
    /// A list of items of this shape.
    List(Box<Shape>),
    /// An object with these fields, and, when `others` is given, any other
    /// key holding that shape (a map).
    Object { fields: BTreeMap<String, Shape>, others: Option<Box<Shape>> },
}

impl Shape {
    fn object(fields: impl IntoIterator<Item = (String, Shape)>) -> Shape {
        Shape::Object { fields: fields.into_iter().collect(), others: None }
    }

    /// A place that can hold either shape.
    fn union(self, other: Shape) -> Shape {
        match (self, other) {
            (Shape::Any, _) | (_, Shape::Any) => Shape::Any,
            (Shape::Scalar, x) | (x, Shape::Scalar) => x,
            (Shape::List(a), Shape::List(b)) => Shape::List(Box::new(a.union(*b))),
            (Shape::Object { fields: mut a, others: ao }, Shape::Object { fields: b, others: bo }) => {
                for (key, shape) in b {
                    let merged = match a.remove(&key) {
                        Some(existing) => existing.union(shape),
                        None => shape,
                    };
                    a.insert(key, merged);
                }
                let others = match (ao, bo) {
                    (Some(x), Some(y)) => Some(Box::new(x.union(*y))),
                    (x, y) => x.or(y),
                };
                Shape::Object { fields: a, others }
            }
            // A place that is a list in one record and an object in
            // another is not checked.
            _ => Shape::Any,
        }
    }

    /// The shape of a JSON value (a catalog record): its fields as they are.
    fn of_value(value: &Value) -> Shape {
        match value {
            Value::Object(map) => Shape::object(map.iter().map(|(k, v)| (k.clone(), Shape::of_value(v)))),
            Value::Array(items) => {
                let item = items.iter().map(Shape::of_value).reduce(Shape::union);
                Shape::List(Box::new(item.unwrap_or(Shape::Any)))
            }
            _ => Shape::Scalar,
        }
    }

    /// The shape a JSON Schema (as schemars writes it) allows.
    fn of_schema(schema: &Value, defs: &serde_json::Map<String, Value>, depth: usize) -> Shape {
        let Value::Object(node) = schema else { return Shape::Any };
        if depth > 32 {
            return Shape::Any;
        }
        if let Some(Value::String(target)) = node.get("$ref") {
            let name = target.rsplit('/').next().unwrap_or_default();
            return defs.get(name).map_or(Shape::Any, |def| Shape::of_schema(def, defs, depth + 1));
        }
        for key in ["anyOf", "oneOf", "allOf"] {
            if let Some(Value::Array(branches)) = node.get(key) {
                let shapes = branches.iter().map(|b| Shape::of_schema(b, defs, depth + 1));
                return shapes.reduce(Shape::union).unwrap_or(Shape::Any);
            }
        }
        let properties = node.get("properties").and_then(Value::as_object);
        let additional = node.get("additionalProperties");
        if properties.is_some() || matches!(additional, Some(Value::Object(_))) {
            let fields = properties
                .into_iter()
                .flatten()
                .map(|(key, value)| (key.clone(), Shape::of_schema(value, defs, depth + 1)));
            let others = match additional {
                Some(Value::Bool(false)) | None if properties.is_some() => None,
                Some(Value::Object(value)) => {
                    Some(Box::new(Shape::of_schema(&Value::Object(value.clone()), defs, depth + 1)))
                }
                _ => Some(Box::new(Shape::Any)),
            };
            return Shape::Object { fields: fields.collect(), others };
        }
        if let Some(items) = node.get("items") {
            return Shape::List(Box::new(Shape::of_schema(items, defs, depth + 1)));
        }
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if types.contains(&"object") {
            Shape::Any
        } else if types.contains(&"array") {
            Shape::List(Box::new(Shape::Any))
        } else if types.is_empty() && !node.contains_key("enum") && !node.contains_key("const") {
            Shape::Any
        } else {
            Shape::Scalar
        }
    }
}

/// The shape of the policy input (`engine/input.rs`) under this catalog.
fn input_shape(catalog: &Catalog) -> Shape {
    let schema = serde_json::to_value(schemars::schema_for!(crate::proposal::SubjectSections)).unwrap_or(Value::Null);
    let empty = serde_json::Map::new();
    let defs = schema.get("$defs").and_then(Value::as_object).unwrap_or(&empty);
    let sections = Shape::of_schema(&schema, defs, 0);
    let model = catalog.models().iter().map(|m| Shape::of_value(&m.input_json())).fold(Shape::Scalar, Shape::union);
    let unknown_license = Shape::object(["id", "known"].map(|k| (k.to_string(), Shape::Scalar)));
    let license = catalog.licenses().map(|l| Shape::of_value(&l.input_json())).fold(unknown_license, Shape::union);
    let scalars = |keys: &[&str]| Shape::object(keys.iter().map(|k| (k.to_string(), Shape::Scalar)));
    let card = scalars(&[
        "path",
        "license",
        "license_line",
        "license_name",
        "license_link",
        "declared",
        "base_model_relation",
    ])
    .union(Shape::object(["base_models", "base_ids"].map(|k| (k.to_string(), Shape::List(Box::new(Shape::Scalar))))));
    let resolved = Shape::object([
        ("model".to_string(), model.clone()),
        ("lineage".to_string(), Shape::List(Box::new(model))),
        ("license".to_string(), scalars(&["expression", "source", "alternative", "alternatives", "catalog"])),
        ("licenses".to_string(), Shape::List(Box::new(license))),
        ("card".to_string(), card),
        ("air_gapped_siblings".to_string(), Shape::List(Box::new(Shape::Scalar))),
    ]);
    let extra = Shape::object([
        ("route".to_string(), Shape::Scalar),
        ("now".to_string(), Shape::Scalar),
        ("resolved".to_string(), resolved),
    ]);
    sections.union(extra)
}

/// One step of a reference path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    /// `.name` or `["name"]`.
    Key(String),
    /// `[x]` with anything but a string literal.
    Index,
}

/// A reference into the input or `data` found in module text.
#[derive(Debug)]
struct Reference {
    /// Byte offset of its first character.
    offset: usize,
    /// The path as written, for messages.
    text: String,
    steps: Vec<Step>,
}

/// Checks every `input.` path of the `--policy` modules (tests left out).
pub fn check_input_references(sources: &PolicySources, catalog: &Catalog) -> Result<()> {
    let mut user = sources.modules.iter().filter(|f| f.origin == Origin::User).peekable();
    if user.peek().is_none() {
        return Ok(());
    }
    let shape = input_shape(catalog);
    for file in user {
        check_text(&file.text, Root::Input, &shape).map_err(|found| located(file, found))?;
    }
    Ok(())
}

/// Checks every `data.` path of the `--policy` modules (tests left out)
/// against the mounted data and the rules the modules declare (`package`
/// components and rule names).
pub fn check_data_references(
    data: &regorus::Value,
    declared: &[(Vec<String>, Vec<String>)],
    files: &[&PolicyFile],
) -> Result<()> {
    let mut user = files.iter().filter(|f| f.origin == Origin::User).peekable();
    if user.peek().is_none() {
        return Ok(());
    }
    let shape = data_shape(data, declared);
    for file in user {
        if let Some(found) = shadowing_import(&file.text) {
            return Err(located(file, found));
        }
        check_text(&file.text, Root::Data, &shape).map_err(|found| located(file, found))?;
    }
    Ok(())
}

/// An import that binds the name `data` or `input` to another document
/// (`import input.data`): its offset and the message. OPA reads `data.x`
/// in that module as `input.data.x`; regorus keeps reading the data
/// document, so every path through the import is undefined and the rules
/// reading it judge every proposal alike.
fn shadowing_import(text: &str) -> Option<(usize, String)> {
    for (start, after) in reference_heads(text) {
        if &text[start..after] != "import" {
            continue;
        }
        for root in ["input", "data"] {
            let Some((alias, steps)) = import_alias(text, after, root) else { continue };
            let Some(name) = ["data", "input"].into_iter().find(|name| *name == alias) else { continue };
            let path: String = steps
                .iter()
                .map(|s| match s {
                    Step::Key(k) => format!(".{k}"),
                    Step::Index => "[_]".to_string(),
                })
                .collect();
            let imported = format!("{root}{path}");
            return Some((
                start,
                format!(
                    "`import {imported}` binds the name `{name}`, which an import may not take over here: \
                     regorus goes on reading `{name}.` paths in this module from the {name} document, not \
                     from `{imported}` (OPA would read them from the import), so the rule would judge every \
                     proposal alike; name the import (`import {imported} as {short}`) and read `{short}.` \
                     paths, or write `{imported}.` in full",
                    short = if name == "data" { "d" } else { "i" },
                ),
            ));
        }
    }
    None
}

fn located(file: &PolicyFile, (offset, message): (usize, String)) -> Error {
    let (line, column) = line_column(&file.text, offset);
    Error::at(ErrorKind::Policy, message, Location { file: file.path.clone(), line, column })
        .with_source_text(file.text.clone())
}

/// The data documents: the mounted data, and every rule a module declares
/// (its value is not known before evaluation, so anything below it goes).
fn data_shape(data: &regorus::Value, declared: &[(Vec<String>, Vec<String>)]) -> Shape {
    let mounted = serde_json::to_value(data).map_or(Shape::Any, |json| Shape::of_value(&json));
    declared.iter().fold(mounted, |shape, (package, names)| {
        let rules = Shape::object(names.iter().map(|name| (name.clone(), Shape::Any)));
        let nested = package.iter().rev().fold(rules, |inner, component| Shape::object([(component.clone(), inner)]));
        shape.union(nested)
    })
}

/// The document a reference starts from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Root {
    Input,
    Data,
}

impl Root {
    fn name(self) -> &'static str {
        match self {
            Root::Input => "input",
            Root::Data => "data",
        }
    }

    /// The command that prints the document, for messages.
    fn printed_by(self) -> &'static str {
        match self {
            Root::Input => "`modelgate parse FILE` prints the input",
            Root::Data => "`modelgate parse --data` prints the data",
        }
    }

    /// What the places below it are called in messages.
    fn member(self) -> &'static str {
        match self {
            Root::Input => "field",
            Root::Data => "rule or document",
        }
    }
}

/// The first reference in `text` the shape does not allow: its offset and
/// the message.
fn check_text(text: &str, root: Root, shape: &Shape) -> std::result::Result<(), (usize, String)> {
    for reference in references(text, root.name()) {
        if let Some(message) = judge(&reference, root, shape) {
            return Err((reference.offset, message));
        }
    }
    Ok(())
}

/// Why a reference cannot be defined, if it cannot.
fn judge(reference: &Reference, root: Root, shape: &Shape) -> Option<String> {
    let mut at = shape;
    let mut walked = String::from(root.name());
    let mut widened;
    for step in &reference.steps {
        match (at, step) {
            (Shape::Any, _) => return None,
            (Shape::Scalar, Step::Key(key)) => {
                return Some(format!(
                    "`{}` reads `{key}` of `{walked}`, which is a single value, not an object: it is undefined for \
                     every proposal, so the rule judges them all alike ({})",
                    reference.text,
                    root.printed_by()
                ));
            }
            (Shape::Scalar, Step::Index) => return None,
            (Shape::List(_), Step::Key(key)) => {
                return Some(format!(
                    "`{}` reads `{key}` of `{walked}`, which is a list: read its items with `{walked}[_].{key}` or \
                     `some item in {walked}`; as written it is undefined for every proposal, so the rule judges them \
                     all alike",
                    reference.text
                ));
            }
            (Shape::List(item), Step::Index) => {
                at = item;
                walked.push_str("[_]");
            }
            (Shape::Object { fields, others }, Step::Key(key)) => match (fields.get(key), others) {
                (Some(next), _) => {
                    at = next;
                    walked.push('.');
                    walked.push_str(key);
                }
                (None, Some(next)) => {
                    at = next;
                    walked.push_str(&format!("[{key:?}]"));
                }
                (None, None) => {
                    let hint = crate::error::did_you_mean(key, fields.keys().map(String::as_str))
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default();
                    // Names starting with `_` are a package's private helpers.
                    let mut known: Vec<&str> =
                        fields.keys().map(String::as_str).filter(|k| !k.starts_with('_')).take(LISTED + 1).collect();
                    if known.len() > LISTED {
                        known[LISTED] = "...";
                    }
                    let member = root.member();
                    return Some(format!(
                        "`{}` is undefined for every proposal, so the rule judges them all alike (a test of it never \
                         holds, a `not` of it always does): `{walked}` has no {member} `{key}`{hint}; it has {}",
                        reference.text,
                        known.join(", ")
                    ));
                }
            },
            (Shape::Object { fields, others }, Step::Index) => {
                // A variable key ranges over every field.
                let all = fields.values().cloned().chain(others.iter().map(|o| (**o).clone()));
                widened = all.reduce(Shape::union).unwrap_or(Shape::Any);
                at = &widened;
                walked.push_str("[_]");
            }
        }
    }
    None
}

/// How many names a message lists of a place that lacks the one read.
const LISTED: usize = 16;

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The end of a string literal starting at `start` (at its quote).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Every reference from `root` (`input` or `data`) in module text, direct
/// and through `import <root>... as x` aliases.
fn references(text: &str, root: &str) -> Vec<Reference> {
    let mut aliases: BTreeMap<String, Vec<Step>> = BTreeMap::new();
    let mut found = Vec::new();
    for (start, after) in reference_heads(text) {
        let name = &text[start..after];
        let prefix = match name {
            _ if name == root => Some(Vec::new()),
            "import" => {
                if let Some((alias, path)) = import_alias(text, after, root) {
                    if !used_as_plain_name(text, &alias) {
                        aliases.insert(alias, path);
                    }
                }
                None
            }
            other => aliases.get(other).cloned(),
        };
        let Some(mut steps) = prefix else { continue };
        let (more, end) = path_steps(text, after);
        if more.is_empty() {
            continue;
        }
        steps.extend(more);
        found.push(Reference { offset: start, text: text[start..end].to_string(), steps });
    }
    found
}

/// The names in Rego text that can start a reference (not after a `.`, not
/// inside a longer name), as byte spans; strings and comments skipped.
fn reference_heads(text: &str) -> Vec<(usize, usize)> {
    let code = super::recursion::blank_strings_and_comments(text);
    let bytes = code.as_bytes();
    let mut heads = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if is_name_start(bytes[i]) && (i == 0 || !(is_name_char(bytes[i - 1]) || bytes[i - 1] == b'.')) {
            let start = i;
            while i < bytes.len() && is_name_char(bytes[i]) {
                i += 1;
            }
            heads.push((start, i));
        } else {
            i += 1;
        }
    }
    heads
}

/// `import <root>.a.b as x` (or without `as`: the last name) read from just
/// after `import`: the alias and the path below the root.
fn import_alias(text: &str, after_import: usize, root: &str) -> Option<(String, Vec<Step>)> {
    let rest = &text[after_import..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let from = after_import + (rest.len() - trimmed.len());
    let path = trimmed.strip_prefix(root)?;
    if path.bytes().next().is_some_and(is_name_char) {
        return None;
    }
    let (steps, end) = path_steps(text, from + root.len());
    if steps.is_empty() {
        return None;
    }
    let tail = text[end..].lines().next().unwrap_or_default().trim();
    let alias = match tail.strip_prefix("as") {
        Some(name) if name.starts_with([' ', '\t']) => name.trim().to_string(),
        _ => match steps.last() {
            Some(Step::Key(key)) => key.clone(),
            _ => return None,
        },
    };
    alias.bytes().all(is_name_char).then_some((alias, steps))
}

/// Whether `name` appears in `text` other than as the head of a path or a
/// call, or in an `import` line: a local variable or an argument that
/// shadows an import of that name, whose paths are then not followed.
fn used_as_plain_name(text: &str, name: &str) -> bool {
    let cleaned = super::recursion::blank_strings_and_comments(text);
    cleaned.lines().filter(|line| !line.trim_start().starts_with("import ")).any(|line| {
        let bytes = line.as_bytes();
        line.match_indices(name).any(|(at, _)| {
            let end = at + name.len();
            let before_ok = at == 0 || !(is_name_char(bytes[at - 1]) || bytes[at - 1] == b'.');
            let after = bytes.get(end).copied();
            before_ok && !after.is_some_and(|c| is_name_char(c) || c == b'.' || c == b'[' || c == b'(')
        })
    })
}

/// The steps of a reference after its head, from byte `at`, and where it
/// ends.
fn path_steps(text: &str, mut at: usize) -> (Vec<Step>, usize) {
    let bytes = text.as_bytes();
    let mut steps = Vec::new();
    loop {
        match bytes.get(at) {
            Some(b'.') if bytes.get(at + 1).copied().is_some_and(is_name_start) => {
                let start = at + 1;
                let mut end = start;
                while end < bytes.len() && is_name_char(bytes[end]) {
                    end += 1;
                }
                steps.push(Step::Key(text[start..end].to_string()));
                at = end;
            }
            Some(b'[') => {
                let Some(close) = bracket_end(bytes, at) else { return (steps, at) };
                let inner = text[at + 1..close].trim();
                let literal = inner.len() >= 2
                    && inner.starts_with('"')
                    && string_end(inner.as_bytes(), 0) == inner.len()
                    && !inner.contains('\\');
                steps.push(if literal { Step::Key(inner[1..inner.len() - 1].to_string()) } else { Step::Index });
                at = close + 1;
            }
            _ => return (steps, at),
        }
    }
}

/// The index of the `]` closing the `[` at `open`, strings skipped.
fn bracket_end(bytes: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'"' | b'`' => {
                i = string_end(bytes, i);
                continue;
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            b'\n' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape() -> Shape {
        input_shape(&Catalog::bundled().unwrap())
    }

    fn first_error(text: &str) -> Option<String> {
        check_text(text, Root::Input, &shape()).err().map(|(_, message)| message)
    }

    #[test]
    fn every_path_the_bundled_policies_read_is_in_the_shape() {
        let shape = shape();
        let sources = PolicySources::bundled();
        let read: usize = sources.modules.iter().map(|f| references(&f.text, "input").len()).sum();
        assert!(read > 300, "the bundled policies read the input only {read} times");
        for file in &sources.modules {
            if let Err((offset, message)) = check_text(&file.text, Root::Input, &shape) {
                panic!("{}:{:?}: {message}", file.path, line_column(&file.text, offset));
            }
        }
    }

    #[test]
    fn every_data_path_the_bundled_policies_read_exists() {
        let sources = PolicySources::bundled();
        let files: Vec<&PolicyFile> = sources.modules.iter().collect();
        let mut engine = super::super::load(&files, &sources.data).unwrap();
        let declared: Vec<(Vec<String>, Vec<String>)> = super::super::modules(&mut engine)
            .unwrap()
            .into_iter()
            .map(|i| (i.package, i.names.into_iter().collect()))
            .collect();
        let shape = data_shape(&engine.get_data(), &declared);
        let read: usize = files.iter().map(|f| references(&f.text, "data").len()).sum();
        assert!(read > 300, "the bundled policies read data only {read} times");
        for file in &files {
            if let Err((offset, message)) = check_text(&file.text, Root::Data, &shape) {
                panic!("{}:{:?}: {message}", file.path, line_column(&file.text, offset));
            }
        }
        let misspelt = "import data.modelgate.lib.gdpr\nx if gdpr.input_goverened\n";
        let (_, message) = check_text(misspelt, Root::Data, &shape).unwrap_err();
        assert!(message.contains("`data.modelgate.lib.gdpr` has no rule or document `input_goverened`"), "{message}");
        assert!(message.contains("did you mean `input_governed`"), "{message}");
        let facts = "x if \"US\" in data.modelgate.facts.geography.eea_countries\n";
        assert!(check_text(facts, Root::Data, &shape).is_err());
        // An import alias the module also uses as a variable is not followed.
        let shadowed = "import data.modelgate.lib.gdpr\nf(gdpr) := gdpr.whatever\n";
        assert!(check_text(shadowed, Root::Data, &shape).is_ok());
    }

    #[test]
    fn an_import_that_takes_the_name_data_or_input_is_refused_at_the_import() {
        // A team wrote `import input.data` to read `data.classes` as OPA
        // does; regorus reads the data document instead, and the reference
        // check used to say only that `data` has no `classes`.
        let text = "package x\n\nimport input.data\nimport rego.v1\n\ny if \"phi\" in data.classes\n";
        let (offset, message) = shadowing_import(text).unwrap();
        assert_eq!(line_column(text, offset), (3, 1));
        assert!(message.contains("`import input.data` binds the name `data`"), "{message}");
        assert!(message.contains("`import input.data as d`"), "{message}");
        let (_, message) = shadowing_import("import data.modelgate.facts.acme.input\n").unwrap();
        assert!(message.contains("binds the name `input`"), "{message}");
        for fine in [
            "import input.data as d\n",
            "import input.deployment\n",
            "import data.modelgate.lib.gdpr\n",
            "# import input.data\nx := \"import input.data\"\n",
            "import data\nimport input\n",
        ] {
            assert_eq!(shadowing_import(fine), None, "{fine}");
        }
    }

    #[test]
    fn a_misspelt_section_is_named_with_the_field_meant() {
        let message = first_error("package x\ndeny contains \"no\" if input.modle.id == \"gpt-4o\"\n").unwrap();
        assert!(message.contains("`input.modle.id` is undefined for every proposal"), "{message}");
        assert!(message.contains("`input` has no field `modle`"), "{message}");
        assert!(message.contains("did you mean `model`"), "{message}");
    }

    #[test]
    fn paths_below_lists_maps_brackets_and_aliases_are_followed() {
        assert_eq!(first_error("x if input.data.classes[_] == \"phi\"\n"), None);
        assert_eq!(first_error("x if input[\"data\"][\"classes\"]\n"), None);
        assert_eq!(first_error("x if some l in input.resolved.licenses; l.id\n"), None);
        assert_eq!(first_error("x if input.resolved.licenses[i].terms\n"), None);
        let message = first_error("x if input.resolved.licenses.id == \"mit\"\n").unwrap();
        assert!(message.contains("which is a list"), "{message}");
        let message = first_error("x if input[\"data\"][\"clases\"]\n").unwrap();
        assert!(message.contains("`input.data` has no field `clases`"), "{message}");
        let message = first_error("import input.deployment as d\nx if d.netwrok == \"air_gapped\"\n").unwrap();
        assert!(message.contains("`input.deployment` has no field `netwrok`"), "{message}");
        let message = first_error("x if input.model.id.name\n").unwrap();
        assert!(message.contains("a single value"), "{message}");
    }

    #[test]
    fn strings_comments_and_other_names_are_not_references() {
        assert_eq!(first_error("# input.modle\nx := \"input.modle\"\ny := my_input.modle\nz := a.input.modle\n"), None);
        assert_eq!(first_error("t if { true } with input as {\"modle\": 1}\n"), None);
    }

    /// The first place in `value` that `shape` does not allow.
    fn unknown_place(shape: &Shape, value: &Value, at: String) -> Option<String> {
        match (shape, value) {
            (Shape::Any, _) | (_, Value::Null) => None,
            (Shape::Object { fields, others }, Value::Object(map)) => {
                map.iter().find_map(|(key, v)| match fields.get(key).or(others.as_deref()) {
                    Some(inner) => unknown_place(inner, v, format!("{at}.{key}")),
                    None => Some(format!("{at}.{key}")),
                })
            }
            (Shape::List(item), Value::Array(items)) => {
                items.iter().find_map(|v| unknown_place(item, v, format!("{at}[_]")))
            }
            (Shape::Scalar, Value::Object(_) | Value::Array(_)) | (Shape::List(_), _) | (Shape::Object { .. }, _) => {
                Some(at)
            }
            (Shape::Scalar, _) => None,
        }
    }

    #[test]
    fn every_field_of_every_fixture_input_is_in_the_shape() {
        let context = crate::check::Context::new(&[]).unwrap();
        let shape = input_shape(&context.catalog);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = Vec::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if crate::proposal::is_proposal_file_name(&path.to_string_lossy()) {
                    files.push(path);
                }
            }
        }
        let mut inputs = 0;
        for path in files {
            // Invalid fixtures and other documents are not inputs.
            let Ok(set) = crate::proposal::load_paths(std::slice::from_ref(&path), &Default::default()) else {
                continue;
            };
            let Ok(subjects) = context.subjects(&set) else { continue };
            for subject in subjects {
                for alternative in 0..subject.license.alternatives.len() {
                    let input = crate::engine::input::build(&subject, alternative, &context.catalog, "2026-01-01");
                    if let Some(place) = unknown_place(&shape, &input, "input".into()) {
                        panic!("{}: {place} is not in the input shape", path.display());
                    }
                    inputs += 1;
                }
            }
        }
        assert!(inputs > 100, "only {inputs} fixture inputs were read");
    }

    #[test]
    fn the_offset_is_where_the_reference_starts() {
        let text = "package x\n\ndeny contains m if {\n\tinput.modle.id\n}\n";
        let (offset, _) = check_text(text, Root::Input, &shape()).unwrap_err();
        assert_eq!(line_column(text, offset), (4, 2));
    }
}
