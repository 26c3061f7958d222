# RES-NATIONAL-PRIVACY: personal data of people in a country whose own law
# governs it beyond the EU GDPR (data.modelgate.facts.residency.privacy_laws,
# keyed on data.subjects). A localisation law (Russia's 152-FZ) fails when
# the data is processed outside the country; a transfer law (UK GDPR, Swiss
# FADP) warns when the data may leave it, since its conditions (adequacy
# findings, national clauses) are not in the proposal and modelgate does not
# judge them; a transfer law whose safeguard the proposal records (privacy_laws
# mechanism: China's PIPL Art. 38 in contracts.cn_transfer_mechanism, Brazil's
# LGPD Art. 33 ANPD clauses in contracts.br_anpd_sccs) fails without it and
# passes with it as a duty. A destination the country's own law recognises as
# adequate (privacy_laws adequate: Brazil's recognition of the EU) passes. A sector rule
# (India's RBI payment data localisation, for cardholder data only) warns
# the same way: whether it binds the organisation is not in the proposal.
# Where the data is processed unknown: a failure under a localisation law,
# else a warning. With no subjects declared, the organisation's domicile
# stands in for them, and the findings say so.
package modelgate.rules.residency.national_privacy

import data.modelgate.lib.facts
import data.modelgate.lib.geo
import data.modelgate.lib.provider
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
		"country's own law as well: Russia's requires the data to stay in Russia; China's and Brazil's",
		"let it leave only under the safeguard they name (contracts.cn_transfer_mechanism,",
		"contracts.br_anpd_sccs), so without it data that may leave the country fails; the UK's and",
		"Switzerland's restrict transfers on conditions modelgate does not judge, so such data is a",
		"warning for review (data that goes only where the country's own law finds adequate passes:",
		"Brazil recognises the EU from January 2026); so is Indian payment (cardholder) data processed outside",
		"India, which the RBI's payment data localisation keeps there for the organisations it binds.",
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
	_covers(law)
}

# With no subjects declared, the organisation's own country stands in for
# them (index -1): data about people there cannot be ruled out, and a missing
# fact is never a pass (as RES-CCPA-SERVICE-PROVIDER reads a US organisation).
_governed contains [-1, code, law] if {
	data.modelgate.lib.gdpr.input_personal
	count(input.data.subjects) == 0
	code := input.organization.domicile
	law := _laws[code]
	_covers(law)
}

_by_domicile if count(input.data.subjects) == 0

# Every finding made on the organisation's country says so.
_assumed_note := sprintf(
	" (data.subjects is not declared, so the organisation's domicile, %s, stands in for where the people are: declare data.subjects)",
	[input.organization.domicile],
) if _by_domicile

_assumed_note := "" if not _by_domicile

deny contains w if {
	some v in _deny
	w := object.union(v, {"msg": concat("", [v.msg, _assumed_note])})
}

warn contains w if {
	some v in _warn
	w := object.union(v, {"msg": concat("", [v.msg, _assumed_note])})
}

# A law's rule covers the data: it names no classes (every class of personal
# data), or the data includes one it names (India's payment data rule:
# cardholder data only).
_covers(law) if not _names_classes(law)

_covers(law) if {
	some class in law.classes
	class in input.data.classes
}

_names_classes(law) if is_array(law.classes)

default applies := false

applies if count(_governed) > 0

applies if data.modelgate.lib.gdpr.input_unplaced

# Personal data whose people and organisation are both undeclared: neither
# stands in for the country whose law governs it (modelgate.lib.gdpr.unplaced),
# and a localisation law (Russia's) or a transfer law (China's, Brazil's) may
# reach it wherever it is processed, so it warns instead of not applying.
warn contains v if {
	data.modelgate.lib.gdpr.input_unplaced
	v := {
		"msg": sprintf(
			"personal data is processed, and %s: the privacy law of the people's country (Russia's localisation, China's and Brazil's transfer rules, the UK GDPR, the Swiss FADP) may restrict where it goes",
			[data.modelgate.lib.gdpr.unplaced_note],
		),
		"path": "/data/subjects",
		"remediation": "Declare data.subjects (ISO codes of where the people are) and organization.domicile.",
	}
}

_locations := data.modelgate.lib.gdpr.input_locations

# Where the data may be processed outside the country: every location but the
# country itself (a bloc or `global` may be anywhere in it, so it counts) and
# the destinations the country's own law recognises as adequate on the date
# (Brazil's recognition of the EU).
_outside(code) := {loc | some loc in _locations; loc != code; not _adequate(code, loc)}

_adequate(code, loc) if _adequacy(code, loc)

# The country's own adequacy finding that covers a location on the date.
_adequacy(code, loc) := d if {
	some d in object.get(_laws[code], "adequate", [])
	d.valid_from <= input.now
	geo.within(loc, [d.place])
}

