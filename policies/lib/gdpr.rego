# When the GDPR governs a proposal's data, and where that data is processed.
package modelgate.lib.gdpr

import data.modelgate.lib.geo
import rego.v1

# Classes that are personal data.
personal_classes := {"pii", "phi", "eu_personal", "special_category", "cardholder"}

_personal(p) if {
	some class in p.data.classes
	class in personal_classes
}

# governed(p): the GDPR governs the data. Declared EU personal data or
# special-category data; personal data of people in the EEA (Art. 3(2));
# or personal data processed by an organisation established in the EEA
# (Art. 3(1)).
governed(p) if "eu_personal" in p.data.classes

governed(p) if "special_category" in p.data.classes

governed(p) if {
	_personal(p)
	some subject in p.data.subjects
	geo.in_eea(geo.location(subject))
}

governed(p) if {
	_personal(p)
	geo.in_eea(p.organization.domicile)
}

# locations(p) is where the data is processed: the declared regions, or,
# for an on-premises deployment that declares none, the organisation's
# domicile. Empty when neither is known.
locations(p) := {geo.location(r) | some r in p.deployment.regions} if count(p.deployment.regions) > 0

locations(p) := {p.organization.domicile} if {
	count(p.deployment.regions) == 0
	p.deployment.provider == "on_prem"
	p.organization.domicile != null
}

locations(p) := set() if {
	count(p.deployment.regions) == 0
	not _on_prem_with_domicile(p)
}

_on_prem_with_domicile(p) if {
	p.deployment.provider == "on_prem"
	p.organization.domicile != null
}
