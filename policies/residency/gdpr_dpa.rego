# RES-GDPR-DPA: a controller may use a processor only under a contract that
# binds the processor to the terms of GDPR Art. 28(3) (documented
# instructions, confidentiality, security, sub-processors, assistance,
# deletion or return, audits). Any third party that operates the endpoint,
# a cloud hosting a self-managed deployment included, processes the data on
# the organisation's behalf.
package modelgate.rules.residency.gdpr_dpa

import data.modelgate.lib.facts
import data.modelgate.lib.provider
import rego.v1

meta := {
	"id": "RES-GDPR-DPA",
	"title": "GDPR: a processor works only under an Art. 28 data processing agreement",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "Regulation (EU) 2016/679 (GDPR)",
		"section": "Art. 28(3)",
		"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
	},
	"description": concat(" ", [
		"Personal data governed by the GDPR may reach a third party that operates the endpoint (a",
		"cloud hosting a self-managed deployment included) only under a data processing agreement that",
		"meets Art. 28(3); consumer products and services without processor terms cannot provide one.",
	]),
	"remediation": concat(" ", [
		"Sign the provider's data processing addendum (Art. 28(3); the Commission's clauses in Decision",
		"(EU) 2021/915 are one option) and declare contracts.dpa: true, or process on premises.",
	]),
}

default applies := false

applies if _governed

applies if _unplaced

_governed if {
	data.modelgate.lib.gdpr.input_governed
	data.modelgate.lib.provider.input_third_party
}

# Personal data whose people and organisation are both undeclared, at a
# third party: whether the GDPR governs it, and so whether Art. 28 needs a
# processor agreement, cannot be told (modelgate.lib.gdpr.unplaced).
_unplaced if {
	data.modelgate.lib.gdpr.input_unplaced_ungoverned
	data.modelgate.lib.provider.input_third_party
}

warn contains v if {
	_unplaced
	not input.contracts.dpa == true
	v := {
		"msg": sprintf(
			"personal data reaches %s without a declared Art. 28 data processing agreement, and %s: if the GDPR governs the data, the processor needs one",
			[_provider, data.modelgate.lib.gdpr.unplaced_note],
		),
		"path": "/data/subjects",
		"remediation": "Declare data.subjects and organization.domicile; if the GDPR governs the data, sign the provider's data processing agreement and declare contracts.dpa: true.",
	}
}

_provider := data.modelgate.lib.provider.input_name

_dpa := provider.dpa(input)

_deny contains v if {
	_governed
	input.contracts.dpa != true
	v := {
		"msg": sprintf("personal data governed by the GDPR reaches %s without an Art. 28 data processing agreement", [_provider]),
		"path": "/contracts/dpa",
		"remediation": _no_dpa_fix,
	}
}

# Where the facts say how the provider offers its processor terms (AWS's DPA
# is part of its Service Terms and applies automatically), the fix says so:
# the agreement may already be in place and only need declaring.
_no_dpa_fix := sprintf(
	"The processor terms of %s for %s (per modelgate's facts: %s) may already be in force for the account: check, then declare contracts.dpa: true (or sign them); or process on premises.",
	[_provider, data.modelgate.lib.provider.input_service_label, trim_right(_dpa.how, ".")],
) if _offers_dpa_how

# A service the facts say has no processor terms (the Gemini API's unpaid
# tier): signing is not a fix there, moving to a covered service is.
_no_dpa_fix := sprintf(
	"%s offers no processor terms for %s (per modelgate's facts%s), so none can be signed for it: move to a service its data processing addendum covers (for example its paid tier) and declare contracts.dpa: true, or process on premises.",
	[_provider, data.modelgate.lib.provider.input_service_label, facts.checked(_dpa, "the provider's processor terms")],
) if _no_dpa_offered

_no_dpa_fix := meta.remediation if {
	not _offers_dpa_how
	not _no_dpa_offered
}

_no_dpa_offered if _dpa.available == false

_offers_dpa_how if {
	_dpa.available == true
	is_string(_dpa.how)
}

_deny contains v if {
	_governed
	data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf(
			"%s is a consumer product: its terms make the provider a controller of the data, not a processor bound by Art. 28",
			[data.modelgate.lib.provider.input_service_label],
		),
		"path": data.modelgate.lib.provider.input_consumer_path,
		"remediation": "Use the provider's API or business tier under its data processing addendum.",
	}
}

_deny contains v if {
	_governed
	input.contracts.dpa == true
	not data.modelgate.lib.provider.input_consumer
	_dpa.available == false
	v := {
		"msg": sprintf(
			"%s offers no processor terms for %s, so the declared DPA cannot cover this use%s",
			[_provider, data.modelgate.lib.provider.input_service_label, facts.checked(_dpa, "the provider's processor terms")],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Move to a service the provider's data processing addendum covers (for example its paid tier).",
		"citation": _fact_citation,
	}
}

warn contains v if {
	_governed
	input.contracts.dpa == true
	not data.modelgate.lib.provider.input_consumer
	not _dpa_known
	v := {
		"msg": sprintf(
			"modelgate has no fact on whether %s offers Art. 28 processor terms%s: confirm the signed DPA covers it",
			[_provider, _for_service],
		),
		"path": "/contracts/dpa",
	}
}

_dpa_known if is_boolean(_dpa.available)

_for_service := sprintf(" for %s", [data.modelgate.lib.provider.input_service_id]) if data.modelgate.lib.provider.input_service_id

_for_service := "" if not data.modelgate.lib.provider.input_service_id

# The provider's processor terms where the facts link them, else the rule's citation.
_fact_citation := _terms_citation

_fact_citation := meta.citation if not _terms_citation

_terms_citation := {"document": sprintf("%s terms", [_provider]), "section": "processor terms", "url": _dpa.url} if {
	is_string(_dpa.url)
}

# A DPA the service cannot have is no duty to keep: the deny above says so.
obligations contains o if {
	_governed
	input.contracts.dpa == true
	not _dpa.available == false
	o := {
		"text": sprintf(
			"Keep the DPA with %s on file; follow its sub-processor notices and its deletion or return duties",
			[_provider],
		),
		"section": "Art. 28(2)-(3)",
	}
}

# A pass that rests on the fact that the provider offers Art. 28 terms for the
# service: where that fact is not verified, confirming it is a duty.
obligations contains o if {
	_governed
	input.contracts.dpa == true
	not data.modelgate.lib.provider.input_consumer
	_dpa.available == true
	o := facts.confirm(
		_dpa,
		sprintf("that %s's data processing terms for %s meet Art. 28(3)", [_provider, data.modelgate.lib.provider.input_service_label]),
		"the provider's processor terms",
	)
}

# The GDPR is applied only because special-category data has no subjects
# declared (modelgate.lib.gdpr.assumed): every failure then says so.
deny contains w if {
	some v in _deny
	w := object.union(v, {"msg": concat("", [v.msg, data.modelgate.lib.gdpr.input_assumed_note])})
}
