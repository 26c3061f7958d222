package modelgate.lib.advisory_test

import data.modelgate.lib.advisory
import rego.v1

_bands := [
	{"from": 0, "score": 1},
	{"from": 100000, "score": 2},
	{"from": 1000000, "score": 3},
]

test_band_includes_its_lower_bound if {
	advisory.band(_bands, 99999).score == 1
	advisory.band(_bands, 100000).score == 2
	advisory.band(_bands, 5000000).score == 3
}

test_band_is_undefined_below_the_lowest if {
	not advisory.band([{"from": 10, "score": 1}], 5)
}

test_dotted if {
	advisory.dotted("/workload/task") == "workload.task"
}

test_one_decimal if {
	advisory.one_decimal(66.66) == "66.7"
	advisory.one_decimal(25.0) == "25"
	advisory.one_decimal(25.04) == "25"
	advisory.one_decimal(0.5) == "0.5"
}

test_tokens if {
	advisory.tokens(5000000) == "5M"
	advisory.tokens(66666667) == "66.7M"
	advisory.tokens(800000) == "800K"
	advisory.tokens(99999) == "100K"
	advisory.tokens(950) == "950"
	advisory.tokens(2500000000) == "2.5B"
	advisory.tokens(999999) == "1M"
}

test_usd if {
	advisory.usd(600) == "$600"
	advisory.usd(3000) == "$3,000"
	advisory.usd(46600) == "$46,600"
	advisory.usd(1234567.8) == "$1,234,568"
	advisory.usd(999999999.6) == "$1,000,000,000"
	advisory.usd(120000000000) == "$120,000,000,000"
	advisory.usd(1005) == "$1,005"
	advisory.usd(4.5) == "$4.50"
	advisory.usd(0.054) == "$0.05"
}

test_price if {
	advisory.price(2.5) == "$2.50"
	advisory.price(0.15) == "$0.15"
	advisory.price(15) == "$15.00"
	advisory.price(0.075) == "$0.075"
}
