//! The regorus wrapper (DESIGN §4): policies parsed once, rule packages
//! discovered under `modelgate.rules`, every rule of a subject evaluated in
//! one query, and the rule contract turned into outcomes.
//!
//! The single query is an aggregate module generated from the discovered
//! packages (`package modelgate.engine`): one `r<i>` per rule holding its
//! `applies`, `deny`, `warn` and `obligations`, and `results` listing them.
//! When that query errors, each `r<i>` is evaluated on its own so the error
//! is pinned on the rule at fault.

mod builtins;
pub mod bundle;
pub mod input;
pub mod meta;
mod nesting;
pub mod precompiled;
mod recursion;
pub mod references;
mod split_packages;
pub mod testing;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

use regorus::unstable::{Rule as AstRule, RuleHead};

pub use bundle::{Origin, PolicyFile, PolicySources};
pub use meta::RuleMeta;

use crate::digest::combined;
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Category, Citation, Obligation};
use crate::source::{Limits, Pos, SourceFile};

/// The stack of a thread that evaluates rules. regorus's interpreter
/// recurses a few frames per rule a rule depends on, and `--policy` files
/// may chain up to `recursion::MAX_CHAIN` rules: a debug build needs a few
/// megabytes for that, more than the 2 MB Rust gives spawned threads. The
/// size is reserved address space; only the pages used are backed.
pub const EVAL_STACK_BYTES: usize = 64 << 20;

/// The package every rule lives under.
pub const RULES_ROOT: [&str; 2] = ["modelgate", "rules"];

/// The generated aggregate package.
const AGGREGATE_PACKAGE: &str = "modelgate.engine";

/// A discovered rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Its `meta`.
    pub meta: RuleMeta,
    /// Package path without `data.` (`modelgate.rules.license.llama_mau`).
    pub package: String,
    /// The files that define the package.
    pub files: Vec<String>,
    /// Where it came from (`User` when any of its files was given with `--policy`).
    pub origin: Origin,
    /// Whether bundled and `--policy` files both declare the package.
    mixed: bool,
    declares: BTreeSet<String>,
    /// Where `default applies := false` stands when nothing else defines
    /// `applies`: the rule can never apply.
    never_applies: Option<crate::error::Location>,
    /// Its position in the aggregate query's `results`.
    slot: usize,
}

impl Rule {
    /// Whether the package declares a rule of this name.
    pub fn declares(&self, name: &str) -> bool {
        self.declares.contains(name)
    }
}

/// One deny or warn entry as the rule produced it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RawViolation {
    /// `msg`.
    pub message: String,
    /// `path`: a JSON pointer into the proposal (logical: `/contracts/baa`).
    pub path: Option<String>,
    /// `remediation`.
    pub remediation: Option<String>,
    /// `license`: the license id the entry concerns.
    pub license: Option<String>,
    /// `citation`: overrides the rule's citation (a license rule cites the
    /// section of the license at hand).
    pub citation: Option<Citation>,
}

/// What a rule said about one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// `applies` was false or undefined.
    NotApplicable,
    /// The rule applied.
    Applied {
        /// Deny entries.
        deny: Vec<RawViolation>,
        /// Warn entries.
        warn: Vec<RawViolation>,
        /// Obligations.
        obligations: Vec<Obligation>,
    },
    /// Evaluation failed, or the rule broke the contract.
    Error(String),
}

/// Digests of the policy files an engine was built from.
#[derive(Debug, Clone, Default)]
pub struct PolicyDigest {
    /// One digest over all files (path and content).
    pub sha256: String,
    /// Each file, by path.
    pub files: Vec<(String, String)>,
}

impl PolicyDigest {
    /// The digests of the modules and data files (tests do not count).
    pub fn of(sources: &PolicySources) -> PolicyDigest {
        let files: Vec<(String, String)> =
            sources.modules.iter().chain(&sources.data).map(|f| (f.path.clone(), f.sha256.clone())).collect();
        let sha256 = combined(files.iter().map(|(p, d)| (p.as_str(), d.as_str())));
        PolicyDigest { sha256, files }
    }
}

/// A prepared engine. Cloning is cheap (regorus shares parsed modules and
/// the compiled program), so each worker thread takes its own clone.
///
/// The aggregate query runs on regorus's bytecode VM (RVM) when the policies
/// compile to it, about four times faster than the interpreter; the
/// interpreter is the fallback, and pins errors on the rule at fault.
#[derive(Debug)]
pub struct Engine {
    /// The interpreter. An engine made from the precompiled bundle has none
    /// until something needs it (see `interpreter`).
    regorus: Option<regorus::Engine>,
    /// What the interpreter is built from when it is made on demand; set
    /// only on an engine made from the precompiled bundle.
    deferred: Option<Arc<Deferred>>,
    rules: Arc<Vec<Rule>>,
    digest: Arc<PolicyDigest>,
    replaced: Arc<BTreeSet<String>>,
    /// What `--policy` replaced, in words, for the run to say.
    replacements: Arc<Vec<String>>,
    time_limit: std::time::Duration,
    program: Option<Arc<regorus::rvm::program::Program>>,
    data: Arc<regorus::Value>,
    /// This clone's VM, made on first use (a VM is per thread).
    vm: Option<Box<regorus::rvm::vm::RegoVM>>,
}

impl Clone for Engine {
    fn clone(&self) -> Self {
        Engine {
            regorus: self.regorus.clone(),
            deferred: self.deferred.clone(),
            rules: self.rules.clone(),
            digest: self.digest.clone(),
            replaced: self.replaced.clone(),
            replacements: self.replacements.clone(),
            time_limit: self.time_limit,
            program: self.program.clone(),
            data: self.data.clone(),
            vm: None,
        }
    }
}

/// The modules, data and aggregate an interpreter is built from on demand.
#[derive(Debug)]
struct Deferred {
    modules: Vec<PolicyFile>,
    data: Vec<PolicyFile>,
    aggregate: String,
}

/// The most VM instructions one evaluation may run (the VM's own default of
/// 25,000 is far below what the bundled rules need on one proposal).
const MAX_VM_INSTRUCTIONS: usize = 50_000_000;

/// A module's package path and the top-level rule names it declares.
struct ModuleInfo {
    file: String,
    package: Vec<String>,
    /// Where the package path is written (line, column).
    package_at: (u32, u32),
    names: BTreeSet<String>,
    /// Where each name is first declared (line, column).
    at: BTreeMap<String, (u32, u32)>,
    /// The names declared only by `default` rules (`default applies := false`
    /// with no other definition holds that value whatever the input).
    defaults_only: BTreeMap<String, String>,
}

impl ModuleInfo {
    /// Where `name` is first declared in this module.
    fn location(&self, name: &str) -> Option<crate::error::Location> {
        let (line, column) = *self.at.get(name)?;
        Some(crate::error::Location { file: self.file.clone(), line, column })
    }
}

/// The default limit on one evaluation of all rules for one proposal.
pub const DEFAULT_TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);

