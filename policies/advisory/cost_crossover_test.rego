package modelgate.rules.advisory.cost_crossover_test

import data.modelgate.rules.advisory.cost_crossover as rule
import rego.v1

_gpt4o := {"id": "openai/gpt-4o"}

_llama70 := {"id": "meta-llama/Llama-3.1-70B-Instruct", "parameters_b": 70}

_input(model, kind, provider, tokens, share) := {
	"deployment": {"kind": kind, "provider": provider},
	"workload": {"tokens_per_day": tokens, "output_share": share},
	"resolved": {"model": model, "lineage": []},
}

_line(lines, prefix) := line if {
	some line in lines
	startswith(line, prefix)
}

test_not_applicable_without_a_workload if {
	not rule.applies with input as {"workload": null}
}

test_not_applicable_without_a_token_volume if {
	not rule.applies with input as {"workload": {"tokens_per_day": null}}
}

# The brief's example: 5M tokens a day, 20% output, GPT-4o at $2.50 / $10: $4 per
# million blended, $600 a month; 70B class at $3,000-8,000: break-even 25M-66.7M.
test_gpt4o_at_five_million_tokens_passes_with_the_crossover if {
	inp := _input(_gpt4o, "vendor_api", "openai", 5000000, 0.2)
	rule.applies with input as inp
	count(rule.warn) == 0 with input as inp
	lines := rule.obligations with input as inp
	count(lines) == 3
	contains(_line(lines, "Cost through an API: "), "at $2.50 in / $10.00 out per million tokens: about $600 a month")
	contains(_line(lines, "Cost through an API: "), "https://openai.com/api/pricing/")
	contains(_line(lines, "Cost of self-hosting: "), "about $3,000-$8,000 a month")
	contains(_line(lines, "Cost of self-hosting: "), "comparable to openai/gpt-4o")
	contains(_line(lines, "Crossover: "), "at about 25M-66.7M tokens a day")
}

test_gpt4o_above_the_self_hosting_range_warns if {
	# 100M a day: $12,000 a month, above $8,000.
	result := rule.warn with input as _input(_gpt4o, "vendor_api", "openai", 100000000, 0.2)
	count(result) == 1
	some v in result
	v.path == "/workload/tokens_per_day"
	v.citation.url == "https://openai.com/api/pricing/"
	contains(v.msg, "$12,000 a month")
}

test_output_share_defaults_to_the_data if {
	lines := rule.obligations with input as _input(_gpt4o, "vendor_api", "openai", 5000000, null)
	contains(_line(lines, "Cost through an API: "), "output share 0.2 (default)")
}

test_self_hosting_below_the_break_even_warns if {
	# 2M a day at Together's $0.88: $52.80 (shown as $53) a month, below $3,000.
	result := rule.warn with input as _input(_llama70, "self_hosted", "on_prem", 2000000, 0.2)
	count(result) == 1
	some v in result
	v.path == "/workload/tokens_per_day"
	v.citation.url == "https://www.together.ai/pricing"
	contains(v.msg, "$53 a month")
	contains(v.msg, "from about 113.6M tokens a day")
}

test_self_hosting_within_the_range_passes if {
	# 200M a day at $0.88: $5,280 a month.
	count(rule.warn) == 0 with input as _input(_llama70, "self_hosted", "on_prem", 200000000, 0.2)
}

test_hosted_open_api_uses_the_providers_offer if {
	# 300M a day: $7,920, within the range; 400M: $10,560, above it.
	count(rule.warn) == 0 with input as _input(_llama70, "hosted_open_api", "together", 300000000, 0.2)
	count(rule.warn) == 1 with input as _input(_llama70, "hosted_open_api", "together", 400000000, 0.2)
}

test_size_tier_price_when_no_offer_is_listed if {
	qwen := {"id": "Qwen/Qwen2.5-7B-Instruct", "parameters_b": 7.6}
	inp := _input(qwen, "self_hosted", "on_prem", 1000000, 0.2)
	result := rule.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "fireworks serverless price for models up to 16B parameters")
	lines := rule.obligations with input as inp
	contains(_line(lines, "Cost of self-hosting: "), "1x NVIDIA A10G (24 GB)")
}

test_no_price_data_warns if {
	deepseek := {"id": "deepseek-ai/DeepSeek-V3", "parameters_b": 671}
	result := rule.warn with input as _input(deepseek, "self_hosted", "on_prem", 1000000, 0.2)
	count(result) == 1
	some v in result
	v.path == "/model/id"
	contains(v.msg, "cannot be computed for deepseek-ai/DeepSeek-V3: modelgate has no API or hosted list price")
	count(rule.obligations) == 0 with input as _input(deepseek, "self_hosted", "on_prem", 1000000, 0.2)
}

test_a_model_outside_the_catalog_warns if {
	result := rule.warn with input as _input(null, "self_hosted", "on_prem", 1000000, 0.2)
	count(result) == 1
	some v in result
	contains(v.msg, "a model outside the catalog")
}

test_a_derivative_is_priced_as_its_base if {
	inp := {
		"deployment": {"kind": "self_hosted", "provider": "on_prem"},
		"workload": {"tokens_per_day": 1000000, "output_share": 0.2},
		"resolved": {"model": null, "lineage": [{"id": "meta-llama/Llama-3.1-8B-Instruct", "parameters_b": 8}]},
	}
	result := rule.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "priced as its base meta-llama/Llama-3.1-8B-Instruct")
}

# A closed model the advisory data names no comparable class for: the gap is
# the self-hosting side, and the message does not call it missing price data.
test_a_closed_model_without_a_comparable_class_says_which_side_is_missing if {
	claude := {"id": "anthropic/claude-sonnet-4-5", "weights_available": false}
	result := rule.warn with input as _input(claude, "vendor_api", "anthropic", 1000000, 0.2)
	count(result) == 1
	some v in result
	contains(v.msg, "no self-hosting size class")
	not contains(v.msg, "no price data")
}

# Behind an air gap (or under requirements.no_third_party_processing) an API is
# no option however cheap: self-hosting below the break-even passes, and the
# comparison says it is for comparison only.
test_a_cheaper_api_ruled_out_by_a_constraint_does_not_warn if {
	base := _input(_llama70, "self_hosted", "on_prem", 2000000, 0.2)
	air_gapped := object.union(base, {"deployment": {"kind": "self_hosted", "provider": "on_prem", "network": "air_gapped"}})
	count(rule.warn) == 0 with input as air_gapped
	lines := rule.obligations with input as air_gapped
	"Crossover is for comparison only: deployment.network air_gapped rules out every third-party API" in lines
	no_third_party := object.union(base, {"requirements": {"no_third_party_processing": true}})
	count(rule.warn) == 0 with input as no_third_party
	some line in rule.obligations with input as no_third_party
	line == "Crossover is for comparison only: requirements.no_third_party_processing rules out every third-party API"
}
