//! Refuses Rego text that calls a builtin whose value is not a function of
//! the policies, data and input: modelgate's decisions must replay (the same
//! inputs and `--now` give the same bytes) and it runs air-gapped.
//!
//! regorus 0.14.1 as built here has no `time.now_ns`, `uuid.rfc4122`,
//! `opa.runtime` or `http.send` (a call is an `error` finding at run time),
//! but it does have `rand.intn`, which drew a new number on every run: a
//! `--policy` rule `deny contains "x" if rand.intn("a", 2) == 0` failed or
//! passed a proposal by chance. Each of these is refused before anything is
//! evaluated, at its place, whatever the build offers.

use crate::error::{Error, ErrorKind, Location, Result};

/// Builtins whose value depends on the clock, chance, the host or the network.
const NONDETERMINISTIC: [&str; 6] =
    ["rand.intn", "time.now_ns", "uuid.rfc4122", "opa.runtime", "http.send", "net.lookup_ip_addr"];

/// Checks one `.rego` file's text (`path` as reports name it).
pub fn check(path: &str, text: &str) -> Result<()> {
    let code = super::recursion::blank_strings_and_comments(text);
    let bytes = code.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for name in NONDETERMINISTIC.iter() {
        let mut from = 0;
        while let Some(found) = code[from..].find(name) {
            let at = from + found;
            from = at + name.len();
            let before = at.checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(at + name.len()).copied();
            if before.is_some_and(|b| word(b) || b == b'.') || after.is_some_and(word) {
                continue;
            }
            let (line, column) = crate::source::line_column(text, at);
            return Err(Error::at(
                ErrorKind::Policy,
                format!(
                    "`{name}` is not allowed: its value depends on the clock, chance, the host or the network, \
                     and modelgate's decisions must replay from the same inputs (it runs air-gapped); use \
                     `input.now` for the date"
                ),
                Location { file: path.to_string(), line, column },
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_policies_call_none() {
        for file in crate::engine::PolicySources::bundled().all() {
            assert!(check(&file.path, &file.text).is_ok(), "{}", file.path);
        }
    }

    #[test]
    fn a_call_is_refused_at_its_place_but_not_in_strings_comments_or_longer_names() {
        let err = check("p.rego", "package x\n\nr if {\n\trand.intn(\"a\", 2) == 0\n}\n").unwrap_err().to_string();
        assert!(err.contains("p.rego:4:2"), "{err}");
        assert!(err.contains("`rand.intn` is not allowed"), "{err}");
        assert!(check("p.rego", "package x\n\n# rand.intn\ns := \"time.now_ns()\"\nt := my_rand.intn\n").is_ok());
        assert!(check("p.rego", "package x\n\nr := data.x.http.send\n").is_ok());
    }
}
