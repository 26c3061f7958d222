//! `--format html`: one self-contained audit report for a legal reviewer.
//!
//! One file, no external assets and no JavaScript: inline CSS (with a print
//! stylesheet, so "Print to PDF" gives a clean A4 document with repeated
//! table headers and link targets spelled out), system fonts, works offline.
//! It shows:
//! - the overall result and, per proposal, the verdict, model, license
//!   expression and the alternative judged;
//! - a matrix of proposals x rules, each cell coloured *and* labelled with
//!   its status (PASS, FAIL, WARN, WAIVED, N/A, ERROR), with a legend;
//! - per proposal: the license records (name, id, version, kind, how the
//!   facts were verified, summary, link, record digest), then every finding
//!   with its status, message and location, citation (linked), remediation,
//!   obligations and waiver; rules that do not apply are listed by id;
//! - the waivers: those that met a failure (applied, expired, void) with
//!   approver, reason, ticket, expiry and comment, and the stale ones;
//! - the rules evaluated, and what the report was built from: tool version,
//!   `now`, and the sha256 of every input, waiver, policy and catalog file.
//!
//! Every text is escaped by the `maud` templates; links are rendered only for
//! http(s) URLs (anything else shows as text).

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::{points, subject_name, FileDigest, LicenseFacts, ProposalResult, Report, Verdict};
use crate::digest::short;
use crate::engine::Origin;
use crate::finding::{Category, Citation, Finding, Status};
use crate::waiver::WaiverState;

