# LIC-GEOGRAPHIC: geographic limits in a license or its use policy, judged on
# each binding record's `geographic` terms.
#
# - key `licensee_domicile`: organization.domicile (the principal place of
#   business) against the limit's regions, EU and EEA read as blocs through
#   modelgate.lib.geo. The Llama 3.2, 3.3 and 4 policies withhold the grant
#   for multimodal models from EU-domiciled licensees (EU end users of a
#   non-EU company's product are not affected).
# - key `end_users`: data.subjects (where the people served are) and
#   distribution.markets (where the product is offered) against the regions,
#   for example the Gemini API's Paid-Services-only rule for users in the
#   EEA, Switzerland and the UK.
# - `models: multimodal_models`: the limit covers only a model with more than
#   one input modality, per the catalog record of the model (a derivative
#   outside the catalog: of its nearest base).
#
# - `services`: the limit covers only those provider services (the Gemini
#   API's rule binds its unpaid tier; the paid tier meets it, and Vertex AI
#   is under other terms). The service is the one the proposal names, else
#   the provider's default (modelgate.lib.provider).
#
# - `end_user_exemption`: the limit does not reach end users of a product or
#   service that incorporates the model (the Llama 3.2, 3.3 and 4 multimodal
#   clause, AUP paragraph after the numbered items). Reading: an organisation
#   that only uses the model through a third party's hosted service
#   (deployment.kind vendor_api, hosted_open_api or managed_cloud, not on
#   premises or air-gapped), gives no weights to others, offers no product or
#   service built on the model to others (distribution.hosted_service: the
#   maker of such a product makes the model available, for which the
#   redistribution rules hold it to the licensee's duties; its users are the
#   end users the exemption spares) and has no fine-tune or other derivative
#   (use.fine_tune, model.base_model or a catalog base) may be such an end
#   user, not a licensee exercising the section 1.a rights. It cannot be
#   shown from the proposal, so the forbidden limit warns with the
#   exemption's condition instead of failing. Self-hosting, giving the
#   weights to others, offering a product built on the model and fine-tuning
#   still fail (fail closed).
#
# `effect: forbidden` fails; `conditional` warns with the condition. A fact
# the proposal does not give (no domicile, no subjects, a model whose
# modalities are unknown, a service the facts cannot name) warns wherever the
# limit could bite.
package modelgate.rules.license.geographic

import data.modelgate.lib.geo
import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "LIC-GEOGRAPHIC",
	"title": "Geographic limits of the license",
	"severity": "critical",
	"category": "license",
	# Findings cite the section of the license at fault; this is the example
	# shown for a pass and by `modelgate explain`.
	"citation": {
		"document": "The geographic limits of each binding license (example: Llama 3.2 Acceptable Use Policy)",
		"section": "paragraph after item 5",
		"url": "https://www.llama.com/llama3_2/use-policy",
	},
	"description": concat(" ", [
		"Some licenses withhold rights by place: the Llama 3.2 and Llama 4 multimodal models from",
		"licensees with a principal place of business in the EU, the Gemini API's free tier from",
		"products serving users in the EEA, Switzerland or the UK. The licensee's domicile and the",
		"places its users are in are checked against each limit.",
	]),
	"remediation": concat(" ", [
		"Choose a model the limit does not cover (a text-only model for the Llama multimodal clause),",
		"or a license that has no such limit.",
	]),
}

# Every geographic limit of a binding record, with its record.
_limits contains [license, limit] if {
	some license in data.modelgate.lib.licenses.known
	some limit in license.terms.geographic
}

default applies := false

applies if count(_limits) > 0

# The model the limit's `models` scope is judged on.
_modalities := data.modelgate.lib.licenses.subject_model.input_modalities

_covers(limit) if {
	_covers_model(limit)
	_covers_service(limit)
}

_covers_model(limit) if limit.models == "all_models"

_covers_model(limit) if {
	limit.models == "multimodal_models"
	count(_modalities) > 1
}

