# How settled a fact of the policy data is. Every fact object in the data
# files carries `verification`: verified | partial | unverified (see the
# header of policies/residency/data.yaml); a fact without one counts as
# unverified (fail closed). Rules whose outcome rests on a fact say so with
# these helpers, so the wording is the same everywhere.
package modelgate.lib.facts

import rego.v1

# status(fact) is the fact's verification status.
status(fact) := object.get(fact, "verification", "unverified")

# settled(fact): the fact was read in the vendor's, regulator's or
# legislator's own text.
settled(fact) if status(fact) == "verified"

# checked(fact, what) is appended to a message that rests on the fact: ""
# for a verified fact, else " [<status>: check <what>]".
checked(fact, _) := "" if settled(fact)

checked(fact, what) := sprintf(" [%s: check %s]", [status(fact), what]) if not settled(fact)

# confirm(fact, claim, what) is the obligation that comes with a pass resting
# on a fact that is not verified: confirm the claim, with the status and the
# fact's source. Undefined for a verified fact.
confirm(fact, claim, what) := {"text": sprintf("Confirm %s before relying on it%s%s", [claim, checked(fact, what), _source(fact)])} if {
	not settled(fact)
}

_source(fact) := sprintf(" (modelgate's source: %s)", [object.get(fact, "url", null)]) if is_string(object.get(fact, "url", null))

_source(fact) := "" if not is_string(object.get(fact, "url", null))
