# RED-AI-ACT-GPAI: an organisation that modifies a model and offers the
# result in the EU (its weights, or a service running it) may become the
# provider of a new general-purpose AI model under the EU AI Act
# (regulation.md section 5, RES-AIACT-001 to -003). The Commission's GPAI
# guidelines (pts. 59-61) call a modification significant when it uses more
# than a third of the original's training compute (10^23/3 FLOP when that is
# unknown); the modifier then owes the Art. 53(1) duties for the
# modification, and above 10^25 FLOP of cumulative compute the new model is
# presumed to carry systemic risk (Arts. 51, 52, 55). Below the test the
# modifier stays a downstream provider and keeps the estimate on file.
#
# Not judged here: the duties of a provider of an AI *system* built on a
# model (Art. 50, high-risk systems), models an organisation trains from
# scratch (a proposal cannot say whether a model is general-purpose), and an
# upstream provider's missing training summary (RES-AIACT-004: the catalog
# does not record it).
package modelgate.rules.redistribution.ai_act_gpai

import data.modelgate.lib.advisory as fmt
import data.modelgate.lib.facts
import data.modelgate.lib.geo
import data.modelgate.lib.licenses
import rego.v1

meta := {
	"id": "RED-AI-ACT-GPAI",
	"title": "EU AI Act: a significant modification offered in the EU makes a new general-purpose AI model",
	"severity": "high",
	"category": "redistribution",
	"citation": {
		"document": "Regulation (EU) 2024/1689 (AI Act); Commission GPAI guidelines C(2025) 7719",
		"section": "Arts. 51-53, 55; guidelines pts. 59-61",
		"url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
	},
	"description": concat(" ", [
		"A fine-tune or other modification offered in the EU (weights or a hosted service) that uses",
		"more than a third of the original model's training compute makes its maker the provider of",
		"a new general-purpose AI model, with the Art. 53(1) duties for the modification; above",
		"10^25 FLOP of cumulative compute the model is presumed to carry systemic risk.",
	]),
	"remediation": concat(" ", [
		"Record the modification's training compute (use.fine_tune.compute_flop) and, where its",
		"provider states it, the original's (use.fine_tune.base_compute_flop); a provider of a new",
		"model prepares the Art. 53(1) documentation, copyright policy and training-content summary.",
	]),
}

_fact := data.modelgate.facts.redistribution.ai_act_gpai

_fine_tune := input.use.fine_tune

_compute := _fine_tune.compute_flop

_base_compute := _fine_tune.base_compute_flop

# Helper rules rather than `not is_number(...)` over a reference that may be
# undefined: OPA reads that negation as undefined, regorus as true.
_compute_known if is_number(_compute)

_base_known if is_number(_base_compute)

_offered if licenses.triggered("distribution_or_hosted_service")

# Offered in the Union: anywhere (no markets named, or `global`), or a named
# market in the EU.
_in_eu_market if count(input.distribution.markets) == 0

_in_eu_market if {
	some code in input.distribution.markets
	_reaches_union(geo.location(code))
}

_reaches_union(place) if geo.in_eu(place)

_reaches_union(place) if place in {"EEA", "global"}

default applies := false

# Not gated on the date: a model placed on the market before the GPAI duties
# applied (Art. 113(b)) must still meet them by the Art. 111(3) date, so a
# proposal judged earlier is told when the duties bind (_date_note) rather
# than passed.
applies if {
	is_object(_fine_tune)
	_offered
	_in_eu_market
}

_date_note := "" if input.now >= _fact.applies_from

_date_note := sprintf(
	"; the GPAI duties apply from %s (Art. 113(b)), and a model placed on the market before then must meet them by %s (Art. 111(3); verification: %s)",
	[_fact.applies_from, _fact.existing_models_until, _fact.existing_models_verification],
) if input.now < _fact.applies_from

# The compute above which the modification is significant: a third of the
# original's, or of the guidelines' stand-in when the original's is unknown.
_threshold := _base_compute / 3 if _base_known

_threshold := _fact.unknown_original_flop / 3 if not _base_known

# The new model's cumulative compute: the original's plus the modification's
# (at least the modification's when the original's is unknown).
_cumulative := _base_compute + _compute if {
	_base_known
	_compute_known
}

_cumulative := _compute if {
	not _base_known
	_compute_known
}

_significant if {
	_compute_known
	_compute > _threshold
}

_systemic if {
	_significant
	_cumulative > _fact.systemic_risk_flop
}

_note := facts.checked(_fact, "the AI Act and the Commission's GPAI guidelines")

_placed := "offers its weights" if input.distribution.weights == true

_placed := "offers it as a hosted service" if not input.distribution.weights == true

_where := "in the EU" if count(input.distribution.markets) > 0

_where := "with no market named, so in the EU too" if count(input.distribution.markets) == 0

_threshold_basis := _basis(1)

# _basis(d) is the threshold and where it comes from, with d decimals.
_basis(d) := sprintf("%s (a third of the original's %s)", [_flop_at(_threshold, d), _flop_at(_base_compute, d)]) if {
	_base_known
}

