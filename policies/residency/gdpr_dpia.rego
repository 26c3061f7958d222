# RES-GDPR-DPIA: a data protection impact assessment is required before
# processing that is likely to result in a high risk, and always for the
# cases of GDPR Art. 35(3): (a) automated decisions with legal or similarly
# significant effects, (b) large-scale processing of Art. 9(1) special
# categories, (c) large-scale systematic monitoring of public areas.
package modelgate.rules.residency.gdpr_dpia

import rego.v1

meta := {
	"id": "RES-GDPR-DPIA",
	"title": "GDPR: high-risk processing needs a data protection impact assessment",
	"severity": "high",
	"category": "residency",
	"citation": {
		"document": "Regulation (EU) 2016/679 (GDPR)",
		"section": "Art. 35(1), (3)",
		"url": "https://eur-lex.europa.eu/eli/reg/2016/679/oj",
	},
	"description": concat(" ", [
		"Processing the GDPR governs needs a data protection impact assessment before it starts when",
		"it makes automated decisions with legal or similarly significant effects (Art. 35(3)(a)) or",
		"processes special categories of data, health data included, on a large scale (Art. 35(3)(b));",
		"large-scale monitoring of people is a warning (Art. 35(3)(c) covers public areas).",
	]),
	"remediation": "Carry out the DPIA (Art. 35(7)) before the processing starts and declare contracts.dpia_done: true.",
}

_purposes := {p | some p in input.use.purposes}

# Art. 35(3)(a): decisions based on automated processing with legal or
# similarly significant effects.
_automated if "automated_decisions" in _purposes

# Art. 35(3)(b): special categories (Art. 9(1)) on a large scale. Biometric
# data processed to identify people is a special category.
_special if data.modelgate.lib.gdpr.input_special_category

_special if "biometric_identification" in _purposes

_large_scale_special if {
	_special
	input.data.large_scale == true
}

# Art. 35(3)(c) covers systematic monitoring of publicly accessible areas on
# a large scale; the proposal cannot say whether the monitoring is public.
_monitoring if {
	"surveillance" in _purposes
	input.data.large_scale == true
}

# data.large_scale not declared (null): whether Art. 35(3)(b) or (c) makes the
# DPIA mandatory cannot be told, and the field has no safe default, so the
# DPIA warns instead of not applying. `large_scale: false` declares that the
# processing is not large-scale.
_scale_unknown if input.data.large_scale == null

_special_scale_unknown if {
	_special
	_scale_unknown
}

_monitoring_scale_unknown if {
	"surveillance" in _purposes
	_scale_unknown
}

default applies := false

applies if {
	data.modelgate.lib.gdpr.input_governed
	_trigger
}

_trigger if _automated

_trigger if _large_scale_special

_trigger if _monitoring

_trigger if _special_scale_unknown

_trigger if _monitoring_scale_unknown

deny contains v if {
	applies
	_automated
	input.contracts.dpia_done != true
	v := {
		"msg": "automated decisions with legal or similarly significant effects need a DPIA before processing (Art. 35(3)(a)), and none is on file",
		"path": "/contracts/dpia_done",
		"citation": object.union(meta.citation, {"section": "Art. 35(3)(a)"}),
	}
}

deny contains v if {
	applies
	_large_scale_special
	input.contracts.dpia_done != true
	v := {
		"msg": "special categories of personal data processed on a large scale need a DPIA before processing (Art. 35(3)(b)), and none is on file",
		"path": "/contracts/dpia_done",
		"citation": object.union(meta.citation, {"section": "Art. 35(3)(b)"}),
	}
}

warn contains v if {
	applies
	_monitoring
	not _automated
	not _large_scale_special
	input.contracts.dpia_done != true
	v := {
		"msg": "large-scale monitoring of people: a DPIA is mandatory if publicly accessible areas are monitored (Art. 35(3)(c)) and likely needed otherwise (Art. 35(1))",
		"path": sprintf("/use/purposes/%d", [min({i | some i, p in input.use.purposes; p == "surveillance"})]),
		"citation": object.union(meta.citation, {"section": "Art. 35(3)(c)"}),
	}
}

warn contains v if {
	applies
	not _automated
	not _large_scale_special
	not _monitoring
	_special_scale_unknown
	input.contracts.dpia_done != true
	v := {
		"msg": "special categories of personal data are processed and data.large_scale is not declared: if the processing is large-scale, a DPIA is mandatory before it starts (Art. 35(3)(b)), and none is on file",
		"path": "/data/large_scale",
		"citation": object.union(meta.citation, {"section": "Art. 35(3)(b)"}),
		"remediation": "Declare data.large_scale (false if the processing is not large-scale), or carry out the DPIA and declare contracts.dpia_done: true.",
	}
}

warn contains v if {
	applies
	not _automated
	not _large_scale_special
	not _monitoring
	not _special_scale_unknown
	_monitoring_scale_unknown
	input.contracts.dpia_done != true
	v := {
		"msg": "people are monitored (use.purposes: surveillance) and data.large_scale is not declared: large-scale monitoring of publicly accessible areas needs a DPIA (Art. 35(3)(c)), and none is on file",
		"path": "/data/large_scale",
		"citation": object.union(meta.citation, {"section": "Art. 35(3)(c)"}),
		"remediation": "Declare data.large_scale (false if the monitoring is not large-scale), or carry out the DPIA and declare contracts.dpia_done: true.",
	}
}

obligations contains o if {
	applies
	input.contracts.dpia_done == true
	o := {
		"text": "Review the DPIA whenever the processing changes (model, provider, data or purpose), and consult the supervisory authority first if it shows a high risk you cannot mitigate",
		"section": "Art. 35(11), 36(1)",
	}
}

# The Art. 9(2) condition for special categories is RES-GDPR-SPECIAL-CATEGORY's.
