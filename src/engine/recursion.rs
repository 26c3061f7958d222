//! Rejects, before anything is evaluated, what would make regorus overflow
//! its stack: recursive functions, and chains of rules too long.
//!
//! regorus does not detect a function that calls itself (directly or through
//! other functions): evaluating one overflows the stack and aborts the
//! process, which no panic handler can catch. OPA rejects such policies at
//! compile time; modelgate does the same here, from the parsed modules.
//! regorus's interpreter also evaluates a rule's dependencies recursively,
//! a few stack frames per rule, so a chain of thousands of rules (`a0 := a1`,
//! `a1 := a2`, ...) aborts the same way; the longest chain a `--policy` file
//! may build is bounded (`MAX_CHAIN`), and evaluation runs on threads with a
//! stack sized for it (`super::EVAL_STACK_BYTES`).
//!
//! Calls and rule reads are taken from each rule's text (strings and
//! comments removed) and resolved like Rego resolves them: a bare name in the
//! same package, `data.`-rooted paths, and paths through an import alias.

use std::collections::{BTreeMap, BTreeSet};

use regorus::unstable::{Rule as AstRule, RuleHead};

use crate::error::{Error, ErrorKind, Result};

/// The calls a function makes (or the paths a rule mentions), before they
/// are resolved to functions (or rules).
struct PendingCalls {
    function: String,
    package: String,
    aliases: BTreeMap<String, String>,
    calls: Vec<String>,
}

/// A function definition: where it is and whom it calls.
struct Function {
    file: String,
    line: u32,
    calls: BTreeSet<String>,
}

/// Checks every function of the engine's modules; errors on the first cycle.
pub fn check(engine: &mut regorus::Engine) -> Result<()> {
    let packages = engine.get_policy_package_components().map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    let mut functions: BTreeMap<String, Function> = BTreeMap::new();
    let mut pending: Vec<PendingCalls> = Vec::new();
    for (module, package) in engine.get_modules().iter().zip(packages) {
        let package = package.components.join(".");
        let aliases = import_aliases(module);
        for rule in &module.policy {
            let AstRule::Spec { span, head: RuleHead::Func { refr, .. }, .. } = rule.as_ref() else {
                continue;
            };
            let name = refr.span().text().to_string();
            let full = format!("{package}.{name}");
            // The rule text names the function once in its head; any further
            // mention followed by `(` is a call.
            let mut calls = call_names(span.text());
            if let Some(head) = calls.iter().position(|c| *c == name) {
                calls.remove(head);
            }
            functions.entry(full.clone()).or_insert_with(|| Function {
                file: span.source.file().to_string(),
                line: span.line,
                calls: BTreeSet::new(),
            });
            pending.push(PendingCalls { function: full, package: package.clone(), aliases: aliases.clone(), calls });
        }
    }
    for PendingCalls { function, package, aliases, calls } in pending {
        let resolved: Vec<String> = calls
            .iter()
            .filter_map(|call| resolve(call, &package, &aliases))
            .filter(|target| functions.contains_key(target))
            .collect();
        if let Some(f) = functions.get_mut(&function) {
            f.calls.extend(resolved);
        }
    }
    if let Some(cycle) = find_cycle(&functions) {
        let first = &functions[&cycle[0]];
        return Err(Error::new(
            ErrorKind::Policy,
            format!(
                "{}:{}: recursive function `{}` is not allowed (regorus would abort evaluating it)",
                first.file,
                first.line,
                cycle.join("` -> `")
            ),
        ));
    }
    Ok(())
}

/// The rules and functions each rule or function reads or calls, by full name.
type ReadGraph = BTreeMap<String, BTreeSet<String>>;

/// Every rule and function by full name, with the file and line of its first
/// definition.
type Definitions = BTreeMap<String, (String, u32)>;

/// The longest chain of rules and functions, each reading or calling the
/// next, that a `--policy` file may build. The bundled policies' longest is
/// far shorter (a unit test holds it under a tenth of this); at this length
/// the interpreter needs a few megabytes of stack in a debug build, well
/// inside `super::EVAL_STACK_BYTES`.
pub const MAX_CHAIN: usize = 200;

