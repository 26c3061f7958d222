#!/usr/bin/env python3
"""Writes a seeded corpus of varied, valid modelgate proposals.

    scripts/gen_corpus.py --seed 7 --count 1000 --out corpus/          # one file each
    scripts/gen_corpus.py --seed 7 --count 100000 --file corpus.yaml   # one multi-document file
    scripts/gen_corpus.py --seed 7 --count 10 --file -                 # to stdout

The same seed, count and catalog give byte-identical output. The corpus covers every
deployment kind, data class, license family (models from licenses/models.yaml, plus
derivatives outside the catalog), provider and service (policies/residency/data.yaml),
place (countries, EU/EEA, region ids from policies/geography/data.yaml, `global`),
model cards (written to cards/ beside the output, except on stdout), tier, network, provider feature, purpose, fine-tune method, workload and team; some proposals have
routes, a distribution, requirements, waivable contracts, and about a third are built
to be compliant, so both passing and failing outcomes occur.

The facts are read through the modelgate binary (`models --json`, `licenses --json`,
`parse --data`, `schema`), so the catalog and the policy data are read exactly as
modelgate reads them: pass --modelgate, or build target/release or target/debug first.
Python 3 standard library only.
"""

import argparse
import glob
import json
import os
import random
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_modelgate(explicit):
    """The binary to ask: --modelgate, else the newest of target/{release,debug}, else PATH."""
    if explicit:
        return explicit
    builds = [os.path.join(ROOT, "target", b, "modelgate") for b in ("release", "debug")]
    builds = [p for p in builds if os.access(p, os.X_OK)]
    if builds:
        binary = max(builds, key=os.path.getmtime)
        # The binary embeds policies/ and licenses/: warn when they changed since the build.
        newer = [p for d in ("policies", "licenses") for p in glob.glob(os.path.join(ROOT, d, "**", "*"), recursive=True)
                 if os.path.isfile(p) and os.path.getmtime(p) > os.path.getmtime(binary)]
        if newer:
            print("warning: %s is older than %s: rebuild it (cargo build)" % (os.path.relpath(binary, ROOT),
                  os.path.relpath(newer[0], ROOT)), file=sys.stderr)
        return binary
    found = shutil.which("modelgate")
    if found:
        return found
    sys.exit("no modelgate binary: build it (cargo build) or pass --modelgate")


