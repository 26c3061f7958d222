//! Rejects a package split over several files when a later file reads
//! through its own imports and something reads the package whole.
//!
//! regorus 0.14.1 evaluates a package's rules together when the package is
//! read as one document: `x := data.modelgate.lib.acme`, or any use of
//! `import data.modelgate.lib.acme` (or of an import of an enclosing
//! package) other than a call, as in `acme.unowned`. The import aliases of
//! the package's second and later files can then read as undefined: after
//! `import input.metadata as md`, `md.owner == null` never holds, so a
//! `deny` built on it passes every proposal. The first file's imports, full
//! `data.`/`input.` paths, and packages in one file are read right, and OPA
//! reads all of these alike. Found by the custom-rules audit; measured with
//! rules and functions, reading `input` and `data` imports.
//!
//! The check works on the parsed modules in the order they were loaded (a
//! package's first file is the first loaded) and errs on the side of
//! refusing: any rule or function of a later file that reads through one of
//! that file's imports counts, whoever calls it.

use std::collections::BTreeMap;

use regorus::unstable::{Rule as AstRule, RuleHead};

use super::recursion::{import_aliases, reference_paths, span_location};
use crate::error::{Error, ErrorKind, Result};

/// A rule or function in a package's later file that reads through one of
/// that file's imports.
struct ImportReader {
    /// The import's alias and path.
    alias: String,
    import: String,
    /// The rule's or function's name, and where the import is.
    rule: String,
    location: crate::error::Location,
}

/// Errors when a package some rule reads whole has a later file whose rules
/// read through its imports.
pub fn check(engine: &mut regorus::Engine) -> Result<()> {
    let packages = engine.get_policy_package_components().map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    let packages: Vec<Vec<String>> = packages.into_iter().map(|p| p.components).collect();
    let modules = engine.get_modules();
    let mut files_of: BTreeMap<&[String], Vec<usize>> = BTreeMap::new();
    for (index, package) in packages.iter().enumerate() {
        files_of.entry(package.as_slice()).or_default().push(index);
    }
    for (package, indices) in files_of.iter().filter(|(_, indices)| indices.len() > 1) {
        let Some(reader) = indices[1..].iter().find_map(|&i| import_reader(&modules[i])) else { continue };
        let Some(whole) = whole_read(modules, package) else { continue };
        let first = modules[indices[0]].package.span.source.file().to_string();
        let name = package.join(".");
        return Err(Error::at(
            ErrorKind::Policy,
            format!(
                "`{rule}` reads through `import {import}` (`{alias}`) in a later file of package `{name}` (its \
                 first file is {first}), and the package is read whole at {whole}: regorus 0.14.1 can then read \
                 `{alias}` here as undefined, so `{rule}` can come out undefined and a rule built on it pass \
                 proposals it should fail; write the path in full here (`{import}.`...) instead of the import, or \
                 read the package only by full paths to its rules (`data.{name}.{rule}`), never as a whole or \
                 through an import of it",
                rule = reader.rule,
                import = reader.import,
                alias = reader.alias,
            ),
            reader.location,
        ));
    }
    Ok(())
}

/// The first rule or function of `module` whose text reads through one of
/// the module's imports.
fn import_reader(module: &regorus::unstable::Module) -> Option<ImportReader> {
    let imports = module.imports.iter().filter_map(|import| {
        let path = import.refr.span().text();
        let binds_nothing = path == "input" || path == "rego.v1" || path.starts_with("future.");
        let alias = import.r#as.as_ref().map_or_else(|| path.rsplit('.').next().unwrap_or(path), |a| a.text());
        (!binds_nothing).then(|| (alias.to_string(), path.to_string(), &import.span))
    });
    for (alias, import, span) in imports {
        for rule in &module.policy {
            let AstRule::Spec { span: rule_span, head, .. } = rule.as_ref() else { continue };
            let (RuleHead::Func { refr, .. } | RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. }) = head;
            let reads_alias = reference_paths(rule_span.text())
                .iter()
                .any(|(_, path)| path.split('.').next() == Some(alias.as_str()));
            if reads_alias {
                let head = refr.span().text();
                return Some(ImportReader {
                    rule: head.split(['.', '[']).next().unwrap_or(head).trim().to_string(),
                    location: span_location(span, 0),
                    alias,
                    import,
                });
            }
        }
    }
    None
}

