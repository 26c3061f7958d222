//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning (and any SARIF
//! viewer).
//!
//! - One run. `tool.driver` names modelgate and its version and carries one
//!   `reportingDescriptor` per policy rule: `id` = rule id, `name` and
//!   `shortDescription` = title, `fullDescription` = description, `help`
//!   (text and markdown) with the citation and remediation, `helpUri` = the
//!   citation URL, `defaultConfiguration.level` (`error` for a rule that
//!   gates, `note` for an advisory one: see [`default_level`]), and
//!   `properties` with `tags` (category) and `severity`.
//! - One result per violation of a `fail`, `warn` or `waived` finding:
//!   `ruleId`/`ruleIndex`, `level` (fail and waived: `error`; warn:
//!   `warning`, or `note` for an advisory rule), the message, a region at the
//!   line and column of the field at
//!   fault in the proposal file (line 1 for proposal-level findings), and
//!   `partialFingerprints` built from rule, proposal, route and path only (so
//!   an alert survives edits elsewhere in the file). Waived results carry a
//!   `suppressions` entry (kind `external`, status `accepted`) whose
//!   justification is the waiver's reason, approver, ticket, expiry and comment.
//! - Rules that could not be evaluated are `toolExecutionNotifications` with
//!   `executionSuccessful: false`, never results that could be dismissed.
//! - Stale waivers (a waiver that matched no failure) are
//!   `toolConfigurationNotifications` (the waiver file configures the run)
//!   with level `warning`, the reason as message, a location at the waiver in
//!   the waiver file and `associatedRule` when the rule was evaluated; not
//!   results, which would be alerts on a file that is not analysed.
//! - `artifactLocation.uri` is the proposal path as given on the command line,
//!   relative (run modelgate from the repository root), percent-encoded; never
//!   `file://`. Inputs are listed in `artifacts` with their sha256; the run's
//!   `properties.modelgate` records `now` and the policy, catalog and waiver
//!   digests.
//!
//! Types are written out here (about a dozen serde structs) rather than taken
//! from a SARIF crate: the crates that exist generate hundreds of builder
//! types at build time, a poor trade on a 2-core build for the fields we use.
//! `tests/formats.rs` validates the output against the official schema.

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use serde_json::{json, Value};

use super::{points, subject_name, Report};
use crate::engine::meta::RuleMeta;
use crate::error::Location;
use crate::finding::{Category, Finding, Status};
use crate::waiver::WaiverState;

/// The `$schema` written in every log.
pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The `partialFingerprints` key.
pub const FINGERPRINT: &str = "modelgate/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'a str,
    version: &'a str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    invocations: Vec<Invocation>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult>,
    column_kind: &'a str,
    properties: Value,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'a str,
    version: &'a str,
    semantic_version: &'a str,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: Value,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_configuration_notifications: Vec<ConfigurationNotification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ConfigurationNotification {
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    associated_rule: Option<Value>,
    properties: Value,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    descriptor: Value,
    locations: Vec<SarifLocation>,
}

#[derive(Serialize)]
struct Artifact {
    location: ArtifactLocation,
    roles: [&'static str; 1],
    hashes: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<SarifLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    properties: Value,
}

/// A place that explains a result: the waiver that was not applied to it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    status: &'static str,
    justification: String,
    location: SarifLocation,
    properties: Value,
}