fn new_regorus() -> regorus::Engine {
    let mut engine = regorus::Engine::new();
    engine.set_rego_v0(false);
    engine.set_gather_prints(true);
    set_timer(&mut engine, DEFAULT_TIME_LIMIT);
    engine
}

/// Parses modules into a fresh regorus engine and mounts the data files.
fn load(files: &[&PolicyFile], data: &[PolicyFile]) -> Result<regorus::Engine> {
    let mut engine = new_regorus();
    for file in files {
        engine
            .add_policy(file.path.clone(), file.text.to_string())
            .map_err(|e| regorus_error(&e.to_string(), files, &file.path))?;
    }
    recursion::check(&mut engine)?;
    recursion::check_chain_length(&mut engine)?;
    recursion::check_locals(&mut engine)?;
    recursion::check_enclosing_reads(&mut engine, is_rule_package)?;
    split_packages::check(&mut engine)?;
    mount_data(&mut engine, data)?;
    Ok(engine)
}

/// Mounts every data file at its place under `data`.
fn mount_data(engine: &mut regorus::Engine, data: &[PolicyFile]) -> Result<()> {
    for file in data {
        let mut value = match (file.origin, crate::bundled::json(&file.path)) {
            // The build already read the bundled data (build.rs).
            (Origin::Bundled, Some(json)) => regorus::Value::from_json_str(json)
                .map_err(|e| Error::new(ErrorKind::Policy, format!("{}: {e}", file.path)))?,
            _ => read_data(file)?,
        };
        for segment in file.mount.iter().rev() {
            let mut object = regorus::Value::new_object();
            object
                .as_object_mut()
                .map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?
                .insert(regorus::Value::from(segment.as_str()), value);
            value = object;
        }
        // Where a team's data file clashes with data already mounted: the
        // key, at its line and column (the run named only the file).
        let clash = match file.origin {
            Origin::User => data_clash(&engine.get_data(), file),
            Origin::Bundled => None,
        };
        engine.add_data(value).map_err(|e| {
            let message = e.to_string();
            // regorus names the key and then prints both values whole, the
            // bundled facts included: name the key and where it is mounted.
            let key = message
                .strip_prefix("value for key `")
                .and_then(|rest| rest.split_once("` generated multiple times"))
                .map(|(key, _)| key.trim_matches('"').to_string());
            let reason = match key {
                Some(key) => format!(
                    "`{key}` already has another value there (from the bundled policy data or another data file)"
                ),
                None => first_lines(&message),
            };
            let message = format!("cannot merge into data.{}: {reason}", file.mount.join("."));
            match &clash {
                Some((source, pos)) => source.error(ErrorKind::Policy, message, *pos),
                None => Error::new(ErrorKind::Policy, format!("{}: {message}", file.path)),
            }
        })?;
    }
    Ok(())
}

/// The first key of a `--policy` data file whose value differs from the one
/// already mounted at its place (bundled facts or an earlier data file), with
/// the file to point into. `None` when the file cannot be read (its own error
/// comes first) or no key clashes.
fn data_clash(existing: &regorus::Value, file: &PolicyFile) -> Option<(SourceFile, Pos)> {
    let source = SourceFile::from_text(file.path.clone(), file.text.clone());
    let documents = source.documents(&Limits::default(), ErrorKind::Policy).ok()?;
    let mut at = existing;
    for segment in &file.mount {
        at = at.as_object().ok()?.get(&regorus::Value::from(segment.as_str()))?;
    }
    fn walk(existing: &regorus::Value, node: &crate::source::Node) -> Option<Pos> {
        let crate::source::Value::Map(entries) = &node.value else { return None };
        let object = existing.as_object().ok()?;
        for (key, value) in entries {
            let Some(old) = object.get(&regorus::Value::from(key.name.as_str())) else { continue };
            let both_maps = old.as_object().is_ok() && matches!(value.value, crate::source::Value::Map(_));
            if both_maps {
                if let Some(pos) = walk(old, value) {
                    return Some(pos);
                }
                continue;
            }
            let new: serde_json::Value = crate::de::from_node(value, "").ok()?;
            if regorus::Value::from(new) != *old {
                return Some(key.pos);
            }
        }
        None
    }
    let pos = walk(at, documents.first()?)?;
    Some((source, pos))
}

/// A data file read from its YAML, errors at file:line:column.
fn read_data(file: &PolicyFile) -> Result<regorus::Value> {
    let source = SourceFile::from_text(file.path.clone(), file.text.clone());
    let documents = source.documents(&Limits::default(), ErrorKind::Policy)?;
    let [node] = documents.as_slice() else {
        let second = documents.get(1).map_or(Pos { line: 1, column: 1 }, |n| n.pos);
        return Err(source.error(ErrorKind::Policy, "a data file holds one document", second));
    };
    if !matches!(node.value, crate::source::Value::Map(_)) {
        // It is merged, key by key, into `data.modelgate.facts...`.
        return Err(source.error(
            ErrorKind::Policy,
            format!("a data file holds a mapping of keys, found {}", node.value.describe()),
            node.pos,
        ));
    }
    let value: serde_json::Value = crate::de::from_node(node, "")
        .map_err(|e| source.error(ErrorKind::Policy, e.message, e.pos.unwrap_or_default()))?;
    Ok(regorus::Value::from(value))
}

/// A regorus error about the policies as one located error: the reason at
/// the file:line:column regorus names (`--> file:line:col`), with the
/// excerpt, rather than at whichever file happened to trigger it (a helper's
/// unsafe variable was reported as "cannot evaluate `meta`" of a rule).
/// Without a location it is named after `fallback`.
fn regorus_error(message: &str, files: &[&PolicyFile], fallback: &str) -> Error {
    let Some((location, reason)) = located(message) else {
        return Error::new(ErrorKind::Policy, format!("{fallback}: {}", first_lines(message)));
    };
    let text = files.iter().find(|f| f.path == location.file).map(|f| f.text.clone());
    // regorus counts a tab as four columns; a column here counts characters.
    let mut location = location;
    if let Some(line) = text.as_deref().and_then(|t| t.lines().nth(location.line.saturating_sub(1) as usize)) {
        let mut width = 1;
        for (i, c) in line.chars().enumerate() {
            if width >= location.column {
                location.column = u32::try_from(i + 1).unwrap_or(location.column);
                break;
            }
            width += if c == '\t' { 4 } else { 1 };
        }
    }
    let error = Error::at(ErrorKind::Policy, reason, location);
    match text {
        Some(text) => error.with_source_text(text),
        None => error,
    }
}

