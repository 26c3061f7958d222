# RES-NATIONAL-PRIVACY: personal data of people in a country whose own law
# governs it beyond the EU GDPR (data.modelgate.facts.residency.privacy_laws,
# keyed on data.subjects). A localisation law (Russia's 152-FZ) fails when
# the data is processed outside the country; a transfer law (UK GDPR, Swiss
# FADP, Brazil's LGPD, China's PIPL) warns when the data may leave it, since
# its conditions (adequacy findings, national clauses, regulator filings)
# are not in the proposal and modelgate does not judge them. Where the data
# is processed unknown: a failure under a localisation law, else a warning.
package modelgate.rules.residency.national_privacy

import data.modelgate.lib.facts
import data.modelgate.lib.geo
import rego.v1

meta := {
	"id": "RES-NATIONAL-PRIVACY",
	"title": "Personal data under national privacy laws beyond the GDPR",
	"severity": "high",
	"category": "residency",
	# Findings cite the law of the country at hand; this is the example shown
	# for a pass and by `modelgate explain`.
	"citation": {
		"document": "The privacy law of each data subject's country (example: Brazil LGPD)",
		"section": "Art. 33",
		"url": "https://www.planalto.gov.br/ccivil_03/_ato2015-2018/2018/lei/l13709.htm",
	},
	"description": concat(" ", [
		"Personal data of people in the UK, Switzerland, Brazil, China or Russia is governed by that",
		"country's own law as well: Russia's requires the data to stay in Russia, and the others",
		"restrict transfers abroad on conditions modelgate does not judge, so data that may leave",
		"the country is a warning for review.",
	]),
	"remediation": concat(" ", [
		"Process the data in the subjects' country, or have the transfer reviewed under that",
		"country's law and keep the documents it requires.",
	]),
}

_laws := data.modelgate.facts.residency.privacy_laws

# Each subject country with a law: [index in data.subjects, code, law].
_governed contains [i, code, law] if {
	data.modelgate.lib.gdpr.input_personal
	some i, code in input.data.subjects
	law := _laws[code]
}

default applies := false

applies if count(_governed) > 0

_locations := data.modelgate.lib.gdpr.input_locations

# Where the data may be processed outside the country: every location but the
# country itself (a bloc or `global` may be anywhere in it, so it counts).
_outside(code) := {loc | some loc in _locations; loc != code}

_names(locs) := concat(", ", sort([_place_name(loc) | some loc in locs]))

_place_name(loc) := "any country (global)" if loc == "global"

_place_name(loc) := geo.country_name(loc) if loc != "global"

_path := "/deployment/regions" if count(input.deployment.regions) > 0

_path := "/deployment" if count(input.deployment.regions) == 0

_citation(law) := {"document": law.law, "section": law.section, "url": law.url}

_checked(law) := facts.checked(law, "the statute")

deny contains v if {
	some [_, code, law] in _governed
	law.rule == "localization"
	outside := _outside(code)
	count(outside) > 0
	v := {
		"msg": sprintf(
			"personal data of people in %s is processed in %s: %s (%s) requires it to be kept in databases in %s: %s%s",
			[geo.country_name(code), _names(outside), law.law, law.section, code, law.summary, _checked(law)],
		),
		"path": _path,
		"citation": _citation(law),
		"remediation": sprintf("Store and process the data in %s (a region or premises there).", [geo.country_name(code)]),
	}
}

warn contains v if {
	some [_, code, law] in _governed
	law.rule == "transfer_safeguards"
	outside := _outside(code)
	count(outside) > 0
	v := {
		"msg": sprintf(
			"personal data of people in %s may be processed in %s: %s (%s) governs that transfer, which modelgate does not judge: %s%s",
			[geo.country_name(code), _names(outside), law.law, law.section, law.summary, _checked(law)],
		),
		"path": _path,
		"citation": _citation(law),
		"remediation": sprintf(
			"Have the transfer reviewed under %s and keep the documents it requires, or process the data in %s.",
			[law.law, geo.country_name(code)],
		),
	}
}

# Where the data is processed is not known: a localisation law fails (as the
# GDPR rule does), a transfer law warns.
deny contains v if {
	some [i, code, law] in _governed
	law.rule == "localization"
	count(_locations) == 0
	v := _undeclared(i, code, law)
}

warn contains v if {
	some [i, code, law] in _governed
	law.rule != "localization"
	count(_locations) == 0
	v := _undeclared(i, code, law)
}

_undeclared(i, code, law) := {
	"msg": sprintf(
		"personal data of people in %s, and where it is processed is not declared: %s (%s) restricts where it may go",
		[geo.country_name(code), law.law, law.section],
	),
	"path": sprintf("/data/subjects/%d", [i]),
	"citation": _citation(law),
	"remediation": "Declare deployment.regions (where prompts are processed and stored).",
}


obligations contains o if {
	some [_, code, law] in _governed
	count(_locations) > 0
	count(_outside(code)) == 0
	o := {
		"text": sprintf("Keep the processing in %s: %s (%s) restricts moving it abroad", [geo.country_name(code), law.law, law.section]),
		"section": law.section,
	}
}
