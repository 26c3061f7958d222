//! `modelgate options SCENARIO`: every catalog model in every deployment kind
//! the catalog says it supports, judged against one scenario's data,
//! contracts, organisation, use and distribution. Compliance is the hard
//! filter; advisory findings ride along as advice.
//!
//! # Wire format (`--format json`, `modelgate.dev/options/v1`)
//!
//! `{"schema", "tool", "now", "scenario": {"name", "file", "model", "contracts_with",
//! "contracts"}, "options": [{"model",
//! "license", "deployment_kind", "provider", "service", "verdict",
//! "failing_rules": [{"rule", "title", "message"}], "warnings": [...],
//! "obligations": [...], "advice": [...]}], "summary": {"options", "pass", "fail", "error"},
//! "policies": {"sha256", "rules", "files", "replaced"}, "catalog": {"sha256", "files",
//! "replaced"}}` (the last two as in a check report), compliant options first. The
//! DESIGN §6 fields are fixed; fields may be added.

use std::sync::Arc;

use serde::Serialize;

use crate::catalog::ModelRecord;
use crate::check::{judge_all, CheckOptions, Context};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Category, Obligation, Status};
use crate::proposal::{subjects, Contracts, Deployment, DeploymentKind, LoadedDocument, Model, Network, Tier};
use crate::report::{Tool, Verdict};

/// The options schema id.
pub const SCHEMA: &str = "modelgate.dev/options/v1";

/// Who would operate each deployment kind of a model, when the scenario
/// does not say: (kind, provider, service). Open models self-host on the
/// scenario's own provider (or on premises), are served by open-model hosts,
/// and by the three clouds' model services; API models come from their
/// vendor and the clouds that resell them.
fn offerings(model: &ModelRecord, scenario: Option<&Deployment>) -> Vec<(DeploymentKind, String, Option<String>)> {
    let mut out = Vec::new();
    for kind in &model.deployment_kinds {
        match kind {
            DeploymentKind::SelfHosted => {
                let provider = scenario
                    .filter(|d| d.kind == DeploymentKind::SelfHosted)
                    .map_or("on_prem".to_string(), |d| d.provider.clone());
                let service = scenario.filter(|d| d.kind == DeploymentKind::SelfHosted).and_then(|d| d.service.clone());
                out.push((*kind, provider, service));
            }
            DeploymentKind::VendorApi => {
                let (provider, service) = match model.vendor.as_str() {
                    "openai" => ("openai", "openai_api"),
                    "anthropic" => ("anthropic", "anthropic_api"),
                    "google" => ("google", "gemini_api_paid"),
                    "mistral" | "mistralai" => ("mistral", "mistral_api"),
                    "cohere" => ("cohere", "cohere_api"),
                    other => (other, ""),
                };
                out.push((*kind, provider.to_string(), (!service.is_empty()).then(|| service.to_string())));
            }
            DeploymentKind::HostedOpenApi => {
                for host in ["together", "fireworks"] {
                    out.push((*kind, host.to_string(), None));
                }
            }
            DeploymentKind::ManagedCloud => {
                if !model.managed_clouds.is_empty() {
                    for cloud in &model.managed_clouds {
                        out.push((*kind, cloud.provider.clone(), Some(cloud.service.clone())));
                    }
                    continue;
                }
                let clouds: &[(&str, &str)] = match model.vendor.as_str() {
                    "openai" => &[("azure", "azure_openai")],
                    "anthropic" => &[("aws", "aws_bedrock"), ("gcp", "vertex_ai")],
                    "google" => &[("gcp", "vertex_ai")],
                    // Azure serves other vendors' models through Azure AI
                    // Foundry, which the residency facts do not cover yet.
                    _ => &[("aws", "aws_bedrock"), ("gcp", "vertex_ai")],
                };
                for (cloud, service) in clouds {
                    out.push((*kind, cloud.to_string(), Some(service.to_string())));
                }
            }
        }
    }
    out
}

