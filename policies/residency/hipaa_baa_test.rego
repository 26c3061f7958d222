package modelgate.rules.residency.hipaa_baa_test

import data.modelgate.rules.residency.hipaa_baa
import rego.v1

_proposal(kind, provider, tier, baa, deid) := {
	"data": {"classes": ["phi"], "deidentification": deid},
	"deployment": {"kind": kind, "provider": provider, "service": null, "tier": tier},
	"contracts": {"baa": baa},
}

test_phi_to_an_api_without_a_baa_fails if {
	result := hipaa_baa.deny with input as _proposal("vendor_api", "openai", "api", false, "none")
	count(result) == 1
	some v in result
	v.path == "/contracts/baa"
}

test_phi_to_an_api_with_a_baa_passes_with_an_obligation if {
	inp := _with_features(_proposal("vendor_api", "openai", "api", true, "none"), [])
	count(hipaa_baa.deny) == 0 with input as inp
	count(hipaa_baa.warn) == 0 with input as inp
	count(hipaa_baa.obligations) == 1 with input as inp
}

_with_features(p, features) := object.union(p, {"deployment": object.union(p.deployment, {"features": features})})

# With no features declared, the pass names those outside the BAA as a duty.
test_undeclared_features_are_named_in_an_obligation if {
	inp := _proposal("vendor_api", "openai", "api", true, "none")
	count(hipaa_baa.deny) == 0 with input as inp
	count(hipaa_baa.obligations) == 2 with input as inp
	some o in hipaa_baa.obligations with input as inp
	contains(o.text, "deployment.features is not declared")
	contains(o.text, "stored_responses")
	contains(o.text, "[partial:")
}

# A service whose facts list no feature outside its BAA: no such duty.
test_no_feature_duty_where_the_facts_list_none if {
	result := hipaa_baa.obligations with input as _proposal("self_hosted", "gcp", "api", true, "none")
	count(result) > 0
	every o in result {
		not contains(o.text, "deployment.features")
	}
}

# RES-HIPAA-004: a declared feature outside the BAA's scope fails, at its path.
test_a_feature_outside_the_baa_fails if {
	inp := _with_features(_proposal("vendor_api", "anthropic", "api", true, "none"), ["prompt_caching", "web_search"])
	result := hipaa_baa.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/1"
	v.citation.url == "https://privacy.claude.com/en/articles/8956058-i-have-a-zero-retention-agreement-with-anthropic-what-products-does-it-apply-to"
	not contains(v.msg, "[partial:")
}

# A partial fact fails too, and says so.
test_a_feature_outside_the_baa_on_a_partial_fact_fails_and_says_so if {
	inp := _with_features(_proposal("vendor_api", "openai", "api", true, "none"), ["files_api"])
	some v in hipaa_baa.deny with input as inp
	v.path == "/deployment/features/0"
	contains(v.msg, "[partial:")
}

# RES-HIPAA-005: Bedrock sharing retained prompts with the model's provider.
test_bedrock_provider_data_share_fails if {
	inp := _with_features(_proposal("managed_cloud", "aws", "api", true, "none"), ["provider_data_share"])
	some v in hipaa_baa.deny with input as inp
	v.path == "/deployment/features/0"
}

# An unverified fact (Azure OpenAI image inputs) only warns, and says so.
test_a_feature_outside_the_baa_on_an_unverified_fact_warns if {
	inp := _with_features(_proposal("managed_cloud", "azure", "api", true, "none"), ["audio", "image_input"])
	count(hipaa_baa.deny) == 0 with input as inp
	result := hipaa_baa.warn with input as inp
	count(result) == 2
	every v in result {
		contains(v.msg, "[unverified:")
		startswith(v.path, "/deployment/features/")
	}
}

