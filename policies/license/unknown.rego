# LIC-UNKNOWN: fail closed on a license modelgate cannot read. A license id
# without a catalog record ("known": false), and the SPDX placeholders
# NOASSERTION (nobody has said what the license is) and NONE (no license
# grants anything), leave every term unknown, so nothing may pass on them.
# Catalog models only name licenses that have records (the catalog is checked
# when it loads), so the rule applies to licenses a proposal declares, and to
# any license without a record however it arrived. A record marked
# `unverified` (its terms were not read) warns: a pass on it is provisional.
# So does a catalog model whose license was not confirmed on its card, when
# its license binds: the model's own (unless the proposal declares one), and
# always a derivative's base, whose license binds whatever the derivative is
# declared under.
# API terms that name the services they govern (`governed_services`) and do
# not govern the service the proposal uses (the Gemini API terms for Gemini
# on Vertex AI) are not applied by any rule (modelgate.lib.licenses
# out_of_scope): the terms that do govern are not in the catalog, so this
# rule warns, naming the service, and nothing passes on them silently.
# A deployment the catalog's record of the model does not list (a managed
# cloud other than those it names, another vendor's API, or a hosted
# open-model API for a model whose weights are not available) warns too: the
# catalog has no record that the model is offered there, nor of the terms it
# would be offered under, and the service facts the other rules apply are the
# service's, not the model's. A warning, not a failure: the catalog lists the
# offerings its sources named, and a cloud may add a model before it does.
# Self-hosting a model without weights is LIC-SELF-HOSTING's.
# A feature the proposal uses that needs a modality the model's record does
# not list (image input to a model recorded as taking text only) warns the
# same way: the catalog has no record of that use, and the terms that turn on
# modalities (the Llama 3.2 and Llama 4 clause on multimodal models,
# LIC-GEOGRAPHIC) were judged on the record's.
package modelgate.rules.license.unknown

import rego.v1

meta := {
	"id": "LIC-UNKNOWN",
	"title": "Unknown license, or license terms not checked (fail closed)",
	"severity": "critical",
	"category": "license",
	"citation": {
		"document": "SPDX Specification 2.3, License Expressions",
		"section": "Annex D",
		"url": "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/",
	},
	"description": concat(" ", [
		"Every binding license must have a record in the catalog: a license id modelgate does not",
		"know, NOASSERTION or NONE leaves its terms unknown, and an unknown term is never a pass; a",
		"record whose terms were not read (verification: unverified), a catalog model whose license",
		"was not confirmed on its card, or a deployment the model's catalog record does not list (a",
		"cloud, API or hosted service its sources do not name), or a feature needing a modality the",
		"record does not list (image input to a text-only model), is a warning.",
	]),
	"remediation": concat(" ", [
		"Find the model's actual license and declare it in model.license by its SPDX or catalog id,",
		"adding a record under licenses/ if the catalog lacks it.",
	]),
}

default applies := false

applies if input.resolved.license.source == "proposal"

applies if count(data.modelgate.lib.licenses.unknown) > 0

applies if count(_unverified) > 0

applies if count(data.modelgate.lib.licenses.out_of_scope) > 0

applies if _model_unverified

applies if count(_unverified_bases) > 0

applies if _unlisted_deployment

applies if count(_unlisted_modalities) > 0

# The license comes from a catalog model record that was not checked against
# the model's card: a license the proposal declares overrides it.
_model_unverified if {
	input.resolved.license.source == "catalog"
	input.resolved.model.verification == "unverified"
}

# The models a derivative derives from (resolved.lineage) whose catalog record
# did not confirm their license. A base's license binds the derivative whatever
# license the derivative is declared under (DESIGN §3), so it always comes from
# the catalog: a declared model.license never takes its place.
_unverified_bases := [base |
	some base in object.get(input.resolved, "lineage", [])
	base.verification == "unverified"
]

_base_path := "/model/base_model" if input.model.base_model != null

_base_path := "/model/id" if input.model.base_model == null

# Binding records whose terms were not read: what passes on them is provisional.
_unverified := [license | some license in data.modelgate.lib.licenses.known; license.verification == "unverified"]

_why(id) := "nobody has stated what license covers the model (SPDX NOASSERTION)" if id == "NOASSERTION"

_why(id) := "it is declared to be under no license (SPDX NONE), so no right to use it is granted" if id == "NONE"

