//! Hardening: the fuzzers' kept inputs replayed on stable, and oversized
//! inputs generated at test time (never committed).
//!
//! Every file under `fuzz/regressions/` (crashes the fuzzers found, slow
//! units, a minimized corpus, hand-written hostile seeds) goes through the
//! same entry points the cargo-fuzz targets call (`fuzz/harness.rs`,
//! compiled into this test as is): no panic, and an input that cannot be
//! loaded is an error, never a pass. The proposal inputs also go through the
//! binary, which must exit as the library says (2 for an error).
//!
//! Oversized inputs run the binary under an address-space limit
//! (`ulimit -v`, 1 GiB), so one that is not refused in bounded memory fails
//! here instead of swapping the machine.

/// The fuzz targets' entry points, compiled in as they are.
mod harness {
    include!("../fuzz/harness.rs");
}

use std::path::{Path, PathBuf};

use modelgate::source::{Limits, SourceFile};
use modelgate::ErrorKind;

use crate::support::{modelgate, root, Run, NOW};

/// Address space the binary may take for an oversized input, in KiB.
const MEMORY_LIMIT_KIB: u64 = 1024 * 1024;

/// Every kept input, sorted, with its target directory.
fn kept_inputs() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for target in ["proposal", "expression", "waiver", "check"] {
        let dir = root().join("fuzz/regressions").join(target);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        out.extend(files.into_iter().map(|p| (target.to_string(), p)));
    }
    out
}

/// Runs `f`, turning a panic into a message naming the input.
fn no_panic<T>(what: &str, path: &Path, f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let message = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{what} panicked on {}: {message}", path.display())
    })
}

