package modelgate.rules.license.unknown_test

import data.modelgate.rules.license.unknown
import rego.v1

_mit := {"id": "MIT", "name": "MIT License", "known": true, "terms": {}}

_input(declared, source, records) := {
	"model": {"id": "acme/model", "license": declared},
	"resolved": {"model": null, "license": {"source": source}, "licenses": records},
}

test_an_id_without_a_record_fails if {
	result := unknown.deny with input as _input("LicenseRef-acme-1.0", "proposal", [{"id": "LicenseRef-acme-1.0", "known": false}])
	count(result) == 1
	some v in result
	v.path == "/model/license"
	v.license == "LicenseRef-acme-1.0"
}

test_noassertion_fails if {
	result := unknown.deny with input as _input("NOASSERTION", "proposal", [{"id": "NOASSERTION", "known": false}])
	count(result) == 1
	some v in result
	v.license == "NOASSERTION"
}

test_only_the_unknown_part_of_an_and_fails if {
	records := [_mit, {"id": "NONE", "known": false}]
	result := unknown.deny with input as _input("MIT AND NONE", "proposal", records)
	count(result) == 1
	some v in result
	v.license == "NONE"
}

test_a_declared_license_with_a_record_passes if {
	inp := _input("MIT", "proposal", [_mit])
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
}

test_a_catalog_license_is_not_applicable if {
	inp := {"model": {"id": "x", "license": null}, "resolved": {"license": {"source": "catalog"}, "licenses": [_mit]}}
	not unknown.applies with input as inp
}

test_an_unknown_license_applies_whatever_its_source if {
	inp := {
		"model": {"id": "x", "license": null},
		"resolved": {"model": null, "license": {"source": "catalog"}, "licenses": [{"id": "LicenseRef-y", "known": false}]},
	}
	unknown.applies with input as inp
	result := unknown.deny with input as inp
	some v in result
	v.path == "/model/id"
}

test_an_unverified_record_warns if {
	inp := {
		"model": {"id": "tiiuae/falcon-180B", "license": null},
		"resolved": {"license": {"source": "catalog"}, "licenses": [{
			"id": "LicenseRef-falcon", "name": "Falcon 180B TII License", "url": "https://example.test/falcon",
			"known": true, "verification": "unverified", "terms": {},
		}]},
	}
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/id"
	v.license == "LicenseRef-falcon"
	contains(v.msg, "is unverified")
}

test_a_verified_record_from_the_catalog_is_out_of_scope if {
	not unknown.applies with input as {
		"model": {"id": "x", "license": null},
		"resolved": {"license": {"source": "catalog"}, "licenses": [{"id": "MIT", "known": true, "verification": "verified", "terms": {}}]},
	}
}

_unverified_model(source) := {
	"model": {"id": "mistralai/Mixtral-8x22B-Instruct-v0.1", "license": null},
	"resolved": {
		"model": {
			"name": "Mixtral 8x22B Instruct v0.1", "verification": "unverified",
			"source": "https://example.test/mixtral-8x22b",
		},
		"license": {"source": source, "expression": "Apache-2.0"},
		"licenses": [{"id": "Apache-2.0", "name": "Apache License 2.0", "known": true, "verification": "verified", "terms": {}}],
	},
}

test_an_unverified_model_record_warns if {
	inp := _unverified_model("catalog")
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/id"
	contains(v.msg, "Mixtral 8x22B Instruct v0.1 is under Apache-2.0 is unverified")
	v.citation.url == "https://example.test/mixtral-8x22b"
}

test_a_declared_license_overrides_an_unverified_model_record if {
	inp := _unverified_model("proposal")
	count(unknown.warn) == 0 with input as inp
	count(unknown.deny) == 0 with input as inp
}

test_a_partial_model_record_is_out_of_scope if {
	inp := object.union(_unverified_model("catalog"), {"resolved": {"model": {"verification": "partial"}}})
	not unknown.applies with input as inp
}

