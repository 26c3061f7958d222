//! The model catalog: `licenses/models.yaml`, model id -> family, vendor,
//! license expression, weights, deployment kinds, modalities.

use serde::{Deserialize, Serialize};

use super::license::Verification;
use crate::proposal::DeploymentKind;

/// `licenses/models.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelCatalogFile {
    /// Every model modelgate knows.
    pub models: Vec<ModelRecord>,
}

/// One model.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelRecord {
    /// Open models by Hugging Face id (`meta-llama/Llama-3.1-70B-Instruct`),
    /// API models as `vendor/name` (`openai/gpt-4o`). Matched case-insensitively.
    pub id: String,
    /// Short names that resolve to this model (`llama-3.1-70b-instruct`, `gpt-4o`).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Display name.
    pub name: String,
    /// Model family (`llama-3.1`, `gpt-4o`, `qwen2.5`).
    pub family: String,
    /// Who publishes it (`meta`, `openai`, ...).
    pub vendor: String,
    /// SPDX license expression (catalog ids, `LicenseRef-` included) of the
    /// weights.
    pub license: String,
    /// The expression that binds use of the model through its vendor's API
    /// or a cloud marketplace, when that differs from the weights license
    /// (a research-licensed model the vendor also sells under commercial
    /// terms). Applies to `vendor_api` and `managed_cloud` deployments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_license: Option<String>,
    /// For a fine-tune, distillation or other derivative: the catalog id of
    /// the model it derives from. Its license binds this model too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_model: Option<String>,
    /// Parameter count in billions, when published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters_b: Option<f64>,
    /// Input modalities (`text`, `image`, `audio`, `video`).
    pub input_modalities: Vec<Modality>,
    /// Output modalities.
    pub output_modalities: Vec<Modality>,
    /// Whether the weights can be downloaded and run locally.
    pub weights_available: bool,
    /// Deployment kinds that exist for this model.
    pub deployment_kinds: Vec<DeploymentKind>,
    /// The managed cloud services that offer it (for `managed_cloud`), when
    /// known: each a provider and service of the residency facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub managed_clouds: Vec<CloudOffering>,
    /// Release date (ISO), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub released: Option<String>,
    /// The model card or product page the facts come from.
    pub source: String,
    /// How well the license assignment was checked.
    pub verification: Verification,
    /// Anything a reviewer should know, in our words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The record as the policies see it, converted for the engine once per run.
    #[serde(skip)]
    input_value: std::sync::OnceLock<regorus::Value>,
}

impl ModelRecord {
    /// The record as `input.resolved.model` (and `lineage`) carries it.
    pub fn input_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// `input_json`, converted for the engine once per run.
    pub fn input_value(&self) -> &regorus::Value {
        self.input_value.get_or_init(|| regorus::Value::from(self.input_json()))
    }
}

/// A cloud service that offers a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CloudOffering {
    /// `deployment.provider` (`aws`, `azure`, `gcp`).
    pub provider: String,
    /// `deployment.service` (`aws_bedrock`, `vertex_ai`, `azure_openai`, ...).
    pub service: String,
}

/// A modality a model reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Text.
    Text,
    /// Images.
    Image,
    /// Audio.
    Audio,
    /// Video.
    Video,
}
