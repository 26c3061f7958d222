package modelgate.rules.license.card_license_test

import data.modelgate.rules.license.card_license
import rego.v1

_llama := {"id": "LicenseRef-scancode-llama-3.1-license-2024", "kind": "model_license", "name": "Llama 3.1 Community License Agreement", "url": "https://example.test/llama"}

_apache := {"id": "Apache-2.0", "kind": "open_source", "name": "Apache License 2.0", "url": "https://example.test/apache"}

_input(card, base, licenses) := {"resolved": {
	"card": card,
	"lineage": [base],
	"licenses": licenses,
}}

_card(license, declared) := {
	"path": "cards/x/README.md",
	"license": license,
	"license_name": null,
	"declared": declared,
	"license_line": 2,
}

test_llama_fine_tune_labelled_apache_fails_naming_both if {
	inp := _input(_card("apache-2.0", "Apache-2.0"), {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [_apache, _llama])
	result := card_license.deny with input as inp
	count(result) == 1
	some v in result
	v.license == _llama.id
	contains(v.msg, "Apache-2.0")
	contains(v.msg, "Llama 3.1 Community License Agreement")
}

test_matching_label_passes if {
	inp := _input(_card("llama3.1", _llama.id), {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [_llama])
	count(card_license.deny) == 0 with input as inp
	count(card_license.warn) == 0 with input as inp
}

test_other_label_over_a_permissive_base_warns if {
	mit := {"id": "MIT", "kind": "open_source", "name": "MIT License", "url": "https://example.test/mit"}
	inp := _input(_card("mit", "MIT"), {"id": "Qwen/Qwen2.5-7B-Instruct", "license": "Apache-2.0"}, [mit, _apache])
	count(card_license.deny) == 0 with input as inp
	count(card_license.warn) == 1 with input as inp
}

test_unknown_license_warns if {
	card := object.union(_card("other", null), {"license_name": "acme-license"})
	inp := _input(card, {"id": "Qwen/Qwen2.5-7B-Instruct", "license": "Apache-2.0"}, [_apache])
	count(card_license.warn) == 1 with input as inp
}

test_no_card_is_not_applicable if {
	not card_license.applies with input as {"resolved": {"card": null}}
}

test_another_dated_text_of_the_base_terms_passes if {
	gemma_2024 := {"id": "gemma-2024", "kind": "model_license", "family": "gemma", "name": "Gemma Terms of Use", "url": "https://example.test/gemma"}
	gemma_2025 := object.union(gemma_2024, {"id": "gemma-2025"})
	inp := _input(_card("gemma", "gemma-2025"), {"id": "google/gemma-2-9b-it", "license": "gemma-2024"}, [gemma_2024, gemma_2025])
	count(card_license.deny) == 0 with input as inp
	count(card_license.warn) == 0 with input as inp
}

test_another_license_of_the_same_family_still_fails if {
	llama33 := {"id": "llama-3.3", "kind": "model_license", "family": "llama", "name": "Llama 3.3 Community License Agreement", "url": "https://example.test/llama33"}
	llama31 := object.union(_llama, {"family": "llama"})
	inp := _input(_card("llama3.3", "llama-3.3"), {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [llama31, llama33])
	count(card_license.deny) == 1 with input as inp
}