/// The location regorus names in an error (`--> file:line:col`) and its
/// reason, on one line.
fn located(message: &str) -> Option<(crate::error::Location, String)> {
    let lines: Vec<&str> = message.lines().collect();
    let at = lines.iter().position(|line| line.trim_start().starts_with("--> "))?;
    let place = lines[at].trim_start().strip_prefix("--> ")?.trim();
    let mut parts = place.rsplitn(3, ':');
    let column: u32 = parts.next()?.parse().ok()?;
    let line: u32 = parts.next()?.parse().ok()?;
    let file = parts.next()?.to_string();
    let excerpt_end = (at + 4).min(lines.len());
    let what = reason_lines(&lines, at, excerpt_end);
    let what = what.join(" ");
    let what = if what.is_empty() { "the policy does not compile".to_string() } else { what };
    Some((crate::error::Location { file, line, column }, what))
}

/// What a regorus error says went wrong, around its first excerpt
/// (`lines[at..excerpt_end]`): the lines before it and up to three after,
/// trimmed, without the lines of other excerpts.
fn reason_lines<'a>(lines: &[&'a str], at: usize, excerpt_end: usize) -> Vec<&'a str> {
    let kept = |l: &&str| !l.is_empty() && !excerpt_line(l);
    let context = lines[..at].iter().map(|l| l.trim()).filter(kept);
    let reason = lines[excerpt_end..].iter().map(|l| l.trim()).filter(kept).take(3);
    context.chain(reason.map(|l| l.strip_prefix("error: ").unwrap_or(l))).collect()
}

/// A trimmed line of a source excerpt (`--> file:line:col`, `|`, `7 | text`).
/// regorus nests errors (rule recursion quotes modelgate's own aggregate
/// module after the rule), and another excerpt's lines are not the reason.
fn excerpt_line(l: &&str) -> bool {
    l.starts_with("-->")
        || l.starts_with('|')
        || *l == "depends on:"
        || l.split_once(" |").is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// A regorus error as one message: what went wrong first, then where (the
/// `--> file:line:col` line and the source excerpt with its caret). regorus
/// writes the excerpt first and the reason last (`error: ...`).
fn first_lines(message: &str) -> String {
    let lines: Vec<&str> = message.lines().collect();
    let Some(at) = lines.iter().position(|line| line.starts_with("--> ")) else {
        return lines.iter().filter(|l| !l.trim().is_empty()).take(6).copied().collect::<Vec<_>>().join("\n");
    };
    let excerpt_end = (at + 4).min(lines.len());
    let what = reason_lines(&lines, at, excerpt_end);
    format!("{}\n{}", what.join(" "), lines[at..excerpt_end].join("\n"))
}

fn modules(engine: &mut regorus::Engine) -> Result<Vec<ModuleInfo>> {
    let packages = engine.get_policy_package_components().map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    let mut out = Vec::with_capacity(packages.len());
    for (module, package) in engine.get_modules().iter().zip(packages) {
        let mut names = BTreeSet::new();
        let mut at = BTreeMap::new();
        let mut defaults = BTreeMap::new();
        let mut defined = BTreeSet::new();
        for rule in &module.policy {
            let (refr, default) = match rule.as_ref() {
                AstRule::Spec { head, .. } => match head {
                    RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. } | RuleHead::Func { refr, .. } => {
                        (refr, None)
                    }
                },
                AstRule::Default { refr, value, .. } => (refr, Some(value.span().text().trim().to_string())),
            };
            let span = refr.span();
            let text = span.text();
            let name = text.split(['.', '[']).next().unwrap_or(text).trim().to_string();
            at.entry(name.clone()).or_insert((span.line, span.col));
            match default {
                Some(value) => {
                    defaults.insert(name.clone(), value);
                }
                None => {
                    defined.insert(name.clone());
                }
            }
            names.insert(name);
        }
        let defaults_only = defaults.into_iter().filter(|(name, _)| !defined.contains(name)).collect();
        let package_at = (module.package.span.line, module.package.span.col);
        out.push(ModuleInfo {
            file: package.source_file,
            package: package.components,
            package_at,
            names,
            at,
            defaults_only,
        });
    }
    Ok(out)
}

/// What a rule declares that can produce a finding other than a pass.
const CONTRACT_OUTCOMES: [&str; 3] = ["deny", "warn", "obligations"];

/// A `--policy` module outside `modelgate.rules.<name>` that declares the
/// rule contract (`meta`, `deny`, `warn`, ...) would never run: modelgate
/// evaluates rule packages only. It is an error rather than a silent pass
/// (conftest's namespace pitfall). Helper packages declare none of these.
fn misplaced_rule(info: &ModuleInfo, sources: &[&PolicyFile]) -> Result<()> {
    let user = sources.iter().any(|f| f.path == info.file && f.origin == Origin::User);
    let test = info.package.last().is_some_and(|p| p.ends_with("_test"));
    let contract = ["meta", "deny", "warn", "applies", "obligations"];
    match contract.iter().find(|name| info.names.contains(**name)) {
        Some(name) if user && !test => {
            let message = format!(
                "package `{}` declares `{name}`, but modelgate runs only rules in packages under `{}.<name>`: \
                 this rule would never run",
                info.package.join("."),
                RULES_ROOT.join(".")
            );
            Err(located_in(message, info.location(name), &info.file, sources))
        }
        _ => Ok(()),
    }
}

/// A `--policy` module in a bundled helper package (`modelgate.lib.licenses`),
/// inside one, around one (`modelgate.lib`), or where the bundled policy data
/// is mounted (`modelgate.facts.geography`) merges into the documents the
/// bundled rules read: one `unknown := []` in `package modelgate.lib.licenses`
/// turned every LIC-UNKNOWN failure into `not_applicable`, with no word of it.
/// Replacing a bundled *rule* package is allowed and said on every run; a
/// helper has no id to name in `policies.replaced`, so changing one is an
/// error. Test packages (`modelgate.lib.licenses_test`) are their own paths.
fn bundled_overlap(infos: &[ModuleInfo], sources: &[&PolicyFile], data: &[PolicyFile]) -> Result<()> {
    let origin_of = |file: &str| sources.iter().find(|f| f.path == file).map(|f| f.origin);
    let bundled_packages: BTreeSet<&[String]> =
        infos.iter().filter(|i| origin_of(&i.file) == Some(Origin::Bundled)).map(|i| i.package.as_slice()).collect();
    let mounts: BTreeSet<Vec<String>> =
        data.iter().filter(|f| f.origin == Origin::Bundled).map(|f| f.mount.clone()).collect();
    for info in infos.iter().filter(|i| origin_of(&i.file) == Some(Origin::User)) {
        let package = info.package.as_slice();
        let overlap = |other: &[String]| other.starts_with(package) || package.starts_with(other);
        let clash = bundled_packages
            .iter()
            .filter(|b| !is_rule_package(b) || (b.starts_with(package) && b.len() > package.len()))
            .find(|b| overlap(b))
            .map(|b| format!("the bundled package `{}`", b.join(".")))
            .or_else(|| {
                mounts.iter().find(|m| overlap(m)).map(|m| format!("the bundled policy data at `data.{}`", m.join(".")))
            });
        if let Some(what) = clash {
            let name = package.join(".");
            let message = format!(
                "package `{name}` would merge into {what}, which the bundled rules read: a --policy file cannot add to \
                 or change bundled helpers or data (the bundled rules' outcomes would change without notice); put \
                 your helpers under a package of your own (`modelgate.lib.<your name>`), or replace a bundled rule \
                 by its `meta.id`"
            );
            let location = Some(crate::error::Location {
                file: info.file.clone(),
                line: info.package_at.0,
                column: info.package_at.1,
            });
            return Err(located_in(message, location, &info.file, sources));
        }
    }
    Ok(())
}

