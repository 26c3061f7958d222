package modelgate.rules.license.derivative_license_test

import data.modelgate.rules.license.derivative_license
import rego.v1

_llama := {
	"id": "LicenseRef-scancode-llama-3.1-license-2024",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"aliases": ["llama3.1"],
	"known": true,
	"terms": {
		"commercial_use": {"allowed": true, "section": "1.a"},
		"license_copy": {"trigger": "distribution", "section": "1.b.i(A)"},
	},
}

_mit := {
	"id": "MIT",
	"name": "MIT License",
	"url": "https://example.test/mit",
	"aliases": ["mit license"],
	"known": true,
	"terms": {"commercial_use": {"allowed": true, "section": "1"}},
}

_base := {"id": "meta-llama/Llama-3.1-8B", "name": "Llama 3.1 8B", "license": "LicenseRef-scancode-llama-3.1-license-2024"}

_input(declared, records, distribution) := {
	"model": {"id": "acme/ft", "license": declared, "base_model": "meta-llama/Llama-3.1-8B"},
	"distribution": distribution,
	"resolved": {
		"model": null,
		"lineage": [_base],
		"license": {"source": "proposal"},
		"licenses": records,
	},
}

_kept := {"weights": false, "includes_license_copy": false}

test_a_relabelled_derivative_warns_naming_the_base_license if {
	inp := _input("mit", [_llama, _mit], _kept)
	count(derivative_license.deny) == 0 with input as inp
	result := derivative_license.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/license"
	v.license == "LicenseRef-scancode-llama-3.1-license-2024"
	v.citation.section == "1.b.i(A)"
	count(derivative_license.obligations) == 1 with input as inp
}

test_relabelled_weights_shipped_without_the_license_fail if {
	inp := _input("MIT", [_llama, _mit], {"weights": true, "includes_license_copy": false})
	result := derivative_license.deny with input as inp
	count(result) == 1
	some v in result
	v.license == "LicenseRef-scancode-llama-3.1-license-2024"
}

test_relabelled_weights_shipped_with_the_license_warn if {
	inp := _input("MIT", [_llama, _mit], {"weights": true, "includes_license_copy": true})
	count(derivative_license.deny) == 0 with input as inp
	count(derivative_license.warn) == 1 with input as inp
}

test_declaring_the_base_license_by_alias_passes if {
	inp := _input("LLAMA3.1", [_llama], {"weights": true, "includes_license_copy": false})
	derivative_license.applies with input as inp
	count(derivative_license.deny) == 0 with input as inp
	count(derivative_license.warn) == 0 with input as inp
}

test_declaring_the_base_license_and_more_passes if {
	inp := _input("(MIT AND llama3.1)", [_llama, _mit], _kept)
	count(derivative_license.warn) == 0 with input as inp
}

test_a_catalog_license_is_not_applicable if {
	inp := {
		"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "license": null},
		"resolved": {"lineage": [_base], "license": {"source": "catalog"}, "licenses": [_llama]},
	}
	not derivative_license.applies with input as inp
}

test_a_model_without_a_base_is_not_applicable if {
	inp := {
		"model": {"id": "acme/own", "license": "MIT"},
		"resolved": {"lineage": [], "license": {"source": "proposal"}, "licenses": [_mit]},
	}
	not derivative_license.applies with input as inp
}

# Two dated texts of the same terms: Gemma's `gemma` id resolves to the
# newest text while the base is on the older one.
_gemma(id) := {
	"id": id,
	"name": "Gemma Terms of Use",
	"family": "gemma",
	"url": "https://example.test/gemma",
	"aliases": [],
	"known": true,
	"terms": {"license_copy": {"trigger": "distribution", "section": "3.1"}},
}

_gemma_input(declared) := {
	"model": {"id": "acme/tutor", "license": declared, "base_model": "google/gemma-2-9b-it"},
	"distribution": _kept,
	"resolved": {
		"model": null,
		"lineage": [{"id": "google/gemma-2-9b-it", "license": "gemma-2024"}],
		"license": {"source": "proposal"},
		"licenses": [_gemma("gemma-2024"), _gemma("gemma-2025")],
	},
}

test_another_dated_text_of_the_base_terms_is_no_relabelling if {
	inp := _gemma_input("gemma-2025")
	derivative_license.applies with input as inp
	count(derivative_license.warn) == 0 with input as inp
	count(derivative_license.deny) == 0 with input as inp
}

test_another_license_of_the_same_family_is_still_a_relabelling if {
	llama33 := object.union(_llama, {"id": "llama-3.3", "name": "Llama 3.3 Community License Agreement", "family": "llama", "aliases": []})
	llama31 := object.union(_llama, {"family": "llama"})
	inp := object.union(_input("llama-3.3", [llama31, llama33], _kept), {})
	some v in derivative_license.warn with input as inp
	v.license == "LicenseRef-scancode-llama-3.1-license-2024"
}

# A catalog model declared under another license: the catalog's license for
# it (as deployed) binds and is named.
_catalog_input(declared, distribution) := {
	"model": {"id": "meta-llama/Llama-3.1-8B", "license": declared},
	"distribution": distribution,
	"resolved": {
		"model": _base,
		"lineage": [],
		"license": {"source": "proposal", "catalog": "LicenseRef-scancode-llama-3.1-license-2024"},
		"licenses": [_mit, _llama],
	},
}

