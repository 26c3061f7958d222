package modelgate.rules.license.llama_mau_test

import data.modelgate.rules.license.llama_mau
import rego.v1

_llama31 := {
	"id": "LicenseRef-scancode-llama-3.1-license-2024",
	"name": "Llama 3.1 Community License Agreement",
	"family": "llama",
	"url": "https://example.test/llama3_1/LICENSE",
	"terms": {"user_threshold": {
		"monthly_active_users": 700000000,
		"measurement_date": "2024-07-23",
		"section": "2",
		"consequence": "no rights without a license from Meta",
	}},
}

_apache := {"id": "Apache-2.0", "name": "Apache License 2.0", "family": "apache", "terms": {}}

_input(license, users) := {
	"organization": {"monthly_active_users": users},
	"resolved": {"licenses": [license]},
}

test_fails_above_the_ceiling if {
	result := llama_mau.deny with input as _input(_llama31, 800000000)
	count(result) == 1
	some v in result
	v.path == "/organization/monthly_active_users"
	v.license == "LicenseRef-scancode-llama-3.1-license-2024"
	v.citation.section == "2"
	startswith(v.msg, "800,000,000 monthly active users exceed")
	contains(v.msg, "ceiling of 700,000,000 (section 2)")
}

test_passes_at_the_ceiling if {
	count(llama_mau.deny) == 0 with input as _input(_llama31, 700000000)
	count(llama_mau.warn) == 0 with input as _input(_llama31, 700000000)
	count(llama_mau.obligations) == 1 with input as _input(_llama31, 700000000)
}

test_warns_when_users_are_not_declared if {
	count(llama_mau.deny) == 0 with input as _input(_llama31, null)
	count(llama_mau.warn) == 1 with input as _input(_llama31, null)
}

test_not_applicable_to_other_licenses if {
	not llama_mau.applies with input as _input(_apache, 800000000)
	count(llama_mau.deny) == 0 with input as _input(_apache, 800000000)
}

test_applies_to_a_fine_tune_through_its_base_license if {
	llama_mau.applies with input as {
		"organization": {"monthly_active_users": 5},
		"resolved": {"licenses": [_apache, _llama31]},
	}
}
