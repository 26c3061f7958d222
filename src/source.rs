//! Reading YAML and JSON with positions, within bounds.
//!
//! Files are parsed with `saphyr-parser` into a [`Node`] tree that keeps the
//! line and column of every key and value. The tree serves twice: serde
//! deserializes the typed proposal from it (see `de`), so every schema error
//! names file:line:column, and findings resolve their JSON pointer against it.
//!
//! Hostile input is refused early and in bounded memory: files above
//! [`Limits::max_file_bytes`], nesting deeper than [`Limits::max_depth`],
//! documents (aliases expanded) above [`Limits::max_nodes`], and files above
//! [`Limits::max_file_nodes`] in all (the same alias bomb repeated in every
//! document, copies kept for anchors) are errors.

use std::collections::HashMap;
use std::sync::Arc;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::error::{Error, ErrorKind, Location, Result};

/// Bounds on what one file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes in one document, counting every alias expansion.
    pub max_nodes: usize,
    /// Most documents in one file.
    pub max_documents: usize,
    /// Most nodes in one file, all documents together, counting every alias
    /// expansion and the copy kept for every anchor: bounds the memory one
    /// file can take whatever its shape.
    pub max_file_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 8 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 100_000,
            max_documents: 100_000,
            max_file_nodes: 1_000_000,
        }
    }
}

/// A line and column, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

impl Pos {
    fn from_span(span: &Span) -> Pos {
        Pos {
            line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        }
    }
}

/// A parsed value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub value: Value,
}

/// A mapping key with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Where the key starts.
    pub pos: Pos,
}

