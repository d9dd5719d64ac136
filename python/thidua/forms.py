"""Data-entry forms: the workbook a cluster head sends to the units (one sheet per unit, criteria as rows under the
pact's sections, dropdowns, locked structure), and reading the filled forms back through the core's table reader.

Every sheet of a form carries a hidden key row: its first cell says what the sheet is
(``thidua-form:1:results:<unit id>``, ``thidua-form:1:votes``, ``thidua-form:1:events``,
``thidua-form:1:instructions``), and each column read back carries its machine name (``unit``, ``criterion``,
``phase``, ``value``, ``status``, ``submitted``, ``note``, ``target``; ``award``, ``yes``, ``of``; ``adjustment``,
``count``). Hidden columns hold the unit, criterion and phase ids of every row. Reading relies on that key only,
never on sheet titles or row positions.
"""

from __future__ import annotations

import datetime as _dt
import os
import warnings
import zipfile
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core
from ._inputs import MAX_INPUT_BYTES, error
from ._output import whole_file
from ._text import day, number, texts
from ._inputs import cell_text
from ._workbook import MAX_FORM_CELLS, MAX_FORM_ROWS, stored_rows  # noqa: F401  (the caps are named here)

MARKER = "thidua-form:1:"
# How far down a sheet its key row may be (rows above it are ignored).
KEY_ROW_SEARCH = 10
# Caps on a form workbook (above any real form; a limit hit is a thidua.LimitError naming the file and the sheet).
MAX_FORM_SHEETS = 1_000          # sheets of one workbook
MAX_UNPACKED_BYTES = 512 << 20   # the parts of one .xlsx file, unpacked
MAX_FORM_FILES = 10_000          # workbooks of one folder or list
# The cell text cap of the core (thidua::limits::max_string_bytes) holds for every cell read back.

# The columns read back, by sheet kind: (key columns, input columns). A row is a record when it has a key and one
# of its input columns is filled; a form's rows left blank are not results.
COLUMNS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "results": (("unit", "criterion", "phase"), ("value", "status", "submitted", "note")),
    "votes": (("unit",), ("award", "yes", "of")),
    "events": (("unit", "adjustment"), ("count", "note")),
}
# Read with a record, but not what makes a row one: the target is written from the campaign on every ratio row.
EXTRA = {"results": ("target",), "votes": (), "events": ()}

STATUSES = ("reported", "missing", "exempt", "not_applicable")

# Every word a form shows, in both languages.
# Every word a form shows, in both languages: the core's catalog of texts (its ``form.*`` messages).
TEXTS: Dict[str, Dict[str, str]] = texts("form.")


# What a cell may say, in either language (compared ignoring letter case), and what the core reads.
STATUS_WORDS: Dict[str, str] = {}
BOOLEAN_WORDS: Dict[str, str] = {}
for _lang in TEXTS.values():
    for _status in STATUSES:
        STATUS_WORDS[_lang[_status].casefold()] = _status
    BOOLEAN_WORDS[_lang["true"].casefold()] = "true"
    BOOLEAN_WORDS[_lang["false"].casefold()] = "false"
STATUS_WORDS["thiếu"] = "missing"  # the report's word for it
STATUS_WORDS.update({s: s for s in STATUSES})

# ----------------------------------------------------------------------------------------------------------------
# Writing


def _number_cell(text: Any) -> Any:
    """A decimal (JSON number or exact string) as a numeric cell: an int when whole, a float when the float keeps
    the digits, else the text itself (the core reads it exactly)."""
    if isinstance(text, bool) or text is None:
        return text
    exact = Decimal(str(text))
    if exact == exact.to_integral_value():
        return int(exact)
    as_float = float(exact)
    return as_float if Decimal(repr(as_float)) == exact else str(text)


def _num(text: Any, lang: str) -> str:
    exact = Decimal(str(text)).normalize()
    plain = format(exact, "f")
    return number(plain, lang)


