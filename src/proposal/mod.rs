//! The input model: a proposal in the `modelgate.dev/v1` format (DESIGN §2).
//!
//! The serde types below are the schema: unknown keys are errors, enums are
//! closed, counts are unsigned. Absent optional fields take the safe reading
//! each field documents; `Subject` is a proposal (or one of its routes) with
//! every section filled in, which is what the policies see.

pub mod card;
mod load;
mod subject;

pub use load::{
    is_proposal_file_name, load_paths, load_sources, proposal_files, read_file, visit_file, visit_file_again,
    InputFile, LoadOptions, LoadedDocument, NameAt, NameRegistry, ProposalSet, STDIN_NAME,
};
pub use subject::{subjects, Subject, SubjectSections};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One proposal document as written.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalDoc {
    /// Always `modelgate.dev/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: ApiVersion,
    /// Always `ModelProposal`.
    pub kind: ProposalKind,
    /// Name and owner.
    pub metadata: Metadata,
    /// The model (required here or in every route).
    #[serde(default)]
    pub model: Option<Model>,
    /// How it is deployed (required here or in every route).
    #[serde(default)]
    pub deployment: Option<Deployment>,
    /// What data it sees (required here or in every route).
    #[serde(default)]
    pub data: Option<Data>,
    /// Contracts signed with the provider that operates the endpoint.
    #[serde(default)]
    pub contracts: Option<Contracts>,
    /// The organisation making the choice.
    #[serde(default)]
    pub organization: Option<Organization>,
    /// How the model is used.
    #[serde(default, rename = "use")]
    pub usage: Option<Usage>,
    /// What leaves the organisation.
    #[serde(default)]
    pub distribution: Option<Distribution>,
    /// The organisation's own constraints.
    #[serde(default)]
    pub requirements: Option<Requirements>,
    /// Workload facts for advisory rules.
    #[serde(default)]
    pub workload: Option<Workload>,
    /// Team facts for advisory rules.
    #[serde(default)]
    pub team: Option<Team>,
    /// A hybrid system: each route is judged on its own.
    #[serde(default)]
    pub routes: Option<Vec<Route>>,
}

/// The format version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ApiVersion {
    /// The only version so far.
    #[serde(rename = "modelgate.dev/v1")]
    V1,
}

/// The document kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ProposalKind {
    /// A model proposal.
    ModelProposal,
}

/// Name and owner of a proposal.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// `[a-z0-9][a-z0-9-]*`, unique among the proposals of a run.
    pub name: String,
    /// Free text: the team that owns the proposal.
    #[serde(default)]
    pub owner: Option<String>,
    /// Free text: what the proposal is for.
    #[serde(default)]
    pub description: Option<String>,
}

/// The model being proposed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Model {
    /// Catalog id (case-insensitive) or alias.
    #[serde(default)]
    pub id: Option<String>,
    /// SPDX expression: required when `id` is not in the catalog; overrides
    /// the catalog when given.
    #[serde(default)]
    pub license: Option<String>,
    /// For a fine-tune or other derivative: the catalog id it derives from.
    #[serde(default)]
    pub base_model: Option<String>,
    /// A Hugging Face model card (README.md) whose front matter declares the
    /// license and base model; relative to the proposal file.
    #[serde(default)]
    pub card: Option<String>,
}

/// How the model is deployed.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deployment {
    /// Who runs the weights, and how they are reached.
    pub kind: DeploymentKind,
    /// Who operates the endpoint (`on_prem`, `aws`, `openai`, ...).
    pub provider: String,
    /// Finer service name where it matters (`azure_openai`, `aws_bedrock`, ...).
    #[serde(default)]
    pub service: Option<String>,
    /// Product tier; absent means `api`.
    #[serde(default)]
    pub tier: Tier,
    /// Where prompts are processed and stored; empty means undeclared.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Network posture; absent means `internet`.
    #[serde(default)]
    pub network: Network,
    /// Does anything phone home? Absent means yes: inference servers such as
    /// vLLM send usage statistics unless told not to.
    #[serde(default = "default_true")]
    pub telemetry: bool,
    /// Provider features the deployment uses (the Files API, prompt caching,
    /// batch, stored responses, ...), which may fall outside a
    /// zero-data-retention arrangement or a BAA's scope. Absent means not
    /// declared (`null` in the policy input): a pass that rests on such an
    /// arrangement then carries a duty naming the features outside it; `[]`
    /// declares that none is used.
    #[serde(default)]
    pub features: Option<Vec<Feature>>,
}