/// The value of a node, typed by the YAML 1.2 core schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool, String),
    /// An integer that fits `i64`.
    Int(i64, String),
    /// A positive integer above `i64::MAX`.
    UInt(u64, String),
    /// A float.
    Float(f64, String),
    /// A string (quoted, or a plain scalar that is nothing else).
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order, keys unique.
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// How the value is named in error messages.
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(..) => "a boolean",
            Value::Int(..) | Value::UInt(..) => "an integer",
            Value::Float(..) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The node a JSON pointer names, or the deepest existing ancestor.
    ///
    /// Returns the position to report for the pointer: a mapping member's
    /// key, a sequence item, or the nearest ancestor when the pointer goes
    /// past what the document holds (a finding about an absent field points
    /// at the section that should hold it).
    pub fn locate(&self, pointer: &str) -> (Pos, bool) {
        let mut node = self;
        let mut pos = self.pos;
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let next = match &node.value {
                Value::Map(entries) => entries.iter().find(|(k, _)| k.name == segment).map(|(k, v)| (k.pos, v)),
                Value::Seq(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)).map(|v| (v.pos, v)),
                _ => None,
            };
            match next {
                Some((p, child)) => {
                    pos = p;
                    node = child;
                }
                None => return (pos, false),
            }
        }
        (pos, true)
    }

    /// Where an error about the value a JSON pointer names belongs: at the
    /// value itself when it is a scalar written in the file (`domicile: us`
    /// points at `us`, the token at fault), else where `locate` points (a
    /// mapping's or list's key, or the nearest ancestor).
    pub fn value_pos(&self, pointer: &str) -> Pos {
        match self.node_at(pointer) {
            Some(node) if !matches!(node.value, Value::Null | Value::Seq(_) | Value::Map(_)) => node.pos,
            _ => self.locate(pointer).0,
        }
    }

    /// The node a JSON pointer names exactly, if it exists.
    pub fn node_at(&self, pointer: &str) -> Option<&Node> {
        let mut node = self;
        for segment in pointer.split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                Value::Map(entries) => entries.iter().find(|(k, _)| k.name == segment).map(|(_, v)| v)?,
                Value::Seq(items) => items.get(segment.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The value at a mapping key, if this is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// A file read into memory, with its digest.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given (or the embedded path), `/`-separated.
    pub path: String,
    /// The text.
    pub text: Arc<str>,
}

impl SourceFile {
    /// Reads a file from disk, refusing files above the size limit before
    /// reading them.
    pub fn read(path: &std::path::Path, display: String, limits: &Limits, kind: ErrorKind) -> Result<Self> {
        let io_error = |e: std::io::Error| Error::new(ErrorKind::Io, format!("{display}: cannot read: {e}"));
        if path == std::path::Path::new(STDIN) {
            let bytes = stdin_bytes(limits.max_file_bytes).map_err(io_error)?;
            return SourceFile::from_bytes(display, bytes, limits, kind);
        }
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if !metadata.is_file() && !metadata.is_dir() {
            let bytes = stream_bytes(path, limits.max_file_bytes).map_err(io_error)?;
            return SourceFile::from_bytes(display, bytes, limits, kind);
        }
        if metadata.len() > limits.max_file_bytes as u64 {
            return Err(Error::at(
                kind,
                format!("file is {} bytes, above the limit of {} bytes", metadata.len(), limits.max_file_bytes),
                Location { file: display, line: 1, column: 1 },
            ));
        }
        // Read at most one byte past the limit: a device or pipe (`/dev/zero`,
        // `<(...)`) reports no length, and a file may grow after `metadata`.
        let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0).min(limits.max_file_bytes));
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::fs::File::open(path).map_err(io_error)?, limits.max_file_bytes as u64 + 1),
            &mut bytes,
        )
        .map_err(io_error)?;
        if bytes.len() > limits.max_file_bytes {
            return Err(Error::at(
                kind,
                format!("file is above the limit of {} bytes", limits.max_file_bytes),
                Location { file: display, line: 1, column: 1 },
            ));
        }
        SourceFile::from_bytes(display, bytes, limits, kind)
    }

    /// A file from bytes already read (tests, fuzzing): the size limit and
    /// the UTF-8 check of [`SourceFile::read`], without the disk.
    pub fn from_bytes(display: String, bytes: Vec<u8>, limits: &Limits, kind: ErrorKind) -> Result<Self> {
        if bytes.len() > limits.max_file_bytes {
            return Err(Error::at(
                kind,
                format!("file is {} bytes, above the limit of {} bytes", bytes.len(), limits.max_file_bytes),
                Location { file: display, line: 1, column: 1 },
            ));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
            let (line, column) = line_column(&prefix, prefix.len());
            Error::at(kind, "file is not valid UTF-8", Location { file: display.clone(), line, column })
        })?;
        Ok(SourceFile { path: display, text: text.into() })
    }

    /// A file whose text is already in memory (embedded files, tests).
    pub fn from_text(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile { path: path.into(), text: text.into() }
    }

    /// The location of a position in this file.
    pub fn location(&self, pos: Pos) -> Location {
        Location { file: self.path.clone(), line: pos.line, column: pos.column }
    }

    /// An error at a position in this file, showing the offending line.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>, pos: Pos) -> Error {
        Error::at(kind, shorten_long_words(message.into()), self.location(pos)).with_source_text(self.text.clone())
    }

    /// Whether the file is JSON (by extension).
    pub fn is_json(&self) -> bool {
        self.path.to_ascii_lowercase().ends_with(".json")
    }

    /// Parses every document of the file. Empty documents (a stray `---`)
    /// are skipped; a file with no document at all is an error.
    pub fn documents(&self, limits: &Limits, kind: ErrorKind) -> Result<Vec<Node>> {
        let mut documents = Vec::new();
        self.each_document(limits, kind, &mut |root| {
            documents.push(root);
            Ok(())
        })?;
        Ok(documents)
    }

    /// Parses the documents of the file one at a time, handing each to `f`
    /// as soon as it is built, so a file of many documents is never held
    /// whole. The same checks and errors as `documents`.
    pub fn each_document(&self, limits: &Limits, kind: ErrorKind, f: &mut dyn FnMut(Node) -> Result<()>) -> Result<()> {
        if self.text.trim().is_empty() {
            return Err(self.error(kind, "file is empty: expected at least one document", Pos { line: 1, column: 1 }));
        }
        let text = if self.is_json() {
            self.check_json_syntax(kind)?;
            json_surrogate_pairs(&self.text)
        } else {
            std::borrow::Cow::Borrowed(&*self.text)
        };
        let mut builder = Builder { file: self, limits, kind, anchors: HashMap::new(), nodes: 0, file_nodes: 0 };
        let mut parser = Parser::new_from_str(&text);
        let mut count = 0usize;
        loop {
            let (event, span) = builder.next_event(&mut parser)?;
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    builder.anchors.clear();
                    builder.nodes = 0;
                    let (event, span) = builder.next_event(&mut parser)?;
                    let root = builder.node(&mut parser, event, span, 0)?;
                    let (end, end_span) = builder.next_event(&mut parser)?;
                    if end != Event::DocumentEnd {
                        return Err(self.error(kind, "expected the end of the document", Pos::from_span(&end_span)));
                    }
                    if root.value != Value::Null {
                        if count == limits.max_documents {
                            return Err(self.error(
                                kind,
                                format!("more than {} documents in one file", limits.max_documents),
                                root.pos,
                            ));
                        }
                        count += 1;
                        f(root)?;
                    }
                }
                Event::StreamStart | Event::Nothing => {}
                _ => return Err(self.error(kind, "unexpected content outside a document", Pos::from_span(&span))),
            }
        }
        if count == 0 {
            return Err(self.error(kind, "file holds no document: expected at least one", Pos { line: 1, column: 1 }));
        }
        Ok(())
    }

    /// JSON files get JSON's own syntax check first, so a trailing comma or
    /// a missing quote is reported as JSON, not as YAML.
    fn check_json_syntax(&self, kind: ErrorKind) -> Result<()> {
        // A byte order mark is not JSON, but editors on Windows write one
        // and RFC 8259 (section 8.1) lets a parser ignore it; the YAML
        // parser that reads the file next skips it too.
        // Columns do not count the mark, as for YAML.
        let text = self.text.strip_prefix('\u{feff}').unwrap_or(&self.text);
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let result: std::result::Result<serde::de::IgnoredAny, _> = serde::Deserialize::deserialize(&mut deserializer);
        let result = result.and_then(|_| deserializer.end());
        result.map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message).to_string();
            let pos = Pos { line: e.line().max(1) as u32, column: e.column().max(1) as u32 };
            // What people bring from JSON5 and JavaScript: a comma after the
            // last member (serde_json, reading any value, says only "key
            // must be a string") and comments.
            let at =
                text.split('\n').nth(pos.line as usize - 1).and_then(|line| line.chars().nth(pos.column as usize - 1));
            let rest = text
                .split('\n')
                .nth(pos.line as usize - 1)
                .map_or("", |line| line.char_indices().nth(pos.column as usize - 1).map_or("", |(i, _)| &line[i..]));
            let trailing = match at {
                Some('}') => message.starts_with("key must be a string"),
                Some(']') => message.starts_with("expected value"),
                _ => false,
            };
            let (message, hint, pos) = match at {
                _ if trailing => (
                    "trailing comma".to_string(),
                    Some("JSON allows no comma after the last member of an object or array"),
                    comma_before(text, pos).unwrap_or(pos),
                ),
                _ if rest.starts_with("//") || rest.starts_with("/*") => {
                    (message, Some("JSON has no comments: remove it, or write the proposal in YAML"), pos)
                }
                _ => (message, None, pos),
            };
            let error = self.error(kind, format!("invalid JSON: {message}"), pos);
            error.with_optional_hint(hint)
        })
    }
}

