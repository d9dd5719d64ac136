"""Text and HTML renderings of a report, shared by print(), notebooks and the command line."""

from __future__ import annotations

import html
import unicodedata
from typing import TYPE_CHECKING, Any, Dict, List, Optional

if TYPE_CHECKING:  # pragma: no cover
    from .campaign import Campaign

_LABELS = {
    "vi": {
        "rank": "Hạng",
        "unit": "Đơn vị",
        "base": "Điểm",
        "bonus": "Thưởng",
        "penalty": "Trừ",
        "total": "Tổng",
        "class": "Xếp loại",
        "awards": "Khen thưởng",
        "cluster": "Cụm",
        "block": "Khối",
        "units": "đơn vị",
        "goal": "Mục tiêu",
        "met": "đạt",
        "not_met": "không đạt",
    },
    "en": {
        "rank": "Rank",
        "unit": "Unit",
        "base": "Base",
        "bonus": "Bonus",
        "penalty": "Penalty",
        "total": "Total",
        "class": "Class",
        "awards": "Awards",
        "cluster": "Cluster",
        "block": "Block",
        "units": "units",
        "goal": "Goal",
        "met": "met",
        "not_met": "not met",
    },
}


def _language(campaign: "Campaign", lang: Optional[str]) -> str:
    lang = lang or campaign._dict.get("language") or "vi"
    if lang not in _LABELS:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    return lang


def _rows(report: Dict[str, Any], campaign: "Campaign", lang: str):
    """(cluster heading, header, rows, goal lines) per cluster."""
    c = campaign._dict
    labels = _LABELS[lang]
    phases = [p["id"] for p in c.get("phases", [])] or ["main"]
    multi_phase = len(phases) > 1
    class_titles = {k["id"]: k.get("title") or k["id"] for k in c["classes"]}
    award_titles = {a["id"]: a.get("title") or a["id"] for a in c.get("awards", [])}
    header = [labels["rank"], labels["unit"]]
    if multi_phase:
        header += phases
    header += [labels["base"], labels["bonus"], labels["penalty"], labels["total"], labels["class"], labels["awards"]]
    out = []
    for cluster, summary in zip(c["clusters"], report["clusters"]):
        rows = []
        for unit in report["units"]:
            if unit["cluster"] != cluster["id"]:
                continue
            numbers = [unit["phases"].get(p, "—") for p in phases] if multi_phase else []
            numbers += [unit["base"], unit["bonus"], unit["penalty"], unit["total"]]
            if lang == "vi":  # Vietnamese writes a decimal comma
                numbers = [n.replace(".", ",") for n in numbers]
            row = [str(unit["cluster_rank"]), unit["name"] or unit["id"]] + numbers
            row += [class_titles[unit["class"]], ", ".join(award_titles[a] for a in unit["awards"])]
            rows.append(row)
        kind = labels["block"] if cluster["kind"] == "block" else labels["cluster"]
        heading = f"{kind}: {cluster.get('name') or cluster['id']} ({summary['units']} {labels['units']})"
        goals = []
        for goal in summary["goals"]:
            share = f"{float(goal['share']) * 100:.2f}%"
            if lang == "vi":
                share = share.replace(".", ",")
            verdict = labels["met"] if goal["met"] else labels["not_met"]
            goals.append(f"{labels['goal']}: {goal['title'] or goal['id']} — {share} ({verdict})")
        out.append((heading, header, rows, goals))
    return out


def _width(text: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def text_table(report: Dict[str, Any], campaign: "Campaign", *, lang: Optional[str] = None) -> str:
    lang = _language(campaign, lang)
    c = campaign._dict
    lines: List[str] = [c.get("title") or c["id"]]
    numeric_from = 2
    for heading, header, rows, goals in _rows(report, campaign, lang):
        widths = [max(_width(r[i]) for r in [header] + rows) for i in range(len(header))]

        def fmt(row: List[str]) -> str:
            cells = []
            for i, cell in enumerate(row):
                pad = " " * (widths[i] - _width(cell))
                numeric = i == 0 or numeric_from <= i < len(row) - 2
                cells.append(pad + cell if numeric else cell + pad)
            return "  ".join(cells).rstrip()

        lines += ["", heading, fmt(header), "  ".join("-" * w for w in widths)]
        lines += [fmt(r) for r in rows]
        lines += goals
    return "\n".join(lines) + "\n"


def html_table(report: Dict[str, Any], campaign: "Campaign", *, lang: Optional[str] = None) -> str:
    lang = _language(campaign, lang)
    c = campaign._dict
    parts = [f"<div class='thidua-report'><strong>{html.escape(c.get('title') or c['id'])}</strong>"]
    for heading, header, rows, goals in _rows(report, campaign, lang):
        parts.append(f"<p>{html.escape(heading)}</p><table><thead><tr>")
        parts += [f"<th>{html.escape(h)}</th>" for h in header]
        parts.append("</tr></thead><tbody>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>")
        parts.append("</tbody></table>")
        parts += [f"<p>{html.escape(goal)}</p>" for goal in goals]
    parts.append("</div>")
    return "".join(parts)


def html_explanation(explanation) -> str:
    items = []
    for step in explanation.steps:
        text = html.escape(step["text"])
        items.append(f"<li>{text}</li>" if step["depth"] else f"</ul><p>{text}</p><ul>")
    return "<div class='thidua-explanation'><ul>" + "".join(items) + "</ul></div>"
