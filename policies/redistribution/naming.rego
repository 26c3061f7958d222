# RED-NAMING: a license's naming rule for derivatives (`derivative_naming`):
# Llama 3.1 and later require "Llama" at the beginning of the name of any AI
# model built with the Llama materials, or with their outputs, that is
# distributed or made available (Llama 3: "Llama 3").
#
# Due for a derivative the proposal makes (use.fine_tune, model.base_model,
# or a model outside the catalog under a license with a naming rule; not a
# catalog derivative someone else made and the proposal only hosts or
# mirrors) when the
# term's trigger is met (`distribution`: weights given to others;
# `distribution_or_hosted_service`: also a hosted service), and, where the
# term covers models trained on outputs, when the outputs train a model that
# is distributed or made available. distribution.name is checked: a
# namespace ("acme/") is ignored, case is ignored, and "-" and "_" count as
# spaces, so "acme/llama-3-support" begins with "Llama 3"; a number in the
# prefix must end where the name's does ("Llama-30B" does not).
package modelgate.rules.redistribution.naming

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-NAMING",
	"title": "Derivative names carry the prefix the license requires",
	"severity": "high",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The naming rule of each binding license (example: Llama 3.1 Community License Agreement)",
		"section": "1.b.i",
		"url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
	},
	"description": concat(" ", [
		"A derivative (or a model trained on outputs, where the license says so) that is distributed",
		"or made available must be published under a name that begins with the prefix its license",
		"requires (\"Llama\" for Llama 3.1 and later).",
	]),
	"remediation": "Publish the model under a name that begins with the prefix the license requires.",
}

# The naming sentence binds whoever uses the materials (or, where covered,
# their outputs) to create, train, fine-tune or improve a model: the
# proposal's organisation when it fine-tunes (use.fine_tune) or declares the
# derivative its own (model.base_model). A distillation whose student alone
# is given to others (licenses.outputs_only) is judged as outputs training:
# the name is due only where the term covers models trained on outputs.
# Hosting or mirroring a catalog model someone else derived
# (DeepSeek-R1-Distill-Llama) builds nothing: the name is the deriver's to
# choose, and RED-NAMING does not apply.
_made(term) if {
	input.use.fine_tune != null
	not data.modelgate.lib.licenses.outputs_only
}

_made(term) if input.model.base_model != null

# A model outside the catalog published under a license with a naming rule
# was, on the safe reading, built with the licensed materials.
_made(term) if input.resolved.model == null

_made(term) if {
	term.covers_models_trained_on_outputs == true
	data.modelgate.lib.licenses.trains_made_available
}

_due contains license if {
	some license in data.modelgate.lib.licenses.known
	term := license.terms.derivative_naming
	licenses.triggered(term.trigger)
	_made(term)
}

default applies := false

applies if count(_due) > 0

_name := input.distribution.name

# A name reduced for comparison: no namespace, lower case, "-" and "_" as spaces.
_plain(name) := lower(replace(replace(parts[count(parts) - 1], "-", " "), "_", " ")) if {
	is_string(name)
	parts := split(name, "/")
}

_named(prefix) if {
	name := _plain(_name)
	wanted := _plain(prefix)
	startswith(name, wanted)
	not _number_goes_on(name, wanted)
}

# A prefix that ends in a number is not met by a name whose number goes on:
# "Llama 30B" does not begin with "Llama 3". ("Llama 3.1" and "Llama 3 8B" do.)
_digits := {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

_number_goes_on(name, wanted) if {
	count(name) > count(wanted)
	substring(wanted, count(wanted) - 1, 1) in _digits
	substring(name, count(wanted), 1) in _digits
}

deny contains v if {
	some license in _due
	term := license.terms.derivative_naming
	_name == null
	v := {
		"msg": concat("", [sprintf(
			"%s, but distribution.name is not declared: %s requires the name of a model built with it to begin with \"%s\" (section %s)",
			[licenses.how(term.trigger), license.name, term.prefix, term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/name",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf(
			"Declare distribution.name, beginning with \"%s\" (for example \"%s-Acme-Support\").",
			[term.prefix, replace(term.prefix, " ", "-")],
		),
	}
}

deny contains v if {
	some license in _due
	term := license.terms.derivative_naming
	_name != null
	not _named(term.prefix)
	v := {
		"msg": concat("", [sprintf(
			"the model is published as \"%s\", but %s requires the name of a model built with it to begin with \"%s\" (section %s)",
			[_name, license.name, term.prefix, term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/name",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf("Rename it so the name begins with \"%s\".", [term.prefix]),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.derivative_naming
	o := {
		"text": sprintf("Keep \"%s\" at the beginning of the model's name wherever it is published", [term.prefix]),
		"section": term.section,
		"license": license.id,
	}
}