_covers_service(limit) if not limit.services

_covers_service(limit) if data.modelgate.lib.provider.input_service_id in limit.services

# A limit tied to services, and no service to judge: the provider has no
# facts, so neither a named service nor a default.
_service_unknown(limit) if {
	limit.services
	not data.modelgate.lib.provider.input_service_id
}

_scope_unknown(limit) if {
	limit.models == "multimodal_models"
	not _modalities
}

# A place code as a location: an ISO code, EU, EEA or global (region ids map
# to where they are); an unrecognised code stands for itself.
_place(code) := loc if loc := geo.location(code)

_place(code) := code if not geo.location(code)

# _overlaps(code, region) holds when a place may be inside a limit's region:
# the same code, a country inside a bloc, a bloc that includes the country, or
# global (anywhere).
_overlaps(code, region) if _place(code) == region

_overlaps(code, region) if {
	region == "EU"
	geo.in_eu(_place(code))
}

_overlaps(code, region) if {
	region == "EEA"
	geo.in_eea(_place(code))
}

_overlaps(code, region) if {
	_place(code) == "EU"
	geo.in_eu(region)
}

_overlaps(code, region) if {
	_place(code) == "EEA"
	geo.in_eea(region)
}

_overlaps(code, _) if _place(code) == "global"

_in_regions(code, limit) if {
	some region in limit.regions
	_overlaps(code, region)
}

_regions(limit) := concat(", ", [_region_name(r) | some r in limit.regions])

_region_name(r) := sprintf("the %s", [r]) if r in {"EU", "EEA"}

_region_name(r) := geo.country_name(r) if not r in {"EU", "EEA"}

_condition(limit) := sprintf(": %s", [limit.condition]) if limit.condition

_condition(limit) := "" if not limit.condition

_domicile := input.organization.domicile

_subjects := object.get(input, ["data", "subjects"], [])

# What a limit hits: a path, and words for the message. A domicile limit hits
# the licensee; an end-user limit hits each place users are in.
_hits(limit) := {"path": "/organization/domicile", "what": sprintf("the licensee is domiciled in %s", [geo.country_name(_domicile)])} if {
	limit.key == "licensee_domicile"
	_domicile != null
	_in_regions(_domicile, limit)
}

# Where the product's users are: the data subjects, and the markets the
# product is offered in (distribution.markets: a product offered in the UK
# serves users there, whoever its data subjects are).
_markets := object.get(input, ["distribution", "markets"], [])

_end_user_places := array.concat(
	[{"path": sprintf("/data/subjects/%d", [i]), "code": code} | some i, code in _subjects],
	[{"path": sprintf("/distribution/markets/%d", [i]), "code": code} | some i, code in _markets],
)

_hit_places(limit) := [place |
	limit.key == "end_users"
	some place in _end_user_places
	_in_regions(place.code, limit)
]

_hits(limit) := {"path": places[0].path, "what": sprintf("the product serves users in %s", [concat(", ", names)])} if {
	places := _hit_places(limit)
	count(places) > 0
	names := [_place_name(place.code) |
		some i, place in places
		not _named_before(places, i)
	]
}

_named_before(places, i) if {
	some j, earlier in places
	j < i
	earlier.code == places[i].code
}

_place_name(code) := sprintf("the %s", [code]) if code in {"EU", "EEA"}

_place_name(code) := geo.country_name(code) if not code in {"EU", "EEA"}

_model_words(limit) := _service_words(limit) if limit.models == "all_models"

_model_words(limit) := sprintf(" (%s takes %s input)%s", [data.modelgate.lib.licenses.model_label, concat(" and ", _modalities), _service_words(limit)]) if {
	limit.models == "multimodal_models"
	_modalities
}

_service_words(limit) := "" if not limit.services

_service_words(limit) := sprintf(" on %s", [data.modelgate.lib.provider.input_service_id]) if {
	limit.services
	input.deployment.service != null
}

