//! The one error type: what went wrong, where (file:line:column), and a hint.
//!
//! Every failure that stops modelgate from doing its job (bad input, bad
//! catalog, bad policy, I/O) is an [`Error`] and maps to exit code 2.

use std::fmt;
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

/// A position in a file, 1-based, as editors and CI annotations count.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    /// The file as given on the command line (or the embedded path).
    pub file: String,
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Which part of the job failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A proposal file is malformed or invalid.
    Input,
    /// A catalog file (license record, model list) is malformed or invalid.
    Catalog,
    /// A policy does not parse, breaks the rule contract, or fails to evaluate.
    Policy,
    /// A waiver file is malformed, or a waiver has expired.
    Waiver,
    /// A file could not be read or written.
    Io,
    /// A command-line value is invalid.
    Usage,
}

/// An error with an optional source position and hint.
#[derive(Debug, Clone)]
pub struct Error {
    kind: ErrorKind,
    message: String,
    location: Option<Location>,
    hint: Option<String>,
    /// The text of the file `location` points into, to show the line.
    source_text: Option<Arc<str>>,
}

/// Shorthand used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error without a position.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error { kind, message: visible(message.into()), location: None, hint: None, source_text: None }
    }

    /// An error at a position.
    pub fn at(kind: ErrorKind, message: impl Into<String>, location: Location) -> Self {
        Error::new(kind, message).with_location(location)
    }

    /// Sets the position.
    pub fn with_location(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    /// Adds a hint (`did you mean ...`).
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(visible(hint.into()));
        self
    }

    /// `with_hint` when there is a hint.
    pub fn with_optional_hint(self, hint: Option<impl Into<String>>) -> Self {
        match hint {
            Some(hint) => self.with_hint(hint),
            None => self,
        }
    }

    /// Attaches the text of the file the position points into, so the
    /// rendered error can show the offending line.
    pub fn with_source_text(mut self, text: Arc<str>) -> Self {
        self.source_text = Some(text);
        self
    }

    /// Which part of the job failed.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, without position or hint.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Where it went wrong, if known.
    pub fn location(&self) -> Option<&Location> {
        self.location.as_ref()
    }

    /// The hint, if any.
    pub fn hint(&self) -> Option<&str> {
        self.hint.as_deref()
    }

    /// Renders the error for a terminal: the message with file:line:column,
    /// the offending line with a caret, and the hint.
    pub fn render(&self) -> String {
        let (Some(location), Some(text)) = (&self.location, &self.source_text) else {
            return format!("error: {self}");
        };
        let Some(line_text) = nth_line(text, location.line) else {
            return format!("error: {self}");
        };
        let column_byte = line_text
            .char_indices()
            .nth(location.column.saturating_sub(1) as usize)
            .map_or(line_text.len(), |(i, _)| i);
        let rest = &line_text[column_byte..];
        // The token ends at a space, flow punctuation, a quote, or a `:` that
        // ends a key (one inside a value, as in a URL, does not end it).
        let token = rest
            .char_indices()
            .find(|&(i, c)| {
                c.is_whitespace()
                    || ",{}[]\"'".contains(c)
                    || (c == ':' && rest[i + 1..].chars().next().is_none_or(char::is_whitespace))
            })
            .map_or(rest.len(), |(i, _)| i);
        let token_end = column_byte + token.max(rest.chars().next().map_or(0, char::len_utf8));
        let label = self.hint.as_deref().unwrap_or("");
        let snippet =
            Snippet::source(line_text).line_start(location.line as usize).path(location.file.as_str()).annotation(
                AnnotationKind::Primary.span(column_byte..token_end.min(line_text.len()).max(column_byte)).label(label),
            );
        let report = &[Level::ERROR.primary_title(&self.message).element(snippet)];
        Renderer::plain().render(report).to_string()
    }
}

/// Whether a character is invisible, or looks like an ordinary space, in a
/// message: a no-break or zero-width space, a line separator, a byte order
/// mark, a direction mark or a control character (newlines and tabs aside).
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{a0}' | '\u{ad}'
        | '\u{180e}' | '\u{2000}'..='\u{200f}' | '\u{2028}'..='\u{202f}' | '\u{205f}'..='\u{2064}'
        | '\u{3000}' | '\u{feff}')
}

/// A message with its invisible characters written out (`\u{a0}`), so a
/// value copied with a no-break or zero-width space does not read
/// "invalid name `probe` (did you mean `probe`?)".
fn visible(text: String) -> String {
    if !text.chars().any(is_invisible) {
        return text;
    }
    text.chars().map(|c| if is_invisible(c) { format!("\\u{{{:x}}}", u32::from(c)) } else { c.to_string() }).collect()
}

/// The `n`th line (1-based) of `text`.
fn nth_line(text: &str, n: u32) -> Option<&str> {
    // A byte order mark is no character of the first line: columns do not
    // count it, and the caret must not either.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.split('\n').nth((n as usize).checked_sub(1)?).map(|l| l.trim_end_matches('\r'))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Suggests the closest of `candidates` to `given`, for "did you mean" hints.
pub fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Jaro-Winkler stays below 0.8 when one string is over ten times the
    // other's length, and costs their product: a key of megabytes is
    // skipped, not compared (it took seconds per candidate).
    let given_chars = given.chars().count();
    let given_lower = given.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if given_chars > 10 * candidate.chars().count().max(1) {
            continue;
        }
        let score = strsim::jaro_winkler(&given_lower, &candidate.to_ascii_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}
