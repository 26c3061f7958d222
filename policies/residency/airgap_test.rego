package modelgate.rules.residency.airgap_test

import data.modelgate.rules.residency.airgap
import rego.v1

_open := {"name": "Llama 3.1 70B Instruct", "weights_available": true}

_api := {"name": "GPT-4o", "weights_available": false}

_proposal(kind, provider, model, telemetry) := {
	"deployment": {"kind": kind, "provider": provider, "network": "air_gapped", "telemetry": telemetry},
	"resolved": {"model": model},
}

test_self_hosted_open_weights_without_telemetry_pass if {
	inp := _proposal("self_hosted", "on_prem", _open, false)
	count(airgap.deny) == 0 with input as inp
	count(airgap.warn) == 0 with input as inp
	count(airgap.obligations) == 1 with input as inp
}

test_an_api_fails_twice if {
	result := airgap.deny with input as _proposal("vendor_api", "openai", _api, false)
	paths := {v.path | some v in result}
	paths == {"/deployment/kind", "/model/id"}
}

test_telemetry_fails if {
	some v in airgap.deny with input as _proposal("self_hosted", "on_prem", _open, true)
	v.path == "/deployment/telemetry"
}

test_an_api_is_not_also_faulted_for_telemetry if {
	result := airgap.deny with input as _proposal("vendor_api", "anthropic", _api, null)
	paths := {v.path | some v in result}
	paths == {"/deployment/kind", "/model/id"}
}

test_uncataloged_model_warns if {
	inp := _proposal("self_hosted", "on_prem", null, false)
	count(airgap.deny) == 0 with input as inp
	count(airgap.warn) == 1 with input as inp
}

test_cloud_enclave_warns if {
	count(airgap.warn) == 1 with input as _proposal("self_hosted", "aws", _open, false)
}

test_connected_sites_are_out_of_scope if {
	not airgap.applies with input as {"deployment": {"network": "private"}}
}

_route(network, siblings) := {
	"deployment": {"kind": "vendor_api", "provider": "openai", "network": network, "telemetry": false},
	"resolved": {"model": _api, "air_gapped_siblings": siblings},
}

test_a_connected_route_beside_an_air_gapped_route_fails if {
	inp := _route("internet", ["classified-traffic"])
	airgap.applies with input as inp
	result := airgap.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/network"
	contains(v.msg, "route classified-traffic of this system runs on an air-gapped network, but this route reaches the internet")
	count(airgap.obligations) == 0 with input as inp
}

test_a_private_route_beside_an_air_gapped_route_fails if {
	some v in airgap.deny with input as _route("private", ["a", "b"])
	contains(v.msg, "routes a, b of this system run on an air-gapped network")
}

test_air_gapped_routes_side_by_side_are_judged_each_on_its_site if {
	inp := object.union(_proposal("self_hosted", "on_prem", _open, false), {"resolved": {"air_gapped_siblings": ["other"]}})
	count(airgap.deny) == 0 with input as inp
}

test_connected_routes_without_air_gapped_siblings_are_out_of_scope if {
	not airgap.applies with input as _route("internet", [])
}
