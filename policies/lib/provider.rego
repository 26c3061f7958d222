# Who operates the endpoint, and on what terms, from
# data.modelgate.facts.residency. A provider or service without facts yields
# undefined: rules that need a fact treat its absence as "not shown".
package modelgate.lib.provider

import data.modelgate.lib.geo
import rego.v1

_providers := data.modelgate.facts.residency.providers

# facts(p) is the provider record of a proposal's deployment.
facts(p) := _providers[p.deployment.provider]

# service_id(p) is the service a proposal uses: the one it names, else the
# provider's default for the deployment kind, for the tier, or overall (null
# for the organisation's own premises). Undefined for a provider without
# facts. (No `else` chain: the regorus bytecode VM stops at the first branch
# whose lookup is undefined; see docs/engine-notes.md. The defaults are one
# body, not one definition each: every rule asks for the service, and a
# function's definitions are all tried on every call.)
service_id(p) := p.deployment.service if _names_service(p)

service_id(p) := _default_service(_providers[p.deployment.provider], p.deployment) if not _names_service(p)

_default_service(record, deployment) := array.concat(
	[id | some id in [_kind_default(record, deployment), _tier_default(record, deployment)]; id != null],
	[object.get(record, "default_service", null)],
)[0]

_kind_default(record, deployment) := object.get(
	object.get(record, "default_service_by_kind", {}),
	object.get(deployment, "kind", null),
	null,
)

_tier_default(record, deployment) := object.get(
	object.get(record, "default_service_by_tier", {}),
	object.get(deployment, "tier", null),
	null,
)

_names_service(p) if p.deployment.service != null

# service(p) is the service record, when the facts have one.
service(p) := _providers[p.deployment.provider].services[service_id(p)]

# service_label(p) names the service for messages: its id, else the provider.
service_label(p) := service_id(p)

service_label(p) := p.deployment.provider if not service_id(p)

# name(p) is a readable name for the provider.
name(p) := _providers[p.deployment.provider].name if _providers[p.deployment.provider].name

name(p) := p.deployment.provider if not _providers[p.deployment.provider].name

# third_party(p): someone other than the organisation operates the machines
# the data reaches. A cloud hosting a self-managed deployment counts.
third_party(p) if p.deployment.provider != "on_prem"

# consumer(p): a consumer product tier, by declaration or by service facts.
consumer(p) if p.deployment.tier == "consumer"

consumer(p) if service(p).consumer == true

# dpa(p) is the GDPR Art. 28 processor-terms fact for the service used: the
# service's own where the facts give one, else the provider's.
dpa(p) := service(p).dpa

dpa(p) := facts(p).dpa if not _service_has_dpa(p)

_service_has_dpa(p) if "dpa" in object.keys(service(p))

# routes_globally(p): with no region chosen, the service may process prompts
# in any country (routes_globally_by_default in the facts).
routes_globally(p) if service(p).routes_globally_by_default == true

# places(p) is the set of place codes (as the proposal writes them: ISO
# codes, EU/EEA, region ids, `global`) where the data is processed: the
# declared regions; else, on premises, the organisation's domicile; else
# `global` when the service routes globally by default. Empty when unknown.
places(p) := {r | some r in p.deployment.regions} if count(p.deployment.regions) > 0

places(p) := {p.organization.domicile} if {
	count(p.deployment.regions) == 0
	_on_prem_with_domicile(p)
}

places(p) := {"global"} if {
	count(p.deployment.regions) == 0
	not _on_prem_with_domicile(p)
	routes_globally(p)
}

places(p) := set() if {
	count(p.deployment.regions) == 0
	not _on_prem_with_domicile(p)
	not routes_globally(p)
}

_on_prem_with_domicile(p) if {
	p.deployment.provider == "on_prem"
	p.organization.domicile != null
}

# defaulted_to_global(p): no region is declared and the place `global`
# comes from the service's routing facts.
defaulted_to_global(p) if {
	count(p.deployment.regions) == 0
	"global" in places(p)
}

# offered_regions is the set of the proposal's declared regions that the
# service's residency facts back (offers_place): a rule, so it is worked out
# once per evaluation for every rule that tests each region.
offered_regions := {code | some code in input.deployment.regions; offers_place(input, code)}

# unbacked_global is the set of the proposal's declared place codes that the
# service's residency facts do not back while the service routes requests
# globally by default: a declared place it cannot keep to, so the data may go
# anywhere (the Anthropic API declared as EU, for example).
unbacked_global := {code |
	input_service.routes_globally_by_default == true
	some code in input.deployment.regions
	not code in offered_regions
}

# unbacked_unknown_routing is the set of the proposal's declared place codes
# that no residency fact backs (nor keeps data at rest in) at a service whose
# default routing is unknown (routes_globally_by_default null, or no record):
# where it processes the data is as unknown as with no region declared.
# A self-hosted deployment is not in it: the organisation runs its own model
# on machines it rents in the place it declares (a hosting company modelgate
# has no facts on, such as Hetzner or OVH), so no provider routes its
# requests; whether the hosting contract keeps the machines and the host's
# access there is a warning, as at a cloud whose routing is known.
unbacked_unknown_routing := {code |
	not _input_routing_known
	input.deployment.kind != "self_hosted"
	some code in input.deployment.regions
	not code in offered_regions
	not stored_only(input, code)
}

