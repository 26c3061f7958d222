//! The report: what was checked, against which policy and catalog, with what
//! result. Renderers are pure functions of a finished [`Report`].
//!
//! # Wire format (`--format json`, `modelgate.dev/report/v1`)
//!
//! The fields of DESIGN §5 are fixed; fields may be added, never renamed.
//! `schema`, `tool {name, version}`, `now` (the evaluation date),
//! `proposals[] {name, file, route, verdict, model {id, license, alternative,
//! record {verification, source}},
//! findings[] {rule, status, severity, category, title, message, remediation,
//! license, citation {document, section, url}, path, location {file, line,
//! column}, obligations[], waiver {state (`applied`, `expired`,
//! `terms_changed`, `other_license`, `warning_only`), status, approved_by,
//! reason, comment, ticket, expires, location, license_sha256, note},
//! violations[]}}` (proposals in input order, a proposal's routes in their
//! order; findings by status, `error`, `fail`, `warn`, `waived`, `pass`,
//! `not_applicable`, then by rule id), `summary {proposals, pass, fail, error, findings {pass,
//! fail, warn, waived, not_applicable, error}}`,
//! `gate {fail_on, result, gating_warnings}`, `command[]` (the `modelgate
//! check` command that reproduces the report),
//! `inputs[] {file, sha256}`, `policies {sha256, rules, files[], replaced[]}`, `catalog {sha256, files[], replaced[]}`,
//! `catalog {sha256, files[]}`, `waivers {file, sha256, stale[] {rule,
//! proposal, route, status, location, approved_by, reason, ticket, expires, why}}`,
//! `rules[]` (every rule evaluated: `id, title, severity, category, citation,
//! description, remediation, origin` (`bundled` or `policy`)`, files`, by id) and `licenses[]` (the catalog records the
//! proposals' license expressions name: `id, name, version, kind,
//! verification, url, summary, file, sha256`, by id; `sha256` is what a
//! waiver's `license_sha256` pins).
//!
//! # Formats
//!
//! Every renderer is a pure function of a finished [`Report`]: same report,
//! same bytes. No renderer reads the clock; the only date is `now`.
//! `text`, `json`, `sarif` (SARIF 2.1.0 for code scanning), `junit` (JUnit
//! XML), `github` (Actions workflow commands), `markdown` (PR comment or job
//! summary) and `html` (self-contained audit report).

pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod text;

use serde::Serialize;

use crate::catalog::license::Verification;
use crate::catalog::Catalog;
use crate::engine::meta::RuleMeta;
use crate::engine::Origin;
use crate::error::Location;
use crate::finding::{Citation, Finding, Status};
use crate::waiver::Reason;

/// The report schema id.
pub const SCHEMA: &str = "modelgate.dev/report/v1";

/// A whole run's result.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `modelgate.dev/report/v1`.
    pub schema: &'static str,
    /// Tool name and version.
    pub tool: Tool,
    /// The date the run judged as today (`--now`).
    pub now: String,
    /// One entry per proposal, or per route of a proposal with routes.
    pub proposals: Vec<ProposalResult>,
    /// Counts.
    pub summary: Summary,
    /// The run as a gate (set from `summary` once it is complete).
    pub gate: Gate,
    /// The command that judges the same files the same way: `modelgate
    /// check` with `--now`, `--fail-on`, `--timeout-ms`, each `--policy`, the
    /// waiver file and the proposal paths as given (`-R` when directories
    /// were read recursively; standard input as `-`). Run from the same
    /// working directory on files with the digests recorded here, it gives
    /// the same report.
    pub command: Vec<String>,
    /// Every proposal file read, then every model card they name, with its digest.
    pub inputs: Vec<FileDigest>,
    /// The policy set.
    pub policies: PolicySet,
    /// The catalog.
    pub catalog: CatalogSet,
    /// The waiver file, if any.
    pub waivers: Option<WaiverSet>,
    /// Every rule evaluated, by id.
    pub rules: Vec<RuleRecord>,
    /// The license records the proposals' expressions name, by id.
    pub licenses: Vec<LicenseFacts>,
}

/// "the proposal passes", "all 3 proposals pass".
pub fn all_pass(proposals: usize) -> String {
    if proposals == 1 {
        "the proposal passes".to_string()
    } else {
        format!("all {proposals} proposals pass")
    }
}

/// The headline of a run in which rules could not be evaluated: the run
/// is incomplete, but proposals known to fail are still said to.
pub fn not_evaluated(summary: &Summary) -> String {
    let f = summary.findings.error;
    let errors = if f == 1 {
        "1 finding could not be evaluated".to_string()
    } else {
        format!("{f} findings could not be evaluated")
    };
    if summary.fail > 0 {
        format!("{errors}, and {} of {} proposals fail", summary.fail, summary.proposals)
    } else {
        errors
    }
}