/// The most variables one rule may bind with `:=`. regorus 0.14.1 copies a
/// body's scope for each statement it schedules, so the time to prepare a
/// rule grows with the square of its variables: 3,000 took 3 s and 15,000 a
/// minute (debug build), before any time limit runs. The bundled rules bind
/// at most a few dozen.
pub const MAX_LOCALS: usize = 1000;

/// Rejects a rule or function binding more than `MAX_LOCALS` variables, at
/// the rule.
pub fn check_locals(engine: &mut regorus::Engine) -> Result<()> {
    for module in engine.get_modules().iter() {
        for rule in &module.policy {
            let AstRule::Spec { span, .. } = rule.as_ref() else { continue };
            let count = blank_strings_and_comments(span.text()).matches(":=").count();
            if count > MAX_LOCALS {
                let location = span_location(span, 0);
                return Err(Error::at(
                    ErrorKind::Policy,
                    format!(
                        "this rule binds {count} variables with `:=`; regorus prepares a rule in time that grows \
                         with the square of its variables, so modelgate allows at most {MAX_LOCALS}: give parts \
                         of the computation rules of their own"
                    ),
                    location,
                ));
            }
        }
    }
    Ok(())
}

/// Rejects a chain of rules and functions longer than `MAX_CHAIN`, naming
/// where it starts and how long it is.
pub fn check_chain_length(engine: &mut regorus::Engine) -> Result<()> {
    let (rules, reads) = read_graph(engine)?;
    if let Some((start, length)) = longest_chain(&reads).filter(|(_, length)| *length > MAX_CHAIN) {
        let (file, line) = &rules[&start];
        return Err(Error::new(
            ErrorKind::Policy,
            format!(
                "{file}:{line}: `{start}` starts a chain of {length} rules and functions, each reading or calling \
                 the next; regorus evaluates such a chain on its stack and would abort above a few thousand, so \
                 modelgate allows at most {MAX_CHAIN}: compute the value in fewer steps"
            ),
        ));
    }
    Ok(())
}

/// Every rule and function by full name (with the file and line of its
/// first definition), and the rules and functions each reads or calls.
fn read_graph(engine: &mut regorus::Engine) -> Result<(Definitions, ReadGraph)> {
    let packages = engine.get_policy_package_components().map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    // Every rule and function, by full name, with where it is first defined
    // and the names its definitions mention.
    let mut rules: Definitions = BTreeMap::new();
    let mut pending: Vec<PendingCalls> = Vec::new();
    for (module, package) in engine.get_modules().iter().zip(packages) {
        let package = package.components.join(".");
        let aliases = import_aliases(module);
        for rule in &module.policy {
            let (span, refr) = match rule.as_ref() {
                AstRule::Spec { span, head, .. } => match head {
                    RuleHead::Compr { refr, .. } | RuleHead::Set { refr, .. } | RuleHead::Func { refr, .. } => {
                        (span, refr)
                    }
                },
                AstRule::Default { span, refr, .. } => (span, refr),
            };
            let head = refr.span().text();
            let name = head.split(['.', '[']).next().unwrap_or(head).trim().to_string();
            let full = format!("{package}.{name}");
            let mentioned: Vec<String> = reference_paths(span.text()).into_iter().map(|(_, path)| path).collect();
            rules.entry(full.clone()).or_insert_with(|| (span.source.file().to_string(), span.line));
            pending.push(PendingCalls {
                function: full,
                package: package.clone(),
                aliases: aliases.clone(),
                calls: mentioned,
            });
        }
    }
    let mut reads: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for PendingCalls { function: rule, package, aliases, calls: mentioned } in pending {
        let targets = reads.entry(rule.clone()).or_default();
        for path in mentioned {
            if let Some(target) = rule_read(&path, &package, &aliases, &rules) {
                if target != rule {
                    targets.insert(target);
                }
            }
        }
    }
    Ok((rules, reads))
}

