# RED-USE-POLICY: a use policy incorporated into the license (`use_policy`)
# and how far it must be passed on, once the term's trigger is met.
#
# - `pass_down: required` (Gemma, the BigScience RAIL licenses, DeepSeek):
#   the restrictions must be an enforceable provision of every agreement
#   governing use or distribution, hosted services included where the
#   trigger says so; distribution.passes_use_policy must be true, else fail.
#   Gemma served as a hosted API without passing its restrictions on fails.
# - `pass_down: indirect` (Llama, the API terms): no clause has to be written
#   into downstream terms. The policy travels with the license copy, and the
#   licensee must not let others use the model against it. Decision: passing
#   the policy on directly, or shipping the license copy that carries it,
#   passes with the duty as an obligation; doing neither warns, because
#   nothing then carries the policy to users, but the license does not make
#   the missing clause itself a breach (a missing copy the license requires
#   is RED-LICENSE-COPY's failure).
# - `pass_down: none`: nothing to check.
package modelgate.rules.redistribution.use_policy

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-USE-POLICY",
	"title": "Use restrictions are passed on as the license requires",
	"severity": "high",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The use-policy pass-down of each binding license (example: Gemma Terms of Use)",
		"section": "3.1",
		"url": "https://ai.google.dev/gemma/terms",
	},
	"description": concat(" ", [
		"When the model or a derivative is distributed (or offered as a service, where the license",
		"counts that), its use restrictions must reach recipients and users: written into their",
		"agreements where the license requires it, else carried by the license copy.",
	]),
	"remediation": concat(" ", [
		"Put the license's use restrictions into the terms of service or license that governs",
		"recipients and users, tell them the restrictions apply, and declare",
		"distribution.passes_use_policy: true.",
	]),
}

_due contains license if {
	some license in data.modelgate.lib.licenses.known
	term := license.terms.use_policy
	term.pass_down != "none"
	licenses.triggered(term.trigger)
	licenses.reaches(term)
}

default applies := false

applies if count(_due) > 0

_passes := input.distribution.passes_use_policy == true

# The finding cites the license clause that incorporates the policy; the
# message says where the policy itself is.
_policy_at(term) := sprintf("; the %s: %s", [term.name, term.url]) if term.url

_policy_at(term) := "" if not term.url

# An indirect policy travels with the license copy (pass_down: indirect), so
# it is carried when the copy goes with the model, whether or not the record
# states a copy duty of its own (Cohere's use addendum is attached to the CC
# BY-NC text it amends).
# A vendor's API terms (kind api_terms) are a contract with the customer only:
# a copy given to the customer's users binds them to nothing, so it carries no
# policy, and the fix names only the customer's own terms.
_carried(license) if {
	input.distribution.includes_license_copy == true
	not _api_terms(license)
}

_api_terms(license) if object.get(license, "kind", "") == "api_terms"

_unbound(license, term) := sprintf(
	"the %s neither binds its users nor travels with a copy of the %s",
	[term.name, license.name],
) if not _api_terms(license)

_unbound(license, term) := sprintf(
	"nothing binds its users to the %s: the %s is a contract with the vendor's customer only, so a copy of it given to users carries nothing to them",
	[term.name, license.name],
) if _api_terms(license)

_indirect_fix(license) := concat(" ", [
	"Bind users to the policy in your terms (distribution.passes_use_policy: true), or ship the",
	"license copy that incorporates it (distribution.includes_license_copy: true).",
]) if not _api_terms(license)

_indirect_fix(license) := "Bind users to the policy in your own terms of service (distribution.passes_use_policy: true)." if _api_terms(license)

deny contains v if {
	some license in _due
	term := license.terms.use_policy
	term.pass_down == "required"
	not _passes
	v := {
		"msg": concat("", [sprintf(
			"%s, but its users and recipients are not bound by the %s: %s requires the restrictions as an enforceable provision of every agreement governing its use or distribution (section %s)%s",
			[licenses.how(term.trigger), term.name, license.name, term.section, _policy_at(term)],
		), licenses.checked(license, term)]),
		"path": "/distribution/passes_use_policy",
		"license": license.id,
		"citation": licenses.citation(license, term),
	}
}

warn contains v if {
	some license in _due
	term := license.terms.use_policy
	term.pass_down == "indirect"
	not _passes
	not _carried(license)
	v := {
		"msg": concat("", [sprintf(
			"%s, but %s; the licensee must still not let others use the model against it (section %s)%s",
			[licenses.how(term.trigger), _unbound(license, term), term.section, _policy_at(term)],
		), licenses.checked(license, term)]),
		"path": "/distribution/passes_use_policy",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": _indirect_fix(license),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.use_policy
	term.pass_down == "required"
	o := {
		"text": sprintf(
			"Keep the %s restrictions as an enforceable provision in every agreement that governs use or distribution of the model (terms of service included), and tell users they apply",
			[term.name],
		),
		"section": term.section,
		"license": license.id,
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.use_policy
	term.pass_down == "indirect"
	o := {
		"text": sprintf("Do not let users or recipients use the model against the %s", [term.name]),
		"section": term.section,
		"license": license.id,
	}
}