/// "1 finding warns", "3 findings warn".
pub fn warnings(count: usize) -> String {
    if count == 1 {
        "1 finding warns".to_string()
    } else {
        format!("{count} findings warn")
    }
}

/// The lowest finding status that fails a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FailOn {
    /// A failing finding (the default).
    #[default]
    Fail,
    /// A failing or warning finding of any category but advisory.
    Warn,
}

impl FailOn {
    /// The name as `--fail-on` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Fail => "fail",
            FailOn::Warn => "warn",
        }
    }
}

/// The run's outcome as a gate: what fails it and whether it did; the exit
/// code follows it (0 pass, 1 fail, 2 error).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gate {
    /// `--fail-on`.
    pub fail_on: FailOn,
    /// `pass`, `fail`, or `error` when a rule could not be evaluated.
    pub result: Verdict,
    /// Warnings that count with `--fail-on warn` (advisory ones never do).
    pub gating_warnings: usize,
}

impl Gate {
    /// The gate over finished counts.
    pub fn of(summary: &Summary, fail_on: FailOn) -> Gate {
        let result = if summary.findings.error > 0 {
            Verdict::Error
        } else if summary.fail > 0 || (fail_on == FailOn::Warn && summary.gating_warnings > 0) {
            Verdict::Fail
        } else {
            Verdict::Pass
        };
        Gate { fail_on, result, gating_warnings: summary.gating_warnings }
    }
}

impl Report {
    /// Whether the run fails on warnings alone (`--fail-on warn`, no proposal
    /// failing): every proposal then reads as passing, so headlines say why.
    pub fn fails_on_warnings_alone(&self) -> bool {
        self.gate.result == Verdict::Fail && self.summary.fail == 0
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&RuleMeta> {
        self.rules.iter().map(|r| &r.meta).find(|r| r.id == id)
    }

    /// The license records an expression names, in the order of `licenses`.
    pub fn licenses_in(&self, expression: &str) -> Vec<&LicenseFacts> {
        let ids = license_ids(expression);
        self.licenses.iter().filter(|l| ids.contains(&l.id.as_str())).collect()
    }

    /// Every waiver that met a failure, in report order, with the proposal
    /// (and route) and rule it met.
    pub fn waived(&self) -> Vec<(&ProposalResult, &Finding, &crate::waiver::AppliedWaiver)> {
        let mut out = Vec::new();
        for p in &self.proposals {
            for f in &p.findings {
                if let Some(w) = &f.waiver {
                    out.push((p, f, w));
                }
            }
        }
        out
    }

    /// The stale waivers (none without a waiver file).
    pub fn stale_waivers(&self) -> &[StaleWaiver] {
        self.waivers.as_ref().map(|w| w.stale.as_slice()).unwrap_or_default()
    }

    /// What the report was built from, on one line: the tool version and the
    /// first 12 hex digits of the policy, catalog and (when given) waiver
    /// digests (`modelgate 0.1.0 · policies sha256:0123456789ab · catalog
    /// sha256:…`). The full digests, per file, are in the JSON report.
    pub fn provenance(&self) -> String {
        use crate::digest::short;
        let mut line = format!(
            "{} {} · policies sha256:{} · catalog sha256:{}",
            self.tool.name,
            self.tool.version,
            short(&self.policies.sha256),
            short(&self.catalog.sha256)
        );
        if let Some(waivers) = &self.waivers {
            line.push_str(&format!(" · waivers sha256:{}", short(&waivers.sha256)));
        }
        line
    }
}

/// The license ids an SPDX expression names (`WITH` exceptions and
/// operators left out).
pub fn license_ids(expression: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    let mut exception = false;
    for token in expression.split(|c: char| c.is_whitespace() || c == '(' || c == ')') {
        match token {
            "" | "AND" | "OR" => {}
            "WITH" => {
                exception = true;
                continue;
            }
            _ if exception => {}
            id => ids.push(id.trim_end_matches('+')),
        }
        exception = false;
    }
    ids
}

/// A license record as a report shows it: identity, summary and digest.
#[derive(Debug, Clone, Serialize)]
pub struct LicenseFacts {
    /// Catalog id (SPDX id or `LicenseRef-...`).
    pub id: String,
    /// The title the licensor gives the document.
    pub name: String,
    /// Version or release date of the text.
    pub version: String,
    /// `open_source`, `model_license`, `content_license` or `api_terms`.
    pub kind: String,
    /// How well the record was checked against the licensor's text.
    pub verification: String,
    /// Official URL of the text.
    pub url: String,
    /// The terms in two or three sentences.
    pub summary: String,
    /// The catalog file of the record.
    pub file: String,
    /// sha256 of that file: what a waiver's `license_sha256` pins.
    pub sha256: String,
}

impl LicenseFacts {
    /// The catalog records named by the license expressions of `proposals`
    /// (their findings' licenses included), by id.
    pub fn collect(catalog: &Catalog, proposals: &[ProposalResult]) -> Vec<LicenseFacts> {
        let mut ids = std::collections::BTreeSet::new();
        for p in proposals {
            LicenseFacts::note_ids(&mut ids, p);
        }
        LicenseFacts::for_ids(catalog, &ids)
    }