/// Filters on the options listed.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Model family prefix (`llama`, `gpt-4o`).
    pub family: Option<String>,
    /// A license id or alias the model's expression must name.
    pub license: Option<String>,
    /// A deployment kind.
    pub kind: Option<DeploymentKind>,
}

/// One model in one deployment, judged.
#[derive(Debug, Clone, Serialize)]
pub struct OptionResult {
    /// Catalog model id.
    pub model: String,
    /// Model family.
    pub family: String,
    /// The license expression that binds it.
    pub license: String,
    /// How it would be deployed.
    pub deployment_kind: DeploymentKind,
    /// Who would operate it.
    pub provider: String,
    /// Which service.
    pub service: Option<String>,
    /// `pass`, `fail` or `error`.
    pub verdict: Verdict,
    /// The rules that reject it.
    pub failing_rules: Vec<RuleNote>,
    /// Gating rules that warn.
    pub warnings: Vec<RuleNote>,
    /// Duties that come with it.
    pub obligations: Vec<Obligation>,
    /// What the advisory rules say.
    pub advice: Vec<RuleNote>,
}

/// A rule and what it said.
#[derive(Debug, Clone, Serialize)]
pub struct RuleNote {
    /// Rule id.
    pub rule: String,
    /// Rule title.
    pub title: String,
    /// The finding's message.
    pub message: String,
}

/// The option matrix.
#[derive(Debug, Clone, Serialize)]
pub struct OptionsReport {
    /// `modelgate.dev/options/v1`.
    pub schema: &'static str,
    /// Tool name and version.
    pub tool: Tool,
    /// The evaluation date.
    pub now: String,
    /// The scenario judged.
    pub scenario: ScenarioRef,
    /// The policy files judged with (digests, replaced rules), as in a check report.
    pub policies: crate::report::PolicySet,
    /// The catalog files the options came from (digests, replaced records).
    pub catalog: crate::report::CatalogSet,
    /// Compliant options first, then by model id, kind and provider.
    pub options: Vec<OptionResult>,
    /// Counts.
    pub summary: OptionsSummary,
}

/// The scenario an option matrix was built for.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRef {
    /// `metadata.name`.
    pub name: String,
    /// The file.
    pub file: String,
    /// The model the scenario names, if it names one (to compare against).
    pub model: Option<String>,
    /// The provider the scenario's contracts (a BAA, a DPA, a transfer
    /// mechanism, ...) are signed with, when it claims any: options on
    /// another provider are judged without them.
    pub contracts_with: Option<String>,
    /// Those contracts, by their `contracts.` field names.
    pub contracts: Vec<String>,
}

/// Counts over the options.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OptionsSummary {
    /// Options judged.
    pub options: usize,
    /// Compliant.
    pub pass: usize,
    /// Rejected.
    pub fail: usize,
    /// Could not be judged.
    pub error: usize,
}

