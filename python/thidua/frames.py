"""pandas views of a report and of a campaign's rules (imported lazily: pandas is needed only here).

Decimal columns are float64 by default (each the double nearest to the report's decimal, NaN for an empty cell),
which plot, round, correlate and describe as pandas users expect; ``exact=True`` gives :class:`decimal.Decimal`
values, whose sums and comparisons are the report's own numbers. Either way the numbers are the C++ core's,
read from its arrays: these functions only reshape them.
"""

from __future__ import annotations

import contextlib
import gc
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData

_SCORES = ("base", "bonus", "penalty", "total")
POINTS_COLUMNS = ("unit", "phase", "criterion", "status", "value", "target", "points", "max")
_POINTS_DECIMALS = ("value", "target", "points", "max")


def _number(text: Optional[str], exact: bool) -> Any:
    if text is None:
        return None
    return Decimal(text) if exact else float(text)


def _floats(micros: np.ndarray) -> np.ndarray:
    """Micros as float64, NaN where the core wrote no number: each the double nearest to the report's decimal (one
    correctly rounded division of two exact doubles)."""
    out = micros / 1e6
    out[micros == _core.no_number] = np.nan
    return out


def _decimals(data: "ReportData", micros: np.ndarray, digits: Optional[int] = None) -> List[Optional[Decimal]]:
    return [None if t is None else Decimal(t) for t in data.texts(micros, digits)]


def _column(data: "ReportData", micros: np.ndarray, exact: bool, digits: Optional[int] = None) -> Any:
    return _decimals(data, micros, digits) if exact else _floats(micros)


def _categories(ids: Sequence[str], codes: np.ndarray, ordered: bool = False) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(ids), ordered=ordered)


def unit_index(data: "ReportData") -> pd.Index:
    """The unit ids in report order (by cluster, then cluster rank), named ``unit``: the index of every per-unit
    frame (to_pandas, stability), so that their rows line up."""
    return pd.Index(np.asarray(data.strings["id"], dtype=object)[data.order], name="unit")


def cluster_column(data: "ReportData") -> pd.Categorical:
    """Each unit's cluster id in report order, the campaign's clusters as categories."""
    codes = data.columns["cluster"][data.order].astype(np.int64)
    return _categories([g["id"] for g in data.campaign["clusters"]], codes)


def class_column(data: "ReportData") -> pd.Categorical:
    """Each unit's class id in report order, an ordered categorical: best class first, as the campaign lists them."""
    codes = data.columns["class"][data.order].astype(np.int64)
    return _categories([k["id"] for k in data.campaign["classes"]], codes, ordered=True)


@contextlib.contextmanager
def _no_gc_passes() -> Iterator[None]:
    """Pauses the cyclic garbage collector while a frame's hundreds of thousands of cells are made: none of them
    forms a cycle, and each pass the allocations would trigger walks every object alive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def units_frame(data: "ReportData", *, exact: bool, lang: str) -> pd.DataFrame:
    """One row per unit in report order (by cluster, then cluster rank), indexed by unit id (index name ``unit``)."""
    with _no_gc_passes():
        return _units_frame(data, exact=exact, lang=lang)


def _units_frame(data: "ReportData", *, exact: bool, lang: str) -> pd.DataFrame:
    cols, strings, order = data.columns, data.strings, data.order
    c = data.campaign
    frame: Dict[str, Any] = {
        "name": np.asarray(strings["name"], dtype=object)[order],
        "cluster": cluster_column(data),
        "kind": np.asarray(strings["kind"], dtype=object)[order],
    }
    counted = cols["phase_counted"][order]
    for p, phase in enumerate(data.phases):
        micros = np.where(counted[:, p] != 0, cols["phase_score"][order, p], _core.no_number)
        frame[f"phase:{phase['id']}"] = _column(data, micros, exact)
    for key in _SCORES:
        frame[key] = _column(data, cols[key][order], exact)
    frame["class"] = class_column(data)
    frame["cluster_rank"] = cols["cluster_rank"][order]
    frame["overall_rank"] = cols["overall_rank"][order]
    frame["tie_broken_by"] = np.asarray(strings["tie_broken_by"], dtype=object)[order]
    frame["awards"] = _award_lists(data)
    frame["award_cash"] = _column(data, cols["award_cash"][order], exact, -1)
    texts = data.cpp.unit_texts(order, lang)
    frame["class_reason"] = texts["class_reason"]
    frame["award_reasons"] = texts["award_reasons"]
    frame["warnings"] = texts["warnings"]
    return pd.DataFrame(frame, index=unit_index(data))


def _award_lists(data: "ReportData") -> List[List[str]]:
    """Each unit's award ids in report order, a list each: the few patterns of awards are spelled once."""
    award_ids = [a["id"] for a in data.campaign.get("awards", [])]
    if not award_ids:
        return [[] for _ in range(data.units)]
    given = data.columns["awards"][data.order].astype(np.int64)
    patterns, codes = np.unique(given @ (1 << np.arange(len(award_ids), dtype=np.int64)), return_inverse=True)
    spelled = [[award_ids[a] for a in range(len(award_ids)) if int(p) >> a & 1] for p in patterns]
    return [list(spelled[k]) for k in codes.tolist()]


