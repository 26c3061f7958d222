//! License terms and the model catalog (DESIGN §3), loaded from the bundled
//! `licenses/` directory and validated at start.

pub mod expr;
pub mod license;
pub mod model;
pub mod platform;

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
    /// The entry of `input.resolved.licenses`, converted once.
    input_value: std::sync::OnceLock<regorus::Value>,
}

impl LicenseEntry {
    /// The record as the policies see it in `input.resolved.licenses`:
    /// `"known": true` added.
    pub fn input_json(&self) -> serde_json::Value {
        let mut record = self.json.clone();
        if let serde_json::Value::Object(map) = &mut record {
            map.insert("known".into(), serde_json::Value::Bool(true));
        }
        record
    }

    /// `input_json`, converted for the engine once per run.
    pub fn input_value(&self) -> &regorus::Value {
        self.input_value.get_or_init(|| regorus::Value::from(self.input_json()))
    }
}

/// A file the catalog was built from, with its digest.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct CatalogFile {
    /// Path (`licenses/models.yaml`).
    pub path: String,
    /// sha256 of the contents, hex.
    pub sha256: String,
}

/// Where catalog files come from: the binary, or a `--catalog` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Origin {
    Bundled,
    Extra,
}

/// The loaded, validated catalog.
#[derive(Debug)]
pub struct Catalog {
    licenses: BTreeMap<String, Arc<LicenseEntry>>,
    /// Lower-cased id or alias -> id.
    license_names: HashMap<String, String>,
    models: Vec<Arc<ModelRecord>>,
    /// The file each of `models` came from.
    model_files: Vec<String>,
    /// Lower-cased id or alias -> index into `models`.
    model_names: HashMap<String, usize>,
    files: Vec<CatalogFile>,
    /// What `--catalog` records replaced, one note each.
    replacements: Vec<String>,
}

/// The file that holds the model list.
pub const MODELS_FILE: &str = "licenses/models.yaml";

