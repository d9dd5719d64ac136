"""Earlier years: the reports a campaign's history gates look back on, and the units' record over the years.

``Campaign.score(results, history=[report_2023, "report-2024.json", (2022, old_dict)])`` takes earlier reports (a
:class:`Report`, a report JSON path or dict, or a ``(year, report)`` pair when the report does not say its period);
:func:`history` lays several reports out per unit and year.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Tuple, Union

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .report import Report

PastReport = Union["Report", str, "os.PathLike[str]", Dict[str, Any], Tuple[int, Any]]


def _source(item: PastReport) -> Tuple[Optional[int], str, str]:
    """(year when given, JSON text, name) of one earlier report."""
    year = None
    if isinstance(item, tuple):
        year, item = item
    if hasattr(item, "to_json") and hasattr(item, "_cpp"):
        return year, item.to_json(), f"report {item.campaign.id}"
    if isinstance(item, dict):
        return year, json.dumps(item, ensure_ascii=False), "history"
    name = os.fspath(item)
    return year, Path(name).read_text(encoding="utf-8"), name


def add_history(results: Any, history: Sequence[PastReport]) -> None:
    """Adds each earlier report (class, awards, total, rank of its units) to ``results`` for the history gates; the
    core reads it (its year is the year its period ends, unless given) and names the report in its errors."""
    for item in history:
        year, text, name = _source(item)
        results.add_history(text, name, None if year is None else int(year))


def history(reports: Sequence[PastReport]) -> "pd.DataFrame":
    """Several years' reports per unit and year: ``unit``, ``year``, ``campaign``, ``total``, ``class``,
    ``cluster_rank``, ``awards`` (a list of ids) and ``cluster_head`` (the unit headed its cluster that year, as the
    campaign's ``clusters[].head`` said), sorted by unit then year — each as its report wrote it.

    Examples
    --------
    >>> thidua.history([report_2023, report_2024]).query("unit == 'bac-hong'")  # doctest: +SKIP
    """
    import pandas as pd

    rows = []
    for item in reports:
        year, text, name = _source(item)
        document = json.loads(text)
        past = _core.read_past_year(text, name, year)  # the year as the history gates read it
        heads = {c.get("head") for c in document.get("clusters", [])} - {None}
        rows += [{"unit": u["id"], "year": past["year"], "campaign": past["campaign"], "total": u["total"],
                  "class": u["class"], "cluster_rank": u["cluster_rank"], "awards": u["awards"],
                  "cluster_head": u["id"] in heads} for u in past["units"]]
    frame = pd.DataFrame(rows, columns=["unit", "year", "campaign", "total", "class", "cluster_rank", "awards",
                                        "cluster_head"])
    return frame.sort_values(["unit", "year"], kind="stable").reset_index(drop=True)
