//! Subjects: what one evaluation judges. A proposal without routes is one
//! subject; a proposal with routes is one subject per route, each inheriting
//! the sections the route does not give. Validation that needs the catalog or
//! the vocabulary of places happens here, with positions.

use std::sync::Arc;

use serde::Serialize;

use super::card::{self, ModelCard};
use super::load::LoadedDocument;
use super::{
    ApiVersion, Contracts, Data, DataClass, Deployment, DeploymentKind, Distribution, FineTuneMethod, Metadata, Model,
    Network, Organization, ProposalKind, Purpose, Requirements, Route, Team, Usage, Workload,
};
use crate::catalog::{expr, Catalog, Expression, ModelRecord};
use crate::error::{Error, Location, Result};
use crate::vocabulary::Vocabulary;

/// Every section of a subject, filled in: the part of the policy input that
/// comes from the proposal.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
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
    /// Where the model's own license came from: `proposal`, `card` or `catalog`.
    pub license_source: &'static str,
    /// The catalog's license for a catalog model as deployed (the weights
    /// license; the vendor's terms through its API; both when weights are
    /// also given to others), whatever the proposal or card declares: it
    /// binds either way.
    pub catalog_license: Option<String>,
    /// The model card, when `model.card` names one.
    pub card: Option<ModelCard>,
    /// The other routes of the same proposal that run on an air-gapped
    /// network: one router serves them all, so a route that reaches any
    /// other network bridges their air gap.
    pub air_gapped_siblings: Vec<String>,
}

const ROUTE_SECTIONS: [&str; 8] =
    ["model", "deployment", "data", "contracts", "use", "distribution", "requirements", "workload"];

/// Fields a route inherits one by one, even where it gives their section:
/// the organisation's own constraints, where the people whose data it is
/// are, and the fields of use the application serves. They describe the
/// system behind every route, so a route that gives
/// `requirements: {zero_retention: true}` keeps the proposal's
/// `allowed_regions`, one that gives `data: {classes: [pii]}` keeps its
/// `subjects`, and one that gives `use: {production: false}` keeps its
/// `purposes` and its outputs' use for training another model. Inheriting
/// them only adds constraints and facts a rule can judge; every other field
/// of a section the route gives is the route's alone (a route's `data` never
/// inherits a de-identification it does not state).
const INHERITED_FIELDS: [&str; 7] = [
    "/requirements/no_third_party_processing",
    "/requirements/allowed_regions",
    "/requirements/zero_retention",
    "/data/subjects",
    "/use/purposes",
    "/use/outputs_train_other_models",
    "/use/outputs_trained_model",
];

impl Subject {
    /// The JSON pointer, inside the proposal document, of a field named by
    /// its logical pointer (`/contracts/baa`): inside the route when the
    /// route gives that section.
    pub fn pointer(&self, logical: &str) -> String {
        if let Some((card, field)) = self.card_field(logical) {
            return card.pointer(field);
        }
        if let Some(pointer) = self.kept_purpose_pointer(logical) {
            return pointer;
        }
        let section = logical.trim_start_matches('/').split('/').next().unwrap_or("");
        // A section the route gives is found in the route; one the proposal
        // gives at the top is found there; one neither gives points at the
        // route, which is where it would go. A field the route inherits
        // inside a section it gives is found at the top.
        let top_defines = self.document.node().node_at(&format!("/{section}")).is_some();
        let in_route = self.route_index.filter(|&i| {
            !self.inherits_from_top(i, logical)
                && (self.route_defines(i, section) || (!top_defines && ROUTE_SECTIONS.contains(&section)))
        });
        format!("{}{logical}", self.start_pointer(in_route))
    }

    /// A purpose of the proposal's that a route listing purposes of its own
    /// keeps (`keep_inherited_constraints` appends them after the route's):
    /// its pointer in the proposal's `use.purposes`, where it is written.
    /// The merged index runs past the route's own list, so read as a
    /// pointer into the route it would land on the route's `purposes:` key.
    fn kept_purpose_pointer(&self, logical: &str) -> Option<String> {
        let index: usize = logical.strip_prefix("/use/purposes/")?.parse().ok()?;
        let route = self.document.doc.routes.as_ref()?.get(self.route_index?)?;
        let own = route.usage.as_ref()?.purposes.len();
        if own == 0 || index < own {
            return None;
        }
        let purpose = self.sections.usage.purposes.get(index)?;
        let top = self.document.doc.usage.as_ref()?.purposes.iter().position(|p| p == purpose)?;
        Some(format!("{}/use/purposes/{top}", self.document.pointer))
    }

