"""Plots of reports and campaigns: ``report.plot.ranking()``, ``campaign.plot.timeline()`` …

matplotlib is imported when a plot is drawn, not with thidua. Each method draws on ``ax`` (a new figure when it is
None) and returns the Axes; none calls ``show()``, so a notebook shows the figure once and a script saves it.

Every word on a figure comes from the catalog of texts (``plot.*`` and ``label.*`` messages) in ``lang``, the
campaign's language by default; numbers are written as the language writes them (a decimal comma in Vietnamese),
and months as ``T11/2023`` in Vietnamese (the short form officers write), ``Nov 2023`` in English. Names and titles
are drawn as written: a ``$`` in a name is escaped so that matplotlib does not read it as mathematics.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from . import _core
from ._text import LABELS, language, number, texts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from .campaign import Campaign
    from .report import Report

# One colour per class position: the first (best) class darkest.
_PALETTE = ["#1b5e20", "#43a047", "#fbc02d", "#e53935", "#6d4c41", "#546e7a"]
# One marker per award, in campaign order.
_AWARD_MARKERS = ["*", "D", "^", "s", "P", "v", "X"]
# The criteria heatmap: a slot out of the scale (not applicable, exempt) in grey, a mandatory criterion not met in
# red, the rest on a scale from 0 (pale yellow, clearly not grey) to the max points (dark green).
NOT_SCORED = "#bdbdbd"
FAILED_MANDATORY = "#d32f2f"
_SHARE_COLOURS = "YlGn"
# A heatmap labels its cells up to this many (beyond, the numbers would not be readable anyway).
_MAX_CELL_LABELS = 600
# A criterion's or phase's title is wrapped to lines of this many characters in a key or legend.
_KEY_WIDTH = 100
# An axis label is wrapped to lines of this many characters.
_LABEL_WIDTH = 45

_WORDS = texts("plot.")


def _literal(text: str) -> str:
    """``text`` as matplotlib draws it literally: a ``$`` escaped, so a name like ``A$x$`` is not mathematics."""
    return text.replace("$", r"\$")


def _axes(ax: Optional["Axes"], width: float, height: float) -> "Axes":
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # Constrained layout keeps long unit names and the legend (placed under the axes) inside the figure.
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def _plain_texts(ax: "Axes") -> "Axes":
    """Turns LaTeX off on every text of the figure (rcParams may turn it on; names are not LaTeX)."""
    from matplotlib.text import Text

    for text in ax.figure.findobj(Text):
        text.set_usetex(False)
    return ax


def _legend_below(ax: "Axes", handles: List[Any], labels: List[str], **options: Any) -> None:
    """A legend under the axes, from the figure's left edge: long unit names push the axes right, and a legend
    centred under them would run off the figure (its entries are wrapped to fit its width)."""
    from matplotlib.transforms import blended_transform_factory

    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.01, -0.08), fontsize="small",
              bbox_transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes), **options)


def _wrapped(text: str, width: int = _KEY_WIDTH) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _title(campaign: Dict[str, Any]) -> str:
    """The campaign's title wrapped to at most three lines (official titles run to 200 characters)."""
    lines = textwrap.wrap(_literal(str(campaign.get("title") or campaign["id"])), 60)
    if len(lines) > 3:
        lines = lines[:2] + [lines[2] + " …"]
    return "\n".join(lines)


def _decimal_text(x: float) -> str:
    """A tick's value as a decimal string with the digits it needs (0.25 → "0.25", 20.0 → "20")."""
    text = f"{x + 0.0:.6f}".rstrip("0").rstrip(".")  # + 0.0: no "-0"
    return "0" if text == "-0" else text


def _numbers_in(axis: Any, lang: str) -> None:
    """Writes an axis's tick numbers as the language does (0,5 in Vietnamese)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda x, _: number(_decimal_text(x), lang)))


def _rows(report_units: List[Dict[str, Any]],
          campaign: Dict[str, Any]) -> Tuple[List[Dict[str, Any]], List[float], List[Tuple[float, str]]]:
    """The units top to bottom in report order with a y position each, a blank row between clusters, and the
    (y, name) of each cluster's heading row."""
    units: List[Dict[str, Any]] = []
    positions: List[float] = []
    headings: List[Tuple[float, str]] = []
    names = {g["id"]: g.get("name") or g["id"] for g in campaign["clusters"]}
    y = 0.0
    cluster = None
    for unit in report_units:
        if unit["cluster"] != cluster:
            cluster = unit["cluster"]
            if units:
                y -= 0.6
            headings.append((y, names[cluster]))
            y -= 1
        units.append(unit)
        positions.append(y)
        y -= 1
    return units, positions, headings


