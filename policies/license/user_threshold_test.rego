package modelgate.rules.license.user_threshold_test

import data.modelgate.rules.license.user_threshold
import rego.v1

_qwen := {
	"id": "LicenseRef-scancode-qwen-2024",
	"name": "Qwen LICENSE AGREEMENT",
	"family": "qwen",
	"url": "https://example.test/qwen",
	"known": true,
	"terms": {"user_threshold": {
		"monthly_active_users": 100000000,
		"measured": "continuous",
		"scope": "product_or_service",
		"applies_to": "commercial_use",
		"consequence": "request a license",
		"section": "4",
	}},
}

_snapshot := {
	"id": "LicenseRef-example-snapshot",
	"name": "Example snapshot license",
	"family": "example",
	"url": "https://example.test/snapshot",
	"known": true,
	"terms": {"user_threshold": {
		"monthly_active_users": 1000,
		"measured": "snapshot",
		"measurement_date": "2025-01-01",
		"scope": "licensee_and_affiliates",
		"applies_to": "all_use",
		"consequence": "no rights",
		"section": "2",
	}},
}

_llama := {
	"id": "LicenseRef-scancode-llama-3.1-license-2024",
	"name": "Llama 3.1 Community License Agreement",
	"family": "llama",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {"user_threshold": object.union(_snapshot.terms.user_threshold, {"monthly_active_users": 700000000})},
}

_apache := {"id": "Apache-2.0", "name": "Apache", "family": "apache", "known": true, "terms": {}}

_input(records, users, commercial) := {
	"organization": {"monthly_active_users": users},
	"use": {"commercial": commercial},
	"resolved": {"licenses": records},
}

test_commercial_product_above_the_ceiling_fails if {
	result := user_threshold.deny with input as _input([_qwen], 150000000, true)
	count(result) == 1
	some v in result
	v.path == "/organization/monthly_active_users"
	v.license == "LicenseRef-scancode-qwen-2024"
	v.citation.section == "4"
}

test_at_the_ceiling_passes_with_a_monitoring_obligation if {
	inp := _input([_qwen], 100000000, true)
	count(user_threshold.deny) == 0 with input as inp
	count(user_threshold.warn) == 0 with input as inp
	obligations := user_threshold.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "LicenseRef-scancode-qwen-2024"
	o.section == "4"
}

test_undeclared_users_warn if {
	inp := _input([_qwen], null, true)
	count(user_threshold.deny) == 0 with input as inp
	result := user_threshold.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/organization/monthly_active_users"
}

test_a_commercial_only_ceiling_does_not_bind_non_commercial_use if {
	not user_threshold.applies with input as _input([_qwen], 150000000, false)
	count(user_threshold.deny) == 0 with input as _input([_qwen], 150000000, false)
}

test_an_all_use_ceiling_binds_non_commercial_use if {
	count(user_threshold.deny) == 1 with input as _input([_snapshot], 5000, false)
}

test_a_snapshot_ceiling_passes_with_an_evidence_obligation if {
	obligations := user_threshold.obligations with input as _input([_snapshot], 10, true)
	count(obligations) == 1
}

test_the_llama_clause_is_left_to_lic_llama_mau if {
	not user_threshold.applies with input as _input([_llama], 800000000, true)
	count(user_threshold.deny) == 0 with input as _input([_llama, _qwen], 50000000, true)
}

test_licenses_without_a_ceiling_are_not_applicable if {
	not user_threshold.applies with input as _input([_apache], 800000000, true)
}

# The facts file marks the Qwen 2024 agreement's 100M clause unverified
# (licenses.md §3.3): the catalog term says so, and the finding carries the level.
test_a_ceiling_the_facts_mark_unverified_says_so if {
	qwen := object.union(_qwen, {
		"verification": "partial",
		"terms": {"user_threshold": object.union(_qwen.terms.user_threshold, {"verification": "unverified"})},
	})
	result := user_threshold.deny with input as _input([qwen], 150000000, true)
	count(result) == 1
	some v in result
	contains(v.msg, "(section 4)")
	contains(v.msg, " [unverified: modelgate's record of this term was not read in full; check it against the text of Qwen LICENSE AGREEMENT]")
}

test_a_verified_ceiling_carries_no_level if {
	qwen := object.union(_qwen, {"verification": "verified"})
	result := user_threshold.deny with input as _input([qwen], 150000000, true)
	some v in result
	not contains(v.msg, "[")
}