/// JSON text with every UTF-16 surrogate pair escape (`"\ud83d\ude00"`, as
/// Python's `json.dumps` and JavaScript's encoders write a character outside
/// the Basic Multilingual Plane) written as the one YAML escape of the
/// character (`"\U0001F600"`): the YAML parser reads each `\u` escape as a
/// character of its own and refuses a surrogate. The escape is two
/// characters shorter, so two spaces go after the string's closing quote,
/// where JSON and YAML allow them: every position after the string stays
/// where it is in the file. A lone surrogate is left for the parser to refuse.
/// Called on text `serde_json` has accepted, so strings are well formed.
fn json_surrogate_pairs(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("\\u") {
        return std::borrow::Cow::Borrowed(text);
    }
    let hex4 = |s: &str| -> Option<u32> {
        let digits = s.get(..4)?;
        if digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            u32::from_str_radix(digits, 16).ok()
        } else {
            None
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut pad = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '"' if in_string => {
                out.push('"');
                out.extend(std::iter::repeat_n(' ', pad));
                pad = 0;
                in_string = false;
            }
            '"' => {
                out.push('"');
                in_string = true;
            }
            '\\' if in_string => {
                let high = rest.strip_prefix('u').and_then(hex4);
                let low = rest.get(5..).and_then(|r| r.strip_prefix("\\u")).and_then(hex4);
                match (high, low) {
                    (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) => {
                        let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                        out.push_str(&format!("\\U{code:08X}"));
                        rest = &rest[11..];
                        pad += 2;
                    }
                    _ => {
                        // Any other escape is copied whole, so an escaped
                        // quote or backslash does not end the string.
                        out.push('\\');
                        if let Some(next) = rest.chars().next() {
                            out.push(next);
                            rest = &rest[next.len_utf8()..];
                        }
                    }
                }
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The comma a closing `}` or `]` at `pos` follows, across whitespace.
fn comma_before(text: &str, pos: Pos) -> Option<Pos> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut line = pos.line as usize - 1;
    let mut chars: Vec<char> = lines.get(line)?.chars().take(pos.column as usize - 1).collect();
    loop {
        while let Some(c) = chars.pop() {
            if c == ',' {
                return Some(Pos { line: u32::try_from(line + 1).ok()?, column: u32::try_from(chars.len() + 1).ok()? });
            }
            if !c.is_whitespace() {
                return None;
            }
        }
        line = line.checked_sub(1)?;
        chars = lines.get(line)?.chars().collect();
    }
}

/// Longest mapping key, in characters.
const MAX_KEY_CHARS: usize = 1024;

/// Longest word of an error message shown whole, in characters.
const MAX_WORD: usize = 200;

/// Messages quote values from the file (`invalid name `…``): a value of
/// megabytes is cut to its start and its length, so the message stays
/// readable and small.
fn shorten_long_words(message: String) -> String {
    if message.chars().count() <= MAX_WORD {
        return message;
    }
    let words: Vec<String> = message
        .split(' ')
        .map(|word| {
            let count = word.chars().count();
            if count <= MAX_WORD {
                return word.to_string();
            }
            let start: String = word.chars().take(MAX_WORD / 2).collect();
            format!("{start}… ({count} characters)")
        })
        .collect();
    words.join(" ")
}

/// Builds nodes from parser events, enforcing the limits.
struct Builder<'f> {
    file: &'f SourceFile,
    limits: &'f Limits,
    kind: ErrorKind,
    /// Anchored nodes by anchor id, with their node counts.
    anchors: HashMap<usize, (Node, usize)>,
    /// Nodes built so far in the current document, aliases expanded.
    nodes: usize,
    /// Nodes built so far in the file, aliases expanded, plus anchor copies.
    file_nodes: usize,
}

type Parsed<'t> = (Event<'t>, Span);

