# LIC-COMMERCIAL: a license whose grant excludes commercial use (CC-BY-NC,
# the Mistral Research License, research licenses, Cohere's C4AI terms)
# gives a business no right to use the model in the course of its business.
# Judged on each binding record's `commercial_use.allowed`; a license without
# a record cannot show the grant, so it warns (LIC-UNKNOWN fails it as well).
package modelgate.rules.license.commercial

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-COMMERCIAL",
	"title": "Commercial use needs a license that grants it",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The commercial-use grant of each binding license (example: CC BY-NC 4.0)",
		"section": "2(a)(1)",
		"url": "https://creativecommons.org/licenses/by-nc/4.0/legalcode",
	},
	"description": concat(" ", [
		"Use in the course of a business (use.commercial) needs every binding license to grant",
		"commercial use; non-commercial and research-only licenses do not.",
	]),
	"remediation": concat(" ", [
		"Buy a commercial license from the licensor and record it as a waiver (reason",
		"license_acquired), or choose a model whose license allows commercial use.",
	]),
}

_commercial := input.use.commercial == true

# What a license withholding commercial use does permit, where the record
# states it in the license's own terms (the Mistral Research License's
# Research Purposes).
_permitted(term) := sprintf(" and allows only %s", [term.permitted]) if is_string(object.get(term, "permitted", null))

_permitted(term) := "" if not is_string(object.get(term, "permitted", null))

# Known records that withhold commercial use.
_non_commercial contains license if {
	some license in data.modelgate.lib.licenses.known
	license.terms.commercial_use.allowed == false
}

# Known records whose grant carries a condition for hosted services.
_hosting_conditional contains license if {
	some license in data.modelgate.lib.licenses.known
	license.terms.commercial_use.allowed == true
	is_string(object.get(license.terms.commercial_use, "hosted_service_condition", null))
}

_hosted := input.distribution.hosted_service == true

default applies := false

applies if _commercial

applies if {
	_hosted
	count(_hosting_conditional) > 0
}

applies if count(_non_commercial) > 0

deny contains v if {
	_commercial
	some license in _non_commercial
	term := license.terms.commercial_use
	v := {
		"msg": concat("", [sprintf(
			"%s grants no commercial use (section %s)%s, but use.commercial is true: use in the course of a business (a proposal that leaves it out is read so)",
			[license.name, term.section, _permitted(term)],
		), licenses.checked(license, term)]),
		"path": "/use/commercial",
		"license": license.id,
		"citation": licenses.citation(license, term),
	}
}

warn contains v if {
	_commercial
	some license in data.modelgate.lib.licenses.unknown
	v := {
		"msg": sprintf(
			"%s has no record in the catalog: modelgate cannot tell whether it grants commercial use",
			[license.id],
		),
		"path": data.modelgate.lib.licenses.source_path,
		"license": license.id,
		"citation": licenses.unknown_citation(license),
		"remediation": "Add a license record (licenses/<id>.yaml) or declare a license the catalog knows.",
	}
}

# A grant that may not cover offering the model as a hosted service: warn
# with the condition the record states (Falcon 180B).
warn contains v if {
	_hosted
	some license in _hosting_conditional
	term := license.terms.commercial_use
	v := {
		"msg": concat("", [sprintf(
			"the model is offered to others as a hosted service, and %s may not grant that: %s",
			[license.name, term.hosted_service_condition],
		), licenses.checked(license, term)]),
		"path": "/distribution/hosted_service",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": "Get the licensor's written permission (or a separate license) for hosted use and record it as a waiver (reason license_acquired), or do not offer the model to others as a service.",
	}
}

obligations contains o if {
	not _commercial
	some license in _non_commercial
	term := license.terms.commercial_use
	o := {
		"text": sprintf(
			"Keep the use non-commercial: %s grants no commercial use%s; any use in the course of a business needs a separate license",
			[license.name, _permitted(term)],
		),
		"section": term.section,
		"license": license.id,
	}
}

# A condition that comes with commercial use under a grant that allows it
# (the Stability AI Community License: register with Stability AI): an
# obligation of the pass, since the proposal cannot record that it was met.
obligations contains o if {
	_commercial
	some license in data.modelgate.lib.licenses.known
	term := license.terms.commercial_use
	term.allowed == true
	is_string(object.get(term, "condition", null))
	o := {
		"text": concat("", [sprintf(
			"Commercial use under %s comes with a condition: %s",
			[license.name, term.condition],
		), licenses.checked(license, term)]),
		"section": term.section,
		"license": license.id,
	}
}
