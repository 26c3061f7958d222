package modelgate.rules.residency.gdpr_dpa_test

import data.modelgate.rules.residency.gdpr_dpa
import rego.v1

_proposal(provider, service, tier, dpa) := {
	"data": {"classes": ["eu_personal"], "subjects": ["DE"]},
	"deployment": {"kind": "vendor_api", "provider": provider, "service": service, "tier": tier},
	"contracts": {"dpa": dpa},
	"organization": {"domicile": "DE"},
}

test_processor_without_a_dpa_fails if {
	result := gdpr_dpa.deny with input as _proposal("openai", null, "api", false)
	count(result) == 1
	some v in result
	v.path == "/contracts/dpa"
}

test_processor_with_a_dpa_passes_with_an_obligation if {
	inp := _proposal("openai", null, "api", true)
	gdpr_dpa.applies with input as inp
	count(gdpr_dpa.deny) == 0 with input as inp
	count(gdpr_dpa.warn) == 0 with input as inp
	count(gdpr_dpa.obligations) >= 1 with input as inp
}

# OpenAI's processor terms are a partial fact (secondary sources): the pass
# carries a duty to confirm them; AWS's are verified and carry none.
test_a_dpa_resting_on_an_unverified_fact_must_be_confirmed if {
	obligations := gdpr_dpa.obligations with input as _proposal("openai", null, "api", true)
	count(obligations) == 2
	confirms := [o | some o in obligations; contains(o.text, "[partial: check the provider's processor terms]")]
	count(confirms) == 1
}

test_a_dpa_resting_on_a_verified_fact_needs_no_confirmation if {
	obligations := gdpr_dpa.obligations with input as _proposal("aws", "aws_bedrock", "api", true)
		with data.modelgate.facts.residency.providers.aws.dpa.verification as "verified"
	count(obligations) == 1
	confirms := [o | some o in obligations; startswith(o.text, "Confirm")]
	count(confirms) == 0
}

# AWS's DPA fact comes from its GDPR whitepaper, which regulation.md does not
# cover: partial, so the pass asks to confirm it.
test_a_dpa_fact_the_sheets_do_not_cover_is_confirmed if {
	obligations := gdpr_dpa.obligations with input as _proposal("aws", "aws_bedrock", "api", true)
	some o in obligations
	startswith(o.text, "Confirm")
	contains(o.text, "[partial: check")
}

test_no_processor_terms_says_how_settled_the_fact_is if {
	some v in gdpr_dpa.deny with input as _proposal("google", "gemini_api_free", "api", true)
	contains(v.msg, "[partial: check the provider's processor terms]")
}

test_consumer_tier_fails_even_with_a_dpa if {
	some v in gdpr_dpa.deny with input as _proposal("openai", null, "consumer", true)
	v.path == "/deployment/tier"
}

test_service_without_processor_terms_fails if {
	some v in gdpr_dpa.deny with input as _proposal("google", "gemini_api_free", "api", true)
	v.path == "/deployment/service"
}

test_a_dpa_the_service_cannot_have_is_no_duty_to_keep if {
	count(gdpr_dpa.obligations) == 0 with input as _proposal("google", "gemini_api_free", "api", true)
}

test_paid_tier_of_the_same_provider_passes if {
	count(gdpr_dpa.deny) == 0 with input as _proposal("google", "gemini_api_paid", "api", true)
}

test_unknown_provider_with_a_dpa_warns if {
	inp := _proposal("example_host", null, "api", true)
	count(gdpr_dpa.deny) == 0 with input as inp
	count(gdpr_dpa.warn) == 1 with input as inp
}

test_cloud_hosting_a_self_managed_deployment_is_a_processor if {
	inp := object.union(_proposal("aws", null, "api", false), {"deployment": {"kind": "self_hosted"}})
	count(gdpr_dpa.deny) == 1 with input as inp
}

test_on_premises_is_out_of_scope if {
	not gdpr_dpa.applies with input as _proposal("on_prem", null, "api", false)
}

test_data_outside_the_gdpr_is_out_of_scope if {
	not gdpr_dpa.applies with input as {
		"data": {"classes": ["pii"], "subjects": ["US"]},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": null, "tier": "api"},
		"organization": {"domicile": "US"},
	}
}

# Special-category data with no subjects declared is governed by the fail-safe
# reading; a failure on it says why the GDPR is applied at all.
_special_no_subjects(domicile) := {
	"data": {"classes": ["special_category"], "subjects": []},
	"deployment": {"kind": "vendor_api", "provider": "openai", "service": null, "tier": "api"},
	"contracts": {"dpa": false},
	"organization": {"domicile": domicile},
}

test_a_failure_on_the_assumed_gdpr_says_why_it_applies if {
	result := gdpr_dpa.deny with input as _special_no_subjects("US")
	count(result) == 1
	some v in result
	v.path == "/contracts/dpa"
	contains(v.msg, "data.subjects is not declared")
}

test_an_eea_organisation_is_governed_without_the_assumption if {
	result := gdpr_dpa.deny with input as _special_no_subjects("DE")
	count(result) == 1
	some v in result
	not contains(v.msg, "data.subjects")
}

# Without a declared DPA, the fix says how the provider offers its terms where
# the facts know (AWS: applied automatically through its Service Terms).
test_the_fix_for_a_missing_dpa_says_how_the_provider_offers_it if {
	some v in gdpr_dpa.deny with input as _proposal("aws", "aws_bedrock", "api", false)
	v.path == "/contracts/dpa"
	contains(v.remediation, "applied automatically")
	contains(v.remediation, "declare contracts.dpa: true")
}

test_the_fix_for_a_missing_dpa_at_an_unknown_provider_is_the_general_one if {
	some v in gdpr_dpa.deny with input as _proposal("example_host", null, "api", false)
	startswith(v.remediation, "Sign the provider's data processing addendum")
}

# Without a DPA on a service that has no processor terms, the fix is to move
# to a covered service: none can be signed for this one.
test_no_dpa_on_a_service_without_processor_terms_says_none_can_be_signed if {
	result := gdpr_dpa.deny with input as _proposal("google", "gemini_api_free", "api", false)
	count(result) == 1
	some v in result
	v.path == "/contracts/dpa"
	contains(v.remediation, "so none can be signed for it")
	not startswith(v.remediation, "Sign the provider's")
}

# Personal data with neither data.subjects nor organization.domicile at a
# third party: whether Art. 28 binds cannot be told, so a missing DPA warns.
_unplaced(dpa, subjects, domicile) := {
	"data": {"classes": ["pii"], "subjects": subjects},
	"deployment": {"kind": "vendor_api", "provider": "openai", "tier": "api", "regions": ["US"]},
	"contracts": {"dpa": dpa},
	"organization": {"domicile": domicile},
	"now": "2026-11-23",
}

test_personal_data_with_no_subjects_and_no_domicile_warns_without_a_dpa if {
	inp := _unplaced(false, [], null)
	gdpr_dpa.applies with input as inp
	count(gdpr_dpa.deny) == 0 with input as inp
	some v in gdpr_dpa.warn with input as inp
	v.path == "/data/subjects"
}

test_personal_data_with_no_subjects_and_no_domicile_passes_with_a_dpa if {
	inp := _unplaced(true, [], null)
	gdpr_dpa.applies with input as inp
	count(gdpr_dpa.deny) == 0 with input as inp
	count(gdpr_dpa.warn) == 0 with input as inp
}

test_personal_data_placed_outside_the_eea_does_not_apply if {
	not gdpr_dpa.applies with input as _unplaced(false, ["US"], null)
	not gdpr_dpa.applies with input as _unplaced(false, [], "US")
}