/// A policy error at `location` with its source excerpt, or named after
/// `file` when the place is unknown.
fn located_in(message: String, location: Option<crate::error::Location>, file: &str, sources: &[&PolicyFile]) -> Error {
    match location {
        Some(location) => {
            let text = sources.iter().find(|f| f.path == location.file).map(|f| f.text.clone());
            let error = Error::at(ErrorKind::Policy, message, location);
            match text {
                Some(text) => error.with_source_text(text),
                None => error,
            }
        }
        None => Error::new(ErrorKind::Policy, format!("{file}: {message}")),
    }
}

/// Whether any of `files` (paths as the sources name them) has `origin`.
fn any_from(files: &[String], sources: &[&PolicyFile], origin: Origin) -> bool {
    files.iter().any(|path| sources.iter().any(|f| &f.path == path && f.origin == origin))
}

fn is_rule_package(package: &[String]) -> bool {
    package.len() > RULES_ROOT.len()
        && package[..RULES_ROOT.len()] == RULES_ROOT
        && !package.last().is_some_and(|p| p.ends_with("_test"))
}

fn is_identifier(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl Engine {
    /// Builds the engine: parses every module, mounts data, discovers rules,
    /// reads and checks their `meta`, applies `--policy` overrides (a user
    /// rule with the id or package of a bundled one replaces it), and adds the
    /// aggregate query.
    ///
    /// The bundled policies alone come precompiled (`precompiled`), which
    /// skips parsing and compiling them on every start.
    pub fn build(sources: &PolicySources) -> Result<Engine> {
        if let Some(engine) = precompiled::engine(sources) {
            return Ok(engine);
        }
        Engine::compile(sources)
    }

    /// Builds the engine from the Rego sources, never from the precompiled
    /// bundle.
    pub fn compile(sources: &PolicySources) -> Result<Engine> {
        let all: Vec<&PolicyFile> = sources.modules.iter().collect();
        let (mut engine, mut rules) = Engine::discover(&all, &sources.data)?;
        let replaced = replaced_packages(&rules);
        let replacements = replacement_notes(&rules);
        // The `--policy` rules that take a bundled rule's place (by id or package).
        let replacing: BTreeSet<String> = rules
            .iter()
            .filter(|r| r.origin == Origin::User)
            .filter(|r| r.mixed || rules.iter().any(|b| b.origin == Origin::Bundled && b.meta.id == r.meta.id))
            .map(|r| r.meta.id.clone())
            .collect();
        if !replaced.is_empty() {
            let kept: Vec<&PolicyFile> = sources
                .modules
                .iter()
                .filter(|f| {
                    f.origin == Origin::User
                        || !rules.iter().any(|r| replaced.contains(&r.package) && r.files.contains(&f.path))
                })
                .collect();
            (engine, rules) = Engine::discover(&kept, &sources.data)?;
        }
        let mut ids: BTreeMap<&str, &Rule> = BTreeMap::new();
        for rule in &rules {
            if let Some(other) = ids.insert(&rule.meta.id, rule) {
                let message = format!(
                    "rule id `{}` is declared by both `{}` ({}) and `{}`: each rule needs its own id",
                    rule.meta.id,
                    other.package,
                    other.files.join(", "),
                    rule.package
                );
                return Err(located_in(message, meta_location(&rule.files, &all), &rule.files[0], &all));
            }
        }
        // A `--policy` rule whose `applies` is only ever its default `false`
        // is not applicable to anything: it would never fail. Replacing a
        // bundled rule that way switches the bundled rule off, which is
        // said on every run (`replacements`).
        for rule in rules.iter().filter(|r| r.origin == Origin::User) {
            if let (Some(location), false) = (&rule.never_applies, replacing.contains(&rule.meta.id)) {
                let message = format!(
                    "`applies` of rule {} is only ever its default `false`, so the rule never applies and can \
                     never fail: add `applies if ...`, or remove the default",
                    rule.meta.id
                );
                return Err(located_in(message, Some(location.clone()), &rule.files[0], &all));
            }
        }
        rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        let data = Arc::new(engine.get_data());
        Ok(Engine {
            regorus: Some(engine),
            deferred: None,
            rules: Arc::new(rules),
            digest: Arc::new(PolicyDigest::of(sources)),
            replaced: Arc::new(replaced),
            replacements: Arc::new(replacements),
            time_limit: DEFAULT_TIME_LIMIT,
            program: None,
            data,
            vm: None,
        })
    }

    /// Parses the modules and reads every rule package's `meta`.
    fn discover(sources: &[&PolicyFile], data: &[PolicyFile]) -> Result<(regorus::Engine, Vec<Rule>)> {
        let mut engine = load(sources, data)?;
        let infos = modules(&mut engine)?;
        bundled_overlap(&infos, sources, data)?;
        let declared: Vec<(Vec<String>, Vec<String>)> =
            infos.iter().map(|i| (i.package.clone(), i.names.iter().cloned().collect())).collect();
        references::check_data_references(&engine.get_data(), &declared, sources)?;
        let mut packages: BTreeMap<Vec<String>, (Vec<String>, BTreeSet<String>)> = BTreeMap::new();
        for info in &infos {
            if info.package.first().map(String::as_str) == Some(RULES_ROOT[0])
                && info.package.get(1).map(String::as_str) == Some("engine")
            {
                return Err(Error::new(
                    ErrorKind::Policy,
                    format!("{}: package `{AGGREGATE_PACKAGE}` is reserved for modelgate", info.file),
                ));
            }
            if !is_rule_package(&info.package) {
                misplaced_rule(info, sources)?;
                continue;
            }
            if let Some(bad) = info.package.iter().find(|c| !is_identifier(c)) {
                return Err(Error::new(
                    ErrorKind::Policy,
                    format!("{}: rule package component `{bad}` must be a plain identifier", info.file),
                ));
            }
            let entry = packages.entry(info.package.clone()).or_default();
            entry.0.push(info.file.clone());
            entry.1.extend(info.names.iter().cloned());
        }
        for (package, (files, declares)) in &packages {
            // A rule with no outcome always passes, which a replacement rule
            // may mean; a near miss of an outcome's name (`denny`) is a typo.
            if !CONTRACT_OUTCOMES.iter().any(|name| declares.contains(*name)) {
                let typo = declares.iter().find_map(|name| {
                    let hint = crate::error::did_you_mean(name, CONTRACT_OUTCOMES.iter().copied())?;
                    Some((name, hint))
                });
                if let Some((name, hint)) = typo {
                    return Err(Error::new(
                        ErrorKind::Policy,
                        format!(
                            "{}: rule package `{}` declares `{name}` and none of `deny`, `warn` or `obligations`, so \
                             it can never fail or warn: {hint}",
                            files[0],
                            package.join(".")
                        ),
                    ));
                }
            }
            let infos_of = || infos.iter().filter(|i| &i.package == package);
            if !declares.contains("meta") {
                // A test package named without the `_test` suffix reads as a
                // rule package: say so rather than point at `modelgate.lib`.
                if let Some(test) = declares.iter().find(|name| name.starts_with("test_")) {
                    let at = infos_of().find_map(|i| i.location(test));
                    let name = package.join(".");
                    let suggested = match name.strip_suffix("_tests") {
                        Some(stem) => format!("{stem}_test"),
                        None => format!("{name}_test"),
                    };
                    let message = format!(
                        "package `{name}` declares `{test}` but no `meta`: a test package's name ends in `_test` \
                         (`package {suggested}`), and its file's in `_test.rego`"
                    );
                    return Err(located_in(message, at, &files[0], sources));
                }
                return Err(Error::new(
                    ErrorKind::Policy,
                    format!(
                        "{}: package `{}` is under `modelgate.rules` but declares no `meta`; \
                         helper packages belong under `modelgate.lib`",
                        files[0],
                        package.join(".")
                    ),
                ));
            }
        }
        // The aggregate goes in before anything is evaluated, so the policies
        // are analysed once; its `metas` reads every rule's `meta` in one query.
        let parts: Vec<AggregatePart> = packages
            .iter()
            .map(|(package, (files, declares))| AggregatePart {
                package: package.join("."),
                declares,
                user: any_from(files, sources, Origin::User),
            })
            .collect();
        engine
            .add_policy("modelgate/aggregate.rego".to_string(), aggregate_module(&parts))
            .map_err(|e| Error::new(ErrorKind::Policy, format!("internal aggregate module: {e}")))?;
        engine.set_input(regorus::Value::new_object());
        let metas = engine.eval_rule(format!("data.{AGGREGATE_PACKAGE}.metas"));
        let metas = match metas {
            Ok(regorus::Value::Array(values)) if values.len() == packages.len() => values.to_vec(),
            _ => (0..packages.len())
                .map(|i| {
                    engine.eval_rule(format!("data.{AGGREGATE_PACKAGE}.m{i}")).unwrap_or(regorus::Value::Undefined)
                })
                .collect(),
        };
        let mut rules = Vec::with_capacity(packages.len());
        for (slot, ((package, (files, declares)), value)) in packages.into_iter().zip(metas).enumerate() {
            let package = package.join(".");
            let at_meta = |message: String| match meta_location(&files, sources) {
                Some(location) => Error::at(ErrorKind::Policy, message, location),
                None => Error::new(ErrorKind::Policy, format!("{}: {message}", files[0])),
            };
            let json = match value_to_json(&value) {
                Some(json) => json,
                None => {
                    return Err(match engine.eval_rule(format!("data.{package}.meta")).err() {
                        // A compile error anywhere (an unsafe variable in a
                        // helper) is named where it is.
                        Some(e) => regorus_error(&e.to_string(), sources, &files[0]),
                        None => at_meta(
                            "cannot evaluate `meta`: it must be a constant object (not read from `input`)".to_string(),
                        ),
                    });
                }
            };
            // Read as a file is read: "`severity`: unknown value `urgent`"
            // with a hint, not serde_json's "unknown variant".
            let node = crate::de::node_from_json(&json, crate::source::Pos::default());
            let mut meta: RuleMeta = crate::de::from_node(&node, "/meta").map_err(|e| {
                let error = at_meta(format!("invalid {}", e.describe()));
                error.with_optional_hint(e.hint)
            })?;
            meta.fill_defaults(json.get("description").is_some());
            meta.check().map_err(|e| at_meta(e.to_string()))?;
            let user = any_from(&files, sources, Origin::User);
            let bundled = any_from(&files, sources, Origin::Bundled);
            let origin = if user { Origin::User } else { Origin::Bundled };
            let infos_of: Vec<&ModuleInfo> = infos.iter().filter(|i| i.package.join(".") == package).collect();
            let never_applies = if infos_of.iter().all(|i| i.defaults_only.get("applies").is_none_or(|v| v == "false"))
            {
                infos_of.iter().find(|i| i.defaults_only.contains_key("applies")).and_then(|i| i.location("applies"))
            } else {
                None
            };
            rules.push(Rule { meta, package, files, origin, mixed: user && bundled, declares, never_applies, slot });
        }
        Ok((engine, rules))
    }

    /// The rules, sorted by id.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// What `--policy` rules replaced, one sentence each (empty when they
    /// only add rules).
    pub fn replacements(&self) -> &[String] {
        &self.replacements
    }

    /// Bundled rule packages that `--policy` rules replaced.
    pub fn replaced(&self) -> &BTreeSet<String> {
        &self.replaced
    }

    /// The policy data (every `data.yaml` at its mount), as the policies see it.
    pub fn data(&self) -> &regorus::Value {
        &self.data
    }

    /// Digests of the policy and data files.
    pub fn digest(&self) -> &PolicyDigest {
        &self.digest
    }

    /// Stops any single evaluation that runs longer than `limit`: a runaway
    /// rule becomes an `error` outcome instead of hanging the gate.
    pub fn set_time_limit(&mut self, limit: std::time::Duration) {
        self.time_limit = limit;
        if let Some(engine) = self.regorus.as_mut() {
            set_timer(engine, limit);
        }
    }

    /// The time all rules have on one proposal.
    pub fn time_limit(&self) -> std::time::Duration {
        self.time_limit
    }

    /// The interpreter, built from the deferred sources on first use.
    fn interpreter(&mut self) -> Result<&mut regorus::Engine> {
        if self.regorus.is_none() {
            let deferred = self
                .deferred
                .clone()
                .ok_or_else(|| Error::new(ErrorKind::Policy, "the engine has no policies to interpret"))?;
            let modules: Vec<&PolicyFile> = deferred.modules.iter().collect();
            let mut engine = load(&modules, &deferred.data)?;
            engine
                .add_policy("modelgate/aggregate.rego".to_string(), deferred.aggregate.clone())
                .map_err(|e| Error::new(ErrorKind::Policy, format!("internal aggregate module: {e}")))?;
            set_timer(&mut engine, self.time_limit);
            self.regorus = Some(engine);
        }
        self.regorus.as_mut().ok_or_else(|| Error::new(ErrorKind::Policy, "no interpreter"))
    }

    /// Compiles the aggregate query to VM bytecode (a few milliseconds) so
    /// later evaluations run on the VM; worth it for more than a handful of
    /// proposals. Returns whether the VM is now in use: policies the VM cannot
    /// run faithfully stay on the interpreter.
    pub fn prepare_vm(&mut self) -> bool {
        if self.program.is_none() {
            let entry = self.aggregate_entry();
            if let Ok(engine) = self.interpreter() {
                self.program = compile_program(engine, entry);
            }
        }
        self.program.is_some()
    }

    /// Whether the engine came from the precompiled bundle (no Rego was
    /// parsed to build it).
    pub fn precompiled(&self) -> bool {
        self.deferred.is_some()
    }

    /// Whether evaluation runs on the bytecode VM.
    pub fn uses_vm(&self) -> bool {
        self.program.is_some()
    }

    /// Turns the bytecode VM off (the interpreter evaluates everything).
    pub fn disable_vm(&mut self) {
        self.program = None;
        self.vm = None;
    }

    /// The aggregate query's rule: `results` (every rule), or with
    /// `--policy` rules `bundled` (the bundled rules; the `--policy` ones are
    /// judged one at a time, so one that runs away is caught once).
    fn aggregate_entry(&self) -> &'static str {
        if self.has_policy_rules() {
            "bundled"
        } else {
            "results"
        }
    }

    /// The aggregate results from the VM, if it is on and succeeds within
    /// the deadline.
    fn evaluate_on_vm(&mut self, input: &regorus::Value, deadline: Instant) -> Option<Vec<regorus::Value>> {
        let program = self.program.as_ref()?;
        if self.vm.is_none() {
            let mut vm = regorus::rvm::vm::RegoVM::new();
            vm.load_program(program.clone());
            vm.set_data(self.data.as_ref().clone()).ok()?;
            vm.set_max_instructions(MAX_VM_INSTRUCTIONS);
            self.vm = Some(Box::new(vm));
        }
        let vm = self.vm.as_mut()?;
        vm.set_execution_timer_config(Some(timer(remaining(deadline)?)));
        vm.set_input(input.clone());
        match vm.execute() {
            Ok(regorus::Value::Array(results)) if results.len() == self.rules.len() => Some(results.to_vec()),
            _ => None,
        }
    }

    /// Evaluates every rule on one input; one outcome per rule, in `rules()` order.
    /// The rules share the time until `deadline` (`time_limit()` from the
    /// start of the proposal, whatever its number of license alternatives):
    /// a rule still running then, or not reached by then, is an error.
    ///
    /// `--policy` rules are judged by the interpreter even when the VM runs
    /// the rest: regorus 0.14.1's VM reads a builtin error inside a rule body
    /// (`to_number("abc")`) as undefined, so a rule that errs would pass.
    /// The bundled rules are held to the interpreter's reports by the
    /// parity tests.
    pub fn evaluate(&mut self, input: regorus::Value, deadline: Instant) -> Vec<Outcome> {
        if !self.has_policy_rules() {
            return self.evaluate_all(input, deadline);
        }
        // A `--policy` rule's `path` must name a place in the input: one
        // that names nothing (`/organisation/mau`) was located at the top of
        // the file, a finding pointing nowhere. The bundled rules' paths are
        // held to the fixtures by `tests/rules.rs`.
        let outcomes = self.evaluate_all(input.clone(), deadline);
        self.rules
            .iter()
            .zip(outcomes)
            .map(|(rule, outcome)| match (rule.origin, outcome) {
                (Origin::User, Outcome::Applied { deny, warn, obligations }) => {
                    let bad = [("deny", &deny), ("warn", &warn)].into_iter().find_map(|(key, entries)| {
                        entries.iter().find_map(|v| {
                            let pointer = v.path.as_deref()?;
                            pointer_target(&input, pointer).err().map(|reason| {
                                format!("`{key}` entry path `{pointer}` points at nothing in the input: {reason}")
                            })
                        })
                    });
                    match bad {
                        Some(message) => {
                            Outcome::Error(format!("{message} (`modelgate parse FILE` prints the input the rules see)"))
                        }
                        None => Outcome::Applied { deny, warn, obligations },
                    }
                }
                (_, outcome) => outcome,
            })
            .collect()
    }

    /// Whether any rule comes from `--policy`.
    fn has_policy_rules(&self) -> bool {
        self.rules.iter().any(|rule| rule.origin == Origin::User)
    }

    fn evaluate_all(&mut self, input: regorus::Value, deadline: Instant) -> Vec<Outcome> {
        let on_vm = self.evaluate_on_vm(&input, deadline);
        if let Some(results) = &on_vm {
            if !self.has_policy_rules() {
                return self.rules.iter().map(|rule| outcome(&results[rule.slot], rule.meta.category)).collect();
            }
        }
        let entry = self.aggregate_entry();
        // The interpreter borrows the engine mutably below.
        let rules = self.rules.clone();
        let time_limit = self.time_limit;
        let engine = match self.interpreter() {
            Ok(engine) => engine,
            Err(e) => return rules.iter().map(|_| Outcome::Error(e.message().to_string())).collect(),
        };
        engine.set_input(input);
        let aggregate = on_vm.or_else(|| {
            engine.set_execution_timer_config(timer(remaining(deadline)?));
            match engine.eval_rule(format!("data.{AGGREGATE_PACKAGE}.{entry}")) {
                Ok(regorus::Value::Array(results)) if results.len() == rules.len() => Some(results.to_vec()),
                _ => None,
            }
        });
        // Without the aggregate (a rule erred, or the time ran out) each rule
        // is judged alone, so the error is pinned on the rule at fault.
        rules
            .iter()
            .map(|rule| match (&aggregate, rule.origin) {
                (Some(results), Origin::Bundled) => outcome(&results[rule.slot], rule.meta.category),
                _ => interpret_rule(engine, rule, time_limit, deadline),
            })
            .collect()
    }
}

