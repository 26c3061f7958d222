# RED-NOTICE: a NOTICE duty (`notice`): distributed copies keep a "Notice"
# text file, with the exact string the license prescribes where it
# prescribes one (Llama, Gemma, Qwen, Mistral, NVIDIA, Stability), or the
# licensor's own notices (Apache-2.0 NOTICE files, MIT and CC notices). Due
# when the term's trigger is met (the RAIL licenses and DeepSeek attach their
# notice condition to hosting for third-party access too: the copy a hosted
# service runs keeps the notices); distribution.includes_notice must be true,
# or, where the license copy carries the notice (`in_license_copy`: MIT's
# copyright line sits in the licensor's license file),
# distribution.includes_license_copy.
package modelgate.rules.redistribution.notice

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-NOTICE",
	"title": "The NOTICE text the license prescribes goes with the model",
	"severity": "medium",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The notice duty of each binding license (example: Apache License 2.0)",
		"section": "4(d)",
		"url": "https://www.apache.org/licenses/LICENSE-2.0",
	},
	"description": concat(" ", [
		"Distributed copies must keep the notice each binding license asks for: a Notice file with",
		"the exact string where the license prescribes one, else the licensor's own notices.",
	]),
	"remediation": "Ship the Notice file with the model and declare distribution.includes_notice: true.",
}

_due contains license if {
	some license in data.modelgate.lib.licenses.known
	licenses.triggered(license.terms.notice.trigger)
	licenses.reaches(license.terms.notice)
}

default applies := false

applies if count(_due) > 0

# A binding model license whose record encodes no notice term: modelgate
# did not read its redistribution clauses (the record says so), so whether
# a notice must go with the weights cannot be told. Giving the weights to
# others without it then warns instead of not applying (fail closed).
_unread contains license if {
	input.distribution.weights == true
	some license in data.modelgate.lib.licenses.known
	license.kind == "model_license"
	not license.terms.notice
}

applies if count(_unread) > 0

warn contains v if {
	some license in _unread
	not input.distribution.includes_notice == true
	v := {
		"msg": sprintf(
			"the weights are given to others, and modelgate's record of the %s does not say whether a notice must go with them: its redistribution terms were not read [unverified: check the redistribution clauses of %s]",
			[license.name, license.name],
		),
		"path": "/distribution/includes_notice",
		"license": license.id,
		"citation": {"document": license.name, "section": "redistribution terms (not read)", "url": license.url},
		"remediation": "Have counsel read the license's redistribution terms, or ship the licensor's notices anyway and declare distribution.includes_notice: true.",
	}
}

_what(term) := sprintf("a \"Notice\" text file containing \"%s\"", [term.text]) if term.text

_what(term) := "the copyright, license and attribution notices the licensor supplies (its NOTICE file, if any)" if {
	not term.text
	not term.in_license_copy
}

_what(term) := "the licensor's copyright notice, as its license file carries it" if {
	not term.text
	term.in_license_copy
}

_shipped(term) if input.distribution.includes_notice == true

_shipped(term) if {
	term.in_license_copy
	input.distribution.includes_license_copy == true
}

# A notice condition that also binds hosting (distribution_or_hosted_service)
# reaches the copy a hosted service runs, which is never handed over.
_hosted_copy(term) := " (the copy a hosted service runs included)" if term.trigger == "distribution_or_hosted_service"

_hosted_copy(term) := "" if term.trigger != "distribution_or_hosted_service"

_how_to_declare(term) := "distribution.includes_notice: true" if not term.in_license_copy

_how_to_declare(term) := "distribution.includes_license_copy: true (the licensor's license file)" if term.in_license_copy

deny contains v if {
	some license in _due
	term := license.terms.notice
	not _shipped(term)
	v := {
		"msg": concat("", [sprintf(
			"%s without the notice %s requires: %s (section %s)",
			[licenses.how(term.trigger), license.name, _what(term), term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/includes_notice",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf("Ship %s with every copy%s, and declare %s.", [_what(term), _hosted_copy(term), _how_to_declare(term)]),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.notice
	o := {
		"text": sprintf("Keep %s in every copy distributed%s", [_what(term), _hosted_copy(term)]),
		"section": term.section,
		"license": license.id,
	}
}
