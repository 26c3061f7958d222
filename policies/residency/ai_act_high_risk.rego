# RES-AI-ACT-HIGH-RISK: a declared purpose that points at an area the EU AI
# Act lists as high-risk (Art. 6(2), Annex III: biometrics, critical
# infrastructure, education, employment, essential services such as credit,
# law enforcement) warns when the system reaches the Union: the organisation
# is established in the EU, its data subjects or markets are there, or
# neither subjects nor domicile is declared (no safe default). The Annex III
# list is not in the fact sheets (regulation.md section 5 has only the
# dates), so the warning is marked unverified and never a pass: whether the
# system is high-risk (Art. 6(3) exemptions included) is for counsel.
# Facts: ai_act_high_risk in policies/residency/data.yaml.
package modelgate.rules.residency.ai_act_high_risk

import data.modelgate.lib.facts
import data.modelgate.lib.geo
import rego.v1

meta := {
	"id": "RES-AI-ACT-HIGH-RISK",
	"title": "EU AI Act: uses in the high-risk areas of Annex III",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "Regulation (EU) 2024/1689 (AI Act)",
		"section": "Art. 6(2), Annex III",
		"url": "https://eur-lex.europa.eu/eli/reg/2024/1689/oj",
	},
	"description": concat(" ", [
		"A declared purpose in an area Annex III of the AI Act lists as high-risk (biometric",
		"identification, critical infrastructure, automated decisions on education, employment,",
		"credit or other essential services, law enforcement) warns when the system reaches the EU: a",
		"high-risk system's provider needs a conformity assessment and its deployer has duties of its",
		"own. Marked unverified: the fact sheets hold the dates, not the Annex III list.",
	]),
	"remediation": concat(" ", [
		"Have counsel classify the system under Art. 6 and Annex III of the AI Act (Art. 6(3) may",
		"exempt some uses); if it is high-risk, plan the provider's conformity assessment and the",
		"deployer's duties before they apply, or drop the purpose, or keep the system out of the EU.",
	]),
}

_fact := data.modelgate.facts.residency.ai_act_high_risk

# The declared purposes Annex III points at, with their index in use.purposes.
_listed contains [i, purpose] if {
	some i, purpose in input.use.purposes
	_fact.purposes[purpose]
}

# The system reaches the Union: an EU establishment, people or markets in the
# EU, or nothing declared that rules it out.
_in_union if geo.in_eu(input.organization.domicile)

_in_union if {
	some subject in input.data.subjects
	geo.in_eu(geo.location(subject))
}

_in_union if {
	some market in input.distribution.markets
	_eu_market(market)
}

_in_union if {
	count(input.data.subjects) == 0
	input.organization.domicile == null
}

_eu_market(market) if geo.in_eu(geo.location(market))

_eu_market(market) if market in {"EEA", "global"}

default applies := false

applies if {
	count(_listed) > 0
	_in_union
}

warn contains v if {
	applies
	some entry in _listed
	i := entry[0]
	purpose := entry[1]
	area := _fact.purposes[purpose]
	v := {
		"msg": sprintf(
			"the declared purpose %s may make the system a high-risk AI system under the AI Act (Annex III %s: %s): its provider then needs a conformity assessment before placing it on the market and its deployer has duties of its own, from %s under Art. 113, or %s if the Digital Omnibus is published%s",
			[purpose, area.point, area.area, _fact.applies_from, _fact.omnibus_applies_from, facts.checked(_fact, "the AI Act")],
		),
		"path": sprintf("/use/purposes/%d", [i]),
		"citation": object.union(meta.citation, {"section": sprintf("Art. 6(2), Annex III %s", [area.point])}),
	}
}
