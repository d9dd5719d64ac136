"""Text, HTML and Markdown renderings of reports, campaigns and explanations (print(), notebooks, files, the CLI).

Every figure shown is a string the C++ core wrote; these functions only lay them out and translate labels.
"""

from __future__ import annotations

import datetime as _dt
import html
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

from ._text import LABELS, day, number, percent, texts

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData
    from .explanation import Explanation

# Rows a notebook or REPL display shows before it stops: a national population has tens of thousands of units, and
# a page that long freezes the browser. to_pandas(), to_excel() and print() show every row.
MAX_ROWS = 60

# Cell backgrounds per class position, best class first: the HTML table's and the workbook's class cells (excel.py);
# the plots use the same order with stronger colours.
CLASS_TINTS = ["#c8e6c9", "#dcedc8", "#fff9c4", "#ffe0b2", "#ffcdd2", "#e0e0e0"]
_AWARD_STYLE = "font-weight:bold;background:#ffe082"
_CHANGED_STYLE = "background:#fff3cd"  # a figure a later assessment layer changed
_WORDS = texts("display.")


@dataclass
class _Row:
    cells: List[str]
    class_position: int
    awarded: bool
    tie: Optional[str] = None  # the unit's tie_broken_by: it shares its total with another unit


@dataclass
class _Cluster:
    heading: str
    header: List[str]
    rows: List[_Row] = field(default_factory=list)
    goals: List[str] = field(default_factory=list)
    hidden: int = 0  # rows left out


def _shown(sizes: Sequence[int], max_rows: Optional[int]) -> List[Tuple[int, int]]:
    """Per cluster shown, in order: (rows shown, rows left out); clusters past the budget are not listed. Each
    cluster shown shows at least one row."""
    out: List[Tuple[int, int]] = []
    budget = max_rows
    for size in sizes:
        if budget is None:
            out.append((size, 0))
            continue
        if budget <= 0 and out:
            break
        keep = min(size, max(budget, 1))
        out.append((keep, size - keep))
        budget -= keep
    return out


def _clusters(data: "ReportData", lang: str, max_rows: Optional[int] = None) -> Tuple[List[_Cluster], int, int]:
    """The clusters shown (rows capped at ``max_rows``), then the clusters and units left out. Only the rows shown
    are formatted."""
    c = data.campaign
    labels = LABELS[lang]
    phases = [p["id"] for p in data.phases]
    multi_phase = len(phases) > 1
    class_titles = {k["id"]: k.get("title") or k["id"] for k in c["classes"]}
    class_position = {k["id"]: i for i, k in enumerate(c["classes"])}
    award_titles = {a["id"]: a.get("title") or a["id"] for a in c.get("awards", [])}
    header = [labels["rank"], labels["unit"]]
    if multi_phase:
        header += data.phase_labels(lang)
    header += [labels["base"], labels["bonus"], labels["penalty"], labels["total"], labels["class"], labels["awards"]]
    sizes = data.sizes()
    shown = _shown(sizes, max_rows)
    starts = [0, *itertools.accumulate(sizes)]
    positions = [p for g, (keep, _) in enumerate(shown) for p in range(starts[g], starts[g] + keep)]
    rows = iter(data.rows(positions))
    out = []
    summaries = data.cluster_summaries(range(len(shown)))
    for (cluster, summary), (keep, hidden) in zip(zip(c["clusters"], summaries), shown):
        kind = labels["block"] if cluster["kind"] == "block" else labels["cluster"]
        name = cluster.get("name") or cluster["id"]
        # "Khối Ủy ban MTTQ các phường" says its kind already: no "Khối: " before it.
        named = name if name.lower().startswith(kind.lower()) else f"{kind}: {name}"
        heading = f"{named} ({summary['units']} {labels['units']})"
        group = _Cluster(heading, header, hidden=hidden)
        for _ in range(keep):
            unit = next(rows)
            numbers = [unit["phases"].get(p, "—") for p in phases] if multi_phase else []
            numbers += [unit["base"], unit["bonus"], unit["penalty"], unit["total"]]
            cells = [str(unit["cluster_rank"]), unit["name"] or unit["id"]]
            cells += [n if n == "—" else number(n, lang) for n in numbers]
            cells += [class_titles[unit["class"]], ", ".join(award_titles[a] for a in unit["awards"])]
            group.rows.append(_Row(cells, class_position[unit["class"]], bool(unit["awards"]), unit["tie_broken_by"]))
        for goal in summary["goals"]:
            share = percent(goal["share"], lang, 2)
            verdict = labels["met"] if goal["met"] else labels["not_met"]
            group.goals.append(f"{labels['goal']}: {goal['title'] or goal['id']} — {share} ({verdict})")
        out.append(group)
    left_out = sizes[len(shown):]
    return out, len(left_out), sum(left_out)


