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
	count(pci_cardholder.obligations) == 2 with input as inp
}

# The proposal cannot record the acknowledgement or the attestation: absent
# means not signed, so a service provider fails (a waiver records them).
test_a_service_provider_fails_closed_with_the_acknowledgement_as_an_obligation if {
	inp := _proposal("openai", "api")
	count(pci_cardholder.deny) == 1 with input as inp
	count(pci_cardholder.obligations) == 2 with input as inp
	some v in pci_cardholder.deny with input as inp
	v.path == "/data/classes"
}

test_a_self_managed_cloud_fails_closed_too if {
	inp := {
		"data": {"classes": ["cardholder"]},
		"deployment": {"kind": "self_hosted", "provider": "aws", "service": null, "tier": "api"},
	}
	count(pci_cardholder.deny) == 1 with input as inp
}

test_a_service_without_processor_terms_fails_on_its_terms_too if {
	inp := _proposal("google", "api")
	count(pci_cardholder.deny) == 2 with input as inp
	paths := {v.path | some v in pci_cardholder.deny} with input as inp
	paths == {"/data/classes", "/deployment"}
}

test_a_consumer_product_fails if {
	some v in pci_cardholder.deny with input as _proposal("openai", "consumer")
	v.path == "/deployment/tier"
}

test_no_cardholder_data_is_out_of_scope if {
	not pci_cardholder.applies with input as {"data": {"classes": ["pii"]}}
}
