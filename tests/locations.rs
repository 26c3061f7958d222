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

/// The allowed-regions scenario of `fixtures/rules/REQ-ALLOWED-REGIONS/
/// fail-region-outside.yaml` with `regions` written as `REGIONS`: London
/// (`eu-west-2`, the second region) is outside the EU.
fn regions_proposal(regions: &str) -> String {
    format!(
        "# regions\napiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: styles\nmodel:\n  id: \
         anthropic/claude-3-5-sonnet\ndeployment:\n  kind: managed_cloud\n  provider: aws\n  service: aws_bedrock\n{regions}\
         data:\n  classes: [eu_personal]\n  subjects: [DE]\ncontracts:\n  dpa: true\norganization:\n  domicile: DE\n  \
         monthly_active_users: 300000\nrequirements:\n  allowed_regions: [EU]\n"
    )
}

/// Writes `text` to `name` in a scratch directory and checks it.
fn check_text(dir: &std::path::Path, name: &str, text: &[u8]) -> (String, serde_json::Value) {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let shown = path.to_str().unwrap().to_string();
    let (_, report) = check_json(&[&shown]);
    (shown, report)
}

/// A failing list element is named where it is written, whatever the YAML
/// style: flow or block, quoted, after a tab, with CRLF line ends and a
/// UTF-8 byte order mark (not counted as a column), in a second document,
/// through an alias (at its anchor), or in a JSON file on one line after
/// non-ASCII text. Columns count Unicode code points from 1, as SARIF's
/// `columnKind: unicodeCodePoints` declares.
#[test]
fn a_failing_list_element_points_at_the_element_in_every_yaml_style() {
    let dir = scratch_dir("locations-styles");
    let rule = "REQ-ALLOWED-REGIONS";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("flow.yaml", regions_proposal("  regions: [eu-central-1, eu-west-2]\n").into_bytes(), "12:27"),
        ("quoted.yaml", regions_proposal("  \"regions\": [ 'eu-central-1' , \"eu-west-2\" ]\n").into_bytes(), "12:33"),
        ("tab.yaml", regions_proposal("  regions: [eu-central-1,\teu-west-2]\n").into_bytes(), "12:27"),
        (
            "block.yaml",
            regions_proposal("  regions:\n    - eu-central-1   # Frankfurt\n    # London:\n    - eu-west-2\n").into_bytes(),
            "15:7",
        ),
        (
            "crlf-bom.yaml",
            [b"\xef\xbb\xbf".as_slice(), regions_proposal("  regions: [eu-central-1, eu-west-2]\n").replace('\n', "\r\n").as_bytes()]
                .concat(),
            "12:27",
        ),
        (
            "second-document.yaml",
            format!(
                "{}---\n{}",
                regions_proposal("  regions: [eu-central-1]\n").replace("name: styles", "name: first"),
                regions_proposal("  regions: [eu-central-1, eu-west-2]\n")
            )
            .into_bytes(),
            "35:27",
        ),
        (
            "alias.yaml",
            regions_proposal("  regions: &regions [eu-central-1, eu-west-2]\n")
                .replace("requirements:", "routes:\n  - name: r\n    deployment:\n      kind: managed_cloud\n      provider: aws\n      service: aws_bedrock\n      regions: *regions\nrequirements:")
                .into_bytes(),
            "12:36",
        ),
    ];
    for (name, text, expected) in cases {
        let (shown, report) = check_text(&dir, name, &text);
        let index = report["proposals"].as_array().unwrap().len() - 1;
        assert_eq!(at(&report, index, rule).0, format!("{shown}:{expected}"), "{name}");
    }
    // JSON on one line, after a name with an accent and an emoji (two UTF-16
    // code units, one code point): the column is the element's code point.
    let json = r#"{"apiVersion": "modelgate.dev/v1", "kind": "ModelProposal", "metadata": {"name": "json", "owner": "Zoë 😀"}, "model": {"id": "anthropic/claude-3-5-sonnet"}, "deployment": {"kind": "managed_cloud", "provider": "aws", "service": "aws_bedrock", "regions": ["eu-central-1", "eu-west-2"]}, "data": {"classes": ["eu_personal"], "subjects": ["DE"]}, "contracts": {"dpa": true}, "organization": {"domicile": "DE", "monthly_active_users": 300000}, "requirements": {"allowed_regions": ["EU"]}}"#;
    let column = json[..json.find("\"eu-west-2\"").unwrap()].chars().count() + 1;
    let (shown, report) = check_text(&dir, "one-line.json", json.as_bytes());
    assert_eq!(at(&report, 0, rule).0, format!("{shown}:1:{column}"));
    // A byte order mark before it is not a column.
    let (bom, report) = check_text(&dir, "bom.json", &[b"\xef\xbb\xbf".as_slice(), json.as_bytes()].concat());
    assert_eq!(at(&report, 0, rule).0, format!("{bom}:1:{column}"));
    let sarif = modelgate(&["check", "--now", NOW, "--format", "sarif", &shown]).stdout;
    let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let region = &sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == rule).unwrap()
        ["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], column);
    // Merge keys are refused at the key, exit 2.
    let merge = regions_proposal("  regions: [eu-central-1]\n").replace("deployment:\n", "deployment: &d\n").replace(
        "requirements:",
        "routes:\n  - name: r\n    deployment:\n      <<: *d\n      regions: [eu-west-2]\nrequirements:",
    );
    std::fs::write(dir.join("merge.yaml"), merge).unwrap();
    let shown = dir.join("merge.yaml").to_str().unwrap().to_string();
    let run = modelgate(&["check", &shown]);
    crate::support::assert_refused(&run, &format!("{shown}:24:7"));
    assert!(run.stderr.contains("merge keys (`<<`) are not supported"), "{}", run.stderr);
}