    /// Adds the license ids a proposal names to `ids`.
    pub fn note_ids(ids: &mut std::collections::BTreeSet<String>, p: &ProposalResult) {
        ids.extend(license_ids(&p.model.license).into_iter().map(str::to_string));
        for f in &p.findings {
            ids.extend(f.license.as_deref().map(license_ids).unwrap_or_default().into_iter().map(str::to_string));
        }
    }

    /// The catalog records of these ids, by id.
    pub fn for_ids(catalog: &Catalog, ids: &std::collections::BTreeSet<String>) -> Vec<LicenseFacts> {
        ids.iter()
            .filter_map(|id| catalog.license(id))
            .map(|entry| {
                let r = &entry.record;
                let name = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
                LicenseFacts {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    version: r.version.clone(),
                    kind: name(serde_json::to_value(r.kind).unwrap_or_default()),
                    verification: name(serde_json::to_value(r.verification).unwrap_or_default()),
                    url: r.url.clone(),
                    summary: r.summary.trim().to_string(),
                    file: entry.file.clone(),
                    sha256: catalog
                        .files()
                        .iter()
                        .find(|f| f.path == entry.file)
                        .map(|f| f.sha256.clone())
                        .unwrap_or_default(),
                }
            })
            .collect()
    }
}

/// The policy engine this build evaluates with, from `Cargo.lock`.
pub const ENGINE: &str = concat!("regorus ", env!("MODELGATE_REGORUS_VERSION"));

/// Tool identity.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// `modelgate`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
    /// The policy engine and its version (`regorus 0.14.1`): the same
    /// policies may judge differently on another release, so an audit
    /// record names it.
    pub engine: &'static str,
}

impl Tool {
    /// This build.
    pub fn current() -> Tool {
        Tool { name: "modelgate", version: env!("CARGO_PKG_VERSION"), engine: ENGINE }
    }
}

/// A file and its sha256.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FileDigest {
    /// Path.
    pub file: String,
    /// Hex sha256.
    pub sha256: String,
}

/// The policies a report was built with.
#[derive(Debug, Clone, Serialize)]
pub struct PolicySet {
    /// One digest over every policy and data file.
    pub sha256: String,
    /// Number of rules evaluated.
    pub rules: usize,
    /// Each file.
    pub files: Vec<FileDigest>,
    /// Each bundled rule a `--policy` rule took over, in words; its files
    /// stay in `files` (they were given) but were not evaluated.
    pub replaced: Vec<String>,
}

/// A rule evaluated: its `meta`, and where it came from, so an auditor can
/// tell the bundled rule set from an organisation's own or replaced rules.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRecord {
    /// The rule's `meta`.
    #[serde(flatten)]
    pub meta: RuleMeta,
    /// `bundled`, or `policy` for a rule given with `--policy`.
    pub origin: Origin,
    /// The files that define the rule's package.
    pub files: Vec<String>,
}

/// The catalog a report was built with.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogSet {
    /// One digest over every catalog file.
    pub sha256: String,
    /// Each file.
    pub files: Vec<FileDigest>,
    /// Each bundled record or model a `--catalog` record took over, in
    /// words; the bundled file stays in `files`.
    pub replaced: Vec<String>,
}

/// The waivers a report was built with.
#[derive(Debug, Clone, Serialize)]
pub struct WaiverSet {
    /// The waiver file.
    pub file: String,
    /// Its sha256.
    pub sha256: String,
    /// Waivers that matched no failure.
    pub stale: Vec<StaleWaiver>,
}

