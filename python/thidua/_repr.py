"""Text, HTML and Markdown renderings of reports, campaigns and explanations (print(), notebooks, files, the CLI).

Every figure shown is a string the C++ core wrote; these functions only lay them out and translate labels.
"""

from __future__ import annotations

import datetime as _dt
import html
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

from . import _core
from ._inputs import error

if TYPE_CHECKING:  # pragma: no cover
    from .campaign import Campaign
    from .explanation import Explanation

# Rows a notebook or REPL display shows before it stops: a national population has tens of thousands of units, and
# a page that long freezes the browser. to_pandas(), to_excel() and print() show every row.
MAX_ROWS = 60

def _labels() -> Dict[str, Dict[str, str]]:
    """The labels of tables and sheets, from the core's catalog of texts (its ``label.*`` messages)."""
    out: Dict[str, Dict[str, str]] = {"vi": {}, "en": {}}
    for message_id, vi, en in _core.messages():
        if message_id.startswith("label."):
            out["vi"][message_id[len("label."):]] = vi
            out["en"][message_id[len("label."):]] = en
    return out


LABELS: Dict[str, Dict[str, str]] = _labels()

# Cell backgrounds per class position, best class first (the plots use the same order with stronger colours).
_CLASS_TINTS = ["#c8e6c9", "#dcedc8", "#fff9c4", "#ffe0b2", "#ffcdd2", "#e0e0e0"]
_AWARD_STYLE = "font-weight:bold;background:#ffe082"


def language(campaign: "Campaign", lang: Optional[str]) -> str:
    """``lang``, else the campaign's language: "vi" or "en" (another is a :class:`thidua.SchemaError`)."""
    chosen = lang or campaign._dict.get("language") or "vi"
    if chosen not in LABELS:  # the core's message and error type for the same mistake
        raise error(_core.SchemaError, f"unknown language '{chosen}' (use 'vi' or 'en')", "")
    return chosen


def phases_of(c: Dict[str, Any]) -> List[Dict[str, Any]]:
    """The phases of a campaign document; without any, the one phase ``main`` over the whole campaign with every
    criterion (docs/format.md), which the canonical JSON leaves implicit."""
    implicit = {"id": "main", "title": "", "start": c["start"], "end": c["end"], "weight": "1",
                "criteria": [k["id"] for k in c["criteria"]]}
    return list(c.get("phases") or [implicit])


def number(text: str, lang: str) -> str:
    """A decimal string as written in the language (Vietnamese writes a decimal comma)."""
    return text.replace(".", ",") if lang == "vi" else text


def day(iso: str, lang: str) -> str:
    """2024-08-10 in English, 10/08/2024 in Vietnamese."""
    return _dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if lang == "vi" else iso


@dataclass
class _Row:
    cells: List[str]
    class_position: int
    awarded: bool


@dataclass
class _Cluster:
    heading: str
    header: List[str]
    rows: List[_Row] = field(default_factory=list)
    goals: List[str] = field(default_factory=list)


def _clusters(report: Dict[str, Any], campaign: "Campaign", lang: str) -> List[_Cluster]:
    c = campaign._dict
    labels = LABELS[lang]
    phases = [p["id"] for p in phases_of(c)]
    multi_phase = len(phases) > 1
    class_titles = {k["id"]: k.get("title") or k["id"] for k in c["classes"]}
    class_position = {k["id"]: i for i, k in enumerate(c["classes"])}
    award_titles = {a["id"]: a.get("title") or a["id"] for a in c.get("awards", [])}
    header = [labels["rank"], labels["unit"]]
    if multi_phase:
        header += phases
    header += [labels["base"], labels["bonus"], labels["penalty"], labels["total"], labels["class"], labels["awards"]]
    by_cluster: Dict[str, List[Dict[str, Any]]] = {}
    for unit in report["units"]:
        by_cluster.setdefault(unit["cluster"], []).append(unit)
    out = []
    for cluster, summary in zip(c["clusters"], report["clusters"]):
        kind = labels["block"] if cluster["kind"] == "block" else labels["cluster"]
        heading = f"{kind}: {cluster.get('name') or cluster['id']} ({summary['units']} {labels['units']})"
        group = _Cluster(heading, header)
        for unit in by_cluster.get(cluster["id"], []):
            numbers = [unit["phases"].get(p, "—") for p in phases] if multi_phase else []
            numbers += [unit["base"], unit["bonus"], unit["penalty"], unit["total"]]
            cells = [str(unit["cluster_rank"]), unit["name"] or unit["id"]] + [number(n, lang) for n in numbers]
            cells += [class_titles[unit["class"]], ", ".join(award_titles[a] for a in unit["awards"])]
            group.rows.append(_Row(cells, class_position[unit["class"]], bool(unit["awards"])))
        for goal in summary["goals"]:
            share = number(f"{Decimal(goal['share']) * 100:.2f}%", lang)  # 4 digits: exact as a percentage
            verdict = labels["met"] if goal["met"] else labels["not_met"]
            group.goals.append(f"{labels['goal']}: {goal['title'] or goal['id']} — {share} ({verdict})")
        out.append(group)
    return out


