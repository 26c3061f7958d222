//! `--format json`: the report as `modelgate.dev/report/v1` (see `report`).
//!
//! Written in three parts — the head, one proposal at a time, the tail — so
//! a large run streams its report without holding every finding in memory;
//! `render` joins the same parts, so both paths give the same bytes.

use serde::Serialize;

use super::{ProposalResult, Report};

/// Pretty JSON of a value nested `depth` levels deep: every line after the
/// first is indented as serde_json's pretty printer would at that depth.
fn nested<T: Serialize + ?Sized>(value: &T, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"<unserializable: {e}>\""));
    // Strings are escaped in JSON, so every newline in the text is one the
    // pretty printer wrote between lines.
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

fn field<T: Serialize + ?Sized>(out: &mut String, name: &str, value: &T) {
    out.push_str("  ");
    out.push_str(&serde_json::to_string(name).unwrap_or_default());
    out.push_str(": ");
    out.push_str(&nested(value, 1));
}

/// Everything before the first proposal.
pub fn head(report: &Report) -> String {
    let mut out = String::from("{\n");
    field(&mut out, "schema", report.schema);
    out.push_str(",\n");
    field(&mut out, "tool", &report.tool);
    out.push_str(",\n");
    field(&mut out, "now", &report.now);
    out.push_str(",\n  \"proposals\": [");
    out
}

/// One proposal; `first` says whether it opens the list.
pub fn proposal(result: &ProposalResult, first: bool) -> String {
    let mut out = String::from(if first { "\n    " } else { ",\n    " });
    out.push_str(&nested(result, 2));
    out
}

/// Everything after the last proposal; `any` says whether there was one.
pub fn tail(report: &Report, any: bool) -> String {
    let mut out = String::from(if any { "\n  ],\n" } else { "],\n" });
    field(&mut out, "summary", &report.summary);
    out.push_str(",\n");
    field(&mut out, "gate", &report.gate);
    out.push_str(",\n");
    field(&mut out, "command", &report.command);
    out.push_str(",\n");
    field(&mut out, "inputs", &report.inputs);
    out.push_str(",\n");
    field(&mut out, "policies", &report.policies);
    out.push_str(",\n");
    field(&mut out, "catalog", &report.catalog);
    out.push_str(",\n");
    field(&mut out, "waivers", &report.waivers);
    out.push_str(",\n");
    field(&mut out, "rules", &report.rules);
    out.push_str(",\n");
    field(&mut out, "licenses", &report.licenses);
    out.push_str("\n}\n");
    out
}

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out = head(report);
    for (i, p) in report.proposals.iter().enumerate() {
        out.push_str(&proposal(p, i == 0));
    }
    out.push_str(&tail(report, !report.proposals.is_empty()));
    out
}
