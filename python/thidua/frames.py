"""pandas views of a report and of a campaign's rules (imported lazily: pandas is needed only here).

Decimal columns hold exact :class:`decimal.Decimal` values by default, so that sums and comparisons give the
report's own numbers (``Decimal("78.50")``, never ``78.49999…``); ``exact=False`` gives ``float`` columns, which
plot and aggregate faster. Either way the numbers are the C++ core's: these functions only reshape them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, List, Optional, Sequence

import pandas as pd

from ._repr import phases_of

_SCORES = ("base", "bonus", "penalty", "total")
POINTS_COLUMNS = ("unit", "phase", "criterion", "status", "value", "target", "points", "max")
_POINTS_DECIMALS = ("value", "target", "points", "max")


def _number(text: Optional[str], exact: bool) -> Any:
    if text is None:
        return None
    return Decimal(text) if exact else float(text)


def units_frame(report: Dict[str, Any], *, exact: bool) -> pd.DataFrame:
    """One row per unit, in report order (by cluster, then cluster rank), indexed by unit id."""
    phases: List[str] = []
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
            row[f"phase:{phase}"] = _number(unit["phases"].get(phase), exact)
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


def points_frame(table: Dict[str, List[Optional[str]]], *, exact: bool) -> pd.DataFrame:
    """One row per (unit, phase, criterion), from the core's slot table (exact text per cell)."""
    columns: Dict[str, Any] = {}
    for name in POINTS_COLUMNS:
        cells = table[name]
        columns[name] = [_number(c, exact) for c in cells] if name in _POINTS_DECIMALS else cells
    frame = pd.DataFrame(columns, columns=list(POINTS_COLUMNS))
    if not exact:  # None becomes NaN: a float column, not an object column of floats and Nones
        frame[list(_POINTS_DECIMALS)] = frame[list(_POINTS_DECIMALS)].astype(float)
    return frame


def _bands(bands: Sequence[Dict[str, Any]]) -> str:
    parts = []
    for band in bands:
        sign, threshold = ("≥", band["at_least"]) if "at_least" in band else ("≤", band["at_most"])
        parts.append(f"{sign}{threshold}: {band['points']}")
    return "; ".join(parts)


def criteria_frame(campaign: Dict[str, Any], *, exact: bool) -> pd.DataFrame:
    """One row per criterion (index: criterion id) with its rule, in campaign order."""
    scored_in: Dict[str, List[str]] = {}
    for phase in phases_of(campaign):
        for criterion in phase["criteria"]:
            scored_in.setdefault(criterion, []).append(phase["id"])
    rows = []
    for c in campaign["criteria"]:
        rule = c["rule"]
        exceed = rule.get("exceed")
        rows.append(
            {
                "id": c["id"],
                "title": c.get("title", ""),
                "group": c.get("group"),
                "max_points": _number(c["max_points"], exact),
                "mandatory": c["mandatory"],
                "applies_to": ", ".join(c["applies_to"]) if "applies_to" in c else None,
                "phases": ", ".join(scored_in.get(c["id"], [])),
                "rule": rule["kind"],
                "credit": rule.get("credit"),
                "target": _number(rule.get("target"), exact),
                "min_ratio": _number(rule.get("min_ratio"), exact),
                "exceed": None if exceed is None else (
                    f"+{exceed['points_per_step']} per {exceed['step_percent']} % above the target"
                    + (f", at most {exceed['cap']}" if "cap" in exceed else "")
                ),
                "bands": _bands(rule["bands"]) if "bands" in rule else None,
            }
        )
    return pd.DataFrame(rows).set_index("id")


def campaign_units_frame(campaign: Dict[str, Any]) -> pd.DataFrame:
    """One row per unit of the campaign (index: unit id): name, kind, cluster and cluster name, attributes."""
    cluster_names = {g["id"]: g.get("name", "") for g in campaign["clusters"]}
    rows = []
    for u in campaign["units"]:
        row: Dict[str, Any] = {
            "id": u["id"],
            "name": u.get("name", ""),
            "kind": u.get("kind", ""),
            "cluster": u["cluster"],
            "cluster_name": cluster_names[u["cluster"]],
        }
        for name, value in u.get("attributes", {}).items():
            row[f"attribute:{name}"] = value
        rows.append(row)
    return pd.DataFrame(rows).set_index("id")
