"""Reports: the outcome of scoring, as JSON, dicts, tables, DataFrames, spreadsheets, Markdown and plots."""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _core
from ._inputs import error
from ._json_view import JsonView
from .plot import ReportPlot
from .warnings import InputWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .campaign import Campaign
    from .explanation import Explanation

# The version of the pickled states: a campaign's (version, campaign JSON), a report's (version, campaign JSON,
# results JSON). Unpickling a report re-scores it, so a report pickled by one thidua and read by another carries
# the reading library's numbers.
PICKLE_VERSION = 1


class Report(JsonView):
    """The result of :meth:`thidua.Campaign.score`.

    :meth:`to_json` is the report document of docs/format.md (the same input gives the same bytes) and :meth:`to_dict`
    the same as a dict; unit objects use the keys of a golden case's ``expect.units``. Every decimal is an exact
    string at the campaign's precision (``"77.80"``); :meth:`to_pandas` gives exact :class:`decimal.Decimal` values
    or floats for analysis. ``report.plot`` draws it (:class:`thidua.plot.ReportPlot`).
    """

    _cpp: _core.report

    def __init__(self, cpp: _core.report, campaign: "Campaign", *, from_results: bool = False) -> None:
        self._cpp = cpp
        self.campaign = campaign
        # Scored from result rows (Campaign.score), which the pickled state can carry; not from arrays.
        self._from_results = from_results

    @classmethod
    def _from_cpp(cls, cpp: _core.report, campaign: "Campaign", *, from_results: bool = False) -> "Report":
        return cls(cpp, campaign, from_results=from_results)

    def _warn(self) -> "Report":
        """Issues each of the report's warnings about its input as a :class:`thidua.InputWarning` (in the campaign's
        language), pointing at the caller's caller: the line that scored."""
        for warning in self._cpp.warnings(self.campaign.language):
            warnings.warn(warning["message"], InputWarning, stacklevel=3)
        return self

    @property
    def units(self) -> List[Dict[str, Any]]:
        """Unit objects ordered by cluster, then cluster rank."""
        return [dict(u) for u in self._dict["units"]]

    @property
    def clusters(self) -> List[Dict[str, Any]]:
        """Per-cluster summaries: class counts and shares, mean and median totals, goals, quotas."""
        return [dict(c) for c in self._dict["clusters"]]

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """Warnings about the whole input (``code``, ``message``), e.g. ``no_votes`` when the campaign's awards need
        votes that the input does not give; per-unit warnings are in each unit's ``warnings``."""
        return [dict(w) for w in self._dict["warnings"]]

    def unit(self, unit_id: str) -> Dict[str, Any]:
        """The report object of one unit; raises :class:`thidua.IdError` for an unknown id."""
        for u in self._dict["units"]:
            if u["id"] == unit_id:
                return dict(u)
        raise error(_core.IdError, f"unknown unit {unit_id!r}", "")

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

    def to_pandas(self, kind: str = "units", *, exact: bool = True) -> "pd.DataFrame":
        """The report as a DataFrame.

        ``"units"``: one row per unit in report order (index: unit id) with ``name``, ``cluster``, ``kind``,
        ``phase:<id>`` per phase, ``base``, ``bonus``, ``penalty``, ``total``, ``class``, ``cluster_rank``,
        ``overall_rank``, ``tie_broken_by``, ``awards`` (ids, comma-separated) and ``award_cash``.

        ``"points"``: one row per (unit, phase, criterion) with ``unit``, ``phase``, ``criterion``, ``status``,
        ``value`` (booleans as 1 and 0), ``target`` (ratio criteria), ``points`` and ``max``; a pair out of the
        unit's scale (exempt, not applicable) has no points and no max, so Σ points / Σ max is the share earned.

        Decimals are exact :class:`decimal.Decimal` values (the report's own numbers: sums and comparisons are
        exact); ``exact=False`` gives floats, faster to plot and aggregate, with NaN for an empty cell.
        """
        from .frames import points_frame, units_frame

        if kind == "units":
            return units_frame(self._dict, exact=exact)
        if kind == "points":
            return points_frame(self._cpp.slot_table(), exact=exact)
        raise ValueError(f"kind must be 'units' or 'points', not {kind!r}")

    def to_excel(self, path: Union[str, "os.PathLike[str]"], *, lang: Optional[str] = None) -> None:
        """Writes an .xlsx workbook: a summary sheet (one row per unit) and a points sheet (one row per unit, phase
        and criterion). Headers are Vietnamese when the campaign's language (or ``lang``) is ``"vi"``; scores are
        numbers shown at the campaign's precision; text that a spreadsheet would run as a formula (starting with
        ``= + - @``) is written with a leading apostrophe."""
        from ._repr import language
        from .excel import write_workbook

        write_workbook(self._dict, self._cpp.slot_table(), self.campaign, path, language(self.campaign, lang))

    def to_markdown(self, *, lang: Optional[str] = None, explain: Iterable[str] = ()) -> str:
        """The report as Markdown: a table per cluster with its goals, then the explanation of each unit id in
        ``explain`` (see :meth:`explain`), in the campaign's language or ``lang``."""
        from ._repr import language, markdown_report

        lang = language(self.campaign, lang)
        explanations = [self.explain(unit_id, lang=lang) for unit_id in explain]
        return markdown_report(self._dict, self.campaign, explanations, lang=lang)

    def explain(self, unit_id: str, lang: Optional[str] = None) -> "Explanation":
        """How a unit's report came about, step by step, in Vietnamese (``"vi"``) or English (``"en"``); the
        campaign's language by default.

        ``str(report.explain(...))`` is the prose; ``.steps`` the records (step, phase, subject, inputs, rule,
        threshold, points, max, text).
        """
        from ._repr import language
        from .explanation import Explanation

        lang = language(self.campaign, lang)
        return Explanation(self._cpp.explain(unit_id, lang), lang)

    @property
    def plot(self) -> ReportPlot:
        """Plots: ``ranking()``, ``phases()``, ``criteria(unit=None)``, ``stability(...)``; each returns the Axes."""
        return ReportPlot(self)

    def table(self, *, lang: Optional[str] = None, max_rows: Optional[int] = None) -> str:
        """The per-unit table as text (``lang``: ``"vi"`` or ``"en"``; the campaign's language by default), every
        unit unless ``max_rows`` caps the rows."""
        from ._repr import text_table

        return text_table(self._dict, self.campaign, lang=lang, max_rows=max_rows)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        d = self._dict
        return f"<thidua.Report {d['campaign']!r}: {len(d['units'])} units, {len(d['clusters'])} clusters>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._repr import MAX_ROWS

        p.text(repr(self) if cycle else self.table(max_rows=MAX_ROWS).rstrip("\n"))

    def _repr_html_(self) -> str:
        from ._repr import html_table

        return html_table(self._dict, self.campaign)

    def __getstate__(self) -> Tuple[int, str, str]:
        if not self._from_results:
            raise TypeError("a report scored from arrays (thidua.score_arrays) cannot be pickled: pickle the campaign "
                            "and the arrays, and score them again")
        return (PICKLE_VERSION, self.campaign.to_json(), self._cpp.results_json())

    def __setstate__(self, state: Any) -> None:
        from .campaign import Campaign

        if not (isinstance(state, tuple) and len(state) == 3 and state[0] == PICKLE_VERSION):
            version = state[0] if isinstance(state, tuple) and state else state
            raise error(_core.SchemaError, f"cannot read a pickled report of format version {version!r}; this thidua "
                        f"({_core.__version__}) reads version {PICKLE_VERSION}", "pickle")
        _, campaign_json, results_json = state
        self.campaign = Campaign(_core.campaign.from_json(campaign_json, "pickle"))
        self._cpp = self.campaign._cpp.score(_core.results.from_json(results_json, "pickle"))
        self._from_results = True

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]
