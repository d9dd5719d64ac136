"""Plots of a report (matplotlib is imported here only)."""

from __future__ import annotations

from typing import Any, Dict, Optional

import matplotlib.pyplot as plt

# One colour per class position: the first (best) class darkest.
_PALETTE = ["#1b5e20", "#43a047", "#fbc02d", "#e53935", "#6d4c41", "#546e7a"]


def plot_totals(report: Dict[str, Any], campaign: Dict[str, Any], ax: Optional[Any] = None):
    """Horizontal bars of every unit's total, grouped by cluster in rank order, coloured by class.

    Returns the matplotlib Axes.
    """
    if ax is None:
        height = max(2.5, 0.35 * len(report["units"]) + 1)
        _, ax = plt.subplots(figsize=(8, height))
    classes = [k["id"] for k in campaign["classes"]]
    titles = {k["id"]: k.get("title") or k["id"] for k in campaign["classes"]}
    colours = {k: _PALETTE[i % len(_PALETTE)] for i, k in enumerate(classes)}
    labels, totals, bar_colours = [], [], []
    for unit in report["units"]:
        labels.append(f"{unit['cluster_rank']}. {unit['name'] or unit['id']}")
        totals.append(float(unit["total"]))
        bar_colours.append(colours[unit["class"]])
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, totals, color=bar_colours)
    ax.set_yticks(positions)
    ax.set_yticklabels(labels)
    ax.set_xlabel("total")
    ax.set_title(campaign.get("title") or campaign["id"], fontsize="medium")
    used = [k for k in classes if k in {u["class"] for u in report["units"]}]
    handles = [plt.Rectangle((0, 0), 1, 1, color=colours[k]) for k in used]
    ax.legend(handles, [titles[k] for k in used], loc="lower right", fontsize="small")
    return ax
