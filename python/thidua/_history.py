"""Earlier years: the reports a campaign's history gates look back on, and the units' record over the years.

``Campaign.score(results, history=[report_2023, "report-2024.json", (2022, old_dict)])`` takes earlier reports (a
:class:`Report`, a report JSON path or dict, or a ``(year, report)`` pair when the report does not say its period);
:func:`history` lays several reports out per unit and year.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Sequence, Tuple, Union

from . import _core
from ._inputs import error

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .report import Report

PastReport = Union["Report", str, "os.PathLike[str]", Dict[str, Any], Tuple[int, Any]]


def past_report(item: PastReport) -> Tuple[int, Dict[str, Any], str]:
    """(year, report document, name) of one earlier report; its year is the year its period ends."""
    year = None
    if isinstance(item, tuple):
        year, item = item
    if hasattr(item, "to_dict") and hasattr(item, "_cpp"):
        document, name = item.to_dict(), f"report {item.campaign.id}"
    elif isinstance(item, dict):
        document, name = item, "history"
    else:
        name = os.fspath(item)
        document = json.loads(Path(name).read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("thidua_report") != 1:
        raise error(_core.SchemaError, "not a report document (thidua_report 1)", name)
    if year is None:
        if "period" not in document:
            raise error(_core.SchemaError, "the report does not say its period: give (year, report)", name)
        year = int(document["period"]["end"][:4])
    return int(year), document, name


def add_history(results: Any, history: Sequence[PastReport]) -> None:
    """Adds each earlier report's units (class, awards, total, rank) to ``results`` for the history gates."""
    for item in history:
        year, document, name = past_report(item)
        units = [{"id": u["id"], "class": u["class"], "awards": list(u["awards"]), "total": u["total"],
                  "cluster_rank": u["cluster_rank"]} for u in document["units"]]
        results.add_history(year, document.get("campaign", ""), name, units)


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
        year, document, _ = past_report(item)
        heads = {c.get("head") for c in document.get("clusters", [])} - {None}
        rows += [{"unit": u["id"], "year": year, "campaign": document.get("campaign"), "total": u["total"],
                  "class": u["class"], "cluster_rank": u["cluster_rank"], "awards": list(u["awards"]),
                  "cluster_head": u["id"] in heads} for u in document["units"]]
    frame = pd.DataFrame(rows, columns=["unit", "year", "campaign", "total", "class", "cluster_rank", "awards",
                                        "cluster_head"])
    return frame.sort_values(["unit", "year"], kind="stable").reset_index(drop=True)
