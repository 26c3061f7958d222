//! Getting started: `modelgate schema` (the JSON Schema of the proposal
//! format, generated from the serde types) and `modelgate init` (a commented
//! proposal to start from, asked for interactively on a terminal).

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use modelgate::catalog::Catalog;
use modelgate::check::Context;
use modelgate::error::{did_you_mean, Error, ErrorKind, Result};
use modelgate::proposal::{load_sources, LoadOptions};
use modelgate::proposal::{DataClass, DeploymentKind, ProposalDoc};
use modelgate::source::{Limits, SourceFile};
use modelgate::vocabulary::Vocabulary;

use super::print;

/// The JSON Schema of a proposal document.
pub fn schema_text() -> String {
    let mut schema = schemars::schema_for!(ProposalDoc);
    schema.insert("$id".into(), "https://modelgate.dev/schema/proposal-v1.json".into());
    schema.insert("title".into(), "modelgate proposal (modelgate.dev/v1)".into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

pub fn schema() -> Result<u8> {
    print(&schema_text())?;
    Ok(0)
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// metadata.name (`[a-z0-9][a-z0-9-]*`).
    #[arg(long)]
    name: Option<String>,
    /// Catalog model id or alias (`modelgate models` lists them).
    #[arg(long)]
    model: Option<String>,
    /// self_hosted | vendor_api | hosted_open_api | managed_cloud.
    #[arg(long)]
    kind: Option<String>,
    /// Who operates the endpoint (on_prem, aws, azure, gcp, openai, anthropic, google, ...).
    #[arg(long)]
    provider: Option<String>,
    /// Where prompts are processed, comma-separated (US, DE, eu-west-1, global).
    #[arg(long)]
    regions: Option<String>,
    /// Data classes, comma-separated (public, internal, pii, phi, eu_personal, ...).
    #[arg(long)]
    data: Option<String>,
    /// Country of the organisation's principal place of business.
    #[arg(long)]
    domicile: Option<String>,
    /// Monthly active users, affiliates included.
    #[arg(long)]
    users: Option<u64>,
    /// Write to this file instead of stdout (refuses to overwrite without --force).
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Overwrite --output if it exists.
    #[arg(long)]
    force: bool,
    /// Never ask: take flags and defaults even on a terminal.
    #[arg(long)]
    no_input: bool,
}

/// The answers a proposal is written from.
struct Answers {
    name: String,
    model: String,
    kind: String,
    provider: String,
    regions: Vec<String>,
    data: Vec<String>,
    domicile: String,
    users: u64,
}

fn enum_names<T: serde::Serialize>(values: &[T]) -> Vec<String> {
    values.iter().filter_map(|v| serde_json::to_value(v).ok()?.as_str().map(str::to_string)).collect()
}

fn kinds() -> Vec<String> {
    enum_names(&[
        DeploymentKind::SelfHosted,
        DeploymentKind::VendorApi,
        DeploymentKind::HostedOpenApi,
        DeploymentKind::ManagedCloud,
    ])
}

fn classes() -> Vec<String> {
    enum_names(&[
        DataClass::Public,
        DataClass::Internal,
        DataClass::Confidential,
        DataClass::Pii,
        DataClass::Phi,
        DataClass::EuPersonal,
        DataClass::SpecialCategory,
        DataClass::Cardholder,
        DataClass::Classified,
        DataClass::ExportControlled,
    ])
}

fn split_list(text: &str) -> Vec<String> {
    text.split([',', ' ']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// `message (hint)`, as errors print a hint.
fn with_hint(message: String, hint: Option<String>) -> String {
    match hint {
        Some(hint) => format!("{message} ({hint})"),
        None => message,
    }
}

/// Checks one answer; `Err` carries the message and a hint. Places and the
/// provider are checked as `check` checks them, so init never writes a
/// proposal that check refuses.
fn check_answer(
    catalog: &Catalog,
    vocabulary: &Vocabulary,
    field: &str,
    value: &str,
) -> std::result::Result<(), String> {
    let one_of = |value: &str, allowed: &[String]| {
        if allowed.iter().any(|a| a == value) {
            Ok(())
        } else {
            let hint = did_you_mean(value, allowed.iter().map(String::as_str));
            Err(with_hint(format!("`{value}` is not one of {}", allowed.join(", ")), hint))
        }
    };
    match field {
        "name" => {
            let ok = value.chars().next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                && value.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if ok {
                Ok(())
            } else {
                Err("use lower-case letters, digits and `-`".to_string())
            }
        }
        "model" => match catalog.model(value) {
            Some(_) => Ok(()),
            None => Err(with_hint(format!("unknown model `{value}`"), catalog.suggest_model(value))),
        },
        "kind" => one_of(value, &kinds()),
        "provider" => vocabulary.check_provider(value).map_err(|(message, hint)| with_hint(message, hint)),
        "regions" => split_list(value)
            .iter()
            .try_for_each(|place| vocabulary.check_place(place).map_err(|(message, hint)| with_hint(message, hint))),
        "domicile" => vocabulary.check_country(value).map_err(|(message, hint)| with_hint(message, hint)),
        "data" => split_list(value).iter().try_for_each(|c| one_of(c, &classes())),
        _ => Ok(()),
    }
}

pub fn init(args: InitArgs) -> Result<u8> {
    let context = Context::new(&[])?;
    let (catalog, vocabulary) = (&*context.catalog, &*context.vocabulary);
    let interactive = !args.no_input && std::io::stdin().is_terminal();
    let defaults = [
        ("name", args.name.clone().unwrap_or_else(|| "my-proposal".to_string()), "Proposal name"),
        (
            "model",
            args.model.clone().unwrap_or_else(|| "meta-llama/Llama-3.1-8B-Instruct".to_string()),
            "Model (catalog id or alias; `modelgate models` lists them)",
        ),
        ("kind", args.kind.clone().unwrap_or_else(|| "self_hosted".to_string()), "Deployment kind"),
        ("provider", args.provider.clone().unwrap_or_else(|| "on_prem".to_string()), "Provider operating the endpoint"),
        ("regions", args.regions.clone().unwrap_or_else(|| "US".to_string()), "Regions (comma-separated)"),
        ("data", args.data.clone().unwrap_or_else(|| "internal".to_string()), "Data classes (comma-separated)"),
        ("domicile", args.domicile.clone().unwrap_or_else(|| "US".to_string()), "Organisation's country (ISO code)"),
        ("users", args.users.unwrap_or(1000).to_string(), "Monthly active users"),
    ];
    let mut values = Vec::new();
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    for (field, default, question) in defaults {
        let value = if interactive {
            loop {
                let mut stderr = std::io::stderr();
                let _ = write!(stderr, "{question} [{default}]: ");
                let _ = stderr.flush();
                let line = match lines.next() {
                    Some(Ok(line)) => line.trim().to_string(),
                    _ => String::new(),
                };
                let value = if line.is_empty() { default.clone() } else { line };
                match check_answer(catalog, vocabulary, field, &value) {
                    Ok(()) => break value,
                    Err(message) => {
                        let _ = writeln!(stderr, "  {message}");
                    }
                }
            }
        } else {
            check_answer(catalog, vocabulary, field, &default)
                .map_err(|m| Error::new(ErrorKind::Usage, format!("--{field}: {}", m.trim_end())))?;
            default
        };
        values.push(value);
    }
    let users = values[7].parse::<u64>().map_err(|_| {
        Error::new(ErrorKind::Usage, format!("monthly active users must be a number, found `{}`", values[7]))
    })?;
    let answers = Answers {
        name: values[0].clone(),
        model: catalog.model(&values[1]).map_or(values[1].clone(), |m| m.id.clone()),
        kind: values[2].clone(),
        provider: values[3].clone(),
        regions: split_list(&values[4]),
        data: split_list(&values[5]),
        domicile: values[6].clone(),
        users,
    };
    let text = render(&answers);
    // Answers valid one by one can still contradict each other (a vendor
    // API on the organisation's own premises): the proposal is checked as
    // `check` would check it before it is written.
    let written = SourceFile::from_text("the proposal init writes", text.as_str());
    let options = LoadOptions { recursive: false, limits: Limits::default() };
    load_sources(vec![written], &options).and_then(|set| context.subjects(&set)).map_err(|e| {
        let error = Error::new(
            ErrorKind::Usage,
            format!("these answers make a proposal that `check` refuses: {}", e.message()),
        );
        error.with_optional_hint(e.hint())
    })?;
    match &args.output {
        None => print(&text)?,
        Some(path) => {
            if path.exists() && !args.force {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("{} exists: pass --force to overwrite", path.display()),
                ));
            }
            // `init --output proposals/assistant.yaml` in a repository that has
            // no proposals yet: make the directory, as `git init` would.
            if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(parent).map_err(|e| {
                    Error::new(ErrorKind::Io, format!("{}: cannot create the directory: {e}", parent.display()))
                })?;
            }
            std::fs::write(path, &text)
                .map_err(|e| Error::new(ErrorKind::Io, format!("{}: cannot write: {e}", path.display())))?;
        }
    }
    Ok(0)
}

/// Lines up trailing comments at one column, whatever the values' widths.
fn align_comments(text: &str) -> String {
    const COLUMN: usize = 31;
    let mut out = String::with_capacity(text.len() + 256);
    for line in text.lines() {
        match line.split_once(" #") {
            Some((content, comment)) if !content.trim().is_empty() && !content.trim_start().starts_with('#') => {
                let content = content.trim_end();
                let pad = COLUMN.saturating_sub(content.chars().count()).max(1);
                out.push_str(&format!("{content}{}#{comment}\n", " ".repeat(pad)));
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

fn render(a: &Answers) -> String {
    let list = |items: &[String]| items.join(", ");
    align_comments(&format!(
        r#"# A modelgate proposal. Check it with: modelgate check {name}.yaml
# Editors validate and complete this file against the JSON Schema:
#   modelgate schema > proposal.schema.json
# yaml-language-server: $schema=proposal.schema.json
apiVersion: modelgate.dev/v1
kind: ModelProposal
metadata:
  name: {name}                 # [a-z0-9][a-z0-9-]*, unique in a run
  owner: null                  # the team that owns the proposal
model:
  id: {model}
  license: null                # SPDX expression; required for a model outside the catalog
  base_model: null             # for a fine-tune or other derivative: the catalog id it derives from
deployment:
  kind: {kind}                 # self_hosted | vendor_api | hosted_open_api | managed_cloud
  provider: {provider}         # on_prem | aws | azure | gcp | openai | anthropic | google | ...
  service: null                # azure_openai | aws_bedrock | vertex_ai | openai_api | ...
  tier: api                    # api | enterprise | consumer
  regions: [{regions}]         # ISO codes, EU/EEA, provider region ids (eu-west-1), or global
  network: {network}             # air_gapped | private | internet
  telemetry: false             # does anything phone home (usage stats, online license checks)?
  features: null               # provider features used ([] = none; null = not declared): files_api
                               # | prompt_caching | batch | stored_responses | fine_tuning_api
                               # | grounding_search | web_search | image_input | audio | provider_data_share
data:
  classes: [{data}]            # public | internal | confidential | pii | phi | eu_personal
                               # | special_category | cardholder | classified | export_controlled
  subjects: [{domicile}]       # where the data subjects are (ISO codes, EU/EEA)
  deidentification: none       # none | safe_harbor | expert_determination (HIPAA 164.514)
  large_scale: null            # GDPR Art. 35 "large scale" processing (true | false;
                               # null = not declared: a DPIA it could make mandatory warns)
contracts:                     # signed with the provider that operates the endpoint
  baa: false                   # HIPAA Business Associate Agreement
  dpa: false                   # GDPR Art. 28 data processing agreement
  transfer_mechanism: none     # none | adequacy | dpf | sccs | bcr | art49
  zero_data_retention: false
  dpia_done: false             # GDPR Art. 35 impact assessment (your own, not signed)
  pci_dss_agreement: false     # provider's PCI DSS acknowledgement (Req. 12.8.2) and AOC on file
  ccpa_service_provider_terms: false   # CCPA service provider contract (11 CCR 7051)
  cn_transfer_mechanism: none  # PIPL Art. 38: none | cac_assessment | standard_contract | certification
  br_anpd_sccs: false          # LGPD Art. 33: the ANPD standard contractual clauses signed
organization:
  domicile: {domicile}         # principal place of business (ISO code)
  monthly_active_users: {users}   # products and services using the model, affiliates included
  annual_revenue_usd: null
use:
  commercial: true             # any use in the course of a business
  production: true             # false = evaluation, testing, research
  purposes: []                 # medical_advice | legal_advice | financial_advice | military | weapons
                               # | critical_infrastructure | automated_decisions | surveillance
                               # | biometric_identification | law_enforcement | minors
  outputs_train_other_models: false
  outputs_trained_model: null  # when outputs train a model: large_language_model
                               # | other_generative_model | non_generative_model
  # fine_tune:                 # uncomment for a fine-tune, distillation or other derivative
  #   method: lora             # lora | qlora | full | dpo | rlhf | distillation | merge | quantization
  #   compute_flop: null       # training compute of the modification (EU AI Act GPAI test)
  #   base_compute_flop: null  # the original's training compute, where its provider states it
# distribution:                # uncomment when weights or a hosted service leave the organisation
#   weights: false
#   hosted_service: false
#   name: null
#   includes_license_copy: false
#   includes_notice: false
#   attribution: null
#   passes_use_policy: false
#   marks_modifications: false
#   markets: []                # where it is offered (ISO codes, EU, EEA); empty = anywhere, the EU included
# requirements:                # uncomment for the organisation's own rules (each gates like a law)
#   no_third_party_processing: false
#   allowed_regions: []        # ISO codes, EU, EEA or region ids; empty = no constraint
#   zero_retention: false
# workload:                    # advisory only (cost crossover, latency, decision framework)
#   task: general              # frontier_reasoning | domain_reasoning | general
#                              # | classification_extraction | narrow_finetuned
#   tokens_per_day: 5000000    # input + output tokens
#   output_share: 0.2          # fraction of those tokens that are output
#   latency_budget_ms: 800     # time to first token the product needs
# team:                        # advisory only
#   mlops: basic               # none | basic | devops | ml_platform | gpu_infra
# routes:                      # a router sending traffic to several models: see README, "A proposal in brief"
"#,
        name = a.name,
        model = a.model,
        kind = a.kind,
        network = if a.kind == "self_hosted" { "private" } else { "internet" },
        provider = a.provider,
        regions = list(&a.regions),
        data = list(&a.data),
        domicile = a.domicile,
        users = a.users,
    ))
}
