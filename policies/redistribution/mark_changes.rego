# RED-MARK-CHANGES: a duty to mark modifications (`modification_notice`):
# modified files carry a prominent notice that they were changed
# (Apache-2.0 §4(b), the RAIL licenses, Gemma, Qwen, Mistral, CC BY's
# "indicate changes"). Due when a modified model is distributed: a
# fine-tune or other derivative (use.fine_tune, or a model with a base; a
# third party's derivative keeps the notices its maker added; not a student
# distilled from the model and given to others alone, which modifies none of
# its files) and the term's trigger is met; distribution.marks_modifications
# must be true.
package modelgate.rules.redistribution.mark_changes

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-MARK-CHANGES",
	"title": "Modified files say they were changed",
	"severity": "medium",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The modification-notice duty of each binding license (example: Apache License 2.0)",
		"section": "4(b)",
		"url": "https://www.apache.org/licenses/LICENSE-2.0",
	},
	"description": concat(" ", [
		"When a fine-tune or other derivative is distributed, the files changed from the licensed",
		"model must carry a prominent notice that they were modified.",
	]),
	"remediation": "Add a notice of change to every modified file (a model card section, or a header in changed files) and declare distribution.marks_modifications: true.",
}

_due contains license if {
	data.modelgate.lib.licenses.derivative
	not data.modelgate.lib.licenses.outputs_only
	some license in data.modelgate.lib.licenses.known
	licenses.triggered(license.terms.modification_notice.trigger)
}

default applies := false

applies if count(_due) > 0

deny contains v if {
	some license in _due
	term := license.terms.modification_notice
	input.distribution.marks_modifications != true
	v := {
		"msg": concat("", [sprintf(
			"a modified model is distributed (%s), but the changes are not marked: %s requires modified files to say they were changed (section %s)",
			[licenses.how(term.trigger), license.name, term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/marks_modifications",
		"license": license.id,
		"citation": licenses.citation(license, term),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.modification_notice
	o := {
		"text": "Keep a prominent notice of change on every file modified from the licensed model",
		"section": term.section,
		"license": license.id,
	}
}
