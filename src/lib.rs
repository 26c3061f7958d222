//! modelgate decides whether a proposed LLM model choice is allowed.
//!
//! A *proposal* (YAML or JSON, `modelgate.dev/v1`) names a model, how it is
//! deployed, what data it sees, who the organisation is and what leaves it.
//! modelgate resolves the model's license terms from its catalog, evaluates
//! the bundled Rego policies with `regorus`, and reports one finding per rule
//! and proposal: `pass`, `fail`, `warn`, `waived`, `not_applicable` or `error`,
//! each with a citation and a remediation.
//!
//! The stages are separate: [`proposal`] reads and validates input,
//! [`catalog`] holds license terms and models, [`engine`] evaluates the
//! policies, [`check`] assembles a [`report::Report`], and [`report`]
//! renders it. The library never prints.

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod bundled;
pub mod catalog;
pub mod check;
pub mod date;
pub mod de;
pub mod digest;
pub mod engine;
pub mod error;
pub mod finding;
pub mod options;
pub mod proposal;
pub mod report;
pub mod source;
pub mod vocabulary;
pub mod waiver;

pub use error::{Error, ErrorKind, Location, Result};
