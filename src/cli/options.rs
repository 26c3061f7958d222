//! `modelgate options SCENARIO`: the option matrix.

use std::path::PathBuf;

use modelgate::check::CheckOptions;
use modelgate::error::{Error, ErrorKind, Result};
use modelgate::options::{options, Filters, OptionsFormat};
use modelgate::proposal::{load_paths, DeploymentKind, LoadOptions};

use super::{parse_outputs, print, today};

#[derive(Debug, clap::Args)]
pub struct OptionsArgs {
    /// A proposal describing the use case; its model, if any, is ignored
    /// (every catalog model is tried), its deployment supplies network,
    /// telemetry and regions.
    scenario: PathBuf,
    /// Only models of this family (prefix: `llama`, `gpt-4o`).
    #[arg(long)]
    family: Option<String>,
    /// Only models whose license expression names this license (id or alias).
    #[arg(long)]
    license: Option<String>,
    /// Only this deployment kind.
    #[arg(long, value_parser = ["self_hosted", "vendor_api", "hosted_open_api", "managed_cloud"])]
    kind: Option<String>,
    /// Output format on stdout.
    #[arg(long, short = 'f', default_value = "text", value_parser = OptionsFormat::NAMES)]
    format: String,
    /// Also write a format to a file, as FORMAT=FILE (repeatable).
    #[arg(long, short = 'o', value_name = "FORMAT=FILE")]
    output: Vec<String>,
    /// The date to judge as today, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    now: Option<String>,
    #[command(flatten)]
    policy: super::PolicyArgs,
}

pub fn run(args: OptionsArgs) -> Result<u8> {
    let now = today(args.now.as_deref())?;
    let outputs = parse_outputs(&args.output, &OptionsFormat::NAMES, OptionsFormat::parse)?;
    let context = args.policy.context()?;
    let set = load_paths(std::slice::from_ref(&args.scenario), &LoadOptions::default())?;
    let [scenario] = set.documents.as_slice() else {
        return Err(Error::new(
            ErrorKind::Usage,
            format!("{}: a scenario file holds exactly one proposal", args.scenario.display()),
        ));
    };
    let kind = args.kind.as_deref().map(|k| match k {
        "self_hosted" => DeploymentKind::SelfHosted,
        "vendor_api" => DeploymentKind::VendorApi,
        "hosted_open_api" => DeploymentKind::HostedOpenApi,
        _ => DeploymentKind::ManagedCloud,
    });
    let filters = Filters { family: args.family, license: args.license, kind };
    let report = options(&context, scenario, &filters, &CheckOptions { now, ..CheckOptions::default() })?;
    let rendered: Vec<(&std::path::Path, String)> =
        outputs.iter().map(|(format, file)| (file.as_path(), format.render(&report))).collect();
    super::output_file::write_all_or_none(&rendered)?;
    print(&OptionsFormat::parse(&args.format).unwrap_or(OptionsFormat::Text).render(&report))?;
    Ok(if report.summary.error > 0 { 2 } else { 0 })
}
