//! Hugging Face model cards (`model.card: PATH`): the YAML front matter of a
//! card's README.md gives the declared license (`license`, or `license: other`
//! with `license_name` and `license_link`) and the lineage (`base_model`,
//! `base_model_relation`). Both resolve through the catalog's aliases.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::de::from_node;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::source::{Limits, Node, Pos, SourceFile};

/// The front matter fields modelgate reads; every other key is ignored (cards
/// carry tags, datasets, metrics and more).
#[derive(Debug, Clone, Default, Deserialize)]
struct FrontMatter {
    #[serde(default)]
    license: Option<String>,
    #[serde(default)]
    license_name: Option<String>,
    #[serde(default)]
    license_link: Option<String>,
    #[serde(default)]
    base_model: Option<OneOrMany>,
    #[serde(default)]
    base_model_relation: Option<String>,
}

/// `base_model:` as cards write it: one id, or a list (a merge).
#[derive(Debug, Clone)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct IdOrList;
        impl<'de> serde::de::Visitor<'de> for IdOrList {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a model id or a list of model ids")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<OneOrMany, E> {
                Ok(OneOrMany::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<OneOrMany, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    ids.push(id);
                }
                Ok(OneOrMany::Many(ids))
            }
        }
        // Not `untagged`: its error names the Rust type ("data did not
        // match any variant of untagged enum OneOrMany") and no position.
        deserializer.deserialize_any(IdOrList)
    }
}

/// A card as the policies see it (`input.resolved.card`).
#[derive(Debug, Clone, Serialize)]
pub struct ModelCard {
    /// The card file, as resolved from the proposal.
    pub path: String,
    /// `license:` as written (`llama3.1`, `apache-2.0`, `other`).
    pub license: Option<String>,
    /// `license_name:` as written (with `license: other`).
    pub license_name: Option<String>,
    /// `license_link:` as written.
    pub license_link: Option<String>,
    /// The catalog license id the declaration resolves to, if it does.
    pub declared: Option<String>,
    /// `base_model:` ids as written (a merge has several).
    pub base_models: Vec<String>,
    /// The catalog ids the `base_model:` ids resolve to (the model itself
    /// and ids outside the catalog left out).
    pub base_ids: Vec<String>,
    /// `base_model_relation:` (adapter, merge, quantized, finetune), if given.
    pub base_model_relation: Option<String>,
    /// The line of `license:` in the card, for messages.
    pub license_line: Option<u32>,
    /// Where each `base_model:` id is in the card, for errors.
    #[serde(skip)]
    pub base_model_pos: Vec<Pos>,
    /// The card's text, for errors.
    #[serde(skip)]
    pub file: Option<Arc<SourceFile>>,
    /// The front matter as read, with its positions in the card file, for
    /// findings that point at a field of the card.
    #[serde(skip)]
    pub front: Option<Node>,
    /// Where the front matter opens (its `---` line), else the top of the
    /// card: where a finding about a field the card leaves out points.
    #[serde(skip)]
    pub front_start: Pos,
}