def interim_line(data: "ReportData", lang: str) -> Optional[str]:
    """"Sơ kết đến ngày 30/06/2024: kết quả tạm tính …" for an interim review; None for the final one."""
    as_of = data.cpp.as_of
    return None if as_of is None else LABELS[lang]["interim"].format(date=day(as_of, lang))


def _width(text: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def _title(c: Dict[str, Any]) -> str:
    return str(c.get("title") or c["id"])


def text_table(data: "ReportData", *, lang: str, max_rows: Optional[int] = None) -> str:
    """The report as aligned text, one table per cluster (every unit unless ``max_rows`` caps them)."""
    labels = LABELS[lang]
    lines: List[str] = [_title(data.campaign)]
    interim = interim_line(data, lang)
    if interim:
        lines.append(interim)
    shown, more_clusters, more_units = _clusters(data, lang, max_rows)
    for cluster in shown:
        hidden = cluster.hidden
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
    changes = layer_changes(data, lang)
    if changes:
        lines += ["", labels["layer_changes"]] + [f"  * {line}" for line in changes]
    basis = data.cpp.legal_basis(lang)
    if basis:
        lines += ["", labels["legal_basis"]] + [f"  * {line}" for line in basis]
    return "\n".join(lines) + "\n"


def layer_changes(data: "ReportData", lang: str) -> List[str]:
    """Each slot whose assessment layers differ, in report order, as its unit's explanation words it ("Bắc Hồng —
    Mô hình: tự chấm 5, thẩm định công nhận 4"); empty for a report without layers."""
    slots = data.cpp.slot_columns()
    if "changed" not in slots:
        return []
    ids, names = data.strings["id"], data.strings["name"]
    lines = []
    for u in dict.fromkeys(slots["unit"][slots["changed"] != 0].tolist()):  # slots run in report order
        lines += [f"{names[u] or ids[u]} — {step.text}" for step in data.cpp.explain(ids[u], lang).steps
                  if step.step == "layers"]
    return lines


def _td(text: str, style: str = "") -> str:
    return f"<td style='{style}'>{html.escape(text)}</td>" if style else f"<td>{html.escape(text)}</td>"


def _style(scope: str) -> str:
    """A display's own CSS, scoped to its class: it reads the same in Jupyter, in a browser and in a saved page,
    and a notebook's table style (right-aligned, unwrapped cells) does not cut or misalign its labels."""
    s = f".{scope}"
    return (f"<style>{s}{{font-family:system-ui,'Segoe UI',Roboto,Arial,sans-serif;font-size:14px;line-height:1.4;"
            f"color:#212121;background:#fff}}"
            f"{s} table{{border-collapse:collapse;margin:4px 0 12px}}"
            f"{s} table th,{s} table td{{border:1px solid #d0d0d0;padding:3px 6px;text-align:left;vertical-align:top;"
            f"white-space:normal}}"
            f"{s} table th{{background:#f5f5f5;font-weight:600}}"
            f"{s} .tie{{color:#6a1b9a;font-weight:bold}}"
            f"{s} dl{{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:4px 0}}"
            f"{s} dt{{font-weight:600}}{s} dd{{margin:0}}</style>")


def _phase_titles(phases: List[Dict[str, Any]]) -> str:
    """Each phase's short label (the column header) beside its full title."""
    items = [f"<dt>{html.escape(p['label'])}</dt><dd>{html.escape(p['title'] or p['label'])}</dd>" for p in phases]
    return "<dl class='thidua-phases'>" + "".join(items) + "</dl>"


def html_table(data: "ReportData", *, lang: str, max_rows: Optional[int] = MAX_ROWS) -> str:
    """The ranked table per cluster, class cells tinted by class and awards highlighted, a unit that shares its
    total with another marked "=" with the tie-break that ranked it; the phases' titles under the title; at most
    ``max_rows``."""
    labels = LABELS[lang]
    parts = [f"<div class='thidua-report'>{_style('thidua-report')}<strong>{html.escape(_title(data.campaign))}"
             "</strong>"]
    phases = data.plan.phases(lang)
    if len(phases) > 1:
        parts.append(_phase_titles(phases))
    tie_names = data.tie_break_names(lang)
    shown, more_clusters, more_units = _clusters(data, lang, max_rows)
    for cluster in shown:
        hidden = cluster.hidden
        parts.append(f"<p>{html.escape(cluster.heading)}</p><table><thead><tr>")
        parts += [f"<th>{html.escape(h)}</th>" for h in cluster.header]
        parts.append("</tr></thead><tbody>")
        ties: Dict[str, str] = {}  # the tie-breaks used in this cluster, each worded once under the table
        for row in cluster.rows:
            last = len(row.cells) - 1
            tint = CLASS_TINTS[min(row.class_position, len(CLASS_TINTS) - 1)]
            if row.tie is None:
                cells = [_td(row.cells[0], "text-align:right")]
            else:
                note = ties.setdefault(row.tie, _WORDS[lang]["tie"].format(by=tie_names[row.tie]))
                cells = [f"<td style='text-align:right' title='{html.escape(note, quote=True)}'>"
                         f"{html.escape(row.cells[0])}<span class='tie'>=</span></td>"]
            cells.append(_td(row.cells[1]))
            cells += [_td(cell, "text-align:right") for cell in row.cells[2:last - 1]]
            cells.append(_td(row.cells[last - 1], f"background:{tint}"))
            cells.append(_td(row.cells[last], _AWARD_STYLE if row.awarded else ""))
            parts.append("<tr>" + "".join(cells) + "</tr>")
        if hidden:
            parts.append(f"<tr><td colspan='{len(cluster.header)}'>{html.escape(labels['more_units'].format(n=hidden))}"
                         "</td></tr>")
        parts.append("</tbody></table>")
        parts += [f"<p><span class='tie'>=</span> {html.escape(note)}</p>" for note in ties.values()]
        parts += [f"<p>{html.escape(goal)}</p>" for goal in cluster.goals]
    if more_clusters:
        parts.append(f"<p>{html.escape(labels['more_clusters'].format(n=more_clusters, units=more_units))}</p>")
    changes = layer_changes(data, lang)
    if changes:
        parts.append(f"<p>{html.escape(labels['layer_changes'])}</p><ul>")
        parts += [f"<li style='{_CHANGED_STYLE}'>{html.escape(line)}</li>" for line in changes]
        parts.append("</ul>")
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


def markdown_report(data: "ReportData", explanations: Sequence["Explanation"], *, lang: str) -> str:
    """The report as Markdown: a table per cluster with its goals, then each explanation under its unit."""
    c = data.campaign
    lines = [f"# {_md(_title(c))}", ""]
    meta = [c["id"], f"{day(c['start'], lang)}–{day(c['end'], lang)}"]
    if c.get("version"):
        meta.append(c["version"])
    lines += [_md(" · ".join(meta)), ""]
    interim = interim_line(data, lang)
    if interim:
        lines += [f"**{_md(interim)}**", ""]
    for cluster in _clusters(data, lang)[0]:
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
    basis = data.cpp.legal_basis(lang)
    if basis:
        lines += [f"**{_md(LABELS[lang]['legal_basis'])}**", ""] + [f"- {_md(line)}" for line in basis] + [""]
    if explanations:
        lines += [f"## {LABELS[lang]['explanations']}", ""]
        names = dict(zip(data.strings["id"], data.strings["name"]))
        for explanation in explanations:
            lines += [f"### {_md(names[explanation.unit] or explanation.unit)}", "", markdown_explanation(explanation)]
    return "\n".join(lines).rstrip("\n") + "\n"


def html_explanation(explanation: "Explanation") -> str:
    """Top-level steps as paragraphs, their details as lists."""
    parts = [f"<div class='thidua-explanation'>{_style('thidua-explanation')}"]
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


def _phase_dates(phase: Dict[str, Any], lang: str) -> str:
    """A phase's span, weight and report due date ("01/11/2023–31/07/2024, trọng số 0,6, hạn báo cáo 10/08/2024")."""
    labels = LABELS[lang]
    text = f"{day(phase['start'], lang)}–{day(phase['end'], lang)}, {labels['weight']} " \
           f"{number(phase['weight'], lang)}"
    if phase.get("report_due"):
        text += f", {labels['due']} {day(phase['report_due'], lang)}"
    return text


def _phase_line(phase: Dict[str, Any], lang: str) -> str:
    return f"{phase['id']}: {_phase_dates(phase, lang)}"


def _summary_line(c: Dict[str, Any], lang: str) -> str:
    labels = LABELS[lang]
    parts = [c["id"], c["kind"]]
    if c.get("version"):
        parts.append(c["version"])
    parts += [f"{day(c['start'], lang)}–{day(c['end'], lang)}",
              f"{len(c['units'])} {labels['units']}, {len(c['clusters'])} {labels['clusters']}, "
              f"{len(c['criteria'])} {labels['criteria']}"]
    return " · ".join(parts)


def text_campaign(c: Dict[str, Any], phases: List[Dict[str, Any]], *, lang: str,
                  max_rows: Optional[int] = MAX_ROWS) -> str:
    """The campaign in a few lines: title, dates, phases, then the criteria (at most ``max_rows``)."""
    labels = LABELS[lang]
    lines = [_title(c), _summary_line(c, lang)]
    lines += [f"  {labels['phase']} {_phase_line(p, lang)}" for p in phases]
    criteria = c["criteria"] if max_rows is None else c["criteria"][:max_rows]
    for criterion in criteria:
        most = number(criterion["max_points"], lang)
        lines.append(f"  - {criterion['id']} ({most}): {rule_summary(criterion, lang)}")
    if len(criteria) < len(c["criteria"]):
        lines.append("  " + labels["more_criteria"].format(n=len(c["criteria"]) - len(criteria)))
    return "\n".join(lines) + "\n"


def _timeline(phases: Iterable[Dict[str, Any]], lang: str) -> str:
    """The phases side by side, each as wide as it is long, coloured alternately. A segment's words wrap and it
    never shrinks below its longest word, so a short phase grows taller instead of cutting its label."""
    segments = []
    for i, phase in enumerate(phases):
        days = (_dt.date.fromisoformat(phase["end"]) - _dt.date.fromisoformat(phase["start"])).days + 1
        colour = ("#bbdefb", "#c5e1a5")[i % 2]
        title = html.escape(phase["title"] or phase["label"], quote=True)
        segments.append(f"<div title='{title}' style='flex:{days};background:{colour};padding:2px 4px;"
                        f"border-right:1px solid #fff'><strong>{html.escape(phase['label'])}</strong> "
                        f"{html.escape(_phase_dates(phase, lang))}</div>")
    return "<div class='thidua-timeline' style='display:flex;max-width:60em;font-size:smaller'>" \
           + "".join(segments) + "</div>"


def html_campaign(c: Dict[str, Any], phases: List[Dict[str, Any]], *, lang: str,
                  max_rows: Optional[int] = MAX_ROWS) -> str:
    """Title, a timeline of the phases with their titles, and the criteria table (at most ``max_rows`` criteria).
    ``phases`` carry their ``label`` and ``title`` in ``lang``."""
    labels = LABELS[lang]
    scored_in: Dict[str, List[str]] = {}
    for phase in phases:
        for criterion in phase["criteria"]:
            scored_in.setdefault(criterion, []).append(phase["label"])
    parts = [f"<div class='thidua-campaign'>{_style('thidua-campaign')}<strong>{html.escape(_title(c))}</strong>",
             f"<p>{html.escape(_summary_line(c, lang))}</p>", _timeline(phases, lang), _phase_titles(phases)]
    header = [labels["id"], labels["criterion"], labels["group"], labels["max"], labels["rule"], labels["applies_to"],
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
