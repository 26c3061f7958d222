//! The codes a proposal may use for places and providers, read from the
//! policy data (`policies/geography/data.yaml`,
//! `policies/residency/data.yaml`), so the validator and the policies agree.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{did_you_mean, Error, ErrorKind, Result};

/// Where the geography facts live in the policy tree.
pub const GEOGRAPHY_FILE: &str = "policies/geography/data.yaml";
/// Where the provider facts live in the policy tree.
pub const PROVIDERS_FILE: &str = "policies/residency/data.yaml";

/// Known places and providers.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    /// ISO 3166-1 alpha-2 codes.
    pub countries: BTreeSet<String>,
    /// Country names, lower case -> their code (`germany` -> `DE`), to
    /// hint the code for a name written where a code is expected.
    pub country_names: BTreeMap<String, String>,
    /// Codes that stand for several countries (`EU`, `EEA`).
    pub blocs: BTreeSet<String>,
    /// Bloc code -> the countries it stands for (members and separately
    /// coded territories).
    pub bloc_members: BTreeMap<String, BTreeSet<String>>,
    /// Provider region ids -> location (a country, a bloc, or `global`).
    pub regions: BTreeMap<String, String>,
    /// Provider region ids -> the provider that runs them (`aws`, `azure`,
    /// `gcp`), for regions that belong to one.
    pub region_providers: BTreeMap<String, String>,
    /// Provider ids.
    pub providers: BTreeSet<String>,
    /// Provider ids -> their kind (`model_vendor`, `cloud`, `open_model_host`,
    /// `self` for the organisation's own premises).
    pub provider_kinds: BTreeMap<String, String>,
    /// Service ids -> the provider that offers them (its keys are the
    /// service ids).
    pub service_providers: BTreeMap<String, String>,
    /// Service ids -> their readable names, where the facts give one.
    pub service_names: BTreeMap<String, String>,
}

impl Vocabulary {
    /// Reads the vocabulary from the policy data the engine loaded
    /// (`data.modelgate.facts.geography` and `.residency`), so the data files
    /// are parsed once.
    pub fn from_data(data: &regorus::Value) -> Result<Vocabulary> {
        let facts = &data["modelgate"]["facts"];
        let keys = |value: &regorus::Value| -> Vec<String> {
            match value {
                regorus::Value::Object(map) => {
                    map.keys().filter_map(|k| k.as_string().ok().map(|s| s.to_string())).collect()
                }
                _ => Vec::new(),
            }
        };
        let geography = &facts["geography"];
        let countries: BTreeSet<String> = keys(&geography["countries"]).into_iter().collect();
        if countries.is_empty() {
            return Err(Error::new(ErrorKind::Policy, format!("{GEOGRAPHY_FILE}: no `countries`")));
        }
        let country_names = countries
            .iter()
            .filter_map(|code| {
                let name = geography["countries"][code.as_str()]["name"].as_string().ok()?;
                Some((name.to_lowercase(), code.clone()))
            })
            .collect();
        let mut regions = BTreeMap::new();
        let mut region_providers = BTreeMap::new();
        if let regorus::Value::Object(map) = &geography["regions"] {
            for (id, facts) in map.iter() {
                let (Ok(id), Ok(location)) = (id.as_string(), facts["location"].as_string()) else {
                    return Err(Error::new(
                        ErrorKind::Policy,
                        format!("{GEOGRAPHY_FILE}: region {id} has no `location`"),
                    ));
                };
                regions.insert(id.to_string(), location.to_string());
                if let Ok(provider) = facts["provider"].as_string() {
                    if provider.as_ref() != "any" {
                        region_providers.insert(id.to_string(), provider.to_string());
                    }
                }
            }
        }
        let providers_value = &facts["residency"]["providers"];
        let providers: BTreeSet<String> = keys(providers_value).into_iter().collect();
        if providers.is_empty() {
            return Err(Error::new(ErrorKind::Policy, format!("{PROVIDERS_FILE}: no `providers`")));
        }
        let service_providers: BTreeMap<String, String> = providers
            .iter()
            .flat_map(|p| keys(&providers_value[p.as_str()]["services"]).into_iter().map(|s| (s, p.clone())))
            .collect();
        let service_names = service_providers
            .iter()
            .filter_map(|(s, p)| {
                let name = providers_value[p.as_str()]["services"][s.as_str()]["name"].as_string().ok()?;
                Some((s.clone(), name.to_string()))
            })
            .collect();
        let provider_kinds = providers
            .iter()
            .filter_map(|p| Some((p.clone(), providers_value[p.as_str()]["kind"].as_string().ok()?.to_string())))
            .collect();
        let blocs: BTreeSet<String> = keys(&geography["blocs"]).into_iter().collect();
        let list = |value: &regorus::Value| -> Vec<String> {
            match value {
                regorus::Value::Array(items) => {
                    items.iter().filter_map(|v| v.as_string().ok().map(|s| s.to_string())).collect()
                }
                _ => Vec::new(),
            }
        };
        let bloc_members = blocs
            .iter()
            .map(|b| {
                let facts = &geography["blocs"][b.as_str()];
                (b.clone(), list(&facts["members"]).into_iter().chain(list(&facts["territories"])).collect())
            })
            .collect();
        Ok(Vocabulary {
            countries,
            country_names,
            blocs,
            bloc_members,
            regions,
            region_providers,
            providers,
            provider_kinds,
            service_providers,
            service_names,
        })
    }

