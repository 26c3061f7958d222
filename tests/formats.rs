//! Output formats. Snapshots are reviewed by hand: each shows what a user
//! reads. Digests and the version are redacted in JSON snapshots (they
//! change with every policy edit) and checked on their own below.

use crate::support::{check_json, modelgate, NOW};

#[test]
fn text_report_of_the_brief_scenarios() {
    let run = modelgate(&["check", "--now", NOW, "fixtures/"]);
    insta::assert_snapshot!(run.stdout);
}

#[test]
fn json_report_of_the_800m_llama_platform() {
    let (_, report) = check_json(&["fixtures/consumer-platform-llama.yaml"]);
    insta::assert_json_snapshot!(report, {
        ".tool.version" => "[version]",
        ".policies.sha256" => "[sha256]",
        ".policies.files" => "[files]",
        ".catalog.sha256" => "[sha256]",
        ".catalog.files" => "[files]",
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
}

fn sha256(bytes: &[u8]) -> String {
    modelgate::digest::sha256_hex(bytes)
}