/// A waiver that matched no failure.
#[derive(Debug, Clone, Serialize)]
pub struct StaleWaiver {
    /// Rule id.
    pub rule: String,
    /// Proposal name.
    pub proposal: String,
    /// Route, if named.
    pub route: Option<String>,
    /// The finding status it accepts (`fail` or `warn`): two waivers for the
    /// same rule, proposal and route differ in it.
    pub status: crate::waiver::WaivedStatus,
    /// Where it is written.
    pub location: Location,
    /// Who approved it.
    pub approved_by: String,
    /// Why it was granted.
    pub reason: Reason,
    /// Tracking ticket.
    pub ticket: Option<String>,
    /// Last day it applies.
    pub expires: String,
    /// Why it matched nothing (`proposal consumer-assistant was not checked
    /// in this run`, `LIC-LLAMA-MAU passed for ...`).
    pub why: String,
}

impl StaleWaiver {
    /// What it met nothing of, by the status it accepts: a `status: warn`
    /// waiver matches no warning, not "no failure".
    pub fn matches_nothing(&self) -> &'static str {
        match self.status {
            crate::waiver::WaivedStatus::Fail => "matches no failure",
            crate::waiver::WaivedStatus::Warn => "matches no warning",
        }
    }

    /// What sets it apart from a waiver of the same rule and proposal for
    /// the other status, after the rule id: ` (status: warn)`, or nothing.
    pub fn status_note(&self) -> &'static str {
        match self.status {
            crate::waiver::WaivedStatus::Fail => "",
            crate::waiver::WaivedStatus::Warn => " (status: warn)",
        }
    }
}

/// The judgement of one proposal (or route).
#[derive(Debug, Clone, Serialize)]
pub struct ProposalResult {
    /// `metadata.name`.
    pub name: String,
    /// The file it came from.
    pub file: String,
    /// The route, for proposals with routes.
    pub route: Option<String>,
    /// `pass`, `fail`, or `error` when a rule could not be evaluated.
    pub verdict: Verdict,
    /// The model and the license that binds it.
    pub model: ModelSummary,
    /// One finding per rule, most serious first.
    pub findings: Vec<Finding>,
}

/// A proposal's overall result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A rule could not be evaluated: never read as a pass.
    Error,
    /// At least one unwaived failure.
    Fail,
    /// No failure.
    Pass,
}

impl Verdict {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Error => "error",
            Verdict::Fail => "fail",
            Verdict::Pass => "pass",
        }
    }
}

/// The model of a proposal as resolved.
#[derive(Debug, Clone, Serialize)]
pub struct ModelSummary {
    /// The catalog id (or the id as written, for models outside the catalog).
    pub id: Option<String>,
    /// The license expression that binds the model (its lineage included).
    pub license: String,
    /// The alternative of an `OR` expression the judgement took (the whole
    /// expression when there is no choice).
    pub alternative: String,
    /// Set when the expression offers a choice and every alternative fails a
    /// license or redistribution rule: the one taken fails least, and no
    /// other would pass.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub every_alternative_fails: bool,
    /// When every alternative fails: what each of the others fails, so a
    /// reviewer sees every way out (one may be cheaper to cure than the one
    /// that fails least).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_alternatives: Vec<AlternativeFailures>,
    /// The catalog record of the model the proposal names, when it is in
    /// the catalog: its license always enters the judged expression, so how
    /// well the record ties that license to the model is part of what the
    /// judgement relied on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<ModelRecordFacts>,
}

/// How well the catalog tied a model to its license, and where it looked.
#[derive(Debug, Clone, Serialize)]
pub struct ModelRecordFacts {
    /// `verified`, `verified_copy`, `partial` or `unverified`.
    pub verification: Verification,
    /// The model card or product page the record was checked against.
    pub source: String,
}

impl ModelRecordFacts {
    /// Whether the record is short of `verified` or `verified_copy`, so the
    /// report should say so next to the license.
    pub fn short_of_verified(&self) -> bool {
        matches!(self.verification, Verification::Partial | Verification::Unverified)
    }
}

/// The license and redistribution rules one alternative of an `OR` fails.
#[derive(Debug, Clone, Serialize)]
pub struct AlternativeFailures {
    /// The alternative (`A AND B`).
    pub alternative: String,
    /// Rule ids, sorted.
    pub failing_rules: Vec<String>,
}

impl ModelSummary {
    /// The alternative of an `OR` the judgement took, when the expression
    /// offers a choice; without one the alternative is the expression itself,
    /// reordered, and not worth a line.
    pub fn chosen_alternative(&self) -> Option<&str> {
        let offers_choice = self
            .license
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .any(|word| word.eq_ignore_ascii_case("OR"));
        (offers_choice && self.alternative != self.license).then_some(self.alternative.as_str())
    }
}

