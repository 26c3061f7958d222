//! Command-line arguments (clap derive) and one function per subcommand.
//! Only this module prints.

mod catalog;
mod options;
mod output_file;
mod start;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use modelgate::check::{check, check_streaming, CheckOptions, Context, ReportSink};
use modelgate::engine::input;
use modelgate::engine::testing::{self, TestStatus};
use modelgate::error::{Error, ErrorKind, Result};
use modelgate::proposal::{load_paths, LoadOptions};
use modelgate::report::{json, text, Format, ProposalResult, Report, Verdict};
use modelgate::waiver::Waivers;

/// Decides whether a proposed LLM model choice is allowed, by license terms
/// and data-residency rules written in Rego.
#[derive(Debug, Parser)]
#[command(name = "modelgate", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Judge proposals: exit 0 when all pass, 1 when one fails, 2 on error.
    Check(CheckArgs),
    /// Print the exact input document the policies see for each proposal.
    Parse(ParseArgs),
    /// Run the Rego unit tests (`test_*` rules) of the policies.
    Test(TestArgs),
    /// Explain a rule: what it checks, its citation, and how to fix a failure.
    Explain(ExplainArgs),
    /// List the licenses in the catalog, or show one with its terms.
    Licenses(catalog::LicensesArgs),
    /// List the models in the catalog.
    Models(catalog::ModelsArgs),
    /// Judge every catalog model in every deployment kind against a scenario.
    Options(options::OptionsArgs),
    /// Print the JSON Schema of the proposal format (for editors).
    Schema,
    /// Write a commented proposal to start from (asks on a terminal).
    Init(start::InitArgs),
}

#[derive(Debug, clap::Args)]
struct PolicyArgs {
    /// Extra policy directory or file; a rule with a bundled rule's id
    /// replaces it (repeatable).
    #[arg(long = "policy", short = 'p', value_name = "DIR")]
    policies: Vec<PathBuf>,
    /// Extra catalog directory: license records (`<id>.yaml`) and a
    /// `models.yaml`; a record or model with a bundled id replaces it
    /// (repeatable).
    #[arg(long = "catalog", value_name = "DIR")]
    catalogs: Vec<PathBuf>,
}

impl PolicyArgs {
    /// The run's catalog and policies; what a `--catalog` record replaced is
    /// said on stderr, as a replaced rule is.
    fn context(&self) -> Result<Context> {
        let context = Context::load(&self.policies, &self.catalogs)?;
        catalog::note_replacements(&context.catalog);
        Ok(context)
    }
}

#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Proposal files or directories (their .yaml, .yml and .json files).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also read subdirectories of directory arguments.
    #[arg(long, short = 'R')]
    recursive: bool,
    /// The date to judge as today, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format on stdout.
    #[arg(long, short = 'f', default_value = "text", value_name = "FORMAT", value_parser = Format::NAMES)]
    format: String,
    /// Also write a format to a file, as FORMAT=FILE (repeatable).
    #[arg(long, short = 'o', value_name = "FORMAT=FILE")]
    output: Vec<String>,
    /// The lowest finding status that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Fail)]
    fail_on: FailOn,
    /// Waiver file: turns named failures (or, with `status: warn`, warnings) into `waived`.
    #[arg(long, value_name = "FILE")]
    waivers: Option<PathBuf>,
    /// Time limit for evaluating all rules on one proposal, in milliseconds;
    /// a rule still running then, or not reached by then, is an `error`
    /// finding (exit 2).
    #[arg(long, value_name = "MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..))]
    timeout_ms: u64,
    /// Evaluation engine: `auto` (the bytecode VM where the policies compile
    /// to it) or `interpreter` (for comparison and debugging).
    #[arg(long, value_parser = ["auto", "interpreter"], default_value = "auto")]
    engine: String,
    /// Threads to judge proposals with (default: one per core); the report
    /// is the same whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// Exit 1 when a finding fails.
    Fail,
    /// Exit 1 when a finding fails or warns (advisory findings never gate).
    Warn,
}