_basis(d) := sprintf(
	"%s (a third of %s, the guidelines' stand-in for an original of unknown compute; %s for an original with systemic risk)",
	[_flop_at(_threshold, d), _flop(_fact.unknown_original_flop), _flop(_fact.systemic_original_flop)],
) if not _base_known

# Enough decimals that the modification's figure and the threshold's differ
# when they do (2.5 x 10^23 against 2.5 x 10^23 would read as no excess).
_d_significant := _precision(_compute, _threshold) if _compute_known

_d_systemic := _precision(_cumulative, _fact.systemic_risk_flop) if _compute_known

# The cumulative compute: exact when the original's is recorded, a lower
# bound when it is not.
_cumulative_text := _flop_at(_cumulative, _d_systemic) if _base_known

_cumulative_text := sprintf("at least %s, the original's not being recorded", [_flop_at(_cumulative, _d_systemic)]) if {
	not _base_known
}

# With the original's compute unknown, a significant modification below
# 10^25 FLOP on its own may still make a model above it.
_systemic_note := "" if _base_known

_systemic_note := sprintf(
	"; the original's training compute is not recorded, so whether the new model's cumulative compute (at least %s) is above %s, where it is presumed to carry systemic risk (Art. 51(2)), cannot be judged",
	[_flop(_cumulative), _flop(_fact.systemic_risk_flop)],
) if {
	not _base_known
	_compute_known
}

# A fine-tune run through a vendor's service: who controls the weights
# decides who is the provider (guidelines fn. 13). A distillation is not: it
# trains another model, the organisation's own, on the served model's
# outputs, whatever service serves them.
_weights_note := "" if input.deployment.kind == "self_hosted"

_weights_note := "" if _fine_tune.method == "distillation"

_weights_note := "; the fine-tune runs on a provider's service, so who controls the weights decides who is the provider (guidelines fn. 13)" if {
	input.deployment.kind != "self_hosted"
	_fine_tune.method != "distillation"
}

deny contains v if {
	applies
	_systemic
	v := {
		"msg": sprintf(
			"the %s modification uses %s, more than %s, and the organisation %s %s: it becomes the provider of a new general-purpose AI model (Commission guidelines pts. 59-61) whose cumulative training compute (%s) is above %s, so the model is presumed to carry systemic risk (Art. 51(2))%s%s%s",
			[_fine_tune.method, _flop_at(_compute, _d_significant), _basis(_d_significant), _placed, _where, _cumulative_text, _flop_at(_fact.systemic_risk_flop, _d_systemic), _weights_note, _date_note, _note],
		),
		"path": "/use/fine_tune/compute_flop",
		"remediation": concat(" ", [
			"Notify the Commission within two weeks of meeting the threshold (Art. 52(1)); meet",
			"Art. 53(1)(a)-(d) (no open-source exemption applies to a systemic-risk model) and Art. 55",
			"(model evaluation with adversarial testing, mitigation of Union-level risks, serious-incident",
			"reporting to the AI Office, cybersecurity); then record a waiver (reason risk_accepted)",
			"citing the notification. Or keep the model out of the EU (distribution.markets) or the",
			"modification below the threshold.",
		]),
	}
}

warn contains v if {
	applies
	_significant
	not _systemic
	v := {
		"msg": sprintf(
			"the %s modification uses %s, more than %s, and the organisation %s %s: under the Commission's guidelines (pts. 59-61) it becomes the provider of a new general-purpose AI model, with the Art. 53(1) duties for the modification: %s%s%s%s%s",
			[_fine_tune.method, _flop_at(_compute, _d_significant), _basis(_d_significant), _placed, _where, _duties, _systemic_note, _weights_note, _date_note, _note],
		),
		"path": "/use/fine_tune/compute_flop",
		"remediation": concat(" ", [
			"Prepare the Annex XI and XII documentation of the modification, a copyright policy that",
			"honours text-and-data-mining opt-outs, and a public summary of the training content on the",
			"AI Office template; record use.fine_tune.base_compute_flop where the original's provider",
			"states it (without it, a cumulative compute above 10^25 FLOP, and with it the systemic-risk",
			"duties of Arts. 52 and 55, cannot be ruled out); or keep the model out of the EU",
			"(distribution.markets).",
		]),
	}
}

warn contains v if {
	applies
	not _compute_known
	not _fine_tune.method in _fact.low_compute_methods
	not _fine_tune.method in _fact.untrained_methods
	v := {
		"msg": sprintf(
			"the %s modification is offered in the EU but its training compute is not recorded: whether it uses more than %s, which would make the organisation the provider of a new general-purpose AI model (Commission guidelines pts. 59-61), cannot be judged%s%s%s",
			[_fine_tune.method, _threshold_basis, _weights_note, _date_note, _note],
		),
		"path": "/use/fine_tune",
		"remediation": "Estimate the modification's training compute and record it as use.fine_tune.compute_flop (and the original's as use.fine_tune.base_compute_flop where its provider states it).",
	}
}