    /// The JSON pointer of route `route`'s entry, or of the proposal
    /// document for `None`.
    fn start_pointer(&self, route: Option<usize>) -> String {
        match route {
            Some(i) => format!("{}/routes/{i}", self.document.pointer),
            None => self.document.pointer.clone(),
        }
    }

    /// The file position of a JSON pointer: the node itself, or its nearest
    /// ancestor present in the file.
    fn location_of(&self, pointer: &str) -> Location {
        let pos = self.document.root.locate(pointer).0;
        self.document.file.location(pos)
    }

    /// Whether route `index` takes the field at `logical` (or the field
    /// holding it) from the top of the proposal: one of `INHERITED_FIELDS`
    /// that the route does not give and the proposal does.
    fn inherits_from_top(&self, index: usize, logical: &str) -> bool {
        INHERITED_FIELDS
            .iter()
            .find(|f| logical == **f || logical.starts_with(&format!("{f}/")))
            .is_some_and(|field| route_inherits(&self.document, index, field))
    }

    fn route_defines(&self, index: usize, section: &str) -> bool {
        ROUTE_SECTIONS.contains(&section)
            && self.document.node().node_at(&format!("/routes/{index}/{section}")).is_some()
    }

    /// The file position of a field named by its logical pointer: the
    /// field itself, or its nearest ancestor present in the file.
    pub fn locate(&self, logical: &str) -> Location {
        if let Some((card, field)) = self.card_field(logical) {
            return card.location(&card.pointer(field));
        }
        self.location_of(&self.pointer(logical))
    }

    /// A field of the model card the subject read (`/resolved/card/license`,
    /// as the policies see it): the card and the field's pointer inside
    /// `input.resolved.card`. A finding about what the card declares points
    /// into the card, where the label is written and corrected.
    fn card_field<'a>(&'a self, logical: &'a str) -> Option<(&'a ModelCard, &'a str)> {
        let card = self.card.as_ref()?;
        let field = logical.strip_prefix("/resolved/card")?;
        (field.is_empty() || field.starts_with('/')).then_some((card, field))
    }

    /// Where the subject starts in its file: its route's entry, or the
    /// proposal document (for findings that name no field, such as a rule
    /// that could not be evaluated).
    pub fn own_location(&self) -> Location {
        self.location_of(&self.start_pointer(self.route_index))
    }

    fn error(&self, logical: &str, message: impl Into<String>, hint: Option<String>) -> Error {
        let pointer = self.pointer(logical);
        let pos = self.document.root.value_pos(&pointer);
        let error = self.document.file.error(crate::error::ErrorKind::Input, message, pos);
        error.with_optional_hint(hint)
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
    if let Some(routes) = &doc.routes {
        check_inherited_contracts(document, routes)?;
    }
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
    let air_gapped: Vec<Option<String>> =
        out.iter().map(|s| s.route.clone().filter(|_| s.sections.deployment.network == Network::AirGapped)).collect();
    for subject in out.iter_mut().filter(|s| s.route.is_some()) {
        subject.air_gapped_siblings =
            air_gapped.iter().flatten().filter(|name| Some(*name) != subject.route.as_ref()).cloned().collect();
    }
    Ok(out)
}

/// Top-level contracts are signed with one provider, the one that operates
/// the endpoint (DESIGN §2): a route on another provider that leaves out its
/// own `contracts` would claim a BAA, DPA, transfer mechanism or zero
/// retention that provider never signed. Which provider signed is the
/// top-level deployment's, else the one every inheriting route shares;
/// routes on premises need no contract. Anything else is ambiguous: an error
/// that asks for per-route contracts, never a silent pass.
fn check_inherited_contracts(document: &LoadedDocument, routes: &[Route]) -> Result<()> {
    let doc = &document.doc;
    let Some(contracts) = &doc.contracts else { return Ok(()) };
    if !contracts.claims_provider_contracts() {
        return Ok(());
    }
    let inheriting: Vec<(usize, &Route, &str)> = routes
        .iter()
        .enumerate()
        .filter(|(_, r)| r.contracts.is_none())
        .filter_map(|(i, r)| {
            let deployment = r.deployment.as_ref().or(doc.deployment.as_ref())?;
            Some((i, r, deployment.provider.as_str()))
        })
        .filter(|(_, _, provider)| *provider != "on_prem")
        .collect();
    let signed_with = match &doc.deployment {
        Some(deployment) => Some(deployment.provider.as_str()),
        None => inheriting.first().map(|(_, _, provider)| *provider),
    };
    let Some(signed_with) = signed_with else { return Ok(()) };
    if let Some((i, route, provider)) = inheriting.iter().find(|(_, _, provider)| *provider != signed_with) {
        return Err(document.error_at(
            &format!("/routes/{i}"),
            format!(
                "route `{}` runs on {provider} but would inherit the top-level `contracts`, which are signed with \
                 {signed_with} (a contract covers only the provider that signed it)",
                route.name
            ),
            Some("give the route its own `contracts` (an empty `contracts: {}` if it has none)".to_string()),
        ));
    }
    Ok(())
}

