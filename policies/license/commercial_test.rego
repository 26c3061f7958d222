package modelgate.rules.license.commercial_test

import data.modelgate.rules.license.commercial
import rego.v1

_nc := {
	"id": "CC-BY-NC-4.0",
	"name": "CC BY-NC 4.0",
	"url": "https://example.test/by-nc",
	"known": true,
	"terms": {"commercial_use": {"allowed": false, "section": "2(a)(1)"}},
}

_open := {
	"id": "Apache-2.0",
	"name": "Apache License 2.0",
	"url": "https://example.test/apache",
	"known": true,
	"terms": {"commercial_use": {"allowed": true, "section": "2"}},
}

_unknown := {"id": "LicenseRef-acme-internal", "known": false}

_input(commercial, records) := {
	"use": {"commercial": commercial},
	"resolved": {"licenses": records},
}

test_commercial_use_of_a_non_commercial_license_fails if {
	result := commercial.deny with input as _input(true, [_nc, _open])
	count(result) == 1
	some v in result
	v.path == "/use/commercial"
	v.license == "CC-BY-NC-4.0"
	v.citation.section == "2(a)(1)"
	# The field at fault is named, for a proposal that leaves it out too.
	contains(v.msg, "use.commercial is true")
	v.citation.url == "https://example.test/by-nc"
}

test_every_non_commercial_license_is_named if {
	other := object.union(_nc, {"id": "LicenseRef-x-aup"})
	result := commercial.deny with input as _input(true, [_nc, other])
	{v.license | some v in result} == {"CC-BY-NC-4.0", "LicenseRef-x-aup"}
}

test_commercial_use_of_a_commercial_license_passes if {
	inp := _input(true, [_open])
	commercial.applies with input as inp
	count(commercial.deny) == 0 with input as inp
	count(commercial.warn) == 0 with input as inp
}

test_non_commercial_use_passes_with_an_obligation if {
	inp := _input(false, [_nc])
	commercial.applies with input as inp
	count(commercial.deny) == 0 with input as inp
	obligations := commercial.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "CC-BY-NC-4.0"
}

test_a_license_without_a_record_warns if {
	inp := _input(true, [_unknown])
	count(commercial.deny) == 0 with input as inp
	result := commercial.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "LicenseRef-acme-internal"
	# It points where the license is declared, the field to correct, not
	# at use.commercial.
	v.path == "/model/id"
}

test_non_commercial_use_of_commercial_licenses_is_not_applicable if {
	not commercial.applies with input as _input(false, [_open])
}

# A record that states what the license does permit is quoted.
_research := object.union(_nc, {"terms": {"commercial_use": {"permitted": "Research Purposes as section 9 defines them"}}})

test_a_stated_permitted_use_is_named_in_the_failure_and_the_obligation if {
	some v in commercial.deny with input as _input(true, [_research])
	contains(v.msg, "Research Purposes as section 9")
	some o in commercial.obligations with input as _input(false, [_research])
	contains(o.text, "Research Purposes as section 9")
}

# A grant with a condition for hosted services (Falcon 180B) warns when the
# model is offered as one, and only then.
_falcon := {
	"id": "falcon-180b",
	"name": "Falcon 180B TII License",
	"url": "https://example.test/falcon",
	"known": true,
	"terms": {"commercial_use": {"allowed": true, "section": "x", "hosted_service_condition": "needs TII's permission"}},
}

test_a_hosted_service_under_a_hosting_condition_warns if {
	inp := object.union(_input(true, [_falcon]), {"distribution": {"hosted_service": true}})
	count(commercial.deny) == 0 with input as inp
	result := commercial.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/distribution/hosted_service"
	v.license == "falcon-180b"
}

test_a_hosting_condition_applies_without_commercial_use if {
	inp := object.union(_input(false, [_falcon]), {"distribution": {"hosted_service": true}})
	commercial.applies with input as inp
	count(commercial.warn) == 1 with input as inp
}

test_a_hosting_condition_is_silent_without_a_hosted_service if {
	inp := object.union(_input(true, [_falcon]), {"distribution": {"hosted_service": false}})
	count(commercial.warn) == 0 with input as inp
	not commercial.applies with input as object.union(_input(false, [_falcon]), {"distribution": {"hosted_service": false}})
}

_registered := {
	"id": "LicenseRef-scancode-stability-ai-community-2024",
	"name": "Stability AI Community License Agreement",
	"url": "https://example.test/stability",
	"verification": "verified",
	"known": true,
	"terms": {"commercial_use": {"allowed": true, "condition": "register with Stability AI", "section": "III"}},
}

test_a_commercial_condition_is_an_obligation_of_the_pass if {
	count(commercial.deny) == 0 with input as _input(true, [_registered])
	count(commercial.warn) == 0 with input as _input(true, [_registered])
	result := commercial.obligations with input as _input(true, [_registered])
	count(result) == 1
	some o in result
	o.license == "LicenseRef-scancode-stability-ai-community-2024"
	o.section == "III"
	contains(o.text, "register with Stability AI")
}

test_a_commercial_condition_is_silent_without_commercial_use if {
	count(commercial.obligations) == 0 with input as _input(false, [_registered])
}

test_a_grant_without_a_condition_has_no_obligation if {
	count(commercial.obligations) == 0 with input as _input(true, [_open])
}
