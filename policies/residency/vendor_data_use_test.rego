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
	not contains(v.citation.url, "openai")
	not contains(vendor_data_use.meta.citation.url, "openai")
}

# Without a fact, the citation is the law that reaches the data: the GDPR for
# EU personal data, the CCPA regulations for US consumers' personal data, and
# no statute (ISO/IEC 27001's supplier controls) for internal data of a US
# company or personal data of people in Singapore.
_placed(p, subjects, domicile) := object.union(p, {"data": {"subjects": subjects}, "organization": {"domicile": domicile}})

test_no_fact_cites_the_gdpr_where_it_governs if {
	inp := _placed(_proposal("example_host", null, "api", ["pii"], false), ["DE"], "DE")
	some v in vendor_data_use.warn with input as inp
	contains(v.citation.document, "GDPR")
	v.citation.section == "Art. 28(3)(a), 28(10)"
}

test_no_fact_cites_the_ccpa_for_us_consumers if {
	some v in vendor_data_use.warn with input as _proposal("example_host", null, "api", ["pii"], false)
	contains(v.citation.document, "11 CCR")
}

test_no_fact_cites_no_statute_where_no_privacy_law_reaches_the_data if {
	some v in vendor_data_use.warn with input as _proposal("example_host", null, "api", ["internal"], false)
	contains(v.citation.document, "not a statute")
	inp := _placed(_proposal("example_host", null, "api", ["pii"], false), ["SG"], "SG")
	some w in vendor_data_use.warn with input as inp
	contains(w.citation.document, "ISO/IEC 27001")
	not contains(w.citation.document, "GDPR")
}

test_no_fact_cites_the_subjects_national_privacy_law if {
	inp := _placed(_proposal("example_host", null, "api", ["pii"], false), ["SG", "CN"], "CN")
	some v in vendor_data_use.warn with input as inp
	contains(v.citation.document, "PIPL")
	not contains(v.citation.document, "ISO/IEC 27001")
	contains(v.citation.section, "not in modelgate's facts")
}

# India's entry is a payment data rule: it is not cited for other personal data.
test_no_fact_cites_a_class_specific_law_only_for_its_classes if {
	inp := _placed(_proposal("example_host", null, "api", ["pii"], false), ["IN"], "IN")
	some v in vendor_data_use.warn with input as inp
	contains(v.citation.document, "ISO/IEC 27001")
	card := _placed(_proposal("example_host", null, "api", ["cardholder"], false), ["IN"], "IN")
	some w in vendor_data_use.warn with input as card
	contains(w.citation.document, "Reserve Bank of India")
}

# Without a fact, the fix fits the deployment: a host running the team's own
# model is told to check its hosting contract, not to self-host.
test_no_fact_on_a_host_of_a_self_hosted_model_points_at_the_hosting_contract if {
	p := _proposal("example_host", null, "api", ["confidential"], false)
	inp := object.union(p, {"deployment": {"kind": "self_hosted"}})
	some v in vendor_data_use.warn with input as inp
	contains(v.remediation, "hosting contract")
	not contains(v.remediation, "self-host the model")
}

test_no_fact_on_a_vendor_api_points_at_the_contract if {
	some v in vendor_data_use.warn with input as _proposal("example_host", null, "api", ["internal"], false)
	contains(v.remediation, "Confirm in the contract with example_host")
}

_with_features(p, features) := object.union(p, {"deployment": object.union(p.deployment, {"features": features})})

# RES-DATA-003: a declared arrangement contradicted by a declared feature
# that keeps data outside it fails, at the feature's path.
test_a_feature_outside_the_declared_arrangement_fails if {
	inp := _with_features(_proposal("anthropic", "anthropic_api", "api", ["internal"], true), ["web_search", "files_api"])
	result := vendor_data_use.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/1"
	v.citation.url == "https://platform.claude.com/docs/en/manage-claude/api-and-data-retention"
	not contains(v.msg, "[partial:")
}

test_grounding_with_search_contradicts_gemini_zero_retention if {
	inp := _with_features(_proposal("google", "gemini_api_paid", "api", ["internal"], true), ["grounding_search"])
	some v in vendor_data_use.deny with input as inp
	v.path == "/deployment/features/0"
}

# A partial fact fails too, and says so.
test_a_feature_on_a_partial_fact_fails_and_says_so if {
	inp := _with_features(_proposal("openai", "openai_api", "api", ["internal"], true), ["batch"])
	some v in vendor_data_use.deny with input as inp
	contains(v.msg, "[partial:")
}

# An unverified fact only warns, and says so.
test_a_feature_on_an_unverified_fact_warns if {
	facts := {"providers": {"example_host": {"name": "Example", "services": {"example_api": {
		"trains_on_inputs_by_default": {"value": false, "verification": "verified"},
		"zero_retention": {"available": true, "verification": "verified", "excluded_features": {"audio": {"verification": "unverified"}}},
	}}}}}
	inp := _with_features(_proposal("example_host", "example_api", "api", ["internal"], true), ["audio"])
	count(vendor_data_use.deny) == 0 with input as inp with data.modelgate.facts.residency as facts
	some v in vendor_data_use.warn with input as inp with data.modelgate.facts.residency as facts
	v.path == "/deployment/features/0"
	contains(v.msg, "[unverified:")
}

# Without a declared arrangement, or when zero retention is an organisation
# requirement (REQ-ZERO-RETENTION judges it then), features are not judged here.
test_features_are_not_judged_without_an_arrangement_or_under_the_requirement if {
	inp := _with_features(_proposal("anthropic", "anthropic_api", "api", ["internal"], false), ["files_api"])
	count(vendor_data_use.deny) == 0 with input as inp
	required := object.union(_with_features(_proposal("anthropic", "anthropic_api", "api", ["internal"], true), ["files_api"]), {"requirements": {"zero_retention": true}})
	count(vendor_data_use.deny) == 0 with input as required
	count(vendor_data_use.warn) == 0 with input as required
}

test_features_inside_the_arrangement_pass if {
	inp := _with_features(_proposal("anthropic", "anthropic_api", "api", ["internal"], true), ["web_search", "image_input"])
	count(vendor_data_use.deny) == 0 with input as inp
	count(vendor_data_use.warn) == 0 with input as inp
}

test_a_consumer_service_named_without_the_tier_points_at_the_service if {
	inp := {
		"data": {"classes": ["internal"], "subjects": []},
		"deployment": {"kind": "vendor_api", "provider": "anthropic", "service": "claude_consumer", "tier": "api", "regions": ["US"]},
		"contracts": {"zero_data_retention": false},
		"organization": {"domicile": "US"},
		"requirements": {"zero_retention": false},
	}
	some v in vendor_data_use.deny with input as inp
	v.path == "/deployment/service"
}
