"""A typed analysis with thidua (the tests run it, and check it with `mypy --strict`): score the Thanh Xuân pact,
look at it with pandas, explain a unit and write the report files.

    python3 docs/examples/python/analysis.py out/    # from the repository root
"""

import pickle
import sys
from decimal import Decimal
from pathlib import Path
from typing import Dict, List

import thidua

EXAMPLE = Path("docs/examples/thanh-xuan-2023")


def leaders(report: thidua.Report) -> Dict[str, str]:
    """The unit ranked first in each cluster."""
    return {u["cluster"]: u["name"] for u in report.units if u["cluster_rank"] == 1}


def main(out: Path) -> None:
    campaign: thidua.Campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    report: thidua.Report = campaign.score(EXAMPLE / "results.csv", votes=EXAMPLE / "votes.csv",
                                           events=EXAMPLE / "events.csv")

    units = report.to_pandas(exact=True)  # exact decimal.Decimal scores
    total: Decimal = units.loc["ha-dinh", "total"]
    print(f"Hạ Đình: {total} points, {units.loc['ha-dinh', 'class']}")
    print(units.groupby(["cluster", "class"]).size().to_dict())
    mean = {c["id"]: c["mean_total"] for c in report.clusters}  # the core's mean, at the campaign's precision
    print(f"mean total of the wards: {mean['khoi-phuong']}")
    for cluster, name in leaders(report).items():
        print(f"{cluster}: {name}")

    points = report.to_pandas("points")  # float64, for quick aggregates
    share = points.groupby("criterion")[["points", "max"]].sum()
    weakest: str = (share["points"] / share["max"]).idxmin()
    print(f"criterion with the lowest share of its max points: {weakest}")

    explanation: thidua.Explanation = report.explain("ha-dinh", lang="en")
    steps: List[str] = [s["text"] for s in explanation.steps if s["step"] == "class"]
    print(steps[0])

    again: thidua.Report = pickle.loads(pickle.dumps(report))  # what multiprocessing does
    assert again == report

    out.mkdir(parents=True, exist_ok=True)
    report.to_excel(out / "report.xlsx")
    (out / "report.md").write_text(report.to_markdown(explain=["ha-dinh"]), encoding="utf-8")
    try:
        campaign.score(EXAMPLE / "missing.csv")
    except thidua.ParseError as error:
        print(f"{error.document}: {error.message}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "."))
