package modelgate.rules.license.prohibited_use_test

import data.modelgate.rules.license.prohibited_use
import rego.v1

_llama := {
	"id": "llama",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {
		"use_policy": {"name": "Llama 3.1 AUP", "pass_down": "indirect", "trigger": "distribution", "section": "1.b.iv"},
		"prohibited_uses": [
			{"purpose": "military", "effect": "forbidden", "description": "military", "section": "AUP 2.a", "url": "https://example.test/aup"},
			{"purpose": "medical_advice", "effect": "conditional", "description": "unlicensed practice", "section": "AUP 1.d"},
		],
	},
}

_apache := {"id": "Apache-2.0", "name": "Apache", "known": true, "terms": {}}

_input(purposes, records) := {
	"use": {"purposes": purposes},
	"resolved": {"licenses": records},
}

test_a_forbidden_purpose_fails if {
	result := prohibited_use.deny with input as _input(["minors", "military"], [_llama])
	count(result) == 1
	some v in result
	v.path == "/use/purposes/1"
	v.license == "llama"
	v.citation.url == "https://example.test/aup"
	v.citation.section == "AUP 2.a"
}

test_a_conditional_purpose_warns if {
	inp := _input(["medical_advice"], [_llama])
	count(prohibited_use.deny) == 0 with input as inp
	result := prohibited_use.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/purposes/0"
	v.citation.url == "https://example.test/llama"
}

test_an_unrestricted_purpose_passes_with_the_use_policy_as_obligation if {
	inp := _input(["surveillance"], [_llama])
	count(prohibited_use.deny) == 0 with input as inp
	count(prohibited_use.warn) == 0 with input as inp
	obligations := prohibited_use.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "llama"
	o.section == "1.b.iv"
}

test_no_purposes_under_a_use_policy_pass if {
	inp := _input([], [_llama])
	prohibited_use.applies with input as inp
	count(prohibited_use.deny) == 0 with input as inp
}

test_declared_purposes_under_an_unrestricted_license_pass if {
	inp := _input(["military"], [_apache])
	prohibited_use.applies with input as inp
	count(prohibited_use.deny) == 0 with input as inp
	count(prohibited_use.warn) == 0 with input as inp
}

test_no_purposes_and_no_restrictions_is_not_applicable if {
	not prohibited_use.applies with input as _input([], [_apache])
}
