#!/usr/bin/env python3
"""The official OPA engine on the same corpus as modelgate's benchmark, for a ratio.

    python -m venv target/opa-venv
    target/opa-venv/bin/pip install --ignore-requires-python opa-golib-python-bindings==0.4.4
    target/opa-venv/bin/python scripts/bench_opa.py DIR_OR_FILE... [-R]

OPA v1.20.2 runs in-process (opa-golib-python-bindings). It gets exactly what
modelgate's policies get: the bundled policies and the aggregate module
(`scripts/opa_parity.py` builds it), the policy data (`modelgate parse --data`) and
one input document per proposal, route and license alternative (`modelgate parse`).
The inputs go into `data.batch` and one query evaluates them all inside the engine,
so the Python bridge's per-call overhead does not count against OPA. Prints one JSON
line: inputs, seconds, inputs per second.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True

from gen_corpus import find_modelgate  # noqa: E402
from opa_parity import ROOT, Policies, fail, run  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="proposal files or directories")
    parser.add_argument("-R", "--recursive", action="store_true")
    parser.add_argument("--now", default="2026-11-23")
    parser.add_argument("--modelgate", help="modelgate binary")
    args = parser.parse_args()
    try:
        from opa_bindings.engine import OpaEngine
    except ImportError:
        fail("the OPA bindings are not installed (see the docstring)")
    binary = find_modelgate(args.modelgate)
    flags = ["-R"] if args.recursive else []
    parsed = json.loads(run(binary, "parse", "--now", args.now, *flags, *args.paths))
    documents = parsed if isinstance(parsed, list) else [parsed]
    data = json.loads(run(binary, "parse", "--data"))
    policies = Policies(ROOT)
    policies.check_no_network()
    opa = OpaEngine()
    opa.print_handler = lambda message, location: None
    for path, text in policies.modules.items():
        opa.add_policy(path, text)
    opa.add_policy("modelgate/aggregate.rego", policies.aggregate(sorted(policies.packages)))
    data["batch"] = documents
    opa.add_data(data)
    query = "results := [r | some doc in data.batch; r := data.modelgate.engine.results with input as doc]"
    opa.eval_query(query)  # compile and warm the prepared query once
    started = time.perf_counter()
    bindings = opa.eval_query(query)
    seconds = time.perf_counter() - started
    if len(bindings[0]["results"]) != len(documents):
        fail("OPA returned %d results for %d inputs" % (len(bindings[0]["results"]), len(documents)))
    print(json.dumps({"inputs": len(documents), "seconds": round(seconds, 3),
                      "inputs_per_second": round(len(documents) / seconds, 1)}))


if __name__ == "__main__":
    main()
