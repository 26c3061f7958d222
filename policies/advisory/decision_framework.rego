# ADV-DECISION-FRAMEWORK: the open-vs-closed decision framework. Six dimensions,
# each scored 1 (favours a closed model through an API) to 5 (favours an open-weight
# model on your own infrastructure), are derived from the proposal's own facts; their
# total picks a recommendation, which is compared with the proposal's deployment.
# Scores, bands and recommendations are data (data.yaml, `framework`).
package modelgate.rules.advisory.decision_framework

import data.modelgate.lib.advisory as fmt
import rego.v1

_facts := data.modelgate.facts.advisory.framework

_dims := _facts.dimensions

meta := {
	"id": "ADV-DECISION-FRAMEWORK",
	"title": "Open-weight or closed API: the six-dimension decision framework",
	"severity": "info",
	"category": "advisory",
	"citation": {
		"document": "Open-Weight vs Closed LLMs: Cost, Control, and Privacy (DeployCue, 2026-06-20)",
		"section": "Cost structure; data privacy; self-host vs API",
		"url": "https://deploycue.com/blog/open-weight-vs-closed-llms/",
	},
	"description": concat(" ", [
		"Scores capability (workload.task), privacy (data classes, air gap), scale (tokens a day),",
		"operations (team.mlops), customization (use.fine_tune) and latency (budget) from 1, favouring",
		"a closed API, to 5, favouring a self-hosted open-weight model; a total of 6-12 recommends closed",
		"APIs, 13-18 a hybrid, 19-24 open weights first and 25-30 open weights only. Warns when the",
		"recommendation contradicts the proposal's deployment. An air gap or a requirement of no",
		"third-party processing rules out every API, so then it recommends open weights only whatever",
		"the total.",
	]),
	"remediation": concat(" ", [
		"Reconsider the deployment against the recommendation, or record why this proposal departs",
		"from it; the scores and their reasons are listed with the finding.",
	]),
}

default applies := false

applies if input.workload != null

# The dimensions in the order they are reported.
_names := ["capability", "privacy", "scale", "operations", "customization", "latency"]

# _scored[dimension] := {"score": 1..5, "why": text}, for each dimension the
# proposal settles. (Built from one rule per dimension, each null when the
# proposal leaves it unsettled: the bytecode VM does not support partial object
# rules with constant keys, and would keep an undefined value as an entry,
# docs/engine-notes.md.)
_scored := {name: dimension |
	some name, dimension in {
		"capability": _dim_capability,
		"privacy": _dim_privacy,
		"scale": _dim_scale,
		"operations": _dim_operations,
		"customization": _dim_customization,
		"latency": _dim_latency,
	}
	dimension != null
}

default _dim_capability := null

default _dim_privacy := null

default _dim_scale := null

default _dim_operations := null

default _dim_customization := null

default _dim_latency := null

_dim_capability := {"score": score, "why": sprintf("workload.task %s", [task])} if {
	task := input.workload.task
	task != null
	score := _dims.capability.scores[task]
}

_class_score(class, deidentification) := _dims.privacy.deidentified_phi if {
	_deidentified_phi(class, deidentification)
}

_class_score(class, deidentification) := _dims.privacy.scores[class] if {
	not _deidentified_phi(class, deidentification)
}

_deidentified_phi(class, deidentification) if {
	class == "phi"
	deidentification != "none"
}

# Each class with a score (the condition keeps the others out on the bytecode VM too).
_class_scores := [{"class": c, "score": _class_score(c, input.data.deidentification)} |
	some c in input.data.classes
	_class_score(c, input.data.deidentification)
]

_air_gapped if input.deployment.network == "air_gapped"

_network_score := _dims.privacy.air_gapped if _air_gapped

_network_score := 0 if not _air_gapped

_dim_privacy := {"score": score, "why": why} if {
	count(input.data.classes) > 0
	count(_class_scores) == count(input.data.classes) # every class has a score
	score := max({s.score | some s in _class_scores} | {_network_score})
	classes := concat(", ", [sprintf("%s (%d)", [s.class, s.score]) | some s in _class_scores])
	why := sprintf("data classes %s%s", [classes, _air_gap_note])
}

_air_gap_note := sprintf("; air-gapped network (%d)", [_network_score]) if _air_gapped

_air_gap_note := "" if not _air_gapped

_dim_scale := {"score": band.score, "why": why} if {
	tokens := input.workload.tokens_per_day
	tokens != null
	band := fmt.band(_dims.scale.bands, tokens)
	why := sprintf("%s tokens a day (%s)", [fmt.tokens(tokens), band.label])
}

_dim_operations := {"score": score, "why": sprintf("team.mlops %s", [level])} if {
	input.team != null
	level := input.team.mlops
	level != null
	score := _dims.operations.scores[level]
}

_dim_customization := {"score": _dims.customization.none, "why": "no fine-tune (use.fine_tune absent)"} if {
	input.use.fine_tune == null
}

_dim_customization := {"score": score, "why": sprintf("fine-tune method %s", [method])} if {
	input.use.fine_tune != null
	method := input.use.fine_tune.method
	score := _dims.customization.scores[method]
}

_dim_latency := {"score": band.score, "why": why} if {
	budget := input.workload.latency_budget_ms
	budget != null
	band := fmt.band(_dims.latency.bands, budget)
	why := sprintf("budget %d ms (%s)", [budget, band.label])
}

# Dimensions the proposal leaves open, in report order.
_missing := [name | some name in _names; not _scored[name]]

_known_total := sum([_scored[name].score | some name in _names; _scored[name]])

_unknown := count(_missing)

