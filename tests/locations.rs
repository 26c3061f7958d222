//! Where a failing or warning finding points, as a reviewer sees it in every
//! format: the field to edit, in the file that holds it (a model card's label
//! in the card), at its line and column (1-based, in Unicode code points).

use crate::support::{check_json, modelgate, scratch_dir, NOW};

/// Where a run's finding of `rule` (in proposal `index`) points, as
/// `file:line:column`, and its JSON pointer.
fn at(report: &serde_json::Value, index: usize, rule: &str) -> (String, String) {
    let finding = report["proposals"][index]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no finding for {rule}"));
    assert!(finding["status"] == "fail" || finding["status"] == "warn", "{rule}: {}", finding["status"]);
    let l = &finding["location"];
    (format!("{}:{}:{}", l["file"].as_str().unwrap(), l["line"], l["column"]), finding["path"].as_str().unwrap().into())
}

/// The same place in text, GitHub annotations, SARIF and JUnit as in JSON.
fn assert_every_format_points_at(proposal: &str, rule: &str, file: &str, line: u32, column: u32, path: &str) {
    let (_, report) = check_json(&[proposal]);
    assert_eq!(at(&report, 0, rule), (format!("{file}:{line}:{column}"), path.to_string()), "{proposal}: JSON");
    let run = |format: &str| modelgate(&["check", "--now", NOW, "--format", format, proposal]).stdout;
    let text = run("text");
    assert!(text.contains(&format!("at {file}:{line}:{column} ({path})")), "{proposal}: text:\n{text}");
    let github = run("github");
    let command = format!("file={file},line={line},col={column},title={rule}%3A");
    assert!(github.contains(&command), "{proposal}: GitHub `{command}`:\n{github}");
    let sarif: serde_json::Value = serde_json::from_str(&run("sarif")).unwrap();
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let result = run0["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == rule).expect("SARIF result");
    let physical = &result["locations"][0]["physicalLocation"];
    assert_eq!(physical["artifactLocation"]["uri"], file, "{proposal}: SARIF uri");
    assert_eq!(physical["region"]["startLine"], line, "{proposal}: SARIF line");
    assert_eq!(physical["region"]["startColumn"], column, "{proposal}: SARIF column");
    let junit = run("junit");
    let case = junit.lines().find(|l| l.contains("<testcase") && l.contains(&format!("name=\"{rule}:"))).unwrap();
    assert!(case.contains(&format!("file=\"{file}\" line=\"{line}\"")), "{proposal}: JUnit {case}");
    assert!(junit.contains(&format!("at {file}:{line}:{column}")), "{proposal}: JUnit body");
}

/// A card's label is corrected in the card: LIC-CARD-LICENSE (and LIC-UNKNOWN
/// for a label it cannot judge) point at the card's `license:` line, or at
/// `license_name:` under `license: other`, in every format; they used to
/// point at `model.card` in the proposal, a line that says nothing wrong.
#[test]
fn card_findings_point_at_the_label_in_the_card() {
    assert_every_format_points_at(
        "fixtures/rules/LIC-CARD-LICENSE/fail-llama-fine-tune-labelled-apache.yaml",
        "LIC-CARD-LICENSE",
        "fixtures/cards/llama31-relabelled-apache/README.md",
        2,
        1,
        "/license",
    );
    assert_every_format_points_at(
        "fixtures/rules/LIC-CARD-LICENSE/warn-card-license-unknown.yaml",
        "LIC-UNKNOWN",
        "fixtures/cards/unknown-license-tune/README.md",
        3,
        1,
        "/license_name",
    );
    assert_every_format_points_at(
        "fixtures/rules/LIC-CARD-LICENSE/warn-license-other-without-license-name.yaml",
        "LIC-CARD-LICENSE",
        "fixtures/cards/gguf-other-without-license-name/README.md",
        2,
        1,
        "/license",
    );
}

/// A card that declares no license: the warning points at the front matter
/// that should hold `license:` (its opening `---`, after blank lines), and
/// says what is missing.
#[test]
fn a_card_without_a_license_points_at_its_front_matter() {
    let dir = scratch_dir("locations-card");
    std::fs::create_dir_all(dir.join("card")).unwrap();
    std::fs::write(dir.join("card/README.md"), "\n\n---\npipeline_tag: text-generation\n---\n# A mirror\n").unwrap();
    let proposal = dir.join("proposal.yaml");
    std::fs::write(
        &proposal,
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata: {name: mirror}\nmodel:\n  id: \
         mistralai/Ministral-8B-Instruct-2410\n  card: card/README.md\ndeployment: {kind: self_hosted, provider: \
         on_prem, regions: [US], network: private}\ndata: {classes: [internal]}\n",
    )
    .unwrap();
    let (_, report) = check_json(&[proposal.to_str().unwrap()]);
    let card = dir.join("card/README.md");
    assert_eq!(at(&report, 0, "LIC-CARD-LICENSE"), (format!("{}:3:1", card.display()), "/license".to_string()));
    let message = crate::support::finding(&report, "LIC-CARD-LICENSE")["message"].as_str().unwrap().to_string();
    assert!(message.contains("declares no license"), "{message}");
}

/// A service that has no processor terms is named by the field that chose
/// it: `deployment.service`, not the `deployment:` section line.
#[test]
fn a_service_without_processor_terms_points_at_the_service() {
    for (proposal, rule) in [
        ("fixtures/rules/RES-CCPA-SERVICE-PROVIDER/fail-no-processor-terms.yaml", "RES-CCPA-SERVICE-PROVIDER"),
        ("fixtures/rules/RES-PCI-CARDHOLDER/fail-no-processor-terms.yaml", "RES-PCI-CARDHOLDER"),
    ] {
        let (_, report) = check_json(&[proposal]);
        let finding = crate::support::finding(&report, rule);
        let at_service = finding["violations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["message"].as_str().unwrap().contains("no processor terms"))
            .expect("the processor-terms violation");
        assert_eq!(at_service["path"], "/deployment/service", "{proposal}");
        assert_eq!(at_service["location"]["line"], 13, "{proposal}");
        assert_eq!(at_service["location"]["column"], 3, "{proposal}");
    }
}

/// A license without a catalog record: LIC-COMMERCIAL and LIC-PRODUCTION
/// point where the license is declared (the field to correct), not at the
/// top of a document that leaves `use:` out.
#[test]
fn a_license_without_a_record_points_where_it_is_declared() {
    for rule in ["LIC-COMMERCIAL", "LIC-PRODUCTION"] {
        let proposal = format!("fixtures/rules/{rule}/warn-unknown-license.yaml");
        let text = std::fs::read_to_string(crate::support::root().join(&proposal)).unwrap();
        let line = text.lines().position(|l| l.trim_start().starts_with("license:")).unwrap() + 1;
        let (_, report) = check_json(&[&proposal]);
        assert_eq!(at(&report, 0, rule), (format!("{proposal}:{line}:3"), "/model/license".to_string()));
    }
}
