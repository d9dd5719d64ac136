"""Regenerates docs/examples/<name>/expected.json from the library's reports.

Run after a deliberate change of behaviour, then review the diff (and the oracle test) before committing:
    PYTHONPATH=build/dev/python /usr/bin/python3 tests/python/update_expected.py
"""

import json
from pathlib import Path

import thidua

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
UNIT_KEYS = ("points", "phases", "base", "bonus", "penalty", "total", "class", "class_reason", "cluster_rank",
             "overall_rank", "tie_broken_by", "awards", "award_cash")
CLUSTER_KEYS = ("units", "class_counts", "mean_total", "median_total", "goals", "quotas")


def expected(report):
    d = report.to_dict()
    return {
        "units": {u["id"]: {k: u[k] for k in UNIT_KEYS} for u in d["units"]},
        "clusters": {c["id"]: {k: c[k] for k in CLUSTER_KEYS} for c in d["clusters"]},
        "award_cash": d["award_cash"],
    }


def main():
    for folder in sorted(p for p in EXAMPLES.iterdir() if (p / "campaign.json").exists()):
        report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
        text = json.dumps(expected(report), ensure_ascii=False, indent=1) + "\n"
        (folder / "expected.json").write_text(text, encoding="utf-8")
        print(f"{folder.name}: {len(report.units)} units")


if __name__ == "__main__":
    main()