/// A provider feature whose data handling the policy data describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Feature {
    /// Files uploaded to the provider for later use (Anthropic Files API, OpenAI `/v1/files`).
    FilesApi,
    /// Prompt or context caching kept by the provider (Anthropic, Vertex AI).
    PromptCaching,
    /// Asynchronous batch jobs (Anthropic Message Batches, OpenAI `/v1/batches`).
    Batch,
    /// State the provider stores for later retrieval: stored responses (`store=true`),
    /// conversations, Assistants threads, vector stores (OpenAI).
    StoredResponses,
    /// The provider's fine-tuning API (training files and jobs kept by the provider).
    FineTuningApi,
    /// Grounding with Google Search or Maps (Gemini API, Vertex AI).
    GroundingSearch,
    /// The provider's web search tool (Anthropic).
    WebSearch,
    /// Image inputs.
    ImageInput,
    /// Audio input or output, realtime audio included.
    Audio,
    /// Retention that shares prompts with the model's provider (Amazon Bedrock
    /// `data_retention_mode: provider_data_share`, which some models need).
    ProviderDataShare,
}

/// Who runs the weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeploymentKind {
    /// The organisation runs the weights (on premises or on rented infrastructure).
    SelfHosted,
    /// The model vendor's own API (OpenAI, Anthropic, Google).
    VendorApi,
    /// A third party serving open weights as an API (Together, Fireworks).
    HostedOpenApi,
    /// A cloud platform's managed model service (Azure OpenAI, Bedrock, Vertex AI).
    ManagedCloud,
}

impl DeploymentKind {
    /// The name a proposal writes (`vendor_api`).
    pub fn name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
    }
}

/// Product tier of the endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// The developer API.
    #[default]
    Api,
    /// An enterprise agreement.
    Enterprise,
    /// A consumer product (ChatGPT Free, Claude.ai Free): no BAA, may train on inputs.
    Consumer,
}

/// Network posture of the deployment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    /// No connection to any outside network.
    AirGapped,
    /// Private networking only (VPC, private link).
    Private,
    /// Reachable over the internet.
    #[default]
    Internet,
}

/// What data the model sees.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Data {
    /// Required: the classes of data in prompts, context and outputs (at
    /// least one: `public` when nothing is sensitive).
    #[schemars(length(min = 1))]
    pub classes: Vec<DataClass>,
    /// Where the data subjects are (ISO codes, `EU`, `EEA`).
    #[serde(default)]
    pub subjects: Vec<String>,
    /// HIPAA de-identification; anything but `none` takes data out of HIPAA's scope.
    #[serde(default)]
    pub deidentification: Deidentification,
    /// GDPR Art. 35 "large scale" processing. Absent means not declared
    /// (`null` in the policy input): a DPIA that large-scale processing
    /// would make mandatory then warns instead of not applying.
    #[serde(default)]
    pub large_scale: Option<bool>,
}

/// A class of data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DataClass {
    /// Published information.
    Public,
    /// Internal business information.
    Internal,
    /// Confidential business information.
    Confidential,
    /// Personal information.
    Pii,
    /// HIPAA protected health information.
    Phi,
    /// Personal data of people in the EU/EEA (GDPR).
    EuPersonal,
    /// GDPR Art. 9 special categories.
    SpecialCategory,
    /// Payment card data (PCI DSS).
    Cardholder,
    /// Classified government information.
    Classified,
    /// ITAR/EAR controlled technical data.
    ExportControlled,
}

