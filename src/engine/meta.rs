//! A rule's `meta` object: its identity, read once when the engine is built
//! and checked against a fixed schema.

use serde::{Deserialize, Serialize};

use crate::finding::{Category, Citation, Severity};

/// The `meta` a rule package declares (DESIGN §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleMeta {
    /// Stable id: upper-case words joined by `-` (`LIC-LLAMA-MAU`).
    pub id: String,
    /// One line.
    pub title: String,
    /// How much a failure matters.
    pub severity: Severity,
    /// What the rule is about.
    pub category: Category,
    /// Where the duty is stated.
    pub citation: Citation,
    /// What the rule checks, in a sentence or two (shown for passes and in
    /// `modelgate explain`). Optional: DESIGN §4's `meta` has id, title,
    /// severity, category and citation only, so a `meta` without it is read
    /// with the title as its description (see [`RuleMeta::fill_defaults`]).
    #[serde(default)]
    pub description: String,
    /// Default remediation, used when a deny or warn gives none.
    #[serde(default)]
    pub remediation: Option<String>,
}

impl RuleMeta {
    /// Fills what a `meta` may leave out: a missing `description` is the
    /// title. `declared` says whether the object had a `description` key, so
    /// an explicit empty one is still refused by [`RuleMeta::check`].
    pub fn fill_defaults(&mut self, declared_description: bool) {
        if !declared_description {
            self.description = self.title.clone();
        }
    }

    /// Checks what serde cannot: id shape, non-empty texts, URL scheme.
    pub fn check(&self) -> Result<(), String> {
        let id_ok = self.id.split('-').count() >= 2
            && self
                .id
                .split('-')
                .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
            && self.id.starts_with(|c: char| c.is_ascii_uppercase());
        if !id_ok {
            return Err(format!(
                "meta.id `{}` must be upper-case words and digits joined by `-` (e.g. `LIC-LLAMA-MAU`)",
                self.id
            ));
        }
        for (field, value) in
            [("title", &self.title), ("description", &self.description), ("citation.document", &self.citation.document)]
        {
            if value.trim().is_empty() {
                return Err(format!("meta.{field} of `{}` is empty", self.id));
            }
        }
        if !self.citation.url.starts_with("https://") && !self.citation.url.starts_with("http://") {
            return Err(format!("meta.citation.url of `{}` must be an http(s) URL", self.id));
        }
        Ok(())
    }
}