_names(locs) := concat(", ", sort([_place_name(loc) | some loc in locs]))

_place_name(loc) := "any country (global)" if loc == "global"

_place_name(loc) := geo.country_name(loc) if loc != "global"

_path := "/deployment/regions" if count(input.deployment.regions) > 0

# The first declared region outside the country (where its law does not find
# the place adequate), for a finding to point at the element to change; the
# regions (or the deployment) when none is declared.
_outside_indices(outside) := {j | some j, r in input.deployment.regions; geo.location(r) in outside}

_outside_path(outside) := sprintf("/deployment/regions/%d", [min(_outside_indices(outside))]) if {
	count(_outside_indices(outside)) > 0
}

_outside_path(outside) := _path if count(_outside_indices(outside)) == 0

_path := "/deployment" if count(input.deployment.regions) == 0

_citation(law) := {"document": law.law, "section": law.section, "url": law.url}

_checked(law) := facts.checked(law, "the statute")

_deny contains v if {
	some [_, code, law] in _governed
	law.rule == "localization"
	outside := _outside(code)
	count(outside) > 0
	v := {
		"msg": sprintf(
			"personal data of people in %s is processed in %s: %s (%s) requires it to be kept in databases in %s: %s%s",
			[geo.country_name(code), _names(outside), law.law, law.section, code, law.summary, _checked(law)],
		),
		"path": _outside_path(outside),
		"citation": _citation(law),
		"remediation": sprintf("Store and process the data in %s (a region or premises there).", [geo.country_name(code)]),
	}
}

_warn contains v if {
	some [_, code, law] in _governed
	law.rule != "localization"
	not _has_mechanism(law)
	outside := _outside(code)
	count(outside) > 0
	v := {
		"msg": sprintf(
			"%s of people in %s may be processed in %s: %s (%s) %s: %s%s",
			[_what(law), geo.country_name(code), _names(outside), law.law, law.section, _law_demand(code, law), law.summary, _checked(law)],
		),
		"path": _outside_path(outside),
		"citation": _citation(law),
		"remediation": _warn_remediation(code, law),
	}
}

# A transfer law that names the safeguard it requires (privacy_laws
# mechanism: China's PIPL Art. 38, Brazil's LGPD Art. 33 and the ANPD clauses,
# regulation.md RES-PIPL-001 and RES-LGPD-001): a transfer without it fails,
# one with it passes with the duty to keep it.
_has_mechanism(law) if is_object(law.mechanism)

_mechanism_in_place(law) if {
	m := law.mechanism
	object.get(input.contracts, m.field, null) in m.accepted
}

_mechanism_missing(law) if {
	_has_mechanism(law)
	not _mechanism_in_place(law)
}

_mechanism_path(law) := sprintf("/contracts/%s", [law.mechanism.field])

_mechanism_citation(law) := {"document": law.law, "section": law.mechanism.section, "url": law.mechanism.url}

_mechanism_remediation(code, law) := sprintf(
	"Put in place %s and declare contracts.%s, or process the data in %s.",
	[law.mechanism.name, law.mechanism.field, geo.country_name(code)],
)

_mechanism_gap(law) := sprintf(
	"and contracts.%s records none of %s (%s)%s",
	[law.mechanism.field, law.mechanism.name, law.mechanism.section, facts.checked(law.mechanism, "the statute")],
)

_deny contains v if {
	some [_, code, law] in _governed
	_mechanism_missing(law)
	outside := _outside(code)
	count(outside) > 0
	v := {
		"msg": sprintf(
			"personal data of people in %s may be processed in %s, %s: %s",
			[geo.country_name(code), _names(outside), _mechanism_gap(law), law.summary],
		),
		"path": _mechanism_path(law),
		"citation": _mechanism_citation(law),
		"remediation": _mechanism_remediation(code, law),
	}
}

# A transfer the law's safeguard covers: the duty to keep it, and any duty the
# facts attach to the safeguard declared (PIPL Art. 40 for a contract or a
# certification).
_may_leave(code) if count(_outside(code)) > 0

_may_leave(_) if count(_locations) == 0

_may_leave(code) if _leaks(code)

obligations contains o if {
	some [_, code, law] in _governed
	_mechanism_in_place(law)
	_may_leave(code)
	o := {
		"text": sprintf(
			"Keep %s on file for transfers of personal data of people in %s (contracts.%s)%s",
			[law.mechanism.name, geo.country_name(code), law.mechanism.field, facts.checked(law.mechanism, "the statute")],
		),
		"section": law.mechanism.section,
	}
}

obligations contains o if {
	some [_, code, law] in _governed
	_mechanism_in_place(law)
	_may_leave(code)
	is_string(law.mechanism.duty)
	not object.get(input.contracts, law.mechanism.field, null) in object.get(law.mechanism, "duty_unless", [])
	o := {
		"text": sprintf("%s%s", [law.mechanism.duty, facts.checked(law.mechanism, "the statute")]),
		"section": law.section,
	}
}

