package modelgate.rules.requirement.allowed_regions_test

import data.modelgate.rules.requirement.allowed_regions
import rego.v1

_proposal(kind, provider, service, regions, allowed) := {
	"deployment": {"kind": kind, "provider": provider, "service": service, "tier": "api", "regions": regions},
	"requirements": {"allowed_regions": allowed},
	"organization": {"domicile": "DE"},
}

_bedrock(regions, allowed) := _proposal("managed_cloud", "aws", "aws_bedrock", regions, allowed)

test_a_region_in_an_allowed_bloc_passes if {
	inp := _bedrock(["eu-central-1", "eu-west-3"], ["EU"])
	allowed_regions.applies with input as inp
	count(allowed_regions.deny) == 0 with input as inp
}

test_a_region_counts_through_its_country if {
	count(allowed_regions.deny) == 0 with input as _bedrock(["eu-central-1"], ["DE"])
	count(allowed_regions.deny) == 1 with input as _bedrock(["eu-central-1"], ["FR"])
}

test_a_region_outside_the_list_fails if {
	result := allowed_regions.deny with input as _bedrock(["eu-central-1", "us-east-1"], ["EU"])
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/1"
}

test_the_uk_and_switzerland_are_not_in_the_eu if {
	count(allowed_regions.deny) == 1 with input as _bedrock(["eu-west-2"], ["EU"])
	count(allowed_regions.deny) == 1 with input as _bedrock(["eu-central-2"], ["EEA"])
}

test_norway_is_in_the_eea_but_not_the_eu if {
	inp := _proposal("managed_cloud", "azure", "azure_openai", ["norwayeast"], ["EEA"])
	count(allowed_regions.deny) == 0 with input as inp
	count(allowed_regions.deny) == 1 with input as _proposal("managed_cloud", "azure", "azure_openai", ["norwayeast"], ["EU"])
}

_azure(regions, allowed) := _proposal("managed_cloud", "azure", "azure_openai", regions, allowed)

# Azure OpenAI's EU data zone backs EU and EEA claims, so only the lists decide.
test_a_bloc_is_inside_a_larger_bloc_but_not_inside_one_country if {
	count(allowed_regions.deny) == 0 with input as _azure(["EU"], ["EEA"])
	count(allowed_regions.deny) == 1 with input as _azure(["EU"], ["DE"])
	count(allowed_regions.deny) == 1 with input as _azure(["EEA"], ["EU"])
}

test_an_allowed_region_id_allows_only_itself if {
	count(allowed_regions.deny) == 0 with input as _bedrock(["eu-central-1"], ["eu-central-1"])
	count(allowed_regions.deny) == 1 with input as _bedrock(["DE"], ["eu-central-1"])
}

test_global_never_satisfies if {
	count(allowed_regions.deny) == 1 with input as _bedrock(["global"], ["EU"])
	count(allowed_regions.deny) == 1 with input as _bedrock(["global"], ["global"])
}

test_no_region_on_a_globally_routing_service_fails if {
	inp := _proposal("vendor_api", "openai", null, [], ["US"])
	result := allowed_regions.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions"
}

test_undeclared_regions_fail_closed if {
	count(allowed_regions.deny) == 1 with input as _bedrock([], ["EU"])
}

test_on_premises_without_regions_uses_the_domicile if {
	count(allowed_regions.deny) == 0 with input as _proposal("self_hosted", "on_prem", null, [], ["EU"])
	some v in allowed_regions.deny with input as _proposal("self_hosted", "on_prem", null, [], ["US"])
	v.path == "/organization/domicile"
}

test_a_region_a_globally_routing_service_does_not_offer_fails if {
	inp := _proposal("vendor_api", "anthropic", null, ["EU"], ["EU"])
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "routes requests globally by default")
}

# The Anthropic API's inference_geo "us" serves Claude Opus 4.6 and later
# only: an older catalog model declared in the US runs under the global
# default, so a US-only requirement fails; a model outside the catalog is
# not excluded (the residency_limits duty names the check).
test_a_residency_option_that_does_not_serve_the_model_fails if {
	inp := object.union(_proposal("vendor_api", "anthropic", null, ["US"], ["US"]), {"resolved": {"model": {"id": "anthropic/claude-sonnet-4", "name": "Claude Sonnet 4"}}})
	count(allowed_regions.deny) == 1 with input as inp
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "does not serve Claude Sonnet 4")
	newer := object.union(inp, {"resolved": {"model": null}})
	count(allowed_regions.deny) == 0 with input as newer
}

test_a_region_the_service_does_not_offer_fails_closed if {
	# Bedrock does not route globally by default; its Europe profile backs no EU claim.
	inp := _proposal("managed_cloud", "aws", "aws_bedrock", ["EU"], ["EU"])
	count(allowed_regions.deny) == 1 with input as inp
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
}

test_a_region_a_provider_without_residency_facts_declares_fails_closed if {
	inp := _proposal("vendor_api", "cohere", null, ["EU"], ["EU"])
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
}

test_a_region_an_unknown_provider_declares_fails_closed if {
	inp := _proposal("hosted_open_api", "groq", null, ["EU"], ["EU"])
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
}

test_at_rest_only_residency_fails_closed if {
	inp := _proposal("vendor_api", "openai", "chatgpt_enterprise", ["EU"], ["EU"])
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
}

# Vertex AI commits no ML-processing location for its Middle East regional
# endpoints (only data at rest): a declared me-central2 does not show the
# data stays in Saudi Arabia, while a European region does show it.
test_a_region_the_provider_keeps_only_data_at_rest_in_fails_closed if {
	inp := _proposal("managed_cloud", "gcp", "vertex_ai", ["me-central2"], ["SA"])
	some v in allowed_regions.deny with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "only data at rest")
	count(allowed_regions.deny) == 0 with input as _proposal("managed_cloud", "gcp", "vertex_ai", ["europe-west4"], ["NL"])
}

test_own_premises_in_a_declared_allowed_place_pass if {
	inp := _proposal("self_hosted", "on_prem", null, ["DE"], ["EU"])
	count(allowed_regions.deny) == 0 with input as inp
}

test_an_offered_region_with_limits_passes_with_the_limits_as_an_obligation if {
	inp := _proposal("vendor_api", "openai", null, ["EU"], ["EU"])
	count(allowed_regions.deny) == 0 with input as inp
	count(allowed_regions.obligations) == 1 with input as inp
}

test_no_list_is_out_of_scope if {
	not allowed_regions.applies with input as _bedrock(["us-east-1"], [])
}