# The total shown: unknown dimensions count as the neutral score.
_total := _known_total + (_unknown * _facts.unknown_score)

# The totals the unknown dimensions allow (each scoring 1 to 5).
_lowest := _known_total + _unknown

_highest := _known_total + (_unknown * 5)

_recommendation(total) := fmt.band(_facts.recommendations, total)

_self_hosted if input.deployment.kind == "self_hosted"

_contradicts(rec) if {
	rec.self_hosted == true
	not _self_hosted
}

_contradicts(rec) if {
	rec.self_hosted == false
	_self_hosted
}

# The proposal's own hard constraints that rule out every third-party API: the
# gating rules (RES-AIRGAP, REQ-NO-THIRD-PARTY) reject any API then, so no sum of
# scores may recommend one. With any of them the framework recommends the band the
# data names (constrained_recommendation) whatever the total.
_constrained if count(fmt.api_constraints) > 0

_forced := rec if {
	some rec in _facts.recommendations
	rec.id == _facts.constrained_recommendation
}

# The totals within reach whose recommendation contradicts the deployment, as
# spans [first, last]: each contradicting band clipped to the reach. A band runs
# from its `from` to just below the next band's (the data lists them in
# ascending order; a test checks it); the last is open-ended. Spans rather than
# every total one by one: a tenth of the VM instructions.
_contradicting_spans := [[first, last] |
	some i, rec in _facts.recommendations
	_contradicts(rec)
	first := max([rec.from, _lowest])
	last := min([_band_last(i), _highest])
	first <= last
]

_band_last(i) := _facts.recommendations[i + 1].from - 1

_band_last(i) := _highest if not _facts.recommendations[i + 1]

_contradicting_count := sum([((span[1] - span[0]) + 1) | some span in _contradicting_spans])

_contradicting_min := min([span[0] | some span in _contradicting_spans])

_contradicting_max := max([span[1] | some span in _contradicting_spans])

_model := input.resolved.model.id if input.resolved.model != null

_model := input.model.id if {
	input.resolved.model == null
	input.model.id != null
}

_model := "its model" if {
	input.resolved.model == null
	input.model.id == null
}

_deployment := sprintf("self-hosts %s", [_model]) if _self_hosted

_deployment := sprintf("calls %s through %s (%s)", [_model, input.deployment.kind, input.deployment.provider]) if {
	not _self_hosted
}

_missing_fields := concat(", ", [fmt.dotted(_dims[name].field) | some name in _missing])

# Certain: every total within reach contradicts the deployment.
warn contains v if {
	not _constrained
	_contradicting_count == (_highest - _lowest) + 1
	rec := _recommendation(_total)
	v := {
		"msg": sprintf("the framework recommends %s (total %d/30%s) but the proposal %s: %s", [
			rec.label, _total, _certain_note, _deployment, rec.advice,
		]),
		"path": "/deployment/kind",
	}
}

_certain_note := "" if _unknown == 0

_certain_note := sprintf(", whatever %s turn out to be", [_missing_fields]) if _unknown > 0

# Possible: some totals within reach contradict the deployment, others do not.
warn contains v if {
	not _constrained
	_contradicting_count > 0
	_contradicting_count < (_highest - _lowest) + 1
	v := {
		"msg": sprintf(
			"%s not declared: the total could be %d to %d, and %s would recommend against a deployment that %s",
			[_missing_fields, _lowest, _highest, _reach, _deployment],
		),
		"path": _dims[_missing[0]].field,
		"remediation": sprintf("Declare %s so the framework can settle its advice.", [_missing_fields]),
	}
}

# Constrained: the proposal's own constraint rules out the API it uses (the
# gating rules fail it too); the unknown dimensions cannot change that.
warn contains v if {
	_constrained
	_contradicts(_forced)
	v := {
		"msg": sprintf(
			"%s, so the framework recommends %s whatever the scores (total %d/30), but the proposal %s: %s",
			[fmt.api_ruled_out, _forced.label, _total, _deployment, _forced.advice],
		),
		"path": "/deployment/kind",
	}
}

_reach := sprintf("a total of %d or more", [_contradicting_min]) if not _self_hosted

_reach := sprintf("a total of %d or less", [_contradicting_max]) if _self_hosted

# One line per dimension, then the total: shown with the finding whatever its status.
obligations contains sprintf("%s %d/5: %s", [_dims[name].label, s.score, s.why]) if {
	some name in _names
	s := _scored[name]
}

obligations contains text if {
	some name in _missing
	text := sprintf("%s unknown, counted as %d/5: %s", [_dims[name].label, _facts.unknown_score, _unknown_why(name)])
}

# data.classes is required, so privacy is unknown only when a class has no score.
_unknown_why(name) := "data.classes has a class without a score" if name == "privacy"

_unknown_why(name) := sprintf("%s not declared", [fmt.dotted(_dims[name].field)]) if name != "privacy"

obligations contains text if {
	rec := _recommendation(_total)
	not _overridden(rec)
	text := sprintf("total %d/30%s: %s, %s", [_total, _range_note, rec.label, rec.advice])
}

# The scores point elsewhere, but a constraint settles it: say both.
obligations contains text if {
	rec := _recommendation(_total)
	_overridden(rec)
	text := sprintf("total %d/30%s: %s by the scores, but %s: %s, %s", [
		_total, _range_note, rec.label, fmt.api_ruled_out, _forced.label, _forced.advice,
	])
}

_overridden(rec) if {
	_constrained
	rec.id != _forced.id
}

_range_note := "" if _unknown == 0

_range_note := sprintf(" (%d to %d with the unknown dimensions)", [_lowest, _highest]) if _unknown > 0
