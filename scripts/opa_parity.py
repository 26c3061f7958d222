#!/usr/bin/env python3
"""Parity with OPA: the bundled policies evaluated by the official OPA engine must give
every rule outcome modelgate gives.

    python -m venv .venv-opa
    .venv-opa/bin/pip install --ignore-requires-python opa-golib-python-bindings==0.4.4
    .venv-opa/bin/python scripts/opa_parity.py --count 300            # a fresh seeded corpus
    .venv-opa/bin/python scripts/opa_parity.py --corpus fixtures -R   # existing proposals

`opa-golib-python-bindings` runs OPA v1.20.2 in-process. The script feeds OPA exactly
what modelgate's policies see: the input documents from `modelgate parse` (one per
proposal, route and license alternative) and the policy data from `modelgate parse
--data` (every data.yaml at data.modelgate.facts.<dir>). It loads every non-test .rego
file under policies/ and the aggregate module modelgate generates (one `r<i>` per rule:
its applies, deny, warn and obligations), evaluates it per input, picks the license
alternative the way modelgate does (fewest license and redistribution failures, then
warnings; the first on a tie), and compares with `modelgate check --format json`,
rule by rule: the status, each deny/warn entry (message, path, remediation, license,
citation) and each obligation. Any difference is printed and the exit code is 1.

OPA never reaches the network here: policies that call a builtin doing I/O (http.send,
net.lookup_ip_addr) are refused before anything is loaded.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no scripts/__pycache__ in the checkout

from gen_corpus import find_modelgate  # noqa: E402

# OPA builtins that do I/O. Rego resolves builtins by name at compile time (there is no
# dynamic call), so a module that does not name them cannot reach them.
NETWORK_BUILTINS = re.compile(r"\b(http\s*\.\s*send|net\s*\.\s*lookup_ip_addr)\b")
RULE_NAMES = ("applies", "deny", "warn", "obligations")
GATING = ("license", "redistribution")


def fail(message):
    sys.exit("opa_parity: " + message)


def run(binary, *args, ok=(0,)):
    out = subprocess.run([binary, *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode not in ok:
        fail("`modelgate %s` exited %d:\n%s" % (" ".join(args), out.returncode, out.stderr.strip()))
    return out.stdout


# --- the policies, as modelgate loads them ----------------------------------------------

class Policies:
    def __init__(self, root):
        self.modules = {}
        for path in sorted(glob.glob(os.path.join(root, "policies", "**", "*.rego"), recursive=True)):
            if path.endswith("_test.rego"):
                continue
            with open(path, encoding="utf-8") as f:
                self.modules[os.path.relpath(path, root)] = f.read()
        if not self.modules:
            fail("no policies under %s/policies" % root)
        # Rule packages (modelgate.rules.*) and the rule names they declare.
        self.packages = {}
        for path, text in self.modules.items():
            found = re.search(r"^package\s+([\w.]+)", text, re.M)
            if not found:
                fail("%s: no package" % path)
            package = found.group(1)
            if not package.startswith("modelgate.rules."):
                continue
            declared = self.packages.setdefault(package, set())
            for name in RULE_NAMES:
                if re.search(r"^(default\s+)?%s\b" % name, text, re.M):
                    declared.add(name)

    def check_no_network(self):
        for path, text in self.modules.items():
            found = NETWORK_BUILTINS.search(text)
            if found:
                fail("%s calls %s: refused, OPA would reach the network" % (path, found.group(1)))

    def aggregate(self, order):
        """The aggregate module modelgate generates (src/engine/mod.rs), rules in `order`."""
        rego = ["package modelgate.engine", "", "import rego.v1", ""]
        for i, package in enumerate(order):
            declared = self.packages[package]
            pkg = "data." + package

            def part(name):
                return "%s.%s" % (pkg, name) if name in declared else "[]"

            body = '{"applies": true, "deny": %s, "warn": %s, "obligations": %s}' % (
                part("deny"), part("warn"), part("obligations"))
            if "applies" in declared:
                rego += ['default r%d := {"applies": false}' % i, "",
                         "r%d := %s if {" % (i, body), "\t%s.applies == true" % pkg, "}", "",
                         'r%d := {"applies": a} if {' % i, "\ta := %s.applies" % pkg, "\tnot is_boolean(a)", "}", ""]
            else:
                rego += ["r%d := %s" % (i, body), ""]
        rego.append("results := [%s]" % ", ".join("r%d" % i for i in range(len(order))))
        return "\n".join(rego) + "\n"


# --- outcomes -----------------------------------------------------------------------------

def citation_key(c):
    if c is None:
        return None
    return (c.get("document"), c.get("section"), c.get("url"))


def raw_violation(item, default_remediation):
    """A deny/warn entry as modelgate keeps it (the default remediation filled in)."""
    if isinstance(item, str):
        item = {"msg": item}
    return (item.get("msg"), item.get("path"), item.get("remediation") or default_remediation,
            item.get("license"), citation_key(item.get("citation")))


def same_message(later, first):
    """Whether `later` says what `first` says, bar the verification mark a
    license rule appends for a term read only in part (as modelgate's engine
    reads it: `same_message` in src/engine/mod.rs)."""
    if later == first:
        return True
    if later is None or first is None or not later.startswith(first):
        return False
    rest = later[len(first):]
    return rest.startswith(" [partial: ") or rest.startswith(" [unverified: ")


def distinct_violations(keys):
    """Violations as modelgate reports them: sorted, one per message, path,
    remediation and citation (the same violation from two dated texts of one
    license is listed once, under the first license id, also when only one
    of the texts was read in full and the other's message carries the mark)."""
    out = []
    for key in sorted(set(keys)):
        if out and same_message(key[0], out[-1][0]) and (out[-1][1], out[-1][2], out[-1][4]) == (key[1], key[2], key[4]):
            continue
        out.append(key)
    return out


def obligation_key(item):
    if isinstance(item, str):
        return (item, None, None)
    return (item.get("text"), item.get("section"), item.get("license"))


def distinct_duties(items):
    """Obligations as modelgate reports them: one per text and section (the
    same duty from two dated texts of one license is listed once, under the
    first license id)."""
    out = []
    for key in sorted(set(obligation_key(o) for o in items)):
        if out and out[-1][:2] == key[:2]:
            continue
        out.append(key)
    return out


def opa_outcome(value, meta):
    """(status, violations, obligations) from one `r<i>` value."""
    if isinstance(value, dict) and value.get("applies") not in (True, False, None):
        return ("error", [], [])
    if not isinstance(value, dict) or value.get("applies") is not True:
        return ("not_applicable", [], [])
    deny = distinct_violations(raw_violation(v, meta.get("remediation")) for v in value.get("deny", []))
    warn = distinct_violations(raw_violation(v, meta.get("remediation")) for v in value.get("warn", []))
    if meta["category"] == "advisory":
        warn, deny = sorted(warn + deny), []
    status, violations = ("fail", deny) if deny else ("warn", warn) if warn else ("pass", [])
    obligations = distinct_duties(value.get("obligations", []))
    return (status, violations, obligations)


def report_outcome(finding):
    violations = sorted(
        (v["message"], v["path"], v["remediation"], v["license"], citation_key(v["citation"]))
        for v in finding["violations"])
    obligations = distinct_duties(finding["obligations"])
    return (finding["status"], violations, obligations)


def card_pointers(logical):
    """The pointers into a model card's front matter that modelgate reports
    for a path under /resolved/card (ModelCard::pointer)."""
    parts = logical[len("/resolved/card"):].lstrip("/").split("/")
    name = parts[0]
    if name in ("license", "license_name", "license_link", "base_model_relation"):
        return {"/" + name}
    if name == "declared":
        return {"/license", "/license_name"}
    if name in ("base_models", "base_ids"):
        return {"/base_model"} | ({"/base_model/" + parts[1]} if len(parts) > 1 else set())
    return {""}


def same_path(report_path, logical):
    """modelgate maps a rule's logical path into the route that gives the section,
    and a path under /resolved/card into the card file."""
    if report_path is None or logical is None:
        return report_path == logical
    if logical == "/resolved/card" or logical.startswith("/resolved/card/"):
        return report_path in card_pointers(logical)
    return report_path.endswith(logical) and re.fullmatch(r"(/\d+)?(/routes/\d+)?",
                                                          report_path[: len(report_path) - len(logical)])


def same(opa, report):
    if opa[0] != report[0] or opa[2] != report[2] or len(opa[1]) != len(report[1]):
        return False
    # Violations sorted by message first; paths compared modulo the route prefix.
    left = sorted(opa[1], key=lambda v: (v[0], v[2] or "", v[3] or "", str(v[4])))
    right = sorted(report[1], key=lambda v: (v[0], v[2] or "", v[3] or "", str(v[4])))
    return all(a[0] == b[0] and same_path(b[1], a[1]) and a[2:] == b[2:] for a, b in zip(left, right))


def score(outcomes, metas):
    counts = {"fail": 0, "warn": 0}
    for rule, (status, _, _) in outcomes.items():
        if metas[rule]["category"] in GATING and status in counts:
            counts[status] += 1
    return (counts["fail"], counts["warn"])


# --- main ---------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--count", "-n", type=int, default=300, help="generate this many proposals (default 300)")
    source.add_argument("--corpus", nargs="+", help="check these proposal files or directories instead")
    parser.add_argument("-R", "--recursive", action="store_true", help="with --corpus: read subdirectories")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--now", default="2026-11-23", help="the date to judge as today (default 2026-11-23)")
    parser.add_argument("--modelgate", help="modelgate binary (default: target/release, target/debug, PATH)")
    parser.add_argument("--show", type=int, default=10, help="differences to print in full (default 10)")
    args = parser.parse_args()

    try:
        from opa_bindings.engine import OpaEngine, OpaError, OpaUndefinedError
    except ImportError:
        fail("the OPA bindings are not installed in this Python (%s): pip install "
             "--ignore-requires-python opa-golib-python-bindings==0.4.4 in a virtualenv" % sys.executable)

    binary = find_modelgate(args.modelgate)
    timings = {}
    started = time.perf_counter()
    policies = Policies(ROOT)
    policies.check_no_network()

    with tempfile.TemporaryDirectory(prefix="modelgate-opa-") as tmp:
        if args.corpus:
            paths = [os.path.abspath(p) for p in args.corpus]
        else:
            t = time.perf_counter()
            corpus = os.path.join(tmp, "corpus.yaml")
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--seed",
                            str(args.seed), "--count", str(args.count), "--file", corpus, "--modelgate", binary],
                           check=True)
            paths = [corpus]
            timings["generate"] = time.perf_counter() - t
        flags = ["-R"] if args.recursive else []

        t = time.perf_counter()
        parsed = json.loads(run(binary, "parse", "--now", args.now, *flags, *paths))
        documents = parsed if isinstance(parsed, list) else [parsed]
        data = json.loads(run(binary, "parse", "--data"))
        timings["modelgate parse"] = time.perf_counter() - t

        t = time.perf_counter()
        report = json.loads(run(binary, "check", "--format", "json", "--now", args.now, *flags, *paths,
                                ok=(0, 1, 2)))
        timings["modelgate check"] = time.perf_counter() - t

    # OPA: policies, data, the aggregate.
    t = time.perf_counter()
    opa = OpaEngine()
    opa.print_handler = lambda message, location: None
    for path, text in policies.modules.items():
        try:
            opa.add_policy(path, text)
        except OpaError as e:
            fail("OPA rejects %s: %s" % (path, e))
    opa.add_data(data)
    order = sorted(policies.packages)
    aggregate = policies.aggregate(order)
    if NETWORK_BUILTINS.search(aggregate):
        fail("the aggregate module names a network builtin")
    opa.add_policy("modelgate/aggregate.rego", aggregate)
    # Every rule's meta in one query (each new query compiles all modules).
    try:
        bindings = opa.eval_query("metas := [%s]" % ", ".join("data.%s.meta" % p for p in order))
        metas = dict(zip(order, bindings[0]["metas"]))
    except (OpaError, IndexError, KeyError) as e:
        fail("OPA cannot evaluate the rules' meta: %s" % e)
    by_id = {metas[p]["id"]: p for p in order}
    timings["OPA load"] = time.perf_counter() - t

    # Evaluate each input once.
    t = time.perf_counter()
    results = []
    for doc in documents:
        try:
            value = opa.eval_document("modelgate.engine.results", doc)
            results.append({package: opa_outcome(value[i], metas[package]) for i, package in enumerate(order)})
        except (OpaError, OpaUndefinedError) as e:
            results.append(e)
    timings["OPA eval"] = time.perf_counter() - t
    per_input = timings["OPA eval"] / max(1, len(documents))

    # Compare, subject by subject.
    diffs = []
    compared = {"subjects": 0, "rules": 0, "violations": 0, "obligations": 0}
    status_counts = {}
    cursor = 0
    for proposal in report["proposals"]:
        first = documents[cursor] if cursor < len(documents) else None
        where = "%s%s (%s)" % (proposal["name"], "/" + proposal["route"] if proposal["route"] else "",
                               proposal["file"])
        if first is None or first["metadata"]["name"] != proposal["name"] or first["route"] != proposal["route"]:
            fail("parse and check disagree on the subjects at %s" % where)
        count = first["resolved"]["license"]["alternatives"]
        alternatives = list(zip(documents[cursor: cursor + count], results[cursor: cursor + count]))
        cursor += count
        compared["subjects"] += 1
        errors = [r for _, r in alternatives if isinstance(r, Exception)]
        if errors:
            diffs.append("%s: OPA could not evaluate: %s" % (where, errors[0]))
            continue
        # modelgate's choice: the first alternative with the fewest license failures.
        best = None
        for doc, outcomes in alternatives:
            s = score(outcomes, metas)
            if best is None or s < best[0]:
                best = (s, doc, outcomes)
            if s == (0, 0):
                break
        _, doc, outcomes = best
        chosen = doc["resolved"]["license"]["alternative"]
        if chosen != proposal["model"]["alternative"]:
            diffs.append("%s: OPA's outcomes pick license alternative %r, modelgate picked %r"
                         % (where, chosen, proposal["model"]["alternative"]))
            continue
        findings = {f["rule"]: f for f in proposal["findings"]}
        if set(findings) != set(by_id):
            diffs.append("%s: rules differ: only modelgate %s, only OPA %s"
                         % (where, sorted(set(findings) - set(by_id)), sorted(set(by_id) - set(findings))))
            continue
        for rule_id, package in by_id.items():
            ours = report_outcome(findings[rule_id])
            theirs = outcomes[package]
            compared["rules"] += 1
            compared["violations"] += len(ours[1])
            compared["obligations"] += len(ours[2])
            status_counts[ours[0]] = status_counts.get(ours[0], 0) + 1
            if not same(theirs, ours):
                diffs.append("%s: %s\n    modelgate: %s\n    OPA:       %s"
                             % (where, rule_id, json.dumps(ours)[:1500], json.dumps(theirs)[:1500]))
    if cursor != len(documents):
        fail("parse gave %d input documents, check used %d" % (len(documents), cursor))
    timings["total"] = time.perf_counter() - started

    print("OPA parity (OPA v1.20.2 through opa-golib-python-bindings): %d proposals, %d subjects"
          % (len({p["file"] + p["name"] for p in report["proposals"]}), compared["subjects"]))
    print("  %d input documents evaluated (proposals, routes, license alternatives), %d rules"
          % (len(documents), len(order)))
    print("  compared %d rule outcomes (%s), %d deny/warn entries, %d obligations"
          % (compared["rules"], ", ".join("%s %d" % kv for kv in sorted(status_counts.items())),
             compared["violations"], compared["obligations"]))
    print("  timings: " + ", ".join("%s %.1f s" % (k, v) for k, v in timings.items())
          + ", OPA %.2f ms per input" % (per_input * 1000))
    if diffs:
        print("DIFFERENCES: %d" % len(diffs))
        for d in diffs[: args.show]:
            print("  " + d)
        sys.exit(1)
    print("identical: every rule outcome matches")


if __name__ == "__main__":
    main()