/// Reads the card at `path` (relative paths are taken from the proposal
/// file's directory). `display` is how the path is shown.
pub fn read(path: &Path, display: String) -> Result<ModelCard> {
    let limits = Limits::default();
    let file = SourceFile::read(path, display.clone(), &limits, ErrorKind::Input)?;
    let front = front_matter(&file)?;
    let card_file = Arc::new(file);
    let front_start = Pos { line: front.as_ref().map_or(1, |(opening, _)| *opening), column: 1 };
    let front = front.map(|(_, text)| text);
    let mut front_node = None;
    let (matter, license_pos, base_model_pos) = match front {
        None => (FrontMatter::default(), None, Vec::new()),
        // Front matter with no key (`---` then `---`, or comments only)
        // declares nothing, as a card without front matter.
        Some(text) if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => {
            (FrontMatter::default(), None, Vec::new())
        }
        Some(text) => {
            let source = SourceFile::from_text(display.clone(), text);
            let documents = source.documents(&limits, ErrorKind::Input)?;
            let node = documents.into_iter().next().expect("documents() never returns an empty list");
            let matter: FrontMatter = from_node(&node, "").map_err(|e| {
                let error = card_file.error(
                    ErrorKind::Input,
                    format!("model card front matter: {}", e.describe()),
                    e.pos.unwrap_or_default(),
                );
                error.with_optional_hint(e.hint)
            })?;
            let pos = node.node_at("/license").map(|_| node.locate("/license").0);
            let base_pos = match node.node_at("/base_model") {
                Some(crate::source::Node { value: crate::source::Value::Seq(items), .. }) => {
                    items.iter().map(|item| item.pos).collect()
                }
                Some(one) => vec![one.pos],
                None => Vec::new(),
            };
            front_node = Some(node);
            (matter, pos, base_pos)
        }
    };
    // Block scalars (`license: |`) end in a newline and hand-written values
    // carry stray spaces: both are the same label. A blank value is no value.
    let base_models = match matter.base_model {
        None => Vec::new(),
        Some(OneOrMany::One(one)) => vec![one],
        Some(OneOrMany::Many(many)) => many,
    };
    let base_models = base_models.iter().map(|id| id.trim().to_string()).collect();
    Ok(ModelCard {
        path: display,
        license: clean(matter.license),
        license_name: clean(matter.license_name),
        license_link: clean(matter.license_link),
        declared: None,
        base_models,
        base_ids: Vec::new(),
        base_model_relation: clean(matter.base_model_relation),
        license_line: license_pos.map(|p| p.line),
        base_model_pos,
        file: Some(card_file),
        front: front_node,
        front_start,
    })
}

