# LIC-OUTPUTS-TRAINING: using a model's outputs to train or improve another
# model (use.outputs_train_other_models), judged on each binding record's
# `outputs_training.rule`: `forbidden` fails (Llama 2 and 3, Tongyi Qianwen,
# Stability: the term's note names any exception, such as the licensor's own
# family); `forbidden_for_competing_models` warns, since only a reviewer can
# say whether the model trained competes with the vendor (the OpenAI,
# Anthropic and Gemini API terms); `conditional` passes with the condition as
# an obligation (Llama 3.1+: the "Llama" name prefix; Gemma and RAIL: the
# trained model is a derivative); `allowed` passes, and so does no term at
# all in a record read in full (verified or verified_copy).
# A ban worded for some kinds of model (`forbidden_for`: Llama 2 and 3 name
# large language models, Stability foundational generative models) fails only
# for the kind declared in use.outputs_trained_model; undeclared reads as a
# large language model, which every ban covers. Outside the ban, the limit
# comes with the pass as an obligation. A competing-models clause with an
# exception for the kind declared (`exceptions`: OpenAI's 17(a) for
# classifiers and embeddings kept internal) passes with the exception's limit
# as an obligation instead of warning. A record with no outputs term passes
# only when its text was read in full; an unread or partly read one warns.
package modelgate.rules.license.outputs_training

import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-OUTPUTS-TRAINING",
	"title": "Outputs used to train other models",
	"severity": "high",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The outputs clause of each binding license (example: Llama 2 Community License Agreement)",
		"section": "1.b.v",
		"url": "https://github.com/meta-llama/llama/blob/main/LICENSE",
	},
	"description": concat(" ", [
		"Using a model's outputs to train or improve another model must be allowed by every binding",
		"license: some forbid it, some forbid it only for models that compete with the vendor, and",
		"some attach conditions (naming, derivative status).",
	]),
	"remediation": concat(" ", [
		"Stop using the outputs to train other models, or choose a model whose license allows it;",
		"where the ban names only some kinds of model (large language models) and the model trained",
		"is of another kind, declare it in use.outputs_trained_model; if the model trained falls under",
		"another exception the license names, record a waiver (reason not_applicable) that says which.",
	]),
}

default applies := false

applies if input.use.outputs_train_other_models == true

# A distillation (use.fine_tune.method) trains another model on the model's
# outputs, whether or not outputs_train_other_models says so: not applying
# would pass a distillation of a model whose license forbids it.
applies if input.use.fine_tune.method == "distillation"

_flagged if input.use.outputs_train_other_models == true

_flag_path := "/use/outputs_train_other_models" if _flagged

_flag_path := "/use/fine_tune/method" if not _flagged

_distillation_note := "" if _flagged

_distillation_note := " The distillation declared in use.fine_tune.method trains another model on this model's outputs." if {
	not _flagged
}

_with(rule) := {license |
	some license in data.modelgate.lib.licenses.known
	license.terms.outputs_training.rule == rule
}

_note(term) := sprintf(" %s", [term.note]) if term.note

_note(term) := "" if not term.note

_condition(term) := term.condition if term.condition

_condition(term) := sprintf("see section %s", [term.section]) if not term.condition

# The kind of model trained, as declared, else a large language model.
_trained := object.get(input.use, "outputs_trained_model", null)

_kind := _trained if _trained != null

_kind := "large_language_model" if _trained == null

_kind_names := {
	"large_language_model": "a large language model",
	"other_generative_model": "a generative model other than a large language model",
	"non_generative_model": "a model that generates no content (a classifier, embedding, extraction or ranking model)",
}

_kinds_plural := {
	"large_language_model": "large language models",
	"other_generative_model": "other generative models",
	"non_generative_model": "non-generative models",
}

_banned(term) if count(object.get(term, "forbidden_for", [])) == 0

_banned(term) if _kind in term.forbidden_for

_scope_note(term) := "" if count(object.get(term, "forbidden_for", [])) == 0

_banned_kinds(term) := "models" if count(object.get(term, "forbidden_for", [])) == 0

