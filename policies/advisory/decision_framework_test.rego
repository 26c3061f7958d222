package modelgate.rules.advisory.decision_framework_test

import data.modelgate.rules.advisory.decision_framework as rule
import rego.v1

# A proposal with every dimension settled: capability 3 (general), privacy 2
# (internal), scale 4 (5M), operations 2 (basic), customization 1 (none),
# latency 3 (800 ms): total 15, hybrid.
_workload := {"task": "general", "tokens_per_day": 5000000, "output_share": 0.2, "latency_budget_ms": 800}

# The base proposal with whole sections replaced by `overrides`.
_input(kind, overrides) := object.union(object.remove(_base(kind), object.keys(overrides)), overrides)

_base(kind) := {
	"model": {"id": "openai/gpt-4o"},
	"deployment": {"kind": kind, "provider": "openai", "network": "internet"},
	"data": {"classes": ["internal"], "deidentification": "none"},
	"use": {"fine_tune": null},
	"workload": _workload,
	"team": {"mlops": "basic"},
	"resolved": {"model": {"id": "openai/gpt-4o"}},
}

test_not_applicable_without_a_workload if {
	not rule.applies with input as _input("vendor_api", {"workload": null})
}

test_applies_with_a_workload if {
	rule.applies with input as _input("vendor_api", {})
}

test_hybrid_passes_either_deployment if {
	count(rule.warn) == 0 with input as _input("vendor_api", {})
	count(rule.warn) == 0 with input as _input("self_hosted", {})
}

test_lists_each_dimension_and_the_total if {
	lines := rule.obligations with input as _input("vendor_api", {})
	count(lines) == 7
	"capability 3/5: workload.task general" in lines
	"privacy 2/5: data classes internal (2)" in lines
	"scale and cost 4/5: 5M tokens a day (5M to 50M tokens a day)" in lines
	"operations 2/5: team.mlops basic" in lines
	"customization 1/5: no fine-tune (use.fine_tune absent)" in lines
	"latency 3/5: budget 800 ms (500 ms to 1 s)" in lines
	some total in lines
	startswith(total, "total 15/30: hybrid, ")
}

# capability 5, privacy 4 (phi), scale 5, operations 5, customization 4, latency 4: 27.
_open_profile := {
	"data": {"classes": ["phi", "pii"], "deidentification": "none"},
	"workload": {"task": "narrow_finetuned", "tokens_per_day": 80000000, "latency_budget_ms": 150},
	"team": {"mlops": "gpu_infra"},
	"use": {"fine_tune": {"method": "full"}},
}

test_warns_when_open_weights_are_recommended_but_an_api_is_used if {
	result := rule.warn with input as _input("vendor_api", _open_profile)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
	contains(v.msg, "open-weight only")
}

test_passes_when_open_weights_are_recommended_and_self_hosted if {
	count(rule.warn) == 0 with input as _input("self_hosted", _open_profile)
	lines := rule.obligations with input as _input("self_hosted", _open_profile)
	some total in lines
	startswith(total, "total 27/30: open-weight only, ")
}

# capability 1, privacy 1, scale 1, operations 1, customization 1, latency 1: 6.
_closed_profile := {
	"data": {"classes": ["public"], "deidentification": "none"},
	"workload": {"task": "frontier_reasoning", "tokens_per_day": 20000, "latency_budget_ms": 5000},
	"team": {"mlops": "none"},
}

test_warns_when_a_closed_api_is_recommended_but_the_model_is_self_hosted if {
	result := rule.warn with input as _input("self_hosted", _closed_profile)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
	contains(v.msg, "closed APIs")
}

test_passes_when_a_closed_api_is_recommended_and_used if {
	count(rule.warn) == 0 with input as _input("vendor_api", _closed_profile)
}

test_hosted_open_api_counts_as_an_api if {
	count(rule.warn) == 1 with input as _input("hosted_open_api", _open_profile)
}

test_band_edges if {
	# 19 is open-weight primary: capability 5, privacy 4, scale 4, operations 2,
	# customization 1, latency 3.
	edge := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"workload": {"task": "narrow_finetuned", "tokens_per_day": 5000000, "latency_budget_ms": 800},
	}
	count(rule.warn) == 1 with input as _input("vendor_api", edge)

	# 18 is still hybrid.
	below := object.union(edge, {"workload": {
		"task": "classification_extraction",
		"tokens_per_day": 5000000,
		"latency_budget_ms": 800,
	}})
	count(rule.warn) == 0 with input as _input("vendor_api", below)
}

test_privacy_takes_the_highest_class_and_the_air_gap if {
	lines := rule.obligations with input as _input("self_hosted", {
		"data": {"classes": ["internal", "pii"], "deidentification": "none"},
		"deployment": {"kind": "self_hosted", "provider": "on_prem", "network": "air_gapped"},
	})
	"privacy 5/5: data classes internal (2), pii (3); air-gapped network (5)" in lines
}

test_deidentified_phi_counts_as_personal_data if {
	lines := rule.obligations with input as _input("self_hosted", {
		"data": {"classes": ["phi"], "deidentification": "safe_harbor"},
	})
	"privacy 3/5: data classes phi (3)" in lines
}

