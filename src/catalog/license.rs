//! One license (or API service terms) as structured facts: `licenses/<id>.yaml`.
//!
//! Every term carries the section that states it, and may carry its own URL and
//! verification level when they differ from the record's. The whole record is
//! handed to the policies (`input.resolved.licenses`), so the field names here
//! are part of the policy contract; `docs/catalog.md` documents them.

use serde::{Deserialize, Serialize};

/// Defines a term struct: its own fields plus the citation fields every term
/// shares (`section`, and optionally `url`, `verification`, `note`). Written
/// out rather than `#[serde(flatten)]`, which cannot be combined with
/// `deny_unknown_fields`.
macro_rules! term {
    ($(#[$doc:meta])* pub struct $name:ident { $($(#[$fattr:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fattr])* pub $field: $ty,)*
            /// Section, article or paragraph of the document that states the term.
            pub section: String,
            /// URL when the term is stated somewhere other than the record's
            /// `url` (for example an acceptable use policy).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub url: Option<String>,
            /// Overrides the record's verification level for this term.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub verification: Option<Verification>,
            /// Our own words on how to read the term.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub note: Option<String>,
        }
    };
}

/// A license record as written in `licenses/<id>.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LicenseRecord {
    /// SPDX id, else `LicenseRef-scancode-<key>`, else `LicenseRef-modelgate-<name>`.
    pub id: String,
    /// The title the licensor gives the document.
    pub name: String,
    /// Version or release date of this text (each version is its own record).
    pub version: String,
    /// License family, shared by versions (`llama`, `gemma`, `apache`, ...).
    pub family: String,
    /// What sort of document this is.
    pub kind: LicenseKind,
    /// Official URL of the text.
    pub url: String,
    /// Other names that resolve to this record: Hugging Face `license:` or
    /// `license_name:` ids, common names. Matched case-insensitively.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// How well the record as a whole was checked against the licensor's text.
    pub verification: Verification,
    /// API terms only: the provider services (ids of the residency facts)
    /// these terms govern. A proposal on another service (the model resold
    /// on a managed cloud under the cloud's own terms) is not judged on
    /// them; LIC-UNKNOWN warns that its terms are not in the catalog.
    /// Absent: the terms govern every deployment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governed_services: Option<Vec<String>>,
    /// Where the text was read (repository at commit and path, or page).
    #[serde(default)]
    pub sources: Vec<SourceRef>,
    /// Two or three sentences, in our own words.
    pub summary: String,
    /// The terms, each with its section.
    pub terms: Terms,
}

/// The kind of document a record describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseKind {
    /// An OSI-approved open source license (Apache-2.0, MIT).
    OpenSource,
    /// A license written for model weights (Llama, Gemma, RAIL, ...).
    ModelLicense,
    /// A Creative Commons or similar content license.
    ContentLicense,
    /// Terms of service that bind use of a hosted API (no weights).
    ApiTerms,
}

/// How a fact was checked (the tags of `../shared/facts/licenses.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    /// Read in full in the licensor's own repository or site.
    Verified,
    /// Read in full in a verbatim third-party copy.
    VerifiedCopy,
    /// Only the relevant sentence was read.
    Partial,
    /// Not checked against any real text: secondary sources only.
    Unverified,
}

impl Verification {
    /// The level as records and reports write it (`verified_copy`).
    pub fn as_str(self) -> &'static str {
        match self {
            Verification::Verified => "verified",
            Verification::VerifiedCopy => "verified_copy",
            Verification::Partial => "partial",
            Verification::Unverified => "unverified",
        }
    }
}

