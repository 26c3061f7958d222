package modelgate.rules.license.outputs_training_test

import data.modelgate.rules.license.outputs_training
import rego.v1

_record(id, term) := {
	"id": id,
	"name": id,
	"url": sprintf("https://example.test/%s", [id]),
	"known": true,
	"terms": {"outputs_training": term},
}

_forbidden := _record("llama2", {"rule": "forbidden", "section": "1.b.v", "note": "Llama 2 models excepted."})

_competing := _record("openai", {"rule": "forbidden_for_competing_models", "section": "3.3(e)"})

_conditional := _record("llama31", {"rule": "conditional", "condition": "name it Llama", "section": "1.b.i"})

_allowed := _record("mit", {"rule": "allowed", "section": "1"})

_silent := {"id": "Apache-2.0", "name": "Apache", "known": true, "verification": "verified_copy", "terms": {}}

_input(trains, records) := {
	"use": {"outputs_train_other_models": trains},
	"resolved": {"licenses": records},
}

test_a_forbidding_license_fails if {
	result := outputs_training.deny with input as _input(true, [_forbidden, _allowed])
	count(result) == 1
	some v in result
	v.path == "/use/outputs_train_other_models"
	v.license == "llama2"
	v.citation.section == "1.b.v"
}

test_a_competing_models_ban_warns_with_an_obligation if {
	inp := _input(true, [_competing])
	count(outputs_training.deny) == 0 with input as inp
	result := outputs_training.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "openai"
	count(outputs_training.obligations) == 1 with input as inp
}

test_a_condition_passes_as_an_obligation if {
	inp := _input(true, [_conditional])
	count(outputs_training.deny) == 0 with input as inp
	count(outputs_training.warn) == 0 with input as inp
	obligations := outputs_training.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "llama31"
	o.section == "1.b.i"
}

test_allowed_or_silent_licenses_pass if {
	inp := _input(true, [_allowed, _silent])
	outputs_training.applies with input as inp
	count(outputs_training.deny) == 0 with input as inp
	count(outputs_training.warn) == 0 with input as inp
	count(outputs_training.obligations) == 0 with input as inp
}

test_not_applicable_when_outputs_train_nothing if {
	not outputs_training.applies with input as _input(false, [_forbidden])
	count(outputs_training.deny) == 0 with input as _input(false, [_forbidden])
}

_llm_ban := _record("llama3", {"rule": "forbidden", "section": "1.b.v", "forbidden_for": ["large_language_model"]})

_generative_ban := _record(
	"stability",
	{"rule": "forbidden", "section": "IV(b)", "forbidden_for": ["large_language_model", "other_generative_model"]},
)

_training(kind, records) := object.union(_input(true, records), {"use": {"outputs_trained_model": kind}})

test_a_ban_on_large_language_models_fails_an_undeclared_kind_and_says_so if {
	result := outputs_training.deny with input as _input(true, [_llm_ban])
	count(result) == 1
	some v in result
	v.path == "/use/outputs_train_other_models"
	contains(v.msg, "The ban covers large language models only; the model trained is read as a large language model (use.outputs_trained_model is not declared).")
}

test_a_ban_on_large_language_models_fails_a_declared_one_at_the_kind if {
	some v in outputs_training.deny with input as _training("large_language_model", [_llm_ban])
	v.path == "/use/outputs_trained_model"
	not contains(v.msg, "is not declared")
	contains(v.msg, "the model trained is declared as a large language model.")
}

test_a_classifier_is_outside_a_ban_on_large_language_models if {
	inp := _training("non_generative_model", [_llm_ban])
	count(outputs_training.deny) == 0 with input as inp
	result := outputs_training.obligations with input as inp
	count(result) == 1
	some o in result
	o.license == "llama3"
	startswith(o.text, "Keep the model trained on the outputs a model that generates no content")
	contains(o.text, "llama3 forbids training large language models on them, and a model built on a large language model (one fine-tuned as a classifier or an embedding model) may still count as one")
}

test_a_ban_worded_for_some_kinds_says_which_in_its_failure if {
	some v in outputs_training.deny with input as _training("large_language_model", [_llm_ban])
	contains(v.msg, "forbids using the model or its outputs to train or improve other large language models (section")
	some w in outputs_training.deny with input as _training("non_generative_model", [_forbidden])
	contains(w.msg, "to train or improve other models (section 1.b.v)")
}

test_an_image_model_is_outside_an_llm_ban_but_inside_a_generative_one if {
	inp := _training("other_generative_model", [_llm_ban, _generative_ban])
	result := outputs_training.deny with input as inp
	{v.license | some v in result} == {"stability"}
	{o.license | some o in outputs_training.obligations} == {"llama3"} with input as inp
}

test_a_ban_without_kinds_covers_every_kind if {
	count(outputs_training.deny) == 1 with input as _training("non_generative_model", [_forbidden])
}

_competing_with_exception := object.union(_record("openai", {
	"rule": "forbidden_for_competing_models",
	"section": "3.3(e)",
	"exceptions": [{"trained_models": ["non_generative_model"], "kept_internal": true, "section": "17(a)"}],
}), {"verification": "partial"})

# The same exception, but recorded as unverified (licenses.md section 12 has
# OpenAI's carve-out from one secondary source only).
_competing_with_unverified_exception := _record("openai", {
	"rule": "forbidden_for_competing_models",
	"section": "3.3(e)",
	"verification": "partial",
	"exceptions": [{"trained_models": ["non_generative_model"], "kept_internal": true, "section": "17(a)", "verification": "unverified"}],
})

