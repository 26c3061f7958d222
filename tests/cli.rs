//! The product brief's scenarios, exit codes, flags and subcommands.

use crate::support::{check_json, finding, modelgate, NOW};

#[test]
fn checking_the_fixtures_fails_on_the_800m_llama_platform_and_names_the_clause() {
    let run = modelgate(&["check", "--now", NOW, "fixtures/"]);
    assert_eq!(run.code, 1, "stderr:\n{}", run.stderr);
    assert!(run.stdout.starts_with("FAIL  consumer-assistant"), "failures first:\n{}", run.stdout);
    assert!(run.stdout.contains("LIC-LLAMA-MAU"));
    assert!(run.stdout.contains("Llama 3.1 Community License Agreement §2"), "{}", run.stdout);
    assert!(run.stdout.contains("fixtures/consumer-platform-llama.yaml:23:3"), "{}", run.stdout);
}

#[test]
fn the_brief_scenarios_get_the_verdicts_a_reader_expects() {
    for (file, verdict) in [
        ("fixtures/healthcare-onprem-llama.yaml", "pass"),
        ("fixtures/saas-gpt4o-internal.yaml", "pass"),
        ("fixtures/consumer-platform-llama.yaml", "fail"),
    ] {
        let (code, report) = check_json(&[file]);
        assert_eq!(report["proposals"][0]["verdict"], verdict, "{file}");
        assert_eq!(code, if verdict == "pass" { 0 } else { 1 }, "{file}");
    }
    let (_, report) = check_json(&["fixtures/healthcare-onprem-llama.yaml"]);
    assert_eq!(finding(&report, "RES-HIPAA-BAA")["status"], "pass");
    let (_, report) = check_json(&["fixtures/consumer-platform-llama.yaml"]);
    let mau = finding(&report, "LIC-LLAMA-MAU");
    assert_eq!(mau["status"], "fail");
    assert_eq!(mau["license"], "LicenseRef-scancode-llama-3.1-license-2024");
    assert_eq!(mau["path"], "/organization/monthly_active_users");
    assert_eq!(mau["location"]["line"], 23);
}

#[test]
fn warnings_pass_unless_fail_on_warn_is_given() {
    let file = "fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml";
    assert_eq!(modelgate(&["check", "--now", NOW, file]).code, 0);
    assert_eq!(modelgate(&["check", "--now", NOW, "--fail-on", "warn", file]).code, 1);
}