def run_json(binary, *args):
    out = subprocess.run([binary, *args], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


class Facts:
    """Everything the generator draws from: catalog, policy data, proposal enums."""

    def __init__(self, binary):
        self.models = run_json(binary, "models", "--json")
        self.licenses = run_json(binary, "licenses", "--json")
        data = run_json(binary, "parse", "--data")["modelgate"]["facts"]
        schema = run_json(binary, "schema")["$defs"]

        def enum(name):
            return [o["const"] for o in schema[name]["oneOf"]]

        self.kinds = enum("DeploymentKind")
        self.tiers = enum("Tier")
        self.networks = enum("Network")
        self.features = enum("Feature")
        self.classes = enum("DataClass")
        self.deidentifications = enum("Deidentification")
        self.mechanisms = enum("TransferMechanism")
        self.purposes = enum("Purpose")
        self.methods = enum("FineTuneMethod")
        self.tasks = enum("Task")
        self.mlops = enum("Mlops")

        self.providers = data["residency"]["providers"]
        geography = data["geography"]
        self.countries = sorted(geography["countries"])
        self.eea = sorted(c for c, r in geography["countries"].items() if r.get("eea"))
        self.blocs = sorted(geography["blocs"])
        self.regions = geography["regions"]
        self.regions_by_provider = {}
        for rid, region in self.regions.items():
            self.regions_by_provider.setdefault(region["provider"], []).append(rid)

        # Models by license family, so every family is drawn about equally.
        family_of = {lic["id"]: lic.get("family") or lic["id"] for lic in self.licenses}
        self.families = {}
        for model in self.models:
            first = model["license"].split()[0]
            self.families.setdefault(family_of.get(first, first), []).append(model)
        self.family_names = sorted(self.families)
        self.open_models = [m for m in self.models if m.get("weights_available")]
        self.license_ids = sorted(lic["id"] for lic in self.licenses)

    def services(self, provider, kind):
        services = self.providers.get(provider, {}).get("services", {})
        return [sid for sid, s in services.items() if kind in s.get("deployment_kinds", [])]


# Providers that fit each deployment kind; `acme_cloud` is unknown to the facts (allowed:
# the rules fail closed on it).
# Providers whose region ids are their own: another cloud's region id is an input error.
CLOUDS = ("aws", "azure", "gcp")
PROVIDERS_FOR_KIND = {
    "vendor_api": ["openai", "anthropic", "google", "mistral"],
    "hosted_open_api": ["together", "fireworks", "mistral"],
    "managed_cloud": ["azure", "aws", "gcp"],
    "self_hosted": ["on_prem", "on_prem", "aws", "azure", "gcp"],
}
VENDOR_PROVIDER = {"openai": "openai", "anthropic": "anthropic", "google": "google", "mistral": "mistral"}
UNKNOWN_PROVIDER = "acme_cloud"


class Generator:
    def __init__(self, facts, seed, cards=()):
        self.f = facts
        self.r = random.Random(seed)
        # A second stream for fields added later (the PIPL and LGPD
        # safeguards), so a seed keeps drawing the same corpus otherwise.
        self.later = random.Random(seed * 104729 + 3)
        self.seed = seed
        self.cards = list(cards)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, items):
        return items[self.r.randrange(len(items))]

    def sample(self, items, low, high):
        n = self.r.randint(low, min(high, len(items)))
        return sorted(self.r.sample(items, n), key=items.index)

    def log_int(self, low, high):
        """A whole number spread evenly over orders of magnitude."""
        import math

        value = math.exp(self.r.uniform(math.log(low), math.log(high)))
        digits = max(0, len(str(int(value))) - 2)
        return int(round(value, -digits))

    # --- sections -------------------------------------------------------------------

    def model(self):
        """A model section and the catalog record it resolves to (None outside the catalog)."""
        roll = self.r.random()
        if roll < 0.10 and self.f.open_models:
            # A derivative outside the catalog: its own license and a catalog base.
            base = self.pick(self.f.open_models)
            own = self.pick(
                [base["license"], "Apache-2.0", "MIT", "Apache-2.0 OR MIT", self.pick(self.f.license_ids),
                 "LicenseRef-acme-internal"]
            )
            section = {"id": "acme/%s-ft-%d" % (base["id"].split("/")[-1].lower(), self.r.randrange(100)),
                       "license": own, "base_model": base["id"]}
            return section, None, base
        if roll < 0.14 and self.cards:
            # A fine-tune described by its model card (the card names license and base).
            return {"id": "acme/card-tune-%d" % self.r.randrange(100), "card": self.pick(self.cards)}, None, None
        family = self.pick(self.f.family_names)
        record = self.pick(self.f.families[family])
        section = {"id": self.pick([record["id"]] + record.get("aliases", [])[:1])}
        if roll < 0.19:
            # The proposal states the license itself (sometimes an OR choice).
            section["license"] = self.pick([record["license"], "Apache-2.0 OR MIT", "MIT",
                                            "%s OR Apache-2.0" % record["license"].split()[0]])
        return section, record, record

    def deployment(self, record, compliant):
        kinds = (record or {}).get("deployment_kinds") or self.f.kinds
        kind = self.pick(kinds) if (compliant or self.chance(0.8)) else self.pick(self.f.kinds)
        if compliant and kind != "self_hosted" and self.chance(0.5):
            kind = "self_hosted" if "self_hosted" in kinds else kind
        vendor = VENDOR_PROVIDER.get((record or {}).get("vendor", ""))
        if kind == "vendor_api" and vendor and self.chance(0.8):
            provider = vendor
        elif self.chance(0.04):
            provider = UNKNOWN_PROVIDER
        else:
            provider = self.pick(PROVIDERS_FOR_KIND[kind])
        if compliant and kind == "self_hosted":
            provider = "on_prem"
        section = {"kind": kind, "provider": provider}
        services = self.f.services(provider, kind)
        if services and self.chance(0.6):
            section["service"] = self.pick(services)
        elif self.chance(0.05):
            # A service of the provider for another kind.
            others = sorted(self.f.providers.get(provider, {}).get("services", {}))
            if others:
                section["service"] = self.pick(others)
        if kind == "vendor_api" and not compliant:
            section["tier"] = self.pick(["api", "api", "api", "enterprise", "consumer"])
        elif self.chance(0.2):
            section["tier"] = self.pick(["api", "enterprise"])
        regions = self.regions(provider)
        if regions is not None:
            section["regions"] = regions
        section["network"] = self.pick(["private", "private", "internet"]) if compliant else self.pick(self.f.networks)
        if self.chance(0.5):
            section["telemetry"] = False if compliant else self.chance(0.5)
        # Provider features: absent (not declared), none, or some of them (any
        # feature on any provider is valid input; the facts decide which keep data).
        if self.chance(0.4):
            section["features"] = [] if compliant else self.sample(self.f.features, 0, 3)
        return section

    def regions(self, provider):
        roll = self.r.random()
        if roll < 0.19:
            return None
        if roll < 0.25:
            return []
        pool = []
        for _ in range(self.r.randint(1, 3)):
            kind = self.r.random()
            own = self.f.regions_by_provider.get(provider)
            if own and kind < 0.45:
                pool.append(self.pick(own))
            elif kind < 0.55:
                # Any region id, but never another cloud's (an input error).
                pool.append(self.pick(sorted(rid for rid, region in self.f.regions.items()
                                             if provider not in CLOUDS
                                             or region["provider"] in ("any", provider))))
            elif kind < 0.65:
                pool.append(self.pick(self.f.blocs))
            elif kind < 0.70:
                pool.append("global")
            else:
                pool.append(self.pick(["US", "US", "DE", "FR", "IE", "GB", "JP", "IN", "CN", "RU", "BR", "CA"]
                                      + self.f.eea + self.f.countries))
        return sorted(set(pool), key=pool.index)

    def data(self, compliant):
        classes = self.sample(self.f.classes, 1, 3)
        if compliant:
            classes = self.sample(["public", "internal", "confidential"], 1, 2)
        section = {"classes": classes}
        if self.chance(0.85):
            section["subjects"] = self.sample(
                ["US", "DE", "FR", "GB", "JP", "IN", "BR", "CA", "CH", "EU", "EEA", "CN", "AU", "NO", "RU"], 1, 3)
        if "phi" in classes and self.chance(0.3):
            section["deidentification"] = self.pick(self.f.deidentifications)
        if self.chance(0.2):
            section["large_scale"] = self.chance(0.5)
        return section

    def contracts(self, compliant):
        if not compliant and self.chance(0.2):
            return None
        section = {}
        for key in ("baa", "dpa", "zero_data_retention", "dpia_done", "pci_dss_agreement",
                    "ccpa_service_provider_terms"):
            if compliant or self.chance(0.6):
                section[key] = True if compliant else self.chance(0.5)
        if compliant or self.chance(0.5):
            section["transfer_mechanism"] = "sccs" if compliant else self.pick(self.f.mechanisms)
        if compliant or self.later.random() < 0.4:
            section["br_anpd_sccs"] = True if compliant else self.later.random() < 0.5
        if compliant or self.later.random() < 0.4:
            section["cn_transfer_mechanism"] = "standard_contract" if compliant else self.later.choice(
                ["none", "cac_assessment", "standard_contract", "certification"])
        return section

    def organization(self, compliant):
        section = {}
        if compliant or self.chance(0.9):
            section["domicile"] = self.pick(["US", "US", "DE", "FR", "GB", "IE", "JP", "IN", "CN", "BR", "CA", "NL"])
        if compliant or self.chance(0.8):
            section["monthly_active_users"] = self.log_int(10, 1_500_000_000)
            if compliant:
                section["monthly_active_users"] = self.log_int(10, 500_000)
        if self.chance(0.4):
            section["annual_revenue_usd"] = self.log_int(10_000, 500_000_000_000)
        return section

    def use(self, compliant):
        section = {}
        if self.chance(0.7):
            section["commercial"] = True if compliant else self.chance(0.85)
        if self.chance(0.7):
            section["production"] = True if compliant else self.chance(0.85)
        if not compliant and self.chance(0.3):
            section["purposes"] = self.sample(self.f.purposes, 1, 2)
        if not compliant and self.chance(0.15):
            section["outputs_train_other_models"] = True
            if self.chance(0.5):
                section["outputs_trained_model"] = self.pick(
                    ["large_language_model", "other_generative_model", "non_generative_model"])
        if self.chance(0.2):
            fine_tune = {"method": self.pick(self.f.methods)}
            # Round figures, so that every compute a message prints rounds
            # alike in regorus (f64) and OPA (exact decimals).
            if self.chance(0.5):
                fine_tune["compute_flop"] = self.pick([1e21, 4e22, 2.5e23, 3e24] + ([] if compliant else [2e25]))
            if self.chance(0.3):
                fine_tune["base_compute_flop"] = self.pick([6e23, 1.5e24, 3.8e25])
            section["fine_tune"] = fine_tune
        return section

    def distribution(self, compliant):
        section = {}
        for key in ("weights", "hosted_service"):
            if self.chance(0.6):
                section[key] = self.chance(0.5)
        if self.chance(0.5):
            section["name"] = self.pick(["acme/HelpDesk-8B", "Llama-3-acme-support", "acme/tiny-support-1b",
                                         "gemma-acme-2b", "acme-assistant", "acme/Llama-3.1-Acme-Support",
                                         "llama_helpdesk", "Gemma-Acme-2B"])
        for key in ("includes_license_copy", "includes_notice", "passes_use_policy", "marks_modifications"):
            if compliant or self.chance(0.6):
                section[key] = True if compliant else self.chance(0.6)
        if compliant or self.chance(0.5):
            section["attribution"] = self.pick(["Built with Llama", "Powered by Acme", "Built with Gemma"])
        if self.chance(0.3):
            section["markets"] = self.sample(["EU", "EEA", "US", "DE", "GB", "JP", "global"], 1, 2)
        return section

    def requirements(self):
        section = {}
        if self.chance(0.4):
            section["no_third_party_processing"] = True
        if self.chance(0.5):
            section["allowed_regions"] = self.sample(["EU", "EEA", "US", "DE", "FR", "eu-central-1", "westeurope",
                                                      "us-east-1", "global", "JP"], 1, 3)
        if self.chance(0.4):
            section["zero_retention"] = True
        return section

    def workload(self):
        section = {}
        if self.chance(0.7):
            section["task"] = self.pick(self.f.tasks)
        if self.chance(0.8):
            section["tokens_per_day"] = self.log_int(1_000, 20_000_000_000)
        if self.chance(0.4):
            section["output_share"] = self.pick([0, 0.05, 0.1, 0.2, 0.25, 0.3, 0.35, 0.5, 0.75, 1])
        if self.chance(0.6):
            section["latency_budget_ms"] = self.pick([50, 100, 150, 200, 300, 500, 800, 1000, 2000, 5000])
        return section

    # --- a proposal -----------------------------------------------------------------

    def subject_sections(self, compliant):
        model, record, base = self.model()
        if compliant and (record is None or not record.get("weights_available")):
            # Keep compliant proposals to permissive open models on premises.
            permissive = [m for m in self.f.models if m["license"] in ("Apache-2.0", "MIT")]
            if permissive:
                record = self.pick(permissive)
                model = {"id": record["id"]}
        sections = {"model": model, "deployment": self.deployment(record, compliant),
                    "data": self.data(compliant)}
        return sections, record

    def own_contracts_off_the_signing_provider(self, doc, routes, compliant):
        """Top-level contracts bind the provider that signed them (the top-level
        deployment's, else the first inheriting route's): a route on another
        provider gets contracts of its own, as modelgate requires."""
        def provider(route):
            return (route.get("deployment") or doc.get("deployment") or {}).get("provider")
        inheriting = [r for r in routes if "contracts" not in r and provider(r) not in (None, "on_prem")]
        if not inheriting:
            return
        signed_with = (doc.get("deployment") or {}).get("provider") or provider(inheriting[0])
        for route in inheriting:
            if provider(route) != signed_with:
                route["contracts"] = self.contracts(compliant) or {}

    def proposal(self, index):
        compliant = self.chance(0.3)
        doc = {"apiVersion": "modelgate.dev/v1", "kind": "ModelProposal",
               "metadata": {"name": "gen-%d-%06d" % (self.seed, index)}}
        if self.chance(0.5):
            doc["metadata"]["owner"] = self.pick(["platform", "health-ai", "search", "support-tools", "research"])
        sections, _ = self.subject_sections(compliant)
        contracts = self.contracts(compliant)
        routes = None
        if self.chance(0.1):
            routes = []
            for i in range(self.r.randint(1, 3)):
                route_sections, _ = self.subject_sections(compliant)
                route = {"name": "route-%d" % i}
                for key in ("model", "deployment", "data"):
                    if i == 0 or self.chance(0.7):
                        route[key] = route_sections[key]
                if self.chance(0.3):
                    route["contracts"] = self.contracts(compliant) or {}
                routes.append(route)
            # The top level gives what some routes leave out.
            for key in ("model", "deployment", "data"):
                if not all(key in r for r in routes):
                    doc[key] = sections[key]
        else:
            doc.update(sections)
        if contracts is not None:
            doc["contracts"] = contracts
            if routes:
                self.own_contracts_off_the_signing_provider(doc, routes, compliant)
        doc["organization"] = self.organization(compliant)
        use = self.use(compliant)
        if use:
            doc["use"] = use
            if "biometric_identification" in use.get("purposes", []):
                # Identifying people by biometrics is personal data: modelgate
                # refuses the purpose without a personal class.
                for section in [doc.get("data")] + [r.get("data") for r in routes or []]:
                    if section and not set(section["classes"]) & {"pii", "phi", "eu_personal", "special_category"}:
                        section["classes"] = section["classes"] + ["pii"]
        if self.chance(0.35):
            doc["distribution"] = self.distribution(compliant)
        if self.chance(0.3):
            requirements = self.requirements()
            if requirements:
                doc["requirements"] = requirements
        if self.chance(0.5):
            doc["workload"] = self.workload()
        if self.chance(0.5):
            doc["team"] = {"mlops": self.pick(self.f.mlops)} if self.chance(0.9) else {}
        if routes:
            doc["routes"] = routes
        return doc


