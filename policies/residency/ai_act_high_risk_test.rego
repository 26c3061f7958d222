package modelgate.rules.residency.ai_act_high_risk_test

import data.modelgate.rules.residency.ai_act_high_risk
import rego.v1

# Judged against the ai_act_high_risk facts in policies/residency/data.yaml.
_proposal(purposes, subjects, domicile, markets) := {
	"use": {"purposes": purposes},
	"data": {"classes": ["pii"], "subjects": subjects},
	"organization": {"domicile": domicile},
	"distribution": {"markets": markets},
}

test_cv_screening_in_the_eu_warns_unverified if {
	inp := _proposal(["automated_decisions"], ["NL", "DE"], "NL", [])
	ai_act_high_risk.applies with input as inp
	result := ai_act_high_risk.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/purposes/0"
	contains(v.msg, "Annex III points 3-5")
	contains(v.msg, "2026-08-02")
	contains(v.msg, "2027-12-02")
	contains(v.msg, "[unverified: check the AI Act]")
	v.citation.section == "Art. 6(2), Annex III points 3-5"
}

test_each_listed_purpose_warns_at_its_index if {
	inp := _proposal(["medical_advice", "biometric_identification", "law_enforcement"], ["FR"], "FR", [])
	paths := {v.path | some v in ai_act_high_risk.warn} with input as inp
	paths == {"/use/purposes/1", "/use/purposes/2"}
}

test_eu_subjects_of_a_us_company_bring_it_into_the_union if {
	ai_act_high_risk.applies with input as _proposal(["critical_infrastructure"], ["US", "IT"], "US", [])
}

test_an_eu_market_brings_it_into_the_union if {
	ai_act_high_risk.applies with input as _proposal(["biometric_identification"], ["US"], "US", ["EU"])
}

test_nothing_declared_cannot_rule_the_union_out if {
	ai_act_high_risk.applies with input as _proposal(["automated_decisions"], [], null, [])
}

test_a_us_system_for_us_people_does_not_apply if {
	not ai_act_high_risk.applies with input as _proposal(["automated_decisions"], ["US"], "US", ["US"])
}

test_a_purpose_outside_annex_iii_does_not_apply if {
	not ai_act_high_risk.applies with input as _proposal(["medical_advice", "minors"], ["DE"], "DE", [])
}

test_no_purposes_do_not_apply if {
	not ai_act_high_risk.applies with input as _proposal([], ["DE"], "DE", [])
}

test_law_enforcement_cites_the_three_annex_iii_points_it_covers if {
	some v in ai_act_high_risk.warn with input as _proposal(["law_enforcement"], ["DE"], "DE", [])
	v.citation.section == "Art. 6(2), Annex III points 6-8"
	contains(v.msg, "migration, asylum and border control")
}
