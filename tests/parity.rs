//! Parity: the bytecode VM gives the interpreter's reports byte for byte, the bundled
//! policies compile to the VM, and (where the OPA bindings are installed) the official
//! OPA engine gives every rule outcome modelgate gives (`scripts/opa_parity.py`).

use std::path::PathBuf;
use std::process::Command;

use crate::support::{files_in, modelgate, relative, root, NOW};

/// The fixture set the parity runs cover: every rule fixture, the hybrid routers and
/// the brief scenarios, in one run (enough subjects for the VM to be used).
fn fixture_args() -> Vec<String> {
    let mut args: Vec<String> = ["-R", "fixtures/rules", "fixtures/hybrid"].map(String::from).to_vec();
    args.extend(
        files_in("fixtures").into_iter().filter(|p| p.extension().is_some_and(|e| e == "yaml")).map(|p| relative(&p)),
    );
    args
}

fn check_with(engine: &str, inputs: &[String]) -> (i32, String) {
    let mut args: Vec<&str> = vec!["check", "--format", "json", "--now", NOW, "--engine", engine];
    args.extend(inputs.iter().map(String::as_str));
    let run = modelgate(&args);
    assert!(run.code == 0 || run.code == 1, "--engine {engine}: exit {}; stderr:\n{}", run.code, run.stderr);
    (run.code, run.stdout)
}

#[test]
fn the_bundled_policies_compile_to_the_bytecode_vm() {
    let mut engine = modelgate::engine::Engine::compile(&modelgate::engine::PolicySources::bundled()).unwrap();
    engine.prepare_vm();
    assert!(
        engine.uses_vm(),
        "the bundled policies must run on the regorus VM: an `else` or a construct it cannot compile \
         sends them to the interpreter (docs/engine-notes.md)"
    );
}

/// `precompiled/` must be what the bundled sources compile to now; with
/// `MODELGATE_UPDATE_PRECOMPILED=1` this test rewrites it instead.
#[test]
fn the_precompiled_policies_are_a_fresh_compile_of_the_bundled_sources() {
    use modelgate::engine::precompiled;
    let fresh = precompiled::compile_bundled().unwrap();
    if std::env::var_os("MODELGATE_UPDATE_PRECOMPILED").is_some() {
        std::fs::write(root().join("precompiled/manifest.json"), &fresh.manifest).unwrap();
        std::fs::write(root().join("precompiled/policies.rvm"), &fresh.program).unwrap();
        return;
    }
    let committed = precompiled::committed();
    let stale = "precompiled/ is stale: run `MODELGATE_UPDATE_PRECOMPILED=1 cargo test precompiled`";
    assert_eq!(committed.manifest, fresh.manifest, "{stale}");
    assert!(committed.program == fresh.program, "{stale}");
    let engine = modelgate::engine::Engine::build(&modelgate::engine::PolicySources::bundled()).unwrap();
    assert!(engine.precompiled(), "a run without --policy must use the precompiled program");
    assert!(engine.uses_vm());
    let ids: Vec<&str> = engine.rules().iter().map(|r| r.meta.id.as_str()).collect();
    let compiled = modelgate::engine::Engine::compile(&modelgate::engine::PolicySources::bundled()).unwrap();
    assert_eq!(ids, compiled.rules().iter().map(|r| r.meta.id.as_str()).collect::<Vec<_>>());
    assert!(!compiled.precompiled());
}

/// The engine's input (catalog records converted once per run) is the
/// document `modelgate parse` prints, on every fixture and alternative.
#[test]
fn the_engine_input_is_the_parsed_input() {
    use modelgate::engine::input;
    let context = modelgate::check::Context::new(&[]).unwrap();
    let paths: Vec<PathBuf> = ["fixtures/rules", "fixtures/hybrid"].iter().map(|p| root().join(p)).collect();
    let set = modelgate::proposal::load_paths(
        &paths,
        &modelgate::proposal::LoadOptions { recursive: true, ..Default::default() },
    )
    .unwrap();
    let subjects = context.subjects(&set).unwrap();
    assert!(subjects.len() > 100);
    for subject in &subjects {
        for alternative in 0..subject.license.alternatives.len() {
            let parsed = input::build(subject, alternative, &context.catalog, NOW);
            let value = input::build_value(subject, alternative, &context.catalog, NOW);
            assert!(
                regorus::Value::from(parsed) == value,
                "{}: the engine input differs from the parsed input",
                subject.name
            );
        }
    }
}