def _unit_rows_axes(ax: "Axes", campaign: Dict[str, Any], positions: List[float], labels: List[str],
                    headings: List[Tuple[float, str]], *, heading_x: float, xlabel: str, lang: str,
                    legend: Optional[Tuple[List[Any], List[str]]] = None) -> "Axes":
    """Finishes a plot of one row per unit (from _rows): the unit labels, the cluster headings at `heading_x`, the
    axis label, numbers in the language, the campaign's title and the legend under the axes (``legend``: handles
    and labels, else the artists' labels)."""
    ax.set_yticks(positions)
    ax.set_yticklabels([_literal(label) for label in labels])
    for y, name in headings:
        ax.text(heading_x, y, _literal(name), fontweight="bold", va="center")
    ax.set_ylim(min(positions, default=-1) - 0.8, 0.8)
    ax.set_xlabel(_wrapped(xlabel, _LABEL_WIDTH))  # centred under the axes, which long names push right
    _numbers_in(ax.xaxis, lang)
    ax.set_title(_title(campaign), fontsize="medium")
    handles, names = legend if legend is not None else ax.get_legend_handles_labels()
    _legend_below(ax, handles, [_literal(n) for n in names])
    return _plain_texts(ax)


def _label(unit: Dict[str, Any]) -> str:
    return f"{unit['cluster_rank']}. {unit['name'] or unit['id']}"


def _unit_rows_height(units: Sequence[Any], headings: Sequence[Any], per_row: float = 0.35) -> float:
    return max(2.5, per_row * (len(units) + 2 * len(headings)) + 1)