impl<'f> Builder<'f> {
    fn next_event<'t>(&self, parser: &mut Parser<'t, saphyr_parser::StrInput<'t>>) -> Result<Parsed<'t>> {
        match parser.next_event() {
            Some(Ok(parsed)) => Ok(parsed),
            Some(Err(e)) => {
                let marker = e.marker();
                let message = match e.info() {
                    "recursion limit exceeded" => {
                        format!("nesting is too deep for the parser (the limit is {} levels)", self.limits.max_depth)
                    }
                    info if self.file.is_json() => format!("invalid JSON: {info}"),
                    info => format!("invalid YAML: {info}"),
                };
                let mut pos = Pos {
                    line: u32::try_from(marker.line()).unwrap_or(u32::MAX).max(1),
                    column: u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
                };
                let line_has_tab = || nth_line_of(&self.file.text, pos.line).is_some_and(|l| l.contains('\t'));
                let tab = e.info().contains("tab") || (e.info().contains("whitespace") && line_has_tab());
                if tab {
                    // The scanner reports a tab where the token around it
                    // starts (the plain scalar a line earlier, or just past
                    // the tab): point at the tab itself.
                    pos = first_tab_from_line(&self.file.text, pos.line).unwrap_or(pos);
                }
                // A no-break space or a full-width colon pasted from a
                // document looks right and breaks the YAML a line or two on.
                let lookalike = if tab { None } else { first_lookalike_near(&self.file.text, pos.line) };
                if let Some((at, _)) = lookalike {
                    pos = at;
                }
                let error = self.file.error(self.kind, message, pos);
                Err(match lookalike {
                    _ if tab => error.with_hint("a tab: write spaces here, as modelgate's YAML reader takes only spaces for indentation and after a `:`"),
                    Some((_, c)) => error.with_hint(format!(
                        "{}, U+{:04X}, where YAML expects an ordinary space or colon",
                        lookalike_name(c).unwrap_or("an invisible character"),
                        u32::from(c)
                    )),
                    None => error,
                })
            }
            None => Err(self.file.error(self.kind, "unexpected end of input", Pos { line: 1, column: 1 })),
        }
    }

    fn count(&mut self, n: usize, pos: Pos) -> Result<()> {
        self.nodes = self.nodes.saturating_add(n);
        self.count_in_file(n, pos)?;
        if self.nodes > self.limits.max_nodes {
            return Err(self.file.error(
                self.kind,
                format!("document is too large: more than {} values (aliases expanded)", self.limits.max_nodes),
                pos,
            ));
        }
        Ok(())
    }