/// A route's failure points into the route where the route gives the field,
/// and at the top-level field it inherits otherwise; a field neither gives
/// points at the section that should hold it (or the route, or the
/// document), and the message names the field.
#[test]
fn route_findings_point_at_the_route_or_at_what_it_inherits() {
    let dir = scratch_dir("locations-routes");
    let text = "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: router\nmodel:\n  id: \
                anthropic/claude-3-5-sonnet\ndeployment:\n  kind: managed_cloud\n  provider: aws\n  service: \
                aws_bedrock\n  regions: [eu-west-2]\ndata:\n  classes: [eu_personal]\n  subjects: [DE]\norganization:\n  \
                domicile: DE\n  monthly_active_users: 300000\nrequirements:\n  allowed_regions: [EU]\nroutes:\n  - name: \
                inherits\n  - name: overrides\n    deployment:\n      kind: managed_cloud\n      provider: aws\n      \
                service: aws_bedrock\n      regions: [eu-central-1, us-east-1]\n";
    let (shown, report) = check_text(&dir, "router.yaml", text.as_bytes());
    assert_eq!(report["proposals"][0]["route"], "inherits");
    assert_eq!(at(&report, 0, "REQ-ALLOWED-REGIONS"), (format!("{shown}:11:13"), "/deployment/regions/0".into()));
    assert_eq!(
        at(&report, 1, "REQ-ALLOWED-REGIONS"),
        (format!("{shown}:27:31"), "/routes/1/deployment/regions/1".into())
    );
    // No `contracts:` anywhere: the DPA each route lacks points at the
    // route's entry, where its own contracts would go.
    assert_eq!(at(&report, 0, "RES-GDPR-DPA"), (format!("{shown}:21:5"), "/routes/0/contracts/dpa".into()));
    assert_eq!(at(&report, 1, "RES-GDPR-DPA"), (format!("{shown}:22:5"), "/routes/1/contracts/dpa".into()));
}