/// HIPAA de-identification method (45 CFR 164.514(b)).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Deidentification {
    /// Not de-identified.
    #[default]
    None,
    /// The 18 identifiers removed (164.514(b)(2)).
    SafeHarbor,
    /// An expert determined the risk is very small (164.514(b)(1)).
    ExpertDetermination,
}

/// Contracts with the provider that operates the endpoint.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contracts {
    /// HIPAA Business Associate Agreement signed.
    #[serde(default)]
    pub baa: bool,
    /// GDPR Art. 28 data processing agreement signed.
    #[serde(default)]
    pub dpa: bool,
    /// GDPR Chapter V transfer mechanism.
    #[serde(default)]
    pub transfer_mechanism: TransferMechanism,
    /// An approved zero-data-retention arrangement.
    #[serde(default)]
    pub zero_data_retention: bool,
    /// GDPR Art. 35 impact assessment on file.
    #[serde(default)]
    pub dpia_done: bool,
    /// PCI DSS: a written agreement in which the provider acknowledges its
    /// responsibility for the account data (Req. 12.8.2, 12.9.1), and its
    /// attestation of compliance, on file.
    #[serde(default)]
    pub pci_dss_agreement: bool,
    /// CCPA: a written contract with the service provider terms of 11 CCR
    /// 7051 (the business purposes; no selling, sharing or other use), on file.
    #[serde(default)]
    pub ccpa_service_provider_terms: bool,
    /// China PIPL Art. 38: the mechanism for providing personal information
    /// of people in China outside China (a CAC security assessment, the CAC
    /// standard contract with the recipient, or a certification).
    #[serde(default)]
    pub cn_transfer_mechanism: CnTransferMechanism,
    /// Brazil LGPD Art. 33: the ANPD standard contractual clauses
    /// (Resolution CD/ANPD 19/2024), unmodified, in the contract with the
    /// recipient abroad.
    #[serde(default)]
    pub br_anpd_sccs: bool,
}

impl Contracts {
    /// Whether any contract signed with the endpoint's provider is claimed:
    /// a BAA, a DPA, a transfer mechanism (the GDPR's, PIPL's or LGPD's),
    /// zero retention, a PCI DSS agreement or CCPA service provider terms. (The DPIA is the organisation's own assessment, not signed
    /// with anyone.)
    pub fn claims_provider_contracts(&self) -> bool {
        self.baa
            || self.dpa
            || self.zero_data_retention
            || self.pci_dss_agreement
            || self.ccpa_service_provider_terms
            || self.transfer_mechanism != TransferMechanism::None
            || self.cn_transfer_mechanism != CnTransferMechanism::None
            || self.br_anpd_sccs
    }

    /// These contracts for another provider: none of those signed with this
    /// one, the organisation's own DPIA kept.
    pub fn for_another_provider(&self) -> Contracts {
        Contracts { dpia_done: self.dpia_done, ..Contracts::default() }
    }
}

/// GDPR Chapter V transfer mechanism.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransferMechanism {
    /// None.
    #[default]
    None,
    /// An adequacy decision covers the destination (Art. 45).
    Adequacy,
    /// The recipient is certified under the EU-US Data Privacy Framework.
    Dpf,
    /// Standard contractual clauses (Art. 46(2)(c), Decision 2021/914).
    Sccs,
    /// Binding corporate rules (Art. 47).
    Bcr,
    /// An Art. 49 derogation (restrictive; occasional transfers only).
    Art49,
}

/// China PIPL Art. 38 mechanism for providing personal information abroad.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CnTransferMechanism {
    /// None.
    #[default]
    None,
    /// A security assessment passed with the Cyberspace Administration of China (Art. 38(1)).
    CacAssessment,
    /// The CAC standard contract signed with the recipient abroad (Art. 38(3)).
    StandardContract,
    /// Personal information protection certification (Art. 38(2)).
    Certification,
}

