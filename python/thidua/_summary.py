"""The summary table of a report for readers (bảng tổng hợp): one row per unit in report order, with titles
instead of ids and headers in the language. The workbook's summary sheet and the CLI's CSV write it."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Union

from ._output import write_text
from ._text import LABELS, number

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData

Cell = Union[str, int, None]

# A spreadsheet reads a cell starting with one of these as a formula (tab and carriage return too, for CSV
# opened in a spreadsheet); a unit name such as "=HYPERLINK(…)" must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: Any) -> Any:
    """Text a spreadsheet shows as written: a leading apostrophe before what would start a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@dataclass
class SummaryTable:
    header: List[str]
    rows: List[List[Cell]]  # decimals as the report writes them ("98.73"); None for an empty cell
    decimal_columns: Sequence[int]  # positions of the decimal cells
    class_column: int
    classes: List[str]  # each row's class id


def summary_table(data: "ReportData", lang: str, units: Optional[List[dict]] = None) -> SummaryTable:
    """Cluster, rank, unit id and name, the phases' scores when there are several (one phase's score is the points
    scored), points, bonus, penalty, total, class, overall rank, the tie-break that placed the unit, awards, and
    award cash when an award carries cash."""
    labels = LABELS[lang]
    c = data.campaign
    units = data.rows() if units is None else units
    class_titles = {k["id"]: k.get("title") or k["id"] for k in c["classes"]}
    award_titles = {a["id"]: a.get("title") or a["id"] for a in c.get("awards", [])}
    cluster_names = {g["id"]: g.get("name") or g["id"] for g in c["clusters"]}
    tie_breaks = data.tie_break_names(lang)
    phases = [p["id"] for p in data.phases] if len(data.phases) > 1 else []
    cash = any("cash" in a or "multiplier" in a for a in c.get("awards", []))
    kinds = {g["kind"] for g in c["clusters"]}
    grouped_by = labels["block"] if kinds == {"block"} else labels["cluster"] if kinds == {"cluster"} else labels["clusters_and_blocks"]
    header = [grouped_by, labels["rank"], labels["id"], labels["unit"]]
    header += data.phase_labels(lang) if phases else []
    header += [labels[k] for k in ("base", "bonus", "penalty", "total", "class", "overall_rank", "tie_broken_by",
                                   "awards")]
    header += [labels["award_cash"]] if cash else []
    rows: List[List[Cell]] = []
    for u in units:
        broken = u["tie_broken_by"]
        rows.append(
            [cluster_names[u["cluster"]], u["cluster_rank"], u["id"], u["name"] or u["id"]]
            + [u["phases"].get(p) for p in phases]
            + [u[k] for k in ("base", "bonus", "penalty", "total")]
            + [class_titles[u["class"]], u["overall_rank"], tie_breaks.get(broken, broken) if broken else None,
               ", ".join(award_titles[a] for a in u["awards"])]
            + ([u["award_cash"]] if cash else [])
        )
    first = 4  # after cluster, rank, id and name
    decimals = list(range(first, first + len(phases) + 4)) + ([len(header) - 1] if cash else [])
    return SummaryTable(header, rows, decimals, first + len(phases) + 4, [u["class"] for u in units])


def write_csv(data: "ReportData", path: Union[str, "os.PathLike[str]"], lang: str) -> None:
    """The summary table as CSV for a spreadsheet in the language's locale, with why each unit missed a higher class
    or an award and its warnings: in Vietnamese cells are separated by ";" and decimals written with a comma (as
    Excel set to Vietnamese reads them), in English "," and a point. UTF-8 with a byte order mark (Excel then reads
    the accents); text that a spreadsheet would run as a formula keeps an apostrophe before it."""
    labels = LABELS[lang]
    table = summary_table(data, lang)
    award_titles = {a["id"]: a.get("title") or a["id"] for a in data.campaign.get("awards", [])}
    texts = data.cpp.unit_texts(data.order, lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if lang == "vi" else ",", lineterminator="\r\n")
    writer.writerow([safe_text(h) for h in table.header + [labels["class_reason"], labels["award_reasons"],
                                                            labels["warnings"]]])
    for i, row in enumerate(table.rows):
        cells = [number(str(v), lang) if c in table.decimal_columns and v is not None else v for c, v in enumerate(row)]
        why_not = "; ".join(f"{award_titles[a]}: {why}" for a, why in texts["award_reasons"][i].items())
        cells += [texts["class_reason"][i], why_not, "; ".join(texts["warnings"][i])]
        writer.writerow([safe_text(v) for v in cells])
    write_text(path, "\ufeff" + out.getvalue())