_api_terms := {
	"id": "LicenseRef-acme-api-terms",
	"name": "Acme API Terms",
	"url": "https://example.test/acme-api",
	"known": true,
	"verification": "verified",
	"governed_services": ["acme_api"],
	"terms": {},
}

_on(service, provider) := object.union(_input(null, "catalog", [_api_terms]), {"deployment": {"service": service, "provider": provider}})

test_api_terms_on_a_service_they_do_not_govern_warn if {
	inp := _on("vertex_ai", "gcp")
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/service"
	v.license == "LicenseRef-acme-api-terms"
}

test_api_terms_on_a_service_they_govern_pass if {
	inp := _on("acme_api", "acme")
	count(unknown.deny) == 0 with input as inp
	count(unknown.warn) == 0 with input as inp
}

test_api_terms_on_a_service_that_cannot_be_told_still_bind if {
	inp := _on(null, "nobody-knows")
	count(unknown.warn) == 0 with input as inp
	count(data.modelgate.lib.licenses.known) == 1 with input as inp
	count(data.modelgate.lib.licenses.out_of_scope) == 0 with input as inp
}

test_api_terms_on_premises_still_bind if {
	inp := _on(null, "on_prem")
	count(unknown.warn) == 0 with input as inp
	count(data.modelgate.lib.licenses.known) == 1 with input as inp
}

# A deployment the catalog's record of the model does not list.
_offered := {
	"id": "acme/chat",
	"name": "Acme Chat",
	"vendor": "acme",
	"source": "https://example.test/acme-chat",
	"weights_available": false,
	"deployment_kinds": ["vendor_api", "managed_cloud"],
	"managed_clouds": [{"provider": "azure", "service": "azure_openai"}],
}

_deployed(kind, provider, service) := {
	"model": {"id": "acme/chat", "license": null},
	"deployment": {"kind": kind, "provider": provider, "service": service},
	"resolved": {"model": _offered, "license": {"source": "catalog"}, "licenses": [_mit]},
}

test_a_managed_cloud_the_record_does_not_list_warns if {
	inp := _deployed("managed_cloud", "aws", null)
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/provider"
	contains(v.msg, "not as managed_cloud through aws_bedrock (provider aws)")
	contains(v.msg, "the vendor's API (acme), azure_openai (azure)")
}

test_a_managed_cloud_the_record_lists_passes if {
	inp := _deployed("managed_cloud", "azure", null)
	not unknown.applies with input as inp
	count(unknown.warn) == 0 with input as inp
}

test_a_listed_cloud_on_another_of_its_services_warns if {
	inp := _deployed("managed_cloud", "azure", "azure_vm")
	count(unknown.warn) == 1 with input as inp
}

test_another_vendors_api_warns if {
	result := unknown.warn with input as _deployed("vendor_api", "openai", null)
	count(result) == 1
	some v in result
	v.path == "/deployment/provider"
}

test_the_vendors_own_api_passes if {
	count(unknown.warn) == 0 with input as _deployed("vendor_api", "acme", null)
}

test_a_kind_the_record_does_not_list_warns if {
	result := unknown.warn with input as _deployed("hosted_open_api", "together", null)
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
}

test_self_hosting_a_model_without_weights_is_left_to_lic_self_hosting if {
	count(unknown.warn) == 0 with input as _deployed("self_hosted", "on_prem", null)
}

test_a_record_naming_no_cloud_is_not_judged if {
	inp := object.union(_deployed("managed_cloud", "aws", null), {"resolved": {"model": {"managed_clouds": []}}})
	count(unknown.warn) == 0 with input as inp
}

test_no_catalog_model_is_not_judged_here if {
	inp := object.union(_deployed("hosted_open_api", "together", null), {"resolved": {"model": null}})
	count(unknown.warn) == 0 with input as inp
}

# A feature needing a modality the model's record does not list.
_with_features(modalities_in, modalities_out, features) := object.union(_deployed("vendor_api", "acme", null), {
	"deployment": {"features": features},
	"resolved": {"model": {"input_modalities": modalities_in, "output_modalities": modalities_out}},
})