_banned_kinds(term) := concat(" or ", [_kinds_plural[k] | some k in term.forbidden_for]) if {
	count(object.get(term, "forbidden_for", [])) > 0
}

_scope_note(term) := sprintf(
	" The ban covers %s only; the model trained %s %s%s.",
	[concat(" and ", [_kinds_plural[k] | some k in term.forbidden_for]), _taken_as, _kind_names[_kind], _declared_note],
) if count(object.get(term, "forbidden_for", [])) > 0

# A kind the proposal declares is stated as declared; only the default is
# "read as" one (the fail-safe reading).
_taken_as := "is declared as" if _trained != null

_taken_as := "is read as" if _trained == null

_declared_note := "" if _trained != null

# A classifier or embedding model built on a large language model (an LLM
# fine-tuned with a classification head, an LLM-based embedding model) may
# still be a large language model under a ban that names them.
_backbone_note(term) := "" if not "large_language_model" in object.get(term, "forbidden_for", [])

_backbone_note(term) := ", and a model built on a large language model (one fine-tuned as a classifier or an embedding model) may still count as one" if {
	"large_language_model" in object.get(term, "forbidden_for", [])
}

_declared_note := " (use.outputs_trained_model is not declared)" if _trained == null

deny contains v if {
	applies
	some license in _with("forbidden")
	term := license.terms.outputs_training
	_banned(term)
	v := {
		"msg": concat("", [sprintf(
			"%s forbids using the model or its outputs to train or improve other %s (section %s).%s%s%s",
			[license.name, _banned_kinds(term), term.section, _distillation_note, _note(term), _scope_note(term)],
		), licenses.checked(license, term)]),
		"path": _path,
		"license": license.id,
		"citation": licenses.citation(license, term),
	}
}

# An exception of the terms covers the kind of model trained (OpenAI's
# section 17(a): classifiers and embeddings kept internal). Only an exception
# whose record is at least partially verified turns the warning into a pass:
# an unverified one is named in the warning for the reviewer (an unknown is
# never read as a pass).
_exceptions(license, term) := [exception |
	some exception in _covering(term)
	_relied_on(license, exception)
]

_unconfirmed(license, term) := [exception |
	some exception in _covering(term)
	not _relied_on(license, exception)
]

_covering(term) := [exception |
	some exception in object.get(term, "exceptions", [])
	_kind in exception.trained_models
	_within(exception)
]

_relied_on(license, exception) if {
	object.get(exception, "verification", object.get(license, "verification", "unverified")) != "unverified"
}

_excepted(license, term) if count(_exceptions(license, term)) > 0

_exception_hint(license, term) := "" if count(_unconfirmed(license, term)) == 0

_exception_hint(license, term) := concat("", [
	sprintf(
		" Section %s may except %s%s, but modelgate's record of that exception is unverified: a reviewer who finds it in the text of %s may rely on it.",
		[exception.section, _kind_names[_kind], _kept_clause(exception), license.name],
	) |
	some exception in _unconfirmed(license, term)
]) if count(_unconfirmed(license, term)) > 0

_within(exception) if object.get(exception, "kept_internal", false) == false

_within(exception) if {
	object.get(exception, "kept_internal", false) == true
	not _trained_model_leaves
}

_trained_model_leaves if licenses.triggered("distribution_or_hosted_service")

warn contains v if {
	applies
	some license in _with("forbidden_for_competing_models")
	term := license.terms.outputs_training
	not _excepted(license, term)
	v := {
		"msg": concat("", [sprintf(
			"%s forbids using outputs to develop models that compete with the vendor (section %s): a reviewer must confirm the model trained does not compete.%s%s%s",
			[license.name, term.section, _distillation_note, _note(term), _exception_hint(license, term)],
		), licenses.checked(license, term)]),
		"path": _flag_path,
		"license": license.id,
		"citation": licenses.citation(license, term),
		# Waivers cover failures only: the warning stays for the reviewer.
		"remediation": concat(" ", [
			"Record what the trained model does and why it does not compete with the vendor's products,",
			"and keep that with the review, or train on another model's outputs.",
		]),
	}
}