/// Builds and judges the option matrix for one scenario.
pub fn options(
    context: &Context,
    scenario: &Arc<LoadedDocument>,
    filters: &Filters,
    check: &CheckOptions,
) -> Result<OptionsReport> {
    let doc = &scenario.doc;
    if doc.routes.is_some() {
        return Err(scenario.error_at(
            "/routes",
            "`options` takes a scenario without routes: judge each route as its own scenario",
            None,
        ));
    }
    validate_scenario(context, scenario)?;
    let license_filter = match &filters.license {
        Some(name) => Some(
            context
                .catalog
                .license_id_for(name)
                .map(str::to_string)
                .ok_or_else(|| Error::new(ErrorKind::Usage, format!("unknown license `{name}` in --license")))?,
        ),
        None => None,
    };
    let mut candidates = Vec::new();
    for model in context.catalog.models() {
        if let Some(family) = &filters.family {
            if !model.family.to_ascii_lowercase().starts_with(&family.to_ascii_lowercase()) {
                continue;
            }
        }
        if let Some(id) = &license_filter {
            if !model.license.split([' ', '(', ')']).any(|t| t == id) {
                continue;
            }
        }
        for (kind, provider, service) in offerings(model, doc.deployment.as_ref()) {
            if filters.kind.is_some_and(|k| k != kind) {
                continue;
            }
            // A service the residency facts do not know is left unnamed: the
            // rules then judge the provider without facts (fail closed).
            let service = service.filter(|s| context.vocabulary.service_providers.contains_key(s));
            candidates.push((model.clone(), kind, provider, service));
        }
    }
    let mut all_subjects = Vec::with_capacity(candidates.len());
    for (model, kind, provider, service) in &candidates {
        let mut variant = doc.clone();
        variant.model = Some(Model { id: Some(model.id.clone()), license: None, base_model: None, card: None });
        variant.deployment = Some(deployment_for(doc.deployment.as_ref(), *kind, provider, service.clone(), doc));
        // The scenario's contracts are signed with its own provider (DESIGN §2):
        // an option on another provider has none of them.
        let scenario_provider = doc.deployment.as_ref().map(|d| d.provider.as_str());
        if scenario_provider != Some(provider.as_str()) {
            variant.contracts = doc.contracts.as_ref().map(Contracts::for_another_provider);
        }
        let document = Arc::new(LoadedDocument {
            file: scenario.file.clone(),
            root: scenario.root.clone(),
            pointer: scenario.pointer.clone(),
            doc: variant,
        });
        all_subjects.extend(subjects(&document, &context.catalog, &context.vocabulary)?);
    }
    let judged = judge_all(context, &all_subjects, check)?;
    let mut results: Vec<OptionResult> = candidates
        .iter()
        .zip(judged)
        .map(|((model, kind, provider, service), result)| {
            let note = |f: &crate::finding::Finding| RuleNote {
                rule: f.rule.clone(),
                title: f.title.clone(),
                message: f.message.clone(),
            };
            let gating = |f: &&crate::finding::Finding| f.category != Category::Advisory;
            let mut obligations: Vec<Obligation> = result
                .findings
                .iter()
                .filter(|f| f.category != Category::Advisory)
                .flat_map(|f| f.obligations.iter().cloned())
                .collect();
            obligations.sort();
            obligations.dedup();
            OptionResult {
                model: model.id.clone(),
                family: model.family.clone(),
                license: result.model.license.clone(),
                deployment_kind: *kind,
                provider: provider.clone(),
                service: service.clone(),
                verdict: result.verdict,
                failing_rules: result
                    .findings
                    .iter()
                    .filter(gating)
                    .filter(|f| matches!(f.status, Status::Fail | Status::Error))
                    .map(note)
                    .collect(),
                warnings: result
                    .findings
                    .iter()
                    .filter(gating)
                    .filter(|f| f.status == Status::Warn)
                    .map(note)
                    .collect(),
                obligations,
                advice: result.findings.iter().filter(|f| f.category == Category::Advisory).flat_map(advice).collect(),
            }
        })
        .collect();
    // Models in the order a reader looks them up, whatever the case of the
    // vendor's name (`CohereForAI`, `Qwen` sorted before `allenai`).
    results.sort_by_cached_key(|r| {
        (verdict_rank(r.verdict), r.model.to_lowercase(), r.model.clone(), r.deployment_kind, r.provider.clone())
    });
    let mut summary = OptionsSummary { options: results.len(), ..OptionsSummary::default() };
    for r in &results {
        match r.verdict {
            Verdict::Pass => summary.pass += 1,
            Verdict::Fail => summary.fail += 1,
            Verdict::Error => summary.error += 1,
        }
    }
    Ok(OptionsReport {
        schema: SCHEMA,
        tool: Tool::current(),
        now: check.now.clone(),
        scenario: ScenarioRef {
            name: doc.metadata.name.clone(),
            file: scenario.file.path.clone(),
            model: doc.model.as_ref().and_then(|m| m.id.clone()),
            contracts_with: doc
                .contracts
                .as_ref()
                .filter(|c| c.claims_provider_contracts())
                .map(|_| doc.deployment.as_ref().map_or("on_prem".to_string(), |d| d.provider.clone())),
            contracts: doc.contracts.as_ref().map(provider_contracts).unwrap_or_default(),
        },
        policies: context.policy_set(),
        catalog: context.catalog_set(),
        options: results,
        summary,
    })
}

