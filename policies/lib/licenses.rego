# License terms as the license and redistribution rules read them: the
# records that bind a proposal (input.resolved.licenses), whether a
# redistribution trigger is met, whether the model is a derivative, and the
# citation of a term. Rules judge terms, never license ids or names.
#
# Rules name this package's rules by their full path
# (data.modelgate.lib.licenses.known), its functions through the import
# (licenses.citation(...)): regorus's VM compiles `licenses.known` after
# `import data.modelgate.lib.licenses` as a lookup of the whole package, which
# costs every rule of it (docs/engine-notes.md, "Performance").
package modelgate.lib.licenses

import rego.v1

# known is the set of binding license records that exist in the catalog,
# less those that do not govern the service used (out_of_scope).
known := [license |
	some license in input.resolved.licenses
	license.known == true
	not _outside(license)
]

# out_of_scope is the set of catalog records that name the services they
# govern (`governed_services`: the Gemini API terms govern the Gemini API,
# not Gemini on Vertex AI) when the proposal's service, as named or defaulted
# (modelgate.lib.provider), is known and not among them. Their terms are not
# applied; LIC-UNKNOWN warns that the terms governing the model on that
# service are not in the catalog. A service that cannot be told (a provider
# without facts, on premises) keeps the record binding (fail closed).
out_of_scope := [license |
	some license in input.resolved.licenses
	license.known == true
	_outside(license)
]

# unread_here(license, what) is the warning of a rule whose term a record
# out of scope would have stated: `what` (a declared purpose, outputs used
# for training) was judged against no terms at all, which is not a pass.
unread_here(license, what) := sprintf(
	"%s: the %s does not govern %s on %s (its scope is %s), and the terms that do are not in the catalog",
	[what, license.name, model_label, data.modelgate.lib.provider.input_service_id, concat(", ", license.governed_services)],
)

unread_here_remediation(term) := sprintf(
	"Check %s against the terms under which %s offers the model (its service terms and acceptable use policy) and keep the result with the review, or use the model on a service whose terms the catalog records.",
	[term, data.modelgate.lib.provider.input_service_id],
)

_outside(license) if {
	license.governed_services
	service := data.modelgate.lib.provider.input_service_id
	service != null
	not service in license.governed_services
}

# unknown is the set of binding license ids without a record (and the SPDX
# placeholders NOASSERTION and NONE, which never have one).
unknown := [license | some license in input.resolved.licenses; not license.known == true]

# with_term(name) is the set of known records that state term `name`
# (absent means "the license says nothing").
with_term(name) := {license | some license in known; license.terms[name]}

# citation(license, term) cites a term: the document that states it, the
# term's section and that document's URL. A term with its own URL, the use
# policy's, is stated in the use policy (an AUP item): the policy is named.
# The use-policy term itself is the license clause that incorporates the
# policy: the license is cited, at its own URL.
citation(license, term) := {
	"document": _document(license, term),
	"section": term.section,
	"url": _url(license, term),
}

_in_use_policy(license, term) if {
	term.url == license.terms.use_policy.url
	not _is_use_policy_term(license, term)
}

_is_use_policy_term(license, term) if term == license.terms.use_policy

_document(license, term) := license.terms.use_policy.name if _in_use_policy(license, term)

_document(license, term) := license.name if not _in_use_policy(license, term)

_url(license, term) := license.url if _is_use_policy_term(license, term)

_url(license, term) := object.get(term, "url", license.url) if not _is_use_policy_term(license, term)

# checked(license, term) is appended to a message that rests on a term: ""
# when the term was read in full (its own `verification`, else its
# record's, is verified or verified_copy), else " [<level>: ...]" so that a
# finding on a partly read or unread text says so. No level: unverified.
checked(license, term) := "" if _settled(license, term)

checked(license, term) := sprintf(
	" [%s: modelgate's record of this term was not read in full; check it against the text of %s]",
	[_level(license, term), license.name],
) if {
	not _settled(license, term)
}

_level(license, term) := object.get(term, "verification", object.get(license, "verification", "unverified"))

_settled(license, term) if _level(license, term) in {"verified", "verified_copy"}

# unknown_citation(license) cites what can be read about a license without a
# record: its page on the SPDX License List for an SPDX id; for a LicenseRef,
# NOASSERTION or NONE there is none, and the SPDX rule that such ids name no
# known license is cited.
unknown_citation(license) := {
	"document": sprintf("SPDX License List: %s", [license.id]),
	"section": "license text",
	"url": sprintf("https://spdx.org/licenses/%s.html", [license.id]),
} if {
	not _unlisted(license.id)
}

unknown_citation(license) := {
	"document": "SPDX Specification 2.3, License Expressions",
	"section": "Annex D",
	"url": "https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/",
} if {
	_unlisted(license.id)
}

_unlisted(id) if startswith(id, "LicenseRef-")

_unlisted(id) if startswith(id, "DocumentRef-")

_unlisted(id) if id in {"NOASSERTION", "NONE"}

# meta_mau_clause(license) holds for the user ceiling LIC-LLAMA-MAU judges:
# the Llama Community Licenses' snapshot clause. LIC-USER-THRESHOLD judges
# every other user ceiling, so the two rules never judge the same clause.
meta_mau_clause(license) if {
	license.family == "llama"
	license.terms.user_threshold
}

# triggered(trigger) holds when a redistribution duty with that trigger is
# due: `distribution` when weights (or derivatives) are given to others,
# `distribution_or_hosted_service` also when the model, or a product built on
# it, is offered to others as a service.
triggered(trigger) if {
	trigger in {"distribution", "distribution_or_hosted_service"}
	input.distribution.weights == true
}

