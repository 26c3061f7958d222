# ADV-OPERATIONS: self-hosting a model means running GPU serving, monitoring, upgrades
# and on-call; a proposal that self-hosts without declaring ML-ops capacity
# (team.mlops) gets a warning.
package modelgate.rules.advisory.operations

import data.modelgate.lib.advisory as fmt
import rego.v1

meta := {
	"id": "ADV-OPERATIONS",
	"title": "ML-ops capacity for self-hosting",
	"severity": "low",
	"category": "advisory",
	"citation": {
		"document": "Self-Host an Open Model or Call an API? A Cost-and-Risk Decision Tree (Practical AI Radar)",
		"section": "Finally, operations",
		"url": "https://practicalairadar.com/papers/self-host-open-model-vs-api-decision-tree",
	},
	"description": concat(" ", [
		"A self-hosted model needs a team to run its serving stack: GPU drivers and capacity, the",
		"inference server and its upgrades, monitoring and on-call. Warns when a self-hosted proposal",
		"declares no ML-ops capacity (team.mlops none or absent).",
	]),
	"remediation": concat(" ", [
		"Name the team that will run the serving stack in team.mlops, or use the model through a",
		"hosted API or a managed cloud.",
	]),
}

default applies := false

applies if input.deployment.kind == "self_hosted"

_level := input.team.mlops if input.team != null

_has_capacity if {
	_level != null
	_level != "none"
}

warn contains v if {
	not _has_capacity
	v := object.union({
		"msg": sprintf("%s self-hosts %s but %s: nobody is named to run GPU serving, upgrades, monitoring and on-call", [
			input.metadata.name, _model, _declared,
		]),
		"path": _path,
	}, _fix)
}

# The rule's remediation offers a hosted API or a managed cloud; where the
# proposal's own constraints rule every API out, the fix is a team only.
_fix := {} if count(fmt.api_constraints) == 0

_fix := {"remediation": sprintf(
	"Name the team that will run the serving stack in team.mlops: %s, so the model has to be run in-house.",
	[fmt.api_ruled_out],
)} if {
	count(fmt.api_constraints) > 0
}

_path := "/team/mlops" if input.team != null

_path := "/deployment/kind" if input.team == null

default _declared := "declares no ML-ops capacity (team.mlops)"

_declared := "team.mlops is none" if _level == "none"

_model := input.model.id if input.model.id != null

_model := "its model" if input.model.id == null

obligations contains text if {
	_has_capacity
	text := sprintf("team.mlops %s: keep GPU capacity, serving upgrades, monitoring and on-call staffed for %s", [_level, _model])
}