#[derive(Debug, clap::Args)]
struct ParseArgs {
    /// Proposal files or directories (their .yaml, .yml and .json files).
    #[arg(required_unless_present = "data", value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Also read subdirectories of directory arguments.
    #[arg(long, short = 'R')]
    recursive: bool,
    /// The date to judge as today, YYYY-MM-DD (default: today, UTC).
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
    /// Print the policy data instead (every `data.yaml` at its mount,
    /// `{"modelgate": {"facts": ...}}`), as the policies see it under `data`.
    #[arg(long, conflicts_with_all = ["paths", "recursive", "now"])]
    data: bool,
    #[command(flatten)]
    policy: PolicyArgs,
}

#[derive(Debug, clap::Args)]
struct TestArgs {
    #[command(flatten)]
    policy: PolicyArgs,
    /// Only run tests whose full name (`data.<package>.<test>`) contains this text.
    #[arg(long, value_name = "TEXT", default_value = "")]
    run: String,
    /// List every test, not only failures.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// Time limit for each test, in milliseconds (as `opa test --timeout`);
    /// a test still running then is an error (exit 2).
    #[arg(long, value_name = "MS", default_value_t = 5000, value_parser = clap::value_parser!(u64).range(1..))]
    timeout_ms: u64,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// Rule id (`LIC-LLAMA-MAU`); without one, every rule is listed.
    rule: Option<String>,
    #[command(flatten)]
    policy: PolicyArgs,
}

/// Runs a subcommand; returns the exit code.
pub fn run(args: Args) -> Result<u8> {
    match args.command {
        Command::Check(a) => run_check(a),
        Command::Parse(a) => run_parse(a),
        Command::Test(a) => run_test(a),
        Command::Explain(a) => run_explain(a),
        Command::Licenses(a) => catalog::licenses(a),
        Command::Models(a) => catalog::models(a),
        Command::Options(a) => options::run(a),
        Command::Schema => start::schema(),
        Command::Init(a) => start::init(a),
    }
}

pub(crate) fn print(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout_written(stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()))
}

/// The outcome of writing to stdout: a reader that stopped early (`| head`)
/// is no error; anything else is.
fn stdout_written(result: std::io::Result<()>) -> Result<()> {
    result
        .or_else(|e| if e.kind() == std::io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e) })
        .map_err(|e| Error::new(ErrorKind::Io, format!("cannot write to stdout: {e}")))
}

/// `--now`, checked, or today's date in UTC.
pub(crate) fn today(now: Option<&str>) -> Result<String> {
    match now {
        Some(text) => modelgate::date::parse_iso_date(text)
            .map(|d| d.to_string())
            .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--now must be a date as YYYY-MM-DD, found `{text}`"))),
        None => Ok(jiff::Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC).date().to_string()),
    }
}

/// `--output FORMAT=FILE` values, each checked against the format names.
pub(crate) fn parse_outputs<F>(
    specs: &[String],
    names: &[&str],
    parse: impl Fn(&str) -> Option<F>,
) -> Result<Vec<(F, PathBuf)>> {
    specs
        .iter()
        .map(|spec| {
            // `json=` (an unset shell variable) names no file: refused here,
            // before anything is judged or printed.
            let (name, file) = spec
                .split_once('=')
                .filter(|(_, file)| !file.is_empty())
                .ok_or_else(|| Error::new(ErrorKind::Usage, format!("--output takes FORMAT=FILE, found `{spec}`")))?;
            let format = parse(name).ok_or_else(|| {
                Error::new(
                    ErrorKind::Usage,
                    format!("unknown format `{name}` in --output (expected one of {})", names.join(", ")),
                )
            })?;
            if file == modelgate::source::STDIN {
                return Err(Error::new(
                    ErrorKind::Usage,
                    format!("--output {spec}: `-` is not a file; --format {name} writes the report to stdout"),
                ));
            }
            Ok((format, PathBuf::from(file)))
        })
        .collect::<Result<Vec<_>>>()
        .and_then(|outputs| {
            // Two formats into one file would leave only the last one.
            let mut seen = std::collections::BTreeMap::new();
            for (_, file) in &outputs {
                // A symlink to another output is the same file too.
                let key = std::fs::canonicalize(file)
                    .map(|real| real.to_string_lossy().into_owned())
                    .unwrap_or_else(|_| modelgate::source::display_path(file));
                if let Some(first) = seen.insert(key, file) {
                    let message = if first == file {
                        format!("--output names `{}` twice: each format needs its own file", file.display())
                    } else {
                        format!(
                            "--output names one file twice (`{}` and `{}`): each format needs its own file",
                            first.display(),
                            file.display()
                        )
                    };
                    return Err(Error::new(ErrorKind::Usage, message));
                }
            }
            Ok(outputs)
        })
}

