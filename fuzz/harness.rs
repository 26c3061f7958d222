// The six fuzzed entry points, shared by the cargo-fuzz targets
// (`fuzz/fuzz_targets/*.rs`, as `#[path] mod harness`) and the stable
// regression test (`tests/hardening.rs`, through `include!`), so every kept
// input goes through exactly the code the fuzzer ran. Plain comments only:
// an included file cannot carry inner attributes or `//!` docs.
//
// Each entry point takes arbitrary bytes and either accepts them or returns
// an error; a panic, or an invariant broken below (an error reported as a
// pass, a report that judged nothing), is a bug.

use std::sync::OnceLock;

use modelgate::catalog::expr;
use modelgate::catalog::Catalog;
use modelgate::check::{check as run_check, CheckOptions, Context};
use modelgate::engine::PolicySources;
use modelgate::finding::Status;
use modelgate::proposal::{load_sources, LoadOptions, ProposalSet};
use modelgate::report::{Format, Report, Verdict};
use modelgate::source::{Limits, SourceFile};
use modelgate::waiver::Waivers;
use modelgate::{Error, ErrorKind};

/// The date every run judges as today.
pub const NOW: &str = "2026-11-23";

/// The bundled catalog and policies, built once per process.
pub fn context() -> &'static Context {
    static CONTEXT: OnceLock<Context> = OnceLock::new();
    CONTEXT.get_or_init(|| Context::new(&[]).expect("the bundled context builds"))
}

/// The bundled catalog.
pub fn catalog() -> &'static Catalog {
    &context().catalog
}

/// The file names an input is tried under: the YAML reader, and the JSON
/// reader (JSON's own syntax check first).
pub const NAMES: [&str; 2] = ["fuzz.yaml", "fuzz.json"];

/// An input as the real reader sees it after reading the file: the size
/// limit and the UTF-8 check of `SourceFile::read`.
fn source(name: &str, data: &[u8], kind: ErrorKind) -> Result<SourceFile, Error> {
    SourceFile::from_bytes(name.to_string(), data.to_vec(), &Limits::default(), kind)
}

/// An error must say something and render without panicking.
fn checked(error: Error) -> Error {
    assert!(!error.message().trim().is_empty(), "an error with no message");
    assert!(!error.render().trim().is_empty(), "an error that renders to nothing");
    error
}

/// Target 1: bytes -> documents -> typed proposals (`load_sources`, which
/// runs `modelgate::de::from_node` into `ProposalDoc` on every document).
pub fn proposal(data: &[u8]) -> Vec<Result<ProposalSet, Error>> {
    NAMES.iter().map(|name| load(name, data)).collect()
}

fn load(name: &str, data: &[u8]) -> Result<ProposalSet, Error> {
    let file = source(name, data, ErrorKind::Input).map_err(checked)?;
    let set = load_sources(vec![file], &LoadOptions::default()).map_err(checked)?;
    assert!(!set.documents.is_empty(), "a file loaded with no proposal in it");
    assert_eq!(set.inputs.len(), 1);
    for document in &set.documents {
        // The pointer of every proposal resolves inside its own tree.
        assert!(document.root.node_at(&document.pointer).is_some(), "dangling pointer {}", document.pointer);
    }
    Ok(set)
}

/// Target 2: a license expression resolved against the bundled catalog.
pub fn expression(data: &[u8]) -> Result<expr::Expression, expr::ExprError> {
    let text = String::from_utf8_lossy(data);
    let catalog = catalog();
    match expr::parse(catalog, &text) {
        Ok(parsed) => {
            assert!(!parsed.canonical.is_empty(), "{text:?}: empty canonical form");
            assert!(!parsed.alternatives.is_empty(), "{text:?}: no alternative");
            assert!(parsed.alternatives.len() <= expr::MAX_ALTERNATIVES, "{text:?}: too many alternatives");
            for alternative in &parsed.alternatives {
                assert!(!alternative.is_empty(), "{text:?}: an empty alternative");
                assert!(
                    alternative.windows(2).all(|w| w[0] < w[1]),
                    "{text:?}: alternative not sorted: {alternative:?}"
                );
            }
            // The canonical form reads back to the same alternatives.
            let again = expr::parse(catalog, &parsed.canonical)
                .unwrap_or_else(|e| panic!("{text:?}: canonical `{}` does not parse: {e:?}", parsed.canonical));
            assert_eq!(again.alternatives, parsed.alternatives, "{text:?}: canonical `{}`", parsed.canonical);
            // Combining with itself and with a plain license never panics.
            let _ = parsed.and(&again);
            if let Ok(mit) = expr::parse(catalog, "MIT") {
                let _ = parsed.and(&mit);
            }
            Ok(parsed)
        }
        Err(e) => {
            assert!(!e.message.trim().is_empty(), "{text:?}: an error with no message");
            Err(e)
        }
    }
}

