package modelgate.rules.license.revenue_threshold_test

import data.modelgate.rules.license.revenue_threshold
import rego.v1

_stability := {
	"id": "LicenseRef-scancode-stability-ai-community-2024",
	"name": "Stability AI Community License Agreement",
	"url": "https://example.test/stability",
	"known": true,
	"terms": {"revenue_threshold": {
		"annual_revenue_usd": 1000000,
		"measured": "continuous",
		"scope": "licensee_and_affiliates",
		"applies_to": "all_use",
		"consequence": "the license ends",
		"section": "III",
	}},
}

_commercial_only := object.union(_stability, {
	"id": "LicenseRef-example-commercial-only",
	"terms": {"revenue_threshold": object.union(_stability.terms.revenue_threshold, {"applies_to": "commercial_use"})},
})

_mit := {"id": "MIT", "name": "MIT License", "known": true, "terms": {}}

_input(records, revenue, commercial) := {
	"organization": {"annual_revenue_usd": revenue},
	"use": {"commercial": commercial},
	"resolved": {"licenses": records},
}

test_revenue_above_the_ceiling_fails if {
	result := revenue_threshold.deny with input as _input([_stability], 5000000, true)
	count(result) == 1
	some v in result
	v.path == "/organization/annual_revenue_usd"
	v.license == "LicenseRef-scancode-stability-ai-community-2024"
	v.citation.section == "III"
}

test_revenue_at_the_ceiling_passes_with_an_obligation if {
	inp := _input([_stability], 1000000, true)
	count(revenue_threshold.deny) == 0 with input as inp
	count(revenue_threshold.warn) == 0 with input as inp
	obligations := revenue_threshold.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "LicenseRef-scancode-stability-ai-community-2024"
}

test_undeclared_revenue_warns if {
	inp := _input([_stability], null, true)
	count(revenue_threshold.deny) == 0 with input as inp
	result := revenue_threshold.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/organization/annual_revenue_usd"
}

test_an_all_use_ceiling_binds_research_use if {
	count(revenue_threshold.deny) == 1 with input as _input([_stability], 5000000, false)
}

test_a_commercial_only_ceiling_does_not_bind_non_commercial_use if {
	not revenue_threshold.applies with input as _input([_commercial_only], 5000000, false)
	count(revenue_threshold.deny) == 1 with input as _input([_commercial_only], 5000000, true)
}

test_licenses_without_a_ceiling_are_not_applicable if {
	not revenue_threshold.applies with input as _input([_mit], 5000000000, true)
}

test_figures_are_grouped_by_thousands if {
	data.modelgate.lib.licenses.grouped(0) == "0"
	data.modelgate.lib.licenses.grouped(999) == "999"
	data.modelgate.lib.licenses.grouped(1000) == "1,000"
	data.modelgate.lib.licenses.grouped(25000000) == "25,000,000"
	data.modelgate.lib.licenses.grouped(100000000) == "100,000,000"
}

_read_narrowly := object.union(_stability, {"terms": {"revenue_threshold": object.union(
	_stability.terms.revenue_threshold,
	{"reading": "the ceiling may spare research use"},
)}})

test_a_non_commercial_failure_says_it_rests_on_modelgates_reading if {
	some v in revenue_threshold.deny with input as _input([_read_narrowly], 5000000, false)
	contains(v.msg, "the license ends (modelgate's reading: the ceiling may spare research use)")
}

test_a_commercial_failure_needs_no_reading if {
	some v in revenue_threshold.deny with input as _input([_read_narrowly], 5000000, true)
	not contains(v.msg, "modelgate's reading")
}