/// The organisation making the choice.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// Country of the principal place of business (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub domicile: Option<String>,
    /// Monthly active users of the products and services using the model,
    /// affiliates included.
    #[serde(default)]
    pub monthly_active_users: Option<u64>,
    /// Annual revenue in US dollars, affiliates included.
    #[serde(default)]
    pub annual_revenue_usd: Option<u64>,
}

/// How the model is used.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Usage {
    /// Any use in the course of a business; absent means yes.
    #[serde(default = "default_true")]
    pub commercial: bool,
    /// Serves real work (false: evaluation, testing, research); absent means yes.
    #[serde(default = "default_true")]
    pub production: bool,
    /// Declared fields of use that use policies restrict.
    #[serde(default)]
    pub purposes: Vec<Purpose>,
    /// Outputs used to train or improve another model.
    #[serde(default)]
    pub outputs_train_other_models: bool,
    /// The kind of model the outputs train; absent reads as a large
    /// language model, the kind every outputs ban of the catalog covers.
    #[serde(default)]
    pub outputs_trained_model: Option<TrainedModel>,
    /// Present when the model is fine-tuned, distilled or otherwise derived.
    #[serde(default)]
    pub fine_tune: Option<FineTune>,
}

impl Default for Usage {
    fn default() -> Self {
        Usage {
            commercial: true,
            production: true,
            purposes: Vec::new(),
            outputs_train_other_models: false,
            outputs_trained_model: None,
            fine_tune: None,
        }
    }
}

/// A declared field of use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// Medical advice or interpretation of medical results.
    MedicalAdvice,
    /// Legal advice.
    LegalAdvice,
    /// Financial advice.
    FinancialAdvice,
    /// Military or warfare uses.
    Military,
    /// Weapons.
    Weapons,
    /// Operating critical infrastructure, transport or heavy machinery.
    CriticalInfrastructure,
    /// Fully automated decisions with legal or similarly significant effects.
    AutomatedDecisions,
    /// Tracking or monitoring people.
    Surveillance,
    /// Biometric identification.
    BiometricIdentification,
    /// Law enforcement, justice, immigration.
    LawEnforcement,
    /// Products used by or directed at minors.
    Minors,
}

/// The kind of model that outputs train: licenses word their outputs bans
/// by it ("any other large language model", "a foundational generative AI
/// model").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrainedModel {
    /// A large language model.
    LargeLanguageModel,
    /// Another generative model (images, audio, video, code ...).
    OtherGenerativeModel,
    /// A model that generates no content: a classifier, an embedding,
    /// extraction or ranking model.
    NonGenerativeModel,
}

/// A fine-tune or other derivative.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FineTune {
    /// How the derivative is made.
    pub method: FineTuneMethod,
    /// Training compute the modification used, in FLOP (EU AI Act: the
    /// Commission's GPAI guidelines compare it with the original's).
    #[serde(default)]
    pub compute_flop: Option<f64>,
    /// Cumulative training compute of the model modified, in FLOP, where
    /// its provider states it.
    #[serde(default)]
    pub base_compute_flop: Option<f64>,
}

/// How a derivative is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FineTuneMethod {
    /// Low-rank adapter.
    Lora,
    /// Quantized low-rank adapter.
    Qlora,
    /// Full fine-tune.
    Full,
    /// Direct preference optimisation.
    Dpo,
    /// Reinforcement learning from human feedback.
    Rlhf,
    /// Distillation into another model.
    Distillation,
    /// Merge of several models.
    Merge,
    /// Quantization.
    Quantization,
}