/// Whether a JSON pointer names a place in the input: `Err` says where it
/// leaves the document. Below a `null` (a section the proposal leaves out)
/// every field is accepted: the finding points at the nearest one given.
fn pointer_target(input: &regorus::Value, pointer: &str) -> std::result::Result<(), String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Ok(());
    };
    let mut current = input;
    let mut walked = String::new();
    for raw in rest.split('/') {
        let segment = raw.replace("~1", "/").replace("~0", "~");
        let here = if walked.is_empty() { "the input".to_string() } else { format!("`{walked}`") };
        current = match current {
            regorus::Value::Object(map) => match map.get(&regorus::Value::from(segment.as_str())) {
                Some(next) => next,
                None => {
                    let keys: Vec<String> =
                        map.keys().filter_map(|k| k.as_string().ok().map(|s| s.to_string())).collect();
                    let hint = crate::error::did_you_mean(&segment, keys.iter().map(String::as_str))
                        .map_or(String::new(), |hint| format!(" ({hint})"));
                    return Err(format!("{here} has no field `{segment}`{hint}"));
                }
            },
            regorus::Value::Array(items) => match segment.parse::<usize>().ok().and_then(|i| items.get(i)) {
                Some(next) => next,
                None => return Err(format!("{here} has {} entries, and no entry `{segment}`", items.len())),
            },
            regorus::Value::Null => return Ok(()),
            other => {
                let kind = match other {
                    regorus::Value::Bool(_) => "a boolean",
                    regorus::Value::Number(_) => "a number",
                    regorus::Value::String(_) => "a string",
                    _ => "a value",
                };
                return Err(format!("{here} is {kind}, with no field `{segment}`"));
            }
        };
        walked.push('/');
        walked.push_str(raw);
    }
    Ok(())
}