    fn count_in_file(&mut self, n: usize, pos: Pos) -> Result<()> {
        self.file_nodes = self.file_nodes.saturating_add(n);
        if self.file_nodes > self.limits.max_file_nodes {
            return Err(self.file.error(
                self.kind,
                format!(
                    "file is too large: more than {} values in all documents (aliases expanded); split it",
                    self.limits.max_file_nodes
                ),
                pos,
            ));
        }
        Ok(())
    }

    fn node<'t>(
        &mut self,
        parser: &mut Parser<'t, saphyr_parser::StrInput<'t>>,
        event: Event<'t>,
        span: Span,
        depth: usize,
    ) -> Result<Node> {
        let pos = Pos::from_span(&span);
        if depth > self.limits.max_depth {
            return Err(self.file.error(
                self.kind,
                format!("nesting is too deep: more than {} levels", self.limits.max_depth),
                pos,
            ));
        }
        let start_count = self.nodes;
        self.count(1, pos)?;
        let (node, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let tag = tag.map(|t| format!("{}{}", t.handle, t.suffix));
                (Node { pos, value: self.scalar(&text, style, tag.as_deref(), pos)? }, anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                self.reject_tag(tag.map(|t| format!("{}{}", t.handle, t.suffix)), "!!seq", pos)?;
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next_event(parser)?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(parser, event, span, depth + 1)?);
                }
                (Node { pos, value: Value::Seq(items) }, anchor)
            }
            Event::MappingStart(anchor, tag) => {
                self.reject_tag(tag.map(|t| format!("{}{}", t.handle, t.suffix)), "!!map", pos)?;
                let mut entries: Vec<(Key, Node)> = Vec::new();
                // Key -> index in `entries`: duplicate keys found in linear
                // time (a mapping of 50,000 keys took minutes when searched).
                let mut seen: HashMap<String, usize> = HashMap::new();
                loop {
                    let (event, span) = self.next_event(parser)?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key_pos = Pos::from_span(&span);
                    let key = match event {
                        Event::Scalar(text, ..) => text.into_owned(),
                        Event::Alias(_) => {
                            return Err(self.file.error(self.kind, "aliases are not allowed as mapping keys", key_pos))
                        }
                        _ => {
                            return Err(self.file.error(
                                self.kind,
                                "mapping keys must be plain strings, not lists or mappings",
                                key_pos,
                            ))
                        }
                    };
                    // YAML caps implicit keys at 1024 characters; explicit
                    // (`? key`) and JSON keys get the same cap, so a key of
                    // megabytes is not copied into every message and pointer.
                    if key.chars().nth(MAX_KEY_CHARS).is_some() {
                        return Err(self.file.error(
                            self.kind,
                            format!("mapping key is longer than {MAX_KEY_CHARS} characters"),
                            key_pos,
                        ));
                    }
                    if key == "<<" {
                        return Err(self.file.error(
                            self.kind,
                            "merge keys (`<<`) are not supported: write the keys out",
                            key_pos,
                        ));
                    }
                    if let Some(&first) = seen.get(&key) {
                        return Err(self.file.error(
                            self.kind,
                            format!("duplicate key `{key}` (first defined at line {})", entries[first].0.pos.line),
                            key_pos,
                        ));
                    }
                    let (event, span) = self.next_event(parser)?;
                    let value = self.node(parser, event, span, depth + 1)?;
                    seen.insert(key.clone(), entries.len());
                    entries.push((Key { name: key, pos: key_pos }, value));
                }
                (Node { pos, value: Value::Map(entries) }, anchor)
            }
            Event::Alias(id) => {
                let Some((anchored, size)) = self.anchors.get(&id) else {
                    return Err(self.file.error(self.kind, "alias refers to an unknown anchor", pos));
                };
                let (mut copy, size) = (anchored.clone(), *size);
                // The alias itself was counted as one node above.
                self.count(size.saturating_sub(1), pos)?;
                copy.pos = pos;
                return Ok(copy);
            }
            _ => return Err(self.file.error(self.kind, "unexpected YAML event", pos)),
        };
        if anchor != 0 {
            let size = self.nodes - start_count;
            // The copy kept for later aliases takes memory too.
            self.count_in_file(size, pos)?;
            self.anchors.insert(anchor, (node.clone(), size));
        }
        Ok(node)
    }

    fn reject_tag(&self, tag: Option<String>, allowed: &str, pos: Pos) -> Result<()> {
        match tag {
            Some(t) if t != allowed && t != format!("tag:yaml.org,2002:{}", &allowed[2..]) => {
                Err(self.file.error(self.kind, format!("unsupported YAML tag `{t}`"), pos))
            }
            _ => Ok(()),
        }
    }

    fn scalar(&self, text: &str, style: ScalarStyle, tag: Option<&str>, pos: Pos) -> Result<Value> {
        let tag = tag.map(|t| t.strip_prefix("tag:yaml.org,2002:").map_or(t.to_string(), |s| format!("!!{s}")));
        match tag.as_deref() {
            None => {}
            Some("!!str") => return Ok(Value::Str(text.to_string())),
            Some(t @ ("!!int" | "!!float" | "!!bool" | "!!null")) => {
                let value = resolve_plain(text);
                let matches = matches!(
                    (t, &value),
                    ("!!int", Value::Int(..) | Value::UInt(..))
                        | ("!!float", Value::Float(..) | Value::Int(..))
                        | ("!!bool", Value::Bool(..))
                        | ("!!null", Value::Null)
                );
                if !matches {
                    return Err(self.file.error(self.kind, format!("`{text}` is not a valid {t}"), pos));
                }
                return Ok(value);
            }
            Some(t) => return Err(self.file.error(self.kind, format!("unsupported YAML tag `{t}`"), pos)),
        }
        if style != ScalarStyle::Plain {
            return Ok(Value::Str(text.to_string()));
        }
        Ok(resolve_plain(text))
    }
}

