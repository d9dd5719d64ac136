"""A report's numbers as the C++ core holds them, for the renderers (tables, HTML, Markdown, Excel, plots, frames):
typed arrays read in place, texts made by the core for the rows shown. No JSON: a notebook showing the first rows
of 100 000 units formats those rows only."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from . import _core


class ReportData:
    """The arrays of a scored report (``columns``: per unit, in the plan's unit order; ``order``: the report order,
    by cluster then cluster rank), the campaign they were scored against as plain data, and per-unit objects with
    the keys of the report document's units for any positions in report order."""

    def __init__(self, cpp: _core.report, plan: _core.campaign, campaign: Dict[str, Any]) -> None:
        self.cpp = cpp
        self.plan = plan
        self.campaign = campaign
        self.phases: List[Dict[str, Any]] = plan.phases()
        self.precision: int = plan.precision
        self.language: str = plan.language

    def phase_labels(self, lang: str) -> List[str]:
        """The phases' short names for columns in ``lang`` ("Giai đoạn 1", or a phase's own ``label``)."""
        return [p["label"] for p in self.plan.phases(lang)]

    def tie_break_names(self, lang: str) -> Dict[str, str]:
        """A unit's ``tie_broken_by`` label → the tie-break's name for readers in ``lang``."""
        return dict(self.plan.tie_break_names(lang))

    @cached_property
    def columns(self) -> Dict[str, np.ndarray]:
        return dict(self.cpp.columns())

    @cached_property
    def strings(self) -> Dict[str, List[Optional[str]]]:
        return dict(self.cpp.unit_strings())

    @property
    def order(self) -> np.ndarray:
        return self.columns["order"]

    @cached_property
    def clusters(self) -> List[Dict[str, Any]]:
        """report.clusters() of the core as records: class counts and shares, mean, median, goals, award money."""
        return list(self.cpp.cluster_table())

    @property
    def units(self) -> int:
        return len(self.order)

    def sizes(self) -> List[int]:
        """Units per cluster, in the campaign's order (the report order runs through them one after another)."""
        return np.diff(self.columns["cluster_start"]).tolist()  # type: ignore[no-any-return]

    def cluster_summaries(self, clusters: Sequence[int]) -> List[Dict[str, Any]]:
        """The records of ``clusters`` (positions in the campaign's list), without making the others'."""
        return list(self.cpp.cluster_table(list(clusters)))

    def texts(self, micros: np.ndarray, digits: Optional[int] = None) -> List[Optional[str]]:
        """Micros as the report writes them: at the campaign's precision, or ``digits`` (−1: as few as exact)."""
        return list(_core.decimal_texts(micros, self.precision if digits is None else digits))

    def rows(self, positions: Optional[Sequence[int]] = None) -> List[Dict[str, Any]]:
        """The unit objects at ``positions`` of the report order (every unit when None): ``id``, ``name``,
        ``cluster``, ``kind``, ``phases`` (phase id → score, counted phases only), ``base``, ``bonus``, ``penalty``,
        ``total``, ``award_cash`` (exact text), ``class``, ``cluster_rank``, ``overall_rank``, ``tie_broken_by`` and
        ``awards`` (ids)."""
        cols = self.columns
        units = self.order if positions is None else self.order[np.asarray(positions, dtype=np.int64)]
        scores = {k: self.texts(cols[k][units]) for k in ("base", "bonus", "penalty", "total")}
        cash = self.texts(cols["award_cash"][units], -1)
        phase_ids = [p["id"] for p in self.phases]
        phase_texts = [self.texts(cols["phase_score"][units, p]) for p in range(len(phase_ids))]
        counted = cols["phase_counted"][units]
        classes = [k["id"] for k in self.campaign["classes"]]
        awards = [a["id"] for a in self.campaign.get("awards", [])]
        clusters = [g["id"] for g in self.campaign["clusters"]]
        # The strings of these units only, unless every unit's are at hand.
        strings = self.strings if positions is None else dict(self.cpp.unit_strings(units))
        out = []
        for i, u in enumerate(units.tolist()):
            at = u if positions is None else i
            given = cols["awards"][u]
            out.append({
                "id": strings["id"][at],
                "name": strings["name"][at],
                "cluster": clusters[int(cols["cluster"][u])],
                "kind": strings["kind"][at],
                "phases": {phase_ids[p]: phase_texts[p][i] for p in range(len(phase_ids)) if counted[i, p]},
                "base": scores["base"][i],
                "bonus": scores["bonus"][i],
                "penalty": scores["penalty"][i],
                "total": scores["total"][i],
                "class": classes[int(cols["class"][u])],
                "cluster_rank": int(cols["cluster_rank"][u]),
                "overall_rank": int(cols["overall_rank"][u]),
                "tie_broken_by": strings["tie_broken_by"][at],
                "awards": [awards[a] for a in range(len(awards)) if given[a]],
                "award_cash": cash[i],
            })
        return out
