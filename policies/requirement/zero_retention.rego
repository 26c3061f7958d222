# REQ-ZERO-RETENTION: the organisation requires that nobody keeps its prompts
# and outputs (requirements.zero_retention). On its own machines, or on
# self-managed cloud infrastructure, that is the organisation's own setup. A
# service that keeps data by default (abuse-monitoring logs, application
# state) needs an approved zero-data-retention arrangement the service
# offers. Unknown retention facts fail closed. A feature the deployment
# declares (deployment.features) that keeps data outside the service's
# arrangement (zero_retention.excluded_features in the facts) fails; with no
# features declared, a pass resting on an arrangement names the features
# outside it as a duty.
package modelgate.rules.requirement.zero_retention

import data.modelgate.lib.facts
import rego.v1

meta := {
	"id": "REQ-ZERO-RETENTION",
	"title": "Organisation requirement: zero data retention",
	"severity": "high",
	"category": "requirement",
	"citation": {
		"document": "Organisation requirement (requirements.zero_retention) against the provider's data-retention terms",
		"section": "requirements.zero_retention",
		"url": "https://developers.openai.com/api/docs/guides/your-data",
	},
	"description": concat(" ", [
		"When the organisation requires zero data retention, prompts and outputs may go only to its",
		"own or self-managed infrastructure, to a service that keeps nothing by default, or to a",
		"service under an approved zero-data-retention arrangement, using none of the features that",
		"keep data outside that arrangement; unknown retention fails.",
	]),
	"remediation": concat(" ", [
		"Apply for the provider's zero-data-retention arrangement and declare",
		"contracts.zero_data_retention: true, or self-host the model.",
	]),
}

default applies := false

applies if input.requirements.zero_retention == true

_service := data.modelgate.lib.provider.input_service

_label := data.modelgate.lib.provider.input_service_label

# Nothing is kept beyond what the organisation's own setup stores.
_own_setup if not data.modelgate.lib.provider.input_third_party

_own_setup if {
	_service.self_managed == true
	_service.retention.customer_controlled == true
}

_keeps_nothing if {
	not data.modelgate.lib.provider.input_consumer
	_service.retention.default_days == 0
}

_compliant_by_default if _own_setup

_compliant_by_default if _keeps_nothing

# The provider's retention terms where the facts link them, else the rule's citation.
_citation := _retention_citation

_citation := meta.citation if not _retention_citation

_retention_citation := {
	"document": sprintf("%s data-retention terms", [data.modelgate.lib.provider.input_name]),
	"section": "retention",
	"url": _service.retention.url,
} if {
	is_string(_service.retention.url)
}

deny contains v if {
	applies
	not _compliant_by_default
	input.contracts.zero_data_retention != true
	v := {
		"msg": sprintf("the organisation requires zero retention, but %s", [_retention_text]),
		"path": "/contracts/zero_data_retention",
		"citation": _citation,
		"remediation": _how,
	}
}

# How to get zero retention from this service where the facts say; where
# they say it offers none, another service or self-hosting; else the rule's
# remediation.
_how := _service_how

_how := sprintf(
	"%s offers no zero-data-retention arrangement%s: %s, and declare contracts.zero_data_retention: true once it is approved; or self-host the model.",
	[_label, _zdr_note, _alternative],
) if {
	not _service_how
	_service.zero_retention.available == false
}

# Where an arrangement can be had instead: another service of the same
# provider that offers one, else other providers' services that do (verified
# facts only), per the residency facts.
_providers := data.modelgate.facts.residency.providers

_zdr_services(pid) := sort([sid |
	some sid, s in _providers[pid].services
	s.zero_retention.available == true
	object.get(s, "consumer", false) != true
	object.get(s, "self_managed", false) != true
])

_same_provider := [sprintf("%s%s", [sid, facts.checked(_providers[input.deployment.provider].services[sid].zero_retention, "its zero-retention terms")]) |
	some sid in _zdr_services(input.deployment.provider)
]

