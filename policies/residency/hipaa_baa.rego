# RES-HIPAA-BAA: protected health information may reach a party other than
# the covered entity (or business associate) itself only under a business
# associate agreement with that party (45 CFR 164.502(e), 164.504(e)). A
# cloud that hosts a self-managed deployment is such a party (HHS cloud
# computing guidance). De-identified data (164.514(b)) is outside HIPAA.
# Under a BAA, PHI may reach only what the BAA covers: a declared feature
# (deployment.features) the facts list outside its scope (baa.excluded_features)
# fails; with no features declared, the pass names them as a duty.
package modelgate.rules.residency.hipaa_baa

import data.modelgate.lib.facts
import rego.v1

meta := {
	"id": "RES-HIPAA-BAA",
	"title": "HIPAA: PHI only reaches parties under a business associate agreement",
	"severity": "critical",
	"category": "residency",
	"citation": {
		"document": "45 CFR Part 164 (HIPAA Privacy Rule)",
		"section": "164.502(e), 164.504(e)",
		"url": "https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-E/section-164.502",
	},
	"description": concat(" ", [
		"Protected health information that is not de-identified may reach a party other than the",
		"organisation only under a Business Associate Agreement with that party, including a cloud",
		"provider hosting a self-managed deployment; a consumer tier never qualifies, and the provider",
		"must offer a BAA for the service used and the BAA must cover the features used.",
	]),
	"remediation": concat(" ", [
		"Sign a BAA with the operator of the endpoint, self-host on premises, or de-identify the data",
		"(Safe Harbor or expert determination, 45 CFR 164.514(b)) before it reaches the model.",
	]),
}

default applies := false

applies if {
	"phi" in input.data.classes
	input.data.deidentification == "none"
}

_service := data.modelgate.lib.provider.input_service

_provider := data.modelgate.lib.provider.input_name

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa != true
	v := {
		"msg": sprintf("PHI reaches %s (%s) without a Business Associate Agreement", [_provider, input.deployment.kind]),
		"path": "/contracts/baa",
		"remediation": _no_baa_remediation,
	}
}

_no_baa_remediation := _service_without_baa

_no_baa_remediation := _baa_on_offer if _offers_baa_how

_no_baa_remediation := meta.remediation if {
	not _service_without_baa
	not _offers_baa_how
}

# Where the facts say how the provider offers its BAA (Azure's is part of the
# Product Terms with no separate signature; OpenAI decides on request), the
# fix says so: the BAA may already be in place and only need declaring.
_baa_on_offer := sprintf(
	"%s offers a BAA for %s (per modelgate's facts: %s)%s: put it in place, or confirm it already applies to the account, then declare contracts.baa: true; or self-host on premises, or de-identify the data (45 CFR 164.514(b)).",
	[_provider, data.modelgate.lib.provider.input_service_label, trim_right(_service.baa.how, "."), _baa_note],
)

_offers_baa_how if {
	_service.baa.available == true
	is_string(_service.baa.how)
}

_service_without_baa := sprintf(
	"%s offers no BAA for %s%s: move to a service its BAA covers, self-host on premises, or de-identify the data (45 CFR 164.514(b)).",
	[_provider, data.modelgate.lib.provider.input_service_id, _baa_note],
) if {
	_service.baa.available == false
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	data.modelgate.lib.provider.input_consumer
	v := {
		"msg": sprintf("PHI goes to a consumer product of %s, which no BAA covers", [_provider]),
		"path": data.modelgate.lib.provider.input_consumer_path,
		"remediation": "Use the provider's API or enterprise tier under a signed BAA.",
	}
}

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	_service.baa.available == false
	v := {
		"msg": sprintf(
			"%s offers no BAA for %s, so the declared BAA cannot cover this use%s",
			[_provider, data.modelgate.lib.provider.input_service_id, _baa_note],
		),
		"path": data.modelgate.lib.provider.input_service_path,
		"remediation": "Move to a service the provider's BAA covers, or self-host on premises.",
		"citation": _baa_fact_citation,
	}
}

# The source of the fact that the service has no BAA, else the rule's citation.
_baa_fact_citation := {
	"document": sprintf("%s BAA terms", [_provider]),
	"section": sprintf("BAA availability: %s", [data.modelgate.lib.provider.input_service_label]),
	"url": _service.baa.url,
} if is_string(_service.baa.url)

_baa_fact_citation := meta.citation if not is_string(_service.baa.url)

warn contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	not _baa_known
	v := {
		"msg": sprintf(
			"modelgate has no fact on whether %s offers a BAA%s: confirm the signed BAA covers it",
			[_provider, _for_service],
		),
		"path": data.modelgate.lib.provider.input_service_path,
	}
}

_baa_known if is_boolean(_service.baa.available)

# Declared features outside the BAA's scope (regulation.md RES-HIPAA-004,
# RES-HIPAA-005): a verified or partial fact fails, an unverified one warns.
_outside := data.modelgate.lib.features.outside(_service.baa)

