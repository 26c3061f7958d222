//! License terms and the model catalog (DESIGN §3), loaded from the bundled
//! `licenses/` directory and validated at start.

pub mod expr;
pub mod license;
pub mod model;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

pub use expr::Expression;
pub use license::LicenseRecord;
pub use model::ModelRecord;

use crate::de::from_node;
use crate::digest::sha256_hex;
use crate::error::{did_you_mean, Error, ErrorKind, Result};
use crate::proposal::DeploymentKind;
use crate::source::{Limits, Pos, SourceFile};

/// A license record with what the engine hands to the policies.
#[derive(Debug)]
pub struct LicenseEntry {
    /// The record.
    pub record: LicenseRecord,
    /// The record as JSON, the form `input.resolved.licenses` carries.
    pub json: serde_json::Value,
    /// The file it came from.
    pub file: String,
}

/// A file the catalog was built from, with its digest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CatalogFile {
    /// Path (`licenses/models.yaml`).
    pub path: String,
    /// sha256 of the contents, hex.
    pub sha256: String,
}

/// The loaded, validated catalog.
#[derive(Debug)]
pub struct Catalog {
    licenses: BTreeMap<String, Arc<LicenseEntry>>,
    /// Lower-cased id or alias -> id.
    license_names: HashMap<String, String>,
    models: Vec<Arc<ModelRecord>>,
    /// Lower-cased id or alias -> index into `models`.
    model_names: HashMap<String, usize>,
    files: Vec<CatalogFile>,
}

/// The file that holds the model list.
pub const MODELS_FILE: &str = "licenses/models.yaml";