test_customization_follows_the_fine_tune_method if {
	lines := rule.obligations with input as _input("self_hosted", {"use": {"fine_tune": {"method": "qlora"}}})
	"customization 3/5: fine-tune method qlora" in lines
}

test_unknown_dimensions_are_counted_as_three_and_named if {
	partial := {"workload": {"tokens_per_day": 5000000}, "team": null}
	lines := rule.obligations with input as _input("vendor_api", partial)
	"capability unknown, counted as 3/5: workload.task not declared" in lines
	"operations unknown, counted as 3/5: team.mlops not declared" in lines
	"latency unknown, counted as 3/5: workload.latency_budget_ms not declared" in lines

	# privacy 2 + scale 4 + customization 1 + 3 x 3 = 16, reach 10 to 22.
	some total in lines
	startswith(total, "total 16/30 (10 to 22 with the unknown dimensions): hybrid, ")
}

test_warns_when_the_unknown_dimensions_could_contradict if {
	partial := {"workload": {"tokens_per_day": 5000000}, "team": null}
	result := rule.warn with input as _input("vendor_api", partial)
	count(result) == 1
	some v in result
	v.path == "/workload/task"
	contains(v.msg, "a total of 19 or more")
}

test_passes_when_the_unknown_dimensions_cannot_contradict if {
	# Known: privacy 2, scale 1, customization 1, latency 1 = 5; two unknown: 7 to 15,
	# which never reaches 19.
	partial := {"workload": {"tokens_per_day": 1000, "latency_budget_ms": 3000}, "team": null}
	count(rule.warn) == 0 with input as _input("vendor_api", partial)
}

test_certain_contradiction_despite_unknown_dimensions if {
	# Known: privacy 5 (classified), scale 5, customization 4, latency 5 = 19; with
	# two unknown the total is 21 to 29: every value recommends open weights.
	partial := {
		"data": {"classes": ["classified"], "deidentification": "none"},
		"workload": {"tokens_per_day": 90000000, "latency_budget_ms": 50},
		"use": {"fine_tune": {"method": "rlhf"}},
		"team": null,
	}
	result := rule.warn with input as _input("vendor_api", partial)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
	contains(v.msg, "whatever workload.task, team.mlops turn out to be")
}

test_a_class_without_a_score_leaves_privacy_unknown if {
	lines := rule.obligations with input as _input("vendor_api", {"data": {"classes": ["biometric"], "deidentification": "none"}})
	"privacy unknown, counted as 3/5: data.classes has a class without a score" in lines
}

# _contradicting_spans reads each recommendation band as running up to the next
# one's start, so the data must list them in ascending order.
test_recommendation_bands_are_in_ascending_order if {
	recs := data.modelgate.facts.advisory.framework.recommendations
	count(recs) > 1
	every i in numbers.range(1, count(recs) - 1) {
		recs[i - 1].from < recs[i].from
	}
}

# An air gap or a no-third-party requirement rules out every API (RES-AIRGAP,
# REQ-NO-THIRD-PARTY): the closed profile's total of 10 (privacy 5 for the air
# gap) must not recommend the closed API the gate rejects.
_air_gapped := {"deployment": {"kind": "self_hosted", "provider": "on_prem", "network": "air_gapped"}}

test_an_air_gap_is_not_outweighed_by_the_scores if {
	profile := object.union(_closed_profile, _air_gapped)
	count(rule.warn) == 0 with input as _input("self_hosted", profile)
	lines := rule.obligations with input as _input("self_hosted", profile)
	some total in lines
	total == concat("", [
		"total 10/30: closed APIs by the scores, but deployment.network air_gapped rules out every ",
		"third-party API: open-weight only, only an open-weight model on your own infrastructure fits: ",
		"the data, network or workload rules a third-party API out",
	])
}

test_no_third_party_processing_is_not_outweighed_by_the_scores if {
	profile := object.union(_closed_profile, {
		"deployment": {"kind": "self_hosted", "provider": "on_prem", "network": "private"},
		"requirements": {"no_third_party_processing": true},
	})
	count(rule.warn) == 0 with input as _input("self_hosted", profile)
	lines := rule.obligations with input as _input("self_hosted", profile)
	some total in lines
	startswith(total, "total 6/30: closed APIs by the scores, but requirements.no_third_party_processing rules out")
}

test_an_api_behind_a_constraint_warns_whatever_the_unknowns if {
	profile := object.union(_closed_profile, {
		"deployment": {"kind": "vendor_api", "provider": "openai", "network": "air_gapped"},
		"requirements": {"no_third_party_processing": true},
		"team": null,
	})
	result := rule.warn with input as _input("vendor_api", profile)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
	startswith(v.msg, concat("", [
		"deployment.network air_gapped and requirements.no_third_party_processing rule out every ",
		"third-party API, so the framework recommends open-weight only whatever the scores (total 12/30), ",
		"but the proposal calls openai/gpt-4o through vendor_api (openai): ",
	]))
}

test_a_constraint_matching_the_scores_reads_as_before if {
	profile := object.union(_open_profile, _air_gapped)
	lines := rule.obligations with input as _input("self_hosted", profile)
	some total in lines
	startswith(total, "total 28/30: open-weight only, only an open-weight model")
}