const CSS: &str = r#"
:root { --fail:#b42318; --fail-bg:#fee4e2; --pass:#067647; --pass-bg:#dcfae6; --warn:#93370d; --warn-bg:#fef0c7;
  --waived:#1849a9; --waived-bg:#d1e9ff; --na:#475467; --na-bg:#f2f4f7; --error:#ffffff; --error-bg:#7a271a;
  --line:#d0d5dd; --muted:#475467; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  color: #101828; margin: 0 auto; padding: 24px 32px 48px; max-width: 1200px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 2px solid #101828; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.meta, .muted { color: var(--muted); }
p.meta { margin: 0 0 12px; }
a { color: #1849a9; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12px; }
.hash { word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 7px; text-align: left; vertical-align: top; }
th { background: #f9fafb; font-weight: 600; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 4px; font-weight: 700; font-size: 12px;
  letter-spacing: .02em; white-space: nowrap; border: 1px solid transparent; }
.s-fail { color: var(--fail); background: var(--fail-bg); border-color: var(--fail); }
.s-pass { color: var(--pass); background: var(--pass-bg); border-color: var(--pass); }
.s-warn { color: var(--warn); background: var(--warn-bg); border-color: var(--warn); }
.s-waived { color: var(--waived); background: var(--waived-bg); border-color: var(--waived); }
.s-na { color: var(--na); background: var(--na-bg); border-color: var(--line); }
.s-error { color: var(--error); background: var(--error-bg); border-color: var(--error-bg); }
.banner { padding: 10px 14px; border-radius: 6px; font-size: 16px; font-weight: 600; margin: 8px 0 16px; border: 1px solid; }
div.scroll { overflow-x: auto; }
table.matrix { width: auto; }
table.matrix th.subject { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; padding: 8px 4px;
  font-size: 12px; vertical-align: bottom; text-align: left; }
table.matrix th.rule { font-weight: 400; font-size: 12px; padding: 3px 7px; max-width: 460px; }
table.matrix td.cell { text-align: center; vertical-align: middle; font-size: 10px; font-weight: 700; padding: 3px 4px;
  min-width: 52px; }
table.matrix td.s-na { font-weight: 400; border-color: var(--line); }
table.findings { table-layout: fixed; }
col.c-status { width: 9%; } col.c-rule { width: 16%; } col.c-finding { width: 38%; } col.c-cite { width: 17%; }
col.c-fix { width: 20%; }
td { overflow-wrap: break-word; }
table.findings td, .hash { overflow-wrap: anywhere; }
div.message { white-space: pre-line; }
div.message + div.message { margin-top: 6px; }
div.obligations { margin-top: 6px; font-size: 13px; }
ul.legend { list-style: none; padding: 0; margin: 4px 0 12px; display: flex; flex-wrap: wrap; gap: 6px 14px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0 10px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.license { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
.license p { margin: 4px 0; }
td.status { white-space: nowrap; }
td .where { color: var(--muted); font-size: 12px; }
ul.tight { margin: 2px 0; padding-left: 18px; }
.waiver { margin-top: 4px; font-size: 12px; }
.waiver.bad { color: var(--fail); font-weight: 600; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; padding: 0; max-width: none; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  section.proposal { break-before: page; }
  .license, dl.facts { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  td a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 7.5pt; color: var(--muted); word-break: break-all; }
  div.scroll { overflow: visible; }
  table.matrix td.cell { min-width: 40px; font-size: 8pt; }
}
"#;

/// Renders the report as one HTML document with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out = page(report).into_string();
    out.push('\n');
    out
}

fn page(report: &Report) -> Markup {
    let s = &report.summary;
    let (banner_class, banner) = if s.findings.error > 0 {
        ("s-error", format!("ERROR: {}", super::not_evaluated(s)))
    } else if s.fail > 0 {
        ("s-fail", format!("FAIL: {} of {} proposals fail", s.fail, s.proposals))
    } else if report.fails_on_warnings_alone() {
        ("s-fail", format!("FAIL: the gate fails on warnings (--fail-on warn): {}", super::warnings(s.gating_warnings)))
    } else {
        ("s-pass", format!("PASS: {}", super::all_pass(s.proposals)))
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content={ (report.tool.name) " " (report.tool.version) };
                title { "modelgate audit report, " (report.now) }
                style { (PreEscaped(CSS)) }
            }
            body {
                header {
                    h1 { "modelgate audit report" }
                    p.meta {
                        "Judged as of " strong { (report.now) } " by " (report.tool.name) " " (report.tool.version)
                        " against " (report.policies.rules) " rules (policies sha256 "
                        code.hash { (short(&report.policies.sha256)) } "…, catalog sha256 "
                        code.hash { (short(&report.catalog.sha256)) } "…)."
                    }
                    div.banner.(banner_class) { (banner) }
                    p {
                        "Findings: " (s.findings.fail) " fail, " (s.findings.warn) " warn, "
                        (s.findings.waived) " waived, " (s.findings.error) " error, " (s.findings.pass) " pass, "
                        (s.findings.not_applicable) " not applicable."
                        @if !report.stale_waivers().is_empty() {
                            " " strong { (report.stale_waivers().len()) " stale waiver(s)." }
                        }
                    }
                }
                (summary(report))
                (matrix(report))
                @for p in &report.proposals {
                    (proposal(report, p))
                }
                (waivers(report))
                (rules(report))
                (provenance(report))
                footer {
                    "Generated by " (report.tool.name) " " (report.tool.version) " as of " (report.now)
                    ". The same inputs, policies, catalog and date give the same report, byte for byte."
                }
            }
        }
    }
}

fn status_label(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Error => ("s-error", "ERROR"),
        Status::Fail => ("s-fail", "FAIL"),
        Status::Warn => ("s-warn", "WARN"),
        Status::Waived => ("s-waived", "WAIVED"),
        Status::Pass => ("s-pass", "PASS"),
        Status::NotApplicable => ("s-na", "N/A"),
    }
}

fn verdict_badge(verdict: Verdict) -> Markup {
    let (class, label) = match verdict {
        Verdict::Error => ("s-error", "ERROR"),
        Verdict::Fail => ("s-fail", "FAIL"),
        Verdict::Pass => ("s-pass", "PASS"),
    };
    html! { span.badge.(class) { (label) } }
}

fn badge(status: Status) -> Markup {
    let (class, label) = status_label(status);
    html! { span.badge.(class) { (label) } }
}

fn anchor(p: &ProposalResult, index: usize) -> String {
    let name: String = subject_name(p).chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("p{index}-{name}")
}

fn link(text: &str, url: &str) -> Markup {
    html! {
        @if url.starts_with("https://") || url.starts_with("http://") {
            a href=(url) { (text) }
        } @else {
            (text) " " span.muted { "(" (url) ")" }
        }
    }
}