fn check_name(document: &LoadedDocument, pointer: &str, name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if first_ok && rest_ok && name.len() <= 128 {
        return Ok(());
    }
    if first_ok && rest_ok {
        // Only the length is wrong: say so, not which characters to use.
        return Err(document.error_at(
            pointer,
            format!("the name is {} characters long: the limit is 128", name.len()),
            None,
        ));
    }
    let suggestion: String = name
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    // No suggestion past the length limit: it would be invalid too (and a
    // megabyte long).
    let hint = (!suggestion.is_empty() && suggestion.len() <= 128).then(|| format!("did you mean `{suggestion}`?"));
    Err(document.error_at(
        pointer,
        format!("invalid name `{name}`: use lower-case letters, digits and `-`, starting with a letter or digit"),
        hint,
    ))
}

/// Whether route `index` takes `field` (one of `INHERITED_FIELDS`) from the
/// top of the proposal: the route does not give it and the proposal does.
///
/// A route that gives an empty list for one of the list fields gives none
/// (`subjects: []` is "no subjects declared", `allowed_regions: []` "no
/// constraint of the route's own"), so it inherits the proposal's too: an
/// explicit empty list must not drop the subjects that bring in the GDPR,
/// the organisation's allowed regions or the application's purposes.
fn route_inherits(document: &LoadedDocument, index: usize, field: &str) -> bool {
    let node = document.node();
    let gives = node.node_at(&format!("/routes/{index}{field}")).is_some() && !route_list_empty(document, index, field);
    !gives && node.node_at(field).is_some()
}

/// Whether route `index` gives `field` (one of the list fields of
/// `INHERITED_FIELDS`) as an empty list.
fn route_list_empty(document: &LoadedDocument, index: usize, field: &str) -> bool {
    let Some(route) = document.doc.routes.as_ref().and_then(|routes| routes.get(index)) else { return false };
    match field {
        "/data/subjects" => route.data.as_ref().is_some_and(|d| d.subjects.is_empty()),
        "/use/purposes" => route.usage.as_ref().is_some_and(|u| u.purposes.is_empty()),
        "/requirements/allowed_regions" => route.requirements.as_ref().is_some_and(|r| r.allowed_regions.is_empty()),
        _ => false,
    }
}