test_an_unverified_exception_is_named_in_the_warning_but_does_not_pass if {
	inp := object.union(
		_training("non_generative_model", [_competing_with_unverified_exception]),
		{"distribution": {"weights": false, "hosted_service": false}},
	)
	result := outputs_training.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "Section 17(a) may except a model that generates no content (a classifier, embedding, extraction or ranking model) that is neither distributed nor made available to others, but modelgate's record of that exception is unverified")
	sections := {o.section | some o in outputs_training.obligations} with input as inp
	not "17(a)" in sections
}

test_an_unverified_exception_that_does_not_cover_the_kind_is_not_named if {
	inp := object.union(
		_training("other_generative_model", [_competing_with_unverified_exception]),
		{"distribution": {"weights": false, "hosted_service": false}},
	)
	some v in outputs_training.warn with input as inp
	not contains(v.msg, "may except")
}

_kept(kind, weights, hosted) := object.union(
	_training(kind, [_competing_with_exception]),
	{"distribution": {"weights": weights, "hosted_service": hosted}},
)

test_an_internal_classifier_is_within_the_exception_and_passes_with_its_limit if {
	inp := _kept("non_generative_model", false, false)
	count(outputs_training.warn) == 0 with input as inp
	result := outputs_training.obligations with input as inp
	count(result) == 1
	some o in result
	o.section == "17(a)"
	contains(o.text, "a model that generates no content (a classifier, embedding, extraction or ranking model), and neither distribute it nor make it available to others: only then does the exception of section 17(a) of openai allow training it")
}

test_a_classifier_that_leaves_the_organisation_is_outside_the_exception if {
	count(outputs_training.warn) == 1 with input as _kept("non_generative_model", true, false)
	count(outputs_training.warn) == 1 with input as _kept("non_generative_model", false, true)
}

test_a_generative_model_is_outside_the_exception if {
	inp := _kept("other_generative_model", false, false)
	count(outputs_training.warn) == 1 with input as inp
	some o in outputs_training.obligations with input as inp
	o.text == "Keep any model trained on the outputs from competing with the vendor's products and services"
}

# A distillation into another model trains it on the model's outputs even
# when use.outputs_train_other_models is left out.
_distilled(records) := {
	"use": {"fine_tune": {"method": "distillation"}},
	"resolved": {"licenses": records},
	"distribution": {"weights": false, "hosted_service": false},
}

test_a_distillation_without_the_outputs_flag_is_judged if {
	inp := _distilled([_llm_ban])
	outputs_training.applies with input as inp
	some v in outputs_training.deny with input as inp
	v.path == "/use/fine_tune/method"
	contains(v.msg, "The distillation declared in use.fine_tune.method trains another model on this model's outputs.")
	some w in outputs_training.warn with input as _distilled([_competing])
	w.path == "/use/fine_tune/method"
}

test_a_fine_tune_that_is_not_a_distillation_does_not_apply if {
	not outputs_training.applies with input as {"use": {"fine_tune": {"method": "full"}}, "resolved": {"licenses": [_llm_ban]}}
}

# API terms that govern another service than the one used are set aside:
# outputs used for training were checked against nothing and warn.
_api_terms := object.union(_competing, {"governed_services": ["acme_api"]})

_on(service, provider) := object.union(
	_input(true, [_api_terms]),
	{
		"model": {"id": "acme/model"},
		"deployment": {"kind": "managed_cloud", "service": service, "provider": provider},
		"resolved": {"model": null, "licenses": [_api_terms]},
	},
)

test_outputs_training_on_a_service_the_terms_do_not_govern_warns if {
	inp := _on("vertex_ai", "gcp")
	count(outputs_training.deny) == 0 with input as inp
	result := outputs_training.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/outputs_train_other_models"
	v.license == "openai"
	contains(v.msg, "does not govern")
}

test_outputs_training_on_the_service_the_terms_govern_is_judged_by_them if {
	result := outputs_training.warn with input as _on("acme_api", "acme")
	count(result) == 1
	some v in result
	v.citation.section == "3.3(e)"
}

_unread_silent := {
	"id": "mnpl",
	"name": "Mistral AI Non-Production License",
	"url": "https://example.test/mnpl",
	"known": true,
	"verification": "partial",
	"terms": {"commercial_use": {"allowed": false, "section": "3.2"}},
}

test_a_record_without_an_outputs_term_read_only_in_part_warns if {
	inp := _input(true, [_unread_silent, _silent])
	count(outputs_training.deny) == 0 with input as inp
	result := outputs_training.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "mnpl"
	v.path == "/use/outputs_train_other_models"
	v.citation.section == "outputs terms (not read)"
	contains(v.msg, "[partial: check the outputs terms of Mistral AI Non-Production License]")
}

test_a_record_without_an_outputs_term_or_a_verification_level_warns_as_unverified if {
	record := object.remove(_unread_silent, ["verification"])
	some v in outputs_training.warn with input as _input(true, [record])
	contains(v.msg, "[unverified: check the outputs terms of Mistral AI Non-Production License]")
}

test_a_record_without_an_outputs_term_is_silent_when_outputs_train_nothing if {
	count(outputs_training.warn) == 0 with input as _input(false, [_unread_silent])
}