triggered(trigger) if {
	trigger == "distribution_or_hosted_service"
	input.distribution.hosted_service == true
}

# how(trigger) says in words what met the trigger, for messages.
how(trigger) := "the weights are given to others" if {
	triggered(trigger)
	input.distribution.weights == true
}

how(trigger) := "the model is offered to others as a hosted service" if {
	trigger == "distribution_or_hosted_service"
	input.distribution.weights != true
	input.distribution.hosted_service == true
}

# derivative holds when the model is a fine-tune, distillation or other
# derivative: the proposal declares a fine-tune, or the model derives from a
# catalog model (model.base_model, or a catalog model with a base).
derivative if input.use.fine_tune != null

derivative if count(input.resolved.lineage) > 0

# trains_made_available holds when outputs train another model and something
# leaves the organisation: the model trained on the outputs is taken to be
# what is distributed or made available.
trains_made_available if {
	trains_other
	input.distribution.weights == true
}

trains_made_available if {
	trains_other
	input.distribution.hosted_service == true
}

# trains_other holds when the model's outputs train another model: declared
# in use.outputs_train_other_models, or a distillation (use.fine_tune.method),
# which LIC-OUTPUTS-TRAINING judges as outputs training whether or not the
# flag is set.
trains_other if input.use.outputs_train_other_models == true

trains_other if input.use.fine_tune.method == "distillation"

# derived_otherwise holds when the proposal's own model is a derivative in a
# way other than a distillation into another model: a fine-tune by another
# method, a declared base (model.base_model), or a model outside the catalog
# with a base. A catalog model that is itself someone else's derivative
# (DeepSeek-R1-Distill-Llama-8B, whose base is Llama 3.1 8B) is not: a
# student trained on its outputs is as much a student as one trained on any
# other catalog model's, and owes only the duties that reach such a model.
derived_otherwise if {
	input.use.fine_tune != null
	input.use.fine_tune.method != "distillation"
}

derived_otherwise if input.model.base_model != null

derived_otherwise if {
	count(input.resolved.lineage) > 0
	input.resolved.model == null
}

# outputs_only holds when what is given to others is a model trained only on
# the catalog model's outputs (a "student"): outputs train another model
# (outputs_train_other_models, or a distillation declared in
# use.fine_tune.method, which trains another model on them), the proposal
# declares no other fine-tune or derivative, and the weights given to others
# are, on this reading, the student's. A hosted service is not read this way:
# serving the catalog model itself is the common case, so its duties stay
# due (fail closed).
outputs_only if {
	trains_other
	input.resolved.model != null
	not derived_otherwise
	input.distribution.weights == true
	input.distribution.hosted_service != true
}

# reaches(term) holds when a redistribution duty's term reaches what leaves:
# always, except that a model trained only on outputs escapes a term that
# says (covers_models_trained_on_outputs: false) it does not cover such
# models. Absent, the term covers them (fail closed).
reaches(term) if not outputs_only

reaches(term) if {
	outputs_only
	object.get(term, "covers_models_trained_on_outputs", true) == true
}

# subject_model is the catalog record that says what the model is: the model
# itself, else (a derivative outside the catalog) its nearest base. Undefined
# when neither is in the catalog.
subject_model := input.resolved.model if input.resolved.model != null

subject_model := input.resolved.lineage[0] if {
	input.resolved.model == null
	count(input.resolved.lineage) > 0
}

# in_model_scope(models) holds unless the model is known to lie outside a
# term's `models` scope: `all_models`; `multimodal_models` (more than one
# input modality); `multimodal_io_models` (inputs and outputs together span
# more than one modality: text in, video out). A model the catalog cannot
# describe (no subject model) is in scope (fail closed).
in_model_scope(models) if models == "all_models"

in_model_scope(models) if {
	models == "multimodal_models"
	count(subject_model.input_modalities) > 1
}

in_model_scope(models) if {
	models == "multimodal_io_models"
	count({m | some m in array.concat(subject_model.input_modalities, subject_model.output_modalities)}) > 1
}

in_model_scope(models) if {
	models != "all_models"
	not _subject_known
}

_subject_known if subject_model

# model_label names the model for messages.
model_label := input.resolved.model.name if input.resolved.model != null

model_label := input.model.id if {
	input.resolved.model == null
	input.model.id != null
}

model_label := "the model" if {
	input.resolved.model == null
	input.model.id == null
}

# grouped(n) writes a whole number with thousands separators (100,000,000).
grouped(n) := concat("", [part |
	digits := sprintf("%d", [n])
	size := count(digits)
	some i in numbers.range(0, size - 1)
	part := concat("", [substring(digits, i, 1), _separator(size, i)])
])

_separator(size, i) := "," if _comma(size, i)

_separator(size, i) := "" if not _comma(size, i)

_comma(size, i) if {
	i < size - 1
	(size - 1 - i) % 3 == 0
}

# source_path is where the proposal says which license binds the model, for
# a finding about that license (unknown, without a record) to point at: the
# proposal's model.license, else the label of the model card that declared
# it (in the card file: `license_name` under `license: other`, else
# `license`), else the catalog model (model.id).
_model_license := object.get(object.get(input, "model", {}), "license", null)

_from_card if object.get(object.get(input, "resolved", {}), "license", {}).source == "card"

source_path := "/model/license" if _model_license != null

source_path := "/resolved/card/license_name" if {
	_model_license == null
	_from_card
	_card_names_other
}

source_path := "/resolved/card/license" if {
	_model_license == null
	_from_card
	not _card_names_other
}

source_path := "/model/id" if {
	_model_license == null
	not _from_card
}

_card_names_other if {
	is_string(input.resolved.card.license)
	lower(input.resolved.card.license) == "other"
	is_string(input.resolved.card.license_name)
}
