package modelgate.rules.redistribution.ai_act_gpai_test

import data.modelgate.rules.redistribution.ai_act_gpai as gpai
import rego.v1

_apache := {"id": "Apache-2.0", "kind": "open_source", "known": true}

_llama := {"id": "LicenseRef-scancode-llama-3.1-license-2024", "kind": "model_license", "known": true}

# A fine-tune whose weights are published, with no market named.
_proposal(fine_tune) := {
	"now": "2026-11-23",
	"deployment": {"kind": "self_hosted"},
	"use": {"fine_tune": fine_tune},
	"distribution": {"weights": true, "hosted_service": false, "markets": []},
	"resolved": {"licenses": [_llama]},
}

_with(inp, patch) := object.union(inp, patch)

test_a_fine_tune_above_the_stand_in_threshold_warns_that_it_makes_a_new_model if {
	inp := _proposal({"method": "full", "compute_flop": 2.5e23, "base_compute_flop": null})
	gpai.applies with input as inp
	count(gpai.deny) == 0 with input as inp
	result := gpai.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/fine_tune/compute_flop"
	contains(v.msg, "the full modification uses 2.5 × 10^23 FLOP, more than 3.3 × 10^22 FLOP (a third of 1.0 × 10^23 FLOP")
	contains(v.msg, "offers its weights with no market named, so in the EU too")
	contains(v.msg, "unless the binding license counts as free and open-source under Art. 53(2), which is unverified")
	contains(v.msg, "[partial: check the AI Act and the Commission's GPAI guidelines]")
	count(gpai.obligations) == 0 with input as inp
}

test_the_original_s_own_compute_sets_the_threshold if {
	# 2.5e23 is below a third of an original trained on 1.5e24 FLOP.
	inp := _proposal({"method": "full", "compute_flop": 2.5e23, "base_compute_flop": 1.5e24})
	count(gpai.warn) == 0 with input as inp
	count(gpai.deny) == 0 with input as inp
	some o in gpai.obligations with input as inp
	contains(o.text, "(2.5 × 10^23 FLOP, not more than 5.0 × 10^23 FLOP (a third of the original's 1.5 × 10^24 FLOP))")
}

test_a_significant_modification_of_a_systemic_risk_model_fails if {
	inp := _proposal({"method": "full", "compute_flop": 1.5e25, "base_compute_flop": 3.8e25})
	result := gpai.deny with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "cumulative training compute (5.3 × 10^25 FLOP) is above 1.0 × 10^25 FLOP")
	contains(v.remediation, "Art. 52(1)")
	count(gpai.warn) == 0 with input as inp
}

test_a_modification_alone_above_ten_to_the_25_fails_when_the_original_is_unknown if {
	some v in gpai.deny with input as _proposal({"method": "distillation", "compute_flop": 2e25, "base_compute_flop": null})
	contains(v.msg, "cumulative training compute (at least 2.0 × 10^25 FLOP")
}

test_a_full_fine_tune_without_its_compute_warns_to_record_it if {
	inp := _proposal({"method": "full", "compute_flop": null, "base_compute_flop": null})
	result := gpai.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/use/fine_tune"
	contains(v.msg, "its training compute is not recorded")
	count(gpai.obligations) == 0 with input as inp
}

test_a_lora_without_its_compute_passes_with_a_duty_to_keep_the_estimate if {
	inp := _proposal({"method": "lora", "compute_flop": null, "base_compute_flop": null})
	count(gpai.warn) == 0 with input as inp
	count(gpai.deny) == 0 with input as inp
	some o in gpai.obligations with input as inp
	contains(o.text, "Keep an estimate of the lora run's training compute on file")
}

test_a_recorded_lora_above_the_threshold_still_warns if {
	count(gpai.warn) == 1 with input as _proposal({"method": "qlora", "compute_flop": 5e22, "base_compute_flop": null})
}

test_a_quantization_passes_with_an_unverified_duty_to_confirm if {
	inp := _proposal({"method": "quantization", "compute_flop": null, "base_compute_flop": null})
	count(gpai.warn) == 0 with input as inp
	some o in gpai.obligations with input as inp
	contains(o.text, "Confirm that the quantization trained nothing")
	contains(o.text, "[unverified: modelgate's reading")
}

