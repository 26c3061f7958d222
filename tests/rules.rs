//! Every outcome a rule can produce is exercised by a fixture:
//! `fixtures/rules/<RULE-ID>/<status>[-what].yaml` must give <status> for
//! <RULE-ID>, and a failure or warning must point at a line of that file.

use crate::support::{check_json, files_in, finding, relative, root};

const STATUSES: [&str; 4] = ["pass", "fail", "warn", "not_applicable"];

#[test]
fn each_rule_fixture_gives_the_status_its_name_says() {
    let mut checked = 0;
    for dir in files_in("fixtures/rules") {
        let rule = dir.file_name().unwrap().to_string_lossy().to_string();
        for file in files_in(&relative(&dir)) {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            let expected = STATUSES
                .iter()
                .find(|s| name == **s || name.starts_with(&format!("{s}-")))
                .unwrap_or_else(|| panic!("{}: name must start with a status", relative(&file)));
            let path = relative(&file);
            let (code, report) = check_json(&[&path]);
            let f = finding(&report, &rule);
            assert_eq!(f["status"], *expected, "{path}: {rule} gave {}: {}", f["status"], f["message"]);
            if *expected == "fail" || *expected == "warn" {
                let location = &f["location"];
                let text = std::fs::read_to_string(root().join(&path)).unwrap();
                // A finding about a model card's label points into the card
                // the proposal names (`model.card`); every other finding
                // points into the proposal.
                let file = location["file"].as_str().expect("file");
                let in_card = file.ends_with("/README.md")
                    && text.contains(&format!("/{}", file.trim_start_matches("fixtures/")));
                assert!(file == path || in_card, "{path}: location {file} names the proposal file or its card");
                let line = location["line"].as_u64().expect("line") as usize;
                let text = std::fs::read_to_string(root().join(file)).unwrap();
                assert!(line >= 1 && line <= text.lines().count(), "{path}: line {line} is in the file");
            }
            if *expected == "fail" {
                assert_eq!(code, 1, "{path}: a failure exits 1");
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} rule fixtures found");
}

/// Rules that only warn or do not apply: RES-GDPR-SPECIAL-CATEGORY judges an
/// Art. 9(2) condition the proposal format cannot record, so it never passes
/// and never fails; RES-AI-ACT-HIGH-RISK rests on an Annex III list the fact
/// sheets do not hold, and whether a system is high-risk is for counsel.
const WARN_ONLY: &[&str] = &["RES-GDPR-SPECIAL-CATEGORY", "RES-AI-ACT-HIGH-RISK"];

#[test]
fn every_rule_has_fixtures_for_pass_fail_and_not_applicable() {
    let run = crate::support::modelgate(&[
        "check",
        "--now",
        crate::support::NOW,
        "--format",
        "json",
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for f in report["proposals"][0]["findings"].as_array().unwrap() {
        let rule = f["rule"].as_str().unwrap();
        let dir = format!("fixtures/rules/{rule}");
        assert!(root().join(&dir).is_dir(), "{rule} has no fixture directory {dir}");
        let names: Vec<String> =
            files_in(&dir).iter().map(|p| p.file_stem().unwrap().to_string_lossy().to_string()).collect();
        for status in ["pass", "fail", "not_applicable"] {
            let has = names.iter().any(|n| n == status || n.starts_with(&format!("{status}-")));
            // Advisory rules never fail; they warn instead. A warn-only rule
            // can give neither pass nor fail: its warn fixture stands in.
            let warn_only = WARN_ONLY.contains(&rule) && status != "not_applicable";
            let advisory_fail = status == "fail" && f["category"] == "advisory";
            let needed = !advisory_fail && !warn_only;
            assert!(has || !needed, "{rule} has no `{status}` fixture in {dir}");
        }
    }
}

/// An outcome reachable only with a team's own facts: the bundled geography
/// lists no classified-partition region, so RES-CLASSIFIED's warning for a
/// Secret partition needs a region the team declares with `--policy`.
#[test]
fn a_secret_partition_region_from_a_teams_own_facts_warns() {
    let proposal = "fixtures/own-facts/res-classified-secret-partition.yaml";
    let (code, report) = check_json(&["--policy", "fixtures/policies/classified-partition-region", proposal]);
    let f = finding(&report, "RES-CLASSIFIED");
    assert_eq!(f["status"], "warn", "{f}");
    assert!(f["message"].as_str().unwrap().contains("acme-secret-1 is in a Secret partition"), "{f}");
    assert_eq!(f["location"]["file"], proposal);
    assert_eq!(f["location"]["line"], 15, "points at the region: {f}");
    assert_eq!(code, 0, "a warning alone passes");
    // Without the team's fact the region is unknown: an input error, never a pass.
    let run = crate::support::modelgate(&["check", "--now", crate::support::NOW, proposal]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// The features the policy data lists outside a zero-retention arrangement or
/// a BAA (`excluded_features`) are values `deployment.features` accepts, each
/// a fact with its source, a verification level and a note: a misspelt key
/// would never match a proposal, and the rule would pass silently.
#[test]
fn excluded_features_in_the_policy_data_are_proposal_features_with_sources() {
    let schema: serde_json::Value =
        serde_json::from_str(&crate::support::modelgate(&["schema"]).stdout).expect("schema is JSON");
    let features: Vec<&str> = schema["$defs"]["Feature"]["oneOf"]
        .as_array()
        .expect("Feature is an enum")
        .iter()
        .map(|o| o["const"].as_str().unwrap())
        .collect();
    let data: serde_json::Value =
        serde_json::from_str(&crate::support::modelgate(&["parse", "--data"]).stdout).expect("data is JSON");
    let mut seen = 0;
    for (pid, provider) in data["modelgate"]["facts"]["residency"]["providers"].as_object().unwrap() {
        let Some(services) = provider["services"].as_object() else { continue };
        for (sid, service) in services {
            for scope in ["baa", "zero_retention"] {
                let Some(excluded) = service[scope]["excluded_features"].as_object() else { continue };
                for (feature, fact) in excluded {
                    let at = format!("{pid}.{sid}.{scope}.excluded_features.{feature}");
                    assert!(features.contains(&feature.as_str()), "{at}: not a deployment.features value");
                    assert!(fact["url"].as_str().is_some_and(|u| u.starts_with("https://")), "{at}: url");
                    let v = fact["verification"].as_str().unwrap_or_default();
                    assert!(["verified", "partial", "unverified"].contains(&v), "{at}: verification {v}");
                    assert!(fact["note"].as_str().is_some_and(|n| !n.is_empty()), "{at}: note");
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 10, "only {seen} excluded features in the policy data");
}

/// A finding's headline is the violation modelgate is surest of: Command R+
/// fails commercial use under CC-BY-NC-4.0 §2(a)(1) (read in full) and
/// under the C4AI addendum (not read); the finding cites the first, and the
/// addendum, marked `[unverified: ...]`, comes second.
#[test]
fn a_finding_leads_with_the_violation_read_in_full() {
    let (_, report) = check_json(&["fixtures/rules/LIC-COMMERCIAL/fail-cohere-command-r-plus.yaml"]);
    let f = finding(&report, "LIC-COMMERCIAL");
    assert_eq!(f["citation"]["section"], "2(a)(1)", "{f}");
    assert!(f["message"].as_str().unwrap().starts_with("Creative Commons Attribution-NonCommercial"), "{f}");
    let violations = f["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 2, "{f}");
    assert!(violations[1]["message"].as_str().unwrap().contains(" [unverified: "), "{f}");
}