/// Renders the report as a SARIF 2.1.0 log (pretty JSON, trailing newline).
pub fn render(report: &Report) -> String {
    let rules: Vec<Descriptor> = report.rules.iter().map(|r| descriptor(&r.meta)).collect();
    let index = |id: &str| report.rules.iter().position(|r| r.meta.id == id);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for p in &report.proposals {
        let subject = subject_name(p);
        for finding in &p.findings {
            match finding.status {
                Status::Fail | Status::Warn | Status::Waived => {}
                Status::Error => {
                    notifications.push(Notification {
                        level: "error",
                        message: Text { text: format!("{subject}: {}", finding.message) },
                        descriptor: json!({"id": finding.rule}),
                        locations: vec![location(&p.file, finding.location.as_ref())],
                    });
                    continue;
                }
                Status::Pass | Status::NotApplicable => continue,
            }
            let Some(rule_index) = index(&finding.rule) else { continue };
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for point in points(finding) {
                let path = point.path.unwrap_or_default();
                let mut identity = format!("{}|{}|{}|{}", finding.rule, p.name, p.route.as_deref().unwrap_or(""), path);
                let n = seen.entry(identity.clone()).or_default();
                *n += 1;
                if *n > 1 {
                    identity = format!("{identity}#{n}");
                }
                let mut text = format!("{}\nProposal: {subject}.", point.message);
                if let Some(fix) = point.remediation {
                    text = format!("{text} Fix: {fix}");
                }
                if let Some(note) = finding.waiver.as_ref().and_then(|w| w.note.as_ref()) {
                    text = format!("{text}\nWaiver not applied: {note}");
                }
                results.push(SarifResult {
                    rule_id: finding.rule.clone(),
                    rule_index,
                    level: result_level(finding),
                    message: Text { text },
                    locations: vec![location(&p.file, point.location)],
                    partial_fingerprints: BTreeMap::from([(FINGERPRINT, identity)]),
                    suppressions: suppressions(finding),
                    related_locations: unapplied_waiver(finding),
                    properties: compact(json!({
                        "proposal": p.name,
                        "route": p.route,
                        "status": finding.status.as_str(),
                        "severity": finding.severity.as_str(),
                        "category": finding.category.as_str(),
                        "license": finding.license,
                        "path": point.path,
                        "waiver": finding.waiver,
                    })),
                });
            }
        }
    }
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: report.tool.name,
                    version: report.tool.version,
                    semantic_version: report.tool.version,
                    rules,
                },
            },
            invocations: vec![Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
                tool_configuration_notifications: stale_waivers(report),
            }],
            artifacts: report
                .inputs
                .iter()
                .map(|i| Artifact {
                    location: ArtifactLocation { uri: uri(&i.file) },
                    roles: ["analysisTarget"],
                    hashes: BTreeMap::from([("sha-256", i.sha256.clone())]),
                })
                .collect(),
            results,
            column_kind: "unicodeCodePoints",
            properties: json!({
                "modelgate": {
                    "schema": report.schema,
                    "now": report.now,
                    "summary": report.summary,
                    "inputs": report.inputs,
                    "policies": report.policies,
                    "catalog": report.catalog,
                    "waivers": report.waivers,
                    "licenses": report.licenses.iter().map(|l| json!({"id": l.id, "file": l.file, "sha256": l.sha256})).collect::<Vec<_>>(),
                }
            }),
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

fn descriptor(rule: &RuleMeta) -> Descriptor {
    let c = &rule.citation;
    let citation = c.label();
    let mut text = format!("{}\n\nCitation: {citation} <{}>", rule.description, c.url);
    let mut markdown = format!("{}\n\n**Citation:** [{}]({})", rule.description, md(&citation), c.url);
    if let Some(fix) = &rule.remediation {
        text.push_str(&format!("\n\nRemediation: {fix}"));
        markdown.push_str(&format!("\n\n**Remediation:** {}", md(fix)));
    }
    text.push_str("\n\nA failure can be waived in a waiver file (modelgate check --waivers FILE) with approver, reason and expiry.");
    markdown.push_str("\n\nA failure can be waived in a waiver file (`modelgate check --waivers FILE`) with approver, reason and expiry.");
    Descriptor {
        id: rule.id.clone(),
        name: rule.title.clone(),
        short_description: Text { text: rule.title.clone() },
        full_description: Text { text: rule.description.clone() },
        help: Help { text, markdown },
        help_uri: c.url.clone(),
        default_configuration: Configuration { level: default_level(rule) },
        properties: json!({
            "tags": ["compliance", rule.category.as_str()],
            "precision": "high",
            "severity": rule.severity.as_str(),
        }),
    }
}

/// A rule's `defaultConfiguration.level`: `error` for every rule that gates,
/// `note` for an advisory one.
///
/// The level says what a failure of the rule does, not how serious the rule
/// is: a failure of any gating rule, whatever its severity, fails the
/// proposal and exits 1, so its results are `error` and the rule's default
/// must agree (code scanning shows the result's level, and a default of
/// `warning` under `error` results reads as a contradiction). Advisory rules
/// never gate (`warn` at most, skipped by `--fail-on warn`): `note`, the
/// level code scanning's merge checks never fail on by default. The severity
/// (critical to info) goes in `properties.severity` of rules and results.
/// No `security-severity`: GitHub reads it for security queries (tagged
/// `security`), and these are license and compliance rules.
pub fn default_level(rule: &RuleMeta) -> &'static str {
    match rule.category {
        Category::Advisory => "note",
        _ => "error",
    }
}

