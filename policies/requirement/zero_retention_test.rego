package modelgate.rules.requirement.zero_retention_test

import data.modelgate.rules.requirement.zero_retention
import rego.v1

_proposal(kind, provider, service, tier, zdr) := {
	"deployment": {"kind": kind, "provider": provider, "service": service, "tier": tier},
	"contracts": {"zero_data_retention": zdr},
	"requirements": {"zero_retention": true},
}

_api(provider, service, zdr) := _proposal("vendor_api", provider, service, "api", zdr)

test_on_premises_passes if {
	inp := _proposal("self_hosted", "on_prem", null, "api", false)
	zero_retention.applies with input as inp
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.obligations) == 1 with input as inp
}

test_self_managed_cloud_hosting_passes if {
	count(zero_retention.deny) == 0 with input as _proposal("self_hosted", "aws", "aws_ec2", "api", false)
}

test_default_retention_without_an_arrangement_fails if {
	result := zero_retention.deny with input as _api("openai", null, false)
	count(result) == 1
	some v in result
	v.path == "/contracts/zero_data_retention"
	v.citation.url == "https://developers.openai.com/api/docs/guides/your-data"
}

test_an_approved_arrangement_passes_with_its_exclusions if {
	inp := _with_features(_api("openai", null, true), [])
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.warn) == 0 with input as inp
	count(zero_retention.obligations) == 1 with input as inp
}

_with_features(p, features) := object.union(p, {"deployment": object.union(p.deployment, {"features": features})})

# With no features declared, a pass resting on the arrangement names the
# features outside it as a duty, with how settled each fact is.
test_undeclared_features_are_named_in_an_obligation if {
	inp := _api("openai", null, true)
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.obligations) == 2 with input as inp
	some o in zero_retention.obligations with input as inp
	contains(o.text, "deployment.features is not declared")
	contains(o.text, "stored_responses")
	contains(o.text, "files_api [partial:")
}

# RES-DATA-003: a declared feature outside the arrangement fails at its path.
test_a_feature_outside_the_arrangement_fails if {
	inp := _with_features(_api("anthropic", "anthropic_api", true), ["web_search", "prompt_caching", "batch"])
	result := zero_retention.deny with input as inp
	count(result) == 2
	some v in result
	v.path == "/deployment/features/1"
	v.citation.url == "https://platform.claude.com/docs/en/manage-claude/api-and-data-retention"
	some w in result
	w.path == "/deployment/features/2"
}

test_stored_responses_fail_under_openai_zero_retention if {
	inp := _with_features(_api("openai", "openai_api", true), ["stored_responses"])
	some v in zero_retention.deny with input as inp
	v.path == "/deployment/features/0"
	not contains(v.msg, "[partial:")
}

test_grounding_with_search_fails_on_vertex if {
	inp := _with_features(_proposal("managed_cloud", "gcp", "vertex_ai", "api", true), ["grounding_search"])
	some v in zero_retention.deny with input as inp
	v.path == "/deployment/features/0"
}

# RES-DATA-004: a Bedrock model that needs provider_data_share retention.
test_bedrock_provider_data_share_fails if {
	inp := _with_features(_proposal("managed_cloud", "aws", "aws_bedrock", "api", true), ["provider_data_share"])
	some v in zero_retention.deny with input as inp
	v.path == "/deployment/features/0"
}

# A partial fact fails too, and says so.
test_a_feature_on_a_partial_fact_fails_and_says_so if {
	inp := _with_features(_api("openai", "openai_api", true), ["files_api"])
	some v in zero_retention.deny with input as inp
	contains(v.msg, "[partial:")
}

# An unverified fact only warns, and says so.
test_a_feature_on_an_unverified_fact_warns if {
	facts := {"providers": {"example_host": {"name": "Example", "services": {"example_api": {
		"retention": {"default_days": 30, "verification": "verified"},
		"zero_retention": {"available": true, "verification": "verified", "excluded_features": {"audio": {"verification": "unverified"}}},
	}}}}}
	inp := _with_features(_api("example_host", "example_api", true), ["audio"])
	count(zero_retention.deny) == 0 with input as inp with data.modelgate.facts.residency as facts
	some v in zero_retention.warn with input as inp with data.modelgate.facts.residency as facts
	v.path == "/deployment/features/0"
	contains(v.msg, "[unverified:")
}

# On the organisation's own infrastructure no provider feature is in play.
test_features_are_not_judged_on_premises if {
	inp := _with_features(_proposal("self_hosted", "on_prem", null, "api", false), ["files_api"])
	count(zero_retention.deny) == 0 with input as inp
}

test_features_inside_the_arrangement_pass if {
	inp := _with_features(_api("anthropic", "anthropic_api", true), ["web_search", "image_input"])
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.warn) == 0 with input as inp
	result := zero_retention.obligations with input as inp
	every o in result {
		not contains(o.text, "deployment.features")
	}
}

