package modelgate.lib.provider_test

import data.modelgate.lib.provider
import rego.v1

_p(provider, service, kind, regions) := {
	"deployment": {"kind": kind, "provider": provider, "service": service, "tier": "api", "regions": regions},
	"organization": {"domicile": "DE"},
}

test_service_defaults if {
	provider.service_id(_p("aws", null, "self_hosted", [])) == "aws_ec2"
	provider.service_id(_p("aws", null, "managed_cloud", [])) == "aws_bedrock"
	provider.service_id(_p("openai", null, "vendor_api", [])) == "openai_api"
	not provider.service_id(_p("example_host", null, "vendor_api", []))
	provider.service_label(_p("example_host", null, "vendor_api", [])) == "example_host"
}

test_places if {
	provider.places(_p("aws", null, "managed_cloud", ["eu-central-1"])) == {"eu-central-1"}
	provider.places(_p("on_prem", null, "self_hosted", [])) == {"DE"}
	provider.places(_p("openai", null, "vendor_api", [])) == {"global"}
	provider.defaulted_to_global(_p("openai", null, "vendor_api", []))
	provider.places(_p("aws", null, "managed_cloud", [])) == set()
	provider.places(_p("example_host", null, "vendor_api", [])) == set()
}

test_offers_place if {
	provider.offers_place(_p("aws", "aws_bedrock", "managed_cloud", []), "eu-central-1")
	not provider.offers_place(_p("aws", "aws_bedrock", "managed_cloud", []), "westeurope")
	provider.offers_place(_p("openai", null, "vendor_api", []), "EU")
	provider.offers_place(_p("openai", null, "vendor_api", []), "EEA")
	not provider.offers_place(_p("openai", null, "vendor_api", []), "DE")
	not provider.offers_place(_p("anthropic", null, "vendor_api", []), "EU")
	provider.offers_place(_p("anthropic", null, "vendor_api", []), "global")
	not provider.offers_place(_p("example_host", null, "vendor_api", []), "global")
}

test_a_residency_option_does_not_back_a_place_for_a_model_it_excludes if {
	older := object.union(_p("anthropic", null, "vendor_api", ["US"]), {"resolved": {"model": {"id": "anthropic/claude-sonnet-4-5", "name": "Claude Sonnet 4.5"}}})
	not provider.offers_place(older, "US")
	provider.model_excluded(older, "US")
	not provider.model_excluded(older, "EU")
	unknown := object.union(_p("anthropic", null, "vendor_api", ["US"]), {"resolved": {"model": null}})
	provider.offers_place(unknown, "US")
	not provider.model_excluded(unknown, "US")
	provider.offers_place(_p("anthropic", null, "vendor_api", ["US"]), "US")
	contains(provider.no_option_text("US"), "does not serve Claude Sonnet 4.5") with input as older
	provider.no_option_text("EU") == "has no residency option for it" with input as older
}

test_dpa_prefers_the_service_fact if {
	provider.dpa(_p("google", "gemini_api_free", "vendor_api", [])).available == false
	provider.dpa(_p("google", "gemini_api_paid", "vendor_api", [])).available == true
	provider.dpa(_p("openai", null, "vendor_api", [])).available == true
}

test_third_party_and_consumer if {
	provider.third_party(_p("aws", null, "self_hosted", []))
	not provider.third_party(_p("on_prem", null, "self_hosted", []))
	provider.consumer(_p("openai", "chatgpt_consumer", "vendor_api", []))
	not provider.consumer(_p("openai", null, "vendor_api", []))
}

test_an_at_rest_only_option_backs_no_processing_place if {
	p := {"deployment": {"kind": "vendor_api", "provider": "openai", "service": "chatgpt_enterprise", "tier": "enterprise", "regions": ["EU"]}}
	not provider.offers_place(p, "EU")
	provider.stored_only(p, "EU")
}

# Declared places no fact backs, at a service whose routing is unknown: an
# unknown host (no record at all) has them; a globally routing service does
# not (its unbacked places are in unbacked_global), nor does a backed region.
test_unbacked_unknown_routing if {
	provider.unbacked_unknown_routing == {"DE"} with input as _p("example_host", null, "vendor_api", ["DE"])
	provider.unbacked_unknown_routing == set() with input as _p("openai", null, "vendor_api", ["DE"])
	provider.unbacked_unknown_routing == set() with input as _p("aws", "aws_bedrock", "managed_cloud", ["eu-central-1"])
}

# A consumer finding points where the proposal makes the deployment a consumer
# product: the tier it declares, else the service it names, else the provider.
test_the_consumer_path_follows_the_declaration if {
	provider.input_consumer_path == "/deployment/tier" with input as {"deployment": {"provider": "openai", "service": null, "tier": "consumer"}}
	provider.input_consumer_path == "/deployment/service" with input as {"deployment": {"provider": "openai", "service": "chatgpt_consumer", "tier": "api"}}
	provider.input_consumer_path == "/deployment/provider" with input as {"deployment": {"provider": "openai", "service": null, "tier": "api"}}
}

# A finding about the service points at the field that chose it: the named
# service, else the kind or tier whose default the facts take, else the
# provider (its overall default, or no facts at all).
test_the_service_path_follows_what_chose_the_service if {
	provider.input_service_path == "/deployment/service" with input as _p("openai", "chatgpt_consumer", "vendor_api", [])
	provider.input_service_path == "/deployment/kind" with input as _p("aws", null, "self_hosted", [])
	provider.input_service_path == "/deployment/tier" with input as {"deployment": {"provider": "openai", "service": null, "kind": "vendor_api", "tier": "consumer"}}
	provider.input_service_path == "/deployment/provider" with input as {"deployment": {"provider": "cohere", "service": null, "kind": "vendor_api", "tier": "api"}}
	provider.input_service_path == "/deployment/provider" with input as _p("example_host", null, "vendor_api", [])
	provider.service_id({"deployment": {"provider": "openai", "service": null, "kind": "vendor_api", "tier": "consumer"}}) == "chatgpt_consumer"
	provider.service_id({"deployment": {"provider": "on_prem", "service": null, "kind": "self_hosted", "tier": null}}) == null
}

# An in-region option backs the provider's region ids except those it
# excepts: Vertex AI's Middle East regional endpoints keep only data at rest
# in the region (no ML-processing location guarantee), so they back no
# declared processing place.
test_an_in_region_option_backs_no_region_it_excepts if {
	provider.offers_place(_p("gcp", "vertex_ai", "managed_cloud", []), "europe-west4")
	not provider.offers_place(_p("gcp", "vertex_ai", "managed_cloud", []), "me-central2")
	provider.stored_only(_p("gcp", "vertex_ai", "managed_cloud", []), "me-central2")
	provider.offered_regions == set() with input as _p("gcp", "vertex_ai", "managed_cloud", ["me-west1"])
	provider.unbacked_unknown_routing == set() with input as _p("gcp", "vertex_ai", "managed_cloud", ["me-west1"])
}
