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

# Behind an air gap or a no-third-party requirement no API is an option, so the
# fix names a team only.
test_an_air_gap_leaves_a_team_as_the_only_fix if {
	result := rule.warn with input as {
		"metadata": {"name": "p"},
		"model": {"id": "m"},
		"deployment": {"kind": "self_hosted", "network": "air_gapped"},
		"team": {"mlops": "none"},
	}
	count(result) == 1
	some v in result
	v.remediation == concat("", [
		"Name the team that will run the serving stack in team.mlops: deployment.network air_gapped ",
		"rules out every third-party API, so the model has to be run in-house.",
	])
}

test_without_a_constraint_the_rules_fix_stands if {
	result := rule.warn with input as {
		"metadata": {"name": "p"},
		"model": {"id": "m"},
		"deployment": {"kind": "self_hosted", "network": "private"},
		"team": {"mlops": "none"},
	}
	count(result) == 1
	some v in result
	not v.remediation
}
