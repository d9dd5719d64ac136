"""Reports: the outcome of scoring, as JSON, dicts, tables, DataFrames, spreadsheets, Markdown and plots."""

from __future__ import annotations

import os
import warnings
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core
from ._data import ReportData
from ._inputs import dumps, error
from ._json_view import JsonView
from ._text import language
from .explanation import Explanation
from .plot import ReportPlot
from .warnings import InputWarning

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .campaign import Campaign
    from .diff import ReportDiff

# The version of the pickled states: a campaign's (version, campaign JSON), a report's (version, campaign JSON,
# results JSON). Unpickling a report re-scores it, so a report pickled by one thidua and read by another carries
# the reading library's numbers.
PICKLE_VERSION = 1


class Report(JsonView):
    """The result of :meth:`thidua.Campaign.score`.

    :meth:`to_json` is the report document of docs/format.md (the same input gives the same bytes) and :meth:`to_dict`
    the same as a dict; unit objects use the keys of a golden case's ``expect.units``. Every decimal is an exact
    string at the campaign's precision (``"77.80"``). :meth:`to_pandas`, :meth:`to_numpy`, the tables, HTML,
    Markdown and Excel read the core's arrays directly (no JSON): float64 for analysis, or exact
    :class:`decimal.Decimal` values with ``exact=True``. ``report.plot`` draws it (:class:`thidua.plot.ReportPlot`).

    Examples
    --------
    >>> report = campaign.score("results.csv")                      # doctest: +SKIP
    >>> report.to_pandas()[["total", "class", "awards"]].head()     # doctest: +SKIP
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

    @cached_property
    def _data(self) -> ReportData:
        return ReportData(self._cpp, self.campaign._cpp, self.campaign._dict)

    def what_if(self, changes: Union[Dict[str, Any], Sequence[Dict[str, Any]]]) -> "Report":
        """A new report for hypothetical changes of this report's inputs; no file is touched. The changed inputs are
        scored from scratch, so the result equals scoring the changed documents.

        Parameters
        ----------
        changes
            A change or a list of changes, made in order (docs/python.md, "What-if"):
            ``{"unit", "criterion", "phase", "value"}`` or ``"status"`` (a slot; ``phase`` may be left out in a
            campaign of one phase), ``{"unit", "adjustment", "count"}`` (one more event), ``{"unit",
            "total_delta"}`` (points added to the unit's total after the caps), ``{"phase", "weight"}`` (the
            weights must still sum to 1 once every change is made), ``{"class", "min_score"}``, ``{"award",
            "count"}`` or ``{"award", "max_share"}``. Decimals may be given as strings ("0.5") to stay exact.

        Raises
        ------
        thidua.Error
            Naming the change by its position (``what-if /1/value: …``): an unknown id, a value the rule refuses,
            weights that no longer sum to 1.

        Examples
        --------
        >>> after = report.what_if({"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 4})  # doctest: +SKIP
        >>> after.unit("dau-lieu")["total"], report.unit("dau-lieu")["total"]  # doctest: +SKIP
        """
        items = [changes] if isinstance(changes, dict) else list(changes)
        cpp = _core.what_if(self._cpp, dumps(items, "what-if"))
        # A hypothetical total_delta has no document that states it: such a report cannot be pickled as its inputs.
        documented = self._from_results and not any(isinstance(c, dict) and "total_delta" in c for c in items)
        return Report._from_cpp(cpp, type(self.campaign)._from_cpp(_core.plan_of(cpp)), from_results=documented)

    def margins(self, *, closing_values: bool = True, lang: Optional[str] = None) -> "pd.DataFrame":
        """How many points each unit lacks for its next class up, its next rank up in its cluster and each award it
        did not receive: one row per unit and target, units in report order.

        Columns: ``unit``, ``target`` (``class:<id>``, ``rank:<n>`` or ``award:<id>``), ``delta`` (the smallest
        number of points added to the unit's total, everything else fixed, that reaches the target: a decimal
        string at the campaign's precision, or None) and ``blocked_by`` (when points alone cannot: ``mandatory``,
        ``veto``, ``vote``, ``no_vote``, ``exclusive``, ``class``, ``quota`` …, else None). With ``delta`` the
        target is reached (``report.what_if({"unit": u, "total_delta": delta})``), with one step less it is not.
        Then ``phase``, ``criterion`` and ``value``: a single reported value that reaches the target alone (the
        least one, in the slot whose points grow least; ``value`` as text, ``"true"`` for yes), or None — also for
        a target blocked by a mandatory criterion a value can meet. ``closing_values=False`` skips that search
        (one what-if per step of each slot of the unit). Last, ``text``: the row in a sentence, in ``lang`` (the
        campaign's by default): "Còn thiếu 0,01 điểm để được xếp «Hoàn thành xuất sắc nhiệm vụ»; chẳng hạn «Mô
        hình» (Giai đoạn 1) đạt 4".

        Examples
        --------
        >>> report.margins().query("target == 'award:co-thi-dua'")  # doctest: +SKIP
        """
        import pandas as pd

        return pd.DataFrame(_core.margins(self._cpp, closing_values, language(self.campaign.language, lang)),
                            columns=["unit", "target", "delta", "blocked_by", "phase", "criterion", "value", "text"])

    @property
    def as_of(self) -> Optional[str]:
        """The day of an interim review (sơ kết, ``Campaign.score(…, as_of=…)``) as YYYY-MM-DD, or None for the final
        review.

        Examples
        --------
        >>> campaign.score("results.csv", as_of="2024-06-30").as_of  # doctest: +SKIP
        '2024-06-30'
        """
        return self._cpp.as_of  # type: ignore[no-any-return]

    @property
    def layers(self) -> List[Dict[str, str]]:
        """The assessment layers merged into the final figures, in order, as ``{"id", "title"}`` (the title in the
        campaign's language); empty when the results named fewer than two (docs/semantics.md §13).

        Examples
        --------
        >>> [layer["id"] for layer in report.layers]  # doctest: +SKIP
        ['tu-cham', 'tham-dinh']
        """
        return [dict(layer) for layer in self._cpp.layers(self.campaign.language)]

    def layer(self, layer: Union[str, int]) -> "Report":
        """The report of one assessment layer's figures alone, by id or position: what that layer would give if it
        were the only one.

        Examples
        --------
        >>> report.layer("tu-cham").unit("bac-hong")["total"]  # doctest: +SKIP
        """
        ids = [item["id"] for item in self._cpp.layers()]
        if isinstance(layer, int) and not isinstance(layer, bool):
            if not 0 <= layer < len(ids):
                raise error(_core.IdError, f"layer {layer} out of range: the report has {len(ids)} layers", "")
            at = layer
        elif layer in ids:
            at = ids.index(layer)
        else:
            raise error(_core.IdError, f"unknown layer {layer!r}" + (f" (layers: {', '.join(ids)})" if ids else
                                                                     ": the report has no layers"), "")
        return Report._from_cpp(self._cpp.layer_report(at), self.campaign, from_results=self._from_results)

    def _warn(self) -> "Report":
        """Issues each of the report's warnings about its input as a :class:`thidua.InputWarning` (in the campaign's
        language), pointing at the caller's caller: the line that scored."""
        for warning in self._cpp.warnings(self.campaign.language):
            warnings.warn(warning["message"], InputWarning, stacklevel=3)
        return self

    @property
    def units(self) -> List[Dict[str, Any]]:
        """Unit objects ordered by cluster, then cluster rank.

        Examples
        --------
        >>> report.units[0]["id"], report.units[0]["total"]  # doctest: +SKIP
        """
        return [dict(u) for u in self._dict["units"]]

    @property
    def clusters(self) -> List[Dict[str, Any]]:
        """Per-cluster summaries: class counts and shares, mean and median totals, goals, quotas.

        Examples
        --------
        >>> [(c["id"], c["mean_total"]) for c in report.clusters]  # doctest: +SKIP
        """
        return [dict(c) for c in self._dict["clusters"]]

    @property
    def warnings(self) -> List[Dict[str, Any]]:
        """Warnings about the whole input (``code``, ``message``), e.g. ``no_votes`` when the campaign's awards need
        votes that the input does not give; per-unit warnings are in each unit's ``warnings``.

        Examples
        --------
        >>> [w["code"] for w in report.warnings]  # doctest: +SKIP
        """
        return [dict(w) for w in self._dict["warnings"]]

    def unit(self, unit_id: str) -> Dict[str, Any]:
        """The report object of one unit; raises :class:`thidua.IdError` for an unknown id.

        Examples
        --------
        >>> report.unit("nhan-chinh")["total"]  # doctest: +SKIP
        """
        for u in self._dict["units"]:
            if u["id"] == unit_id:
                return dict(u)
        raise error(_core.IdError, f"unknown unit {unit_id!r}", "")

    @property
    def campaign_sha256(self) -> str:
        """SHA-256 of the canonical campaign the report was scored against.

        Examples
        --------
        >>> report.campaign_sha256 == report.campaign.sha256  # doctest: +SKIP
        """
        return self._cpp.campaign_sha256

    @property
    def results_sha256(self) -> str:
        """SHA-256 of the canonical results scored (what a report's readers check).

        Examples
        --------
        >>> len(report.results_sha256)  # doctest: +SKIP
        """
        return self._cpp.results_sha256

    def to_numpy(self) -> Dict[str, Any]:
        """Per-unit results as numpy arrays in report order (fast for large populations): ``id``, ``cluster``,
        ``class`` (ids), ``base``, ``bonus``, ``penalty``, ``total`` (float64), ``cluster_rank``, ``overall_rank``.

        Examples
        --------
        >>> arrays = report.to_numpy()                                   # doctest: +SKIP
        >>> arrays["total"].mean()                                       # doctest: +SKIP
        """
        import numpy as np

        data = self._data
        cols, order = data.columns, data.order
        c = self.campaign._dict
        out: Dict[str, Any] = {
            "id": np.asarray(data.strings["id"], dtype=object)[order],
            "cluster": np.asarray([g["id"] for g in c["clusters"]], dtype=object)[cols["cluster"][order]],
            "class": np.asarray([k["id"] for k in c["classes"]], dtype=object)[cols["class"][order]],
        }
        for key in ("base", "bonus", "penalty", "total"):
            out[key] = cols[key][order] / 1e6
        out["cluster_rank"] = cols["cluster_rank"][order]
        out["overall_rank"] = cols["overall_rank"][order]
        return out

    def to_pandas(self, kind: str = "units", *, exact: bool = False, lang: Optional[str] = None) -> "pd.DataFrame":
        """The report as a DataFrame, read from the core's arrays.

        Parameters
        ----------
        kind
            ``"units"``: one row per unit in report order (by cluster, then cluster rank), index ``unit`` (the unit
            id), with ``name``, ``cluster``, ``kind``, ``phase:<id>`` per phase (NaN where no criterion applied),
            ``base``, ``bonus``, ``penalty``, ``total``, ``class`` (an ordered categorical, best class first),
            ``cluster_rank``, ``overall_rank``, ``tie_broken_by``, ``awards`` (a list of ids), ``award_cash``,
            ``class_reason``, ``award_reasons`` (award id → why not) and ``warnings`` (a list of messages).

            ``"points"``: one row per (unit, phase, criterion) with ``unit``, ``phase``, ``criterion``, ``status``,
            ``value`` (booleans as 1 and 0), ``target`` (ratio criteria), ``points`` and ``max``; a pair out of the
            unit's scale (exempt, not applicable) has no points and no max, so Σ points / Σ max is the share earned.

            ``"clusters"``: one row per cluster (index ``cluster``): ``name``, ``units``, ``count:<class>``,
            ``share:<class>``, ``mean_total``, ``median_total``, ``goal:<id>`` (met), ``goal_share:<id>``,
            ``awards:<id>`` (receivers) and ``award_cash``.

            ``"layers"`` (a report of assessment layers, docs/semantics.md §13): one row per (unit, phase,
            criterion, layer) that a layer gives, as that layer alone scores it, with ``unit``, ``phase``,
            ``criterion``, ``layer``, ``status``, ``value``, ``target``, ``points``, ``max`` and ``final`` (its row
            set the final figure) and ``changed`` (the layers giving the slot differ; ``"points"`` of a layered
            report has this column too). ``"layer_totals"``: one row per unit (index ``unit``) with ``total:<layer>``,
            ``class:<layer>`` and ``cluster_rank:<layer>`` as each layer alone gives them, then the final
            ``total``, ``class`` and ``cluster_rank``.

            ``"ballots"``: the vote-count record, one row per ballot of an award with ``min_vote_share``, per
            cluster in rank order: ``award``, ``cluster`` (None for an award over all units), ``unit``, ``yes``,
            ``of``, ``council`` (the award's ``council_size``, else ``of``), ``on_award``, ``share`` (yes / council,
            cut to 4 digits) and ``passed``.
        exact
            False (the default): decimals are float64, each the double nearest to the report's decimal, NaN for an
            empty cell, so frames plot, round, correlate and describe. True: exact :class:`decimal.Decimal` values.
        lang
            The language of ``class_reason``, ``award_reasons`` and ``warnings`` (the campaign's by default).

        Examples
        --------
        >>> frame = report.to_pandas()                                   # doctest: +SKIP
        >>> frame["total"].round(1).describe()                           # doctest: +SKIP
        >>> report.to_pandas("clusters")["mean_total"]                   # doctest: +SKIP
        """
        from .frames import ballots_frame, clusters_frame, layer_totals_frame, layers_frame, points_frame, units_frame

        if kind == "units":
            return units_frame(self._data, exact=exact, lang=language(self.campaign.language, lang))
        if kind == "points":
            return points_frame(self._data, exact=exact)
        if kind == "clusters":
            return clusters_frame(self._data, exact=exact)
        if kind == "ballots":
            return ballots_frame(self._data, exact=exact)
        if kind == "layers":
            return layers_frame(self._data, exact=exact)
        if kind == "layer_totals":
            return layer_totals_frame(self._data, [(layer["id"], self.layer(layer["id"])._data) for layer in self.layers],
                                      exact=exact)
        raise ValueError(f"kind must be 'units', 'points', 'clusters', 'ballots', 'layers' or 'layer_totals', not "
                         f"{kind!r}")

    def to_excel(self, path: Union[str, "os.PathLike[str]"], *, lang: Optional[str] = None) -> None:
        """Writes an .xlsx workbook: a summary sheet (one row per unit), a sheet per cluster when there are several,
        and a points sheet (one row per unit, phase and criterion), each set to print on A4 landscape with its
        class cells tinted. Headers are Vietnamese when the campaign's language (or ``lang``) is ``"vi"``; scores are
        numbers shown at the campaign's precision; text that a spreadsheet would run as a formula (starting with
        ``= + - @``) is written with a leading apostrophe.

        Examples
        --------
        >>> report.to_excel("report.xlsx", lang="vi")                    # doctest: +SKIP
        """
        from .excel import write_workbook

        write_workbook(self._data, path, language(self.campaign.language, lang))

    def to_csv(self, path: Union[str, "os.PathLike[str]"], *, lang: Optional[str] = None) -> None:
        """Writes the summary table (bảng tổng hợp) as CSV for a spreadsheet: one row per unit in report order with
        titles instead of ids, headers in the language, why the unit missed a higher class or an award, and its
        warnings. A Vietnamese table separates cells with ";" and writes decimals with a comma, as a spreadsheet set
        to Vietnamese reads them; an English one uses "," and a point. For analysis, use :meth:`to_pandas`.

        Examples
        --------
        >>> report.to_csv("bang-tong-hop.csv")                           # doctest: +SKIP
        """
        from ._summary import write_csv

        write_csv(self._data, path, language(self.campaign.language, lang))

    def to_docx(self, path: Union[str, "os.PathLike[str]"], kind: str = "summary", *, lang: Optional[str] = None,
                template: Optional[Union[str, "os.PathLike[str]"]] = None, **details: Any) -> None:
        """Writes a Word document laid out per Decree 30/2020/NĐ-CP: ``kind`` ``"proposal"`` (tờ trình đề nghị khen
        thưởng: the units with an award, their totals, classes and achievements), ``"minutes"`` (biên bản bình xét:
        attendance, classes per cluster, the ballots with their counts and shares, who receives each award) or
        ``"summary"`` (bảng tổng hợp: the ranked table per cluster). The same input gives the same bytes.

        Parameters
        ----------
        template
            A docxtpl template of one's own (a copy of ``thidua/templates/<kind>.docx``); it renders in Jinja's
            sandbox, and a template reaching for Python internals raises :class:`thidua.SchemaError`.
        details
            What the report cannot know, each shown as "…" when left out: ``issuer``, ``managing_body`` (left out:
            no line), ``number``, ``place``, ``date`` (a :class:`datetime.date` or "YYYY-MM-DD"; no default, so that
            the document does not depend on the day it is made), ``to`` (the addressee of a proposal),
            ``recipients`` (a list), ``authority`` (e.g. "TM. Hội đồng thi đua"; left out: no line), ``signer``,
            ``signer_title``, and for the minutes ``present``, ``absent``, ``chair`` and ``secretary``.

        Examples
        --------
        >>> report.to_docx("to-trinh.docx", "proposal", place="Hà Nội", date="2023-01-05", signer="Nguyễn Văn A")  # doctest: +SKIP
        """
        from .documents import write_docx

        write_docx(self._data, path, kind, language(self.campaign.language, lang), details, template)

    def to_markdown(self, *, lang: Optional[str] = None, explain: Iterable[str] = ()) -> str:
        """The report as Markdown: a table per cluster with its goals, then the explanation of each unit id in
        ``explain`` (see :meth:`explain`), in the campaign's language or ``lang``.

        Examples
        --------
        >>> print(report.to_markdown(explain=["nhan-chinh"]))            # doctest: +SKIP
        """
        from ._repr import markdown_report

        lang = language(self.campaign.language, lang)
        explanations = [self.explain(unit_id, lang=lang) for unit_id in explain]
        return markdown_report(self._data, explanations, lang=lang)

    def to_html(self, path: Union[str, "os.PathLike[str]"], *, lang: Optional[str] = None) -> None:
        """Writes the report as one self-contained HTML file (inline CSS, script and SVG; nothing is fetched): per
        cluster a chart of the totals, the ranked table, sortable by any column, with class colours, award badges
        and each unit's explanation a click on its name away, and the goals; then the warnings and the inputs'
        SHA-256 fingerprints. It prints on A4 and reads on a phone. Words in the campaign's language or ``lang``;
        every name and title is HTML-escaped.

        Examples
        --------
        >>> report.to_html("report.html", lang="en")                     # doctest: +SKIP
        """
        from ._output import write_text
        from .html_report import html_report

        lang = language(self.campaign.language, lang)
        explanations = [self.explain(unit["id"], lang=lang) for unit in self._data.rows()]
        write_text(path, html_report(self._data, explanations, lang=lang))

    def explain(self, unit_id: str, lang: Optional[str] = None) -> Explanation:
        """How a unit's report came about, step by step, in Vietnamese (``"vi"``) or English (``"en"``); the
        campaign's language by default.

        ``str(report.explain(...))`` is the prose; ``.steps`` the records (step, phase, subject, inputs, rule,
        threshold, points, max, text).

        Examples
        --------
        >>> print(report.explain("nhan-chinh", lang="en"))               # doctest: +SKIP
        """
        lang = language(self.campaign.language, lang)
        return Explanation(self._cpp.explain(unit_id, lang), lang)

    def diff(self, other: "Report", *, lang: Optional[str] = None) -> "ReportDiff":
        """What differs from this report to ``other``: per unit the points per slot, phase scores, totals, class,
        ranks and awards, and which inputs differ (fingerprints, campaign keys, result rows); see
        :class:`thidua.ReportDiff`. Words in the campaign's language or ``lang``.

        Examples
        --------
        >>> report.diff(revised).to_pandas()  # doctest: +SKIP
        """
        from .diff import diff

        return diff(self, other, lang=lang)

    @property
    def plot(self) -> ReportPlot:
        """Plots: ``ranking()``, ``phases()``, ``criteria(unit=None)``, ``stability(...)``; each returns the Axes.

        Examples
        --------
        >>> report.plot.ranking()  # doctest: +SKIP
        """
        return ReportPlot(self)

    def table(self, *, lang: Optional[str] = None, max_rows: Optional[int] = None) -> str:
        """The per-unit table as text (``lang``: ``"vi"`` or ``"en"``; the campaign's language by default), every
        unit unless ``max_rows`` caps the rows.

        Examples
        --------
        >>> print(report.table(lang="en", max_rows=20))  # doctest: +SKIP
        """
        from ._repr import text_table

        return text_table(self._data, lang=language(self.campaign.language, lang), max_rows=max_rows)

    def __str__(self) -> str:
        return self.table()

    def __repr__(self) -> str:
        return f"<thidua.Report {self.campaign.id!r}: {self._data.units} units, {len(self._data.clusters)} clusters>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._repr import MAX_ROWS

        p.text(repr(self) if cycle else self.table(max_rows=MAX_ROWS).rstrip("\n"))

    def _repr_html_(self) -> str:
        from ._repr import html_table

        return html_table(self._data, lang=self.campaign.language)

    def __reduce__(self) -> Tuple[Callable[..., "Report"], Tuple[int, str, Union[str, List[str]]]]:
        # Unpickled by the campaign's class (thidua.Campaign._report_from_state), which scores the results again:
        # a report needs no import of the campaign module, which imports this one.
        if not self._from_results:
            raise TypeError("a report scored from arrays (thidua.score_arrays) cannot be pickled: pickle the campaign "
                            "and the arrays, and score them again")
        # A layered report: each layer's results document, in order.
        layers = len(self._cpp.layers())
        results = [self._cpp.layer_report(i).results_json() for i in range(layers)] if layers else self._cpp.results_json()
        return (type(self.campaign)._report_from_state, (PICKLE_VERSION, self.campaign.to_json(), results))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Report) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]
