//! Subjects: what one evaluation judges. A proposal without routes is one
//! subject; a proposal with routes is one subject per route, each inheriting
//! the sections the route does not give. Validation that needs the catalog or
//! the vocabulary of places happens here, with positions.

use std::sync::Arc;

use serde::Serialize;

use super::load::LoadedDocument;
use super::{
    ApiVersion, Contracts, Data, Deployment, Distribution, Metadata, Model, Organization, ProposalKind, Requirements,
    Route, Team, Usage, Workload,
};
use crate::catalog::{expr, Catalog, Expression, ModelRecord};
use crate::error::{Error, Location, Result};
use crate::vocabulary::Vocabulary;

/// Every section of a subject, filled in: the part of the policy input that
/// comes from the proposal.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectSections {
    /// `modelgate.dev/v1`.
    #[serde(rename = "apiVersion")]
    pub api_version: ApiVersion,
    /// `ModelProposal`.
    pub kind: ProposalKind,
    /// Name and owner.
    pub metadata: Metadata,
    /// The model.
    pub model: Model,
    /// The deployment.
    pub deployment: Deployment,
    /// The data.
    pub data: Data,
    /// Contracts (absent: none signed).
    pub contracts: Contracts,
    /// The organisation.
    pub organization: Organization,
    /// The use (absent: commercial production use).
    #[serde(rename = "use")]
    pub usage: Usage,
    /// What leaves the organisation (absent: nothing).
    pub distribution: Distribution,
    /// The organisation's own constraints (absent: none).
    pub requirements: Requirements,
    /// Workload facts, if given.
    pub workload: Option<Workload>,
    /// Team facts, if given.
    pub team: Option<Team>,
}

/// One thing to judge: a proposal, or one route of it.
#[derive(Debug)]
pub struct Subject {
    /// The document it comes from.
    pub document: Arc<LoadedDocument>,
    /// `metadata.name`.
    pub name: String,
    /// The route's name, for routes.
    pub route: Option<String>,
    /// The route's index in `routes`, for routes.
    pub route_index: Option<usize>,
    /// The merged sections.
    pub sections: SubjectSections,
    /// The catalog model, when `model.id` names one.
    pub model: Option<Arc<ModelRecord>>,
    /// The models it derives from, nearest first.
    pub lineage: Vec<Arc<ModelRecord>>,
    /// The license expression that binds it (its own AND its lineage's).
    pub license: Expression,
    /// Where the model's own license came from: `proposal` or `catalog`.
    pub license_source: &'static str,
}

const ROUTE_SECTIONS: [&str; 8] =
    ["model", "deployment", "data", "contracts", "use", "distribution", "requirements", "workload"];

impl Subject {
    /// The JSON pointer, inside the proposal document, of a field named by
    /// its logical pointer (`/contracts/baa`): inside the route when the
    /// route gives that section.
    pub fn pointer(&self, logical: &str) -> String {
        let section = logical.trim_start_matches('/').split('/').next().unwrap_or("");
        let in_route = self.route_index.filter(|&i| self.route_defines(i, section));
        let prefix = match in_route {
            Some(i) => format!("{}/routes/{i}", self.document.pointer),
            None => self.document.pointer.clone(),
        };
        format!("{prefix}{logical}")
    }

    fn route_defines(&self, index: usize, section: &str) -> bool {
        ROUTE_SECTIONS.contains(&section)
            && self.document.node().node_at(&format!("/routes/{index}/{section}")).is_some()
    }

    /// The file position of a field named by its logical pointer: the
    /// field itself, or its nearest ancestor present in the file.
    pub fn locate(&self, logical: &str) -> Location {
        let pointer = self.pointer(logical);
        let pos = self.document.root.locate(&pointer).0;
        self.document.file.location(pos)
    }

    fn error(&self, logical: &str, message: impl Into<String>, hint: Option<String>) -> Error {
        let pointer = self.pointer(logical);
        let pos = self.document.root.locate(&pointer).0;
        let error = self.document.file.error(crate::error::ErrorKind::Input, message, pos);
        match hint {
            Some(h) => error.with_hint(h),
            None => error,
        }
    }
}