/// What an advisory finding advises: its warning, or the notes of a pass.
fn advice(f: &crate::finding::Finding) -> Vec<RuleNote> {
    let note = |message: &str| RuleNote { rule: f.rule.clone(), title: f.title.clone(), message: message.to_string() };
    match f.status {
        Status::Warn => vec![note(&f.message)],
        Status::Pass => f.obligations.iter().map(|o| note(&o.text)).collect(),
        _ => Vec::new(),
    }
}

fn verdict_rank(verdict: Verdict) -> u8 {
    match verdict {
        Verdict::Pass => 0,
        Verdict::Fail => 1,
        Verdict::Error => 2,
    }
}

/// The deployment an option would have: the scenario's network, telemetry,
/// features and regions where they fit, the option's kind, provider and service.
/// Refuses a scenario that `check` would refuse. Each option replaces the
/// scenario's model and deployment, so their mistakes (an unknown model id,
/// `provider: opneai`, a region id that does not exist) never reached the
/// validation of the variants and were dropped in silence. A section the
/// scenario leaves out is filled with one that is valid on its own (a
/// licensed model outside the catalog, on the organisation's premises), so
/// only the scenario's own content can be refused.
fn validate_scenario(context: &Context, scenario: &Arc<LoadedDocument>) -> Result<()> {
    let mut doc = scenario.doc.clone();
    if doc.model.is_none() {
        doc.model = Some(Model { id: None, license: Some("MIT".to_string()), base_model: None, card: None });
    }
    if doc.deployment.is_none() {
        doc.deployment = Some(deployment_for(None, DeploymentKind::SelfHosted, "on_prem", None, &doc));
    }
    let document = Arc::new(LoadedDocument {
        file: scenario.file.clone(),
        root: scenario.root.clone(),
        pointer: scenario.pointer.clone(),
        doc,
    });
    subjects(&document, &context.catalog, &context.vocabulary).map(|_| ())
}

fn deployment_for(
    scenario: Option<&Deployment>,
    kind: DeploymentKind,
    provider: &str,
    service: Option<String>,
    doc: &crate::proposal::ProposalDoc,
) -> Deployment {
    let domicile = doc.organization.as_ref().and_then(|o| o.domicile.clone());
    let regions = match scenario {
        Some(d)
            if !d.regions.is_empty()
                && !d.regions.iter().any(|r| r.contains('-') || r.chars().any(|c| c.is_ascii_lowercase())) =>
        {
            // Country and bloc codes carry over to any provider; a provider's
            // own region ids do not.
            d.regions.clone()
        }
        _ => domicile.into_iter().collect(),
    };
    Deployment {
        kind,
        provider: provider.to_string(),
        service,
        tier: scenario.map_or(Tier::Api, |d| if d.tier == Tier::Consumer { Tier::Api } else { d.tier }),
        regions,
        network: scenario.map_or(Network::Internet, |d| d.network),
        telemetry: scenario.map_or(kind != DeploymentKind::SelfHosted, |d| d.telemetry),
        // The features the workload needs go with it to every option.
        features: scenario.and_then(|d| d.features.clone()),
    }
}

/// Output formats of the option matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionsFormat {
    /// A table for a terminal.
    Text,
    /// `modelgate.dev/options/v1`.
    Json,
    /// A matrix table for a PR comment or a wiki page.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

