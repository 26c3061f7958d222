package modelgate.rules.residency.gdpr_transfer_test

import data.modelgate.rules.residency.gdpr_transfer
import rego.v1

_proposal(regions, mechanism) := {
	"data": {"classes": ["eu_personal"], "subjects": ["DE"]},
	"deployment": {"kind": "managed_cloud", "provider": "aws", "service": "aws_bedrock", "tier": "api", "regions": regions},
	"contracts": {"transfer_mechanism": mechanism},
	"organization": {"domicile": "DE"},
	"now": "2026-11-23",
}

test_eea_regions_pass if {
	inp := _proposal(["eu-central-1", "eu-west-3"], "none")
	gdpr_transfer.applies with input as inp
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 0 with input as inp
}

# Bedrock's "EU" inference profile also routes to London and Zurich: it backs
# no EU claim (the facts encode it as EUROPE).
test_the_bedrock_europe_profile_backs_no_eu_claim if {
	inp := _proposal(["EU"], "none")
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/deployment/regions/0"
}

test_non_adequate_country_without_a_mechanism_fails if {
	result := gdpr_transfer.deny with input as _proposal(["ap-south-1"], "none")
	count(result) == 1
	some v in result
	v.path == "/contracts/transfer_mechanism"
}

test_non_adequate_country_with_sccs_passes_with_an_obligation if {
	inp := _proposal(["ap-south-1"], "sccs")
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.obligations) == 1 with input as inp
}

test_adequate_country_passes if {
	inp := _proposal(["JP"], "none")
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.obligations) == 1 with input as inp
}

test_united_states_needs_dpf_or_safeguards if {
	count(gdpr_transfer.deny) == 1 with input as _proposal(["us-east-1"], "none")
	count(gdpr_transfer.deny) == 0 with input as _proposal(["us-east-1"], "sccs")
}

test_dpf_claim_with_unknown_certification_warns if {
	inp := _proposal(["US"], "dpf")
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 1 with input as inp
}

test_art49_warns if {
	inp := _proposal(["ap-south-1"], "art49")
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 1 with input as inp
}

test_global_routing_fails_without_safeguards_and_warns_with_them if {
	count(gdpr_transfer.deny) == 1 with input as _proposal(["global"], "none")
	count(gdpr_transfer.deny) == 0 with input as _proposal(["global"], "sccs")
	count(gdpr_transfer.warn) == 1 with input as _proposal(["global"], "sccs")
}

# A declared `global` is the element at fault: the finding points at it.
test_global_routing_points_at_the_global_element if {
	some v in gdpr_transfer.deny with input as _proposal(["eu-west-1", "global"], "none")
	v.path == "/deployment/regions/1"
	some w in gdpr_transfer.warn with input as _proposal(["global"], "sccs")
	w.path == "/deployment/regions/0"
}

test_undeclared_regions_fail_closed if {
	some v in gdpr_transfer.deny with input as _proposal([], "none")
	v.path == "/deployment/regions"
}

test_on_premises_in_the_eea_without_regions_passes if {
	inp := {
		"data": {"classes": ["pii"], "subjects": ["DE"]},
		"deployment": {"kind": "self_hosted", "provider": "on_prem", "regions": []},
		"contracts": {"transfer_mechanism": "none"},
		"organization": {"domicile": "DE"},
		"now": "2026-11-23",
	}
	count(gdpr_transfer.deny) == 0 with input as inp
}

test_pii_of_eea_subjects_is_governed if {
	gdpr_transfer.applies with input as {
		"data": {"classes": ["pii"], "subjects": ["FR"]},
		"organization": {"domicile": "US"},
	}
}

test_pii_of_us_subjects_by_a_us_company_is_not_governed if {
	not gdpr_transfer.applies with input as {
		"data": {"classes": ["pii"], "subjects": ["US"]},
		"organization": {"domicile": "US"},
	}
}

test_adequacy_before_the_decision_does_not_count if {
	inp := json_filter_now(_proposal(["BR"], "none"), "2025-06-01")
	count(gdpr_transfer.deny) == 1 with input as inp
	count(gdpr_transfer.deny) == 0 with input as _proposal(["BR"], "none")
}

json_filter_now(p, now) := object.union(p, {"now": now})

_vendor(provider, regions) := object.union(_proposal(regions, "none"), {"deployment": {
	"kind": "vendor_api", "provider": provider, "service": null, "tier": "api", "regions": regions,
}})