#[test]
fn every_kept_input_goes_through_the_four_entry_points() {
    let inputs = kept_inputs();
    for target in ["proposal", "expression", "waiver", "check"] {
        assert!(inputs.iter().any(|(t, _)| t == target), "fuzz/regressions/{target} holds no input");
    }
    let mut failures = Vec::new();
    for (_, path) in &inputs {
        let data = std::fs::read(path).expect("read a kept input");
        let results = [
            no_panic("proposal", path, || {
                harness::proposal(&data);
            }),
            no_panic("expression", path, || {
                let _ = harness::expression(&data);
            }),
            no_panic("waiver", path, || {
                harness::waiver(&data);
            }),
            no_panic("check", path, || {
                harness::check(&data);
            }),
        ];
        failures.extend(results.into_iter().filter_map(Result::err));
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The `policy` and `catalog` targets' kept inputs
/// (`fuzz/regressions/{policy,catalog}`), each a `--policy` or `--catalog`
/// directory cut into files: loaded beside the bundled ones or refused,
/// never a panic. Only their own inputs: each builds an engine or a catalog.
#[test]
fn every_kept_policy_and_catalog_input_is_judged_or_refused() {
    type Entry = fn(&[u8]) -> u8;
    let targets: [(&str, Entry); 2] = [("policy", harness::policy), ("catalog", harness::catalog_dir)];
    for (target, entry) in targets {
        let dir = root().join("fuzz/regressions").join(target);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("entry").path())
            .collect();
        paths.sort();
        assert!(paths.len() >= 5, "fuzz/regressions/{target} holds {} inputs", paths.len());
        let mut codes = std::collections::BTreeSet::new();
        let mut failures = Vec::new();
        for path in &paths {
            let data = std::fs::read(path).expect("read a kept input");
            match no_panic(target, path, || entry(&data)) {
                Ok(code) => {
                    codes.insert(code);
                }
                Err(failure) => failures.push(failure),
            }
        }
        assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
        // The seeds reach past loading: some are judged (0 or 1), some refused (2).
        assert!(codes.contains(&2) && (codes.contains(&0) || codes.contains(&1)), "{target}: exit codes {codes:?}");
    }
}

/// A scratch directory for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("modelgate-hardening-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, data: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, data).expect("write scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn kept_proposal_inputs_exit_through_the_binary_as_the_library_says() {
    let scratch = Scratch::new("kept");
    let mut failures = Vec::new();
    for (target, path) in kept_inputs() {
        if target != "proposal" && target != "check" {
            continue;
        }
        let data = std::fs::read(&path).expect("read a kept input");
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("input");
        let json = path.extension().is_some_and(|e| e == "json");
        let name = if json { harness::NAMES[1] } else { harness::NAMES[0] };
        let expected = harness::check_one(name, &data);
        // The minimized corpus is many small variations: through the binary
        // only those that load (the rest fail in the reader, tested above).
        if stem.starts_with("corpus-") && expected == 2 {
            continue;
        }
        let file = scratch.write(&format!("{stem}.{}", if json { "json" } else { "yaml" }), &data);
        let run = modelgate(&["check", "--now", NOW, &file.to_string_lossy()]);
        let label = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
        if run.code != i32::from(expected) {
            failures.push(format!("{label}: exit {} but the library says {expected}\n{}", run.code, run.stderr));
        }
        if run.stderr.contains("panicked") || run.stderr.contains("internal error") {
            failures.push(format!("{label}: a panic reached the user\n{}", run.stderr));
        }
        if expected == 2 && run.stderr.trim().is_empty() {
            failures.push(format!("{label}: exit 2 with nothing on stderr"));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// `modelgate ARGS` under an address-space limit, where the shell has one.
fn modelgate_bounded(args: &[&str]) -> Run {
    if !cfg!(unix) || !Path::new("/bin/sh").exists() {
        return modelgate(args);
    }
    let output = std::process::Command::new("/bin/sh")
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_modelgate"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("run modelgate");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Checks `file` with the binary and expects a clean exit 2 whose message
/// contains `message`.
fn refused(file: &Path, message: &str) -> Run {
    let run = modelgate_bounded(&["check", "--now", NOW, &file.to_string_lossy()]);
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    assert_eq!(run.code, 2, "{name}: exit 2; stderr:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "{name}: nothing on stdout, got:\n{}", &run.stdout[..run.stdout.len().min(2000)]);
    assert!(run.stderr.contains(message), "{name}: stderr says `{message}`:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked") && !run.stderr.contains("internal error"), "{name}: no panic");
    assert!(run.stderr.len() < 20_000, "{name}: the message stays short ({} bytes)", run.stderr.len());
    run
}

fn limits() -> Limits {
    Limits::default()
}

#[test]
fn a_100_mb_file_is_refused_before_it_is_read() {
    let scratch = Scratch::new("big");
    let path = scratch.0.join("big.yaml");
    // Sparse: 100 MB on paper, nothing written but a valid-looking start.
    let file = std::fs::File::create(&path).expect("create");
    std::io::Write::write_all(&mut &file, b"apiVersion: modelgate.dev/v1\n").expect("write");
    file.set_len(100 * 1024 * 1024).expect("set_len");
    let limit = limits().max_file_bytes;
    refused(&path, &format!("file is 104857600 bytes, above the limit of {limit} bytes"));
    // The same file as waivers.
    let run = modelgate_bounded(&["check", "--now", NOW, "--waivers", &path.to_string_lossy(), "fixtures/"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("above the limit of {limit} bytes")), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_no_further_than_the_limit() {
    // `/dev/zero` says it is empty and never ends: reading stops one byte
    // past the limit.
    let run = refused(Path::new("/dev/zero"), "above the limit of");
    assert!(run.stderr.contains(&limits().max_file_bytes.to_string()), "{}", run.stderr);
}

#[test]
fn a_million_documents_are_refused_with_the_limit_named() {
    let scratch = Scratch::new("documents");
    let max = limits().max_documents;
    // Six bytes a document: a million fit under the size limit. The reader
    // stops at the limit; the loader, which takes documents as they are
    // read, stops at the first that is not a proposal.
    let text = "--- 1\n".repeat(1_000_000);
    let file = SourceFile::from_text("million.yaml", text.as_str());
    let error = file.documents(&limits(), ErrorKind::Input).expect_err("refused");
    assert!(error.message().contains(&format!("more than {max} documents in one file")), "{error}");
    assert_eq!(error.location().map(|l| l.line), Some(max as u32 + 1));
    let path = scratch.write("million.yaml", text.as_bytes());
    let run = refused(&path, "expected a proposal (a mapping), found an integer");
    assert!(run.stderr.contains("million.yaml:1:5"), "{}", run.stderr);
    // Empty documents are skipped, but each still counts towards the file's
    // value budget: a million and a half are refused.
    let file = scratch.write("empty.yaml", "---\n".repeat(1_500_000).as_bytes());
    refused(&file, &format!("more than {} values in all documents", limits().max_file_nodes));
    // A real proposal followed by 100,000 empty documents is judged.
    let mut text = std::fs::read_to_string(root().join("fixtures/saas-gpt4o-internal.yaml")).expect("fixture");
    text.push_str(&"---\n".repeat(100_000));
    let file = scratch.write("proposal-then-empty.yaml", text.as_bytes());
    let run = modelgate_bounded(&["check", "--now", NOW, &file.to_string_lossy()]);
    assert!(run.code == 0 || run.code == 1, "judged: exit {}; stderr:\n{}", run.code, run.stderr);
    assert!(run.stdout.contains("1 proposal"), "{}", run.stdout);
    // A real proposal followed by a million `{}`: the second is refused.
    let mut text = std::fs::read_to_string(root().join("fixtures/saas-gpt4o-internal.yaml")).expect("fixture");
    text.push_str(&"--- {}\n".repeat(1_000_000));
    refused(&scratch.write("proposal-then-maps.yaml", text.as_bytes()), "missing required key `apiVersion`");
}

#[test]
fn ten_thousand_deep_nesting_is_a_clear_error_in_yaml_and_json() {
    let scratch = Scratch::new("deep");
    let depth = 10_000;
    let cases = [
        ("flow-seq.yaml", format!("{}1{}\n", "[".repeat(depth), "]".repeat(depth))),
        ("flow-map.yaml", format!("{}1{}\n", "{a: ".repeat(depth), "}".repeat(depth))),
        ("block-seq.yaml", format!("{}x\n", "- ".repeat(depth))),
        ("mixed.yaml", format!("a: {}1{}\n", "[{b: ".repeat(depth / 2), "}]".repeat(depth / 2))),
        ("array.json", format!("{}1{}\n", "[".repeat(depth), "]".repeat(depth))),
        ("object.json", format!("{}1{}\n", "{\"a\": ".repeat(depth), "}".repeat(depth))),
    ];
    for (name, text) in &cases {
        // In process, on a test thread's small stack: no overflow.
        let file = SourceFile::from_text(*name, text.as_str());
        let error = file.documents(&limits(), ErrorKind::Input).expect_err(name);
        assert!(error.message().contains("nesting is too deep"), "{name}: {error}");
        assert!(
            error.message().contains(&format!("{} levels", limits().max_depth)),
            "{name}: names the limit: {error}"
        );
        // Through the binary.
        let path = scratch.write(name, text.as_bytes());
        refused(&path, "nesting is too deep");
    }
}

#[test]
fn a_huge_scalar_is_an_error_not_a_blowup() {
    let scratch = Scratch::new("scalar");
    let fixture = std::fs::read_to_string(root().join("fixtures/saas-gpt4o-internal.yaml")).expect("fixture");
    let huge = "x".repeat(7 * 1024 * 1024);
    let text = fixture.replacen("name: ", &format!("name: {huge}"), 1);
    let file = scratch.write("huge-name.yaml", text.as_bytes());
    refused(&file, "characters long: the limit is 128");
    let text = format!("{fixture}description: \"{huge}\"\n");
    let file = scratch.write("huge-unknown.yaml", text.as_bytes());
    refused(&file, "unknown key `description`");
    // A key of megabytes (explicit in YAML, any in JSON) is refused as such.
    let key = "k".repeat(7 * 1024 * 1024);
    refused(&scratch.write("huge-key.yaml", format!("? {key}\n: 1\n").as_bytes()), "mapping key is longer than 1024");
    refused(
        &scratch.write("huge-key.json", format!("{{\"{key}\": 1}}\n").as_bytes()),
        "mapping key is longer than 1024",
    );
}

#[test]
fn an_alias_bomb_repeated_in_every_document_is_refused() {
    // Each document expands to ~90,000 values, under the per-document limit;
    // together they pass the file's.
    let document = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
                    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n\
                    e: [*d,*d,*d,*d,*d,*d,*d]\n";
    let text = document.repeat(2000);
    let file = SourceFile::from_text("bomb.yaml", text.as_str());
    let error = file.documents(&limits(), ErrorKind::Input).expect_err("refused");
    let expected = format!("more than {} values in all documents", limits().max_file_nodes);
    assert!(error.message().contains(&expected), "{error}");
    // The binary refuses the first document, which is no proposal, before
    // the second is read.
    let scratch = Scratch::new("bomb");
    refused(&scratch.write("bomb.yaml", text.as_bytes()), "unknown key `a`");
}

#[test]
fn anchors_nested_deeply_count_the_copies_they_keep() {
    // 60 nested anchors each keep a copy of an 11,111-value list.
    let document = format!(
        "---\na: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n\
         c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\nf: {}*d{}\n",
        (0..60).map(|i| format!("&f{i} [")).collect::<String>(),
        "]".repeat(60)
    );
    let file = SourceFile::from_text("anchors.yaml", document.repeat(4));
    let error = file.documents(&limits(), ErrorKind::Input).expect_err("refused");
    assert!(error.message().contains("values in all documents"), "{error}");
}

#[test]
fn a_wide_mapping_finds_duplicate_keys_without_quadratic_search() {
    // 40,000 keys (80,000 values): searched pairwise this took minutes.
    let mut text: String = (0..40_000).map(|i| format!("k{i}: 1\n")).collect();
    text.push_str("k17: 2\n");
    let file = SourceFile::from_text("wide.yaml", text);
    let error = file.documents(&limits(), ErrorKind::Input).expect_err("duplicate");
    assert!(error.message().contains("duplicate key `k17` (first defined at line 18)"), "{error}");
    assert_eq!(error.location().map(|l| l.line), Some(40_001));
}

#[test]
fn an_empty_list_of_proposals_is_an_error_not_a_pass() {
    let scratch = Scratch::new("empty-list");
    refused(&scratch.write("empty.yaml", b"[]\n"), "found an empty list");
    refused(&scratch.write("empty.json", b"[]\n"), "found an empty list");
    refused(&scratch.write("empty-docs.yaml", b"--- []\n--- []\n"), "found an empty list");
}

/// regorus's parser reads a bracket's contents again for each bracket around
/// it: 30 nested arrays in a `--policy` file would parse for minutes and
/// 100,000 abort the process on a stack overflow. Both are refused before
/// parsing, at the bracket, by `check` and `test` alike.
#[test]
fn deeply_nested_brackets_in_a_policy_are_refused_before_parsing() {
    let dir = crate::support::scratch_dir("deep-policy");
    for depth in [30, 100_000] {
        let text = format!(
            "package modelgate.lib.deep\n\nimport rego.v1\n\nx := {}1{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        std::fs::write(dir.join("deep.rego"), text).unwrap();
        let policy = dir.to_string_lossy().to_string();
        for args in
            [vec!["check", "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"], vec!["test", "--policy", &policy]]
        {
            let run = modelgate_bounded(&args);
            assert_eq!(run.code, 2, "{depth} {args:?}: {}", run.stderr);
            assert!(run.stderr.contains("brackets nest too deep to parse"), "{}", run.stderr);
            assert!(run.stderr.contains("deep.rego:5:27"), "at the 22nd bracket: {}", run.stderr);
            assert!(run.stdout.is_empty());
        }
    }
}

/// Writes `rule.rego` into `dir`: the rule `id` in package
/// `modelgate.rules.<package>`, failing whenever `applies_if` holds (its
/// `deny` is on line 11).
fn write_rule(dir: &Path, package: &str, id: &str, applies_if: &str) {
    let meta = format!(
        "{{\"id\": \"{id}\", \"title\": \"{id}\", \"severity\": \"low\", \"category\": \"requirement\", \
         \"citation\": {{\"document\": \"Acme\", \"section\": \"1\", \"url\": \"https://intranet.example/x\"}}}}"
    );
    let text = format!(
        "package modelgate.rules.{package}\n\nimport rego.v1\n\nmeta := {meta}\n\ndefault applies := false\n\napplies \
         if {applies_if}\n\ndeny contains \"{id}\" if applies\n"
    );
    std::fs::write(dir.join("rule.rego"), text).unwrap();
}

/// regorus's interpreter evaluates a rule's dependencies on its stack: a
/// chain of 15,000 rules (`a0 := a1`, ...) aborted the process. A chain
/// longer than modelgate's limit is refused before evaluation, at its start;
/// one just inside it is judged, on the calling thread (one proposal) and on
/// the worker pool (enough proposals for the pool) alike.
#[test]
fn a_chain_of_rules_too_long_for_the_stack_is_refused_and_one_inside_the_limit_is_judged() {
    let dir = crate::support::scratch_dir("rule-chain");
    write_rule(&dir, "acme.chain", "ACME-CHAIN", "data.modelgate.lib.chain.a0 == 1");
    let policy = dir.to_string_lossy().to_string();
    let write_chain = |n: usize| {
        let mut text = String::from("package modelgate.lib.chain\n\nimport rego.v1\n\n");
        for i in 0..n {
            text.push_str(&format!("a{i} := a{}\n", i + 1));
        }
        text.push_str(&format!("a{n} := 1\n"));
        std::fs::write(dir.join("chain.rego"), text).unwrap();
    };
    write_chain(15_000);
    for args in
        [vec!["check", "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"], vec!["test", "--policy", &policy]]
    {
        let run = modelgate_bounded(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("rule.rego:11: `modelgate.rules.acme.chain.deny` starts a chain of 15003"),
            "{}",
            run.stderr
        );
    }
    // deny -> applies -> a0 ... a196: 199 rules, inside the limit of 200.
    write_chain(196);
    for proposals in ["fixtures/saas-gpt4o-internal.yaml", "fixtures/rules/LIC-UNKNOWN"] {
        let run = modelgate_bounded(&["check", "--policy", &policy, "--format", "json", proposals]);
        assert_eq!(run.code, 1, "{proposals}: {}", run.stderr);
        let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let chained = report["proposals"].as_array().unwrap().iter().all(|p| {
            p["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "ACME-CHAIN" && f["status"] == "fail")
        });
        assert!(chained, "{proposals}: every proposal fails ACME-CHAIN");
        assert!(report["proposals"].as_array().unwrap().len() >= if proposals.ends_with("yaml") { 1 } else { 8 });
    }
}

/// A builtin asked for a value of any size: `numbers.range(1, 2000000000)`
/// is one 48 GB array, and a failed allocation aborted the process with no
/// message. One request above 2 GiB now ends the run with exit 2.
#[test]
fn a_rule_that_asks_for_a_huge_value_ends_the_run_with_exit_2() {
    let dir = crate::support::scratch_dir("huge-value");
    write_rule(&dir, "acme.huge", "ACME-HUGE", "count(numbers.range(1, 2000000000)) > 0");
    let policy = dir.to_string_lossy().to_string();
    let run = modelgate_bounded(&["check", "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("error: a rule asked for 48000000000 bytes in one piece"), "{}", run.stderr);
}

/// Many values each of a fair size: a comprehension of 10,000-long ranges
/// held 4 GB within the 5-second time limit, and the system kills such a
/// process with no message. The memory a run holds is capped (4 GiB, or
/// `MODELGATE_MEMORY_LIMIT_MB`), and passing the cap ends the run with exit 2.
#[test]
fn a_rule_that_holds_too_much_memory_ends_the_run_with_exit_2() {
    let dir = crate::support::scratch_dir("hoarding-rule");
    let hoard = "count([r | some i in numbers.range(1, 100000); r := numbers.range(1, 10000)]) > 0";
    write_rule(&dir, "acme.hoard", "ACME-HOARD", hoard);
    let policy = dir.to_string_lossy().to_string();
    let args = ["check", "--timeout-ms", "600000", "--policy", &policy, "fixtures/saas-gpt4o-internal.yaml"];
    let run = |limit: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_modelgate"))
            .args(args)
            .env("MODELGATE_MEMORY_LIMIT_MB", limit)
            .current_dir(root())
            .output()
            .expect("run modelgate");
        (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    let (code, stderr) = run("128");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("error: the run holds more than 128 MB, the most modelgate allows"), "{stderr}");
    let (code, stderr) = run("lots");
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stderr.trim(), "error: MODELGATE_MEMORY_LIMIT_MB must be a number of megabytes, got `lots`");
}

/// Rules defined by each other (not functions) are reported by regorus when
/// evaluated: an `error` finding (exit 2) at the user's rule, never a pass,
/// and without an excerpt of modelgate's internal aggregate module.
#[test]
fn rules_that_read_each_other_are_an_error_at_the_rule() {
    let (code, report) = crate::support::check_json(&[
        "--policy",
        "fixtures/policies/rules-reading-each-other",
        "fixtures/saas-gpt4o-internal.yaml",
    ]);
    assert_eq!(code, 2);
    let finding = crate::support::finding(&report, "ACME-CYCLE");
    assert_eq!(finding["status"], "error");
    let message = finding["message"].as_str().unwrap();
    assert!(message.contains("recursion detected"), "{message}");
    assert!(message.contains("--> fixtures/policies/rules-reading-each-other/cycle.rego:16:1"), "{message}");
    assert!(!message.contains("aggregate.rego"), "{message}");
}
