//! Waivers (DESIGN §5): a named rule's failure for a named proposal (and
//! optionally one route) turned into `waived`, with approver, reason from a
//! fixed list, comment, ticket and expiry.
//!
//! The rules, as users rely on them:
//! - A waiver covers a `fail`, or with `status: warn` a `warn` (a team that
//!   gates on warnings, `--fail-on warn`, records a reviewed one), and only
//!   the status it names: a waiver for a warning never hides the rule's later
//!   failure (it is shown on the failure as not applied), and one for a
//!   failure is stale on a warning. Passes and errors are never waived (an
//!   error is a rule that could not be judged, never a pass).
//! - `expires` is the last day the waiver applies, judged against `now`
//!   (`--now`, so a past decision replays exactly). An expired waiver does
//!   not apply: the finding stays `fail`, its message says the waiver expired,
//!   and the run exits 1.
//! - A waiver may pin the license record it was granted against
//!   (`license_sha256`, the `sha256` of `licenses[]` in the JSON report). When
//!   the record's digest differs (the terms were edited), or the finding does
//!   not concern that one record, the waiver stops applying and says why;
//!   so does one whose rule also fails under another license of the model
//!   (a license acquired from Meta says nothing of Qwen's terms).
//! - A waiver with `route` covers that route only; without, every route of the
//!   proposal. When several waivers match one failure, the route-scoped one is
//!   preferred, then file order; one that applies beats one that does not.
//! - A waiver that matches no failure is stale: a warning in `text`, listed in
//!   the other formats with the reason (proposal not checked in this run,
//!   unknown route or rule, or the rule did not fail). Unknown rule ids are
//!   stale, not errors, so one waiver file can serve runs with different
//!   `--policy` sets; the stale entry says "did you mean".
//! - A malformed waiver file is an error (exit 2) at file:line:column: unknown
//!   keys, a reason outside the list, a date that is not YYYY-MM-DD, an empty
//!   approver, comment or ticket, a proposal name or rule id that can never match, a
//!   malformed digest, or two waivers for the same rule, proposal, route and
//!   status.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::de::from_node;
use crate::digest::short;
use crate::error::{did_you_mean, ErrorKind, Location, Result};
use crate::finding::Status;
use crate::proposal::ApiVersion;
use crate::report::{subject_name, ProposalResult, StaleWaiver};
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

impl Reason {
    /// The name as written in the waiver file.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::LicenseAcquired => "license_acquired",
            Reason::RiskAccepted => "risk_accepted",
            Reason::NotApplicable => "not_applicable",
            Reason::FalsePositive => "false_positive",
        }
    }
}

/// The finding status a waiver accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaivedStatus {
    /// A failure (the default).
    #[default]
    Fail,
    /// A warning: what `--fail-on warn` gates on.
    Warn,
}

impl WaivedStatus {
    /// The name as written in the waiver file.
    pub fn as_str(self) -> &'static str {
        match self {
            WaivedStatus::Fail => "fail",
            WaivedStatus::Warn => "warn",
        }
    }

    fn of(status: Status) -> Option<WaivedStatus> {
        match status {
            Status::Fail => Some(WaivedStatus::Fail),
            Status::Warn => Some(WaivedStatus::Warn),
            _ => None,
        }
    }
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
    /// The finding status it accepts: `fail` (absent) or `warn`.
    #[serde(default)]
    pub status: WaivedStatus,
    /// Who approved it.
    pub approved_by: String,
    /// Why, from a fixed list.
    pub reason: Reason,
    /// Free text.
    pub comment: String,
    /// Tracking ticket.
    #[serde(default)]
    pub ticket: Option<String>,
    /// Last day the waiver applies (ISO date, normalised to YYYY-MM-DD).
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
    /// Where its `rule`, `proposal` and `route` values are written, for a
    /// stale waiver to point at the one that matched nothing.
    pub fields: Vec<(&'static str, Location)>,
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
    /// The waiver is pinned to one license record, but the rule also fails
    /// under another license of the model: the failure stands, since a pin
    /// scopes the waiver to its record.
    OtherLicense,
    /// The waiver accepts a warning of the rule, which now fails: the
    /// failure stands, since what was reviewed was a warning.
    WarningOnly,
}

impl WaiverState {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            WaiverState::Applied => "applied",
            WaiverState::Expired => "expired",
            WaiverState::TermsChanged => "terms_changed",
            WaiverState::OtherLicense => "other_license",
            WaiverState::WarningOnly => "warning_only",
        }
    }
}

