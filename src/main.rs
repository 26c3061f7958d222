//! The `modelgate` command: parse arguments, call the library, print, and map
//! the outcome to an exit code (0 pass, 1 fail, 2 could not do the job).

mod allocation;
mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static ALLOCATOR: allocation::Capped = allocation::Capped;

fn main() -> ExitCode {
    if let Err(message) = allocation::set_total_cap_from_env() {
        let _ = writeln!(std::io::stderr(), "error: {message}");
        return ExitCode::from(2);
    }
    let args = cli::Args::parse();
    // A panic must never look like a pass: report it and exit 2.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "modelgate: internal error: {info}");
    }));
    // The command runs on a thread with the evaluation stack: small runs
    // judge on it (larger ones on the pool, whose threads have it too).
    let worker = std::thread::Builder::new()
        .stack_size(modelgate::engine::EVAL_STACK_BYTES)
        .spawn(move || std::panic::catch_unwind(|| cli::run(args)));
    let code = match worker.map(|worker| worker.join()) {
        Ok(Ok(Ok(Ok(code)))) => code,
        Ok(Ok(Ok(Err(error)))) => {
            let _ = writeln!(std::io::stderr(), "{}", error.render());
            2
        }
        Ok(_) => 2,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "modelgate: cannot start: {e}");
            2
        }
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}