    /// The countries a place code may put data in: one for a country or a
    /// region id in a country, the members of a bloc (or of the bloc a
    /// region id stands for); `None` for `global`, or an unknown code.
    pub fn place_countries(&self, code: &str) -> Option<BTreeSet<String>> {
        let location = self.regions.get(code).map(String::as_str).unwrap_or(code);
        if self.countries.contains(location) {
            return Some(BTreeSet::from([location.to_string()]));
        }
        self.bloc_members.get(location).cloned()
    }

    /// Whether a place code stays inside a list of allowed place codes, as
    /// `REQ-ALLOWED-REGIONS` reads the list (modelgate.lib.geo.within): the
    /// same code, or every country it may put data in is a country, or a
    /// member of a bloc, that the list names (a region id in the list allows
    /// only that region).
    pub fn place_within(&self, code: &str, allowed: &[String]) -> bool {
        if allowed.iter().any(|a| a == code) {
            return self.regions.get(code).map(String::as_str) != Some("global") && code != "global";
        }
        let Some(places) = self.place_countries(code) else { return false };
        let permitted: BTreeSet<String> = allowed
            .iter()
            .filter(|a| !self.regions.contains_key(a.as_str()))
            .filter_map(|a| self.place_countries(a))
            .flatten()
            .collect();
        !places.is_empty() && places.is_subset(&permitted)
    }

    /// Checks a country code (ISO 3166-1 alpha-2 only).
    pub fn check_country(&self, code: &str) -> Result<(), (String, Option<String>)> {
        if self.countries.contains(code) {
            return Ok(());
        }
        let hint = reserved_code_hint(code)
            .or_else(|| self.name_hint(code))
            .or_else(|| did_you_mean(code, self.countries.iter().map(String::as_str)))
            .or_else(|| {
                self.blocs
                    .contains(&code.to_ascii_uppercase())
                    .then(|| format!("{} is not a country: name the country of the principal place of business", code))
            });
        Err((format!("unknown country code `{code}`: expected an ISO 3166-1 alpha-2 code"), hint))
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
            reserved_code_hint(code).or_else(|| self.name_hint(code)).or_else(|| did_you_mean(code, candidates)),
        ))
    }

    /// A country written by its name (`Germany`): its code. Before, the
    /// nearest id was offered, an Azure region (`germanynorth`) for a data
    /// subject's country.
    fn name_hint(&self, written: &str) -> Option<String> {
        let code = self.country_names.get(&written.trim().to_lowercase())?;
        Some(format!("write the country's ISO 3166-1 alpha-2 code: `{code}`"))
    }

    /// Checks a provider id as a proposal writes it: lower-case letters,
    /// digits and `_` (the id it spells as a hint: `on-prem`, `OpenAI`), and
    /// no near miss of a known provider. An unlisted provider passes.
    pub fn check_provider(&self, id: &str) -> std::result::Result<(), (String, Option<String>)> {
        check_id("provider", id, |spelled| self.providers.contains(spelled), |id| self.near_miss_provider(id))
    }

    /// As `check_provider`, for services.
    pub fn check_service(&self, id: &str) -> std::result::Result<(), (String, Option<String>)> {
        check_id("service", id, |spelled| self.service_providers.contains_key(spelled), |id| self.near_miss_service(id))
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
    /// An id that begins several services' ids (`gemini_api`: the unpaid
    /// and the paid tier, whose data use and EEA rules differ) names them
    /// all: the nearest one alone was the first in alphabetical order,
    /// `gemini_api_free`, steering a paying team to the unpaid tier's terms.
    pub fn near_miss_service(&self, id: &str) -> Option<String> {
        if self.service_providers.contains_key(id) {
            return None;
        }
        let prefix = format!("{id}_");
        let variants: Vec<String> = self
            .service_providers
            .keys()
            .filter(|s| s.starts_with(&prefix))
            .map(|s| match self.service_names.get(s) {
                Some(name) => format!("`{s}` ({name})"),
                None => format!("`{s}`"),
            })
            .collect();
        if variants.len() > 1 {
            return Some(format!("`{id}` is more than one service: {}; name the one used", variants.join(" or ")));
        }
        did_you_mean(id, self.service_providers.keys().map(String::as_str))
    }
}

/// Codes people write for a country that ISO 3166-1 reserves for it without
/// assigning them: `UK` (the United Kingdom is `GB`) and `EL` (Greece is `GR`,
/// though EU documents write `EL`). Without this, `UK` was steered to the
/// Azure region `ukwest`, and `EL` got no hint.
fn reserved_code_hint(code: &str) -> Option<String> {
    match code.to_ascii_uppercase().as_str() {
        "UK" => Some("the United Kingdom's ISO 3166-1 code is `GB`".to_string()),
        "EL" => Some("Greece's ISO 3166-1 code is `GR` (`EL` is the EU's own abbreviation)".to_string()),
        _ => None,
    }
}

/// A provider or service id (`what`): malformed, a near miss of a known id,
/// or acceptable.
fn check_id(
    what: &str,
    id: &str,
    known: impl Fn(&str) -> bool,
    near_miss: impl Fn(&str) -> Option<String>,
) -> std::result::Result<(), (String, Option<String>)> {
    if !is_identifier(id) {
        let spelled = as_identifier(id);
        let hint = if known(&spelled) { Some(format!("did you mean `{spelled}`?")) } else { near_miss(&spelled) };
        return Err((format!("invalid {what} `{id}`: use lower-case letters, digits and `_`"), hint));
    }
    match near_miss(id) {
        Some(hint) => Err((format!("unknown {what} `{id}`"), Some(hint))),
        None => Ok(()),
    }
}

/// An id as it was likely meant: lower case, `-`, `.` and spaces as `_`.
fn as_identifier(s: &str) -> String {
    s.trim().to_ascii_lowercase().chars().map(|c| if matches!(c, '-' | '.' | ' ') { '_' } else { c }).collect()
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
