//! Integration tests: the built `modelgate` binary on the fixtures, as a user
//! runs it. One test binary (link time matters on 2 cores), one module per theme.

mod support;

/// Brief scenarios, exit codes, flags and subcommands.
mod cli;
/// Bad input: one clear error with file:line:column and exit 2.
mod errors;
/// Output formats: snapshots and structure.
mod formats;
/// Fuzzers' kept inputs replayed on stable; oversized inputs refused in bounded memory.
mod hardening;
/// Where failing and warning findings point, in every format and YAML style.
mod locations;
/// VM against interpreter, bundled policies on the VM, OPA as an oracle.
mod parity;
/// Every rule outcome, driven by `fixtures/rules/<RULE-ID>/<status>-*.yaml`.
mod rules;
/// Waivers: applied, expired, stale, malformed, pinned, route-scoped, in every format.
mod waivers;
