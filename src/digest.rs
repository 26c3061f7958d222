//! sha256 digests for the audit trail: every input, policy and catalog file.

use sha2::{Digest, Sha256};

/// Hex sha256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The first 12 hex digits of a digest, as reports show it beside the full
/// digest kept elsewhere in the record.
pub fn short(digest: &str) -> &str {
    digest.get(..12).unwrap_or(digest)
}

/// One digest over many (path, digest) pairs, order-independent: the pairs
/// are sorted first, so the same set of files gives the same digest.
pub fn combined<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut pairs: Vec<_> = files.into_iter().collect();
    pairs.sort();
    let mut hasher = Sha256::new();
    for (path, digest) in pairs {
        hasher.update(path.as_bytes());
        hasher.update(b"\0");
        hasher.update(digest.as_bytes());
        hasher.update(b"\n");
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
