package modelgate.lib.licenses_test

import data.modelgate.lib.licenses
import rego.v1

_llama := {
	"id": "llama",
	"name": "Llama 3.2 Community License Agreement",
	"url": "https://example.test/license",
	"terms": {
		"use_policy": {"name": "Llama 3.2 Acceptable Use Policy", "section": "1.b.iv", "url": "https://example.test/aup"},
		"license_copy": {"section": "1.b.i(A)"},
		"geographic": [{"section": "AUP, paragraph after item 5", "url": "https://example.test/aup"}],
	},
}

test_a_term_of_the_license_cites_the_license if {
	licenses.citation(_llama, _llama.terms.license_copy) == {
		"document": "Llama 3.2 Community License Agreement",
		"section": "1.b.i(A)",
		"url": "https://example.test/license",
	}
}

test_a_term_stated_in_the_use_policy_cites_the_use_policy if {
	licenses.citation(_llama, _llama.terms.geographic[0]) == {
		"document": "Llama 3.2 Acceptable Use Policy",
		"section": "AUP, paragraph after item 5",
		"url": "https://example.test/aup",
	}
}

test_the_clause_incorporating_the_use_policy_cites_the_license if {
	licenses.citation(_llama, _llama.terms.use_policy) == {
		"document": "Llama 3.2 Community License Agreement",
		"section": "1.b.iv",
		"url": "https://example.test/license",
	}
}

test_an_unrecorded_spdx_license_cites_its_spdx_page if {
	c := licenses.unknown_citation({"id": "GPL-3.0-only"})
	c.url == "https://spdx.org/licenses/GPL-3.0-only.html"
	c.document == "SPDX License List: GPL-3.0-only"
}

test_a_license_ref_or_noassertion_cites_the_spdx_rule if {
	every id in ["LicenseRef-acme-eula", "NOASSERTION", "NONE"] {
		licenses.unknown_citation({"id": id}).section == "Annex D"
	}
}
