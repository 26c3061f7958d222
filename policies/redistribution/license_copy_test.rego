package modelgate.rules.redistribution.license_copy_test

import data.modelgate.rules.redistribution.license_copy
import rego.v1

_gemma := {
	"id": "gemma",
	"name": "Gemma Terms of Use",
	"url": "https://example.test/gemma",
	"known": true,
	"terms": {"license_copy": {"trigger": "distribution_or_hosted_service", "section": "3.1 item 2"}},
}

_apache := {
	"id": "Apache-2.0",
	"name": "Apache License 2.0",
	"url": "https://example.test/apache",
	"known": true,
	"terms": {"license_copy": {"trigger": "distribution", "section": "4(a)"}},
}

_input(records, weights, hosted, copy) := {
	"distribution": {"weights": weights, "hosted_service": hosted, "includes_license_copy": copy},
	"resolved": {"licenses": records},
}

test_weights_without_the_license_fail if {
	result := license_copy.deny with input as _input([_apache], true, false, false)
	count(result) == 1
	some v in result
	v.path == "/distribution/includes_license_copy"
	v.license == "Apache-2.0"
	v.citation.section == "4(a)"
}

test_a_hosted_service_counts_where_the_trigger_says_so if {
	count(license_copy.deny) == 1 with input as _input([_gemma, _apache], false, true, false)
}

test_the_license_copy_passes_with_an_obligation if {
	inp := _input([_gemma, _apache], true, false, true)
	count(license_copy.deny) == 0 with input as inp
	count(license_copy.obligations) == 2 with input as inp
}

test_a_hosted_service_under_a_distribution_trigger_is_not_applicable if {
	not license_copy.applies with input as _input([_apache], false, true, false)
}

test_a_student_escapes_a_copy_duty_that_does_not_cover_it if {
	llama := object.union(_apache, {"terms": {"license_copy": {"covers_models_trained_on_outputs": false}}})
	inp := object.union(_input([llama], true, false, false), {
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"resolved": {"model": {"id": "teacher"}, "lineage": []},
	})
	not license_copy.applies with input as inp
	count(license_copy.deny) == 1 with input as object.union(inp, {"resolved": {"licenses": [_apache]}})
}

test_a_distilled_student_escapes_a_copy_duty_that_does_not_cover_it if {
	llama := object.union(_apache, {"terms": {"license_copy": {"covers_models_trained_on_outputs": false}}})
	inp := object.union(_input([llama], true, false, false), {
		"use": {"fine_tune": {"method": "distillation"}, "outputs_train_other_models": false},
		"resolved": {"model": {"id": "teacher"}, "lineage": []},
	})
	not license_copy.applies with input as inp
	count(license_copy.deny) == 1 with input as object.union(inp, {"resolved": {"licenses": [_apache]}})
}

# A model license whose record encodes no license_copy term (its
# redistribution clauses were not read): giving the weights away warns
# instead of not applying; shipping a copy anyway, or only hosting, does not.
_unread := {
	"id": "LicenseRef-unread",
	"name": "Unread License",
	"url": "https://example.test/unread",
	"kind": "model_license",
	"known": true,
	"terms": {"commercial_use": {"allowed": false, "section": "3"}},
}

test_weights_under_a_license_whose_redistribution_terms_were_not_read_warn if {
	inp := _input([_unread], true, false, false)
	license_copy.applies with input as inp
	count(license_copy.deny) == 0 with input as inp
	result := license_copy.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/distribution/includes_license_copy"
	v.license == "LicenseRef-unread"
}

test_weights_under_an_unread_license_shipped_with_a_copy_pass if {
	inp := _input([_unread], true, false, true)
	count(license_copy.warn) == 0 with input as inp
	count(license_copy.deny) == 0 with input as inp
}

test_hosting_under_an_unread_license_does_not_apply if {
	not license_copy.applies with input as _input([_unread], false, true, false)
}

test_api_terms_without_a_license_copy_term_do_not_apply if {
	not license_copy.applies with input as _input([object.union(_unread, {"kind": "api_terms"})], true, false, false)
}
