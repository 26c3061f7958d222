//! The product brief's scenarios, exit codes, flags and subcommands.

use crate::support::{assert_refused, check_json, finding, modelgate, modelgate_with_stdin, scratch_dir, NOW};

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
    let gated = modelgate(&["check", "--now", NOW, "--fail-on", "warn", file]);
    assert_eq!(gated.code, 1);
    assert!(gated.stderr.contains("exit 1: --fail-on warn, and"), "says why: {}", gated.stderr);
    // The record and the PR summary agree with the exit code.
    let (code, report) = check_json(&["--fail-on", "warn", file]);
    assert_eq!(code, 1);
    assert_eq!(report["gate"]["fail_on"], "warn");
    assert_eq!(report["gate"]["result"], "fail");
    assert_eq!(report["proposals"][0]["verdict"], "pass");
    let (_, plain) = check_json(&[file]);
    assert_eq!(plain["gate"]["result"], "pass");
    let markdown = modelgate(&["check", "--now", NOW, "--format", "markdown", "--fail-on", "warn", file]);
    assert!(
        markdown.stdout.starts_with("## ❌ modelgate: the gate fails on warnings (--fail-on warn): 1 finding warns"),
        "{}",
        markdown.stdout
    );
}

#[test]
fn junit_fails_the_cases_that_fail_the_run_under_fail_on_warn() {
    // GitLab and Jenkins show the JUnit file, not the exit code: under
    // `--fail-on warn` it read "0 failures" while the job failed on a warning.
    let file = "fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml";
    let case = |xml: &str, rule: &str| {
        let start = xml.find(&format!("name=\"{rule}: ")).unwrap_or_else(|| panic!("a case for {rule}:\n{xml}"));
        let end = start + xml[start..].find("</testcase>").map_or(xml[start..].len(), |e| e + "</testcase>".len());
        xml[start..end].to_string()
    };
    let gated = modelgate(&["check", "--now", NOW, "--format", "junit", "--fail-on", "warn", file]);
    assert_eq!(gated.code, 1);
    let mau = case(&gated.stdout, "LIC-LLAMA-MAU");
    assert!(
        mau.contains("<failure message=\"warning (--fail-on warn): monthly active users are not declared")
            && mau.contains("type=\"LIC-LLAMA-MAU\""),
        "{mau}"
    );
    assert!(gated.stdout.contains("<testsuites name=\"modelgate\" tests=\"39\" failures=\"1\""), "{}", gated.stdout);
    // An advisory warning never gates: still a passing case.
    let advisory = case(&gated.stdout, "ADV-OPERATIONS");
    assert!(!advisory.contains("<failure") && advisory.contains("<system-out>warning: "), "{advisory}");
    // Without --fail-on warn the warning passes, as the run does.
    let plain = modelgate(&["check", "--now", NOW, "--format", "junit", file]);
    assert_eq!(plain.code, 0);
    assert!(!plain.stdout.contains("<failure"), "{}", plain.stdout);
    assert!(case(&plain.stdout, "LIC-LLAMA-MAU").contains("<system-out>warning: monthly active users"));
}

