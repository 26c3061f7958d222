package modelgate.rules.redistribution.naming_test

import data.modelgate.rules.redistribution.naming
import rego.v1

_llama := {
	"id": "llama31",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {"derivative_naming": {
		"prefix": "Llama",
		"trigger": "distribution_or_hosted_service",
		"covers_models_trained_on_outputs": true,
		"section": "1.b.i",
	}},
}

_llama3 := {
	"id": "llama3",
	"name": "Meta Llama 3 Community License Agreement",
	"url": "https://example.test/llama3",
	"known": true,
	"terms": {"derivative_naming": {
		"prefix": "Llama 3",
		"trigger": "distribution_or_hosted_service",
		"covers_models_trained_on_outputs": false,
		"section": "1.b.i",
	}},
}

_input(records, fine_tune, outputs, distribution) := {
	"use": {"fine_tune": fine_tune, "outputs_train_other_models": outputs},
	"distribution": distribution,
	"resolved": {"lineage": [], "licenses": records},
}

_ft := {"method": "lora"}

test_a_distributed_fine_tune_under_another_name_fails if {
	result := naming.deny with input as _input([_llama], _ft, false, {"weights": true, "hosted_service": false, "name": "acme/Support-8B"})
	count(result) == 1
	some v in result
	v.path == "/distribution/name"
	v.license == "llama31"
	v.citation.section == "1.b.i"
}

test_an_undeclared_name_fails if {
	result := naming.deny with input as _input([_llama], _ft, false, {"weights": true, "hosted_service": false, "name": null})
	count(result) == 1
	some v in result
	v.path == "/distribution/name"
}

test_a_prefixed_name_passes_with_an_obligation if {
	inp := _input([_llama], _ft, false, {"weights": true, "hosted_service": false, "name": "acme/Llama-3.1-Support-8B"})
	count(naming.deny) == 0 with input as inp
	count(naming.obligations) == 1 with input as inp
}

test_separators_and_case_are_ignored if {
	inp := _input([_llama3], _ft, false, {"weights": true, "hosted_service": false, "name": "acme/llama-3-support"})
	count(naming.deny) == 0 with input as inp
}

test_a_hosted_fine_tune_counts_where_the_trigger_says_so if {
	count(naming.deny) == 1 with input as _input([_llama], _ft, false, {"weights": false, "hosted_service": true, "name": "Acme Assistant"})
}

test_a_model_trained_on_outputs_counts_where_the_term_covers_it if {
	dist := {"weights": true, "hosted_service": false, "name": "acme/student"}
	count(naming.deny) == 1 with input as _input([_llama], null, true, dist)
	not naming.applies with input as _input([_llama3], null, true, dist)
}

test_nothing_distributed_is_not_applicable if {
	not naming.applies with input as _input([_llama], _ft, false, {"weights": false, "hosted_service": false, "name": null})
}

test_the_unmodified_model_is_not_applicable if {
	inp := object.union(
		_input([_llama], null, false, {"weights": true, "hosted_service": false, "name": null}),
		{"resolved": {"model": {"id": "meta-llama/Llama-3.1-8B-Instruct"}}},
	)
	not naming.applies with input as inp
}

test_a_model_outside_the_catalog_under_the_license_counts_as_built_with_it if {
	inp := object.union(
		_input([_llama], null, false, {"weights": true, "hosted_service": false, "name": "acme/Support-8B"}),
		{"resolved": {"model": null}},
	)
	some v in naming.deny with input as inp
	v.path == "/distribution/name"
}

# A catalog model someone else derived from Llama (DeepSeek-R1-Distill-Llama),
# hosted or mirrored unmodified: the naming duty is the deriver's.
_third_party_derivative(fine_tune, distribution) := {
	"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "base_model": null},
	"use": {"fine_tune": fine_tune, "outputs_train_other_models": false},
	"distribution": distribution,
	"resolved": {
		"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "base_model": "meta-llama/Llama-3.1-8B"},
		"lineage": [{"id": "meta-llama/Llama-3.1-8B"}],
		"licenses": [_llama],
	},
}

test_hosting_someone_elses_derivative_is_not_applicable if {
	inp := _third_party_derivative(null, {"weights": false, "hosted_service": true, "name": null})
	not naming.applies with input as inp
}

test_mirroring_someone_elses_derivative_under_its_name_is_not_applicable if {
	name := "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"
	inp := _third_party_derivative(null, {"weights": true, "hosted_service": false, "name": name})
	not naming.applies with input as inp
}

test_fine_tuning_someone_elses_derivative_makes_a_new_model if {
	inp := _third_party_derivative(_ft, {"weights": true, "hosted_service": false, "name": "acme/R1-Support"})
	count(naming.deny) == 1 with input as inp
}

test_a_declared_base_model_is_the_proposals_derivative if {
	inp := object.union(
		_third_party_derivative(null, {"weights": true, "hosted_service": false, "name": "acme/Support"}),
		{"model": {"id": "acme/support", "base_model": "meta-llama/Llama-3.1-8B"}},
	)
	count(naming.deny) == 1 with input as inp
}

# A distillation declared in use.fine_tune.method, whose student alone is
# given to others, is judged as the outputs training it is: the name is due
# where the term covers models trained on outputs (Llama 3.1), not otherwise
# (Llama 3), as with outputs_train_other_models.
_distilled(records, distribution) := object.union(
	_input(records, {"method": "distillation"}, false, distribution),
	{"resolved": {"model": {"id": "teacher"}}},
)

test_a_distilled_student_is_judged_as_outputs_training if {
	dist := {"weights": true, "hosted_service": false, "name": "acme/student"}
	count(naming.deny) == 1 with input as _distilled([_llama], dist)
	not naming.applies with input as _distilled([_llama3], dist)
}

test_a_distillation_offered_as_a_service_stays_a_derivative if {
	dist := {"weights": false, "hosted_service": true, "name": "acme/student"}
	count(naming.deny) == 1 with input as _distilled([_llama3], dist)
}

_dist(name) := {"weights": true, "hosted_service": false, "name": name}

# A number in the prefix must end where the name's does.
test_a_longer_number_does_not_meet_a_numbered_prefix if {
	result := naming.deny with input as _input([_llama3], _ft, false, _dist("acme/Llama-30B-Support"))
	count(result) == 1
	some v in result
	v.license == "llama3"
}

test_a_numbered_prefix_followed_by_a_version_or_a_size_passes if {
	count(naming.deny) == 0 with input as _input([_llama3], _ft, false, _dist("acme/Llama-3.1-Support"))
	count(naming.deny) == 0 with input as _input([_llama3], _ft, false, _dist("acme/Llama_3_8B_Support"))
	count(naming.deny) == 0 with input as _input([_llama3], _ft, false, _dist("Llama 3"))
}

test_a_prefix_ending_in_a_letter_is_met_by_a_name_going_on_with_a_digit if {
	count(naming.deny) == 0 with input as _input([_llama], _ft, false, _dist("acme/Llama3.1-Support"))
}
