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

# No contracts.pci_dss_agreement: absent means not signed, so a service
# provider fails.
test_a_service_provider_without_the_agreement_fails_closed if {
	inp := _proposal("openai", "api")
	count(pci_cardholder.deny) == 1 with input as inp
	count(pci_cardholder.obligations) == 2 with input as inp
	some v in pci_cardholder.deny with input as inp
	v.path == "/contracts/pci_dss_agreement"
}

test_a_service_provider_with_the_agreement_passes_with_its_monitoring_as_an_obligation if {
	inp := object.union(_proposal("openai", "api"), {"contracts": {"pci_dss_agreement": true}})
	count(pci_cardholder.deny) == 0 with input as inp
	some o in pci_cardholder.obligations with input as inp
	o.section == "12.8.2, 12.8.4"
}

# A service that uses content for its own purposes cannot give the
# acknowledgement: a claim of one does not pass it.
test_an_agreement_claimed_for_a_service_without_processor_terms_still_fails if {
	inp := object.union(_proposal("google", "api"), {"contracts": {"pci_dss_agreement": true}})
	paths := {v.path | some v in pci_cardholder.deny} with input as inp
	paths == {"/deployment/tier"}
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
	paths == {"/contracts/pci_dss_agreement", "/deployment/tier"}
}

# The finding points at the field that chose the service: the service named,
# not the whole deployment section.
test_a_named_service_without_processor_terms_points_at_the_service if {
	inp := object.union(_proposal("google", "api"), {"deployment": {"service": "gemini_api_free"}})
	paths := {v.path | some v in pci_cardholder.deny} with input as inp
	paths == {"/contracts/pci_dss_agreement", "/deployment/service"}
}

test_a_consumer_product_fails if {
	some v in pci_cardholder.deny with input as _proposal("openai", "consumer")
	v.path == "/deployment/tier"
}

test_no_cardholder_data_is_out_of_scope if {
	not pci_cardholder.applies with input as {"data": {"classes": ["pii"]}}
}
