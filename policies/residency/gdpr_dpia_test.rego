package modelgate.rules.residency.gdpr_dpia_test

import data.modelgate.rules.residency.gdpr_dpia
import rego.v1

_proposal(classes, large_scale, purposes, dpia) := {
	"data": {"classes": classes, "subjects": ["DE"], "large_scale": large_scale},
	"use": {"purposes": purposes},
	"contracts": {"dpia_done": dpia},
	"organization": {"domicile": "DE"},
}

test_large_scale_special_categories_without_a_dpia_fail if {
	result := gdpr_dpia.deny with input as _proposal(["special_category"], true, [], false)
	count(result) == 1
	some v in result
	v.path == "/contracts/dpia_done"
	v.citation.section == "Art. 35(3)(b)"
}

test_large_scale_health_data_of_eea_subjects_is_special if {
	count(gdpr_dpia.deny) == 1 with input as _proposal(["phi"], true, [], false)
}

test_automated_decisions_without_a_dpia_fail if {
	some v in gdpr_dpia.deny with input as _proposal(["pii"], false, ["automated_decisions"], false)
	v.citation.section == "Art. 35(3)(a)"
}

test_both_triggers_give_two_denials if {
	count(gdpr_dpia.deny) == 2 with input as _proposal(["special_category"], true, ["automated_decisions"], false)
}

test_a_dpia_on_file_passes_with_obligations if {
	inp := _proposal(["special_category"], true, ["automated_decisions"], true)
	count(gdpr_dpia.deny) == 0 with input as inp
	count(gdpr_dpia.warn) == 0 with input as inp
	count(gdpr_dpia.obligations) == 1 with input as inp
}

test_large_scale_monitoring_warns if {
	inp := _proposal(["pii"], true, ["minors", "surveillance"], false)
	count(gdpr_dpia.deny) == 0 with input as inp
	some v in gdpr_dpia.warn with input as inp
	v.path == "/use/purposes/1"
}

test_large_scale_biometric_identification_is_special if {
	count(gdpr_dpia.deny) == 1 with input as _proposal(["pii"], true, ["biometric_identification"], false)
}

test_small_scale_special_categories_are_out_of_scope if {
	not gdpr_dpia.applies with input as _proposal(["special_category"], false, [], false)
}

test_data_outside_the_gdpr_is_out_of_scope if {
	not gdpr_dpia.applies with input as {
		"data": {"classes": ["pii"], "subjects": ["US"], "large_scale": true},
		"use": {"purposes": ["automated_decisions"]},
		"contracts": {"dpia_done": false},
		"organization": {"domicile": "US"},
	}
}

# data.large_scale not declared (null): whether the DPIA is mandatory cannot
# be told, so special categories, or monitoring, warn instead of not
# applying; `false` declares the processing is not large-scale.
test_special_categories_of_undeclared_scale_warn if {
	inp := _proposal(["special_category"], null, [], false)
	gdpr_dpia.applies with input as inp
	count(gdpr_dpia.deny) == 0 with input as inp
	result := gdpr_dpia.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/data/large_scale"
	v.citation.section == "Art. 35(3)(b)"
}

test_special_categories_of_undeclared_scale_pass_with_a_dpia if {
	inp := _proposal(["special_category"], null, [], true)
	gdpr_dpia.applies with input as inp
	count(gdpr_dpia.warn) == 0 with input as inp
	count(gdpr_dpia.deny) == 0 with input as inp
}

test_monitoring_of_undeclared_scale_warns if {
	some v in gdpr_dpia.warn with input as _proposal(["pii"], null, ["surveillance"], false)
	v.path == "/data/large_scale"
	v.citation.section == "Art. 35(3)(c)"
}

test_declared_small_scale_does_not_apply if {
	not gdpr_dpia.applies with input as _proposal(["special_category"], false, [], false)
	not gdpr_dpia.applies with input as _proposal(["pii"], false, ["surveillance"], false)
}

test_undeclared_scale_of_ordinary_personal_data_does_not_apply if {
	not gdpr_dpia.applies with input as _proposal(["pii"], null, [], false)
}

test_automated_decisions_of_undeclared_scale_fail_once if {
	inp := _proposal(["special_category"], null, ["automated_decisions"], false)
	count(gdpr_dpia.deny) == 1 with input as inp
	count(gdpr_dpia.warn) == 0 with input as inp
}
