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

# A base under a compound license (Command R: CC-BY-NC-4.0 AND the Cohere
# use addendum) binds derivatives through each part: a card relabelling a
# fine-tune apache-2.0 fails, naming the first binding part; a card that
# repeats the base's own label (cc-by-nc-4.0) does not relabel it.
_cc := {"id": "CC-BY-NC-4.0", "kind": "content_license", "name": "CC BY-NC 4.0", "url": "https://example.test/cc"}

_aup := {"id": "LicenseRef-aup", "kind": "model_license", "name": "Use addendum", "url": "https://example.test/aup"}

_command_r := {"id": "CohereForAI/c4ai-command-r-v01", "license": "CC-BY-NC-4.0 AND LicenseRef-aup"}

test_a_compound_base_license_relabelled_apache_fails if {
	inp := _input(_card("apache-2.0", "Apache-2.0"), _command_r, [_apache, _cc, _aup])
	result := card_license.deny with input as inp
	count(result) == 1
	some v in result
	v.license == "CC-BY-NC-4.0"
	v.path == "/resolved/card/license"
}

test_a_card_naming_part_of_a_compound_base_license_passes if {
	inp := _input(_card("cc-by-nc-4.0", "CC-BY-NC-4.0"), _command_r, [_cc, _aup])
	count(card_license.deny) == 0 with input as inp
	count(card_license.warn) == 0 with input as inp
}

# An unknown label cannot name the base's license: over a base whose license
# binds derivatives (Stability's Community License binds LoRAs) it fails like
# a known one, and the message says modelgate has no record of the label.
test_unknown_label_over_a_binding_base_fails if {
	stability := {"id": "LicenseRef-scancode-stability-ai-community-2024", "kind": "model_license", "name": "Stability AI Community License Agreement", "url": "https://example.test/stability"}
	card := object.union(_card("openrail++", null), {"license": "openrail++"})
	inp := _input(card, {"id": "stabilityai/stable-diffusion-3.5-large", "license": stability.id}, [stability])
	result := card_license.deny with input as inp
	count(result) == 1
	some v in result
	v.license == stability.id
	contains(v.msg, "`openrail++`, a license modelgate has no record of")
	count(card_license.warn) == 0 with input as inp
}

# The card of a catalog model itself that names none of its catalog licenses
# warns: the catalog's license binds anyway (metadata can be stale).
test_catalog_model_card_contradicting_the_catalog_warns if {
	mrl := {"id": "LicenseRef-modelgate-mistral-research-license-0.1", "kind": "model_license", "name": "Mistral AI Research License", "url": "https://example.test/mrl"}
	inp := {"resolved": {
		"card": _card("apache-2.0", "Apache-2.0"),
		"lineage": [],
		"licenses": [_apache, mrl],
		"model": {"id": "mistralai/Ministral-8B-Instruct-2410"},
		"license": {"catalog": mrl.id},
	}}
	count(card_license.deny) == 0 with input as inp
	result := card_license.warn with input as inp
	count(result) == 1
	some v in result
	v.license == mrl.id
	contains(v.msg, "the catalog has mistralai/Ministral-8B-Instruct-2410 under Mistral AI Research License")
}

test_catalog_model_card_naming_a_part_of_its_license_passes if {
	nc := {"id": "CC-BY-NC-4.0", "kind": "model_license", "name": "CC BY-NC 4.0", "url": "https://example.test/nc"}
	aup := {"id": "LicenseRef-modelgate-cohere-c4ai-aup", "kind": "model_license", "name": "Cohere addendum", "url": "https://example.test/aup"}
	inp := {"resolved": {
		"card": _card("cc-by-nc-4.0", "CC-BY-NC-4.0"),
		"lineage": [],
		"licenses": [nc, aup],
		"model": {"id": "CohereForAI/c4ai-command-r-plus"},
		"license": {"catalog": "CC-BY-NC-4.0 AND LicenseRef-modelgate-cohere-c4ai-aup"},
	}}
	count(card_license.warn) == 0 with input as inp
}