fn run_check(args: CheckArgs) -> Result<u8> {
    let now = today(args.input.now.as_deref())?;
    let outputs = parse_outputs(&args.output, &Format::NAMES, Format::parse)?;
    let stdin = std::path::Path::new(modelgate::source::STDIN);
    if args.waivers.as_deref() == Some(stdin) && args.input.paths.iter().any(|p| p == stdin) {
        // One stream cannot be both: the waivers would take it whole.
        return Err(Error::new(
            ErrorKind::Usage,
            "`-` (standard input) is given both as --waivers and as a proposal path: it can be only one of them",
        ));
    }
    refuse_outputs_over_inputs(
        &outputs,
        &args.input.paths,
        args.input.recursive,
        args.waivers.as_deref(),
        &args.policy.policies,
        &args.policy.catalogs,
    )?;
    let waivers = args.waivers.as_deref().map(Waivers::load).transpose()?;
    let context = args.policy.context()?;
    // A replaced bundled rule changes what a pass means: say so where a
    // reviewer looks, whatever the format (the report lists the files).
    for note in context.engine.replacements() {
        eprintln!("modelgate: note: {note}");
    }
    let load = LoadOptions { recursive: args.input.recursive, ..LoadOptions::default() };
    if !load.recursive {
        note_skipped_subdirectories(&args.input.paths);
    }
    let time_limit = Some(std::time::Duration::from_millis(args.timeout_ms));
    let interpreter_only = args.engine == "interpreter";
    let jobs = args.jobs.map(usize::from);
    let fail_on = match args.fail_on {
        FailOn::Fail => modelgate::report::FailOn::Fail,
        FailOn::Warn => modelgate::report::FailOn::Warn,
    };
    let policy_paths = args.policy.policies.iter().map(|p| modelgate::source::display_path(p)).collect();
    let catalog_paths = args.policy.catalogs.iter().map(|p| modelgate::source::display_path(p)).collect();
    let proposal_paths =
        Some((args.input.paths.iter().map(|p| modelgate::source::display_path(p)).collect(), args.input.recursive));
    let options = CheckOptions {
        now,
        waivers,
        time_limit,
        interpreter_only,
        jobs,
        fail_on,
        policy_paths,
        catalog_paths,
        proposal_paths,
    };
    let format = Format::parse(&args.format).unwrap_or(Format::Text);
    let streamable = |f: &Format| matches!(f, Format::Text | Format::Json);
    let report = if streamable(&format) && outputs.iter().all(|(f, _)| streamable(f)) {
        // Text and JSON stream proposal by proposal: flat memory on any size of run.
        let mut sink = StreamSink::new(format, &outputs)?;
        let report = check_streaming(&context, &args.input.paths, &load, &options, &mut sink)?;
        sink.finish()?;
        report
    } else {
        let set = load_paths(&args.input.paths, &load)?;
        let report = check(&context, &set, &options)?;
        if format == Format::Sarif || outputs.iter().any(|(f, _)| *f == Format::Sarif) {
            note_sarif_paths_outside(&report);
        }
        let rendered: Vec<(&std::path::Path, String)> =
            outputs.iter().map(|(format, file)| (file.as_path(), format.render(&report))).collect();
        output_file::write_all_or_none(&rendered)?;
        print(&format.render(&report))?;
        report
    };
    // The process ends next: freeing the catalog and the engine's parsed
    // policies would only add to a cold check's time.
    std::mem::forget(context);
    Ok(exit_code(&report))
}