/// The organisation's constraints and the application's fields of use bind
/// every route (README, "Decisions"): a route may add to them, never relax
/// them. A route that gives `use.purposes` keeps the proposal's purposes too
/// (its own first, so its pointers stay valid); one whose requirements would
/// relax the proposal's (a `false` where the proposal requires it, allowed
/// regions outside the proposal's) is refused, since which one binds the
/// route is then unclear.
fn keep_inherited_constraints(
    document: &LoadedDocument,
    index: usize,
    route: &Route,
    usage: &mut Option<Usage>,
    requirements: &Requirements,
    vocabulary: &Vocabulary,
) -> Result<()> {
    let doc = &document.doc;
    if let (Some(usage), Some(top)) = (usage.as_mut(), doc.usage.as_ref()) {
        if route.usage.is_some() {
            for purpose in &top.purposes {
                if !usage.purposes.contains(purpose) {
                    usage.purposes.push(*purpose);
                }
            }
            // Outputs the proposal says train another model stay so on a
            // route whose `use` does not say otherwise: `use: {production:
            // false}` dropped them, and LIC-OUTPUTS-TRAINING passed a route
            // it failed beside. A route may still state `false` for itself.
            let gives = |field: &str| document.node().node_at(&format!("/routes/{index}/use/{field}")).is_some();
            if top.outputs_train_other_models && !gives("outputs_train_other_models") {
                usage.outputs_train_other_models = true;
                if !gives("outputs_trained_model") {
                    usage.outputs_trained_model = top.outputs_trained_model;
                }
            }
        }
    }
    let (Some(top), Some(own)) = (doc.requirements.as_ref(), route.requirements.as_ref()) else { return Ok(()) };
    let name = &route.name;
    let relaxes = |field: &str, top_value: bool, route_value: bool| -> Result<()> {
        let pointer = format!("/routes/{index}/requirements/{field}");
        if top_value && !route_value && document.node().node_at(&pointer).is_some() {
            return Err(document.error_at(
                &pointer,
                format!(
                    "route `{name}` gives requirements.{field}: false, but the proposal requires it: the organisation's \
                     constraints bind every route"
                ),
                Some(format!("leave `{field}` out of the route (it inherits the proposal's), or set it to true")),
            ));
        }
        Ok(())
    };
    relaxes("no_third_party_processing", top.no_third_party_processing, own.no_third_party_processing)?;
    relaxes("zero_retention", top.zero_retention, own.zero_retention)?;
    if !top.allowed_regions.is_empty() {
        for (i, code) in requirements.allowed_regions.iter().enumerate() {
            if vocabulary.check_place(code).is_ok() && !vocabulary.place_within(code, &top.allowed_regions) {
                return Err(document.error_at(
                    &format!("/routes/{index}/requirements/allowed_regions/{i}"),
                    format!(
                        "route `{name}` allows `{code}`, which is outside the proposal's requirements.allowed_regions \
                         ({}): the organisation's constraints bind every route",
                        top.allowed_regions.join(", ")
                    ),
                    Some(
                        "narrow the route's allowed_regions to places inside the proposal's, or leave them out".into(),
                    ),
                ));
            }
        }
    }
    Ok(())
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
    let mut data: Option<Data> = pick(r.map(|r| r.data.clone()), &doc.data);
    let mut requirements = pick(r.map(|r| r.requirements.clone()), &doc.requirements).unwrap_or_default();
    let mut usage = pick(r.map(|r| r.usage.clone()), &doc.usage);
    if let Some((i, _)) = route {
        // The INHERITED_FIELDS, one by one.
        let inherits = |field: &str| route_inherits(document, i, field);
        if let (Some(data), Some(top)) = (data.as_mut(), doc.data.as_ref()) {
            if inherits("/data/subjects") {
                data.subjects = top.subjects.clone();
            }
        }
        if let (Some(usage), Some(top)) = (usage.as_mut(), doc.usage.as_ref()) {
            if inherits("/use/purposes") {
                usage.purposes = top.purposes.clone();
            }
        }
        if let Some(top) = doc.requirements.as_ref() {
            if inherits("/requirements/no_third_party_processing") {
                requirements.no_third_party_processing = top.no_third_party_processing;
            }
            if inherits("/requirements/allowed_regions") {
                requirements.allowed_regions = top.allowed_regions.clone();
            }
            if inherits("/requirements/zero_retention") {
                requirements.zero_retention = top.zero_retention;
            }
        }
        if let Some((_, r)) = route {
            keep_inherited_constraints(document, i, r, &mut usage, &requirements, vocabulary)?;
        }
    }
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
        usage: usage.unwrap_or_default(),
        distribution: pick(r.map(|r| r.distribution.clone()), &doc.distribution).unwrap_or_default(),
        requirements,
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
        catalog_license: None,
        card: None,
        air_gapped_siblings: Vec::new(),
    };
    validate_places(&subject, vocabulary)?;
    validate_usage(&subject)?;
    resolve_model(&mut subject, catalog)?;
    check_platform_id(&subject, vocabulary)?;
    Ok(subject)
}

