# LIC-LLAMA-MAU: the Llama Community Licenses grant no rights to an
# organisation whose products had more than 700 million monthly active users
# in the calendar month before the version's release date (section 2).
package modelgate.rules.license.llama_mau

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-LLAMA-MAU",
	"title": "Llama 700 million monthly active user clause",
	"severity": "critical",
	"category": "license",
	"citation": {
		"document": "Llama Community License Agreement (Llama 2 to Llama 4)",
		"section": "2",
		"url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
	},
	"description": concat(" ", [
		"Organisations whose products and services, affiliates included, had more than 700 million",
		"monthly active users in the calendar month before a Llama version's release date get no",
		"rights under its Community License until Meta grants a separate license.",
	]),
	"remediation": concat(" ", [
		"Request a license from Meta and record it as a waiver (reason license_acquired), or choose",
		"a model whose license has no user ceiling.",
	]),
}

# Llama licenses with a user ceiling that bind this proposal (the clause
# LIC-USER-THRESHOLD leaves to this rule).
_llama contains license if {
	some license in input.resolved.licenses
	licenses.meta_mau_clause(license)
}

default applies := false

applies if count(_llama) > 0

_users := input.organization.monthly_active_users

_citation(license) := {
	"document": license.name,
	"section": license.terms.user_threshold.section,
	"url": license.url,
}

deny contains v if {
	some license in _llama
	threshold := license.terms.user_threshold
	_users != null
	_users > threshold.monthly_active_users
	v := {
		"msg": sprintf(
			"%s monthly active users exceed the %s ceiling of %s (section %s): %s",
			[licenses.grouped(_users), license.name, licenses.grouped(threshold.monthly_active_users), threshold.section, threshold.consequence],
		),
		"path": "/organization/monthly_active_users",
		"license": license.id,
		"citation": _citation(license),
		"remediation": sprintf(
			concat(" ", [
				"Request a license from Meta and record it as a waiver (reason license_acquired). If users",
				"were at or below %s in the calendar month before %s, the clause does not bite: record",
				"that with a waiver (reason not_applicable) and the figure.",
			]),
			[licenses.grouped(threshold.monthly_active_users), threshold.measurement_date],
		),
	}
}

warn contains v if {
	some license in _llama
	_users == null
	v := {
		"msg": sprintf(
			"monthly active users are not declared: the %s ceiling of %s (section %s) cannot be checked",
			[license.name, licenses.grouped(license.terms.user_threshold.monthly_active_users), license.terms.user_threshold.section],
		),
		"path": "/organization/monthly_active_users",
		"license": license.id,
		"citation": _citation(license),
		"remediation": "Declare organization.monthly_active_users (products and services, affiliates included).",
	}
}

obligations contains o if {
	some license in _llama
	threshold := license.terms.user_threshold
	_users != null
	_users <= threshold.monthly_active_users
	o := {
		"text": sprintf(
			"Keep evidence that monthly active users, affiliates included, were at most %s in the calendar month before %s",
			[licenses.grouped(threshold.monthly_active_users), threshold.measurement_date],
		),
		"section": threshold.section,
		"license": license.id,
	}
}