_service_words(limit) := sprintf(" on %s (deployment.service is not declared; it is the default of provider %s)", [data.modelgate.lib.provider.input_service_id, input.deployment.provider]) if {
	limit.services
	input.deployment.service == null
}

_whom(limit) := sprintf("%s on %s", [_whom_anywhere(limit), concat(", ", limit.services)]) if limit.services

_whom(limit) := _whom_anywhere(limit) if not limit.services

_whom_anywhere(limit) := sprintf("licensees domiciled in %s", [_regions(limit)]) if limit.key == "licensee_domicile"

_whom_anywhere(limit) := sprintf("products serving users in %s", [_regions(limit)]) if limit.key == "end_users"

_scope_words(limit) := "its grant" if limit.models == "all_models"

_scope_words(limit) := "the grant for its multimodal models" if limit.models == "multimodal_models"

_effect_words(limit) := "withholds %s from %s" if limit.effect == "forbidden"

_effect_words(limit) := "attaches a condition to %s for %s" if limit.effect == "conditional"

_violation(license, limit) := {
	"msg": concat("", [sprintf(
		"%s%s: %s %s (section %s)%s",
		[
			hit.what, _model_words(limit), license.name,
			sprintf(_effect_words(limit), [_scope_words(limit), _whom(limit)]),
			limit.section, _condition(limit),
		],
	), licenses.checked(license, limit)]),
	"path": hit.path,
	"license": license.id,
	"citation": licenses.citation(license, limit),
} if {
	hit := _hits(limit)
}

deny contains v if {
	some [license, limit] in _limits
	limit.effect == "forbidden"
	_covers(limit)
	not _end_user_exempt(limit)
	v := object.union(_violation(license, limit), _fix(limit))
}

# The model is used only through someone else's hosted service: nothing the
# proposal declares exercises the license's grant itself.
_hosted_kinds := {"vendor_api", "hosted_open_api", "managed_cloud"}

_end_user_only if {
	input.deployment.kind in _hosted_kinds
	input.deployment.provider != "on_prem"
	input.deployment.network != "air_gapped"
	input.distribution.weights != true
	input.distribution.hosted_service != true
	not data.modelgate.lib.licenses.derivative
	input.model.base_model == null
}

_end_user_exempt(limit) if {
	limit.key == "licensee_domicile"
	limit.end_user_exemption
	_end_user_only
}

# A forbidden domicile limit that spares end users of a hosted product: the
# proposal may be such a use, which the reviewer confirms.
warn contains v if {
	some [license, limit] in _limits
	limit.effect == "forbidden"
	_covers(limit)
	_end_user_exempt(limit)
	hit := _hits(limit)
	v := object.union(_violation(license, limit), {
		"msg": sprintf(
			"%s%s: %s %s (section %s), but not from end users of a product or service that incorporates the model. The model is used through a service hosted by %s (deployment.kind %s): allowed only if the organisation is solely an end user of that service, not a licensee building on the weights. %s",
			[
				hit.what, _model_words(limit), license.name,
				sprintf(_effect_words(limit), [_scope_words(limit), _whom(limit)]),
				limit.section, data.modelgate.lib.provider.input_name, input.deployment.kind,
				limit.end_user_exemption,
			],
		),
		"remediation": sprintf(
			"Confirm, and keep with the review, that the organisation only uses %s's service as an end user (no weights downloaded, copied, fine-tuned or given to others, and no product built on the model offered to others); otherwise choose a text-only model or a license without the limit.",
			[data.modelgate.lib.provider.input_name],
		),
	})
}

# A limit tied to services: moving to another service is the usual fix.
_fix(limit) := {} if not limit.services

_fix(limit) := {"remediation": sprintf(
	"Use a service the limit does not cover (it covers %s; declare the one used in deployment.service), or serve no users in %s.",
	[concat(", ", limit.services), _regions(limit)],
)} if limit.services