/// A model id in a form only one platform writes (an Amazon Bedrock model id
/// or inference profile, a Vertex AI versioned or Model-as-a-Service id)
/// names that platform: a deployment elsewhere is a mistake in one of the
/// two, and the rules would judge the wrong service's facts. Ids several
/// platforms share (`gpt-4o` on OpenAI and Azure OpenAI, Gemini names on the
/// Gemini API and Vertex AI) are not checked.
fn check_platform_id(subject: &Subject, vocabulary: &Vocabulary) -> Result<()> {
    let Some(id) = subject.sections.model.id.as_deref() else { return Ok(()) };
    let Some(record) = &subject.model else { return Ok(()) };
    let Some(form) = crate::catalog::platform::recognise(id) else { return Ok(()) };
    let Some((provider, service)) = form.platform.deployment() else { return Ok(()) };
    let deployment = &subject.sections.deployment;
    let named = format!("`{id}` is {} (catalog model `{}`)", form.form, record.id);
    let fix = format!(
        "for {} write `provider: {provider}`, `kind: managed_cloud`; for another platform write the catalog id `{}`",
        form.platform.name(),
        record.id
    );
    if deployment.provider != provider && vocabulary.providers.contains(&deployment.provider) {
        return Err(subject.error(
            "/deployment/provider",
            format!("{named}, but deployment.provider is `{}`", deployment.provider),
            Some(fix),
        ));
    }
    if let Some(other) = deployment.service.as_deref().filter(|s| *s != service) {
        return Err(subject.error(
            "/deployment/service",
            format!("{named}, but deployment.service is `{other}`, not `{service}`"),
            Some(fix),
        ));
    }
    if deployment.kind != DeploymentKind::ManagedCloud {
        return Err(subject.error(
            "/deployment/kind",
            format!("{named}, a managed cloud service, but deployment.kind is `{}`", deployment.kind.name()),
            Some(fix),
        ));
    }
    Ok(())
}

