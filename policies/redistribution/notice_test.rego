package modelgate.rules.redistribution.notice_test

import data.modelgate.rules.redistribution.notice
import rego.v1

_llama := {
	"id": "llama",
	"name": "Llama 3.1 Community License Agreement",
	"url": "https://example.test/llama",
	"known": true,
	"terms": {"notice": {"text": "Llama 3.1 is licensed under ...", "trigger": "distribution", "section": "1.b.iii"}},
}

_apache := {
	"id": "Apache-2.0",
	"name": "Apache License 2.0",
	"url": "https://example.test/apache",
	"known": true,
	"terms": {"notice": {"trigger": "distribution", "section": "4(d)"}},
}

_input(records, weights, hosted, included) := {
	"distribution": {"weights": weights, "hosted_service": hosted, "includes_notice": included},
	"resolved": {"licenses": records},
}

test_weights_without_the_notice_fail if {
	result := notice.deny with input as _input([_llama, _apache], true, false, false)
	count(result) == 2
	{v.license | some v in result} == {"llama", "Apache-2.0"}
	some v in result
	v.path == "/distribution/includes_notice"
}

test_the_notice_passes_with_obligations if {
	inp := _input([_llama], true, false, true)
	count(notice.deny) == 0 with input as inp
	obligations := notice.obligations with input as inp
	count(obligations) == 1
	some o in obligations
	o.section == "1.b.iii"
}

test_a_hosted_service_is_not_distribution if {
	not notice.applies with input as _input([_llama], false, true, false)
}

# MIT: the licensor's license file carries the copyright notice.
_mit := {
	"id": "MIT",
	"name": "MIT License",
	"url": "https://example.test/mit",
	"known": true,
	"terms": {"notice": {"in_license_copy": true, "trigger": "distribution", "section": "para. 2"}},
}

_with_copy(records, copy, notice_file) := object.union(
	_input(records, true, false, notice_file),
	{"distribution": {"includes_license_copy": copy}},
)

test_a_notice_the_license_copy_carries_is_met_by_the_copy if {
	inp := _with_copy([_mit], true, false)
	notice.applies with input as inp
	count(notice.deny) == 0 with input as inp
}

test_a_notice_the_license_copy_carries_fails_without_the_copy if {
	result := notice.deny with input as _with_copy([_mit], false, false)
	count(result) == 1
	some v in result
	contains(v.msg, "the licensor's copyright notice")
	contains(v.remediation, "distribution.includes_license_copy: true")
}

test_a_license_copy_does_not_meet_an_apache_notice if {
	result := notice.deny with input as _with_copy([_apache, _mit], true, false)
	{v.license | some v in result} == {"Apache-2.0"}
}

test_a_student_escapes_a_notice_duty_that_does_not_cover_it if {
	llama := object.union(_llama, {"terms": {"notice": {"covers_models_trained_on_outputs": false}}})
	inp := object.union(_input([llama], true, false, false), {
		"use": {"fine_tune": null, "outputs_train_other_models": true},
		"resolved": {"model": {"id": "teacher"}, "lineage": []},
	})
	not notice.applies with input as inp
	count(notice.deny) == 1 with input as object.union(inp, {"resolved": {"licenses": [_llama]}})
}

# The RAIL licenses and DeepSeek attach their notice condition (4.d) to
# hosting for third-party access as well as to distribution.
_rail := {
	"id": "rail",
	"name": "DeepSeek License Agreement",
	"url": "https://example.test/deepseek",
	"known": true,
	"terms": {"notice": {"trigger": "distribution_or_hosted_service", "section": "4.d"}},
}

test_a_notice_condition_on_hosting_fails_a_hosted_service_without_it if {
	result := notice.deny with input as _input([_rail, _llama], false, true, false)
	count(result) == 1
	some v in result
	v.license == "rail"
	v.path == "/distribution/includes_notice"
	v.citation.section == "4.d"
	contains(v.msg, "hosted service")
	contains(v.remediation, "the copy a hosted service runs")
}

test_a_notice_condition_on_hosting_passes_with_the_notice_kept if {
	inp := _input([_rail], false, true, true)
	notice.applies with input as inp
	count(notice.deny) == 0 with input as inp
	obligations := notice.obligations with input as inp
	some o in obligations
	contains(o.text, "the copy a hosted service runs")
}

# A model license whose record encodes no notice term (its redistribution
# clauses were not read): giving the weights away warns instead of not
# applying; declaring the notice shipped, or only hosting, does not.
_unread := {
	"id": "LicenseRef-unread",
	"name": "Unread License",
	"url": "https://example.test/unread",
	"kind": "model_license",
	"known": true,
	"terms": {"commercial_use": {"allowed": false, "section": "3"}},
}

test_weights_under_a_license_whose_redistribution_terms_were_not_read_warn if {
	inp := _input([_unread], true, false, false)
	notice.applies with input as inp
	count(notice.deny) == 0 with input as inp
	some v in notice.warn with input as inp
	v.path == "/distribution/includes_notice"
	v.license == "LicenseRef-unread"
}

test_weights_under_an_unread_license_with_the_notice_shipped_pass if {
	inp := _input([_unread], true, false, true)
	count(notice.warn) == 0 with input as inp
}

test_hosting_under_an_unread_license_does_not_apply if {
	not notice.applies with input as _input([_unread], false, true, false)
}
