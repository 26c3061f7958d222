package modelgate.rules.redistribution.attribution_test

import data.modelgate.rules.redistribution.attribution
import rego.v1

_qwen := {
	"id": "qwen",
	"name": "Qwen LICENSE AGREEMENT",
	"url": "https://example.test/qwen",
	"known": true,
	"terms": {"attribution": {
		"texts": ["Built with Qwen", "Improved using Qwen"],
		"placement": "in the product documentation",
		"trigger": "distribution_or_hosted_service",
		"section": "5.b",
	}},
}

_cc := {
	"id": "cc",
	"name": "CC BY-NC 4.0",
	"url": "https://example.test/cc",
	"known": true,
	"terms": {"attribution": {"texts": [], "placement": "reasonably", "trigger": "distribution", "section": "3(a)(1)"}},
}

_input(records, distribution) := {"distribution": distribution, "resolved": {"licenses": records}}

_hosted(attr) := {"weights": false, "hosted_service": true, "attribution": attr}

_shipped(attr) := {"weights": true, "hosted_service": false, "attribution": attr}

test_a_missing_attribution_fails if {
	result := attribution.deny with input as _input([_qwen], _hosted(null))
	count(result) == 1
	some v in result
	v.path == "/distribution/attribution"
	v.license == "qwen"
	v.citation.section == "5.b"
}

test_the_wrong_attribution_fails if {
	count(attribution.deny) == 1 with input as _input([_qwen], _hosted("Powered by Acme"))
}

test_any_accepted_text_passes_with_an_obligation if {
	inp := _input([_qwen], _hosted("Support bot · improved using Qwen"))
	count(attribution.deny) == 0 with input as inp
	obligations := attribution.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "qwen"
}

test_no_prescribed_text_needs_some_credit if {
	count(attribution.deny) == 1 with input as _input([_cc], _shipped(""))
	count(attribution.deny) == 0 with input as _input([_cc], _shipped("Model by Example Labs, CC BY-NC 4.0"))
}

test_the_trigger_decides_whether_a_service_counts if {
	not attribution.applies with input as _input([_cc], _hosted(null))
}

test_nothing_distributed_is_not_applicable if {
	not attribution.applies with input as _input([_qwen], {"weights": false, "hosted_service": false, "attribution": null})
}

# Qwen 2024 (5.b): due only for a model built with the materials or their
# outputs that is distributed or made available.
_qwen_built := object.union(_qwen, {"terms": {"attribution": object.union(
	_qwen.terms.attribution,
	{"covers_models_trained_on_outputs": true, "built_models_only": true},
)}})

_built_input(use, distribution) := {
	"use": use,
	"distribution": distribution,
	"resolved": {"licenses": [_qwen_built], "model": {"id": "Qwen/Qwen2.5-72B-Instruct"}, "lineage": []},
}

_plain_use := {"fine_tune": null, "outputs_train_other_models": false}

test_a_built_models_only_term_skips_the_unmodified_model_hosted if {
	not attribution.applies with input as _built_input(_plain_use, _hosted(null))
}

test_a_built_models_only_term_skips_the_unmodified_weights_shipped if {
	not attribution.applies with input as _built_input(_plain_use, _shipped(null))
}

test_a_built_models_only_term_binds_a_fine_tune_made_available if {
	use := {"fine_tune": {"method": "lora"}, "outputs_train_other_models": false}
	result := attribution.deny with input as _built_input(use, _hosted(null))
	count(result) == 1
	some v in result
	v.license == "qwen"
	count(attribution.deny) == 0 with input as _built_input(use, _hosted("Built with Qwen"))
}

test_a_built_models_only_term_binds_a_derivative_by_lineage if {
	inp := object.union(_built_input(_plain_use, _shipped(null)), {"resolved": {"lineage": [{"id": "base"}]}})
	count(attribution.deny) == 1 with input as inp
}

test_a_built_models_only_term_binds_a_model_trained_on_outputs_made_available if {
	use := {"fine_tune": null, "outputs_train_other_models": true}
	count(attribution.deny) == 1 with input as _built_input(use, _hosted(null))
}

test_a_built_models_only_term_without_outputs_cover_skips_a_student if {
	record := object.union(_qwen_built, {"terms": {"attribution": {"covers_models_trained_on_outputs": false}}})
	use := {"fine_tune": null, "outputs_train_other_models": true}
	inp := object.union(_built_input(use, _hosted(null)), {"resolved": {"licenses": [record]}})
	not attribution.applies with input as inp
}

test_a_student_escapes_an_attribution_that_does_not_cover_it if {
	llama := object.union(_cc, {"terms": {"attribution": {"covers_models_trained_on_outputs": false}}})
	student := {
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"distribution": _shipped(null),
		"resolved": {"model": {"id": "teacher"}, "lineage": [], "licenses": [llama]},
	}
	not attribution.applies with input as student
	stability := object.union(_cc, {"terms": {"attribution": {"covers_models_trained_on_outputs": true}}})
	count(attribution.deny) == 1 with input as object.union(student, {"resolved": {"licenses": [stability]}})
}

# NVIDIA Open Model License 3.2: "Built on NVIDIA Cosmos" binds only its
# multimodal (Cosmos) models; text in and video out counts as multimodal.
_cosmos := {
	"id": "nvidia",
	"name": "NVIDIA Open Model License Agreement",
	"url": "https://example.test/nvidia",
	"known": true,
	"terms": {"attribution": {
		"texts": ["Built on NVIDIA Cosmos"],
		"placement": "on a related website",
		"trigger": "distribution_or_hosted_service",
		"covers_models_trained_on_outputs": true,
		"models": "multimodal_io_models",
		"section": "3.2",
	}},
}

_scoped_input(model, distribution) := {
	"use": _plain_use,
	"distribution": distribution,
	"resolved": {"licenses": [_cosmos], "model": model, "lineage": []},
}

_text_to_video := {"id": "nvidia/cosmos", "input_modalities": ["text"], "output_modalities": ["video"]}

_text_only := {"id": "nvidia/nemotron", "input_modalities": ["text"], "output_modalities": ["text"]}

test_a_multimodal_scoped_attribution_binds_a_text_to_video_model if {
	result := attribution.deny with input as _scoped_input(_text_to_video, _hosted(null))
	count(result) == 1
	some v in result
	v.license == "nvidia"
	v.citation.section == "3.2"
	count(attribution.deny) == 0 with input as _scoped_input(_text_to_video, _hosted("Built on NVIDIA Cosmos"))
}

test_a_multimodal_scoped_attribution_skips_a_text_only_model if {
	not attribution.applies with input as _scoped_input(_text_only, _shipped(null))
}

test_a_multimodal_scoped_attribution_binds_a_model_the_catalog_cannot_describe if {
	count(attribution.deny) == 1 with input as _scoped_input(null, _shipped(null))
}

test_an_input_multimodal_scope_reads_input_modalities_only if {
	record := object.union(_cosmos, {"terms": {"attribution": {"models": "multimodal_models"}}})
	inp := object.union(_scoped_input(_text_to_video, _shipped(null)), {"resolved": {"licenses": [record]}})
	not attribution.applies with input as inp
	vision := {"id": "vision", "input_modalities": ["text", "image"], "output_modalities": ["text"]}
	count(attribution.deny) == 1 with input as object.union(inp, {"resolved": {"model": vision}})
}

test_a_derivative_outside_the_catalog_is_judged_on_its_base if {
	inp := object.union(_scoped_input(null, _shipped(null)), {"resolved": {"lineage": [_text_only]}})
	not attribution.applies with input as inp
}