/// Where a record's facts were read.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRef {
    /// URL of the page or repository file.
    pub url: String,
    /// Commit, date or other pin, and anything worth knowing about the copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The structured terms of a license.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    /// May the material be used in the course of a business?
    pub commercial_use: Permission,
    /// May it serve real work (as opposed to testing, research, evaluation)?
    pub production_use: Permission,
    /// A monthly-active-user ceiling above which the license grants no rights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_threshold: Option<UserThreshold>,
    /// An annual-revenue ceiling above which the license grants no rights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue_threshold: Option<RevenueThreshold>,
    /// A public attribution string the licensee must display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Attribution>,
    /// A naming rule for derivative models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivative_naming: Option<DerivativeNaming>,
    /// A copy of the license must accompany redistribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license_copy: Option<Duty>,
    /// A NOTICE file (or retained notices) must accompany redistribution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<Notice>,
    /// Modified files must carry a notice that they were changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modification_notice: Option<Duty>,
    /// An acceptable or prohibited use policy incorporated into the license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_policy: Option<UsePolicy>,
    /// Whether outputs may be used to train or improve other models.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outputs_training: Option<OutputsTraining>,
    /// Whether the licensee may run the model on infrastructure it controls
    /// (API terms: no weights are provided).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_hosting: Option<Permission>,
    /// Limits keyed on where the licensee or its users are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub geographic: Vec<GeographicLimit>,
    /// Fields of use the license or its use policy forbids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prohibited_uses: Vec<ProhibitedUse>,
    /// Events that end the license.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub termination: Vec<Termination>,
    /// Law and forum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governing_law: Option<GoverningLaw>,
    /// For API terms: what the vendor does with submitted data by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_use: Option<DataUse>,
}

term! {
    /// A yes/no grant.
    pub struct Permission {
        /// Whether the use is granted.
        pub allowed: bool,
        /// When not: the only use the license does permit, in our words
        /// (the Mistral Research License's "Research Purposes" and what they
        /// exclude), for messages and obligations. Absent: testing, research
        /// or evaluation.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub permitted: Option<String>,
        /// When granted: a condition the grant carries when the model, or a
        /// product built on it, is offered to others as a hosted service
        /// (Falcon 180B: a separate license from TII may be needed), in our
        /// words. LIC-COMMERCIAL warns with it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub hosted_service_condition: Option<String>,
        /// When granted: a condition every use under the grant carries (the
        /// Stability AI Community License: commercial users register with
        /// Stability AI), in our words. LIC-COMMERCIAL lists it as an
        /// obligation of commercial use.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub condition: Option<String>,
    }
}

/// How a user or revenue figure is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measured {
    /// Measured once, in a window the license fixes (Llama: the calendar
    /// month before the version's release date).
    Snapshot,
    /// Tested at any time while the license is used.
    Continuous,
}

/// Whose figures count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdScope {
    /// The licensee and its affiliates together.
    LicenseeAndAffiliates,
    /// The licensee alone.
    Licensee,
    /// Each product or service using the material.
    ProductOrService,
}

/// Which use a threshold constrains.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdAppliesTo {
    /// Any use under the license.
    AllUse,
    /// Only commercial use.
    CommercialUse,
}

term! {
    /// A monthly-active-user ceiling.
    pub struct UserThreshold {
        /// The ceiling: the clause bites when users are strictly greater.
        pub monthly_active_users: u64,
        /// Once (snapshot) or at any time (continuous).
        pub measured: Measured,
        /// For a snapshot: the date the measurement window is anchored on (ISO date).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub measurement_date: Option<String>,
        /// Whose users count.
        pub scope: ThresholdScope,
        /// Which use the threshold constrains.
        pub applies_to: ThresholdAppliesTo,
        /// What happens above the ceiling, in our words.
        pub consequence: String,
    }
}

term! {
    /// An annual-revenue ceiling.
    pub struct RevenueThreshold {
        /// The ceiling in US dollars: the clause bites above it.
        pub annual_revenue_usd: u64,
        /// Once or at any time.
        pub measured: Measured,
        /// Whose revenue counts.
        pub scope: ThresholdScope,
        /// Which use the threshold constrains.
        pub applies_to: ThresholdAppliesTo,
        /// What happens above the ceiling, in our words.
        pub consequence: String,
        /// Where the text leaves room to read `applies_to` more narrowly
        /// (a ceiling among the commercial terms that ends "any licenses"):
        /// modelgate's reading, in our words, shown with a failure of the
        /// use the narrower reading would spare (non-commercial use).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub reading: Option<String>,
    }
}

