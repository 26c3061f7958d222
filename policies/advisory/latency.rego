# ADV-LATENCY: a time-to-first-token budget under the typical network round trip to a
# hosted API cannot be met reliably through one; serving the model next to the
# application (self-hosted) removes that hop. The round trip is data (data.yaml,
# `latency`).
package modelgate.rules.advisory.latency

import rego.v1

_facts := data.modelgate.facts.advisory.latency

meta := {
	"id": "ADV-LATENCY",
	"title": "Latency budget against the API round trip",
	"severity": "low",
	"category": "advisory",
	"citation": {
		"document": "Self-Host an Open Model or Call an API? A Cost-and-Risk Decision Tree (Practical AI Radar)",
		"section": "Then latency and control",
		"url": "https://practicalairadar.com/papers/self-host-open-model-vs-api-decision-tree",
	},
	"description": concat(" ", [
		"A hosted API adds a network round trip of typically 50-200 ms before the model starts.",
		"Warns when workload.latency_budget_ms is below 200 ms and the model is reached through an",
		"API (vendor, hosted open-model or managed cloud) rather than served next to the application.",
	]),
	"remediation": concat(" ", [
		"Serve the model next to the application (self-hosted, in the same region or network), or",
		"relax the latency budget.",
	]),
}

default applies := false

applies if {
	input.workload != null
	is_number(input.workload.latency_budget_ms)
}

_budget := input.workload.latency_budget_ms

_trip := _facts.api_round_trip_ms

_self_hosted if input.deployment.kind == "self_hosted"

warn contains v if {
	not _self_hosted
	_budget < _facts.warn_below_ms
	v := {
		"msg": sprintf(
			"a %d ms budget is under the %d-%d ms a round trip to a hosted API typically takes%s, and %s reaches the model through %s (%s)",
			[_budget, _trip.low, _trip.high, _worse, input.metadata.name, input.deployment.kind, input.deployment.provider],
		),
		"path": "/workload/latency_budget_ms",
	}
}

_worse := ", before the model starts; even the fastest round trip uses it up" if _budget <= _trip.low

_worse := ", before the model starts" if _budget > _trip.low

obligations contains text if {
	not _self_hosted
	_budget >= _facts.warn_below_ms
	text := sprintf(
		"A %d ms budget leaves %d ms for the model after a %d ms round trip: measure time to first token from your region under load",
		[_budget, _budget - _trip.high, _trip.high],
	)
}

obligations contains text if {
	_self_hosted
	text := sprintf(
		"Self-hosted: no API round trip; measure time to first token on the serving hardware under load against the %d ms budget",
		[_budget],
	)
}
