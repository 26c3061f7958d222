# RES-AIRGAP: an air-gapped site has no path to any outside network. Only a
# self-hosted deployment with locally staged weights fits, and nothing may
# phone home (usage statistics, online license checks, runtime downloads).
# A hybrid system's router serves all its routes, so a connected route
# bridges the air gap of its air-gapped siblings. A design conclusion
# rather than a statute; the vLLM and Hugging Face
# documentation name the switches.
package modelgate.rules.residency.airgap

import rego.v1

meta := {
	"id": "RES-AIRGAP",
	"title": "Air-gapped: self-hosted, local weights, nothing phones home",
	"severity": "critical",
	"category": "residency",
	"citation": {
		"document": "vLLM usage statistics collection (air-gap baseline)",
		"section": "Opting out",
		"url": "https://docs.vllm.ai/en/latest/usage/usage_stats.html",
	},
	"description": concat(" ", [
		"A deployment on an air-gapped network must be self-hosted with weights staged locally, so a",
		"model reachable only through an API cannot be used, and no telemetry, usage statistics or",
		"online license check may leave the site. One router serves every route of a hybrid system, so",
		"a route that reaches any other network breaks the air gap of the system's air-gapped routes.",
	]),
	"remediation": "Choose an open-weight model, stage its weights offline, and serve it on the air-gapped network.",
}

default applies := false

applies if _on_site

# A route of a hybrid system whose router also serves an air-gapped route.
applies if count(_air_gapped_siblings) > 0

_on_site if input.deployment.network == "air_gapped"

_air_gapped_siblings := object.get(input, ["resolved", "air_gapped_siblings"], [])

deny contains v if {
	_on_site
	input.deployment.kind != "self_hosted"
	v := {
		"msg": sprintf(
			"an air-gapped site cannot reach a %s endpoint operated by %s",
			[input.deployment.kind, input.deployment.provider],
		),
		"path": "/deployment/kind",
	}
}

deny contains v if {
	_on_site
	input.resolved.model.weights_available == false
	v := {
		"msg": sprintf(
			"%s is offered only as an API: its weights cannot be staged on the air-gapped site",
			[input.resolved.model.name],
		),
		"path": "/model/id",
	}
}

# Telemetry matters for what runs on the site; an endpoint off the site
# already fails above, and a telemetry finding on top would be noise.
deny contains v if {
	_on_site
	input.deployment.kind == "self_hosted"
	input.deployment.telemetry != false
	v := {
		"msg": "telemetry is not declared off: usage statistics or online checks would try to leave the air-gapped site",
		"path": "/deployment/telemetry",
		"remediation": concat(" ", [
			"Turn telemetry off and declare deployment.telemetry: false (for vLLM set VLLM_NO_USAGE_STATS=1",
			"and DO_NOT_TRACK=1; for Hugging Face libraries set HF_HUB_OFFLINE=1).",
		]),
	}
}

warn contains v if {
	_on_site
	input.resolved.model == null
	v := {
		"msg": "the model is not in the catalog: modelgate cannot confirm its weights can be staged locally",
		"path": "/model/id",
		"remediation": "Confirm the weights are on local storage and record the checksum.",
	}
}

warn contains v if {
	_on_site
	input.deployment.kind == "self_hosted"
	input.deployment.provider != "on_prem"
	v := {
		"msg": sprintf(
			"an air-gapped deployment hosted by %s: confirm the enclave has no route to other networks",
			[input.deployment.provider],
		),
		"path": "/deployment/provider",
		"remediation": "Document the isolation of the cloud enclave (for example an isolated government region).",
	}
}

_siblings_phrase := sprintf("route %s of this system runs", [_air_gapped_siblings[0]]) if count(_air_gapped_siblings) == 1

_siblings_phrase := sprintf("routes %s of this system run", [concat(", ", sort(_air_gapped_siblings))]) if count(_air_gapped_siblings) > 1

_reaches := {"internet": "the internet", "private": "a private network"}

# One router serves every route of a proposal: if it can send traffic to a
# connected endpoint, the air-gapped routes are no longer cut off.
deny contains v if {
	not _on_site
	count(_air_gapped_siblings) > 0
	v := {
		"msg": sprintf(
			"%s on an air-gapped network, but this route reaches %s: a router that serves both bridges the air gap",
			[_siblings_phrase, _reaches[input.deployment.network]],
		),
		"path": "/deployment/network",
		"remediation": concat(" ", [
			"Serve this route on the air-gapped site too (self-hosted, weights staged locally),",
			"or split the air-gapped traffic into its own system with its own router on the site.",
		]),
	}
}

obligations contains o if {
	_on_site
	o := "Stage the weights offline, verify their checksums, and set HF_HUB_OFFLINE=1 so nothing is fetched at run time"
}
