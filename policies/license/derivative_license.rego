# LIC-DERIVATIVE-LICENSE: a proposal that declares its own license
# (model.license) leaving out a license that binds the model anyway: its base
# model's (model.base_model, or a catalog model with a base), or, for a model
# in the catalog, the catalog's own license for it (a Llama model declared
# MIT). Those licenses bind whatever the proposal says (DESIGN §3): the engine
# already judges them with the declared one, so this warns, naming them, so
# that nobody reads the declared license as the whole story. A separate
# agreement with the licensor is recorded as a waiver.
#
# It fails when the weights are given to others without a copy of the
# license (distribution.includes_license_copy false): recipients would then
# take the weights under the declared license alone, while the other license
# binds them. (RED-LICENSE-COPY fails the missing copy as a duty of the base
# license where the license states one; this rule fails the relabelling
# itself, whether or not the base license states a copy duty.)
#
# Licenses are compared as sets of catalog ids: each name in model.license is
# resolved through the binding records' ids and aliases, case-insensitively;
# the base's license comes from its catalog record, the catalog model's from
# input.resolved.license.catalog (its license as deployed).
package modelgate.rules.license.derivative_license

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-DERIVATIVE-LICENSE",
	"title": "A declared license does not replace the catalog's or the base model's",
	"severity": "high",
	"category": "license",
	# Findings cite the base license at fault; this is the example shown for a
	# pass and by `modelgate explain`.
	"citation": {
		"document": "The base model's license (example: Llama 3.1 Community License Agreement)",
		"section": "1.b.i(A)",
		"url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
	},
	"description": concat(" ", [
		"A fine-tune or other derivative stays bound by its base model's license, and a catalog",
		"model by its catalog license, whatever license the proposal declares; a declared license",
		"that leaves them out is flagged, and distributing the weights under it without them fails.",
	]),
	"remediation": concat(" ", [
		"Declare the model under its base model's or catalog license as well (model.license:",
		"\"<own> AND <base>\"), and give recipients a copy of that license; record a separate",
		"agreement with the licensor as a waiver.",
	]),
}

# The models whose licenses bind whatever is declared, each with the license
# expression that binds and how the model relates to the proposal's.
_upstream contains {"id": input.resolved.model.id, "license": input.resolved.license.catalog, "self": true} if {
	is_string(input.resolved.license.catalog)
}

_upstream contains {"id": base.id, "license": base.license, "self": false} if {
	base := input.resolved.lineage[0]
}

default applies := false

applies if {
	input.resolved.license.source == "proposal"
	input.model.license != null
	count(_upstream) > 0
}

applies if _llama_by_name

# A model outside the catalog that names no base model, whose id carries
# "Llama" while no Llama license binds it: Llama 3.1 and later ask that a
# model built with Llama Materials carry "Llama" at the start of its name
# (1.b.i), so such an id most likely names a Llama derivative, and the Llama
# license would bind it whatever is declared (the 700 million user ceiling,
# attribution and naming with it). It is a warning, not a finding of fact:
# some models take the name without Meta's weights (TinyLlama and OpenLLaMA
# were trained from scratch).
_llama_by_name if {
	input.resolved.model == null
	count(input.resolved.lineage) == 0
	input.model.base_model == null
	count(_card_bases) == 0
	contains(lower(input.model.id), "llama")
	not _llama_license_binds
}

_card_bases := object.get(input.resolved.card, "base_models", []) if is_object(input.resolved.card)

_card_bases := [] if not is_object(input.resolved.card)

_llama_license_binds if {
	some license in input.resolved.licenses
	license.family == "llama"
}

# The license names of an expression: operators and parentheses dropped.
_names(expr) := {t |
	some raw in split(replace(replace(expr, "(", " "), ")", " "), " ")
	t := trim_space(raw)
	t != ""
	not upper(t) in {"AND", "OR", "WITH"}
} if is_string(expr)

# A name as a catalog id: the binding record it names (by id or alias,
# case-insensitively), else the name itself.
_id(name) := license.id if {
	some license in input.resolved.licenses
	_aliases(license)[lower(name)]
}

_id(name) := name if not _resolves(name)

_resolves(name) if {
	some license in input.resolved.licenses
	_aliases(license)[lower(name)]
}

