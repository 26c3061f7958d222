# LIC-PROHIBITED-USE: the fields of use a proposal declares (use.purposes)
# against each binding record's `prohibited_uses`, which map a license's or
# use policy's restrictions onto the proposal's purpose vocabulary.
# `forbidden` fails; `conditional` (for example medical advice, forbidden only
# as the unlicensed practice of a profession) warns and names the condition.
# A declared purpose no license restricts passes; the use policies that bind
# all use are listed as obligations. A restriction may also name data classes
# that can put a use in its field (export-controlled data may be ITAR
# technical data, which the Llama use policies exclude): such data warns,
# since the class alone does not tell ITAR from EAR, unless the purpose is
# declared, when the purpose's own finding says it.
package modelgate.rules.license.prohibited_use

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-PROHIBITED-USE",
	"title": "Declared purposes against the licenses' prohibited uses",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The use restrictions of each binding license (example: Llama 3.1 Acceptable Use Policy)",
		"section": "1-4",
		"url": "https://llama.meta.com/llama3_1/use-policy",
	},
	"description": concat(" ", [
		"Each field of use the proposal declares (medical advice, military, automated decisions, ...)",
		"is checked against the restrictions of every binding license and its use policy: a forbidden",
		"use fails, a use allowed only on a condition warns.",
	]),
	"remediation": "Drop the purpose, or choose a model whose license does not restrict it.",
}

_purposes := object.get(input, ["use", "purposes"], [])

_policies := licenses.with_term("use_policy")

default applies := false

applies if count(_purposes) > 0

applies if count(_data_hits) > 0

applies if {
	some license in data.modelgate.lib.licenses.known
	count(object.get(license.terms, "prohibited_uses", [])) > 0
}

applies if count(_policies) > 0

# Each restriction a declared purpose runs into: [index, license, item].
_hits contains [i, license, item] if {
	some i, purpose in _purposes
	some license in data.modelgate.lib.licenses.known
	some item in license.terms.prohibited_uses
	item.purpose == purpose
}

deny contains v if {
	some [i, license, item] in _hits
	item.effect == "forbidden"
	v := {
		"msg": concat("", [sprintf(
			"the declared purpose %s is forbidden by %s (section %s): %s",
			[item.purpose, license.name, item.section, item.description],
		), licenses.checked(license, item)]),
		"path": sprintf("/use/purposes/%d", [i]),
		"license": license.id,
		"citation": licenses.citation(license, item),
	}
}

warn contains v if {
	some [i, license, item] in _hits
	item.effect == "conditional"
	v := {
		"msg": concat("", [sprintf(
			"the declared purpose %s is allowed by %s only on a condition (section %s): %s",
			[item.purpose, license.name, item.section, item.description],
		), licenses.checked(license, item)]),
		"path": sprintf("/use/purposes/%d", [i]),
		"license": license.id,
		"citation": licenses.citation(license, item),
		# Waivers cover failures only: the warning stays for the reviewer.
		"remediation": _condition_fix(item.purpose),
	}
}

# How a reviewer is shown a condition is met. A licensed professional
# answers the professions' conditions only: biometric identification, minors
# or automated decisions turn on the law, consent or human review that the
# condition itself names.
_professions := {"medical_advice", "legal_advice", "financial_advice"}

_condition_fix(purpose) := concat(" ", [
	"Show the reviewer how the condition is met (for example a licensed professional reviews",
	"every answer) and keep that with the review, or drop the purpose.",
]) if purpose in _professions

_condition_fix(purpose) := concat(" ", [
	"Show the reviewer how the condition the message quotes is met (for example the legal basis,",
	"the consent or the human review it requires) and keep that with the review, or drop the purpose.",
]) if not purpose in _professions

# A use policy modelgate has not read in full (its `contents_verification`,
# else the use_policy term's level, is below verified_copy: the Stability AI,
# Cohere, Anthropic and Falcon 180B use policies, NVIDIA's Trustworthy AI
# terms, the OpenAI Usage Policies) cannot show that a declared purpose its record does not list is
# unrestricted: the purpose warns, naming the policy to check, instead of
# passing (fail closed). [index, license]
_unread_gaps contains [i, license] if {
	some i, purpose in _purposes
	some license in _policies
	not _contents_settled(license)
	not _lists(license, purpose)
}

_contents_level(license) := object.get(
	license.terms.use_policy,
	"contents_verification",
	object.get(license.terms.use_policy, "verification", object.get(license, "verification", "unverified")),
)

_contents_settled(license) if _contents_level(license) in {"verified", "verified_copy"}

_lists(license, purpose) if {
	some item in object.get(license.terms, "prohibited_uses", [])
	item.purpose == purpose
}

warn contains v if {
	some [i, license] in _unread_gaps
	term := license.terms.use_policy
	v := {
		"msg": sprintf(
			"the declared purpose %s is not among the restrictions modelgate records for %s, but its record of the %s is %s, not read in full: whether the policy restricts this use was not checked",
			[_purposes[i], license.name, term.name, _contents_level(license)],
		),
		"path": sprintf("/use/purposes/%d", [i]),
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf(
			"Check the purpose against the current text of the %s (%s) and keep the result with the review; if the policy restricts it, drop the purpose or choose another model.",
			[term.name, object.get(term, "url", license.url)],
		),
	}
}

# A record that does not govern the service used (the OpenAI Services
# Agreement for GPT-4o on Azure OpenAI) was set aside, and the terms that do
# govern there are not in the catalog: a declared purpose was checked
# against nothing, so it warns instead of passing (LIC-UNKNOWN says the
# same of the whole record).
warn contains v if {
	some i, purpose in _purposes
	some license in data.modelgate.lib.licenses.out_of_scope
	v := {
		"msg": licenses.unread_here(license, sprintf("the declared purpose %s was not checked against any use restrictions", [purpose])),
		"path": sprintf("/use/purposes/%d", [i]),
		"license": license.id,
		"citation": {"document": license.name, "section": "scope", "url": license.url},
		"remediation": licenses.unread_here_remediation(sprintf("the purpose %s", [purpose])),
	}
}

_classes := object.get(input, ["data", "classes"], [])

# Each restriction a declared data class may fall under, when the proposal
# does not declare the restricted purpose itself: [index, license, item].
_data_hits contains [i, license, item] if {
	some i, class in _classes
	some license in data.modelgate.lib.licenses.known
	some item in license.terms.prohibited_uses
	class in object.get(item, "data_classes", [])
	not item.purpose in _purposes
}

warn contains v if {
	some [i, license, item] in _data_hits
	v := {
		"msg": concat("", [sprintf(
			"the data includes %s material, and %s %s (section %s): %s; if the data falls under that restriction, this use does too",
			[_classes[i], license.name, _effect_words[item.effect], item.section, trim_right(item.description, ".")],
		), licenses.checked(license, item)]),
		"path": sprintf("/data/classes/%d", [i]),
		"license": license.id,
		"citation": licenses.citation(license, item),
		"remediation": sprintf(
			"Have the %s data classified against the restriction: if it falls under it, choose a model whose license allows the use; if not, keep that classification with the review.",
			[_classes[i]],
		),
	}
}

_effect_words := {"forbidden": "forbids", "conditional": "restricts"}

obligations contains o if {
	some license in _policies
	term := license.terms.use_policy
	o := {
		"text": sprintf(
			"Keep every use of the model, your users' included, within the %s; declare any restricted field of use in use.purposes",
			[term.name],
		),
		"section": term.section,
		"license": license.id,
	}
}