# `license: Other` is `other` in any case: its license_name is the label.
test_other_in_any_case_names_its_license_name if {
	card := object.union(_card("Other", null), {"license_name": "acme-license"})
	inp := _input(card, {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [_llama])
	some v in card_license.deny with input as inp
	contains(v.msg, "`acme-license`, a license modelgate has no record of")
}

# An SPDX expression in `license:` that ANDs the base's license names it; one
# that only offers another license instead (OR) does not.
test_an_and_expression_naming_the_base_license_passes if {
	declared := sprintf("%s AND Apache-2.0", [_llama.id])
	inp := _input(_card("llama3.1 AND apache-2.0", declared), {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [_llama, _apache])
	count(card_license.deny) == 0 with input as inp
}

test_an_or_expression_offering_another_license_fails if {
	declared := sprintf("Apache-2.0 OR %s", [_llama.id])
	inp := _input(_card("apache-2.0 OR llama3.1", declared), {"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}, [_llama, _apache])
	count(card_license.deny) == 1 with input as inp
}

# `license: other` with no license_name warns, naming the link it gives.
test_other_without_a_license_name_warns_with_its_link if {
	card := object.union(_card("other", null), {"license_link": "LICENSE"})
	inp := _input(card, {"id": "Qwen/Qwen2.5-7B-Instruct", "license": "Apache-2.0"}, [_apache])
	count(card_license.deny) == 0 with input as inp
	some v in card_license.warn with input as inp
	contains(v.msg, "without a `license_name` (its license_link is LICENSE)")
}

# A catalog model's own card is checked against the bases it names, not the
# catalog record's base (already in the catalog's license, compared below):
# DeepSeek-R1-Distill-Llama-8B's card labelled mit warns as contradicting
# the catalog instead of failing as a relabelled derivative.
test_a_catalog_models_card_is_not_checked_against_the_catalogs_own_base if {
	inp := {"resolved": {
		"model": {"id": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"},
		"card": object.union(_card("mit", "MIT"), {"base_ids": []}),
		"lineage": [{"id": "meta-llama/Llama-3.1-8B", "license": _llama.id}],
		"licenses": [_llama, {"id": "MIT", "kind": "open_source", "name": "MIT License", "url": "https://example.test/mit"}],
		"license": {"catalog": _llama.id},
	}}
	count(card_license.deny) == 0 with input as inp
	some v in card_license.warn with input as inp
	contains(v.msg, "but the catalog has deepseek-ai/DeepSeek-R1-Distill-Llama-8B under Llama 3.1")
}

test_a_catalog_models_card_is_checked_against_the_bases_it_names if {
	inp := {"resolved": {
		"model": {"id": "acme/catalog-model"},
		"card": object.union(_card("apache-2.0", "Apache-2.0"), {"base_ids": ["meta-llama/Llama-3.1-8B-Instruct"]}),
		"lineage": [{"id": "meta-llama/Llama-3.1-8B-Instruct", "license": _llama.id}],
		"licenses": [_llama, _apache],
		"license": {"catalog": "Apache-2.0"},
	}}
	count(card_license.deny) == 1 with input as inp
}

# Findings point into the card, at the field that holds the label: under
# `license: other`, its `license_name`; a card without a license, or with
# `other` and no name, at `license` (the engine falls back to the card's
# front matter when the field is absent).
test_a_label_under_license_other_points_at_license_name if {
	card := object.union(_card("other", null), {"license_name": "acme-eula"})
	inp := _input(card, _command_r, [_cc, _aup])
	some v in card_license.deny with input as inp
	v.path == "/resolved/card/license_name"
}

test_other_without_a_name_points_at_license if {
	inp := _input(_card("other", null), _command_r, [_cc, _aup])
	paths := {v.path | some v in card_license.warn} with input as inp
	paths == {"/resolved/card/license"}
}