_other_providers := sort([sprintf("%s (%s)", [sid, pid]) |
	some pid, _ in _providers
	pid != input.deployment.provider
	some sid in _zdr_services(pid)
	facts.settled(_providers[pid].services[sid].zero_retention)
])

_alternative := sprintf(
	"%s offers one for another service (%s): move to it under that arrangement",
	[data.modelgate.lib.provider.input_name, concat(", ", _same_provider)],
) if count(_same_provider) > 0

_alternative := sprintf(
	"move to a service that offers one under an approved arrangement (per modelgate's facts: %s)",
	[concat(", ", _other_providers)],
) if count(_same_provider) == 0

# The source of the service's zero-retention fact (for a failure that rests
# on it), else the retention citation.
_zdr_citation := {
	"document": sprintf("%s zero-data-retention terms", [data.modelgate.lib.provider.input_name]),
	"section": sprintf("zero retention: %s", [_label]),
	"url": _service.zero_retention.url,
} if is_string(_service.zero_retention.url)

_zdr_citation := _citation if not is_string(_service.zero_retention.url)

_zdr_note := facts.checked(_service.zero_retention, "the provider's zero-retention terms")

_how := meta.remediation if {
	not _service_how
	not _service.zero_retention.available == false
}

_service_how := sprintf(
	"Zero retention with %s: %s Then declare contracts.zero_data_retention: true, or self-host the model.",
	[_label, _service.zero_retention.how],
) if {
	_service.zero_retention.available == true
	is_string(_service.zero_retention.how)
}

_retention_text := _known_retention

_retention_text := sprintf(
	"modelgate has no figure for how long %s keeps prompts and outputs by default (unknown retention fails closed)%s",
	[_label, _retention_note],
) if {
	not _known_retention
}

# What the facts say about retention without a figure.
_retention_note := sprintf(": %s", [_service.retention.note]) if is_string(_service.retention.note)

# A helper rule, not `not is_string(...)` over a reference that may be
# undefined: OPA reads that negation as undefined, regorus as true.
_retention_note := "" if not _has_retention_note

_has_retention_note if is_string(_service.retention.note)

_known_retention := sprintf(
	"%s keeps prompts and outputs for up to %d days by default%s",
	[_label, _service.retention.default_days, facts.checked(_service.retention, "the provider's retention terms")],
) if {
	_service.retention.default_days > 0
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf("%s is a consumer product with no zero-retention arrangement", [_label]),
		"path": data.modelgate.lib.provider.input_consumer_path,
		"remediation": "Use the provider's API tier under a zero-data-retention arrangement.",
	}
}

deny contains v if {
	applies
	not _compliant_by_default
	not data.modelgate.lib.provider.input_consumer
	input.contracts.zero_data_retention == true
	_service.zero_retention.available == false
	v := {
		"msg": sprintf("a zero-retention arrangement is declared, but %s offers none for %s%s", [data.modelgate.lib.provider.input_name, _label, _zdr_note]),
		"path": "/contracts/zero_data_retention",
		"citation": _zdr_citation,
		"remediation": _how,
	}
}

warn contains v if {
	applies
	not _compliant_by_default
	not data.modelgate.lib.provider.input_consumer
	input.contracts.zero_data_retention == true
	not _zdr_known
	v := {
		"msg": sprintf(
			"modelgate has no fact on whether %s offers zero data retention: confirm the arrangement in writing",
			[_label],
		),
		"path": "/contracts/zero_data_retention",
	}
}

_zdr_known if is_boolean(_service.zero_retention.available)

# Declared features that keep data outside the service's zero-retention
# arrangement (regulation.md RES-DATA-003, RES-DATA-004): a fact that is
# verified or partial fails, an unverified one warns.
_outside := data.modelgate.lib.features.outside(_service.zero_retention)

