//! A serde deserializer over [`Node`] trees, so typed structs come out of
//! YAML or JSON with every error at the line and column of the value (or key)
//! at fault, and with "did you mean" hints for unknown keys and values.

use std::fmt;

use serde::de::{self, DeserializeSeed, Error as _, IntoDeserializer, Visitor};

use crate::error::did_you_mean;
use crate::source::{Key, Node, Pos, Value};

/// A deserialization error: message, position, JSON pointer and hint.
#[derive(Debug, Clone)]
pub struct DeError {
    /// What is wrong.
    pub message: String,
    /// Where, once known.
    pub pos: Option<Pos>,
    /// The JSON pointer of the value at fault, once known.
    pub pointer: Option<String>,
    /// A suggestion.
    pub hint: Option<String>,
}

impl DeError {
    fn at(mut self, pos: Pos, pointer: &str) -> Self {
        if self.pos.is_none() {
            self.pos = Some(pos);
            self.pointer = Some(pointer.to_string());
        }
        self
    }

    /// The message with the field it concerns, as the user writes it:
    /// "`contracts.baaa`: unknown key `baaa`" (the pointer's segments joined
    /// with `.`, unescaped, so a key `~` reads `~`, not `~0`).
    pub fn describe(&self) -> String {
        match self.pointer.as_deref() {
            Some(p) if !p.is_empty() => {
                let field = p
                    .split('/')
                    .skip(1)
                    .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
                    .collect::<Vec<_>>()
                    .join(".");
                format!("`{field}`: {}", self.message)
            }
            _ => self.message.clone(),
        }
    }

    fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

fn expected_list(expected: &'static [&'static str]) -> String {
    expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), pos: None, pointer: None, hint: None }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let hint = did_you_mean(field, expected.iter().copied())
            .or_else(|| (!expected.is_empty()).then(|| format!("expected one of {}", expected_list(expected))));
        DeError::custom(format_args!("unknown key `{field}`")).with_hint(hint)
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = did_you_mean(variant, expected.iter().copied())
            .or_else(|| Some(format!("expected one of {}", expected_list(expected))));
        DeError::custom(format_args!("unknown value `{variant}`")).with_hint(hint)
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::custom(format_args!("missing required key `{field}`"))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        // serde names a derived type by its Rust name (`struct Model`):
        // users see what to write instead.
        let expected = exp.to_string();
        let expected = match expected.split_whitespace().next() {
            Some("struct") => "a mapping".to_string(),
            Some("enum") => "a string value".to_string(),
            // As values are named ("found a list"), and as the README says.
            _ if expected == "a sequence" => "a list".to_string(),
            _ => expected,
        };
        DeError::custom(format_args!("expected {expected}, found {}", describe_unexpected(&unexp)))
    }
}

fn describe_unexpected(unexp: &de::Unexpected<'_>) -> String {
    match unexp {
        de::Unexpected::Str(s) => format!("the string \"{s}\""),
        de::Unexpected::Signed(i) => format!("the integer {i}"),
        de::Unexpected::Unsigned(u) => format!("the integer {u}"),
        de::Unexpected::Float(f) => format!("the number {f}"),
        de::Unexpected::Bool(b) => format!("the boolean {b}"),
        de::Unexpected::Unit => "null".to_string(),
        de::Unexpected::Seq => "a list".to_string(),
        de::Unexpected::Map => "a mapping".to_string(),
        other => other.to_string(),
    }
}

/// How a value is named in a type error: a scalar by its text, so
/// `model: openai/gpt-4o` reads "found the string \"openai/gpt-4o\"".
fn describe_node(value: &Value) -> String {
    match value {
        Value::Str(s) => format!("the string \"{s}\""),
        Value::Bool(_, text) | Value::Int(_, text) | Value::UInt(_, text) | Value::Float(_, text) => {
            format!("{} `{text}`", value.describe())
        }
        other => other.describe().to_string(),
    }
}

/// A node tree from a JSON value (a rule's `meta`, evaluated by the
/// engine), so it deserializes with the same messages as a file: the field
/// named as written, "did you mean" for values. Positions are all `pos`.
pub fn node_from_json(value: &serde_json::Value, pos: Pos) -> Node {
    let value = match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b, b.to_string()),
        serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Value::Int(i, n.to_string()),
            (None, Some(u), _) => Value::UInt(u, n.to_string()),
            (_, _, f) => Value::Float(f.unwrap_or(f64::NAN), n.to_string()),
        },
        serde_json::Value::String(s) => Value::Str(s.clone()),
        serde_json::Value::Array(items) => Value::Seq(items.iter().map(|v| node_from_json(v, pos)).collect()),
        serde_json::Value::Object(entries) => {
            Value::Map(entries.iter().map(|(k, v)| (Key { name: k.clone(), pos }, node_from_json(v, pos))).collect())
        }
    };
    Node { pos, value }
}

