package modelgate.lib.geo_test

import data.modelgate.lib.geo
import rego.v1

_facts := data.modelgate.facts.geography

# The facts agree with themselves: bloc members are the flagged member states
# (territories with part_of are flagged but not listed), and every region
# points at a known country, bloc or `global`.
test_eu_bloc_members_are_the_eu_countries if {
	flagged := {c | some c, f in _facts.countries; f.eu == true; not f.part_of}
	members := {c | some c in _facts.blocs.EU.members}
	flagged == members
	count(members) == 27
}

test_eea_bloc_members_are_the_eea_countries if {
	flagged := {c | some c, f in _facts.countries; f.eea == true; not f.part_of}
	members := {c | some c in _facts.blocs.EEA.members}
	flagged == members
	count(members) == 30
}

test_bloc_territories_are_the_flagged_territories if {
	every bloc in ["EU", "EEA"] {
		field := lower(bloc)
		flagged := {c | some c, f in _facts.countries; f[field] == true; f.part_of}
		territories := {c | some c in _facts.blocs[bloc].territories}
		flagged == territories
		count(territories) == 7
	}
}

test_a_bloc_expands_to_every_flagged_country if {
	geo.countries("EU") == {c | some c, f in _facts.countries; f.eu == true}
	geo.countries("EEA") == {c | some c, f in _facts.countries; f.eea == true}
	count(geo.countries("EU")) == 34
	count(geo.countries("EEA")) == 37
}

test_every_region_has_a_known_location if {
	every _, region in _facts.regions {
		_known_place(region.location)
	}
}

_known_place(loc) if _facts.countries[loc]

_known_place(loc) if _facts.blocs[loc]

_known_place(loc) if loc == "global"

test_every_adequacy_entry_is_a_country_outside_the_eea if {
	every code, _ in _facts.adequacy {
		_facts.countries[code].eea == false
	}
}

test_location_of_codes if {
	geo.location("DE") == "DE"
	geo.location("EU") == "EU"
	geo.location("westeurope") == "NL"
	geo.location("global") == "global"
}

test_countries_of_a_bloc_include_eu_territories if {
	"GF" in geo.countries("EU")
	"NO" in geo.countries("EEA")
	not "NO" in geo.countries("EU")
	not geo.countries("global")
}

test_within if {
	geo.within("eu-central-1", ["EU"])
	geo.within("eu-central-1", ["DE"])
	geo.within("eu-central-1", ["eu-central-1"])
	not geo.within("eu-central-1", ["eu-west-1"])
	not geo.within("DE", ["eu-central-1"])
	geo.within("EU", ["EEA"])
	not geo.within("EEA", ["EU"])
	not geo.within("eu-west-2", ["EU"])
	not geo.within("global", ["global"])
	not geo.within("global", ["EU", "US"])
}

test_partition if {
	geo.partition("us-gov-west-1") == "us_gov"
	geo.partition("us-east-1") == "commercial"
	not geo.partition("US")
}
