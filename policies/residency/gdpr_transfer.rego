# RES-GDPR-TRANSFER: personal data the GDPR governs may be processed outside
# the EEA only where an adequacy decision covers the destination (for the
# US: only recipients certified under the Data Privacy Framework), or under
# appropriate safeguards (standard contractual clauses, binding corporate
# rules); an Art. 49 derogation is a narrow last resort (GDPR Arts. 44-49).
package modelgate.rules.residency.gdpr_transfer

import data.modelgate.lib.facts
import data.modelgate.lib.geo
import data.modelgate.lib.provider
import rego.v1

meta := {
	"id": "RES-GDPR-TRANSFER",
	"title": "GDPR: personal data leaves the EEA only with adequacy or safeguards",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "Regulation (EU) 2016/679 (GDPR)",
		"section": "Arts. 44-46, 49",
		"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
	},
	"description": concat(" ", [
		"Personal data governed by the GDPR may be processed outside the EEA only where an adequacy",
		"decision covers the destination (the US only for recipients certified under the EU-US Data",
		"Privacy Framework), or under standard contractual clauses or binding corporate rules; an",
		"Art. 49 derogation is a warning, and a provider that may route anywhere is a warning at best.",
	]),
	"remediation": concat(" ", [
		"Process in EEA or adequate regions (an EU data zone or region), or sign standard contractual",
		"clauses (Decision (EU) 2021/914) with the provider and carry out a transfer impact assessment.",
	]),
}

default applies := false

applies if _governed

applies if {
	_unplaced
	_leaves_eea
}

_governed if data.modelgate.lib.gdpr.input_governed

# Personal data whose people and organisation are both undeclared: whether
# the GDPR governs it cannot be told (modelgate.lib.gdpr.unplaced). A
# transfer that may leave the EEA then warns instead of not applying.
_unplaced if data.modelgate.lib.gdpr.input_unplaced_ungoverned

_leaves_eea if count(_locations) == 0

_leaves_eea if {
	some loc in _locations
	not geo.in_eea(loc)
}

warn contains v if {
	_unplaced
	_leaves_eea
	v := {
		"msg": sprintf(
			"personal data may be processed outside the EEA (%s), and %s: if any of those people is in the EEA, or the organisation is established there, the transfer needs adequacy or safeguards (GDPR Art. 3, 44)",
			[_where_unplaced, data.modelgate.lib.gdpr.unplaced_note],
		),
		"path": "/data/subjects",
		"remediation": "Declare data.subjects and organization.domicile; if the GDPR governs the data, process it in the EEA or an adequate country, or sign standard contractual clauses.",
	}
}

_where_unplaced := "in undeclared regions" if count(_locations) == 0

_where_unplaced := concat(", ", sort([_loc_name(loc) | some loc in _locations; not geo.in_eea(loc)])) if count(_locations) > 0

_loc_name(loc) := "any country (global)" if loc == "global"

_loc_name(loc) := geo.country_name(loc) if loc != "global"

_locations := data.modelgate.lib.gdpr.input_locations

_mechanism := input.contracts.transfer_mechanism

_safeguards := {"sccs", "bcr"}

# Where each location stands: "eea", "adequate", "dpf_only", "global" or "third".
_standing(loc) := "eea" if geo.in_eea(loc)

_standing(loc) := "global" if loc == "global"

_standing(loc) := "adequate" if {
	not geo.in_eea(loc)
	decision := geo.adequacy(loc, input.now)
	decision.scope != "dpf_certified_only"
}

_standing(loc) := "dpf_only" if {
	not geo.in_eea(loc)
	geo.adequacy(loc, input.now).scope == "dpf_certified_only"
}

_standing(loc) := "third" if {
	loc != "global"
	not geo.in_eea(loc)
	not geo.adequacy(loc, input.now)
}

# The standing of every location, worked out once per evaluation (a function
# result is not cached; a rule's is).
_standings := {loc: _standing(loc) | some loc in _locations}

# What the facts say about the provider's DPF certification: true, false, or
# neither (null in the facts, or a provider modelgate has no facts on).
_dpf_fact := provider.facts(input).dpf_certified

_dpf_value := _dpf_fact.value

_dpf_certified if _dpf_value == true

_dpf_not_certified if _dpf_value == false

_dpf_unknown if {
	not _dpf_certified
	not _dpf_not_certified
}