/// Splits a proposal into subjects and validates each.
pub fn subjects(document: &Arc<LoadedDocument>, catalog: &Catalog, vocabulary: &Vocabulary) -> Result<Vec<Subject>> {
    let doc = &document.doc;
    check_name(document, "/metadata/name", &doc.metadata.name)?;
    let routes: Vec<Option<(usize, &Route)>> = match &doc.routes {
        None => vec![None],
        Some(routes) if routes.is_empty() => {
            return Err(document.error_at("/routes", "`routes` is empty: give at least one route or remove it", None))
        }
        Some(routes) => routes.iter().enumerate().map(Some).collect(),
    };
    let mut seen = Vec::new();
    let mut out = Vec::with_capacity(routes.len());
    for route in routes {
        if let Some((i, r)) = route {
            check_name(document, &format!("/routes/{i}/name"), &r.name)?;
            if seen.contains(&r.name) {
                return Err(document.error_at(
                    &format!("/routes/{i}/name"),
                    format!("duplicate route name `{}`", r.name),
                    None,
                ));
            }
            seen.push(r.name.clone());
        }
        out.push(subject(document, route, catalog, vocabulary)?);
    }
    Ok(out)
}

fn check_name(document: &LoadedDocument, pointer: &str, name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if first_ok && rest_ok && name.len() <= 128 {
        return Ok(());
    }
    let suggestion: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    let hint = (!suggestion.is_empty()).then(|| format!("did you mean `{suggestion}`?"));
    Err(document.error_at(
        pointer,
        format!("invalid name `{name}`: use lower-case letters, digits and `-`, starting with a letter or digit"),
        hint,
    ))
}

/// A route's section when it gives one, else the proposal's.
fn pick<T: Clone>(from_route: Option<Option<T>>, own: &Option<T>) -> Option<T> {
    from_route.flatten().or_else(|| own.clone())
}

fn subject(
    document: &Arc<LoadedDocument>,
    route: Option<(usize, &Route)>,
    catalog: &Catalog,
    vocabulary: &Vocabulary,
) -> Result<Subject> {
    let doc = &document.doc;
    let r = route.map(|(_, r)| r);
    let model: Option<Model> = pick(r.map(|r| r.model.clone()), &doc.model);
    let deployment: Option<Deployment> = pick(r.map(|r| r.deployment.clone()), &doc.deployment);
    let data: Option<Data> = pick(r.map(|r| r.data.clone()), &doc.data);
    let where_ = match route {
        Some((i, route)) => (format!("/routes/{i}"), format!("route `{}`", route.name)),
        None => (String::new(), "the proposal".to_string()),
    };
    let missing = |section: &str| {
        document.error_at(
            &where_.0,
            format!("{} has no `{section}` section (required, here or at the top of the proposal)", where_.1),
            None,
        )
    };
    let model = model.ok_or_else(|| missing("model"))?;
    let deployment = deployment.ok_or_else(|| missing("deployment"))?;
    let data = data.ok_or_else(|| missing("data"))?;
    let sections = SubjectSections {
        api_version: doc.api_version,
        kind: doc.kind,
        metadata: doc.metadata.clone(),
        model,
        deployment,
        data,
        contracts: pick(r.map(|r| r.contracts.clone()), &doc.contracts).unwrap_or_default(),
        organization: doc.organization.clone().unwrap_or_default(),
        usage: pick(r.map(|r| r.usage.clone()), &doc.usage).unwrap_or_default(),
        distribution: pick(r.map(|r| r.distribution.clone()), &doc.distribution).unwrap_or_default(),
        requirements: pick(r.map(|r| r.requirements.clone()), &doc.requirements).unwrap_or_default(),
        workload: pick(r.map(|r| r.workload.clone()), &doc.workload),
        team: doc.team.clone(),
    };
    let mut subject = Subject {
        document: document.clone(),
        name: doc.metadata.name.clone(),
        route: route.map(|(_, r)| r.name.clone()),
        route_index: route.map(|(i, _)| i),
        sections,
        model: None,
        lineage: Vec::new(),
        license: Expression { canonical: String::new(), alternatives: Vec::new() },
        license_source: "catalog",
    };
    validate_places(&subject, vocabulary)?;
    resolve_model(&mut subject, catalog)?;
    Ok(subject)
}

