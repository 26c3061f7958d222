# RES-VENDOR-DATA-USE: what the provider itself does with the prompts.
# Consumer products may train on what users type and keep it for years, so
# no non-public data may go there. A business service that trains on inputs
# by default uses the data for the provider's own purposes (for personal data
# the provider then acts as a controller, GDPR Art. 28(10)) unless the
# organisation opts out. A declared zero-data-retention arrangement must be
# one the service offers, and the deployment may not declare a feature that
# keeps data outside it (regulation.md RES-DATA-003; where the organisation
# requires zero retention, REQ-ZERO-RETENTION judges the features instead).
# Facts per service in policies/residency/data.yaml.
package modelgate.rules.residency.vendor_data_use

import data.modelgate.lib.facts
import rego.v1

meta := {
	"id": "RES-VENDOR-DATA-USE",
	"title": "Vendor data use: no consumer tiers or training on non-public data",
	"severity": "high",
	"category": "residency",
	# Findings cite the provider's own terms where the facts link them; this
	# generic citation stands where modelgate has no such fact: a processor
	# that uses the data for its own purposes becomes a controller.
	"citation": {
		"document": "Regulation (EU) 2016/679 (GDPR)",
		"section": "Art. 28(3)(a), 28(10)",
		"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
	},
	"description": concat(" ", [
		"Non-public data may not go to a consumer product; a service that trains on inputs by default",
		"is a warning until the organisation opts out, and a declared zero-data-retention arrangement",
		"must be one the service offers, not contradicted by a feature the deployment uses.",
	]),
	"remediation": "Use the provider's API or business tier, which does not train on inputs, or self-host the model.",
}

default applies := false

applies if {
	data.modelgate.lib.provider.input_third_party
	some class in input.data.classes
	class != "public"
}

_service := data.modelgate.lib.provider.input_service

_label := data.modelgate.lib.provider.input_service_label

_non_public := concat(", ", sort([c | some c in input.data.classes; c != "public"]))

# The provider's data-use terms where the facts link them, else the rule's citation.
# (`not` only ever applies to a rule here: OPA fails `not f(x)` when x is undefined,
# regorus succeeds; docs/engine-notes.md.)
_train_citation := _train_terms

_train_citation := meta.citation if not _train_terms

_train_terms := _terms_citation(_service.trains_on_inputs_by_default.url)

_zdr_citation := _zdr_terms

_zdr_citation := meta.citation if not _zdr_terms

_zdr_terms := _terms_citation(_service.zero_retention.url)

_terms_citation(url) := {
	"document": sprintf("%s data-use terms", [data.modelgate.lib.provider.input_name]),
	"section": _label,
	"url": url,
} if {
	is_string(url)
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf(
			"non-public data (%s) goes to %s, a consumer product that may train on it and keep it",
			[_non_public, _label],
		),
		"path": data.modelgate.lib.provider.input_consumer_path,
		"citation": _train_citation,
	}
}

