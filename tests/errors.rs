//! Bad input gets one clear error naming file:line:column and exit 2: never
//! a panic, never a silent pass. Each YAML fixture in `fixtures/invalid/`
//! states what it expects on its first line (`# expect: LINE:COL message`);
//! JSON cannot carry comments, so JSON fixtures are listed here.

use crate::support::{files_in, modelgate, relative, scratch_dir};

const JSON_EXPECTATIONS: [(&str, &str); 3] = [
    (
        "fixtures/invalid/malformed.json",
        "4:41 invalid JSON: trailing comma (JSON allows no comma after the last member of an object or array)",
    ),
    (
        "fixtures/invalid/json-with-comment.json",
        "2:3 invalid JSON: key must be a string (JSON has no comments: remove it, or write the proposal in YAML)",
    ),
    ("fixtures/invalid/deep-nesting.json", "1:256 nesting is too deep"),
];

fn expectation(path: &str) -> String {
    if let Some((_, e)) = JSON_EXPECTATIONS.iter().find(|(p, _)| *p == path) {
        return e.to_string();
    }
    let text = std::fs::read_to_string(crate::support::root().join(path)).unwrap();
    let first = text.lines().next().unwrap_or("");
    first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| panic!("{path}: first line must be `# expect: LINE:COL message`"))
        .to_string()
}

#[test]
fn each_invalid_fixture_fails_with_its_position_and_message() {
    let files = files_in("fixtures/invalid");
    assert!(files.len() >= 15, "expected the full set of invalid fixtures");
    for file in files {
        let path = relative(&file);
        let expected = expectation(&path);
        let (position, message) = expected.split_once(' ').expect("LINE:COL message");
        // A trailing `(...)` is the hint, shown beside the caret.
        let message = match message.rsplit_once(" (") {
            Some((message, hint)) if hint.ends_with(')') => message,
            _ => message,
        };
        let run = modelgate(&["check", &path]);
        assert_eq!(run.code, 2, "{path}: exit 2; stderr:\n{}", run.stderr);
        assert!(run.stdout.is_empty(), "{path}: nothing on stdout, got:\n{}", run.stdout);
        assert!(run.stderr.contains(&format!("{path}:{position}")), "{path}: stderr names {position}:\n{}", run.stderr);
        assert!(run.stderr.contains(message), "{path}: stderr says `{message}`:\n{}", run.stderr);
        if let Some(hint) = expected.split(" (").nth(1) {
            let hint = hint.trim_end_matches(')');
            assert!(run.stderr.contains(hint), "{path}: stderr hints `{hint}`:\n{}", run.stderr);
        }
        assert!(!run.stderr.contains("panicked"), "{path}: no panic");
        assert_eq!(run.stderr.matches("error:").count(), 1, "{path}: exactly one error:\n{}", run.stderr);
    }
}

