# REQ-NO-THIRD-PARTY: the organisation requires that no one else processes
# the data (requirements.no_third_party_processing). Anyone but the
# organisation operating the machines the data reaches is a third party:
# a model vendor's API, an open-model host, a cloud's managed model service,
# and a cloud hosting a self-managed deployment (it processes the data on
# the organisation's behalf, as a processor in GDPR terms).
package modelgate.rules.requirement.no_third_party

import rego.v1

meta := {
	"id": "REQ-NO-THIRD-PARTY",
	"title": "Organisation requirement: no third-party processing",
	"severity": "high",
	"category": "requirement",
	"citation": {
		"document": "EDPB Guidelines 07/2020 on the concepts of controller and processor in the GDPR",
		"section": "Part I, processor (who processes on another's behalf)",
		"url": "https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-072020-concepts-controller-and-processor-gdpr_en",
	},
	"description": concat(" ", [
		"When the organisation requires that no third party processes its data, the model must run",
		"on machines the organisation operates itself: no vendor or hosted API, no managed cloud",
		"service, and no cloud hosting a self-managed deployment.",
	]),
	"remediation": "Serve an open-weight model on the organisation's own premises (deployment.provider: on_prem).",
}

default applies := false

applies if input.requirements.no_third_party_processing == true

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	v := {
		"msg": sprintf(
			"the organisation requires no third-party processing, but %s operates the %s deployment the data reaches",
			[data.modelgate.lib.provider.input_name, input.deployment.kind],
		),
		"path": "/deployment/provider",
	}
}

# Telemetry leaves the site even when the model runs on premises; it
# should carry no prompts, but that is for the organisation to confirm.
warn contains v if {
	applies
	not data.modelgate.lib.provider.input_third_party
	input.deployment.telemetry != false
	v := {
		"msg": "the deployment is on premises, but telemetry is not declared off: usage data would go to third parties",
		"path": "/deployment/telemetry",
		"remediation": "Turn telemetry off (VLLM_NO_USAGE_STATS=1, DO_NOT_TRACK=1) and declare deployment.telemetry: false.",
	}
}
