//! Waivers, as a user relies on them: a waived failure is `waived` in every
//! format with its waiver and no longer fails the run; an expired waiver, a
//! waiver pinned to license terms that changed, or a malformed waiver file
//! fails loudly; a waiver that matches nothing is reported as stale; `--now`
//! makes expiry reproducible. Fixtures: `fixtures/waivers/`.

use std::path::PathBuf;

use modelgate::report::Format;

use crate::support::{check_json, files_in, modelgate, relative, NOW};

const LLAMA: &str = "fixtures/consumer-platform-llama.yaml";
const ROUTER: &str = "fixtures/waivers/proposals/hybrid-llama-router.yaml";

/// `check --now NOW --waivers WAIVERS [--format FORMAT] PATHS...`
fn check(waivers: &str, format: &str, paths: &[&str]) -> crate::support::Run {
    let mut args = vec!["check", "--now", NOW, "--waivers", waivers, "--format", format];
    args.extend_from_slice(paths);
    modelgate(&args)
}

fn finding<'a>(
    report: &'a serde_json::Value,
    proposal: &str,
    route: Option<&str>,
    rule: &str,
) -> &'a serde_json::Value {
    report["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == proposal && p["route"].as_str() == route)
        .unwrap_or_else(|| panic!("no proposal {proposal} {route:?}"))["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no finding {rule}"))
}

/// A waiver file written for one test, under the target directory.
fn waiver_file(name: &str, body: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("waivers");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, format!("apiVersion: modelgate.dev/v1\nkind: Waivers\nwaivers:\n{body}")).unwrap();
    path
}

fn entry(rule: &str, proposal: &str, extra: &str) -> String {
    format!(
        "  - rule: {rule}\n    proposal: {proposal}\n    approved_by: jane.doe@example.com\n    reason: license_acquired\n    \
         comment: Test waiver.\n    expires: 2027-03-01\n{extra}"
    )
}

#[test]
fn a_waived_failure_is_waived_in_every_format_and_the_run_passes() {
    let waivers = "fixtures/waivers/valid.yaml";
    let (code, report) = check_json(&["--waivers", waivers, LLAMA]);
    assert_eq!(code, 0, "nothing else fails");
    assert_eq!(report["proposals"][0]["verdict"], "pass");
    let f = finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "waived");
    let w = &f["waiver"];
    assert_eq!(w["state"], "applied");
    assert_eq!(w["approved_by"], "jane.doe@example.com");
    assert_eq!(w["reason"], "license_acquired");
    assert_eq!(w["ticket"], "LEGAL-1234");
    assert_eq!(w["expires"], "2027-03-01");
    assert_eq!(w["location"]["file"], waivers);
    assert_eq!(report["summary"]["findings"]["waived"], 1);
    assert_eq!(report["waivers"]["file"], waivers);
    let bytes = std::fs::read(crate::support::root().join(waivers)).unwrap();
    assert_eq!(report["waivers"]["sha256"], modelgate::digest::sha256_hex(&bytes));

    // What each format shows of it.
    let expect: [(&str, &[&str]); 6] = [
        ("text", &["waived LIC-LLAMA-MAU", "waived (fixtures/waivers/valid.yaml:7:5): license_acquired by jane.doe@example.com, LEGAL-1234, until 2027-03-01"]),
        ("sarif", &["\"suppressions\"", "\"kind\": \"external\"", "license_acquired by jane.doe@example.com, LEGAL-1234, until 2027-03-01"]),
        ("junit", &["<skipped message=\"waived: license_acquired by jane.doe@example.com, LEGAL-1234, until 2027-03-01"]),
        ("github", &["::notice file=fixtures/consumer-platform-llama.yaml,line=23,col=3,title=LIC-LLAMA-MAU (waived)%3A"]),
        ("markdown", &["### Waivers", "| 🟦 applied | consumer-assistant | `LIC-LLAMA-MAU` | jane.doe@example.com | `license_acquired` | LEGAL-1234 | 2027-03-01 |"]),
        ("html", &[">WAIVED<", ">APPLIED<", "Waived: license_acquired by jane.doe@example.com, LEGAL-1234, until 2027-03-01"]),
    ];
    for (format, needles) in expect {
        let run = check(waivers, format, &[LLAMA]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        for needle in needles {
            assert!(run.stdout.contains(needle), "{format} lacks {needle:?}:\n{}", run.stdout);
        }
    }
}

