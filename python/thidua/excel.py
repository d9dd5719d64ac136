"""Reports as spreadsheets: an .xlsx workbook (openpyxl, imported when one is written) and text safe for any sheet."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple, Union

from . import _core
from ._output import whole_file
from ._repr import CLASS_TINTS, interim_line
from ._summary import safe_text, summary_table
from ._text import LABELS

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData

def _cell(value: Optional[str]) -> Union[float, None]:
    # Excel stores numbers as doubles; the report's decimals (at most 6 fractional digits, below 10^12) have 15
    # significant digits at most, so each displays exactly as the report wrote it.
    return None if value is None else float(Decimal(value))


def _micros_cell(micros: int) -> Optional[float]:
    # The double nearest to the decimal, as _cell gives for its text.
    return None if micros == _core.no_number else micros / 1e6


# A4 landscape, one page wide, the header row repeated on every page.
def _print_setup(sheet: Any) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"


def _tint_classes(sheet: Any, column: int, classes: Sequence[str], order: Sequence[str]) -> None:
    """Tints the class cells of `column`, best class first, as the HTML table does."""
    from openpyxl.styles import PatternFill

    for row, k in enumerate(classes, start=2):
        tint = CLASS_TINTS[min(order.index(k), len(CLASS_TINTS) - 1)]
        sheet.cell(row, column).fill = PatternFill("solid", fgColor=tint.lstrip("#").upper())


def _sheet_title(name: str, taken: Set[str]) -> str:
    """A sheet title for `name`: without the characters Excel refuses, at most 31 characters, unique in `taken`."""
    base = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip().strip("'") or "?"
    title, n = base[:31].rstrip(), 1
    while title.lower() in {t.lower() for t in taken}:
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)].rstrip() + suffix
    taken.add(title)
    return title


def _layer_figures(data: "ReportData", labels: Dict[str, str]) -> Dict[Tuple[int, int, int, int], Any]:
    """Each layer's figure per (unit, phase, criterion, layer): its value, or its status in words."""
    rows = data.cpp.layer_columns()
    statuses = list(_core.status_names())
    out: Dict[Tuple[int, int, int, int], Any] = {}
    for u, p, k, layer, s, value in zip(rows["unit"].tolist(), rows["phase"].tolist(), rows["criterion"].tolist(),
                                        rows["layer"].tolist(), rows["status"].tolist(), rows["value"].tolist()):
        out[(u, p, k, layer)] = _micros_cell(value) if statuses[s] == "reported" else labels[statuses[s]]
    return out


def write_workbook(data: "ReportData", path: Union[str, "os.PathLike[str]"], lang: str) -> None:
    """A summary sheet (one row per unit, in report order) and a points sheet (one row per unit, phase and
    criterion), with headers in ``lang``."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    labels = LABELS[lang]
    c = data.campaign
    precision = data.precision
    units = data.rows()
    fixed = "0" if precision == 0 else "0." + "0" * precision
    cluster_names = {g["id"]: g.get("name") or g["id"] for g in c["clusters"]}
    criterion_titles = {k["id"]: k.get("title") or k["id"] for k in c["criteria"]}
    phase_labels = data.phase_labels(lang)

    book = Workbook()
    book.properties.title = str(c.get("title") or c["id"])
    interim = interim_line(data, lang)  # an interim review says so on every printed page and in the properties
    if interim:
        book.properties.subject = interim

    def fill(sheet: Any, header: Sequence[str], rows: List[List[Any]], formats: Dict[int, str]) -> None:
        _print_setup(sheet)
        if interim:
            sheet.oddHeader.center.text = interim
        sheet.append([safe_text(h) for h in header])
        for row in rows:
            sheet.append([safe_text(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, number_format in formats.items():
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = number_format
        for i, title in enumerate(header, start=1):
            longest = max([len(str(title))] + [len(str(r[i - 1])) for r in rows if r[i - 1] is not None])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, longest + 2))
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions

    summary = book.active
    summary.title = labels["summary_sheet"]
    table = summary_table(data, lang, units)
    header = table.header
    rows: List[List[Any]] = [[_cell(v) if i in table.decimal_columns else v for i, v in enumerate(row)]  # type: ignore
                             for row in table.rows]
    score_formats = {col + 1: fixed for col in table.decimal_columns}
    class_column = table.class_column + 1
    class_of = table.classes
    fill(summary, header, rows, score_formats)
    _tint_classes(summary, class_column, class_of, [k["id"] for k in c["classes"]])
    # A sheet per cluster when there are several, its units in rank order (the summary's rows, without the cluster).
    if len(c["clusters"]) > 1:
        taken = {labels["summary_sheet"], labels["points_sheet"]}
        for g in c["clusters"]:
            mine = [i for i, u in enumerate(units) if u["cluster"] == g["id"]]
            sheet = book.create_sheet(_sheet_title(cluster_names[g["id"]], taken))
            fill(sheet, header[1:], [rows[i][1:] for i in mine], {col - 1: f for col, f in score_formats.items()})
            _tint_classes(sheet, class_column - 1, [class_of[i] for i in mine], [k["id"] for k in c["classes"]])

    points = book.create_sheet(labels["points_sheet"])
    header = [labels[k] for k in ("id", "unit", "phase", "criterion_id", "criterion", "status", "value", "target",
                                  "points", "max")]
    layers = data.cpp.layers(lang)
    header += [layer["title"] for layer in layers]  # each assessment layer's figure, beside the final one
    rows = []
    slots = data.cpp.slot_columns()
    ids, names = data.strings["id"], data.strings["name"]
    criteria = [k["id"] for k in c["criteria"]]
    statuses = list(_core.status_names())
    numbers = {k: slots[k].tolist() for k in ("value", "target", "points", "max")}
    by_layer = _layer_figures(data, labels) if layers else {}
    yes_no = {k["id"] for k in c["criteria"] if k["rule"]["kind"] == "boolean"}
    for i, (u, p, k, s) in enumerate(zip(slots["unit"].tolist(), slots["phase"].tolist(), slots["criterion"].tolist(),
                                         slots["status"].tolist())):
        value: Any = _micros_cell(numbers["value"][i])
        if criteria[k] in yes_no and value is not None:  # a yes/no criterion's value in words, as the form asks it
            value = labels["yes"] if value else labels["no"]
        rows.append([ids[u], names[u] or ids[u], phase_labels[p], criteria[k], criterion_titles[criteria[k]],
                     labels[statuses[s]], value] + [_micros_cell(numbers[key][i]) for key in ("target", "points", "max")]
                    + [by_layer.get((u, p, k, layer)) for layer in range(len(layers))])
    fill(points, header, rows, {9: fixed, 10: fixed})
    if layers:  # the slots whose layers differ, highlighted
        from openpyxl.styles import PatternFill

        changed = PatternFill("solid", fgColor="FFF3CD")
        for row, flag in enumerate(slots["changed"].tolist(), start=2):
            if flag:
                for (cell,) in points.iter_cols(min_row=row, max_row=row):
                    cell.fill = changed
    with whole_file(path) as temporary:
        book.save(temporary)