fn validate_places(subject: &Subject, vocabulary: &Vocabulary) -> Result<()> {
    let s = &subject.sections;
    let lists = [
        ("/deployment/regions", &s.deployment.regions),
        ("/data/subjects", &s.data.subjects),
        ("/requirements/allowed_regions", &s.requirements.allowed_regions),
    ];
    for (pointer, codes) in lists {
        for (i, code) in codes.iter().enumerate() {
            if let Err((message, hint)) = vocabulary.check_place(code) {
                return Err(subject.error(&format!("{pointer}/{i}"), message, hint));
            }
        }
    }
    if let Some(domicile) = &s.organization.domicile {
        if let Err((message, hint)) = vocabulary.check_country(domicile) {
            return Err(subject.error("/organization/domicile", message, hint));
        }
    }
    let provider = &s.deployment.provider;
    if !is_identifier(provider) {
        return Err(subject.error(
            "/deployment/provider",
            format!("invalid provider `{provider}`: use lower-case letters, digits and `_`"),
            None,
        ));
    }
    if let Some(hint) = vocabulary.near_miss_provider(provider) {
        return Err(subject.error("/deployment/provider", format!("unknown provider `{provider}`"), Some(hint)));
    }
    if let Some(service) = &s.deployment.service {
        if !is_identifier(service) {
            return Err(subject.error(
                "/deployment/service",
                format!("invalid service `{service}`: use lower-case letters, digits and `_`"),
                None,
            ));
        }
        if let Some(hint) = vocabulary.near_miss_service(service) {
            return Err(subject.error("/deployment/service", format!("unknown service `{service}`"), Some(hint)));
        }
    }
    if let Some(share) = s.workload.as_ref().and_then(|w| w.output_share) {
        if !(0.0..=1.0).contains(&share) {
            return Err(subject.error("/workload/output_share", "output_share must be between 0 and 1", None));
        }
    }
    Ok(())
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The most base models a lineage may chain through.
const MAX_LINEAGE: usize = 8;

fn resolve_model(subject: &mut Subject, catalog: &Catalog) -> Result<()> {
    let model = subject.sections.model.clone();
    if model.id.is_none() && model.license.is_none() {
        return Err(subject.error("/model", "the model needs an `id` from the catalog, or a `license`", None));
    }
    if let Some(id) = &model.id {
        subject.model = catalog.model(id).cloned();
        if subject.model.is_none() && model.license.is_none() {
            return Err(subject.error(
                "/model/id",
                format!("unknown model `{id}`: not in the catalog (give `model.license` for a model outside it)"),
                catalog.suggest_model(id),
            ));
        }
    }
    let own = match &model.license {
        Some(text) => {
            subject.license_source = "proposal";
            expr::parse(catalog, text).map_err(|e| subject.error("/model/license", e.message, e.hint))?
        }
        None => {
            let record = subject.model.as_ref().expect("checked above");
            expr::parse(catalog, &record.license).map_err(|e| subject.error("/model/id", e.message, e.hint))?
        }
    };
    let mut base = match &model.base_model {
        Some(id) => Some(catalog.model(id).cloned().ok_or_else(|| {
            subject.error(
                "/model/base_model",
                format!("unknown base model `{id}`: not in the catalog"),
                catalog.suggest_model(id),
            )
        })?),
        None => subject.model.as_ref().and_then(|m| m.base_model.as_ref()).and_then(|id| catalog.model(id).cloned()),
    };
    let mut license = own;
    while let Some(record) = base {
        if subject.lineage.len() == MAX_LINEAGE || subject.lineage.iter().any(|m| m.id == record.id) {
            break;
        }
        let base_license =
            expr::parse(catalog, &record.license).map_err(|e| subject.error("/model/base_model", e.message, e.hint))?;
        license = license.and(&base_license).map_err(|e| subject.error("/model", e.message, e.hint))?;
        base = record.base_model.as_ref().and_then(|id| catalog.model(id).cloned());
        subject.lineage.push(record);
    }
    subject.license = license;
    Ok(())
}
