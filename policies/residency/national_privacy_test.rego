package modelgate.rules.residency.national_privacy_test

import data.modelgate.rules.residency.national_privacy
import rego.v1

# Judged against the privacy_laws facts in policies/residency/data.yaml.
_proposal(classes, subjects, provider, regions) := {
	"data": {"classes": classes, "subjects": subjects},
	"deployment": {"kind": "managed_cloud", "provider": provider, "service": null, "tier": "api", "regions": regions},
	"organization": {"domicile": null},
}

test_russian_personal_data_outside_russia_fails if {
	inp := _proposal(["pii"], ["RU"], "aws", ["us-east-1"])
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "personal data of people in Russia")
	contains(v.msg, "United States (US)")
	v.citation.section == "Art. 18(5), as amended from 1 Jul 2025"
	count(national_privacy.warn) == 0 with input as inp
}

test_russian_personal_data_kept_in_russia_passes_with_an_obligation if {
	inp := _proposal(["pii"], ["RU"], "on_prem", ["RU"])
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	count(national_privacy.obligations) == 1 with input as inp
}

test_uk_personal_data_leaving_the_uk_warns if {
	inp := _proposal(["pii"], ["GB", "US"], "aws", ["us-east-1"])
	count(national_privacy.deny) == 0 with input as inp
	result := national_privacy.warn with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "United Kingdom (GB) may be processed in United States (US)")
	contains(v.msg, "[unverified: check the statute]")
}

# Japan's APPI and Korea's PIPA restrict transfers abroad on conditions
# modelgate does not judge (not in regulation.md): data that may leave the
# country warns, marked unverified; data kept there passes with the duty.
test_japanese_personal_data_at_a_us_api_warns if {
	inp := _proposal(["pii"], ["JP"], "openai", ["US"])
	count(national_privacy.deny) == 0 with input as inp
	some v in national_privacy.warn with input as inp
	contains(v.msg, "Japan (JP) may be processed in United States (US)")
	contains(v.msg, "[unverified: check the statute]")
	v.citation.section == "Art. 28"
}

test_korean_personal_data_at_a_us_api_warns if {
	inp := _proposal(["pii"], ["KR"], "openai", ["US"])
	some v in national_privacy.warn with input as inp
	contains(v.msg, "(KR) may be processed in United States (US)")
	v.citation.section == "Art. 28-8"
}

test_japanese_personal_data_kept_in_japan_passes_with_the_duty if {
	inp := _proposal(["pii"], ["JP"], "on_prem", ["JP"])
	count(national_privacy.warn) == 0 with input as inp
	count(national_privacy.deny) == 0 with input as inp
	some o in national_privacy.obligations with input as inp
	contains(o.text, "Japan (JP)")
	contains(o.text, "[unverified: check the statute]")
}

# Russian data on a model self-hosted at a host modelgate has no facts on,
# declared in Russia: the organisation's own machines run where it declares,
# so the unbacked place warns instead of failing as an API of unknown routing.
test_a_self_hosted_model_at_an_unknown_host_in_the_country_warns if {
	p := _proposal(["pii"], ["RU"], "example_host", ["RU"])
	inp := object.union(p, {"deployment": {"kind": "self_hosted"}})
	count(national_privacy.deny) == 0 with input as inp
	some v in national_privacy.warn with input as inp
	contains(v.msg, "keeps processing there")
	api := _proposal(["pii"], ["RU"], "example_host", ["RU"])
	count(national_privacy.deny) == 1 with input as api
}

test_a_global_region_may_be_anywhere if {
	some v in national_privacy.warn with input as _proposal(["pii"], ["CH"], "anthropic", ["global"])
	contains(v.msg, "any country (global)")
}

test_an_unknown_location_warns_at_the_subject if {
	some v in national_privacy.warn with input as _proposal(["pii"], ["DE", "GB"], "mistral", [])
	v.path == "/data/subjects/1"
}

