"""Reports: the outcome of scoring, as JSON, dicts, tables and DataFrames."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from . import _core
from ._json_view import JsonView

if TYPE_CHECKING:  # pragma: no cover
    from .campaign import Campaign
    from .explanation import Explanation


class Report(JsonView):
    """The result of :meth:`thidua.Campaign.score`.

    :meth:`to_json` is the report document of format.md (the same input gives the same bytes) and :meth:`to_dict`
    the same as a dict; unit objects use the keys of a golden case's ``expect.units``. Every decimal is an exact
    string at the campaign's precision (``"77.80"``); :meth:`to_pandas` offers floats or exact
    :class:`decimal.Decimal` values for analysis.
    """

    def __init__(self, cpp: _core.report, campaign: "Campaign") -> None:
        self._cpp = cpp
        self.campaign = campaign

    @classmethod
    def _from_cpp(cls, cpp: _core.report, campaign: "Campaign") -> "Report":
        return cls(cpp, campaign)

    @property
    def units(self) -> List[Dict[str, Any]]:
        """Unit objects ordered by cluster, then cluster rank."""
        return [dict(u) for u in self._dict["units"]]

    @property
    def clusters(self) -> List[Dict[str, Any]]:
        """Per-cluster summaries: class counts and shares, mean and median totals, goals, quotas."""
        return [dict(c) for c in self._dict["clusters"]]

    def unit(self, unit_id: str) -> Dict[str, Any]:
        """The report object of one unit; raises :class:`thidua.IdError` for an unknown id."""
        for u in self._dict["units"]:
            if u["id"] == unit_id:
                return dict(u)
        raise _core.IdError(f"unknown unit {unit_id!r}")

    @property
    def campaign_sha256(self) -> str:
        return self._cpp.campaign_sha256

    @property
    def results_sha256(self) -> str:
        return self._cpp.results_sha256

    def to_numpy(self) -> Dict[str, Any]:
        """Per-unit results as numpy arrays in unit order (fast for large populations): ``id``, ``cluster``,
        ``class`` (ids), ``base``, ``bonus``, ``penalty``, ``total`` (float64), ``cluster_rank``, ``overall_rank``."""
        import numpy as np

        arrays = self._cpp.arrays()
        out: Dict[str, Any] = {k: np.asarray(v) for k, v in self._cpp.unit_table().items()}
        for key in ("base", "bonus", "penalty", "total"):
            out[key] = arrays[key] / 1e6
        out["cluster_rank"] = arrays["cluster_rank"]
        out["overall_rank"] = arrays["overall_rank"]
        return out

    def to_pandas(self, *, exact: bool = False):
        """One row per unit (index: unit id). Scores are floats, or :class:`decimal.Decimal` with ``exact=True``."""
        from .frames import units_frame

        return units_frame(self._dict, exact=exact)

    def points_frame(self, *, exact: bool = False):
        """One row per (unit, phase, criterion) with status and points."""
        from .frames import points_frame

        return points_frame(self._dict, exact=exact)

    def to_excel(self, path: str) -> None:
        """Writes the units, points and clusters sheets to an .xlsx file (needs openpyxl)."""
        from .frames import write_excel

        write_excel(self._dict, path)

    def explain(self, unit_id: str, lang: str = "vi") -> "Explanation":
        """How a unit's report came about, step by step, in Vietnamese (``"vi"``) or English (``"en"``).

        ``str(report.explain(...))`` is the prose; ``.steps`` the records (step, phase, subject, inputs, rule,
        threshold, points, max, text).
        """
        from .explanation import Explanation

        return Explanation(self._cpp.explain(unit_id, lang), lang)

    def plot(self, ax=None):
        """Bars of every unit's total, grouped by cluster in rank order and coloured by class (matplotlib Axes)."""
        from .plot import plot_totals

        return plot_totals(self._dict, self.campaign._dict, ax=ax)

    def table(self, *, lang: Optional[str] = None) -> str:
        """The per-unit table as text (``lang``: ``"vi"`` or ``"en"``; the campaign's language by default)."""
        from ._repr import text_table

        return text_table(self._dict, self.campaign, lang=lang)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        d = self._dict
        return f"<thidua.Report {d['campaign']!r}: {len(d['units'])} units, {len(d['clusters'])} clusters>"

    def _repr_html_(self) -> str:
        from ._repr import html_table

        return html_table(self._dict, self.campaign)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]
