//! The policies and catalog compiled into the binary (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/bundled_files.rs"));

/// The bundled files whose path starts with `prefix`, in path order.
pub fn files_under(prefix: &str) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
    FILES.iter().copied().filter(move |(path, _)| path.starts_with(prefix))
}

/// A bundled YAML file as the JSON the build made of it.
pub fn json(path: &str) -> Option<&'static str> {
    JSON.iter().find(|(p, _)| *p == path).map(|(_, json)| *json)
}

/// A bundled file's hex sha256, computed by the build.
pub fn sha256(path: &str) -> Option<&'static str> {
    SHA256.iter().find(|(p, _)| *p == path).map(|(_, digest)| *digest)
}