impl OptionsFormat {
    /// Every format name.
    pub const NAMES: [&'static str; 4] = ["text", "json", "markdown", "html"];

    /// Parses a format name.
    pub fn parse(name: &str) -> Option<OptionsFormat> {
        match name {
            "text" => Some(OptionsFormat::Text),
            "json" => Some(OptionsFormat::Json),
            "markdown" => Some(OptionsFormat::Markdown),
            "html" => Some(OptionsFormat::Html),
            _ => None,
        }
    }

    /// Renders the matrix.
    pub fn render(self, report: &OptionsReport) -> String {
        match self {
            OptionsFormat::Text => render_text(report),
            OptionsFormat::Json => {
                let mut out = serde_json::to_string_pretty(report).unwrap_or_default();
                out.push('\n');
                out
            }
            OptionsFormat::Markdown => render_markdown(report),
            OptionsFormat::Html => render_html(report),
        }
    }
}

/// The contracts signed with the endpoint's provider that a scenario claims,
/// by field name (the DPIA is the organisation's own, signed with no one).
fn provider_contracts(c: &Contracts) -> Vec<String> {
    use crate::proposal::{CnTransferMechanism, TransferMechanism};
    let claimed = [
        ("baa", c.baa),
        ("dpa", c.dpa),
        ("transfer_mechanism", c.transfer_mechanism != TransferMechanism::None),
        ("zero_data_retention", c.zero_data_retention),
        ("pci_dss_agreement", c.pci_dss_agreement),
        ("ccpa_service_provider_terms", c.ccpa_service_provider_terms),
        ("cn_transfer_mechanism", c.cn_transfer_mechanism != CnTransferMechanism::None),
        ("br_anpd_sccs", c.br_anpd_sccs),
    ];
    claimed.iter().filter(|(_, on)| *on).map(|(name, _)| (*name).to_string()).collect()
}

/// Why an option on another provider fails for a contract the scenario
/// declares: the contracts are signed with the scenario's own provider.
fn contracts_note(report: &OptionsReport) -> Option<String> {
    report.scenario.contracts_with.as_ref().map(|provider| {
        format!(
            "The scenario's contracts ({}) are signed with {provider}: options on any other provider are judged without them.",
            report.scenario.contracts.iter().map(|c| format!("contracts.{c}")).collect::<Vec<_>>().join(", ")
        )
    })
}

fn where_(option: &OptionResult) -> String {
    match &option.service {
        Some(service) => format!("{} ({service})", option.provider),
        None => option.provider.clone(),
    }
}

fn render_text(report: &OptionsReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "Options for {} ({}), judged {}", report.scenario.name, report.scenario.file, report.now);
    if let Some(note) = contracts_note(report) {
        let _ = writeln!(out, "{note}");
    }
    out.push('\n');
    let compliant: Vec<_> = report.options.iter().filter(|o| o.verdict == Verdict::Pass).collect();
    let _ = writeln!(out, "COMPLIANT ({})", compliant.len());
    for o in &compliant {
        let _ = writeln!(out, "  {:<48} {:<16} {:<28} {}", o.model, o.deployment_kind.name(), where_(o), o.license);
        for w in &o.warnings {
            let _ = writeln!(out, "      warn {}: {}", w.rule, w.message);
        }
        for ob in &o.obligations {
            let _ = writeln!(out, "      must: {}", ob.text);
        }
        for a in &o.advice {
            let _ = writeln!(out, "      advice {}: {}", a.rule, a.message);
        }
    }
    let rejected: Vec<_> = report.options.iter().filter(|o| o.verdict != Verdict::Pass).collect();
    let _ = writeln!(out, "\nREJECTED ({})", rejected.len());
    for o in &rejected {
        let rules: Vec<&str> = o.failing_rules.iter().map(|r| r.rule.as_str()).collect();
        let _ =
            writeln!(out, "  {:<48} {:<16} {:<28} {}", o.model, o.deployment_kind.name(), where_(o), rules.join(", "));
        if let Some(first) = o.failing_rules.first() {
            let _ = writeln!(out, "      {}", first.message);
        }
    }
    let s = &report.summary;
    let _ = writeln!(out, "\n{} options: {} compliant, {} rejected, {} error", s.options, s.pass, s.fail, s.error);
    out
}