# OpenAI: whether the BAA covers the web search tool is not known (regulation.md
# open item 8), so PHI through it warns instead of passing.
test_web_search_on_openai_under_the_baa_warns if {
	inp := _with_features(_proposal("vendor_api", "openai", "api", true, "none"), ["web_search"])
	count(hipaa_baa.deny) == 0 with input as inp
	result := hipaa_baa.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/0"
	contains(v.msg, "web_search")
	contains(v.msg, "[unverified:")
}

# Vertex AI: whether the GCP BAA's Covered Services include grounding with
# Google Search is not known, so PHI through it warns instead of passing.
test_grounding_on_vertex_under_the_gcp_baa_warns if {
	inp := _with_features(_proposal("managed_cloud", "gcp", "api", true, "none"), ["grounding_search"])
	count(hipaa_baa.deny) == 0 with input as inp
	result := hipaa_baa.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/0"
	contains(v.msg, "may not cover")
	contains(v.msg, "[unverified:")
}

# Vertex AI without grounding declared: the pass names it as a duty.
test_vertex_under_the_gcp_baa_names_grounding_as_a_duty if {
	inp := _proposal("managed_cloud", "gcp", "api", true, "none")
	count(hipaa_baa.warn) == 0 with input as inp
	some o in hipaa_baa.obligations with input as inp
	contains(o.text, "grounding_search")
}

# Without a BAA the missing BAA is the failure; features add nothing.
test_features_are_not_judged_without_a_baa if {
	inp := _with_features(_proposal("vendor_api", "anthropic", "api", false, "none"), ["web_search"])
	result := hipaa_baa.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/contracts/baa"
}

# Features the BAA covers pass.
test_features_inside_the_baa_pass if {
	inp := _with_features(_proposal("vendor_api", "anthropic", "api", true, "none"), ["files_api", "batch"])
	count(hipaa_baa.deny) == 0 with input as inp
	count(hipaa_baa.warn) == 0 with input as inp
}

test_self_hosting_in_a_cloud_still_needs_a_baa if {
	count(hipaa_baa.deny) == 1 with input as _proposal("self_hosted", "aws", "api", false, "none")
}

test_on_premises_needs_no_baa if {
	count(hipaa_baa.deny) == 0 with input as _proposal("self_hosted", "on_prem", "api", false, "none")
}

test_consumer_tier_fails_even_with_a_baa if {
	result := hipaa_baa.deny with input as _proposal("vendor_api", "openai", "consumer", true, "none")
	some v in result
	v.path == "/deployment/tier"
}

test_service_without_a_baa_fails if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": "chatgpt_consumer", "tier": "api"},
		"contracts": {"baa": true},
	}
	some v in hipaa_baa.deny with input as inp
	v.path == "/deployment/service"
}

test_a_baa_the_service_cannot_have_is_no_duty_to_keep if {
	service_without := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": "chatgpt_consumer", "tier": "api"},
		"contracts": {"baa": true},
	}
	count(hipaa_baa.obligations) == 0 with input as service_without
	count(hipaa_baa.obligations) == 0 with input as _proposal("vendor_api", "openai", "consumer", true, "none")
}

test_unknown_provider_with_a_baa_warns if {
	inp := _proposal("hosted_open_api", "example_host", "api", true, "none")
	count(hipaa_baa.deny) == 0 with input as inp
	count(hipaa_baa.warn) == 1 with input as inp
}

test_deidentified_data_is_out_of_scope if {
	not hipaa_baa.applies with input as _proposal("vendor_api", "openai", "api", false, "safe_harbor")
	not hipaa_baa.applies with input as _proposal("vendor_api", "openai", "api", false, "expert_determination")
}

test_no_phi_is_out_of_scope if {
	not hipaa_baa.applies with input as {"data": {"classes": ["internal"], "deidentification": "none"}}
}

test_a_service_without_a_baa_names_it_in_the_remediation if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "google", "service": "gemini_api_paid", "tier": "api"},
		"contracts": {"baa": false},
	}
	some v in hipaa_baa.deny with input as inp
	v.path == "/contracts/baa"
	v.remediation != hipaa_baa.meta.remediation
}