/// One rule's outcome from the interpreter, its input already set; an
/// evaluation error is pinned on the rule. A rule reached after the
/// deadline is not evaluated: it is an error too, never a pass.
fn interpret_rule(
    engine: &mut regorus::Engine,
    rule: &Rule,
    time_limit: std::time::Duration,
    deadline: Instant,
) -> Outcome {
    let Some(left) = remaining(deadline) else {
        return Outcome::Error(format!(
            "the time limit of {} ms for the proposal ran out before this rule was reached",
            time_limit.as_millis()
        ));
    };
    engine.set_execution_timer_config(timer(left));
    match engine.eval_rule(format!("data.{AGGREGATE_PACKAGE}.r{}", rule.slot)) {
        Ok(value) => outcome(&value, rule.meta.category),
        Err(e) => Outcome::Error(describe_error(time_limit, &e.to_string())),
    }
}

/// An evaluation error as reported: the time limit without the measured
/// elapsed time, so the same inputs always give the same report.
fn describe_error(time_limit: std::time::Duration, message: &str) -> String {
    if message.contains("exceeded time limit") {
        format!("evaluation exceeded the time limit of {} ms", time_limit.as_millis())
    } else {
        first_lines(message)
    }
}

fn set_timer(engine: &mut regorus::Engine, limit: std::time::Duration) {
    engine.set_execution_timer_config(timer(limit));
}

