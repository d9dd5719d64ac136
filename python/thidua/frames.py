"""pandas views of a report (imported lazily: pandas is needed only here)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict

import pandas as pd

_SCORES = ("base", "bonus", "penalty", "total")


def _number(text: str, exact: bool) -> Any:
    return Decimal(text) if exact else float(text)


def units_frame(report: Dict[str, Any], *, exact: bool = False) -> pd.DataFrame:
    """One row per unit, in report order, indexed by unit id."""
    phases = []
    for unit in report["units"]:
        for phase in unit["phases"]:
            if phase not in phases:
                phases.append(phase)
    rows = []
    for unit in report["units"]:
        row: Dict[str, Any] = {
            "id": unit["id"],
            "name": unit["name"],
            "cluster": unit["cluster"],
            "kind": unit["kind"],
        }
        for phase in phases:
            score = unit["phases"].get(phase)
            row[f"phase:{phase}"] = None if score is None else _number(score, exact)
        for key in _SCORES:
            row[key] = _number(unit[key], exact)
        row["class"] = unit["class"]
        row["cluster_rank"] = unit["cluster_rank"]
        row["overall_rank"] = unit["overall_rank"]
        row["tie_broken_by"] = unit["tie_broken_by"]
        row["awards"] = ", ".join(unit["awards"])
        row["award_cash"] = _number(unit["award_cash"], exact)
        rows.append(row)
    return pd.DataFrame(rows).set_index("id")


def points_frame(report: Dict[str, Any], *, exact: bool = False) -> pd.DataFrame:
    """One row per (unit, phase, criterion) with its status and points (None out of the unit's scale)."""
    rows = []
    for unit in report["units"]:
        for key, status in unit["statuses"].items():
            phase, criterion = key.split("/", 1)
            points = unit["points"].get(key)
            rows.append(
                {
                    "unit": unit["id"],
                    "phase": phase,
                    "criterion": criterion,
                    "status": status,
                    "points": None if points is None else _number(points, exact),
                }
            )
    return pd.DataFrame(rows, columns=["unit", "phase", "criterion", "status", "points"])


def clusters_frame(report: Dict[str, Any]) -> pd.DataFrame:
    rows = []
    for cluster in report["clusters"]:
        row = {"id": cluster["id"], "name": cluster["name"], "units": cluster["units"]}
        for cls, count in cluster["class_counts"].items():
            row[f"class:{cls}"] = count
        row["mean_total"] = cluster["mean_total"]
        row["median_total"] = cluster["median_total"]
        for goal in cluster["goals"]:
            row[f"goal:{goal['id']}"] = goal["met"]
        rows.append(row)
    return pd.DataFrame(rows).set_index("id")


def write_excel(report: Dict[str, Any], path: str) -> None:
    """Sheets: units, points, clusters. Scores are written as exact decimal text converted to numbers."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        units_frame(report).to_excel(writer, sheet_name="units")
        points_frame(report).to_excel(writer, sheet_name="points", index=False)
        clusters_frame(report).to_excel(writer, sheet_name="clusters")