/// An `--output` file that is one of the files the run reads (a proposal, a
/// proposal file in a directory it reads, the waiver file, a policy file)
/// would be replaced by the report: the input lost, and the record naming a
/// digest of a file that no longer exists. One that does not exist yet but
/// would be such a file (a `.json` report in a directory of proposals) is
/// read by the next run of the same command. Refused before anything is read.
fn refuse_outputs_over_inputs(
    outputs: &[(Format, PathBuf)],
    paths: &[PathBuf],
    recursive: bool,
    waivers: Option<&std::path::Path>,
    policies: &[PathBuf],
    catalogs: &[PathBuf],
) -> Result<()> {
    use std::path::Path;
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let is_policy_file = |p: &Path| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        name.ends_with(".rego") || name == modelgate::engine::bundle::DATA_FILE
    };
    // A directory's hidden files are not read (a file named on the command
    // line is, and is matched as the path itself).
    let is_proposal_file = |p: &Path| {
        p.file_name().is_some_and(|n| {
            let name = n.to_string_lossy();
            !name.starts_with('.') && modelgate::proposal::is_proposal_file_name(&name)
        })
    };
    // A file not written yet is where it would be: its directory, resolved,
    // and its name. One that the run would read as a proposal (a report
    // written as `proposals/report.json` while `proposals/` is checked) is
    // read by the next run, so the report's own `command` then fails on it.
    let real_or_new = |p: &Path| {
        real(p).or_else(|| {
            let name = p.file_name()?;
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            real(parent).map(|dir| dir.join(name))
        })
    };
    for (format, file) in outputs {
        let exists = real(file).is_some();
        let Some(target) = real_or_new(file) else { continue };
        let reads = |root: &Path, deep: bool, fits: &dyn Fn(&Path) -> bool| {
            real(root).is_some_and(|root| {
                target == root
                    || (root.is_dir()
                        && target.starts_with(&root)
                        && (deep || target.parent() == Some(root.as_path()))
                        && fits(&target))
            })
        };
        let what = if waivers.is_some_and(|w| reads(w, false, &|_| false)) {
            Some("the waiver file")
        } else if policies.iter().any(|p| reads(p, true, &is_policy_file)) {
            Some("a policy file")
        } else if catalogs.iter().any(|p| reads(p, false, &|t: &Path| t.extension().is_some_and(|x| x == "yaml"))) {
            Some("a catalog file")
        } else if paths.iter().any(|p| reads(p, recursive, &is_proposal_file)) {
            Some("a proposal file")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(Error::new(
                ErrorKind::Usage,
                format!(
                    "--output {}={} would {}: write the report to another file",
                    format.name(),
                    file.display(),
                    if exists {
                        format!("replace {what} this run reads")
                    } else {
                        format!("be read as {what} by the next run of this command")
                    }
                ),
            ));
        }
    }
    Ok(())
}

/// SARIF locations are paths relative to the working directory, which code
/// scanning reads as relative to the repository root; a file outside the
/// working directory keeps the absolute or `..` path it was given, which it
/// cannot place.
fn note_sarif_paths_outside(report: &Report) {
    let outside = report.inputs.iter().find(|i| modelgate::source::names_a_path_outside_working_directory(&i.file));
    if let Some(outside) = outside {
        eprintln!(
            "modelgate: note: {} lies outside the working directory, so SARIF cannot give its path relative to \
             the repository, and code scanning cannot place its results: run modelgate from the repository root",
            outside.file
        );
    }
}

/// Writes text and JSON reports as they stream: stdout and `--output` files
/// (which replace their targets only once the run is complete).
struct StreamSink {
    stdout: (Format, std::io::BufWriter<std::io::Stdout>),
    files: Vec<(Format, output_file::OutputFile)>,
}

