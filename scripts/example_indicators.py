#!/usr/bin/env python3
"""Example indicator figures: every network, every indicator of indicators.yaml, eight quarters
(and two financial years for yearly indicators), written as networks/<id>/indicators/<period>.csv.

The figures are invented for demonstration (the site says so on every indicator page): seeded,
within plausible ranges, each network with a steady level of its own plus a small trend and
noise, and a few networks set clearly above or below the standards so the charts show both.

    scripts/example_indicators.py                     # rewrites content/networks/*/indicators/
    scripts/example_indicators.py --content DIR --seed 7

corpus.py imports `write_figures` to add figures to the benchmark corpus.
"""

import argparse
import os
import random
import re
import shutil

QUARTERS = ["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
YEARS = ["2024-25", "2025-26"]

# id: (low, high, denominator range or None). Percentages with a denominator get a numerator.
RANGES = {
    "bsr-procedure-forms": (60, 92, (150, 600)),
    "bsr-eq5d-6-weeks": (30, 75, (120, 500)),
    "bsr-eq5d-1-year": (20, 60, (100, 450)),
    "wait-first-appointment": (45, 190, None),
    "conversion-first-appointment": (15, 40, (300, 1200)),
    "discharged-first-appointment": (25, 55, (300, 1200)),
    "follow-ups-after-procedure": (100, 900, None),
    "los-anterior-cervical": (1.4, 3.5, None),
    "los-lumbar-decompression": (1.0, 3.0, None),
    "los-lumbar-fusion": (3.0, 7.0, None),
    "readmission-anterior-cervical": (2, 8, (40, 220)),
    "readmission-lumbar-decompression": (2, 7, (80, 400)),
    "readmission-lumbar-fusion": (3, 10, (30, 180)),
    "revision-anterior-cervical": (1, 5, (40, 220)),
    "revision-lumbar-decompression": (1, 5, (80, 400)),
    "revision-lumbar-fusion": (2, 7, (30, 180)),
    "lvhc-thoracic-discectomy": (3, 25, None),
    "lvhc-deformity-correction": (5, 60, None),
    "lvhc-anterior-lumbar-fusion": (10, 80, None),
    "lvhc-occipito-cervical-fusion": (2, 20, None),
    "lvhc-readmission": (4, 12, (30, 200)),
    "lvhc-revision": (2, 8, (30, 200)),
    "ces-mri-transfers": (0, 40, None),
    "ces-mri-within-4-hours": (60, 96, (60, 250)),
    "ces-scan-to-surgery": (8, 36, None),
    "ces-sci-referrals": (0, 6, None),
    "infection-hub-referrals": (10, 60, None),
    "infection-operations": (2, 20, None),
    "infection-sci-referrals": (0, 4, None),
    "mscc-hub-referrals": (20, 120, None),
    "mscc-operations": (3, 25, None),
}

# Networks set clearly against a standard: (indicator, network) -> level from 0 to 1 of the range,
# or "all" for every case meeting it.
FIXED = {
    ("ces-mri-within-4-hours", "wessex"): "all",
    ("ces-mri-within-4-hours", "peninsula"): "all",
    ("ces-mri-within-4-hours", "selk"): 0.05,
    ("ces-mri-within-4-hours", "north-west-london"): 0.1,
    ("bsr-procedure-forms", "north-west"): 1.0,
    ("bsr-procedure-forms", "east-midlands"): 0.95,
    ("bsr-procedure-forms", "severn"): 0.0,
    ("wait-first-appointment", "thames-valley"): 0.0,
    ("wait-first-appointment", "yorkshire-humber"): 1.0,
}

NOTES = {
    ("ces-mri-within-4-hours", "selk", "2025-Q4"): "Example note: one MRI scanner out of service for two weeks",
    ("wait-first-appointment", "yorkshire-humber", "2026-Q1"): "Example note: two consultant posts vacant",
}


def read_indicators(path):
    """(id, unit, frequency) of each indicator in indicators.yaml, read line by line."""
    out = []
    current = None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*- id:\s*(\S+)", line)
        if m:
            current = {"id": m.group(1), "unit": None, "frequency": "quarterly"}
            out.append(current)
            continue
        m = re.match(r"\s+(unit|frequency):\s*(\S+)", line)
        if m and current:
            current[m.group(1)] = m.group(2)
    return [(i["id"], i["unit"], i["frequency"]) for i in out]


def network_ids(content):
    root = os.path.join(content, "networks")
    return sorted(d for d in os.listdir(root) if os.path.isfile(os.path.join(root, d, "network.yaml")))


def fmt(v):
    s = f"{v:.1f}"
    return s[:-2] if s.endswith(".0") else s


def figures(rng, indicators, networks, quarters=QUARTERS, years=YEARS):
    """{(network, period): [row, ...]} with rows as lists of CSV fields."""
    out = {}
    for ind, unit, frequency in indicators:
        low, high, den = RANGES.get(ind, (10, 90, (50, 400) if unit == "percent" else None))
        periods = years if frequency == "yearly" else quarters
        for net in networks:
            fixed = FIXED.get((ind, net))
            level = fixed if isinstance(fixed, float) else rng.uniform(0.1, 0.9)
            size = rng.uniform(0.3, 1.0)
            trend = rng.uniform(-0.03, 0.03)
            for k, period in enumerate(periods):
                x = min(1.0, max(0.0, level + trend * k + rng.gauss(0, 0.04)))
                value = low + x * (high - low)
                numerator = denominator = ""
                if fixed == "all":
                    value = 100.0
                if unit == "percent" and den:
                    d = int(den[0] + size * (den[1] - den[0]) * rng.uniform(0.9, 1.1))
                    n = d if fixed == "all" else round(d * value / 100)
                    value = 100 * n / d
                    numerator, denominator = str(n), str(d)
                if unit == "count":
                    value = round(value * (0.5 + size) / 1.1)
                note = NOTES.get((ind, net, period), "")
                row = [ind, period, fmt(value), numerator, denominator, note]
                out.setdefault((net, period), []).append(row)
    return out


def write_figures(content, seed=20, indicators=None, quarters=QUARTERS, years=YEARS):
    """Writes every network's figures under `content`, replacing any there."""
    rng = random.Random(seed)
    indicators = indicators or read_indicators(os.path.join(content, "indicators.yaml"))
    networks = network_ids(content)
    for net in networks:
        shutil.rmtree(os.path.join(content, "networks", net, "indicators"), ignore_errors=True)
    for (net, period), rows in sorted(figures(rng, indicators, networks, quarters, years).items()):
        folder = os.path.join(content, "networks", net, "indicators")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{period}.csv"), "w", encoding="utf-8", newline="") as f:
            f.write("indicator,period,value,numerator,denominator,note\n")
            for row in rows:
                f.write(",".join(quote(c) for c in row) + "\n")


def quote(field):
    if any(c in field for c in ',"\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--content", default=os.path.join(here, "..", "content"))
    ap.add_argument("--seed", type=int, default=20)
    args = ap.parse_args()
    write_figures(args.content, args.seed)


if __name__ == "__main__":
    main()