/// The rule or function a dotted path in a rule's text reads, if any: the
/// longest prefix of its `data.` path (direct, through an import alias, or a
/// bare name in the same package) that names one.
fn rule_read(path: &str, package: &str, aliases: &BTreeMap<String, String>, rules: &Definitions) -> Option<String> {
    let (first, rest) = match path.split_once('.') {
        Some((first, rest)) => (first, Some(rest)),
        None => (path, None),
    };
    let absolute = match (first, aliases.get(first)) {
        ("data", _) => rest?.to_string(),
        (_, Some(target)) => {
            let target = target.strip_prefix("data.")?;
            rest.map_or(target.to_string(), |rest| format!("{target}.{rest}"))
        }
        _ => format!("{package}.{path}"),
    };
    let parts: Vec<&str> = absolute.split('.').collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join(".")).find(|candidate| rules.contains_key(candidate))
}

/// The start and length (in rules) of the longest chain in a graph of reads,
/// back edges of any cycle left out (regorus reports rule recursion itself;
/// `check` refuses recursive functions).
fn longest_chain(reads: &ReadGraph) -> Option<(String, usize)> {
    let mut length: BTreeMap<&str, usize> = BTreeMap::new();
    let mut on_path: BTreeSet<&str> = BTreeSet::new();
    for start in reads.keys() {
        // Iterative depth-first search: the chains checked may be long.
        let mut stack: Vec<(&str, bool)> = vec![(start.as_str(), false)];
        while let Some((node, expanded)) = stack.pop() {
            if expanded {
                let below = reads
                    .get(node)
                    .into_iter()
                    .flatten()
                    .filter_map(|next| length.get(next.as_str()).copied())
                    .max()
                    .unwrap_or(0);
                length.insert(node, below + 1);
                on_path.remove(node);
                continue;
            }
            if length.contains_key(node) || on_path.contains(node) {
                continue;
            }
            on_path.insert(node);
            stack.push((node, true));
            for next in reads.get(node).into_iter().flatten() {
                if !length.contains_key(next.as_str()) && !on_path.contains(next.as_str()) {
                    stack.push((next.as_str(), false));
                }
            }
        }
    }
    length.into_iter().max_by_key(|(name, n)| (*n, std::cmp::Reverse(*name))).map(|(name, n)| (name.to_string(), n))
}