test_no_region_on_a_globally_routing_service_is_global if {
	result := gdpr_transfer.deny with input as _vendor("openai", [])
	count(result) == 1
	some v in result
	v.path == "/deployment/regions"
}

test_a_region_a_globally_routing_service_does_not_offer_fails if {
	result := gdpr_transfer.deny with input as _vendor("anthropic", ["EU"])
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "routes requests globally by default")
}

test_a_region_a_globally_routing_service_does_not_offer_warns_under_sccs if {
	inp := object.union(_vendor("anthropic", ["EU"]), {"contracts": {"transfer_mechanism": "sccs"}})
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/deployment/regions/0"
}

test_an_offered_region_with_limits_passes_with_the_limits_as_an_obligation if {
	inp := _vendor("openai", ["EU"])
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 0 with input as inp
	count(gdpr_transfer.obligations) == 1 with input as inp
}

# A host modelgate has no facts on: nothing shows it processes in the EEA
# place declared, nor where it processes otherwise, so without safeguards a
# transfer cannot be ruled out (as with undeclared regions); with SCCs it warns.
test_an_unknown_host_in_the_eea_fails_closed_without_safeguards if {
	inp := _vendor("example_host", ["DE"])
	some v in gdpr_transfer.deny with input as inp
	v.path == "/deployment/regions/0"
	count(gdpr_transfer.warn) == 0 with input as inp
}

test_an_unknown_host_in_the_eea_warns_under_sccs if {
	inp := object.union(_vendor("example_host", ["DE"]), {"contracts": {"transfer_mechanism": "sccs"}})
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 1 with input as inp
}

# A model the organisation self-hosts on machines rented from a host modelgate
# has no facts on (Hetzner, OVH) runs where it declares: no provider routes
# its requests, so the declared EEA place warns (confirm the hosting
# contract) instead of failing as an API of unknown routing does.
test_a_self_hosted_model_at_an_unknown_host_in_the_eea_warns if {
	inp := object.union(_vendor("example_host", ["DE"]), {"deployment": {"kind": "self_hosted"}})
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "no residency fact showing that example_host keeps processing in DE")
}

test_a_self_hosted_model_at_an_unknown_host_outside_the_eea_still_fails if {
	inp := object.union(_vendor("example_host", ["SG"]), {"deployment": {"kind": "self_hosted"}})
	some v in gdpr_transfer.deny with input as inp
	contains(v.msg, "Singapore (SG), which has no GDPR adequacy decision")
}

# Cohere documents no processing location for its API and no default routing:
# a declared EU region is as unknown as an undeclared one.
test_a_declared_region_at_a_provider_with_unknown_routing_fails_closed if {
	inp := _vendor("cohere", ["EU"])
	some v in gdpr_transfer.deny with input as inp
	v.path == "/deployment/regions/0"
}

# ChatGPT Enterprise's EU residency keeps data at rest in Europe only: it backs
# no EU processing claim, so the declared EU warns (processing not committed).
test_at_rest_only_residency_backs_no_processing_claim if {
	inp := {
		"data": {"classes": ["eu_personal"], "subjects": ["DE"]},
		"deployment": {"kind": "vendor_api", "provider": "openai", "service": null, "tier": "enterprise", "regions": ["EU"]},
		"contracts": {"transfer_mechanism": "none"},
		"organization": {"domicile": "DE"},
		"now": "2026-11-23",
	}
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "at rest")
}

# Vertex AI's Tel Aviv endpoint (me-west1) keeps data at rest in Israel, an
# adequate country, but commits no ML-processing location there: the
# declared region warns instead of passing on the adequacy decision alone.
test_a_vertex_middle_east_region_backs_no_processing_claim if {
	inp := {
		"data": {"classes": ["pii"], "subjects": ["DE"]},
		"deployment": {"kind": "managed_cloud", "provider": "gcp", "service": "vertex_ai", "tier": "api", "regions": ["me-west1"]},
		"contracts": {"transfer_mechanism": "adequacy"},
		"organization": {"domicile": "DE"},
		"now": "2026-11-23",
	}
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/deployment/regions/0"
	contains(v.msg, "at rest")
}

# A provider modelgate has no facts on gets at least the warning a known
# provider without a DPF fact gets.
test_dpf_claim_for_an_unknown_provider_warns if {
	inp := {
		"data": {"classes": ["eu_personal"], "subjects": ["DE"]},
		"deployment": {"kind": "hosted_open_api", "provider": "groq", "service": null, "tier": "api", "regions": ["US"]},
		"contracts": {"transfer_mechanism": "dpf"},
		"organization": {"domicile": "DE"},
		"now": "2026-11-23",
	}
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/contracts/transfer_mechanism"
}