/// A waiver as it appears on a finding.
#[derive(Debug, Clone, Serialize)]
pub struct AppliedWaiver {
    /// Applied, expired, or terms changed.
    pub state: WaiverState,
    /// The finding status the waiver accepts.
    pub status: WaivedStatus,
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
    /// The license record digest it pins, if any.
    pub license_sha256: Option<String>,
    /// Why it does not apply (expired, or terms changed); `None` when applied.
    pub note: Option<String>,
}

impl AppliedWaiver {
    /// One line for reports: `risk_accepted by jane@example.com (LEGAL-1) until 2027-03-01: comment`.
    pub fn describe(&self) -> String {
        let ticket = self.ticket.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
        format!(
            "{} by {}{ticket}, until {}: {}",
            self.reason.as_str(),
            self.approved_by,
            self.expires,
            self.comment.trim()
        )
    }
}

/// Every waiver of a run.
#[derive(Debug, Clone, Default)]
pub struct Waivers {
    /// The waivers, in file order.
    pub entries: Vec<LocatedWaiver>,
    /// The file, for the audit trail: (path, sha256).
    pub file: Option<(String, String)>,
}

/// A license record as a waiver pin sees it: (catalog file, sha256).
pub type RecordDigest = (String, String);

impl Waivers {
    /// Reads and validates a waiver file.
    pub fn load(path: &Path) -> Result<Waivers> {
        let display = crate::source::display_path(path);
        let limits = Limits::default();
        let file = SourceFile::read(path, display, &limits, ErrorKind::Waiver)?;
        Waivers::parse(&file)
    }