/// A route that lists purposes of its own keeps the proposal's too (README,
/// "Decisions"), appended after its own: a finding about a kept purpose
/// points at the proposal's `use.purposes` element that names it, not past
/// the end of the route's list (which landed on the route's `purposes:` key).
#[test]
fn a_purpose_a_route_keeps_from_the_proposal_points_at_the_proposals_list() {
    let dir = scratch_dir("locations-route-purposes");
    let text =
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: purposes-router\norganization:\n  \
                domicile: US\ndata:\n  classes: [internal]\nuse:\n  purposes: [medical_advice, minors]\nroutes:\n  - \
                name: drafts\n    model: {id: openai/gpt-4o}\n    deployment: {kind: vendor_api, provider: openai, \
                service: openai_api, regions: [US]}\n    use:\n      purposes: [legal_advice]\n";
    let (shown, report) = check_text(&dir, "router.yaml", text.as_bytes());
    let finding =
        report["proposals"][0]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "LIC-PROHIBITED-USE");
    let violations = finding.expect("LIC-PROHIBITED-USE")["violations"].as_array().unwrap();
    let at = |purpose: &str| {
        let v = violations
            .iter()
            .find(|v| v["message"].as_str().unwrap().contains(&format!("purpose {purpose} ")))
            .unwrap_or_else(|| panic!("no violation for {purpose}"));
        let l = &v["location"];
        (
            format!("{}:{}:{}", l["file"].as_str().unwrap(), l["line"], l["column"]),
            v["path"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(at("legal_advice"), (format!("{shown}:16:18"), "/routes/0/use/purposes/0".into()));
    assert_eq!(at("medical_advice"), (format!("{shown}:10:14"), "/use/purposes/0".into()));
    assert_eq!(at("minors"), (format!("{shown}:10:30"), "/use/purposes/1".into()));
}

/// Outputs the proposal says train another model stay so on a route that
/// gives its own `use` without saying otherwise, and the failure points at
/// the proposal's field: `use: {production: false}` dropped them, so a
/// Llama 3 staging route passed LIC-OUTPUTS-TRAINING while the production
/// route beside it failed. A route that states `false` is judged on that.
#[test]
fn outputs_used_for_training_bind_a_route_that_gives_its_own_use() {
    let dir = scratch_dir("locations-route-outputs");
    let route = |name: &str, usage: &str| {
        format!(
            "  - name: {name}\n    model: {{id: meta-llama/Meta-Llama-3-8B-Instruct}}\n    deployment: {{kind: self_hosted, \
             provider: on_prem, regions: [US], network: private}}\n{usage}"
        )
    };
    let text = format!(
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: outputs-router\norganization:\n  \
         domicile: US\ndata:\n  classes: [internal]\nuse:\n  outputs_train_other_models: true\nroutes:\n{}{}{}",
        route("production", ""),
        route("staging", "    use: {production: false}\n"),
        route("own-say", "    use: {outputs_train_other_models: false}\n"),
    );
    let (shown, report) = check_text(&dir, "router.yaml", text.as_bytes());
    let outputs = |route: &str| {
        let proposal = report["proposals"].as_array().unwrap().iter().find(|p| p["route"] == route).unwrap();
        let f = proposal["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "LIC-OUTPUTS-TRAINING").unwrap();
        let at = f["violations"].get(0).map(|v| {
            let l = &v["location"];
            format!("{}:{}:{}", l["file"].as_str().unwrap(), l["line"], l["column"])
        });
        (f["status"].as_str().unwrap().to_string(), at)
    };
    let top = Some(format!("{shown}:10:3"));
    assert_eq!(outputs("production"), ("fail".to_string(), top.clone()));
    assert_eq!(outputs("staging"), ("fail".to_string(), top));
    assert_eq!(outputs("own-say").0, "not_applicable");
}

/// A warning or failure caused by one element of a list points at that
/// element, not at the list's key (a block list has its key on another
/// line): `special_category` in `data.classes`, `surveillance` in
/// `use.purposes`, `global` in `deployment.regions`.
#[test]
fn a_finding_caused_by_one_list_element_points_at_the_element() {
    for (proposal, rule, expected, path) in [
        (
            "fixtures/rules/RES-GDPR-SPECIAL-CATEGORY/warn-no-art9-condition-field.yaml",
            "RES-GDPR-SPECIAL-CATEGORY",
            "16:13",
            "/data/classes/0",
        ),
        ("fixtures/rules/RES-GDPR-DPIA/warn-large-scale-monitoring.yaml", "RES-GDPR-DPIA", "19:14", "/use/purposes/0"),
        (
            "fixtures/rules/RES-GDPR-TRANSFER/fail-global-routing.yaml",
            "RES-GDPR-TRANSFER",
            "12:13",
            "/deployment/regions/0",
        ),
        (
            "fixtures/rules/RES-GDPR-TRANSFER/warn-global-routing-with-sccs.yaml",
            "RES-GDPR-TRANSFER",
            "12:13",
            "/deployment/regions/0",
        ),
    ] {
        let (_, report) = check_json(&[proposal]);
        assert_eq!(at(&report, 0, rule), (format!("{proposal}:{expected}"), path.to_string()));
    }
    // In a block list, the element's own line.
    let dir = scratch_dir("locations-elements");
    let text = "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: block\nmodel:\n  id: \
                meta-llama/Llama-3.1-8B-Instruct\ndeployment:\n  kind: self_hosted\n  provider: on_prem\n  regions: \
                [DE]\n  network: private\ndata:\n  classes:\n    - pii\n    - special_category\n  subjects: [DE]\n  \
                large_scale: false\norganization:\n  domicile: DE\n  monthly_active_users: 1000\n";
    let (shown, report) = check_text(&dir, "block.yaml", text.as_bytes());
    assert_eq!(at(&report, 0, "RES-GDPR-SPECIAL-CATEGORY"), (format!("{shown}:15:7"), "/data/classes/1".into()));
}

/// A finding about a field the proposal leaves out points at the section
/// that should hold it, or at the document's first key when the section is
/// absent too, the same in every format, and its message names the field.
#[test]
fn a_finding_about_an_absent_field_points_at_its_section_or_the_document() {
    // No `use:` section: the document (line 1 is a comment).
    let proposal = "fixtures/rules/LIC-PRODUCTION/fail-qwen2.5-3b-research-license.yaml";
    assert_every_format_points_at(proposal, "LIC-COMMERCIAL", proposal, 2, 1, "/use/commercial");
    let (_, report) = check_json(&[proposal]);
    let message = crate::support::finding(&report, "LIC-COMMERCIAL")["message"].as_str().unwrap().to_string();
    assert!(message.contains("use.commercial is true"), "{message}");
    // An `organization:` without `monthly_active_users`: the section.
    let proposal = "fixtures/rules/LIC-LLAMA-MAU/warn-users-undeclared.yaml";
    assert_every_format_points_at(proposal, "LIC-LLAMA-MAU", proposal, 15, 1, "/organization/monthly_active_users");
}

/// A finding about the model itself (no price data for it; a catalog that
/// cannot tell whether it is multimodal) points at `model.id`, the line that
/// names it, not the `model:` line above.
#[test]
fn a_finding_about_the_model_points_at_its_id() {
    let proposal = "fixtures/rules/ADV-COST-CROSSOVER/warn-no-price-data.yaml";
    let (_, report) = check_json(&[proposal]);
    assert_eq!(at(&report, 0, "ADV-COST-CROSSOVER"), (format!("{proposal}:8:3"), "/model/id".to_string()));
}

/// Data kept in a country by law and processed abroad: the finding points at
/// the first region abroad, not at the `regions:` key above a block list.
#[test]
fn a_localisation_failure_points_at_the_region_abroad() {
    let dir = scratch_dir("locations-abroad");
    let text = "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: abroad\nmodel:\n  id: \
                meta-llama/Llama-3.1-8B-Instruct\ndeployment:\n  kind: self_hosted\n  provider: on_prem\n  regions:\n    \
                - RU\n    - DE\n  network: private\ndata:\n  classes: [pii]\n  subjects: [RU]\norganization:\n  domicile: \
                RU\n  monthly_active_users: 1000\n";
    let (shown, report) = check_text(&dir, "abroad.yaml", text.as_bytes());
    assert_eq!(at(&report, 0, "RES-NATIONAL-PRIVACY"), (format!("{shown}:12:7"), "/deployment/regions/1".into()));
}