def _slots_frame(data: "ReportData", slots: Dict[str, np.ndarray], exact: bool, columns: Sequence[str]) -> pd.DataFrame:
    """The frame of slot columns (the core's indices, status codes and micros), with ``columns`` in that order: the
    slot's unit, phase, criterion, status and numbers, a layer's ``layer`` and ``final``, a layered report's
    ``changed``."""
    c = data.campaign
    ids = np.asarray(data.strings["id"], dtype=object)
    names = list(_core.status_names())
    unique = list(dict.fromkeys(names))
    status_codes = np.asarray([unique.index(n) for n in names], dtype=np.int64)[slots["status"]]
    frame: Dict[str, Any] = {
        "unit": ids[slots["unit"]],
        "phase": _categories([p["id"] for p in data.phases], slots["phase"].astype(np.int64)),
        "criterion": _categories([k["id"] for k in c["criteria"]], slots["criterion"].astype(np.int64)),
        "status": _categories(unique, status_codes),
    }
    if "layer" in slots:
        frame["layer"] = _categories([layer["id"] for layer in data.cpp.layers()], slots["layer"].astype(np.int64))
        frame["final"] = slots["final"].astype(bool)
    for key in _POINTS_DECIMALS:
        digits = -1 if key in ("value", "target") else None
        frame[key] = _column(data, slots[key], exact, digits)
    if "changed" in slots:
        frame["changed"] = slots["changed"].astype(bool)
    return pd.DataFrame(frame, columns=list(columns))


def points_frame(data: "ReportData", *, exact: bool) -> pd.DataFrame:
    """One row per (unit, phase, criterion), from the core's slot columns (indices and micros); a layered report's
    with ``changed`` (the layers giving the slot differ)."""
    slots = data.cpp.slot_columns()
    return _slots_frame(data, slots, exact, [*POINTS_COLUMNS, "changed"] if "changed" in slots else POINTS_COLUMNS)


LAYERS_COLUMNS = ("unit", "phase", "criterion", "layer", "status", "value", "target", "points", "max", "final",
                  "changed")


def layers_frame(data: "ReportData", *, exact: bool) -> pd.DataFrame:
    """One row per (unit, phase, criterion, layer) that a layer gives, as the layer alone scores it, from the core's
    layer columns; ``final`` marks the row that set the final figure."""
    return _slots_frame(data, data.cpp.layer_columns(), exact, LAYERS_COLUMNS)


def layer_totals_frame(data: "ReportData", layers: Sequence[Tuple[str, "ReportData"]], *, exact: bool) -> pd.DataFrame:
    """One row per unit in report order: ``total:<layer>``, ``class:<layer>`` and ``cluster_rank:<layer>`` as each
    layer alone gives them, then the final ``total``, ``class`` and ``cluster_rank``."""
    frame: Dict[str, Any] = {}
    order = data.order
    classes = [k["id"] for k in data.campaign["classes"]]
    for name, alone in [*layers, ("", data)]:
        suffix = f":{name}" if name else ""
        frame[f"total{suffix}"] = _column(data, alone.columns["total"][order], exact)
        frame[f"class{suffix}"] = _categories(classes, alone.columns["class"][order].astype(np.int64), ordered=True)
        frame[f"cluster_rank{suffix}"] = alone.columns["cluster_rank"][order]
    return pd.DataFrame(frame, index=unit_index(data))


def clusters_frame(data: "ReportData", *, exact: bool) -> pd.DataFrame:
    """One row per cluster (index: cluster id, name ``cluster``): name, units, ``count:<class>`` and
    ``share:<class>``, mean and median totals, ``goal:<id>`` (met) with ``goal_share:<id>``, ``awards:<id>``
    (receivers) and the award cash."""
    rows = []
    for s in data.clusters:
        row: Dict[str, Any] = {"cluster": s["id"], "name": s["name"], "units": s["units"]}
        for k, n in s["class_counts"].items():
            row[f"count:{k}"] = n
        for k, share in s["class_shares"].items():
            row[f"share:{k}"] = _number(share, exact)
        row["mean_total"] = _number(s["mean_total"], exact)
        row["median_total"] = _number(s["median_total"], exact)
        for g in s["goals"]:
            row[f"goal:{g['id']}"] = g["met"]
            row[f"goal_share:{g['id']}"] = _number(g["share"], exact)
        for a, n in s["award_counts"].items():
            row[f"awards:{a}"] = n
        row["award_cash"] = _number(s["award_cash"], exact)
        rows.append(row)
    frame = pd.DataFrame(rows).set_index("cluster")
    if not exact:  # a cluster without units has no mean: NaN in a float column
        frame[["mean_total", "median_total"]] = frame[["mean_total", "median_total"]].astype(float)
    return frame


def ballots_frame(data: "ReportData", *, exact: bool) -> pd.DataFrame:
    """One row per ballot of an award with a vote gate (report.ballots() of the core), in the report's order: award,
    cluster, unit, yes, of, council, on_award, share and passed."""
    rows = data.cpp.ballot_table()
    columns = ["award", "cluster", "unit", "yes", "of", "council", "on_award", "share", "passed"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["share"] = [_number(share, exact) for share in frame["share"]]
    if not exact:
        frame["share"] = frame["share"].astype(float)
    return frame


def _bands(bands: Sequence[Dict[str, Any]]) -> str:
    parts = []
    for band in bands:
        sign, threshold = ("≥", band["at_least"]) if "at_least" in band else ("≤", band["at_most"])
        parts.append(f"{sign}{threshold}: {band['points']}")
    return "; ".join(parts)


def criteria_frame(campaign: Dict[str, Any], phases: List[Dict[str, Any]], *, exact: bool) -> pd.DataFrame:
    """One row per criterion (index: criterion id) with its rule, in campaign order."""
    scored_in: Dict[str, List[str]] = {}
    for phase in phases:
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