# Where the law requires a safeguard the proposal does not record (LGPD: the
# ANPD clauses), an unknown location fails at the subject.
test_an_unknown_location_without_the_required_safeguard_fails_at_the_subject if {
	inp := _proposal(["pii"], ["DE", "BR"], "mistral", [])
	some v in national_privacy.deny with input as inp
	v.path == "/data/subjects/1"
	contains(v.msg, "contracts.br_anpd_sccs records none of")
	count(national_privacy.warn) == 0 with input as inp
}

test_data_that_is_not_personal_is_out_of_scope if {
	not national_privacy.applies with input as _proposal(["internal"], ["RU"], "aws", ["us-east-1"])
}

test_subjects_without_a_national_law_are_out_of_scope if {
	not national_privacy.applies with input as _proposal(["pii"], ["US", "DE"], "aws", ["us-east-1"])
}

test_russian_personal_data_with_no_known_location_fails if {
	result := national_privacy.deny with input as _proposal(["pii"], ["RU"], "mistral", [])
	some v in result
	v.path == "/data/subjects/0"
}

# A place in the country that the service's residency facts do not back does
# not keep the data there.
test_russia_declared_at_a_globally_routing_service_fails if {
	inp := _proposal(["pii"], ["RU"], "openai", ["RU"])
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "routes requests globally by default")
	contains(v.msg, "[partial: check the statute]")
	count(national_privacy.obligations) == 0 with input as inp
}

test_russia_declared_at_a_provider_without_facts_fails if {
	result := national_privacy.deny with input as _proposal(["pii"], ["RU"], "acme-llm", ["RU"])
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "nor any fact on where it processes otherwise")
}

test_switzerland_declared_at_a_globally_routing_service_warns if {
	inp := _proposal(["pii"], ["CH"], "anthropic", ["CH"])
	count(national_privacy.deny) == 0 with input as inp
	result := national_privacy.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "routes requests globally by default")
}

test_russia_on_premises_in_russia_keeps_the_obligation if {
	inp := _proposal(["pii"], ["RU"], "on_prem", ["RU"])
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.obligations) == 1 with input as inp
}

# India: the DPDP Act restricts no destination yet (regulation.md RES-DPDP-001),
# but payment data processed offshore warns (RBI sector localisation).
test_indian_cardholder_data_processed_offshore_warns if {
	inp := _proposal(["cardholder"], ["IN"], "openai", ["US"])
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	result := national_privacy.warn with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "personal data (cardholder) of people in India (IN) may be processed in United States (US)")
	v.citation.section == "RBI storage of payment system data; DPDP Act s.16"
}

test_indian_cardholder_data_kept_in_india_passes_with_an_obligation if {
	inp := _proposal(["cardholder", "pii"], ["IN"], "aws", ["ap-south-1"])
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	count(national_privacy.obligations) == 1 with input as inp
}

test_indian_personal_data_other_than_payment_data_is_out_of_scope if {
	not national_privacy.applies with input as _proposal(["pii"], ["IN"], "aws", ["us-east-1"])
}

test_indian_cardholder_data_with_no_known_location_warns_at_the_subject if {
	inp := _proposal(["cardholder"], ["IN"], "mistral", [])
	count(national_privacy.deny) == 0 with input as inp
	some v in national_privacy.warn with input as inp
	v.path == "/data/subjects/0"
}

# Brazil recognises the EU as adequate from January 2026 (regulation.md
# section 4): processing there passes, with the finding as a duty.
test_brazilian_personal_data_in_the_eu_passes_from_2026 if {
	inp := object.union(_proposal(["pii"], ["BR"], "azure", ["westeurope"]), {"now": "2026-11-23"})
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	result := national_privacy.obligations with input as inp
	count(result) == 1
	some o in result
	contains(o.text, "ANPD Resolution CD/ANPD 32/2026")
	contains(o.text, "Netherlands (NL)")
}

test_brazilian_personal_data_in_the_eu_fails_before_2026_without_the_anpd_clauses if {
	inp := object.union(_proposal(["pii"], ["BR"], "azure", ["westeurope"]), {"now": "2025-12-31"})
	some v in national_privacy.deny with input as inp
	v.path == "/contracts/br_anpd_sccs"
	v.citation.section == "LGPD Art. 33; Resolution CD/ANPD 19/2024"
	contains(v.msg, "[partial: check the statute]")
}

