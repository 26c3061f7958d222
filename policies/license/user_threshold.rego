# LIC-USER-THRESHOLD: monthly-active-user ceilings other than the Llama
# Community Licenses' snapshot clause (LIC-LLAMA-MAU keeps that one): for
# example the Tongyi Qianwen (2023) and Qwen (2024) agreements, under which a
# commercial product or service with more than 100 million monthly active
# users needs a license from Alibaba Cloud, tested at any time.
#
# Read from the term: `applies_to: commercial_use` ceilings bind only
# commercial use; `measured: continuous` ceilings are tested against today's
# figure; `measured: snapshot` ceilings against the figure for the window the
# license fixes, which the proposal cannot show, so today's figure stands in
# (and a waiver records a lower figure for the window). The proposal's
# figure counts every product using the model, affiliates included; for a
# per-product ceiling (`scope: product_or_service`) that overstates a single
# product, so an excess fails and a waiver records the per-product figures.
package modelgate.rules.license.user_threshold

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-USER-THRESHOLD",
	"title": "Monthly-active-user ceilings (other than Llama's)",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The user ceiling of each binding license (example: Tongyi Qianwen LICENSE AGREEMENT)",
		"section": "4",
		"url": "https://github.com/QwenLM/Qwen/blob/main/Tongyi%20Qianwen%20LICENSE%20AGREEMENT",
	},
	"description": concat(" ", [
		"A license with a monthly-active-user ceiling grants no rights above it (Tongyi Qianwen: more",
		"than 100 million users of a commercial product; the 2024 Qwen agreement's same ceiling is",
		"unverified); the figure the proposal declares is tested as the license measures it, and an",
		"undeclared figure warns.",
	]),
	"remediation": concat(" ", [
		"Request a license from the licensor and record it as a waiver (reason license_acquired), or",
		"choose a model whose license has no user ceiling.",
	]),
}

_users := input.organization.monthly_active_users

# Known records with a user ceiling that binds this use.
_binding contains license if {
	some license in data.modelgate.lib.licenses.known
	threshold := license.terms.user_threshold
	not licenses.meta_mau_clause(license)
	_binds(threshold)
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

_when(threshold) := "at any time" if threshold.measured == "continuous"

_when(threshold) := sprintf("in the window anchored on %s", [threshold.measurement_date]) if {
	threshold.measured == "snapshot"
}

deny contains v if {
	some license in _binding
	threshold := license.terms.user_threshold
	_users != null
	_users > threshold.monthly_active_users
	v := {
		"msg": concat("", [sprintf(
			"%s monthly active users exceed the %s ceiling of %s for %s, measured %s (section %s): %s",
			[
				licenses.grouped(_users), license.name, licenses.grouped(threshold.monthly_active_users), _whose(threshold),
				_when(threshold), threshold.section, threshold.consequence,
			],
		), licenses.checked(license, threshold)]),
		"path": "/organization/monthly_active_users",
		"license": license.id,
		"citation": licenses.citation(license, threshold),
		"remediation": sprintf(
			concat(" ", [
				"Request a license from the licensor and record it as a waiver (reason license_acquired).",
				"If the ceiling counts %s and none is above %s as the license measures it, record the",
				"figures with a waiver (reason not_applicable).",
			]),
			[_whose(threshold), licenses.grouped(threshold.monthly_active_users)],
		),
	}
}

warn contains v if {
	some license in _binding
	threshold := license.terms.user_threshold
	_users == null
	v := {
		"msg": concat("", [sprintf(
			"monthly active users are not declared: the %s ceiling of %s (section %s) cannot be checked",
			[license.name, licenses.grouped(threshold.monthly_active_users), threshold.section],
		), licenses.checked(license, threshold)]),
		"path": "/organization/monthly_active_users",
		"license": license.id,
		"citation": licenses.citation(license, threshold),
		"remediation": "Declare organization.monthly_active_users (products and services using the model, affiliates included).",
	}
}

obligations contains o if {
	some license in _binding
	threshold := license.terms.user_threshold
	threshold.measured == "continuous"
	_users != null
	_users <= threshold.monthly_active_users
	o := {
		"text": sprintf(
			"Track the monthly active users of %s at all times: above %s, %s grants no rights until the licensor grants a separate license",
			[_whose(threshold), licenses.grouped(threshold.monthly_active_users), license.name],
		),
		"section": threshold.section,
		"license": license.id,
	}
}

obligations contains o if {
	some license in _binding
	threshold := license.terms.user_threshold
	threshold.measured == "snapshot"
	_users != null
	_users <= threshold.monthly_active_users
	o := {
		"text": sprintf(
			"Keep evidence that the monthly active users of %s were at most %s in the window anchored on %s",
			[_whose(threshold), licenses.grouped(threshold.monthly_active_users), threshold.measurement_date],
		),
		"section": threshold.section,
		"license": license.id,
	}
}
