//! The input document the policies see (and `modelgate parse` prints): the
//! subject's sections with defaults filled in, plus what the engine resolved
//! from the catalog, plus today's date.
//!
//! ```text
//! { "apiVersion", "kind", "metadata", "model", "deployment", "data", "contracts",
//!   "organization", "use", "distribution", "requirements", "workload", "team",
//!   "route": null | "<route name>",
//!   "now": "YYYY-MM-DD",
//!   "resolved": {
//!     "model": <catalog model record> | null,
//!     "lineage": [<catalog model records of base models, nearest first>],
//!     "license": {"expression", "source", "alternative", "alternatives",
//!                 "catalog": null | <the catalog's license of a catalog model as deployed>},
//!     "licenses": [<license records binding under the chosen alternative>],
//!     "card": null | {"path", "license", "license_line", "license_name", "license_link",
//!                     "declared", "base_models", "base_ids", "base_model_relation"},
//!     "air_gapped_siblings": [<names of the proposal's other air-gapped routes>]
//!   } }
//! ```
//!
//! A license id without a catalog record appears in `licenses` as
//! `{"id": ..., "known": false}`; records that exist carry `"known": true`.

use serde_json::{json, Map, Value};

use crate::catalog::{Catalog, Expression};
use crate::proposal::Subject;

/// The input for one subject under one license alternative, as the engine
/// takes it: `build` converted, with the catalog records (most of its size)
/// converted once per run instead of once per proposal.
pub fn build_value(subject: &Subject, alternative: usize, catalog: &Catalog, now: &str) -> regorus::Value {
    let mut input = regorus::Value::from(build_without_records(subject, alternative, now));
    let ids = subject.license.alternatives.get(alternative).map(Vec::as_slice).unwrap_or_default();
    let licenses: Vec<regorus::Value> = ids
        .iter()
        .map(|id| match catalog.license(id) {
            Some(entry) => entry.input_value().clone(),
            None => regorus::Value::from(unknown_license(id)),
        })
        .collect();
    let model = subject.model.as_ref().map_or(regorus::Value::Null, |m| m.input_value().clone());
    let lineage: Vec<regorus::Value> = subject.lineage.iter().map(|m| m.input_value().clone()).collect();
    let resolved = input
        .as_object_mut()
        .ok()
        .and_then(|object| object.get_mut(&regorus::Value::from("resolved")))
        .and_then(|resolved| resolved.as_object_mut().ok());
    if let Some(resolved) = resolved {
        resolved.insert(regorus::Value::from("model"), model);
        resolved.insert(regorus::Value::from("lineage"), regorus::Value::from(lineage));
        resolved.insert(regorus::Value::from("licenses"), regorus::Value::from(licenses));
    }
    input
}

/// Builds the input for one subject under one license alternative.
pub fn build(subject: &Subject, alternative: usize, catalog: &Catalog, now: &str) -> Value {
    let mut input = build_without_records(subject, alternative, now);
    let ids = subject.license.alternatives.get(alternative).cloned().unwrap_or_default();
    let licenses: Vec<Value> = ids
        .iter()
        .map(|id| match catalog.license(id) {
            Some(entry) => entry.input_json(),
            None => unknown_license(id),
        })
        .collect();
    if let Some(Value::Object(resolved)) = input.get_mut("resolved") {
        resolved.insert("model".into(), subject.model.as_ref().map_or(Value::Null, |m| m.input_json()));
        resolved.insert("lineage".into(), subject.lineage.iter().map(|m| m.input_json()).collect());
        resolved.insert("licenses".into(), Value::Array(licenses));
    }
    input
}

/// The `input.resolved.licenses` entry of a license without a record.
fn unknown_license(id: &str) -> Value {
    json!({"id": id, "known": false})
}

/// The input with `resolved.model`, `resolved.lineage` and
/// `resolved.licenses` left out.
fn build_without_records(subject: &Subject, alternative: usize, now: &str) -> Value {
    let mut input = match serde_json::to_value(&subject.sections) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    input.insert("route".into(), json!(subject.route));
    input.insert("now".into(), json!(now));
    let ids = subject.license.alternatives.get(alternative).cloned().unwrap_or_default();
    let resolved = json!({
        "model": null,
        "lineage": [],
        "license": {
            "expression": subject.license.canonical,
            "source": subject.license_source,
            "alternative": Expression::describe(&ids),
            "alternatives": subject.license.alternatives.len(),
            "catalog": subject.catalog_license,
        },
        "licenses": [],
        "card": subject.card.as_ref().map(|c| serde_json::to_value(c).unwrap_or(Value::Null)),
        "air_gapped_siblings": subject.air_gapped_siblings,
    });
    input.insert("resolved".into(), resolved);
    Value::Object(input)
}
