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
//!     "license": {"expression", "source", "alternative", "alternatives"},
//!     "licenses": [<license records binding under the chosen alternative>],
//!     "card": null | {"path", "license", "license_name", "license_link",
//!                     "declared", "base_models", "base_model_relation"}
//!   } }
//! ```
//!
//! A license id without a catalog record appears in `licenses` as
//! `{"id": ..., "known": false}`; records that exist carry `"known": true`.

use serde_json::{json, Map, Value};

use crate::catalog::{Catalog, Expression};
use crate::proposal::Subject;

/// Builds the input for one subject under one license alternative.
pub fn build(subject: &Subject, alternative: usize, catalog: &Catalog, now: &str) -> Value {
    let mut input = match serde_json::to_value(&subject.sections) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    input.insert("route".into(), json!(subject.route));
    input.insert("now".into(), json!(now));
    let ids = subject.license.alternatives.get(alternative).cloned().unwrap_or_default();
    let licenses: Vec<Value> = ids
        .iter()
        .map(|id| match catalog.license(id) {
            Some(entry) => {
                let mut record = entry.json.clone();
                if let Value::Object(map) = &mut record {
                    map.insert("known".into(), json!(true));
                }
                record
            }
            None => json!({"id": id, "known": false}),
        })
        .collect();
    let resolved = json!({
        "model": subject.model.as_ref().map(|m| serde_json::to_value(m.as_ref()).unwrap_or(Value::Null)),
        "lineage": subject.lineage.iter().map(|m| serde_json::to_value(m.as_ref()).unwrap_or(Value::Null)).collect::<Vec<_>>(),
        "license": {
            "expression": subject.license.canonical,
            "source": subject.license_source,
            "alternative": Expression::describe(&ids),
            "alternatives": subject.license.alternatives.len(),
        },
        "licenses": licenses,
        "card": subject.card.as_ref().map(|c| serde_json::to_value(c).unwrap_or(Value::Null)),
    });
    input.insert("resolved".into(), resolved);
    Value::Object(input)
}
