# LIC-PRODUCTION: a license limited to testing, research, evaluation or other
# non-production use (the Mistral Non-Production and Research Licenses, the
# Qwen and Tongyi Qianwen research licenses) gives no right to serve real
# work. Judged on each binding record's `production_use.allowed`; a license
# without a record cannot show the grant, so it warns.
package modelgate.rules.license.production

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-PRODUCTION",
	"title": "Production use needs a license that grants it",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The production-use grant of each binding license (example: Mistral AI Non-Production License)",
		"section": "3.2",
		"url": "https://mistral.ai/licenses/MNPL-0.1.md",
	},
	"description": concat(" ", [
		"A deployment that serves real work (use.production) needs every binding license to allow",
		"use beyond testing, research and evaluation.",
	]),
	"remediation": concat(" ", [
		"Buy a production license from the licensor and record it as a waiver (reason",
		"license_acquired), keep the use within what the license permits (use.production:",
		"false), or choose a model whose license allows production use.",
	]),
}

_production := input.use.production == true

# What a license withholding production use does permit, in its own terms
# where the record states them (the Mistral Research License's Research
# Purposes), else the usual non-production uses.
_permitted(term) := term.permitted if is_string(object.get(term, "permitted", null))

_permitted(term) := "testing, research or evaluation" if not is_string(object.get(term, "permitted", null))

# Known records that withhold production use.
_non_production contains license if {
	some license in data.modelgate.lib.licenses.known
	license.terms.production_use.allowed == false
}

default applies := false

applies if _production

applies if count(_non_production) > 0

deny contains v if {
	_production
	some license in _non_production
	term := license.terms.production_use
	v := {
		"msg": concat("", [sprintf(
			"%s (section %s) allows only %s, but the proposal serves real work",
			[license.name, term.section, _permitted(term)],
		), licenses.checked(license, term)]),
		"path": "/use/production",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf(
			"Buy a production license from the licensor and record it as a waiver (reason license_acquired), limit the use to %s (use.production: false), or choose a model whose license allows production use.",
			[_permitted(term)],
		),
	}
}

warn contains v if {
	_production
	some license in data.modelgate.lib.licenses.unknown
	v := {
		"msg": sprintf(
			"%s has no record in the catalog: modelgate cannot tell whether it allows production use",
			[license.id],
		),
		"path": data.modelgate.lib.licenses.source_path,
		"license": license.id,
		"citation": licenses.unknown_citation(license),
		"remediation": "Add a license record (licenses/<id>.yaml) or declare a license the catalog knows.",
	}
}

obligations contains o if {
	not _production
	some license in _non_production
	term := license.terms.production_use
	o := {
		"text": sprintf(
			"Use the model only for %s: %s allows no production use",
			[_permitted(term), license.name],
		),
		"section": term.section,
		"license": license.id,
	}
}
