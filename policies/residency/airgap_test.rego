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