/// Deserializes a `T` from a node; `pointer` is the node's JSON pointer.
pub fn from_node<'de, T: serde::Deserialize<'de>>(node: &'de Node, pointer: &str) -> Result<T, DeError> {
    T::deserialize(NodeDeserializer { node, pointer: pointer.to_string() })
}

struct NodeDeserializer<'de> {
    node: &'de Node,
    pointer: String,
}

impl<'de> NodeDeserializer<'de> {
    fn fail<T>(&self, result: Result<T, DeError>) -> Result<T, DeError> {
        result.map_err(|e| e.at(self.node.pos, &self.pointer))
    }

    fn scalar_text(&self) -> Option<&'de str> {
        match &self.node.value {
            Value::Str(s) | Value::Bool(_, s) | Value::Int(_, s) | Value::UInt(_, s) | Value::Float(_, s) => {
                Some(s.as_str())
            }
            _ => None,
        }
    }

    fn unsigned<V: Visitor<'de>>(self, visitor: V, max: u64, what: &str) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Int(i, _) if *i < 0 => {
                Err(DeError::custom(format_args!("expected a non-negative integer, found {i}")))
            }
            Value::Int(i, _) if (*i as u64) <= max => visitor.visit_u64(*i as u64),
            Value::UInt(u, _) if *u <= max => visitor.visit_u64(*u),
            Value::Int(..) | Value::UInt(..) => Err(DeError::custom(format_args!("integer is too large for {what}"))),
            Value::Float(f, _) if f.fract() == 0.0 && *f >= 0.0 && *f <= max as f64 => visitor.visit_u64(*f as u64),
            // Digits alone that fit no 64-bit integer were typed as a float.
            Value::Float(_, text) if text.trim_start_matches('+').bytes().all(|b| b.is_ascii_digit()) => {
                Err(DeError::custom(format_args!("integer is too large for {what}")))
            }
            other => {
                Err(DeError::custom(format_args!("expected a non-negative integer, found {}", describe_node(other))))
            }
        };
        self.fail(result)
    }
}

impl<'de> de::Deserializer<'de> for NodeDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b, _) => visitor.visit_bool(*b),
            Value::Int(i, _) => visitor.visit_i64(*i),
            Value::UInt(u, _) => visitor.visit_u64(*u),
            Value::Float(f, _) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_borrowed_str(s),
            Value::Seq(items) => visitor.visit_seq(SeqAccess { items: items.iter(), pointer: &self.pointer, index: 0 }),
            Value::Map(entries) => {
                visitor.visit_map(MapAccess { entries: entries.iter(), pointer: &self.pointer, value: None })
            }
        };
        self.fail(result)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => self.fail(visitor.visit_none()),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // YAML 1.1 read `yes`, `no`, `on` and `off` as booleans; YAML 1.2
        // (and modelgate, so that `NO` stays Norway) reads them as strings.
        if let Value::Str(text) = &self.node.value {
            let meant = match text.to_ascii_lowercase().as_str() {
                "yes" | "y" | "on" => Some("true"),
                "no" | "n" | "off" => Some("false"),
                _ => None,
            };
            if let Some(meant) = meant {
                let error = DeError::custom(format_args!("expected a boolean, found the string \"{text}\""))
                    .with_hint(Some(format!("write `{meant}`: YAML 1.2 reads `{text}` as a string, not a boolean")));
                return self.fail(Err(error));
            }
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // A plain scalar that looks like a number (`version: 2.0`) is still
        // accepted where a string is expected: its source text is the string.
        match self.scalar_text() {
            Some(text) => self.fail(visitor.visit_borrowed_str(text)),
            None => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(visitor, u64::MAX, "a 64-bit count")
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(visitor, u64::from(u32::MAX), "a 32-bit count")
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(visitor, u64::from(u16::MAX), "a 16-bit count")
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(visitor, u64::from(u8::MAX), "an 8-bit count")
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Int(i, _) => visitor.visit_f64(*i as f64),
            Value::UInt(u, _) => visitor.visit_f64(*u as f64),
            Value::Float(f, _) if f.is_finite() => visitor.visit_f64(*f),
            other => Err(DeError::custom(format_args!("expected a finite number, found {}", describe_node(other)))),
        };
        self.fail(result)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Str(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => Err(DeError::custom(format_args!("expected a string value, found {}", describe_node(other)))),
        };
        self.fail(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        // A section is a mapping of keys: a list is not read as its fields
        // in order (serde's default), which named the first field as the
        // culprit (`data: [...]` gave "`data.0`: expected a sequence").
        match &self.node.value {
            Value::Map(_) => self.deserialize_any(visitor),
            other => {
                self.fail(Err(DeError::custom(format_args!("expected a mapping, found {}", describe_node(other)))))
            }
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u128 char bytes byte_buf unit unit_struct
        seq tuple tuple_struct map identifier ignored_any
    }
}

struct SeqAccess<'de, 'p> {
    items: std::slice::Iter<'de, Node>,
    pointer: &'p str,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'de, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let pointer = format!("{}/{}", self.pointer, self.index);
        self.index += 1;
        seed.deserialize(NodeDeserializer { node, pointer }).map(Some)
    }
}

