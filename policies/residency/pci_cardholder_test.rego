package modelgate.rules.residency.pci_cardholder_test

import data.modelgate.rules.residency.pci_cardholder
import rego.v1

_proposal(provider, tier) := {
	"data": {"classes": ["cardholder"]},
	"deployment": {"kind": "vendor_api", "provider": provider, "service": null, "tier": tier},
}

test_on_premises_passes_with_obligations if {
	inp := _proposal("on_prem", "api")
	count(pci_cardholder.deny) == 0 with input as inp
	count(pci_cardholder.warn) == 0 with input as inp
	count(pci_cardholder.obligations) == 2 with input as inp
}

test_a_service_provider_warns_with_the_acknowledgement_as_an_obligation if {
	inp := _proposal("openai", "api")
	count(pci_cardholder.deny) == 0 with input as inp
	count(pci_cardholder.warn) == 1 with input as inp
	count(pci_cardholder.obligations) == 2 with input as inp
}

test_a_consumer_product_fails if {
	some v in pci_cardholder.deny with input as _proposal("openai", "consumer")
	v.path == "/deployment/tier"
}

test_no_cardholder_data_is_out_of_scope if {
	not pci_cardholder.applies with input as {"data": {"classes": ["pii"]}}
}