def rule_text(criterion: Dict[str, Any], lang: str) -> str:
    """How a criterion's rule scores, in words (the form's "how it is scored" column)."""
    t = TEXTS[lang]
    rule = criterion["rule"]
    kind = rule["kind"]
    top = _num(criterion["max_points"], lang)
    if kind == "boolean":
        return t["rule_boolean"].format(max=top)
    if kind == "manual":
        return t["rule_manual"].format(max=top)
    if kind == "bands":
        parts = []
        for band in rule["bands"]:
            side = "at_least" if "at_least" in band else "at_most"
            parts.append(t["rule_" + side].format(x=_num(band[side], lang), points=_num(band["points"], lang)))
        return "; ".join(parts + [t["rule_otherwise"]])
    parts = [t["rule_all_or_nothing" if rule.get("credit") == "all_or_nothing" else "rule_linear"].format(max=top)]
    if rule.get("min_ratio") not in (None, "0") and Decimal(str(rule["min_ratio"])) > 0:
        parts.append(t["rule_min_ratio"].format(percent=_num(Decimal(str(rule["min_ratio"])) * 100, lang)))
    exceed = rule.get("exceed")
    if exceed:
        text = t["rule_exceed"].format(step=_num(exceed["step_percent"], lang),
                                       points=_num(exceed["points_per_step"], lang))
        if exceed.get("cap") is not None:
            text += f" ({t['rule_exceed_cap'].format(cap=_num(exceed['cap'], lang))})"
        parts.append(text)
    return "; ".join(parts)


_FORBIDDEN = str.maketrans({c: "-" for c in "[]:*?/\\"})


def sheet_title(name: str, taken: set) -> str:
    """A sheet title for `name`: Excel's forbidden characters replaced, at most 31 characters, no apostrophe at
    either end, unique ignoring letter case among `taken` (which it joins) and not the reserved "History"."""
    base = " ".join(name.translate(_FORBIDDEN).split()).strip("'") or "-"
    title, n = base[:31].strip("'").strip() or "-", 1
    while title.casefold() in taken or title.casefold() == "history":
        n += 1
        suffix = f" ({n})"
        title = base[:31 - len(suffix)].strip("'").strip() + suffix
    taken.add(title.casefold())
    return title