_why(id) := sprintf("%s has no record in the license catalog, so none of its terms can be checked", [id]) if {
	not id in {"NOASSERTION", "NONE"}
}

deny contains v if {
	some license in data.modelgate.lib.licenses.unknown
	v := {
		"msg": sprintf("the license of %s cannot be judged: %s", [data.modelgate.lib.licenses.model_label, _why(license.id)]),
		"path": data.modelgate.lib.licenses.source_path,
		"license": license.id,
		"citation": data.modelgate.lib.licenses.unknown_citation(license),
	}
}

warn contains v if {
	some license in _unverified
	v := {
		"msg": sprintf(
			"modelgate's record of the %s is unverified: its terms were not read from the source, so every finding on them is provisional",
			[license.name],
		),
		"path": data.modelgate.lib.licenses.source_path,
		"license": license.id,
		"citation": {"document": license.name, "section": "the whole document", "url": license.url},
		"remediation": "Have counsel read the terms (the record's sources list what was read), or choose a model whose license record is verified.",
	}
}

warn contains v if {
	_model_unverified
	model := input.resolved.model
	v := {
		"msg": sprintf(
			"modelgate's record that %s is under %s is unverified: the license its card names was not confirmed, so every finding on the model's license is provisional",
			[model.name, input.resolved.license.expression],
		),
		"path": "/model/id",
		"citation": {"document": sprintf("%s model card", [model.name]), "section": "license", "url": model.source},
		"remediation": "Confirm the license on the model's card or repository and declare it in model.license (a declared license takes the catalog's place), or choose a model whose catalog record is verified.",
	}
}

warn contains v if {
	some base in _unverified_bases
	v := {
		"msg": sprintf(
			"%s derives from %s, and modelgate's record that %s is under %s is unverified: the license its card names was not confirmed, yet it binds the derivative whatever the derivative is declared under, so every finding on it is provisional",
			[data.modelgate.lib.licenses.model_label, base.id, base.name, base.license],
		),
		"path": _base_path,
		"citation": {"document": sprintf("%s model card", [base.name]), "section": "license", "url": base.source},
		"remediation": "Confirm the base model's license on its card or repository (and correct its catalog record), or derive from a model whose catalog record is verified.",
	}
}

warn contains v if {
	some license in data.modelgate.lib.licenses.out_of_scope
	service := data.modelgate.lib.provider.input_service_id
	v := {
		"msg": sprintf(
			"the scope of the %s is %s only, not %s (provider %s), where %s is used: the terms that govern %s on that service are not in the catalog, so no terms of use for the model there were checked",
			[
				license.name, concat(", ", license.governed_services), service, input.deployment.provider,
				data.modelgate.lib.licenses.model_label, data.modelgate.lib.licenses.model_label,
			],
		),
		"path": _service_path,
		"license": license.id,
		"citation": {"document": license.name, "section": "scope", "url": license.url},
		"remediation": sprintf(
			"Check the cloud provider's service terms for %s (use restrictions, outputs, data use) and keep that review with the proposal, or add a record of those terms to the catalog.",
			[service],
		),
	}
}

# The deployment the catalog's record of the model does not list.
_unlisted_deployment if _unlisted_kind

_unlisted_deployment if _unlisted_vendor

_unlisted_deployment if _unlisted_cloud

# A kind the model is not offered in (a closed model on a hosted open-model
# API). The kinds are bound first: `not x in ref` reads an undefined ref as
# true in regorus.
_unlisted_kind if {
	is_object(input.resolved.model)
	kinds := input.resolved.model.deployment_kinds
	is_array(kinds)
	input.deployment.kind != "self_hosted"
	not input.deployment.kind in kinds
}

# A vendor's API is the vendor's own: the model through another provider's.
_unlisted_vendor if {
	is_object(input.resolved.model)
	kinds := input.resolved.model.deployment_kinds
	is_array(kinds)
	input.deployment.kind == "vendor_api"
	"vendor_api" in kinds
	input.deployment.provider != input.resolved.model.vendor
}

# A managed cloud other than those the record names (records that name none
# do not say which clouds offer the model, and are not judged).
_unlisted_cloud if {
	input.deployment.kind == "managed_cloud"
	is_object(input.resolved.model)
	clouds := input.resolved.model.managed_clouds
	is_array(clouds)
	count(clouds) > 0
	not _listed_cloud(clouds)
}