test_open_source_weights_may_drop_the_documentation_duties if {
	inp := _with(_proposal({"method": "full", "compute_flop": 1e24, "base_compute_flop": null}), {"resolved": {"licenses": [_apache]}})
	some v in gpai.warn with input as inp
	contains(v.msg, "(a) and (b) fall away under Art. 53(2) only if the weights, the architecture and the usage information are public")
}

test_a_hosted_service_owes_every_duty if {
	inp := _with(
		_proposal({"method": "full", "compute_flop": 1e24, "base_compute_flop": null}),
		{"distribution": {"weights": false, "hosted_service": true, "markets": []}, "resolved": {"licenses": [_apache]}},
	)
	some v in gpai.warn with input as inp
	contains(v.msg, "offers it as a hosted service")
	contains(v.msg, "(a) technical documentation, (b) documentation for downstream providers, (c)")
}

test_a_fine_tune_on_a_vendor_service_says_who_controls_the_weights_decides if {
	inp := _with(_proposal({"method": "full", "compute_flop": 1e24, "base_compute_flop": null}), {"deployment": {"kind": "vendor_api"}})
	some v in gpai.warn with input as inp
	contains(v.msg, "who controls the weights decides who is the provider (guidelines fn. 13)")
}

# A distillation of a vendor model's outputs trains the organisation's own
# student, whose weights it controls: the vendor-service note does not apply.
test_a_distillation_of_a_vendor_model_s_outputs_is_not_a_fine_tune_on_its_service if {
	inp := _with(_proposal({"method": "distillation", "compute_flop": null}), {"deployment": {"kind": "vendor_api"}})
	some v in gpai.warn with input as inp
	contains(v.msg, "its training compute is not recorded")
	not contains(v.msg, "fn. 13")
}

test_markets_in_the_union_apply if {
	inp := _with(_proposal({"method": "lora", "compute_flop": null, "base_compute_flop": null}), {"distribution": {"weights": true, "markets": ["US", "FR"]}})
	gpai.applies with input as inp
}

test_eea_and_global_markets_apply if {
	gpai.applies with input as _with(_proposal({"method": "lora"}), {"distribution": {"weights": true, "markets": ["EEA"]}})
	gpai.applies with input as _with(_proposal({"method": "lora"}), {"distribution": {"weights": true, "markets": ["global"]}})
}

test_markets_outside_the_union_do_not_apply if {
	not gpai.applies with input as _with(_proposal({"method": "full", "compute_flop": 1e26}), {"distribution": {"weights": true, "markets": ["US", "NO", "GB"]}})
}

test_nothing_offered_does_not_apply if {
	not gpai.applies with input as _with(_proposal({"method": "full", "compute_flop": 1e26}), {"distribution": {"weights": false, "hosted_service": false, "markets": []}})
}

test_no_modification_does_not_apply if {
	not gpai.applies with input as _proposal(null)
}

# A model placed on the market before 2 Aug 2025 must still comply by
# 2 Aug 2027 (Art. 111(3)): judged earlier, the finding stands with the dates.
test_before_the_gpai_duties_applied_the_finding_says_when_they_bind if {
	inp := _with(_proposal({"method": "full", "compute_flop": 1e26}), {"now": "2025-08-01"})
	gpai.applies with input as inp
	some v in gpai.deny with input as inp
	contains(v.msg, "the GPAI duties apply from 2025-08-02 (Art. 113(b)), and a model placed on the market before then must meet them by 2027-08-02 (Art. 111(3); verification: partial)")
	some w in gpai.deny with input as _with(inp, {"now": "2025-08-02"})
	not contains(w.msg, "Art. 111(3)")
}

test_before_the_gpai_duties_applied_a_small_fine_tune_keeps_the_estimate_with_the_dates if {
	inp := _with(_proposal({"method": "full", "compute_flop": 1e21}), {"now": "2025-08-01"})
	some o in gpai.obligations with input as inp
	contains(o.text, "must meet them by 2027-08-02 (Art. 111(3); verification: partial)")
}

