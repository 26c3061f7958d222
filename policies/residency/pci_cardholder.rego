# RES-PCI-CARDHOLDER: payment card account data puts every system it reaches
# in PCI DSS scope. A third party that stores, processes or transmits it is a
# third-party service provider: the entity needs a written agreement in which
# the provider acknowledges its responsibility for the account data (Req.
# 12.8.2), and the provider must give that acknowledgement (Req. 12.9.1) and
# show its compliance (its attestation of compliance). The proposal records
# both with contracts.pci_dss_agreement; absent, it reads as "not signed"
# (DESIGN section 2) and any third party fails closed.
# A consumer product, or a service without processor terms (the provider
# uses the content for its own purposes), offers no such agreement at all:
# a claim of one does not help there.
package modelgate.rules.residency.pci_cardholder

import rego.v1

meta := {
	"id": "RES-PCI-CARDHOLDER",
	"title": "PCI DSS: cardholder data only to acknowledged service providers",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "PCI DSS v4.0.1",
		"section": "Req. 12.8.2, 12.9.1, 3.3.1",
		"url": "https://www.pcisecuritystandards.org/document_library/",
	},
	"description": concat(" ", [
		"Cardholder data may reach a third party only as a PCI DSS third-party service provider that",
		"acknowledges in writing its responsibility for the data (Req. 12.8.2, 12.9.1) and attests its",
		"compliance (contracts.pci_dss_agreement); a consumer product or a service without processor",
		"terms cannot give them, and sensitive authentication data must never be kept after",
		"authorisation.",
	]),
	"remediation": concat(" ", [
		"Tokenise or redact card numbers before the prompt, self-host the model inside the cardholder",
		"data environment, or sign a written agreement with a provider that acknowledges its PCI DSS",
		"responsibilities and supplies its attestation of compliance.",
	]),
}

default applies := false

applies if "cardholder" in input.data.classes

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf(
			"cardholder data goes to %s, a consumer product whose terms give no written acknowledgement of responsibility for account data",
			[data.modelgate.lib.provider.input_service_label],
		),
		"path": data.modelgate.lib.provider.input_consumer_path,
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	not data.modelgate.lib.provider.input_consumer
	not input.contracts.pci_dss_agreement == true
	v := {
		"msg": sprintf(
			"cardholder data reaches %s, a PCI DSS third-party service provider, and contracts.pci_dss_agreement is not declared: no written acknowledgement of its responsibility for the account data (Req. 12.8.2, 12.9.1) or attestation of compliance is on file",
			[data.modelgate.lib.provider.input_name],
		),
		"path": "/contracts/pci_dss_agreement",
		"remediation": concat(" ", [
			"Tokenise or redact card numbers before the prompt, or self-host the model inside the",
			"cardholder data environment; or sign a written agreement in which the provider acknowledges",
			"its responsibility for the account data, obtain its attestation of compliance, and declare",
			"contracts.pci_dss_agreement: true.",
		]),
	}
}

# A service without processor terms uses the content for its own purposes:
# it does not act on the entity's behalf, so no acknowledgement is on offer
# and a waiver for one would not be credible.
deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	not data.modelgate.lib.provider.input_consumer
	_no_processor_terms
	v := {
		"msg": sprintf(
			"%s has no processor terms: the provider uses submitted content for its own purposes and offers no written acknowledgement of responsibility for account data",
			[data.modelgate.lib.provider.input_service_label],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Use a paid or enterprise service of the provider that processes data on your behalf under written terms, or keep card numbers out of the prompt.",
	}
}

_no_processor_terms if data.modelgate.lib.provider.dpa(input).available == false

# A consumer product gives no such agreement (the deny above): no duty to
# keep one.
obligations contains o if {
	applies
	data.modelgate.lib.provider.input_third_party
	not data.modelgate.lib.provider.input_consumer
	o := {
		"text": sprintf(
			"Keep a written agreement in which %s acknowledges its responsibility for the account data, and monitor its PCI DSS compliance status at least once every 12 months",
			[data.modelgate.lib.provider.input_name],
		),
		"section": "12.8.2, 12.8.4",
	}
}

obligations contains o if {
	applies
	o := {
		"text": "Never put sensitive authentication data (full track data, card verification codes, PINs) in prompts: it may not be kept after authorisation",
		"section": "3.3.1",
	}
}

obligations contains o if {
	applies
	not data.modelgate.lib.provider.input_third_party
	o := "The model, its hosts and its logs are in the cardholder data environment: apply PCI DSS to them"
}
