//! `check`: proposals in, report out. Gathers (proposals, catalog, policies),
//! judges each subject with the engine, and assembles the report.

use std::path::PathBuf;

use crate::catalog::{Catalog, Expression};
use crate::digest::combined;
use crate::engine::{input, Engine, Outcome, PolicySources, RawViolation};
use crate::error::{Error, ErrorKind, Result};
use crate::finding::{Category, Finding, Status, Violation};
use crate::proposal::{subjects, ProposalSet, Subject};
use crate::report::{
    AlternativeFailures, CatalogSet, FileDigest, Gate, LicenseFacts, ModelRecordFacts, ModelSummary, PolicySet,
    ProposalResult, Report, RuleRecord, StaleWaiver, Summary, Tool, Verdict, WaiverSet, SCHEMA,
};
use crate::vocabulary::Vocabulary;
use crate::waiver::Waivers;

/// Everything a run needs besides the proposals: catalog, vocabulary,
/// policies. Built once per process.
#[derive(Debug, Clone)]
pub struct Context {
    /// The catalog.
    pub catalog: std::sync::Arc<Catalog>,
    /// Known places and providers.
    pub vocabulary: std::sync::Arc<Vocabulary>,
    /// The policy files.
    pub sources: std::sync::Arc<PolicySources>,
    /// The prepared engine.
    pub engine: Engine,
}

impl Context {
    /// Loads the bundled catalog and policies, plus `--policy` paths.
    pub fn new(policy_paths: &[PathBuf]) -> Result<Context> {
        Context::load(policy_paths, &[])
    }

    /// Loads the bundled catalog and policies, plus `--policy` paths and
    /// `--catalog` directories (`Catalog::add_dir`).
    pub fn load(policy_paths: &[PathBuf], catalog_dirs: &[PathBuf]) -> Result<Context> {
        let mut sources = PolicySources::bundled();
        for path in policy_paths {
            sources.add_path(path)?;
        }
        // The catalog and the policy engine load independently and take
        // most of a cold check: load them side by side on a second core.
        let (catalog, engine) = std::thread::scope(|scope| {
            let catalog = scope.spawn(|| Catalog::with_dirs(catalog_dirs));
            let engine = Engine::build(&sources);
            let catalog = catalog.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (catalog, engine)
        });
        Context::assemble(sources, catalog?.into(), engine?)
    }

    /// A context from policy sources held in memory and a catalog already
    /// loaded: the policy fuzz target builds one per input, reusing the
    /// catalog.
    pub fn from_sources(sources: PolicySources, catalog: std::sync::Arc<Catalog>) -> Result<Context> {
        let engine = Engine::build(&sources)?;
        Context::assemble(sources, catalog, engine)
    }

    /// The checks that need both the catalog and the policies, then the context.
    fn assemble(sources: PolicySources, catalog: std::sync::Arc<Catalog>, engine: Engine) -> Result<Context> {
        crate::engine::references::check_input_references(&sources, &catalog)?;
        let vocabulary = Vocabulary::from_data(engine.data())?;
        check_limit_services(&catalog, &vocabulary)?;
        Ok(Context { catalog, vocabulary: vocabulary.into(), sources: sources.into(), engine })
    }

    /// The policy files a report was built from, with their digests and
    /// what replaced bundled rules.
    pub fn policy_set(&self) -> PolicySet {
        let digest = self.engine.digest();
        PolicySet {
            sha256: digest.sha256.clone(),
            rules: self.engine.rules().len(),
            files: digest.files.iter().map(|(p, d)| FileDigest { file: p.clone(), sha256: d.clone() }).collect(),
            replaced: self.engine.replacements().to_vec(),
        }
    }

    /// The catalog files a report was built from, with their digests and
    /// what replaced bundled records.
    pub fn catalog_set(&self) -> CatalogSet {
        let files: Vec<FileDigest> = self
            .catalog
            .files()
            .iter()
            .map(|f| FileDigest { file: f.path.clone(), sha256: f.sha256.clone() })
            .collect();
        CatalogSet {
            sha256: combined(files.iter().map(|f| (f.file.as_str(), f.sha256.as_str()))),
            files,
            replaced: self.catalog.replacements().to_vec(),
        }
    }