# A record set aside because it does not govern the service used (the
# OpenAI Services Agreement for GPT-4o on Azure OpenAI): the outputs were
# judged against no terms, which is not a pass (fail closed).
warn contains v if {
	applies
	some license in data.modelgate.lib.licenses.out_of_scope
	v := {
		"msg": licenses.unread_here(license, "the outputs train another model, and no terms on that were checked"),
		"path": _flag_path,
		"license": license.id,
		"citation": {"document": license.name, "section": "scope", "url": license.url},
		"remediation": licenses.unread_here_remediation("the use of outputs to train other models"),
	}
}

# A record with no outputs term whose text was not read in full (the Mistral
# Non-Production License, the Cohere C4AI addendum, the Falcon licenses: the
# fact sheets tag their outputs terms [U]) cannot show that outputs may train
# other models: silence there is an unread clause, not a permission (fail
# closed). A record read in full with no such term (Apache-2.0, MIT) passes.
_silent_unread contains license if {
	some license in data.modelgate.lib.licenses.known
	not license.terms.outputs_training
	not object.get(license, "verification", "unverified") in {"verified", "verified_copy"}
}

warn contains v if {
	applies
	some license in _silent_unread
	level := object.get(license, "verification", "unverified")
	v := {
		"msg": sprintf(
			"the outputs train another model, but modelgate's record of %s holds no term on using its outputs to train other models and its text was not read in full, so a ban or condition there cannot be ruled out.%s [%s: check the outputs terms of %s]",
			[license.name, _distillation_note, level, license.name],
		),
		"path": _flag_path,
		"license": license.id,
		"citation": {"document": license.name, "section": "outputs terms (not read)", "url": license.url},
		"remediation": sprintf(
			"Read what %s says about outputs used to train other models (%s) and keep the result with the review, or train on the outputs of a model whose license modelgate has read.",
			[license.name, license.url],
		),
	}
}

_path := "/use/outputs_trained_model" if _trained != null

_path := _flag_path if _trained == null

# A ban that does not cover the kind declared: the limit comes with the pass.
obligations contains o if {
	applies
	some license in _with("forbidden")
	term := license.terms.outputs_training
	not _banned(term)
	o := {
		"text": concat("", [sprintf(
			"Keep the model trained on the outputs %s: %s forbids training %s on them%s",
			[_kind_names[_kind], license.name, concat(" or ", [_kinds_plural[k] | some k in term.forbidden_for]), _backbone_note(term)],
		), licenses.checked(license, term)]),
		"section": term.section,
		"license": license.id,
	}
}

obligations contains o if {
	applies
	some license in _with("conditional")
	term := license.terms.outputs_training
	o := {
		"text": sprintf("Outputs may train other models on a condition: %s", [_condition(term)]),
		"section": term.section,
		"license": license.id,
	}
}

obligations contains o if {
	applies
	some license in _with("forbidden_for_competing_models")
	term := license.terms.outputs_training
	some exception in _exceptions(license, term)
	o := {
		"text": concat("", [sprintf(
			"Keep the model trained on the outputs %s%s: only then does the exception of section %s of %s allow training it",
			[_kind_names[_kind], _internal_note(exception), exception.section, license.name],
		), licenses.checked(license, exception)]),
		"section": exception.section,
		"license": license.id,
	}
}

_internal_note(exception) := ", and neither distribute it nor make it available to others" if {
	object.get(exception, "kept_internal", false) == true
}

_internal_note(exception) := "" if object.get(exception, "kept_internal", false) == false

_kept_clause(exception) := " that is neither distributed nor made available to others" if {
	object.get(exception, "kept_internal", false) == true
}

_kept_clause(exception) := "" if object.get(exception, "kept_internal", false) == false

obligations contains o if {
	applies
	some license in _with("forbidden_for_competing_models")
	term := license.terms.outputs_training
	not _excepted(license, term)
	o := {
		"text": "Keep any model trained on the outputs from competing with the vendor's products and services",
		"section": term.section,
		"license": license.id,
	}
}