test_unknown_retention_fails_closed if {
	count(zero_retention.deny) == 1 with input as _proposal("managed_cloud", "aws", "aws_bedrock", "api", false)
	count(zero_retention.deny) == 1 with input as _api("example_host", null, false)
}

test_a_service_that_keeps_nothing_by_default_passes if {
	inp := _proposal("hosted_open_api", "fireworks", null, "api", false)
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.obligations) == 2 with input as inp
		with data.modelgate.facts.residency.providers.fireworks.services.fireworks_api.retention.verification as "verified"
}

# Fireworks' no-storage default is not in the fact sheets (regulation.md does
# not cover Fireworks), so the fact is partial and the pass asks to confirm it.
test_a_no_storage_default_the_sheets_do_not_cover_is_confirmed if {
	inp := _proposal("hosted_open_api", "fireworks", null, "api", false)
	count(zero_retention.deny) == 0 with input as inp
	obligations := zero_retention.obligations with input as inp
	count(obligations) == 3
	some o in obligations
	startswith(o.text, "Confirm")
	contains(o.text, "[partial: check")
}

test_an_arrangement_the_service_does_not_offer_fails if {
	some v in zero_retention.deny with input as _proposal("vendor_api", "anthropic", "claude_for_work", "enterprise", true)
	v.path == "/contracts/zero_data_retention"
	# cites the page that says ZDR does not apply to Claude for Work, not the retention page
	v.citation.url == "https://privacy.claude.com/en/articles/8956058-i-have-a-zero-retention-agreement-with-anthropic-what-products-does-it-apply-to"
}

test_an_arrangement_with_an_unknown_provider_warns if {
	inp := _api("example_host", null, true)
	count(zero_retention.deny) == 0 with input as inp
	count(zero_retention.warn) == 1 with input as inp
}

test_a_consumer_product_fails if {
	some v in zero_retention.deny with input as _proposal("vendor_api", "openai", null, "consumer", true)
	v.path == "/deployment/tier"
}

test_no_requirement_is_out_of_scope if {
	not zero_retention.applies with input as {"requirements": {"zero_retention": false}}
}

_azure(zdr) := _proposal("managed_cloud", "azure", "azure_openai", "api", zdr)

# A failure on a retention figure that is not verified says so.
test_a_failure_on_an_unverified_retention_figure_says_so if {
	some v in zero_retention.deny with input as _azure(false)
	contains(v.msg, "[unverified:")
}

# A pass on an arrangement fact that is only partly verified has an
# obligation to confirm it.
test_a_pass_on_a_partial_arrangement_fact_has_an_obligation_to_confirm_it if {
	inp := _azure(true)
	count(zero_retention.deny) == 0 with input as inp
	some o in zero_retention.obligations with input as inp
	contains(o.text, "[partial:")
}

# A service that offers no arrangement: the fix names a service of the same
# provider that does, never the arrangement this one lacks.
test_a_service_without_an_arrangement_points_to_one_that_has_it if {
	some v in zero_retention.deny with input as _proposal("vendor_api", "anthropic", "claude_for_work", "enterprise", true)
	contains(v.remediation, "anthropic_api")
	some w in zero_retention.deny with input as _api("google", "gemini_api_free", true)
	contains(w.remediation, "gemini_api_paid")
	contains(w.msg, "[partial:")
}

# The duty to confirm an arrangement names who may have it (Azure OpenAI's
# modified abuse monitoring: EA or MCA customers, not pay-as-you-go).
test_the_duty_to_confirm_the_arrangement_names_its_eligibility if {
	inp := _azure(true)
	some o in zero_retention.obligations with input as inp
	contains(o.text, "offers the declared zero-data-retention arrangement to this organisation (")
	contains(o.text, "not pay-as-you-go")
}

# Mistral's zero-data-retention arrangement covers its stateless endpoints
# only: batch, the Files API, fine-tuning and conversations are outside it
# (a partial fact: read from the list of covered endpoints, so it fails and
# says so).
test_a_stateful_mistral_feature_fails_under_its_arrangement if {
	inp := _with_features(_api("mistral", "mistral_api", true), ["batch"])
	some v in zero_retention.deny with input as inp
	v.path == "/deployment/features/0"
	contains(v.msg, "[partial:")
	count(zero_retention.deny) == 0 with input as _with_features(_api("mistral", "mistral_api", true), [])
}

# Fireworks keeps nothing by default for open-model inference, but stored
# responses, batch jobs and fine-tuning store content: declared, they fail
# even though the service passes by default.
test_a_feature_that_stores_content_fails_at_a_service_that_keeps_nothing_by_default if {
	inp := _with_features(_proposal("hosted_open_api", "fireworks", "fireworks_api", "api", false), ["prompt_caching", "batch"])
	result := zero_retention.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/1"
	count(zero_retention.deny) == 0 with input as _with_features(_proposal("hosted_open_api", "fireworks", "fireworks_api", "api", false), [])
}