    /// Parses waivers from a file already in memory.
    pub fn parse(file: &SourceFile) -> Result<Waivers> {
        let documents = file.documents(&Limits::default(), ErrorKind::Waiver)?;
        let [node] = documents.as_slice() else {
            // At the document too many, as for a policy data file.
            let second = documents.get(1).map_or(Pos { line: 1, column: 1 }, |n| n.pos);
            return Err(file.error(ErrorKind::Waiver, "a waiver file holds one document", second));
        };
        if let Some(kind @ crate::source::Node { value: crate::source::Value::Str(text), .. }) = node.get("kind") {
            if text == "ModelProposal" {
                return Err(file
                    .error(ErrorKind::Waiver, "this is a proposal (`kind: ModelProposal`), not a waiver file", kind.pos)
                    .with_hint("--waivers takes a file of `kind: Waivers`; give proposals as paths to check"));
            }
        }
        let parsed: WaiverFile = from_node(node, "").map_err(|e| {
            let error = file.error(ErrorKind::Waiver, e.describe(), e.pos.unwrap_or_default());
            error.with_optional_hint(e.hint)
        })?;
        let mut entries: Vec<LocatedWaiver> = Vec::new();
        for (i, mut waiver) in parsed.waivers.into_iter().enumerate() {
            let pos = |field: &str| node.locate(&format!("/waivers/{i}{field}")).0;
            // An error about a field's value points at the value.
            let fail = |field: &str, message: String| {
                file.error(ErrorKind::Waiver, message, node.value_pos(&format!("/waivers/{i}{field}")))
            };
            match crate::date::parse_iso_date(waiver.expires.trim()) {
                Some(date) => waiver.expires = date.to_string(),
                None => {
                    return Err(fail(
                        "/expires",
                        format!("`expires` must be a date as YYYY-MM-DD, found `{}`", waiver.expires),
                    ))
                }
            }
            for (field, value) in [("approved_by", &waiver.approved_by), ("comment", &waiver.comment)] {
                if value.trim().is_empty() {
                    return Err(fail(&format!("/{field}"), format!("`{field}` must not be empty")));
                }
            }
            if !is_rule_id(&waiver.rule) {
                let error =
                    fail("/rule", format!("`rule` must be a rule id such as `LIC-LLAMA-MAU`, found `{}`", waiver.rule));
                let upper = waiver.rule.to_ascii_uppercase();
                return Err(if is_rule_id(&upper) {
                    error.with_hint(format!("rule ids are upper case: `{upper}`"))
                } else {
                    error
                });
            }
            if !is_name(&waiver.proposal) {
                return Err(fail(
                    "/proposal",
                    format!(
                        "`proposal` must be a proposal's metadata.name ([a-z0-9][a-z0-9-]*), found `{}`",
                        waiver.proposal
                    ),
                ));
            }
            if waiver.ticket.as_deref().is_some_and(|t| t.trim().is_empty()) {
                return Err(fail("/ticket", "`ticket` must not be empty (leave it out when there is none)".into()));
            }
            if let Some(route) = &waiver.route {
                if route.trim().is_empty() {
                    return Err(fail("/route", "`route` must not be empty (leave it out to cover every route)".into()));
                }
            }
            if let Some(digest) = &mut waiver.license_sha256 {
                if digest.len() != 64 || !digest.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(fail("/license_sha256", "`license_sha256` must be 64 hex digits".into()));
                }
                *digest = digest.to_ascii_lowercase();
            }
            if let Some(first) = entries.iter().find(|e| {
                e.waiver.rule == waiver.rule
                    && e.waiver.proposal == waiver.proposal
                    && e.waiver.route == waiver.route
                    && e.waiver.status == waiver.status
            }) {
                return Err(fail(
                    "",
                    format!(
                        "a second waiver for {}{} on `{}`{}: the first is at {}",
                        waiver.rule,
                        if waiver.status == WaivedStatus::Warn { " (status: warn)" } else { "" },
                        waiver.proposal,
                        waiver.route.as_deref().map(|r| format!(" route `{r}`")).unwrap_or_default(),
                        first.location
                    ),
                )
                .with_hint("merge the two entries"));
            }
            let fields = ["rule", "proposal", "route"]
                .into_iter()
                .filter(|field| node.node_at(&format!("/waivers/{i}/{field}")).is_some())
                .map(|field| (field, file.location(node.value_pos(&format!("/waivers/{i}/{field}")))))
                .collect();
            entries.push(LocatedWaiver { waiver, location: file.location(pos("")), fields });
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

    /// Applies the waivers to the failures of `proposals` judged on `now`.
    /// `record` gives the catalog record (file, sha256) of a license id, for
    /// `license_sha256` pins. Returns the waivers that matched no failure.
    /// The caller re-sorts findings and recomputes verdicts.
    pub fn apply(
        &self,
        proposals: &mut [ProposalResult],
        now: &str,
        record: &dyn Fn(&str) -> Option<RecordDigest>,
    ) -> Vec<StaleWaiver> {
        let mut ledger = self.ledger();
        self.apply_batch(&mut ledger, proposals, now, record);
        self.stale(&ledger)
    }

    /// An empty ledger, to apply the waivers batch by batch.
    pub fn ledger(&self) -> WaiverLedger {
        WaiverLedger {
            used: vec![false; self.entries.len()],
            routes: BTreeMap::new(),
            outcomes: vec![Vec::new(); self.entries.len()],
            scoped_rules: vec![BTreeSet::new(); self.entries.len()],
        }
    }

    /// Applies the waivers to one batch of proposals, noting in the ledger
    /// what they met (for the stale report at the end of the run).
    pub fn apply_batch(
        &self,
        ledger: &mut WaiverLedger,
        proposals: &mut [ProposalResult],
        now: &str,
        record: &dyn Fn(&str) -> Option<RecordDigest>,
    ) {
        for proposal in proposals.iter_mut() {
            ledger.routes.entry(proposal.name.clone()).or_default().insert(proposal.route.clone());
            for (i, entry) in self.entries.iter().enumerate() {
                let w = &entry.waiver;
                if w.proposal != proposal.name || !(w.route.is_none() || w.route == proposal.route) {
                    continue;
                }
                if ledger.scoped_rules[i].len() < MAX_RULE_HINTS {
                    ledger.scoped_rules[i].extend(proposal.findings.iter().map(|f| f.rule.clone()));
                }
                if let Some(f) = proposal.findings.iter().find(|f| f.rule == w.rule) {
                    ledger.outcomes[i].push(format!("{} for `{}`", f.status, subject_name(proposal)));
                }
            }
            for finding in proposal.findings.iter_mut() {
                let Some(status) = WaivedStatus::of(finding.status) else { continue };
                let scoped: Vec<(usize, &LocatedWaiver)> =
                    self.matching(&finding.rule, &proposal.name, proposal.route.as_deref()).collect();
                let mut candidates: Vec<(usize, &LocatedWaiver)> =
                    scoped.iter().copied().filter(|(_, w)| w.waiver.status == status).collect();
                // A warning accepted before is no waiver for the failure the
                // rule gives now, but the failure says it was there.
                let warning_only = candidates.is_empty() && status == WaivedStatus::Fail;
                if warning_only {
                    candidates = scoped;
                }
                if candidates.is_empty() {
                    continue;
                }
                candidates.sort_by_key(|(i, w)| (w.waiver.route.is_none(), *i));
                for (i, _) in &candidates {
                    ledger.used[*i] = true;
                }
                let judged: Vec<AppliedWaiver> =
                    candidates
                        .iter()
                        .map(|(_, w)| {
                            if warning_only {
                                w.warning_only()
                            } else {
                                w.apply(now, &finding_licenses(finding), record)
                            }
                        })
                        .collect();
                let chosen = judged.iter().find(|a| a.state == WaiverState::Applied).unwrap_or(&judged[0]).clone();
                match &chosen.note {
                    None => finding.status = Status::Waived,
                    Some(note) => finding.message = format!("{} (waiver not applied: {note})", finding.message),
                }
                finding.waiver = Some(chosen);
            }
        }
    }

    /// The waivers that matched no failure over the whole run, each with why.
    pub fn stale(&self, ledger: &WaiverLedger) -> Vec<StaleWaiver> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, _)| !ledger.used[*i])
            .map(|(i, w)| {
                let v = &w.waiver;
                let (why, field) = why_stale(v, i, ledger);
                // A name that matched nothing is the place to fix: the
                // proposal, route or rule it names; a rule that did not fail
                // makes the whole entry stale.
                let location = field
                    .and_then(|field| w.fields.iter().find(|(f, _)| *f == field))
                    .map_or_else(|| w.location.clone(), |(_, at)| at.clone());
                StaleWaiver {
                    rule: v.rule.clone(),
                    proposal: v.proposal.clone(),
                    route: v.route.clone(),
                    status: v.status,
                    location,
                    approved_by: v.approved_by.clone(),
                    reason: v.reason,
                    ticket: v.ticket.clone(),
                    expires: v.expires.clone(),
                    why,
                }
            })
            .collect()
    }
}

