//! Output formats. Snapshots are reviewed by hand: each shows what a user
//! reads. Two kinds:
//! - `sample_*`: every format of a hand-built report (`sample.rs`), complete,
//!   independent of the bundled rules, with every status and the characters
//!   each format must escape;
//! - the fixtures run through the binary, with digests and the version
//!   redacted (they change with every policy edit) and, for SARIF and JUnit,
//!   only the parts that concern findings (the full documents are checked
//!   structurally: SARIF against the official schema, JUnit parsed back).

use std::collections::BTreeSet;

use modelgate::report::Format;

use crate::support::{check_json, modelgate, root, scratch_dir, NOW};

#[path = "sample.rs"]
mod sample;

/// `check --now NOW --format FORMAT ARGS...`
fn render(format: &str, args: &[&str]) -> crate::support::Run {
    let mut all = vec!["check", "--now", NOW, "--format", format];
    all.extend_from_slice(args);
    modelgate(&all)
}

/// Replaces 64-hex digests, their 12-digit prefixes after `sha256:` (the
/// text and github formats' last lines) and the crate version, so snapshots
/// survive policy and catalog edits.
fn redact(text: &str) -> String {
    let text = redact_full(text);
    let mut parts = text.split("sha256:");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str("sha256:");
        let hex = part.chars().take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()).count();
        if hex == 12 {
            out.push_str("[short]");
            out.push_str(&part[12..]);
        } else {
            out.push_str(part);
        }
    }
    out
}

fn redact_full(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()).count();
        let boundary = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if run == 64 && boundary {
            out.push_str("[sha256]");
            i += 64;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out.replace(&format!("modelgate {}", env!("CARGO_PKG_VERSION")), "modelgate [version]")
}

/// One line per element, for readable HTML snapshots.
fn lines(html: &str) -> String {
    html.replace("><", ">\n<")
}

#[test]
fn text_report_of_the_brief_scenarios() {
    let run = modelgate(&["check", "--now", NOW, "fixtures/"]);
    insta::assert_snapshot!(redact(&run.stdout));
}

/// The JSON report, without the findings of rules that do not apply (the
/// text snapshot lists those; leaving them out here spares rule authors a
/// second snapshot to update for every rule they add).
#[test]
fn json_report_of_the_800m_llama_platform() {
    let (_, mut report) = check_json(&["fixtures/consumer-platform-llama.yaml"]);
    for proposal in report["proposals"].as_array_mut().unwrap() {
        proposal["findings"].as_array_mut().unwrap().retain(|f| f["status"] != "not_applicable");
    }
    insta::assert_json_snapshot!(report, {
        ".tool.version" => "[version]",
        ".policies.sha256" => "[sha256]",
        ".policies.rules" => "[rules]",
        ".policies.files" => "[files]",
        ".summary.findings.not_applicable" => "[n]",
        ".catalog.sha256" => "[sha256]",
        ".catalog.files" => "[files]",
        ".rules" => "[rules]",
        ".licenses[].sha256" => "[sha256]",
    });
}

