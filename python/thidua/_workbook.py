"""Tables from the sheets of a workbook (.xlsx): each cell as text for the core's table reader, which parses the
values and names every cell in its errors ("forms.xlsx › votes › C4")."""

from __future__ import annotations

from typing import Any, List

from . import _core
from ._inputs import cell_text, error

# The sheet each kind of table is read from; a workbook with a single sheet gives it to whatever is asked.
SHEETS = ("results", "votes", "events")


def open_workbook(path: str, document: str) -> Any:
    """The workbook at `path`, read-only with formulas' cached values; a thidua.ParseError when it is not one."""
    try:
        import openpyxl
    except ImportError:  # pragma: no cover - openpyxl is a declared extra
        raise error(_core.ParseError, "reading a workbook needs openpyxl (pip install thidua[excel])", document) from None
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types (zipfile, KeyError, XML errors) for a broken file
        raise error(_core.ParseError, f"not a readable .xlsx workbook ({type(exc).__name__}: {exc})", document) from None


def sheet_name(book: Any, kind: str, document: str) -> str:
    """The sheet holding the table of `kind`: the sheet named so, else a workbook's only sheet."""
    names: List[str] = list(book.sheetnames)
    if kind in names:
        return kind
    if len(names) == 1:
        return names[0]
    raise error(_core.SchemaError, f"no sheet named {kind!r} (the workbook has {', '.join(map(repr, names))})",
                document)


def read_sheet(book: Any, sheet: str, kind: str, document: str, language: str = "") -> _core.results:
    """The table of `kind` on one sheet, read by the core."""
    rows = [[cell_text(v, language) for v in row] for row in book[sheet].iter_rows(values_only=True)]
    return _core.results.from_sheet(rows, getattr(_core.table_kind, kind), f"{document} › {sheet}", 1, language)


def read_workbook(path: str, document: str, kind: str, language: str = "") -> _core.results:
    """A table of `kind` from a workbook; for results, also its ``votes`` and ``events`` sheets when it has them."""
    book = open_workbook(path, document)
    try:
        sheet = sheet_name(book, kind, document)
        results = read_sheet(book, sheet, kind, document, language)
        if kind == "results":
            for extra in SHEETS[1:]:
                if extra in book.sheetnames and extra != sheet:
                    results.append(read_sheet(book, extra, extra, document, language))
        return results
    finally:
        book.close()