# On the organisation's own premises in the US, the recipient that would
# need the certification is the organisation itself.
test_dpf_claim_on_premises_asks_about_the_organisation if {
	inp := {
		"data": {"classes": ["eu_personal"], "subjects": ["DE"]},
		"deployment": {"kind": "self_hosted", "provider": "on_prem", "service": null, "tier": null, "regions": ["US"]},
		"contracts": {"transfer_mechanism": "dpf"},
		"organization": {"domicile": "US"},
		"now": "2026-11-23",
	}
	some v in gdpr_transfer.warn with input as inp
	startswith(v.msg, "modelgate has no fact on whether your organisation is certified under the Data Privacy Framework")
}

_cloud(provider, service, regions, mechanism) := object.union(_proposal(regions, mechanism), {"deployment": {
	"kind": "managed_cloud", "provider": provider, "service": service, "tier": "api", "regions": regions,
}})

# A DPF transfer that passes on a certification fact that is only partly
# verified says so in an obligation.
test_dpf_pass_on_a_partial_certification_fact_has_an_obligation_to_confirm_it if {
	inp := _cloud("gcp", "vertex_ai", ["us-central1"], "dpf")
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 0 with input as inp
	some o in gdpr_transfer.obligations with input as inp
	contains(o.text, "[partial:")
}

# An adequacy decision read only in secondary sources (Brazil) is marked in
# the obligation that relies on it; a verified one (Japan) is not.
test_adequacy_obligation_marks_a_partial_decision if {
	some o in gdpr_transfer.obligations with input as _proposal(["sa-east-1"], "none")
	contains(o.text, "[partial:")
	japan := gdpr_transfer.obligations with input as _proposal(["JP"], "none")
	count(japan) == 1
	every o2 in japan {
		not contains(o2.text, "[partial:")
	}
}

# On the organisation's own premises in the US there is no provider whose
# DPF certification could be confirmed.
test_on_premises_in_the_us_is_not_told_to_confirm_a_provider_certification if {
	inp := object.union(_proposal(["US"], "none"), {"deployment": {
		"kind": "self_hosted", "provider": "on_prem", "service": null, "tier": "api", "regions": ["US"],
	}})
	some v in gdpr_transfer.deny with input as inp
	v.path == "/contracts/transfer_mechanism"
	not contains(v.remediation, "provider")
}

# Vertex AI keeps ML processing in the region only for the models in Google's
# data-residency tables (per-model residency beyond them is unverified): an
# EU region passes with that limit as a duty to check.
test_a_vertex_region_passes_with_the_per_model_limit_as_an_obligation if {
	inp := object.union(_proposal(["europe-west4"], "none"), {"deployment": {"kind": "managed_cloud", "provider": "gcp", "service": "vertex_ai", "tier": "api", "regions": ["europe-west4"]}})
	count(gdpr_transfer.deny) == 0 with input as inp
	count(gdpr_transfer.warn) == 0 with input as inp
	some o in gdpr_transfer.obligations with input as inp
	contains(o.text, "vertex_ai")
	contains(o.text, "UNVERIFIED")
}

# A declared `adequacy` (or `dpf`) that the destination's standing does not
# support fails, and the message says why rather than "no mechanism".
test_adequacy_declared_for_a_country_without_a_decision_fails_and_says_so if {
	result := gdpr_transfer.deny with input as _proposal(["ap-south-1"], "adequacy")
	count(result) == 1
	some v in result
	v.path == "/contracts/transfer_mechanism"
	contains(v.msg, "transfer_mechanism: adequacy is declared, but no adequacy decision covers that country")
}

test_dpf_declared_for_a_country_outside_the_us_fails_and_says_so if {
	result := gdpr_transfer.deny with input as _proposal(["ap-south-1"], "dpf")
	count(result) == 1
	some v in result
	contains(v.msg, "transfer_mechanism: dpf is declared, but the EU-US Data Privacy Framework covers only certified recipients in the US")
}

test_adequacy_declared_for_the_us_fails_and_points_to_dpf if {
	result := gdpr_transfer.deny with input as _proposal(["us-east-1"], "adequacy")
	count(result) == 1
	some v in result
	v.path == "/contracts/transfer_mechanism"
	contains(v.msg, "transfer_mechanism: adequacy is declared, but that decision applies only to a certified recipient")
}