/// What a character that looks like YAML syntax, but is not, is called.
fn lookalike_name(c: char) -> Option<&'static str> {
    match c {
        '\u{a0}' => Some("a no-break space"),
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => Some("a typographic space"),
        '\u{200b}'..='\u{200d}' | '\u{2060}' => Some("a zero-width space"),
        '\u{feff}' => Some("a byte order mark"),
        '\u{ff1a}' => Some("a full-width colon"),
        _ => None,
    }
}

/// The first look-alike character on the line before `line` or on it:
/// the scanner stumbles over it only where the next token starts.
fn first_lookalike_near(text: &str, line: u32) -> Option<(Pos, char)> {
    let first = line.saturating_sub(1).max(1);
    for (i, text_line) in text.split('\n').enumerate().skip(usize::try_from(first).ok()? - 1) {
        let line_no = u32::try_from(i + 1).ok()?;
        if line_no > line {
            break;
        }
        let found = text_line
            .chars()
            .enumerate()
            .find(|&(column, c)| lookalike_name(c).is_some() && !(line_no == 1 && column == 0 && c == '\u{feff}'));
        if let Some((column, c)) = found {
            return Some((Pos { line: line_no, column: u32::try_from(column + 1).ok()? }, c));
        }
    }
    None
}

/// Line `line` (from 1) of `text`.
fn nth_line_of(text: &str, line: u32) -> Option<&str> {
    text.split('\n').nth(usize::try_from(line).ok()?.checked_sub(1)?)
}

/// The position of the first tab at or after the start of line `line`.
fn first_tab_from_line(text: &str, line: u32) -> Option<Pos> {
    let mut line_no = 1u32;
    for text_line in text.split('\n') {
        if line_no >= line {
            if let Some(column) = text_line.chars().position(|c| c == '\t') {
                return Some(Pos { line: line_no, column: u32::try_from(column + 1).ok()? });
            }
        }
        line_no = line_no.checked_add(1)?;
    }
    None
}

/// Types a plain scalar by the YAML 1.2 core schema. `yes`, `no`, `on` and
/// `off` stay strings (YAML 1.2), so `country: NO` is Norway.
fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true, text.to_string()),
        "false" | "False" | "FALSE" => return Value::Bool(false, text.to_string()),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Value::Float(f64::INFINITY, text.to_string()),
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY, text.to_string()),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN, text.to_string()),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i, text.to_string());
        }
        if let Ok(u) = text.trim_start_matches('+').parse::<u64>() {
            return Value::UInt(u, text.to_string());
        }
        return Value::Float(text.parse().unwrap_or(f64::INFINITY), text.to_string());
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if let Ok(i) = i64::from_str_radix(hex, 16) {
            return Value::Int(i, text.to_string());
        }
    }
    if let Some(oct) = text.strip_prefix("0o") {
        if let Ok(i) = i64::from_str_radix(oct, 8) {
            return Value::Int(i, text.to_string());
        }
    }
    if is_float(digits) {
        if let Ok(f) = text.parse::<f64>() {
            return Value::Float(f, text.to_string());
        }
    }
    Value::Str(text.to_string())
}