test_brazilian_personal_data_in_the_eea_outside_the_eu_still_fails if {
	inp := object.union(_proposal(["pii"], ["BR"], "azure", ["norwayeast"]), {"now": "2026-11-23"})
	count(national_privacy.deny) == 1 with input as inp
}

test_brazilian_personal_data_in_the_eu_and_the_us_fails_for_the_us_only if {
	inp := object.union(_proposal(["pii"], ["BR"], "aws", ["eu-central-1", "us-east-1"]), {"now": "2026-11-23"})
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	contains(v.msg, "may be processed in United States (US), and contracts.br_anpd_sccs")
}

_with_contracts(p, contracts) := object.union(p, {"contracts": contracts, "now": "2026-11-23"})

test_brazilian_personal_data_abroad_under_the_anpd_clauses_passes_with_the_duty if {
	inp := _with_contracts(_proposal(["pii"], ["BR"], "aws", ["us-east-1"]), {"br_anpd_sccs": true})
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	some o in national_privacy.obligations with input as inp
	startswith(o.text, "Keep the ANPD standard contractual clauses")
}

test_chinese_personal_data_abroad_without_a_mechanism_fails if {
	inp := _proposal(["pii"], ["CN"], "aws", ["us-east-1"])
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/contracts/cn_transfer_mechanism"
	v.citation.section == "PIPL Art. 38"
	count(national_privacy.warn) == 0 with input as inp
}

test_chinese_personal_data_under_the_standard_contract_carries_the_art_40_duty if {
	inp := _with_contracts(_proposal(["pii"], ["CN"], "aws", ["us-east-1"]), {"cn_transfer_mechanism": "standard_contract"})
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	count(national_privacy.obligations) == 2 with input as inp
	some o in national_privacy.obligations with input as inp
	contains(o.text, "PIPL Art. 40 requires storage in China and a CAC security assessment")
}

test_chinese_personal_data_under_a_cac_assessment_has_no_art_40_duty if {
	inp := _with_contracts(_proposal(["pii"], ["CN"], "aws", ["us-east-1"]), {"cn_transfer_mechanism": "cac_assessment"})
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.obligations) == 1 with input as inp
}

test_chinese_personal_data_kept_in_china_needs_no_mechanism if {
	inp := _proposal(["pii"], ["CN"], "aws", ["cn-north-1"])
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
}

# China declared at a service that routes globally and has no residency
# option there: the data may go anywhere, so without a mechanism it fails.
test_china_declared_at_a_globally_routing_api_without_a_mechanism_fails if {
	inp := object.union(_proposal(["pii"], ["CN"], "anthropic", ["CN"]), {"deployment": {"kind": "vendor_api"}})
	some v in national_privacy.deny with input as inp
	v.path == "/deployment/regions/0"
	count(national_privacy.deny) == 1 with input as _with_contracts(inp, {"cn_transfer_mechanism": "none"})
	count(national_privacy.deny) == 0 with input as _with_contracts(inp, {"cn_transfer_mechanism": "certification"})
	count(national_privacy.warn) == 0 with input as _with_contracts(inp, {"cn_transfer_mechanism": "certification"})
}

test_uk_personal_data_abroad_still_warns if {
	inp := _proposal(["pii"], ["GB"], "aws", ["us-east-1"])
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 1 with input as inp
}

# With no subjects declared, the organisation's country stands in for them.
_undeclared_subjects(classes, domicile, provider, regions) := object.union(
	_proposal(classes, [], provider, regions),
	{"organization": {"domicile": domicile}},
)

test_a_russian_organisation_without_subjects_processing_abroad_fails if {
	inp := _undeclared_subjects(["pii"], "RU", "aws", ["eu-central-1"])
	national_privacy.applies with input as inp
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	contains(v.msg, "data.subjects is not declared, so the organisation's domicile, RU, stands in")
}

# Of several regions, the finding points at the first one abroad.
test_the_first_region_abroad_is_the_one_pointed_at if {
	inp := _proposal(["pii"], ["RU"], "on_prem", ["RU", "DE", "US"])
	some v in national_privacy.deny with input as inp
	v.path == "/deployment/regions/1"
}