fn timer(limit: std::time::Duration) -> regorus::utils::limits::ExecutionTimerConfig {
    regorus::utils::limits::ExecutionTimerConfig {
        limit,
        check_interval: std::num::NonZeroU32::new(64).expect("non-zero"),
    }
}

/// The time left until `deadline`; `None` once it has passed.
fn remaining(deadline: Instant) -> Option<std::time::Duration> {
    deadline.checked_duration_since(Instant::now()).filter(|left| !left.is_zero())
}

/// Compiles the aggregate query to VM bytecode; `None` when the policies
/// use something the VM does not support (the interpreter then runs them).
fn compile_program(engine: &mut regorus::Engine, entry: &str) -> Option<Arc<regorus::rvm::program::Program>> {
    // regorus 0.14.1's VM returns undefined for a whole `else` chain when an
    // earlier branch fails on an undefined reference (the interpreter and OPA
    // go on to the next branch), so policies with `else` stay on the interpreter.
    let uses_else = engine.get_modules().iter().any(|module| {
        module
            .policy
            .iter()
            .any(|rule| matches!(rule.as_ref(), AstRule::Spec { bodies, .. } if bodies.iter().any(|b| b.is_else)))
    });
    if uses_else {
        return None;
    }
    let entry = format!("data.{AGGREGATE_PACKAGE}.{entry}");
    let policy = engine.compile_with_entrypoint(&entry.as_str().into()).ok()?;
    regorus::languages::rego::compiler::Compiler::compile_from_policy(&policy, &[entry.as_str()]).ok()
}

/// Bundled packages that `--policy` rules take over: a user package with
/// the same path, or a user rule with the same id.
fn replaced_packages(rules: &[Rule]) -> BTreeSet<String> {
    let mut replaced = BTreeSet::new();
    for user in rules.iter().filter(|r| r.origin == Origin::User) {
        if user.mixed {
            replaced.insert(user.package.clone());
        }
        for bundled in rules.iter().filter(|r| r.origin == Origin::Bundled) {
            if bundled.meta.id == user.meta.id {
                replaced.insert(bundled.package.clone());
            }
        }
    }
    replaced
}

/// Where a package's `meta` is defined: the line that opens it
/// (`meta := {`), in the first of the package's files that has one.
fn meta_location(files: &[String], sources: &[&PolicyFile]) -> Option<crate::error::Location> {
    files.iter().find_map(|path| {
        let file = sources.iter().find(|f| &f.path == path)?;
        let line = file.text.lines().position(|line| {
            line.strip_prefix("meta").is_some_and(|rest| {
                let rest = rest.trim_start();
                rest.starts_with(":=") || rest.starts_with('=')
            })
        })?;
        Some(crate::error::Location { file: path.clone(), line: u32::try_from(line + 1).ok()?, column: 1 })
    })
}