class ReportPlot:
    """The plots of a :class:`thidua.Report`, as ``report.plot.<name>()``. Each takes ``lang`` (``"vi"`` or
    ``"en"``; the campaign's language by default) for its titles, axis labels, legends, months and numbers."""

    def __init__(self, report: "Report") -> None:
        self._report = report

    def _lang(self, lang: Optional[str]) -> str:
        return language(self._report.campaign.language, lang)

    def ranking(self, ax: Optional["Axes"] = None, *, lang: Optional[str] = None) -> "Axes":
        """Every unit's total as a bar, cluster by cluster in rank order, coloured by class, with a marker per
        award received.

        Examples
        --------
        >>> report.plot.ranking(lang="en").figure.savefig("ranking.png")  # doctest: +SKIP
        """
        from matplotlib.patches import Rectangle

        lang = self._lang(lang)
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, _unit_rows_height(units, headings))
        classes = [k["id"] for k in campaign["classes"]]
        titles = {k["id"]: k.get("title") or k["id"] for k in campaign["classes"]}
        colours = {k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(classes)}
        totals = [float(u["total"]) for u in units]
        ax.barh(positions, totals, color=[colours[u["class"]] for u in units], height=0.8)
        handles: List[Any] = []
        labels: List[str] = []
        for k in classes:
            if any(u["class"] == k for u in units):
                handles.append(Rectangle((0, 0), 1, 1, color=colours[k]))
                labels.append(titles[k])
        reach = max(totals, default=0.0) or 1.0
        for a, award in enumerate(campaign.get("awards", [])):
            xs = [t + reach * 0.03 * (a + 1) for u, t in zip(units, totals) if award["id"] in u["awards"]]
            ys = [y for u, y in zip(units, positions) if award["id"] in u["awards"]]
            if xs:
                marker = _AWARD_MARKERS[a % len(_AWARD_MARKERS)]
                handles.append(ax.scatter(xs, ys, marker=marker, s=80, color="#ff8f00", edgecolor="black", zorder=3))
                labels.append(award.get("title") or award["id"])
        ax.set_xlim(0, reach * (1.05 + 0.03 * len(campaign.get("awards", []))))
        return _unit_rows_axes(ax, campaign, positions, [_label(u) for u in units], headings, heading_x=0,
                               xlabel=LABELS[lang]["total"], lang=lang, legend=(handles, labels))

    def phases(self, ax: Optional["Axes"] = None, *, lang: Optional[str] = None) -> "Axes":
        """Each unit's phase scores side by side, in report order (a phase that does not apply has no bar); the
        legend gives each phase's title.

        Examples
        --------
        >>> report.plot.phases()  # doctest: +SKIP
        """
        lang = self._lang(lang)
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        phases = self._report.campaign._cpp.phases(lang)
        ax = _axes(ax, 9, _unit_rows_height(units, headings, 0.2 * len(phases)))
        height = 0.8 / len(phases)
        for i, phase in enumerate(phases):
            ys = [y + 0.4 - height * (i + 0.5) for y, u in zip(positions, units) if phase["id"] in u["phases"]]
            scores = [float(u["phases"][phase["id"]]) for u in units if phase["id"] in u["phases"]]
            ax.barh(ys, scores, height=height, color=_PALETTE[(i * 2 + 1) % len(_PALETTE)],
                    label=_wrapped(phase["title"] or phase["label"]))
        xlabel = _WORDS[lang]["phase_score"].format(scale=number(str(campaign["scale"]), lang))
        return _unit_rows_axes(ax, campaign, positions, [_label(u) for u in units], headings, heading_x=0,
                               xlabel=xlabel, lang=lang)

    def criteria(self, unit: Optional[str] = None, ax: Optional["Axes"] = None, *,
                 lang: Optional[str] = None) -> "Axes":
        """A heatmap of the points earned: units × criteria over all phases, or for one ``unit`` phases ×
        criteria. Each cell is coloured by the share of the max points and labelled with the points (in the
        language); a cell out of the scale (not applicable, exempt) is grey, one where a mandatory criterion is not
        met (as the report decided the slot) is red. Columns are numbered in campaign order, with the criteria's
        titles in a key under the map.

        Examples
        --------
        >>> report.plot.criteria(unit="nhan-chinh")  # doctest: +SKIP
        """
        import matplotlib
        import numpy as np
        from matplotlib.cm import ScalarMappable
        from matplotlib.colors import Normalize, to_rgba
        from matplotlib.patches import Patch

        lang = self._lang(lang)
        report = self._report
        data = report._data
        criteria = data.campaign["criteria"]
        slots = data.cpp.slot_columns()
        names = {i: n or i for i, n in zip(data.strings["id"], data.strings["name"])}
        if unit is None:
            row_of = np.empty(data.units, dtype=np.int64)
            row_of[data.order] = np.arange(data.units)  # plan unit index → report position
            rows = slots["unit"].astype(np.int64)
            keep = np.ones(len(rows), dtype=bool)
            row_labels = [names[i] for i in np.asarray(data.strings["id"], dtype=object)[data.order]]
            title = _title(data.campaign)
        else:
            report.unit(unit)  # an unknown id is a thidua.IdError
            row_of = np.arange(len(data.phases))
            keep = np.asarray(data.strings["id"], dtype=object)[slots["unit"]] == unit
            rows = slots["phase"].astype(np.int64)
            row_labels = [p["label"] for p in report.campaign._cpp.phases(lang)]
            title = _literal(names[unit])
        at = (row_of[rows[keep]], slots["criterion"][keep].astype(np.int64))
        in_scale = slots["max"][keep] != _core.no_number
        mandatory = np.asarray([c["mandatory"] for c in criteria], dtype=bool)
        shape = (len(row_labels), len(criteria))
        earned, most, scored, failed = (np.zeros(shape, dtype=np.int64) for _ in range(4))
        np.add.at(earned, at, np.where(in_scale, slots["points"][keep], 0))
        np.add.at(most, at, np.where(in_scale, slots["max"][keep], 0))
        np.add.at(scored, at, in_scale)
        np.add.at(failed, at, in_scale & mandatory[at[1]] & (slots["met"][keep] == 0))
        share = np.divide(earned, most, out=np.zeros(shape), where=most > 0)
        cmap = matplotlib.colormaps[_SHARE_COLOURS]
        colours = cmap(share)
        colours[scored == 0] = to_rgba(NOT_SCORED)
        colours[failed > 0] = to_rgba(FAILED_MANDATORY)

        # The key under the map takes about two lines per criterion.
        ax = _axes(ax, max(9.0, 0.5 * len(criteria) + 4), max(3.0, 0.4 * len(row_labels) + 2.5) + 0.35 * len(criteria))
        ax.imshow(colours, aspect="auto", interpolation="nearest")
        if scored.size <= _MAX_CELL_LABELS:
            cells = np.argwhere(scored > 0)
            values = data.texts(earned[scored > 0])
            for (r, k), value in zip(cells.tolist(), values):
                dark = failed[r, k] > 0 or share[r, k] > 0.6
                ax.text(k, r, number(str(value), lang), ha="center", va="center", fontsize="x-small",
                        color="white" if dark else "black")
        ax.set_xticks(range(len(criteria)))
        ax.set_xticklabels([str(k + 1) for k in range(len(criteria))])
        ax.set_xlabel(_WORDS[lang]["criteria_axis"])
        ax.set_yticks(range(len(row_labels)))
        ax.set_yticklabels([_literal(label) for label in row_labels])
        bar = ax.figure.colorbar(ScalarMappable(Normalize(0, 1), cmap), ax=ax,
                                 label=_wrapped(_WORDS[lang]["share"], 24))
        _numbers_in(bar.ax.yaxis, lang)
        handles: List[Any] = []
        labels: List[str] = []
        if (scored == 0).any():
            handles.append(Patch(color=NOT_SCORED))
            labels.append(_WORDS[lang]["not_scored"])
        if (failed > 0).any():
            handles.append(Patch(color=FAILED_MANDATORY))
            labels.append(_WORDS[lang]["failed_mandatory"])
        key = [_literal(_wrapped(f"{k + 1}. {c.get('title') or c['id']}")) for k, c in enumerate(criteria)]
        handles += [Patch(visible=False)] * len(key)
        _legend_below(ax, handles, labels + key, handlelength=1, frameon=False)
        ax.set_title(title, fontsize="medium")
        return _plain_texts(ax)

    def stability(self, frame: "pd.DataFrame", *, ax: Optional["Axes"] = None, lang: Optional[str] = None) -> "Axes":
        """Each unit's rank in its cluster under perturbed rules: the 5–95 % range as a line, the mean rank as a
        dot, the report's rank as a cross, and P(same class) beside the name.

        ``frame`` is the table :func:`thidua.stability` returned for this report
        (``report.plot.stability(thidua.stability(report))``): a plot draws, the analysis is yours to run.

        Examples
        --------
        >>> report.plot.stability(thidua.stability(report, draws=1000))  # doctest: +SKIP
        """
        lang = self._lang(lang)
        words = _WORDS[lang]
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, _unit_rows_height(units, headings))
        rows = frame.loc[[u["id"] for u in units]]
        ax.hlines(positions, rows["rank_q05"], rows["rank_q95"], color="#90a4ae", linewidth=3,
                  label=words["rank_range"])
        ax.scatter(rows["mean_rank"], positions, color="#1565c0", zorder=3, label=words["mean_rank"])
        ax.scatter([u["cluster_rank"] for u in units], positions, marker="x", color="black", zorder=4,
                   label=words["report_rank"])
        # P(same class) is an estimate from draws (a float), shown as a whole percent.
        labels = [f"{_label(u)} ({number(str(round(p * 100)), lang)}%)" for u, p in zip(units, rows["p_same_class"])]
        return _unit_rows_axes(ax, campaign, positions, labels, headings, heading_x=1, xlabel=words["rank_axis"],
                               lang=lang)

    def trend(self, frame: "pd.DataFrame", *, units: Optional[Sequence[str]] = None, ax: Optional["Axes"] = None,
              lang: Optional[str] = None) -> "Axes":
        """Each unit's total over the years, a line per unit, from :func:`thidua.history`
        (``report.plot.trend(thidua.history([report_2023, report]))``); ``units``: the ids to draw (every unit of
        this report by default), named as this report names them.

        Examples
        --------
        >>> report.plot.trend(thidua.history([last_year, report]), units=["bac-hong"])  # doctest: +SKIP
        """
        lang = self._lang(lang)
        names = {u["id"]: u["name"] or u["id"] for u in self._report._data.rows()}
        chosen = list(units) if units is not None else list(names)
        ax = _axes(ax, 8, 4.5)
        for unit in chosen:
            rows = frame[frame["unit"] == unit].sort_values("year")
            ax.plot(rows["year"], [float(t) for t in rows["total"]], marker="o", label=_literal(names.get(unit, unit)))
        years = sorted(set(frame["year"]))
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_xlabel(_WORDS[lang]["year"])
        ax.set_ylabel(LABELS[lang]["total"])
        ax.set_title(_WORDS[lang]["trend"], fontsize="medium")
        _legend_below(ax, *ax.get_legend_handles_labels(), frameon=False)
        return _plain_texts(ax)

    def margins(self, frame: Optional["pd.DataFrame"] = None, *, ax: Optional["Axes"] = None,
                lang: Optional[str] = None) -> "Axes":
        """The units near a boundary: for each unit (cluster by cluster, in rank order) the points it lacks for
        its next class up as a bar and for its next rank up as a dot; a short bar is a unit a few points from
        another class. A unit at the top class has no bar; one that points alone cannot lift is marked by a cross.

        ``frame`` is :meth:`Report.margins` of this report (computed when left out, without closing values).

        Examples
        --------
        >>> report.plot.margins()  # doctest: +SKIP
        """
        lang = self._lang(lang)
        words = _WORDS[lang]
        report = self._report
        frame = report.margins(closing_values=False) if frame is None else frame
        data = report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, _unit_rows_height(units, headings))

        def deltas(prefix: str) -> Dict[str, Optional[float]]:
            rows = frame[frame["target"].str.startswith(prefix)]
            return {u: None if d is None else float(d) for u, d in zip(rows["unit"], rows["delta"])}

        by_class, by_rank = deltas("class:"), deltas("rank:")
        blocked = [y for u, y in zip(units, positions) if u["id"] in by_class and by_class[u["id"]] is None]
        bars = [(y, by_class[u["id"]]) for u, y in zip(units, positions) if by_class.get(u["id"]) is not None]
        dots = [(y, by_rank[u["id"]]) for u, y in zip(units, positions) if by_rank.get(u["id"]) is not None]
        if bars:
            ax.barh([y for y, _ in bars], [d for _, d in bars], height=0.6, color="#ef6c00",
                    label=words["next_class"])
        if dots:
            ax.scatter([d for _, d in dots], [y for y, _ in dots], color="#1565c0", zorder=3, label=words["next_rank"])
        if blocked:
            ax.scatter([0] * len(blocked), blocked, marker="x", color="black", zorder=4, label=words["blocked"])
        return _unit_rows_axes(ax, campaign, positions, [_label(u) for u in units], headings, heading_x=0,
                               xlabel=words["points_lacking"], lang=lang)