test_a_relabelled_catalog_model_warns_naming_the_catalog_license if {
	inp := _catalog_input("MIT", _kept)
	derivative_license.applies with input as inp
	count(derivative_license.deny) == 0 with input as inp
	result := derivative_license.warn with input as inp
	count(result) == 1
	some v in result
	v.license == "LicenseRef-scancode-llama-3.1-license-2024"
	contains(v.msg, "the catalog has it under LicenseRef-scancode-llama-3.1-license-2024")
}

test_relabelled_catalog_weights_shipped_without_the_license_fail if {
	inp := _catalog_input("MIT", {"weights": true, "includes_license_copy": false})
	some v in derivative_license.deny with input as inp
	contains(v.msg, "recipients would take them under MIT alone")
}

test_declaring_the_catalog_license_passes if {
	inp := _catalog_input("llama3.1", _kept)
	derivative_license.applies with input as inp
	count(derivative_license.warn) == 0 with input as inp
}

# A catalog derivative declared under a third license: its own catalog
# license and its base's are both left out; a license both share is named
# once, for the model itself.
test_a_relabelled_catalog_derivative_names_its_own_and_its_base_license if {
	inp := {
		"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "license": "Apache-2.0"},
		"distribution": _kept,
		"resolved": {
			"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "name": "R1 Distill", "license": "MIT"},
			"lineage": [_base],
			"license": {"source": "proposal", "catalog": "MIT"},
			"licenses": [{"id": "Apache-2.0", "known": true, "terms": {}}, _mit, _llama],
		},
	}
	found := {[v.license, contains(v.msg, "derives from")] | some v in derivative_license.warn} with input as inp
	found == {["MIT", false], ["LicenseRef-scancode-llama-3.1-license-2024", true]}
}

test_a_license_left_out_by_the_model_and_its_base_is_named_once if {
	inp := {
		"model": {"id": "acme/llama-ft", "license": "MIT"},
		"distribution": _kept,
		"resolved": {
			"model": {"id": "acme/llama-ft", "name": "Llama FT", "license": "LicenseRef-scancode-llama-3.1-license-2024"},
			"lineage": [_base],
			"license": {"source": "proposal", "catalog": "LicenseRef-scancode-llama-3.1-license-2024"},
			"licenses": [_mit, _llama],
		},
	}
	result := derivative_license.warn with input as inp
	count(result) == 1
	some v in result
	not contains(v.msg, "derives from")
}

# A model outside the catalog whose id carries "Llama", with no base named.
_by_name(id, declared, records) := {
	"model": {"id": id, "license": declared, "base_model": null},
	"distribution": _kept,
	"resolved": {"model": null, "lineage": [], "license": {"source": "proposal", "expression": declared}, "card": null, "licenses": records},
}

test_a_model_named_llama_under_another_license_warns_at_its_id if {
	inp := _by_name("nvidia/Llama-3.1-Nemotron-70B-Instruct-HF", "Apache-2.0", [object.union(_mit, {"family": "apache"})])
	derivative_license.applies with input as inp
	count(derivative_license.deny) == 0 with input as inp
	result := derivative_license.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/model/id"
	v.citation.section == "1.b.i"
	contains(v.msg, "declares Apache-2.0")
	contains(v.remediation, "model.base_model")
	count(derivative_license.obligations) == 0 with input as inp
}

test_a_model_named_llama_under_a_llama_license_is_not_applicable if {
	inp := _by_name("acme/Llama-3.1-support", "llama3.1", [object.union(_llama, {"family": "llama"})])
	not derivative_license.applies with input as inp
}

test_a_model_named_llama_with_a_base_is_judged_by_its_base if {
	inp := object.union(_by_name("acme/llama-tune", "MIT", [_mit]), {"model": {"base_model": "meta-llama/Llama-3.1-8B"}})
	not derivative_license.applies with input as inp
}

test_a_model_named_llama_whose_card_names_a_base_is_not_flagged_by_name if {
	inp := object.union(_by_name("acme/llama-tune", "MIT", [_mit]), {"resolved": {"card": {"base_models": ["someone/base"]}}})
	not derivative_license.applies with input as inp
}

test_a_catalog_model_is_not_judged_by_its_name if {
	inp := object.union(_by_name("TinyLlama/TinyLlama-1.1B-Chat-v1.0", "Apache-2.0", [_mit]), {"resolved": {"model": {"id": "TinyLlama/TinyLlama-1.1B-Chat-v1.0"}}})
	not derivative_license.applies with input as inp
}

test_a_model_whose_license_comes_from_its_card_is_named_with_the_card if {
	inp := object.union(
		_by_name("acme/llama-tune", null, [_mit]),
		{"resolved": {"license": {"source": "card", "expression": "MIT"}, "card": {"base_models": []}}},
	)
	some v in derivative_license.warn with input as inp
	contains(v.msg, "declares MIT (from its model card)")
}

test_a_model_without_llama_in_its_id_is_not_applicable if {
	not derivative_license.applies with input as _by_name("acme/own-model", "MIT", [_mit])
}