# The Art. 53(1) duties of a new model's provider: (c) and (d) always; (a)
# and (b) fall away under Art. 53(2) only for weights published under a free
# and open-source license.
_duties := "(a) technical documentation, (b) documentation for downstream providers, (c) a copyright policy and (d) a public summary of the training content" if {
	not _open_source_candidate
}

_duties := "(c) a copyright policy and (d) a public summary of the training content; (a) and (b) fall away under Art. 53(2) only if the weights, the architecture and the usage information are public" if {
	_open_source_candidate
	_all_open_source
}

_duties := "(c) a copyright policy and (d) a public summary of the training content; (a) technical documentation and (b) documentation for downstream providers too, unless the binding license counts as free and open-source under Art. 53(2), which is unverified for model licenses with use restrictions" if {
	_open_source_candidate
	not _all_open_source
}

_open_source_candidate if input.distribution.weights == true

_all_open_source if {
	count(input.resolved.licenses) > 0
	every license in input.resolved.licenses {
		license.kind == "open_source"
	}
}

obligations contains o if {
	applies
	_compute_known
	not _significant
	o := {
		"text": sprintf(
			"Keep the estimate of the modification's training compute (%s, not more than %s) on file: it shows the modification makes no new general-purpose AI model%s%s",
			[_flop_at(_compute, _d_significant), _basis(_d_significant), _date_note, _note],
		),
		"section": "Commission GPAI guidelines pts. 59-61",
	}
}

obligations contains o if {
	applies
	not _compute_known
	_fine_tune.method in _fact.low_compute_methods
	o := {
		"text": sprintf(
			"Keep an estimate of the %s run's training compute on file: adapter training of this kind stays far below %s, the guidelines' test for a new general-purpose AI model%s%s",
			[_fine_tune.method, _threshold_basis, _date_note, _note],
		),
		"section": "Commission GPAI guidelines pts. 59-61",
	}
}

obligations contains o if {
	applies
	not _compute_known
	_fine_tune.method in _fact.untrained_methods
	o := {
		"text": sprintf(
			"Confirm that the %s trained nothing, or next to nothing, and keep that on file: above %s of training compute the modification makes a new general-purpose AI model [%s: modelgate's reading, not in its sources]%s",
			[_fine_tune.method, _threshold_basis, _fact.untrained_methods_verification, _date_note],
		),
		"section": "Commission GPAI guidelines pts. 59-61",
	}
}

# _flop(x) writes a compute figure as "m.d x 10^k FLOP", and _flop_at(x, d)
# with d decimals (1 to 4), from integers only (so that regorus and OPA print
# the same digits).
_flop(x) := _flop_at(x, 1)

_flop_at(x, _) := sprintf("%v FLOP", [round(x)]) if {
	is_number(x)
	x < 10
}

# The mantissa times 10^d, rounded, is 10^d to 10^(d+1) (the latter when
# rounding carries). A sum such as 1.5e24 + 2e25 is 2.15e25 exactly in OPA
# but a hair below it in regorus's f64, so a half-way figure would round up
# in one and down in the other: fmt.half_up, the advisory figures' rounding,
# makes both round it up. The exponent is found once per figure: a message's
# figures are written at up to four precisions, and finding it walks the
# powers of ten.
_flop_at(x, d) := text if {
	x >= 10
	e := _exponent(x)
	text := _mantissa_text(fmt.half_up((x * _power(d)) / _power(e)), d, e)
}

_mantissa_text(scaled, d, e) := sprintf("%v.%s × 10^%v FLOP", [floor(scaled / _power(d)), _pad(scaled % _power(d), d), e]) if {
	scaled < _power(d + 1)
}

_mantissa_text(scaled, d, e) := sprintf("1.%s × 10^%v FLOP", [_pad(0, d), e + 1]) if scaled >= _power(d + 1)

_exponent(x) := max({k | some k, p in _powers; k >= 1; p <= x})

_power(k) := _powers[k]

# 10^0 to 10^40, built once per evaluation (a rule, not a function: the
# interpreter recomputes a function on every call, and the figures of one
# message call it hundreds of times).
_powers := array.concat([1], [product([10 | some _ in numbers.range(1, k)]) | some k in numbers.range(1, 40)])

# _pad(n, d): the integer n written with at least d digits.
_pad(n, d) := sprintf("%v", [n]) if count(sprintf("%v", [n])) >= d

_pad(n, d) := concat("", array.concat(["0" | some _ in numbers.range(1, d - count(sprintf("%v", [n])))], [sprintf("%v", [n])])) if {
	count(sprintf("%v", [n])) < d
}

# _precision(x, y): the fewest decimals (1 to 4) at which x and y read
# differently; 4 when they never do.
_precision(x, y) := min({d | some d in [1, 2, 3, 4]; _flop_at(x, d) != _flop_at(y, d)} | {4})
