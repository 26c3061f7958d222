//! `--format text` (the default): for people reading a terminal or a CI log.
//! Proposals come in input order, each headed PASS, FAIL or ERROR (so a large
//! run can stream); within a proposal, errors, failures and warnings come
//! first, each with where, why, the citation and the fix; passes follow with
//! their obligations; rules that do not apply are listed by id on one line.
//! The tail holds the stale waivers, the summary line and a last line with
//! the tool version and the digests the report was built from.

use std::fmt::Write;

use super::{cites_apart, points, ProposalResult, Report, Verdict};
use crate::finding::{Citation, Finding, Status};

/// Renders the report.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for p in &report.proposals {
        out.push_str(&proposal(p));
    }
    out.push_str(&tail(report));
    out
}

/// One proposal.
pub fn proposal(p: &ProposalResult) -> String {
    let mut out = String::new();
    {
        let verdict = match p.verdict {
            Verdict::Error => "ERROR",
            Verdict::Fail => "FAIL",
            Verdict::Pass => "PASS",
        };
        let name = match &p.route {
            Some(route) => format!("{} / route {route}", p.name),
            None => p.name.clone(),
        };
        // A file name is shown as the messages are: an escape sequence in
        // it would recolour or hide the terminal's or CI log's text.
        let _ = writeln!(out, "{verdict}  {name}  ({})", one_line(&p.file));
        let record = match p.model.record.as_ref().filter(|r| r.short_of_verified()) {
            Some(record) => format!(" · catalog record {}", record.verification.as_str()),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "      model {} · license {}{record}",
            p.model.id.as_deref().unwrap_or("(not in the catalog)"),
            p.model.license
        );
        if let Some(alternative) = p.model.chosen_alternative() {
            let why = if p.model.every_alternative_fails {
                " (every alternative fails a license rule; this one fails least)"
            } else {
                ""
            };
            let _ = writeln!(out, "      judged under the alternative {alternative}{why}");
            for other in &p.model.other_alternatives {
                let _ = writeln!(
                    out,
                    "      the alternative {} fails {}",
                    other.alternative,
                    other.failing_rules.join(", ")
                );
            }
        }
        let mut not_applicable = Vec::new();
        for finding in &p.findings {
            match finding.status {
                Status::NotApplicable => not_applicable.push(finding.rule.as_str()),
                Status::Pass => pass(&mut out, finding),
                _ => problem(&mut out, finding),
            }
        }
        if !not_applicable.is_empty() {
            let _ = writeln!(out, "  n/a   {}", not_applicable.join(", "));
        }
        out.push('\n');
    }
    out
}

/// Stale waivers, the summary line, and what the report was built from
/// (tool version, policy, catalog and waiver digests).
pub fn tail(report: &Report) -> String {
    let mut out = String::new();
    if let Some(waivers) = &report.waivers {
        for stale in &waivers.stale {
            let route = stale.route.as_deref().map(|r| format!(" route {r}")).unwrap_or_default();
            let _ = writeln!(
                out,
                "warning: stale waiver at {}: {} for {}{route} {}: {}",
                one_line(&stale.location.to_string()),
                stale.rule,
                stale.proposal,
                stale.matches_nothing(),
                stale.why
            );
        }
        if !waivers.stale.is_empty() {
            out.push('\n');
        }
    }
    let s = &report.summary;
    let f = &s.findings;
    let _ = writeln!(
        out,
        "{} proposal{}: {} pass, {} fail, {} error · findings: {} pass, {} fail, {} warn, {} waived, {} not applicable, {} error",
        s.proposals,
        if s.proposals == 1 { "" } else { "s" },
        s.pass,
        s.fail,
        s.error,
        f.pass,
        f.fail,
        f.warn,
        f.waived,
        f.not_applicable,
        f.error
    );
    let _ = writeln!(out, "{}", report.provenance());
    out
}

fn label(status: Status) -> &'static str {
    match status {
        Status::Error => "error",
        Status::Fail => "fail",
        Status::Warn => "warn",
        Status::Waived => "waived",
        Status::Pass => "pass",
        Status::NotApplicable => "n/a",
    }
}

fn problem(out: &mut String, finding: &Finding) {
    let _ = writeln!(
        out,
        "  {:<5} {}  [{}] {}",
        label(finding.status),
        finding.rule,
        finding.severity.as_str(),
        finding.title
    );
    if finding.violations.is_empty() {
        let _ = writeln!(out, "        {}", indent(&finding.message));
    }
    let points = if finding.violations.is_empty() { Vec::new() } else { points(finding) };
    let apart = cites_apart(&points);
    for point in &points {
        match (point.location, point.path) {
            (Some(location), Some(path)) => {
                let _ = writeln!(out, "        at {} ({path})", one_line(&location.to_string()));
            }
            (Some(location), None) => {
                let _ = writeln!(out, "        at {}", one_line(&location.to_string()));
            }
            _ => {}
        }
        let _ = writeln!(out, "        {}", one_line(point.message));
        if let Some(fix) = point.remediation {
            let _ = writeln!(out, "        fix:  {}", one_line(fix));
        }
        if apart {
            cite(out, point.citation);
        }
    }
    if !apart {
        cite(out, &finding.citation);
    }
    if let Some(waiver) = &finding.waiver {
        let state = match waiver.state {
            crate::waiver::WaiverState::Applied => "waived",
            crate::waiver::WaiverState::Expired => "waiver EXPIRED",
            crate::waiver::WaiverState::TermsChanged => "waiver VOID (license terms changed)",
            crate::waiver::WaiverState::OtherLicense => "waiver VOID (another license fails too)",
            crate::waiver::WaiverState::WarningOnly => "waiver VOID (it accepts a warning; the rule now fails)",
        };
        let _ = writeln!(out, "        {state} ({}): {}", waiver.location, waiver.describe());
        if let Some(note) = &waiver.note {
            let _ = writeln!(out, "        not applied: {note}");
        }
    }
    obligations(out, finding);
}

fn cite(out: &mut String, c: &Citation) {
    let _ = writeln!(out, "        cite: {} <{}>", c.label(), c.url);
}

fn pass(out: &mut String, finding: &Finding) {
    let _ = writeln!(out, "  pass  {}  {}", finding.rule, finding.title);
    obligations(out, finding);
}

fn obligations(out: &mut String, finding: &Finding) {
    for o in &finding.obligations {
        let section = o.section.as_deref().map(|s| format!(" (§{s})")).unwrap_or_default();
        let _ = writeln!(out, "        {}: {}{section}", finding.category.duty_label(), o.text);
    }
}

/// A rule's message on one line: its text can quote the proposal, and a line
/// break there could start a line a CI runner reads as a command (`::error`).
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control()).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A multi-line message (a policy error with its source excerpt), indented
/// under its finding.
fn indent(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect::<String>()
        .replace('\n', "\n        ")
}
