//! `modelgate licenses` and `modelgate models`: browse the catalog.

use std::fmt::Write;

use modelgate::catalog::license::{LicenseRecord, Verification};
use modelgate::catalog::Catalog;
use modelgate::error::{did_you_mean, Error, ErrorKind, Result};

use super::print;

#[derive(Debug, clap::Args)]
pub struct LicensesArgs {
    #[command(subcommand)]
    command: Option<LicensesCommand>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Extra catalog directory (repeatable), as `check --catalog` reads it.
    #[arg(long = "catalog", value_name = "DIR")]
    catalogs: Vec<std::path::PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
enum LicensesCommand {
    /// Show one license's terms, each with its section and URL.
    Show {
        /// License id or alias (`llama3.1`, `apache-2.0`).
        id: String,
    },
}

#[derive(Debug, clap::Args)]
pub struct ModelsArgs {
    /// Only models of this family (`llama-3.1`), or whose family starts with it (`llama`).
    #[arg(long)]
    family: Option<String>,
    /// Only models whose license expression names this license id or alias.
    #[arg(long)]
    license: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Extra catalog directory (repeatable), as `check --catalog` reads it.
    #[arg(long = "catalog", value_name = "DIR")]
    catalogs: Vec<std::path::PathBuf>,
}

fn verification(v: Verification) -> &'static str {
    match v {
        Verification::Verified => "verified",
        Verification::VerifiedCopy => "verified (copy)",
        Verification::Partial => "partial",
        Verification::Unverified => "UNVERIFIED",
    }
}

/// The catalog with the `--catalog` directories; what they replaced is said
/// on stderr, as every other command says it.
fn load(dirs: &[std::path::PathBuf]) -> Result<Catalog> {
    let catalog = Catalog::with_dirs(dirs)?;
    note_replacements(&catalog);
    Ok(catalog)
}

/// Says on stderr which bundled records and models `--catalog` records
/// replaced: a reviewer must not read a team's terms as the bundled ones.
pub(super) fn note_replacements(catalog: &Catalog) {
    for note in catalog.replacements() {
        eprintln!("modelgate: note: {note}");
    }
}

pub fn licenses(args: LicensesArgs) -> Result<u8> {
    let catalog = load(&args.catalogs)?;
    match args.command {
        None => {
            if args.json {
                let all: Vec<&serde_json::Value> = catalog.licenses().map(|e| &e.json).collect();
                print(&format!("{}\n", serde_json::to_string_pretty(&all).unwrap_or_default()))?;
                return Ok(0);
            }
            let id_width = catalog.licenses().map(|e| e.record.id.len()).max().unwrap_or(0);
            let mut out = String::new();
            for entry in catalog.licenses() {
                let r = &entry.record;
                let _ = writeln!(out, "{:<id_width$} {:<15} {}", r.id, verification(r.verification), r.name);
            }
            print(&out)?;
            Ok(0)
        }
        Some(LicensesCommand::Show { id }) => {
            let Some(entry) = catalog.license_id_for(&id).and_then(|id| catalog.license(id)) else {
                let mut error = Error::new(ErrorKind::Usage, format!("unknown license `{id}`"));
                if let Some(hint) = did_you_mean(&id, catalog.license_names()) {
                    error = error.with_hint(hint);
                }
                return Err(error);
            };
            if args.json {
                print(&format!("{}\n", serde_json::to_string_pretty(&entry.json).unwrap_or_default()))?;
            } else {
                print(&show(&entry.record))?;
            }
            Ok(0)
        }
    }
}

/// The terms of a license, one per line, each with section and URL.
fn show(r: &LicenseRecord) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n{} (version {})", r.id, r.name, r.version);
    let _ = writeln!(out, "{}", r.url);
    let _ = writeln!(out, "verification: {}", verification(r.verification));
    if !r.aliases.is_empty() {
        let _ = writeln!(out, "aliases: {}", r.aliases.join(", "));
    }
    let _ = writeln!(out, "\n{}\n", r.summary.trim());
    let terms = serde_json::to_value(&r.terms).unwrap_or_default();
    if let serde_json::Value::Object(map) = terms {
        for (name, value) in map {
            let items = match value {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            };
            for item in items {
                let section = item.get("section").and_then(|s| s.as_str()).unwrap_or("");
                let mut fields: Vec<String> = Vec::new();
                if let serde_json::Value::Object(fields_map) = &item {
                    for (k, v) in fields_map {
                        if ["section", "url", "verification", "note"].contains(&k.as_str()) {
                            continue;
                        }
                        let text = match v {
                            serde_json::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        fields.push(format!("{k}: {text}"));
                    }
                }
                let _ = writeln!(out, "{name} (§{section})");
                for field in fields {
                    let _ = writeln!(out, "    {field}");
                }
                if let Some(url) = item.get("url").and_then(|u| u.as_str()) {
                    let _ = writeln!(out, "    source: {url}");
                }
                if let Some(v) = item.get("verification").and_then(|u| u.as_str()) {
                    let _ = writeln!(out, "    verification: {v}");
                }
                if let Some(note) = item.get("note").and_then(|u| u.as_str()) {
                    let _ = writeln!(out, "    note: {note}");
                }
            }
        }
    }
    out
}

pub fn models(args: ModelsArgs) -> Result<u8> {
    let catalog = load(&args.catalogs)?;
    let license_filter = match &args.license {
        Some(name) => Some(catalog.license_id_for(name).map(str::to_string).ok_or_else(|| {
            let mut error = Error::new(ErrorKind::Usage, format!("unknown license `{name}`"));
            if let Some(hint) = did_you_mean(name, catalog.license_names()) {
                error = error.with_hint(hint);
            }
            error
        })?),
        None => None,
    };
    let in_family: Vec<_> = catalog
        .models()
        .iter()
        .filter(|m| {
            args.family.as_deref().is_none_or(|f| m.family.to_ascii_lowercase().starts_with(&f.to_ascii_lowercase()))
        })
        .collect();
    if let Some(family) = args.family.as_deref().filter(|_| in_family.is_empty()) {
        // As for an unknown license: an empty table would read as "no such model".
        let mut families: Vec<&str> = catalog.models().iter().map(|m| m.family.as_str()).collect();
        families.dedup();
        let mut error = Error::new(ErrorKind::Usage, format!("no model of family `{family}`"));
        if let Some(hint) = did_you_mean(family, families) {
            error = error.with_hint(hint);
        }
        return Err(error);
    }
    let selected: Vec<_> = in_family
        .into_iter()
        .filter(|m| license_filter.as_deref().is_none_or(|id| m.license.split([' ', '(', ')']).any(|t| t == id)))
        .collect();
    if args.json {
        let values: Vec<_> = selected.iter().map(|m| serde_json::to_value(m.as_ref()).unwrap_or_default()).collect();
        print(&format!("{}\n", serde_json::to_string_pretty(&values).unwrap_or_default()))?;
        return Ok(0);
    }
    // Columns as wide as their longest entry: `deepseek-coder-v2` pushed
    // the columns after it out of line.
    let id_width = selected.iter().map(|m| m.id.len()).max().unwrap_or(0);
    let family_width = selected.iter().map(|m| m.family.len()).max().unwrap_or(0);
    let mut out = String::new();
    for m in selected {
        let weights = if m.weights_available { "weights" } else { "api-only" };
        let _ = writeln!(out, "{:<id_width$} {:<family_width$} {:<8} {}", m.id, m.family, weights, m.license);
    }
    print(&out)?;
    Ok(0)
}