# What the law is about: personal data, or the classes it names.
_what(law) := "personal data" if not _names_classes(law)

_what(law) := sprintf("personal data (%s)", [concat(", ", [c | some c in law.classes; c in input.data.classes])]) if _names_classes(law)

_warn_remediation(code, law) := sprintf(
	"Have the transfer reviewed under %s and keep the documents it requires, or process the data in %s.",
	[law.law, geo.country_name(code)],
) if law.rule != "sector_localization"

_warn_remediation(code, law) := sprintf(
	"Store and process the data in %s, or have counsel confirm that %s does not bind the organisation for this data.",
	[geo.country_name(code), law.law],
) if law.rule == "sector_localization"

# Where the data is processed is not known: a localisation law fails (as the
# GDPR rule does), a transfer law warns.
_deny contains v if {
	some [i, code, law] in _governed
	law.rule == "localization"
	count(_locations) == 0
	v := _undeclared(i, code, law)
}

_deny contains v if {
	some [i, code, law] in _governed
	_mechanism_missing(law)
	count(_locations) == 0
	v := object.union(_undeclared(i, code, law), {
		"msg": sprintf("%s, %s", [_undeclared(i, code, law).msg, _mechanism_gap(law)]),
		"remediation": sprintf(
			"Declare deployment.regions (where prompts are processed and stored); for processing outside %s, put in place %s and declare contracts.%s.",
			[geo.country_name(code), law.mechanism.name, law.mechanism.field],
		),
	})
}

_warn contains v if {
	some [i, code, law] in _governed
	law.rule != "localization"
	not _has_mechanism(law)
	count(_locations) == 0
	v := _undeclared(i, code, law)
}

_subject_path(i) := sprintf("/data/subjects/%d", [i]) if i >= 0

_subject_path(i) := "/organization/domicile" if i < 0

_undeclared(i, code, law) := {
	"msg": sprintf(
		"%s of people in %s, and where it is processed is not declared: %s (%s) restricts where it may go",
		[_what(law), geo.country_name(code), law.law, law.section],
	),
	"path": _subject_path(i),
	"citation": _citation(law),
	"remediation": "Declare deployment.regions (where prompts are processed and stored).",
}


# A place in the subjects' country that the service's residency facts do not
# back (a third party's service; on premises the organisation decides):
# declaring it does not keep the data there. A service that routes requests
# globally by default may process it in any country; one whose routing is
# unknown may process it anywhere as far as modelgate can show (both fail
# under a localisation law, as undeclared regions do); otherwise (a service
# that keeps only data at rest there, or one without a residency option for
# the place) the data may still be processed elsewhere: a warning. The GDPR
# rule (RES-GDPR-TRANSFER) judges declared EEA places the same way.
_unbacked contains r if {
	data.modelgate.lib.provider.input_third_party
	some r in input.deployment.regions
	not r in data.modelgate.lib.provider.offered_regions
}

_anywhere contains r if {
	some r in _unbacked
	r in data.modelgate.lib.provider.unbacked_global
}

_unknown_routing contains r if {
	some r in _unbacked
	r in data.modelgate.lib.provider.unbacked_unknown_routing
}

# Why a declared place does not keep the data there, per set above.
_why(r) := sprintf(
	"%s is declared, but %s %s and routes requests globally by default, so the data may be processed in any country",
	[r, data.modelgate.lib.provider.input_service_label, data.modelgate.lib.provider.no_option_text(r)],
) if r in _anywhere

_why(r) := sprintf(
	"%s is declared, but modelgate has no residency fact showing that %s processes data there, nor any fact on where it processes otherwise",
	[r, data.modelgate.lib.provider.input_service_label],
) if r in _unknown_routing

_why(r) := sprintf(
	"%s is declared, but %s keeps only data at rest there: where it processes the data is not committed",
	[r, data.modelgate.lib.provider.input_service_label],
) if {
	r in _unbacked
	not r in _anywhere
	not r in _unknown_routing
	provider.stored_only(input, r)
}

_why(r) := sprintf(
	"%s is declared, but modelgate has no residency fact showing that %s keeps processing there",
	[r, data.modelgate.lib.provider.input_service_label],
) if {
	r in _unbacked
	not r in _anywhere
	not r in _unknown_routing
	not provider.stored_only(input, r)
}

# Each declared place in the subject's country it may not keep the data in:
# [subject index, code, law, region index, region, fails under localisation].
_leaky contains [i, code, law, j, r, _fails(r)] if {
	some [i, code, law] in _governed
	some j, r in input.deployment.regions
	r in _unbacked
	geo.location(r) == code
}

_fails(r) := true if r in _anywhere