impl StreamSink {
    fn new(stdout: Format, outputs: &[(Format, PathBuf)]) -> Result<StreamSink> {
        let files = outputs
            .iter()
            .map(|(format, path)| Ok((*format, output_file::OutputFile::create(path)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(StreamSink { stdout: (stdout, std::io::BufWriter::new(std::io::stdout())), files })
    }

    fn write(&mut self, part: impl Fn(Format) -> String) -> Result<()> {
        let (format, out) = &mut self.stdout;
        stdout_written(out.write_all(part(*format).as_bytes()))?;
        for (format, out) in &mut self.files {
            out.write_text(&part(*format))?;
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let StreamSink { stdout: (_, mut out), files } = self;
        stdout_written(out.flush())?;
        files.into_iter().try_for_each(|(_, file)| file.commit())
    }
}

impl ReportSink for StreamSink {
    fn head(&mut self, report: &Report) -> Result<()> {
        self.write(|f| if f == Format::Json { json::head(report) } else { String::new() })
    }

    fn proposal(&mut self, result: &ProposalResult, first: bool) -> Result<()> {
        self.write(|f| if f == Format::Json { json::proposal(result, first) } else { text::proposal(result) })
    }

    fn tail(&mut self, report: &Report, any: bool) -> Result<()> {
        self.write(|f| if f == Format::Json { json::tail(report, any) } else { text::tail(report) })
    }
}

/// Without `--recursive` a directory's subdirectories are not read: say so,
/// so a proposal kept one level down is not mistaken for a checked one.
fn note_skipped_subdirectories(paths: &[PathBuf]) {
    for path in paths.iter().filter(|p| p.is_dir()) {
        let Ok(entries) = std::fs::read_dir(path) else { continue };
        let mut skipped: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.') && holds_proposal_files(&e.path(), 8))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        if skipped.is_empty() {
            continue;
        }
        skipped.sort();
        eprintln!(
            "modelgate: note: {} has subdirectories that were not read ({}): use --recursive to check them",
            modelgate::source::display_path(path),
            skipped.join(", ")
        );
    }
}

/// Whether a directory holds `.yaml`, `.yml` or `.json` files, at most
/// `depth` levels down.
fn holds_proposal_files(dir: &std::path::Path, depth: usize) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else { return false };
    entries.filter_map(|e| e.ok()).any(|entry| {
        let path = entry.path();
        if path.is_dir() {
            depth > 0 && holds_proposal_files(&path, depth - 1)
        } else {
            modelgate::proposal::is_proposal_file_name(&entry.file_name().to_string_lossy())
        }
    })
}

/// The gate's result as an exit code: 2 when a rule could not be evaluated,
/// 1 when the gate fails (a proposal fails or, with `--fail-on warn`, a
/// finding of a gating category warns), else 0. Failing on warnings alone
/// is said on stderr too, since every proposal then reads as passing.
fn exit_code(report: &Report) -> u8 {
    match report.gate.result {
        Verdict::Error => 2,
        Verdict::Fail => {
            if report.fails_on_warnings_alone() {
                eprintln!(
                    "modelgate: exit 1: --fail-on warn, and {} (advisory findings never gate)",
                    modelgate::report::warnings(report.summary.gating_warnings)
                );
            }
            1
        }
        Verdict::Pass => 0,
    }
}

fn run_parse(args: ParseArgs) -> Result<u8> {
    let context = args.policy.context()?;
    if args.data {
        let mut text = serde_json::to_string_pretty(&policy_data(&context)?)
            .map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
        text.push('\n');
        print(&text)?;
        return Ok(0);
    }
    let now = today(args.now.as_deref())?;
    let set = load_paths(&args.paths, &LoadOptions { recursive: args.recursive, ..LoadOptions::default() })?;
    let mut documents = Vec::new();
    for subject in context.subjects(&set)? {
        for alternative in 0..subject.license.alternatives.len() {
            documents.push(input::build(&subject, alternative, &context.catalog, &now));
        }
    }
    let value = if documents.len() == 1 { documents.remove(0) } else { serde_json::Value::Array(documents) };
    let mut text = serde_json::to_string_pretty(&value).map_err(|e| Error::new(ErrorKind::Io, e.to_string()))?;
    text.push('\n');
    print(&text)?;
    Ok(0)
}

/// The policy data document, as the engine mounted it: every data file at
/// `modelgate.facts.<dir>`.
fn policy_data(context: &Context) -> Result<serde_json::Value> {
    modelgate::engine::value_to_json(context.engine.data())
        .ok_or_else(|| Error::new(ErrorKind::Policy, "the policy data is undefined"))
}

fn run_test(args: TestArgs) -> Result<u8> {
    let context = args.policy.context()?;
    let time_limit = std::time::Duration::from_millis(args.timeout_ms);
    let results = testing::run(&context.sources, context.engine.replaced(), &args.run, time_limit)?;
    if results.is_empty() {
        // Nothing ran: a gate on the tests must not read that as a pass.
        let message = if args.run.is_empty() {
            "no Rego tests found (`test_*` rules)".to_string()
        } else {
            format!("no Rego test name contains `{}`", args.run)
        };
        return Err(Error::new(ErrorKind::Usage, message));
    }
    let mut out = String::new();
    let mut current_file = "";
    let (mut passed, mut failed, mut errors) = (0, 0, 0);
    for result in &results {
        let label = match &result.status {
            TestStatus::Pass => {
                passed += 1;
                "PASS"
            }
            TestStatus::Fail => {
                failed += 1;
                "FAIL"
            }
            TestStatus::Error(_) => {
                errors += 1;
                "ERROR"
            }
        };
        if !args.verbose && result.status == TestStatus::Pass {
            continue;
        }
        if result.file != current_file {
            out.push_str(&format!("{}:\n", result.file));
            current_file = &result.file;
        }
        out.push_str(&format!("{}: {label}\n", result.name));
        if let TestStatus::Error(message) = &result.status {
            for line in message.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        if result.status != TestStatus::Pass {
            for line in &result.prints {
                out.push_str(&format!("  print: {line}\n"));
            }
        }
    }
    if !out.is_empty() {
        out.push_str(&"-".repeat(80));
        out.push('\n');
    }
    let total = results.len();
    out.push_str(&format!("PASS: {passed}/{total}\n"));
    if failed > 0 {
        out.push_str(&format!("FAIL: {failed}/{total}\n"));
    }
    if errors > 0 {
        out.push_str(&format!("ERROR: {errors}/{total}\n"));
    }
    print(&out)?;
    Ok(if errors > 0 {
        2
    } else if failed > 0 {
        1
    } else {
        0
    })
}

fn run_explain(args: ExplainArgs) -> Result<u8> {
    let context = args.policy.context()?;
    let rules = context.engine.rules();
    let Some(wanted) = args.rule else {
        let mut out = String::new();
        for r in rules {
            let m = &r.meta;
            out.push_str(&format!("{:<28} {:<15} {:<9} {}\n", m.id, m.category.as_str(), m.severity.as_str(), m.title));
        }
        print(&out)?;
        return Ok(0);
    };
    let Some(rule) = rules.iter().find(|r| r.meta.id.eq_ignore_ascii_case(&wanted)) else {
        let hint = modelgate::error::did_you_mean(&wanted, rules.iter().map(|r| r.meta.id.as_str()));
        let mut error = Error::new(ErrorKind::Usage, format!("unknown rule `{wanted}`"));
        if let Some(hint) = hint {
            error = error.with_hint(hint);
        }
        return Err(error);
    };
    let m = &rule.meta;
    let mut out = format!("{}  {}\n\n", m.id, m.title);
    out.push_str(&format!("Summary      {}\n", m.description));
    out.push_str(&format!("Category     {}\n", m.category.as_str()));
    out.push_str(&format!("Severity     {}\n", m.severity.as_str()));
    out.push_str(&format!("Citation     {}\n             {}\n", m.citation.label(), m.citation.url));
    if let Some(fix) = &m.remediation {
        out.push_str(&format!("Remediation  {fix}\n"));
    }
    out.push_str(&format!("Package      data.{}\n", rule.package));
    out.push_str(&format!("Defined in   {}\n", rule.files.join(", ")));
    // A `--policy` rule that replaces a bundled one says so here too, as
    // every `check` does on stderr.
    let replaces = [format!("the bundled rule {} (", m.id), format!("the bundled package {} ", rule.package)];
    for note in context.engine.replacements().iter().filter(|n| replaces.iter().any(|p| n.starts_with(p.as_str()))) {
        out.push_str(&format!("Note         {note}\n"));
    }
    print(&out)?;
    Ok(0)
}