/// What leaves the organisation; absent means nothing does.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// Weights, adapters or quantizations given to others.
    #[serde(default)]
    pub weights: bool,
    /// The model, or a product built on it, offered to others.
    #[serde(default)]
    pub hosted_service: bool,
    /// The name the model or derivative is published under.
    #[serde(default)]
    pub name: Option<String>,
    /// A copy of the license goes to recipients.
    #[serde(default)]
    pub includes_license_copy: bool,
    /// The NOTICE text the license asks for is included.
    #[serde(default)]
    pub includes_notice: bool,
    /// The public notice shown (`Built with Llama`).
    #[serde(default)]
    pub attribution: Option<String>,
    /// Recipients and users are bound by the model's use restrictions.
    #[serde(default)]
    pub passes_use_policy: bool,
    /// Modified files carry a notice of change.
    #[serde(default)]
    pub marks_modifications: bool,
    /// Where the weights or the service are offered (ISO country codes, `EU`,
    /// `EEA`); empty means anywhere, the EU included.
    #[serde(default)]
    pub markets: Vec<String>,
}

/// The organisation's own constraints.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// No party but the organisation may process the data.
    #[serde(default)]
    pub no_third_party_processing: bool,
    /// Regions data may be processed in; empty means no constraint.
    #[serde(default)]
    pub allowed_regions: Vec<String>,
    /// Nothing may be retained by the provider.
    #[serde(default)]
    pub zero_retention: bool,
}

/// Workload facts (advisory rules only).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workload {
    /// What the model must do.
    #[serde(default)]
    pub task: Option<Task>,
    /// Input plus output tokens per day.
    #[serde(default)]
    pub tokens_per_day: Option<u64>,
    /// Fraction of tokens that are output (0 to 1).
    #[serde(default)]
    pub output_share: Option<f64>,
    /// Time to first token the product needs, in milliseconds.
    #[serde(default)]
    pub latency_budget_ms: Option<u64>,
}

/// The kind of task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Task {
    /// Frontier-level reasoning.
    FrontierReasoning,
    /// Reasoning within a domain.
    DomainReasoning,
    /// General assistance.
    General,
    /// Classification and extraction.
    ClassificationExtraction,
    /// A narrow task a fine-tuned small model handles.
    NarrowFinetuned,
}

/// Team facts (advisory rules only).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// ML operations capacity.
    #[serde(default)]
    pub mlops: Option<Mlops>,
}

/// ML operations capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mlops {
    /// Nobody runs models.
    None,
    /// Can run a container.
    Basic,
    /// A DevOps team.
    Devops,
    /// An ML platform team.
    MlPlatform,
    /// Runs its own GPU fleet.
    GpuInfra,
}

/// A route of a hybrid system: a partial proposal; each section given
/// replaces the proposal's section of the same name, except the fields of
/// `requirements`, `data.subjects` and `use.purposes`, which a route that
/// does not give them inherits.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// `[a-z0-9][a-z0-9-]*`, unique within the proposal.
    pub name: String,
    /// Replaces the proposal's `model`.
    #[serde(default)]
    pub model: Option<Model>,
    /// Replaces the proposal's `deployment`.
    #[serde(default)]
    pub deployment: Option<Deployment>,
    /// Replaces the proposal's `data`, except `subjects`, which the route
    /// inherits when it does not give them (or gives an empty list).
    #[serde(default)]
    pub data: Option<Data>,
    /// Replaces the proposal's `contracts`.
    #[serde(default)]
    pub contracts: Option<Contracts>,
    /// Replaces the proposal's `use`, except `purposes`: the route's own
    /// are judged with the proposal's (an empty list gives none).
    #[serde(default, rename = "use")]
    pub usage: Option<Usage>,
    /// Replaces the proposal's `distribution`.
    #[serde(default)]
    pub distribution: Option<Distribution>,
    /// The route's own requirements: each field it does not give (or gives
    /// as an empty list) is the proposal's; one that would relax the
    /// proposal's is an error (the organisation's constraints bind every route).
    #[serde(default)]
    pub requirements: Option<Requirements>,
    /// Replaces the proposal's `workload`.
    #[serde(default)]
    pub workload: Option<Workload>,
}

fn default_true() -> bool {
    true
}
