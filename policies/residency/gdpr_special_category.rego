# RES-GDPR-SPECIAL-CATEGORY: GDPR Art. 9(1) prohibits processing special
# categories of personal data (health, genetic, biometric data to identify a
# person, racial or ethnic origin, political opinions, religious or
# philosophical beliefs, trade-union membership, sex life or sexual
# orientation) unless one of the conditions of Art. 9(2) applies, for
# example explicit consent (regulation.md RES-GDPR-005). The proposal format
# has no field for that condition, so modelgate cannot see it: wherever the
# GDPR governs special-category data (health data included, and biometric
# data processed to identify people, use.purposes biometric_identification),
# the rule warns and names the condition as an obligation, large scale or not.
package modelgate.rules.residency.gdpr_special_category

import rego.v1

meta := {
	"id": "RES-GDPR-SPECIAL-CATEGORY",
	"title": "GDPR: special categories of data need an Art. 9(2) condition",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "Regulation (EU) 2016/679 (GDPR)",
		"section": "Art. 9(1), (2)",
		"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
	},
	"description": concat(" ", [
		"Special categories of personal data the GDPR governs (health data, and biometric data used to",
		"identify people, included) may be processed",
		"only under one of the conditions of Art. 9(2), such as explicit consent; the proposal cannot",
		"record the condition, so processing them is a warning with the condition as an obligation.",
	]),
	"remediation": concat(" ", [
		"Identify and document the Art. 9(2) condition (for example the data subjects' explicit",
		"consent) before the processing starts, or keep special categories out of the prompts.",
	]),
}

default applies := false

applies if {
	data.modelgate.lib.gdpr.input_governed
	data.modelgate.lib.gdpr.input_special_category
}

warn contains v if {
	applies
	data.modelgate.lib.gdpr.input_special_category_class
	v := {
		"msg": "special categories of personal data (Art. 9(1)) are processed, which the GDPR prohibits unless an Art. 9(2) condition applies: the proposal format has no field for that condition, so modelgate cannot see one",
		"path": _class_path,
	}
}

# The class that brings the special categories in, for the warning to point
# at: `special_category`, else `phi` (health data under the GDPR).
_class_index(class) := min({i | some i, c in input.data.classes; c == class})

_class_path := sprintf("/data/classes/%d", [_class_index("special_category")]) if {
	"special_category" in input.data.classes
}

_class_path := sprintf("/data/classes/%d", [_class_index("phi")]) if {
	not "special_category" in input.data.classes
	"phi" in input.data.classes
}

# Biometric data processed to identify people is a special category whatever
# class the proposal gives the data (RES-GDPR-DPIA reads it the same way).
warn contains v if {
	applies
	not data.modelgate.lib.gdpr.input_special_category_class
	some i, purpose in input.use.purposes
	purpose == "biometric_identification"
	v := {
		"msg": "personal data is processed to identify people by their biometric data (use.purposes: biometric_identification), a special category (Art. 9(1)) that the GDPR prohibits unless an Art. 9(2) condition applies: the proposal format has no field for that condition, so modelgate cannot see one",
		"path": sprintf("/use/purposes/%d", [i]),
	}
}

obligations contains o if {
	applies
	o := {
		"text": "Record the Art. 9(2) condition (for example explicit consent) that allows processing special categories of data",
		"section": "Art. 9(2)",
	}
}