#[test]
fn a_missing_file_is_an_error_not_a_pass() {
    let run = modelgate(&["check", "fixtures/does-not-exist.yaml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("fixtures/does-not-exist.yaml: cannot read"), "{}", run.stderr);
}

#[test]
fn a_directory_without_proposals_is_an_error() {
    let run = modelgate(&["check", "src"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no .yaml, .yml or .json files"), "{}", run.stderr);
    // `src` has subdirectories: --recursive may find proposals there.
    assert!(run.stderr.contains("(use --recursive to read subdirectories)"), "{}", run.stderr);
    // An empty directory has none: the flag would find nothing, so it is
    // not suggested (it was, whatever the directory held).
    let empty = crate::support::scratch_dir("empty-dir");
    let run = modelgate(&["check", empty.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no .yaml, .yml or .json files"), "{}", run.stderr);
    assert!(!run.stderr.contains("--recursive"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(empty);
}

#[test]
fn a_bad_now_date_is_an_error() {
    for now in ["23/11/2026", "2026-11-3", "2026-02-30"] {
        let run = modelgate(&["check", "--now", now, "fixtures/"]);
        assert_eq!(run.code, 2, "{now}");
        assert!(run.stderr.contains(&format!("--now must be a date as YYYY-MM-DD, found `{now}`")), "{}", run.stderr);
    }
}

/// A time limit of 0 ms is refused, for `check` and `test` alike: it ran
/// with 1 ms and reported that limit, a number nobody gave. The largest
/// value is no limit in practice, and judges as usual.
#[test]
fn a_zero_time_limit_is_an_error() {
    for args in
        [vec!["check", "--timeout-ms", "0", "fixtures/saas-gpt4o-internal.yaml"], vec!["test", "--timeout-ms", "0"]]
    {
        let run = modelgate(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("invalid value '0' for '--timeout-ms <MS>'"), "{}", run.stderr);
    }
    let run = modelgate(&["check", "--timeout-ms", &u64::MAX.to_string(), "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A proposal name used twice is an error at the second use, naming the first,
/// across files (checked on every core, then registered in input order) and
/// within one file; nothing is written to stdout.
#[test]
fn a_proposal_name_used_twice_is_an_error_at_the_second_use() {
    let dir = scratch_dir("duplicate-names");
    let proposal = |name: &str| {
        format!(
            "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: {name}\nmodel:\n  id: gpt-4o\n\
             deployment:\n  kind: vendor_api\n  provider: openai\n  regions: [US]\ndata:\n  classes: [public]\n"
        )
    };
    // Files between the two uses, so the first and second land in different parallel work.
    for i in 0..40 {
        std::fs::write(dir.join(format!("b{i:02}.yaml")), proposal(&format!("filler-{i}"))).unwrap();
    }
    std::fs::write(dir.join("a.yaml"), proposal("support-chat")).unwrap();
    std::fs::write(dir.join("c.yaml"), format!("{}---\n{}", proposal("other"), proposal("support-chat"))).unwrap();
    let dir_arg = dir.to_str().unwrap();
    let run = modelgate(&["check", dir_arg]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout:\n{}", run.stdout);
    let second = format!("{}:17:9", dir.join("c.yaml").display());
    assert!(run.stderr.contains(&second), "the error is at the second use ({second}):\n{}", run.stderr);
    let first = format!("already used at {}:4", dir.join("a.yaml").display());
    assert!(run.stderr.contains(&first), "it names the first use ({first}):\n{}", run.stderr);

    std::fs::write(dir.join("c.yaml"), proposal("third")).unwrap();
    std::fs::write(dir.join("b07.yaml"), format!("{}---\n{}", proposal("twice"), proposal("twice"))).unwrap();
    let run = modelgate(&["check", "--jobs", "1", dir_arg]);
    assert_eq!(run.code, 2, "stderr:\n{}", run.stderr);
    let within = format!("{}:17:9", dir.join("b07.yaml").display());
    assert!(run.stderr.contains(&within), "within one file, at the second use ({within}):\n{}", run.stderr);

    // One file named twice is read once: its name is not used twice.
    std::fs::write(dir.join("b07.yaml"), proposal("once")).unwrap();
    let file = dir.join("a.yaml");
    let again = format!("{}/./a.yaml", dir.display());
    let run = modelgate(&["check", "--now", "2026-11-23", "--format", "json", file.to_str().unwrap(), &again, dir_arg]);
    assert_eq!(run.code, 0, "stderr:\n{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["summary"]["proposals"], 42);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `-R` follows symlinked directories; one that leads back to a directory
/// being read is a loop: one error naming the link, exit 2 (it ran without
/// end before). A link to a sibling directory is no loop: its files are
/// read once.
#[cfg(unix)]
#[test]
fn a_symlink_loop_under_recursive_is_an_error() {
    let dir = scratch_dir("symlink-loop");
    std::fs::create_dir_all(dir.join("proposals/team")).unwrap();
    std::fs::create_dir_all(dir.join("shared")).unwrap();
    std::fs::copy(crate::support::root().join("fixtures/saas-gpt4o-internal.yaml"), dir.join("proposals/team/p.yaml"))
        .unwrap();
    std::os::unix::fs::symlink(dir.join("proposals/team"), dir.join("shared/team")).unwrap();
    let dir_arg = dir.to_str().unwrap().to_string();
    let run = modelgate(&["check", "-R", "--now", crate::support::NOW, &dir_arg]);
    assert_eq!(run.code, 0, "a link to a sibling is read once:\n{}", run.stderr);
    assert!(run.stdout.contains("1 proposal: 1 pass"), "{}", run.stdout);

    std::os::unix::fs::symlink("..", dir.join("proposals/team/up")).unwrap();
    let run = modelgate(&["check", "-R", "--now", crate::support::NOW, &dir_arg]);
    crate::support::assert_refused(&run, "proposals/team/up: symlink loop: it leads back to");
    assert!(run.stderr.contains(&format!("leads back to {}/proposals", dir.display())), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A JSON proposal saved with a byte order mark (as Windows editors and
/// PowerShell write it) is read like one without: RFC 8259 lets a parser
/// ignore the mark, and the YAML reader already did. It was refused as
/// "invalid JSON: expected value" at 1:1. Columns on the first line do not
/// count the mark.
#[test]
fn a_json_proposal_with_a_byte_order_mark_is_read() {
    let dir = scratch_dir("json-bom");
    let proposal = r#"{"apiVersion": "modelgate.dev/v1", "kind": "ModelProposal", "metadata": {"name": "bom"},
 "model": {"id": "openai/gpt-4o"}, "deployment": {"kind": "vendor_api", "provider": "openai", "regions": ["US"]},
 "data": {"classes": ["internal"]}}"#;
    let file = dir.join("bom.json");
    std::fs::write(&file, format!("\u{feff}{proposal}")).unwrap();
    let path = file.to_str().unwrap();
    let run = modelgate(&["check", "--now", crate::support::NOW, path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("1 proposal: 1 pass"), "{}", run.stdout);

    std::fs::write(&file, format!("\u{feff}{}", proposal.replacen("\"bom\"}", "\"bom\"},}", 1))).unwrap();
    let run = modelgate(&["check", "--now", crate::support::NOW, path]);
    crate::support::assert_refused(&run, "invalid JSON: trailing comma");
    assert!(run.stderr.contains(&format!("{path}:1:88")), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A JSON proposal holding a character outside the Basic Multilingual Plane
/// as a UTF-16 surrogate pair escape, as Python's `json.dumps` writes it by
/// default (`"\ud83d\ude00"`), is valid JSON and is read: it was refused as
/// "invalid JSON: ... found invalid Unicode character escape code", since
/// the YAML reader took each `\u` escape as a character of its own. Fields
/// after the string on the same line keep their columns; a lone surrogate is
/// still refused.
#[test]
fn a_json_proposal_with_a_surrogate_pair_escape_is_read() {
    let dir = scratch_dir("json-surrogates");
    let proposal = r#"{"apiVersion": "modelgate.dev/v1", "kind": "ModelProposal", "metadata": {"name": "emoji", "owner": "team \ud83d\ude00 \\\" \ud83d\ude00"}, "model": {"id": "meta-llama/Llama-3.1-70B-Instruct"}, "deployment": {"kind": "self_hosted", "provider": "on_prem", "regions": ["US"]}, "data": {"classes": ["internal"]}, "organization": {"domicile": "US", "monthly_active_users": 800000000}}"#;
    let file = dir.join("emoji.json");
    std::fs::write(&file, proposal).unwrap();
    let path = file.to_str().unwrap();
    let (code, report) = crate::support::check_json(&[path]);
    assert_eq!(code, 1, "{report}");
    let mau = report["proposals"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "LIC-LLAMA-MAU")
        .unwrap()
        .clone();
    assert_eq!(mau["status"], "fail");
    let column = proposal.find("\"monthly_active_users\"").unwrap() + 1;
    assert_eq!(mau["location"]["line"], 1);
    assert_eq!(mau["location"]["column"], column, "{mau}");
    let run = modelgate(&["parse", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(r#""owner": "team 😀 \\\" 😀""#), "{}", run.stdout);

    std::fs::write(&file, proposal.replacen("\\ud83d\\ude00", "\\ude00", 1)).unwrap();
    let run = modelgate(&["check", "--now", crate::support::NOW, path]);
    crate::support::assert_refused(&run, "invalid JSON");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Model card front matter: a malformed field is one error at the field in
/// the card, named as the user writes it, without Rust type names (`base_model:
/// 123` said "data did not match any variant of untagged enum OneOrMany" at
/// the line above); front matter that is a list is "expected a mapping"; and
/// an empty front matter (`---` then `---`) declares nothing, like a card
/// without one, instead of "file holds no document".
#[test]
fn model_card_front_matter_errors_name_the_field_in_the_card() {
    let dir = scratch_dir("card-errors");
    let proposal = |license: &str| {
        format!(
            "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: tuned\nmodel:\n  id: acme/tuned-8b\n\
             {license}  card: card.md\ndeployment:\n  kind: self_hosted\n  provider: on_prem\n  regions: [US]\n\
             data:\n  classes: [internal]\n"
        )
    };
    let file = dir.join("p.yaml");
    let card = dir.join("card.md");
    let path = file.to_str().unwrap().to_string();
    let card_path = card.to_str().unwrap().to_string();
    let cases = [
        (
            "---\nlicense: mit\nbase_model: 123\n---\n",
            ":3:13",
            "model card front matter: `base_model`: expected a model id or a list of model ids, found the integer 123",
        ),
        ("---\nlicense: [mit, apache-2.0]\n---\n", ":2:10", "model card front matter: `license`: expected a string"),
        ("---\n- license: mit\n---\n", ":2:1", "model card front matter: expected a mapping, found a list"),
    ];
    std::fs::write(&file, proposal("")).unwrap();
    for (text, position, message) in cases {
        std::fs::write(&card, text).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        crate::support::assert_refused(&run, message);
        assert!(run.stderr.contains(&format!("{card_path}{position}")), "{text}: at {position}:\n{}", run.stderr);
        assert!(!run.stderr.contains("OneOrMany") && !run.stderr.contains("struct"), "{}", run.stderr);
        assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
    }
    // A base model outside the catalog is named at its entry in the card
    // (it pointed at the proposal's `card:` line), which the message names.
    for (text, position) in [
        ("---\nlicense: mit\nbase_model: someone/unknown-7b\n---\n", ":3:13"),
        ("---\nlicense: mit\nbase_model:\n- Qwen/Qwen2.5-7B-Instruct\n- someone/unknown-7b\n---\n", ":5:3"),
    ] {
        std::fs::write(&card, text).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        crate::support::assert_refused(&run, "the model card's base model `someone/unknown-7b` is not in the catalog");
        assert!(run.stderr.contains(&format!("{card_path}{position}")), "{text}: at {position}:\n{}", run.stderr);
        assert!(run.stderr.contains(&format!("model.card at {path}:7:3")), "{}", run.stderr);
    }
    for empty in ["---\n---\n# A card\n", "---\n# nothing declared yet\n---\n"] {
        std::fs::write(&card, empty).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        crate::support::assert_refused(&run, "its model card");
        assert!(run.stderr.contains("declares no license: give `model.license`"), "{}", run.stderr);
        std::fs::write(&file, proposal("  license: MIT\n")).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        assert_eq!(run.code, 0, "an empty front matter with model.license is judged:\n{}", run.stderr);
        std::fs::write(&file, proposal("")).unwrap();
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A card's path comes from the proposal's text, which a gate on pull
/// requests does not trust: a card outside the working directory and the
/// proposal's directory (by `..`, an absolute path or a symbolic link) is
/// refused before it is read, so no line of it reaches the log. A card beside
/// a proposal outside the working directory, or one in the repository named
/// from there, is read.
#[test]
fn a_model_card_outside_the_working_directory_and_the_proposals_is_refused_unread() {
    let dir = scratch_dir("card-place");
    let elsewhere = scratch_dir("card-place-elsewhere");
    // Not a card: the error would quote its first line if it were read.
    let secret = elsewhere.join("secret.md");
    std::fs::write(&secret, "---\ntoken: [do-not-print\n---\n").unwrap();
    std::fs::write(dir.join("card.md"), "---\nlicense: mit\n---\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, dir.join("link.md")).unwrap();
    let file = dir.join("p.yaml");
    let path = file.to_str().unwrap().to_string();
    let proposal = |card: &str| {
        format!(
            "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: tuned\nmodel:\n  id: acme/tuned-8b\n  \
             card: {card}\ndeployment:\n  kind: self_hosted\n  provider: on_prem\n  regions: [US]\n  network: private\n\
             data:\n  classes: [internal]\n  subjects: [US]\norganization:\n  domicile: US\n  monthly_active_users: 10\n\
             use:\n  commercial: true\n  production: true\n"
        )
    };
    let outside = format!("../{}/secret.md", elsewhere.file_name().unwrap().to_str().unwrap());
    let mut refused = vec![secret.to_str().unwrap().to_string(), outside];
    if cfg!(unix) {
        refused.push("link.md".into());
    }
    for card in &refused {
        std::fs::write(&file, proposal(card)).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        crate::support::assert_refused(&run, "is outside the working directory and the proposal's directory");
        assert!(run.stderr.contains(&format!("{path}:7:9")), "{card}: at the card field:\n{}", run.stderr);
        assert!(!run.stderr.contains("do-not-print"), "{card}: the file was not read:\n{}", run.stderr);
    }
    let in_repository = crate::support::root().join("fixtures/cards/llama31-support-tune/README.md");
    for card in ["card.md", in_repository.to_str().unwrap()] {
        std::fs::write(&file, proposal(card)).unwrap();
        let run = modelgate(&["check", "--now", crate::support::NOW, &path]);
        assert!(run.code == 0 || run.code == 1, "{card} is read and judged:\n{}", run.stderr);
    }
    std::fs::remove_dir_all(&dir).unwrap();
    std::fs::remove_dir_all(&elsewhere).unwrap();
}

/// A waiver file among the proposals (a `waivers.yaml` in the directory
/// checked) is named as a waiver file, with what to do; it said "`kind`:
/// unknown value `Waivers`". The waivers module checks the other mix-up.
#[test]
fn a_waiver_file_given_as_a_proposal_is_named_as_such() {
    let run = modelgate(&["check", "fixtures/waivers/valid.yaml"]);
    crate::support::assert_refused(&run, "this is a waiver file (`kind: Waivers`), not a proposal");
    assert!(run.stderr.contains("fixtures/waivers/valid.yaml:5:7"), "{}", run.stderr);
    assert!(run.stderr.contains("give it with --waivers FILE"), "{}", run.stderr);
}

/// A catalog file of two documents (a second record appended with `---`) is
/// refused at the second document, as a policy data file and a waiver file
/// are: the error pointed at line 1, column 1, the file's first line.
#[test]
fn a_catalog_file_of_two_documents_is_refused_at_the_second() {
    let dir = scratch_dir("catalog-two-documents");
    let models = std::fs::read_to_string(crate::support::root().join("fixtures/catalog/acme/models.yaml")).unwrap();
    let line = models.lines().count() + 2;
    std::fs::write(dir.join("models.yaml"), format!("{models}---\nmodels: []\n")).unwrap();
    let run = modelgate(&[
        "check",
        "--now",
        crate::support::NOW,
        "--catalog",
        dir.to_str().unwrap(),
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    crate::support::assert_refused(&run, "the model list is one document");
    assert!(run.stderr.contains(&format!("models.yaml:{line}:1")), "{}", run.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}