_deny contains v if {
	_governed
	count(_locations) == 0
	v := {
		"msg": "personal data governed by the GDPR is processed in undeclared regions: a transfer outside the EEA cannot be ruled out",
		"path": "/deployment/regions",
		"remediation": "Declare deployment.regions (ISO codes or provider region ids).",
	}
}

_deny contains v if {
	_governed
	some loc in _locations
	_standings[loc] == "third"
	not _mechanism in (_safeguards | {"art49"})
	v := {
		"msg": sprintf(
			"personal data is processed in %s, %s, and %s",
			[geo.country_name(loc), _no_adequacy(loc), _third_gap(loc)],
		),
		"path": "/contracts/transfer_mechanism",
	}
}

# A country without a decision in force on the date: none exists, or the one
# the facts record does not apply yet (Brazil before 26 Jan 2026, the US
# before 10 Jul 2023) or no longer (the UK after 27 Dec 2031).
_adequacy_records := data.modelgate.facts.geography.adequacy

_no_adequacy(loc) := "which has no GDPR adequacy decision" if not _adequacy_records[loc]

_no_adequacy(loc) := sprintf(
	"whose GDPR adequacy decision (%s) applies only from %s, after the date judged (%s)%s",
	[d.decision, d.valid_from, input.now, facts.checked(d, "the decision in the Official Journal")],
) if {
	d := _adequacy_records[loc]
	input.now < d.valid_from
}

_no_adequacy(loc) := sprintf(
	"whose GDPR adequacy decision (%s) ran until %s, before the date judged (%s)%s",
	[d.decision, d.valid_until, input.now, facts.checked(d, "the decision in the Official Journal")],
) if {
	d := _adequacy_records[loc]
	d.valid_until != null
	input.now > d.valid_until
}

_out_of_force(loc) if _adequacy_records[loc]

# Why the declared mechanism does not cover a country without adequacy: none
# is declared, or the one declared is an adequacy decision that does not
# exist for it (or is not in force on the date), or the DPF, which only US
# recipients can join (and only while its decision is in force).
_third_gap(_) := sprintf("no transfer mechanism is in place (%s)", [_mechanism]) if not _mechanism in {"adequacy", "dpf"}

_third_gap(loc) := "transfer_mechanism: adequacy is declared, but no adequacy decision covers that country, and no safeguard is in place" if {
	_mechanism == "adequacy"
	not _out_of_force(loc)
}

_third_gap(loc) := "transfer_mechanism: adequacy is declared, but that decision is not in force on the date judged, and no safeguard is in place" if {
	_mechanism == "adequacy"
	_out_of_force(loc)
}

_third_gap(loc) := "transfer_mechanism: dpf is declared, but the EU-US Data Privacy Framework covers only certified recipients in the US, and no safeguard is in place" if {
	_mechanism == "dpf"
	not _out_of_force(loc)
}

_third_gap(loc) := "transfer_mechanism: dpf is declared, but no adequacy decision on the Data Privacy Framework is in force on the date judged, and no safeguard is in place" if {
	_mechanism == "dpf"
	_out_of_force(loc)
}

_deny contains v if {
	_governed
	some loc in _locations
	_standings[loc] == "dpf_only"
	not _mechanism in (_safeguards | {"dpf", "art49"})
	v := {
		"msg": sprintf(
			"personal data is processed in %s, whose adequacy decision covers only recipients certified under the EU-US Data Privacy Framework, and %s",
			[geo.country_name(loc), _dpf_only_gap],
		),
		"path": "/contracts/transfer_mechanism",
		"remediation": _dpf_only_remediation,
	}
}

# A declared `adequacy` does not reach a DPF-only decision: the recipient's
# certification is what the decision turns on, and it is declared as `dpf`.
_dpf_only_gap := sprintf("no transfer mechanism is declared (%s)", [_mechanism]) if _mechanism != "adequacy"

_dpf_only_gap := "transfer_mechanism: adequacy is declared, but that decision applies only to a certified recipient: declare dpf once the recipient's certification is confirmed, or sign safeguards" if _mechanism == "adequacy"

# On the organisation's own premises there is no provider to be certified.
_dpf_only_remediation := "Confirm the provider's DPF certification and declare transfer_mechanism: dpf, or sign standard contractual clauses." if {
	data.modelgate.lib.provider.input_third_party
}

_dpf_only_remediation := concat(" ", [
	"Run the premises in the EEA or an adequate country; where the premises belong to a group company",
	"outside the EEA, cover the transfer to it with binding corporate rules or standard contractual",
	"clauses (or that company's own DPF certification) and declare transfer_mechanism accordingly.",
]) if {
	not data.modelgate.lib.provider.input_third_party
}

