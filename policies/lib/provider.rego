# Who operates the endpoint, and on what terms, from
# data.modelgate.facts.residency. A provider or service without facts yields
# undefined: rules that need a fact treat its absence as "not shown".
package modelgate.lib.provider

import rego.v1

_providers := data.modelgate.facts.residency.providers

# facts(p) is the provider record of a proposal's deployment.
facts(p) := _providers[p.deployment.provider]

# service_id(p) is the service a proposal uses: the one it names, else the
# provider's default for the deployment kind, for the tier, or overall.
service_id(p) := p.deployment.service if {
	p.deployment.service != null
} else := s if {
	s := _providers[p.deployment.provider].default_service_by_kind[p.deployment.kind]
} else := s if {
	s := _providers[p.deployment.provider].default_service_by_tier[p.deployment.tier]
} else := s if {
	s := _providers[p.deployment.provider].default_service
}

# service(p) is the service record, when the facts have one.
service(p) := _providers[p.deployment.provider].services[service_id(p)]

# name(p) is a readable name for the provider.
name(p) := _providers[p.deployment.provider].name if _providers[p.deployment.provider].name

name(p) := p.deployment.provider if not _providers[p.deployment.provider].name

# third_party(p): someone other than the organisation operates the machines
# the data reaches. A cloud hosting a self-managed deployment counts.
third_party(p) if p.deployment.provider != "on_prem"

# consumer(p): a consumer product tier, by declaration or by service facts.
consumer(p) if p.deployment.tier == "consumer"

consumer(p) if service(p).consumer == true
