# REQ-ALLOWED-REGIONS: the organisation allows processing only in the places
# it lists (requirements.allowed_regions). Every place the data is processed
# must lie inside the list: a region id counts through the country it is
# in, EU and EEA stand for their members, a region id in the list allows only
# that region, and `global` (the provider may route anywhere) never
# satisfies the constraint. Undeclared places fail closed, and so does a
# declared place at a third party that no residency fact backs.
package modelgate.rules.requirement.allowed_regions

import data.modelgate.lib.geo
import rego.v1

meta := {
	"id": "REQ-ALLOWED-REGIONS",
	"title": "Organisation requirement: processing only in allowed regions",
	"severity": "high",
	"category": "requirement",
	"citation": {
		"document": "Organisation requirement (requirements.allowed_regions); places as ISO 3166-1 codes",
		"section": "requirements.allowed_regions",
		"url": "https://www.iso.org/iso-3166-country-codes.html",
	},
	"description": concat(" ", [
		"When the organisation lists allowed regions, every place the data is processed must lie",
		"inside them (a provider region through its country, EU and EEA through their members); a",
		"provider that may route anywhere, undeclared regions, or a declared region that no residency",
		"fact of the provider backs, never satisfy the list.",
	]),
	"remediation": "Pin the deployment to regions inside requirements.allowed_regions and declare them in deployment.regions.",
}

default applies := false

applies if count(input.requirements.allowed_regions) > 0

_allowed := input.requirements.allowed_regions

_allowed_text := concat(", ", _allowed)

_places := data.modelgate.lib.provider.input_places

# The declared regions inside the allowed ones, worked out once per evaluation.
_inside := {code | some code in input.deployment.regions; geo.within(code, _allowed)}

deny contains v if {
	applies
	count(_places) == 0
	v := {
		"msg": sprintf("the data is processed in undeclared regions; the organisation allows only %s", [_allowed_text]),
		"path": "/deployment/regions",
		"remediation": "Declare deployment.regions (ISO codes or provider region ids).",
	}
}

deny contains v if {
	applies
	some i, code in input.deployment.regions
	not code in _inside
	v := {
		"msg": sprintf("the data is processed in %s, outside the allowed regions (%s)", [_describe(code), _allowed_text]),
		"path": sprintf("/deployment/regions/%d", [i]),
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_defaulted_to_global
	v := {
		"msg": sprintf(
			"no region is declared and %s routes requests globally by default: the data may leave the allowed regions (%s)",
			[data.modelgate.lib.provider.input_service_label, _allowed_text],
		),
		"path": "/deployment/regions",
	}
}

deny contains v if {
	applies
	count(input.deployment.regions) == 0
	some code in _places
	code != "global"
	not geo.within(code, _allowed)
	v := {
		"msg": sprintf(
			"the deployment is on premises in %s (the organisation's domicile; no region declared), outside the allowed regions (%s)",
			[geo.country_name(code), _allowed_text],
		),
		"path": "/organization/domicile",
	}
}

_describe(code) := "any country (global)" if geo.location(code) == "global"

_describe(code) := sprintf("%s (%s)", [code, geo.country_name(geo.location(code))]) if {
	geo.location(code) != "global"
	code != geo.location(code)
}

_describe(code) := geo.country_name(code) if {
	geo.location(code) != "global"
	code == geo.location(code)
}

# A declared place inside the list that a globally routing service has no
# residency option for: the data may go anywhere, outside the list too.
deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	code in _inside
	code in data.modelgate.lib.provider.unbacked_global
	v := {
		"msg": sprintf(
			"%s is declared, but %s %s and routes requests globally by default: the data may be processed outside the allowed regions",
			[code, data.modelgate.lib.provider.input_service_label, data.modelgate.lib.provider.no_option_text(code)],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"remediation": "Use a service or residency option the provider documents for an allowed place.",
	}
}

# A declared place inside the list that the service's residency facts do
# not back (no residency option, one that keeps only data at rest there, or a
# provider modelgate has no facts on): nothing shows the data stays in the
# allowed places, so the hard requirement fails closed.
deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	code in _inside
	not code in data.modelgate.lib.provider.offered_regions
	not code in data.modelgate.lib.provider.unbacked_global
	v := {
		"msg": sprintf(
			"%s is declared, but %s: nothing shows the data stays in the allowed regions (%s)",
			[code, _unbacked_reason(code), _allowed_text],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"remediation": concat(" ", [
			"Use a residency option the provider documents for an allowed place (a region id of the",
			"cloud, a data zone or a regional project). If the contract commits the provider to",
			"processing there, record that as a waiver of REQ-ALLOWED-REGIONS naming the clause.",
		]),
	}
}

# Why a declared region is not backed: the service keeps only data at rest
# there (ChatGPT Enterprise in Europe, Vertex AI in the Middle East), or no
# residency fact covers it at all.
_unbacked_reason(code) := sprintf(
	"%s keeps only data at rest in %s and does not commit where it processes the data",
	[data.modelgate.lib.provider.input_service_label, code],
) if data.modelgate.lib.provider.stored_only(input, code)

_unbacked_reason(code) := sprintf(
	"modelgate has no residency fact showing that %s keeps processing in %s",
	[data.modelgate.lib.provider.input_service_label, code],
) if not _stored_only(code)

_stored_only(code) if data.modelgate.lib.provider.stored_only(input, code)

obligations contains o if {
	applies
	some code in input.deployment.regions
	code in data.modelgate.lib.provider.offered_regions
	limits := data.modelgate.lib.provider.input_service.residency_limits
	o := {"text": sprintf("Check the limits of %s's data residency: %s", [data.modelgate.lib.provider.input_service_label, limits])}
}