test_image_input_to_a_text_only_model_warns_at_the_feature if {
	inp := _with_features(["text"], ["text"], ["batch", "image_input"])
	unknown.applies with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/features/1"
	contains(v.msg, "deployment.features lists image_input, but the catalog records")
	contains(v.msg, "as taking text input (and giving text output), not image")
}

test_a_feature_the_record_lists_passes if {
	inp := _with_features(["text", "image"], ["text"], ["image_input"])
	not unknown.applies with input as inp
	count(unknown.warn) == 0 with input as inp
	# Audio out (speech) is audio too.
	count(unknown.warn) == 0 with input as _with_features(["text"], ["text", "audio"], ["audio"])
}

test_audio_to_a_model_without_audio_warns if {
	result := unknown.warn with input as _with_features(["text", "image"], ["text"], ["audio"])
	count(result) == 1
	some v in result
	v.path == "/deployment/features/0"
}

test_features_not_declared_or_without_a_modality_are_not_judged if {
	count(unknown.warn) == 0 with input as _with_features(["text"], ["text"], null)
	count(unknown.warn) == 0 with input as _with_features(["text"], ["text"], ["batch", "files_api"])
	inp := object.union(_with_features(["text"], ["text"], ["image_input"]), {"resolved": {"model": null}})
	count(unknown.warn) == 0 with input as inp
}

# A derivative's base binds it whatever the derivative is declared under, so
# a base whose catalog record did not confirm its license warns even when the
# proposal declares the derivative's license.
_unverified_base(verification) := {
	"model": {"id": "acme/falcon-support", "license": "MIT", "base_model": "tiiuae/falcon-7b"},
	"resolved": {
		"model": null,
		"lineage": [{
			"id": "tiiuae/falcon-7b", "name": "Falcon 7B (base)", "license": "Apache-2.0",
			"verification": verification, "source": "https://example.test/falcon-7b",
		}],
		"license": {"source": "proposal", "expression": "(MIT) AND (Apache-2.0)"},
		"licenses": [
			{"id": "MIT", "name": "MIT License", "known": true, "verification": "verified", "terms": {}},
			{"id": "Apache-2.0", "name": "Apache License 2.0", "known": true, "verification": "verified", "terms": {}},
		],
	},
}

test_an_unverified_base_model_record_warns_whatever_the_derivative_declares if {
	inp := _unverified_base("unverified")
	unknown.applies with input as inp
	count(unknown.deny) == 0 with input as inp
	result := unknown.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/base_model"
	contains(v.msg, "Falcon 7B (base) is under Apache-2.0 is unverified")
	v.citation.url == "https://example.test/falcon-7b"
}

test_a_catalog_derivative_of_an_unverified_base_points_at_the_model if {
	inp := object.union(_unverified_base("unverified"), {"model": {"id": "acme/falcon-support", "license": null, "base_model": null}})
	some v in unknown.warn with input as inp
	v.path == "/model/id"
}

test_a_partial_base_model_record_is_out_of_scope if {
	inp := _unverified_base("partial")
	count(unknown.warn) == 0 with input as inp
}

# A license a model card declared is found at model.card, not model.id: the
# card is what a reviewer must read.
test_an_unknown_license_from_a_card_points_at_the_card if {
	inp := {
		"model": {"id": "acme/model", "license": null, "card": "cards/x/README.md"},
		"resolved": {
			"model": null, "license": {"source": "card"}, "card": {"license": "unknown"},
			"licenses": [{"id": "NOASSERTION", "known": false}],
		},
	}
	some v in unknown.deny with input as inp
	v.path == "/resolved/card/license"
}

test_a_card_license_named_under_other_points_at_license_name if {
	inp := {
		"model": {"id": "acme/model", "license": null, "card": "cards/x/README.md"},
		"resolved": {
			"model": null, "license": {"source": "card"},
			"card": {"license": "other", "license_name": "acme-eula"},
			"licenses": [{"id": "LicenseRef-acme-eula", "known": false}],
		},
	}
	some v in unknown.deny with input as inp
	v.path == "/resolved/card/license_name"
}
