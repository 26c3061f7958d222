package modelgate.rules.residency.gdpr_special_category_test

import data.modelgate.rules.residency.gdpr_special_category
import rego.v1

_proposal(classes, subjects, domicile) := {
	"data": {"classes": classes, "subjects": subjects, "large_scale": false},
	"organization": {"domicile": domicile},
}

test_special_categories_of_eea_subjects_warn_with_the_condition_as_an_obligation if {
	inp := _proposal(["pii", "special_category"], ["EU"], "DE")
	some v in gdpr_special_category.warn with input as inp
	v.path == "/data/classes/1"
	count(gdpr_special_category.obligations) == 1 with input as inp
}

test_health_data_of_eea_subjects_is_a_special_category if {
	gdpr_special_category.applies with input as _proposal(["phi"], ["FR"], "US")
}

test_an_eea_organisation_processing_special_categories_of_others_warns if {
	gdpr_special_category.applies with input as _proposal(["special_category"], ["US"], "DE")
}

# The GDPR's reach comes from the subjects and the organisation, not the class.
test_uk_subjects_of_a_uk_organisation_are_out_of_scope if {
	not gdpr_special_category.applies with input as _proposal(["special_category"], ["GB"], "GB")
}

test_us_subjects_of_a_us_organisation_are_out_of_scope if {
	not gdpr_special_category.applies with input as _proposal(["special_category"], ["US"], "US")
}

# Undeclared subjects: EEA subjects cannot be ruled out.
test_undeclared_subjects_keep_special_categories_governed if {
	gdpr_special_category.applies with input as _proposal(["special_category"], [], "US")
}

test_personal_data_that_is_not_special_is_out_of_scope if {
	not gdpr_special_category.applies with input as _proposal(["eu_personal"], ["DE"], "DE")
}

# Biometric identification of EEA subjects is a special category whatever the
# class (Art. 9(1)); the warning points at the purpose.
_biometric(classes, subjects, domicile) := object.union(
	_proposal(classes, subjects, domicile),
	{"use": {"purposes": ["automated_decisions", "biometric_identification"]}},
)

test_biometric_identification_of_eea_subjects_warns_at_the_purpose if {
	inp := _biometric(["pii"], ["DE"], "DE")
	gdpr_special_category.applies with input as inp
	result := gdpr_special_category.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/purposes/1"
	count(gdpr_special_category.obligations) == 1 with input as inp
}

test_biometric_identification_with_a_special_category_class_warns_once if {
	result := gdpr_special_category.warn with input as _biometric(["special_category"], ["DE"], "DE")
	count(result) == 1
	some v in result
	v.path == "/data/classes/0"
}

# Health data is the class that brings the special categories in: the
# warning points at `phi`.
test_health_data_warns_at_the_phi_class if {
	some v in gdpr_special_category.warn with input as _proposal(["internal", "phi"], ["FR"], "US")
	v.path == "/data/classes/1"
}

test_biometric_identification_outside_the_gdpr_is_out_of_scope if {
	not gdpr_special_category.applies with input as _biometric(["pii"], ["US"], "US")
}

test_biometric_identification_without_personal_data_is_out_of_scope if {
	not gdpr_special_category.applies with input as _biometric(["internal"], ["DE"], "DE")
}
