package modelgate.rules.license.geographic_test

import data.modelgate.rules.license.geographic
import rego.v1

_llama32 := {
	"id": "LicenseRef-scancode-llama-3.2-license-2024",
	"name": "Llama 3.2 Community License Agreement",
	"url": "https://example.test/llama32",
	"known": true,
	"terms": {"geographic": [{
		"key": "licensee_domicile",
		"regions": ["EU"],
		"models": "multimodal_models",
		"effect": "forbidden",
		"section": "AUP",
		"url": "https://example.test/llama32/aup",
	}]},
}

_gemini := {
	"id": "LicenseRef-scancode-gemini-api-additional-tos-2025",
	"name": "Gemini API Additional Terms of Service",
	"url": "https://example.test/gemini",
	"known": true,
	"terms": {"geographic": [{
		"key": "end_users",
		"regions": ["EEA", "CH", "GB"],
		"models": "all_models",
		"effect": "conditional",
		"condition": "Paid Services only",
		"section": "Use Restrictions 1",
	}]},
}

_apache := {"id": "Apache-2.0", "name": "Apache", "known": true, "terms": {}}

_vision := {"name": "Llama 3.2 11B Vision Instruct", "input_modalities": ["text", "image"]}

_text := {"name": "Llama 3.2 3B Instruct", "input_modalities": ["text"]}

_input(license, model, domicile, subjects) := {
	"organization": {"domicile": domicile},
	"data": {"subjects": subjects},
	"model": {"id": "x"},
	"resolved": {"model": model, "lineage": [], "licenses": [license]},
}

test_an_eu_company_on_a_multimodal_model_fails if {
	result := geographic.deny with input as _input(_llama32, _vision, "DE", ["US"])
	count(result) == 1
	some v in result
	v.path == "/organization/domicile"
	v.license == "LicenseRef-scancode-llama-3.2-license-2024"
	v.citation.url == "https://example.test/llama32/aup"
}

test_an_eu_company_on_a_text_only_model_passes_with_an_obligation if {
	inp := _input(_llama32, _text, "DE", ["DE"])
	geographic.applies with input as inp
	count(geographic.deny) == 0 with input as inp
	count(geographic.warn) == 0 with input as inp
	obligations := geographic.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.license == "LicenseRef-scancode-llama-3.2-license-2024"
}