_listed_cloud(clouds) if {
	some cloud in clouds
	cloud.provider == input.deployment.provider
	cloud.service == data.modelgate.lib.provider.input_service_id
}

# Where the record says the model is offered, for the message.
_offerings := concat(", ", [_offering(kind) | some kind in input.resolved.model.deployment_kinds])

_offering(kind) := sprintf("the vendor's API (%s)", [input.resolved.model.vendor]) if kind == "vendor_api"

_offering(kind) := concat(", ", [sprintf("%s (%s)", [cloud.service, cloud.provider]) | some cloud in input.resolved.model.managed_clouds]) if {
	kind == "managed_cloud"
	count(object.get(input.resolved.model, "managed_clouds", [])) > 0
}

_offering(kind) := "managed clouds" if {
	kind == "managed_cloud"
	count(object.get(input.resolved.model, "managed_clouds", [])) == 0
}

_offering(kind) := "hosted open-model APIs" if kind == "hosted_open_api"

_offering(kind) := "self-hosting" if kind == "self_hosted"

_deployment_label := sprintf("%s (provider %s)", [data.modelgate.lib.provider.input_service_id, input.deployment.provider]) if {
	data.modelgate.lib.provider.input_service_id
}

_deployment_label := sprintf("provider %s", [input.deployment.provider]) if not data.modelgate.lib.provider.input_service_id

_unlisted_path := "/deployment/kind" if _unlisted_kind

_unlisted_path := "/deployment/provider" if not _unlisted_kind

warn contains v if {
	_unlisted_deployment
	v := {
		"msg": sprintf(
			"the catalog records %s as offered only through %s, not as %s through %s: whether the model is offered there, and under which terms, is not recorded, so no terms of use for it there were checked, and the other rules judged the service's facts, not the model's",
			[data.modelgate.lib.licenses.model_label, _offerings, input.deployment.kind, _deployment_label],
		),
		"path": _unlisted_path,
		"citation": {"document": sprintf("%s model record", [data.modelgate.lib.licenses.model_label]), "section": "deployment_kinds, managed_clouds", "url": input.resolved.model.source},
		"remediation": concat(" ", [
			"Check that the provider offers the model (its model list) and read the terms it offers it",
			"under; if it does, add the offering to the model's record in licenses/models.yaml",
			"(deployment_kinds, managed_clouds), or choose one of the recorded offerings.",
		]),
	}
}

_service_path := data.modelgate.lib.provider.input_service_path

# The modality each modality-bound feature needs (proposal `deployment.features`).
_feature_modality := {"image_input": "image", "audio": "audio"}

# Each declared feature that needs a modality the model's catalog record does
# not list: [index in deployment.features, feature, modality]. The features
# are bound first: regorus reads `some x in` an undefined ref as nothing.
_unlisted_modalities contains [i, feature, modality] if {
	model := input.resolved.model
	is_object(model)
	features := input.deployment.features
	is_array(features)
	some i, feature in features
	modality := _feature_modality[feature]
	not _records_modality(model, modality)
}

_records_modality(model, modality) if modality in model.input_modalities

# Audio covers speech out as well as in (realtime audio).
_records_modality(model, "audio") if "audio" in model.output_modalities

warn contains v if {
	some [i, feature, modality] in _unlisted_modalities
	model := input.resolved.model
	v := {
		"msg": sprintf(
			"deployment.features lists %s, but the catalog records %s as taking %s input (and giving %s output), not %s: whether the model takes it, and the terms that depend on it, is not recorded, so the license rules judged the recorded modalities",
			[
				feature, data.modelgate.lib.licenses.model_label, concat(", ", model.input_modalities),
				concat(", ", model.output_modalities), modality,
			],
		),
		"path": sprintf("/deployment/features/%d", [i]),
		"citation": {"document": sprintf("%s model record", [data.modelgate.lib.licenses.model_label]), "section": "input_modalities, output_modalities", "url": model.source},
		"remediation": concat(" ", [
			"Check the model's card: choose a model whose record lists the modality, drop the feature if",
			"it is not used, or correct the model's record (input_modalities, output_modalities) in",
			"licenses/models.yaml or your --catalog directory.",
		]),
	}
}
