//! `cargo bench`: modelgate's speed on the full bundled rule set, measured by
//! running the release binary as a user would, and the official OPA engine
//! on the same corpus for a ratio.
//!
//! Reports: cold `modelgate check` of one proposal (process wall time, median
//! of many runs); proposals per second for each corpus size using all cores,
//! with the per-proposal cost and the peak memory (GNU time's maximum
//! resident set size); OPA's inputs per second on the same corpus, evaluated
//! in one batch query inside the engine.
//!
//! Corpora come from `scripts/gen_corpus.py` (seeded, varied: every
//! deployment kind, data class and license family). Sizes default to 1000,
//! 10000 and 100000; set `MODELGATE_BENCH_SIZES=1000,10000` to change them.
//! OPA runs when `target/opa-venv/bin/python` has the bindings (see
//! scripts/bench_opa.py); `MODELGATE_BENCH_OPA=0` skips it. The results are
//! printed and written to `target/bench/report.md`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-23";
const SEED: &str = "1";
const COLD_RUNS: usize = 40;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_modelgate")
}

fn run_ok(command: &mut Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert!(output.status.success(), "{what} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A corpus of `n` proposals, one per file, generated once per size, seed
/// and generator: the marker keeps the generator's text, so a changed
/// generator makes a fresh corpus.
fn corpus(work: &Path, n: usize) -> PathBuf {
    let dir = work.join(format!("corpus-{n}-seed{SEED}"));
    let generator = std::fs::read_to_string(root().join("scripts/gen_corpus.py")).expect("read the generator");
    if std::fs::read_to_string(dir.join(".complete")).is_ok_and(|made_by| made_by == generator) {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    run_ok(
        Command::new("python3")
            .arg(root().join("scripts/gen_corpus.py"))
            .args(["--seed", SEED, "--count", &n.to_string(), "--out"])
            .arg(&dir)
            .args(["--modelgate", binary()])
            .current_dir(root()),
        "generating the corpus",
    );
    std::fs::write(dir.join(".complete"), generator).expect("mark the corpus complete");
    dir
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// One `modelgate check` over `path`: wall time and peak memory in KiB.
fn check(path: &Path, work: &Path) -> (Duration, Option<u64>) {
    let rss_file = work.join("rss.txt");
    let gnu_time = Path::new("/usr/bin/time");
    let mut command = if gnu_time.exists() {
        let mut c = Command::new(gnu_time);
        c.args(["-f", "%M", "-o"]).arg(&rss_file).arg(binary());
        c
    } else {
        Command::new(binary())
    };
    command.args(["check", "--format", "json", "--now", NOW, "-R"]).arg(path).stdout(Stdio::null());
    let started = Instant::now();
    let status = command.status().expect("run modelgate");
    let wall = started.elapsed();
    // 0 and 1 are verdicts (the corpus holds failing proposals by design); 2 is not.
    assert!(matches!(status.code(), Some(0) | Some(1)), "modelgate check could not judge the corpus: {status}");
    let rss = std::fs::read_to_string(&rss_file).ok().and_then(|t| t.trim().lines().last()?.trim().parse().ok());
    (wall, rss)
}

/// Subjects in a corpus (proposals and routes), as judged: the count on the
/// text report's summary line, read as the report streams by (a parsed JSON
/// report of 100k proposals takes gigabytes in this process).
fn subjects(path: &Path) -> usize {
    use std::io::BufRead;
    let mut child = Command::new(binary())
        .args(["check", "--format", "text", "--now", NOW, "-R"])
        .arg(path)
        .stdout(Stdio::piped())
        .spawn()
        .expect("run modelgate");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut count = 0;
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.expect("read the report");
        if let Some((number, _)) = line.split_once(" proposals: ").or_else(|| line.split_once(" proposal: ")) {
            count = number.parse().unwrap_or(count);
        }
    }
    child.wait().expect("wait for modelgate");
    count
}

fn opa(path: &Path) -> Option<(u64, f64)> {
    if std::env::var("MODELGATE_BENCH_OPA").as_deref() == Ok("0") {
        return None;
    }
    let python = root().join("target/opa-venv/bin/python");
    if !python.exists() {
        eprintln!("OPA: skipped ({} not found; see scripts/bench_opa.py)", python.display());
        return None;
    }
    let out = Command::new(&python)
        .arg(root().join("scripts/bench_opa.py"))
        .args(["--modelgate", binary(), "--now", NOW, "-R"])
        .arg(path)
        .current_dir(root())
        .output()
        .expect("run bench_opa.py");
    if !out.status.success() {
        eprintln!("OPA: failed: {}", String::from_utf8_lossy(&out.stderr));
        return None;
    }
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some((line["inputs"].as_u64()?, line["inputs_per_second"].as_f64()?))
}

fn main() {
    // `cargo bench` passes `--bench`; other arguments (filters) are ignored.
    let sizes: Vec<usize> = std::env::var("MODELGATE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000]);
    let work = root().join("target/bench");
    std::fs::create_dir_all(&work).expect("create target/bench");
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut report = String::new();
    let mut line = |text: String| {
        println!("{text}");
        report.push_str(&text);
        report.push('\n');
    };
    line(format!("modelgate {} on {cores} cores, full bundled rule set\n", env!("CARGO_PKG_VERSION")));

    let one = root().join("fixtures/saas-gpt4o-internal.yaml");
    let cold: Vec<Duration> = (0..COLD_RUNS)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new(binary())
                .args(["check", "--now", NOW])
                .arg(&one)
                .stdout(Stdio::null())
                .status()
                .expect("run modelgate");
            assert!(status.success(), "the cold-start proposal passes");
            started.elapsed()
        })
        .collect();
    line(format!(
        "cold check of one proposal: median {:.1} ms over {COLD_RUNS} runs\n",
        median(cold).as_secs_f64() * 1e3
    ));

    line("| proposals | subjects | wall | proposals/s | µs per proposal (per core) | peak memory |".to_string());
    line("|---:|---:|---:|---:|---:|---:|".to_string());
    let mut per_proposal = Vec::new();
    let mut ten_thousand = None;
    for &n in &sizes {
        let dir = corpus(&work, n);
        let judged = subjects(&dir);
        let (wall, rss) = check(&dir, &work);
        let rate = n as f64 / wall.as_secs_f64();
        let cost = wall.as_secs_f64() * 1e6 * cores as f64 / n as f64;
        per_proposal.push((n, cost));
        if n == 10_000 || ten_thousand.is_none() {
            ten_thousand = Some((dir.clone(), rate));
        }
        line(format!(
            "| {n} | {judged} | {:.2} s | {rate:.0} | {cost:.0} | {} |",
            wall.as_secs_f64(),
            rss.map_or("n/a".to_string(), |kb| format!("{:.0} MB", kb as f64 / 1024.0))
        ));
    }
    if let (Some(first), Some(last)) = (per_proposal.first(), per_proposal.last()) {
        line(format!(
            "\nper-proposal cost from {} to {} proposals: {:+.0}%",
            first.0,
            last.0,
            (last.1 / first.1 - 1.0) * 100.0
        ));
    }
    if let Some((dir, rate)) = ten_thousand {
        if let Some((inputs, opa_rate)) = opa(&dir) {
            line(format!(
                "\nOPA v1.20.2 (in-process, one batch query) on the same corpus: {inputs} inputs at {opa_rate:.0} inputs/s; \
                 modelgate {rate:.0} proposals/s: {:.1}x",
                rate / opa_rate
            ));
        }
    }
    std::fs::write(work.join("report.md"), report).expect("write target/bench/report.md");
}
