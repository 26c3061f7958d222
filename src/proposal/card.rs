//! Hugging Face model cards (`model.card: PATH`): the YAML front matter of a
//! card's README.md gives the declared license (`license`, or `license: other`
//! with `license_name` and `license_link`) and the lineage (`base_model`,
//! `base_model_relation`). Both resolve through the catalog's aliases.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::de::from_node;
use crate::error::{Error, ErrorKind, Result};
use crate::source::{Limits, Pos, SourceFile};

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
    /// `base_model_relation:` (adapter, merge, quantized, finetune), if given.
    pub base_model_relation: Option<String>,
    /// The line of `license:` in the card, for messages.
    pub license_line: Option<u32>,
    /// Where `license:` is in the card, for errors.
    #[serde(skip)]
    pub license_pos: Option<Pos>,
    /// The card's text, for errors.
    #[serde(skip)]
    pub file: Option<Arc<SourceFile>>,
}

/// Reads the card at `path` (relative paths are taken from the proposal
/// file's directory). `display` is how the path is shown.
pub fn read(path: &Path, display: String) -> Result<ModelCard> {
    let limits = Limits::default();
    let file = SourceFile::read(path, display.clone(), &limits, ErrorKind::Input)?;
    let front = front_matter(&file)?;
    let card_file = Arc::new(file);
    let (matter, license_pos) = match front {
        None => (FrontMatter::default(), None),
        // Front matter with no key (`---` then `---`, or comments only)
        // declares nothing, as a card without front matter.
        Some(text) if text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) => {
            (FrontMatter::default(), None)
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
            (matter, pos)
        }
    };
    let base_models = match matter.base_model {
        None => Vec::new(),
        Some(OneOrMany::One(one)) => vec![one],
        Some(OneOrMany::Many(many)) => many,
    };
    Ok(ModelCard {
        path: display,
        license: matter.license,
        license_name: matter.license_name,
        license_link: matter.license_link,
        declared: None,
        base_models,
        base_model_relation: matter.base_model_relation,
        license_line: license_pos.map(|p| p.line),
        license_pos,
        file: Some(card_file),
    })
}

/// The front matter with the same line numbers as the file: the opening
/// `---` becomes a comment line and the text stops at the closing `---`.
fn front_matter(file: &SourceFile) -> Result<Option<String>> {
    let text = file.text.trim_start_matches('\u{feff}');
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {}
        _ => return Ok(None),
    }
    let mut out = String::from("#\n");
    for line in lines {
        if line.trim_end() == "---" {
            return Ok(Some(out));
        }
        out.push_str(line);
    }
    Err(file.error(ErrorKind::Input, "model card front matter has no closing `---`", Pos { line: 1, column: 1 }))
}

impl ModelCard {
    /// The name of the declared license to look up in the catalog:
    /// `license_name` when `license: other`, else `license`.
    pub fn declared_name(&self) -> Option<&str> {
        match self.license.as_deref() {
            Some("other") => self.license_name.as_deref(),
            other => other,
        }
    }

    /// An error at the card's `license:` line.
    pub fn license_error(&self, message: String, hint: Option<String>) -> Error {
        let error = match &self.file {
            Some(file) => file.error(ErrorKind::Input, message, self.license_pos.unwrap_or(Pos { line: 1, column: 1 })),
            None => Error::new(ErrorKind::Input, message),
        };
        error.with_optional_hint(hint)
    }
}