#[test]
fn advisory_warnings_never_gate_even_with_fail_on_warn() {
    let file = "fixtures/rules/ADV-COST-CROSSOVER/warn-api-above-self-hosting.yaml";
    let run = modelgate(&["check", "--now", NOW, "--format", "json", "--fail-on", "warn", file]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = report["proposals"][0]["findings"].as_array().unwrap();
    let warned: Vec<&serde_json::Value> = findings.iter().filter(|f| f["status"] == "warn").collect();
    assert!(!warned.is_empty(), "the fixture warns");
    assert!(warned.iter().all(|f| f["category"] == "advisory"), "only advisory rules warn here");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn output_writes_several_formats_from_one_run() {
    let dir = scratch_dir("out");
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
    // `json=` (an unset variable in CI) names no file: refused before any
    // report is printed; it printed the whole report, then "error: : cannot write".
    let empty = modelgate(&["check", "--now", NOW, "--output", "json=", "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&empty, "--output takes FORMAT=FILE, found `json=`");
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let first =
        modelgate(&["check", "--now", NOW, "--format", "json", "fixtures/", "fixtures/rules/RES-GDPR-TRANSFER"]);
    let second =
        modelgate(&["check", "--now", NOW, "--format", "json", "fixtures/", "fixtures/rules/RES-GDPR-TRANSFER"]);
    assert_eq!(first.stdout, second.stdout);
    assert!(!first.stdout.is_empty());
    // DESIGN §5: findings sorted. The order scripts read: by status (most
    // severe first), then by rule id.
    let report: serde_json::Value = serde_json::from_str(&first.stdout).expect("JSON");
    let rank = |s: &str| ["error", "fail", "warn", "waived", "pass", "not_applicable"].iter().position(|x| *x == s);
    for proposal in report["proposals"].as_array().expect("proposals") {
        let keys: Vec<(usize, String)> = proposal["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (rank(f["status"].as_str().unwrap()).expect("a known status"), f["rule"].as_str().unwrap().into()))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{}", proposal["name"]);
    }
}

/// The JSON report records the command that judged it: an auditor who
/// reruns it (from the same working directory, on files with the recorded
/// digests) gets the same bytes, whatever the run looked like (a directory
/// or its files, an absolute `--policy`, `--jobs`, time zone and locale).
#[test]
fn the_report_records_a_command_that_reproduces_it_byte_for_byte() {
    let policy = crate::support::root().join("fixtures/policies/extra-rule");
    let run = |args: &[&str], env: &[(&str, &str)]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_modelgate"))
            .args(args)
            .envs(env.iter().copied())
            .current_dir(crate::support::root())
            .output()
            .expect("run modelgate");
        (output.status.code(), String::from_utf8(output.stdout).unwrap())
    };
    let (code, first) = run(
        &[
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--jobs",
            "1",
            "--waivers",
            "fixtures/waivers/valid.yaml",
            "--policy",
            policy.to_str().unwrap(),
            "--timeout-ms",
            "9000",
            "fixtures/",
            "fixtures/rules/LIC-CARD-LICENSE/fail-llama-fine-tune-labelled-apache.yaml",
        ],
        &[("TZ", "Pacific/Kiritimati"), ("LANG", "de_DE.UTF-8"), ("LC_ALL", "tr_TR.UTF-8")],
    );
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    let command: Vec<&str> = report["command"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(
        command,
        [
            "modelgate",
            "check",
            "--now",
            NOW,
            "--fail-on",
            "fail",
            "--timeout-ms",
            "9000",
            "--policy",
            "fixtures/policies/extra-rule",
            "--waivers",
            "fixtures/waivers/valid.yaml",
            "fixtures",
            "fixtures/rules/LIC-CARD-LICENSE/fail-llama-fine-tune-labelled-apache.yaml",
        ]
    );
    let mut again: Vec<&str> = command[1..].to_vec();
    again.extend(["--format", "json"]);
    let (again_code, second) = run(&again, &[]);
    assert_eq!((again_code, second), (code, first), "the recorded command gives the same bytes");
    // A directory read recursively is recorded with -R; `inputs` names each file read.
    let (_, recursive) = run(&["check", "--now", NOW, "--format", "json", "-R", "./fixtures/hybrid/"], &[]);
    let report: serde_json::Value = serde_json::from_str(&recursive).unwrap();
    let command: Vec<&str> = report["command"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(command[command.len() - 2..], ["-R", "fixtures/hybrid"]);
    assert!(report["inputs"].as_array().unwrap().iter().any(|i| i["file"] == "fixtures/hybrid/phi-router-pass.yaml"));
}

/// A path that begins with `-` (a file `-x.yaml`, given after `--`) is
/// recorded so that the command reads it as a path again: positional paths
/// after `--`, option values as `--policy=-p`. Recorded as given, `-x.yaml`
/// was read as an unknown option and the rerun exited 2.
#[test]
fn the_rerun_command_keeps_paths_that_begin_with_a_dash_as_paths() {
    let dir = crate::support::scratch_dir("dash-paths");
    let root = crate::support::root();
    std::fs::copy(root.join("fixtures/saas-gpt4o-internal.yaml"), dir.join("-x.yaml")).unwrap();
    std::fs::copy(root.join("fixtures/waivers/valid.yaml"), dir.join("-w.yaml")).unwrap();
    std::fs::create_dir(dir.join("-p")).unwrap();
    std::fs::copy(root.join("fixtures/policies/extra-rule/no_gpt.rego"), dir.join("-p/no_gpt.rego")).unwrap();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_modelgate"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("run modelgate");
        (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
    };
    let (code, first, stderr) =
        run(&["check", "--now", NOW, "--format", "json", "--policy=-p", "--waivers=-w.yaml", "--", "-x.yaml"]);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&first).unwrap();
    let command: Vec<&str> = report["command"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
    assert_eq!(
        command[6..],
        ["--timeout-ms", "5000", "--policy=-p", "--waivers=-w.yaml", "--", "-x.yaml"],
        "{command:?}"
    );
    // The format goes before the recorded arguments: after `--` it would be a path.
    let mut again: Vec<&str> = vec!["check", "--format", "json"];
    again.extend(&command[2..]);
    let (again_code, second, stderr) = run(&again);
    assert_eq!(again_code, code, "{stderr}");
    assert!(second == first, "the recorded command gives the same bytes");
    let _ = std::fs::remove_dir_all(&dir);
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

/// A Rego test that runs away is stopped by `test --timeout-ms` (as `opa
/// test --timeout`) and is an error, exit 2, with the limit and not the
/// measured time (the same tests give the same output); the next test runs.
#[test]
fn a_runaway_rego_test_is_an_error_at_the_time_limit() {
    let run =
        modelgate(&["test", "--policy", "fixtures/policies/runaway-rule", "--run", "acme", "--timeout-ms", "100"]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "data.modelgate.rules.acme.slow_test.test_denies_nothing: ERROR\n  evaluation exceeded the time limit of \
             100 ms\n"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.ends_with("PASS: 1/2\nERROR: 1/2\n"), "{}", run.stdout);
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
fn a_data_file_at_the_top_of_a_policy_directory_is_mounted_at_the_facts_root() {
    // docs/policies.md named the mount only for a data.yaml in a
    // subdirectory; a team that kept it beside its rules had to guess.
    let dir = "fixtures/policies/data-at-the-root";
    let (code, report) = check_json(&["--policy", dir, "fixtures/rules/RES-AIRGAP/fail-api-model.yaml"]);
    assert_eq!(code, 1);
    assert_eq!(finding(&report, "PROC-BLOCKED-VENDOR")["status"], "fail");
    let run = modelgate(&["test", "--policy", dir, "--run", "procurement", "-v"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("test_blocked: PASS"), "{}", run.stdout);
}

#[test]
fn a_rule_written_to_the_design_contract_runs_without_a_description() {
    // DESIGN §4's `meta` has id, title, severity, category and citation: a
    // rule that declares exactly those (no `description`) is loaded, and
    // the report reads as DESIGN §5 fixes it.
    let dir = scratch_dir("design-meta");
    std::fs::write(
        dir.join("no_gpt.rego"),
        r#"package modelgate.rules.acme.no_gpt
import rego.v1

meta := {"id": "ACME-NO-GPT", "title": "No GPT models", "severity": "high", "category": "requirement",
         "citation": {"document": "Acme AI standard", "section": "2", "url": "https://intranet.example/ai"}}

applies if input.data.classes[_] == "internal"
deny contains v if {
	input.deployment.provider == "openai"
	v := {"msg": "OpenAI is not allowed", "path": "/deployment/provider", "remediation": "Pick another provider."}
}
warn contains v if { false; v := {"msg": "never"} }
obligations contains o if { false; o := "never" }
"#,
    )
    .expect("write the rule");
    let policy = dir.to_string_lossy().into_owned();
    let (code, report) = check_json(&["--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(code, 1, "{report}");
    let f = finding(&report, "ACME-NO-GPT");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["severity"], "high");
    assert_eq!(f["category"], "requirement");
    assert_eq!(f["title"], "No GPT models");
    assert_eq!(f["message"], "OpenAI is not allowed");
    assert_eq!(f["remediation"], "Pick another provider.");
    assert_eq!(f["path"], "/deployment/provider");
    assert_eq!(f["location"]["file"], "fixtures/saas-gpt4o-internal.yaml");
    assert_eq!(f["citation"]["document"], "Acme AI standard");
    assert_eq!(f["citation"]["section"], "2");
    assert_eq!(f["citation"]["url"], "https://intranet.example/ai");
    assert_eq!(f["obligations"], serde_json::json!([]));
    assert_eq!(f["waiver"], serde_json::Value::Null);
    // Without a description, the rule's title stands for it.
    let rule = report["rules"].as_array().expect("rules").iter().find(|r| r["id"] == "ACME-NO-GPT").expect("rule");
    assert_eq!(rule["description"], "No GPT models");
    let run = modelgate(&["explain", "--policy", &policy, "ACME-NO-GPT"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_declared_license_is_judged_beside_a_catalog_models_license() {
    // README, Decisions: `model.license` adds to the catalog's license (DESIGN
    // §2 says it overrides it), so a relabelled catalog model still fails
    // under the licensor's terms and the report names both licenses.
    let (code, report) = check_json(&["fixtures/rules/LIC-DERIVATIVE-LICENSE/warn-catalog-model-declared-apache.yaml"]);
    assert_eq!(code, 1);
    let model = &report["proposals"][0]["model"];
    assert_eq!(model["license"], "(Apache-2.0) AND (LicenseRef-modelgate-mistral-research-license-0.1)");
    assert_eq!(finding(&report, "LIC-DERIVATIVE-LICENSE")["status"], "warn");
    let commercial = finding(&report, "LIC-COMMERCIAL");
    assert_eq!(commercial["status"], "fail");
    assert_eq!(commercial["license"], "LicenseRef-modelgate-mistral-research-license-0.1");
}

#[test]
fn the_readme_first_proposal_fails_where_the_readme_says() {
    // README, "Your first proposal": `init` then `check` points at a line
    // and column a reader looks up; it went stale when `init` grew a line.
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).expect("README");
    let at = readme
        .lines()
        .find_map(|l| l.trim().strip_prefix("at my-assistant.yaml:"))
        .and_then(|rest| rest.split_once(' '))
        .map(|(position, _)| position.to_string())
        .expect("README shows where the first proposal fails");
    let dir = scratch_dir("first-proposal");
    let file = dir.join("my-assistant.yaml");
    let file = file.to_string_lossy().into_owned();
    let args = ["init", "--no-input", "--name", "my-assistant", "--model", "gpt-4o", "--kind", "vendor_api"];
    let run = modelgate(&[&args[..], &["--provider", "openai", "--data", "pii", "--output", &file]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (code, report) = check_json(&[&file]);
    assert_eq!(code, 1);
    let f = finding(&report, "RES-CCPA-SERVICE-PROVIDER");
    assert_eq!(f["status"], "fail");
    assert_eq!(format!("{}:{}", f["location"]["line"], f["location"]["column"]), at);
    let _ = std::fs::remove_dir_all(&dir);
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
    // The audit record says which rule came from where, and what was replaced.
    let record = |id: &str| report["rules"].as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(record("LIC-LLAMA-MAU")["origin"], "policy");
    assert_eq!(
        record("LIC-LLAMA-MAU")["files"],
        serde_json::json!(["fixtures/policies/override-llama-mau/llama_mau.rego"])
    );
    assert_eq!(record("LIC-COMMERCIAL")["origin"], "bundled");
    assert_eq!(record("LIC-COMMERCIAL")["files"], serde_json::json!(["policies/license/commercial.rego"]));
    assert_eq!(
        report["policies"]["replaced"],
        serde_json::json!([
            "the bundled rule LIC-LLAMA-MAU (modelgate.rules.license.llama_mau) is replaced by the one in \
             fixtures/policies/override-llama-mau/llama_mau.rego"
        ])
    );
    // The run says what was replaced, and by which file.
    let run = modelgate(&[
        "check",
        "--policy",
        "fixtures/policies/override-llama-mau",
        "fixtures/consumer-platform-llama.yaml",
    ]);
    assert!(
        run.stderr.contains("note: the bundled rule LIC-LLAMA-MAU (modelgate.rules.license.llama_mau) is replaced by the one in fixtures/policies/override-llama-mau/llama_mau.rego"),
        "{}",
        run.stderr
    );
    // `explain` says it too.
    let run = modelgate(&["explain", "--policy", "fixtures/policies/override-llama-mau", "LIC-LLAMA-MAU"]);
    assert!(
        run.stdout
            .contains("Note         the bundled rule LIC-LLAMA-MAU (modelgate.rules.license.llama_mau) is replaced"),
        "{}",
        run.stdout
    );
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
    // Located at the proposal judged, as SARIF and GitHub annotations show it.
    assert_eq!(f["location"], serde_json::json!({"file": "fixtures/saas-gpt4o-internal.yaml", "line": 4, "column": 1}));
    let message = f["message"].as_str().unwrap();
    // What went wrong, then where: regorus puts the reason after its excerpt.
    assert!(
        message.starts_with("the rule could not be evaluated: could not parse string as number\n--> "),
        "{message}"
    );
    // The other rules are still judged.
    assert_eq!(finding(&report, "LIC-LLAMA-MAU")["status"], "not_applicable");
    assert_eq!(report["summary"]["findings"]["error"], 1);
}

/// A batch large enough to run on the bytecode VM still reports the rule
/// that errs as an error on every proposal: regorus's VM reads a builtin
/// error as undefined, which made every such finding a pass from eight
/// proposals on.
#[test]
fn a_rule_that_errors_is_an_error_on_every_proposal_of_a_batch() {
    let (code, report) = check_json(&["--policy", "fixtures/policies/erroring-rule", "-R", "fixtures/rules"]);
    assert_eq!(code, 2);
    let proposals = report["proposals"].as_array().unwrap();
    assert!(proposals.len() > 50, "a batch that runs on the VM: {}", proposals.len());
    for proposal in proposals {
        let broken = proposal["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "ACME-BROKEN").unwrap();
        assert_eq!(broken["status"], "error", "{}", proposal["file"]);
        // A failure found beside the error stays a failure; nothing passes.
        let verdict = proposal["verdict"].as_str().unwrap();
        assert!(verdict == "error" || verdict == "fail", "{}: {verdict}", proposal["file"]);
    }
    assert_eq!(report["summary"]["findings"]["error"], proposals.len());
    assert_eq!(report["gate"]["result"], "error");
}

/// `applies` must be true or false: any other value (`"yes"`, `1`, `null`)
/// is an error finding and exit 2, on the VM and the interpreter alike. It
/// read as "not applicable", which hid the rule's denies: a silent pass.
#[test]
fn a_rule_whose_applies_is_not_a_boolean_is_an_error_not_a_pass() {
    for engine in ["auto", "interpreter"] {
        let (code, report) = check_json(&[
            "--engine",
            engine,
            "--policy",
            "fixtures/policies/applies-not-boolean",
            "fixtures/saas-gpt4o-internal.yaml",
        ]);
        assert_eq!(code, 2, "{engine}");
        assert_eq!(report["proposals"][0]["verdict"], "error", "{engine}");
        let f = finding(&report, "ACME-APPLIES-YES");
        assert_eq!(f["status"], "error", "{engine}");
        assert_eq!(
            f["message"], "the rule could not be evaluated: `applies` must be true or false, found \"yes\"",
            "{engine}"
        );
    }
}

/// A failure found beside a rule that errs is still a failure: the verdict
/// says so, while the run exits 2 because it is incomplete.
#[test]
fn a_proposal_that_fails_beside_an_erroring_rule_is_fail_and_the_run_exit_2() {
    let (code, report) =
        check_json(&["--policy", "fixtures/policies/erroring-rule", "fixtures/consumer-platform-llama.yaml"]);
    assert_eq!(code, 2);
    assert_eq!(report["proposals"][0]["verdict"], "fail");
    assert_eq!(finding(&report, "LIC-LLAMA-MAU")["status"], "fail");
    assert_eq!(report["gate"]["result"], "error");
    assert_eq!(report["summary"]["fail"], 1);
    assert_eq!(report["summary"]["findings"]["error"], 1);
}

/// A `--policy` directory with a symlink back into itself is an error
/// naming the link: it was followed until the system refused the path, and
/// the report listed the same rule file some forty times.
#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_policy_directory_is_an_error() {
    let dir = scratch_dir("policy-loop");
    std::fs::copy(crate::support::root().join("fixtures/policies/extra-rule/no_gpt.rego"), dir.join("no_gpt.rego"))
        .unwrap();
    std::os::unix::fs::symlink(".", dir.join("again")).unwrap();
    let dir_arg = dir.to_str().unwrap();
    let run = modelgate(&["check", "--now", NOW, "--policy", dir_arg, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&run, &format!("{dir_arg}/again: symlink loop: it leads back to {dir_arg}"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A policy file that is not UTF-8 (a Latin-1 comment) is named at the
/// byte's line and column, as a proposal would be.
#[test]
fn a_policy_file_that_is_not_utf8_names_the_line_and_column() {
    let dir = scratch_dir("policy-latin1");
    std::fs::write(dir.join("rule.rego"), b"package modelgate.rules.acme.latin1\n\n# r\xe9sum\xe9 of the rule\n")
        .unwrap();
    let dir_arg = dir.to_str().unwrap();
    let run = modelgate(&["check", "--now", NOW, "--policy", dir_arg, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&run, &format!("{dir_arg}/rule.rego:3:4: file is not valid UTF-8"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A `--policy` data file must be a mapping, merged key by key into
/// `data.modelgate.facts`: a list at the top printed regorus's merge error
/// with the bundled facts dumped as JSON. A key that the bundled data
/// already sets is named with where it is mounted.
#[test]
fn a_policy_data_file_that_cannot_be_merged_is_named_at_its_place() {
    let dir = scratch_dir("policy-data");
    std::fs::create_dir_all(dir.join("residency")).unwrap();
    std::fs::copy(crate::support::root().join("fixtures/policies/extra-rule/no_gpt.rego"), dir.join("no_gpt.rego"))
        .unwrap();
    let dir_arg = dir.to_str().unwrap();
    std::fs::write(dir.join("data.yaml"), "- openai\n- anthropic\n").unwrap();
    let run = modelgate(&["check", "--now", NOW, "--policy", dir_arg, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&run, "a data file holds a mapping of keys, found a list");
    assert!(run.stderr.contains(&format!("{dir_arg}/data.yaml:1:1")), "{}", run.stderr);
    assert!(!run.stderr.contains("advisory"), "no dump of the bundled data:\n{}", run.stderr);
    std::fs::remove_file(dir.join("data.yaml")).unwrap();
    std::fs::write(dir.join("residency/data.yaml"), "last_verified: \"2020-01-01\"\n").unwrap();
    let run = modelgate(&["check", "--now", NOW, "--policy", dir_arg, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(
        &run,
        "error: cannot merge into data.modelgate.facts.residency: `last_verified` already has another value there",
    );
    assert!(run.stderr.contains(&format!("{dir_arg}/residency/data.yaml:1:1")), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
    // A nested bundled fact: named at its key, not only the file.
    let dir = "fixtures/policies/data-overriding-bundled-facts";
    for command in ["check", "test"] {
        let mut args = vec![command, "--policy", dir];
        if command == "check" {
            args.push("fixtures/saas-gpt4o-internal.yaml");
        }
        let run = modelgate(&args);
        assert_refused(&run, "cannot merge into data.modelgate.facts.residency: `name` already has another value");
        assert!(run.stderr.contains(&format!("--> {dir}/residency/data.yaml:6:5")), "{}", run.stderr);
    }
}

#[test]
fn a_policy_that_does_not_parse_is_exit_2_naming_the_file() {
    let run = modelgate(&["check", "--policy", "fixtures/policies/syntax-error", "fixtures/"]);
    assert_refused(&run, "error: expecting `}` while parsing object");
    assert!(run.stderr.contains("--> fixtures/policies/syntax-error/bad.rego:6:1"), "{}", run.stderr);
}

/// Standard input can be the waiver file or a proposal, not both: the
/// waivers took the stream and the proposal read it again, refused as "this
/// is a waiver file".
#[test]
fn a_dash_given_as_waivers_and_as_a_proposal_is_refused() {
    let text = std::fs::read(crate::support::root().join("fixtures/waivers/valid.yaml")).unwrap();
    let run = modelgate_with_stdin(&["check", "--now", NOW, "--waivers", "-", "-"], &text);
    assert_refused(&run, "`-` (standard input) is given both as --waivers and as a proposal path");
}

/// `-` is standard input, read once and judged like a file named `<stdin>`.
#[test]
fn a_dash_reads_the_proposal_from_standard_input() {
    let text = std::fs::read(crate::support::root().join("fixtures/consumer-platform-llama.yaml")).unwrap();
    let run = modelgate_with_stdin(
        &["check", "--now", NOW, "--format", "json", "-", "fixtures/saas-gpt4o-internal.yaml"],
        &text,
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["proposals"][0]["name"], "consumer-assistant");
    assert_eq!(report["proposals"][0]["file"], "<stdin>");
    assert_eq!(report["inputs"][0]["file"], "<stdin>");
    assert_eq!(report["proposals"][1]["name"], "internal-doc-summaries");
}

/// A pipe or device gives its bytes once: modelgate reads it once, so the
/// report judges and names (by digest) the bytes the pipe gave.
#[cfg(target_os = "linux")]
#[test]
fn a_pipe_named_as_a_file_is_read_once_and_judged() {
    let text = std::fs::read(crate::support::root().join("fixtures/consumer-platform-llama.yaml")).unwrap();
    let run = modelgate_with_stdin(&["check", "--now", NOW, "--format", "json", "/dev/stdin"], &text);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["proposals"][0]["name"], "consumer-assistant");
    assert_eq!(report["inputs"][0]["file"], "/dev/stdin");
    assert_eq!(report["inputs"][0]["sha256"], modelgate::digest::sha256_hex(&text));
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
    // Every row's columns line up, the longest family included.
    let run = modelgate(&["models"]);
    let weights_column = |line: &str| line.find(" weights ").or_else(|| line.find(" api-only "));
    let columns: std::collections::BTreeSet<_> = run.stdout.lines().map(weights_column).collect();
    assert_eq!(columns.len(), 1, "{}", run.stdout);
    // A filter that names nothing is an error with a hint, not an empty table.
    let run = modelgate(&["models", "--family", "lama"]);
    assert_refused(&run, "no model of family `lama` (did you mean `llama");
    let run = modelgate(&["models", "--family", "llama", "--license", "apache-2.0"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "a family with no model under that license");
}

/// A test filter that matches nothing is an error, not "PASS: 0/0".
#[test]
fn a_test_filter_that_matches_nothing_is_an_error() {
    let run = modelgate(&["test", "--run", "no_such_test"]);
    assert_refused(&run, "no Rego test name contains `no_such_test`");
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

/// Policies that could never fail are refused, not run as passes: a rule
/// outside the rule packages, one that reads a document containing itself,
/// one built on a helper regorus reads as undefined (a split package's
/// later import), and one whose only outcome is misspelt (`denny`). A rule with no outcome
/// at all stays allowed: a replacement rule may mean to always pass.
#[test]
fn rules_that_could_never_fail_are_refused() {
    for (dir, message) in [
        (
            "rule-outside-rule-packages",
            "error: package `acme.gate` declares `deny`, but modelgate runs only rules in packages under \
             `modelgate.rules.<name>`",
        ),
        (
            "rule-reading-its-own-package",
            "rule-reading-its-own-package/self.rego:18:27: this rule reads `data.modelgate.rules.acme.self_reader`, \
             which contains the rule itself",
        ),
        (
            "split-package-import",
            "split-package-import/acme_people.rego:5:1: `unowned` reads through `import input.metadata` (`md`) in a \
             later file of package `modelgate.lib.acme`",
        ),
        (
            "rule-with-a-misspelt-outcome",
            "declares `denny` and none of `deny`, `warn` or `obligations`, so it can never fail or warn: did you \
             mean `deny`?",
        ),
    ] {
        let policy = format!("fixtures/policies/{dir}");
        let run = modelgate(&["check", "--now", NOW, "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"]);
        assert_refused(&run, message);
    }
}

/// The time limit is for all rules on one proposal: the first runaway rule
/// uses it up and is stopped, the second is not evaluated. Both are errors,
/// never passes, on the interpreter (one proposal) and on the VM (a batch,
/// where the `--policy` rules are judged one at a time beside the bundled
/// aggregate). Each runaway rule was given the whole limit, and the batch
/// path ran it three times (VM, aggregate, rule by rule).
#[test]
fn runaway_rules_share_one_time_limit_per_proposal_and_are_errors() {
    let batch = scratch_dir("runaway-batch");
    let proposal = std::fs::read_to_string(crate::support::root().join("fixtures/saas-gpt4o-internal.yaml")).unwrap();
    for i in 0..8 {
        let renamed = proposal.replace("name: internal-doc-summaries", &format!("name: copy-{i}"));
        std::fs::write(batch.join(format!("copy-{i}.yaml")), renamed).unwrap();
    }
    let batch = batch.display().to_string();
    for (target, proposals) in [("fixtures/saas-gpt4o-internal.yaml", 1), (batch.as_str(), 8)] {
        let args = ["--policy", "fixtures/policies/runaway-rule", "--timeout-ms", "100", "--jobs", "1", target];
        let (code, report) = check_json(&args);
        assert_eq!(code, 2, "{target}");
        assert_eq!(report["proposals"].as_array().unwrap().len(), proposals);
        for proposal in report["proposals"].as_array().unwrap() {
            assert_eq!(proposal["verdict"], "error", "{target}");
            let status = |rule: &str| {
                let f = proposal["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).unwrap();
                (f["status"].clone(), f["message"].clone())
            };
            assert_eq!(
                status("ACME-SLOW"),
                (
                    "error".into(),
                    "the rule could not be evaluated: evaluation exceeded the time limit of 100 ms".into()
                ),
                "{target}"
            );
            assert_eq!(
                status("ACME-SLOWER"),
                (
                    "error".into(),
                    "the rule could not be evaluated: the time limit of 100 ms for the proposal ran out before this \
                     rule was reached"
                        .into()
                ),
                "{target}"
            );
            // The bundled rules are judged as without the runaway rules.
            assert_eq!(status("RES-HIPAA-BAA").0, "not_applicable", "{target}");
        }
    }
}

/// The findings of one route of a multi-route report.
fn route<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["route"] == name)
        .unwrap_or_else(|| panic!("no route {name}"))
}

fn route_finding<'a>(report: &'a serde_json::Value, route_name: &str, rule: &str) -> &'a serde_json::Value {
    route(report, route_name)["findings"].as_array().unwrap().iter().find(|f| f["rule"] == rule).unwrap()
}

#[test]
fn a_hybrid_router_is_judged_route_by_route() {
    let (code, report) = check_json(&["fixtures/hybrid/phi-router-pass.yaml"]);
    assert_eq!(code, 0, "{report}");
    assert_eq!(report["proposals"].as_array().unwrap().len(), 2);
    assert_eq!(route(&report, "phi-traffic")["verdict"], "pass");
    assert_eq!(route_finding(&report, "phi-traffic", "RES-HIPAA-BAA")["status"], "pass");
    assert_eq!(route_finding(&report, "everything-else", "RES-HIPAA-BAA")["status"], "not_applicable");

    let (code, report) = check_json(&["fixtures/hybrid/phi-router-fail.yaml"]);
    assert_eq!(code, 1);
    let phi = route(&report, "phi-traffic");
    assert_eq!(phi["name"], "clinical-router-misrouted");
    assert_eq!(phi["verdict"], "fail");
    let baa = route_finding(&report, "phi-traffic", "RES-HIPAA-BAA");
    assert_eq!(baa["status"], "fail");
    assert_eq!(baa["path"], "/routes/0/contracts/baa");
    assert_eq!(baa["location"]["line"], 27);
    assert_eq!(route(&report, "everything-else")["verdict"], "pass");
    let text = modelgate(&["check", "--now", NOW, "fixtures/hybrid/phi-router-fail.yaml"]);
    assert!(text.stdout.contains("FAIL  clinical-router-misrouted / route phi-traffic"), "{}", text.stdout);
}

#[test]
fn a_finding_about_a_section_no_route_gives_points_at_the_route() {
    let dir = scratch_dir("route");
    let file = dir.join("router.yaml");
    std::fs::write(
        &file,
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: router\norganization:\n  domicile: US\nroutes:\n  - name: phi\n    model: {id: openai/gpt-4o}\n    deployment: {kind: vendor_api, provider: openai, regions: [US]}\n    data: {classes: [phi], subjects: [US]}\n",
    )
    .unwrap();
    let (_, report) = check_json(&[file.to_str().unwrap()]);
    let baa = route_finding(&report, "phi", "RES-HIPAA-BAA");
    assert_eq!(baa["status"], "fail");
    assert_eq!(baa["path"], "/routes/0/contracts/baa");
    assert_eq!(baa["location"]["line"], 8, "the route, not line 1: {baa}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_route_inherits_the_organisations_constraints_data_subjects_and_purposes_field_by_field() {
    let file = "fixtures/hybrid/eu-router-inherits-constraints.yaml";
    let (code, report) = check_json(&[file]);
    assert_eq!(code, 1, "{report}");
    // summaries gives `data: {classes: [pii]}` and keeps the proposal's
    // subjects (DE): its personal data in the US falls under the GDPR.
    let transfer = route_finding(&report, "summaries", "RES-GDPR-TRANSFER");
    assert_eq!(transfer["status"], "fail", "{transfer}");
    // batch gives `requirements: {zero_retention: false}` and keeps the
    // proposal's allowed_regions (EU): eastus is outside them.
    let regions = route_finding(&report, "batch", "REQ-ALLOWED-REGIONS");
    assert_eq!(regions["status"], "fail", "{regions}");
    assert_eq!(regions["path"], "/routes/1/deployment/regions/0");
    // drafts gives `use: {production: false}` and keeps the proposal's
    // purposes (minors): the OpenAI terms' condition on minors warns.
    let purposes = route_finding(&report, "drafts", "LIC-PROHIBITED-USE");
    assert_eq!(purposes["status"], "warn", "{purposes}");
    assert_eq!(purposes["path"], "/use/purposes/0");

    // An inherited field is found where the proposal gives it, a field the
    // route gives in its own section is found in the route.
    let context = modelgate::check::Context::new(&[]).unwrap();
    let set = modelgate::proposal::load_paths(&[crate::support::root().join(file)], &Default::default()).unwrap();
    let subjects = context.subjects(&set).unwrap();
    let route = |name: &str| subjects.iter().find(|s| s.route.as_deref() == Some(name)).unwrap();
    assert_eq!(route("summaries").sections.data.subjects, ["DE"]);
    assert_eq!(route("summaries").sections.data.classes.len(), 1);
    assert_eq!(route("batch").sections.requirements.allowed_regions, ["EU"]);
    assert!(!route("batch").sections.requirements.zero_retention);
    assert_eq!(route("summaries").pointer("/data/subjects"), "/data/subjects");
    assert_eq!(route("summaries").pointer("/data/classes"), "/routes/0/data/classes");
    assert_eq!(route("batch").pointer("/requirements/allowed_regions/0"), "/requirements/allowed_regions/0");
    assert_eq!(route("batch").pointer("/requirements/zero_retention"), "/routes/1/requirements/zero_retention");
    assert_eq!(route("batch").locate("/requirements/allowed_regions").line, 26);
    assert_eq!(route("drafts").sections.usage.purposes.len(), 1);
    assert!(!route("drafts").sections.usage.production);
    assert_eq!(route("drafts").pointer("/use/purposes/0"), "/use/purposes/0");
    assert_eq!(route("drafts").pointer("/use/production"), "/routes/2/use/production");
}

#[test]
fn options_lists_the_compliant_choices_for_each_brief_scenario() {
    let run = modelgate(&["options", "--now", NOW, "--format", "json", "fixtures/healthcare-onprem-llama.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["schema"], "modelgate.dev/options/v1");
    let options = report["options"].as_array().unwrap();
    assert!(options.len() > 100, "every model in every kind: {}", options.len());
    // Compliant options first, each group by model whatever the case of its
    // vendor (`Qwen/...` sorted before `allenai/...`).
    let first_reject = options.iter().position(|o| o["verdict"] != "pass").unwrap();
    assert!(options[first_reject..].iter().all(|o| o["verdict"] != "pass"));
    for group in [&options[..first_reject], &options[first_reject..]] {
        let models: Vec<String> = group.iter().map(|o| o["model"].as_str().unwrap().to_lowercase()).collect();
        assert!(models.is_sorted(), "{models:?}");
    }
    // PHI: only self-hosting on premises passes (the scenario signs no BAA).
    for o in &options[..first_reject] {
        assert_eq!(o["deployment_kind"], "self_hosted", "{o}");
        assert_eq!(o["provider"], "on_prem", "{o}");
    }
    let rejected_api =
        options.iter().find(|o| o["model"] == "openai/gpt-4o" && o["deployment_kind"] == "vendor_api").unwrap();
    assert_eq!(rejected_api["verdict"], "fail");
    assert!(rejected_api["failing_rules"].as_array().unwrap().iter().any(|r| r["rule"] == "RES-HIPAA-BAA"));

    // 800M monthly active users: no Llama version is compliant.
    let (_, consumer) = options_json(&["fixtures/consumer-platform-llama.yaml", "--family", "llama"]);
    let llama = consumer["options"].as_array().unwrap();
    assert!(!llama.is_empty());
    assert!(llama.iter().all(|o| o["verdict"] == "fail"), "every Llama is rejected");
    assert!(llama.iter().all(|o| o["failing_rules"].as_array().unwrap().iter().any(|r| r["rule"] == "LIC-LLAMA-MAU")));

    // Internal summaries: API models are admitted.
    let (_, saas) = options_json(&["fixtures/saas-gpt4o-internal.yaml", "--kind", "vendor_api"]);
    let admitted: Vec<&str> = saas["options"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["verdict"] == "pass")
        .map(|o| o["model"].as_str().unwrap())
        .collect();
    assert!(admitted.contains(&"openai/gpt-4o"), "{admitted:?}");
    assert!(admitted.iter().any(|m| m.starts_with("anthropic/")), "{admitted:?}");
}

/// A scenario is bad input for `options` exactly as for `check`: each option
/// replaces its model and deployment, but a mistake in them (here a region
/// id that no provider has, then an unknown model id) is one error at its
/// value and exit 2. Both listed every option and exited 0.
#[test]
fn options_refuses_a_scenario_that_check_refuses() {
    let dir = scratch_dir("options-scenario");
    let text = std::fs::read_to_string(crate::support::root().join("fixtures/saas-gpt4o-internal.yaml")).unwrap();
    let cases = [
        ("regions: [US]", "regions: [us-east-9]", "unknown region `us-east-9`", ":16:13"),
        ("id: openai/gpt-4o", "id: openai/gpt-4.5o", "unknown model `openai/gpt-4.5o`", ":10:7"),
    ];
    for (from, to, message, position) in cases {
        let file = dir.join("scenario.yaml");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
        let path = file.to_str().unwrap();
        let check = modelgate(&["check", "--now", NOW, path]);
        assert_refused(&check, message);
        let run = modelgate(&["options", "--now", NOW, path]);
        assert_refused(&run, message);
        assert!(run.stderr.contains(&format!("{path}{position}")), "{to}: at {position}:\n{}", run.stderr);
        assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn options_json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["options", "--now", NOW, "--format", "json"];
    all.extend_from_slice(args);
    let run = modelgate(&all);
    (run.code, serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", run.stdout, run.stderr)))
}

#[test]
fn options_renders_a_matrix_in_markdown_and_html() {
    let md = modelgate(&[
        "options",
        "--now",
        NOW,
        "--format",
        "markdown",
        "--family",
        "gemma",
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    assert_eq!(md.code, 0);
    assert!(md.stdout.contains("| Verdict | Model | Deployment | Provider | License |"), "{}", md.stdout);
    assert!(md.stdout.contains("`google/gemma-2-9b-it`"), "{}", md.stdout);
    let html = modelgate(&[
        "options",
        "--now",
        NOW,
        "--format",
        "html",
        "--family",
        "gemma",
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    assert!(html.stdout.starts_with("<!DOCTYPE html>"));
    assert!(html.stdout.contains("<table>") && !html.stdout.contains("http://") && !html.stdout.contains("<script"));
}

#[test]
fn schema_describes_the_proposal_format() {
    let run = modelgate(&["schema"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$id"], "https://modelgate.dev/schema/proposal-v1.json");
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!(required.contains(&"metadata") && required.contains(&"apiVersion"), "{required:?}");
    assert_eq!(schema["additionalProperties"], false, "unknown keys are errors");
    let text = run.stdout;
    for word in ["self_hosted", "eu_personal", "transfer_mechanism", "monthly_active_users", "routes"] {
        assert!(text.contains(word), "schema mentions {word}");
    }
    let committed = std::fs::read_to_string(crate::support::root().join("schema/proposal.schema.json")).unwrap();
    assert_eq!(committed, text, "schema/proposal.schema.json is `modelgate schema` output: regenerate it");
}

#[test]
fn init_writes_a_proposal_that_checks() {
    let dir = scratch_dir("init");
    let file = dir.join("chat.yaml");
    let file_arg = file.to_str().unwrap();
    let run = modelgate(&[
        "init",
        "--no-input",
        "--name",
        "support-chat",
        "--model",
        "gpt-4o",
        "--kind",
        "vendor_api",
        "--provider",
        "openai",
        "--data",
        "pii",
        "--regions",
        "US",
        "--output",
        file_arg,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("id: openai/gpt-4o"), "alias resolved to the catalog id:\n{text}");
    assert!(text.contains("# yaml-language-server: $schema="));
    // Every contract the rules read is in the template, to be filled in.
    let schema: serde_json::Value = serde_json::from_str(&modelgate(&["schema"]).stdout).unwrap();
    let contracts = schema["$defs"]["Contracts"]["properties"].as_object().unwrap();
    assert!(contracts.len() >= 9);
    for field in contracts.keys() {
        assert!(text.contains(&format!("\n  {field}: ")), "the template lists contracts.{field}:\n{text}");
    }
    // Every section of the format is in it, written or commented out: a
    // user who started from it did not learn of `requirements` (the
    // organisation's allowed regions), `workload`, `team` or `routes`.
    for section in schema["properties"].as_object().unwrap().keys() {
        assert!(
            text.contains(&format!("\n{section}:")) || text.contains(&format!("\n# {section}:")),
            "the template shows {section}:\n{text}"
        );
    }
    let uncommented: String = text
        .lines()
        .map(|l| {
            l.strip_prefix("# ")
                .filter(|r| {
                    !r.starts_with("routes:")
                        && !r.starts_with("yaml-language-server")
                        && !r.starts_with("A modelgate")
                        && !r.starts_with("Editors")
                        && !r.starts_with("  modelgate")
                })
                .unwrap_or(l)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let uncommented_file = dir.join("uncommented.yaml");
    std::fs::write(&uncommented_file, uncommented).unwrap();
    let check = modelgate(&["check", "--now", NOW, uncommented_file.to_str().unwrap()]);
    assert!(check.code == 0 || check.code == 1, "the template's commented sections are valid: {}", check.stderr);
    let check = modelgate(&["check", "--now", NOW, file_arg]);
    assert!(check.code == 0 || check.code == 1, "the written proposal is valid: {}", check.stderr);
    let again = modelgate(&["init", "--no-input", "--output", file_arg]);
    assert_eq!(again.code, 2, "refuses to overwrite");
    // A repository without proposals yet: the directory is made.
    let nested = dir.join("proposals/new/assistant.yaml");
    let made = modelgate(&["init", "--no-input", "--output", nested.to_str().unwrap()]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(nested.is_file(), "the proposal is written into the new directory");
    let bad = modelgate(&["init", "--no-input", "--model", "gpt-4oo"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("did you mean"), "{}", bad.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// init refuses answers that `check` would refuse, one flag at a time, and
/// answers that contradict each other; it wrote `provider: opneai`,
/// `regions: [us]` and a vendor API on premises, which check then refused.
#[test]
fn init_refuses_answers_that_check_would_refuse() {
    let cases: [(&[&str], &str); 4] = [
        (&["--provider", "opneai"], "--provider: unknown provider `opneai` (did you mean `openai`?)"),
        (&["--regions", "US,us-east-9"], "--regions: unknown region `us-east-9`"),
        (&["--domicile", "UK"], "--domicile: unknown country code `UK`"),
        (
            &["--kind", "vendor_api"],
            "these answers make a proposal that `check` refuses: provider `on_prem` is the organisation's own premises",
        ),
    ];
    for (flags, message) in cases {
        let mut args = vec!["init", "--no-input"];
        args.extend_from_slice(flags);
        assert_refused(&modelgate(&args), message);
    }
}

#[test]
fn a_model_card_declares_license_and_lineage() {
    let (code, report) = check_json(&["fixtures/rules/LIC-CARD-LICENSE/fail-llama-fine-tune-labelled-apache.yaml"]);
    assert_eq!(code, 1);
    let f = finding(&report, "LIC-CARD-LICENSE");
    let message = f["message"].as_str().unwrap();
    assert!(message.contains("apache-2.0") && message.contains("Llama 3.1 Community License Agreement"), "{message}");
    assert!(message.contains("fixtures/cards/llama31-relabelled-apache/README.md:2"), "{message}");
    // The base license binds the derivative: the Llama clauses apply.
    assert_ne!(finding(&report, "LIC-LLAMA-MAU")["status"], "not_applicable");
    // The card decided the license: the audit record names its digest too.
    let inputs = report["inputs"].as_array().unwrap();
    let card =
        inputs.iter().find(|i| i["file"] == "fixtures/cards/llama31-relabelled-apache/README.md").expect("card input");
    let expected = {
        use sha2::Digest;
        let bytes =
            std::fs::read(crate::support::root().join("fixtures/cards/llama31-relabelled-apache/README.md")).unwrap();
        sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect::<String>()
    };
    assert_eq!(card["sha256"], expected);
    let run = modelgate(&["parse", "--now", NOW, "fixtures/rules/LIC-CARD-LICENSE/pass.yaml"]);
    let input: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(input["resolved"]["card"]["declared"], "LicenseRef-scancode-llama-3.1-license-2024");
    assert_eq!(input["resolved"]["license"]["source"], "card");
    assert_eq!(input["resolved"]["lineage"][0]["id"], "meta-llama/Llama-3.1-8B-Instruct");
}

/// Model cards as teams have them: each card (written to a scratch
/// directory) with the license it binds, its lineage and the LIC-CARD-LICENSE
/// status it should get.
#[test]
fn model_cards_as_published_settle_license_and_lineage() {
    let dir = scratch_dir("cards-as-published");
    let proposal = |id: &str, extra: &str| {
        format!(
            "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: carded\nmodel:\n  id: {id}\n\
             {extra}  card: card.md\n{dist}deployment:\n  kind: self_hosted\n  provider: on_prem\n  regions: [US]\n\
             data:\n  classes: [internal]\norganization:\n  domicile: US\n  monthly_active_users: 5000\n",
            dist = if id.starts_with("Qwen/") {
                "distribution:\n  weights: true\n  includes_license_copy: true\n  includes_notice: true\n"
            } else {
                ""
            }
        )
    };
    let file = dir.join("p.yaml");
    let card = dir.join("card.md");
    let path = file.to_str().unwrap().to_string();
    // (card, model id, proposal extra, license expression, lineage, LIC-CARD-LICENSE status)
    type Case<'a> = (&'a str, &'a str, &'a str, &'a str, &'a [&'a str], &'a str);
    let cases: [Case; 9] = [
        // `license: Other` and a free-text license_name (case, `_`, a block
        // scalar's newline) resolve: they said "declares `Other`, a license
        // modelgate has no record of" and failed LIC-UNKNOWN.
        (
            "---\nlicense: Other\nlicense_name: |\n  Tongyi_Qianwen\nlicense_link: LICENSE\n---\n",
            "acme/qwen-tune",
            "",
            "LicenseRef-scancode-tongyi-qianwen-2023",
            &[],
            "pass",
        ),
        // Blank lines before the front matter: the Hub reads it; modelgate
        // read no front matter and missed the relabelling.
        (
            "\n\n---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n",
            "acme/helper-8b",
            "",
            "(Apache-2.0) AND (LicenseRef-scancode-llama-3.1-license-2024)",
            &["meta-llama/Llama-3.1-8B-Instruct"],
            "fail",
        ),
        // The proposal names one base and the card another: both bind. The
        // card's Llama base was dropped and apache-2.0 passed.
        (
            "---\nlicense: apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n",
            "acme/helper-8b",
            "  base_model: Qwen/Qwen2.5-7B-Instruct\n",
            "(Apache-2.0) AND (LicenseRef-scancode-llama-3.1-license-2024)",
            &["Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"],
            "fail",
        ),
        // A catalog model whose card names itself as its base is no
        // derivative (RED-MARK-CHANGES failed an unmodified Qwen mirror).
        (
            "---\nlicense: apache-2.0\nbase_model: Qwen/Qwen2.5-7B-Instruct\n---\n",
            "Qwen/Qwen2.5-7B-Instruct",
            "",
            "Apache-2.0",
            &[],
            "pass",
        ),
        // A catalog derivative keeps its catalog base when its card names
        // none (the lineage was empty), and its card warns as contradicting
        // the catalog.
        (
            "---\nlicense: mit\n---\n",
            "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
            "",
            "(MIT) AND (LicenseRef-scancode-llama-3.1-license-2024)",
            &["meta-llama/Llama-3.1-8B"],
            "warn",
        ),
        // `license: other` with no license_name is an unnamed license
        // (NOASSERTION): it was "declares no license", an input error.
        ("---\nlicense: other\nlicense_link: LICENSE\n---\n", "acme/mystery-7b", "", "NOASSERTION", &[], "warn"),
        // An SPDX id outside the catalog is kept, so LIC-UNKNOWN names it.
        ("---\nlicense: cc-by-4.0\n---\n", "acme/cc-7b", "", "CC-BY-4.0", &[], "warn"),
        // An SPDX expression of catalog licenses is judged as one.
        ("---\nlicense: apache-2.0 OR mit\n---\n", "acme/dual-7b", "", "Apache-2.0 OR MIT", &[], "pass"),
        (
            "---\nlicense: llama3.1 AND apache-2.0\nbase_model: meta-llama/Llama-3.1-8B-Instruct\n---\n",
            "acme/helper-8b",
            "",
            "LicenseRef-scancode-llama-3.1-license-2024 AND Apache-2.0",
            &["meta-llama/Llama-3.1-8B-Instruct"],
            "pass",
        ),
    ];
    for (text, id, extra, license, lineage, status) in cases {
        std::fs::write(&card, text).unwrap();
        std::fs::write(&file, proposal(id, extra)).unwrap();
        let (code, report) = check_json(&[&path]);
        assert_ne!(code, 2, "{text}: judged");
        assert_eq!(report["proposals"][0]["model"]["license"], license, "{text}");
        assert_eq!(finding(&report, "LIC-CARD-LICENSE")["status"], status, "{text}");
        assert_ne!(finding(&report, "RED-MARK-CHANGES")["status"], "fail", "{text}");
        let run = modelgate(&["parse", "--now", NOW, &path]);
        let input: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        // One input per alternative of an OR: the lineage is the same in each.
        let input = if input.is_array() { &input[0] } else { &input };
        let ids: Vec<&str> =
            input["resolved"]["lineage"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
        assert_eq!(ids, lineage, "{text}");
        if license == "NOASSERTION" || license == "CC-BY-4.0" {
            assert_eq!(finding(&report, "LIC-UNKNOWN")["status"], "fail", "{text}");
            assert!(finding(&report, "LIC-UNKNOWN")["message"].as_str().unwrap().contains(license), "{text}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn options_judges_every_catalog_model_without_an_error_for_each_brief_scenario() {
    for scenario in [
        "fixtures/healthcare-onprem-llama.yaml",
        "fixtures/saas-gpt4o-internal.yaml",
        "fixtures/consumer-platform-llama.yaml",
    ] {
        let (code, report) = options_json(&[scenario]);
        assert_eq!(code, 0, "{scenario}");
        assert_eq!(report["summary"]["error"], 0, "{scenario}: every option is judged");
        let models: std::collections::BTreeSet<&str> =
            report["options"].as_array().unwrap().iter().map(|o| o["model"].as_str().unwrap()).collect();
        let run = modelgate(&["models", "--json"]);
        let catalog: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(models.len(), catalog.as_array().unwrap().len(), "{scenario}: every catalog model is an option");
    }
}

#[test]
fn the_report_is_the_same_on_one_thread_and_on_many() {
    let run = |jobs: &str| {
        modelgate(&[
            "check",
            "--now",
            NOW,
            "--format",
            "json",
            "--jobs",
            jobs,
            "-R",
            "fixtures/rules",
            "fixtures/hybrid",
        ])
        .stdout
    };
    let sequential = run("1");
    assert!(sequential.len() > 100_000, "a real run over every rule fixture");
    assert_eq!(sequential, run("2"));
    assert_eq!(sequential, run("7"));

    // A run of a handful of proposals is judged without threads: the same
    // proposal entries as in the large run.
    let large: serde_json::Value = serde_json::from_str(&sequential).unwrap();
    let in_large = |name: &str| {
        large["proposals"].as_array().unwrap().iter().filter(|p| p["name"] == name).cloned().collect::<Vec<_>>()
    };
    for file in [
        "fixtures/rules/LIC-LLAMA-MAU/fail-above-ceiling.yaml",
        "fixtures/rules/RES-GDPR-TRANSFER/fail-us-without-mechanism.yaml",
        "fixtures/hybrid/phi-router-fail.yaml",
    ] {
        let (_, small) = crate::support::check_json(&[file]);
        let proposals = small["proposals"].as_array().unwrap();
        assert!(!proposals.is_empty(), "{file}");
        for proposal in proposals {
            let name = proposal["name"].as_str().unwrap();
            let same_name = in_large(name);
            assert!(same_name.contains(proposal), "{file}: `{name}` is judged alike alone and in a large run");
        }
    }
}

#[test]
fn a_path_is_named_and_digested_the_same_however_it_is_typed() {
    let root = crate::support::root();
    let absolute = root.join("fixtures/policies/extra-rule");
    // `../<this directory>/fixtures/...`: out of the working directory and
    // back in. It was named with its `..` detour, and so gave another
    // policy digest for the same files.
    let detour = format!("../{}/fixtures", root.file_name().unwrap().to_str().unwrap());
    let spellings = [
        ("fixtures/policies/extra-rule".to_string(), "./fixtures/saas-gpt4o-internal.yaml".to_string()),
        ("./fixtures/policies/extra-rule".to_string(), "fixtures/saas-gpt4o-internal.yaml".to_string()),
        (absolute.to_str().unwrap().to_string(), "fixtures/saas-gpt4o-internal.yaml".to_string()),
        (format!("{detour}/policies/extra-rule"), format!("{detour}/saas-gpt4o-internal.yaml")),
    ];
    let records: Vec<(serde_json::Value, serde_json::Value, serde_json::Value)> = spellings
        .iter()
        .map(|(policy, proposal)| {
            let (_, report) = check_json(&["--policy", policy, proposal]);
            (report["policies"].clone(), report["inputs"].clone(), report["proposals"][0]["file"].clone())
        })
        .collect();
    assert!(records.windows(2).all(|w| w[0] == w[1]), "{records:#?}");
    assert_eq!(records[0].1[0]["file"], "fixtures/saas-gpt4o-internal.yaml");
    assert_eq!(records[0].2, "fixtures/saas-gpt4o-internal.yaml");
}

#[test]
fn two_formats_into_one_output_file_is_a_usage_error() {
    let run = modelgate(&[
        "check",
        "--output",
        "json=target/one-file.out",
        "--output",
        "sarif=./target/one-file.out",
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    assert_refused(&run, "--output names one file twice (`target/one-file.out` and `./target/one-file.out`)");
}

/// A run that stops on an error writes no report: not the one it could not
/// write, and not the others either (CI would upload them as complete), and
/// a report from an earlier run is left as it was.
#[test]
fn a_run_that_stops_on_an_error_writes_no_report() {
    let dir = scratch_dir("none");
    let sarif = dir.join("report.sarif");
    let json = format!("json={}", dir.join("missing-dir/report.json").display());
    for format in ["text", "markdown"] {
        let sarif_arg = format!("sarif={}", sarif.display());
        let args = ["check", "--now", NOW, "--format", format, "--output", &sarif_arg, "--output", &json];
        let run = modelgate(&[&args[..], &["fixtures/saas-gpt4o-internal.yaml"]].concat());
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains("missing-dir/report.json: cannot write"), "{}", run.stderr);
        assert!(!sarif.exists(), "{format}: no SARIF from a run that stopped");
    }
    std::fs::write(&sarif, "earlier").unwrap();
    let sarif_arg = format!("sarif={}", sarif.display());
    let run = modelgate(&["check", "--output", &sarif_arg, "fixtures/invalid/empty-classes.yaml"]);
    assert_eq!(run.code, 2);
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), "earlier");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1, "no temporary file left behind");
    std::fs::remove_dir_all(&dir).unwrap();
    let run = modelgate(&["check", "--output", "json=-", "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&run, "--output json=-: `-` is not a file; --format json writes the report to stdout");
}

/// An `--output` file that the run also reads (a typo, or a shell
/// completion that picked the wrong file) is refused before anything is
/// judged: the proposal, waiver file or policy is left as it was.
#[test]
fn an_output_file_that_the_run_reads_is_refused_and_left_alone() {
    let dir = scratch_dir("output-over-input");
    let proposal = dir.join("proposal.yaml");
    let waivers = dir.join("waivers.yaml");
    let policy = dir.join("policy");
    std::fs::create_dir_all(&policy).unwrap();
    let rule = policy.join("no_gpt.rego");
    std::fs::copy(crate::support::root().join("fixtures/consumer-platform-llama.yaml"), &proposal).unwrap();
    std::fs::copy(crate::support::root().join("fixtures/waivers/valid.yaml"), &waivers).unwrap();
    std::fs::copy(crate::support::root().join("fixtures/policies/extra-rule/no_gpt.rego"), &rule).unwrap();
    let (p, w, d) = (proposal.to_str().unwrap(), waivers.to_str().unwrap(), dir.to_str().unwrap());
    let before: Vec<Vec<u8>> = [&proposal, &waivers, &rule].iter().map(|f| std::fs::read(f).unwrap()).collect();
    for (output, what, target) in [
        (format!("json={p}"), "a proposal file", p),
        (format!("sarif={w}"), "the waiver file", p),
        (format!("html={}", rule.display()), "a policy file", p),
        (format!("markdown={p}"), "a proposal file", d),
    ] {
        let run = modelgate(&[
            "check",
            "--now",
            NOW,
            "--waivers",
            w,
            "--policy",
            policy.to_str().unwrap(),
            "--output",
            &output,
            target,
        ]);
        assert_refused(&run, &format!("--output {output} would replace {what} this run reads"));
    }
    let after: Vec<Vec<u8>> = [&proposal, &waivers, &rule].iter().map(|f| std::fs::read(f).unwrap()).collect();
    assert!(before == after, "every input left as it was");
    // A report not written yet, in a directory the run reads as proposals,
    // would be read by the next run of the report's own `command` (which
    // then failed on it, exit 2): refused too, and not written; below it,
    // only when the directory is read recursively.
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for (report, recursive) in [(dir.join("report.json"), false), (dir.join("sub/report.json"), true)] {
        let output = format!("json={}", report.display());
        let mut argv = vec!["check", "--now", NOW, "--output", &output];
        if recursive {
            argv.push("-R");
        }
        argv.push(d);
        let run = modelgate(&argv);
        assert_refused(
            &run,
            &format!("--output {output} would be read as a proposal file by the next run of this command"),
        );
        assert!(!report.exists());
    }
    let output = format!("json={}", dir.join("report.json").display());
    let run = modelgate(&["check", "--now", NOW, "--output", &output, p]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    std::fs::remove_file(dir.join("report.json")).unwrap();
    // A new file beside them is fine.
    let report = format!("json={}", dir.join("report.out").display());
    let run = modelgate(&["check", "--now", NOW, "--waivers", w, "--output", &report, p]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_meta_is_exit_2_at_its_line() {
    let run = modelgate(&["check", "--policy", "fixtures/policies/bad-meta", "fixtures/saas-gpt4o-internal.yaml"]);
    // The field by name, in the words of every other error (it said serde's
    // "unknown variant `stuff`", naming no field).
    assert_refused(
        &run,
        "fixtures/policies/bad-meta/bad_meta.rego:6:1: invalid `meta.severity`: unknown value `stuff` (expected one \
         of `critical`, `high`, `medium`, `low`, `info`)",
    );
}

#[test]
fn a_directory_read_without_recursive_names_the_subdirectories_it_skipped() {
    let run = modelgate(&["check", "--now", NOW, "fixtures/"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("note: fixtures has subdirectories that were not read (catalog, hybrid, invalid, own-facts, policies, rules, waivers)"),
        "{}",
        run.stderr
    );
    let recursive = modelgate(&["check", "--now", NOW, "-R", "fixtures/rules/LIC-UNKNOWN"]);
    assert!(!recursive.stderr.contains("not read"), "{}", recursive.stderr);
}

/// A BAA signed with one provider covers none of the others: `options` judges
/// an option on another provider without the scenario's contracts.
#[test]
fn options_apply_the_scenarios_contracts_to_its_own_provider_only() {
    let dir = scratch_dir("options");
    let scenario = dir.join("hospital.yaml");
    std::fs::write(
        &scenario,
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: hospital\n\
         model:\n  id: openai/gpt-4o\ndeployment:\n  kind: managed_cloud\n  provider: azure\n  service: azure_openai\n  regions: [eastus2]\n\
         data:\n  classes: [phi]\n  subjects: [US]\ncontracts:\n  baa: true\norganization:\n  domicile: US\n",
    )
    .unwrap();
    let (_, report) = options_json(&[scenario.to_str().unwrap()]);
    // The matrix says so: a reviewer who declared `baa: true` sees why every
    // other provider's option fails RES-HIPAA-BAA.
    let text = modelgate(&["options", "--now", NOW, "--kind", "vendor_api", scenario.to_str().unwrap()]);
    let markdown = modelgate(&["options", "--now", NOW, "--format", "markdown", scenario.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    let note = "The scenario's contracts (contracts.baa) are signed with azure: options on any other provider are judged without them.";
    assert_eq!(text.stdout.lines().nth(1), Some(note), "{}", text.stdout);
    assert!(markdown.stdout.contains(&format!("> {note}")), "{}", markdown.stdout);
    assert_eq!(report["scenario"]["contracts_with"], "azure");
    assert_eq!(report["scenario"]["contracts"], serde_json::json!(["baa"]));
    let passing: Vec<&serde_json::Value> =
        report["options"].as_array().unwrap().iter().filter(|o| o["verdict"] == "pass").collect();
    assert!(passing.iter().any(|o| o["provider"] == "azure"), "Azure, under the signed BAA, is an option");
    for o in &passing {
        assert!(o["provider"] == "azure" || o["provider"] == "on_prem", "no BAA covers {o}");
    }
    // A scenario that claims no contract with its provider gets no note.
    let (_, plain) = options_json(&["fixtures/healthcare-onprem-llama.yaml", "--family", "llama-3.1"]);
    assert_eq!(plain["scenario"]["contracts_with"], serde_json::Value::Null);
}

/// A Gemma 2 fine-tune declared `gemma` is bound by two dated texts of the
/// same terms: each duty and each violation is reported once.
#[test]
fn two_dated_texts_of_one_license_report_each_violation_once() {
    let fixture = crate::support::root().join("fixtures/rules/LIC-DERIVATIVE-LICENSE/pass-gemma-other-dated-text.yaml");
    let text =
        std::fs::read_to_string(fixture).unwrap().replace("marks_modifications: true", "marks_modifications: false");
    let dir = scratch_dir("gemma");
    let file = dir.join("gemma.yaml");
    std::fs::write(&file, text).unwrap();
    let (code, report) = check_json(&[file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1);
    let marks = finding(&report, "RED-MARK-CHANGES");
    assert_eq!(marks["status"], "fail");
    assert_eq!(marks["violations"].as_array().unwrap().len(), 1, "{marks}");
    let copy = finding(&report, "RED-LICENSE-COPY");
    assert_eq!(copy["obligations"].as_array().unwrap().len(), 1, "{copy}");

    // Where only one text was read in full, the other's message carries a
    // verification mark: still one violation, the unmarked one.
    let (_, marked) =
        check_json(&["fixtures/rules/LIC-PROHIBITED-USE/warn-gemma-fine-tune-under-two-dated-texts.yaml"]);
    let prohibited = finding(&marked, "LIC-PROHIBITED-USE");
    let violations = prohibited["violations"].as_array().unwrap();
    assert_eq!(violations.len(), 1, "{prohibited}");
    assert_eq!(violations[0]["license"], "LicenseRef-scancode-gemma-tou-2025-03-24", "{prohibited}");
    assert!(!violations[0]["message"].as_str().unwrap().contains("[partial: "), "{prohibited}");
}

/// When every alternative of an `OR` fails a license rule, the report says
/// so: another choice would not pass either.
#[test]
fn every_alternative_failing_is_said() {
    let dir = scratch_dir("or");
    let file = dir.join("or.yaml");
    std::fs::write(
        &file,
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: research-model\nmodel:\n  id: acme/research-7b\n  \
         license: CC-BY-NC-4.0 OR LicenseRef-modelgate-mistral-research-license-0.1\ndeployment:\n  kind: self_hosted\n  \
         provider: on_prem\n  regions: [US]\n  telemetry: false\ndata:\n  classes: [internal]\n  subjects: [US]\n\
         organization:\n  domicile: US\n",
    )
    .unwrap();
    let (code, report) = check_json(&[file.to_str().unwrap()]);
    let text = modelgate(&["check", "--now", NOW, file.to_str().unwrap()]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(code, 1);
    assert_eq!(report["proposals"][0]["model"]["every_alternative_fails"], true);
    assert!(text.stdout.contains("(every alternative fails a license rule; this one fails least)"), "{}", text.stdout);
    // The other alternative's failures are named too: every way out is visible.
    let model = &report["proposals"][0]["model"];
    let others = model["other_alternatives"].as_array().unwrap();
    assert_eq!(others.len(), 1, "{model}");
    assert_ne!(others[0]["alternative"], model["alternative"]);
    assert!(others[0]["failing_rules"].as_array().unwrap().contains(&"LIC-COMMERCIAL".into()), "{model}");
    let line = format!("the alternative {} fails LIC-COMMERCIAL", others[0]["alternative"].as_str().unwrap());
    assert!(text.stdout.contains(&line), "{}", text.stdout);
    let (_, passing) = check_json(&["fixtures/rules/LIC-COMMERCIAL/pass.yaml"]);
    assert!(passing["proposals"][0]["model"].get("every_alternative_fails").is_none());
    assert!(passing["proposals"][0]["model"].get("other_alternatives").is_none());
}

#[test]
fn an_export_control_failure_points_at_the_region_outside_the_us() {
    let file = "fixtures/rules/RES-EXPORT-CONTROL/fail-premises-in-a-second-country.yaml";
    let (code, report) = check_json(&[file]);
    assert_eq!(code, 1, "{report}");
    let f = finding(&report, "RES-EXPORT-CONTROL");
    assert_eq!(f["status"], "fail", "{f}");
    // regions: [US, DE]: DE, the second item, on line 14; not the list.
    assert_eq!(f["path"], "/deployment/regions/1", "{f}");
    assert_eq!(f["location"]["line"], 14, "{f}");
}

#[test]
fn an_adequacy_decision_outside_its_dates_is_named_with_them() {
    let file = "fixtures/rules/RES-GDPR-TRANSFER/pass-uk-adequacy-in-force.yaml";
    let judge = |now: &str| {
        let run = modelgate(&["check", "--now", now, "--format", "json", file]);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        finding(&report, "RES-GDPR-TRANSFER").clone()
    };
    // The renewed UK decision runs until 27 Dec 2031, that day included.
    assert_eq!(judge("2031-12-27")["status"], "pass");
    let after = judge("2031-12-28");
    assert_eq!(after["status"], "fail", "{after}");
    let msg = after["message"].as_str().unwrap();
    assert!(msg.contains("ran until 2031-12-27, before the date judged (2031-12-28) [partial:"), "{msg}");
    assert!(msg.contains("adequacy is declared, but that decision is not in force on the date judged"), "{msg}");
    assert!(!msg.contains("has no GDPR adequacy decision"), "{msg}");
}

/// With no service named, a finding about the service points at the field
/// whose default chose it (here the consumer tier), not at the `deployment`
/// section, so a CI annotation lands on the line to change.
#[test]
fn a_finding_about_a_defaulted_service_points_at_the_field_that_chose_it() {
    let file = "fixtures/rules/RES-HIPAA-BAA/fail-baa-declared-for-the-consumer-tier.yaml";
    let (code, report) = check_json(&[file]);
    assert_eq!(code, 1);
    let baa = finding(&report, "RES-HIPAA-BAA");
    assert_eq!(baa["status"], "fail");
    assert_eq!(baa["path"], "/deployment/tier");
    assert_eq!(baa["location"], serde_json::json!({"file": file, "line": 13, "column": 3}));
}

#[test]
fn a_model_id_copied_from_a_cloud_console_resolves_to_its_catalog_model() {
    let dir = scratch_dir("platform-ids");
    let write = |name: &str, id: &str, provider: &str, kind: &str| {
        let path = dir.join(name);
        std::fs::write(
            &path,
            format!(
                "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: console-id\nmodel:\n  id: \
                 \"{id}\"\ndeployment:\n  kind: {kind}\n  provider: {provider}\ndata:\n  classes: [internal]\n  \
                 subjects: [US]\norganization:\n  domicile: US\n"
            ),
        )
        .unwrap();
        path.to_str().unwrap().to_string()
    };
    for (id, provider, catalog_id) in [
        ("anthropic.claude-3-5-sonnet-20240620-v1:0", "aws", "anthropic/claude-3-5-sonnet"),
        ("us.anthropic.claude-3-haiku-20240307-v1:0", "aws", "anthropic/claude-3-haiku"),
        ("claude-sonnet-4@20250514", "gcp", "anthropic/claude-sonnet-4"),
        ("llama-3.1-405b-instruct-maas", "gcp", "meta-llama/Llama-3.1-405B-Instruct"),
    ] {
        let file = write("ok.yaml", id, provider, "managed_cloud");
        let run = modelgate(&["parse", "--now", NOW, &file]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
        let input: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(input["resolved"]["model"]["id"], catalog_id, "{id}");
    }
    // Through Bedrock, Mistral Large 2407 comes under Mistral's commercial
    // terms, as the catalog id would on a managed cloud.
    let file = write("mistral.yaml", "mistral.mistral-large-2407-v1:0", "aws", "managed_cloud");
    let input: serde_json::Value =
        serde_json::from_str(&modelgate(&["parse", "--now", NOW, &file]).stdout).expect("parses");
    let catalog = write("catalog.yaml", "mistralai/Mistral-Large-Instruct-2407", "aws", "managed_cloud");
    let same: serde_json::Value = serde_json::from_str(&modelgate(&["parse", "--now", NOW, &catalog]).stdout).unwrap();
    assert_eq!(input["resolved"]["license"], same["resolved"]["license"]);

    // A Bedrock id on a self-hosted deployment names the wrong platform.
    let file = write("kind.yaml", "meta.llama3-1-70b-instruct-v1:0", "aws", "self_hosted");
    let run = modelgate(&["check", "--now", NOW, &file]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "`meta.llama3-1-70b-instruct-v1:0` is an Amazon Bedrock model id (catalog model \
             `meta-llama/Llama-3.1-70B-Instruct`), a managed cloud service, but deployment.kind is `self_hosted`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("{file}:8:9")), "points at deployment.kind: {}", run.stderr);
    // An unlisted Vertex AI resource name is refused, naming the catalog id.
    let file = write("vertex.yaml", "publishers/google/models/gemini-1.5-pro-002", "gcp", "managed_cloud");
    let run = modelgate(&["check", "--now", NOW, &file]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown model `publishers/google/models/gemini-1.5-pro-002`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `google/gemini-1.5-pro`?"), "{}", run.stderr);
    // A Gemini name both the Gemini API and Vertex AI use names no platform.
    let file = write("gemini.yaml", "gemini-1.5-pro-002", "google", "vendor_api");
    assert_ne!(modelgate(&["check", "--now", NOW, &file]).code, 2);
}

/// The contract mistakes a team writing its own rules makes, each refused
/// (exit 2) with one error at its file:line:column, or an error finding that
/// says what is wrong: never a silent pass or a vague message.
#[test]
fn custom_policy_mistakes_are_refused_at_their_place() {
    for (dir, message, place) in [
        (
            "never-applicable",
            "error: `applies` of rule ACME-PHI-ONLY is only ever its default `false`, so the rule never applies",
            "--> fixtures/policies/never-applicable/phi_only.rego:17:9",
        ),
        (
            // Undefined for every proposal: the rule would pass everything.
            "misspelt-input-field",
            "error: `input.deployment.provder` is undefined for every proposal, so the rule judges them all alike (a \
             test of it never holds, a `not` of it always does): \
             `input.deployment` has no field `provder` (did you mean `provider`?); it has features, kind",
            "--> fixtures/policies/misspelt-input-field/no_openai.rego:23:2",
        ),
        (
            // A bundled helper's name misspelt through its import: the same.
            "misspelt-helper-rule",
            "error: `gdpr.input_goverened` is undefined for every proposal, so the rule judges them all alike (a test \
             of it never holds, a `not` of it always does): \
             `data.modelgate.lib.gdpr` has no rule or document `input_goverened` (did you mean `input_governed`?)",
            "--> fixtures/policies/misspelt-helper-rule/eu_health.rego:21:2",
        ),
        (
            // Named at the helper, not as "cannot evaluate `meta`" of the rule's file.
            "helper-that-does-not-compile",
            "error: use of undefined variable `approved_vendors` is unsafe",
            "--> fixtures/policies/helper-that-does-not-compile/helpers.rego:8:12",
        ),
        (
            // Merged into a bundled helper, it changed bundled outcomes silently.
            "helper-in-bundled-package",
            "error: package `modelgate.lib.licenses` would merge into the bundled package `modelgate.lib.licenses`, \
             which the bundled rules read",
            "--> fixtures/policies/helper-in-bundled-package/licenses.rego:4:1",
        ),
        (
            // regorus has rand.intn: the same proposal failed or passed by chance.
            "random-builtin",
            "error: `rand.intn` is not allowed: its value depends on the clock, chance, the host or the network",
            "--> fixtures/policies/random-builtin/spot_check.rego:17:2",
        ),
        (
            // regorus prepares a rule in time quadratic in its variables, before any time limit.
            "many-variables",
            "this rule binds 1001 variables with `:=`; regorus prepares a rule in time that grows with the square",
            "fixtures/policies/many-variables/many_variables.rego:16:1",
        ),
        (
            "test-package-without-suffix",
            "declares `test_deepseek_is_denied` but no `meta`: a test package's name ends in `_test` (`package \
             modelgate.rules.acme.vendor_test`)",
            "--> fixtures/policies/test-package-without-suffix/vendor_tests.rego:7:1",
        ),
    ] {
        let policy = format!("fixtures/policies/{dir}");
        for command in ["check", "test"] {
            let mut args = vec![command, "--policy", &policy];
            if command == "check" {
                args.push("fixtures/saas-gpt4o-internal.yaml");
            }
            let run = modelgate(&args);
            assert_refused(&run, message);
            assert!(run.stderr.contains(place), "{dir} {command}: {}", run.stderr);
            assert_eq!(run.stderr.matches("error:").count(), 1, "one error:\n{}", run.stderr);
        }
    }
    // OPA's data file name was ignored: the rule read undefined data and passed.
    let dir = crate::support::scratch_dir("data-json");
    std::fs::copy(crate::support::root().join("fixtures/policies/extra-rule/no_gpt.rego"), dir.join("no_gpt.rego"))
        .unwrap();
    std::fs::write(dir.join("data.json"), r#"{"banned_vendors": ["openai"]}"#).unwrap();
    let policy = dir.to_string_lossy().to_string();
    for command in ["check", "test"] {
        let mut args = vec![command, "--policy", &policy];
        if command == "check" {
            args.push("fixtures/saas-gpt4o-internal.yaml");
        }
        let run = modelgate(&args);
        assert_refused(&run, "data.json: modelgate reads policy data only from files named `data.yaml`");
    }
    std::fs::remove_dir_all(&dir).unwrap();
    // Two rules with one id: named at the second's `meta`, with the first's file.
    let dir = crate::support::scratch_dir("duplicate-id");
    let rule =
        std::fs::read_to_string(crate::support::root().join("fixtures/policies/extra-rule/no_gpt.rego")).unwrap();
    std::fs::write(dir.join("a.rego"), &rule).unwrap();
    std::fs::write(dir.join("b.rego"), rule.replace("no_openai_confidential", "copy")).unwrap();
    let policy = dir.to_string_lossy().to_string();
    let run = modelgate(&["check", "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&run, "rule id `ACME-NO-OPENAI-CONFIDENTIAL` is declared by both");
    assert!(
        run.stderr.contains(".rego:7:1") && run.stderr.contains("b.rego") && run.stderr.contains("a.rego"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A test file that does not compile fails every test alike (regorus
/// analyses all modules at once): one error at its place, not an ERROR per
/// test, bundled ones included, with the reason cut off.
#[test]
fn a_rego_test_that_does_not_compile_is_one_error_at_its_place() {
    let run = modelgate(&["test", "--policy", "fixtures/policies/test-that-does-not-compile"]);
    assert_refused(&run, "error: use of undefined variable `deepseek` is unsafe");
    assert!(
        run.stderr.contains("--> fixtures/policies/test-that-does-not-compile/vendor_test.rego:10:74"),
        "{}",
        run.stderr
    );
}

/// A deny whose `path` names nothing in the input (a misspelt section) was
/// a failure located at the top of the proposal; it is an error finding
/// saying where the pointer leaves the input, with a hint, and exit 2.
#[test]
fn a_custom_rule_path_that_points_nowhere_is_an_error_finding() {
    let (code, report) =
        check_json(&["--policy", "fixtures/policies/path-pointing-nowhere", "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(code, 2);
    let finding = crate::support::finding(&report, "ACME-MAU");
    assert_eq!(finding["status"], "error");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains(
            "`deny` entry path `/organisation/monthly_active_users` points at nothing in the input: the input has \
             no field `organisation` (did you mean `organization`?)"
        ),
        "{message}"
    );
    // A path written as a dotted reference says which pointer was meant.
    let dir = crate::support::scratch_dir("dotted-path");
    let rule = std::fs::read_to_string(crate::support::root().join("fixtures/policies/path-pointing-nowhere/mau.rego"))
        .unwrap()
        .replace("/organisation/monthly_active_users", "organization.monthly_active_users");
    std::fs::write(dir.join("mau.rego"), rule).unwrap();
    let policy = dir.to_string_lossy().to_string();
    let (code, report) = check_json(&["--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(code, 2);
    let text = report.to_string();
    assert!(
        text.contains(
            "`deny` entry path `organization.monthly_active_users` must be a JSON pointer starting with `/` \
             (`/organization/monthly_active_users`)"
        ),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A team's own catalog (`--catalog DIR`, DESIGN §1): its models and license
/// records are judged like the bundled ones, the report lists its files with
/// their digests, and the rerun command names it.
#[test]
fn a_catalog_directory_adds_a_teams_models_and_licenses() {
    let proposal = "fixtures/catalog/internal-model.yaml";
    let without = modelgate(&["check", "--now", NOW, proposal]);
    assert_refused(&without, "unknown model `acme/support-llm-8b`");
    let (code, report) = check_json(&["--catalog", "fixtures/catalog/acme", proposal]);
    assert_eq!(code, 0, "{report}");
    let summary = &report["proposals"][0]["model"];
    assert_eq!(summary["id"], "acme/support-llm-8b", "{summary}");
    // The Llama base binds the fine-tune as well as the team's license.
    assert_eq!(finding(&report, "LIC-LLAMA-MAU")["status"], "pass");
    assert_eq!(finding(&report, "LIC-COMMERCIAL")["status"], "pass");
    let files: Vec<&str> =
        report["catalog"]["files"].as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert!(files.contains(&"fixtures/catalog/acme/LicenseRef-acme-internal-model-1.0.yaml"), "{files:?}");
    assert!(files.contains(&"fixtures/catalog/acme/models.yaml"), "{files:?}");
    let command: Vec<&str> = report["command"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert!(command.windows(2).any(|w| w == ["--catalog", "fixtures/catalog/acme"]), "{command:?}");
    let models = modelgate(&["models", "--catalog", "fixtures/catalog/acme", "--family", "acme-support"]);
    assert!(models.stdout.contains("acme/support-llm-8b"), "{}", models.stdout);
    let license = modelgate(&["licenses", "--catalog", "fixtures/catalog/acme", "show", "acme internal"]);
    assert!(license.stdout.contains("Acme Internal Model License"), "{}", license.stdout);
}

/// A `--catalog` record with a bundled id replaces it, and every run says so:
/// a team whose counsel reads MIT as barring commercial use gets that verdict.
#[test]
fn a_catalog_record_with_a_bundled_id_replaces_it_and_says_so() {
    let dir = scratch_dir("catalog-replacement");
    let mit = std::fs::read_to_string(crate::support::root().join("licenses/MIT.yaml")).unwrap();
    let strict = mit.replacen("commercial_use:\n    allowed: true", "commercial_use:\n    allowed: false", 1);
    assert_ne!(strict, mit);
    std::fs::write(dir.join("MIT.yaml"), strict).unwrap();
    let catalog = dir.to_string_lossy().to_string();
    let args =
        ["check", "--now", NOW, "--catalog", &catalog, "fixtures/rules/LIC-LLAMA-MAU/fail-fine-tune-of-llama.yaml"];
    let run = modelgate(&args);
    assert!(run.stderr.contains("note: catalog record MIT in "), "{}", run.stderr);
    assert!(run.stderr.contains("replaces the one in licenses/MIT.yaml"), "{}", run.stderr);
    assert!(run.stdout.contains("fail  LIC-COMMERCIAL"), "{}", run.stdout);
    // The audit record says it too, where a reviewer reads.
    let (_, report) = check_json(&args[3..]);
    let replaced = report["catalog"]["replaced"].as_array().unwrap();
    assert_eq!(replaced.len(), 1, "{replaced:?}");
    assert!(replaced[0].as_str().unwrap().ends_with("/MIT.yaml replaces the one in licenses/MIT.yaml"), "{replaced:?}");
    let markdown = modelgate(&[&args[..3], &["--format", "markdown"], &args[3..]].concat());
    assert!(markdown.stdout.contains("> **Replaced catalog record:** catalog record MIT in "), "{}", markdown.stdout);
}

/// A broken `--catalog` file is one error at its file:line:column, exit 2.
#[test]
fn a_broken_catalog_directory_is_refused_at_the_place() {
    let dir = scratch_dir("catalog-broken");
    let catalog = dir.to_string_lossy().to_string();
    let check =
        |catalog: &str| modelgate(&["check", "--now", NOW, "--catalog", catalog, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_refused(&check(&catalog), "no license records (<id>.yaml) and no models.yaml in this catalog directory");
    let record =
        "id: Acme-1.0\nname: Acme\nversion: \"1\"\nfamily: acme\nkind: model_license\nurl: https://acme.example\n\
                  verification: verified\nsummary: s\nterms:\n  commercial_use: {allowed: true, section: \"1\"}\n  \
                  production_use: {allowed: true, section: \"1\"}\n";
    std::fs::write(dir.join("Acme-1.0.yaml"), record).unwrap();
    let run = check(&catalog);
    assert_refused(&run, "`Acme-1.0` is neither an SPDX id nor `LicenseRef-...`");
    assert!(run.stderr.contains("Acme-1.0.yaml:1:1"), "{}", run.stderr);
    std::fs::remove_file(dir.join("Acme-1.0.yaml")).unwrap();
    let models = "models:\n  - id: acme/x\n    aliases: [llama3.1-8b]\n    name: X\n    family: x\n    vendor: acme\n    \
                  license: MIT\n    input_modalities: [text]\n    output_modalities: [text]\n    weights_available: true\n    \
                  deployment_kinds: [self_hosted]\n    source: https://acme.example\n    verification: verified\n";
    std::fs::write(dir.join("models.yaml"), models).unwrap();
    let run = check(&catalog);
    assert_refused(&run, "name `llama3.1-8b` is already used by model `meta-llama/Llama-3.1-8B-Instruct`");
    assert!(run.stderr.contains("models.yaml:3:15"), "{}", run.stderr);
    // A model that names itself twice (it panicked on an index not yet filled).
    std::fs::write(dir.join("models.yaml"), models.replace("[llama3.1-8b]", "[ACME/X]")).unwrap();
    assert_refused(&check(&catalog), "name `ACME/X` is given twice for this model");
    std::fs::write(
        dir.join("models.yaml"),
        models.replace("[llama3.1-8b]", "[]").replace("license: MIT", "license: LicenseRef-acme-none"),
    )
    .unwrap();
    assert_refused(&check(&catalog), "has no record in the catalog (licenses/, or a --catalog directory)");
}

/// A record the catalog directory would not read (`.yml`, a subdirectory) is
/// refused, not left out without a word; so are a file given as the
/// directory and the same directory twice.
#[test]
fn a_catalog_file_the_directory_does_not_read_is_refused() {
    let dir = scratch_dir("catalog-unread");
    let acme = crate::support::root().join("fixtures/catalog/acme");
    for name in ["LicenseRef-acme-internal-model-1.0.yaml", "models.yaml"] {
        std::fs::copy(acme.join(name), dir.join(name)).unwrap();
    }
    std::fs::write(dir.join("README.md"), "Acme's catalog.\n").unwrap();
    let catalog = dir.to_string_lossy().to_string();
    let proposal = "fixtures/catalog/internal-model.yaml";
    let check = |catalogs: &[&str]| {
        let mut args = vec!["check", "--now", NOW];
        for c in catalogs {
            args.extend(["--catalog", c]);
        }
        args.push(proposal);
        modelgate(&args)
    };
    assert_eq!(check(&[&catalog]).code, 0, "a README is no catalog file");
    std::fs::write(dir.join("MIT.yml"), "id: MIT\n").unwrap();
    assert_refused(&check(&[&catalog]), "MIT.yml: not read, catalog files end in `.yaml`");
    std::fs::remove_file(dir.join("MIT.yml")).unwrap();
    std::fs::create_dir(dir.join("more")).unwrap();
    std::fs::copy(acme.join("models.yaml"), dir.join("more/models.yaml")).unwrap();
    assert_refused(&check(&[&catalog]), "more: a catalog directory's subdirectories are not read");
    std::fs::remove_dir_all(dir.join("more")).unwrap();
    assert_refused(&check(&["fixtures/catalog/acme/models.yaml"]), "a file, not a directory");
    assert_refused(&check(&["fixtures/catalog/acme", "fixtures/catalog/acme/"]), "given twice");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A catalog model that is its own base, directly or through another, is
/// refused at its `base_model`: it was judged as a derivative of itself.
/// One whose `released` is not a date is refused at it.
#[test]
fn a_catalog_model_that_is_its_own_base_or_undated_is_refused() {
    let dir = scratch_dir("catalog-cycle");
    let acme = crate::support::root().join("fixtures/catalog/acme");
    std::fs::copy(
        acme.join("LicenseRef-acme-internal-model-1.0.yaml"),
        dir.join("LicenseRef-acme-internal-model-1.0.yaml"),
    )
    .unwrap();
    let models = std::fs::read_to_string(acme.join("models.yaml")).unwrap();
    let own = models.replace("base_model: meta-llama/Llama-3.1-8B-Instruct", "base_model: acme-support-8b");
    assert_ne!(own, models);
    std::fs::write(dir.join("models.yaml"), own).unwrap();
    let catalog = dir.to_string_lossy().to_string();
    let run = modelgate(&["check", "--now", NOW, "--catalog", &catalog, "fixtures/catalog/internal-model.yaml"]);
    assert_refused(&run, "model `acme/support-llm-8b` is its own base");
    assert!(run.stderr.contains("models.yaml:11:5"), "{}", run.stderr);
    // A release date must be a date, as `--now` and a waiver's `expires`.
    let undated = models.replace("released: \"2026-09-01\"", "released: \"Feb 2025\"");
    assert_ne!(undated, models);
    std::fs::write(dir.join("models.yaml"), undated).unwrap();
    let run = modelgate(&["check", "--now", NOW, "--catalog", &catalog, "fixtures/catalog/internal-model.yaml"]);
    assert_refused(&run, "`released` must be a date written YYYY-MM-DD, found `Feb 2025`");
    assert!(run.stderr.contains("models.yaml:"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A scratch `--catalog` directory holding the bundled MIT record again
/// (so it replaces the bundled one), and its path as an argument.
fn catalog_with_mit_again(tag: &str) -> (std::path::PathBuf, String) {
    let dir = scratch_dir(tag);
    std::fs::copy(crate::support::root().join("licenses/MIT.yaml"), dir.join("MIT.yaml")).unwrap();
    let catalog = dir.to_string_lossy().to_string();
    (dir, catalog)
}

/// `models` and `licenses` say what a `--catalog` replaced, as every other
/// command does.
#[test]
fn models_and_licenses_say_what_a_catalog_replaced() {
    let (dir, catalog) = catalog_with_mit_again("catalog-browse-replacement");
    for args in [vec!["models", "--catalog", &catalog], vec!["licenses", "--catalog", &catalog, "show", "MIT"]] {
        let run = modelgate(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("note: catalog record MIT in "), "{args:?}: {}", run.stderr);
    }
    // A replaced model's note names the file it came from, as a record's does.
    let gpt = "models:\n  - id: openai/gpt-4o\n    name: GPT-4o\n    family: gpt-4o\n    vendor: openai\n    \
               license: MIT\n    input_modalities: [text]\n    output_modalities: [text]\n    \
               weights_available: false\n    deployment_kinds: [vendor_api]\n    source: https://acme.example\n    \
               verification: partial\n";
    std::fs::write(dir.join("models.yaml"), gpt).unwrap();
    let run = modelgate(&["models", "--catalog", &catalog, "--family", "gpt-4o"]);
    assert!(run.stderr.contains("/models.yaml replaces the one in licenses/models.yaml"), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// An option matrix records what it was built from, as a check report
/// does: the policy and catalog files with their digests, and what a
/// `--catalog` record replaced (found by the catalog audit: the matrix left
/// no trace of a team's replaced record).
#[test]
fn an_option_matrix_records_its_policies_and_catalog() {
    let (dir, catalog) = catalog_with_mit_again("options-catalog");
    let scenario = "fixtures/healthcare-onprem-llama.yaml";
    let run = modelgate(&["options", "--now", NOW, "--format", "json", "--catalog", &catalog, scenario]);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    assert_eq!(report["policies"]["rules"], modelgate::check::Context::new(&[]).unwrap().engine.rules().len());
    assert_eq!(report["catalog"]["replaced"].as_array().unwrap().len(), 1, "{}", report["catalog"]);
    let files = report["catalog"]["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["file"].as_str().unwrap().ends_with("/MIT.yaml")), "{files:?}");
    let markdown = modelgate(&["options", "--now", NOW, "--format", "markdown", "--catalog", &catalog, scenario]);
    assert!(markdown.stdout.contains("> **Replaced:** catalog record MIT in "), "{}", markdown.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}