# --- model cards ---------------------------------------------------------------------

CARD_LICENSES = ["apache-2.0", "mit", "llama3.1", "llama3.2", "gemma", "cc-by-nc-4.0", "other"]


def write_cards(facts, seed, directory, count=8):
    """Writes `count` model cards (Hugging Face README front matter) under
    directory/cards/; returns their paths relative to directory."""
    r = random.Random(seed * 7919 + 1)
    paths = []
    for i in range(count):
        base = facts.open_models[r.randrange(len(facts.open_models))]
        license = CARD_LICENSES[i % len(CARD_LICENSES)]
        lines = ["---", "license: %s" % license]
        if license == "other":
            lines += ["license_name: acme-community-license", "license_link: https://example.com/acme-license"]
        lines += ["base_model: %s" % base["id"],
                  "base_model_relation: %s" % r.choice(["finetune", "adapter", "quantized", "merge"]),
                  "pipeline_tag: text-generation", "---", "",
                  "# acme-card-tune-%d" % i, "", "A generated model card for modelgate's corpus; the model is fictional.", ""]
        relative = "cards/card-%d/README.md" % i
        os.makedirs(os.path.join(directory, os.path.dirname(relative)), exist_ok=True)
        with open(os.path.join(directory, relative), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        paths.append(relative)
    return paths


# --- YAML out (JSON scalars are valid YAML; keys are plain identifiers) -------------------

def scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False)


