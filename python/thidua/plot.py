"""Plots of reports and campaigns: ``report.plot.ranking()``, ``campaign.plot.timeline()`` …

matplotlib is imported when a plot is drawn, not with thidua. Each method draws on ``ax`` (a new figure when it is
None) and returns the Axes; none calls ``show()``, so a notebook shows the figure once and a script saves it.
"""

from __future__ import annotations

import datetime as _dt
import textwrap
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple


if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

    from .campaign import Campaign
    from .report import Report

# One colour per class position: the first (best) class darkest.
_PALETTE = ["#1b5e20", "#43a047", "#fbc02d", "#e53935", "#6d4c41", "#546e7a"]
# One marker per award, in campaign order.
_AWARD_MARKERS = ["*", "D", "^", "s", "P", "v", "X"]


def _axes(ax: Optional["Axes"], width: float, height: float) -> "Axes":
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    # Constrained layout keeps long unit names and the legend (placed under the axes) inside the figure.
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


def _title(campaign: Dict[str, Any]) -> str:
    """The campaign's title wrapped to at most three lines (official titles run to 200 characters)."""
    lines = textwrap.wrap(str(campaign.get("title") or campaign["id"]), 60)
    if len(lines) > 3:
        lines = lines[:2] + [lines[2] + " …"]
    return "\n".join(lines)


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
                    headings: List[Tuple[float, str]], *, heading_x: float, xlabel: str) -> "Axes":
    """Finishes a plot of one row per unit (from _rows): the unit labels, the cluster headings at `heading_x`, the
    axis label, the campaign's title and the legend under the axes."""
    ax.set_yticks(positions)
    ax.set_yticklabels(labels)
    for y, name in headings:
        ax.text(heading_x, y, name, fontweight="bold", va="center")
    ax.set_ylim(min(positions, default=-1) - 0.8, 0.8)
    ax.set_xlabel(xlabel)
    ax.set_title(_title(campaign), fontsize="medium")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize="small")
    return ax


def _label(unit: Dict[str, Any]) -> str:
    return f"{unit['cluster_rank']}. {unit['name'] or unit['id']}"