/// What makes a redistribution duty bite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// Giving weights (or derivatives) to others.
    Distribution,
    /// Giving weights to others, or offering the model, or a product or
    /// service built on it, to others as a hosted service.
    DistributionOrHostedService,
}

term! {
    /// A public attribution string.
    pub struct Attribution {
        /// The accepted strings, preferred first (`Built with Llama`).
        pub texts: Vec<String>,
        /// Where it must be shown, in our words.
        pub placement: String,
        /// What makes it due.
        pub trigger: Trigger,
        /// Also due when outputs were used to train a model that is distributed.
        #[serde(default)]
        pub covers_models_trained_on_outputs: bool,
        /// Due only for an AI model created, trained, fine-tuned or improved
        /// with the material (or, where covered, its outputs) that is
        /// distributed or made available: never for the unmodified material
        /// (Qwen 2024 §5.b). Absent: the unmodified material counts too.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pub built_models_only: bool,
        /// Which models of the license the duty covers (the NVIDIA Open
        /// Model License's "Built on NVIDIA Cosmos": its multimodal models
        /// only). Absent: every model.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub models: Option<DutyModelScope>,
    }
}

term! {
    /// A naming rule for derivative models.
    pub struct DerivativeNaming {
        /// The published name must begin with this (`Llama`).
        pub prefix: String,
        /// What makes it due.
        pub trigger: Trigger,
        /// Also due for models trained on outputs.
        #[serde(default)]
        pub covers_models_trained_on_outputs: bool,
    }
}

term! {
    /// A plain redistribution duty.
    pub struct Duty {
        /// What makes it due.
        pub trigger: Trigger,
        /// `false` when the duty does not reach a model trained only on the
        /// material's outputs (Llama 3.1: such a model is neither the
        /// materials nor a derivative of them). Absent: it does (fail closed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub covers_models_trained_on_outputs: Option<bool>,
    }
}

term! {
    /// A NOTICE duty.
    pub struct Notice {
        /// The exact notice string the license prescribes, if it prescribes
        /// one (a short required string, not license text).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub text: Option<String>,
        /// The license copy carries the notice (MIT: the licensor's license
        /// file holds the copyright notice), so shipping it meets the duty.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        pub in_license_copy: bool,
        /// What makes it due.
        pub trigger: Trigger,
        /// `false` when the duty does not reach a model trained only on
        /// outputs (see `Duty`). Absent: it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub covers_models_trained_on_outputs: Option<bool>,
    }
}

/// How far a use policy must be passed to recipients and users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassDown {
    /// The restrictions must be written into the agreements with recipients
    /// and users as an enforceable provision (RAIL style).
    Required,
    /// The policy travels with the license copy and the licensee must not let
    /// others breach it, but no clause has to be written in.
    Indirect,
    /// Nothing to pass on.
    None,
}

term! {
    /// An incorporated use policy.
    pub struct UsePolicy {
        /// Title of the policy.
        pub name: String,
        /// How far it must be passed on.
        pub pass_down: PassDown,
        /// What makes the pass-down due.
        pub trigger: Trigger,
        /// `false` when the pass-down does not reach a model trained only on
        /// outputs (see `Duty`). Absent: it does.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub covers_models_trained_on_outputs: Option<bool>,
        /// How far the policy's own list of restricted uses was read, where it
        /// differs from the term's `verification` (which covers the clause that
        /// incorporates the policy). Absent: the term's level. Below
        /// `verified_copy`, a declared purpose the record does not list is
        /// not shown to be unrestricted (LIC-PROHIBITED-USE warns).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub contents_verification: Option<Verification>,
    }
}

/// What a license says about using outputs to train other models.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutputsTrainingRule {
    /// No restriction.
    Allowed,
    /// Allowed, but duties follow (attribution, naming, derivative status).
    Conditional,
    /// Forbidden only for models that compete with the vendor.
    ForbiddenForCompetingModels,
    /// Forbidden (the `note` names any exception, such as the licensor's own family).
    Forbidden,
}