deny contains v if {
	applies
	not _own_setup
	some x in _outside
	data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"citation": _feature_citation(x),
		"remediation": _feature_fix(x),
	}
}

warn contains v if {
	applies
	not _own_setup
	some x in _outside
	not data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"citation": _feature_citation(x),
		"remediation": _feature_fix(x),
	}
}

# A firm fact says the feature keeps data outside; an unverified one, that it may.
_feature_msg(x) := sprintf(
	"deployment.features declares %s, which %s data outside the zero-retention arrangement of %s: %s",
	[x.feature, _keeps(x), _label, data.modelgate.lib.features.detail(x, "the provider's zero-retention terms")],
)

_keeps(x) := "keeps" if data.modelgate.lib.features.firm(x)

_keeps(x) := "may keep" if not data.modelgate.lib.features.firm(x)

_feature_fix(x) := sprintf(
	"Stop using %s with %s for data under the zero-retention requirement (remove it from deployment.features), or get the provider's written confirmation that the arrangement covers it.",
	[x.feature, _label],
)

_feature_citation(x) := {
	"document": sprintf("%s zero-data-retention terms", [data.modelgate.lib.provider.input_name]),
	"section": sprintf("zero retention: %s", [x.feature]),
	"url": x.fact.url,
} if {
	is_string(object.get(x.fact, "url", null))
}

_feature_citation(x) := _citation if not is_string(object.get(x.fact, "url", null))

# A pass resting on the declared arrangement, with no features declared:
# it holds only if none of the features outside the arrangement is used.
obligations contains o if {
	applies
	not _compliant_by_default
	not data.modelgate.lib.provider.input_consumer
	input.contracts.zero_data_retention == true
	not data.modelgate.lib.features.declared
	names := data.modelgate.lib.features.listed(_service.zero_retention, "the provider's zero-retention terms")
	o := {"text": sprintf(
		"deployment.features is not declared, so this pass assumes that none of %s is used with %s: they keep data outside its zero-retention arrangement. Declare the features used (deployment.features: [] for none)",
		[names, _label],
	)}
}

obligations contains o if {
	applies
	_own_setup
	o := "Configure the serving stack, proxies and logging so that no prompt or output is written to disk or logs"
}

obligations contains o if {
	applies
	not _own_setup
	exclusions := _service.zero_retention.exclusions
	is_string(exclusions)
	o := {"text": sprintf("Stay inside the zero-retention scope of %s; not covered: %s", [_label, exclusions])}
}

obligations contains o if {
	applies
	_keeps_nothing
	note := _service.retention.note
	is_string(note)
	o := {"text": sprintf("Use only the parts of %s that keep nothing: %s", [_label, note])}
}

# A pass that rests on a retention fact that is not verified: confirming it
# is a duty. The declared arrangement the service is said to offer:
obligations contains o if {
	applies
	not _compliant_by_default
	not data.modelgate.lib.provider.input_consumer
	input.contracts.zero_data_retention == true
	_service.zero_retention.available == true
	o := facts.confirm(
		_service.zero_retention,
		sprintf("that %s offers the declared zero-data-retention arrangement%s", [_label, _eligibility]),
		"the provider's zero-retention terms",
	)
}

# How the arrangement is obtained, where the facts say (who is eligible:
# Azure OpenAI's modified abuse monitoring only under an EA or MCA, not
# pay-as-you-go): the confirmation is of that, for this organisation.
_eligibility := sprintf(" to this organisation (%s)", [trim_right(_service.zero_retention.how, ".")]) if _has_how

_eligibility := "" if not _has_how

_has_how if is_string(_service.zero_retention.how)

# A service said to keep nothing by default:
obligations contains o if {
	applies
	_keeps_nothing
	not _own_setup
	o := facts.confirm(
		_service.retention,
		sprintf("that %s keeps no prompts or outputs by default", [_label]),
		"the provider's retention terms",
	)
}