_fails(r) := true if r in _unknown_routing

_fails(r) := false if {
	not r in _anywhere
	not r in _unknown_routing
}

_leaky_msg(code, law, r) := sprintf(
	"%s: %s of people in %s may leave it, and %s (%s) %s: %s%s",
	[_why(r), _what(law), geo.country_name(code), law.law, law.section, _law_demand(code, law), law.summary, _checked(law)],
)

_law_demand(code, law) := sprintf("requires it to be kept in databases in %s", [code]) if law.rule == "localization"

_law_demand(_, law) := "governs that transfer, which modelgate does not judge" if {
	law.rule == "transfer_safeguards"
	not _has_mechanism(law)
}

# A law whose safeguard the proposal can record (PIPL, LGPD) is judged: the
# message names the safeguard missing, as for undeclared regions.
_law_demand(_, law) := sprintf(
	"requires %s for that transfer (%s), and contracts.%s records none",
	[law.mechanism.name, law.mechanism.section, law.mechanism.field],
) if {
	law.rule == "transfer_safeguards"
	_has_mechanism(law)
}

_law_demand(code, law) := sprintf(
	"requires such data to be stored only in %s by the organisations it binds, which modelgate cannot tell from the proposal",
	[geo.country_name(code)],
) if law.rule == "sector_localization"

_leaky_remediation(code, law) := sprintf(
	"Use a residency option the provider documents for %s (or premises there), or have the contract state the processing location.",
	[geo.country_name(code)],
) if not _has_mechanism(law)

_leaky_remediation(code, law) := sprintf(
	"Use a residency option the provider documents for %s (or premises there), or have the contract state the processing location; or put in place %s and declare contracts.%s.",
	[geo.country_name(code), law.mechanism.name, law.mechanism.field],
) if _has_mechanism(law)

_deny contains v if {
	some [_, code, law, j, r, fails] in _leaky
	fails == true
	_fails_without_safeguard(law)
	v := {
		"msg": _leaky_msg(code, law, r),
		"path": sprintf("/deployment/regions/%d", [j]),
		"citation": _citation(law),
		"remediation": _leaky_remediation(code, law),
	}
}

_warn contains v if {
	some [_, code, law, j, r, fails] in _leaky
	_warns(law, fails)
	v := {
		"msg": _leaky_msg(code, law, r),
		"path": sprintf("/deployment/regions/%d", [j]),
		"citation": _citation(law),
		"remediation": _leaky_remediation(code, law),
	}
}

# A declared place in the country that may not keep the data there fails
# where the data may go anywhere and the law forbids that (localisation) or
# requires a safeguard the proposal does not record; else it warns, and a
# recorded safeguard covers it.
_fails_without_safeguard(law) if law.rule == "localization"

_fails_without_safeguard(law) if _mechanism_missing(law)

_warns(law, _) if {
	law.rule != "localization"
	not _has_mechanism(law)
}

_warns(law, fails) if {
	_fails_without_safeguard(law)
	fails == false
}

# Processing kept in the country: a duty to keep it there (not where a
# declared place there does not keep the data, which the findings above say).
# The duty carries the law's verification, as the findings do: the UK, Swiss,
# Japanese and Korean entries are unverified.
obligations contains o if {
	some [_, code, law] in _governed
	count(_locations) > 0
	count({loc | some loc in _locations; loc != code}) == 0
	not _leaks(code)
	o := {
		"text": sprintf("Keep the processing in %s: %s (%s) restricts moving it abroad%s", [geo.country_name(code), law.law, law.section, _checked(law)]),
		"section": law.section,
	}
}

# Kept in the country by a service's residency option, which has limits
# (Vertex AI keeps ML processing in the region only for the models in
# Google's tables; an Azure region id holds for a Standard deployment only):
# the pass rests on them, so they come with it, as under RES-GDPR-TRANSFER.
obligations contains o if {
	some [_, code, law] in _governed
	count(_locations) > 0
	count({loc | some loc in _locations; loc != code}) == 0
	not _leaks(code)
	data.modelgate.lib.provider.input_third_party
	limits := data.modelgate.lib.provider.input_service.residency_limits
	o := {"text": sprintf("Check the limits of %s's data residency: %s", [data.modelgate.lib.provider.input_service_label, limits])}
}

# Processing in a destination the country's law finds adequate: a duty to
# rely on that finding (and check how settled it is).
obligations contains o if {
	some [_, code, law] in _governed
	some loc in _locations
	loc != code
	d := _adequacy(code, loc)
	o := {
		"text": sprintf(
			"Rely on %s for transfers of personal data of people in %s to %s under %s%s",
			[d.decision, geo.country_name(code), geo.country_name(loc), law.law, facts.checked(d, "the decision")],
		),
		"section": law.section,
	}
}

_leaks(code) if {
	some leak in _leaky
	leak[1] == code
}