#[test]
fn json_report_records_what_it_was_built_from() {
    let (_, report) = check_json(&["fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(report["schema"], "modelgate.dev/report/v1");
    assert_eq!(report["tool"]["name"], "modelgate");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["now"], NOW);
    let input = &report["inputs"][0];
    assert_eq!(input["file"], "fixtures/saas-gpt4o-internal.yaml");
    let bytes = std::fs::read(crate::support::root().join("fixtures/saas-gpt4o-internal.yaml")).unwrap();
    assert_eq!(input["sha256"], sha256(&bytes));
    let policy_files = report["policies"]["files"].as_array().unwrap();
    assert!(policy_files.iter().any(|f| f["file"] == "policies/license/llama_mau.rego"));
    for f in policy_files {
        let bytes = std::fs::read(crate::support::root().join(f["file"].as_str().unwrap())).unwrap();
        assert_eq!(f["sha256"], sha256(&bytes), "{}", f["file"]);
    }
    assert!(report["catalog"]["files"].as_array().unwrap().iter().any(|f| f["file"] == "licenses/models.yaml"));
    assert_eq!(report["policies"]["sha256"].as_str().unwrap().len(), 64);
    // The license records the proposal names, with the digest a waiver pins.
    let license = &report["licenses"][0];
    assert_eq!(license["id"], "LicenseRef-modelgate-openai-services-agreement");
    let bytes = std::fs::read(root().join(license["file"].as_str().unwrap())).unwrap();
    assert_eq!(license["sha256"], sha256(&bytes));
    // Every rule evaluated, by id, once; every finding names one of them.
    let rules: Vec<&str> = report["rules"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rules.len(), report["policies"]["rules"].as_u64().unwrap() as usize);
    assert!(rules.windows(2).all(|w| w[0] < w[1]), "sorted and unique: {rules:?}");
    for finding in report["proposals"][0]["findings"].as_array().unwrap() {
        assert!(rules.contains(&finding["rule"].as_str().unwrap()));
    }
}

fn sha256(bytes: &[u8]) -> String {
    modelgate::digest::sha256_hex(bytes)
}

// --- every format of the sample report ----------------------------------

#[test]
fn the_report_says_how_well_the_catalog_tied_the_model_to_its_license() {
    // A verified record is in the JSON, and only there.
    let (_, report) = check_json(&["fixtures/healthcare-onprem-llama.yaml"]);
    let record = &report["proposals"][0]["model"]["record"];
    assert_eq!(record["verification"], "verified");
    assert_eq!(record["source"], "https://huggingface.co/meta-llama/Llama-3.1-70B-Instruct");
    assert!(!render("text", &["fixtures/healthcare-onprem-llama.yaml"]).stdout.contains("catalog record"));
    // A record short of verified is named next to the license in text and Markdown.
    let partial = "fixtures/rules/LIC-PROHIBITED-USE/warn-gemma-legal-advice.yaml";
    let (_, report) = check_json(&[partial]);
    assert_eq!(report["proposals"][0]["model"]["record"]["verification"], "partial");
    let text = render("text", &[partial]).stdout;
    assert!(
        text.contains(
            "model google/gemma-3-27b-it · license LicenseRef-scancode-gemma-tou-2025-03-24 · catalog record partial"
        ),
        "{text}"
    );
    assert!(render("markdown", &[partial]).stdout.contains("(catalog record partial)"));
    let html = render("html", &[partial]).stdout;
    assert!(html.contains("<dt>Model record</dt><dd>partial"), "{}", lines(&html));
    // A model outside the catalog has no record to rely on.
    let (_, report) = check_json(&["fixtures/rules/RED-LICENSE-COPY/fail-llama-3.1-fine-tune-without-license.yaml"]);
    assert!(report["proposals"][0]["model"].get("record").is_none(), "{}", report["proposals"][0]["model"]);
}

#[test]
fn sample_report_in_every_format() {
    let report = sample::report();
    for format in Format::ALL {
        let out = format.render(&report);
        let out = if format == Format::Html { lines(&out) } else { out };
        insta::assert_snapshot!(format!("sample_{}", format.name()), out);
    }
}

#[test]
fn github_annotations_escape_data_and_properties() {
    let out = Format::Github.render(&sample::report());
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "::error file=proposals/tricky one%2C v2.yaml,line=7,col=3,title=LIC-DEMO-CEILING%3A User ceiling of the demo \
         license::tricky-proposal: <script>alert(\"x\")</script> & 100%25 | done%0D%0Anext line: a, b%0AFix: Ask & \
         wait.%0ACitation: User ceiling of the demo license Act §4(b) https://example.org/lic-demo-ceiling%0AWaiver not \
         applied: the waiver at waivers.yaml:4:5 expired on 2026-01-31"
    );
    // One command per line: no raw CR or LF inside a command.
    for line in out.lines() {
        assert!(!line.contains('\r'));
    }
    assert_eq!(out.lines().filter(|l| l.starts_with("::error ")).count(), 4, "3 violations and 1 rule error:\n{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("::warning ")).count(), 1, "the stale waiver:\n{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("::notice ")).count(),
        2,
        "the waived failure and the advisory warning:\n{out}"
    );
    // A proposal-level finding points at line 1 of its file.
    assert!(out.contains("::notice file=proposals/tricky one%2C v2.yaml,line=1,col=1,title=ADV-DEMO-LATENCY"));
}

#[test]
fn text_and_github_name_the_version_and_digests() {
    let report = sample::report();
    let built_from =
        "modelgate 9.9.9 · policies sha256:cccccccccccc · catalog sha256:eeeeeeeeeeee · waivers sha256:000000000000";
    let text = Format::Text.render(&report);
    assert_eq!(text.lines().last(), Some(built_from), "{text}");
    let github = Format::Github.render(&report);
    assert!(github.lines().any(|l| l == format!("::notice::{built_from}")), "{github}");
    // The streamed text ends with the same tail.
    assert!(text.ends_with(&modelgate::report::text::tail(&report)));
}

