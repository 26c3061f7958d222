//! The `modelgate` command: parse arguments, call the library, print, and map
//! the outcome to an exit code (0 pass, 1 fail, 2 could not do the job).

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    // A panic must never look like a pass: report it and exit 2.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "modelgate: internal error: {info}");
    }));
    let outcome = std::panic::catch_unwind(|| cli::run(args));
    let code = match outcome {
        Ok(Ok(code)) => code,
        Ok(Err(error)) => {
            let _ = writeln!(std::io::stderr(), "{}", error.render());
            2
        }
        Err(_) => 2,
    };
    let _ = std::io::stdout().flush();
    ExitCode::from(code)
}
