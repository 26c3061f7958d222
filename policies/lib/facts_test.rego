package modelgate.lib.facts_test

import data.modelgate.lib.facts
import rego.v1

test_checked if {
	facts.checked({"verification": "verified"}, "x") == ""
	facts.checked({"verification": "partial"}, "the DPF List") == " [partial: check the DPF List]"
	facts.checked({"verification": "unverified"}, "x") == " [unverified: check x]"
	facts.checked({"value": true}, "x") == " [unverified: check x]"
}

test_confirm if {
	not facts.confirm({"verification": "verified"}, "a", "b")
	o := facts.confirm({"verification": "partial", "url": "https://example.org"}, "a", "b")
	o.text == "Confirm a before relying on it [partial: check b] (modelgate's source: https://example.org)"
	facts.confirm({"verification": "partial", "url": null}, "a", "b").text == "Confirm a before relying on it [partial: check b]"
}
