package modelgate.rules.license.production_test

import data.modelgate.rules.license.production
import rego.v1

_nc := {
	"id": "LicenseRef-mnpl",
	"name": "Mistral Non-Production",
	"url": "https://example.test/mnpl",
	"known": true,
	"terms": {"production_use": {"allowed": false, "section": "3.2"}},
}

_open := {
	"id": "Apache-2.0",
	"name": "Apache License 2.0",
	"url": "https://example.test/apache",
	"known": true,
	"terms": {"production_use": {"allowed": true, "section": "2"}},
}

_unknown := {"id": "LicenseRef-acme-internal", "known": false}

_input(production, records) := {
	"use": {"production": production},
	"resolved": {"licenses": records},
}

test_production_use_of_a_non_production_license_fails if {
	result := production.deny with input as _input(true, [_nc, _open])
	count(result) == 1
	some v in result
	v.path == "/use/production"
	v.license == "LicenseRef-mnpl"
	v.citation.section == "3.2"
	v.citation.url == "https://example.test/mnpl"
}

test_every_non_production_license_is_named if {
	other := object.union(_nc, {"id": "LicenseRef-x-aup"})
	result := production.deny with input as _input(true, [_nc, other])
	{v.license | some v in result} == {"LicenseRef-mnpl", "LicenseRef-x-aup"}
}

test_production_use_of_a_production_license_passes if {
	inp := _input(true, [_open])
	production.applies with input as inp
	count(production.deny) == 0 with input as inp
	count(production.warn) == 0 with input as inp
}

test_non_production_use_passes_with_an_obligation if {
	inp := _input(false, [_nc])
	production.applies with input as inp
	count(production.deny) == 0 with input as inp
	obligations := production.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "LicenseRef-mnpl"
}

test_a_license_without_a_record_warns if {
	inp := _input(true, [_unknown])
	count(production.deny) == 0 with input as inp
	result := production.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "LicenseRef-acme-internal"
	# It points where the license is declared, the field to correct, not
	# at use.production.
	v.path == "/model/id"
}

test_non_production_use_of_production_licenses_is_not_applicable if {
	not production.applies with input as _input(false, [_open])
}

# A record that states what the license does permit (the Mistral Research
# License's Research Purposes) is quoted in the failure, its fix and the
# obligation, instead of the generic "testing, research or evaluation".
_research := object.union(_nc, {"terms": {"production_use": {"permitted": "Research Purposes as section 9 defines them"}}})

test_a_stated_permitted_use_is_named_in_the_failure if {
	result := production.deny with input as _input(true, [_research])
	count(result) == 1
	some v in result
	contains(v.msg, "Research Purposes as section 9")
	not contains(v.msg, "testing, research or evaluation")
	contains(v.remediation, "Research Purposes as section 9")
}

test_a_stated_permitted_use_is_named_in_the_obligation if {
	obligations := production.obligations with input as _input(false, [_research])
	count(obligations) == 1
	some o in obligations
	contains(o.text, "Research Purposes as section 9")
}

test_without_a_stated_permitted_use_the_usual_uses_are_named if {
	some v in production.deny with input as _input(true, [_nc])
	contains(v.msg, "testing, research or evaluation")
}
