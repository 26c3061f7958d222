package modelgate.rules.license.prohibited_use_test

import data.modelgate.rules.license.prohibited_use
import rego.v1

_llama := {
	"id": "llama",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"verification": "verified",
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

# A restriction that names data classes: export-controlled data may be ITAR
# technical data, which the Llama use policies exclude.
_llama_itar := {
	"id": "llama",
	"name": "Llama 3.3 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {"prohibited_uses": [{
		"purpose": "military", "effect": "forbidden", "data_classes": ["export_controlled"],
		"description": "military uses and anything governed by the US ITAR", "section": "AUP 2.a",
	}]},
}

_with_classes(purposes, classes, records) := object.union(_input(purposes, records), {"data": {"classes": classes}})

test_export_controlled_data_warns_under_a_license_that_excludes_itar if {
	inp := _with_classes([], ["internal", "export_controlled"], [_llama_itar])
	prohibited_use.applies with input as inp
	count(prohibited_use.deny) == 0 with input as inp
	result := prohibited_use.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/data/classes/1"
	v.license == "llama"
	contains(v.msg, "export_controlled material")
	contains(v.msg, "forbids")
	not contains(v.remediation, "waiver")
}

test_export_controlled_data_with_the_purpose_declared_fails_once if {
	inp := _with_classes(["military"], ["export_controlled"], [_llama_itar])
	count(prohibited_use.deny) == 1 with input as inp
	count(prohibited_use.warn) == 0 with input as inp
}

test_export_controlled_data_under_a_license_without_the_clause_passes if {
	inp := _with_classes([], ["export_controlled"], [_apache])
	count(prohibited_use.warn) == 0 with input as inp
	count(prohibited_use.deny) == 0 with input as inp
}

test_a_conditional_purpose_points_to_evidence_not_to_a_waiver if {
	some v in prohibited_use.warn with input as _input(["medical_advice"], [_llama])
	not contains(v.remediation, "waiver")
}

# API terms that govern only some services are not applied on another one
# (LIC-UNKNOWN warns there instead).
_gemini_api := {
	"id": "gemini-api",
	"name": "Gemini API Additional Terms",
	"url": "https://example.test/gemini",
	"known": true,
	"governed_services": ["gemini_api_free", "gemini_api_paid"],
	"terms": {"prohibited_uses": [{"purpose": "medical_advice", "effect": "forbidden", "description": "clinical use", "section": "Use Restrictions 5"}]},
}

_deployed(service, provider) := object.union(
	_input(["medical_advice"], [_gemini_api]),
	{"deployment": {"service": service, "provider": provider}},
)

test_api_terms_apply_on_a_service_they_govern if {
	count(prohibited_use.deny) == 1 with input as _deployed("gemini_api_paid", "google")
}

test_api_terms_are_not_applied_on_a_service_they_do_not_govern if {
	count(prohibited_use.deny) == 0 with input as _deployed("vertex_ai", "gcp")
}

# A restriction described as a sentence reads as a clause inside the message:
# its full stop does not run into the semicolon that follows.
test_export_controlled_data_message_keeps_one_punctuation_mark if {
	item := object.union(_llama_itar.terms.prohibited_uses[0], {"description": "Military uses and anything governed by the US ITAR."})
	record := object.union(_llama_itar, {"terms": {"prohibited_uses": [item]}})
	inp := _with_classes([], ["export_controlled"], [record])
	some v in prohibited_use.warn with input as inp
	contains(v.msg, "governed by the US ITAR; if the data falls under that restriction")
	not contains(v.msg, ".;")
}

# A use policy whose contents were not read in full cannot show that a
# purpose its record does not list is unrestricted: the purpose warns.
_stability := {
	"id": "stability",
	"name": "Stability AI Community License Agreement",
	"url": "https://example.test/stability",
	"known": true,
	"verification": "verified",
	"terms": {"use_policy": {
		"name": "Stability AI Acceptable Use Policy", "pass_down": "indirect", "trigger": "distribution",
		"section": "IV(b)", "url": "https://example.test/aup", "verification": "partial",
	}},
}

