//! The codes a proposal may use for places and providers, read from the
//! bundled policy data (`policies/geography/data.yaml`,
//! `policies/residency/data.yaml`), so the validator and the policies agree.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::de::from_node;
use crate::error::{did_you_mean, Error, ErrorKind, Result};
use crate::source::{Limits, SourceFile};

/// Where the geography facts live in the policy tree.
pub const GEOGRAPHY_FILE: &str = "policies/geography/data.yaml";
/// Where the provider facts live in the policy tree.
pub const PROVIDERS_FILE: &str = "policies/residency/data.yaml";

/// Known places and providers.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// ISO 3166-1 alpha-2 codes.
    pub countries: BTreeSet<String>,
    /// Codes that stand for several countries (`EU`, `EEA`).
    pub blocs: BTreeSet<String>,
    /// Provider region ids -> location (a country, a bloc, or `global`).
    pub regions: BTreeMap<String, String>,
    /// Provider ids.
    pub providers: BTreeSet<String>,
    /// Service ids.
    pub services: BTreeSet<String>,
}

#[derive(Deserialize)]
struct GeographyFile {
    countries: BTreeMap<String, IgnoredAny>,
    #[serde(default)]
    blocs: BTreeMap<String, IgnoredAny>,
    #[serde(default)]
    regions: BTreeMap<String, RegionFacts>,
}

#[derive(Deserialize)]
struct RegionFacts {
    location: String,
}

#[derive(Deserialize)]
struct ProvidersFile {
    providers: BTreeMap<String, ProviderFacts>,
}

#[derive(Deserialize)]
struct ProviderFacts {
    #[serde(default)]
    services: BTreeMap<String, IgnoredAny>,
}

impl Vocabulary {
    /// Reads the vocabulary from the two data files.
    pub fn from_files(geography: &SourceFile, providers: &SourceFile) -> Result<Vocabulary> {
        let limits = Limits::default();
        let read = |file: &SourceFile| -> Result<crate::source::Node> {
            let mut docs = file.documents(&limits, ErrorKind::Policy)?;
            Ok(docs.swap_remove(0))
        };
        let geo_node = read(geography)?;
        let geo: GeographyFile = from_node(&geo_node, "").map_err(|e| de_error(geography, e))?;
        let providers_node = read(providers)?;
        let prov: ProvidersFile = from_node(&providers_node, "").map_err(|e| de_error(providers, e))?;
        Ok(Vocabulary {
            countries: geo.countries.into_keys().collect(),
            blocs: geo.blocs.into_keys().collect(),
            regions: geo.regions.into_iter().map(|(id, r)| (id, r.location)).collect(),
            services: prov.providers.values().flat_map(|p| p.services.keys().cloned()).collect(),
            providers: prov.providers.into_keys().collect(),
        })
    }

    /// Checks a country code (ISO 3166-1 alpha-2 only).
    pub fn check_country(&self, code: &str) -> Result<(), (String, Option<String>)> {
        if self.countries.contains(code) {
            return Ok(());
        }
        Err((
            format!("unknown country code `{code}`: expected an ISO 3166-1 alpha-2 code"),
            did_you_mean(code, self.countries.iter().map(String::as_str)),
        ))
    }

    /// Checks a place: a country, `EU`/`EEA`, a provider region id, or `global`.
    pub fn check_place(&self, code: &str) -> Result<(), (String, Option<String>)> {
        if self.countries.contains(code)
            || self.blocs.contains(code)
            || self.regions.contains_key(code)
            || code == "global"
        {
            return Ok(());
        }
        let candidates =
            self.countries.iter().chain(&self.blocs).chain(self.regions.keys()).map(String::as_str).chain(["global"]);
        Err((
            format!("unknown region `{code}`: expected an ISO country code, EU, EEA, a provider region id or `global`"),
            did_you_mean(code, candidates),
        ))
    }

    /// Suggests a known provider for a near miss; `None` when the id is known
    /// or far from every known id (an unlisted provider is allowed: the rules
    /// then have no facts about it and fail closed where facts are needed).
    pub fn near_miss_provider(&self, id: &str) -> Option<String> {
        if self.providers.contains(id) {
            return None;
        }
        did_you_mean(id, self.providers.iter().map(String::as_str))
    }

    /// As `near_miss_provider`, for services.
    pub fn near_miss_service(&self, id: &str) -> Option<String> {
        if self.services.contains(id) {
            return None;
        }
        did_you_mean(id, self.services.iter().map(String::as_str))
    }
}

fn de_error(file: &SourceFile, e: crate::de::DeError) -> Error {
    let pos = e.pos.unwrap_or_default();
    let error = file.error(ErrorKind::Policy, e.message, pos);
    match e.hint {
        Some(h) => error.with_hint(h),
        None => error,
    }
}