/// A result's level: `error` for a failure (waived ones too: the waiver is
/// the suppression, not a lower level); a warning is `warning`, or `note`
/// for an advisory rule, as `--fail-on warn` gates on the first and never
/// on the second; a waived warning keeps its warning's level.
fn result_level(finding: &Finding) -> &'static str {
    let waived_warning = finding.status == Status::Waived
        && finding.waiver.as_ref().is_some_and(|w| w.status == crate::waiver::WaivedStatus::Warn);
    match (finding.status, finding.category) {
        (Status::Warn, Category::Advisory) => "note",
        (Status::Waived, Category::Advisory) if waived_warning => "note",
        (Status::Warn, _) => "warning",
        (Status::Waived, _) if waived_warning => "warning",
        _ => "error",
    }
}

/// A warning per stale waiver, at the waiver in the waiver file.
fn stale_waivers(report: &Report) -> Vec<ConfigurationNotification> {
    report
        .stale_waivers()
        .iter()
        .map(|stale| {
            let proposal = match &stale.route {
                Some(route) => format!("{}/{route}", stale.proposal),
                None => stale.proposal.clone(),
            };
            ConfigurationNotification {
                level: "warning",
                message: Text {
                    text: format!(
                        "stale waiver: {} for {proposal} {}: {}",
                        stale.rule,
                        stale.matches_nothing(),
                        stale.why
                    ),
                },
                locations: vec![location(&stale.location.file, Some(&stale.location))],
                associated_rule: report
                    .rules
                    .iter()
                    .position(|r| r.meta.id == stale.rule)
                    .map(|index| json!({"id": stale.rule, "index": index})),
                properties: compact(json!({
                    "rule": stale.rule,
                    "proposal": stale.proposal,
                    "route": stale.route,
                    "approvedBy": stale.approved_by,
                    "reason": stale.reason.as_str(),
                    "ticket": stale.ticket,
                    "expires": stale.expires,
                })),
            }
        })
        .collect()
}

fn suppressions(finding: &Finding) -> Vec<Suppression> {
    let Some(w) = finding.waiver.as_ref().filter(|w| w.state == WaiverState::Applied) else {
        return Vec::new();
    };
    vec![Suppression {
        kind: "external",
        status: "accepted",
        justification: w.describe(),
        location: location(&w.location.file, Some(&w.location)),
        properties: json!({
            "approvedBy": w.approved_by,
            "reason": w.reason.as_str(),
            "ticket": w.ticket,
            "expires": w.expires,
            "comment": w.comment,
        }),
    }]
}

/// The waiver a failure or warning met but that did not apply (expired, its
/// license record changed, another license, a waiver for warnings only), as
/// a related location in the waiver file, where it is renewed or corrected.
/// An applied waiver is a suppression instead, with its own location.
fn unapplied_waiver(finding: &Finding) -> Vec<RelatedLocation> {
    let Some(w) = finding.waiver.as_ref().filter(|w| w.state != WaiverState::Applied) else {
        return Vec::new();
    };
    let text = match &w.note {
        Some(note) => format!("waiver not applied ({}): {note}", w.state.as_str()),
        None => format!("waiver not applied ({})", w.state.as_str()),
    };
    vec![RelatedLocation {
        id: 1,
        physical_location: location(&w.location.file, Some(&w.location)).physical_location,
        message: Text { text },
    }]
}

/// An object without its null members.
fn compact(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        map.retain(|_, v| !v.is_null());
    }
    value
}

fn location(file: &str, at: Option<&Location>) -> SarifLocation {
    let (file, line, column) = match at {
        Some(l) => (l.file.as_str(), l.line.max(1), l.column.max(1)),
        None => (file, 1, 1),
    };
    SarifLocation {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri(file) },
            region: Region { start_line: line, start_column: column },
        },
    }
}

/// Characters escaped in a path URI: everything but unreserved characters,
/// `/` and a few sub-delimiters that are safe in a path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}')
    .add(b':');

/// A path as a relative URI reference: `/`-separated, `./` dropped,
/// percent-encoded.
pub fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.trim_start_matches("./");
    utf8_percent_encode(path, PATH).to_string()
}

fn md(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]")
}
