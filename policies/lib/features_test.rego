package modelgate.lib.features_test

import data.modelgate.lib.features
import rego.v1

_scope := {"excluded_features": {
	"files_api": {"url": "https://example.com/a", "verification": "verified"},
	"batch": {"url": "https://example.com/b", "verification": "partial"},
	"audio": {"verification": "unverified"},
}}

_with(list) := {"deployment": {"features": list}}

test_undeclared_features if {
	not features.declared with input as _with(null)
	not features.declared with input as {"deployment": {}}
	features.outside(_scope) == [] with input as _with(null)
}

test_declared_none if {
	features.declared with input as _with([])
	features.outside(_scope) == [] with input as _with([])
}

test_outside_names_index_and_fact if {
	result := features.outside(_scope) with input as _with(["image_input", "batch", "files_api"])
	count(result) == 2
	some x in result
	x.feature == "batch"
	x.index == 1
	features.path(x) == "/deployment/features/1"
	features.firm(x)
}

test_unverified_is_not_firm if {
	result := features.outside(_scope) with input as _with(["audio"])
	count(result) == 1
	some x in result
	not features.firm(x)
}

test_listed if {
	features.listed(_scope, "terms") == "audio [unverified: check terms], batch [partial: check terms], files_api"
	not features.listed({"excluded_features": {}}, "terms")
	not features.listed({}, "terms")
}

test_detail_says_what_the_fact_says_and_how_settled_it_is if {
	result := features.outside(_scope) with input as _with(["files_api", "audio"])
	{features.detail(x, "terms") | some x in result} == {"per the provider's terms", "per the provider's terms [unverified: check terms]"}
}