fn escape_markdown(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn render_markdown(report: &OptionsReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "## Model options for `{}`\n", report.scenario.name);
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} options judged on {}: **{} compliant**, {} rejected.\n",
        s.options,
        report.now,
        s.pass,
        s.fail + s.error
    );
    if let Some(note) = contracts_note(report) {
        let _ = writeln!(out, "> {}\n", escape_markdown(&note));
    }
    // A matrix built on a team's own rules or catalog records says so.
    for note in report.policies.replaced.iter().chain(&report.catalog.replaced) {
        let _ = writeln!(out, "> **Replaced:** {}\n", escape_markdown(note));
    }
    let _ = writeln!(out, "| Verdict | Model | Deployment | Provider | License | Rejected by / obligations |");
    let _ = writeln!(out, "|---|---|---|---|---|---|");
    for o in &report.options {
        let verdict = match o.verdict {
            Verdict::Pass => "✅ compliant",
            Verdict::Fail => "❌ rejected",
            Verdict::Error => "⚠️ error",
        };
        let detail = if o.verdict == Verdict::Pass {
            o.obligations.iter().map(|ob| ob.text.clone()).collect::<Vec<_>>().join("; ")
        } else {
            o.failing_rules.iter().map(|r| format!("`{}`", r.rule)).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(
            out,
            "| {verdict} | `{}` | {} | {} | `{}` | {} |",
            o.model,
            o.deployment_kind.name(),
            escape_markdown(&where_(o)),
            escape_markdown(&o.license),
            escape_markdown(&detail)
        );
    }
    out
}

/// The matrix as one self-contained page (maud escapes every value).
fn render_html(report: &OptionsReport) -> String {
    use maud::{html, PreEscaped, DOCTYPE};
    const CSS: &str = "body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eee; }
tr.pass td.verdict { background: #d9f2d9; }
tr.fail td.verdict { background: #f8d7d7; }
tr.error td.verdict { background: #fde9c8; }
ul { margin: 0; padding-left: 1.2em; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }";
    let s = &report.summary;
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                title { "Model options: " (report.scenario.name) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { "Model options for " (report.scenario.name) }
                p {
                    "Scenario " code { (report.scenario.file) } ", judged on " (report.now) " by modelgate "
                    (report.tool.version) ": " b { (s.pass) " compliant" } ", " (s.fail + s.error) " rejected, of "
                    (s.options) " options."
                }
                @if let Some(note) = contracts_note(report) {
                    p { (note) }
                }
                @for note in report.policies.replaced.iter().chain(&report.catalog.replaced) {
                    p { b { "Replaced: " } (note) }
                }
                table {
                    thead { tr {
                        th { "Verdict" } th { "Model" } th { "Deployment" } th { "Provider" } th { "License" }
                        th { "Obligations / rejected by" } th { "Advice" }
                    } }
                    tbody {
                        @for o in &report.options {
                            @let (class, label) = match o.verdict {
                                Verdict::Pass => ("pass", "compliant"),
                                Verdict::Fail => ("fail", "rejected"),
                                Verdict::Error => ("error", "error"),
                            };
                            tr class=(class) {
                                td.verdict { (label) }
                                td { code { (o.model) } }
                                td { (o.deployment_kind.name()) }
                                td { (where_(o)) }
                                td { code { (o.license) } }
                                td { ul {
                                    @if o.verdict == Verdict::Pass {
                                        @for ob in &o.obligations { li { (ob.text) } }
                                    } @else {
                                        @for r in &o.failing_rules { li { b { (r.rule) } " " (r.message) } }
                                    }
                                } }
                                td { ul { @for a in &o.advice { li { (a.message) } } } }
                            }
                        }
                    }
                }
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}