test_a_non_eu_company_serving_eu_users_passes if {
	inp := _input(_llama32, _vision, "US", ["DE", "FR"])
	count(geographic.deny) == 0 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_the_eea_outside_the_eu_is_not_the_eu if {
	count(geographic.deny) == 0 with input as _input(_llama32, _vision, "NO", ["NO"])
}

test_an_undeclared_domicile_warns if {
	inp := _input(_llama32, _vision, null, ["US"])
	count(geographic.deny) == 0 with input as inp
	result := geographic.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/organization/domicile"
}

test_an_undeclared_domicile_on_a_text_only_model_passes if {
	count(geographic.warn) == 0 with input as _input(_llama32, _text, null, ["US"])
}

test_a_derivative_outside_the_catalog_is_judged_by_its_base if {
	inp := {
		"organization": {"domicile": "FR"},
		"data": {"subjects": ["FR"]},
		"model": {"id": "acme/vision-ft"},
		"resolved": {"model": null, "lineage": [_vision], "licenses": [_llama32]},
	}
	count(geographic.deny) == 1 with input as inp
}

test_unknown_modalities_warn_where_the_limit_could_bite if {
	inp := {
		"organization": {"domicile": "FR"},
		"data": {"subjects": ["FR"]},
		"model": {"id": "acme/unknown"},
		"resolved": {"model": null, "lineage": [], "licenses": [_llama32]},
	}
	count(geographic.deny) == 0 with input as inp
	result := geographic.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/id"
}

test_users_in_a_conditional_region_warn if {
	inp := _input(_gemini, _vision, "US", ["US", "DE"])
	count(geographic.deny) == 0 with input as inp
	result := geographic.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/data/subjects/1"
	v.license == "LicenseRef-scancode-gemini-api-additional-tos-2025"
}

test_an_eu_bloc_subject_is_inside_the_eea if {
	count(geographic.warn) == 1 with input as _input(_gemini, _vision, "US", ["EU"])
}

test_users_outside_the_regions_pass if {
	inp := _input(_gemini, _vision, "US", ["US", "JP"])
	count(geographic.warn) == 0 with input as inp
	count(geographic.deny) == 0 with input as inp
}

test_undeclared_subjects_warn if {
	result := geographic.warn with input as _input(_gemini, _vision, "US", [])
	count(result) == 1
	some v in result
	v.path == "/data/subjects"
}

test_licenses_without_limits_are_not_applicable if {
	not geographic.applies with input as _input(_apache, _vision, "DE", ["DE"])
}

# A limit tied to services (the Gemini API's rule on its unpaid tier), judged
# against the provider facts in policies/residency/data.yaml.
_gemini_free_only := {
	"id": "LicenseRef-scancode-gemini-api-additional-tos-2025",
	"name": "Gemini API Additional Terms of Service",
	"url": "https://example.test/gemini",
	"known": true,
	"terms": {"geographic": [{
		"key": "end_users",
		"regions": ["EEA", "CH", "GB"],
		"models": "all_models",
		"effect": "forbidden",
		"services": ["gemini_api_free"],
		"condition": "Paid Services only",
		"section": "Use Restrictions 1",
	}]},
}

_on(provider, service, subjects) := object.union(
	_input(_gemini_free_only, null, "FR", subjects),
	{"deployment": {"kind": "vendor_api", "provider": provider, "service": service, "tier": null}},
)

test_a_service_limit_fails_on_the_service_it_covers if {
	result := geographic.deny with input as _on("google", "gemini_api_free", ["FR"])
	count(result) == 1
	some v in result
	v.path == "/data/subjects/0"
	contains(v.msg, "on gemini_api_free:")
	contains(v.remediation, "it covers gemini_api_free")
}

test_a_service_limit_fails_on_the_default_service_and_says_so if {
	some v in geographic.deny with input as _on("google", null, ["FR"])
	contains(v.msg, "deployment.service is not declared; it is the default of provider google")
}

test_a_service_limit_passes_on_another_service if {
	inp := _on("google", "gemini_api_paid", ["FR"])
	geographic.applies with input as inp
	count(geographic.deny) == 0 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_a_service_limit_on_another_service_needs_no_subjects if {
	count(geographic.warn) == 0 with input as _on("gcp", "vertex_ai", [])
}

test_a_service_limit_with_no_subjects_on_its_service_warns if {
	some v in geographic.warn with input as _on("google", "gemini_api_free", [])
	v.path == "/data/subjects"
}

test_a_service_limit_warns_when_the_service_cannot_be_told if {
	inp := _on("some-unknown-host", null, ["GB"])
	count(geographic.deny) == 0 with input as inp
	some v in geographic.warn with input as inp
	v.path == "/deployment/provider"
	contains(v.msg, "provider some-unknown-host has no facts")
}

test_a_service_limit_ignores_users_outside_its_regions if {
	count(geographic.deny) == 0 with input as _on("google", "gemini_api_free", ["US", "JP"])
}

test_a_conditional_limit_points_to_evidence_not_to_a_waiver if {
	some v in geographic.warn with input as _input(_gemini, null, "US", ["FR"])
	not contains(v.remediation, "waiver")
}

# The Llama multimodal clause spares end users of a product or service that
# incorporates the model.
_llama32_exempt := {
	"id": "LicenseRef-scancode-llama-3.2-license-2024",
	"name": "Llama 3.2 Community License Agreement",
	"url": "https://example.test/llama32",
	"known": true,
	"terms": {"geographic": [{
		"key": "licensee_domicile",
		"regions": ["EU"],
		"models": "multimodal_models",
		"effect": "forbidden",
		"end_user_exemption": "end users of a hosted product are not affected",
		"section": "AUP",
		"url": "https://example.test/llama32/aup",
	}]},
}

_hosted(kind, provider, extra) := object.union(
	object.union(_input(_llama32_exempt, _vision, "DE", ["DE"]), {
		"deployment": {"kind": kind, "provider": provider, "service": null, "tier": "api", "network": "internet"},
		"distribution": {"weights": false, "hosted_service": false},
		"use": {"fine_tune": null},
		"model": {"id": "x", "base_model": null},
	}),
	extra,
)

test_an_eu_company_using_a_multimodal_model_through_a_managed_cloud_warns if {
	inp := _hosted("managed_cloud", "aws", {})
	count(geographic.deny) == 0 with input as inp
	result := geographic.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/organization/domicile"
	v.license == "LicenseRef-scancode-llama-3.2-license-2024"
	v.citation.url == "https://example.test/llama32/aup"
}

test_an_eu_company_using_a_multimodal_model_through_a_hosted_api_warns if {
	inp := _hosted("hosted_open_api", "together", {})
	count(geographic.deny) == 0 with input as inp
	count(geographic.warn) == 1 with input as inp
}

test_an_eu_company_self_hosting_a_multimodal_model_still_fails if {
	inp := _hosted("self_hosted", "aws", {})
	count(geographic.deny) == 1 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_an_eu_company_giving_the_weights_to_others_still_fails if {
	inp := _hosted("managed_cloud", "aws", {"distribution": {"weights": true, "hosted_service": false}})
	count(geographic.deny) == 1 with input as inp
	count(geographic.warn) == 0 with input as inp
}

# A company that offers a product or service built on the model to others is
# the maker of the product the exemption's end users use, not one of them.
test_an_eu_company_offering_a_product_built_on_the_model_still_fails if {
	inp := _hosted("managed_cloud", "aws", {"distribution": {"weights": false, "hosted_service": true}})
	count(geographic.deny) == 1 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_an_eu_company_offering_a_product_through_a_hosted_api_still_fails if {
	inp := _hosted("hosted_open_api", "together", {"distribution": {"weights": false, "hosted_service": true}})
	count(geographic.deny) == 1 with input as inp
}

test_an_eu_company_fine_tuning_on_a_managed_cloud_still_fails if {
	inp := _hosted("managed_cloud", "aws", {"use": {"fine_tune": {"method": "lora"}}})
	count(geographic.deny) == 1 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_an_eu_company_serving_a_declared_derivative_still_fails if {
	inp := _hosted("hosted_open_api", "together", {"model": {"id": "x", "base_model": "meta-llama/Llama-3.2-11B-Vision-Instruct"}})
	count(geographic.deny) == 1 with input as inp
}

test_a_limit_without_the_exemption_still_fails_on_a_managed_cloud if {
	inp := object.union(_hosted("managed_cloud", "aws", {}), {"resolved": {"model": _vision, "lineage": [], "licenses": [_llama32]}})
	count(geographic.deny) == 1 with input as inp
	count(geographic.warn) == 0 with input as inp
}

_offered(subjects, markets) := object.union(
	_on("google", "gemini_api_free", subjects),
	{"distribution": {"hosted_service": true, "markets": markets}},
)

test_a_market_in_the_limit_fails_whatever_the_subjects if {
	result := geographic.deny with input as _offered(["US"], ["US", "GB"])
	count(result) == 1
	some v in result
	v.path == "/distribution/markets/1"
	contains(v.msg, "the product serves users in United Kingdom (GB) on gemini_api_free")
}

test_markets_without_subjects_are_judged_and_do_not_warn if {
	inp := _offered([], ["CH"])
	some v in geographic.deny with input as inp
	v.path == "/distribution/markets/0"
	count(geographic.warn) == 0 with input as inp
}

test_markets_outside_the_limit_without_subjects_pass if {
	inp := _offered([], ["US"])
	count(geographic.deny) == 0 with input as inp
	count(geographic.warn) == 0 with input as inp
}

test_a_place_that_is_both_subject_and_market_is_named_once if {
	some v in geographic.deny with input as _offered(["FR"], ["FR", "EEA"])
	v.path == "/data/subjects/0"
	contains(v.msg, "users in France (FR), the EEA on")
}