#[test]
fn output_writes_several_formats_from_one_run() {
    let dir = std::env::temp_dir().join(format!("modelgate-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("report.json");
    let text = dir.join("report.txt");
    let run = modelgate(&[
        "check",
        "--now",
        NOW,
        "--output",
        &format!("json={}", json.display()),
        "--output",
        &format!("text={}", text.display()),
        "fixtures/consumer-platform-llama.yaml",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(std::fs::read_to_string(&text).unwrap(), run.stdout, "the text file is what stdout showed");
    let (_, report) = check_json(&["fixtures/consumer-platform-llama.yaml"]);
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written, report);
    std::fs::remove_dir_all(&dir).unwrap();
    let bad = modelgate(&["check", "--output", "pdf=x.pdf", "fixtures/"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("unknown format `pdf`"), "{}", bad.stderr);
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let first =
        modelgate(&["check", "--now", NOW, "--format", "json", "fixtures/", "fixtures/rules/RES-GDPR-TRANSFER"]);
    let second =
        modelgate(&["check", "--now", NOW, "--format", "json", "fixtures/", "fixtures/rules/RES-GDPR-TRANSFER"]);
    assert_eq!(first.stdout, second.stdout);
    assert!(!first.stdout.is_empty());
}

#[test]
fn parse_prints_the_input_the_policies_see() {
    let run = modelgate(&["parse", "--now", NOW, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let input: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(input["now"], NOW);
    assert_eq!(input["route"], serde_json::Value::Null);
    assert_eq!(input["metadata"]["name"], "internal-doc-summaries");
    // Absent fields take their documented safe reading.
    assert_eq!(input["contracts"]["baa"], false);
    assert_eq!(input["contracts"]["transfer_mechanism"], "none");
    assert_eq!(input["deployment"]["telemetry"], true);
    assert_eq!(input["distribution"]["weights"], false);
    // The catalog facts are resolved into the input.
    assert_eq!(input["resolved"]["model"]["id"], "openai/gpt-4o");
    assert_eq!(input["resolved"]["license"]["expression"], "LicenseRef-modelgate-openai-services-agreement");
    let license = &input["resolved"]["licenses"][0];
    assert_eq!(license["id"], "LicenseRef-modelgate-openai-services-agreement");
    assert_eq!(license["known"], true);
    assert!(license["terms"]["commercial_use"]["allowed"].is_boolean());
}

#[test]
fn test_runs_the_bundled_rego_tests_and_fails_on_a_failing_test() {
    let run = modelgate(&["test"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let last = run.stdout.lines().last().unwrap();
    let (passed, total) = last.trim_start_matches("PASS: ").split_once('/').unwrap();
    assert_eq!(passed, total);
    assert!(total.parse::<usize>().unwrap() >= 30, "{last}");

    let run = modelgate(&["test", "--policy", "fixtures/policies/failing-test"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("data.modelgate.rules.acme.always_fails_test.test_this_fails: FAIL"), "{}", run.stdout);
    assert!(run.stdout.contains("print: ") && run.stdout.contains("the expected value was 2"), "{}", run.stdout);

    let run = modelgate(&["test", "--run", "llama_mau", "-v"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.lines().filter(|l| l.ends_with(": PASS")).all(|l| l.contains("llama_mau")), "{}", run.stdout);
}

#[test]
fn policy_adds_a_rule() {
    let (code, report) =
        check_json(&["--policy", "fixtures/policies/extra-rule", "fixtures/rules/RES-AIRGAP/fail-api-model.yaml"]);
    assert_eq!(code, 1);
    let f = finding(&report, "ACME-NO-OPENAI-CONFIDENTIAL");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["category"], "requirement");
    let run = modelgate(&["test", "--policy", "fixtures/policies/extra-rule", "--run", "acme", "-v"]);
    assert!(run.stdout.contains("test_denies_openai: PASS"), "{}", run.stdout);
}

#[test]
fn policy_replaces_a_bundled_rule_with_the_same_id() {
    let (code, report) =
        check_json(&["--policy", "fixtures/policies/override-llama-mau", "fixtures/consumer-platform-llama.yaml"]);
    assert_eq!(code, 0);
    let f = finding(&report, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "pass");
    assert_eq!(f["title"], "Llama user ceiling (Acme holds a Meta license)");
    assert_eq!(report["policies"]["rules"], finding_count(&report));
    // The replaced rule's bundled tests no longer run.
    let run = modelgate(&["test", "--policy", "fixtures/policies/override-llama-mau", "-v"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("llama_mau_test"), "{}", run.stdout);
}

fn finding_count(report: &serde_json::Value) -> serde_json::Value {
    report["proposals"][0]["findings"].as_array().unwrap().len().into()
}

#[test]
fn a_rule_that_errors_is_an_error_finding_and_exit_2() {
    let (code, report) =
        check_json(&["--policy", "fixtures/policies/erroring-rule", "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(code, 2);
    assert_eq!(report["proposals"][0]["verdict"], "error");
    let f = finding(&report, "ACME-BROKEN");
    assert_eq!(f["status"], "error");
    assert!(f["message"].as_str().unwrap().starts_with("the rule could not be evaluated"), "{}", f["message"]);
    // The other rules are still judged.
    assert_eq!(finding(&report, "LIC-LLAMA-MAU")["status"], "not_applicable");
    assert_eq!(report["summary"]["findings"]["error"], 1);
}

#[test]
fn a_policy_that_does_not_parse_is_exit_2_naming_the_file() {
    let run = modelgate(&["check", "--policy", "fixtures/policies/syntax-error", "fixtures/"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fixtures/policies/syntax-error/bad.rego"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn explain_prints_what_a_rule_checks_and_where_it_is_stated() {
    let run = modelgate(&["explain", "LIC-LLAMA-MAU"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.contains("Citation     Llama Community License Agreement (Llama 2 to Llama 4) §2"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("policies/license/llama_mau.rego"));
    let run = modelgate(&["explain", "LIC-LLAMA-MAUU"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `LIC-LLAMA-MAU`?"), "{}", run.stderr);
}

#[test]
fn licenses_and_models_browse_the_catalog() {
    let run = modelgate(&["licenses"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("LicenseRef-scancode-llama-3.1-license-2024"));
    let run = modelgate(&["licenses", "show", "llama3.1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("user_threshold (§2)"), "{}", run.stdout);
    assert!(run.stdout.contains("monthly_active_users: 700000000"), "{}", run.stdout);
    let run = modelgate(&["models", "--family", "llama-3.1"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("meta-llama/Llama-3.1-70B-Instruct"));
    assert!(!run.stdout.contains("openai/gpt-4o"));
    let run = modelgate(&["models", "--license", "mit"]);
    assert!(run.stdout.contains("microsoft/phi-4"), "{}", run.stdout);
}

#[test]
fn a_recursive_function_in_a_policy_is_refused_before_evaluation() {
    let run = modelgate(&["check", "--policy", "fixtures/policies/recursive-function", "fixtures/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("fixtures/policies/recursive-function/loop.rego:7"), "{}", run.stderr);
    assert!(run.stderr.contains("recursive function"), "{}", run.stderr);
    let run = modelgate(&["test", "--policy", "fixtures/policies/recursive-function"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_runaway_rule_is_stopped_by_the_time_limit_and_is_an_error() {
    let args =
        ["--policy", "fixtures/policies/runaway-rule", "--timeout-ms", "200", "fixtures/saas-gpt4o-internal.yaml"];
    let (code, report) = check_json(&args);
    assert_eq!(code, 2);
    let f = finding(&report, "ACME-SLOW");
    assert_eq!(f["status"], "error");
    assert_eq!(f["message"], "the rule could not be evaluated: evaluation exceeded the time limit of 200 ms");
    assert_eq!(report["proposals"][0]["verdict"], "error");
}