warn contains v if {
	applies
	not data.modelgate.lib.provider.input_consumer
	_service.trains_on_inputs_by_default.value == true
	v := {
		"msg": sprintf(
			"%s trains on inputs by default: non-public data (%s) would be used for the provider's own purposes%s%s",
			[_label, _non_public, _controller_note, facts.checked(_service.trains_on_inputs_by_default, "the provider's data-use terms")],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Opt out of training in writing before use, or move to the provider's paid or business tier.",
		"citation": _train_citation,
	}
}

_controller_note := ", which makes it a controller of the personal data rather than a processor (GDPR Art. 28(10))" if {
	data.modelgate.lib.gdpr.input_governed
}

_controller_note := "" if not data.modelgate.lib.gdpr.input_governed

warn contains v if {
	applies
	not data.modelgate.lib.provider.input_consumer
	not _training_known
	v := {
		"msg": sprintf(
			"modelgate has no fact on whether %s trains on inputs by default: confirm in the contract that non-public data (%s) is not used for training",
			[_label, _non_public],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": _unknown_fix,
		"citation": _unknown_citation,
	}
}

_training_known if is_boolean(_service.trains_on_inputs_by_default.value)

# Without a fact, the fix fits the deployment: a host that runs the
# organisation's own model (self_hosted on a cloud or hosting company) is
# bound by its hosting contract; self-hosting is what the team already does.
_unknown_fix := sprintf(
	"Confirm in the hosting contract that %s only stores and processes the data on your instructions and does not use it for purposes of its own (training included), or run the model on your own premises.",
	[data.modelgate.lib.provider.input_name],
) if input.deployment.kind == "self_hosted"

_unknown_fix := sprintf(
	"Confirm in the contract with %s that inputs are not used for training or other purposes of its own (an opt-out, a business tier or processor terms), or self-host the model.",
	[data.modelgate.lib.provider.input_name],
) if input.deployment.kind != "self_hosted"

# Without a fact, the citation is the law that makes the question matter for
# this data: the GDPR where it governs (a processor using the data for its own
# purposes becomes a controller, Art. 28(10)); else, for personal information
# of US consumers, the CCPA regulations (a service provider may use it only for
# the contract's purposes, 11 CCR 7050-7051; regulation.md section 4); else the
# national privacy law of the data subjects' country where the policy data has
# one (PIPL, LGPD, APPI, ...); else no privacy law in modelgate's facts reaches
# the data (internal data of a US company, personal data of people in
# Singapore), and the finding cites the supplier-agreement controls of
# ISO/IEC 27001, not a statute.
_unknown_citation := meta.citation if data.modelgate.lib.gdpr.input_governed

_unknown_citation := {
	"document": "California Consumer Privacy Act regulations (11 CCR)",
	"section": "7050-7051; Cal. Civ. Code 1798.140(ag)",
	"url": "https://cppa.ca.gov/regulations/",
} if {
	not data.modelgate.lib.gdpr.input_governed
	_us_consumer_data
}

_unknown_citation := {
	"document": law.law,
	"section": "processing by a provider for the organisation (not in modelgate's facts, which hold its transfer rules)",
	"url": law.url,
} if {
	not data.modelgate.lib.gdpr.input_governed
	not _us_consumer_data
	law := _national_laws[0]
}

_unknown_citation := {
	"document": "ISO/IEC 27001:2022 Annex A (supplier relationships; not a statute: no privacy law in modelgate's facts reaches this data)",
	"section": "A.5.19-A.5.20",
	"url": "https://www.iso.org/standard/27001",
} if {
	not data.modelgate.lib.gdpr.input_governed
	not _us_consumer_data
	count(_national_laws) == 0
}

# The national privacy laws of the data subjects' countries, in the order the
# subjects are declared (personal data only; a law about some classes only,
# such as India's payment data rule, only for those classes).
_national_laws := [law |
	_personal
	some subject in input.data.subjects
	law := data.modelgate.facts.residency.privacy_laws[subject]
	_reaches(law)
]

_reaches(law) if not law.classes

_reaches(law) if {
	some class in law.classes
	class in input.data.classes
}

_personal if {
	some class in input.data.classes
	class in data.modelgate.lib.gdpr.personal_classes
}

# Personal data (PHI aside: HIPAA governs it, not the CCPA) of people in the
# US, or of a US organisation's customers when no subjects are declared.
_us_consumer_data if {
	some class in input.data.classes
	class in data.modelgate.lib.gdpr.personal_classes
	class != "phi"
	_us_subjects
}

_us_subjects if "US" in input.data.subjects

_us_subjects if {
	count(input.data.subjects) == 0
	input.organization.domicile == "US"
}

deny contains v if {
	applies
	input.contracts.zero_data_retention == true
	_service.zero_retention.available == false
	v := {
		"msg": sprintf(
			"a zero-data-retention arrangement is declared, but %s offers none%s",
			[_label, facts.checked(_service.zero_retention, "the provider's zero-retention terms")],
		),
		"path": "/contracts/zero_data_retention",
		"remediation": "Correct contracts.zero_data_retention, or move to a service that offers zero data retention.",
		"citation": _zdr_citation,
	}
}

# A declared arrangement contradicted by a declared feature that keeps data
# outside it: a verified or partial fact fails, an unverified one warns.
# With zero retention required, REQ-ZERO-RETENTION says so instead.
_outside := data.modelgate.lib.features.outside(_service.zero_retention)

deny contains v if {
	applies
	input.contracts.zero_data_retention == true
	not _zdr_required
	some x in _outside
	data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"remediation": _feature_fix(x),
		"citation": _feature_citation(x),
	}
}

warn contains v if {
	applies
	input.contracts.zero_data_retention == true
	not _zdr_required
	some x in _outside
	not data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"remediation": _feature_fix(x),
		"citation": _feature_citation(x),
	}
}

_zdr_required if input.requirements.zero_retention == true

# A firm fact says the feature keeps data outside; an unverified one, that it may.
_feature_msg(x) := sprintf(
	"a zero-data-retention arrangement is declared, but deployment.features declares %s, which %s data outside it at %s: %s",
	[x.feature, _keeps(x), _label, data.modelgate.lib.features.detail(x, "the provider's zero-retention terms")],
)

_keeps(x) := "keeps" if data.modelgate.lib.features.firm(x)

_keeps(x) := "may keep" if not data.modelgate.lib.features.firm(x)

_feature_fix(x) := sprintf(
	"Stop using %s for data that must not be kept (remove it from deployment.features), or record that the arrangement does not cover this traffic (contracts.zero_data_retention: false).",
	[x.feature],
)

_feature_citation(x) := _terms_citation(x.fact.url) if is_string(object.get(x.fact, "url", null))

_feature_citation(x) := _zdr_citation if not is_string(object.get(x.fact, "url", null))

obligations contains o if {
	applies
	input.contracts.zero_data_retention != true
	days := _service.retention.default_days
	days > 0
	o := {"text": sprintf(
		"%s keeps prompts and outputs for up to %d days by default (abuse monitoring)%s; if this data may not be kept that long, %s",
		[_label, days, facts.checked(_service.retention, "the provider's retention terms"), _shorter_retention],
	)}
}

# What to do about the default retention: a zero-retention arrangement where
# the service offers one, else another service.
_shorter_retention := "get a zero-data-retention arrangement" if _service.zero_retention.available != false

_shorter_retention := "use a service that offers zero data retention (this one does not)" if {
	_service.zero_retention.available == false
}

obligations contains o if {
	applies
	input.contracts.zero_data_retention == true
	exclusions := _service.zero_retention.exclusions
	is_string(exclusions)
	o := {"text": sprintf("Zero data retention with %s does not cover: %s", [_label, exclusions])}
}

# A pass that rests on a "does not train on inputs" fact that is not
# verified: confirming it is a duty.
obligations contains o if {
	applies
	not data.modelgate.lib.provider.input_consumer
	_service.trains_on_inputs_by_default.value == false
	o := facts.confirm(
		_service.trains_on_inputs_by_default,
		sprintf("that %s does not train on inputs", [_label]),
		"the provider's data-use terms",
	)
}
