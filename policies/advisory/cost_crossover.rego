# ADV-COST-CROSSOVER: what the proposal's token volume costs through an API, set
# against the fixed monthly cost of self-hosting a model of the same size class, with
# the daily volume at which the two cost the same. Prices, size classes and GPU costs
# are dated data (data.yaml, `cost`), each with its source.
package modelgate.rules.advisory.cost_crossover

import data.modelgate.lib.advisory as fmt
import rego.v1

_cost := data.modelgate.facts.advisory.cost

meta := {
	"id": "ADV-COST-CROSSOVER",
	"title": "Cost crossover: API price at this volume against self-hosting",
	"severity": "info",
	"category": "advisory",
	"citation": {
		"document": "Self-Host an Open Model or Call an API? A Cost-and-Risk Decision Tree (Practical AI Radar)",
		"section": "Then volume, because it flips the cost math",
		"url": "https://practicalairadar.com/papers/self-host-open-model-vs-api-decision-tree",
	},
	"description": concat(" ", [
		"Prices workload.tokens_per_day through an API (list price per million input and output",
		"tokens, workload.output_share defaulting to 0.2, a 30-day month) against the monthly GPU cost",
		"of self-hosting a model of the same size class, and gives the break-even volume. Warns when the",
		"proposal's choice clearly costs more than the other: an API bill above the top of the",
		"self-hosting range, or self-hosting below its bottom. Prices are dated list prices with sources.",
	]),
	"remediation": concat(" ", [
		"Weigh the cost difference with the other dimensions (ADV-DECISION-FRAMEWORK); re-check the",
		"prices against their sources before deciding on cost.",
	]),
}

default applies := false

applies if {
	input.workload != null
	input.workload.tokens_per_day != null
}

_tokens := input.workload.tokens_per_day if is_number(input.workload.tokens_per_day)

_share := input.workload.output_share if input.workload.output_share != null

_share := _cost.default_output_share if input.workload.output_share == null

_share_note := "" if input.workload.output_share != null

_share_note := " (default)" if input.workload.output_share == null

_self_hosted if input.deployment.kind == "self_hosted"

# The catalog record priced: the model itself, or for a derivative outside the
# catalog its nearest catalogued base (a fine-tune is served at its base's price).
_model := input.resolved.model if input.resolved.model != null

_model := input.resolved.lineage[0] if {
	input.resolved.model == null
	count(input.resolved.lineage) > 0
}

_priced_as := "" if input.resolved.model != null

_priced_as := sprintf(", priced as its base %s", [_model.id]) if input.resolved.model == null

_parameters := object.get(_model, "parameters_b", null)

# The self-hosting size class: by parameter count, or for a closed model the open
# class that does comparable work.
_class := _class_for(_parameters) if _parameters != null

_class := c if {
	_parameters == null
	id := _cost.comparable_class[_model.id].class
	some c in _cost.size_classes
	c.id == id
}

_class_for(p) := _fits(p)[0] if count(_fits(p)) > 0

_class_for(p) := c if {
	count(_fits(p)) == 0
	some c in _cost.size_classes
	c.max_parameters_b == null
}

_fits(p) := [c | some c in _cost.size_classes; c.max_parameters_b != null; p <= c.max_parameters_b]

_comparable := sprintf(" (comparable to %s in our judgement: %s)", [
	_model.id, _cost.comparable_class[_model.id].note,
]) if _parameters == null

_comparable := "" if _parameters != null

# The API price: the vendor's own, else the hosted offer of the proposal's provider,
# else the cheapest hosted offer, else the serverless price of the size tier: the
# first of these that is defined (no `else`: the regorus bytecode VM mishandles
# else chains, docs/engine-notes.md).
# {input, output, url, as_of, verification, by}
_price := _vendor_price

_price := _provider_offer if not _vendor_price

_price := _cheapest_offer if {
	not _vendor_price
	not _provider_offer
}

_price := _tier_price if {
	not _vendor_price
	not _provider_offer
	not _cheapest_offer
}

_vendor_price := object.union(p, {"by": sprintf("%s list price", [p.provider])}) if {
	p := _cost.api_prices[_model.id]
}

_provider_offer := object.union(p, {"by": sprintf("%s list price for %s", [p.provider, p.offering])}) if {
	offers := [o | some o in _cost.hosted_prices[_model.id]; o.provider == input.deployment.provider]
	not _self_hosted
	p := offers[0]
}

_cheapest_offer := object.union(p, {"by": sprintf("%s list price for %s", [p.provider, p.offering])}) if {
	offers := _cost.hosted_prices[_model.id]
	cheapest := min({_blended(o) | some o in offers})
	p := [o | some o in offers; _blended(o) == cheapest][0]
}

_tier_price := p if {
	_parameters != null
	tiers := _cost.hosted_tiers
	fits := [t | some t in tiers.tiers; _parameters <= t.max_parameters_b]
	tier := fits[0]
	p := {
		"input": tier.input,
		"output": tier.output,
		"url": tiers.url,
		"as_of": tiers.as_of,
		"verification": tiers.verification,
		"by": sprintf("%s serverless price for models up to %vB parameters", [tiers.provider, tier.max_parameters_b]),
	}
}