fn summary(report: &Report) -> Markup {
    html! {
        h2 { "Proposals" }
        table {
            thead { tr { th { "Verdict" } th { "Proposal" } th { "Model" } th { "License" } th { "Fail" } th { "Warn" } th { "Waived" } th { "File" } } }
            tbody {
                @for (i, p) in report.proposals.iter().enumerate() {
                    @let count = |s: Status| p.findings.iter().filter(|f| f.status == s).count();
                    tr {
                        td.status { (verdict_badge(p.verdict)) }
                        td { a href={ "#" (anchor(p, i)) } { (subject_name(p)) } }
                        td { (p.model.id.as_deref().unwrap_or("(not in the catalog)")) }
                        td { code { (p.model.license) } }
                        td { (count(Status::Fail) + count(Status::Error)) }
                        td { (count(Status::Warn)) }
                        td { (count(Status::Waived)) }
                        td { code { (p.file) } }
                    }
                }
            }
        }
    }
}

fn matrix(report: &Report) -> Markup {
    html! {
        h2 { "Matrix: rules × proposals" }
        ul.legend {
            @for status in Status::ALL {
                @let (class, label) = status_label(status);
                li { span.badge.(class) { (label) } " " (legend(status)) }
            }
        }
        div.scroll {
            table.matrix {
                thead {
                    tr {
                        th { "Rule" }
                        @for (i, p) in report.proposals.iter().enumerate() {
                            th.subject title=(p.file) { a href={ "#" (anchor(p, i)) } { (subject_name(p)) } }
                        }
                    }
                }
                tbody {
                    @for rule in report.rules.iter().map(|r| &r.meta) {
                        tr {
                            th.rule { code { (rule.id) } " " span.muted { (rule.title) } }
                            @for p in &report.proposals {
                                @match p.findings.iter().find(|f| f.rule == rule.id) {
                                    Some(f) => {
                                        @let (class, label) = status_label(f.status);
                                        td.cell.(class) title={ (subject_name(p)) ": " (f.status.as_str()) } { (label) }
                                    }
                                    None => { td.cell title="not evaluated" { "–" } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn legend(status: Status) -> &'static str {
    match status {
        Status::Error => "the rule could not be evaluated (never a pass)",
        Status::Fail => "the proposal breaks the rule",
        Status::Warn => "a risk or duty to review; does not gate",
        Status::Waived => {
            "a failure, or a warning under a waiver that says status: warn, covered by an approved, unexpired waiver"
        }
        Status::Pass => "the rule applies and is met",
        Status::NotApplicable => "the rule does not apply",
    }
}

fn proposal(report: &Report, p: &ProposalResult) -> Markup {
    let index = report.proposals.iter().position(|q| std::ptr::eq(q, p)).unwrap_or_default();
    let licenses = report.licenses_in(&p.model.license);
    let (applicable, not_applicable): (Vec<&Finding>, Vec<&Finding>) =
        p.findings.iter().partition(|f| f.status != Status::NotApplicable);
    html! {
        section.proposal id=(anchor(p, index)) {
            h2 { (verdict_badge(p.verdict)) " " (subject_name(p)) }
            dl.facts {
                dt { "Proposal" } dd { (p.name) }
                @if let Some(route) = &p.route { dt { "Route" } dd { (route) } }
                dt { "File" } dd { code { (p.file) } }
                dt { "Model" } dd { (p.model.id.as_deref().unwrap_or("(not in the catalog)")) }
                dt { "License" } dd { code { (p.model.license) } }
                @if let Some(record) = &p.model.record {
                    dt { "Model record" } dd { (record.verification.as_str()) " (how well the catalog tied the license to the model; checked against " a href=(record.source) { (record.source) } ")" }
                }
                @if let Some(alternative) = p.model.chosen_alternative() {
                    dt { "Judged under" } dd { code { (alternative) } " (the alternative of the OR expression taken)" }
                }
                @for other in &p.model.other_alternatives {
                    dt { "Also fails" } dd { code { (other.alternative) } ": " (other.failing_rules.join(", ")) }
                }
            }
            @for l in &licenses {
                (license(l))
            }
            @if licenses.is_empty() {
                p.muted { "No catalog record for this license expression: only what the proposal states was judged." }
            }
            h3 { "Findings" }
            table.findings {
                colgroup { col.c-status; col.c-rule; col.c-finding; col.c-cite; col.c-fix; }
                thead { tr { th { "Status" } th { "Rule" } th { "Finding, obligations and waiver" } th { "Citation" } th { "Remediation" } } }
                tbody {
                    @for f in &applicable {
                        (finding(f, &licenses))
                    }
                }
            }
            @if !not_applicable.is_empty() {
                p {
                    (badge(Status::NotApplicable)) " Not applicable: "
                    @for (i, f) in not_applicable.iter().enumerate() {
                        @if i > 0 { ", " }
                        code title=(f.title) { (f.rule) }
                    }
                }
            }
        }
    }
}

fn license(l: &LicenseFacts) -> Markup {
    html! {
        div.license {
            p { strong { (l.name) } " " span.muted { "(" code { (l.id) } ", version " (l.version) ", " (l.kind.replace('_', " ")) ")" } }
            p { (l.summary) }
            p.muted {
                "Text: " (link(&l.url, &l.url)) " · facts " (l.verification.replace('_', " "))
                " · record " code { (l.file) } " sha256 " code.hash { (l.sha256) }
            }
        }
    }
}

/// One finding's row. A license or redistribution rule that passes is
/// cited by the license records it was judged against: the rule's own
/// citation names an example license (CC BY-NC 4.0 for commercial use),
/// which a reviewer could take for a section of the license at hand.
fn finding(f: &Finding, licenses: &[&LicenseFacts]) -> Markup {
    let c = &f.citation;
    let judged_against_records = f.status == Status::Pass
        && matches!(f.category, Category::License | Category::Redistribution)
        && !licenses.is_empty();
    let mut fixes: Vec<&str> = points(f).into_iter().filter_map(|p| p.remediation).collect();
    fixes.dedup();
    // Every text the violations cite, in order (one rule can fault two
    // licenses, each at its own section); a pass cites the finding's.
    let mut cited: Vec<&Citation> = Vec::new();
    if f.status == Status::Pass {
        cited.push(c);
    } else {
        for point in points(f) {
            if !cited.contains(&point.citation) {
                cited.push(point.citation);
            }
        }
    }
    html! {
        tr {
            td.status { (badge(f.status)) br; span.muted { (f.severity.as_str()) } }
            td { code { (f.rule) } br; (f.title) }
            td {
                @if matches!(f.status, Status::Pass) {
                    @if f.obligations.is_empty() { span.muted { "Met." } }
                } @else {
                    @for point in points(f) {
                        div.message {
                            (point.message)
                            @if let Some(at) = point.location { br; span.where { "at " code { (at.to_string()) } } }
                        }
                    }
                }
                @if let Some(license) = &f.license { div.where { "License: " code { (license) } } }
                @if !f.obligations.is_empty() {
                    div.obligations {
                        strong { "Obligations:" }
                        ul.tight {
                            @for o in &f.obligations {
                                li { (o.text) @if let Some(s) = &o.section { " (§" (s) ")" } }
                            }
                        }
                    }
                }
                @if let Some(w) = &f.waiver {
                    @let bad = w.state != WaiverState::Applied;
                    div.waiver.bad[bad] {
                        @match w.state {
                            WaiverState::Applied => { "Waived: " }
                            WaiverState::Expired => { "Waiver EXPIRED: " }
                            WaiverState::TermsChanged => { "Waiver VOID (license terms changed): " }
                            WaiverState::OtherLicense => { "Waiver VOID (another license fails too): " }
                            WaiverState::WarningOnly => { "Waiver VOID (it accepts a warning; the rule now fails): " }
                        }
                        (w.describe())
                        " " span.where { "(" code { (w.location.to_string()) } ")" }
                        @if let Some(note) = &w.note { br; (note) }
                    }
                }
            }
            td {
                @if judged_against_records {
                    "Judged against "
                    @for (i, l) in licenses.iter().enumerate() {
                        @if i > 0 { ", " }
                        (link(&l.name, &l.url))
                    }
                    br; span.muted { "Rule reference: " (link(&c.label(), &c.url)) }
                } @else {
                    @for (i, c) in cited.iter().enumerate() {
                        @if i > 0 { br; }
                        (link(&c.label(), &c.url))
                    }
                }
            }
            td {
                @if !matches!(f.status, Status::Pass) {
                    @for fix in &fixes { div { (fix) } }
                }
            }
        }
    }
}

fn waivers(report: &Report) -> Markup {
    let met = report.waived();
    let stale = report.stale_waivers();
    html! {
        h2 { "Waivers" }
        @if let Some(set) = &report.waivers {
            p.meta { "From " code { (set.file) } ", sha256 " code.hash { (set.sha256) } "." }
        }
        @if met.is_empty() && stale.is_empty() {
            p.muted { "No waivers." }
        } @else {
            table.waivers {
                thead { tr { th { "State" } th { "Proposal and rule" } th { "Approved by" } th { "Reason" } th { "Expires" } th { "Comment" } } }
                tbody {
                    @for (p, f, w) in &met {
                        tr {
                            td.status {
                                @match w.state {
                                    WaiverState::Applied => { span.badge.s-waived { "APPLIED" } }
                                    WaiverState::Expired => { span.badge.s-fail { "EXPIRED" } }
                                    WaiverState::TermsChanged | WaiverState::OtherLicense | WaiverState::WarningOnly => { span.badge.s-fail { "VOID" } }
                                }
                            }
                            td { (subject_name(p)) br; code { (f.rule) } }
                            td { (w.approved_by) }
                            td { (w.reason.as_str()) @if let Some(t) = &w.ticket { br; "Ticket " (t) } }
                            td.status { (w.expires) }
                            td {
                                (w.comment)
                                @if let Some(note) = &w.note { br; strong { (note) } }
                                br; span.where { "Written at " code { (w.location.to_string()) } }
                            }
                        }
                    }
                    @for w in stale {
                        tr {
                            td.status { span.badge.s-warn { "STALE" } }
                            td { (w.proposal) @if let Some(r) = &w.route { "/" (r) } br; code { (w.rule) } }
                            td { (w.approved_by) }
                            td { (w.reason.as_str()) @if let Some(t) = &w.ticket { br; "Ticket " (t) } }
                            td.status { (w.expires) }
                            td {
                                @if w.status == crate::waiver::WaivedStatus::Warn { "Matched no warning: " } @else { "Matched no failure: " }
                                (w.why)
                                br; span.where { "Written at " code { (w.location.to_string()) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn rules(report: &Report) -> Markup {
    html! {
        h2 { "Rules evaluated" }
        table {
            thead { tr { th { "Rule" } th { "What it checks" } th { "Severity" } th { "Category" } th { "Citation" } th { "Origin" } } }
            tbody {
                @for record in &report.rules {
                    @let r = &record.meta;
                    tr {
                        td { code { (r.id) } }
                        td { strong { (r.title) } br; (r.description) }
                        td { (r.severity.as_str()) }
                        td { (r.category.as_str()) }
                        td { (link(&r.citation.label(), &r.citation.url)) }
                        td {
                            @match record.origin {
                                Origin::Bundled => { "bundled" }
                                Origin::User => {
                                    "--policy: "
                                    @for (i, file) in record.files.iter().enumerate() {
                                        @if i > 0 { ", " }
                                        code { (file) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !report.policies.replaced.is_empty() {
            p { strong { "Replaced bundled rules: " } }
            ul {
                @for note in &report.policies.replaced { li { (note) } }
            }
        }
        @if !report.catalog.replaced.is_empty() {
            p { strong { "Replaced catalog records: " } }
            ul {
                @for note in &report.catalog.replaced { li { (note) } }
            }
        }
    }
}

fn digests(title: &str, files: &[FileDigest]) -> Markup {
    html! {
        @for f in files {
            tr { td { (title) } td { code { (f.file) } } td { code.hash { (f.sha256) } } }
        }
    }
}

fn provenance(report: &Report) -> Markup {
    html! {
        h2 { "Built from" }
        dl.facts {
            dt { "Tool" } dd { (report.tool.name) " " (report.tool.version) " (" (report.tool.engine) ")" }
            dt { "Judged as of" } dd { (report.now) }
            dt { "Report schema" } dd { code { (report.schema) } }
            dt { "Policies" } dd { (report.policies.rules) " rules, sha256 " code.hash { (report.policies.sha256) } }
            dt { "Catalog" } dd { "sha256 " code.hash { (report.catalog.sha256) } }
        }
        table {
            thead { tr { th { "Kind" } th { "File" } th { "sha256" } } }
            tbody {
                (digests("input", &report.inputs))
                @if let Some(w) = &report.waivers {
                    tr { td { "waivers" } td { code { (w.file) } } td { code.hash { (w.sha256) } } }
                }
                (digests("policy", &report.policies.files))
                (digests("catalog", &report.catalog.files))
            }
        }
    }
}
