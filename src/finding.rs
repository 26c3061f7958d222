//! Findings: one per (rule, subject), with the status of DESIGN §5.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Location;
use crate::waiver::AppliedWaiver;

/// The outcome of one rule for one subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The rule could not be evaluated: never a pass.
    Error,
    /// A deny fired.
    Fail,
    /// A warn fired (no deny).
    Warn,
    /// A failure covered by a valid waiver.
    Waived,
    /// The rule applies and nothing fired.
    Pass,
    /// The rule does not apply to this subject.
    NotApplicable,
}

impl Status {
    /// Every status, most serious first (the order findings are listed in).
    pub const ALL: [Status; 6] =
        [Status::Error, Status::Fail, Status::Warn, Status::Waived, Status::Pass, Status::NotApplicable];

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Error => "error",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Waived => "waived",
            Status::Pass => "pass",
            Status::NotApplicable => "not_applicable",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a failure of the rule matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Stop-ship: unlawful or no rights at all.
    Critical,
    /// A license or legal breach.
    High,
    /// A duty not met, or a risk to review.
    Medium,
    /// Minor.
    Low,
    /// Guidance only.
    Info,
}

impl Severity {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
            Severity::Info => "info",
        }
    }
}

/// What a rule is about (DESIGN §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Whether the license grants this use at all.
    License,
    /// Duties when weights or a hosted service leave the organisation.
    Redistribution,
    /// Where the data goes, and the law and contracts that govern it.
    Residency,
    /// The organisation's own constraints.
    Requirement,
    /// Guidance that never gates.
    Advisory,
}

impl Category {
    /// How an obligation of this category reads in text: a duty, or for
    /// advisory rules a note (they never gate).
    pub fn duty_label(self) -> &'static str {
        match self {
            Category::Advisory => "note",
            _ => "must",
        }
    }

    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::License => "license",
            Category::Redistribution => "redistribution",
            Category::Residency => "residency",
            Category::Requirement => "requirement",
            Category::Advisory => "advisory",
        }
    }
}

/// Where a rule's duty or prohibition is stated.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The document (license, statute, regulation, guidance).
    pub document: String,
    /// Section, article or paragraph.
    pub section: String,
    /// Official URL.
    pub url: String,
}

impl Citation {
    /// How reports name it: `document §section`.
    pub fn label(&self) -> String {
        format!("{} §{}", self.document, self.section)
    }
}

/// A duty that comes with using the model this way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// What to do.
    pub text: String,
    /// Where the duty is stated, when the rule says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The license the duty comes from, when the rule says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// One deny or warn a rule produced.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Violation {
    /// What is wrong.
    pub message: String,
    /// JSON pointer of the field at fault, in the file `location` names:
    /// the proposal, or the front matter of a model card for a finding about
    /// the card's label (`/license`).
    pub path: Option<String>,
    /// Where that field is.
    pub location: Option<Location>,
    /// How to fix it.
    pub remediation: Option<String>,
    /// The license concerned, for license findings.
    pub license: Option<String>,
    /// Where this violation's duty is stated, when it differs from the rule's.
    pub citation: Option<Citation>,
}

/// One rule's verdict on one subject.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Rule id (`LIC-LLAMA-MAU`).
    pub rule: String,
    /// The outcome.
    pub status: Status,
    /// From the rule's `meta`.
    pub severity: Severity,
    /// From the rule's `meta`.
    pub category: Category,
    /// From the rule's `meta`.
    pub title: String,
    /// The first violation's message, or what the rule checks.
    pub message: String,
    /// How to fix it (failures and warnings).
    pub remediation: Option<String>,
    /// The license concerned, for license and redistribution findings.
    pub license: Option<String>,
    /// Where the rule's duty is stated.
    pub citation: Citation,
    /// JSON pointer of the field at fault, in the file `location` names:
    /// the proposal, or the front matter of a model card for a finding about
    /// the card's label (`/license`).
    pub path: Option<String>,
    /// Where that field is.
    pub location: Option<Location>,
    /// Duties that come with a pass.
    pub obligations: Vec<Obligation>,
    /// The waiver that covers a failure.
    pub waiver: Option<AppliedWaiver>,
    /// Every deny (or warn) the rule produced, first one first.
    pub violations: Vec<Violation>,
}

impl Finding {
    /// A warning that fails the run under `--fail-on warn`: any but an
    /// advisory rule's, since advisory rules never gate.
    pub fn is_gating_warning(&self) -> bool {
        self.status == Status::Warn && self.category != Category::Advisory
    }
}