/// How many rule ids a ledger keeps per waiver for "did you mean" hints.
const MAX_RULE_HINTS: usize = 256;

/// What the waivers met over a run: which failures they took, and enough
/// about the proposals judged to say why a waiver went unused. Small even
/// for very large runs: a name and its routes per proposal.
#[derive(Debug, Clone)]
pub struct WaiverLedger {
    used: Vec<bool>,
    /// Proposal names judged, with the routes seen for each.
    routes: BTreeMap<String, BTreeSet<Option<String>>>,
    /// Per waiver: the status of its rule in each proposal in its scope.
    outcomes: Vec<Vec<String>>,
    /// Per waiver: the rule ids evaluated in its scope.
    scoped_rules: Vec<BTreeSet<String>>,
}

/// Why a waiver matched nothing, and the field that names what was not
/// there (`proposal`, `route` or `rule`), if one does.
fn why_stale(w: &Waiver, index: usize, ledger: &WaiverLedger) -> (String, Option<&'static str>) {
    let Some(routes) = ledger.routes.get(&w.proposal) else {
        let hint = did_you_mean(&w.proposal, ledger.routes.keys().map(String::as_str))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return (format!("proposal `{}` was not checked in this run{hint}", w.proposal), Some("proposal"));
    };
    if let Some(route) = w.route.as_deref() {
        if !routes.contains(&w.route) {
            let named: Vec<&str> = routes.iter().filter_map(|r| r.as_deref()).collect();
            let why = if named.is_empty() {
                format!("proposal `{}` has no routes, so no route `{route}`", w.proposal)
            } else {
                let hint = did_you_mean(route, named.iter().copied()).map(|h| format!(" ({h})")).unwrap_or_default();
                format!("proposal `{}` has no route `{route}`{hint}", w.proposal)
            };
            return (why, Some("route"));
        }
    }
    let outcomes = &ledger.outcomes[index];
    if outcomes.is_empty() {
        let hint = did_you_mean(&w.rule, ledger.scoped_rules[index].iter().map(String::as_str))
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
        return (format!("no rule `{}` was evaluated{hint}", w.rule), Some("rule"));
    }
    let why = match w.status {
        WaivedStatus::Fail => format!(
            "{} did not fail ({}); a waiver covers failures unless it says `status: warn`",
            w.rule,
            outcomes.join(", ")
        ),
        WaivedStatus::Warn => format!(
            "{} did not warn ({}); a waiver that says `status: warn` covers warnings only",
            w.rule,
            outcomes.join(", ")
        ),
    };
    (why, None)
}

