# RED-ATTRIBUTION: a license's public attribution (`attribution`): "Built
# with Llama", "Built with Qwen" or "Improved using Qwen", "Powered by
# Stability AI", "Built on NVIDIA Cosmos", or (CC BY) the credit the licensor
# asks for. Due when the
# term's trigger is met and the term reaches what leaves: a term marked
# built_models_only (Qwen 2024) only for a model built with the material or
# its outputs, never for the unmodified model; a term that does not cover
# models trained on outputs (Llama 3.1) not for a model trained only on
# them; a term scoped to some of the license's models (`models`: the NVIDIA
# Open Model License's "Built on NVIDIA Cosmos" binds its multimodal models)
# not for a model the catalog shows is outside that scope (a model it cannot
# describe is inside: fail closed). distribution.attribution must contain
# one of the accepted texts (case is ignored). An empty list of texts means the license
# prescribes no string: any non-empty attribution is accepted, and the
# obligation says what it must credit.
package modelgate.rules.redistribution.attribution

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-ATTRIBUTION",
	"title": "Public attribution the license requires",
	"severity": "high",
	"category": "redistribution",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The attribution duty of each binding license (example: Llama 3.1 Community License Agreement)",
		"section": "1.b.i(B)",
		"url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
	},
	"description": concat(" ", [
		"When the model, a derivative or a product built on it is distributed or made available,",
		"the attribution its license requires (\"Built with Llama\", \"Powered by Stability AI\", ...)",
		"must be shown.",
	]),
	"remediation": "Show the attribution the license requires and declare it in distribution.attribution.",
}

_due contains license if {
	some license in data.modelgate.lib.licenses.known
	term := license.terms.attribution
	licenses.triggered(term.trigger)
	licenses.reaches(term)
	_built(term)
	licenses.in_model_scope(object.get(term, "models", "all_models"))
}

# A term due only for a model built with the material (built_models_only,
# Qwen 2024): a fine-tune or other derivative, or, where the term covers
# them, a model trained on the outputs, that is distributed or made
# available. Serving or passing on the unmodified material does not count.
_built(term) if object.get(term, "built_models_only", false) == false

_built(term) if {
	term.built_models_only == true
	data.modelgate.lib.licenses.derivative
}

_built(term) if {
	term.built_models_only == true
	term.covers_models_trained_on_outputs == true
	data.modelgate.lib.licenses.trains_made_available
}

default applies := false

applies if count(_due) > 0

_shown := input.distribution.attribution

_given if {
	is_string(_shown)
	trim_space(_shown) != ""
}

_meets(term) if {
	_given
	count(term.texts) == 0
}

_meets(term) if {
	_given
	some text in term.texts
	contains(lower(_shown), lower(text))
}

_wanted(term) := concat(" or ", [sprintf("\"%s\"", [t]) | some t in term.texts]) if count(term.texts) > 0

_wanted(term) := "the credit the license asks for" if count(term.texts) == 0

deny contains v if {
	some license in _due
	term := license.terms.attribution
	not _given
	v := {
		"msg": concat("", [sprintf(
			"%s, but no attribution is declared: %s requires %s (section %s)",
			[licenses.how(term.trigger), license.name, _wanted(term), term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/attribution",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf("Display %s %s, and declare it in distribution.attribution.", [_wanted(term), term.placement]),
	}
}

deny contains v if {
	some license in _due
	term := license.terms.attribution
	_given
	not _meets(term)
	v := {
		"msg": concat("", [sprintf(
			"the attribution \"%s\" does not contain %s, which %s requires (section %s)",
			[_shown, _wanted(term), license.name, term.section],
		), licenses.checked(license, term)]),
		"path": "/distribution/attribution",
		"license": license.id,
		"citation": licenses.citation(license, term),
		"remediation": sprintf("Display %s %s.", [_wanted(term), term.placement]),
	}
}

obligations contains o if {
	some license in _due
	term := license.terms.attribution
	o := {
		"text": sprintf("Display %s %s", [_wanted(term), term.placement]),
		"section": term.section,
		"license": license.id,
	}
}