/// Counts over a report.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Proposals (and routes) judged.
    pub proposals: usize,
    /// Those that passed.
    pub pass: usize,
    /// Those that failed.
    pub fail: usize,
    /// Those with a rule that could not be evaluated.
    pub error: usize,
    /// Findings by status.
    pub findings: FindingCounts,
    /// Warnings that `--fail-on warn` gates on: those of every category but
    /// advisory, which is guidance and never gates.
    #[serde(skip)]
    pub gating_warnings: usize,
}

/// Findings by status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FindingCounts {
    /// Passed.
    pub pass: usize,
    /// Failed.
    pub fail: usize,
    /// Warned.
    pub warn: usize,
    /// Waived.
    pub waived: usize,
    /// Not applicable.
    pub not_applicable: usize,
    /// Errors.
    pub error: usize,
}

impl FindingCounts {
    /// Counts one more finding.
    pub fn add(&mut self, status: Status) {
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Warn => self.warn += 1,
            Status::Waived => self.waived += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Error => self.error += 1,
        }
    }
}

impl Summary {
    /// Counts a finished list of proposals.
    pub fn of(proposals: &[ProposalResult]) -> Summary {
        let mut summary = Summary::default();
        for proposal in proposals {
            summary.add(proposal);
        }
        summary
    }

    /// Counts one more proposal.
    pub fn add(&mut self, proposal: &ProposalResult) {
        self.proposals += 1;
        match proposal.verdict {
            Verdict::Pass => self.pass += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::Error => self.error += 1,
        }
        for finding in &proposal.findings {
            self.findings.add(finding.status);
            if finding.is_gating_warning() {
                self.gating_warnings += 1;
            }
        }
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// `modelgate.dev/report/v1`.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// JUnit XML, for CI test reports.
    Junit,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// Markdown, for a PR comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// A self-contained HTML audit report.
    Html,
}

impl Format {
    /// Every format name, for help and errors.
    pub const NAMES: [&'static str; 7] = ["text", "json", "sarif", "junit", "github", "markdown", "html"];

    /// Every format.
    pub const ALL: [Format; 7] =
        [Format::Text, Format::Json, Format::Sarif, Format::Junit, Format::Github, Format::Markdown, Format::Html];

    /// Parses a format name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::NAMES.iter().position(|n| *n == name).map(|i| Format::ALL[i])
    }

    /// The format's name.
    pub fn name(self) -> &'static str {
        Format::NAMES[Format::ALL.iter().position(|f| *f == self).unwrap_or_default()]
    }

    /// Renders a report.
    pub fn render(self, report: &Report) -> String {
        match self {
            Format::Text => text::render(report),
            Format::Json => json::render(report),
            Format::Sarif => sarif::render(report),
            Format::Junit => junit::render(report),
            Format::Github => github::render(report),
            Format::Markdown => markdown::render(report),
            Format::Html => html::render(report),
        }
    }
}

/// A proposal's display name: `name`, or `name/route` for a route.
pub fn subject_name(p: &ProposalResult) -> String {
    match &p.route {
        Some(route) => format!("{}/{route}", p.name),
        None => p.name.clone(),
    }
}

/// One place a finding points at: a violation, or the finding itself when
/// it has none.
#[derive(Debug, Clone, Copy)]
pub struct Point<'a> {
    /// What is wrong there.
    pub message: &'a str,
    /// JSON pointer of the field at fault.
    pub path: Option<&'a str>,
    /// Where that field is (none for a proposal-level finding).
    pub location: Option<&'a Location>,
    /// How to fix it.
    pub remediation: Option<&'a str>,
    /// Where the duty it breaks is stated: the violation's own citation (a
    /// license rule cites the section of the license at fault, and one rule
    /// can fault two licenses), else the finding's.
    pub citation: &'a Citation,
}

/// What a finding points at: its violations, or the finding itself.
pub fn points(finding: &Finding) -> Vec<Point<'_>> {
    if finding.violations.is_empty() {
        return vec![Point {
            message: &finding.message,
            path: finding.path.as_deref(),
            location: finding.location.as_ref(),
            remediation: finding.remediation.as_deref(),
            citation: &finding.citation,
        }];
    }
    finding
        .violations
        .iter()
        .map(|v| Point {
            message: &v.message,
            path: v.path.as_deref(),
            location: v.location.as_ref(),
            remediation: v.remediation.as_deref().or(finding.remediation.as_deref()),
            citation: v.citation.as_ref().unwrap_or(&finding.citation),
        })
        .collect()
}

/// Whether a finding's points cite more than one text (CC BY-NC 4.0 and the
/// Cohere addendum both refuse commercial use): each is then cited beside
/// its own message, not once for the finding.
pub fn cites_apart(points: &[Point<'_>]) -> bool {
    points.windows(2).any(|w| w[0].citation != w[1].citation)
}
