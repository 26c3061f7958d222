package modelgate.lib.gdpr_test

import data.modelgate.lib.gdpr
import rego.v1

# A proposal as the helpers read it: classes, subjects, domicile, purposes.
_p(classes, subjects, domicile) := {
	"data": {"classes": classes, "subjects": subjects},
	"organization": {"domicile": domicile},
	"use": {"purposes": []},
	"deployment": {"kind": "self_hosted", "provider": "on_prem", "regions": []},
}

test_personal_classes_are_personal_data if {
	every class in ["pii", "phi", "eu_personal", "special_category", "cardholder"] {
		gdpr.personal(_p([class], [], null))
	}
	not gdpr.personal(_p(["internal", "confidential", "public"], [], null))
}

test_declared_eu_personal_data_is_governed_wherever_the_organisation_is if {
	gdpr.governed(_p(["eu_personal"], [], "US"))
	not gdpr.assumed(_p(["eu_personal"], [], "US"))
}

test_personal_data_of_people_in_the_eea_is_governed if {
	gdpr.governed(_p(["pii"], ["US", "DE"], "US"))
	gdpr.governed(_p(["pii"], ["NO"], "US"))
	gdpr.governed(_p(["pii"], ["EU"], "JP"))
}

test_personal_data_handled_by_an_organisation_in_the_eea_is_governed if {
	gdpr.governed(_p(["pii"], ["US"], "FR"))
}

test_personal_data_outside_the_eea_is_not_governed if {
	not gdpr.governed(_p(["pii"], ["US", "GB", "CH"], "US"))
	not gdpr.governed(_p(["pii"], [], "GB"))
}

test_business_data_of_an_eea_organisation_is_not_governed if {
	not gdpr.governed(_p(["internal"], ["DE"], "DE"))
}

test_special_categories_with_no_subjects_are_assumed_governed if {
	p := _p(["special_category"], [], "US")
	gdpr.governed(p)
	gdpr.assumed(p)
}

test_special_categories_are_not_assumed_once_governed_otherwise if {
	not gdpr.assumed(_p(["special_category"], [], "DE"))
	not gdpr.assumed(_p(["special_category", "eu_personal"], [], "US"))
	gdpr.governed(_p(["special_category"], [], "DE"))
}

test_special_categories_of_people_outside_the_eea_are_not_governed if {
	not gdpr.governed(_p(["special_category"], ["US", "GB"], "US"))
}

test_personal_data_with_neither_subjects_nor_domicile_is_unplaced if {
	gdpr.unplaced(_p(["pii"], [], null))
	not gdpr.unplaced(_p(["pii"], ["US"], null))
	not gdpr.unplaced(_p(["pii"], [], "US"))
	not gdpr.unplaced(_p(["internal"], [], null))
}

test_health_data_the_gdpr_governs_is_a_special_category if {
	gdpr.special_category(_p(["phi"], ["DE"], "US"))
	gdpr.special_category_class(_p(["phi"], ["DE"], "US"))
	not gdpr.special_category(_p(["phi"], ["US"], "US"))
}

test_biometric_identification_of_people_is_a_special_category if {
	p := object.union(_p(["pii"], ["DE"], "DE"), {"use": {"purposes": ["biometric_identification"]}})
	gdpr.special_category(p)
	not gdpr.special_category_class(p)
	not gdpr.special_category(object.union(_p(["internal"], ["DE"], "DE"), {"use": {"purposes": ["biometric_identification"]}}))
}

test_the_input_rules_read_the_proposal_at_hand if {
	gdpr.input_governed with input as _p(["pii"], ["DE"], "US")
	not gdpr.input_governed with input as _p(["pii"], ["US"], "US")
	gdpr.input_unplaced_ungoverned with input as _p(["pii"], [], null)
	not gdpr.input_unplaced_ungoverned with input as _p(["eu_personal"], [], null)
	gdpr.input_assumed_note == "" with input as _p(["pii"], ["DE"], "US")
	note := gdpr.input_assumed_note with input as _p(["special_category"], [], "US")
	contains(note, "declare data.subjects")
}