_aliases(license) := {lower(license.id)} | {lower(a) | some a in object.get(license, "aliases", [])}

_declared := {_id(name) | some name in _names(input.model.license)} if applies

# Upstream licenses the declared license leaves out, as [model, binding
# record] pairs. Another dated text of the same terms (Gemma's 2024 and 2025
# Terms of Use, whose `gemma` id names no date) is not a relabelling: both
# texts are judged. A license left out by both the catalog model and its base
# is reported once, for the catalog model.
_left_out contains [model, license] if {
	applies
	some model in _upstream
	some id in {_id(name) | some name in _names(model.license)} - _declared
	some license in input.resolved.licenses
	license.id == id
	not _other_text_declared(license)
	not _left_out_by_the_model_itself(model, license)
}

_left_out_by_the_model_itself(model, license) if {
	model.self == false
	some other in _upstream
	other.self == true
	license.id in {_id(name) | some name in _names(other.license)}
}

_other_text_declared(license) if {
	some declared in input.resolved.licenses
	declared.id in _declared
	declared.id != license.id
	declared.family == license.family
	declared.name == license.name
}

_name(license) := license.name if license.name

_name(license) := license.id if not license.name

_citation(license) := licenses.citation(license, license.terms.license_copy) if license.terms.license_copy

_citation(license) := licenses.citation(license, license.terms.commercial_use) if {
	license.known == true
	not license.terms.license_copy
}

_message(model, license) := sprintf(
	"%s is declared under %s, but the catalog has it under %s (%s): the catalog's license binds whatever the proposal declares and is judged with it (a separate agreement with the licensor is recorded as a waiver)",
	[data.modelgate.lib.licenses.model_label, input.model.license, license.id, _name(license)],
) if model.self == true

_message(model, license) := sprintf(
	"%s is declared under %s, but it derives from %s, which is under %s (%s): the base license binds the derivative anyway and is judged with it",
	[data.modelgate.lib.licenses.model_label, input.model.license, model.id, license.id, _name(license)],
) if model.self == false

_shipped_without_copy if {
	input.distribution.weights == true
	input.distribution.includes_license_copy != true
}

deny contains v if {
	_shipped_without_copy
	some [model, license] in _left_out
	v := _violation(license, sprintf(
		"%s; its weights are given to others without a copy of the license, so recipients would take them under %s alone",
		[_message(model, license), input.model.license],
	))
}

warn contains v if {
	not _shipped_without_copy
	some [model, license] in _left_out
	v := _violation(license, _message(model, license))
}

warn contains v if {
	_llama_by_name
	v := {
		"msg": sprintf(
			"%s is not in the catalog and names no base model, but its id carries \"Llama\" while the proposal declares %s: if it is built on Meta's Llama models, their license binds it whatever is declared, and the Llama rules (700 million monthly active users, attribution, naming) apply; models that only borrow the name (TinyLlama, OpenLLaMA) are not bound",
			[input.model.id, _declared_text],
		),
		"path": "/model/id",
		"remediation": "If the model is built on Llama, declare its Llama base in model.base_model (the catalog id, e.g. meta-llama/Llama-3.1-70B-Instruct) and its Llama license in model.license; if it is not, record that with a waiver (reason not_applicable) naming where the model's own training is documented.",
		"citation": {
			"document": "Llama 3.1 Community License Agreement",
			"section": "1.b.i",
			"url": "https://github.com/meta-llama/llama-models/blob/main/models/llama3_1/LICENSE",
		},
	}
}

_declared_text := input.model.license if is_string(input.model.license)

_declared_text := sprintf("%s (from its model card)", [input.resolved.license.expression]) if not is_string(input.model.license)

_violation(license, msg) := {
	"msg": msg,
	"path": "/model/license",
	"license": license.id,
	"citation": _citation(license),
}

# A base license without a record (never from the catalog, which is checked
# when it loads) has nothing to cite; LIC-UNKNOWN fails it too.
_violation(license, msg) := {
	"msg": msg,
	"path": "/model/license",
	"license": license.id,
} if not license.known == true

obligations contains o if {
	some [_, license] in _left_out
	o := {
		"text": sprintf(
			"Name %s beside %s wherever the model is published, and give its terms to every recipient",
			[license.id, input.model.license],
		),
		"license": license.id,
	}
}
