package modelgate.lib.licenses_test

import data.modelgate.lib.licenses
import rego.v1

_llama := {
	"id": "llama",
	"name": "Llama 3.2 Community License Agreement",
	"url": "https://example.test/license",
	"terms": {
		"use_policy": {"name": "Llama 3.2 Acceptable Use Policy", "section": "1.b.iv", "url": "https://example.test/aup"},
		"license_copy": {"section": "1.b.i(A)"},
		"geographic": [{"section": "AUP, paragraph after item 5", "url": "https://example.test/aup"}],
	},
}

test_a_term_of_the_license_cites_the_license if {
	licenses.citation(_llama, _llama.terms.license_copy) == {
		"document": "Llama 3.2 Community License Agreement",
		"section": "1.b.i(A)",
		"url": "https://example.test/license",
	}
}

test_a_term_stated_in_the_use_policy_cites_the_use_policy if {
	licenses.citation(_llama, _llama.terms.geographic[0]) == {
		"document": "Llama 3.2 Acceptable Use Policy",
		"section": "AUP, paragraph after item 5",
		"url": "https://example.test/aup",
	}
}

test_the_clause_incorporating_the_use_policy_cites_the_license if {
	licenses.citation(_llama, _llama.terms.use_policy) == {
		"document": "Llama 3.2 Community License Agreement",
		"section": "1.b.iv",
		"url": "https://example.test/license",
	}
}

test_an_unrecorded_spdx_license_cites_its_spdx_page if {
	c := licenses.unknown_citation({"id": "GPL-3.0-only"})
	c.url == "https://spdx.org/licenses/GPL-3.0-only.html"
	c.document == "SPDX License List: GPL-3.0-only"
}

test_a_license_ref_or_noassertion_cites_the_spdx_rule if {
	every id in ["LicenseRef-acme-eula", "NOASSERTION", "NONE"] {
		licenses.unknown_citation({"id": id}).section == "Annex D"
	}
}

# A model trained only on outputs (a "student") escapes the duties whose term
# says it does not cover such models; other terms still reach it.

# A non-empty lineage here is a base the proposal declares (model.base_model).
_student_input(use, distribution, lineage) := {
	"model": {"base_model": _declared_base(lineage)},
	"use": object.union({"fine_tune": null, "outputs_train_other_models": true}, use),
	"distribution": object.union({"weights": true, "hosted_service": false}, distribution),
	"resolved": {"model": {"id": "teacher"}, "lineage": lineage},
}

_declared_base(lineage) := null if count(lineage) == 0

_declared_base(lineage) := lineage[0].id if count(lineage) > 0

test_outputs_only_holds_for_a_student_given_to_others if {
	licenses.outputs_only with input as _student_input({}, {}, [])
}

test_outputs_only_needs_outputs_training if {
	not licenses.outputs_only with input as _student_input({"outputs_train_other_models": false}, {}, [])
}

test_outputs_only_excludes_a_fine_tune_or_a_derivative if {
	not licenses.outputs_only with input as _student_input({"fine_tune": {"method": "lora"}}, {}, [])
	not licenses.outputs_only with input as _student_input({}, {}, [{"id": "base"}])
}

# A distillation into another model trains it on the outputs, flag or not
# (LIC-OUTPUTS-TRAINING judges it so): the student given to others is the
# same "student" as with outputs_train_other_models.
test_outputs_only_holds_for_a_distilled_student_without_the_flag if {
	licenses.outputs_only with input as _student_input(
		{"outputs_train_other_models": false, "fine_tune": {"method": "distillation"}},
		{}, [],
	)
	licenses.trains_made_available with input as _student_input(
		{"outputs_train_other_models": false, "fine_tune": {"method": "distillation"}},
		{}, [],
	)
}

test_outputs_only_excludes_a_distillation_of_a_declared_derivative if {
	not licenses.outputs_only with input as _student_input({"fine_tune": {"method": "distillation"}}, {}, [{"id": "base"}])
}

# A catalog model that is itself a derivative (its lineage comes from the
# catalog, not from a base the proposal declares): a student trained on its
# outputs is still only a student (DeepSeek-R1-Distill-Llama-8B, under the
# Llama 3.1 license, whose copy and Notice do not reach such a model).
test_outputs_only_holds_for_a_student_of_a_catalog_derivative if {
	inp := {
		"model": {"base_model": null},
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"distribution": {"weights": true, "hosted_service": false},
		"resolved": {"model": {"id": "distill", "base_model": "base"}, "lineage": [{"id": "base"}]},
	}
	licenses.outputs_only with input as inp
	licenses.outputs_only with input as object.union(inp, {"use": {"fine_tune": {"method": "distillation"}, "outputs_train_other_models": false}})
}

# A model outside the catalog whose base is known (from its card) is the
# proposal's own derivative: not read as a student.
test_outputs_only_excludes_an_off_catalog_derivative if {
	not licenses.outputs_only with input as {
		"model": {"base_model": null},
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"distribution": {"weights": true, "hosted_service": false},
		"resolved": {"model": null, "lineage": [{"id": "base"}]},
	}
}

test_outputs_only_excludes_a_hosted_service if {
	not licenses.outputs_only with input as _student_input({}, {"hosted_service": true}, [])
}

test_reaches_skips_a_student_only_where_the_term_says_so if {
	inp := _student_input({}, {}, [])
	not licenses.reaches({"covers_models_trained_on_outputs": false}) with input as inp
	licenses.reaches({"covers_models_trained_on_outputs": true}) with input as inp
	licenses.reaches({"trigger": "distribution"}) with input as inp
}

test_reaches_binds_the_materials_themselves if {
	licenses.reaches({"covers_models_trained_on_outputs": false}) with input as _student_input({"fine_tune": {"method": "lora"}}, {}, [])
}

test_checked_marks_a_term_read_less_than_in_full if {
	licenses.checked({"name": "L", "verification": "verified"}, {}) == ""
	licenses.checked({"name": "L", "verification": "verified_copy"}, {}) == ""
	startswith(licenses.checked({"name": "L", "verification": "partial"}, {}), " [partial: ")
	# A term's own level overrides its record's, both ways.
	startswith(licenses.checked({"name": "L", "verification": "verified"}, {"verification": "unverified"}), " [unverified: ")
	licenses.checked({"name": "L", "verification": "partial"}, {"verification": "verified"}) == ""
	# No level at all reads as unverified (fail closed).
	startswith(licenses.checked({"name": "L"}, {}), " [unverified: ")
}

# A finding about the binding license points where the proposal declares it.
test_source_path_is_the_declared_license_else_the_card_label_else_the_model_id if {
	licenses.source_path == "/model/license" with input as {"model": {"license": "LicenseRef-x"}}
	licenses.source_path == "/model/id" with input as {"model": {"license": null}, "resolved": {"license": {"source": "catalog"}}}
	card := {"model": {"license": null}, "resolved": {"license": {"source": "card"}, "card": {"license": "acme"}}}
	licenses.source_path == "/resolved/card/license" with input as card
	other := {"model": {"license": null}, "resolved": {"license": {"source": "card"}, "card": {"license": "Other", "license_name": "acme"}}}
	licenses.source_path == "/resolved/card/license_name" with input as other
}
