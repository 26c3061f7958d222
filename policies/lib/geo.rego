# Places: ISO country codes, the EU/EEA blocs, provider region ids and
# `global`, resolved through data.modelgate.facts.geography.
package modelgate.lib.geo

import rego.v1

_facts := data.modelgate.facts.geography

# location(code) is where a place code puts the data: an ISO country code,
# "EU", "EEA", or "global" (the provider may route anywhere).
location(code) := code if _facts.countries[code]

location(code) := code if _facts.blocs[code]

location(code) := _facts.regions[code].location

# in_eea(loc) holds for EEA countries and for the EU and EEA blocs.
in_eea(loc) if _facts.countries[loc].eea == true

in_eea(loc) if loc in {"EU", "EEA"}

# in_eu(loc) holds for EU member states and the EU bloc.
in_eu(loc) if _facts.countries[loc].eu == true

in_eu(loc) if loc == "EU"

# adequacy(country, now) is the GDPR Art. 45 decision covering a country on
# the date now (YYYY-MM-DD), if one is in force.
adequacy(country, now) := decision if {
	decision := _facts.adequacy[country]
	decision.valid_from <= now
	_in_force(decision, now)
}

_in_force(decision, _) if decision.valid_until == null

_in_force(decision, now) if {
	decision.valid_until != null
	now <= decision.valid_until
}

# country_name(code) is a readable name for messages.
country_name(code) := sprintf("%s (%s)", [_facts.countries[code].name, code]) if _facts.countries[code]

country_name(code) := code if not _facts.countries[code]

# partition(code) is the cloud partition of a provider region id
# (commercial, us_gov, cn, ...), if the region names one.
partition(code) := _facts.regions[code].partition
