# RES-CCPA-SERVICE-PROVIDER: personal information of US consumers (and so,
# possibly, of Californians) that reaches a third party needs a service
# provider contract with the terms of 11 CCR 7051 (regulation.md section 4,
# RES-CCPA-001): without them the provider is not a service provider and the
# disclosure may be a sale or sharing. The proposal records the terms with
# contracts.ccpa_service_provider_terms; absent reads as "not signed"
# (DESIGN section 2). A consumer product, or a service without processor
# terms, offers no such contract whatever is declared. Whether the
# organisation is a CCPA "business" at all (1798.140(d)) is not in the
# proposal: one that is not waives the finding with that reason.
package modelgate.rules.residency.ccpa_service_provider

import data.modelgate.lib.facts
import data.modelgate.lib.provider
import rego.v1

meta := {
	"id": "RES-CCPA-SERVICE-PROVIDER",
	"title": "CCPA: US consumers' personal information only to service providers under contract",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "California Consumer Privacy Act regulations (11 CCR)",
		"section": "7050-7051; Cal. Civ. Code 1798.140(ag)",
		"url": "https://cppa.ca.gov/regulations/",
	},
	"description": concat(" ", [
		"Personal information of US consumers, Californians possibly among them, may reach a third party",
		"only as a service provider bound by a written contract with the terms of 11 CCR 7051",
		"(contracts.ccpa_service_provider_terms); a consumer product or a service without processor",
		"terms offers no such contract. HIPAA-governed PHI is outside the CCPA.",
	]),
	"remediation": concat(" ", [
		"Sign the provider's data processing terms with the CCPA service provider clauses and declare",
		"contracts.ccpa_service_provider_terms: true, keep personal information out of the prompt, or",
		"self-host on premises.",
	]),
}

_fact := data.modelgate.facts.residency.ccpa

# Personal information the CCPA governs: personal data but the exempt classes.
_governed_classes := {class |
	some class in input.data.classes
	class in data.modelgate.lib.gdpr.personal_classes
	not class in _fact.exempt_classes
}

# Consumers in the US: declared, or, with no subjects declared, the customers
# of a US organisation.
_us_consumers if "US" in input.data.subjects

_us_consumers if {
	count(input.data.subjects) == 0
	input.organization.domicile == "US"
}

default applies := false

applies if _due

applies if _unplaced

_due if {
	count(_governed_classes) > 0
	_us_consumers
	provider.input_third_party
}

# Personal information at a third party with neither data.subjects nor
# organization.domicile declared: US consumers among the people cannot be
# ruled out (modelgate.lib.gdpr.unplaced), so without service provider terms
# it warns instead of not applying.
_unplaced if {
	count(_governed_classes) > 0
	data.modelgate.lib.gdpr.input_unplaced
	provider.input_third_party
}

warn contains v if {
	_unplaced
	not input.contracts.ccpa_service_provider_terms == true
	v := {
		"msg": sprintf(
			"personal information (%s) reaches %s without declared CCPA service provider terms, and %s: if the people include US consumers, the provider needs the terms of 11 CCR 7051%s",
			[_classes, provider.input_name, data.modelgate.lib.gdpr.unplaced_note, _note],
		),
		"path": "/data/subjects",
		"remediation": "Declare data.subjects and organization.domicile; if US consumers are among the people, sign service provider terms and declare contracts.ccpa_service_provider_terms: true.",
	}
}

_classes := concat(", ", sort(_governed_classes))

_note := facts.checked(_fact, "the CCPA and its regulations")

deny contains v if {
	_due
	provider.input_consumer
	v := {
		"msg": sprintf(
			"personal information of US consumers (%s) goes to %s, a consumer product: the provider uses it under its own terms, not as a service provider under contract%s",
			[_classes, provider.input_service_label, _note],
		),
		"path": data.modelgate.lib.provider.input_consumer_path,
	}
}

deny contains v if {
	_due
	not provider.input_consumer
	_no_processor_terms
	v := {
		"msg": sprintf(
			"%s has no processor terms: the provider uses submitted content for its own purposes, so it cannot be a service provider for the personal information of US consumers (%s)%s",
			[provider.input_service_label, _classes, _note],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Use a paid or enterprise service of the provider that processes data on your behalf under written terms, or keep personal information out of the prompt.",
	}
}

deny contains v if {
	_due
	not provider.input_consumer
	not _no_processor_terms
	not input.contracts.ccpa_service_provider_terms == true
	v := {
		"msg": sprintf(
			"personal information of US consumers (%s) reaches %s and contracts.ccpa_service_provider_terms is not declared: without a contract with the terms of 11 CCR 7051 the provider is not a service provider, and giving it the information may be a sale or sharing under the CCPA%s",
			[_classes, provider.input_name, _note],
		),
		"path": "/contracts/ccpa_service_provider_terms",
		"remediation": concat(" ", [
			"Sign the provider's data processing terms with the CCPA service provider clauses (the",
			"business purposes, no selling or sharing, no use outside the contract) and declare",
			"contracts.ccpa_service_provider_terms: true; or keep personal information out of the",
			"prompt. An organisation that is not a CCPA business (Cal. Civ. Code 1798.140(d)) waives",
			"this finding with that reason.",
		]),
	}
}

_no_processor_terms if provider.dpa(input).available == false

obligations contains o if {
	_due
	not provider.input_consumer
	o := {
		"text": sprintf(
			"Keep the service provider contract with %s: it may use the personal information only for the business purposes the contract specifies, and may not sell or share it",
			[provider.input_name],
		),
		"section": "11 CCR 7051",
	}
}

obligations contains o if {
	_due
	not provider.input_consumer
	input.contracts.ccpa_service_provider_terms == true
	o := facts.confirm(_fact, "that the contract carries the terms of 11 CCR 7051", "the CCPA and its regulations")
}