impl Catalog {
    /// The catalog compiled into the binary.
    pub fn bundled() -> Result<Catalog> {
        Catalog::from_files(crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t)))
    }

    /// Builds a catalog from `licenses/*.yaml` files and `licenses/models.yaml`.
    pub fn from_files(files: impl IntoIterator<Item = SourceFile>) -> Result<Catalog> {
        let limits = Limits::default();
        let mut catalog = Catalog {
            licenses: BTreeMap::new(),
            license_names: HashMap::new(),
            models: Vec::new(),
            model_names: HashMap::new(),
            files: Vec::new(),
        };
        let mut models_file = None;
        for file in files {
            catalog.files.push(CatalogFile { path: file.path.clone(), sha256: sha256_hex(file.text.as_bytes()) });
            if file.path.ends_with("/models.yaml") || file.path == "models.yaml" {
                models_file = Some(file);
            } else {
                catalog.add_license(file, &limits)?;
            }
        }
        let models_file =
            models_file.ok_or_else(|| Error::new(ErrorKind::Catalog, format!("the catalog has no {MODELS_FILE}")))?;
        catalog.add_models(&models_file, &limits)?;
        catalog.files.sort();
        Ok(catalog)
    }

    fn add_license(&mut self, file: SourceFile, limits: &Limits) -> Result<()> {
        let documents = file.documents(limits, ErrorKind::Catalog)?;
        let [node] = documents.as_slice() else {
            return Err(file.error(
                ErrorKind::Catalog,
                "a license file holds exactly one record",
                Pos { line: 1, column: 1 },
            ));
        };
        let record: LicenseRecord = from_node(node, "").map_err(|e| de_error(&file, e))?;
        let at = |pointer: &str| node.locate(pointer).0;
        let stem = file.path.rsplit('/').next().unwrap_or(&file.path).trim_end_matches(".yaml");
        if stem != record.id {
            return Err(file.error(
                ErrorKind::Catalog,
                format!("file name must be the id: `{}.yaml`", record.id),
                at("/id"),
            ));
        }
        let scheme_ok = record.id.starts_with("LicenseRef-scancode-")
            || record.id.starts_with("LicenseRef-modelgate-")
            || spdx::license_id(&record.id).is_some();
        if !scheme_ok {
            return Err(file.error(
                ErrorKind::Catalog,
                format!(
                    "`{}` is neither an SPDX id nor `LicenseRef-scancode-...`/`LicenseRef-modelgate-...`",
                    record.id
                ),
                at("/id"),
            ));
        }
        let names = std::iter::once((record.id.clone(), "/id".to_string()))
            .chain(record.aliases.iter().enumerate().map(|(i, a)| (a.clone(), format!("/aliases/{i}"))));
        for (name, pointer) in names {
            let key = name.to_ascii_lowercase();
            if pointer != "/id" && key == record.id.to_ascii_lowercase() {
                continue;
            }
            if let Some(other) = self.license_names.get(&key) {
                return Err(file.error(
                    ErrorKind::Catalog,
                    format!("name `{name}` is already used by license `{other}`"),
                    at(&pointer),
                ));
            }
            self.license_names.insert(key, record.id.clone());
        }
        let json = serde_json::to_value(&record).map_err(|e| Error::new(ErrorKind::Catalog, e.to_string()))?;
        let id = record.id.clone();
        self.licenses.insert(id, Arc::new(LicenseEntry { record, json, file: file.path.clone() }));
        Ok(())
    }

    fn add_models(&mut self, file: &SourceFile, limits: &Limits) -> Result<()> {
        let documents = file.documents(limits, ErrorKind::Catalog)?;
        let [node] = documents.as_slice() else {
            return Err(file.error(ErrorKind::Catalog, "the model list is one document", Pos { line: 1, column: 1 }));
        };
        let list: model::ModelCatalogFile = from_node(node, "").map_err(|e| de_error(file, e))?;
        for (index, model) in list.models.into_iter().enumerate() {
            let at = |field: &str| node.locate(&format!("/models/{index}{field}")).0;
            let names = std::iter::once((model.id.clone(), "/id".to_string()))
                .chain(model.aliases.iter().enumerate().map(|(i, a)| (a.clone(), format!("/aliases/{i}"))));
            for (name, pointer) in names {
                let key = name.to_ascii_lowercase();
                if let Some(&other) = self.model_names.get(&key) {
                    return Err(file.error(
                        ErrorKind::Catalog,
                        format!("name `{name}` is already used by model `{}`", self.models[other].id),
                        at(&pointer),
                    ));
                }
                self.model_names.insert(key, index);
            }
            if let Err(e) = expr::parse(self, &model.license) {
                return Err(file.error(ErrorKind::Catalog, e.message, at("/license")));
            }
            let unknown = expr::parse(self, &model.license)
                .ok()
                .and_then(|e| e.alternatives.concat().into_iter().find(|id| !self.licenses.contains_key(id)));
            if let Some(id) = unknown {
                return Err(file.error(
                    ErrorKind::Catalog,
                    format!("license `{id}` has no record in licenses/"),
                    at("/license"),
                ));
            }
            if !model.weights_available && model.deployment_kinds.contains(&DeploymentKind::SelfHosted) {
                return Err(file.error(
                    ErrorKind::Catalog,
                    "a model without downloadable weights cannot list `self_hosted`",
                    at("/deployment_kinds"),
                ));
            }
            if model.deployment_kinds.is_empty() || model.input_modalities.is_empty() {
                return Err(file.error(
                    ErrorKind::Catalog,
                    "deployment_kinds and input_modalities must not be empty",
                    at(""),
                ));
            }
            self.models.push(Arc::new(model));
        }
        for (index, model) in self.models.iter().enumerate() {
            if let Some(base) = &model.base_model {
                if self.model(base).is_none() {
                    return Err(file.error(
                        ErrorKind::Catalog,
                        format!("base model `{base}` is not in the catalog"),
                        node.locate(&format!("/models/{index}/base_model")).0,
                    ));
                }
            }
        }
        Ok(())
    }

    /// A license record by catalog id (exact).
    pub fn license(&self, id: &str) -> Option<&Arc<LicenseEntry>> {
        self.licenses.get(id)
    }

    /// Every license record, by id.
    pub fn licenses(&self) -> impl Iterator<Item = &Arc<LicenseEntry>> {
        self.licenses.values()
    }

    /// The catalog id an id or alias names (case-insensitive).
    pub fn license_id_for(&self, name: &str) -> Option<&str> {
        self.license_names.get(&name.to_ascii_lowercase()).map(String::as_str)
    }

    /// Every license id and alias, for suggestions.
    pub fn license_names(&self) -> impl Iterator<Item = &str> {
        self.licenses
            .values()
            .flat_map(|e| std::iter::once(e.record.id.as_str()).chain(e.record.aliases.iter().map(String::as_str)))
    }

    /// A model by id or alias (case-insensitive).
    pub fn model(&self, name: &str) -> Option<&Arc<ModelRecord>> {
        self.model_names.get(&name.to_ascii_lowercase()).map(|&i| &self.models[i])
    }

    /// Every model, in catalog order.
    pub fn models(&self) -> &[Arc<ModelRecord>] {
        &self.models
    }

    /// "did you mean" for an unknown model id.
    pub fn suggest_model(&self, given: &str) -> Option<String> {
        did_you_mean(
            given,
            self.models.iter().flat_map(|m| std::iter::once(m.id.as_str()).chain(m.aliases.iter().map(String::as_str))),
        )
    }

    /// The files the catalog was built from, with digests, by path.
    pub fn files(&self) -> &[CatalogFile] {
        &self.files
    }
}

fn de_error(file: &SourceFile, e: crate::de::DeError) -> Error {
    let mut error = file.error(ErrorKind::Catalog, e.message, e.pos.unwrap_or(Pos { line: 1, column: 1 }));
    if let Some(hint) = e.hint {
        error = error.with_hint(hint);
    }
    error
}