#[test]
fn the_vm_and_the_interpreter_give_identical_reports_on_every_fixture() {
    let inputs = fixture_args();
    let (code_vm, vm) = check_with("auto", &inputs);
    let (code_interpreter, interpreter) = check_with("interpreter", &inputs);
    let subjects =
        serde_json::from_str::<serde_json::Value>(&vm).expect("JSON")["proposals"].as_array().map_or(0, Vec::len);
    assert!(subjects > 100, "the fixture set has {subjects} subjects");
    assert_eq!(code_vm, code_interpreter);
    if vm != interpreter {
        let line = vm.lines().zip(interpreter.lines()).position(|(a, b)| a != b).unwrap_or(0);
        let show = |text: &str| text.lines().skip(line.saturating_sub(20)).take(40).collect::<Vec<_>>().join("\n");
        panic!(
            "VM and interpreter reports differ from line {}:\n--- vm\n{}\n--- interpreter\n{}",
            line + 1,
            show(&vm),
            show(&interpreter)
        );
    }
}

/// `python3`, when the machine has it.
fn python3() -> Option<&'static str> {
    Command::new("python3").arg("--version").output().ok().filter(|o| o.status.success()).map(|_| "python3")
}

fn generate(seed: u32, count: u32, file: &std::path::Path) {
    let python = python3().expect("python3");
    let out = Command::new(python)
        .arg(root().join("scripts/gen_corpus.py"))
        .args(["--seed", &seed.to_string(), "--count", &count.to_string(), "--file"])
        .arg(file)
        .args(["--modelgate", env!("CARGO_BIN_EXE_modelgate")])
        .current_dir(root())
        .output()
        .expect("run gen_corpus.py");
    assert!(out.status.success(), "gen_corpus.py failed:\n{}", String::from_utf8_lossy(&out.stderr));
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("modelgate-parity-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_generated_corpus_is_valid_deterministic_and_judged_alike_by_vm_and_interpreter() {
    if python3().is_none() {
        eprintln!("skipped: no python3 to run scripts/gen_corpus.py");
        return;
    }
    let dir = scratch("corpus");
    let (a, b) = (dir.join("a.yaml"), dir.join("b.yaml"));
    generate(11, 150, &a);
    generate(11, 150, &b);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "the same seed gives the same corpus");
    let inputs = [a.to_string_lossy().into_owned()];
    let (code_vm, vm) = check_with("auto", &inputs);
    let (code_interpreter, interpreter) = check_with("interpreter", &inputs);
    let report: serde_json::Value = serde_json::from_str(&vm).expect("JSON");
    let verdicts: Vec<&str> =
        report["proposals"].as_array().unwrap().iter().map(|p| p["verdict"].as_str().unwrap()).collect();
    assert!(verdicts.len() >= 150, "every generated proposal is judged");
    assert!(verdicts.contains(&"pass") && verdicts.contains(&"fail"), "both passing and failing proposals");
    assert_eq!(code_vm, code_interpreter);
    assert!(vm == interpreter, "VM and interpreter reports differ on the generated corpus (seed 11)");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn parse_data_prints_the_policy_data_at_its_mounts() {
    let run = modelgate(&["parse", "--data"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let data: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let facts = &data["modelgate"]["facts"];
    for dir in ["advisory", "geography", "residency"] {
        assert!(facts[dir].is_object(), "data.modelgate.facts.{dir}");
    }
    assert!(facts["residency"]["providers"]["openai"].is_object());
}

/// The OPA oracle: runs where CI installed the bindings (`.ci/run` sets
/// MODELGATE_OPA_PYTHON to its virtualenv's python).
#[test]
fn opa_gives_every_rule_outcome_modelgate_gives() {
    let Some(python) = std::env::var_os("MODELGATE_OPA_PYTHON") else {
        eprintln!(
            "skipped: MODELGATE_OPA_PYTHON is not set (a virtualenv's python with \
             opa-golib-python-bindings==0.4.4; .ci/run sets it up)"
        );
        return;
    };
    // A seeded generated corpus, then every fixture.
    let mut fixtures = vec!["-R".to_string(), "--corpus".to_string()];
    fixtures.extend(fixture_args().into_iter().filter(|a| a != "-R"));
    let generated = ["--count", "300", "--seed", "1"].map(String::from).to_vec();
    for args in [generated, fixtures] {
        let out = Command::new(&python)
            .arg(root().join("scripts/opa_parity.py"))
            .args(&args)
            .args(["--modelgate", env!("CARGO_BIN_EXE_modelgate")])
            .current_dir(root())
            .output()
            .unwrap_or_else(|e| panic!("MODELGATE_OPA_PYTHON={}: cannot run: {e}", PathBuf::from(&python).display()));
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "OPA parity failed (exit {:?}) on {}:\n{stdout}\n{stderr}",
            out.status.code(),
            args.join(" ")
        );
        assert!(stdout.contains("identical"), "unexpected output:\n{stdout}\n{stderr}");
        eprintln!("{stdout}");
    }
}
