package modelgate.rules.residency.ccpa_service_provider_test

import data.modelgate.rules.residency.ccpa_service_provider as ccpa
import rego.v1

_proposal(classes, subjects, provider, tier) := {
	"data": {"classes": classes, "subjects": subjects},
	"deployment": {"kind": "vendor_api", "provider": provider, "service": null, "tier": tier},
	"organization": {"domicile": "US"},
	"contracts": {},
}

_signed(inp) := object.union(inp, {"contracts": {"ccpa_service_provider_terms": true}})

# Absent terms read as not signed: a service provider fails closed.
test_us_consumers_pii_at_a_vendor_without_the_terms_fails if {
	inp := _proposal(["pii"], ["US"], "openai", "api")
	ccpa.applies with input as inp
	result := ccpa.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/contracts/ccpa_service_provider_terms"
	contains(v.msg, "personal information of US consumers (pii) reaches OpenAI")
	contains(v.msg, "[partial: check the CCPA and its regulations]")
	count(ccpa.obligations) == 1 with input as inp
}

test_with_the_terms_it_passes_with_the_contract_as_an_obligation if {
	inp := _signed(_proposal(["pii", "internal"], ["US"], "anthropic", "api"))
	count(ccpa.deny) == 0 with input as inp
	sections := {o.section | some o in ccpa.obligations; is_object(o); o.section} with input as inp
	sections == {"11 CCR 7051"}
	count(ccpa.obligations) == 2 with input as inp
}

test_a_consumer_product_fails_whatever_is_declared if {
	inp := _signed(_proposal(["pii"], ["US"], "openai", "consumer"))
	paths := {v.path | some v in ccpa.deny} with input as inp
	paths == {"/deployment/tier"}
	count(ccpa.obligations) == 0 with input as inp
}

test_a_service_without_processor_terms_fails_whatever_is_declared if {
	inp := _signed(_proposal(["pii"], ["US"], "google", "api"))
	paths := {v.path | some v in ccpa.deny} with input as inp
	paths == {"/deployment/tier"}
}

# The finding points at the field that chose the service: the service named,
# not the whole deployment section.
test_a_named_service_without_processor_terms_points_at_the_service if {
	inp := _signed(object.union(_proposal(["pii"], ["US"], "google", "api"), {"deployment": {"service": "gemini_api_free"}}))
	paths := {v.path | some v in ccpa.deny} with input as inp
	paths == {"/deployment/service"}
}

test_no_subjects_declared_reads_as_the_us_organisation_s_own_customers if {
	ccpa.applies with input as _proposal(["special_category"], [], "openai", "api")
}

test_cardholder_and_eu_personal_data_of_us_consumers_are_personal_information if {
	some v in ccpa.deny with input as _proposal(["cardholder", "eu_personal"], ["DE", "US"], "openai", "api")
	contains(v.msg, "(cardholder, eu_personal)")
}

test_hipaa_phi_alone_is_outside_the_ccpa if {
	not ccpa.applies with input as _proposal(["phi"], ["US"], "openai", "api")
}

test_on_premises_nothing_is_disclosed if {
	not ccpa.applies with input as _proposal(["pii"], ["US"], "on_prem", "api")
}

test_non_us_consumers_are_out_of_scope if {
	not ccpa.applies with input as _proposal(["pii"], ["DE"], "openai", "api")
}

test_non_personal_data_is_out_of_scope if {
	not ccpa.applies with input as _proposal(["internal", "confidential"], ["US"], "openai", "api")
}

# Neither data.subjects nor organization.domicile: US consumers cannot be
# ruled out, so personal information at a third party without service
# provider terms warns instead of not applying; with them it passes.
_unplaced(classes) := object.union(_proposal(classes, [], "openai", "api"), {"organization": {"domicile": null}})

test_personal_information_with_no_subjects_and_no_domicile_warns if {
	inp := _unplaced(["pii"])
	ccpa.applies with input as inp
	count(ccpa.deny) == 0 with input as inp
	some v in ccpa.warn with input as inp
	v.path == "/data/subjects"
}

test_personal_information_with_no_subjects_and_no_domicile_passes_under_the_terms if {
	inp := _signed(_unplaced(["pii"]))
	ccpa.applies with input as inp
	count(ccpa.deny) == 0 with input as inp
	count(ccpa.warn) == 0 with input as inp
}

test_exempt_phi_with_no_subjects_and_no_domicile_does_not_apply if {
	not ccpa.applies with input as _unplaced(["phi"])
}
