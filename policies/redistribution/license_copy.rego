# RED-LICENSE-COPY: a license that must accompany the model (`license_copy`):
# recipients of the weights, or of a derivative, get a copy of the license,
# and where the trigger includes hosted services (Llama, Gemma, the RAIL
# licenses), so do the users of the service. Due when the term's trigger is
# met; distribution.includes_license_copy must be true.
package modelgate.rules.redistribution.license_copy

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-LICENSE-COPY",
	"title": "A copy of the license goes with the model",
	"severity": "high",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The license-copy duty of each binding license (example: Apache License 2.0)",
		"section": "4(a)",
		"url": "https://www.apache.org/licenses/LICENSE-2.0",
	},
	"description": concat(" ", [
		"When the weights or a derivative are given to others (and, where the license says so, when",
		"the model is offered as a service) a copy of each binding license must go with them.",
	]),
	"remediation": "Ship a copy of the license with the model (or make it available to the service's users) and declare distribution.includes_license_copy: true.",
}

_due contains license if {
	some license in data.modelgate.lib.licenses.known
	licenses.triggered(license.terms.license_copy.trigger)
	licenses.reaches(license.terms.license_copy)
}

default applies := false

applies if count(_due) > 0

# A binding model license whose record encodes no license_copy term: modelgate
# did not read its redistribution clauses (the record says so), so whether
# a copy of the license must go with the weights cannot be told. Giving the weights to
# others without it then warns instead of not applying (fail closed).
_unread contains license if {
	input.distribution.weights == true
	some license in data.modelgate.lib.licenses.known
	license.kind == "model_license"
	not license.terms.license_copy
}

applies if count(_unread) > 0

warn contains v if {
	some license in _unread
	not input.distribution.includes_license_copy == true
	v := {
		"msg": sprintf(
			"the weights are given to others, and modelgate's record of the %s does not say whether a copy of the license must go with them: its redistribution terms were not read [unverified: check the redistribution clauses of %s]",
			[license.name, license.name],
		),
		"path": "/distribution/includes_license_copy",
		"license": license.id,
		"citation": {"document": license.name, "section": "redistribution terms (not read)", "url": license.url},
		"remediation": "Have counsel read the license's redistribution terms, or ship a copy of the license anyway and declare distribution.includes_license_copy: true.",
	}
}

deny contains v if {
	some license in _due
	term := license.terms.license_copy
	input.distribution.includes_license_copy != true
	v := {
		"msg": concat("", [sprintf(
			"%s, but no copy of the license is provided: %s requires one (section %s)",
			[licenses.how(term.trigger), license.name, term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/includes_license_copy",
		"license": license.id,
		"citation": licenses.citation(license, term),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.license_copy
	o := {
		"text": sprintf("Give every recipient a copy of the %s (%s)", [license.name, license.url]),
		"section": term.section,
		"license": license.id,
	}
}