/// A front matter string as the label it is: trimmed, `None` when blank.
fn clean(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

/// The front matter with the same line numbers as the file: the opening
/// `---` becomes a comment line and the text stops at the closing `---`.
/// Blank lines may come before the opening `---`, as the Hub reads cards
/// (its pattern starts `^\s*---`); they stay as blank lines.
fn front_matter(file: &SourceFile) -> Result<Option<(u32, String)>> {
    let text = file.text.trim_start_matches('\u{feff}');
    let mut lines = text.split_inclusive('\n');
    let mut out = String::new();
    let mut opening: u32 = 1;
    loop {
        match lines.next() {
            Some(line) if line.trim().is_empty() => {
                out.push('\n');
                opening += 1;
            }
            Some(first) if first.trim_end() == "---" => break,
            _ => return Ok(None),
        }
    }
    out.push_str("#\n");
    for line in lines {
        if line.trim_end() == "---" {
            return Ok(Some((opening, out)));
        }
        out.push_str(line);
    }
    Err(file.error(ErrorKind::Input, "model card front matter has no closing `---`", Pos { line: opening, column: 1 }))
}

impl ModelCard {
    /// The name of the declared license to look up in the catalog:
    /// `license_name` when `license: other`, else `license`.
    /// `other` is matched in any case (`Other`), as labels are.
    pub fn declared_name(&self) -> Option<&str> {
        if self.says_other() {
            self.license_name.as_deref()
        } else {
            self.license.as_deref()
        }
    }

    /// Whether `license:` is `other` (any case): the license is named by
    /// `license_name`, if at all.
    pub fn says_other(&self) -> bool {
        self.license.as_deref().is_some_and(|l| l.eq_ignore_ascii_case("other"))
    }

    /// The JSON pointer, into the card's front matter, of a field of the
    /// card as the policies see it (`input.resolved.card`): `/license` for
    /// `license`, `/base_model/1` for `base_models/1`. `declared` is the
    /// label it was resolved from (`license_name` under `license: other`);
    /// fields the card does not write (`path`) name the front matter.
    pub fn pointer(&self, field: &str) -> String {
        let mut segments = field.trim_start_matches('/').splitn(2, '/');
        let name = segments.next().unwrap_or("");
        let rest = segments.next();
        let base_is_list = matches!(
            self.front.as_ref().and_then(|f| f.get("base_model")),
            Some(Node { value: crate::source::Value::Seq(_), .. })
        );
        match name {
            "license" | "license_name" | "license_link" | "base_model_relation" => format!("/{name}"),
            "declared" if self.says_other() && self.license_name.is_some() => "/license_name".to_string(),
            "declared" => "/license".to_string(),
            "base_models" => match rest {
                Some(index) if base_is_list => format!("/base_model/{index}"),
                _ => "/base_model".to_string(),
            },
            "base_ids" => "/base_model".to_string(),
            _ => String::new(),
        }
    }

    /// The place in the card file of a pointer from [`ModelCard::pointer`]:
    /// the key (or list item) it names, else the front matter's opening
    /// line (or the card's first line, for a card without front matter),
    /// the section that would hold a field the card leaves out.
    pub fn location(&self, pointer: &str) -> Location {
        let pos = match self.front.as_ref().map(|f| f.locate(pointer)) {
            Some((pos, true)) if !pointer.is_empty() => pos,
            _ => self.front_start,
        };
        Location { file: self.path.clone(), line: pos.line, column: pos.column }
    }

    /// An error at the card's `base_model` entry `index`.
    pub fn base_model_error(&self, index: usize, message: String, hint: Option<String>) -> Error {
        let pos = self.base_model_pos.get(index).copied().unwrap_or(Pos { line: 1, column: 1 });
        let error = match &self.file {
            Some(file) => file.error(ErrorKind::Input, message, pos),
            None => Error::new(ErrorKind::Input, message),
        };
        error.with_optional_hint(hint)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(name: &str, text: &str) -> Result<ModelCard> {
        let dir = std::env::temp_dir().join(format!("modelgate-card-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("README.md");
        std::fs::write(&path, text).unwrap();
        let result = read(&path, "README.md".to_string());
        std::fs::remove_dir_all(&dir).unwrap();
        result
    }

    #[test]
    fn front_matter_after_blank_lines_is_read_with_its_own_line_numbers() {
        // The Hub's pattern starts `^\s*---`: it reads such a card.
        let c =
            card("blank", "\n\n---\nlicense: apache-2.0\nbase_model: Qwen/Qwen2.5-7B-Instruct\n---\n# x\n").unwrap();
        assert_eq!(c.license.as_deref(), Some("apache-2.0"));
        assert_eq!(c.license_line, Some(4));
        assert_eq!(c.base_model_pos, vec![Pos { line: 5, column: 13 }]);
        // Text before the `---` is no front matter.
        let c = card("text", "# Title\n---\nlicense: mit\n---\n").unwrap();
        assert_eq!(c.license, None);
        // An unclosed front matter is refused at its opening line.
        let e = card("open", "\n---\nlicense: mit\n").unwrap_err();
        assert!(e.to_string().contains("README.md:2:1"), "{e}");
    }

    #[test]
    fn labels_are_trimmed_and_other_is_matched_in_any_case() {
        let c =
            card("other", "---\nlicense: Other\nlicense_name: |\n  tongyi-qianwen\nlicense_link: ' LICENSE '\n---\n")
                .unwrap();
        assert!(c.says_other());
        assert_eq!(c.declared_name(), Some("tongyi-qianwen"));
        assert_eq!(c.license_link.as_deref(), Some("LICENSE"));
        // A blank label is no label.
        let c = card("blank-label", "---\nlicense: '  '\nbase_model: ' meta-llama/Llama-3.1-8B '\n---\n").unwrap();
        assert_eq!(c.license, None);
        assert_eq!(c.base_models, vec!["meta-llama/Llama-3.1-8B".to_string()]);
        // `license: other` with no name names nothing, but still says other.
        let c = card("other-alone", "---\nlicense: OTHER\n---\n").unwrap();
        assert!(c.says_other());
        assert_eq!(c.declared_name(), None);
    }

    #[test]
    fn each_base_model_of_a_merge_has_its_position_in_the_card() {
        let c = card("merge", "\u{feff}---\r\nbase_model:\r\n- a/one\r\n- b/two\r\n---\r\n").unwrap();
        assert_eq!(c.base_models, vec!["a/one".to_string(), "b/two".to_string()]);
        assert_eq!(c.base_model_pos, vec![Pos { line: 3, column: 3 }, Pos { line: 4, column: 3 }]);
        let e = c.base_model_error(1, "unknown".to_string(), None);
        assert!(e.to_string().contains("README.md:4:3"), "{e}");
    }
}
