package modelgate.rules.advisory.operations_test

import data.modelgate.rules.advisory.operations as rule
import rego.v1

_input(kind, team) := {
	"metadata": {"name": "notes"},
	"model": {"id": "meta-llama/Llama-3.1-8B-Instruct"},
	"deployment": {"kind": kind},
	"team": team,
}

test_not_applicable_to_api_deployments if {
	not rule.applies with input as _input("vendor_api", null)
	not rule.applies with input as _input("hosted_open_api", null)
	not rule.applies with input as _input("managed_cloud", null)
}

test_warns_without_a_team if {
	result := rule.warn with input as _input("self_hosted", null)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
}

test_points_at_mlops_when_the_team_is_declared if {
	some v in rule.warn with input as _input("self_hosted", {"mlops": "none"})
	v.path == "/team/mlops"
}

test_warns_without_mlops if {
	count(rule.warn) == 1 with input as _input("self_hosted", {"mlops": null})
}

test_warns_when_mlops_is_none if {
	some v in rule.warn with input as _input("self_hosted", {"mlops": "none"})
	contains(v.msg, "team.mlops is none")
}

test_passes_with_capacity if {
	rule.applies with input as _input("self_hosted", {"mlops": "basic"})
	count(rule.warn) == 0 with input as _input("self_hosted", {"mlops": "basic"})
	count(rule.obligations) == 1 with input as _input("self_hosted", {"mlops": "basic"})
}