/// Rejects a rule that reads a document containing itself: `data`, an
/// enclosing package such as `data.modelgate.rules`, or its own package as a
/// whole (`object.keys(data.modelgate.rules.acme.x)` inside
/// `modelgate.rules.acme.x`). Rego forbids a rule that depends on itself and
/// OPA rejects such policies; regorus evaluates them to a result that can
/// read as a pass. `in_scope` picks the packages to check (the rule packages).
pub fn check_enclosing_reads(engine: &mut regorus::Engine, in_scope: impl Fn(&[String]) -> bool) -> Result<()> {
    let packages = engine.get_policy_package_components().map_err(|e| Error::new(ErrorKind::Policy, e.to_string()))?;
    for (module, package) in engine.get_modules().iter().zip(packages) {
        if !in_scope(&package.components) {
            continue;
        }
        let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (alias, path) in import_aliases(module) {
            if let Some(rest) = path.strip_prefix("data.") {
                aliases.insert(alias, rest.split('.').map(str::to_string).collect());
            } else if path == "data" {
                aliases.insert(alias, Vec::new());
            }
        }
        for rule in &module.policy {
            let span = match rule.as_ref() {
                AstRule::Spec { span, .. } | AstRule::Default { span, .. } => span,
            };
            for (offset, path) in reference_paths(span.text()) {
                let mut parts = path.split('.');
                let first = parts.next().unwrap_or_default();
                let mut target: Vec<String> = match first {
                    "data" => Vec::new(),
                    alias => match aliases.get(alias) {
                        Some(target) => target.clone(),
                        None => continue,
                    },
                };
                target.extend(parts.map(str::to_string));
                if target.len() <= package.components.len() && package.components[..target.len()] == target[..] {
                    let whole =
                        if target.is_empty() { "data".to_string() } else { format!("data.{}", target.join(".")) };
                    return Err(Error::at(
                        ErrorKind::Policy,
                        format!(
                            "this rule reads `{whole}`, which contains the rule itself (package `{}`): a rule may \
                             not depend on itself; read the documents it needs by their full path",
                            package.components.join(".")
                        ),
                        span_location(span, offset),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Where byte `offset` of a parsed span's text is in its file.
pub(super) fn span_location(span: &regorus::unstable::Span, offset: usize) -> crate::error::Location {
    let before = &span.text()[..offset];
    let line = span.line + before.matches('\n').count() as u32;
    let column = match before.rfind('\n') {
        Some(newline) => (offset - newline) as u32,
        None => span.col + offset as u32,
    };
    crate::error::Location { file: span.source.file().to_string(), line, column }
}

/// A module's imports by the name they bind (`as`, else the path's last
/// name), each with its path.
pub(super) fn import_aliases(module: &regorus::unstable::Module) -> BTreeMap<String, String> {
    let mut aliases = BTreeMap::new();
    for import in &module.imports {
        let path = import.refr.span().text().to_string();
        let alias = match &import.r#as {
            Some(span) => span.text().to_string(),
            None => path.rsplit('.').next().unwrap_or(&path).to_string(),
        };
        aliases.insert(alias, path);
    }
    aliases
}

/// Dotted name paths in Rego text that start a reference (not preceded by
/// a dot or a digit), each with its byte offset; strings and comments are
/// skipped.
pub(super) fn reference_paths(text: &str) -> Vec<(usize, String)> {
    let cleaned = blank_strings_and_comments(text);
    let bytes = cleaned.as_bytes();
    dotted_names(&cleaned)
        .filter(|&(start, _)| start == 0 || !(bytes[start - 1] == b'.' || bytes[start - 1].is_ascii_digit()))
        .map(|(start, end)| (start, cleaned[start..end].trim_end_matches('.').to_string()))
        .collect()
}

/// The spans of names and dotted paths (`a.b.c`) in cleaned Rego text.
fn dotted_names(cleaned: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = cleaned.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let c = bytes[i];
            if c.is_ascii_alphabetic() || c == b'_' {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.') {
                    i += 1;
                }
                return Some((start, i));
            }
            i += 1;
        }
        None
    })
}

/// Where a call goes: `data.`-rooted, through an import alias, or a bare
/// name in the same package.
fn resolve(call: &str, package: &str, aliases: &BTreeMap<String, String>) -> Option<String> {
    if let Some(rest) = call.strip_prefix("data.") {
        return Some(rest.to_string());
    }
    match call.split_once('.') {
        None => Some(format!("{package}.{call}")),
        Some((first, rest)) => {
            let target = aliases.get(first)?;
            Some(format!("{}.{rest}", target.strip_prefix("data.")?))
        }
    }
}

/// The first cycle in the call graph, in name order, as `[a, b, ..., a]`.
fn find_cycle(functions: &BTreeMap<String, Function>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Unseen,
        OnPath,
        Done,
    }
    let mut marks: BTreeMap<&str, Mark> = functions.keys().map(|k| (k.as_str(), Mark::Unseen)).collect();
    for start in functions.keys() {
        if marks[start.as_str()] != Mark::Unseen {
            continue;
        }
        // Iterative depth-first search: policies may be large and the
        // checker itself must not recurse without bound.
        let mut path: Vec<(&str, Vec<&str>)> =
            vec![(start, functions[start].calls.iter().map(String::as_str).collect())];
        marks.insert(start, Mark::OnPath);
        while let Some((node, pending)) = path.last_mut() {
            let node = *node;
            match pending.pop() {
                Some(next) => match marks[next] {
                    Mark::OnPath => {
                        let from = path.iter().position(|(n, _)| *n == next).unwrap_or(0);
                        let mut cycle: Vec<String> = path[from..].iter().map(|(n, _)| n.to_string()).collect();
                        cycle.push(next.to_string());
                        return Some(cycle);
                    }
                    Mark::Unseen => {
                        marks.insert(next, Mark::OnPath);
                        path.push((next, functions[next].calls.iter().map(String::as_str).collect()));
                    }
                    Mark::Done => {}
                },
                None => {
                    marks.insert(node, Mark::Done);
                    path.pop();
                }
            }
        }
    }
    None
}

/// Names followed by `(` in Rego text, strings and comments removed.
fn call_names(text: &str) -> Vec<String> {
    let cleaned = blank_strings_and_comments(text);
    let bytes = cleaned.as_bytes();
    dotted_names(&cleaned)
        .filter(|&(start, end)| {
            let preceded_by_dot = start > 0 && bytes[start - 1] == b'.';
            let next = cleaned[end..].trim_start_matches([' ', '\t']);
            !preceded_by_dot && next.starts_with('(')
        })
        .map(|(start, end)| cleaned[start..end].trim_end_matches('.').to_string())
        .collect()
}

/// `text` with every string literal and comment replaced by spaces, byte
/// for byte (newlines kept), so that offsets, lines and columns in the result
/// are those of `text`. The Rego checks read names and brackets from it.
pub(super) fn blank_strings_and_comments(text: &str) -> String {
    let mut out = text.as_bytes().to_vec();
    let mut i = 0;
    while i < out.len() {
        let start = i;
        match out[i] {
            b'#' => {
                while i < out.len() && out[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < out.len() && out[i] != b'"' {
                    i += if out[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(out.len());
            }
            b'`' => {
                i += 1;
                while i < out.len() && out[i] != b'`' {
                    i += 1;
                }
                i = (i + 1).min(out.len());
            }
            _ => {
                i += 1;
                continue;
            }
        }
        for byte in &mut out[start..i] {
            if *byte != b'\n' {
                *byte = b' ';
            }
        }
    }
    // Each blanked range starts and ends at an ASCII byte, so the result is
    // UTF-8; the lossy form only guards that reasoning.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(modules: &[(&str, &str)]) -> regorus::Engine {
        let mut engine = regorus::Engine::new();
        for (path, text) in modules {
            engine.add_policy(path.to_string(), text.to_string()).unwrap();
        }
        engine
    }

    fn chain(n: usize) -> String {
        let mut text = String::from("package c\nimport rego.v1\n");
        for i in 0..n {
            text.push_str(&format!("a{i} := a{}\n", i + 1));
        }
        text.push_str(&format!("a{n} := 1\n"));
        text
    }

    #[test]
    fn a_chain_of_rules_longer_than_the_limit_is_rejected_at_its_start() {
        let mut e = engine(&[("c.rego", &chain(MAX_CHAIN - 1))]);
        check_chain_length(&mut e).unwrap();
        let mut e = engine(&[("c.rego", &chain(MAX_CHAIN))]);
        let err = check_chain_length(&mut e).unwrap_err();
        assert!(err.message().starts_with("c.rego:3: `c.a0` starts a chain of 201 rules"), "{err}");
    }

    #[test]
    fn chains_through_functions_other_packages_and_aliases_count() {
        let mut g = String::from("package g\nimport rego.v1\n");
        for i in 0..MAX_CHAIN {
            g.push_str(&format!("g{i}(x) := g{}(x)\n", i + 1));
        }
        g.push_str(&format!("g{MAX_CHAIN}(x) := x\n"));
        let f = "package f\nimport rego.v1\nimport data.g as other\nf0 := other.g0(1)\n";
        let mut e = engine(&[("f.rego", f), ("g.rego", &g)]);
        let err = check_chain_length(&mut e).unwrap_err();
        assert!(err.message().contains("`f.f0` starts a chain of 202 rules and functions"), "{err}");
    }

    #[test]
    fn the_bundled_policies_chains_are_short() {
        let mut e = regorus::Engine::new();
        e.set_rego_v0(false);
        for file in &crate::engine::PolicySources::bundled().modules {
            e.add_policy(file.path.clone(), file.text.to_string()).unwrap();
        }
        let (_, reads) = read_graph(&mut e).unwrap();
        let (start, length) = longest_chain(&reads).unwrap();
        assert!((3..MAX_CHAIN / 10).contains(&length), "{start}: {length}");
    }

    #[test]
    fn a_rule_binding_too_many_variables_is_rejected_and_the_bundled_ones_are_far_below() {
        let body: String = (0..=MAX_LOCALS).map(|i| format!("\tx{i} := {i}\n")).collect();
        let text = format!("package x\n\nr if {{\n{body}\tx0 == 0\n}}\n");
        let mut e = engine(&[("big.rego", &text)]);
        let err = check_locals(&mut e).unwrap_err().to_string();
        assert!(err.contains("big.rego:3:1"), "{err}");
        let mut bundled = regorus::Engine::new();
        bundled.set_rego_v0(false);
        for file in crate::engine::PolicySources::bundled().all().filter(|f| f.path.ends_with(".rego")) {
            bundled.add_policy(file.path.clone(), file.text.to_string()).unwrap();
        }
        for module in bundled.get_modules().iter() {
            for rule in &module.policy {
                let AstRule::Spec { span, .. } = rule.as_ref() else { continue };
                assert!(blank_strings_and_comments(span.text()).matches(":=").count() < MAX_LOCALS / 10);
            }
        }
    }

    #[test]
    fn direct_recursion_is_rejected() {
        let mut e = engine(&[("a.rego", "package a\nimport rego.v1\nf(x) := y if {\n  y := f(x)\n}\n")]);
        let err = check(&mut e).unwrap_err();
        assert!(err.message().contains("recursive function `a.f` -> `a.f`"), "{err}");
        assert!(err.message().starts_with("a.rego:3:"), "{err}");
    }

    #[test]
    fn mutual_recursion_across_packages_through_imports_is_rejected() {
        let mut e = engine(&[
            ("a.rego", "package a\nimport rego.v1\nimport data.b as other\nf(x) := other.g(x)\n"),
            ("b.rego", "package b\nimport rego.v1\ng(x) := data.a.f(x)\n"),
        ]);
        let err = check(&mut e).unwrap_err();
        assert!(err.message().contains("`a.f` -> `b.g` -> `a.f`"), "{err}");
    }

    fn rule_packages(package: &[String]) -> bool {
        package.first().is_some_and(|p| p == "rules")
    }

    #[test]
    fn a_rule_reading_its_own_package_as_a_whole_is_rejected() {
        let mut e = engine(&[(
            "r.rego",
            "package rules.x\nimport rego.v1\ndeny contains k if {\n  some k in object.keys(data.rules.x)\n}\n",
        )]);
        let err = check_enclosing_reads(&mut e, rule_packages).unwrap_err();
        assert!(err.message().contains("reads `data.rules.x`, which contains the rule itself"), "{err}");
        assert_eq!(err.location().map(|l| (l.line, l.column)), Some((4, 25)), "{err}");
    }

    #[test]
    fn reading_an_enclosing_document_through_an_import_is_rejected() {
        let mut e = engine(&[(
            "r.rego",
            "package rules.x\nimport rego.v1\nimport data.rules as all\ndeny contains 1 if count(all) > 0\n",
        )]);
        let err = check_enclosing_reads(&mut e, rule_packages).unwrap_err();
        assert!(err.message().contains("reads `data.rules`"), "{err}");
        let mut e = engine(&[("r.rego", "package rules.x\nimport rego.v1\ndeny contains 1 if data[_]\n")]);
        assert!(check_enclosing_reads(&mut e, rule_packages).is_err());
    }

    #[test]
    fn reading_other_documents_and_own_rules_by_name_is_fine() {
        let mut e = engine(&[(
            "r.rego",
            "package rules.x\nimport rego.v1\nimport data.lib.helpers\n\
             deny contains m if {\n  m := data.rules.x.msg\n  helpers.ok(input.data.classes)\n  \"data\" != m\n}\n\
             msg := \"data.rules\"\n",
        )]);
        check_enclosing_reads(&mut e, rule_packages).unwrap();
    }

    #[test]
    fn calls_to_builtins_other_functions_and_names_in_strings_are_fine() {
        let mut e = engine(&[(
            "a.rego",
            "package a\nimport rego.v1\n# f(x) in a comment\nf(x) := sprintf(\"f(%v)\", [g(x)])\ng(x) := count(x)\n",
        )]);
        check(&mut e).unwrap();
    }
}
