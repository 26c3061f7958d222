# LIC-SELF-HOSTING: running a model on infrastructure the organisation
# controls (deployment.kind self_hosted, or an air-gapped network) needs its
# weights. A model the catalog lists without downloadable weights (GPT-4o,
# Claude, Gemini) cannot be self-hosted, and API terms that grant no
# self-hosting (`self_hosting.allowed: false`) forbid it whatever copy of the
# weights one might hold. Giving weights to others (distribution.weights)
# needs them just as much, unless what is given is a student trained only on
# the model's outputs. A derivative outside the catalog is judged by its
# nearest base.
package modelgate.rules.license.self_hosting

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-SELF-HOSTING",
	"title": "Self-hosting needs downloadable weights and a license that allows it",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The self-hosting terms of each binding license (example: OpenAI Services Agreement)",
		"section": "3.3(d)",
		"url": "https://openai.com/policies/services-agreement/",
	},
	"description": concat(" ", [
		"A self-hosted or air-gapped deployment needs a model whose weights can be downloaded and a",
		"license that lets the licensee run it on its own infrastructure; API-only models and API",
		"terms grant neither, and an API-only model has no weights to distribute.",
	]),
	"remediation": concat(" ", [
		"Use the vendor's API (deployment.kind: vendor_api) or a managed cloud offering, or choose",
		"an open-weight model to self-host.",
	]),
}

default applies := false

applies if _runs_it

# Giving weights to others needs weights too. A model trained only on the
# outputs (a student distilled from an API model, licenses.outputs_only)
# hands over its own weights, not the catalog model's.
applies if _gives_weights

_gives_weights if {
	input.distribution.weights == true
	not data.modelgate.lib.licenses.outputs_only
}

_runs_it if input.deployment.kind == "self_hosted"

_runs_it if input.deployment.network == "air_gapped"

_where := "on an air-gapped network" if input.deployment.network == "air_gapped"

_where := "on infrastructure the organisation controls" if input.deployment.network != "air_gapped"

# Behind an air gap the vendor's API is out of reach too (RES-AIRGAP): the
# only fix is a model that runs inside it.
_fix := {} if input.deployment.network != "air_gapped"

_fix := {"remediation": concat(" ", [
	"An air-gapped network needs a model that runs inside it: choose an open-weight model whose",
	"license allows self-hosting, or move the workload off the air-gapped network.",
])} if input.deployment.network == "air_gapped"

_kind_path := "/deployment/network" if _network_only

_kind_path := "/deployment/kind" if not _network_only

# An air gap around an endpoint the organisation does not host: the network,
# not the kind, is what rules the model out.
_network_only if {
	input.deployment.network == "air_gapped"
	input.deployment.kind != "self_hosted"
}

deny contains v if {
	_runs_it
	model := data.modelgate.lib.licenses.subject_model
	model.weights_available == false
	v := object.union(
		{
			"msg": sprintf(
				"%s is offered only as a hosted service: its weights cannot be downloaded, so it cannot run %s",
				[model.name, _where],
			),
			"path": "/model/id",
			"citation": {"document": sprintf("%s: vendor's model page", [model.name]), "section": "availability", "url": model.source},
		},
		_fix,
	)
}

deny contains v if {
	_runs_it
	some license in data.modelgate.lib.licenses.known
	term := license.terms.self_hosting
	term.allowed == false
	v := object.union(
		{
			"msg": sprintf(
				"%s grants use of the model only as the vendor's hosted service (section %s): it may not run %s",
				[license.name, term.section, _where],
			),
			"path": _kind_path,
			"license": license.id,
			"citation": licenses.citation(license, term),
		},
		_fix,
	)
}

# An API-only model has no weights to hand over, fine-tuned or not: the
# vendor's fine-tuning keeps the result on its service.
deny contains v if {
	_gives_weights
	model := data.modelgate.lib.licenses.subject_model
	model.weights_available == false
	v := {
		"msg": sprintf(
			"%s is offered only as a hosted service: its weights cannot be downloaded, so there are none to give to others (distribution.weights: true)",
			[model.name],
		),
		"path": "/distribution/weights",
		"citation": {"document": sprintf("%s: vendor's model page", [model.name]), "section": "availability", "url": model.source},
		"remediation": "Distribute an open-weight model (or a fine-tune of one) instead, or offer the API-based product as a hosted service (distribution.weights: false, hosted_service: true).",
	}
}