def to_yaml(value, indent=0):
    pad = "  " * indent
    lines = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and item:
                lines.append("%s%s:" % (pad, key))
                lines.extend(to_yaml(item, indent + 1))
            elif isinstance(item, list) and item and any(isinstance(x, dict) for x in item):
                lines.append("%s%s:" % (pad, key))
                lines.extend(to_yaml(item, indent + 1))
            elif isinstance(item, list):
                lines.append("%s%s: [%s]" % (pad, key, ", ".join(scalar(x) for x in item)))
            elif isinstance(item, dict):
                lines.append("%s%s: {}" % (pad, key))
            else:
                lines.append("%s%s: %s" % (pad, key, scalar(item)))
    elif isinstance(value, list):
        for item in value:
            sub = to_yaml(item, indent + 1)
            lines.append("%s- %s" % (pad, sub[0].lstrip()))
            lines.extend(sub[1:])
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--count", "-n", type=int, default=1000, help="how many proposals (default 1000)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="directory: one proposal per file (p000000.yaml, ...)")
    where.add_argument("--file", help="one multi-document YAML file (`-` for stdout)")
    parser.add_argument("--modelgate", help="modelgate binary (default: target/release, target/debug, PATH)")
    args = parser.parse_args()

    facts = Facts(find_modelgate(args.modelgate))
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        gen = Generator(facts, args.seed, write_cards(facts, args.seed, args.out))
        for i in range(args.count):
            text = "\n".join(to_yaml(gen.proposal(i))) + "\n"
            with open(os.path.join(args.out, "p%06d.yaml" % i), "w", encoding="utf-8") as f:
                f.write(text)
        return
    # Cards go next to the file; a corpus on stdout has none.
    cards = [] if args.file == "-" else write_cards(facts, args.seed, os.path.dirname(os.path.abspath(args.file)))
    gen = Generator(facts, args.seed, cards)
    out = sys.stdout if args.file == "-" else open(args.file, "w", encoding="utf-8")
    try:
        for i in range(args.count):
            if i:
                out.write("---\n")
            out.write("\n".join(to_yaml(gen.proposal(i))) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