#[test]
fn html_is_self_contained_and_escapes_everything() {
    let html = Format::Html.render(&sample::report());
    for forbidden in ["<script", "<link", "<img", "<iframe", " src=", "@import", "url(", "javascript:"] {
        assert!(!html.contains(forbidden), "the report must not contain {forbidden}");
    }
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 100% | done"));
    assert!(html.contains("Demo Community License &lt;v1&gt;"));
    assert!(html.contains(r#"href="https://example.org/license?v=1&amp;lang=en""#));
    // Every link goes to a citation or license text, or to an anchor in the page.
    for href in html.split("href=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]) {
        assert!(href.starts_with("https://") || href.starts_with('#'), "{href}");
    }
    // Status is spelled out, not shown by colour alone.
    for label in ["FAIL", "WARN", "WAIVED", "PASS", "N/A", "ERROR", "EXPIRED", "APPLIED", "STALE"] {
        assert!(html.contains(&format!(">{label}<")), "{label}");
    }
    assert!(html.contains("@media print"));
}

#[test]
fn markdown_cells_escape_pipes_and_html() {
    let md = Format::Markdown.render(&sample::report());
    let row = md.lines().find(|l| l.contains("LIC-DEMO-CEILING") && l.contains("fail")).unwrap();
    assert!(row.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; &amp; 100% \\| done<br>next line: a, b"), "{row}");
    // 8 columns: 9 unescaped pipes.
    let pipes = row.replace("\\|", "").matches('|').count();
    assert_eq!(pipes, 9, "{row}");
}

/// A file name with backticks stays one code span: the fence is longer than
/// any run of backticks in it. A double backtick in the name (`a``b.yaml`)
/// closed the two-backtick fence early and broke the table row.
#[test]
fn markdown_code_spans_hold_file_names_with_backtick_runs() {
    let dir = scratch_dir("markdown-backticks");
    let file = dir.join("a``b.yaml");
    std::fs::copy(root().join("fixtures/saas-gpt4o-internal.yaml"), &file).unwrap();
    let run = render("markdown", &[file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let row = run.stdout.lines().find(|l| l.contains("internal-doc-summaries") && l.contains("a``b.yaml")).unwrap();
    assert!(row.ends_with("a``b.yaml ``` |"), "{row}");
    assert!(row.contains("| ``` "), "{row}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn markdown_stays_below_the_step_summary_limit() {
    let mut report = sample::report();
    let tricky = report.proposals[0].clone();
    report.proposals = (0..5000)
        .map(|i| {
            let mut p = tricky.clone();
            p.name = format!("proposal-{i:04}");
            p
        })
        .collect();
    let md = Format::Markdown.render(&report);
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    assert!(md.contains(" more rows: see the JSON or HTML report |"));
    assert!(md.contains("</details>"), "the digests are still there");
}

#[test]
fn license_ids_of_an_expression() {
    use modelgate::report::license_ids;
    assert_eq!(license_ids("MIT"), ["MIT"]);
    assert_eq!(
        license_ids("(Apache-2.0 WITH LLVM-exception OR MIT) AND LicenseRef-scancode-llama-3.1-license-2024"),
        ["Apache-2.0", "MIT", "LicenseRef-scancode-llama-3.1-license-2024"]
    );
    assert_eq!(license_ids("GPL-2.0+"), ["GPL-2.0"]);
}

// --- the fixtures -----------------------------------------------------------

#[test]
fn markdown_summary_of_the_brief_scenarios_with_waivers() {
    let run = render("markdown", &["--waivers", "fixtures/waivers/stale.yaml", "fixtures/"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let (_, report) = check_json(&["--waivers", "fixtures/waivers/stale.yaml", "fixtures/"]);
    let counts = |v: &serde_json::Value| v.as_array().unwrap().len();
    let rules = format!(
        "| policies | {} rules in {} files |",
        report["policies"]["rules"],
        counts(&report["policies"]["files"])
    );
    let catalog = format!("| catalog | {} files |", counts(&report["catalog"]["files"]));
    let f = &report["summary"]["findings"];
    let findings = format!("{} pass, {} not applicable.", f["pass"], f["not_applicable"]);
    let out = redact(&run.stdout)
        .replace(&rules, "| policies | [n] rules in [n] files |")
        .replace(&catalog, "| catalog | [n] files |")
        .replace(&findings, "[n] pass, [n] not applicable.");
    insta::assert_snapshot!(out);
}

#[test]
fn github_annotations_of_the_fixtures_with_waivers() {
    let run =
        render("github", &["--waivers", "fixtures/waivers/routes.yaml", "fixtures/", "fixtures/waivers/proposals/"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    insta::assert_snapshot!(redact(&run.stdout));
}

/// An advisory warning is a `::notice`, as it is a SARIF `note`: GitHub
/// shows 10 warning annotations per step, and advisory ones (listed first,
/// `ADV-` before `LIC-`) used them up before the warnings that can gate.
#[test]
fn github_advisory_warnings_are_notices_and_gating_warnings_stay_warnings() {
    let run = render("github", &["fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("::notice file=") && l.contains("title=ADV-OPERATIONS%3A")),
        "{}",
        run.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with("::warning file=") && l.contains("title=LIC-LLAMA-MAU%3A")),
        "{}",
        run.stdout
    );
    assert!(!lines.iter().any(|l| l.starts_with("::warning") && l.contains("ADV-")), "{}", run.stdout);
}

/// The SARIF of the 800M Llama platform with its waiver expired: the
/// results, and the rules they reference.
#[test]
fn sarif_results_of_the_800m_llama_platform() {
    let run = render(
        "sarif",
        &[
            "--waivers",
            "fixtures/waivers/routes.yaml",
            "fixtures/consumer-platform-llama.yaml",
            "fixtures/waivers/proposals/",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    let referenced: BTreeSet<&str> = results.iter().map(|r| r["ruleId"].as_str().unwrap()).collect();
    let rules: Vec<&serde_json::Value> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| referenced.contains(r["id"].as_str().unwrap()))
        .collect();
    // ruleIndex moves with every rule added before it; its consistency with
    // ruleId is checked in sarif_is_valid_against_the_sarif_2_1_0_schema.
    let results: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r["ruleIndex"] = "[index]".into();
            r
        })
        .collect();
    let view = serde_json::json!({"rules": rules, "results": results});
    insta::assert_snapshot!(redact(&serde_json::to_string_pretty(&view).unwrap()));
}

/// The JUnit test cases of the brief scenarios that do not simply pass or
/// not apply, as (suite, classname, name, outcome, message).
#[test]
fn junit_cases_of_the_brief_scenarios() {
    let run = render("junit", &["--waivers", "fixtures/waivers/valid.yaml", "fixtures/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = roxmltree::Document::parse(&run.stdout).unwrap();
    let mut view = String::new();
    for case in doc.descendants().filter(|n| n.has_tag_name("testcase")) {
        let outcome = case.children().find(|c| c.is_element() && c.tag_name().name() != "system-out");
        let out = case.children().find(|c| c.has_tag_name("system-out"));
        let (kind, message) = match outcome {
            Some(o) => (o.tag_name().name().to_string(), o.attribute("message").unwrap_or("").to_string()),
            None if out.is_some_and(|o| o.text().unwrap_or("").starts_with("warning: ")) => {
                let first = out.unwrap().text().unwrap().lines().next().unwrap();
                ("system-out".into(), first.to_string())
            }
            None => continue,
        };
        if message == "not applicable" {
            continue;
        }
        view.push_str(&format!(
            "{} | {} | {kind}: {message}\n",
            case.attribute("classname").unwrap(),
            case.attribute("name").unwrap()
        ));
    }
    insta::assert_snapshot!(view);
}

// --- structure ---------------------------------------------------------------

/// The official SARIF 2.1.0 schema (`tests/sarif-schema-2.1.0.json`, the
/// OASIS TC's `Schemata/sarif-schema-2.1.0.json`, draft-07, as shipped in the
/// `serde-sarif` 0.8.0 crate's `src/schema.json`; sha256 af47e7b6...895cea).
/// Its `language` pattern has a stray `]` (a known defect of the published
/// file that no ECMA-262-strict engine compiles); that one keyword is dropped
/// before compiling. modelgate never writes `language`.
fn sarif_validator() -> jsonschema::Validator {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    fn drop_broken(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if map.get("pattern").and_then(|p| p.as_str()) == Some(BROKEN) {
                    map.remove("pattern");
                }
                map.values_mut().for_each(drop_broken);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(drop_broken),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(root().join("tests/sarif-schema-2.1.0.json")).unwrap();
    assert_eq!(sha256(text.as_bytes()), "af47e7b67f24efe74076621fd3a5fbe7398add9e84fe820c971219a385895cea");
    let mut schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$id"], "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json",
        "the official SARIF 2.1.0 schema"
    );
    drop_broken(&mut schema);
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

fn assert_valid_sarif(validator: &jsonschema::Validator, text: &str) -> serde_json::Value {
    let sarif: serde_json::Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "SARIF schema errors:\n{}", errors.join("\n"));
    // What GitHub code scanning needs beyond the schema.
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut fingerprints = BTreeSet::new();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.contains("://") && !uri.starts_with('/'), "a path relative to the repository: {uri}");
        assert!(location["region"]["startLine"].as_u64().unwrap() >= 1);
        let fingerprint = result["partialFingerprints"]["modelgate/v1"].as_str().unwrap();
        assert!(fingerprints.insert(fingerprint.to_string()), "fingerprints are unique: {fingerprint}");
        if result["properties"]["status"] == "waived" {
            assert_eq!(result["suppressions"][0]["kind"], "external");
        } else {
            assert!(result.get("suppressions").is_none());
        }
        // A failure is an error, as its rule's default level says.
        if matches!(result["properties"]["status"].as_str(), Some("fail" | "waived")) {
            assert_eq!(result["level"], "error");
            assert_eq!(rules[index]["defaultConfiguration"]["level"], "error");
        }
    }
    assert!(rules.len() <= 25_000 && run["results"].as_array().unwrap().len() <= 25_000);
    for rule in rules {
        assert!(rule["properties"]["tags"].as_array().unwrap().len() <= 20);
        let advisory = rule["properties"]["tags"][1] == "advisory";
        assert_eq!(rule["defaultConfiguration"]["level"], if advisory { "note" } else { "error" }, "{}", rule["id"]);
    }
    sarif
}

#[test]
fn sarif_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    let sample = assert_valid_sarif(&validator, &Format::Sarif.render(&sample::report()));
    // The schema does catch mistakes.
    let mut bad = sample.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
    assert_eq!(validator.iter_errors(&bad).count(), 2);
    let run = &sample["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false, "a rule error is a failed execution");
    assert_eq!(run["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"], "RES-DEMO-BROKEN");
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "proposals/tricky%20one,%20v2.yaml"
    );
    assert_eq!(run["results"].as_array().unwrap().len(), 5, "3 failing violations, a warning, a waived failure");
    // A stale waiver is a configuration warning at the waiver, not a result.
    let stale = &run["invocations"][0]["toolConfigurationNotifications"];
    assert_eq!(stale.as_array().unwrap().len(), 1);
    assert_eq!(stale[0]["level"], "warning");
    assert_eq!(stale[0]["associatedRule"]["id"], "RED-DEMO-NOTICE");
    let at = &stale[0]["locations"][0]["physicalLocation"];
    assert_eq!((&at["artifactLocation"]["uri"], &at["region"]["startLine"]), (&"waivers.yaml".into(), &20.into()));
    assert!(stale[0]["message"]["text"].as_str().unwrap().contains("did not fail (pass for `router/eu`)"));

    for waivers in ["valid", "expired", "stale", "routes", "license-pin-mismatch"] {
        let run = render(
            "sarif",
            &["--waivers", &format!("fixtures/waivers/{waivers}.yaml"), "fixtures/", "fixtures/waivers/proposals/"],
        );
        assert!(run.code <= 1, "{}", run.stderr);
        let sarif = assert_valid_sarif(&validator, &run.stdout);
        let (_, report) = check_json(&[
            "--waivers",
            &format!("fixtures/waivers/{waivers}.yaml"),
            "fixtures/",
            "fixtures/waivers/proposals/",
        ]);
        assert_eq!(
            sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap().len(),
            report["rules"].as_array().unwrap().len()
        );
        assert_eq!(sarif["runs"][0]["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(sarif["runs"][0]["properties"]["modelgate"]["policies"]["sha256"], report["policies"]["sha256"]);
        assert_eq!(sarif["runs"][0]["artifacts"][0]["hashes"]["sha-256"], report["inputs"][0]["sha256"]);
        let notifications = sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"].as_array();
        assert_eq!(
            notifications.map_or(0, Vec::len),
            report["waivers"]["stale"].as_array().unwrap().len(),
            "{waivers}: one warning per stale waiver"
        );
    }
}

#[test]
fn junit_has_one_uniquely_named_case_per_proposal_and_rule() {
    let run =
        render("junit", &["--waivers", "fixtures/waivers/routes.yaml", "fixtures/", "fixtures/waivers/proposals/"]);
    let (_, report) =
        check_json(&["--waivers", "fixtures/waivers/routes.yaml", "fixtures/", "fixtures/waivers/proposals/"]);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let proposals = report["proposals"].as_array().unwrap();
    let rules = report["rules"].as_array().unwrap().len();
    let f = &report["summary"]["findings"];
    let n = |v: &serde_json::Value| v.as_u64().unwrap() as usize;
    let attr = |node: roxmltree::Node, name: &str| node.attribute(name).unwrap().parse::<usize>().unwrap();
    assert!(report["waivers"]["stale"].as_array().unwrap().is_empty(), "stale waivers are checked below");
    assert_eq!(attr(root, "tests"), proposals.len() * rules, "passes included");
    assert_eq!(attr(root, "failures"), n(&f["fail"]));
    assert_eq!(attr(root, "errors"), n(&f["error"]));
    assert_eq!(attr(root, "skipped"), n(&f["not_applicable"]) + n(&f["waived"]));
    let suites: Vec<_> = root.children().filter(|c| c.has_tag_name("testsuite")).collect();
    assert_eq!(suites.len(), proposals.len(), "one suite per proposal or route");
    let mut names = BTreeSet::new();
    for suite in &suites {
        let cases: Vec<_> = suite.children().filter(|c| c.has_tag_name("testcase")).collect();
        assert_eq!(cases.len(), rules);
        assert_eq!(attr(*suite, "tests"), rules);
        for case in cases {
            let key = (case.attribute("classname").unwrap().to_string(), case.attribute("name").unwrap().to_string());
            assert!(names.insert(key.clone()), "duplicate test case {key:?}");
        }
    }
    assert!(names.contains(&(
        "hybrid-llama-router/batch".to_string(),
        "LIC-LLAMA-MAU: Llama 700 million monthly active user clause".to_string()
    )));
    let failure = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("failure") && n.parent().unwrap().attribute("classname") == Some("hybrid-llama-router/batch")
        })
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("LIC-LLAMA-MAU"));
    assert!(failure.attribute("message").unwrap().contains("700,000,000"));
    let body = failure.text().unwrap();
    assert!(body.contains("cite: Llama 3.1 Community License Agreement §2 <https://"), "{body}");
    assert!(body.contains("fix: Request a license from Meta"), "{body}");

    // Stale waivers: a last suite, one skipped case each, no failure added.
    let args = ["--waivers", "fixtures/waivers/stale.yaml", "fixtures/"];
    let run = render("junit", &args);
    let (_, report) = check_json(&args);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let root = doc.root_element();
    let stale = report["waivers"]["stale"].as_array().unwrap();
    let f = &report["summary"]["findings"];
    assert_eq!(attr(root, "failures"), n(&f["fail"]), "a stale waiver is no failure");
    assert_eq!(attr(root, "skipped"), n(&f["not_applicable"]) + n(&f["waived"]) + stale.len());
    let suite = root.children().rfind(|c| c.has_tag_name("testsuite")).unwrap();
    assert_eq!(suite.attribute("name"), Some("modelgate waivers"));
    assert_eq!((attr(suite, "tests"), attr(suite, "skipped"), attr(suite, "failures")), (stale.len(), stale.len(), 0));
    for (case, waiver) in suite.children().filter(|c| c.has_tag_name("testcase")).zip(stale) {
        assert_eq!(case.attribute("file"), Some("fixtures/waivers/stale.yaml"));
        assert_eq!(case.attribute("line").unwrap(), waiver["location"]["line"].to_string());
        let skipped = case.children().find(|c| c.has_tag_name("skipped")).unwrap();
        assert!(skipped.attribute("message").unwrap().ends_with(waiver["why"].as_str().unwrap()));
    }

    // One rule may have a stale waiver for its failure and one for its
    // warning: their cases keep distinct names (GitLab drops a repeated
    // classname and name), and JSON says which status each accepted.
    let dir = crate::support::scratch_dir("junit-stale-statuses");
    let waivers = dir.join("waivers.yaml");
    let entry = |status: &str| {
        format!(
            "  - rule: RES-HIPAA-BAA\n    proposal: clinical-notes-summarizer\n    status: {status}\n    \
             approved_by: jane.doe@example.com\n    reason: risk_accepted\n    comment: reviewed\n    expires: 2027-01-01\n"
        )
    };
    std::fs::write(
        &waivers,
        format!("apiVersion: modelgate.dev/v1\nkind: Waivers\nwaivers:\n{}{}", entry("fail"), entry("warn")),
    )
    .unwrap();
    let args = ["--waivers", waivers.to_str().unwrap(), "fixtures/healthcare-onprem-llama.yaml"];
    let run = render("junit", &args);
    let (_, report) = check_json(&args);
    let statuses: Vec<&str> =
        report["waivers"]["stale"].as_array().unwrap().iter().map(|w| w["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["fail", "warn"]);
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase") && n.attribute("classname") == Some("modelgate waivers"))
        .map(|n| n.attribute("name").unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "stale waiver: RES-HIPAA-BAA for clinical-notes-summarizer",
            "stale waiver: RES-HIPAA-BAA (status: warn) for clinical-notes-summarizer"
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);

    // The sample: an error is <error>, waived and not applicable are skipped.
    let xml = Format::Junit.render(&sample::report());
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML even with control characters and markup");
    let count = |tag: &str| doc.descendants().filter(|n| n.has_tag_name(tag)).count();
    assert_eq!((count("testcase"), count("failure"), count("error"), count("skipped")), (11, 2, 1, 5));
    let failure = doc.descendants().find(|n| n.has_tag_name("failure")).unwrap();
    assert!(failure.attribute("message").unwrap().starts_with("<script>alert(\"x\")</script> & 100% | done"));
}

/// A proposal file whose quoted text, or whose name, holds characters
/// XML 1.0 cannot carry: U+FFFE in `distribution.name` (quoted in the
/// RED-NAMING message) gave a report no XML parser reads, and a control
/// character in the file name went raw into the `file` attributes.
fn hostile_proposal(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(root().join("fixtures/rules/RED-NAMING/fail-llama-3.1-fine-tune-renamed.yaml"))
        .unwrap()
        .replace("name: acme/HelpDesk-8B", "name: \"acme/<x>]]>\\ufffe\\uffff\\u0001\\e[31mred\\u0085\"");
    let file = dir.join("hostile\u{1}\u{1b}[31m.yaml");
    std::fs::write(&file, text).unwrap();
    file
}

/// `hostile_proposal` rendered in `format`, in a scratch directory of its
/// own (removed by the caller); the run fails on RED-NAMING.
fn render_hostile(tag: &str, format: &str) -> (std::path::PathBuf, crate::support::Run) {
    let dir = scratch_dir(tag);
    let file = hostile_proposal(&dir);
    let run = render(format, &[file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    (dir, run)
}

#[test]
fn junit_stays_well_formed_with_noncharacters_and_control_characters_in_the_input() {
    let (dir, run) = render_hostile("junit-hostile", "junit");
    let doc = roxmltree::Document::parse(&run.stdout).expect("well-formed XML");
    let failure = doc
        .descendants()
        .find(|n| n.has_tag_name("failure") && n.attribute("type") == Some("RED-NAMING"))
        .expect("the RED-NAMING failure");
    assert!(failure.attribute("message").unwrap().contains("acme/<x>]]>[31mred"), "{:?}", failure.attribute("message"));
    let case = failure.parent().unwrap();
    assert!(case.attribute("file").unwrap().ends_with("hostile[31m.yaml"), "{:?}", case.attribute("file"));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Workflow commands carry no control character but the escaped line
/// breaks: an ANSI escape sequence quoted from a proposal's text or file
/// name reached the job log raw, where GitHub renders it. The text report
/// showed such a file name raw too.
#[test]
fn github_annotations_carry_no_control_characters_from_the_input() {
    let (dir, run) = render_hostile("github-hostile", "github");
    for line in run.stdout.lines() {
        assert!(!line.chars().any(char::is_control), "a control character in {line:?}");
    }
    let naming = run.stdout.lines().find(|l| l.contains("title=RED-NAMING")).expect("the RED-NAMING annotation");
    assert!(naming.contains("file=") && naming.contains("hostile  [31m.yaml"), "{naming}");
    assert!(naming.contains("acme/<x>]]>\u{fffe}\u{ffff}  [31mred "), "{naming}");
    // The text report shows the file name as it shows messages: no escape
    // sequence reaches the terminal or the CI log.
    std::fs::remove_dir_all(&dir).unwrap();
    let (dir, text) = render_hostile("text-hostile", "text");
    for line in text.stdout.lines() {
        assert!(!line.chars().any(char::is_control), "a control character in {line:?}");
    }
    assert!(text.stdout.contains("hostile [31m.yaml"), "{}", text.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_format_gives_the_same_bytes_twice() {
    let args = ["--waivers", "fixtures/waivers/stale.yaml", "fixtures/", "fixtures/waivers/proposals/"];
    for format in Format::NAMES {
        let first = render(format, &args);
        let second = render(format, &args);
        assert!(first.code <= 1, "{format}: {}", first.stderr);
        assert!(!first.stdout.is_empty(), "{format}");
        assert!(first.stdout == second.stdout, "{format} differs between two runs");
    }
}

#[test]
fn output_writes_every_format_from_one_run() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("formats-output");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut args: Vec<String> =
        ["check", "--now", NOW, "--waivers", "fixtures/waivers/valid.yaml"].map(String::from).to_vec();
    for format in Format::NAMES {
        args.push("--output".into());
        args.push(format!("{format}={}", dir.join(format!("report.{format}")).display()));
    }
    args.push("fixtures/".into());
    let run = modelgate(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 0, "{}", run.stderr);
    for format in Format::NAMES {
        let written = std::fs::read_to_string(dir.join(format!("report.{format}"))).unwrap();
        let alone = render(format, &["--waivers", "fixtures/waivers/valid.yaml", "fixtures/"]);
        assert!(written == alone.stdout, "{format}: the file is what --format {format} prints");
    }
}

#[test]
fn json_written_in_parts_is_serde_jsons_pretty_print() {
    // The JSON report is streamed head, proposals, tail; joined, the parts
    // must be exactly the report serialised whole.
    let mut report = sample::report();
    assert_eq!(Format::Json.render(&report), format!("{}\n", serde_json::to_string_pretty(&report).unwrap()));
    report.proposals.clear();
    assert_eq!(Format::Json.render(&report), format!("{}\n", serde_json::to_string_pretty(&report).unwrap()));
}

/// Code scanning places SARIF results by paths relative to the repository
/// root: a proposal outside the working directory keeps its absolute path,
/// and the run says so instead of uploading results nobody can find.
#[test]
fn sarif_of_a_proposal_outside_the_working_directory_comes_with_a_note() {
    let dir = scratch_dir("sarif-outside");
    let outside = dir.join("outside.yaml");
    std::fs::copy(root().join("fixtures/saas-gpt4o-internal.yaml"), &outside).unwrap();
    let outside = outside.to_str().unwrap();
    let run = modelgate(&["check", "--now", NOW, "--format", "sarif", outside]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("note: {outside} lies outside the working directory")), "{}", run.stderr);
    // The same file by a relative path that climbs out of the working directory.
    let climbs = std::iter::repeat_n("..", root().components().count() - 1).collect::<Vec<_>>().join("/");
    let relative = format!("{climbs}{outside}");
    let run = modelgate(&["check", "--now", NOW, "--format", "sarif", &relative]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("note: {relative} lies outside the working directory")), "{}", run.stderr);
    let inside = modelgate(&["check", "--now", NOW, "--format", "sarif", "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(inside.code, 0);
    assert!(!inside.stderr.contains("outside the working directory"), "{}", inside.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

/// One finding can fault two licenses, each at its own section (Command R+
/// is under CC BY-NC 4.0 and Cohere's addendum, and both refuse commercial
/// use): every format that prints a message with its citation cites each
/// beside its own message. Before, text, Markdown, GitHub and JUnit cited
/// the addendum under the CC BY-NC 4.0 message too.
#[test]
fn each_violation_is_cited_by_its_own_license() {
    let file = "fixtures/rules/LIC-COMMERCIAL/fail-cohere-command-r-plus.yaml";
    let cc = "Creative Commons Attribution-NonCommercial 4.0 International Public License §2(a)(1)";
    let addendum = "Cohere C4AI Acceptable Use Addendum to CC-BY-NC-4.0 §addendum (not read)";
    let text = render("text", &[file]).stdout;
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.contains("fail  LIC-COMMERCIAL"))
        .skip(1)
        .take_while(|l| l.starts_with("        "))
        .collect();
    let cc_message = block
        .iter()
        .position(|l| l.contains("Creative Commons Attribution-NonCommercial 4.0 International Public License grants"))
        .unwrap();
    let addendum_message = block.iter().position(|l| l.contains("Addendum to CC-BY-NC-4.0 grants")).unwrap();
    let cite_after = |at: usize| block[at..].iter().find(|l| l.trim_start().starts_with("cite:")).unwrap().to_string();
    assert!(cite_after(cc_message).contains(cc), "{text}");
    assert!(cite_after(addendum_message).contains(addendum), "{text}");

    let md = render("markdown", &[file]).stdout;
    let row = md.lines().find(|l| l.contains("`LIC-COMMERCIAL`") && l.contains("Public License grants")).unwrap();
    assert!(row.contains(cc) && !row.contains(addendum), "{row}");

    let gh = render("github", &[file]).stdout;
    let line = gh.lines().find(|l| l.contains("LIC-COMMERCIAL") && l.contains("Public License grants")).unwrap();
    assert!(line.contains(cc) && !line.contains(addendum), "{line}");

    let junit = render("junit", &[file]).stdout;
    assert!(junit.contains(&format!("  cite: {cc}")) && junit.contains(&format!("  cite: {addendum}")), "{junit}");

    let html = render("html", &[file]).stdout;
    assert!(html.contains(cc) && html.contains(addendum), "both citations in the report");
}