test_a_purpose_an_unread_use_policy_does_not_list_warns if {
	inp := _input(["minors", "weapons"], [_stability])
	count(prohibited_use.deny) == 0 with input as inp
	result := prohibited_use.warn with input as inp
	count(result) == 2
	some v in result
	v.path == "/use/purposes/1"
	v.license == "stability"
	contains(v.msg, "weapons is not among the restrictions")
	contains(v.msg, "is partial, not read in full")
	v.citation.url == "https://example.test/stability"
	v.citation.section == "IV(b)"
	contains(v.remediation, "https://example.test/aup")
	not contains(v.remediation, "waiver")
}

test_a_record_without_a_level_reads_as_unverified if {
	record := {
		"id": "stability", "name": "Stability AI Community License Agreement", "url": "https://example.test/stability", "known": true,
		"terms": {"use_policy": object.remove(_stability.terms.use_policy, ["verification"])},
	}
	some v in prohibited_use.warn with input as _input(["weapons"], [record])
	contains(v.msg, "is unverified, not read in full")
}

test_contents_verification_overrides_the_terms_level if {
	policy := object.union(_stability.terms.use_policy, {"contents_verification": "verified_copy"})
	inp := _input(["weapons"], [object.union(_stability, {"terms": {"use_policy": policy}})])
	count(prohibited_use.warn) == 0 with input as inp
	count(prohibited_use.deny) == 0 with input as inp
}

test_a_purpose_an_unread_policy_lists_is_judged_once if {
	record := object.union(_llama, {"verification": "partial"})
	inp := _input(["medical_advice"], [record])
	result := prohibited_use.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "only on a condition")
}

test_a_purpose_a_read_use_policy_does_not_list_passes if {
	inp := _input(["weapons"], [_llama])
	count(prohibited_use.warn) == 0 with input as inp
	count(prohibited_use.deny) == 0 with input as inp
}

# API terms that govern another service than the one used are set aside:
# a declared purpose was checked against nothing and warns.
_api_terms := {
	"id": "LicenseRef-acme-api-terms",
	"name": "Acme API Terms",
	"url": "https://example.test/acme-api",
	"known": true,
	"verification": "verified",
	"governed_services": ["acme_api"],
	"terms": {"prohibited_uses": [{"purpose": "medical_advice", "effect": "conditional", "description": "x", "section": "2"}]},
}

_on(service, provider, purposes) := object.union(
	_input(purposes, [_api_terms]),
	{
		"model": {"id": "acme/model"},
		"deployment": {"kind": "managed_cloud", "service": service, "provider": provider},
		"resolved": {"model": null, "licenses": [_api_terms]},
	},
)

test_a_purpose_on_a_service_the_terms_do_not_govern_warns if {
	inp := _on("vertex_ai", "gcp", ["medical_advice", "military"])
	prohibited_use.applies with input as inp
	count(prohibited_use.deny) == 0 with input as inp
	result := prohibited_use.warn with input as inp
	count(result) == 2
	{v.path | some v in result} == {"/use/purposes/0", "/use/purposes/1"}
	every v in result {
		v.license == "LicenseRef-acme-api-terms"
		contains(v.msg, "does not govern")
	}
}

test_no_purpose_on_a_service_the_terms_do_not_govern_is_not_applicable if {
	not prohibited_use.applies with input as _on("vertex_ai", "gcp", [])
}

test_a_purpose_on_the_service_the_terms_govern_is_judged_by_them if {
	result := prohibited_use.warn with input as _on("acme_api", "acme", ["medical_advice"])
	count(result) == 1
	some v in result
	v.citation.section == "2"
}

# The remediation of a condition fits the purpose: a licensed professional
# for the professions only.
_conditional_biometrics := {
	"id": "llama33",
	"name": "Llama 3.3",
	"url": "https://example.test/llama33",
	"known": true,
	"verification": "verified",
	"terms": {"prohibited_uses": [
		{"purpose": "biometric_identification", "effect": "conditional", "description": "unless the law gives the right", "section": "AUP 1.e"},
		{"purpose": "medical_advice", "effect": "conditional", "description": "unlicensed practice", "section": "AUP 1.d"},
	]},
}

test_a_condition_s_remediation_fits_the_purpose if {
	result := prohibited_use.warn with input as _input(["biometric_identification", "medical_advice"], [_conditional_biometrics])
	some biometric in result
	biometric.path == "/use/purposes/0"
	not contains(biometric.remediation, "licensed professional")
	contains(biometric.remediation, "legal basis")
	some medical in result
	medical.path == "/use/purposes/1"
	contains(medical.remediation, "licensed professional")
}
