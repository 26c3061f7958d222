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

# countries(code) is the set of countries a place code may put the data in:
# one country for a country code or a region id; every member for EU or EEA
# (separately coded territories inside the EU included, as the country
# facts mark them). Undefined for `global`, which may be anywhere.
countries(code) := _expand(location(code))

_expand(loc) := {loc} if _facts.countries[loc]

# The member lists are rules, not function bodies, so they are built once per
# evaluation however many codes are expanded.
_expand("EU") := _eu_countries

_expand("EEA") := _eea_countries

_eu_countries := _bloc_countries("EU")

_eea_countries := _bloc_countries("EEA")

# From the bloc's lists rather than the countries' flags: a few dozen codes
# instead of all 249 on every evaluation that expands a bloc (the facts' own
# tests keep the lists and the flags in step).
_bloc_countries(bloc) := {c | some c in array.concat(_facts.blocs[bloc].members, _facts.blocs[bloc].territories)}

# within(code, allowed) holds when a place code stays inside a list of
# allowed place codes: the same code (a region id matches only itself), or
# every country it may put the data in is a country, or a member of a bloc,
# that the list names. A region id in the list allows only that region.
# `global` is never within anything.
within(code, allowed) if {
	location(code) != "global"
	code in allowed
}

within(code, allowed) if {
	location(code) != "global"
	places := countries(code)
	count(places) > 0
	permitted := {c | some a in allowed; not _facts.regions[a]; some c in _expand(location(a))}
	count(places - permitted) == 0
}

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

# region_provider(code) is the provider a region id belongs to (aws, azure,
# gcp), if code is a provider region id.
region_provider(code) := _facts.regions[code].provider