def _capped(clusters: List[_Cluster], max_rows: Optional[int]) -> Tuple[List[Tuple[_Cluster, int]], int, int]:
    """The clusters shown, each with how many of its rows are left out, then the clusters and units left out."""
    if max_rows is None:
        return [(c, 0) for c in clusters], 0, 0
    shown: List[Tuple[_Cluster, int]] = []
    budget = max_rows
    for i, cluster in enumerate(clusters):
        if budget <= 0 and shown:
            rest = clusters[i:]
            return shown, len(rest), sum(len(c.rows) for c in rest)
        keep = min(len(cluster.rows), max(budget, 1))
        rows = cluster.rows[:keep]
        shown.append((_Cluster(cluster.heading, cluster.header, rows, cluster.goals), len(cluster.rows) - keep))
        budget -= keep
    return shown, 0, 0


def _width(text: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def _title(campaign: "Campaign") -> str:
    c = campaign._dict
    return str(c.get("title") or c["id"])


def text_table(report: Dict[str, Any], campaign: "Campaign", *, lang: Optional[str] = None,
               max_rows: Optional[int] = None) -> str:
    """The report as aligned text, one table per cluster (every unit unless ``max_rows`` caps them)."""
    lang = language(campaign, lang)
    labels = LABELS[lang]
    lines: List[str] = [_title(campaign)]
    shown, more_clusters, more_units = _capped(_clusters(report, campaign, lang), max_rows)
    for cluster, hidden in shown:
        table = [cluster.header] + [r.cells for r in cluster.rows]
        widths = [max(_width(row[i]) for row in table) for i in range(len(cluster.header))]

        def fmt(row: List[str]) -> str:
            cells = []
            for i, cell in enumerate(row):
                pad = " " * (widths[i] - _width(cell))
                numeric = i == 0 or 2 <= i < len(row) - 2
                cells.append(pad + cell if numeric else cell + pad)
            return "  ".join(cells).rstrip()

        lines += ["", cluster.heading, fmt(cluster.header), "  ".join("-" * w for w in widths)]
        lines += [fmt(r.cells) for r in cluster.rows]
        if hidden:
            lines.append(labels["more_units"].format(n=hidden))
        lines += cluster.goals
    if more_clusters:
        lines += ["", labels["more_clusters"].format(n=more_clusters, units=more_units)]
    return "\n".join(lines) + "\n"


def _td(text: str, style: str = "") -> str:
    return f"<td style='{style}'>{html.escape(text)}</td>" if style else f"<td>{html.escape(text)}</td>"


def html_table(report: Dict[str, Any], campaign: "Campaign", *, lang: Optional[str] = None,
               max_rows: Optional[int] = MAX_ROWS) -> str:
    """The ranked table per cluster, class cells tinted by class and awards highlighted; at most ``max_rows``."""
    lang = language(campaign, lang)
    labels = LABELS[lang]
    parts = [f"<div class='thidua-report'><strong>{html.escape(_title(campaign))}</strong>"]
    shown, more_clusters, more_units = _capped(_clusters(report, campaign, lang), max_rows)
    for cluster, hidden in shown:
        parts.append(f"<p>{html.escape(cluster.heading)}</p><table><thead><tr>")
        parts += [f"<th>{html.escape(h)}</th>" for h in cluster.header]
        parts.append("</tr></thead><tbody>")
        for row in cluster.rows:
            last = len(row.cells) - 1
            tint = _CLASS_TINTS[min(row.class_position, len(_CLASS_TINTS) - 1)]
            cells = [_td(row.cells[0], "text-align:right"), _td(row.cells[1])]
            cells += [_td(cell, "text-align:right") for cell in row.cells[2:last - 1]]
            cells.append(_td(row.cells[last - 1], f"background:{tint}"))
            cells.append(_td(row.cells[last], _AWARD_STYLE if row.awarded else ""))
            parts.append("<tr>" + "".join(cells) + "</tr>")
        if hidden:
            parts.append(f"<tr><td colspan='{len(cluster.header)}'>{html.escape(labels['more_units'].format(n=hidden))}"
                         "</td></tr>")
        parts.append("</tbody></table>")
        parts += [f"<p>{html.escape(goal)}</p>" for goal in cluster.goals]
    if more_clusters:
        parts.append(f"<p>{html.escape(labels['more_clusters'].format(n=more_clusters, units=more_units))}</p>")
    parts.append("</div>")
    return "".join(parts)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def _md(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, links, HTML or table breaks from names and titles."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def markdown_explanation(explanation: "Explanation") -> str:
    """Top-level steps as paragraphs, their details as list items."""
    lines: List[str] = []
    for step in explanation.steps:
        depth = int(step["depth"])
        if depth == 0:
            lines += ["", _md(step["text"]), ""]
        else:
            lines.append("  " * (depth - 1) + "- " + _md(step["text"]))
    text = "\n".join(lines).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def markdown_report(report: Dict[str, Any], campaign: "Campaign", explanations: Sequence["Explanation"], *,
                    lang: Optional[str] = None) -> str:
    """The report as Markdown: a table per cluster with its goals, then each explanation under its unit."""
    lang = language(campaign, lang)
    c = campaign._dict
    lines = [f"# {_md(_title(campaign))}", ""]
    meta = [c["id"], f"{day(c['start'], lang)}–{day(c['end'], lang)}"]
    if c.get("version"):
        meta.append(c["version"])
    lines += [_md(" · ".join(meta)), ""]
    for cluster in _clusters(report, campaign, lang):
        lines += [f"## {_md(cluster.heading)}", ""]
        lines.append("| " + " | ".join(_md(h) for h in cluster.header) + " |")
        align = ["---:", ":---"] + ["---:"] * (len(cluster.header) - 4) + [":---", ":---"]
        lines.append("| " + " | ".join(align) + " |")
        for row in cluster.rows:
            cells = [_md(cell) for cell in row.cells]
            if row.awarded:
                cells[-1] = f"**{cells[-1]}**"
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        lines += [f"- {_md(goal)}" for goal in cluster.goals]
        if cluster.goals:
            lines.append("")
    if explanations:
        lines += [f"## {LABELS[lang]['explanations']}", ""]
        names = {u["id"]: u["name"] or u["id"] for u in report["units"]}
        for explanation in explanations:
            lines += [f"### {_md(names[explanation.unit])}", "", markdown_explanation(explanation)]
    return "\n".join(lines).rstrip("\n") + "\n"


def html_explanation(explanation: "Explanation") -> str:
    """Top-level steps as paragraphs, their details as lists."""
    parts = ["<div class='thidua-explanation'>"]
    in_list = False
    for step in explanation.steps:
        text = html.escape(step["text"])
        if step["depth"] and not in_list:
            parts.append("<ul>")
        elif not step["depth"] and in_list:
            parts.append("</ul>")
        in_list = bool(step["depth"])
        parts.append(f"<li>{text}</li>" if in_list else f"<p>{text}</p>")
    parts.append("</ul></div>" if in_list else "</div>")
    return "".join(parts)


def rule_summary(criterion: Dict[str, Any], lang: str) -> str:
    """A criterion's rule in a few words: "ratio, target 3", "bands ≥4: 10; ≥2: 6", "yes/no"."""
    rule = criterion["rule"]
    labels = LABELS[lang]
    text = labels[rule["kind"]]
    if "target" in rule:
        text += f", {labels['target'].lower()} {number(rule['target'], lang)}"
    for band in rule.get("bands", []):
        sign, threshold = ("≥", band["at_least"]) if "at_least" in band else ("≤", band["at_most"])
        text += f"; {sign}{number(threshold, lang)}: {number(band['points'], lang)}"
    return text


def _phase_line(phase: Dict[str, Any], lang: str) -> str:
    labels = LABELS[lang]
    text = f"{phase['id']}: {day(phase['start'], lang)}–{day(phase['end'], lang)}, {labels['weight']} " \
           f"{number(phase['weight'], lang)}"
    if phase.get("report_due"):
        text += f", {labels['due']} {day(phase['report_due'], lang)}"
    return text


def _summary_line(campaign: "Campaign", lang: str) -> str:
    c = campaign._dict
    labels = LABELS[lang]
    parts = [c["id"], c["kind"]]
    if c.get("version"):
        parts.append(c["version"])
    parts += [f"{day(c['start'], lang)}–{day(c['end'], lang)}",
              f"{len(c['units'])} {labels['units']}, {len(c['clusters'])} {labels['clusters']}, "
              f"{len(c['criteria'])} {labels['criteria']}"]
    return " · ".join(parts)


def text_campaign(campaign: "Campaign", *, lang: Optional[str] = None, max_rows: Optional[int] = MAX_ROWS) -> str:
    """The campaign in a few lines: title, dates, phases, then the criteria (at most ``max_rows``)."""
    lang = language(campaign, lang)
    labels = LABELS[lang]
    c = campaign._dict
    lines = [_title(campaign), _summary_line(campaign, lang)]
    lines += [f"  {labels['phase']} {_phase_line(p, lang)}" for p in phases_of(c)]
    criteria = c["criteria"] if max_rows is None else c["criteria"][:max_rows]
    for criterion in criteria:
        most = number(criterion["max_points"], lang)
        lines.append(f"  - {criterion['id']} ({most}): {rule_summary(criterion, lang)}")
    if len(criteria) < len(c["criteria"]):
        lines.append("  " + labels["more_criteria"].format(n=len(c["criteria"]) - len(criteria)))
    return "\n".join(lines) + "\n"


def _timeline(phases: Iterable[Dict[str, Any]], lang: str) -> str:
    """The phases side by side, each as wide as it is long, coloured alternately."""
    segments = []
    for i, phase in enumerate(phases):
        days = (_dt.date.fromisoformat(phase["end"]) - _dt.date.fromisoformat(phase["start"])).days + 1
        colour = ("#bbdefb", "#c5e1a5")[i % 2]
        title = html.escape(phase.get("title") or phase["id"], quote=True)
        label = html.escape(_phase_line(phase, lang))
        segments.append(f"<div title='{title}' style='flex:{days};background:{colour};padding:2px 4px;"
                        f"border-right:1px solid #fff;overflow:hidden;white-space:nowrap'>{label}</div>")
    return "<div class='thidua-timeline' style='display:flex;max-width:60em;font-size:smaller'>" \
           + "".join(segments) + "</div>"


def html_campaign(campaign: "Campaign", *, lang: Optional[str] = None, max_rows: Optional[int] = MAX_ROWS) -> str:
    """Title, a timeline of the phases, and the criteria table (at most ``max_rows`` criteria)."""
    lang = language(campaign, lang)
    labels = LABELS[lang]
    c = campaign._dict
    scored_in: Dict[str, List[str]] = {}
    for phase in phases_of(c):
        for criterion in phase["criteria"]:
            scored_in.setdefault(criterion, []).append(phase["id"])
    parts = [f"<div class='thidua-campaign'><strong>{html.escape(_title(campaign))}</strong>",
             f"<p>{html.escape(_summary_line(campaign, lang))}</p>", _timeline(phases_of(c), lang)]
    header = ["id", labels["criterion"], labels["group"], labels["max"], labels["rule"], labels["applies_to"],
              labels["phases"]]
    parts.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr></thead><tbody>")
    criteria = c["criteria"] if max_rows is None else c["criteria"][:max_rows]
    for criterion in criteria:
        cells = [_td(criterion["id"]), _td(criterion.get("title", "")), _td(criterion.get("group") or ""),
                 _td(number(criterion["max_points"], lang), "text-align:right"), _td(rule_summary(criterion, lang)),
                 _td(", ".join(criterion.get("applies_to", [])) or labels["everyone"]),
                 _td(", ".join(scored_in.get(criterion["id"], [])))]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    if len(criteria) < len(c["criteria"]):
        more = labels["more_criteria"].format(n=len(c["criteria"]) - len(criteria))
        parts.append(f"<tr><td colspan='{len(header)}'>{html.escape(more)}</td></tr>")
    parts.append("</tbody></table></div>")
    return "".join(parts)
