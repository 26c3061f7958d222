package modelgate.rules.redistribution.use_policy_test

import data.modelgate.rules.redistribution.use_policy
import rego.v1

_gemma := {
	"id": "gemma",
	"name": "Gemma Terms of Use",
	"url": "https://example.test/gemma",
	"known": true,
	"verification": "verified_copy",
	"terms": {"use_policy": {
		"name": "Gemma Prohibited Use Policy",
		"pass_down": "required",
		"trigger": "distribution_or_hosted_service",
		"section": "3.1 item 1",
		"url": "https://example.test/gemma/pup",
	}},
}

_llama := {
	"id": "llama",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {
		"license_copy": {"trigger": "distribution_or_hosted_service", "section": "1.b.i(A)"},
		"use_policy": {
			"name": "Llama 3.1 Acceptable Use Policy",
			"pass_down": "indirect",
			"trigger": "distribution_or_hosted_service",
			"section": "1.b.iv",
		},
	},
}

_none := {
	"id": "none",
	"name": "Example",
	"known": true,
	"terms": {"use_policy": {"name": "x", "pass_down": "none", "trigger": "distribution", "section": "1"}},
}

_input(records, passes, copy) := {
	"distribution": {"weights": false, "hosted_service": true, "passes_use_policy": passes, "includes_license_copy": copy},
	"resolved": {"licenses": records},
}

test_gemma_hosted_without_passing_its_restrictions_fails if {
	result := use_policy.deny with input as _input([_gemma], false, true)
	count(result) == 1
	some v in result
	v.path == "/distribution/passes_use_policy"
	v.license == "gemma"
	# The pass-down clause is in the terms; the message says where the policy is.
	v.citation.url == "https://example.test/gemma"
	endswith(v.msg, "https://example.test/gemma/pup")
}

test_gemma_hosted_with_its_restrictions_passes if {
	inp := _input([_gemma], true, true)
	count(use_policy.deny) == 0 with input as inp
	count(use_policy.obligations) == 1 with input as inp
}

test_an_indirect_policy_carried_by_the_license_copy_passes if {
	inp := _input([_llama], false, true)
	count(use_policy.deny) == 0 with input as inp
	count(use_policy.warn) == 0 with input as inp
	count(use_policy.obligations) == 1 with input as inp
}

test_an_indirect_policy_carried_by_nothing_warns if {
	inp := _input([_llama], false, false)
	count(use_policy.deny) == 0 with input as inp
	result := use_policy.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "llama"
	v.path == "/distribution/passes_use_policy"
}

# A vendor's API terms bind only its customer: a copy of them given to the
# customer's users carries no policy, so the product still warns, and the fix
# names only the customer's own terms (found by the second real-world
# scenario audit: a GPT-4o product told to "ship the license copy").
_api := {
	"id": "LicenseRef-modelgate-openai-services-agreement",
	"name": "OpenAI Services Agreement",
	"url": "https://example.test/openai",
	"kind": "api_terms",
	"known": true,
	"terms": {"use_policy": {
		"name": "OpenAI Usage Policies",
		"pass_down": "indirect",
		"trigger": "distribution_or_hosted_service",
		"section": "3.3(a)",
	}},
}

test_api_terms_are_not_carried_by_a_copy_given_to_users if {
	inp := _input([_api], false, true)
	result := use_policy.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "a contract with the vendor's customer only")
	not contains(v.remediation, "includes_license_copy")
	contains(v.remediation, "distribution.passes_use_policy: true")
}

test_api_terms_passed_on_in_the_customers_terms_pass if {
	inp := _input([_api], true, false)
	count(use_policy.warn) == 0 with input as inp
	count(use_policy.obligations) == 1 with input as inp
}

test_an_indirect_model_license_policy_warning_offers_the_license_copy if {
	some v in use_policy.warn with input as _input([_llama], false, false)
	contains(v.remediation, "distribution.includes_license_copy: true")
	contains(v.msg, "nor travels with a copy of the Llama 3.1 Community License Agreement")
}

test_an_indirect_policy_passed_on_directly_passes if {
	count(use_policy.warn) == 0 with input as _input([_llama], true, false)
}

test_no_pass_down_is_not_applicable if {
	not use_policy.applies with input as _input([_none], false, false)
}

test_nothing_distributed_is_not_applicable if {
	inp := {
		"distribution": {"weights": false, "hosted_service": false, "passes_use_policy": false, "includes_license_copy": false},
		"resolved": {"licenses": [_gemma]},
	}
	not use_policy.applies with input as inp
}

test_an_indirect_policy_travels_with_any_license_copy if {
	addendum := {
		"id": "addendum",
		"name": "Use addendum",
		"known": true,
		"terms": {"use_policy": {"name": "AUP", "pass_down": "indirect", "trigger": "distribution", "section": "1"}},
	}
	inp := {
		"distribution": {"weights": true, "hosted_service": false, "passes_use_policy": false, "includes_license_copy": true},
		"resolved": {"licenses": [addendum]},
	}
	count(use_policy.warn) == 0 with input as inp
	count(use_policy.obligations) == 1 with input as inp
}

test_a_student_escapes_a_pass_down_that_does_not_cover_it if {
	student := {
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"distribution": {"weights": true, "hosted_service": false, "passes_use_policy": false, "includes_license_copy": false},
		"resolved": {"model": {"id": "teacher"}, "lineage": [], "licenses": [_gemma]},
	}
	use_policy.applies with input as student
	llama := object.union(_gemma, {"terms": {"use_policy": {"covers_models_trained_on_outputs": false}}})
	not use_policy.applies with input as object.union(student, {"resolved": {"licenses": [llama]}})
}

test_a_finding_on_a_partly_read_term_says_so if {
	record := object.union(_gemma, {"verification": "partial"})
	result := use_policy.deny with input as _input([record], false, true)
	count(result) == 1
	some v in result
	contains(v.msg, "[partial: ")
}
