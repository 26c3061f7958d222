//! `--format markdown`: a summary for a pull request comment or
//! `$GITHUB_STEP_SUMMARY` (GitHub-flavoured Markdown).
//!
//! A heading with the overall result; the verdict per proposal (failing ones
//! first; passing ones beyond 50 are counted, not listed); a table of
//! failures, errors and warnings
//! (rule, severity, message, location, citation link, fix); the obligations
//! that come with the passes; the waivers that met a failure; stale waivers;
//! and, folded, what the report was built from (tool version, `now`, sha256
//! of inputs, waivers, policies and catalog). To stay below the 1 MiB a step
//! summary holds, the table and the obligations stop past a byte budget and
//! say how many rows they left out.
//!
//! Cell text is escaped: `|` and `\` are escaped, `<`, `>` and `&` become
//! entities (no raw HTML gets through), line breaks become `<br>`.

use std::fmt::Write as _;

use super::{points, subject_name, Report, Verdict};
use crate::engine::Origin;
use crate::finding::Status;
use crate::waiver::WaiverState;

/// Passing proposals listed by name before the rest are only counted.
const PASSING_LISTED: usize = 50;

/// Past these many bytes of output, each section stops and says how many
/// rows it left out, so the whole stays below the 1 MiB a step summary holds.
const VERDICT_BUDGET: usize = 250 * 1024;
const TABLE_BUDGET: usize = 600 * 1024;
const LIST_BUDGET: usize = 700 * 1024;
const WAIVER_BUDGET: usize = 800 * 1024;
const STALE_BUDGET: usize = 850 * 1024;
const DIGEST_BUDGET: usize = 950 * 1024;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let headline = if s.findings.error > 0 {
        format!("❗ modelgate: {}", super::not_evaluated(s))
    } else if s.fail > 0 {
        format!("❌ modelgate: {} of {} proposals fail", s.fail, s.proposals)
    } else if report.fails_on_warnings_alone() {
        format!("❌ modelgate: the gate fails on warnings (--fail-on warn): {}", super::warnings(s.gating_warnings))
    } else {
        format!("✅ modelgate: {}", super::all_pass(s.proposals))
    };
    let _ = writeln!(out, "## {headline}\n");
    let f = &s.findings;
    let _ = writeln!(
        out,
        "Findings: {} fail, {} warn, {} waived, {} error, {} pass, {} not applicable. Judged as of {}.\n",
        f.fail, f.warn, f.waived, f.error, f.pass, f.not_applicable, report.now
    );

    let _ = writeln!(out, "| Verdict | Proposal | Model | License | File |\n|---|---|---|---|---|");
    let mut order: Vec<usize> = (0..report.proposals.len()).collect();
    order.sort_by_key(|&i| report.proposals[i].verdict);
    let mut passing = 0;
    let mut left_out = 0;
    for i in order {
        let p = &report.proposals[i];
        if p.verdict == Verdict::Pass {
            passing += 1;
            if passing > PASSING_LISTED {
                continue;
            }
        }
        if out.len() > VERDICT_BUDGET {
            left_out += 1;
            continue;
        }
        let verdict = match p.verdict {
            Verdict::Error => "❗ **error**",
            Verdict::Fail => "❌ **fail**",
            Verdict::Pass => "✅ pass",
        };
        let mut license = match p.model.chosen_alternative() {
            Some(alternative) => format!("{} (judged under {})", code(&p.model.license), code(alternative)),
            None => code(&p.model.license),
        };
        if let Some(record) = p.model.record.as_ref().filter(|r| r.short_of_verified()) {
            license.push_str(&format!(" (catalog record {})", record.verification.as_str()));
        }
        let _ = writeln!(
            out,
            "| {verdict} | {} | {} | {} | {} |",
            cell(&subject_name(p)),
            cell(p.model.id.as_deref().unwrap_or("(not in the catalog)")),
            license,
            code(&p.file)
        );
    }
    if left_out > 0 {
        let _ = writeln!(out, "| … | {left_out} more not passing: see the JSON or HTML report | | | |");
    }
    if passing > PASSING_LISTED {
        let _ = writeln!(out, "| ✅ pass | … and {} more | | | |", passing - PASSING_LISTED);
    }
    out.push('\n');

    let problems: Vec<_> = report
        .proposals
        .iter()
        .flat_map(|p| p.findings.iter().map(move |f| (p, f)))
        .filter(|(_, f)| matches!(f.status, Status::Fail | Status::Error | Status::Warn))
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(out, "### Failures and warnings\n");
        let _ = writeln!(
            out,
            "| Status | Proposal | Rule | Severity | Message | Location | Citation | Fix |\n|---|---|---|---|---|---|---|---|"
        );
        let total: usize = problems.iter().map(|(_, f)| points(f).len()).sum();
        let mut written = 0;
        for (p, f) in problems {
            if out.len() > TABLE_BUDGET {
                break;
            }
            let status = match f.status {
                Status::Fail => "❌ fail",
                Status::Error => "❗ error",
                _ => "⚠️ warn",
            };
            for point in points(f) {
                let c = point.citation;
                let citation = link(&c.label(), &c.url);
                let mut message = point.message.to_string();
                if let Some(note) = f.waiver.as_ref().and_then(|w| w.note.as_ref()) {
                    message = format!("{message} (waiver not applied: {note})");
                }
                let _ = writeln!(
                    out,
                    "| {status} | {} | `{}` {} | {} | {} | {} | {citation} | {} |",
                    cell(&subject_name(p)),
                    f.rule,
                    cell(&f.title),
                    f.severity.as_str(),
                    cell(&message),
                    point.location.map(|l| code(&l.to_string())).unwrap_or_default(),
                    cell(point.remediation.unwrap_or(""))
                );
                written += 1;
            }
        }
        if written < total {
            let _ = writeln!(out, "| … | {} more rows: see the JSON or HTML report | | | | | | |", total - written);
        }
        out.push('\n');
    }

    let obligations: Vec<_> = report
        .proposals
        .iter()
        .flat_map(|p| p.findings.iter().map(move |f| (p, f)))
        .filter(|(_, f)| matches!(f.status, Status::Pass | Status::Warn | Status::Waived))
        .flat_map(|(p, f)| f.obligations.iter().map(move |o| (p, f, o)))
        .collect();
    if !obligations.is_empty() {
        let _ = writeln!(out, "### Obligations\n");
        let total = obligations.len();
        for (written, (p, f, o)) in obligations.into_iter().enumerate() {
            if out.len() > LIST_BUDGET {
                let _ = writeln!(out, "- … {} more: see the JSON or HTML report", total - written);
                break;
            }
            let section = o.section.as_deref().map(|s| format!(" (§{})", inline(s))).unwrap_or_default();
            let _ = writeln!(out, "- **{}** · `{}`: {}{section}", inline(&subject_name(p)), f.rule, inline(&o.text));
        }
        out.push('\n');
    }

    let waived = report.waived();
    if !waived.is_empty() {
        let _ = writeln!(out, "### Waivers\n");
        let _ = writeln!(
            out,
            "| State | Proposal | Rule | Approved by | Reason | Ticket | Expires | Comment | Written at |\n|---|---|---|---|---|---|---|---|---|"
        );
        let total = waived.len();
        for (written, (p, f, w)) in waived.into_iter().enumerate() {
            if out.len() > WAIVER_BUDGET {
                let _ = writeln!(out, "| … | {} more: see the JSON or HTML report | | | | | | | |", total - written);
                break;
            }
            let state = match w.state {
                WaiverState::Applied => "🟦 applied".to_string(),
                WaiverState::Expired => "❌ **expired**".to_string(),
                WaiverState::TermsChanged => "❌ **void: license terms changed**".to_string(),
                WaiverState::OtherLicense => "❌ **void: another license fails too**".to_string(),
                WaiverState::WarningOnly => "❌ **void: it accepts a warning; the rule now fails**".to_string(),
            };
            let _ = writeln!(
                out,
                "| {state} | {} | `{}` | {} | `{}` | {} | {} | {} | {} |",
                cell(&subject_name(p)),
                f.rule,
                cell(&w.approved_by),
                w.reason.as_str(),
                cell(w.ticket.as_deref().unwrap_or("")),
                w.expires,
                cell(&w.comment),
                code(&w.location.to_string())
            );
        }
        out.push('\n');
    }

    let stale = report.stale_waivers();
    if !stale.is_empty() {
        let _ = writeln!(out, "### ⚠️ Stale waivers\n");
        let _ = writeln!(
            out,
            "These waivers matched no failure (a `status: warn` one, no warning); remove them or fix their scope.\n"
        );
        let _ = writeln!(out, "| Waiver | Rule | Proposal | Approved by | Expires | Why |\n|---|---|---|---|---|---|");
        for (written, w) in stale.iter().enumerate() {
            if out.len() > STALE_BUDGET {
                let _ = writeln!(out, "| … | {} more: see the JSON or HTML report | | | | |", stale.len() - written);
                break;
            }
            let proposal = match &w.route {
                Some(r) => format!("{}/{r}", w.proposal),
                None => w.proposal.clone(),
            };
            let _ = writeln!(
                out,
                "| {} | `{}`{} | {} | {} | {} | {} |",
                code(&w.location.to_string()),
                w.rule,
                w.status_note(),
                cell(&proposal),
                cell(&w.approved_by),
                w.expires,
                cell(&w.why)
            );
        }
        out.push('\n');
    }

    // A replaced bundled rule changes what a pass means: said outside the
    // folded digests, where a reviewer reads.
    for note in &report.policies.replaced {
        let _ = writeln!(out, "> **Replaced rule:** {}\n", inline(note));
    }
    for note in &report.catalog.replaced {
        let _ = writeln!(out, "> **Replaced catalog record:** {}\n", inline(note));
    }
    let _ = writeln!(out, "<details><summary>Built from</summary>\n");
    let _ = writeln!(out, "| What | File | sha256 |\n|---|---|---|");
    let _ = writeln!(out, "| tool | {} {} ({}) | |", report.tool.name, report.tool.version, report.tool.engine);
    let _ = writeln!(out, "| now | {} | |", report.now);
    for (written, i) in report.inputs.iter().enumerate() {
        if out.len() > DIGEST_BUDGET {
            let _ = writeln!(out, "| input | {} more: see the JSON or HTML report | |", report.inputs.len() - written);
            break;
        }
        let _ = writeln!(out, "| input | {} | `{}` |", code(&i.file), i.sha256);
    }
    if let Some(w) = &report.waivers {
        let _ = writeln!(out, "| waivers | {} | `{}` |", code(&w.file), w.sha256);
    }
    let _ = writeln!(
        out,
        "| policies | {} rules{} in {} files | `{}` |",
        report.policies.rules,
        match report.rules.iter().filter(|r| r.origin == Origin::User).count() {
            0 => String::new(),
            n => format!(" ({n} from --policy)"),
        },
        report.policies.files.len(),
        report.policies.sha256
    );
    let _ = writeln!(out, "| catalog | {} files | `{}` |", report.catalog.files.len(), report.catalog.sha256);
    for l in &report.licenses {
        let _ = writeln!(out, "| license record | {} | `{}` |", code(&l.file), l.sha256);
    }
    let _ = writeln!(
        out,
        "\nPer-file digests of policies and catalog are in the JSON, SARIF and HTML reports.\n\n</details>"
    );
    out
}

/// Escapes text for a table cell.
pub fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

/// Escapes text for inline Markdown: backslashes, HTML and line breaks.
fn inline(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('`', "\\`")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace("\r\n", "<br>")
        .replace(['\n', '\r'], "<br>")
}

/// Text as a code span in a table cell (paths, expressions).
fn code(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let text = text.replace(['\n', '\r'], " ").replace('|', "\\|");
    // The fence is one backtick longer than the longest run of backticks in
    // the text (CommonMark closes a code span at a run of the same length):
    // `` `` a``b.yaml `` `` ended at the name's own double backtick.
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    if longest == 0 {
        return format!("`{text}`");
    }
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// A link, when the URL is http(s); else the text.
fn link(text: &str, url: &str) -> String {
    if url.starts_with("https://") || url.starts_with("http://") {
        let url = url.replace(' ', "%20").replace('(', "%28").replace(')', "%29").replace('|', "%7C");
        format!("[{}]({url})", cell(text))
    } else {
        cell(text)
    }
}