term! {
    /// Outputs used to train other models.
    pub struct OutputsTraining {
        /// The rule.
        pub rule: OutputsTrainingRule,
        /// For `conditional`: the duties, in our words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub condition: Option<String>,
        /// For `forbidden`: the kinds of model the ban names; empty means
        /// every kind (fail closed).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub forbidden_for: Vec<crate::proposal::TrainedModel>,
        /// For `forbidden_for_competing_models`: exceptions the terms grant
        /// whatever a model competes with.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub exceptions: Vec<OutputsTrainingException>,
    }
}

term! {
    /// An exception to an outputs ban, keyed on the kind of model trained.
    pub struct OutputsTrainingException {
        /// The kinds of model trained the exception covers.
        pub trained_models: Vec<crate::proposal::TrainedModel>,
        /// The exception holds only while the model trained is neither
        /// distributed nor offered to others.
        #[serde(default)]
        pub kept_internal: bool,
    }
}

/// Whose location a geographic limit keys on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GeographicKey {
    /// The licensee's domicile or principal place of business.
    LicenseeDomicile,
    /// Where the end users of the product are.
    EndUsers,
}

/// Which models of a license a geographic limit covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelScope {
    /// Every model under the license.
    AllModels,
    /// Only models that take more than one input modality.
    MultimodalModels,
}

/// Which models of a license a redistribution duty covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DutyModelScope {
    /// Every model under the license.
    AllModels,
    /// Only models that take more than one input modality.
    MultimodalModels,
    /// Only models whose inputs and outputs together span more than one
    /// modality (text in, video out counts).
    MultimodalIoModels,
}

/// How a restriction bites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// No rights are granted: the use is forbidden.
    Forbidden,
    /// Allowed only under a condition the proposal cannot show (a reviewer checks).
    Conditional,
}

term! {
    /// A limit keyed on geography.
    pub struct GeographicLimit {
        /// Whose location counts.
        pub key: GeographicKey,
        /// ISO 3166-1 alpha-2 codes, or `EU` / `EEA`.
        pub regions: Vec<String>,
        /// Which models it covers.
        pub models: ModelScope,
        /// Forbidden, or conditional.
        pub effect: Effect,
        /// The condition or exemption, in our words.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub condition: Option<String>,
        /// The provider services (ids of the residency facts) the limit
        /// covers, when it is tied to some of them (the Gemini API's unpaid
        /// tier); absent, it covers every deployment.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub services: Option<Vec<String>>,
        /// An exemption for end users of a product or service that
        /// incorporates the model, in our words (the Llama multimodal
        /// clause): an organisation that only uses the model through a third
        /// party's hosted service, and neither fine-tunes nor gives weights
        /// to others, warns with it instead of failing.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub end_user_exemption: Option<String>,
    }
}

term! {
    /// A field of use the license restricts, in the vocabulary of the
    /// proposal's `use.purposes`.
    pub struct ProhibitedUse {
        /// One of the `use.purposes` values (DESIGN §2).
        pub purpose: crate::proposal::Purpose,
        /// Forbidden outright, or only under a condition (for example the
        /// unlicensed practice of a profession).
        pub effect: Effect,
        /// What the license forbids, in our words.
        pub description: String,
        /// Data classes whose presence may put a use in this field even when
        /// no purpose is declared (export-controlled data and the ITAR
        /// clause of the Llama use policies).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub data_classes: Vec<crate::proposal::DataClass>,
    }
}

term! {
    /// An event that ends the license.
    pub struct Termination {
        /// The event, in our words.
        pub trigger: String,
        /// Whether it ends the license by itself (true) or lets the licensor end it.
        pub automatic: bool,
    }
}

term! {
    /// Law and forum.
    pub struct GoverningLaw {
        /// Governing law.
        pub law: String,
        /// Courts with jurisdiction, if named.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub courts: Option<String>,
    }
}

term! {
    /// What an API vendor does with submitted data by default.
    pub struct DataUse {
        /// Whether inputs train the vendor's models unless the customer opts out.
        pub trains_on_inputs_by_default: bool,
        /// Default retention, in our words (`up to 30 days for abuse monitoring`).
        pub retention: String,
        /// Whether a zero-retention arrangement exists and how it is obtained.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub zero_retention: Option<String>,
    }
}