class ReportPlot:
    """The plots of a :class:`thidua.Report`, as ``report.plot.<name>()``."""

    def __init__(self, report: "Report") -> None:
        self._report = report

    def ranking(self, ax: Optional["Axes"] = None) -> "Axes":
        """Every unit's total as a bar, cluster by cluster in rank order, coloured by class, with a marker per
        award received.

        Examples
        --------
        >>> report.plot.ranking().figure.savefig("ranking.png")  # doctest: +SKIP
        """
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, max(2.5, 0.35 * (len(units) + 2 * len(headings)) + 1))
        classes = [k["id"] for k in campaign["classes"]]
        titles = {k["id"]: k.get("title") or k["id"] for k in campaign["classes"]}
        colours = {k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(classes)}
        totals = [float(u["total"]) for u in units]
        ax.barh(positions, totals, color=[colours[u["class"]] for u in units], height=0.8)
        ax.set_yticks(positions)
        ax.set_yticklabels([_label(u) for u in units])
        for y, name in headings:
            ax.text(0, y, name, fontweight="bold", va="center")
        handles, labels = [], []
        from matplotlib.patches import Rectangle

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
        ax.set_ylim(min(positions, default=-1) - 0.8, 0.8)
        ax.set_xlabel("total")
        ax.set_title(_title(campaign), fontsize="medium")
        ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize="small")
        return ax

    def phases(self, ax: Optional["Axes"] = None) -> "Axes":
        """Each unit's phase scores side by side, in report order (a phase that does not apply has no bar).

        Examples
        --------
        >>> report.plot.phases()  # doctest: +SKIP
        """
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        phases = data.phases
        ax = _axes(ax, 9, max(2.5, 0.2 * len(phases) * (len(units) + 2 * len(headings)) + 1))
        height = 0.8 / len(phases)
        for i, phase in enumerate(phases):
            ys = [y + 0.4 - height * (i + 0.5) for y, u in zip(positions, units) if phase["id"] in u["phases"]]
            scores = [float(u["phases"][phase["id"]]) for u in units if phase["id"] in u["phases"]]
            ax.barh(ys, scores, height=height, label=phase["id"], color=_PALETTE[(i * 2 + 1) % len(_PALETTE)])
        ax.set_yticks(positions)
        ax.set_yticklabels([_label(u) for u in units])
        for y, name in headings:
            ax.text(0, y, name, fontweight="bold", va="center")
        ax.set_ylim(min(positions, default=-1) - 0.8, 0.8)
        ax.set_xlabel(f"phase score (scale {campaign['scale']})")
        ax.set_title(_title(campaign), fontsize="medium")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize="small")
        return ax

    def criteria(self, unit: Optional[str] = None, ax: Optional["Axes"] = None) -> "Axes":
        """A heatmap of the share of the max points earned: units × criteria over all phases, or for one
        ``unit`` phases × criteria. A blank cell is out of the scale (exempt, not applicable, not scored).

        Examples
        --------
        >>> report.plot.criteria(unit="nhan-chinh")  # doctest: +SKIP
        """
        import numpy as np

        points = self._report.to_pandas("points", exact=False)
        criteria = [c["id"] for c in self._report.campaign._dict["criteria"]]
        if unit is None:
            rows = list(dict.fromkeys(points["unit"]))
            by = "unit"
        else:
            self._report.unit(unit)  # an unknown id is a thidua.IdError
            points = points[points["unit"] == unit]
            rows = list(dict.fromkeys(points["phase"]))
            by = "phase"
        sums = points.groupby([by, "criterion"])[["points", "max"]].sum(min_count=1)
        share = np.full((len(rows), len(criteria)), np.nan)
        row_at = {r: i for i, r in enumerate(rows)}
        column_at = {c: i for i, c in enumerate(criteria)}
        for (row, criterion), (earned, most) in sums.iterrows():
            if most and most == most:  # not 0 and not NaN
                share[row_at[row], column_at[criterion]] = earned / most
        ax = _axes(ax, max(5.0, 0.5 * len(criteria) + 3), max(2.5, 0.35 * len(rows) + 1.5))
        image = ax.imshow(share, aspect="auto", cmap="YlGn", vmin=0, vmax=1, interpolation="nearest")
        ax.set_xticks(range(len(criteria)))
        ax.set_xticklabels(criteria, rotation=45, ha="right")
        ax.set_yticks(range(len(rows)))
        if unit is None:
            strings = self._report._data.strings
            names = {i: n or i for i, n in zip(strings["id"], strings["name"])}
            ax.set_yticklabels([names[r] for r in rows])
        else:
            ax.set_yticklabels(rows)
        ax.figure.colorbar(image, ax=ax, label="share of max points")
        ax.set_title(unit or _title(self._report.campaign._dict), fontsize="medium")
        return ax

    def stability(self, frame: "pd.DataFrame", *, ax: Optional["Axes"] = None) -> "Axes":
        """Each unit's rank in its cluster under perturbed rules: the 5–95 % range as a line, the mean rank as a
        dot, the report's rank as a cross, and P(same class) beside the name.

        ``frame`` is the table :func:`thidua.stability` returned for this report
        (``report.plot.stability(thidua.stability(report))``): a plot draws, the analysis is yours to run.

        Examples
        --------
        >>> report.plot.stability(thidua.stability(report, draws=1000))  # doctest: +SKIP
        """
        data = self._report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, max(2.5, 0.35 * (len(units) + 2 * len(headings)) + 1))
        rows = frame.loc[[u["id"] for u in units]]
        ax.hlines(positions, rows["rank_q05"], rows["rank_q95"], color="#90a4ae", linewidth=3, label="5–95 %")
        ax.scatter(rows["mean_rank"], positions, color="#1565c0", zorder=3, label="mean rank")
        ax.scatter([u["cluster_rank"] for u in units], positions, marker="x", color="black", zorder=4,
                   label="report's rank")
        labels = [f"{_label(u)} ({p:.0%})" for u, p in zip(units, rows["p_same_class"])]
        return _unit_rows_axes(ax, campaign, positions, labels, headings, heading_x=1,
                               xlabel="rank in the cluster (P(same class) beside the name)")


    def margins(self, frame: Optional["pd.DataFrame"] = None, *, ax: Optional["Axes"] = None) -> "Axes":
        """The units near a boundary: for each unit (cluster by cluster, in rank order) the points it lacks for
        its next class up as a bar and for its next rank up as a dot; a short bar is a unit a few points from
        another class. A unit at the top class has no bar; one that points alone cannot lift is marked ``blocked``.

        ``frame`` is :meth:`Report.margins` of this report (computed when left out, without closing values).

        Examples
        --------
        >>> report.plot.margins()  # doctest: +SKIP
        """
        report = self._report
        frame = report.margins(closing_values=False) if frame is None else frame
        data = report._data
        campaign = data.campaign
        units, positions, headings = _rows(data.rows(), campaign)
        ax = _axes(ax, 9, max(2.5, 0.35 * (len(units) + 2 * len(headings)) + 1))

        def deltas(prefix: str) -> Dict[str, Optional[float]]:
            rows = frame[frame["target"].str.startswith(prefix)]
            return {u: None if d is None else float(d) for u, d in zip(rows["unit"], rows["delta"])}

        by_class, by_rank = deltas("class:"), deltas("rank:")
        blocked = [y for u, y in zip(units, positions) if u["id"] in by_class and by_class[u["id"]] is None]
        bars = [(y, by_class[u["id"]]) for u, y in zip(units, positions) if by_class.get(u["id"]) is not None]
        dots = [(y, by_rank[u["id"]]) for u, y in zip(units, positions) if by_rank.get(u["id"]) is not None]
        if bars:
            ax.barh([y for y, _ in bars], [d for _, d in bars], height=0.6, color="#ef6c00", label="next class up")
        if dots:
            ax.scatter([d for _, d in dots], [y for y, _ in dots], color="#1565c0", zorder=3, label="next rank up")
        if blocked:
            ax.scatter([0] * len(blocked), blocked, marker="x", color="black", zorder=4, label="blocked")
        return _unit_rows_axes(ax, campaign, positions, [_label(u) for u in units], headings, heading_x=0,
                               xlabel="points lacking")