/// Target 3: a waiver file, then applied to a report of the bundled
/// fixtures (built once), so matching, expiry and pins run too.
pub fn waiver(data: &[u8]) -> Vec<Result<Waivers, Error>> {
    NAMES
        .iter()
        .map(|name| {
            let file = source(name, data, ErrorKind::Waiver).map_err(checked)?;
            let waivers = Waivers::parse(&file).map_err(checked)?;
            let mut proposals = sample_report().proposals.clone();
            let catalog = catalog();
            let record = |id: &str| {
                let entry = catalog.license(id)?;
                catalog.files().iter().find(|f| f.path == entry.file).map(|f| (f.path.clone(), f.sha256.clone()))
            };
            let _stale = waivers.apply(&mut proposals, NOW, &record);
            let before = &sample_report().proposals;
            assert_eq!(proposals.len(), before.len());
            for (after, before) in proposals.iter().zip(before) {
                for finding in &after.findings {
                    let was = before.findings.iter().find(|f| f.rule == finding.rule).expect("same rules").status;
                    if finding.status != was {
                        // Only a failure is ever waived, and only into `waived`.
                        assert_eq!((was, finding.status), (Status::Fail, Status::Waived), "{}", finding.rule);
                    }
                    if finding.status == Status::Waived {
                        assert!(finding.waiver.is_some(), "waived without a waiver");
                    }
                }
            }
            Ok(waivers)
        })
        .collect()
}

/// A report of a few fixture proposals, for the waiver target.
fn sample_report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let files = ["fixtures/consumer-platform-llama.yaml", "fixtures/hybrid/phi-router-fail.yaml"]
            .iter()
            .map(|path| {
                let text = include_str_at_runtime(path);
                SourceFile::from_text(*path, text)
            })
            .collect();
        let set = load_sources(files, &LoadOptions::default()).expect("fixtures load");
        run_check(context(), &set, &CheckOptions { now: NOW.into(), ..CheckOptions::default() })
            .expect("fixtures check")
    })
}

fn include_str_at_runtime(path: &str) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The harness runs from the crate root (tests) or from fuzz/ (cargo fuzz).
    let candidates = [root.join(path), root.join("..").join(path)];
    candidates
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| panic!("{path}: not found under {}", root.display()))
}

/// Target 4: a whole check. Returns the exit code the binary gives for the
/// same file (2 when loading or checking fails).
pub fn check(data: &[u8]) -> Vec<u8> {
    NAMES.iter().map(|name| check_one(name, data)).collect()
}

/// The exit code of `modelgate check --now NOW FILE` for these bytes under
/// this name.
pub fn check_one(name: &str, data: &[u8]) -> u8 {
    let Ok(set) = load(name, data) else {
        return 2;
    };
    let options = CheckOptions {
        now: NOW.into(),
        time_limit: Some(std::time::Duration::from_secs(5)),
        ..CheckOptions::default()
    };
    judged_or_refused(context(), &set, &options)
}

/// The exit code of a refused run (2), after checking the error says
/// something.
fn refused(error: Error) -> u8 {
    checked(error);
    2
}

/// The exit code of a check of `set` with `context`: the report's (after
/// `judged`'s checks), or 2 when the check is refused.
fn judged_or_refused(context: &Context, set: &ProposalSet, options: &CheckOptions) -> u8 {
    match run_check(context, set, options) {
        Ok(report) => judged(&report, set, context),
        Err(error) => refused(error),
    }
}

/// The exit code of a report, after checking it judged every proposal by
/// every rule, that its verdicts follow its findings, and that every format
/// renders it.
fn judged(report: &Report, set: &ProposalSet, context: &Context) -> u8 {
    assert!(report.proposals.len() >= set.documents.len(), "a proposal went unjudged");
    assert_eq!(report.summary.proposals, report.proposals.len());
    let rules = context.engine.rules().len();
    for proposal in &report.proposals {
        assert_eq!(proposal.findings.len(), rules, "{}: one finding per rule", proposal.name);
        let any = |status: Status| proposal.findings.iter().any(|f| f.status == status);
        // An error is never a pass, and a failure never passes.
        let expected = if any(Status::Fail) {
            Verdict::Fail
        } else if any(Status::Error) {
            Verdict::Error
        } else {
            Verdict::Pass
        };
        assert_eq!(proposal.verdict, expected, "{}: verdict against findings", proposal.name);
    }
    for format in Format::ALL {
        let text = format.render(report);
        assert!(!text.is_empty(), "{}: empty output", format.name());
        if format == Format::Json || format == Format::Sarif {
            serde_json::from_str::<serde_json::Value>(&text)
                .unwrap_or_else(|e| panic!("{}: not JSON: {e}", format.name()));
        }
    }
    let statuses = || report.proposals.iter().flat_map(|p| p.findings.iter().map(|f| f.status));
    if statuses().any(|s| s == Status::Error) {
        2
    } else if report.proposals.iter().any(|p| p.verdict == Verdict::Fail) {
        1
    } else {
        0
    }
}

