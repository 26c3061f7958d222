# Helpers of the advisory rules: bands, and numbers written for people (regorus has no
# float formatting in sprintf, so money and token counts are rounded and assembled
# here). It sits beside the advisory rules, its main users, rather than in
# policies/lib/ (RED-AI-ACT-GPAI rounds its compute figures with half_up too);
# it declares no `meta`, so it is never a rule.
package modelgate.lib.advisory

import data.modelgate.lib.licenses
import rego.v1

# The band of `bands` that holds `value`: the one with the highest `from` at or below
# it (so each band includes its lower bound). Undefined below the lowest band.
band(bands, value) := b if {
	start := max({x.from | some x in bands; value >= x.from})
	some b in bands
	b.from == start
}

# The proposal's own hard constraints that rule out every third-party API, named by
# field: the gating rules (RES-AIRGAP, REQ-NO-THIRD-PARTY) reject any API then, so
# no advisory rule may recommend one.
api_constraints contains "deployment.network air_gapped" if input.deployment.network == "air_gapped"

api_constraints contains "requirements.no_third_party_processing" if {
	input.requirements.no_third_party_processing == true
}

# "deployment.network air_gapped rules out every third-party API", for one or more.
api_ruled_out := sprintf("%s rules out every third-party API", [concat(" and ", api_constraints)]) if {
	count(api_constraints) == 1
}

api_ruled_out := sprintf("%s rule out every third-party API", [concat(" and ", api_constraints)]) if {
	count(api_constraints) > 1
}

# "/workload/task" -> "workload.task"
dotted(pointer) := concat(".", split(trim_prefix(pointer, "/"), "/"))

# x rounded to one decimal, without a trailing ".0": 66.66 -> "66.7", 25.0 -> "25".
one_decimal(x) := sprintf("%d", [tenths / 10]) if {
	tenths := half_up(x * 10)
	tenths % 10 == 0
}

one_decimal(x) := sprintf("%d.%d", [floor(tenths / 10), tenths % 10]) if {
	tenths := half_up(x * 10)
	tenths % 10 != 0
}

# A token count: 5000000 -> "5M", 66666667 -> "66.7M", 800000 -> "800K", 950 -> "950".
# Each unit starts where the smaller one would round to 1000 of it (999999 -> "1M").
tokens(n) := sprintf("%sB", [one_decimal(n / 1000000000)]) if n >= 999950000

tokens(n) := sprintf("%sM", [one_decimal(n / 1000000)]) if {
	n >= 999950
	n < 999950000
}

tokens(n) := sprintf("%sK", [one_decimal(n / 1000)]) if {
	n >= 1000
	n < 999950
}

tokens(n) := sprintf("%d", [half_up(n)]) if n < 1000

# Whole dollars with thousands separators; cents under $10: 600 -> "$600",
# 46600 -> "$46,600", 1234567.8 -> "$1,234,568", 4.5 -> "$4.50".
usd(x) := sprintf("$%s", [cents(x)]) if x < 10

usd(x) := sprintf("$%s", [_grouped(half_up(x))]) if x >= 10

_grouped(n) := sprintf("%d", [n]) if n < 1000

_grouped(n) := sprintf("%d,%03d", [floor(n / 1000), n % 1000]) if {
	n >= 1000
	n < 1000000
}

_grouped(n) := sprintf("%d,%03d,%03d", [floor(n / 1000000), floor(n / 1000) % 1000, n % 1000]) if {
	n >= 1000000
	n < 1000000000
}

# A billion and more (a bill from an extreme volume): every group separated, as
# licenses.grouped writes counts.
_grouped(n) := licenses.grouped(n) if n >= 1000000000

# x with two decimals: 2.5 -> "2.50", 0.15 -> "0.15", 4.499 -> "4.50".
cents(x) := sprintf("%d.%02d", [floor(c / 100), c % 100]) if {
	c := half_up(x * 100)
}

# x rounded half up, where a half that float arithmetic put a hair below .5 still
# counts as a half: engines compute with different precision (0.015 * 100 is
# 1.4999999999999998 in regorus, 1.5 in OPA), and both must write "$0.02".
half_up(x) := round(x * 1.000000000001)

# A per-million-token price: two decimals, or more where the price has them
# (0.3 -> "$0.30", 0.075 -> "$0.075").
price(p) := sprintf("$%s", [cents(p)]) if _whole_cents(p)

price(p) := sprintf("$%v", [p]) if not _whole_cents(p)

# Compared within a millionth of a cent, not exactly: engines round floats
# differently (0.3 * 100 is 30 in regorus, 30.000000000000004 in OPA).
_whole_cents(p) if abs((p * 100) - round(p * 100)) < 0.000001
