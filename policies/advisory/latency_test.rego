package modelgate.rules.advisory.latency_test

import data.modelgate.rules.advisory.latency as rule
import rego.v1

_input(kind, budget) := {
	"metadata": {"name": "support-bot"},
	"deployment": {"kind": kind, "provider": "openai"},
	"workload": {"latency_budget_ms": budget},
}

test_not_applicable_without_a_workload if {
	not rule.applies with input as {"workload": null}
}

test_not_applicable_without_a_budget if {
	not rule.applies with input as _input("vendor_api", null)
}

test_warns_for_a_tight_budget_through_an_api if {
	result := rule.warn with input as _input("vendor_api", 150)
	count(result) == 1
	some v in result
	v.path == "/workload/latency_budget_ms"
	contains(v.msg, "50-200 ms")
}

test_every_api_kind_counts if {
	count(rule.warn) == 1 with input as _input("hosted_open_api", 150)
	count(rule.warn) == 1 with input as _input("managed_cloud", 150)
}

test_warns_harder_below_the_fastest_round_trip if {
	some v in rule.warn with input as _input("vendor_api", 40)
	contains(v.msg, "even the fastest round trip")
}

test_passes_at_the_threshold if {
	count(rule.warn) == 0 with input as _input("vendor_api", 200)
	count(rule.obligations) == 1 with input as _input("vendor_api", 200)
}

test_self_hosted_passes_a_tight_budget if {
	count(rule.warn) == 0 with input as _input("self_hosted", 50)
	count(rule.obligations) == 1 with input as _input("self_hosted", 50)
}
