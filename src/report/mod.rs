//! The report: what was checked, against which policy and catalog, with what
//! result. Renderers are pure functions of a finished [`Report`].
//!
//! # Wire format (`--format json`, `modelgate.dev/report/v1`)
//!
//! The fields of DESIGN §5 are fixed; fields may be added, never renamed.
//! `schema`, `tool {name, version}`, `now` (the evaluation date),
//! `proposals[] {name, file, route, verdict, model {id, license, alternative},
//! findings[] {rule, status, severity, category, title, message, remediation,
//! license, citation {document, section, url}, path, location {file, line,
//! column}, obligations[], waiver, violations[]}}`, `summary {proposals, pass,
//! fail, error, findings {pass, fail, warn, waived, not_applicable, error}}`,
//! `inputs[] {file, sha256}`, `policies {sha256, rules, files[]}`,
//! `catalog {sha256, files[]}`, `waivers {file, sha256, stale[]}`.

pub mod json;
pub mod text;

use serde::Serialize;

use crate::error::Location;
use crate::finding::{Finding, Status};

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
    /// Every proposal file read, with its digest.
    pub inputs: Vec<FileDigest>,
    /// The policy set.
    pub policies: PolicySet,
    /// The catalog.
    pub catalog: CatalogSet,
    /// The waiver file, if any.
    pub waivers: Option<WaiverSet>,
}

/// Tool identity.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// `modelgate`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
}

impl Tool {
    /// This build.
    pub fn current() -> Tool {
        Tool { name: "modelgate", version: env!("CARGO_PKG_VERSION") }
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
}

/// The catalog a report was built with.
#[derive(Debug, Clone, Serialize)]
pub struct CatalogSet {
    /// One digest over every catalog file.
    pub sha256: String,
    /// Each file.
    pub files: Vec<FileDigest>,
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
    /// Where it is written.
    pub location: Location,
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
        let mut summary = Summary { proposals: proposals.len(), ..Summary::default() };
        for proposal in proposals {
            match proposal.verdict {
                Verdict::Pass => summary.pass += 1,
                Verdict::Fail => summary.fail += 1,
                Verdict::Error => summary.error += 1,
            }
            for finding in &proposal.findings {
                summary.findings.add(finding.status);
            }
        }
        summary
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people.
    Text,
    /// `modelgate.dev/report/v1`.
    Json,
}

impl Format {
    /// Every format name, for help and errors.
    pub const NAMES: [&'static str; 2] = ["text", "json"];

    /// Parses a format name.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// Renders a report.
    pub fn render(self, report: &Report) -> String {
        match self {
            Format::Text => text::render(report),
            Format::Json => json::render(report),
        }
    }
}
