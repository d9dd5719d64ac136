"""The report as one self-contained HTML file (``Report.to_html``, ``thidua score -o report.html``): for leaders who
read it on a phone or print it. Inline CSS, JS and SVG, nothing fetched: a Content-Security-Policy forbids any
load, so a name that smuggles markup can neither run nor reach the network.

Every figure and word is the core's: the rows, headings and goals of ``_repr._clusters`` (the table every other
output shows), the explanations, the warnings and the fingerprints. This module lays them out, escaped.
"""

from __future__ import annotations

import html
from decimal import Decimal
from typing import TYPE_CHECKING, Dict, List, Sequence

from ._repr import _AWARD_STYLE, CLASS_TINTS, _clusters, _title, html_explanation, interim_line, layer_changes
from ._text import LABELS, day, number, texts

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData
    from .explanation import Explanation

_WORDS = texts("html.")

# Nothing but the inline style and script may load: no URL in a name, an explanation or a future edit of this file
# reaches the network.
_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#212121;
 line-height:1.4;max-width:72rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.4rem;margin:0 0 .25rem}
h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
.meta,.hint,figcaption{color:#555;font-size:.9rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5;vertical-align:bottom}
td.name{min-width:11em}
td[data-value]{min-width:8em}
th{cursor:pointer}
button.unit{all:unset;cursor:pointer}
th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
th:focus-visible,button:focus-visible{outline:2px solid #1565c0}
button.unit{color:#0d47a1;text-decoration:underline dotted}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.badge{display:inline-block;padding:0 .45em;border-radius:.6em;margin:.1em .2em .1em 0;font-size:.85em}
figure{margin:.5rem 0}
svg.chart{width:100%;max-width:40rem;height:auto;font-size:12px}
.legend{list-style:none;padding:0;margin:.25rem 0;font-size:.85rem}
.legend li{display:inline-block;margin-right:1em}
.legend span{display:inline-block;width:.9em;height:.9em;border:1px solid #90a4ae;vertical-align:-.1em;
 margin-right:.3em}
ul.goals li.met::marker{content:"\\2713  ";color:#2e7d32}
ul.goals li.not-met::marker{content:"\\2717  ";color:#c62828}
code{overflow-wrap:anywhere}
dialog{max-width:min(44rem,92vw);max-height:85vh;overflow:auto;border:1px solid #999;border-radius:.5rem;
 padding:1rem 1.25rem}
dialog::backdrop{background:rgba(0,0,0,.35)}
dialog .bar{position:sticky;top:-1rem;background:#fff;display:flex;gap:1rem;align-items:baseline;
 justify-content:space-between;padding-top:1rem;margin-top:-1rem;border-bottom:1px solid #ddd}
dialog h3{margin:.25rem 0 .5rem}
@media (max-width:40rem){body{margin:.75rem auto;padding:0 .6rem}h1{font-size:1.2rem}table{font-size:.85rem}
 td.name{min-width:9em}}
@media print{
 td.name,td[data-value]{min-width:0}
 @page{size:A4;margin:12mm}
 body{max-width:none;margin:0;padding:0;font-size:9pt}
 .hint,dialog{display:none}
 th[aria-sort]::after{content:none}
 button.unit{color:inherit;text-decoration:none}
 .scroll{overflow:visible}
 table{font-size:8.5pt}
 thead{display:table-header-group}
 tr,li,figure{break-inside:avoid}
 h2{break-after:avoid}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

# Sorting reads the cells as shown: numbers in the page's language (12,5 in Vietnamese, 12.5 in English), "—" and
# empty cells last in either direction; a class sorts by its position (data-value), best first.
_JS = """
"use strict";
(function () {
  var lang = document.documentElement.lang;
  function key(cell, type) {
    var text = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    if (type === "text") return text || null;
    text = text.replace(/\\u2212/g, "-");
    text = lang === "vi" ? text.replace(/\\./g, "").replace(",", ".") : text.replace(/,/g, "");
    return /^-?\\d+(\\.\\d+)?$/.test(text) ? Number(text) : null;
  }
  function sort(table, column) {
    var heads = table.tHead.rows[0].cells, th = heads[column], type = th.getAttribute("data-type");
    var now = th.getAttribute("aria-sort");
    var order = now ? (now === "ascending" ? "descending" : "ascending") : th.getAttribute("data-first");
    var sign = order === "ascending" ? 1 : -1, body = table.tBodies[0];
    var rows = Array.prototype.map.call(body.rows, function (row) { return [key(row.cells[column], type), row]; });
    rows.sort(function (a, b) {
      if (a[0] === null || b[0] === null) return (a[0] === null) - (b[0] === null);
      return sign * (type === "text" ? a[0].localeCompare(b[0], lang) : a[0] - b[0]);
    });
    rows.forEach(function (pair) { body.appendChild(pair[1]); });
    Array.prototype.forEach.call(heads, function (cell) { cell.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", order);
  }
  document.querySelectorAll("table.ranked").forEach(function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      th.addEventListener("click", function () { sort(table, column); });
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(table, column); }
      });
    });
  });
  document.querySelectorAll("button.unit").forEach(function (button) {
    button.addEventListener("click", function () {
      document.getElementById(button.getAttribute("data-dialog")).showModal();
    });
  });
})();
"""

_CHART_WIDTH = 480
_CHART_ROW = 34  # a name line above each bar
_CHART_VALUE = 56  # room right of the longest bar for its total
_NAME_CHARS = 64  # a longer name is cut in the chart (the table and the tooltip show it whole)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _tint(position: int) -> int:
    return min(position, len(CLASS_TINTS) - 1)


def _chart(units: List[Dict[str, object]], caption: str, lang: str) -> str:
    """Each unit's total as a bar in rank order, tinted by class; ``units``: name, total (decimal text), tint."""
    totals = [float(Decimal(str(u["total"]))) for u in units]  # drawing only: the figures shown are the core's text
    low, high = min(0.0, *totals), max(0.0, *totals)
    span = (high - low) or 1.0
    width = _CHART_WIDTH - _CHART_VALUE

    def x(value: float) -> float:
        return round((value - low) / span * width, 1)

    parts = [f'<svg class="chart" viewBox="0 0 {_CHART_WIDTH} {_CHART_ROW * len(units) + 4}" role="img">'
             f"<title>{_e(caption)}</title>"]
    for i, (unit, total) in enumerate(zip(units, totals)):
        name, shown = str(unit["name"]), number(str(unit["total"]), lang)
        label = name if len(name) <= _NAME_CHARS else name[:_NAME_CHARS - 1] + "…"
        top, start, end = i * _CHART_ROW, x(min(0.0, total)), x(max(0.0, total))
        parts.append(f"<g><title>{_e(name)}: {_e(shown)}</title>"
                     f'<text x="0" y="{top + 12}">{_e(label)}</text>'
                     f'<rect class="class-{unit["tint"]}" x="{start}" y="{top + 16}" width="{round(end - start, 1)}" '
                     f'height="12" stroke="#78909c" stroke-width="0.5"/>'
                     f'<text x="{end + 4}" y="{top + 26}">{_e(shown)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _header(header: List[str]) -> str:
    """Header cells that sort when clicked (or Enter on them): rank and class ascending first (best first), numbers
    descending, text A to Z. Cells, not buttons: Chromium leaves buttons out of the header it repeats on each printed
    page."""
    last = len(header) - 1  # the tie-break column, after the shared table's class and awards
    cells = []
    for i, title in enumerate(header):
        number_column = i == 0 or 2 <= i <= last - 2
        first = "descending" if 2 <= i <= last - 3 else "ascending"
        kind = "number" if number_column else "text"
        state = ' aria-sort="ascending"' if i == 0 else ""  # the table comes in rank order
        cells.append(f'<th scope="col" tabindex="0" data-type="{kind}" data-first="{first}"{state}>{_e(title)}</th>')
    return "<thead><tr>" + "".join(cells) + "</tr></thead>"


def html_report(data: "ReportData", explanations: Sequence["Explanation"], *, lang: str) -> str:
    """The whole document: title and dates; per cluster a chart, the ranked table (sortable, class cells tinted,
    awards as badges, each unit's explanation in a dialog its name opens) and the goals; the changes between
    assessment layers, the warnings and the inputs' fingerprints. ``explanations``: one per unit, any order."""
    c = data.campaign
    labels, words = LABELS[lang], _WORDS[lang]
    by_unit = {e.unit: e for e in explanations}
    class_titles = [k.get("title") or k["id"] for k in c["classes"]]
    award_titles = {a["id"]: a.get("title") or a["id"] for a in c.get("awards", [])}
    tie_names = data.tie_break_names(lang)
    report_rows = data.rows()
    units = iter(report_rows)
    title = _title(c)
    meta = [c["id"], f"{day(c['start'], lang)}–{day(c['end'], lang)}"] + ([c["version"]] if c.get("version") else [])
    interim = interim_line(data, lang)
    body = [f"<header><h1>{_e(title)}</h1><p class=\"meta\">{_e(' · '.join(meta))}</p>"
            + (f"<p class=\"interim\"><strong>{_e(interim)}</strong></p>" if interim else "")
            + f"<p class=\"hint\">{_e(words['hint'])}</p></header><main>"]
    legend = "".join(f'<li><span class="class-{_tint(i)}"></span>{_e(t)}</li>' for i, t in enumerate(class_titles))
    dialogs: List[str] = []
    for cluster, summary in zip(_clusters(data, lang)[0], data.clusters):
        rows: List[str] = []
        bars: List[Dict[str, object]] = []
        for row in cluster.rows:
            unit = next(units)
            n = len(dialogs)
            name, cells = row.cells[1], row.cells
            explain = words["explain"].format(name=name)
            tds = [f'<td class="num">{_e(cells[0])}</td>',
                   f'<td class="name"><button type="button" class="unit" data-dialog="unit-{n}" aria-haspopup="dialog" '
                   f'title="{_e(explain)}">{_e(name)}</button></td>']
            tds += [f'<td class="num">{_e(cell)}</td>' for cell in cells[2:-2]]
            tds.append(f'<td class="class-{_tint(row.class_position)}" data-value="{row.class_position}">'
                       f"{_e(cells[-2])}</td>")
            tds.append("<td>" + " ".join(f'<span class="badge">{_e(award_titles[a])}</span>' for a in unit["awards"])
                       + "</td>")
            tds.append(f"<td>{_e(tie_names.get(row.tie, row.tie) if row.tie else '')}</td>")
            rows.append("<tr>" + "".join(tds) + "</tr>")
            bars.append({"name": name, "total": unit["total"], "tint": _tint(row.class_position)})
            # The close button comes first, so that opening the dialog focuses it without scrolling to the end.
            dialogs.append(f'<dialog id="unit-{n}" aria-labelledby="unit-{n}-name"><div class="bar">'
                           f'<h3 id="unit-{n}-name">{_e(name)}</h3><form method="dialog"><button>'
                           f"{_e(words['close'])}</button></form></div>{html_explanation(by_unit[unit['id']])}"
                           "</dialog>")
        goals = "".join(f'<li class="{"met" if goal["met"] else "not-met"}">{_e(text)}</li>'
                        for text, goal in zip(cluster.goals, summary["goals"]))
        body.append(f'<section class="cluster"><h2>{_e(cluster.heading)}</h2>'
                    f'<figure>{_chart(bars, words["chart"], lang)}<figcaption>{_e(words["chart"])}</figcaption>'
                    f'<ul class="legend">{legend}</ul></figure>'
                    f'<div class="scroll"><table class="ranked">{_header(cluster.header + [labels["tie_broken_by"]])}'
                    f"<tbody>{''.join(rows)}</tbody></table></div>"
                    + (f'<ul class="goals">{goals}</ul>' if goals else "") + "</section>")
    changes = layer_changes(data, lang)
    if changes:
        body.append(f"<section><h2>{_e(labels['layer_changes'])}</h2><ul>"
                    + "".join(f"<li>{_e(line)}</li>" for line in changes) + "</ul></section>")
    basis = data.cpp.legal_basis(lang)
    if basis:
        body.append(f"<section class=\"legal\"><h2>{_e(labels['legal_basis'])}</h2><ul>"
                    + "".join(f"<li>{_e(line)}</li>" for line in basis) + "</ul></section>")
    warnings = [w["message"] for w in data.cpp.warnings(lang)]
    for unit, messages in zip(report_rows, data.cpp.unit_texts(data.order, lang)["warnings"]):
        warnings += [f"{unit['name'] or unit['id']} — {message}" for message in messages]
    if warnings:
        body.append(f"<section class=\"warnings\"><h2>{_e(words['warnings'])}</h2><ul>"
                    + "".join(f"<li>{_e(w)}</li>" for w in warnings) + "</ul></section>")
    body.append(f"<section class=\"fingerprints\"><h2>{_e(words['fingerprints'])}</h2><dl>"
                f"<dt>{_e(words['campaign_sha256'])}</dt><dd><code>{_e(data.cpp.campaign_sha256)}</code></dd>"
                f"<dt>{_e(words['results_sha256'])}</dt><dd><code>{_e(data.cpp.results_sha256)}</code></dd></dl>"
                "</section></main>")
    # The shared tints and award style: the notebook table's and the workbook's colours.
    css = _CSS + f".badge{{{_AWARD_STYLE}}}\n" + "".join(f".class-{i}{{background:{t};fill:{t}}}\n"
                                                        for i, t in enumerate(CLASS_TINTS))
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
            f"<title>{_e(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            + "\n".join(body + dialogs) + f"\n<script>{_JS}</script>\n</body>\n</html>\n")