_input_routing_known if is_boolean(input_service.routes_globally_by_default)

# offers_place(p, code): the service's residency facts back a declared place
# code for processing: a residency option with the same code, one whose
# countries all lie inside the place (an EU option backs EEA), or an
# in-region option for a region id of the same provider. An option that
# keeps only data at rest there (scope: at_rest) backs nothing: where the
# prompts are processed is not committed. `global` claims nothing and is
# always backed. Undefined when the facts have no service record.
offers_place(p, "global") if service(p)

# The service's options are looked up once per call, not once per way an
# option may back the place.
offers_place(p, code) if {
	code != "global"
	some option in _processing_options(p)
	_backs(option, p.deployment.provider, code)
}

_backs(option, _, code) if option.region == code

_backs(option, provider_id, code) if {
	option.region == "in_region"
	geo.region_provider(code) == provider_id
	not code in object.get(option, "except", [])
}

_backs(option, _, code) if {
	option.region != "in_region"
	inner := geo.countries(option.region)
	outer := geo.countries(code)
	count(inner) > 0
	count(inner - outer) == 0
}

_processing_options(p) := [option |
	some option in service(p).residency
	object.get(option, "scope", "processing") != "at_rest"
	not excludes_model(option, p)
]

# excludes_model(option, p): the residency option does not serve the
# proposal's catalog model (its excluded_models lists it: the Anthropic API's
# inference_geo "us" takes Claude Opus 4.6 and later models only), so it
# backs no place for that proposal. A model outside the catalog is not
# excluded: the option's residency_limits duty names the check.
excludes_model(option, p) if p.resolved.model.id in object.get(object.get(option, "excluded_models", {}), "ids", [])

# model_excluded(p, code): a residency option of the service would back the
# declared place but does not serve the proposal's model.
model_excluded(p, code) if {
	code != "global"
	some option in service(p).residency
	object.get(option, "scope", "processing") != "at_rest"
	excludes_model(option, p)
	_backs(option, p.deployment.provider, code)
}

# excluded_option(p, code): that option, for its note.
excluded_option(p, code) := [option |
	some option in service(p).residency
	object.get(option, "scope", "processing") != "at_rest"
	excludes_model(option, p)
	_backs(option, p.deployment.provider, code)
][0]

# no_option_text(code) says, for a declared place of the proposal that the
# service's residency facts do not back, why: the service has no option for
# it, or has one that does not serve the proposal's model (with the fact's
# note and how settled it is). Rules put it after the service's name.
no_option_text(code) := sprintf(
	"has a residency option for it that does not serve %s (%s%s)",
	[input.resolved.model.name, trim_right(option.excluded_models.note, "."), data.modelgate.lib.facts.checked(option.excluded_models, "the provider's residency terms")],
) if {
	model_excluded(input, code)
	option := excluded_option(input, code)
}

no_option_text(code) := "has no residency option for it" if not model_excluded(input, code)

# stored_only(p, code): the service's residency facts keep only data at rest
# in the declared place (an at_rest option for the same code): processing
# may happen elsewhere.
stored_only(p, code) if {
	some option in service(p).residency
	object.get(option, "scope", "processing") == "at_rest"
	option.region == code
}

# The same facts for the proposal at hand (input), as rules: a rule's value is
# worked out once per evaluation, a function's on every call, and the rules
# ask these many times.
input_service := service(input)

input_service_id := service_id(input)

input_service_label := service_label(input)

input_name := name(input)

input_consumer if consumer(input)

# input_consumer_path is where the proposal makes the deployment a consumer
# product, for a finding to point at: the declared tier, else the service
# the facts mark as consumer (named, or the provider's default).
input_consumer_path := "/deployment/tier" if input.deployment.tier == "consumer"

input_consumer_path := "/deployment/service" if {
	input.deployment.tier != "consumer"
	_names_service(input)
}

input_consumer_path := "/deployment/provider" if {
	input.deployment.tier != "consumer"
	not _names_service(input)
}

input_third_party if third_party(input)

# input_service_path is where the proposal chooses its service, for a
# finding about the service to point at: the service it names, else the
# field whose default the facts take (deployment.kind, then deployment.tier),
# else the provider.
input_service_path := "/deployment/service" if _names_service(input)

input_service_path := "/deployment/kind" if {
	not _names_service(input)
	_kind_default(_providers[input.deployment.provider], input.deployment) != null
}

input_service_path := "/deployment/tier" if {
	not _names_service(input)
	_kind_default(_providers[input.deployment.provider], input.deployment) == null
	_tier_default(_providers[input.deployment.provider], input.deployment) != null
}

input_service_path := "/deployment/provider" if {
	not _names_service(input)
	not _service_defaulted_by_a_field
}

_service_defaulted_by_a_field if _kind_default(_providers[input.deployment.provider], input.deployment) != null

_service_defaulted_by_a_field if _tier_default(_providers[input.deployment.provider], input.deployment) != null

input_places := places(input)

input_defaulted_to_global if defaulted_to_global(input)