impl Catalog {
    /// The catalog compiled into the binary. The build already turned each
    /// YAML file into JSON (`build.rs`), which loads in a fraction of the
    /// time; should that fail to validate, the YAML is read again so the
    /// error names file:line:column.
    pub fn bundled() -> Result<Catalog> {
        let files = || crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t));
        Catalog::from_bundled_json(files()).or_else(|_| Catalog::from_files(files()))
    }

    /// The bundled catalog with `--catalog` directories added, in order.
    pub fn with_dirs(dirs: &[std::path::PathBuf]) -> Result<Catalog> {
        let mut catalog = Catalog::bundled()?;
        let mut seen = Vec::new();
        for dir in dirs {
            // The same directory twice would replace each of its records by
            // itself, and list its files twice.
            if let Ok(real) = std::fs::canonicalize(dir) {
                if seen.contains(&real) {
                    return Err(Error::new(
                        ErrorKind::Usage,
                        format!("{}: this catalog directory is given twice", crate::source::display_path(dir)),
                    ));
                }
                seen.push(real);
            }
            catalog.add_dir(dir)?;
        }
        Ok(catalog)
    }

    fn empty() -> Catalog {
        Catalog {
            licenses: BTreeMap::new(),
            license_names: HashMap::new(),
            models: Vec::new(),
            model_files: Vec::new(),
            model_names: HashMap::new(),
            files: Vec::new(),
            replacements: Vec::new(),
        }
    }

    /// The fast path of `bundled`: records from the JSON the build made.
    fn from_bundled_json(files: impl IntoIterator<Item = SourceFile>) -> Result<Catalog> {
        let mut catalog = Catalog::empty();
        let mut models = None;
        let no_position = |_: &str| Pos::default();
        for file in files {
            let sha256 =
                crate::bundled::sha256(&file.path).map_or_else(|| sha256_hex(file.text.as_bytes()), str::to_string);
            catalog.files.push(CatalogFile { path: file.path.clone(), sha256 });
            let json = crate::bundled::json(&file.path)
                .ok_or_else(|| Error::new(ErrorKind::Catalog, format!("{}: no JSON from the build", file.path)))?;
            if is_models_file(&file.path) {
                let list: model::ModelCatalogFile =
                    serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Catalog, e.to_string()))?;
                models = Some((file, list));
            } else {
                let record: LicenseRecord =
                    serde_json::from_str(json).map_err(|e| Error::new(ErrorKind::Catalog, e.to_string()))?;
                catalog.add_license(&file, record, &no_position, Origin::Bundled)?;
            }
        }
        let (file, list) =
            models.ok_or_else(|| Error::new(ErrorKind::Catalog, format!("the catalog has no {MODELS_FILE}")))?;
        catalog.add_models(&file, list, &no_position, Origin::Bundled)?;
        catalog.files.sort();
        Ok(catalog)
    }

    /// Builds a catalog from `licenses/*.yaml` files and `licenses/models.yaml`.
    pub fn from_files(files: impl IntoIterator<Item = SourceFile>) -> Result<Catalog> {
        let mut catalog = Catalog::empty();
        if !catalog.add_sources(files, Origin::Bundled)? {
            return Err(Error::new(ErrorKind::Catalog, format!("the catalog has no {MODELS_FILE}")));
        }
        Ok(catalog)
    }

    /// Adds a `--catalog` directory: its `<id>.yaml` license records and its
    /// `models.yaml` (either may be missing, not both). A record or model
    /// with an id the catalog has replaces it, and `replacements` says so; a
    /// record's id may be any `LicenseRef-` (a team's own license).
    pub fn add_dir(&mut self, dir: &std::path::Path) -> Result<()> {
        let display = crate::source::display_path(dir);
        if dir.is_file() {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "{display}: a file, not a directory: --catalog takes the directory that holds the catalog files"
                ),
            ));
        }
        let entries = std::fs::read_dir(dir)
            .map_err(|e| Error::new(ErrorKind::Io, format!("{display}: cannot read catalog directory: {e}")))?;
        let mut entries: Vec<std::path::PathBuf> = entries.filter_map(|entry| entry.ok().map(|e| e.path())).collect();
        entries.sort();
        let shown = |path: &std::path::Path| {
            crate::source::display_join(&display, &path.file_name().unwrap_or_default().to_string_lossy())
        };
        // A record in a file the catalog does not read (`.yml`, a
        // subdirectory) would be left out without a word: refused instead.
        // Other files (a README) and hidden ones are not catalog files.
        let yaml_like = |path: &std::path::Path| {
            path.extension().is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"))
        };
        let mut paths = Vec::new();
        for path in entries {
            if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                continue;
            }
            if path.is_dir() {
                let holds_yaml = std::fs::read_dir(&path)
                    .map(|entries| entries.filter_map(|e| e.ok()).any(|e| yaml_like(&e.path())))
                    .unwrap_or(false);
                if holds_yaml {
                    return Err(Error::new(
                        ErrorKind::Catalog,
                        format!(
                            "{}: a catalog directory's subdirectories are not read; give it its own --catalog",
                            shown(&path)
                        ),
                    ));
                }
            } else if path.extension().is_some_and(|x| x == "yaml") {
                paths.push(path);
            } else if yaml_like(&path) {
                return Err(Error::new(
                    ErrorKind::Catalog,
                    format!(
                        "{}: not read, catalog files end in `.yaml` (`<id>.yaml`, `models.yaml`); rename it",
                        shown(&path)
                    ),
                ));
            }
        }
        if paths.is_empty() {
            return Err(Error::new(
                ErrorKind::Catalog,
                format!("{display}: no license records (<id>.yaml) and no models.yaml in this catalog directory"),
            ));
        }
        let limits = Limits::default();
        let mut files = Vec::new();
        for path in paths {
            files.push(SourceFile::read(&path, shown(&path), &limits, ErrorKind::Catalog)?);
        }
        self.add_files(files)
    }

    /// Adds the files of one `--catalog` directory, read: license records,
    /// and the list of models in the one named `models.yaml`.
    pub fn add_files(&mut self, files: Vec<SourceFile>) -> Result<()> {
        self.add_sources(files, Origin::Extra).map(|_| ())
    }

    /// Adds license records, and the list of models from the file named
    /// `models.yaml`; whether there was one.
    fn add_sources(&mut self, files: impl IntoIterator<Item = SourceFile>, origin: Origin) -> Result<bool> {
        let limits = Limits::default();
        let mut models_file = None;
        for file in files {
            self.files.push(CatalogFile { path: file.path.clone(), sha256: sha256_hex(file.text.as_bytes()) });
            if is_models_file(&file.path) {
                models_file = Some(file);
                continue;
            }
            let node = single_document(&file, &limits, "a license file holds exactly one record")?;
            let record: LicenseRecord = from_node(&node, "").map_err(|e| de_error(&file, e))?;
            self.add_license(&file, record, &|pointer| node.locate(pointer).0, origin)?;
        }
        let found = models_file.is_some();
        if let Some(file) = models_file {
            let node = single_document(&file, &limits, "the model list is one document")?;
            let list: model::ModelCatalogFile = from_node(&node, "").map_err(|e| de_error(&file, e))?;
            self.add_models(&file, list, &|pointer| node.locate(pointer).0, origin)?;
        }
        self.files.sort();
        Ok(found)
    }

    /// What the `--catalog` directories replaced, one note per record or model.
    pub fn replacements(&self) -> &[String] {
        &self.replacements
    }

    /// Checks and adds one license record; `at` gives the position of a
    /// field for errors.
    fn add_license(
        &mut self,
        file: &SourceFile,
        record: LicenseRecord,
        at: &dyn Fn(&str) -> Pos,
        origin: Origin,
    ) -> Result<()> {
        let stem = file.path.rsplit('/').next().unwrap_or(&file.path).trim_end_matches(".yaml");
        if stem != record.id {
            return Err(file.error(
                ErrorKind::Catalog,
                format!("file name must be the id: `{}.yaml`", record.id),
                at("/id"),
            ));
        }
        let scheme_ok = match origin {
            Origin::Bundled => {
                record.id.starts_with("LicenseRef-scancode-") || record.id.starts_with("LicenseRef-modelgate-")
            }
            Origin::Extra => record.id.starts_with("LicenseRef-"),
        } || spdx::license_id(&record.id).is_some();
        if !scheme_ok {
            let allowed = match origin {
                Origin::Bundled => "`LicenseRef-scancode-...`/`LicenseRef-modelgate-...`",
                Origin::Extra => "`LicenseRef-...`",
            };
            return Err(file.error(
                ErrorKind::Catalog,
                format!("`{}` is neither an SPDX id nor {allowed}", record.id),
                at("/id"),
            ));
        }
        if let (Origin::Extra, Some(replaced)) = (origin, self.licenses.remove(&record.id)) {
            self.license_names.retain(|_, id| *id != record.id);
            self.replacements
                .push(format!("catalog record {} in {} replaces the one in {}", record.id, file.path, replaced.file));
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
        self.licenses.insert(
            id,
            Arc::new(LicenseEntry { record, json, file: file.path.clone(), input_value: Default::default() }),
        );
        Ok(())
    }

    /// Checks and adds the model list; `at` gives the position of a field.
    fn add_models(
        &mut self,
        file: &SourceFile,
        list: model::ModelCatalogFile,
        at: &dyn Fn(&str) -> Pos,
        origin: Origin,
    ) -> Result<()> {
        let mut added = std::collections::BTreeMap::new();
        for (position, model) in list.models.into_iter().enumerate() {
            let at = |field: &str| at(&format!("/models/{position}{field}"));
            // A `--catalog` model with the id of one loaded before takes its place.
            let replaced = match origin {
                Origin::Extra => self
                    .model_names
                    .get(&model.id.to_ascii_lowercase())
                    .copied()
                    .filter(|i| !added.contains_key(i) && self.models[*i].id.eq_ignore_ascii_case(&model.id)),
                Origin::Bundled => None,
            };
            let index = match replaced {
                Some(i) => {
                    self.model_names.retain(|_, at| *at != i);
                    self.replacements.push(format!(
                        "catalog model {} in {} replaces the one in {}",
                        model.id, file.path, self.model_files[i]
                    ));
                    i
                }
                None => self.models.len(),
            };
            added.insert(index, position);
            let names = std::iter::once((model.id.clone(), "/id".to_string()))
                .chain(model.aliases.iter().enumerate().map(|(i, a)| (a.clone(), format!("/aliases/{i}"))));
            for (name, pointer) in names {
                let key = name.to_ascii_lowercase();
                if let Some(&other) = self.model_names.get(&key) {
                    let message = match self.models.get(other).filter(|_| other != index) {
                        Some(model) => format!("name `{name}` is already used by model `{}`", model.id),
                        None => format!("name `{name}` is given twice for this model"),
                    };
                    return Err(file.error(ErrorKind::Catalog, message, at(&pointer)));
                }
                self.model_names.insert(key, index);
            }
            let expressions = std::iter::once(("/license", &model.license))
                .chain(model.api_license.as_ref().map(|l| ("/api_license", l)));
            for (pointer, text) in expressions {
                let parsed =
                    expr::parse(self, text).map_err(|e| file.error(ErrorKind::Catalog, e.message, at(pointer)))?;
                if let Some(id) = parsed.alternatives.concat().into_iter().find(|id| !self.licenses.contains_key(id)) {
                    return Err(file.error(
                        ErrorKind::Catalog,
                        format!("license `{id}` has no record in the catalog (licenses/, or a --catalog directory)"),
                        at(pointer),
                    ));
                }
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
            // A release date is shown in `models` and read by policies: an
            // `2024-7` or `July 2024` would be neither sorted nor compared.
            if let Some(released) = model.released.as_deref().filter(|d| crate::date::parse_iso_date(d).is_none()) {
                return Err(file.error(
                    ErrorKind::Catalog,
                    format!("`released` must be a date written YYYY-MM-DD, found `{released}`"),
                    at("/released"),
                ));
            }
            if index == self.models.len() {
                self.models.push(Arc::new(model));
                self.model_files.push(file.path.clone());
            } else {
                self.models[index] = Arc::new(model);
                self.model_files[index] = file.path.clone();
            }
        }
        for (index, model) in self.models.iter().enumerate() {
            let Some(base) = &model.base_model else { continue };
            if self.model(base).is_some() {
                continue;
            }
            return Err(match added.get(&index) {
                Some(position) => file.error(
                    ErrorKind::Catalog,
                    format!("base model `{base}` is not in the catalog"),
                    at(&format!("/models/{position}/base_model")),
                ),
                None => file.error(
                    ErrorKind::Catalog,
                    format!(
                        "base model `{base}` of `{}` is no longer in the catalog: a model in this file replaced it \
                         and does not keep that name (add it to the model's aliases)",
                        model.id
                    ),
                    Pos { line: 1, column: 1 },
                ),
            });
        }
        // A model that is its own base, through any number of steps, would
        // be judged as a derivative of itself.
        let base_of = |model: &ModelRecord| {
            model.base_model.as_deref().and_then(|b| self.model_names.get(&b.to_ascii_lowercase())).copied()
        };
        for (index, model) in self.models.iter().enumerate() {
            let mut next = base_of(model);
            let mut steps = 0;
            while let Some(at_index) = next {
                if at_index == index {
                    let message = format!("model `{}` is its own base (through `base_model`)", model.id);
                    return Err(match added.get(&index) {
                        Some(position) => {
                            file.error(ErrorKind::Catalog, message, at(&format!("/models/{position}/base_model")))
                        }
                        None => file.error(ErrorKind::Catalog, message, Pos { line: 1, column: 1 }),
                    });
                }
                steps += 1;
                if steps > self.models.len() {
                    break;
                }
                next = base_of(&self.models[at_index]);
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

    /// A free-text license label, as a model card's `license_name` holds
    /// one, as a catalog id: the name itself (any case, surrounding spaces
    /// ignored), else the only record one of whose names has the same words
    /// once case, `-`, `_` and runs of spaces are alike (`Tongyi_Qianwen`,
    /// `Qwen Research`).
    pub fn license_id_for_label(&self, label: &str) -> Option<&str> {
        let label = label.trim();
        if let Some(id) = self.license_id_for(label) {
            return Some(id);
        }
        let key = label_words(label);
        if key.is_empty() {
            return None;
        }
        let mut found: Option<&str> = None;
        for (name, id) in &self.license_names {
            if label_words(name) == key {
                if found.is_some_and(|f| f != id) {
                    return None;
                }
                found = Some(id);
            }
        }
        found
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
        // A model page's URL, pasted whole, names its id in its first two
        // path segments (`https://huggingface.co/org/name/tree/main`).
        let given = given.trim();
        let from_url = ["https://huggingface.co/", "http://huggingface.co/", "huggingface.co/", "https://hf.co/"]
            .iter()
            .find_map(|prefix| given.strip_prefix(prefix))
            .map(|rest| rest.split('/').take(2).collect::<Vec<_>>().join("/"));
        let given = match &from_url {
            Some(id) => {
                if let Some(model) = self.model(id) {
                    return Some(format!("did you mean `{}`? ids are the catalog's, not model page URLs", model.id));
                }
                id.as_str()
            }
            None => given,
        };
        if let Some(hint) = self.platform_hint(given) {
            return Some(hint);
        }
        did_you_mean(
            given,
            self.models.iter().flat_map(|m| std::iter::once(m.id.as_str()).chain(m.aliases.iter().map(String::as_str))),
        )
    }

    /// The hint for an unknown id in a platform's own form that wraps a
    /// catalog model (a Bedrock inference profile the catalog does not list,
    /// a Vertex AI resource name, a Fireworks path): the catalog id to write.
    /// The id itself never resolves this way: only the platform ids the
    /// catalog lists as aliases do.
    fn platform_hint(&self, given: &str) -> Option<String> {
        let form = platform::recognise(given)?;
        let Some(model) = form.inner.iter().find_map(|name| self.model(name)) else {
            // Closeness to another platform id would name another model
            // (Mistral 7B v0.2 is not Mixtral): say what the id is instead.
            return (form.platform != platform::Platform::HostedBuild).then(|| {
                format!(
                    "`{given}` looks like {} that the catalog does not list; write the catalog id of the model it \
                     serves (`modelgate models` lists them), or give `model.license`",
                    form.form
                )
            });
        };
        let id = &model.id;
        Some(match form.platform {
            platform::Platform::Bedrock | platform::Platform::VertexAi => format!(
                "did you mean `{id}`? `{given}` looks like {} for that model, which the catalog does not list as \
                 an alias; write the catalog id, with the platform in `deployment`",
                form.form
            ),
            platform::Platform::Fireworks => format!(
                "did you mean `{id}`? `{given}` looks like {} for that model, but the catalog has not confirmed \
                 that Fireworks serves those weights unchanged; write the catalog id if it does, else give \
                 `model.license`",
                form.form
            ),
            platform::Platform::HostedBuild if model.weights_available => format!(
                "`{given}` looks like {} of `{id}`, served under the host's terms and not the same weights; give \
                 `model.license` for it, or write `{id}` if you use the upstream weights",
                form.form
            ),
            platform::Platform::HostedBuild => return None,
        })
    }

    /// The files the catalog was built from, with digests, by path.
    pub fn files(&self) -> &[CatalogFile] {
        &self.files
    }
}

fn is_models_file(path: &str) -> bool {
    path.ends_with("/models.yaml") || path == "models.yaml"
}

/// The one document of a catalog file.
fn single_document(file: &SourceFile, limits: &Limits, message: &str) -> Result<crate::source::Node> {
    let mut documents = file.documents(limits, ErrorKind::Catalog)?;
    if documents.len() != 1 {
        // At the document too many.
        let second = documents.get(1).map_or(Pos { line: 1, column: 1 }, |n| n.pos);
        return Err(file.error(ErrorKind::Catalog, message, second));
    }
    Ok(documents.remove(0))
}

fn de_error(file: &SourceFile, e: crate::de::DeError) -> Error {
    let mut error = file.error(ErrorKind::Catalog, e.message, e.pos.unwrap_or(Pos { line: 1, column: 1 }));
    if let Some(hint) = e.hint {
        error = error.with_hint(hint);
    }
    error
}

/// A label's words: lower case, split at spaces, `-` and `_`.
fn label_words(label: &str) -> String {
    label
        .to_ascii_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_the_build_made_loads_the_same_catalog_as_the_yaml() {
        let files = || crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t));
        let fast = Catalog::from_bundled_json(files()).expect("the build's JSON validates");
        let slow = Catalog::from_files(files()).expect("the YAML validates");
        let licenses = |c: &Catalog| c.licenses().map(|e| e.json.clone()).collect::<Vec<_>>();
        assert_eq!(licenses(&fast), licenses(&slow));
        let models =
            |c: &Catalog| c.models().iter().map(|m| serde_json::to_value(m.as_ref()).unwrap()).collect::<Vec<_>>();
        assert_eq!(models(&fast), models(&slow));
        assert_eq!(fast.files(), slow.files());
        assert!(fast.licenses().count() >= 25 && fast.models().len() >= 80);
    }

    #[test]
    fn ollama_tags_and_api_names_resolve_case_insensitively() {
        let files = crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t));
        let catalog = Catalog::from_files(files).expect("the YAML validates");
        let id = |name: &str| catalog.model(name).map(|m| m.id.clone());
        for (name, expected) in [
            ("llama3.1:70b", "meta-llama/Llama-3.1-70B-Instruct"),
            ("Qwen2.5:72B", "Qwen/Qwen2.5-72B-Instruct"),
            ("phi3:mini", "microsoft/Phi-3-mini-4k-instruct"),
            ("deepseek-r1:70b", "deepseek-ai/DeepSeek-R1-Distill-Llama-70B"),
            ("claude-sonnet-4", "anthropic/claude-sonnet-4"),
            ("anthropic/claude-3-haiku", "anthropic/claude-3-haiku"),
            ("gemini-2.5-pro", "google/gemini-2.5-pro"),
            ("o3-mini", "openai/o3-mini"),
            ("codestral-latest", "mistral/codestral-latest"),
        ] {
            assert_eq!(id(name).as_deref(), Some(expected), "{name}");
        }
        // An API alias of an open-weights model names the API record, not the weights.
        assert!(!catalog.model("mistral-large-latest").unwrap().weights_available);
        // A bare Ollama name keeps its catalog meaning; the tag is what names a distill.
        assert_eq!(id("deepseek-r1").as_deref(), Some("deepseek-ai/DeepSeek-R1"));
    }

    #[test]
    fn platform_ids_resolve_only_where_the_catalog_lists_them() {
        let files = crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t));
        let catalog = Catalog::from_files(files).expect("the YAML validates");
        let id = |name: &str| catalog.model(name).map(|m| m.id.clone());
        for (name, expected) in [
            ("anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic/claude-3-5-sonnet"),
            ("ANTHROPIC.CLAUDE-3-5-SONNET-20241022-V2:0", "anthropic/claude-3-5-sonnet"),
            ("us.anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic/claude-3-5-sonnet"),
            ("eu.meta.llama3-2-3b-instruct-v1:0", "meta-llama/Llama-3.2-3B-Instruct"),
            ("meta.llama3-1-70b-instruct-v1:0", "meta-llama/Llama-3.1-70B-Instruct"),
            ("us.deepseek.r1-v1:0", "deepseek-ai/DeepSeek-R1"),
            ("cohere.command-r-plus-v1:0", "CohereForAI/c4ai-command-r-plus"),
            ("claude-3-5-sonnet-v2@20241022", "anthropic/claude-3-5-sonnet"),
            ("claude-haiku-4-5@20251001", "anthropic/claude-haiku-4-5"),
            ("llama-3.3-70b-instruct-maas", "meta-llama/Llama-3.3-70B-Instruct"),
            ("meta/llama-3.3-70b-instruct-maas", "meta-llama/Llama-3.3-70B-Instruct"),
        ] {
            assert_eq!(id(name).as_deref(), Some(expected), "{name}");
        }
        // Another version, a hosted build, or a profile AWS does not list:
        // unknown, whatever its form or closeness.
        for name in [
            "mistral.mistral-7b-instruct-v0:2",
            "meta-llama/Llama-3.3-70B-Instruct-Turbo",
            "apac.anthropic.claude-sonnet-4-20250514-v1:0",
            "accounts/fireworks/models/llama-v3p3-70b-instruct",
            "publishers/google/models/gemini-1.5-pro",
        ] {
            assert_eq!(id(name), None, "{name}");
        }
        // Every platform alias belongs to a record that lists the platform's
        // service, so the id, the record and the deployment check agree.
        for model in catalog.models() {
            for alias in &model.aliases {
                let Some(form) = platform::recognise(alias) else { continue };
                let (provider, service) =
                    form.platform.deployment().expect("only Bedrock and Vertex AI ids are aliases");
                assert!(
                    model.managed_clouds.iter().any(|c| c.provider == provider && c.service == service),
                    "{}: alias `{alias}` is {} but the record does not list {service}",
                    model.id,
                    form.form
                );
            }
        }
    }

    #[test]
    fn an_unknown_platform_id_names_the_catalog_model_it_wraps() {
        let files = crate::bundled::files_under("licenses/").map(|(p, t)| SourceFile::from_text(p, t));
        let catalog = Catalog::from_files(files).expect("the YAML validates");
        let hint = |name: &str| catalog.suggest_model(name).unwrap_or_default();
        assert!(hint("apac.anthropic.claude-sonnet-4-20250514-v1:0").starts_with(
            "did you mean `anthropic/claude-sonnet-4`? `apac.anthropic.claude-sonnet-4-20250514-v1:0` looks like an \
             Amazon Bedrock cross-Region inference profile for that model"
        ));
        assert!(hint("projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro-002")
            .starts_with("did you mean `google/gemini-1.5-pro`? "));
        assert!(hint("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-3-70b-instruct-v1:0")
            .starts_with("did you mean `meta-llama/Llama-3.3-70B-Instruct`? "));
        let fireworks = hint("accounts/fireworks/models/llama-v3p1-70b-instruct");
        assert!(fireworks.starts_with("did you mean `meta-llama/Llama-3.1-70B-Instruct`? "), "{fireworks}");
        assert!(fireworks.contains("has not confirmed that Fireworks serves those weights unchanged"));
        let turbo = hint("meta-llama/Llama-3.3-70B-Instruct-Turbo");
        assert!(!turbo.starts_with("did you mean"), "a quantized build is not the model: {turbo}");
        assert!(turbo.contains("not the same weights; give `model.license`"), "{turbo}");
        // A platform id of a model the catalog does not have is named as
        // such, not matched to the closest id (Mixtral for Mistral 7B).
        assert_eq!(
            hint("mistral.mistral-7b-instruct-v0:2"),
            "`mistral.mistral-7b-instruct-v0:2` looks like an Amazon Bedrock model id that the catalog does not \
             list; write the catalog id of the model it serves (`modelgate models` lists them), or give \
             `model.license`"
        );
        // Other ids keep the plain near-miss hint.
        assert_eq!(hint("gpt-4oo"), "did you mean `gpt-4o`?");
    }

    /// A card's `license_name` is free text (facts licenses.md section 13):
    /// case, surrounding spaces, `-`, `_` and runs of spaces do not matter;
    /// a label that is none of the catalog's names stays unknown.
    #[test]
    fn a_free_text_license_label_resolves_whatever_its_case_and_separators() {
        let catalog = Catalog::bundled().unwrap();
        let tongyi = Some("LicenseRef-scancode-tongyi-qianwen-2023");
        for label in [
            "tongyi-qianwen",
            " Tongyi-Qianwen ",
            "tongyi_qianwen",
            "Tongyi Qianwen License Agreement",
            "tongyi-qianwen\n",
        ] {
            assert_eq!(catalog.license_id_for_label(label), tongyi, "{label:?}");
        }
        assert_eq!(catalog.license_id_for_label("Qwen_Research"), Some("LicenseRef-modelgate-qwen-research-2024"));
        assert_eq!(
            catalog.license_id_for_label("NVIDIA Open Model License"),
            Some("LicenseRef-scancode-nvidia-open-model-2025")
        );
        for unknown in ["falcon-mamba-7b-license", "stabilityai-nc-research-community", "", " - "] {
            assert_eq!(catalog.license_id_for_label(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn a_malformed_catalog_file_is_an_error_with_its_position() {
        let license = SourceFile::from_text("licenses/MIT.yaml", "id: MIT\nname: MIT License\nversoin: x\n");
        let models = SourceFile::from_text("licenses/models.yaml", "models: []\n");
        let error = Catalog::from_files([license, models]).unwrap_err();
        assert_eq!(error.to_string(), "licenses/MIT.yaml:3:1: unknown key `versoin` (did you mean `version`?)");
    }
}
