//! Waivers (DESIGN §5): a named rule's failure for a named proposal (and
//! optionally one route) turned into `waived`, with approver, reason from a
//! fixed list, comment, ticket and expiry.
//!
//! A waiver that has expired does not apply: the finding stays `fail` and
//! says so. A waiver pinned to a license record (`license_sha256`) stops
//! applying when that record changes, and says why. A waiver that matches no
//! failure is reported as stale. A malformed waiver file is an error.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::de::from_node;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::proposal::ApiVersion;
use crate::source::{Limits, Pos, SourceFile};

/// The waiver file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct WaiverFile {
    #[serde(rename = "apiVersion")]
    #[allow(dead_code)]
    api_version: ApiVersion,
    #[allow(dead_code)]
    kind: WaiversKind,
    waivers: Vec<Waiver>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
enum WaiversKind {
    Waivers,
}

/// Why a waiver was granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A separate agreement grants the right (a Meta license above 700M MAU).
    LicenseAcquired,
    /// The risk was reviewed and accepted.
    RiskAccepted,
    /// The rule does not fit this case (e.g. MAU was below the threshold at the snapshot date).
    NotApplicable,
    /// The rule misjudged the proposal.
    FalsePositive,
}

/// One waiver as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id it covers.
    pub rule: String,
    /// The proposal (`metadata.name`) it covers.
    pub proposal: String,
    /// One route only; absent covers every route of the proposal.
    #[serde(default)]
    pub route: Option<String>,
    /// Who approved it.
    pub approved_by: String,
    /// Why, from a fixed list.
    pub reason: Reason,
    /// Free text.
    pub comment: String,
    /// Tracking ticket.
    #[serde(default)]
    pub ticket: Option<String>,
    /// Last day the waiver applies (ISO date).
    pub expires: String,
    /// sha256 of the license record the waiver was granted against; when
    /// the record changes, the waiver stops applying.
    #[serde(default)]
    pub license_sha256: Option<String>,
}

/// A waiver with where it was written.
#[derive(Debug, Clone)]
pub struct LocatedWaiver {
    /// The waiver.
    pub waiver: Waiver,
    /// Where its entry starts.
    pub location: Location,
}

/// What happened when a waiver met a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WaiverState {
    /// The failure is waived.
    Applied,
    /// The waiver expired before `now`: the failure stands.
    Expired,
    /// The license record changed since the waiver was granted: the failure stands.
    TermsChanged,
}

/// A waiver as it appears on a finding.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedWaiver {
    /// Applied, expired, or terms changed.
    pub state: WaiverState,
    /// Who approved it.
    pub approved_by: String,
    /// Why.
    pub reason: Reason,
    /// Free text.
    pub comment: String,
    /// Tracking ticket.
    pub ticket: Option<String>,
    /// Last day it applies.
    pub expires: String,
    /// Where it is written.
    pub location: Location,
}

/// Every waiver of a run.
#[derive(Debug, Clone, Default)]
pub struct Waivers {
    /// The waivers, in file order.
    pub entries: Vec<LocatedWaiver>,
    /// The file, for the audit trail: (path, sha256).
    pub file: Option<(String, String)>,
}

impl Waivers {
    /// Reads and validates a waiver file.
    pub fn load(path: &Path) -> Result<Waivers> {
        let display = path.to_string_lossy().replace('\\', "/");
        let limits = Limits::default();
        let file = SourceFile::read(path, display, &limits, ErrorKind::Waiver)?;
        Waivers::parse(&file)
    }

    /// Parses waivers from a file already in memory.
    pub fn parse(file: &SourceFile) -> Result<Waivers> {
        let documents = file.documents(&Limits::default(), ErrorKind::Waiver)?;
        let [node] = documents.as_slice() else {
            return Err(file.error(ErrorKind::Waiver, "a waiver file holds one document", Pos { line: 1, column: 1 }));
        };
        let parsed: WaiverFile = from_node(node, "").map_err(|e| {
            let error = file.error(ErrorKind::Waiver, e.message, e.pos.unwrap_or_default());
            match e.hint {
                Some(h) => error.with_hint(h),
                None => error,
            }
        })?;
        let mut entries = Vec::new();
        for (i, waiver) in parsed.waivers.into_iter().enumerate() {
            let at = |field: &str| file.location(node.locate(&format!("/waivers/{i}{field}")).0);
            if jiff::civil::Date::strptime("%Y-%m-%d", &waiver.expires).is_err() {
                return Err(Error::at(
                    ErrorKind::Waiver,
                    format!("`expires` must be a date as YYYY-MM-DD, found `{}`", waiver.expires),
                    at("/expires"),
                ));
            }
            for (field, value) in [("approved_by", &waiver.approved_by), ("comment", &waiver.comment)] {
                if value.trim().is_empty() {
                    return Err(Error::at(
                        ErrorKind::Waiver,
                        format!("`{field}` must not be empty"),
                        at(&format!("/{field}")),
                    ));
                }
            }
            if let Some(digest) = &waiver.license_sha256 {
                if digest.len() != 64 || !digest.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(Error::at(
                        ErrorKind::Waiver,
                        "`license_sha256` must be 64 hex digits",
                        at("/license_sha256"),
                    ));
                }
            }
            entries.push(LocatedWaiver { waiver, location: at("") });
        }
        let sha = crate::digest::sha256_hex(file.text.as_bytes());
        Ok(Waivers { entries, file: Some((file.path.clone(), sha)) })
    }

    /// The waivers that name this rule, proposal and route.
    pub fn matching<'a>(
        &'a self,
        rule: &'a str,
        proposal: &'a str,
        route: Option<&'a str>,
    ) -> impl Iterator<Item = (usize, &'a LocatedWaiver)> + 'a {
        self.entries.iter().enumerate().filter(move |(_, w)| {
            w.waiver.rule == rule
                && w.waiver.proposal == proposal
                && (w.waiver.route.is_none() || w.waiver.route.as_deref() == route)
        })
    }
}

impl LocatedWaiver {
    /// How this waiver meets a failure judged on `now`, given the digest of
    /// the license record the finding concerns.
    pub fn apply(&self, now: &str, license_sha256: Option<&str>) -> AppliedWaiver {
        let state = if self.waiver.expires.as_str() < now {
            WaiverState::Expired
        } else if self.waiver.license_sha256.as_deref().is_some_and(|pinned| Some(pinned) != license_sha256) {
            WaiverState::TermsChanged
        } else {
            WaiverState::Applied
        };
        AppliedWaiver {
            state,
            approved_by: self.waiver.approved_by.clone(),
            reason: self.waiver.reason,
            comment: self.waiver.comment.clone(),
            ticket: self.waiver.ticket.clone(),
            expires: self.waiver.expires.clone(),
            location: self.location.clone(),
        }
    }
}