def _month_label(day: _dt.date, lang: str) -> str:
    """A month on a date axis: "T11/2023" in Vietnamese, "Nov 2023" in English (from the catalog, not the
    locale)."""
    words = _WORDS[lang]
    return words["month"].format(month=words["months"].split()[day.month - 1], year=day.year)


class CampaignPlot:
    """The plots of a :class:`thidua.Campaign`, as ``campaign.plot.<name>()``; ``lang`` as for reports."""

    def __init__(self, campaign: "Campaign") -> None:
        self._campaign = campaign

    def timeline(self, ax: Optional["Axes"] = None, *, lang: Optional[str] = None) -> "Axes":
        """The phases as bars on a date axis, each named with its weight beside it; report due dates as diamonds.

        Examples
        --------
        >>> campaign.plot.timeline(lang="en")  # doctest: +SKIP
        """
        import matplotlib.dates as mdates
        from matplotlib.ticker import FuncFormatter

        lang = language(self._campaign.language, lang)
        c = self._campaign._dict
        phases = self._campaign._cpp.phases(lang)
        ax = _axes(ax, 9, max(2.0, 0.6 * len(phases) + 1.6))

        def day(text: str) -> float:
            return float(mdates.date2num(_dt.date.fromisoformat(text)))

        due = []
        for i, phase in enumerate(phases):
            start, end = day(phase["start"]), day(phase["end"]) + 1  # a phase includes its last day
            ax.barh(i, end - start, left=start, height=0.6, color=_PALETTE[(i * 2 + 1) % len(_PALETTE)])
            if phase.get("report_due"):
                due.append((day(phase["report_due"]), i))
        if due:
            ax.plot([x for x, _ in due], [i for _, i in due], marker="D", color="black", linestyle="none",
                    label=_WORDS[lang]["report_due"])
            _legend_below(ax, *ax.get_legend_handles_labels())
        # The names sit beside the bars as tick labels, which the layout sizes: a short phase never cuts its name.
        ax.set_yticks(range(len(phases)))
        ax.set_yticklabels([_WORDS[lang]["phase_bar"].format(phase=_literal(p["label"]),
                                                            weight=number(p["weight"], lang)) for p in phases])
        ax.invert_yaxis()
        last_day = max([day(c["end"]) + 1] + [day(p.get("report_due") or p["end"]) for p in phases])
        ax.set_xlim(day(c["start"]) - 5, last_day + 5)
        first, last = _dt.date.fromisoformat(c["start"]), _dt.date.fromisoformat(c["end"])
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=-(-months // 12)))  # at most 12 ticks
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _month_label(mdates.num2date(x).date(), lang)))
        ax.tick_params(axis="x", labelrotation=45)
        ax.set_title(_title(c), fontsize="medium")
        return _plain_texts(ax)
