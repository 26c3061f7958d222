package modelgate.rules.license.self_hosting_test

import data.modelgate.rules.license.self_hosting
import rego.v1

_openai := {
	"id": "openai",
	"name": "OpenAI Services Agreement",
	"url": "https://example.test/openai",
	"known": true,
	"terms": {"self_hosting": {"allowed": false, "section": "3.3(d)"}},
}

_llama := {"id": "llama", "name": "Llama", "known": true, "terms": {}}

_gpt4o := {"name": "GPT-4o", "weights_available": false, "source": "https://example.test/gpt-4o"}

_open := {"name": "Llama 3.1 8B", "weights_available": true}

_input(kind, network, model, lineage, records) := {
	"deployment": {"kind": kind, "network": network},
	"resolved": {"model": model, "lineage": lineage, "licenses": records},
}

test_gpt4o_self_hosted_fails_on_weights_and_terms if {
	result := self_hosting.deny with input as _input("self_hosted", "private", _gpt4o, [], [_openai])
	count(result) == 2
	{v.path | some v in result} == {"/model/id", "/deployment/kind"}
	some v in result
	v.license == "openai"
	v.citation.section == "3.3(d)"
}

test_the_weights_finding_cites_the_vendor_page if {
	result := self_hosting.deny with input as _input("self_hosted", "private", _gpt4o, [], [_llama])
	some v in result
	v.path == "/model/id"
	v.citation.url == "https://example.test/gpt-4o"
}

test_an_air_gapped_api_model_fails if {
	count(self_hosting.deny) == 2 with input as _input("vendor_api", "air_gapped", _gpt4o, [], [_openai])
}

test_a_derivative_is_judged_by_its_base if {
	result := self_hosting.deny with input as _input("self_hosted", "private", null, [_gpt4o], [_llama])
	count(result) == 1
	some v in result
	v.path == "/model/id"
}

test_an_open_weight_model_self_hosted_passes if {
	inp := _input("self_hosted", "private", _open, [], [_llama])
	self_hosting.applies with input as inp
	count(self_hosting.deny) == 0 with input as inp
}

test_an_api_deployment_is_not_applicable if {
	not self_hosting.applies with input as _input("vendor_api", "internet", _gpt4o, [], [_openai])
}

test_an_api_model_behind_an_air_gap_fails_at_the_network_with_an_air_gap_fix if {
	result := self_hosting.deny with input as _input("vendor_api", "air_gapped", _gpt4o, [], [_openai])
	count(result) == 2
	{v.path | some v in result} == {"/model/id", "/deployment/network"}
	every v in result {
		contains(v.remediation, "An air-gapped network needs a model that runs inside it")
	}
}

test_a_self_hosted_api_model_keeps_the_default_fix if {
	result := self_hosting.deny with input as _input("self_hosted", "private", _gpt4o, [], [_openai])
	count(result) == 2
	every v in result {
		not v.remediation
	}
}

test_distributing_the_weights_of_an_api_only_model_fails if {
	inp := object.union(_input("vendor_api", "internet", _gpt4o, [], [_openai]), {"distribution": {"weights": true}})
	self_hosting.applies with input as inp
	result := self_hosting.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/distribution/weights"
}

test_distributing_open_weights_passes if {
	inp := object.union(_input("vendor_api", "internet", _open, [], [_llama]), {"distribution": {"weights": true}})
	self_hosting.applies with input as inp
	count(self_hosting.deny) == 0 with input as inp
}

# A team distils an API model into its own model and gives away the student's
# weights: those are not the API model's, so nothing here applies (the
# competing-model clause is LIC-OUTPUTS-TRAINING's). Flag or distillation.
test_giving_away_a_student_of_an_api_model_is_not_applicable if {
	base := object.union(_input("vendor_api", "internet", _gpt4o, [], [_openai]), {"distribution": {"weights": true, "hosted_service": false}})
	flagged := object.union(base, {"use": {"fine_tune": null, "outputs_train_other_models": true}})
	distilled := object.union(base, {"use": {"fine_tune": {"method": "distillation"}, "outputs_train_other_models": false}})
	not self_hosting.applies with input as flagged
	not self_hosting.applies with input as distilled
	count(self_hosting.deny) == 0 with input as distilled
}

test_a_fine_tune_of_an_api_model_given_away_still_fails if {
	inp := object.union(_input("vendor_api", "internet", _gpt4o, [], [_openai]), {
		"distribution": {"weights": true, "hosted_service": false},
		"use": {"fine_tune": {"method": "full"}, "outputs_train_other_models": false},
	})
	count(self_hosting.deny) == 1 with input as inp
}
