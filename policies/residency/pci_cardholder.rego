# RES-PCI-CARDHOLDER: payment card account data puts every system it reaches
# in PCI DSS scope. A third party that stores, processes or transmits it is a
# third-party service provider: the entity needs a written agreement in which
# the provider acknowledges its responsibility for the account data (Req.
# 12.8.2), and the provider must give that acknowledgement (Req. 12.9.1).
# The proposal cannot express those documents, so a third party is a warning
# with the duties as obligations; a consumer product offers no such
# agreement and fails.
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
		"acknowledges in writing its responsibility for the data (Req. 12.8.2, 12.9.1); a consumer",
		"product cannot, and sensitive authentication data must never be kept after authorisation.",
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
		"path": "/deployment/tier",
	}
}

warn contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	not data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf(
			"cardholder data reaches %s, a PCI DSS third-party service provider: modelgate cannot see the written acknowledgement Req. 12.8.2 and 12.9.1 require",
			[data.modelgate.lib.provider.input_name],
		),
		"path": "/data/classes",
		"remediation": "Keep the provider's written acknowledgement and attestation of compliance on file, or tokenise card numbers before the prompt.",
	}
}

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