/// Where some module reads `package` as one document: a `data.` path that
/// stops at the package or above it, or any non-call use of an import of
/// the package or of an enclosing one. As `file:line:column`.
fn whole_read(modules: &[regorus::unstable::Ref<regorus::unstable::Module>], package: &[String]) -> Option<String> {
    let within = |target: &[&str]| target.len() <= package.len() && target.iter().zip(package).all(|(a, b)| *a == b);
    for module in modules {
        let aliases = import_aliases(module);
        for rule in &module.policy {
            let span = match rule.as_ref() {
                AstRule::Spec { span, .. } | AstRule::Default { span, .. } => span,
            };
            let text = span.text();
            for (offset, path) in reference_paths(text) {
                let mut parts = path.split('.');
                let first = parts.next().unwrap_or_default();
                let whole = if first == "data" {
                    within(&parts.collect::<Vec<_>>())
                } else {
                    let is_call = text[offset + path.len()..].trim_start().starts_with('(');
                    let encloses = aliases.get(first).is_some_and(|target| match target.strip_prefix("data.") {
                        Some(rest) => within(&rest.split('.').collect::<Vec<_>>()),
                        None => target == "data",
                    });
                    encloses && !is_call
                };
                if whole {
                    let at = span_location(span, offset);
                    return Some(format!("{}:{}:{}", at.file, at.line, at.column));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "package lib.acme\nimport rego.v1\ny := true\n";
    const LATER: &str = "package lib.acme\nimport rego.v1\nimport input.metadata as md\nunowned if md.owner == null\n";
    const READER: &str = "package rules.owner\nimport rego.v1\nimport data.lib.acme\ndeny contains 1 if {\n  acme.y\n  acme.unowned\n}\n";

    fn engine(modules: &[(&str, &str)]) -> regorus::Engine {
        let mut engine = regorus::Engine::new();
        for (path, text) in modules {
            engine.add_policy(path.to_string(), text.to_string()).unwrap();
        }
        engine
    }

    fn denies(modules: &[(&str, &str)]) -> regorus::Value {
        let mut e = engine(modules);
        e.set_input(regorus::Value::from_json_str(r#"{"metadata": {"owner": null}}"#).unwrap());
        e.eval_rule("data.rules.owner.deny".to_string()).unwrap()
    }

    #[test]
    fn regorus_reads_a_later_files_import_as_undefined_when_the_package_is_read_whole() {
        // The defect the check stands in for: the rule should deny. When a
        // regorus release fixes it, this fails, and the check can go.
        let split = denies(&[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", READER)]);
        assert_eq!(split.as_set().unwrap().len(), 0);
        let later_first = denies(&[("b.rego", LATER), ("a.rego", FIRST), ("r.rego", READER)]);
        assert_eq!(later_first.as_set().unwrap().len(), 1);
    }

    #[test]
    fn a_later_files_import_read_while_the_package_is_read_whole_is_rejected_at_the_import() {
        let mut e = engine(&[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", READER)]);
        let err = check(&mut e).unwrap_err();
        assert!(err.message().starts_with("`unowned` reads through `import input.metadata` (`md`)"), "{err}");
        assert!(err.message().contains("its first file is a.rego"), "{err}");
        assert!(err.message().contains("read whole at r.rego:5:3"), "{err}");
        let at = err.location().unwrap();
        assert_eq!((at.file.as_str(), at.line, at.column), ("b.rego", 3, 1));
    }

    #[test]
    fn whole_reads_by_data_path_enclosing_import_and_in_functions_count() {
        let whole_by_path = "package rules.owner\nimport rego.v1\nall := data.lib.acme\n";
        let enclosing = "package rules.owner\nimport rego.v1\nimport data.lib\nx if lib.acme.unowned\n";
        let later_function =
            "package lib.acme\nimport rego.v1\nimport input.metadata as md\nf(_) if md.owner == null\n";
        let dynamic = "package rules.owner\nimport rego.v1\nx contains k if data.lib.acme[k]\n";
        for (later, reader) in [(LATER, whole_by_path), (LATER, enclosing), (later_function, READER), (LATER, dynamic)]
        {
            let mut e = engine(&[("a.rego", FIRST), ("b.rego", later), ("r.rego", reader)]);
            assert!(check(&mut e).is_err(), "{later}\n{reader}");
        }
    }

    #[test]
    fn full_paths_calls_first_files_and_one_file_packages_are_fine() {
        let full_paths = "package rules.owner\nimport rego.v1\ndeny contains 1 if data.lib.acme.unowned\n";
        let calls_only = "package rules.owner\nimport rego.v1\nimport data.lib.acme\ndeny contains 1 if acme.f(1)\n";
        let rule_import =
            "package rules.owner\nimport rego.v1\nimport data.lib.acme.unowned\ndeny contains 1 if unowned\n";
        let no_import_read = "package lib.acme\nimport rego.v1\nimport input.metadata as md\nz := input.metadata\n";
        let cases: [&[(&str, &str)]; 6] = [
            &[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", full_paths)],
            &[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", calls_only)],
            &[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", rule_import)],
            &[("b.rego", LATER), ("a.rego", FIRST), ("r.rego", READER)],
            &[("a.rego", FIRST), ("b.rego", no_import_read), ("r.rego", READER)],
            &[("b.rego", LATER), ("r.rego", READER)],
        ];
        for modules in cases {
            let mut e = engine(modules);
            assert!(check(&mut e).is_ok(), "{modules:?}");
        }
        // The first of these judges right, as the check assumes.
        assert_eq!(denies(&[("a.rego", FIRST), ("b.rego", LATER), ("r.rego", full_paths)]).as_set().unwrap().len(), 1);
    }
}
