# LIC-CARD-LICENSE: a model card's declared license must agree with the
# license of the model it derives from. A derivative of a model under a
# model license (Llama, Gemma, RAIL, ...) stays bound by that license
# whatever its card says; a card that relabels it (a Llama fine-tune labelled
# apache-2.0) misstates the terms to everyone downstream. A base under a
# compound license (Command R: CC-BY-NC-4.0 AND Cohere's use addendum) is
# relabelled when the card names none of its parts. The card of a catalog
# model itself is checked against the model's catalog license, and warns.
package modelgate.rules.license.card_license

import rego.v1

meta := {
	"id": "LIC-CARD-LICENSE",
	"title": "Model card license agrees with the base model's license",
	"severity": "high",
	"category": "license",
	"citation": {
		"document": "Hugging Face model card metadata (license, base_model)",
		"section": "license, license_name, base_model",
		"url": "https://huggingface.co/docs/hub/model-cards#specifying-a-base-model",
	},
	"description": concat(" ", [
		"A model card's declared license must match the license of each model it derives from",
		"when that license binds derivatives (model licenses); over a permissive base, a different",
		"label is a warning, since the base's notices still apply. The card of a catalog model that",
		"names none of its catalog licenses is a warning: the catalog's license binds anyway.",
	]),
	"remediation": "Publish the derivative under its base model's license and correct the card's `license:` field.",
}

_card := input.resolved.card

default applies := false

applies if _card != null

# The bases the card is checked against: the whole lineage of a model
# outside the catalog; for a catalog model, the bases its card names (the
# catalog record's own base is already in the catalog's license, which the
# warning below compares the card with).
_bases contains base if {
	object.get(input.resolved, "model", null) == null
	some base in input.resolved.lineage
}

_bases contains base if {
	object.get(input.resolved, "model", null) != null
	some base in input.resolved.lineage
	base.id in object.get(_card, "base_ids", [])
}

_record(id) := license if {
	some license in input.resolved.licenses
	license.id == id
}

_where := sprintf("%s:%d", [_card.path, _card.license_line]) if _card.license_line != null

_where := _card.path if _card.license_line == null

# `license: other` (in any case, as labels are written) names its license
# in `license_name`.
_says_other if {
	is_string(_card.license)
	lower(_card.license) == "other"
}

_declared_label := _card.license_name if _says_other

# Where the card writes its label, for a finding to point at (in the card
# file): `license_name` under `license: other`, else `license`; a field the
# card leaves out points at its front matter.
_label_path := "/resolved/card/license_name" if {
	_says_other
	is_string(_card.license_name)
}

_label_path := "/resolved/card/license" if not _names_other_license

_names_other_license if {
	_says_other
	is_string(_card.license_name)
}

_declared_label := _card.license if {
	is_string(_card.license)
	not _says_other
}

# The catalog ids the card declares: one id, or each part of an SPDX
# expression written in `license:` (`llama3.1 AND apache-2.0`), split at AND
# as a base's license is. An OR stays whole: an alternative to the base's
# license does not name it.
_declared_parts := [trim(c, "() ") | some c in split(_card.declared, " AND ")] if is_string(_card.declared)

# The license ids a base is under: its catalog expression split at AND
# (Command R: CC-BY-NC-4.0 AND the Cohere use addendum), each binding.
_components(base) := [trim(c, "() ") | some c in split(base.license, " AND ")]

# The card's label names one of the licenses its base is under (or another
# dated text of it): a card that repeats its base's own label
# (cc-by-nc-4.0 over Command R) is not a relabelling.
_names_base_license(base) if {
	some c in _components(base)
	c in _declared_parts
}

_names_base_license(base) if {
	some c in _components(base)
	some d in _declared_parts
	_other_text_of(d, c)
}

# The base's licenses that bind derivatives (not open source), in the
# order its expression gives them.
_binding(base) := [record |
	some c in _components(base)
	record := _record(c)
	record.kind != "open_source"
]

# A label modelgate has no record of cannot name a license the catalog
# knows (every alias of a catalog record resolves): over a base whose license
# binds derivatives it drops that license just as a known label would.
_drops contains [base, record] if {
	applies
	is_string(_declared_label)
	some base in _bases
	not _names_base_license(base)
	bound := _binding(base)
	count(bound) > 0
	record := bound[0]
}