test_a_cloud_serving_another_vendors_model_needs_the_clouds_baa if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "managed_cloud", "provider": "aws", "service": "aws_bedrock", "tier": "api"},
		"contracts": {"baa": true},
		"resolved": {"model": {"vendor": "anthropic"}},
	}
	count(hipaa_baa.deny) == 0 with input as inp
	count(hipaa_baa.obligations) == 3 with input as inp
}

test_a_cloud_serving_its_own_companys_model_needs_no_vendor_note if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "managed_cloud", "provider": "gcp", "service": "vertex_ai", "tier": "api"},
		"contracts": {"baa": true},
		"resolved": {"model": {"vendor": "google"}},
	}
	result := hipaa_baa.obligations with input as inp

	# The BAA to keep, and the features it may not cover (none declared).
	count(result) == 2
	every o in result {
		not contains(o.text, "a BAA with the model's vendor")
	}
}

# A pass on a BAA fact that is only partly verified (Azure OpenAI) says so in
# its obligation; a verified one (the OpenAI API) does not.
test_a_pass_on_a_partial_baa_fact_says_so_in_its_obligation if {
	inp := _proposal("managed_cloud", "azure", "api", true, "none")
	count(hipaa_baa.deny) == 0 with input as inp
	some o in hipaa_baa.obligations with input as inp
	contains(o.text, "[partial:")
	openai := hipaa_baa.obligations with input as _with_features(_proposal("vendor_api", "openai", "api", true, "none"), [])
	every o2 in openai {
		not contains(o2.text, "[partial:")
	}
}

# A failure on a "no BAA" fact that is only partly verified says so.
test_a_failure_on_a_partial_no_baa_fact_says_so if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": "chatgpt_consumer", "tier": "api"},
		"contracts": {"baa": true},
	}
	some v in hipaa_baa.deny with input as inp
	v.path == "/deployment/service"
	contains(v.msg, "[partial:")
}

# A consumer service named with the default tier: the finding points at the service.
test_a_consumer_service_named_without_the_tier_points_at_the_service if {
	inp := {
		"data": {"classes": ["phi"], "subjects": ["US"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": "chatgpt_consumer", "tier": "api", "regions": ["US"]},
		"contracts": {"baa": true},
		"organization": {"domicile": "US"},
	}
	paths := {v.path | some v in hipaa_baa.deny with input as inp}
	paths == {"/deployment/service"}
}

# Without a BAA at a service that offers one, the fix says how the provider
# offers it (Azure's is part of its Product Terms with no separate signature)
# and how settled that fact is; a provider with no BAA fact gets the general fix.
test_a_missing_baa_the_service_offers_says_how_to_get_it if {
	inp := _proposal("managed_cloud", "azure", "api", false, "none")
	some v in hipaa_baa.deny with input as inp
	v.path == "/contracts/baa"
	contains(v.remediation, "Product Terms")
	contains(v.remediation, "[partial:")
	some w in hipaa_baa.deny with input as _proposal("vendor_api", "cohere", "api", false, "none")
	w.remediation == hipaa_baa.meta.remediation
}

# A BAA declared for a service that has none cites the source of that fact.
test_a_baa_the_service_cannot_have_cites_the_fact if {
	inp := {
		"data": {"classes": ["phi"], "deidentification": "none"},
		"deployment": {"kind": "vendor_api", "provider": "google", "service": "gemini_api_paid", "tier": "api"},
		"contracts": {"baa": true},
	}
	some v in hipaa_baa.deny with input as inp
	v.citation.url == "https://cloud.google.com/security/compliance/hipaa"
}

# The duty under a BAA joins its scope and exclusions into one sentence.
test_the_baa_duty_joins_scope_and_exclusions if {
	inp := _with_features(_proposal("managed_cloud", "azure", "api", true, "none"), [])
	some o in hipaa_baa.obligations with input as inp
	contains(o.text, "text inputs only; not covered:")
}