def _phase_of(row: Dict[str, Any], phases: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The phase a results row names: its phase, else the phase holding its date, else a single phase."""
    if row.get("phase"):
        return str(row["phase"])
    if row.get("date"):
        for p in phases:
            if p["start"] <= row["date"] <= p["end"]:
                return str(p["id"])
    return str(phases[0]["id"]) if len(phases) == 1 else None


class _Layout:
    """What a campaign's form holds: the units, their criterion rows, targets, and the words."""

    def __init__(self, c: Dict[str, Any], phases: Sequence[Dict[str, Any]], lang: str) -> None:
        self.c, self.phases, self.lang, self.t = c, phases, lang, TEXTS[lang]
        self.criteria = c["criteria"]
        self.phase_of_criterion: Dict[str, List[Dict[str, Any]]] = {k["id"]: [] for k in self.criteria}
        for p in phases:
            for k in p["criteria"]:
                self.phase_of_criterion[k].append(p)
        self.targets = {(g["unit"], g["criterion"], g.get("phase")): g["value"] for g in c.get("targets", [])}
        groups = {g["id"]: g for g in c.get("groups", [])}
        # Sections in the campaign's order of groups, then free labels as they first appear, ungrouped last.
        order: List[Optional[str]] = list(groups)
        for k in self.criteria:
            if k.get("group") not in order:
                order.append(k.get("group"))
        order.sort(key=lambda g: g is None)
        self.sections: List[Tuple[Optional[str], List[Dict[str, Any]]]] = [
            (g, [k for k in self.criteria if k.get("group") == g]) for g in order]
        self.groups = groups

    def applies(self, criterion: Dict[str, Any], unit: Dict[str, Any]) -> bool:
        kinds = criterion.get("applies_to") or []
        return not kinds or unit.get("kind", "") in kinds

    def target(self, unit: str, criterion: Dict[str, Any], phase: str) -> Any:
        if criterion["rule"]["kind"] != "ratio":
            return None
        for key in ((unit, criterion["id"], phase), (unit, criterion["id"], None)):
            if key in self.targets:
                return self.targets[key]
        return criterion["rule"].get("target")

    def section_title(self, group: str) -> str:
        g = self.groups.get(group)
        if g is None:
            return group
        title = g.get("title") or g["id"]
        if g.get("max_points") is not None:
            title += f" ({self.t['max_of_group'].format(max=_num(g['max_points'], self.lang))})"
        return str(title)


def write_form(c: Dict[str, Any], phases: Sequence[Dict[str, Any]], path: Union[str, "os.PathLike[str]"], *,
               results: Optional[Dict[str, Any]], units: Optional[Sequence[str]], lang: str) -> None:
    """Writes the data-entry workbook of campaign `c` (its canonical dict) to `path`; `results` (a results
    document as a dict) pre-fills it; `units` restricts it to those unit ids."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    layout = _Layout(c, phases, lang)
    t = layout.t
    all_units = {u["id"]: u for u in c["units"]}
    if units is None:
        chosen = list(c["units"])
    else:
        if isinstance(units, str):
            units = [units]
        unknown = [u for u in units if u not in all_units]
        if unknown:
            raise error(_core.IdError, f"no unit {unknown[0]!r} in the campaign (units: "
                        f"{', '.join(map(repr, list(all_units)[:10]))}{' …' if len(all_units) > 10 else ''})",
                        os.fspath(path))
        chosen = [all_units[u] for u in dict.fromkeys(units)]
    wanted = {u["id"] for u in chosen}

    filled: Dict[Tuple[str, str, str], Dict[str, Any]] = {}
    votes: List[Dict[str, Any]] = []
    events: List[Dict[str, Any]] = []
    if results is not None:
        for row in results.get("results", []):
            phase = _phase_of(row, phases)
            if row["unit"] in wanted and phase is not None:
                filled[(row["unit"], row["criterion"], phase)] = row
        votes = [v for v in results.get("votes", []) if v["unit"] in wanted]
        events = [e for e in results.get("events", []) if e["unit"] in wanted]

    bold = Font(bold=True)
    section_fill = PatternFill("solid", fgColor="DDEBF7")
    input_fill = PatternFill("solid", fgColor="FFF2CC")
    unlocked = Protection(locked=False)
    wrap = Alignment(wrap_text=True, vertical="top")
    date_format = "dd/mm/yyyy" if lang == "vi" else "yyyy-mm-dd"
    status_list = ",".join(t[s] for s in STATUSES)
    boolean_list = f"{t['true']},{t['false']}"

    book = Workbook()
    book.properties.title = str(c.get("title") or c["id"])
    book.properties.subject = t["form"]
    taken: set = set()
    instructions = book.active
    instructions.title = sheet_title(t["instructions_sheet"], taken)
    votes_title = sheet_title(t["votes_sheet"], taken)
    events_title = sheet_title(t["events_sheet"], taken)

    def key_row(sheet: Any, kind: str, names: Dict[int, str]) -> None:
        sheet.cell(row=1, column=1, value=MARKER + kind)
        for column, name in names.items():
            sheet.cell(row=1, column=column, value=name)
        sheet.row_dimensions[1].hidden = True

    def protect(sheet: Any) -> None:
        sheet.protection.sheet = True
        sheet.protection.formatColumns = False  # widths may change; structure may not
        sheet.protection.formatRows = False

    def headers(sheet: Any, row: int, titles: Sequence[str], widths: Sequence[int]) -> None:
        for column, (title, width) in enumerate(zip(titles, widths), start=1):
            cell = sheet.cell(row=row, column=column, value=title)
            cell.font = bold
            cell.alignment = wrap
            sheet.column_dimensions[get_column_letter(column)].width = width

    def hide(sheet: Any, first: int, last: int) -> None:
        for column in range(first, last + 1):
            sheet.column_dimensions[get_column_letter(column)].hidden = True

    def table_sheet(title: str, kind: str, names: Dict[int, str], heading: str, columns: Sequence[str],
                    widths: Sequence[int], hidden: Tuple[int, int]) -> Any:
        """A sheet with its hidden key row, its heading and the campaign's title, the column headers in row 4 and
        the hidden key columns."""
        sheet = book.create_sheet(title)
        key_row(sheet, kind, names)
        sheet.cell(row=2, column=1, value=heading).font = Font(bold=True, size=13)
        sheet.cell(row=3, column=1, value=str(c.get("title") or c["id"]))
        headers(sheet, 4, columns, widths)
        hide(sheet, *hidden)
        return sheet

    # One sheet per unit: columns A–J visible (J the last input), K–M the hidden key.
    result_names = {6: "target", 7: "value", 8: "status", 9: "submitted", 10: "note", 11: "unit", 12: "criterion",
                    13: "phase"}
    unit_sheets: List[Tuple[Dict[str, Any], str]] = []
    for unit in chosen:
        name = unit.get("name") or unit["id"]
        sheet = table_sheet(sheet_title(name, taken), "results:" + unit["id"], result_names, name,
                            [t[f"col_{k}"] for k in ("no", "criterion", "phase", "max", "rule", "target", "value",
                                                     "status", "submitted", "note")],
                            [6, 50, 22, 9, 40, 10, 12, 18, 14, 30], (11, 13))
        unit_sheets.append((unit, sheet.title))
        status_dv = DataValidation(type="list", formula1=f'"{status_list}"', allow_blank=True)
        boolean_dv = DataValidation(type="list", formula1=f'"{boolean_list}"', allow_blank=True)
        sheet.add_data_validation(status_dv)
        sheet.add_data_validation(boolean_dv)
        r, number_ = 5, 0
        for group, criteria in layout.sections:
            rows = [(k, p) for k in criteria if layout.applies(k, unit) for p in layout.phase_of_criterion[k["id"]]]
            if not rows:
                continue
            if group is not None:
                sheet.cell(row=r, column=1, value=str(group) if group in layout.groups else None)
                cell = sheet.cell(row=r, column=2, value=layout.section_title(group))
                for column in range(1, 11):
                    sheet.cell(row=r, column=column).fill = section_fill
                cell.font = bold
                r += 1
            last = None
            for k, p in rows:
                if k["id"] != last:
                    number_ += 1
                    last = k["id"]
                prior = filled.get((unit["id"], k["id"], p["id"]), {})
                target = prior.get("target", layout.target(unit["id"], k, p["id"]))
                value = prior.get("value")
                if isinstance(value, bool):
                    value = t["true" if value else "false"]
                status = prior.get("status")
                submitted = prior.get("submitted")
                cells = [number_, k.get("title") or k["id"], p.get("title") or p["id"], _number_cell(k["max_points"]),
                         rule_text(k, lang), _number_cell(target),
                         value if isinstance(value, str) and value in (t["true"], t["false"]) else _number_cell(value),
                         t[status] if status and (status != "reported" or value is None) else None,
                         _dt.date.fromisoformat(submitted) if submitted else None,
                         prior.get("note") or None, unit["id"], k["id"], p["id"]]
                for column, v in enumerate(cells, start=1):
                    cell = sheet.cell(row=r, column=column, value=v)
                    if column in (2, 5):
                        cell.alignment = wrap
                for column in range(7, 11):
                    cell = sheet.cell(row=r, column=column)
                    cell.protection = unlocked
                    cell.fill = input_fill
                sheet.cell(row=r, column=9).number_format = date_format
                status_dv.add(sheet.cell(row=r, column=8))
                if k["rule"]["kind"] == "boolean":
                    boolean_dv.add(sheet.cell(row=r, column=7))
                r += 1
        sheet.freeze_panes = "C5"
        protect(sheet)

    # Votes: one row per unit (and per ballot given), the award and the counts to fill in; E the hidden unit id.
    sheet = table_sheet(votes_title, "votes", {2: "award", 3: "yes", 4: "of", 5: "unit"}, t["votes_title"],
                        [t["col_unit"], t["col_award"], t["col_yes"], t["col_of"]], [45, 30, 14, 14], (5, 5))
    award_ids = [a["id"] for a in c.get("awards", [])]
    award_dv = DataValidation(type="list", formula1=f'"{",".join(award_ids)}"', allow_blank=True)
    if award_ids and len(award_dv.formula1) <= 255:
        sheet.add_data_validation(award_dv)
    given = {v["unit"] for v in votes}
    vote_rows = votes + [{"unit": u["id"]} for u in chosen if u["id"] not in given]
    vote_rows.sort(key=lambda v: [u["id"] for u in chosen].index(v["unit"]))
    for r, v in enumerate(vote_rows, start=5):
        unit = all_units[v["unit"]]
        for column, value in enumerate([unit.get("name") or unit["id"], v.get("award"), _number_cell(v.get("yes")),
                                        _number_cell(v.get("of")), unit["id"]], start=1):
            sheet.cell(row=r, column=column, value=value)
        for column in (2, 3, 4):
            cell = sheet.cell(row=r, column=column)
            cell.protection = unlocked
            cell.fill = input_fill
        if award_ids:
            award_dv.add(sheet.cell(row=r, column=2))
    sheet.freeze_panes = "B5"
    protect(sheet)

    # Events: the events given, then one empty row per unit and adjustment; E and F the hidden unit and adjustment.
    sheet = table_sheet(events_title, "events", {3: "count", 4: "note", 5: "unit", 6: "adjustment"},
                        t["events_title"], [t["col_unit"], t["col_adjustment"], t["col_count"], t["col_note"]],
                        [45, 45, 10, 40], (5, 6))
    adjustments = {a["id"]: a for a in c.get("adjustments", [])}
    pairs = {(e["unit"], e["adjustment"]) for e in events}
    event_rows = [dict(e, count=e.get("count", 1)) for e in events]
    event_rows += [{"unit": u["id"], "adjustment": a} for u in chosen for a in adjustments if (u["id"], a) not in pairs]
    position = {u["id"]: i for i, u in enumerate(chosen)}
    order = {a: i for i, a in enumerate(adjustments)}
    event_rows.sort(key=lambda e: (position[e["unit"]], order.get(e["adjustment"], len(order))))
    for r, e in enumerate(event_rows, start=5):
        unit = all_units[e["unit"]]
        adjustment = adjustments.get(e["adjustment"], {})
        for column, value in enumerate([unit.get("name") or unit["id"], adjustment.get("title") or e["adjustment"],
                                        _number_cell(e.get("count")), e.get("note") or None, unit["id"],
                                        e["adjustment"]], start=1):
            sheet.cell(row=r, column=column, value=value)
        for column in (3, 4):
            cell = sheet.cell(row=r, column=column)
            cell.protection = unlocked
            cell.fill = input_fill
    sheet.freeze_panes = "C5"
    protect(sheet)

    # Instructions: how to fill the form, what each status means, the deadlines and the units' sheets.
    lines: List[Tuple[str, bool]] = [(t["form"], True), (str(c.get("title") or c["id"]), False), ("", False),
                                     (t["how"], True)]
    lines += [(t[f"how_{i}"].format(votes=votes_title, events=events_title), False) for i in range(1, 6)]
    lines += [("", False), (t["statuses"], True)] + [(t[f"status_{s}"], False) for s in STATUSES]
    lines += [("", False), (t["deadlines"], True)]
    for p in phases:
        words = dict(phase=p.get("title") or p["id"], start=day(p["start"], lang), end=day(p["end"], lang))
        due = p.get("report_due")
        lines.append((t["deadline"].format(due=day(due, lang), **words) if due else t["no_deadline"].format(**words),
                      False))
    lines += [("", False), (t["units"], True)]
    lines += [(t["unit_sheet"].format(name=u.get("name") or u["id"], sheet=s), False) for u, s in unit_sheets]
    key_row(instructions, "instructions", {})
    for r, (text, heading) in enumerate(lines, start=2):
        cell = instructions.cell(row=r, column=1, value=text or None)
        if heading:
            cell.font = Font(bold=True, size=13 if r == 2 else 11)
    instructions.column_dimensions["A"].width = 110
    protect(instructions)
    with whole_file(path) as temporary:
        book.save(temporary)


# ----------------------------------------------------------------------------------------------------------------
# Reading


def _column_letter(index: int) -> str:
    """The letters of the column at 0-based `index` (openpyxl counts from 1)."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index + 1))


def _check_file(path: str, document: str) -> None:
    """Refuses what cannot be a form before openpyxl reads it: too large, not a zip, too many parts unpacked."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(_core.ParseError, f"cannot read the file: {reason}", document) from None
    if size > MAX_INPUT_BYTES:
        raise error(_core.LimitError, f"the file has {size} bytes, more than the limit of {MAX_INPUT_BYTES} "
                    "(thidua::limits::max_input_bytes)", document)
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise error(_core.ParseError, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
                    document) from None
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise error(_core.LimitError, f"the workbook unpacks to {unpacked} bytes, more than the limit of "
                    f"{MAX_UNPACKED_BYTES} (thidua.forms.MAX_UNPACKED_BYTES)", document)
    sheets = sum(1 for p in parts if p.filename.startswith("xl/worksheets/") and p.filename.endswith(".xml"))
    if sheets > MAX_FORM_SHEETS:
        raise error(_core.LimitError, f"the workbook has {sheets} sheets, more than the limit of {MAX_FORM_SHEETS} "
                    "(thidua.forms.MAX_FORM_SHEETS)", document)


def _open(path: str, document: str) -> Tuple[Any, Any]:
    _check_file(path, document)
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a declared extra
        raise error(_core.ParseError, "reading a workbook needs openpyxl (pip install thidua[excel])", document) from None
    # openpyxl reads from a file we close ourselves: a sheet's part left open by a row iteration cut short must not
    # keep the file open until the garbage collector finds it.
    try:
        handle = open(path, "rb")
    except (OSError, ValueError) as exc:
        raise error(_core.ParseError, f"cannot read the file: {exc}", document) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on parts it drops (extensions, styles)
            return openpyxl.load_workbook(handle, read_only=True, data_only=True), handle
    except Exception as exc:  # openpyxl raises many types (zipfile, KeyError, XML errors) for a broken file
        handle.close()
        raise error(_core.ParseError, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", document) from None


def _marker(row: Sequence[Any]) -> Optional[str]:
    for value in row:
        if isinstance(value, str) and value.startswith(MARKER):
            return value[len(MARKER):]
    return None


class _Reader:
    """Reads form workbooks into one results object, remembering where each (unit, criterion, phase) was given."""

    def __init__(self, language: str) -> None:
        self.language = language  # how the cells' numbers, dates and yes/no are read (the campaign's language)
        self.parts: List[_core.results] = []
        self.seen: Dict[Tuple[str, str, str], str] = {}

    def book(self, path: str, document: str) -> bool:
        """Reads the form at `path`; False (having read nothing) when it is a plain workbook."""
        book, handle = _open(path, document)
        try:
            found, plain, parts = False, [], []
            for sheet in book.worksheets:
                where = f"{document} › {sheet.title}"
                rows = stored_rows(sheet, where)
                try:
                    head: List[Tuple[Any, ...]] = []
                    kind = None
                    for row in rows:
                        head.append(row)
                        kind = _marker(row)
                        if kind is not None or len(head) == KEY_ROW_SEARCH:
                            break
                    if kind is None:
                        if any(v not in (None, "") for row in head for v in row) or any(
                                v not in (None, "") for row in rows for v in row):
                            plain.append(sheet.title)
                        continue
                    found = True
                    if kind == "instructions":
                        continue
                    part = self.sheet(kind, head, rows, where)
                    if part is not None:
                        parts.append((kind.partition(":")[0], part))
                finally:
                    rows.close()
            if not found:
                return False
            if plain:
                raise error(_core.SchemaError, f"the sheet {plain[0]!r} has no form key (the hidden first row of the "
                            "sheets `thidua template` makes): copy its data into the unit's sheet, or delete it",
                            document)
            order = {"results": 0, "votes": 1, "events": 2}
            self.parts += [p for _, p in sorted(parts, key=lambda kp: order[kp[0]])]
            return True
        finally:
            book.close()
            handle.close()

    def sheet(self, marker: str, head: List[Tuple[Any, ...]], rows: Iterable[Tuple[Any, ...]],
              document: str) -> Optional[_core.results]:
        kind, _, unit = marker.partition(":")
        if kind not in COLUMNS:
            raise error(_core.SchemaError, f"unknown form sheet kind {kind!r} in its key (thidua-form:1:results, "
                        "votes, events or instructions)", document, cell=f"row {len(head)}")
        keys, inputs = COLUMNS[kind]
        names = set(keys) | set(inputs) | set(EXTRA[kind])
        columns = {i: v for i, v in enumerate(head[-1]) if isinstance(v, str) and v in names}
        missing = [n for n in keys if n not in columns.values()]
        if missing:
            raise error(_core.SchemaError, f"the form's key row lacks the {missing[0]!r} column (a hidden column was "
                        "deleted?)", document, cell=f"row {len(head)}")
        width = max(columns) + 1
        header = [""] * width
        for i, name in columns.items():
            if name in header:
                raise error(_core.SchemaError, f"the form's key row names the column {name!r} twice", document,
                            cell=f"{_column_letter(i)}{len(head)}")
            header[i] = name
        table: List[List[str]] = [[] for _ in head[:-1]] + [header]
        at = {name: i for i, name in columns.items()}
        input_at = [at[n] for n in inputs if n in at]
        key_at = [at[n] for n in keys]
        value_at, status_at = at.get("value"), at.get("status")
        unit_at, criterion_at, phase_at = at["unit"], at.get("criterion"), at.get("phase")
        blank: List[str] = []
        records = 0
        for row in rows:
            n = len(row)
            if not (any(i < n and row[i] is not None and row[i] != "" for i in input_at)
                    and any(i < n and row[i] is not None and row[i] != "" for i in key_at)):
                table.append(blank)  # a heading, a section title, or a row not filled in
                continue
            cells = [""] * width
            for i in columns:
                if i < n:
                    cells[i] = cell_text(row[i], self.language)
            line = len(table) + 1
            if kind == "results":
                if value_at is not None and cells[value_at].casefold() in BOOLEAN_WORDS:
                    cells[value_at] = BOOLEAN_WORDS[cells[value_at].casefold()]
                if status_at is not None and cells[status_at].strip().casefold() in STATUS_WORDS:
                    cells[status_at] = STATUS_WORDS[cells[status_at].strip().casefold()]
                if unit and cells[unit_at] and cells[unit_at] != unit:
                    raise error(_core.SchemaError, f"the row's key names unit {cells[unit_at]!r} on the sheet of unit "
                                f"{unit!r} (a row copied from another unit's sheet?)", document,
                                cell=f"{_column_letter(unit_at)}{line}")
                slot = (cells[unit_at], cells[criterion_at] if criterion_at is not None else "",
                        cells[phase_at] if phase_at is not None else "")
                cell = f"{_column_letter(value_at if value_at is not None else input_at[0])}{line}"
                if slot in self.seen:
                    raise error(_core.SchemaError, f"duplicate result for unit {slot[0]!r}, criterion {slot[1]!r}, "
                                f"phase {slot[2]!r}: given at {self.seen[slot]} and at {document} › {cell}",
                                document, cell=cell)
                self.seen[slot] = f"{document} › {cell}"
            table.append(cells)
            records += 1
        if records == 0 and kind != "results":
            return None  # an empty votes or events sheet states nothing
        return _core.results.from_sheet(table, getattr(_core.table_kind, kind), document, 1, self.language)


def workbook_paths(source: Any) -> Optional[List[str]]:
    """The workbooks a source names when it is a folder or a list of paths; None otherwise."""
    if isinstance(source, (list, tuple)) and source and all(_is_workbook(s) for s in source):
        return [os.fsdecode(s) for s in source]
    if isinstance(source, (str, os.PathLike)):
        try:
            path = os.fsdecode(source)
        except TypeError:
            return None
        if not path.lstrip().startswith(("{", "[")) and os.path.isdir(path):
            names = sorted(n for n in os.listdir(path) if n.lower().endswith(".xlsx") and not n.startswith("~$"))
            if not names:
                raise error(_core.ParseError, "the folder holds no .xlsx workbook", _name(path))
            return [os.path.join(path, n) for n in names]
    return None


def _is_workbook(source: Any) -> bool:
    return isinstance(source, (str, os.PathLike)) and os.fsdecode(source).lower().endswith(".xlsx")


def _name(path: str) -> str:
    return path.encode("utf-8", "replace").decode("utf-8")


def read_workbooks(paths: Sequence[str], language: str = "") -> _core.results:
    """The results of form workbooks (and plain ones: sheets results, votes, events), combined in order, their cells
    read in `language` (see thidua.load_results); the same (unit, criterion, phase) given twice is a
    thidua.SchemaError naming both places."""
    from ._workbook import read_workbook

    if len(paths) > MAX_FORM_FILES:
        raise error(_core.LimitError, f"{len(paths)} workbooks, more than the limit of {MAX_FORM_FILES} "
                    "(thidua.forms.MAX_FORM_FILES)", _name(os.path.dirname(paths[0]) or paths[0]))
    reader = _Reader(language)
    for path in paths:
        document = _name(path)
        if not reader.book(path, document):
            reader.parts.append(read_workbook(path, document, "results", language))
    if not reader.parts:
        return _core.results.from_sheet([["unit", "criterion"]], _core.table_kind.results, _name(paths[0]), 1)
    results = reader.parts[0]
    for part in reader.parts[1:]:
        results.append(part)
    return results
