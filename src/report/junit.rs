//! `--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure
//! DevOps, GitHub test-report actions).
//!
//! `testsuites` > one `testsuite` per proposal (or route) > one `testcase`
//! per (proposal, rule), passes included, so a report shows every rule that
//! was checked. `classname` is the proposal name (`name/route` for a route,
//! with the file added when two documents share a name) and `name` is the
//! rule id and title, so (classname, name) is unique: GitLab drops
//! duplicates. Outcomes:
//! - `fail`: `<failure message type>` (type = rule id) with the message,
//!   location, remediation and citation in the body (and why a waiver did not
//!   apply, when one matched);
//! - `error`: `<error>` (the rule could not be evaluated);
//! - `not_applicable`: `<skipped message="not applicable">`;
//! - `waived`: `<skipped message="waived: ...">` with the waiver in the body
//!   (JUnit has no "accepted failure"; pytest reports xfail the same way);
//! - `warn`: a pass with the warning in `<system-out>`; with `--fail-on
//!   warn`, a warning that gates (any category but advisory) is a
//!   `<failure>` instead, so the test report fails where the run does
//!   (conftest's JUnit output reports every warning as a failure);
//! - `pass`: an empty test case (obligations, if any, in `<system-out>`).
//!
//! Stale waivers (a waiver that matched no failure) come last, in a suite
//! named `modelgate waivers` (a name no proposal can take: names have no
//! spaces), one `testcase` per waiver with `<skipped message>` giving the
//! reason. A stale waiver is a warning, never a failure; `skipped` is the
//! non-passing outcome GitLab and Jenkins list with its message (GitLab shows
//! no output for a passing case), and it leaves the failure count alone.
//!
//! No `time` or `timestamp` attributes: the same report gives the same bytes.
//! CI systems never fail a job from a JUnit file; the exit code does that.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use super::{cites_apart, points, subject_name, FailOn, ProposalResult, Report, StaleWaiver, WaiverSet};
use crate::finding::{Finding, Status};

/// Renders the report as JUnit XML with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer, report);
    let mut out = String::from_utf8(writer.into_inner()).unwrap_or_default();
    out.push('\n');
    out
}

fn write(w: &mut Writer<Vec<u8>>, report: &Report) -> std::io::Result<()> {
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let mut total = count(report, report.proposals.iter());
    let stale = report.stale_waivers().len();
    total.0 += stale;
    total.3 += stale;
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "modelgate"));
    push_counts(&mut root, &total);
    w.write_event(Event::Start(root))?;
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for p in &report.proposals {
        *names.entry(subject_name(p)).or_default() += 1;
    }
    for p in &report.proposals {
        let mut classname = subject_name(p);
        if names[&classname] > 1 {
            classname = format!("{classname} ({})", p.file);
        }
        suite(w, report, p, &one_line(&classname))?;
    }
    if let Some(waivers) = report.waivers.as_ref().filter(|set| !set.stale.is_empty()) {
        stale_suite(w, waivers)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))?;
    Ok(())
}

/// (tests, failures, errors, skipped)
type Counts = (usize, usize, usize, usize);

fn count<'a>(report: &Report, proposals: impl Iterator<Item = &'a ProposalResult>) -> Counts {
    let mut c = (0, 0, 0, 0);
    for f in proposals.flat_map(|p| &p.findings) {
        c.0 += 1;
        match f.status {
            Status::Fail => c.1 += 1,
            Status::Warn if gates(report, f) => c.1 += 1,
            Status::Error => c.2 += 1,
            Status::NotApplicable | Status::Waived => c.3 += 1,
            Status::Pass | Status::Warn => {}
        }
    }
    c
}

fn push_counts(start: &mut BytesStart, c: &Counts) {
    start.push_attribute(("tests", c.0.to_string().as_str()));
    start.push_attribute(("failures", c.1.to_string().as_str()));
    start.push_attribute(("errors", c.2.to_string().as_str()));
    start.push_attribute(("skipped", c.3.to_string().as_str()));
}