deny contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	some x in _outside
	data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"citation": _feature_citation(x),
		"remediation": _feature_fix(x),
	}
}

warn contains v if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	some x in _outside
	not data.modelgate.lib.features.firm(x)
	v := {
		"msg": _feature_msg(x),
		"path": data.modelgate.lib.features.path(x),
		"citation": _feature_citation(x),
		"remediation": _feature_fix(x),
	}
}

# A firm fact says the BAA does not cover the feature; an unverified one, that it may not.
_feature_msg(x) := sprintf(
	"PHI may go through %s, which the BAA of %s for %s %s: %s",
	[x.feature, _provider, data.modelgate.lib.provider.input_service_label, _not_covered(x), data.modelgate.lib.features.detail(x, "the provider's BAA terms")],
)

_not_covered(x) := "does not cover" if data.modelgate.lib.features.firm(x)

_not_covered(x) := "may not cover" if not data.modelgate.lib.features.firm(x)

_feature_fix(x) := sprintf(
	"Keep PHI away from %s (remove it from deployment.features for this traffic), get %s's written confirmation that the BAA covers it, or de-identify the data (45 CFR 164.514(b)).",
	[x.feature, _provider],
)

_feature_citation(x) := {
	"document": sprintf("%s BAA scope", [_provider]),
	"section": sprintf("BAA: %s", [x.feature]),
	"url": x.fact.url,
} if {
	is_string(object.get(x.fact, "url", null))
}

_feature_citation(x) := meta.citation if not is_string(object.get(x.fact, "url", null))

_for_service := sprintf(" for %s", [data.modelgate.lib.provider.input_service_id]) if data.modelgate.lib.provider.input_service_id

_for_service := "" if not data.modelgate.lib.provider.input_service_id

# Only a BAA the service can have is a duty to keep: where the provider
# offers none for the service, the deny above says so instead, and the
# consumer tier is never covered.
obligations contains o if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	not _service.baa.available == false
	not data.modelgate.lib.provider.input_consumer
	o := {"text": sprintf(
		"Keep the BAA with %s on file and send PHI only to endpoints it covers%s%s",
		[_provider, _scope, _baa_note],
	)}
}

# How settled the BAA fact is: " [partial: check ...]" where it is not
# verified (and nothing where modelgate has no BAA fact: the warning above
# says so).
_baa_note := facts.checked(_service.baa, "the provider's BAA terms") if is_object(_service.baa)

_baa_note := "" if not _has_baa_fact

_has_baa_fact if is_object(_service.baa)

# The BAA's scope and exclusions where the facts give them, else nothing.
_scope := sprintf(" (%s%s)", [trim_right(_service.baa.scope, "."), _exclusions]) if _has_scope

_scope := sprintf(" (not covered: %s)", [_service.baa.exclusions]) if {
	not _has_scope
	_has_exclusions
}

_scope := "" if {
	not _has_scope
	not _has_exclusions
}

_exclusions := sprintf("; not covered: %s", [_service.baa.exclusions]) if _has_exclusions

_exclusions := "" if not _has_exclusions

_has_scope if is_string(_service.baa.scope)

_has_exclusions if is_string(_service.baa.exclusions)

# A pass under a BAA with no features declared: it holds only if PHI reaches
# none of the features outside the BAA.
obligations contains o if {
	applies
	data.modelgate.lib.provider.input_third_party
	input.contracts.baa == true
	not _service.baa.available == false
	not data.modelgate.lib.provider.input_consumer
	not data.modelgate.lib.features.declared
	names := data.modelgate.lib.features.listed(_service.baa, "the provider's BAA terms")
	o := {"text": sprintf(
		"deployment.features is not declared, so this pass assumes that PHI reaches none of %s at %s: the BAA does not cover them. Declare the features used (deployment.features: [] for none)",
		[names, data.modelgate.lib.provider.input_service_label],
	)}
}

# A cloud serving another vendor's model: only the cloud's BAA covers the
# endpoint; the model vendor's own BAA does not (e.g. Anthropic's BAA does not
# apply to Claude bought through a cloud provider).
# The clouds' own models come from the same company under another name.
_cloud_company := {"gcp": "google", "azure": "microsoft", "aws": "amazon"}

_vendor_runs_it(vendor) if vendor == input.deployment.provider

_vendor_runs_it(vendor) if vendor == _cloud_company[input.deployment.provider]

obligations contains o if {
	applies
	input.deployment.kind == "managed_cloud"
	vendor := input.resolved.model.vendor
	not _vendor_runs_it(vendor)
	o := {"text": sprintf(
		"The BAA must be with %s, which operates the endpoint: a BAA with the model's vendor (%s) does not cover the model served by %s",
		[_provider, vendor, _provider],
	)}
}

obligations contains o if {
	applies
	not data.modelgate.lib.provider.input_third_party
	o := {
		"text": "Apply the HIPAA Security Rule safeguards (45 CFR 164.308-164.312) to the on-premises deployment",
		"section": "164.308-164.312",
	}
}