_deny contains v if {
	_governed
	some loc in _locations
	_standings[loc] == "dpf_only"
	_mechanism == "dpf"
	_dpf_not_certified
	v := {
		"msg": sprintf(
			"transfer_mechanism is dpf, but %s is not on the Data Privacy Framework List%s",
			[data.modelgate.lib.provider.input_name, facts.checked(_dpf_fact, "the DPF List")],
		),
		"path": "/contracts/transfer_mechanism",
		"remediation": "Sign standard contractual clauses with the provider instead.",
	}
}

# Why the data may go anywhere: the declared `global`, or the service's
# routing facts when no region is declared.
_global_reason := sprintf(
	"no region is declared and %s routes requests globally by default",
	[data.modelgate.lib.provider.input_service_label],
) if data.modelgate.lib.provider.input_defaulted_to_global

_global_reason := "regions: global" if not data.modelgate.lib.provider.input_defaulted_to_global

# Where `global` is written, for the finding to point at the element; a
# service that routes globally by default when no region is declared points
# at the regions the proposal should declare.
_global_path := sprintf("/deployment/regions/%d", [min({i | some i, r in input.deployment.regions; r == "global"})]) if {
	"global" in input.deployment.regions
}

_global_path := "/deployment/regions" if not "global" in input.deployment.regions

_deny contains v if {
	_governed
	"global" in _locations
	not _mechanism in _safeguards
	v := {
		"msg": sprintf(
			"%s may process the data in any country (%s) and no safeguard covers transfers to countries without adequacy (%s)",
			[data.modelgate.lib.provider.input_name, _global_reason, _mechanism],
		),
		"path": _global_path,
	}
}

warn contains v if {
	_governed
	"global" in _locations
	_mechanism in _safeguards
	v := {
		"msg": sprintf(
			"%s may process the data in any country (%s); safeguards are declared, but an EU data zone or region avoids the transfer",
			[data.modelgate.lib.provider.input_name, _global_reason],
		),
		"path": _global_path,
	}
}

