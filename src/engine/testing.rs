//! `modelgate test`: runs every `test_*` rule of the policies, like `opa test`.
//!
//! Tests run on the interpreter (they use `with`), each evaluated on its own
//! so one error does not hide the others. A test passes when it evaluates to
//! `true`; `false` or undefined is a failure; an evaluation error is an error.

use std::collections::BTreeSet;

use super::{describe_error, load, modules, regorus_error, set_timer, PolicyFile, PolicySources};
use crate::error::Result;

/// The outcome of one test rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestStatus {
    /// Evaluated to `true`.
    Pass,
    /// Evaluated to something else, or was undefined.
    Fail,
    /// Could not be evaluated.
    Error(String),
}

/// One test rule's result.
#[derive(Debug, Clone)]
pub struct TestResult {
    /// The file that declares it.
    pub file: String,
    /// `data.<package>.<rule>`.
    pub name: String,
    /// The outcome.
    pub status: TestStatus,
    /// What the policy printed while the test ran.
    pub prints: Vec<String>,
}

/// Runs every test rule whose full name contains `filter` (all when empty),
/// each within `time_limit` (a test still running then is an error, as with
/// `opa test --timeout`). Bundled tests of packages a `--policy` rule
/// replaced are skipped: they test code that no longer runs.
pub fn run(
    sources: &PolicySources,
    replaced: &BTreeSet<String>,
    filter: &str,
    time_limit: std::time::Duration,
) -> Result<Vec<TestResult>> {
    let tests: Vec<&PolicyFile> = sources.tests.iter().collect();
    let replaced_files: BTreeSet<String> = {
        let mut probe = load(&tests, &[])?;
        modules(&mut probe)?
            .into_iter()
            .filter(|m| {
                let package = m.package.join(".");
                package.strip_suffix("_test").is_some_and(|tested| replaced.contains(tested))
            })
            .map(|m| m.file)
            .collect()
    };
    let mut files: Vec<&PolicyFile> = sources.modules.iter().collect();
    files.extend(
        tests.into_iter().filter(|t| !(replaced_files.contains(&t.path) && t.origin == super::Origin::Bundled)),
    );
    let mut engine = load(&files, &sources.data)?;
    let infos = modules(&mut engine)?;
    super::bundled_overlap(&infos, &files, &sources.data)?;
    let mut names = Vec::new();
    for info in &infos {
        for name in info.names.iter().filter(|n| n.starts_with("test_")) {
            let full = format!("data.{}.{name}", info.package.join("."));
            if full.contains(filter) && !names.iter().any(|(n, _): &(String, String)| *n == full) {
                names.push((full, info.file.clone()));
            }
        }
    }
    set_timer(&mut engine, time_limit);
    engine.set_input(regorus::Value::new_object());
    let mut results = Vec::with_capacity(names.len());
    let mut names_left = names.len();
    let second = names.get(1).map(|(name, _)| name.clone());
    for (name, file) in names {
        let status = match engine.eval_rule(name.clone()) {
            Ok(regorus::Value::Bool(true)) => TestStatus::Pass,
            Ok(_) => TestStatus::Fail,
            Err(e) => {
                let message = e.to_string();
                // regorus analyses every module on the first evaluation: a
                // compile error (an unsafe variable in one test) fails every
                // test alike. It is one error at its place, not hundreds.
                if results.is_empty() && names_left > 1 {
                    if let Some(again) = second.as_ref().and_then(|n| engine.eval_rule(n.clone()).err()) {
                        if again.to_string() == message {
                            return Err(regorus_error(&message, &files, &file));
                        }
                    }
                }
                // Without the measured elapsed time: the same tests, the same output.
                TestStatus::Error(describe_error(time_limit, &message))
            }
        };
        let prints = engine.take_prints().unwrap_or_default();
        results.push(TestResult { file, name, status, prints });
        names_left -= 1;
    }
    results.sort_by(|a, b| (&a.file, &a.name).cmp(&(&b.file, &b.name)));
    Ok(results)
}
