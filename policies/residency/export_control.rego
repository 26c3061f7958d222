# RES-EXPORT-CONTROL: export-controlled technical data (ITAR or EAR) may not
# be released to foreign persons or sent abroad without authorisation. The
# ITAR and EAR carve-outs for sending or storing data (22 CFR 120.54(a)(5),
# 15 CFR 734.18(a)(5)) need end-to-end encryption with no third party
# holding the means to decrypt; model inference decrypts the prompt at the
# provider, so a third-party model API never fits them. The proposal does
# not say ITAR or EAR, so the stricter ITAR reading applies: US locations
# only, no vendor or hosted API, no commercial cloud partition.
package modelgate.rules.residency.export_control

import data.modelgate.lib.geo
import rego.v1

meta := {
	"id": "RES-EXPORT-CONTROL",
	"title": "Export-controlled data stays in the US, off third-party model APIs",
	"severity": "critical",
	"category": "residency",
	"citation": {
		"document": "International Traffic in Arms Regulations, 22 CFR Part 120",
		"section": "120.54(a)(5); EAR 15 CFR 734.18(a)(5)",
		"url": "https://www.ecfr.gov/current/title-22/section-120.54",
	},
	"description": concat(" ", [
		"Export-controlled technical data may be processed only in the US, on premises or in an",
		"isolated government cloud partition (AWS GovCloud, Azure Government); a vendor or hosted",
		"model API, a commercial cloud partition or a location outside the US fails, because inference",
		"decrypts the data and the encryption carve-outs of the ITAR and EAR do not apply.",
	]),
	"remediation": concat(" ", [
		"Self-host an open-weight model on premises in the US or in a US government partition, with",
		"access limited to US persons; if the data is EAR-controlled only and an ECCN review allows",
		"the use, record that as a waiver.",
	]),
}

_ear_citation := {
	"document": "Export Administration Regulations, 15 CFR Part 734",
	"section": "734.18(a)(5)",
	"url": "https://www.ecfr.gov/current/title-15/section-734.18",
}

default applies := false

applies if "export_controlled" in input.data.classes

_places := data.modelgate.lib.provider.input_places

_apis := {"vendor_api", "hosted_open_api"}

deny contains v if {
	applies
	input.deployment.kind in _apis
	v := {
		"msg": sprintf(
			"export-controlled data sent to a %s operated by %s: the provider decrypts it for inference, which the ITAR/EAR encryption carve-out does not allow",
			[input.deployment.kind, data.modelgate.lib.provider.input_name],
		),
		"path": "/deployment/kind",
	}
}

deny contains v if {
	applies
	count(_places) == 0
	v := {
		"msg": "export-controlled data is processed in undeclared regions: processing in the US cannot be shown",
		"path": "/deployment/regions",
		"remediation": "Declare deployment.regions (US region ids of the cloud, or US on premises).",
	}
}

# Each place the data is processed, with the field that puts it there: a
# declared region at its index; on premises without regions, the
# organisation's domicile (provider.places); a globally routing service with
# no region declared, the missing regions.
_located contains [code, sprintf("/deployment/regions/%d", [i])] if {
	some i, code in input.deployment.regions
}

_located contains [code, _undeclared_path(code)] if {
	count(input.deployment.regions) == 0
	some code in _places
}

_undeclared_path(code) := "/organization/domicile" if code != "global"

_undeclared_path("global") := "/deployment/regions"

deny contains v if {
	applies
	some [code, path] in _located
	geo.location(code) != "US"
	v := {
		"msg": sprintf("export-controlled data is processed outside the US (%s)", [code]),
		"path": path,
		"citation": _ear_citation,
	}
}

# A cloud region of a commercial partition: staff and infrastructure are not
# limited to US persons (regulation.md section 8, RES-EXPORT-001).
deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	not input.deployment.kind in _apis
	some [code, path] in _located
	geo.location(code) == "US"
	geo.partition(code) == "commercial"
	v := {
		"msg": sprintf(
			"export-controlled data in %s, a commercial-partition region of %s, whose operators are not limited to US persons",
			[code, data.modelgate.lib.provider.input_name],
		),
		"path": path,
		"remediation": "Use a US government partition (AWS GovCloud, Azure Government) or premises in the US.",
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	not input.deployment.kind in _apis
	some [code, path] in _located
	geo.location(code) == "US"
	not geo.partition(code)
	v := {
		"msg": sprintf(
			"%s names no cloud partition: modelgate cannot show that %s runs the deployment in a US government partition",
			[code, data.modelgate.lib.provider.input_name],
		),
		"path": path,
		"remediation": "Declare the provider's region id (for example us-gov-west-1 or usgovvirginia).",
	}
}

# A managed model service in a US government partition: the partition is
# isolated and run by screened US persons, but no fact in modelgate says the
# service itself is inside the export-control boundary (regulation.md open
# item 1: per-model status in GovCloud is unverified).
warn contains v if {
	applies
	input.deployment.kind == "managed_cloud"
	some code in _places
	geo.partition(code) == "us_gov"
	v := {
		"msg": sprintf(
			"%s of %s runs in a US government partition, but modelgate has no fact that the service and model are inside its ITAR boundary: confirm with the provider",
			[data.modelgate.lib.provider.input_service_label, data.modelgate.lib.provider.input_name],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Get the provider's written confirmation for the service, or self-host the model in the partition.",
	}
}

obligations contains o if {
	applies
	o := concat(" ", [
		"Limit access to the deployment, its logs and its outputs to US persons (or foreign persons",
		"under an export licence) and keep a technology control plan; classify the data (USML",
		"category or ECCN) before use",
	])
}