struct MapAccess<'de, 'p> {
    entries: std::slice::Iter<'de, (Key, Node)>,
    pointer: &'p str,
    value: Option<(&'de Node, String)>,
}

fn escape_pointer_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

impl<'de> de::MapAccess<'de> for MapAccess<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((key, node)) = self.entries.next() else {
            return Ok(None);
        };
        let pointer = format!("{}/{}", self.pointer, escape_pointer_segment(&key.name));
        let result = seed
            .deserialize(de::value::BorrowedStrDeserializer::<DeError>::new(&key.name))
            .map_err(|e| e.at(key.pos, &pointer));
        self.value = Some((node, pointer));
        result.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let (node, pointer) = self.value.take().expect("value requested before key");
        seed.deserialize(NodeDeserializer { node, pointer })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::source::{Limits, SourceFile};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Sample {
        count: u64,
        #[serde(default)]
        mode: Option<Mode>,
        #[serde(default)]
        items: Vec<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Mode {
        Fast,
        Careful,
    }

    fn load(text: &str) -> Result<Sample, DeError> {
        let docs = SourceFile::from_text("t.yaml", text).documents(&Limits::default(), ErrorKind::Input).unwrap();
        let node = Box::leak(Box::new(docs.into_iter().next().unwrap()));
        from_node(node, "")
    }

    #[test]
    fn unknown_keys_point_at_the_key_with_a_hint() {
        let err = load("count: 1\nmdoe: fast\n").unwrap_err();
        assert_eq!(err.message, "unknown key `mdoe`");
        assert_eq!(err.hint.as_deref(), Some("did you mean `mode`?"));
        assert_eq!(err.pos, Some(Pos { line: 2, column: 1 }));
        assert_eq!(err.pointer.as_deref(), Some("/mdoe"));
    }

    #[test]
    fn bad_enum_values_get_a_hint() {
        let err = load("count: 1\nmode: carefull\n").unwrap_err();
        assert_eq!(err.message, "unknown value `carefull`");
        assert_eq!(err.hint.as_deref(), Some("did you mean `careful`?"));
        assert_eq!(err.pos, Some(Pos { line: 2, column: 7 }));
    }

    #[test]
    fn negative_counts_and_wrong_types_are_named() {
        let err = load("count: -5\n").unwrap_err();
        assert_eq!(err.message, "expected a non-negative integer, found -5");
        assert_eq!(err.pos, Some(Pos { line: 1, column: 8 }));
        let err = load("count: 1\nitems: {a: 1}\n").unwrap_err();
        assert_eq!(err.message, "expected a list, found a mapping");
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        #[allow(dead_code)]
        inner: Sample,
    }

    #[test]
    fn a_section_must_be_a_mapping_and_rust_type_names_stay_out() {
        let docs = SourceFile::from_text("t.yaml", "inner:\n  - count: 1\n")
            .documents(&Limits::default(), ErrorKind::Input)
            .unwrap();
        let err = from_node::<Outer>(&docs[0], "").unwrap_err();
        assert_eq!(err.message, "expected a mapping, found a list");
        assert_eq!(err.pointer.as_deref(), Some("/inner"));
        let docs =
            SourceFile::from_text("t.yaml", "inner: 12\n").documents(&Limits::default(), ErrorKind::Input).unwrap();
        let err = from_node::<Outer>(&docs[0], "").unwrap_err();
        assert_eq!(err.message, "expected a mapping, found an integer `12`");
    }

    #[test]
    fn missing_keys_point_at_the_mapping() {
        let err = load("mode: fast\n").unwrap_err();
        assert_eq!(err.message, "missing required key `count`");
        assert_eq!(err.pos, Some(Pos { line: 1, column: 1 }));
    }

    #[test]
    fn accepts_well_formed_input() {
        let sample = load("count: 3\nmode: careful\nitems: [a, 2]\n").unwrap();
        assert_eq!(sample.count, 3);
        assert_eq!(sample.mode, Some(Mode::Careful));
        assert_eq!(sample.items, vec!["a".to_string(), "2".to_string()]);
    }
}