#[test]
fn an_expired_waiver_fails_loudly() {
    let (code, report) = check_json(&["--waivers", "fixtures/waivers/expired.yaml", LLAMA]);
    assert_eq!(code, 1);
    let f = finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["waiver"]["state"], "expired");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("waiver not applied: the waiver at fixtures/waivers/expired.yaml:6:5 expired on 2026-01-31"),
        "{message}"
    );
    let text = check("fixtures/waivers/expired.yaml", "text", &[LLAMA]);
    assert_eq!(text.code, 1);
    assert!(text.stdout.contains("waiver EXPIRED (fixtures/waivers/expired.yaml:6:5)"), "{}", text.stdout);
    assert!(text.stdout.contains("not applied: the waiver at fixtures/waivers/expired.yaml:6:5 expired on 2026-01-31"));
    let github = check("fixtures/waivers/expired.yaml", "github", &[LLAMA]);
    assert!(github.stdout.contains("%0AWaiver not applied: the waiver at fixtures/waivers/expired.yaml:6:5 expired"));
    // SARIF points into the waiver file too: a related location at the
    // expired waiver, where it is renewed.
    let sarif: serde_json::Value =
        serde_json::from_str(&check("fixtures/waivers/expired.yaml", "sarif", &[LLAMA]).stdout).unwrap();
    let result =
        sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "LIC-LLAMA-MAU").unwrap();
    let related = &result["relatedLocations"][0];
    assert_eq!(related["physicalLocation"]["artifactLocation"]["uri"], "fixtures/waivers/expired.yaml");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 6);
    assert!(related["message"]["text"].as_str().unwrap().starts_with("waiver not applied (expired): "));
    let markdown = check("fixtures/waivers/expired.yaml", "markdown", &[LLAMA]);
    assert!(
        markdown.stdout.contains("| ❌ **expired** | consumer-assistant | `LIC-LLAMA-MAU` |"),
        "{}",
        markdown.stdout
    );
    let html = check("fixtures/waivers/expired.yaml", "html", &[LLAMA]);
    assert!(html.stdout.contains(">EXPIRED<") && html.stdout.contains("Waiver EXPIRED: "));
}

