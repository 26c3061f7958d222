package modelgate.rules.redistribution.mark_changes_test

import data.modelgate.rules.redistribution.mark_changes
import rego.v1

_apache := {
	"id": "Apache-2.0",
	"name": "Apache License 2.0",
	"url": "https://example.test/apache",
	"known": true,
	"terms": {"modification_notice": {"trigger": "distribution", "section": "4(b)"}},
}

_input(fine_tune, lineage, weights, marked) := {
	"use": {"fine_tune": fine_tune},
	"distribution": {"weights": weights, "hosted_service": false, "marks_modifications": marked},
	"resolved": {"lineage": lineage, "licenses": [_apache]},
}

test_an_unmarked_fine_tune_fails if {
	result := mark_changes.deny with input as _input({"method": "full"}, [], true, false)
	count(result) == 1
	some v in result
	v.path == "/distribution/marks_modifications"
	v.license == "Apache-2.0"
	v.citation.section == "4(b)"
}

test_a_marked_fine_tune_passes_with_an_obligation if {
	inp := _input({"method": "full"}, [], true, true)
	count(mark_changes.deny) == 0 with input as inp
	count(mark_changes.obligations) == 1 with input as inp
}

test_a_derivative_with_a_base_counts if {
	count(mark_changes.deny) == 1 with input as _input(null, [{"id": "base"}], true, false)
}

test_the_unmodified_model_is_not_applicable if {
	not mark_changes.applies with input as _input(null, [], true, false)
}

test_a_fine_tune_kept_in_house_is_not_applicable if {
	not mark_changes.applies with input as _input({"method": "lora"}, [], false, false)
}

# A student distilled from the model and given to others alone modifies none
# of the model's files.
test_a_distilled_student_is_not_applicable if {
	inp := object.union(_input({"method": "distillation"}, [], true, false), {"resolved": {"model": {"id": "teacher"}}})
	not mark_changes.applies with input as inp
}

# The RAIL licenses and DeepSeek (4.c) and Gemma (3.1) attach the duty to
# hosting for third-party access too: a modified model offered as a hosted
# service carries it; the unmodified one does not.
_rail := {
	"id": "rail",
	"name": "DeepSeek License Agreement",
	"url": "https://example.test/deepseek",
	"known": true,
	"terms": {"modification_notice": {"trigger": "distribution_or_hosted_service", "section": "4.c"}},
}

_hosted(fine_tune, marked) := {
	"use": {"fine_tune": fine_tune},
	"distribution": {"weights": false, "hosted_service": true, "marks_modifications": marked},
	"resolved": {"lineage": [], "licenses": [_apache, _rail]},
}

test_a_hosted_fine_tune_under_a_hosting_condition_fails_unmarked if {
	result := mark_changes.deny with input as _hosted({"method": "lora"}, false)
	count(result) == 1
	some v in result
	v.license == "rail"
	v.citation.section == "4.c"
}

test_a_hosted_fine_tune_under_a_hosting_condition_passes_marked if {
	inp := _hosted({"method": "lora"}, true)
	mark_changes.applies with input as inp
	count(mark_changes.deny) == 0 with input as inp
}

test_the_unmodified_model_hosted_is_not_applicable if {
	not mark_changes.applies with input as _hosted(null, false)
}