test_a_uk_organisation_without_subjects_processing_abroad_warns if {
	inp := _undeclared_subjects(["pii"], "GB", "aws", ["us-east-1"])
	count(national_privacy.deny) == 0 with input as inp
	some v in national_privacy.warn with input as inp
	contains(v.msg, "United Kingdom (GB) may be processed in United States (US)")
	contains(v.msg, "data.subjects is not declared")
}

test_an_organisation_without_subjects_and_regions_is_pointed_at_its_domicile if {
	some v in national_privacy.deny with input as _undeclared_subjects(["pii"], "RU", "mistral", [])
	v.path == "/organization/domicile"
}

test_declared_subjects_replace_the_domicile if {
	inp := object.union(_undeclared_subjects(["pii"], "RU", "aws", ["eu-central-1"]), {"data": {"subjects": ["DE"]}})
	not national_privacy.applies with input as inp
}

test_a_russian_organisation_without_subjects_keeping_data_in_russia_passes if {
	inp := _undeclared_subjects(["pii"], "RU", "on_prem", ["RU"])
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
}

# Kept in the country by a service's residency option: its limits come with
# the pass (Vertex AI keeps ML processing in the region only for the models
# in Google's tables).
test_data_kept_in_the_country_by_a_residency_option_carries_its_limits if {
	inp := _proposal(["pii"], ["BR"], "gcp", ["southamerica-east1"])
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
	result := national_privacy.obligations with input as inp
	some o in result
	startswith(o.text, "Check the limits of ")
	contains(o.text, "data-residency tables")
	some keep in result
	startswith(keep.text, "Keep the processing in Brazil")
}

test_data_kept_on_premises_has_no_residency_limits if {
	result := national_privacy.obligations with input as _proposal(["pii"], ["BR"], "on_prem", ["BR"])
	every o in result {
		not startswith(o.text, "Check the limits of ")
	}
}

# A Chinese region declared at a service modelgate has no facts on may not
# keep the data in China: PIPL fails, and the message and fix name the
# safeguard the proposal can record (it said "which modelgate does not
# judge" before, though the finding was a failure).
test_chinese_region_at_a_provider_without_facts_names_the_missing_safeguard if {
	inp := _proposal(["pii"], ["CN"], "alibaba_cloud", ["CN"])
	result := national_privacy.deny with input as inp
	count(result) == 1
	some v in result
	v.path == "/deployment/regions/0"
	not contains(v.msg, "does not judge")
	contains(v.msg, "contracts.cn_transfer_mechanism records none")
	contains(v.remediation, "declare contracts.cn_transfer_mechanism")
}

test_chinese_region_at_a_provider_without_facts_passes_under_a_standard_contract if {
	inp := object.union(_proposal(["pii"], ["CN"], "alibaba_cloud", ["CN"]), {"contracts": {"cn_transfer_mechanism": "standard_contract"}})
	count(national_privacy.deny) == 0 with input as inp
	count(national_privacy.warn) == 0 with input as inp
}

test_uk_region_at_a_provider_without_facts_still_says_it_is_not_judged if {
	inp := _proposal(["pii"], ["GB"], "acme_ai", ["GB"])
	some v in national_privacy.warn with input as inp
	contains(v.msg, "which modelgate does not judge")
}

# Neither data.subjects nor organization.domicile: no country stands in for
# the people, and a localisation or transfer law may reach them wherever the
# data is processed, so it warns instead of not applying.
test_personal_data_with_no_subjects_and_no_domicile_warns if {
	inp := _undeclared_subjects(["pii"], null, "aws", ["eu-central-1"])
	national_privacy.applies with input as inp
	count(national_privacy.deny) == 0 with input as inp
	some v in national_privacy.warn with input as inp
	v.path == "/data/subjects"
}

test_non_personal_data_with_no_subjects_and_no_domicile_does_not_apply if {
	not national_privacy.applies with input as _undeclared_subjects(["internal"], null, "aws", ["eu-central-1"])
}
