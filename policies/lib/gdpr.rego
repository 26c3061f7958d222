# When the GDPR governs a proposal's data, and where that data is processed.
package modelgate.lib.gdpr

import data.modelgate.lib.geo
import data.modelgate.lib.provider
import rego.v1

# Classes that are personal data.
personal_classes := {"pii", "phi", "eu_personal", "special_category", "cardholder"}

# personal(p): the data includes a class of personal data.
personal(p) if {
	some class in p.data.classes
	class in personal_classes
}

# governed(p): the GDPR governs the data. Declared EU personal data;
# personal data of people in the EEA (Art. 3(2)); or personal data processed
# by an organisation established in the EEA (Art. 3(1)). Special-category
# data is governed by the same reach, not by its class (UK or US subjects of
# a UK or US organisation are not); only when no subjects are declared does
# the class keep it governed, since a transfer of EEA subjects' Art. 9 data
# cannot then be ruled out.
governed(p) if "eu_personal" in p.data.classes

governed(p) if {
	"special_category" in p.data.classes
	count(p.data.subjects) == 0
}

governed(p) if {
	personal(p)
	some subject in p.data.subjects
	geo.in_eea(geo.location(subject))
}

governed(p) if {
	personal(p)
	geo.in_eea(p.organization.domicile)
}

# assumed(p): the GDPR governs the data only by the fail-safe reading above
# (special-category data with no subjects declared), not because EU personal
# data is declared or the organisation is established in the EEA. A finding
# that fails on it says so, since the data may concern no one in the EEA.
assumed(p) if {
	"special_category" in p.data.classes
	count(p.data.subjects) == 0
	not _governed_otherwise(p)
}

_governed_otherwise(p) if "eu_personal" in p.data.classes

_governed_otherwise(p) if {
	personal(p)
	geo.in_eea(p.organization.domicile)
}

# unplaced(p): personal data whose people and organisation are both
# undeclared (no data.subjects, no organization.domicile). Which privacy laws reach it (the
# GDPR through EEA subjects, Art. 3(2); national laws through the subjects'
# country; the CCPA through US consumers) cannot then be told, and neither
# field has a safe default, so the rules keyed on them warn, naming the fields
# to declare, instead of not applying (DESIGN section 2: absent fields take
# the reading that fails safe).
unplaced(p) if {
	personal(p)
	count(p.data.subjects) == 0
	p.organization.domicile == null
}

# The note the warnings of those rules share.
unplaced_note := "neither data.subjects nor organization.domicile is declared, so whether this law reaches the data cannot be told: declare where the people whose data it is are (data.subjects) and the organisation's domicile"

# locations(p) is where the data is processed, as locations (ISO codes,
# EU/EEA, `global`): see provider.places. Empty when unknown.
locations(p) := {geo.location(code) | some code in provider.places(p)}

# special_category(p): the data includes GDPR Art. 9(1) special categories:
# declared special-category data, or health data (PHI) the GDPR governs
# (special_category_class), or personal data processed to identify people by
# their biometric data (use.purposes: biometric_identification), which
# Art. 9(1) names as a special category whatever the class declared.
special_category(p) if special_category_class(p)

special_category(p) if {
	biometric_identification(p)
	personal(p)
}

special_category_class(p) if "special_category" in p.data.classes

special_category_class(p) if {
	"phi" in p.data.classes
	governed(p)
}

biometric_identification(p) if "biometric_identification" in p.use.purposes

# The same for the proposal at hand (input), as rules: worked out once per
# evaluation however many rules ask (a function's result is not cached).
input_governed if governed(input)

input_assumed if assumed(input)

# What a failure resting on the assumed GDPR adds to its message: why the
# GDPR is applied, and how to lift it if no data subject is in the EEA; ""
# when the GDPR governs the data for another reason.
input_assumed_note := concat(" ", [
	"; the GDPR is applied because the data includes special categories and data.subjects is not",
	"declared, so data subjects in the EEA cannot be ruled out: declare data.subjects (if none is in",
	"the EEA and the organisation is not established there, the GDPR does not apply)",
]) if input_assumed

input_assumed_note := "" if not input_assumed

input_personal if personal(input)

input_unplaced if unplaced(input)

# The GDPR's rules warn on it only where the GDPR does not already govern the
# data on another ground (declared EU personal data; special categories,
# which it is assumed to govern when no subjects are declared).
input_unplaced_ungoverned if {
	input_unplaced
	not input_governed
}

input_special_category if special_category(input)

input_special_category_class if special_category_class(input)

input_locations := locations(input)