    /// The subjects of every proposal, validated.
    pub fn subjects(&self, set: &ProposalSet) -> Result<Vec<Subject>> {
        let mut out = Vec::new();
        for document in &set.documents {
            out.extend(subjects(document, &self.catalog, &self.vocabulary)?);
        }
        Ok(out)
    }
}

/// A geographic limit tied to a service the residency facts do not know
/// would never apply: refuse the catalog rather than pass silently.
fn check_limit_services(catalog: &Catalog, vocabulary: &Vocabulary) -> Result<()> {
    for license in catalog.licenses() {
        for limit in &license.record.terms.geographic {
            for service in limit.services.iter().flatten() {
                if !vocabulary.service_providers.contains_key(service) {
                    let hint = vocabulary
                        .near_miss_service(service)
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    return Err(Error::new(
                        ErrorKind::Catalog,
                        format!(
                            "{}: a geographic limit names the service `{service}`, which no provider of the residency facts offers{hint}",
                            license.file
                        ),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The date to judge as today (`YYYY-MM-DD`).
    pub now: String,
    /// Waivers, if given.
    pub waivers: Option<Waivers>,
    /// Limit on one evaluation of all rules for one proposal.
    pub time_limit: Option<std::time::Duration>,
    /// Evaluate with the interpreter only (no bytecode VM).
    pub interpreter_only: bool,
    /// Threads to judge with (default: one per core).
    pub jobs: Option<usize>,
    /// The lowest finding status that fails the run.
    pub fail_on: crate::report::FailOn,
    /// The `--policy` paths as given (named as reports name files), for the
    /// report's `command`.
    pub policy_paths: Vec<String>,
    /// The `--catalog` directories as given, for the report's `command`.
    pub catalog_paths: Vec<String>,
    /// The proposal paths as given (named as reports name files) and whether
    /// directories were read recursively, for the report's `command`; `None`
    /// (a library caller) names the files read instead.
    pub proposal_paths: Option<(Vec<String>, bool)>,
}

/// The command that judges the same files the same way, for the report's
/// `command`: `--now`, `--fail-on`, `--timeout-ms`, each `--policy` and
/// `--catalog`, the waiver file and the proposal paths as given (`-R` when
/// directories were read recursively; standard input as `-`). A directory stays a directory:
/// `inputs` names every file read, with its digest, and a run over 100,000
/// files would otherwise hold their names twice. What cannot change a
/// verdict (formats, `--jobs`, `--engine`) is left out.
fn rerun_command(options: &CheckOptions, proposals: &[crate::proposal::InputFile]) -> Vec<String> {
    let mut command: Vec<String> = ["modelgate", "check", "--now", &options.now, "--fail-on", options.fail_on.as_str()]
        .iter()
        .map(|s| s.to_string())
        .collect();
    if let Some(limit) = options.time_limit {
        command.extend(["--timeout-ms".to_string(), limit.as_millis().to_string()]);
    }
    for policy in &options.policy_paths {
        command.extend(option("--policy", policy.clone()));
    }
    for catalog in &options.catalog_paths {
        command.extend(option("--catalog", catalog.clone()));
    }
    if let Some((file, _)) = options.waivers.as_ref().and_then(|w| w.file.as_ref()) {
        command.extend(option("--waivers", stdin_as_dash(file)));
    }
    let paths: Vec<String> = match &options.proposal_paths {
        Some((paths, recursive)) => {
            if *recursive {
                command.push("-R".to_string());
            }
            paths.iter().map(|p| stdin_as_dash(p)).collect()
        }
        None => proposals.iter().map(|p| stdin_as_dash(&p.path)).collect(),
    };
    // A path that begins with `-` (a file named `-x.yaml`) would be read
    // as an option: after `--`, every argument is a path.
    if paths.iter().any(|p| looks_like_option(p)) {
        command.push("--".to_string());
    }
    command.extend(paths);
    command
}

/// Whether an argument would be read as an option rather than a value: it
/// begins with `-` and is not `-` (standard input).
fn looks_like_option(arg: &str) -> bool {
    arg.starts_with('-') && arg != crate::source::STDIN
}

/// An option and its value as separate arguments, or as one (`--policy=-p`)
/// when the value would be read as an option.
fn option(name: &str, value: String) -> Vec<String> {
    if looks_like_option(&value) {
        vec![format!("{name}={value}")]
    } else {
        vec![name.to_string(), value]
    }
}

fn stdin_as_dash(path: &str) -> String {
    if path == crate::proposal::STDIN_NAME {
        crate::source::STDIN.to_string()
    } else {
        path.to_string()
    }
}

/// Judges every proposal of the set.
pub fn check(context: &Context, set: &ProposalSet, options: &CheckOptions) -> Result<Report> {
    let subjects = context.subjects(set)?;
    let mut proposals = judge_all(context, &subjects, options)?;
    let stale = match &options.waivers {
        Some(waivers) => {
            let stale = waivers.apply(&mut proposals, &options.now, &license_record(&context.catalog));
            resort(&mut proposals);
            stale
        }
        None => Vec::new(),
    };
    let command = rerun_command(options, &set.inputs);
    let inputs = with_cards(set.inputs.clone(), subjects.iter().filter_map(card_input));
    Ok(assemble(context, &inputs, command, options, proposals, stale))
}

/// From this many subjects on, compiling the policies to VM bytecode pays
/// for itself (the bundled policies come compiled: they always run on it).
const VM_THRESHOLD: usize = 8;

/// The message of a finding whose rule does not apply.
pub const NOT_APPLICABLE: &str = "The rule does not apply to this proposal.";

/// Files validated together before their names are registered.
const VALIDATION_CHUNK: usize = 4096;

/// Subjects judged together in a streamed check: enough to keep every core
/// busy, few enough that memory stays flat however many proposals there are.
const BATCH: usize = 512;

/// Where a streamed check sends the report, part by part.
pub trait ReportSink {
    /// Before the first proposal: the report's head (`schema`, `tool`, `now`).
    fn head(&mut self, report: &Report) -> Result<()>;
    /// One proposal, in input order; `first` opens the list.
    fn proposal(&mut self, result: &ProposalResult, first: bool) -> Result<()>;
    /// After the last proposal: the rest of the report (its `proposals` is
    /// empty: they went out one by one).
    fn tail(&mut self, report: &Report, any: bool) -> Result<()>;
}

/// Judges every proposal the paths name, streaming results to `sink` in
/// batches: memory stays flat however many proposals there are. Every file
/// is read and validated first, so bad input is an error before any output.
/// Returns the report without its proposals (for the exit code).
///
/// Beyond a handful of proposals, three stages overlap (`judge_pipelined`),
/// so every core stays busy; the output is in input order either way, byte
/// for byte what one thread gives.
pub fn check_streaming(
    context: &Context,
    paths: &[PathBuf],
    load: &crate::proposal::LoadOptions,
    options: &CheckOptions,
    sink: &mut dyn ReportSink,
) -> Result<Report> {
    use crate::proposal::proposal_files;
    let files = proposal_files(paths, load.recursive)?;
    // One file is validated on this thread: no pool to start for the usual
    // gate on a proposal or two.
    let pool = if files.len() > 1 { Some(thread_pool(options.jobs)?) } else { None };
    let Validated { files: input_files, cards, documents } = match &pool {
        Some(pool) => pool.install(|| validate_files(context, &files, load))?,
        None => validate_files(context, &files, load)?,
    };
    let base = prepared_engine(context, options, documents);
    // The digests the report records: the second read must find the same bytes.
    let digests: Vec<String> = input_files.iter().map(|file| file.sha256.clone()).collect();
    let command = rerun_command(options, &input_files);
    let mut report = assemble(context, &with_cards(input_files, cards), command, options, Vec::new(), Vec::new());
    sink.head(&report)?;
    let mut ledger = options.waivers.as_ref().map(Waivers::ledger);
    let mut license_ids = std::collections::BTreeSet::new();
    let mut any = false;
    let mut write = |mut results: Vec<ProposalResult>| -> Result<()> {
        if let (Some(waivers), Some(ledger)) = (&options.waivers, ledger.as_mut()) {
            waivers.apply_batch(ledger, &mut results, &options.now, &license_record(&context.catalog));
            resort(&mut results);
        }
        for result in &results {
            report.summary.add(result);
            LicenseFacts::note_ids(&mut license_ids, result);
            sink.proposal(result, !any)?;
            any = true;
        }
        Ok(())
    };
    if documents < VM_THRESHOLD {
        // A handful of proposals: judged one by one here, without threads.
        let mut engine = base.clone();
        for ((path, display), sha256) in files.iter().zip(&digests) {
            crate::proposal::visit_file_again(path, display.clone(), sha256, &load.limits, &mut |document| {
                let judged = subjects(&document, &context.catalog, &context.vocabulary)?
                    .iter()
                    .map(|subject| judge(&mut engine, &context.catalog, subject, &options.now))
                    .collect();
                write(judged)
            })?;
        }
    } else {
        let pool = match pool {
            Some(pool) => pool,
            None => thread_pool(options.jobs)?,
        };
        judge_pipelined(context, &files, &digests, load, options, &base, &pool, &mut write)?;
    }
    report.licenses = LicenseFacts::for_ids(&context.catalog, &license_ids);
    report.gate = Gate::of(&report.summary, options.fail_on);
    if let (Some(waivers), Some(set)) = (&options.waivers, report.waivers.as_mut()) {
        set.stale = waivers.stale(ledger.as_ref().expect("a ledger exists when waivers do"));
    }
    sink.tail(&report, any)?;
    Ok(report)
}

/// Judges many proposals with three stages overlapping: a reader thread
/// parses the next batch of subjects, the pool judges the current one, and
/// this thread hands the previous one to `write`.
#[allow(clippy::too_many_arguments)]
fn judge_pipelined(
    context: &Context,
    files: &[(PathBuf, String)],
    digests: &[String],
    load: &crate::proposal::LoadOptions,
    options: &CheckOptions,
    base: &Engine,
    pool: &rayon::ThreadPool,
    write: &mut dyn FnMut(Vec<ProposalResult>) -> Result<()>,
) -> Result<()> {
    std::thread::scope(|scope| -> Result<()> {
        let (batches, received) = std::sync::mpsc::sync_channel::<Result<Vec<Subject>>>(1);
        scope.spawn(move || read_batches(context, files, digests, load, &batches));
        let mut judged: Option<Vec<ProposalResult>> = None;
        for batch in received {
            let batch = batch?;
            let mut next = None;
            pool.in_place_scope(|pool_scope| -> Result<()> {
                pool_scope.spawn(|_| next = Some(judge_par(base, &context.catalog, &batch, options)));
                judged.take().map_or(Ok(()), &mut *write)
            })?;
            judged = next;
        }
        judged.map_or(Ok(()), write)
    })
}

/// What the validation pass learnt: each file's digest, and how many
/// documents there are.
struct Validated {
    files: Vec<crate::proposal::InputFile>,
    /// The model cards the proposals name, each once, in reading order.
    cards: Vec<crate::proposal::InputFile>,
    documents: usize,
}

/// The model card a subject read, as an input of the run: a card decides a
/// license, so the audit record names its digest like any proposal file's.
fn card_input(subject: &Subject) -> Option<crate::proposal::InputFile> {
    let card = subject.card.as_ref()?;
    let file = card.file.as_ref()?;
    Some(crate::proposal::InputFile {
        path: card.path.clone(),
        sha256: crate::digest::sha256_hex(file.text.as_bytes()),
    })
}

/// `inputs`, then each of `cards` not among them yet.
fn with_cards(
    mut inputs: Vec<crate::proposal::InputFile>,
    cards: impl IntoIterator<Item = crate::proposal::InputFile>,
) -> Vec<crate::proposal::InputFile> {
    for card in cards {
        if !inputs.iter().any(|i| i.path == card.path) {
            inputs.push(card);
        }
    }
    inputs
}

/// Reads and validates every file on every core; proposal names are then
/// registered in input order, so a duplicate is reported where a
/// sequential read would report it.
fn validate_files(
    context: &Context,
    files: &[(PathBuf, String)],
    load: &crate::proposal::LoadOptions,
) -> Result<Validated> {
    use crate::proposal::{visit_file, NameAt, NameRegistry};
    use rayon::prelude::*;
    let mut registry = NameRegistry::default();
    let mut validated = Validated { files: Vec::with_capacity(files.len()), cards: Vec::new(), documents: 0 };
    type Read = (crate::proposal::InputFile, Vec<NameAt>, Vec<crate::proposal::InputFile>);
    let validate = |(path, display): &(PathBuf, String)| -> Result<Read> {
        let mut names = Vec::new();
        let mut cards = Vec::new();
        let input = visit_file(path, display.clone(), &load.limits, &mut |document| {
            names.push(NameAt::of(&document));
            cards.extend(subjects(&document, &context.catalog, &context.vocabulary)?.iter().filter_map(card_input));
            Ok(())
        })?;
        Ok((input, names, cards))
    };
    // In chunks, so what waits to be registered stays small on any run.
    for chunk in files.chunks(VALIDATION_CHUNK) {
        // One file needs no threads (and must not start rayon's global pool).
        let read: Vec<Result<Read>> = match chunk {
            [one] => vec![validate(one)],
            _ => chunk.par_iter().map(validate).collect(),
        };
        for ((path, display), result) in chunk.iter().zip(read) {
            let (input, names, cards) = result?;
            let file: std::sync::Arc<str> = std::sync::Arc::from(display.as_str());
            for at in &names {
                if let Some(message) = registry.register_at(&file, at) {
                    let source =
                        crate::source::SourceFile::read(path, display.clone(), &load.limits, ErrorKind::Input)?;
                    return Err(source.error(ErrorKind::Input, message, at.pos));
                }
            }
            validated.documents += names.len();
            validated.files.push(input);
            validated.cards = with_cards(std::mem::take(&mut validated.cards), cards);
        }
    }
    Ok(validated)
}

/// The reader stage: subjects in input order, `BATCH` at a time.
fn read_batches(
    context: &Context,
    files: &[(PathBuf, String)],
    digests: &[String],
    load: &crate::proposal::LoadOptions,
    out: &std::sync::mpsc::SyncSender<Result<Vec<Subject>>>,
) {
    let mut batch: Vec<Subject> = Vec::with_capacity(BATCH);
    for ((path, display), sha256) in files.iter().zip(digests) {
        let read = crate::proposal::visit_file_again(path, display.clone(), sha256, &load.limits, &mut |document| {
            batch.extend(subjects(&document, &context.catalog, &context.vocabulary)?);
            if batch.len() >= BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                // A closed channel means the writer stopped on an error.
                out.send(Ok(full)).map_err(|_| Error::new(ErrorKind::Io, "stopped"))?;
            }
            Ok(())
        });
        if let Err(e) = read {
            let _ = out.send(Err(e));
            return;
        }
    }
    if !batch.is_empty() {
        let _ = out.send(Ok(batch));
    }
}

/// A pool of `jobs` threads (default: one per core).
fn thread_pool(jobs: Option<usize>) -> Result<rayon::ThreadPool> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.unwrap_or(cores).max(1))
        .stack_size(crate::engine::EVAL_STACK_BYTES)
        .build()
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot start worker threads: {e}")))
}

/// Judges subjects on every core, one prepared engine per thread; results
/// come back in subject order, so the output is the same as a sequential run.
pub fn judge_all(context: &Context, subjects: &[Subject], options: &CheckOptions) -> Result<Vec<ProposalResult>> {
    let base = prepared_engine(context, options, subjects.len());
    Ok(thread_pool(options.jobs)?.install(|| judge_par(&base, &context.catalog, subjects, options)))
}

/// The engine a run's threads clone: its time limit set, and on the VM
/// unless the interpreter was asked for or there are too few proposals for
/// compiling to pay.
fn prepared_engine(context: &Context, options: &CheckOptions, proposals: usize) -> Engine {
    let mut base = context.engine.clone();
    if let Some(limit) = options.time_limit {
        base.set_time_limit(limit);
    }
    if options.interpreter_only {
        base.disable_vm();
    } else if proposals >= VM_THRESHOLD {
        base.prepare_vm();
    }
    base
}

/// Judges subjects in parallel on the current pool with clones of a
/// prepared engine; results in subject order.
fn judge_par(base: &Engine, catalog: &Catalog, subjects: &[Subject], options: &CheckOptions) -> Vec<ProposalResult> {
    use rayon::prelude::*;
    let now = options.now.as_str();
    subjects.par_iter().map_init(|| base.clone(), |engine, subject| judge(engine, catalog, subject, now)).collect()
}

/// Judges one subject: every license alternative is tried, and the first
/// with the fewest license failures is taken (DESIGN §3).
pub fn judge(engine: &mut Engine, catalog: &Catalog, subject: &Subject, now: &str) -> ProposalResult {
    let mut best: Option<((usize, usize), usize, Vec<Finding>)> = None;
    let mut failing: Vec<(usize, Vec<String>)> = Vec::new();
    // One time limit for the proposal, whatever the number of alternatives.
    // A limit past what the clock can hold (`--timeout-ms` near u64::MAX) is no limit.
    let start = std::time::Instant::now();
    let deadline = start.checked_add(engine.time_limit()).unwrap_or(start + std::time::Duration::from_secs(1 << 32));
    for alternative in 0..subject.license.alternatives.len() {
        let outcomes = engine.evaluate(input::build_value(subject, alternative, catalog, now), deadline);
        let findings = findings(engine, subject, alternative, outcomes);
        let score = license_score(&findings);
        // Only an `OR` has other alternatives for the report to name.
        if subject.license.alternatives.len() > 1 {
            let mut rules: Vec<String> = license_findings(&findings, Status::Fail).map(|f| f.rule.clone()).collect();
            rules.sort();
            failing.push((alternative, rules));
        }
        let better = best.as_ref().is_none_or(|(s, _, _)| score < *s);
        if better {
            best = Some((score, alternative, findings));
        }
        if score == (0, 0) {
            break;
        }
    }
    let ((license_failures, _), alternative, mut findings) = best.unwrap_or_default();
    let every_alternative_fails = license_failures > 0 && subject.license.alternatives.len() > 1;
    let describe = |i: usize| subject.license.alternatives.get(i).map(|a| Expression::describe(a)).unwrap_or_default();
    let other_alternatives = if every_alternative_fails {
        failing
            .into_iter()
            .filter(|(i, _)| *i != alternative)
            .map(|(i, failing_rules)| AlternativeFailures { alternative: describe(i), failing_rules })
            .collect()
    } else {
        Vec::new()
    };
    findings.sort_by(|a, b| (a.status, &a.rule).cmp(&(b.status, &b.rule)));
    let verdict = verdict(&findings);
    ProposalResult {
        name: subject.name.clone(),
        file: subject.document.file.path.clone(),
        route: subject.route.clone(),
        verdict,
        model: ModelSummary {
            id: subject.model.as_ref().map(|m| m.id.clone()).or_else(|| subject.sections.model.id.clone()),
            license: subject.license.canonical.clone(),
            alternative: describe(alternative),
            every_alternative_fails,
            other_alternatives,
            record: subject
                .model
                .as_ref()
                .map(|m| ModelRecordFacts { verification: m.verification, source: m.source.clone() }),
        },
        findings,
    }
}

fn license_score(findings: &[Finding]) -> (usize, usize) {
    let counts = |status: Status| license_findings(findings, status).count();
    (counts(Status::Fail) + counts(Status::Error), counts(Status::Warn))
}

/// The license and redistribution findings with `status`: what tells one
/// alternative of an `OR` from another.
fn license_findings(findings: &[Finding], status: Status) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        .filter(move |f| matches!(f.category, Category::License | Category::Redistribution) && f.status == status)
}

/// A proposal's verdict from its findings: a failure is known whatever
/// else could not be evaluated, so `fail` comes before `error` (the run
/// still exits 2 when any finding errs).
pub fn verdict(findings: &[Finding]) -> Verdict {
    if findings.iter().any(|f| f.status == Status::Fail) {
        Verdict::Fail
    } else if findings.iter().any(|f| f.status == Status::Error) {
        Verdict::Error
    } else {
        Verdict::Pass
    }
}

fn findings(engine: &Engine, subject: &Subject, alternative: usize, outcomes: Vec<Outcome>) -> Vec<Finding> {
    let alternative_ids = subject.license.alternatives.get(alternative).cloned().unwrap_or_default();
    engine
        .rules()
        .iter()
        .zip(outcomes)
        .map(|(rule, outcome)| {
            let meta = &rule.meta;
            let license_scoped = matches!(meta.category, Category::License | Category::Redistribution);
            let default_license = license_scoped.then(|| Expression::describe(&alternative_ids));
            let mut finding = Finding {
                rule: meta.id.clone(),
                status: Status::Pass,
                severity: meta.severity,
                category: meta.category,
                title: meta.title.clone(),
                message: meta.description.clone(),
                remediation: None,
                license: default_license.clone(),
                citation: meta.citation.clone(),
                path: None,
                location: None,
                obligations: Vec::new(),
                waiver: None,
                violations: Vec::new(),
            };
            match outcome {
                Outcome::NotApplicable => {
                    // What the rule checks is in the report's `rules`; a
                    // finding that does not apply says only that, which keeps
                    // reports of large runs lean.
                    finding.status = Status::NotApplicable;
                    finding.message = NOT_APPLICABLE.to_string();
                    finding.license = None;
                }
                Outcome::Error(message) => {
                    finding.status = Status::Error;
                    finding.message = format!("the rule could not be evaluated: {message}");
                    // The same place in every format: the proposal (or route) judged.
                    finding.location = Some(subject.own_location());
                }
                Outcome::Applied { deny, warn, obligations } => {
                    finding.obligations = obligations;
                    let (status, raw) = if !deny.is_empty() {
                        (Status::Fail, deny)
                    } else if !warn.is_empty() {
                        (Status::Warn, warn)
                    } else {
                        (Status::Pass, Vec::new())
                    };
                    finding.status = status;
                    finding.violations =
                        raw.into_iter().map(|v| locate(subject, v, meta.remediation.as_deref())).collect();
                    if let Some(first) = finding.violations.first() {
                        finding.message = first.message.clone();
                        finding.remediation = first.remediation.clone();
                        finding.path = first.path.clone();
                        finding.location = first.location.clone();
                        if first.license.is_some() {
                            finding.license = first.license.clone();
                        }
                        if let Some(citation) = &first.citation {
                            finding.citation = citation.clone();
                        }
                    }
                }
            }
            finding
        })
        .collect()
}

fn locate(subject: &Subject, raw: RawViolation, default_remediation: Option<&str>) -> Violation {
    let (path, location) = match raw.path.as_deref() {
        Some(logical) => (Some(subject.pointer(logical)), Some(subject.locate(logical))),
        None => (None, None),
    };
    Violation {
        message: raw.message,
        path,
        location,
        remediation: raw.remediation.or_else(|| default_remediation.map(str::to_string)),
        license: raw.license,
        citation: raw.citation,
    }
}

/// The catalog record (file, sha256) of a license id, for waiver pins.
fn license_record(catalog: &Catalog) -> impl Fn(&str) -> Option<crate::waiver::RecordDigest> + '_ {
    move |id: &str| {
        let entry = catalog.license(id)?;
        catalog.files().iter().find(|f| f.path == entry.file).map(|f| (f.path.clone(), f.sha256.clone()))
    }
}

/// After waivers: findings in order again, verdicts recomputed.
fn resort(proposals: &mut [ProposalResult]) {
    for proposal in proposals.iter_mut() {
        proposal.findings.sort_by(|a, b| (a.status, &a.rule).cmp(&(b.status, &b.rule)));
        proposal.verdict = verdict(&proposal.findings);
    }
}

fn assemble(
    context: &Context,
    inputs: &[crate::proposal::InputFile],
    command: Vec<String>,
    options: &CheckOptions,
    proposals: Vec<ProposalResult>,
    stale: Vec<StaleWaiver>,
) -> Report {
    let licenses = LicenseFacts::collect(&context.catalog, &proposals);
    let summary = Summary::of(&proposals);
    Report {
        schema: SCHEMA,
        tool: Tool::current(),
        now: options.now.clone(),
        gate: Gate::of(&summary, options.fail_on),
        command,
        summary,
        proposals,
        inputs: inputs.iter().map(|i| FileDigest { file: i.path.clone(), sha256: i.sha256.clone() }).collect(),
        policies: context.policy_set(),
        catalog: context.catalog_set(),
        waivers: options.waivers.as_ref().and_then(|w| w.file.clone()).map(|(file, sha256)| WaiverSet {
            file,
            sha256,
            stale,
        }),
        rules: {
            let mut rules: Vec<_> = context
                .engine
                .rules()
                .iter()
                .map(|r| RuleRecord { meta: r.meta.clone(), origin: r.origin, files: r.files.clone() })
                .collect();
            rules.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
            rules
        },
        licenses,
    }
}