/// `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit before the exponent.
fn is_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits_ok = whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()))
        && (whole.len() + fraction.map_or(0, str::len)) > 0
        && (fraction.is_some() || exponent.is_some());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit())
    });
    digits_ok && exponent_ok
}

/// The path that names standard input (as for conftest and most CLIs).
pub const STDIN: &str = "-";

/// Standard input, read once for the whole process (at most one byte past
/// `limit`), so every read of `-` (to validate, then to judge) sees the same
/// bytes.
fn stdin_bytes(limit: usize) -> std::io::Result<Vec<u8>> {
    static STDIN_BYTES: std::sync::OnceLock<std::result::Result<Vec<u8>, String>> = std::sync::OnceLock::new();
    let read = STDIN_BYTES.get_or_init(|| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin().lock(), limit as u64 + 1), &mut bytes)
            .map(|_| bytes)
            .map_err(|e| e.to_string())
    });
    read.clone().map_err(std::io::Error::other)
}

/// A pipe or device (`<(generate)`, `/dev/stdin`), read once for the whole
/// process like `-`: it gives its bytes only once, and every read (to
/// validate, then to judge) must see the same ones.
fn stream_bytes(path: &std::path::Path, limit: usize) -> std::io::Result<Vec<u8>> {
    type Read = std::result::Result<Vec<u8>, String>;
    static STREAMS: std::sync::Mutex<std::collections::BTreeMap<std::path::PathBuf, Read>> =
        std::sync::Mutex::new(std::collections::BTreeMap::new());
    let mut streams = STREAMS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let read = streams.entry(path.to_path_buf()).or_insert_with(|| {
        let mut bytes = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| std::io::Read::read_to_end(&mut std::io::Read::take(file, limit as u64 + 1), &mut bytes))
            .map(|_| bytes)
            .map_err(|e| e.to_string())
    });
    read.clone().map_err(std::io::Error::other)
}

