package modelgate.rules.residency.export_control_test

import data.modelgate.rules.residency.export_control
import rego.v1

_proposal(kind, provider, service, regions) := {
	"data": {"classes": ["export_controlled"]},
	"deployment": {"kind": kind, "provider": provider, "service": service, "tier": "api", "regions": regions},
	"organization": {"domicile": "US"},
}

test_on_premises_in_the_us_passes if {
	inp := _proposal("self_hosted", "on_prem", null, ["US"])
	export_control.applies with input as inp
	count(export_control.deny) == 0 with input as inp
	count(export_control.warn) == 0 with input as inp
	count(export_control.obligations) == 1 with input as inp
}

test_on_premises_without_regions_uses_the_domicile if {
	count(export_control.deny) == 0 with input as _proposal("self_hosted", "on_prem", null, [])
}

test_self_hosting_in_govcloud_passes if {
	count(export_control.deny) == 0 with input as _proposal("self_hosted", "aws", "aws_ec2", ["us-gov-west-1"])
}

test_a_vendor_api_fails if {
	result := export_control.deny with input as _proposal("vendor_api", "openai", null, ["US"])
	count(result) == 1
	some v in result
	v.path == "/deployment/kind"
}

test_a_commercial_partition_fails if {
	count(export_control.deny) == 1 with input as _proposal("self_hosted", "aws", "aws_ec2", ["us-east-1"])
}

test_a_region_outside_the_us_fails if {
	count(export_control.deny) == 1 with input as _proposal("self_hosted", "aws", "aws_ec2", ["eu-central-1"])
}

test_a_cloud_without_a_partition_fails_closed if {
	count(export_control.deny) == 1 with input as _proposal("self_hosted", "aws", "aws_ec2", ["US"])
}

test_undeclared_regions_fail_closed if {
	some v in export_control.deny with input as _proposal("managed_cloud", "aws", "aws_bedrock", [])
	v.path == "/deployment/regions"
}

test_a_managed_service_in_a_government_partition_warns if {
	inp := _proposal("managed_cloud", "azure", "azure_openai", ["usgovvirginia"])
	count(export_control.deny) == 0 with input as inp
	count(export_control.warn) == 1 with input as inp
}

test_other_data_is_out_of_scope if {
	not export_control.applies with input as {"data": {"classes": ["confidential"]}}
}

test_a_failure_points_at_the_region_at_fault if {
	result := export_control.deny with input as _proposal("self_hosted", "on_prem", null, ["US", "DE"])
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/1"
}

test_a_commercial_region_is_named_by_its_index if {
	some v in export_control.deny with input as _proposal("self_hosted", "aws", "aws_ec2", ["us-gov-west-1", "us-east-1"])
	v.path == "/deployment/regions/1"
}

test_premises_abroad_without_regions_point_at_the_domicile if {
	inp := object.union(_proposal("self_hosted", "on_prem", null, []), {"organization": {"domicile": "DE"}})
	result := export_control.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/organization/domicile"
}

test_global_routing_without_regions_points_at_the_regions if {
	some v in export_control.deny with input as _proposal("vendor_api", "openai", null, [])
	v.path == "/deployment/regions"
	contains(v.msg, "outside the US (global)")
}