# A declared EEA or adequate place that a globally routing service has no
# residency option for: the data may go anywhere, as if `global` were
# declared, so without safeguards it fails.
_deny contains v if {
	_governed
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	_standing(geo.location(code)) in {"eea", "adequate"}
	code in data.modelgate.lib.provider.unbacked_global
	not _mechanism in _safeguards
	v := {
		"msg": sprintf(
			"%s is declared, but %s %s and routes requests globally by default: the data may be processed in any country, and no safeguard covers transfers to countries without adequacy (%s)",
			[code, data.modelgate.lib.provider.input_service_label, data.modelgate.lib.provider.no_option_text(code), _mechanism],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"remediation": concat(" ", [
			"Use a service or residency option the provider documents for that place, or sign standard",
			"contractual clauses (Decision (EU) 2021/914) and declare regions: [global].",
		]),
	}
}

# A declared EEA or adequate place that the service's residency facts do
# not back, at a provider whose routing without a residency option is not
# known (no fact, or no facts on the provider at all): where the data is
# processed is as unknown as with undeclared regions, so without safeguards
# it fails closed.
_deny contains v if {
	_governed
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	code in _unknown_routing
	not _mechanism in _safeguards
	v := {
		"msg": sprintf(
			"%s is declared, but modelgate has no residency fact showing that %s processes data there, nor any fact on where it processes otherwise: a transfer outside the EEA cannot be ruled out, and no safeguard covers it (%s)",
			[code, data.modelgate.lib.provider.input_service_label, _mechanism],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"remediation": concat(" ", [
			"Use a provider or residency option documented for that place, have the contract state",
			"the processing location, or sign standard contractual clauses (Decision (EU) 2021/914).",
		]),
	}
}

# The declared EEA or adequate places no residency fact backs at a service
# whose default routing is unknown (routes_globally_by_default null or no
# record); those that route globally are in provider.unbacked_global. A
# place where the service keeps data at rest only is a warning (the stored
# data, at least, stays there).
_unknown_routing contains code if {
	some code in data.modelgate.lib.provider.unbacked_unknown_routing
	_standing(geo.location(code)) in {"eea", "adequate"}
}

# A declared EEA or adequate place that the service's residency facts do
# not back: the provider may process the data elsewhere after all.
warn contains v if {
	_governed
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	_standing(geo.location(code)) in {"eea", "adequate"}
	not code in data.modelgate.lib.provider.offered_regions
	not _fails_as_global(code)
	v := {
		"msg": _unbacked_msg(code),
		"path": sprintf("/deployment/regions/%d", [i]),
		"remediation": concat(" ", [
			"Use a residency option the provider documents (a region id of the cloud, an EU data zone or",
			"an EU project), or confirm the processing location in the contract.",
		]),
	}
}

_no_facts := " (it has no facts on this provider at all)" if not provider.facts(input)

_no_facts := "" if provider.facts(input)

_unbacked_msg(code) := sprintf(
	"%s keeps only data at rest in %s; where it processes the data is not committed, so the data may be processed elsewhere",
	[data.modelgate.lib.provider.input_service_label, code],
) if provider.stored_only(input, code)

_unbacked_msg(code) := sprintf(
	"modelgate has no residency fact showing that %s keeps processing in %s: the data may be processed elsewhere",
	[data.modelgate.lib.provider.input_service_label, code],
) if not _stored_only(code)

_stored_only(code) if provider.stored_only(input, code)

_fails_as_global(code) if {
	code in data.modelgate.lib.provider.unbacked_global
	not _mechanism in _safeguards
}

_fails_as_global(code) if {
	code in _unknown_routing
	not _mechanism in _safeguards
}

obligations contains o if {
	_governed
	some code in input.deployment.regions
	code in data.modelgate.lib.provider.offered_regions
	limits := data.modelgate.lib.provider.input_service.residency_limits
	o := {"text": sprintf("Check the limits of %s's data residency: %s", [data.modelgate.lib.provider.input_service_label, limits])}
}

warn contains v if {
	_governed
	_mechanism == "art49"
	some loc in _locations
	_standings[loc] in {"third", "dpf_only"}
	v := {
		"msg": "the transfer relies on an Art. 49 derogation, which covers only occasional transfers and is read restrictively; a systematic LLM data flow needs adequacy or safeguards",
		"path": "/contracts/transfer_mechanism",
		"remediation": "Sign standard contractual clauses, or process in EEA or adequate regions.",
	}
}

warn contains v if {
	_governed
	some loc in _locations
	_standings[loc] == "dpf_only"
	_mechanism == "dpf"
	_dpf_unknown
	v := {
		"msg": sprintf(
			"modelgate has no fact on whether %s is certified under the Data Privacy Framework%s: check the DPF List",
			[_recipient, _no_facts],
		),
		"path": "/contracts/transfer_mechanism",
		"remediation": "Check https://www.dataprivacyframework.gov/list, or sign standard contractual clauses.",
	}
}

obligations contains o if {
	_governed
	some loc in _locations
	_standings[loc] in {"third", "dpf_only", "global"}
	_mechanism in _safeguards
	o := {
		"text": "Keep the signed transfer safeguards and a transfer impact assessment on file",
		"section": "Art. 46",
	}
}

obligations contains o if {
	_governed
	some loc in _locations
	_standings[loc] == "adequate"
	decision := geo.adequacy(loc, input.now)
	o := {
		"text": sprintf(
			"Rely on %s for %s; check its scope (%s)%s%s",
			[decision.decision, geo.country_name(loc), decision.scope, _until(decision), facts.checked(decision, "the decision in the Official Journal")],
		),
		"section": "Art. 45",
	}
}

_until(decision) := sprintf(" and its expiry on %s", [decision.valid_until]) if decision.valid_until != null

_until(decision) := "" if decision.valid_until == null

# A transfer that passes on the provider's DPF certification rests on that
# fact: where it is not verified, confirming it is a duty.
obligations contains o if {
	_governed
	some loc in _locations
	_standings[loc] == "dpf_only"
	_mechanism == "dpf"
	_dpf_certified
	o := facts.confirm(
		_dpf_fact,
		sprintf("that %s is certified under the EU-US Data Privacy Framework", [data.modelgate.lib.provider.input_name]),
		"the DPF List",
	)
}

# The GDPR is applied only because special-category data has no subjects
# declared (modelgate.lib.gdpr.assumed): every failure then says so.
deny contains w if {
	some v in _deny
	w := object.union(v, {"msg": concat("", [v.msg, data.modelgate.lib.gdpr.input_assumed_note])})
}

# Who would have to be certified: on the organisation's own premises, the
# organisation itself.
_recipient := "your organisation" if input.deployment.provider == "on_prem"

_recipient := data.modelgate.lib.provider.input_name if input.deployment.provider != "on_prem"
