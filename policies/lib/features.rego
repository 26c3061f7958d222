# Provider features a proposal declares (deployment.features) against the
# scope of an arrangement in the policy data: a service's zero_retention or
# baa record lists, under excluded_features, the features that fall outside
# it, each a fact with url, verification and note. deployment.features is
# null when the proposal does not declare its features, and [] when it
# declares that none is used.
package modelgate.lib.features

import data.modelgate.lib.facts
import rego.v1

# declared: the proposal says which features it uses (possibly none).
declared if is_array(input.deployment.features)

# outside(scope) is the list of the declared features that the scope fact
# lists as outside it: {index, feature, fact}, index being the feature's
# position in deployment.features (for the finding's path).
outside(scope) := [x |
	declared
	some i, f in input.deployment.features
	fact := scope.excluded_features[f]
	x := {"index": i, "feature": f, "fact": fact}
]

# listed(scope, what) names the features the scope fact lists as outside it,
# each with how settled its fact is ("files_api, batch [partial: check
# <what>]"); undefined when the fact lists none.
listed(scope, what) := concat(", ", [sprintf("%s%s", [f, facts.checked(scope.excluded_features[f], what)]) |
	some f in sort(object.keys(scope.excluded_features))
]) if {
	count(scope.excluded_features) > 0
}

# detail(x, what) is what the entry's fact says about the feature, with how
# settled it is: "<note> [<status>: check <what>]".
detail(x, what) := sprintf("%s%s", [object.get(x.fact, "note", "per the provider's terms"), facts.checked(x.fact, what)])

# path(x) is the JSON pointer of an outside(...) entry in the proposal.
path(x) := sprintf("/deployment/features/%d", [x.index])

# firm(x): the entry's fact is verified or partial, enough to fail on; an
# unverified one only warns.
firm(x) if facts.status(x.fact) != "unverified"
