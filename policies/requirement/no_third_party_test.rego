package modelgate.rules.requirement.no_third_party_test

import data.modelgate.rules.requirement.no_third_party
import rego.v1

_proposal(kind, provider, telemetry) := {
	"deployment": {"kind": kind, "provider": provider, "telemetry": telemetry},
	"requirements": {"no_third_party_processing": true},
}

test_on_premises_passes if {
	inp := _proposal("self_hosted", "on_prem", false)
	no_third_party.applies with input as inp
	count(no_third_party.deny) == 0 with input as inp
	count(no_third_party.warn) == 0 with input as inp
}

test_an_api_fails if {
	some v in no_third_party.deny with input as _proposal("vendor_api", "openai", false)
	v.path == "/deployment/provider"
}

test_a_cloud_hosting_a_self_managed_deployment_fails if {
	count(no_third_party.deny) == 1 with input as _proposal("self_hosted", "aws", false)
}

test_telemetry_on_premises_warns if {
	inp := _proposal("self_hosted", "on_prem", true)
	count(no_third_party.deny) == 0 with input as inp
	count(no_third_party.warn) == 1 with input as inp
}

test_no_requirement_is_out_of_scope if {
	not no_third_party.applies with input as {"requirements": {"no_third_party_processing": false}}
}