deny contains v if {
	some [base, record] in _drops
	v := {
		"msg": sprintf(
			"the model card (%s) declares %s, but its base model %s is under %s, which binds derivatives",
			[_where, _declared_words, base.id, record.name],
		),
		"path": _label_path,
		"license": record.id,
		"citation": {"document": record.name, "section": _binding_section(record), "url": record.url},
	}
}

_declared_words := sprintf("`%s` (%s)", [_declared_label, _card.declared]) if _card.declared != null

_declared_words := sprintf("`%s`, a license modelgate has no record of", [_declared_label]) if _card.declared == null

# The section that carries the license to derivatives: the duty to pass the
# license on with them, where the record names it.
# Two dated texts of the same terms (Gemma's `gemma` id names the newest,
# while a Gemma 2 base shipped under the 2024 text) are not a relabelling;
# the engine binds both anyway.
_other_text_of(declared, base_license) if {
	a := _record(declared)
	b := _record(base_license)
	a.family == b.family
	a.name == b.name
}

_binding_section(record) := record.terms.license_copy.section

_binding_section(record) := "grant" if not record.terms.license_copy

warn contains v if {
	applies
	_card.declared != null
	some base in _bases
	not base.license in _declared_parts
	record := _record(base.license)
	record.kind == "open_source"
	v := {
		"msg": sprintf(
			"the model card (%s) declares `%s` over a base under %s: allowed for your changes, but the base's license and notices still apply to its parts",
			[_where, _card.declared, record.name],
		),
		"path": _label_path,
		"license": base.license,
	}
}

# The card of a catalog model itself (no base) that names none of the
# licenses the catalog has the model under: the catalog's license, taken from
# the model's license file, binds whatever the card's metadata says (metadata
# can be stale: an sdxl-turbo card was labelled with the older non-commercial
# license; facts licenses.md section 13) and is judged with the card's label,
# so this warns rather than fails.
_catalog_parts := [trim(c, "() ") | some c in split(input.resolved.license.catalog, " AND ")] if {
	is_string(input.resolved.license.catalog)
}

_names_catalog_license if {
	some c in _catalog_parts
	c in _declared_parts
}

_names_catalog_license if {
	some c in _catalog_parts
	some d in _declared_parts
	_other_text_of(d, c)
}

_contradicts_catalog if {
	applies
	is_string(_declared_label)
	count(_catalog_parts) > 0
	not _names_catalog_license
}

warn contains v if {
	_contradicts_catalog
	some c in _catalog_parts
	record := _record(c)
	v := {
		"msg": sprintf(
			"the model card (%s) declares %s, but the catalog has %s under %s, read from its license file: that license binds whatever the card's metadata says and is judged with the card's label",
			[_where, _declared_words, input.resolved.model.id, record.name],
		),
		"path": _label_path,
		"license": record.id,
		"remediation": "Check the model's license file: if the card's label is stale, rely on the catalog's license; if the model was relicensed, update the catalog record (licenses/models.yaml) with the source.",
	}
}

# An unknown label over a base whose license binds derivatives fails above;
# on a catalog model's own card the warning above names it.
warn contains v if {
	applies
	_card.declared == null
	is_string(_declared_label)
	count(_drops) == 0
	not _contradicts_catalog
	v := {
		"msg": sprintf("the model card (%s) declares `%s`, a license modelgate has no record of", [_where, _declared_label]),
		"path": _label_path,
		"remediation": "Add the license to the catalog (licenses/), or give model.license as an SPDX expression.",
	}
}

warn contains v if {
	applies
	_card.license == null
	v := {
		"msg": sprintf("the model card (%s) declares no license", [_card.path]),
		"path": "/resolved/card/license",
		"remediation": "Ask the publisher for the license, or give model.license.",
	}
}

# `license: other` with no `license_name`: the card says the license is one
# without a Hub id but does not name it (its `license_link`, a file or page
# modelgate does not read, may). The license binds as NOASSERTION, which
# LIC-UNKNOWN fails.
warn contains v if {
	applies
	_says_other
	not is_string(_card.license_name)
	v := {
		"msg": sprintf(
			"the model card (%s) declares `license: other` without a `license_name`%s: modelgate cannot tell which license it is",
			[_where, _link_words],
		),
		"path": "/resolved/card/license",
		"remediation": "Read the license the card links to and give it in model.license, or ask the publisher to add license_name.",
	}
}

_link_words := sprintf(" (its license_link is %s)", [_card.license_link]) if is_string(_card.license_link)

_link_words := "" if not is_string(_card.license_link)