# The obligation lines sort as: cost of self-hosting, cost through an API, crossover.

# USD per million tokens at the proposal's output share.
_blended(p) := ((1 - _share) * p.input) + (_share * p.output)

_days := _cost.days_per_month

_api_monthly := ((_tokens * _days) / 1000000) * _blended(_price)

_low := _class.monthly_usd.low

_high := _class.monthly_usd.high

# Tokens a day at which the API costs as much as self-hosting.
_break_even(monthly) := (monthly * 1000000) / (_days * _blended(_price))

_computed if {
	_price
	_class
	_blended(_price) > 0
}

warn contains v if {
	_computed
	not _self_hosted
	_api_monthly > _high
	v := {
		"msg": sprintf(
			"at %s tokens a day %s costs about %s a month through the API, more than self-hosting a model of %s%s on %s (about %s-%s a month); self-hosting pays from about %s-%s tokens a day",
			[
				fmt.tokens(_tokens), _model.id, fmt.usd(_api_monthly), _class.label, _comparable,
				_class.hardware, fmt.usd(_low), fmt.usd(_high),
				fmt.tokens(_break_even(_low)), fmt.tokens(_break_even(_high)),
			],
		),
		"path": "/workload/tokens_per_day",
		"citation": _price_citation,
		"remediation": "Price self-hosting an open-weight model of this class, or a cheaper API model, before committing to this volume.",
	}
}

warn contains v if {
	_computed
	_self_hosted
	_api_monthly < _low
	count(fmt.api_constraints) == 0
	v := {
		"msg": sprintf(
			"at %s tokens a day %s%s would cost about %s a month through an API (%s), less than the %s a month that self-hosting on %s takes at the least; self-hosting pays only from about %s tokens a day",
			[
				fmt.tokens(_tokens), _model.id, _priced_as, fmt.usd(_api_monthly), _price.by,
				fmt.usd(_low), _class.hardware, fmt.tokens(_break_even(_low)),
			],
		),
		"path": "/workload/tokens_per_day",
		"citation": _price_citation,
		"remediation": concat(" ", [
			"Unless privacy, latency or control require self-hosting (see ADV-DECISION-FRAMEWORK),",
			"a hosted API is cheaper at this volume.",
		]),
	}
}

# Fail closed: the rule applies but the crossover cannot be computed.
warn contains v if {
	not _computed
	v := {
		"msg": sprintf("the cost crossover cannot be computed for %s: %s", [_model_name, _gap]),
		"path": "/model/id",
		"remediation": "Compare the API bill at this volume with the cost of self-hosting by hand.",
	}
}

_model_name := _model.id if _model

_model_name := "a model outside the catalog" if not _model

_gap := "it is not in the catalog, so it has no price data" if not _model

# A closed model is compared with an open model of a size class the advisory
# data names for it (comparable_class); a model it does not name has no
# self-hosting side to compare with, whatever its price.
_gap := "modelgate records no self-hosting size class for it (for a closed model, the open-weight class that does comparable work), so there is no self-hosting side to compare" if {
	_model
	not _class
}

_gap := "modelgate has no API or hosted list price for it or its size, so there is no price data" if {
	_model
	_class
	not _price
}

_price_citation := {
	"document": sprintf("%s (as of %s, %s)", [_price.by, _price.as_of, _price.verification]),
	"section": "price per million tokens",
	"url": _price.url,
}

obligations contains text if {
	_computed
	text := sprintf(
		"Cost through an API: %s tokens a day x %d days, output share %v%s, at %s in / %s out per million tokens: about %s a month (%s%s, as of %s, %s, %s)",
		[
			fmt.tokens(_tokens), _days, _share, _share_note, fmt.price(_price.input), fmt.price(_price.output),
			fmt.usd(_api_monthly), _price.by, _priced_as, _price.as_of, _price.verification, _price.url,
		],
	)
}

obligations contains text if {
	_computed
	text := sprintf("Cost of self-hosting: a model of %s%s on %s, about %s-%s a month in GPU rental (as of %s, %s, %s)", [
		_class.label, _comparable, _class.hardware, fmt.usd(_low), fmt.usd(_high),
		_class.as_of, _class.verification, _class.url,
	])
}

# Cheaper or not, an API the proposal's own constraints rule out is no option: the
# price is shown for comparison, never as advice to switch.
obligations contains text if {
	_computed
	count(fmt.api_constraints) > 0
	text := sprintf("Crossover is for comparison only: %s", [fmt.api_ruled_out])
}

obligations contains text if {
	_computed
	text := sprintf("Crossover: the two cost the same at about %s-%s tokens a day (the proposal: %s)", [
		fmt.tokens(_break_even(_low)), fmt.tokens(_break_even(_high)), fmt.tokens(_tokens),
	])
}