# A condition cannot be waived (waivers cover failures): the warning stays
# for the reviewer, who checks the condition is met.
warn contains v if {
	some [license, limit] in _limits
	limit.effect == "conditional"
	_covers(limit)
	v := object.union(_violation(license, limit), {"remediation": sprintf(
		"Meet the condition of %s section %s and keep the evidence with the review, or serve no users in %s.",
		[license.name, limit.section, _regions(limit)],
	)})
}

warn contains v if {
	some [license, limit] in _limits
	_service_unknown(limit)
	_covers_model(limit)
	hit := _hits(limit)
	v := {
		"msg": concat("", [sprintf(
			"%s: %s limits %s for %s (section %s), and the service used cannot be told: provider %s has no facts",
			[hit.what, license.name, _scope_words(limit), _whom(limit), limit.section, input.deployment.provider],
		), licenses.checked(license, limit)]),
		"path": "/deployment/provider",
		"license": license.id,
		"citation": licenses.citation(license, limit),
		"remediation": sprintf("Use a provider and service the limit does not cover (it covers %s).", [concat(", ", limit.services)]),
	}
}

# Unknown facts where a limit could bite.
warn contains v if {
	some [license, limit] in _limits
	limit.key == "licensee_domicile"
	_domicile == null
	not _not_covered(limit)
	not _service_not_covered(limit)
	v := {
		"msg": concat("", [sprintf(
			"organization.domicile is not declared: %s limits %s for %s (section %s)",
			[license.name, _scope_words(limit), _whom(limit), limit.section],
		), licenses.checked(license, limit)]),
		"path": "/organization/domicile",
		"license": license.id,
		"citation": licenses.citation(license, limit),
		"remediation": "Declare organization.domicile (the country of the principal place of business).",
	}
}

warn contains v if {
	some [license, limit] in _limits
	limit.key == "end_users"
	count(_subjects) == 0
	count(_markets) == 0
	not _not_covered(limit)
	not _service_not_covered(limit)
	v := {
		"msg": concat("", [sprintf(
			"data.subjects is not declared: %s limits %s for %s (section %s)",
			[license.name, _scope_words(limit), _whom(limit), limit.section],
		), licenses.checked(license, limit)]),
		"path": "/data/subjects",
		"license": license.id,
		"citation": licenses.citation(license, limit),
		"remediation": "Declare data.subjects (where the people the product serves are) or, for a product offered to others, distribution.markets.",
	}
}

warn contains v if {
	some [license, limit] in _limits
	_scope_unknown(limit)
	_hits(limit)
	v := {
		"msg": concat("", [sprintf(
			"%s: %s limits the grant for its multimodal models for %s (section %s), and the catalog cannot tell whether %s is multimodal",
			[_hits(limit).what, license.name, _whom(limit), limit.section, data.modelgate.lib.licenses.model_label],
		), licenses.checked(license, limit)]),
		"path": "/model/id",
		"license": license.id,
		"citation": licenses.citation(license, limit),
		"remediation": "Add the model to the catalog with its input modalities, or confirm it takes text only.",
	}
}

# A limit tied to services certainly does not cover the service used.
_service_not_covered(limit) if {
	limit.services
	not data.modelgate.lib.provider.input_service_id in limit.services
	data.modelgate.lib.provider.input_service_id
}

# A limit certainly does not cover this model: it covers multimodal models
# and the model is known to take one input modality.
_not_covered(limit) if {
	limit.models == "multimodal_models"
	_modalities
	count(_modalities) <= 1
}

# A domicile limit that would bite but for the model: keep to models it does
# not cover.
obligations contains o if {
	some [license, limit] in _limits
	_not_covered(limit)
	hit := _hits(limit)
	o := {
		"text": sprintf(
			"Use no multimodal model under the %s: %s, and its grant for multimodal models is withheld from %s",
			[license.name, hit.what, _whom(limit)],
		),
		"section": limit.section,
		"license": license.id,
	}
}
