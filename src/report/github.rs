//! `--format github`: GitHub Actions workflow commands, which the runner turns
//! into annotations on the pull request's files.
//!
//! One line per violation: `::error` for a failure (and a rule that could not
//! be evaluated), `::warning` for a warning, `::notice` for a waived failure
//! and for an advisory warning (guidance that never gates, as SARIF's
//! `note`: GitHub shows only 10 warning annotations per step, and advisory
//! notes listed first by rule id took them from warnings that
//! `--fail-on warn` gates on);
//! each with `file`, `line`, `col` and a `title` (rule id and title), and the
//! message, fix and citation as the (multi-line) text. Stale waivers are
//! `::warning` lines on the waiver file. A `::notice` without a file names
//! the tool version and the policy, catalog and waiver digests, and a last
//! plain line sums up.
//!
//! Escaping follows the runner's rules: in the message `%`, CR and LF become
//! `%25`, `%0D` and `%0A`; in property values `:` and `,` also become `%3A`
//! and `%2C`; any other control character (an escape sequence) is a space. GitHub shows at most 10 error and 10 warning annotations per
//! step: write `--output markdown=$GITHUB_STEP_SUMMARY` for the full report.

use std::fmt::Write as _;

use super::{points, subject_name, Report};
use crate::error::Location;
use crate::finding::{Category, Status};

/// Renders the report as workflow commands, one per line.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for p in &report.proposals {
        let subject = subject_name(p);
        for f in &p.findings {
            let command = match f.status {
                Status::Fail | Status::Error => "error",
                Status::Warn if f.category == Category::Advisory => "notice",
                Status::Warn => "warning",
                Status::Waived => "notice",
                Status::Pass | Status::NotApplicable => continue,
            };
            let title = match f.status {
                Status::Waived => format!("{} (waived): {}", f.rule, f.title),
                Status::Error => format!("{} (rule error): {}", f.rule, f.title),
                _ => format!("{}: {}", f.rule, f.title),
            };
            for point in points(f) {
                let mut text = format!("{subject}: {}", point.message);
                if let Some(fix) = point.remediation.filter(|_| f.status != Status::Waived) {
                    let _ = write!(text, "\nFix: {fix}");
                }
                let c = point.citation;
                let _ = write!(text, "\nCitation: {} {}", c.label(), c.url);
                if let Some(w) = &f.waiver {
                    match &w.note {
                        Some(note) => {
                            let _ = write!(text, "\nWaiver not applied: {note}");
                        }
                        None => {
                            let _ = write!(text, "\nWaived ({}): {}", w.location, w.describe());
                        }
                    }
                }
                line(&mut out, command, point.location, &p.file, &title, &text);
            }
        }
    }
    for stale in report.stale_waivers() {
        let proposal = match &stale.route {
            Some(route) => format!("{}/{route}", stale.proposal),
            None => stale.proposal.clone(),
        };
        let text = format!("stale waiver: {} for {proposal}: {}", stale.rule, stale.why);
        line(&mut out, "warning", Some(&stale.location), &stale.location.file, "modelgate: stale waiver", &text);
    }
    let _ = writeln!(out, "::notice::{}", data(&report.provenance()));
    let s = &report.summary;
    let _ = writeln!(
        out,
        "modelgate: {} proposal{}: {} pass, {} fail, {} error; findings: {} fail, {} warn, {} waived",
        s.proposals,
        if s.proposals == 1 { "" } else { "s" },
        s.pass,
        s.fail,
        s.error,
        s.findings.fail,
        s.findings.warn,
        s.findings.waived
    );
    out
}

fn line(out: &mut String, command: &str, at: Option<&Location>, file: &str, title: &str, text: &str) {
    let (file, line, col) = match at {
        Some(l) => (l.file.as_str(), l.line, l.column),
        None => (file, 1, 1),
    };
    let _ = writeln!(
        out,
        "::{command} file={},line={line},col={col},title={}::{}",
        property(file),
        property(title),
        data(text)
    );
}

/// Escapes a command's message (data). Other control characters, which the
/// runner has no escape for, are shown as spaces, as in `text`: an escape
/// sequence quoted from a proposal (or its file name) would otherwise reach
/// the job log, which renders ANSI sequences, and recolour or hide it.
pub fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Escapes a command property value.
pub fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