/// Target 5: a `--policy` directory of up to four files, cut from the bytes
/// at lines `----`. A part whose first line is `# data.yaml` is the
/// directory's data file, one whose first line is `# test` a test module;
/// the others are modules `acme/a.rego`, `acme/b.rego`, ... (so a package
/// can be split over files). The policies are loaded beside the bundled
/// ones, as `--policy` loads them, then judge a fixture proposal under a
/// one-second limit, and any test part runs. Returns the exit code.
pub fn policy(data: &[u8]) -> u8 {
    let Ok(file) = source("fuzz-policy", data, ErrorKind::Policy).map_err(checked) else {
        return 2;
    };
    let mut sources = PolicySources::bundled();
    let mut has_tests = false;
    for (i, part) in file.text.split("\n----\n").take(4).enumerate() {
        let first = part.lines().next().unwrap_or_default().trim();
        let name = match first {
            "# data.yaml" => "acme/data.yaml".to_string(),
            "# test" => {
                has_tests = true;
                format!("acme/fuzz{i}_test.rego")
            }
            _ => format!("acme/{}.rego", (b'a' + i as u8) as char),
        };
        if let Err(error) = sources.add_text(&name, part) {
        return refused(error);
    }
    }
    let context = match Context::from_sources(sources, context().catalog.clone()) {
        Ok(context) => context,
        Err(error) => return refused(error),
    };
    let text = include_str_at_runtime("fixtures/saas-gpt4o-internal.yaml");
    let set = load_sources(vec![SourceFile::from_text("fixtures/saas-gpt4o-internal.yaml", text)], &LoadOptions::default())
        .expect("the fixture loads");
    let options =
        CheckOptions { now: NOW.into(), time_limit: Some(std::time::Duration::from_secs(1)), ..CheckOptions::default() };
    let code = judged_or_refused(&context, &set, &options);
    if has_tests {
        match modelgate::engine::testing::run(
            &context.sources,
            context.engine.replaced(),
            "fuzz",
            std::time::Duration::from_secs(1),
        ) {
            Ok(results) => assert!(results.iter().all(|r| r.name.contains("fuzz")), "a test outside the filter ran"),
            Err(error) => {
                checked(error);
            }
        }
    }
    code
}

/// Target 6: a `--catalog` directory of up to three files, cut from the
/// bytes at lines `----`: a part headed `# models.yaml` is the model list,
/// the others license records, each named after the `id:` it gives (as the
/// loader requires). Added to the bundled catalog; when that works, every
/// model resolves by its id with its licenses on record, and the first of
/// the team's models is judged. Returns the exit code.
pub fn catalog_dir(data: &[u8]) -> u8 {
    let Ok(file) = source("fuzz-catalog", data, ErrorKind::Catalog).map_err(checked) else {
        return 2;
    };
    let mut files = Vec::new();
    for (i, part) in file.text.split("\n----\n").take(3).enumerate() {
        let first = part.lines().next().unwrap_or_default().trim();
        let name = if first == "# models.yaml" {
            "models.yaml".to_string()
        } else {
            let id = part.lines().find_map(|l| l.strip_prefix("id:")).map(|id| id.trim().trim_matches('"'));
            format!("{}.yaml", id.filter(|id| !id.is_empty() && !id.contains('/')).unwrap_or(&format!("record-{i}")))
        };
        files.push(SourceFile::from_text(format!("fuzz-catalog/{name}"), part.to_string()));
    }
    let mut catalog = match Catalog::bundled() {
        Ok(catalog) => catalog,
        Err(error) => panic!("the bundled catalog loads: {error}"),
    };
    let before: Vec<String> = catalog.models().iter().map(|m| m.id.clone()).collect();
    if let Err(error) = catalog.add_files(files) {
        return refused(error);
    }
    for model in catalog.models() {
        assert!(catalog.model(&model.id).is_some_and(|m| m.id == model.id), "{}: not found by its id", model.id);
        let parsed = expr::parse(&catalog, &model.license).unwrap_or_else(|e| panic!("{}: {}", model.id, e.message));
        for id in parsed.alternatives.concat() {
            assert!(catalog.license(&id).is_some(), "{}: license {id} has no record", model.id);
        }
    }
    let Some(new) = catalog.models().iter().find(|m| !before.contains(&m.id)).map(|m| m.id.clone()) else {
        return 0;
    };
    let context = match Context::from_sources(PolicySources::bundled(), std::sync::Arc::new(catalog)) {
        Ok(context) => context,
        Err(error) => return refused(error),
    };
    let proposal = format!(
        "apiVersion: modelgate.dev/v1\nkind: ModelProposal\nmetadata:\n  name: fuzz\nmodel:\n  id: {}\n\
         deployment:\n  kind: self_hosted\n  provider: on_prem\ndata:\n  classes: [internal]\n",
        serde_json::to_string(&new).expect("a string")
    );
    let set = match load_sources(vec![SourceFile::from_text("fuzz.yaml", proposal)], &LoadOptions::default()) {
        Ok(set) => set,
        Err(error) => return refused(error),
    };
    let options =
        CheckOptions { now: NOW.into(), time_limit: Some(std::time::Duration::from_secs(5)), ..CheckOptions::default() };
    judged_or_refused(&context, &set, &options)
}