class CampaignPlot:
    """The plots of a :class:`thidua.Campaign`, as ``campaign.plot.<name>()``."""

    def __init__(self, campaign: "Campaign") -> None:
        self._campaign = campaign

    def timeline(self, ax: Optional["Axes"] = None) -> "Axes":
        """The phases as bars on a date axis (weight in the label), report due dates as diamonds.

        Examples
        --------
        >>> campaign.plot.timeline()  # doctest: +SKIP
        """
        import matplotlib.dates as mdates

        c = self._campaign._dict
        phases = self._campaign.phases
        ax = _axes(ax, 9, max(2.0, 0.6 * len(phases) + 1.2))

        def day(text: str) -> float:
            return float(mdates.date2num(_dt.date.fromisoformat(text)))

        for i, phase in enumerate(phases):
            start, end = day(phase["start"]), day(phase["end"]) + 1  # a phase includes its last day
            ax.barh(i, end - start, left=start, height=0.6, color=_PALETTE[(i * 2 + 1) % len(_PALETTE)])
            ax.text(start + (end - start) / 2, i, f"{phase['id']} · {phase['weight']}", ha="center", va="center",
                    color="white", fontweight="bold")
            if phase.get("report_due"):
                ax.plot([day(phase["report_due"])], [i], marker="D", color="black", linestyle="none")
        ax.set_yticks(range(len(phases)))
        ax.set_yticklabels([p["id"] for p in phases])
        ax.invert_yaxis()
        last_day = max([day(c["end"]) + 1] + [day(p.get("report_due") or p["end"]) for p in phases])
        ax.set_xlim(day(c["start"]) - 5, last_day + 5)
        first, last = _dt.date.fromisoformat(c["start"]), _dt.date.fromisoformat(c["end"])
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=-(-months // 12)))  # at most 12 ticks
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
        ax.tick_params(axis="x", labelrotation=45)
        ax.set_title(_title(c), fontsize="medium")
        return ax
