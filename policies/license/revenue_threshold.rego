# LIC-REVENUE-THRESHOLD: annual-revenue ceilings, for example the Stability
# AI Community License, whose rights all end once the licensee and its
# affiliates earn more than US$1 million a year from any source (Section
# III). Read from the term: `applies_to: commercial_use` ceilings bind only
# commercial use; the proposal's organization.annual_revenue_usd (affiliates
# included) is tested against the ceiling, and an undeclared figure warns.
package modelgate.rules.license.revenue_threshold

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-REVENUE-THRESHOLD",
	"title": "Annual-revenue ceilings",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The revenue ceiling of each binding license (example: Stability AI Community License Agreement)",
		"section": "III",
		"url": "https://stability.ai/license",
	},
	"description": concat(" ", [
		"A license with an annual-revenue ceiling grants no rights above it (Stability AI Community",
		"License: more than US$1 million, affiliates included); the revenue the proposal declares is",
		"tested against it, and an undeclared figure warns.",
	]),
	"remediation": concat(" ", [
		"Obtain an enterprise license from the licensor and record it as a waiver (reason",
		"license_acquired), or choose a model whose license has no revenue ceiling.",
	]),
}

_revenue := input.organization.annual_revenue_usd

# Known records with a revenue ceiling that binds this use.
_binding contains license if {
	some license in data.modelgate.lib.licenses.known
	_binds(license.terms.revenue_threshold)
}

_binds(threshold) if threshold.applies_to == "all_use"

_binds(threshold) if {
	threshold.applies_to == "commercial_use"
	input.use.commercial == true
}

default applies := false

applies if count(_binding) > 0

_whose(threshold) := "the licensee and its affiliates" if threshold.scope == "licensee_and_affiliates"

_whose(threshold) := "the licensee" if threshold.scope == "licensee"

_whose(threshold) := "any one product or service" if threshold.scope == "product_or_service"

deny contains v if {
	some license in _binding
	threshold := license.terms.revenue_threshold
	_revenue != null
	_revenue > threshold.annual_revenue_usd
	v := {
		"msg": concat("", [sprintf(
			"annual revenue of US$%s exceeds the %s ceiling of US$%s for %s (section %s): %s",
			[licenses.grouped(_revenue), license.name, licenses.grouped(threshold.annual_revenue_usd), _whose(threshold), threshold.section, threshold.consequence],
		), _reading(threshold), licenses.checked(license, threshold)]),
		"path": "/organization/annual_revenue_usd",
		"license": license.id,
		"citation": licenses.citation(license, threshold),
	}
}

# A use the narrower reading of the clause would spare (not commercial, under
# a ceiling encoded for all use) is failed on modelgate's reading, and the
# message says so.
_spared(threshold) if {
	is_string(object.get(threshold, "reading", null))
	input.use.commercial != true
}

_reading(threshold) := sprintf(" (modelgate's reading: %s)", [threshold.reading]) if _spared(threshold)

_reading(threshold) := "" if not _spared(threshold)

warn contains v if {
	some license in _binding
	threshold := license.terms.revenue_threshold
	_revenue == null
	v := {
		"msg": concat("", [sprintf(
			"annual revenue is not declared: the %s ceiling of US$%s (section %s) cannot be checked",
			[license.name, licenses.grouped(threshold.annual_revenue_usd), threshold.section],
		), licenses.checked(license, threshold)]),
		"path": "/organization/annual_revenue_usd",
		"license": license.id,
		"citation": licenses.citation(license, threshold),
		"remediation": "Declare organization.annual_revenue_usd (affiliates included).",
	}
}

obligations contains o if {
	some license in _binding
	threshold := license.terms.revenue_threshold
	_revenue != null
	_revenue <= threshold.annual_revenue_usd
	o := {
		"text": sprintf(
			"Track the annual revenue of %s: once it passes US$%s, %s ends and a separate license is needed",
			[_whose(threshold), licenses.grouped(threshold.annual_revenue_usd), license.name],
		),
		"section": threshold.section,
		"license": license.id,
	}
}