fn suite(w: &mut Writer<Vec<u8>>, report: &Report, p: &ProposalResult, classname: &str) -> std::io::Result<()> {
    let mut start = BytesStart::new("testsuite");
    start.push_attribute(("name", classname));
    push_counts(&mut start, &count(report, std::iter::once(p)));
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Start(BytesStart::new("properties")))?;
    let properties = [
        ("file", p.file.clone()),
        ("proposal", p.name.clone()),
        ("route", p.route.clone().unwrap_or_default()),
        ("verdict", p.verdict.as_str().to_string()),
        ("model", p.model.id.clone().unwrap_or_default()),
        ("license", p.model.license.clone()),
        ("license.alternative", p.model.alternative.clone()),
        ("now", report.now.clone()),
        ("tool", format!("{} {}", report.tool.name, report.tool.version)),
        ("engine", report.tool.engine.to_string()),
        ("policies.sha256", report.policies.sha256.clone()),
        ("catalog.sha256", report.catalog.sha256.clone()),
    ];
    for (name, value) in properties {
        let mut property = BytesStart::new("property");
        property.push_attribute(("name", name));
        property.push_attribute(("value", one_line(&value).as_str()));
        w.write_event(Event::Empty(property))?;
    }
    w.write_event(Event::End(BytesEnd::new("properties")))?;
    for finding in &p.findings {
        case(w, report, p, finding, classname)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// Whether a warning fails the run: `--fail-on warn`, and a rule that is
/// not advisory (advisory rules never gate).
fn gates(report: &Report, f: &Finding) -> bool {
    report.gate.fail_on == FailOn::Warn && f.is_gating_warning()
}

fn case(
    w: &mut Writer<Vec<u8>>,
    report: &Report,
    p: &ProposalResult,
    f: &Finding,
    classname: &str,
) -> std::io::Result<()> {
    let mut start = BytesStart::new("testcase");
    start.push_attribute(("classname", classname));
    start.push_attribute(("name", one_line(&format!("{}: {}", f.rule, f.title)).as_str()));
    // The file the line is in: a finding about a model card's label points
    // into the card, not the proposal.
    start.push_attribute((
        "file",
        one_line(f.location.as_ref().map_or(p.file.as_str(), |at| at.file.as_str())).as_str(),
    ));
    if let Some(at) = &f.location {
        start.push_attribute(("line", at.line.to_string().as_str()));
    }
    // (element, message, type, body) of the outcome, and system-out text.
    let (outcome, out): (Option<(&str, String, &str, String)>, String) = match f.status {
        Status::Fail => (Some(("failure", f.message.clone(), f.rule.as_str(), details(f))), String::new()),
        Status::Error => (Some(("error", f.message.clone(), "error", details(f))), String::new()),
        Status::NotApplicable => (Some(("skipped", "not applicable".into(), "", String::new())), String::new()),
        Status::Waived => {
            let waiver = f.waiver.as_ref().map(|w| w.describe()).unwrap_or_default();
            (Some(("skipped", format!("waived: {waiver}"), "", details(f))), String::new())
        }
        Status::Warn if gates(report, f) => (
            Some(("failure", format!("warning (--fail-on warn): {}", f.message), f.rule.as_str(), details(f))),
            String::new(),
        ),
        Status::Warn => (None, format!("warning: {}", details(f))),
        Status::Pass => (None, obligations(f)),
    };
    if outcome.is_none() && out.is_empty() {
        return w.write_event(Event::Empty(start)).map(|_| ());
    }
    w.write_event(Event::Start(start))?;
    if let Some((element, message, kind, body)) = outcome {
        let mut e = BytesStart::new(element);
        e.push_attribute(("message", one_line(&message).as_str()));
        if !kind.is_empty() {
            e.push_attribute(("type", kind));
        }
        if body.is_empty() {
            w.write_event(Event::Empty(e))?;
        } else {
            w.write_event(Event::Start(e))?;
            w.write_event(Event::Text(BytesText::new(&clean(&body))))?;
            w.write_event(Event::End(BytesEnd::new(element)))?;
        }
    }
    if !out.is_empty() {
        w.write_event(Event::Start(BytesStart::new("system-out")))?;
        w.write_event(Event::Text(BytesText::new(&clean(&out))))?;
        w.write_event(Event::End(BytesEnd::new("system-out")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testcase"))).map(|_| ())
}

/// The suite of the stale waivers.
pub const WAIVER_SUITE: &str = "modelgate waivers";

fn stale_suite(w: &mut Writer<Vec<u8>>, waivers: &WaiverSet) -> std::io::Result<()> {
    let n = waivers.stale.len();
    let mut start = BytesStart::new("testsuite");
    start.push_attribute(("name", WAIVER_SUITE));
    push_counts(&mut start, &(n, 0, 0, n));
    w.write_event(Event::Start(start))?;
    w.write_event(Event::Start(BytesStart::new("properties")))?;
    for (name, value) in [("file", &waivers.file), ("sha256", &waivers.sha256)] {
        let mut property = BytesStart::new("property");
        property.push_attribute(("name", name));
        property.push_attribute(("value", one_line(value).as_str()));
        w.write_event(Event::Empty(property))?;
    }
    w.write_event(Event::End(BytesEnd::new("properties")))?;
    for stale in &waivers.stale {
        stale_case(w, stale)?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuite")))
}

/// One stale waiver: named by rule, status (when it accepts a warning),
/// and proposal (and route), which the waiver file keeps unique: a rule may
/// have one waiver for its failure and one for its warning, and GitLab drops
/// a case whose classname and name another case has.
fn stale_case(w: &mut Writer<Vec<u8>>, stale: &StaleWaiver) -> std::io::Result<()> {
    let proposal = match &stale.route {
        Some(route) => format!("{}/{route}", stale.proposal),
        None => stale.proposal.clone(),
    };
    let status = stale.status_note();
    let mut start = BytesStart::new("testcase");
    start.push_attribute(("classname", WAIVER_SUITE));
    start.push_attribute(("name", one_line(&format!("stale waiver: {}{status} for {proposal}", stale.rule)).as_str()));
    start.push_attribute(("file", one_line(&stale.location.file).as_str()));
    start.push_attribute(("line", stale.location.line.to_string().as_str()));
    w.write_event(Event::Start(start))?;
    let mut skipped = BytesStart::new("skipped");
    skipped.push_attribute((
        "message",
        one_line(&format!("stale waiver: {}: {}", stale.matches_nothing(), stale.why)).as_str(),
    ));
    w.write_event(Event::Start(skipped))?;
    let ticket = stale.ticket.as_deref().map(|t| format!(", {t}")).unwrap_or_default();
    let body = format!(
        "{} for {proposal} {}: {}\n  at {}\nwaiver: {} by {}{ticket}, until {}",
        stale.rule,
        stale.matches_nothing(),
        stale.why,
        stale.location,
        stale.reason.as_str(),
        stale.approved_by,
        stale.expires
    );
    w.write_event(Event::Text(BytesText::new(&clean(&body))))?;
    w.write_event(Event::End(BytesEnd::new("skipped")))?;
    w.write_event(Event::End(BytesEnd::new("testcase"))).map(|_| ())
}

/// The body of a failure, error, waiver or warning: every violation with
/// where and how to fix it, the citation, the waiver and obligations.
fn details(f: &Finding) -> String {
    let mut out = String::new();
    let points = points(f);
    let apart = cites_apart(&points);
    for point in &points {
        let _ = writeln!(out, "{}", point.message);
        if let Some(at) = point.location {
            let _ = writeln!(out, "  at {at}");
        }
        if let Some(fix) = point.remediation {
            let _ = writeln!(out, "  fix: {fix}");
        }
        if apart {
            let c = point.citation;
            let _ = writeln!(out, "  cite: {} <{}>", c.label(), c.url);
        }
    }
    if !apart {
        let c = &f.citation;
        let _ = writeln!(out, "cite: {} <{}>", c.label(), c.url);
    }
    if let Some(w) = &f.waiver {
        let _ = writeln!(out, "waiver ({}) at {}: {}", w.state.as_str(), w.location, w.describe());
        if let Some(note) = &w.note {
            let _ = writeln!(out, "  not applied: {note}");
        }
    }
    out.push_str(&obligations(f));
    out.trim_end().to_string()
}

fn obligations(f: &Finding) -> String {
    let mut out = String::new();
    for o in &f.obligations {
        let section = o.section.as_deref().map(|s| format!(" (§{s})")).unwrap_or_default();
        let _ = writeln!(out, "{}: {}{section}", f.category.duty_label(), o.text);
    }
    out.trim_end().to_string()
}

/// Drops characters XML 1.0 cannot carry at all (control characters other
/// than tab, LF and CR, and the noncharacters U+FFFE and U+FFFF, which its
/// `Char` production leaves out as well: a proposal's text quoted in a
/// message made the report unreadable to every XML parser); the writer
/// escapes the rest.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| (!c.is_control() || matches!(c, '\t' | '\n' | '\r')) && !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect()
}

/// An attribute value on one line: XML parsers turn line breaks in
/// attributes into spaces anyway.
fn one_line(text: &str) -> String {
    clean(&text.replace("\r\n", " ").replace(['\r', '\n'], " "))
}