/// What each `--policy` rule replaced: a bundled rule with its id, or the
/// bundled files of a package it shares.
fn replacement_notes(rules: &[Rule]) -> Vec<String> {
    let mut notes = Vec::new();
    for user in rules.iter().filter(|r| r.origin == Origin::User) {
        for bundled in rules.iter().filter(|r| r.origin == Origin::Bundled && r.meta.id == user.meta.id) {
            notes.push(format!(
                "the bundled rule {} ({}) is replaced by the one in {}",
                bundled.meta.id,
                bundled.package,
                user.files.join(", ")
            ));
        }
        if user.mixed {
            notes.push(format!(
                "the bundled package {} is replaced by {}",
                user.package,
                user.files.iter().filter(|f| !f.starts_with("policies/")).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    notes
}

/// One rule package as the aggregate module reads it.
pub(crate) struct AggregatePart<'a> {
    pub package: String,
    pub declares: &'a BTreeSet<String>,
    /// Whether any of its files comes from `--policy`.
    pub user: bool,
}

/// The aggregate module: per rule package `i`, `m<i>` (its `meta`) and
/// `r<i>` (its `applies`, `deny`, `warn`, `obligations`), and the lists
/// `metas` and `results`; with `--policy` packages also `bundled`, the
/// results with `null` in place of each `--policy` rule's.
fn aggregate_module(packages: &[AggregatePart]) -> String {
    let mut rego = format!("package {AGGREGATE_PACKAGE}\n\nimport rego.v1\n\n");
    for (i, AggregatePart { package, declares, .. }) in packages.iter().enumerate() {
        let pkg = format!("data.{package}");
        let part = |name: &str| if declares.contains(name) { format!("{pkg}.{name}") } else { "[]".to_string() };
        let body = format!(
            "{{\"applies\": true, \"deny\": {}, \"warn\": {}, \"obligations\": {}}}",
            part("deny"),
            part("warn"),
            part("obligations")
        );
        rego.push_str(&format!("m{i} := {pkg}.meta\n\n"));
        if declares.contains("applies") {
            // An `applies` that is neither true nor false is passed on as
            // it is, so the rule errs instead of reading as not applicable
            // (`applies := "yes"` hid every deny).
            rego.push_str(&format!(
                "default r{i} := {{\"applies\": false}}\n\nr{i} := {body} if {{\n\t{pkg}.applies == true\n}}\n\n\
                 r{i} := {{\"applies\": a}} if {{\n\ta := {pkg}.applies\n\tnot is_boolean(a)\n}}\n\n"
            ));
        } else {
            rego.push_str(&format!("r{i} := {body}\n\n"));
        }
    }
    let list = |prefix: &str| (0..packages.len()).map(|i| format!("{prefix}{i}")).collect::<Vec<_>>().join(", ");
    rego.push_str(&format!("metas := [{}]\n\nresults := [{}]\n", list("m"), list("r")));
    if packages.iter().any(|part| part.user) {
        let bundled: Vec<String> = packages
            .iter()
            .enumerate()
            .map(|(i, part)| if part.user { "null".to_string() } else { format!("r{i}") })
            .collect();
        rego.push_str(&format!("\nbundled := [{}]\n", bundled.join(", ")));
    }
    rego
}

/// A regorus value as JSON; `None` for undefined.
pub fn value_to_json(value: &regorus::Value) -> Option<serde_json::Value> {
    if matches!(value, regorus::Value::Undefined) {
        return None;
    }
    serde_json::to_value(value).ok()
}

/// Whether `later` says what `first` says, bar the verification mark a
/// license rule appends for a term read only in part (`modelgate.lib.licenses`
/// `checked`).
fn same_message(later: &str, first: &str) -> bool {
    later == first
        || later
            .strip_prefix(first)
            .is_some_and(|rest| rest.starts_with(" [partial: ") || rest.starts_with(" [unverified: "))
}

/// Puts the violations resting on terms read in full before those marked
/// `[partial: ...]`, and those before `[unverified: ...]`, keeping the order
/// within each. The first is the finding's headline (message, citation):
/// a legal reviewer should see the violation modelgate is surest of, not the
/// one that sorts first (Command R+'s commercial-use failure led with the
/// unverified C4AI addendum, not CC-BY-NC-4.0 §2(a)(1)).
fn settled_first(violations: &mut [RawViolation]) {
    violations.sort_by_key(|v| {
        if v.message.contains(" [unverified: ") {
            2
        } else if v.message.contains(" [partial: ") {
            1
        } else {
            0
        }
    });
}

/// Turns one rule's aggregate entry into an outcome, checking the contract.
fn outcome(value: &regorus::Value, category: Category) -> Outcome {
    let Some(serde_json::Value::Object(entry)) = value_to_json(value) else {
        return Outcome::Error("the rule produced no result".to_string());
    };
    match entry.get("applies") {
        Some(serde_json::Value::Bool(true)) => {}
        Some(serde_json::Value::Bool(false)) | None => return Outcome::NotApplicable,
        Some(other) => return Outcome::Error(format!("`applies` must be true or false, found {other}")),
    }
    let violations = |key: &str| -> std::result::Result<Vec<RawViolation>, String> {
        let items = entry.get(key).and_then(|v| v.as_array()).ok_or_else(|| format!("`{key}` must be a set"))?;
        let mut out: Vec<RawViolation> =
            items.iter().map(|item| violation(item, key)).collect::<std::result::Result<_, _>>()?;
        out.sort();
        // The same violation from two dated texts of one license (Gemma's
        // 2024 and 2025 terms) is one violation, under the first license id.
        // Where only one text was read in full, the other's message carries
        // a verification mark (`[partial: ...]`); the duty is the same, and
        // the unmarked message, which sorts first, is kept.
        out.dedup_by(|later, first| {
            same_message(&later.message, &first.message)
                && later.path == first.path
                && later.remediation == first.remediation
                && later.citation == first.citation
        });
        settled_first(&mut out);
        Ok(out)
    };
    let result = (|| {
        let mut deny = violations("deny")?;
        let mut warn = violations("warn")?;
        if category == Category::Advisory {
            // Advisory rules never gate: a deny counts as a warning.
            warn.append(&mut deny);
            warn.sort();
            settled_first(&mut warn);
        }
        let items = entry
            .get("obligations")
            .and_then(|v| v.as_array())
            .ok_or_else(|| "`obligations` must be a set".to_string())?;
        let mut obligations: Vec<Obligation> = items.iter().map(obligation).collect::<std::result::Result<_, _>>()?;
        obligations.sort();
        // The same duty from two dated texts of one license (Gemma's 2024 and
        // 2025 terms) is one duty: listed once, under the first license id.
        obligations.dedup_by(|later, first| later.text == first.text && later.section == first.section);
        Ok(Outcome::Applied { deny, warn, obligations })
    })();
    result.unwrap_or_else(Outcome::Error)
}

/// The fields a deny or warn entry may carry.
const VIOLATION_FIELDS: [&str; 5] = ["msg", "path", "remediation", "license", "citation"];

fn violation(item: &serde_json::Value, key: &str) -> std::result::Result<RawViolation, String> {
    let string = |field: &str| -> std::result::Result<Option<String>, String> {
        match item.get(field) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("`{key}` entry field `{field}` must be a string")),
        }
    };
    let map = match item {
        serde_json::Value::String(s) => {
            return Ok(RawViolation {
                message: s.clone(),
                path: None,
                remediation: None,
                license: None,
                citation: None,
            })
        }
        serde_json::Value::Object(map) => map,
        _ => return Err(format!("`{key}` entries must be objects with `msg` (or strings)")),
    };
    if let Some(unknown) = map.keys().find(|k| !VIOLATION_FIELDS.contains(&k.as_str())) {
        return Err(format!("`{key}` entry has unknown field `{unknown}` (expected {})", VIOLATION_FIELDS.join(", ")));
    }
    let message = string("msg")?.ok_or_else(|| format!("`{key}` entry has no `msg`"))?;
    let path = string("path")?;
    if path.as_deref().is_some_and(|p| !p.is_empty() && !p.starts_with('/')) {
        let p = path.as_deref().unwrap_or_default();
        let pointer = format!("/{}", p.trim_start_matches('.').replace('.', "/"));
        return Err(format!("`{key}` entry path `{p}` must be a JSON pointer starting with `/` (`{pointer}`)"));
    }
    let citation = match map.get("citation") {
        None | Some(serde_json::Value::Null) => None,
        Some(c) => Some(
            serde_json::from_value::<Citation>(c.clone())
                .map_err(|e| format!("`{key}` entry citation must be {{document, section, url}}: {e}"))?,
        ),
    };
    Ok(RawViolation { message, path, remediation: string("remediation")?, license: string("license")?, citation })
}

fn obligation(item: &serde_json::Value) -> std::result::Result<Obligation, String> {
    match item {
        serde_json::Value::String(s) => Ok(Obligation { text: s.clone(), section: None, license: None }),
        serde_json::Value::Object(_) => serde_json::from_value(item.clone())
            .map_err(|e| format!("obligation entries must be strings or objects with `text`: {e}")),
        _ => Err("obligation entries must be strings or objects with `text`".to_string()),
    }
}
