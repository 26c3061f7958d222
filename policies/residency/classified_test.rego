package modelgate.rules.residency.classified_test

import data.modelgate.rules.residency.classified
import rego.v1

_proposal(kind, provider, regions, network) := {
	"data": {"classes": ["classified"]},
	"deployment": {"kind": kind, "provider": provider, "regions": regions, "network": network},
}

# Classified partitions are not in the bundled geography facts; tests add
# made-up region ids to show how a listed one would be judged.
_secret_regions := {
	"test-secret-1": {"provider": "aws", "location": "US", "partition": "us_gov_secret"},
	"test-top-secret-1": {"provider": "aws", "location": "US", "partition": "us_gov_top_secret"},
}

test_air_gapped_on_premises_passes if {
	inp := _proposal("self_hosted", "on_prem", ["US"], "air_gapped")
	classified.applies with input as inp
	count(classified.deny) == 0 with input as inp
	count(classified.warn) == 0 with input as inp
	count(classified.obligations) == 1 with input as inp
}

test_on_premises_on_a_connected_network_fails if {
	some v in classified.deny with input as _proposal("self_hosted", "on_prem", ["US"], "private")
	v.path == "/deployment/network"
}

test_a_vendor_api_fails if {
	some v in classified.deny with input as _proposal("vendor_api", "openai", ["US"], "internet")
	v.path == "/deployment/regions/0"
}

test_govcloud_is_not_a_classified_partition if {
	count(classified.deny) == 1 with input as _proposal("self_hosted", "aws", ["us-gov-west-1"], "private")
}

test_undeclared_regions_fail_closed if {
	some v in classified.deny with input as _proposal("managed_cloud", "aws", [], "private")
	v.path == "/deployment/regions"
}

test_a_top_secret_partition_passes if {
	inp := _proposal("self_hosted", "aws", ["test-top-secret-1"], "air_gapped")
	count(classified.deny) == 0 with input as inp with data.modelgate.facts.geography.regions as _secret_regions
	count(classified.warn) == 0 with input as inp with data.modelgate.facts.geography.regions as _secret_regions
}

test_a_secret_partition_warns_about_the_level if {
	inp := _proposal("self_hosted", "aws", ["test-secret-1"], "air_gapped")
	count(classified.deny) == 0 with input as inp with data.modelgate.facts.geography.regions as _secret_regions
	count(classified.warn) == 1 with input as inp with data.modelgate.facts.geography.regions as _secret_regions
}

test_unclassified_data_is_out_of_scope if {
	not classified.applies with input as {"data": {"classes": ["confidential"]}}
}