/// `a/b/../c` as `a/c`, without touching the file system, so paths in
/// reports read as a user would write them.
pub fn lexically_normal(path: &std::path::Path) -> std::path::PathBuf {
    use std::path::Component;
    let mut out = std::path::PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Reads directory `dir` with `read` during a recursive walk, refusing a
/// symlink loop: `ancestors` holds the real paths of the directories being
/// read (this one and those above it), and a directory that is one of them
/// again would be followed without end. `hint` goes with that error only.
pub fn read_dir_once<T>(
    dir: &std::path::Path,
    ancestors: &mut Vec<std::path::PathBuf>,
    kind: ErrorKind,
    hint: Option<&str>,
    read: impl FnOnce(&mut Vec<std::path::PathBuf>) -> Result<T>,
) -> Result<T> {
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if let Some(ancestor) = ancestors.iter().find(|a| **a == real) {
        let error = Error::new(
            kind,
            format!(
                "{}: symlink loop: it leads back to {}, a directory already being read",
                display_path(dir),
                display_path(ancestor)
            ),
        );
        return Err(error.with_optional_hint(hint));
    }
    ancestors.push(real);
    let result = read(ancestors);
    ancestors.pop();
    result
}

/// A file under a directory shown as `display_path` shows it, named as
/// reports name files: `dir/name`, or just `name` under `.`.
pub fn display_join(display: &str, relative: &str) -> String {
    if display == "." {
        relative.to_string()
    } else {
        format!("{}/{relative}", display.trim_end_matches('/'))
    }
}

/// How a path typed on the command line is named in reports and digests:
/// relative to the working directory when it lies inside it, without `./`
/// or `..` detours, with `/` separators. `-p pol`, `-p ./pol`,
/// `-p "$PWD/pol"` and `-p ../repo/pol` (from `repo`) then give the same
/// names and the same policy digest, and a SARIF location stays relative to
/// the repository. A path outside the working directory keeps the form it
/// was typed in (lexically normalised): relative stays relative, so a report
/// names no absolute path that was not typed.
pub fn display_path(path: &std::path::Path) -> String {
    let normal = lexically_normal(path);
    let inside = std::env::current_dir().ok().and_then(|cwd| {
        let cwd = lexically_normal(&cwd);
        // A relative path is resolved against the working directory first,
        // so a leading `..` that comes back into it is no detour either.
        let absolute = if normal.is_relative() { lexically_normal(&cwd.join(&normal)) } else { normal.clone() };
        absolute.strip_prefix(&cwd).ok().map(|p| p.to_path_buf())
    });
    let shown = match inside {
        Some(relative) if relative.as_os_str().is_empty() => ".".to_string(),
        Some(relative) => relative.to_string_lossy().into_owned(),
        None if normal.as_os_str().is_empty() => ".".to_string(),
        None => normal.to_string_lossy().into_owned(),
    };
    shown.replace('\\', "/")
}

/// Whether a name `display_path` gave lies outside the working directory:
/// it kept the absolute or `..` form it was typed in.
pub fn names_a_path_outside_working_directory(shown: &str) -> bool {
    let path = std::path::Path::new(shown);
    path.is_absolute() || path.components().next() == Some(std::path::Component::ParentDir)
}

/// Line and column (characters, from 1) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Node>> {
        SourceFile::from_text("t.yaml", text).documents(&Limits::default(), ErrorKind::Input)
    }

    #[test]
    fn types_plain_scalars_by_the_core_schema() {
        let docs = parse("a: 12\nb: -3\nc: 1.5\nd: true\ne: NO\nf: ~\ng: '12'\nh: 2027-03-01\n").unwrap();
        let get = |k: &str| docs[0].get(k).unwrap().value.clone();
        assert_eq!(get("a"), Value::Int(12, "12".into()));
        assert_eq!(get("b"), Value::Int(-3, "-3".into()));
        assert_eq!(get("c"), Value::Float(1.5, "1.5".into()));
        assert_eq!(get("d"), Value::Bool(true, "true".into()));
        assert_eq!(get("e"), Value::Str("NO".into()));
        assert_eq!(get("f"), Value::Null);
        assert_eq!(get("g"), Value::Str("12".into()));
        assert_eq!(get("h"), Value::Str("2027-03-01".into()));
    }

    #[test]
    fn locates_pointers_at_keys_and_falls_back_to_the_nearest_ancestor() {
        let docs = parse("a:\n  b: 1\n  list:\n    - x\n    - y\n").unwrap();
        assert_eq!(docs[0].locate("/a/b"), (Pos { line: 2, column: 3 }, true));
        assert_eq!(docs[0].locate("/a/list/1"), (Pos { line: 5, column: 7 }, true));
        assert_eq!(docs[0].locate("/a/missing/deeper"), (Pos { line: 1, column: 1 }, false));
    }

    #[test]
    fn splits_documents_and_skips_empty_ones() {
        let docs = parse("---\na: 1\n---\n---\nb: 2\n").unwrap();
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn rejects_empty_files_duplicate_keys_and_merge_keys() {
        assert!(parse("  \n").unwrap_err().to_string().contains("file is empty"));
        let dup = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(dup.location().unwrap().line, 3);
        assert!(dup.message().contains("duplicate key `a`"));
        assert!(parse("base: &b {x: 1}\nc:\n  <<: *b\n").unwrap_err().message().contains("merge keys"));
    }

    #[test]
    fn refuses_alias_bombs_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        let err = parse(&text).unwrap_err();
        assert!(err.message().contains("too large"), "{err}");
    }

    #[test]
    fn refuses_deep_nesting() {
        for depth in [100, 10_000] {
            let text = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            let err = parse(&text).unwrap_err();
            assert!(err.message().starts_with("nesting is too deep"), "{err}");
        }
    }

    #[test]
    fn reports_yaml_syntax_errors_with_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message().starts_with("invalid YAML"), "{err}");
        assert!(err.location().is_some());
    }

    #[test]
    fn a_trailing_comma_in_json_is_named_at_the_comma() {
        for (text, line, column) in [("{\"a\": [1, 2,\n]}\n", 1, 12), ("{\"a\": 1,\n  }\n", 1, 8)] {
            let file = SourceFile::from_text("p.json", text);
            let err = file.documents(&Limits::default(), ErrorKind::Input).unwrap_err();
            assert_eq!(err.message(), "invalid JSON: trailing comma", "{text}");
            assert_eq!((err.location().unwrap().line, err.location().unwrap().column), (line, column), "{text}");
        }
    }

    #[test]
    fn reports_json_syntax_errors_as_json() {
        let file = SourceFile::from_text("p.json", "{\"a\": 1\n\"b\": 2}\n");
        let err = file.documents(&Limits::default(), ErrorKind::Input).unwrap_err();
        assert!(err.message().starts_with("invalid JSON"), "{err}");
        assert_eq!(err.location().unwrap().line, 2);
    }
}