# A modification just above a third of the original, or a cumulative compute
# just above 10^25 FLOP, is written with enough decimals to show it.
test_figures_just_above_a_threshold_read_as_above_it if {
	some v in gpai.warn with input as _proposal({"method": "full", "compute_flop": 1.01e24, "base_compute_flop": 3e24})
	contains(v.msg, "uses 1.01 × 10^24 FLOP, more than 1.00 × 10^24 FLOP (a third of the original's 3.00 × 10^24 FLOP)")
	some d in gpai.deny with input as _proposal({"method": "full", "compute_flop": 4.1e24, "base_compute_flop": 6e24})
	contains(d.msg, "cumulative training compute (1.01 × 10^25 FLOP) is above 1.00 × 10^25 FLOP")
}

test_exactly_a_third_of_the_original_is_not_significant if {
	inp := _proposal({"method": "full", "compute_flop": 1e24, "base_compute_flop": 3e24})
	count(gpai.warn) == 0 with input as inp
	count(gpai.deny) == 0 with input as inp
	some o in gpai.obligations with input as inp
	contains(o.text, "(1.0000 × 10^24 FLOP, not more than 1.0000 × 10^24 FLOP (a third of the original's 3.0000 × 10^24 FLOP))")
}

test_exactly_ten_to_the_25_cumulative_is_not_systemic if {
	inp := _proposal({"method": "full", "compute_flop": 4e24, "base_compute_flop": 6e24})
	count(gpai.deny) == 0 with input as inp
	count(gpai.warn) == 1 with input as inp
}

# Without the original's compute, a significant modification cannot be
# cleared of the systemic-risk presumption, and a failure's cumulative figure
# is a lower bound.
test_an_unknown_original_leaves_systemic_risk_open if {
	some v in gpai.warn with input as _proposal({"method": "full", "compute_flop": 9e24, "base_compute_flop": null})
	contains(v.msg, "the original's training compute is not recorded, so whether the new model's cumulative compute (at least 9.0 × 10^24 FLOP) is above 1.0 × 10^25 FLOP, where it is presumed to carry systemic risk (Art. 51(2)), cannot be judged")
	some w in gpai.warn with input as _proposal({"method": "full", "compute_flop": 1.1e24, "base_compute_flop": 3e24})
	not contains(w.msg, "cannot be judged")
	some d in gpai.deny with input as _proposal({"method": "full", "compute_flop": 2e25, "base_compute_flop": null})
	contains(d.msg, "cumulative training compute (at least 2.0 × 10^25 FLOP, the original's not being recorded)")
}

test_an_unrecorded_fine_tune_on_a_vendor_service_says_who_controls_the_weights_decides if {
	inp := _with(_proposal({"method": "full", "compute_flop": null}), {"deployment": {"kind": "vendor_api"}})
	some v in gpai.warn with input as inp
	contains(v.msg, "its training compute is not recorded")
	contains(v.msg, "(guidelines fn. 13)")
}

test_compute_figures_round_to_one_decimal if {
	gpai._flop(3) == "3 FLOP"
	gpai._flop(10) == "1.0 × 10^1 FLOP"
	gpai._flop(99999) == "1.0 × 10^5 FLOP"
	gpai._flop(1e23 / 3) == "3.3 × 10^22 FLOP"
	gpai._flop(12345678) == "1.2 × 10^7 FLOP"
	gpai._flop_at(12345678, 3) == "1.235 × 10^7 FLOP"
	gpai._flop_at(1.006e24, 2) == "1.01 × 10^24 FLOP"
	gpai._flop_at(1.0004e24, 3) == "1.000 × 10^24 FLOP"
	gpai._flop_at(9.9999e24, 2) == "1.00 × 10^25 FLOP"
	gpai._flop_at(1.02e24, 2) == "1.02 × 10^24 FLOP"
	gpai._precision(2.5e23, 1e23 / 3) == 1
	gpai._flop(1.5e24 + 2e25) == "2.2 × 10^25 FLOP"
	gpai._precision(1e24, 1e24) == 4
	gpai._precision(1.0001e24, 1e24) == 4
	gpai._flop_at(1.0001e24, 4) == "1.0001 × 10^24 FLOP"
}
