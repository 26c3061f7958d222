package modelgate.rules.residency.vendor_data_use_test

import data.modelgate.rules.residency.vendor_data_use
import rego.v1

_proposal(provider, service, tier, classes, zdr) := {
	"data": {"classes": classes, "subjects": ["US"]},
	"deployment": {"kind": "vendor_api", "provider": provider, "service": service, "tier": tier},
	"contracts": {"zero_data_retention": zdr},
	"organization": {"domicile": "US"},
}

test_business_api_that_does_not_train_passes if {
	inp := _proposal("openai", null, "api", ["internal"], false)
	vendor_data_use.applies with input as inp
	count(vendor_data_use.deny) == 0 with input as inp
	count(vendor_data_use.warn) == 0 with input as inp
}

test_consumer_tier_with_non_public_data_fails if {
	some v in vendor_data_use.deny with input as _proposal("openai", null, "consumer", ["internal"], false)
	v.path == "/deployment/tier"
}

test_consumer_tier_of_an_unknown_provider_fails if {
	count(vendor_data_use.deny) == 1 with input as _proposal("example_host", null, "consumer", ["pii"], false)
}

test_service_that_trains_by_default_warns if {
	inp := _proposal("google", "gemini_api_free", "api", ["pii"], false)
	count(vendor_data_use.deny) == 0 with input as inp
	some v in vendor_data_use.warn with input as inp
	v.path == "/deployment/service"
}

test_unknown_training_facts_warn if {
	count(vendor_data_use.warn) == 1 with input as _proposal("example_host", null, "api", ["internal"], false)
}

test_zero_retention_the_service_does_not_offer_fails if {
	some v in vendor_data_use.deny with input as _proposal("anthropic", "claude_for_work", "enterprise", ["internal"], true)
	v.path == "/contracts/zero_data_retention"
}

test_zero_retention_the_service_offers_passes_with_its_exclusions if {
	inp := _proposal("anthropic", null, "api", ["internal"], true)
	count(vendor_data_use.deny) == 0 with input as inp
	count(vendor_data_use.obligations) == 1 with input as inp
}

test_public_data_is_out_of_scope if {
	not vendor_data_use.applies with input as _proposal("openai", null, "consumer", ["public"], false)
}

test_on_premises_is_out_of_scope if {
	not vendor_data_use.applies with input as _proposal("on_prem", null, "api", ["confidential"], false)
}

# Passes and obligations resting on facts that are not verified say so:
# Azure OpenAI's "no training" (partial) and its 30-day retention (unverified).
test_facts_that_are_not_verified_are_marked if {
	inp := object.union(_proposal("azure", "azure_openai", "api", ["internal"], false), {"deployment": {"kind": "managed_cloud"}})
	count(vendor_data_use.deny) == 0 with input as inp
	count(vendor_data_use.warn) == 0 with input as inp
	texts := [o.text | some o in vendor_data_use.obligations with input as inp]
	some t1 in texts
	contains(t1, "does not train on inputs")
	contains(t1, "[partial:")
	some t2 in texts
	contains(t2, "[unverified:")
}

# Where modelgate has no fact on the service, the finding cites no other
# provider's terms.
test_no_fact_cites_no_other_providers_terms if {
	some v in vendor_data_use.warn with input as _proposal("groq", null, "api", ["internal"], false)
	not v.citation
	not contains(vendor_data_use.meta.citation.url, "openai")
}
