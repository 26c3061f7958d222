//! Runs the built binary from the crate root, so fixture paths in outputs
//! are relative and stable.

use std::path::PathBuf;
use std::process::Command;

/// The date every test judges as today, so outputs never depend on the clock.
pub const NOW: &str = "2026-11-23";

/// What a run printed and how it exited.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An empty directory of this test run's own under the system's temporary
/// directory (`modelgate-TAG-PID`), for files a test writes.
pub fn scratch_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("modelgate-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

/// Runs `modelgate` with arguments, from the crate root.
pub fn modelgate(args: &[&str]) -> Run {
    let output =
        Command::new(env!("CARGO_BIN_EXE_modelgate")).args(args).current_dir(root()).output().expect("run modelgate");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `modelgate ARGS...` with `stdin` piped to its standard input.
pub fn modelgate_with_stdin(args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_modelgate"))
        .args(args)
        .current_dir(root())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run modelgate");
    // A run refused before it reads standard input (a usage error) closes
    // the pipe: the write then fails with a broken pipe, which is its answer,
    // not the test's failure.
    if let Err(e) = child.stdin.take().expect("stdin").write_all(stdin) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    let output = child.wait_with_output().expect("run modelgate");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// A run refused as bad input: exit 2, nothing on stdout, and stderr says
/// `message`.
pub fn assert_refused(run: &Run, message: &str) {
    assert_eq!(run.code, 2, "exit 2; stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(message), "stderr says `{message}`:\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout:\n{}", run.stdout);
}

/// `modelgate check --now NOW --format json ARGS...`, parsed.
pub fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["check", "--now", NOW, "--format", "json"];
    all.extend_from_slice(args);
    let run = modelgate(&all);
    let json = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!("not JSON ({e}); exit {}; stderr:\n{}\nstdout:\n{}", run.code, run.stderr, run.stdout)
    });
    (run.code, json)
}

/// The finding of `rule` in the first proposal of a JSON report.
pub fn finding<'a>(report: &'a serde_json::Value, rule: &str) -> &'a serde_json::Value {
    report["proposals"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == rule)
        .unwrap_or_else(|| panic!("no finding for {rule}"))
}

/// Files in a fixture directory, sorted.
pub fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// A path relative to the crate root, `/`-separated.
pub fn relative(path: &std::path::Path) -> String {
    path.strip_prefix(root()).unwrap_or(path).to_string_lossy().replace('\\', "/")
}
