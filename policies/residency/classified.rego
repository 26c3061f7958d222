# RES-CLASSIFIED: classified national security information may be accessed
# only by people with an eligibility determination, a signed non-disclosure
# agreement and a need to know (EO 13526 Sec. 4.1(a)), and processed only on
# systems accredited for it. In the cloud that means a classified partition
# (DoD Cloud Computing SRG Impact Level 6 for SECRET; TOP SECRET under ICD
# 503); on the organisation's own premises, an accredited air-gapped system.
# modelgate's geography facts list no classified-partition region (their ids
# are not published), so any third-party processing fails closed.
package modelgate.rules.residency.classified

import data.modelgate.lib.geo
import rego.v1

meta := {
	"id": "RES-CLASSIFIED",
	"title": "Classified data stays on accredited classified systems",
	"severity": "critical",
	"category": "residency",
	"citation": {
		"document": "Executive Order 13526, Classified National Security Information",
		"section": "Sec. 4.1; DoD Cloud Computing SRG, Impact Level 6",
		"url": "https://www.archives.gov/isoo/policy-documents/cnsi-eo.html",
	},
	"description": concat(" ", [
		"Classified information may be processed only on systems accredited for its level: an",
		"air-gapped system on the organisation's premises, or a cloud region in a classified",
		"partition (Secret or Top Secret); no commercial, GovCloud or vendor API endpoint qualifies.",
	]),
	"remediation": concat(" ", [
		"Serve an open-weight model on an accredited air-gapped system on premises (network:",
		"air_gapped), or in a region of an accredited classified cloud partition.",
	]),
}

_srg_citation := {
	"document": "DoD Cloud Computing Security Requirements Guide",
	"section": "Impact Level 6",
	"url": "https://public.cyber.mil/dccs/",
}

_classified_partitions := {"us_gov_secret", "us_gov_top_secret"}

default applies := false

applies if "classified" in input.data.classes

deny contains v if {
	applies
	not data.modelgate.lib.provider.input_third_party
	input.deployment.network != "air_gapped"
	v := {
		"msg": sprintf(
			"classified data on premises on a %s network: only an accredited air-gapped system may hold it",
			[input.deployment.network],
		),
		"path": "/deployment/network",
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	count(input.deployment.regions) == 0
	v := {
		"msg": sprintf("classified data reaches %s in undeclared regions: no accredited classified partition is shown", [data.modelgate.lib.provider.input_name]),
		"path": "/deployment/regions",
		"citation": _srg_citation,
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	not _classified_region(code)
	v := {
		"msg": sprintf(
			"classified data reaches %s in %s (%s partition), which is not accredited for classified information",
			[data.modelgate.lib.provider.input_name, code, _partition_label(code)],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"citation": _srg_citation,
	}
}

_classified_region(code) if geo.partition(code) in _classified_partitions

_partition_label(code) := geo.partition(code)

_partition_label(code) := "no known" if not geo.partition(code)

# A Secret partition holds information up to SECRET; the proposal does not
# say the level of the data.
warn contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	some i, code in input.deployment.regions
	geo.partition(code) == "us_gov_secret"
	v := {
		"msg": sprintf(
			"%s is in a Secret partition, accredited only up to SECRET: confirm no TOP SECRET data reaches it",
			[code],
		),
		"path": sprintf("/deployment/regions/%d", [i]),
		"citation": _srg_citation,
	}
}

obligations contains o if {
	applies
	o := concat(" ", [
		"Process the data only on a system accredited for its classification level, with access limited",
		"to people who hold the clearance, a signed non-disclosure agreement and a need to know",
		"(EO 13526 Sec. 4.1(a))",
	])
}
