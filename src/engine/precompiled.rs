//! The bundled policies, compiled ahead of time.
//!
//! Parsing, analysing and compiling the ~40 bundled modules takes most of a
//! cold `modelgate check` (about 20 ms of 30). The bundled policies only
//! change with modelgate itself, so their compiled form is committed:
//! `precompiled/policies.rvm` (the regorus bytecode program of the aggregate
//! query) and `precompiled/manifest.json` (the rules it holds, with their
//! `meta`, and a digest of the sources it was compiled from).
//!
//! The engine uses them only when the run has no `--policy` and the digest
//! matches the embedded sources; otherwise it compiles the sources as
//! before, so a stale file costs speed, never correctness. A test
//! (`tests/parity.rs`) fails while the committed files differ from a fresh
//! compile; `MODELGATE_UPDATE_PRECOMPILED=1 cargo test precompiled` rewrites
//! them.

use std::collections::BTreeSet;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::{
    aggregate_module, mount_data, new_regorus, AggregatePart, Deferred, Engine, PolicyDigest, PolicySources, Rule,
    RuleMeta,
};
use crate::error::{Error, ErrorKind, Result};

/// The committed manifest.
const MANIFEST: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/precompiled/manifest.json"));

/// The committed program.
const PROGRAM: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/precompiled/policies.rvm"));

/// The regorus release the program was compiled by (its format is its own).
const REGORUS: &str = crate::report::ENGINE;

/// What the program holds, and what it was compiled from.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    /// The compiler.
    compiler: String,
    /// `PolicyDigest::sha256` of the bundled modules and data files.
    policies_sha256: String,
    /// The rules in report order, each with its slot in the aggregate.
    rules: Vec<ManifestRule>,
}

#[derive(Debug, Serialize, Deserialize)]
struct ManifestRule {
    package: String,
    files: Vec<String>,
    declares: BTreeSet<String>,
    slot: usize,
    meta: RuleMeta,
}

/// The two committed files, as a fresh compile of the bundled policies makes them.
#[derive(Debug, PartialEq, Eq)]
pub struct Compiled {
    /// `precompiled/manifest.json`.
    pub manifest: String,
    /// `precompiled/policies.rvm`.
    pub program: Vec<u8>,
}

/// Compiles the bundled policies: the contents the committed files must have.
pub fn compile_bundled() -> Result<Compiled> {
    let sources = PolicySources::bundled();
    let mut engine = Engine::compile(&sources)?;
    if !engine.prepare_vm() {
        return Err(Error::new(ErrorKind::Policy, "the bundled policies do not compile to the regorus VM"));
    }
    let program = engine
        .program
        .as_ref()
        .ok_or_else(|| Error::new(ErrorKind::Policy, "no program"))?
        .serialize_binary()
        .map_err(|e| Error::new(ErrorKind::Policy, format!("cannot serialize the program: {e}")))?;
    let manifest = Manifest {
        compiler: REGORUS.to_string(),
        policies_sha256: engine.digest.sha256.clone(),
        rules: engine
            .rules
            .iter()
            .map(|rule| ManifestRule {
                package: rule.package.clone(),
                files: rule.files.clone(),
                declares: rule.declares.clone(),
                slot: rule.slot,
                meta: rule.meta.clone(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    text.push('\n');
    Ok(Compiled { manifest: text, program })
}

/// The committed files, as embedded in this build.
pub fn committed() -> Compiled {
    Compiled { manifest: MANIFEST.to_string(), program: PROGRAM.to_vec() }
}

/// An engine from the committed program, when `sources` are exactly the
/// bundled policies it was compiled from; `None` otherwise (the caller
/// compiles the sources).
pub(super) fn engine(sources: &PolicySources) -> Option<Engine> {
    let bundled_only = sources.modules.iter().chain(&sources.data).all(|f| f.origin == super::Origin::Bundled);
    if !bundled_only {
        return None;
    }
    let manifest: Manifest = serde_json::from_str(MANIFEST).ok()?;
    let digest = PolicyDigest::of(sources);
    if manifest.compiler != REGORUS || manifest.policies_sha256 != digest.sha256 {
        return None;
    }
    let program = match regorus::rvm::program::Program::deserialize_binary(PROGRAM).ok()? {
        regorus::rvm::program::DeserializationResult::Complete(program) => program,
        regorus::rvm::program::DeserializationResult::Partial(_) => return None,
    };
    let mut data = new_regorus();
    mount_data(&mut data, &sources.data).ok()?;
    let mut rules: Vec<Rule> = manifest
        .rules
        .into_iter()
        .map(|r| Rule {
            meta: r.meta,
            package: r.package,
            files: r.files,
            origin: super::Origin::Bundled,
            mixed: false,
            declares: r.declares,
            never_applies: None,
            slot: r.slot,
        })
        .collect();
    let mut by_slot: Vec<&Rule> = rules.iter().collect();
    by_slot.sort_by_key(|r| r.slot);
    let parts: Vec<AggregatePart> = by_slot
        .iter()
        .map(|r| AggregatePart { package: r.package.clone(), declares: &r.declares, user: false })
        .collect();
    let aggregate = aggregate_module(&parts);
    rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
    Some(Engine {
        regorus: None,
        deferred: Some(Arc::new(Deferred { modules: sources.modules.clone(), data: sources.data.clone(), aggregate })),
        rules: Arc::new(rules),
        digest: Arc::new(digest),
        replaced: Arc::new(BTreeSet::new()),
        replacements: Arc::new(Vec::new()),
        time_limit: super::DEFAULT_TIME_LIMIT,
        program: Some(Arc::new(program)),
        data: Arc::new(data.get_data()),
        vm: None,
    })
}