test_no_mechanism_message_is_unchanged if {
	some v in gdpr_transfer.deny with input as _proposal(["ap-south-1"], "none")
	contains(v.msg, "no transfer mechanism is in place (none)")
}

test_a_failure_on_the_assumed_gdpr_says_why_it_applies if {
	inp := {
		"data": {"classes": ["special_category"], "subjects": []},
		"deployment": {"kind": "self_hosted", "provider": "on_prem", "service": null, "tier": "api", "regions": ["US"]},
		"contracts": {"transfer_mechanism": "none"},
		"organization": {"domicile": "US"},
		"now": "2026-11-23",
	}
	result := gdpr_transfer.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/contracts/transfer_mechanism"
	contains(v.msg, "data.subjects is not declared")
}

test_declared_eu_personal_data_needs_no_explanation if {
	inp := object.union(_proposal(["ap-south-1"], "none"), {"data": {"classes": ["eu_personal", "special_category"], "subjects": []}})
	result := gdpr_transfer.deny with input as inp
	count(result) == 1
	some v in result
	not contains(v.msg, "data.subjects")
}

# A decision the facts record but that is not in force on the date judged is
# named with its dates, not called missing.
test_a_decision_not_yet_in_force_is_named_with_its_start if {
	inp := json_filter_now(_proposal(["sa-east-1"], "adequacy"), "2026-01-25")
	some v in gdpr_transfer.deny with input as inp
	contains(v.msg, "whose GDPR adequacy decision (Commission Implementing Decision (EU) 2026/179) applies only from 2026-01-26, after the date judged (2026-01-25)")
	contains(v.msg, "adequacy is declared, but that decision is not in force on the date judged")
}

test_an_expired_decision_is_named_with_its_end if {
	inp := json_filter_now(_proposal(["eu-west-2"], "none"), "2031-12-28")
	some v in gdpr_transfer.deny with input as inp
	contains(v.msg, "ran until 2031-12-27, before the date judged (2031-12-28) [partial: check the decision in the Official Journal]")
	contains(v.msg, "no transfer mechanism is in place (none)")
}

test_an_expiring_decision_still_applies_on_its_last_day if {
	inp := json_filter_now(_proposal(["eu-west-2"], "none"), "2031-12-27")
	count(gdpr_transfer.deny) == 0 with input as inp
}

test_the_dpf_before_its_decision_is_not_in_force if {
	inp := json_filter_now(_proposal(["us-east-1"], "dpf"), "2023-07-09")
	some v in gdpr_transfer.deny with input as inp
	contains(v.msg, "applies only from 2023-07-10, after the date judged (2023-07-09), and")
	contains(v.msg, "no adequacy decision on the Data Privacy Framework is in force on the date judged")
}

test_a_country_without_any_decision_says_so if {
	some v in gdpr_transfer.deny with input as _proposal(["ap-south-1"], "adequacy")
	contains(v.msg, "India (IN), which has no GDPR adequacy decision")
	contains(v.msg, "no adequacy decision covers that country")
}

# Personal data with neither data.subjects nor organization.domicile: whether
# the GDPR governs it cannot be told, so a transfer that may leave the EEA
# warns (naming the fields) instead of not applying; one kept in the EEA, or
# with the fields declared outside the EEA, does not.
_unplaced(regions, subjects, domicile) := {
	"data": {"classes": ["pii"], "subjects": subjects},
	"deployment": {"kind": "vendor_api", "provider": "openai", "tier": "api", "regions": regions},
	"contracts": {"transfer_mechanism": "none"},
	"organization": {"domicile": domicile},
	"now": "2026-11-23",
}

test_personal_data_with_no_subjects_and_no_domicile_warns if {
	inp := _unplaced([], [], null)
	gdpr_transfer.applies with input as inp
	count(gdpr_transfer.deny) == 0 with input as inp
	some v in gdpr_transfer.warn with input as inp
	v.path == "/data/subjects"
	count(gdpr_transfer.obligations) == 0 with input as inp
}

test_personal_data_with_no_subjects_and_no_domicile_kept_in_the_eea_does_not_apply if {
	inp := object.union(_unplaced(["eu-central-1"], [], null), {"deployment": {"kind": "self_hosted", "provider": "aws"}})
	not gdpr_transfer.applies with input as inp
}

test_personal_data_placed_outside_the_eea_does_not_apply if {
	not gdpr_transfer.applies with input as _unplaced(["US"], ["US"], null)
	not gdpr_transfer.applies with input as _unplaced(["US"], [], "US")
}
