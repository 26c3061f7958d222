//! Refuses Rego text whose brackets nest so deep that regorus's parser would
//! not finish.
//!
//! regorus 0.14.1 parses a `[` or `{` first as a comprehension and, when that
//! fails, again as an array, set or object, so the contents of a bracket are
//! read twice for each bracket around them: 20 nested arrays took a second to
//! parse, 30 would take about twenty minutes, and 100,000 overflow the stack
//! and abort the process. The parser's work is estimated as the sum, over
//! every opening bracket, of 2 to the power of its depth; a `--policy` file
//! above the budget is refused at the bracket that crossed it. The budget is
//! thousands of times what any bundled policy needs (about 1,400), and lets
//! a flat data table fill regorus's own 1 MB file limit.

use crate::error::{Error, ErrorKind, Location, Result};

/// The most parser work a file may need, in units of one bracket read once.
const BUDGET: u64 = 1 << 22;

/// Checks one `.rego` file's text (`path` as reports name it).
pub fn check(path: &str, text: &str) -> Result<()> {
    match first_over_budget(text) {
        None => Ok(()),
        Some((offset, depth)) => {
            let (line, column) = crate::source::line_column(text, offset);
            Err(Error::at(
                ErrorKind::Policy,
                format!(
                    "brackets nest too deep to parse: this `{}` is {depth} levels deep, and the Rego parser reads \
                     the contents of a bracket again for each bracket around it, so this file would take too long \
                     to parse; give inner values rules of their own to flatten it",
                    &text[offset..offset + 1]
                ),
                Location { file: path.to_string(), line, column },
            ))
        }
    }
}

/// The byte offset and depth of the opening bracket at which the estimated
/// work passes the budget, if it does. Strings and comments are skipped.
fn first_over_budget(text: &str) -> Option<(usize, u32)> {
    let code = super::recursion::blank_strings_and_comments(text);
    let mut depth: u32 = 0;
    let mut work: u64 = 0;
    for (i, byte) in code.bytes().enumerate() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                work = work.saturating_add(1u64.checked_shl(depth).unwrap_or(u64::MAX));
                if work > BUDGET {
                    return Some((i, depth));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("package x\n\nv := {}1{}\n", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn the_bundled_policies_are_far_below_the_budget() {
        for file in crate::engine::PolicySources::bundled().all() {
            assert!(first_over_budget(&file.text).is_none(), "{}", file.path);
        }
    }

    #[test]
    fn deep_nesting_is_refused_at_the_bracket_that_crosses_the_budget() {
        assert!(check("p.rego", &nested(20)).is_ok());
        let err = check("p.rego", &nested(100_000)).unwrap_err().to_string();
        assert!(err.contains("p.rego:3:27"), "{err}");
        assert!(err.contains("is 22 levels deep"), "{err}");
        // Many shallow-but-nested values add up.
        let many: String = (0..3000).map(|i| format!("x{i} := {}1{}\n", "[".repeat(12), "]".repeat(12))).collect();
        assert!(check("p.rego", &many).is_err());
    }

    #[test]
    fn a_large_flat_table_and_brackets_in_strings_and_comments_pass() {
        let rows: String = (0..24_000).map(|i| format!("{{\"id\": \"m{i}\", \"tags\": [\"a\"]}},\n")).collect();
        assert!(check("p.rego", &format!("package x\n\nt := {{{rows}}}\n")).is_ok());
        let quoted =
            format!("package x\n\n# {}\ns := \"{}\"\nr := `{}`\n", "[".repeat(50), "{".repeat(50), "[".repeat(50));
        assert!(check("p.rego", &quoted).is_ok());
    }
}