#[test]
fn now_makes_expiry_reproducible() {
    // `expires` is the last day the waiver applies.
    for (now, status, code) in [("2027-03-01", "waived", 0), ("2027-03-02", "fail", 1), ("2020-01-01", "waived", 0)] {
        let run =
            modelgate(&["check", "--now", now, "--format", "json", "--waivers", "fixtures/waivers/valid.yaml", LLAMA]);
        assert_eq!(run.code, code, "--now {now}: {}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(report["now"], now);
        assert_eq!(finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU")["status"], status, "--now {now}");
    }
}

#[test]
fn each_malformed_waiver_file_is_exit_2_at_its_line_and_column() {
    let mut seen = String::new();
    for path in files_in("fixtures/waivers/invalid") {
        let file = relative(&path);
        let run = check(&file, "text", &[LLAMA]);
        assert_eq!(run.code, 2, "{file}: a malformed waiver file is an error, never a pass\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "{file}: no report on an error");
        let first = run.stderr.lines().next().unwrap_or_default();
        let at = run.stderr.lines().find(|l| l.trim_start().starts_with("--> ")).unwrap_or_default();
        let position = at.rsplit(&format!("{file}:")).next().unwrap_or_default();
        let mut parts = position.split(':');
        let line_col =
            (parts.next().and_then(|l| l.parse::<u32>().ok()), parts.next().and_then(|c| c.trim().parse::<u32>().ok()));
        assert!(matches!(line_col, (Some(_), Some(_))), "{file}: the error names file:line:column\n{}", run.stderr);
        seen.push_str(&format!("{file}:{}:{}  {first}\n", line_col.0.unwrap(), line_col.1.unwrap()));
    }
    insta::assert_snapshot!(seen);
}

#[test]
fn a_waiver_that_matches_nothing_is_reported_as_stale() {
    let waivers = "fixtures/waivers/stale.yaml";
    let (code, report) = check_json(&["--waivers", waivers, "fixtures/"]);
    assert_eq!(code, 1, "stale waivers do not change the verdicts (consumer-assistant still fails)");
    let stale = report["waivers"]["stale"].as_array().unwrap();
    let whys: Vec<(&str, &str)> =
        stale.iter().map(|s| (s["rule"].as_str().unwrap(), s["why"].as_str().unwrap())).collect();
    assert_eq!(
        whys,
        [
            (
                "RES-HIPAA-BAA",
                "RES-HIPAA-BAA did not fail (pass for `clinical-notes-summarizer`); a waiver covers failures unless it says `status: warn`"
            ),
            (
                "LIC-LLAMA-MAU",
                "proposal `consumer-assistent` was not checked in this run (did you mean `consumer-assistant`?)"
            ),
            ("LIC-LLAMA-MUA", "no rule `LIC-LLAMA-MUA` was evaluated (did you mean `LIC-LLAMA-MAU`?)"),
            ("LIC-LLAMA-MAU", "proposal `consumer-assistant` has no routes, so no route `chat`"),
        ]
    );
    // Each points at what matched nothing: the whole entry for a rule that
    // did not fail, else the proposal, rule or route name to correct.
    let at: Vec<String> = stale
        .iter()
        .map(|s| {
            format!("{}:{}:{}", s["location"]["file"].as_str().unwrap(), s["location"]["line"], s["location"]["column"])
        })
        .collect();
    assert_eq!(
        at,
        [
            "fixtures/waivers/stale.yaml:7:5",
            "fixtures/waivers/stale.yaml:15:15",
            "fixtures/waivers/stale.yaml:21:11",
            "fixtures/waivers/stale.yaml:30:12"
        ]
    );
    assert_eq!(stale[0]["approved_by"], "jane.doe@example.com");
    let text = check(waivers, "text", &["fixtures/"]);
    assert!(text.stdout.contains(
        "warning: stale waiver at fixtures/waivers/stale.yaml:7:5: RES-HIPAA-BAA for clinical-notes-summarizer matches no failure"
    ));
    assert_eq!(text.stdout.matches("warning: stale waiver at").count(), 4);
    let markdown = check(waivers, "markdown", &["fixtures/"]);
    assert!(markdown.stdout.contains("### ⚠️ Stale waivers"));
    assert!(markdown.stdout.contains("| `fixtures/waivers/stale.yaml:21:11` | `LIC-LLAMA-MUA` |"));
    let html = check(waivers, "html", &["fixtures/"]);
    assert_eq!(html.stdout.matches(">STALE<").count(), 4);
    let github = check(waivers, "github", &["fixtures/"]);
    assert_eq!(github.stdout.matches("::warning file=fixtures/waivers/stale.yaml,").count(), 4);
    assert!(github.stdout.contains("::warning file=fixtures/waivers/stale.yaml,line=15,col=15,title="));
    let sarif: serde_json::Value = serde_json::from_str(&check(waivers, "sarif", &["fixtures/"]).stdout).unwrap();
    assert_eq!(sarif["runs"][0]["properties"]["modelgate"]["waivers"]["stale"].as_array().unwrap().len(), 4);
}

#[test]
fn a_license_pin_stops_applying_when_the_record_changes_and_says_why() {
    // Pinned to a digest the record does not have: void, and the run fails.
    let (code, report) = check_json(&["--waivers", "fixtures/waivers/license-pin-mismatch.yaml", LLAMA]);
    assert_eq!(code, 1);
    let f = finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["waiver"]["state"], "terms_changed");
    let record = &report["licenses"][0];
    assert_eq!(record["id"], "LicenseRef-scancode-llama-3.1-license-2024");
    let current = record["sha256"].as_str().unwrap();
    let note = f["waiver"]["note"].as_str().unwrap();
    assert!(
        note.contains("was granted against license record sha256 000000000000…, but licenses/LicenseRef-scancode-llama-3.1-license-2024.yaml now has sha256")
            && note.contains(&current[..12])
            && note.contains("either its terms changed since"),
        "{note}"
    );
    assert!(f["message"].as_str().unwrap().contains(note));
    let text = check("fixtures/waivers/license-pin-mismatch.yaml", "text", &[LLAMA]);
    assert!(text.stdout.contains("waiver VOID (license terms changed)"), "{}", text.stdout);

    // Pinned to the record's current digest (as the JSON report lists it): applies.
    let pinned = waiver_file(
        "pinned.yaml",
        &entry("LIC-LLAMA-MAU", "consumer-assistant", &format!("    license_sha256: {}\n", current.to_uppercase())),
    );
    let (code, report) = check_json(&["--waivers", pinned.to_str().unwrap(), LLAMA]);
    assert_eq!(code, 0);
    let f = finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "waived");
    assert_eq!(f["waiver"]["license_sha256"], current, "stored lower-case");
}

#[test]
fn a_route_scoped_waiver_covers_that_route_only() {
    let (code, report) = check_json(&["--waivers", "fixtures/waivers/routes.yaml", ROUTER]);
    assert_eq!(code, 1, "the batch route still fails");
    assert_eq!(finding(&report, "hybrid-llama-router", Some("assistant"), "LIC-LLAMA-MAU")["status"], "waived");
    assert_eq!(finding(&report, "hybrid-llama-router", Some("batch"), "LIC-LLAMA-MAU")["status"], "fail");
    assert!(report["waivers"]["stale"].as_array().unwrap().is_empty());
    let verdicts: Vec<(&str, &str)> = report["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["route"].as_str().unwrap(), p["verdict"].as_str().unwrap()))
        .collect();
    assert!(verdicts.contains(&("assistant", "pass")) && verdicts.contains(&("batch", "fail")), "{verdicts:?}");

    // A waiver without a route covers every route.
    let all = waiver_file("all-routes.yaml", &entry("LIC-LLAMA-MAU", "hybrid-llama-router", ""));
    let (code, report) = check_json(&["--waivers", all.to_str().unwrap(), ROUTER]);
    assert_eq!(code, 0);
    for route in ["assistant", "batch"] {
        assert_eq!(finding(&report, "hybrid-llama-router", Some(route), "LIC-LLAMA-MAU")["status"], "waived");
    }
    // An unknown route is stale, with the routes there are.
    let typo = waiver_file("route-typo.yaml", &entry("LIC-LLAMA-MAU", "hybrid-llama-router", "    route: asistant\n"));
    let (_, report) = check_json(&["--waivers", typo.to_str().unwrap(), ROUTER]);
    assert_eq!(
        report["waivers"]["stale"][0]["why"],
        "proposal `hybrid-llama-router` has no route `asistant` (did you mean `assistant`?)"
    );
}

#[test]
fn when_several_waivers_match_the_one_that_applies_wins() {
    // An expired proposal-wide waiver and a valid route-scoped one: the
    // route-scoped one applies; the other is not stale (it matched).
    let body = format!(
        "{}{}",
        entry("LIC-LLAMA-MAU", "hybrid-llama-router", "").replace("2027-03-01", "2026-01-01"),
        entry("LIC-LLAMA-MAU", "hybrid-llama-router", "    route: batch\n")
    );
    let both = waiver_file("both.yaml", &body);
    let (code, report) = check_json(&["--waivers", both.to_str().unwrap(), ROUTER]);
    assert_eq!(code, 1, "the assistant route's only waiver expired");
    let batch = finding(&report, "hybrid-llama-router", Some("batch"), "LIC-LLAMA-MAU");
    assert_eq!(batch["status"], "waived");
    assert_eq!(batch["waiver"]["location"]["line"], 10);
    let assistant = finding(&report, "hybrid-llama-router", Some("assistant"), "LIC-LLAMA-MAU");
    assert_eq!(assistant["status"], "fail");
    assert_eq!(assistant["waiver"]["state"], "expired");
    assert!(report["waivers"]["stale"].as_array().unwrap().is_empty());
}

#[test]
fn a_waiver_for_failures_never_covers_a_warning_and_errors_are_never_waived() {
    // LIC-LLAMA-MAU warns when users are not declared: a waiver for it is stale.
    let warn = waiver_file("warn.yaml", &entry("LIC-LLAMA-MAU", "llama-mau-warn", ""));
    let (code, report) =
        check_json(&["--waivers", warn.to_str().unwrap(), "fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml"]);
    assert_eq!(code, 0);
    assert_eq!(finding(&report, "llama-mau-warn", None, "LIC-LLAMA-MAU")["status"], "warn");
    assert_eq!(
        report["waivers"]["stale"][0]["why"],
        "LIC-LLAMA-MAU did not fail (warn for `llama-mau-warn`); a waiver covers failures unless it says `status: warn`"
    );
    // A rule that cannot be evaluated stays an error (exit 2) with a waiver.
    let error = waiver_file("error.yaml", &entry("ACME-BROKEN", "consumer-assistant", ""));
    let run = modelgate(&[
        "check",
        "--now",
        NOW,
        "--format",
        "json",
        "--policy",
        "fixtures/policies/erroring-rule",
        "--waivers",
        error.to_str().unwrap(),
        LLAMA,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let errors: Vec<&serde_json::Value> =
        report["proposals"][0]["findings"].as_array().unwrap().iter().filter(|f| f["status"] == "error").collect();
    assert!(!errors.is_empty());
    assert!(errors.iter().all(|f| f["waiver"].is_null()));
}

#[test]
fn waivers_give_the_same_bytes_twice_in_every_format() {
    for format in Format::NAMES {
        let first = check("fixtures/waivers/routes.yaml", format, &["fixtures/", "fixtures/waivers/proposals/"]);
        let second = check("fixtures/waivers/routes.yaml", format, &["fixtures/", "fixtures/waivers/proposals/"]);
        assert!(first.stdout == second.stdout, "{format}");
    }
}

#[test]
fn a_license_pin_never_hides_another_licenses_failure_of_the_same_rule() {
    // Command R+ used commercially fails LIC-COMMERCIAL under CC BY-NC 4.0
    // and under Cohere's addendum. A waiver pinned to the CC BY-NC record
    // (an agreement that settles that license) says nothing of the addendum:
    // the failure stands, and every format says why.
    let proposal = "fixtures/rules/LIC-COMMERCIAL/fail-cohere-command-r-plus.yaml";
    let (_, report) = check_json(&[proposal]);
    let digest = report["licenses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "CC-BY-NC-4.0")
        .and_then(|l| l["sha256"].as_str())
        .expect("the CC BY-NC 4.0 record is listed")
        .to_string();
    let pinned = waiver_file(
        "pin-one-of-two.yaml",
        &entry("LIC-COMMERCIAL", "commercial-cohere", &format!("    license_sha256: {digest}\n")),
    );
    let pinned = pinned.to_str().unwrap();
    let (code, report) = check_json(&["--waivers", pinned, proposal]);
    assert_eq!(code, 1, "the addendum's failure still fails the run");
    let f = finding(&report, "commercial-cohere", None, "LIC-COMMERCIAL");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["waiver"]["state"], "other_license");
    let note = f["waiver"]["note"].as_str().unwrap();
    assert!(
        note.contains("is pinned to the license record licenses/CC-BY-NC-4.0.yaml, but the rule also fails under `LicenseRef-modelgate-cohere-c4ai-aup`"),
        "{note}"
    );
    for (format, needle) in [
        ("text", "waiver VOID (another license fails too)"),
        ("markdown", "❌ **void: another license fails too**"),
        ("html", "Waiver VOID (another license fails too): "),
        ("github", "::error file=fixtures/rules/LIC-COMMERCIAL/fail-cohere-command-r-plus.yaml,line=21,col=3,title=LIC-COMMERCIAL"),
    ] {
        let run = check(pinned, format, &[proposal]);
        assert_eq!(run.code, 1, "{format}");
        assert!(run.stdout.contains(needle), "{format} lacks {needle:?}:\n{}", run.stdout);
    }
    let sarif: serde_json::Value = serde_json::from_str(&check(pinned, "sarif", &[proposal]).stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let result = results.iter().find(|r| r["ruleId"] == "LIC-COMMERCIAL").unwrap();
    assert!(result.get("suppressions").is_none(), "not suppressed: {result}");

    // Without the pin, the waiver covers the rule whatever the license.
    let unpinned = waiver_file("pin-none.yaml", &entry("LIC-COMMERCIAL", "commercial-cohere", ""));
    let (_, report) = check_json(&["--waivers", unpinned.to_str().unwrap(), proposal]);
    assert_eq!(finding(&report, "commercial-cohere", None, "LIC-COMMERCIAL")["status"], "waived");
}

#[test]
fn a_warning_is_waived_only_by_a_waiver_for_warnings_which_never_hides_a_later_failure() {
    // A team that gates on warnings records counsel's review of one: the
    // Llama MAU clause warns when users are not declared.
    const WARNS: &str = "fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml";
    let warn = waiver_file("accept-warning.yaml", &entry("LIC-LLAMA-MAU", "llama-mau-warn", "    status: warn\n"));
    let warn = warn.to_str().unwrap();
    let gated = modelgate(&["check", "--now", NOW, "--fail-on", "warn", WARNS]);
    assert_eq!(gated.code, 1, "without the waiver the warning gates: {}", gated.stderr);
    let (code, report) = check_json(&["--fail-on", "warn", "--waivers", warn, WARNS]);
    assert_eq!(code, 0, "the accepted warning no longer gates");
    let f = finding(&report, "llama-mau-warn", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "waived");
    assert_eq!(f["waiver"]["state"], "applied");
    assert_eq!(f["waiver"]["status"], "warn");
    assert!(report["waivers"]["stale"].as_array().unwrap().is_empty());
    // SARIF keeps the warning's level, with the waiver as its suppression.
    let sarif: serde_json::Value = serde_json::from_str(
        &modelgate(&["check", "--now", NOW, "--fail-on", "warn", "--waivers", warn, "--format", "sarif", WARNS]).stdout,
    )
    .unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "LIC-LLAMA-MAU")
        .expect("a result for the waived warning");
    assert_eq!(result["level"], "warning");
    assert_eq!(result["suppressions"][0]["kind"], "external");

    // The same acceptance where the rule fails (800M users) is no waiver for
    // the failure: the run fails, and the failure names the waiver it set aside.
    let accepted =
        waiver_file("warning-met-by-failure.yaml", &entry("LIC-LLAMA-MAU", "consumer-assistant", "    status: warn\n"));
    let (code, report) = check_json(&["--waivers", accepted.to_str().unwrap(), LLAMA]);
    assert_eq!(code, 1);
    let f = finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["waiver"]["state"], "warning_only");
    assert!(f["message"].as_str().unwrap().contains("accepts a warning of LIC-LLAMA-MAU"), "{}", f["message"]);
    assert!(report["waivers"]["stale"].as_array().unwrap().is_empty(), "it met the rule, so it is not stale");
    let text = check(accepted.to_str().unwrap(), "text", &[LLAMA]);
    assert!(text.stdout.contains("waiver VOID (it accepts a warning; the rule now fails)"), "{}", text.stdout);

    // A waiver for a warning of a rule that passes matched no warning, and
    // the report says so in those words, not "no failure".
    let idle = waiver_file(
        "warning-never-met.yaml",
        &entry("RES-HIPAA-BAA", "clinical-notes-summarizer", "    status: warn\n"),
    );
    let healthcare = ["fixtures/healthcare-onprem-llama.yaml"];
    let text = check(idle.to_str().unwrap(), "text", &healthcare);
    assert!(
        text.stdout.contains("RES-HIPAA-BAA for clinical-notes-summarizer matches no warning: "),
        "{}",
        text.stdout
    );
    let markdown = check(idle.to_str().unwrap(), "markdown", &healthcare);
    assert!(markdown.stdout.contains("| `RES-HIPAA-BAA` (status: warn) |"), "{}", markdown.stdout);

    // One waiver per status may stand for a rule, proposal and route; two
    // for warnings are a duplicate.
    let both = format!(
        "{}{}",
        entry("LIC-LLAMA-MAU", "consumer-assistant", ""),
        entry("LIC-LLAMA-MAU", "consumer-assistant", "    status: warn\n")
    );
    let both = waiver_file("fail-and-warn.yaml", &both);
    let (code, report) = check_json(&["--waivers", both.to_str().unwrap(), LLAMA]);
    assert_eq!(code, 0, "the waiver for the failure applies");
    assert_eq!(finding(&report, "consumer-assistant", None, "LIC-LLAMA-MAU")["status"], "waived");
    let twice = format!(
        "{}{}",
        entry("LIC-LLAMA-MAU", "consumer-assistant", "    status: warn\n"),
        entry("LIC-LLAMA-MAU", "consumer-assistant", "    status: warn\n")
    );
    let twice = waiver_file("warn-twice.yaml", &twice);
    let run = check(twice.to_str().unwrap(), "json", &[LLAMA]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("a second waiver for LIC-LLAMA-MAU (status: warn) on `consumer-assistant`"),
        "{}",
        run.stderr
    );
}