fn is_rule_id(id: &str) -> bool {
    id.split('-').count() >= 2
        && id
            .split('-')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && id.starts_with(|c: char| c.is_ascii_uppercase())
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

impl LocatedWaiver {
    /// How this waiver meets a failure judged on `now`, given the licenses the
    /// finding's failures concern (each violation's, else the finding's) and a
    /// lookup of catalog records. A pin holds when every one of those licenses
    /// is the pinned record: a waiver granted against one license (a
    /// separate agreement with its licensor) says nothing of another's.
    pub fn apply(&self, now: &str, licenses: &[&str], record: &dyn Fn(&str) -> Option<RecordDigest>) -> AppliedWaiver {
        let w = &self.waiver;
        let at = &self.location;
        let (state, note) = if w.expires.as_str() < now {
            let ticket = w.ticket.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
            (
                WaiverState::Expired,
                Some(format!(
                    "the waiver at {at} expired on {} (approved by {}{ticket}); renew it or fix the finding",
                    w.expires, w.approved_by
                )),
            )
        } else if let Some(pinned) = w.license_sha256.as_deref() {
            let judged: Vec<(&str, Option<RecordDigest>)> = licenses.iter().map(|l| (*l, record(l))).collect();
            let pinned_record = judged.iter().find_map(|(_, r)| r.as_ref().filter(|(_, actual)| actual == pinned));
            let others: Vec<&str> = judged
                .iter()
                .filter(|(_, r)| r.as_ref().is_none_or(|(_, actual)| actual != pinned))
                .map(|(l, _)| *l)
                .collect();
            match (pinned_record, judged.iter().find_map(|(_, r)| r.clone())) {
                (Some(_), _) if others.is_empty() => (WaiverState::Applied, None),
                (Some((file, _)), _) => (
                    WaiverState::OtherLicense,
                    Some(format!(
                        "the waiver at {at} is pinned to the license record {file}, but the rule also fails under {}: \
                         a waiver pinned to one license covers that license's failures only; once the others are \
                         settled too, leave out license_sha256 to cover the rule whatever the license",
                        others.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", ")
                    )),
                ),
                (None, Some((file, actual))) => (
                    WaiverState::TermsChanged,
                    Some(format!(
                        "the waiver at {at} was granted against license record sha256 {}…, but {file} now has sha256 {}…: \
                         either its terms changed since or the waiver was granted for another license; review them \
                         before re-approving the waiver with the new digest",
                        short(pinned),
                        short(&actual)
                    )),
                ),
                (None, None) => (
                    WaiverState::TermsChanged,
                    Some(format!(
                        "the waiver at {at} pins a license record (sha256 {}…), but this finding concerns {}, \
                         which is not one catalog record",
                        short(pinned),
                        licenses.first().map(|l| format!("`{l}`")).unwrap_or_else(|| "no license".into())
                    )),
                ),
            }
        } else {
            (WaiverState::Applied, None)
        };
        self.applied(state, note)
    }

    /// A waiver for a warning met by the rule's failure: shown on the
    /// failure, never applied to it.
    fn warning_only(&self) -> AppliedWaiver {
        let w = &self.waiver;
        let note = format!(
            "the waiver at {} accepts a warning of {} (approved by {}), and the rule now fails: review the failure, \
             and waive it with a waiver without `status: warn` if it is accepted too",
            self.location, w.rule, w.approved_by
        );
        self.applied(WaiverState::WarningOnly, Some(note))
    }

    fn applied(&self, state: WaiverState, note: Option<String>) -> AppliedWaiver {
        let w = &self.waiver;
        AppliedWaiver {
            state,
            status: w.status,
            approved_by: w.approved_by.clone(),
            reason: w.reason,
            comment: w.comment.clone(),
            ticket: w.ticket.clone(),
            expires: w.expires.clone(),
            location: self.location.clone(),
            license_sha256: w.license_sha256.clone(),
            note,
        }
    }
}

/// The licenses a failure concerns: each violation's (the finding's when a
/// violation names none), each once, in order.
fn finding_licenses(finding: &crate::finding::Finding) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let fallback = finding.license.as_deref();
    let all: Vec<Option<&str>> = if finding.violations.is_empty() {
        vec![fallback]
    } else {
        finding.violations.iter().map(|v| v.license.as_deref().or(fallback)).collect()
    };
    for license in all.into_iter().flatten() {
        if !out.contains(&license) {
            out.push(license);
        }
    }
    out
}