fn validate_places(subject: &Subject, vocabulary: &Vocabulary) -> Result<()> {
    let s = &subject.sections;
    let lists = [
        ("/deployment/regions", &s.deployment.regions),
        ("/data/subjects", &s.data.subjects),
        ("/requirements/allowed_regions", &s.requirements.allowed_regions),
        ("/distribution/markets", &s.distribution.markets),
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
    if let Err((message, hint)) = vocabulary.check_provider(&s.deployment.provider) {
        return Err(subject.error("/deployment/provider", message, hint));
    }
    if let Some(service) = &s.deployment.service {
        if let Err((message, hint)) = vocabulary.check_service(service) {
            return Err(subject.error("/deployment/service", message, hint));
        }
    }
    if s.data.classes.is_empty() {
        // No class would make every data rule not applicable: a silent pass.
        return Err(subject.error(
            "/data/classes",
            "data.classes is empty: a proposal must say what data the model sees",
            Some(
                "list the classes of data in prompts, context and outputs (`public` when nothing is sensitive)".into(),
            ),
        ));
    }
    validate_endpoint(subject, vocabulary)?;
    if let Some(share) = s.workload.as_ref().and_then(|w| w.output_share) {
        if !(0.0..=1.0).contains(&share) {
            return Err(subject.error(
                "/workload/output_share",
                format!("output_share must be between 0 and 1 (the share of tokens that are output), found {share}"),
                None,
            ));
        }
    }
    Ok(())
}

/// The `use` section must be consistent: compute figures the EU AI Act test
/// divides and compares, and a kind of trained model only where outputs
/// train one.
fn validate_usage(subject: &Subject) -> Result<()> {
    let usage = &subject.sections.usage;
    if let Some(fine_tune) = &usage.fine_tune {
        for (field, flop) in
            [("compute_flop", fine_tune.compute_flop), ("base_compute_flop", fine_tune.base_compute_flop)]
        {
            if flop.is_some_and(|flop| flop < 0.0) {
                return Err(subject.error(
                    &format!("/use/fine_tune/{field}"),
                    format!("{field} must not be negative"),
                    None,
                ));
            }
        }
        if fine_tune.base_compute_flop == Some(0.0) {
            // A third of nothing would make any modification significant.
            return Err(subject.error(
                "/use/fine_tune/base_compute_flop",
                "base_compute_flop must be greater than 0: it is the original model's training compute",
                Some("leave it out (null) when the original's provider does not state it".into()),
            ));
        }
    }
    let distills = usage.fine_tune.as_ref().is_some_and(|f| f.method == FineTuneMethod::Distillation);
    if usage.outputs_trained_model.is_some() && !usage.outputs_train_other_models && !distills {
        // A kind of trained model without training would be judged as no
        // training at all: say so rather than pass a contradiction.
        return Err(subject.error(
            "/use/outputs_trained_model",
            "outputs_trained_model is set, but outputs_train_other_models is false",
            Some("set `outputs_train_other_models: true` when outputs train another model, or remove the kind".into()),
        ));
    }
    // Identifying people by their biometric data processes personal data by
    // definition (GDPR Art. 4(14)); with no personal class no privacy rule
    // would apply, and the proposal would pass them all.
    let personal = [DataClass::Pii, DataClass::Phi, DataClass::EuPersonal, DataClass::SpecialCategory];
    let biometric = usage.purposes.contains(&Purpose::BiometricIdentification);
    if biometric && !subject.sections.data.classes.iter().any(|class| personal.contains(class)) {
        return Err(subject.error(
            "/data/classes",
            "use.purposes has `biometric_identification`, but data.classes has no class of personal data: \
             biometric data that identifies people is personal data",
            Some(
                "add `pii` to data.classes (`eu_personal` too when the people are in the EU/EEA, \
                 `special_category` for GDPR Art. 9 data)"
                    .into(),
            ),
        ));
    }
    Ok(())
}

/// The deployment's kind, provider, service and region ids must describe
/// one endpoint: an API run by a vendor is not on the organisation's own
/// premises, and a service or a region id belongs to the provider that runs
/// it. Otherwise rules would judge an endpoint that does not exist (a vendor
/// API read as on-premises passes every contract check).
fn validate_endpoint(subject: &Subject, vocabulary: &Vocabulary) -> Result<()> {
    let deployment = &subject.sections.deployment;
    let provider = deployment.provider.as_str();
    let provider_kind = vocabulary.provider_kinds.get(provider).map(String::as_str);
    if provider_kind == Some("self") && deployment.kind != DeploymentKind::SelfHosted {
        return Err(subject.error(
            "/deployment/provider",
            format!(
                "provider `{provider}` is the organisation's own premises, but deployment.kind `{}` is an endpoint \
                 a third party runs",
                deployment.kind.name()
            ),
            Some("name the provider that runs the endpoint (e.g. `openai`, `azure`, `together`)".to_string()),
        ));
    }
    if let Some(service) = &deployment.service {
        if let Some(owner) = vocabulary.service_providers.get(service) {
            if owner != provider && vocabulary.providers.contains(provider) {
                return Err(subject.error(
                    "/deployment/service",
                    format!("service `{service}` is offered by provider `{owner}`, not `{provider}`"),
                    Some(format!("set deployment.provider to `{owner}`, or name a service of `{provider}`")),
                ));
            }
        }
    }
    for (i, region) in deployment.regions.iter().enumerate() {
        if let Some(owner) = vocabulary.region_providers.get(region) {
            if owner != provider && provider_kind == Some("cloud") {
                return Err(subject.error(
                    &format!("/deployment/regions/{i}"),
                    format!("region `{region}` is a region of `{owner}`, not of provider `{provider}`"),
                    Some("name the provider's own region id, or a country code".to_string()),
                ));
            }
        }
    }
    Ok(())
}

/// The most base models a lineage may chain through.
const MAX_LINEAGE: usize = 8;

fn resolve_model(subject: &mut Subject, catalog: &Catalog) -> Result<()> {
    let model = subject.sections.model.clone();
    if let Some(path) = &model.card {
        subject.card = Some(read_card(subject, catalog, path)?);
    }
    // A card that declares a license the catalog does not know binds an
    // unknown license: the policies fail it closed.
    let card_license = subject.card.as_ref().and_then(|c| card_binding(catalog, c));
    if model.id.is_none() && model.license.is_none() && card_license.is_none() {
        return Err(subject.error(
            "/model",
            "the model needs an `id` from the catalog, a `license`, or a `card` that declares one",
            None,
        ));
    }
    if let Some(id) = &model.id {
        subject.model = catalog.model(id).cloned();
        if subject.model.is_none() && model.license.is_none() && card_license.is_none() {
            // A derivative of a catalog model: name the license to declare
            // rather than suggest its base as a near-miss id.
            if let Some(base) = model.base_model.as_deref().and_then(|b| catalog.model(b)) {
                return Err(subject.error(
                    "/model/id",
                    format!(
                        "unknown model `{id}`: not in the catalog, so a derivative needs `model.license`, the license \
                         it is published under"
                    ),
                    Some(format!(
                        "its base {} is under {}: declare that, or `<its own> AND {}`",
                        base.id, base.license, base.license
                    )),
                ));
            }
            if let Some(card) = &subject.card {
                return Err(subject.error(
                    "/model/card",
                    format!(
                        "unknown model `{id}`, and its model card ({}) declares no license: give `model.license`",
                        card.path
                    ),
                    None,
                ));
            }
            return Err(subject.error(
                "/model/id",
                format!("unknown model `{id}`: not in the catalog (give `model.license` for a model outside it)"),
                catalog.suggest_model(id),
            ));
        }
    }
    // Through the vendor's API or a cloud marketplace, the vendor's
    // commercial terms bind instead of the weights license, as long as the
    // API is all that is used. Weights (or a fine-tune of them) given to
    // others can only come from the downloaded weights, which the weights
    // license governs: then both bind.
    let hosted = matches!(subject.sections.deployment.kind, DeploymentKind::VendorApi | DeploymentKind::ManagedCloud);
    let weights_leave = subject.sections.distribution.weights;
    subject.catalog_license = subject.model.as_ref().map(|record| match (&record.api_license, hosted) {
        (Some(api), true) if weights_leave => format!("{} AND {}", grouped(api), grouped(&record.license)),
        (Some(api), true) => api.clone(),
        _ => record.license.clone(),
    });
    let catalog_license = match &subject.catalog_license {
        Some(text) => Some(expr::parse(catalog, text).map_err(|e| subject.error("/model/id", e.message, e.hint))?),
        None => None,
    };
    let declared = match (&model.license, &card_license) {
        (Some(text), _) => {
            subject.license_source = "proposal";
            Some(expr::parse(catalog, text).map_err(|e| subject.error("/model/license", e.message, e.hint))?)
        }
        (None, Some(id)) => {
            subject.license_source = "card";
            Some(expr::parse(catalog, id).map_err(|e| subject.error("/model/card", e.message, e.hint))?)
        }
        (None, None) => None,
    };
    // A license declared for a catalog model does not replace the catalog's:
    // both are judged (a separate agreement with the licensor is a waiver).
    let own = match (declared, catalog_license) {
        (Some(declared), Some(catalog_license)) => {
            declared.and(&catalog_license).map_err(|e| subject.error("/model/license", e.message, e.hint))?
        }
        (Some(only), None) | (None, Some(only)) => only,
        (None, None) => unreachable!("checked above"),
    };
    // Every base named anywhere binds (DESIGN §3): the proposal's, the
    // card's and the catalog record's add up, none replaces another, so a
    // card that names a Llama base still binds its license when the proposal
    // names another base. A card base outside the catalog is taken to be
    // the one `model.base_model` names, when it names one; a card that names
    // the model itself as its base (some mirrors and quantizations do) adds
    // nothing, and an unmodified catalog model does not become a derivative.
    let mut bases: Vec<Arc<ModelRecord>> = Vec::new();
    if let Some(id) = &model.base_model {
        bases.push(catalog.model(id).cloned().ok_or_else(|| {
            subject.error(
                "/model/base_model",
                format!("unknown base model `{id}`: not in the catalog"),
                catalog.suggest_model(id),
            )
        })?);
    }
    let mut card_bases = Vec::new();
    if let Some(card) = &subject.card {
        let itself = |id: &str| model.id.as_deref().is_some_and(|own| own.eq_ignore_ascii_case(id));
        for (i, id) in card.base_models.iter().enumerate() {
            match catalog.model(id) {
                Some(base) => {
                    let same = subject.model.as_ref().is_some_and(|m| Arc::ptr_eq(m, base));
                    if !same && !itself(id) {
                        bases.push(base.clone());
                        card_bases.push(base.id.clone());
                    }
                }
                None if itself(id) || model.base_model.is_some() => {}
                None => {
                    let hint = catalog
                        .suggest_model(id)
                        .unwrap_or_else(|| "set model.base_model to the catalog model it derives from".to_string());
                    return Err(card.base_model_error(
                        i,
                        format!(
                            "the model card's base model `{id}` is not in the catalog: its license cannot be known \
                             (the card is model.card at {})",
                            subject.locate("/model/card")
                        ),
                        Some(hint),
                    ));
                }
            }
        }
    }
    if let Some(card) = &mut subject.card {
        card.base_ids = card_bases;
    }
    if let Some(base) =
        subject.model.as_ref().and_then(|m| m.base_model.as_ref()).and_then(|id| catalog.model(id).cloned())
    {
        bases.push(base);
    }
    let mut license = own;
    let mut queue = bases;
    while !queue.is_empty() {
        let record = queue.remove(0);
        if subject.lineage.len() == MAX_LINEAGE || subject.lineage.iter().any(|m| m.id == record.id) {
            continue;
        }
        let base_license =
            expr::parse(catalog, &record.license).map_err(|e| subject.error("/model/base_model", e.message, e.hint))?;
        license = license.and(&base_license).map_err(|e| subject.error("/model", e.message, e.hint))?;
        if let Some(next) = record.base_model.as_ref().and_then(|id| catalog.model(id).cloned()) {
            queue.push(next);
        }
        subject.lineage.push(record);
    }
    subject.license = license;
    Ok(())
}

/// A license expression as an operand of AND: in parentheses when it has an
/// OR, which binds looser.
fn grouped(expression: &str) -> String {
    if expression.to_ascii_uppercase().contains(" OR ") {
        format!("({expression})")
    } else {
        expression.to_string()
    }
}

/// Reads a model card named by the proposal and resolves its declared
/// license through the catalog. A declaration the catalog does not know
/// stays `declared: null` (the policies fail it closed); a card without a
/// license declares nothing.
fn read_card(subject: &Subject, catalog: &Catalog, path: &str) -> Result<ModelCard> {
    let proposal_file = std::path::Path::new(&subject.document.file.path);
    let base = proposal_file.parent().unwrap_or(std::path::Path::new(""));
    let full = crate::source::lexically_normal(&base.join(path));
    let display = full.to_string_lossy().replace('\\', "/");
    check_card_place(subject, path, &full, base)?;
    let mut card = card::read(&full, display.clone()).map_err(|e| {
        if e.kind() == crate::error::ErrorKind::Io {
            // Why, and where it was looked for: the path is taken from the
            // proposal's directory, not the working directory.
            let prefix = format!("{display}: cannot read: ");
            let reason = e.message().strip_prefix(&prefix).unwrap_or(e.message());
            subject.error(
                "/model/card",
                format!("cannot read model card `{path}`: {reason}"),
                Some(format!("a card's path is taken from the proposal's directory: here {display}")),
            )
        } else {
            e
        }
    })?;
    card.declared = card_declared(catalog, &card);
    Ok(card)
}

/// A card must sit in the working directory or in the proposal's directory
/// (below them, symbolic links followed). Its path comes from the proposal's
/// text, which a gate on pull requests does not trust, and a card that does
/// not parse is quoted in the error: `card: /home/runner/.ssh/id_rsa` would
/// put a line of that file in the CI log.
fn check_card_place(
    subject: &Subject,
    path: &str,
    full: &std::path::Path,
    proposal_dir: &std::path::Path,
) -> Result<()> {
    // A card that does not exist is the reader's error, said there.
    let Ok(card) = std::fs::canonicalize(full) else { return Ok(()) };
    let proposal_dir = if proposal_dir.as_os_str().is_empty() { std::path::Path::new(".") } else { proposal_dir };
    let within = |dir: &std::path::Path| std::fs::canonicalize(dir).is_ok_and(|dir| card.starts_with(dir));
    if within(std::path::Path::new(".")) || within(proposal_dir) {
        return Ok(());
    }
    Err(subject.error(
        "/model/card",
        format!(
            "model card `{path}` is outside the working directory and the proposal's directory (it resolves to {})",
            card.display()
        ),
        Some(
            "a proposal may name only a card below the working directory or its own directory: copy the card into the \
             repository, or run modelgate from a directory that holds it"
                .into(),
        ),
    ))
}

/// What a card's label names in the catalog: the license id it resolves to
/// (`license_name` is free text: case, spaces, `-` and `_` are alike), or an
/// SPDX expression of catalog licenses written in `license:` (`apache-2.0 OR
/// mit`), canonical. `None` when it names a license modelgate has no record of.
fn card_declared(catalog: &Catalog, card: &ModelCard) -> Option<String> {
    let name = card.declared_name()?;
    if let Some(id) = catalog.license_id_for_label(name) {
        return Some(id.to_string());
    }
    let parsed = expr::parse(catalog, name).ok()?;
    let known = parsed.alternatives.iter().flatten().all(|id| catalog.license(id).is_some());
    known.then_some(parsed.canonical)
}

/// The license expression a card binds the model under, when it declares
/// one: what it names in the catalog; else an SPDX or `LicenseRef-` id
/// outside the catalog, kept so that LIC-UNKNOWN names it; else (`unknown`,
/// a label modelgate cannot read, or `license: other` with no
/// `license_name`) `NOASSERTION`, which fails closed.
fn card_binding(catalog: &Catalog, card: &ModelCard) -> Option<String> {
    let Some(name) = card.declared_name() else {
        return card.says_other().then(|| expr::NOASSERTION.to_string());
    };
    if let Some(declared) = &card.declared {
        return Some(declared.clone());
    }
    match expr::parse(catalog, name) {
        Ok(parsed) if !name.eq_ignore_ascii_case("unknown") => Some(parsed.canonical),
        _ => Some(expr::NOASSERTION.to_string()),
    }
}
