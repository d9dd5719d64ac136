"""Tables from the sheets of a workbook (.xlsx): each cell as text for the core's table reader, which parses the
values and names every cell in its errors ("forms.xlsx › votes › C4")."""

from __future__ import annotations

from typing import Any, Iterator, List, Tuple

from . import _core
from ._inputs import cell_text, error

# The sheet each kind of table is read from; a workbook with a single sheet gives it to whatever is asked.
SHEETS = ("results", "votes", "events")

# Caps on one sheet of a workbook, form or table (above any real one; thidua.forms names them): a sheet that states
# a cell at XFD1048576 is not padded to seventeen billion cells.
MAX_FORM_ROWS = 100_000          # rows of one sheet
MAX_FORM_CELLS = 2_000_000       # cells of one sheet, as stored (rows × the width of each row)


def stored_rows(sheet: Any, document: str) -> Iterator[Tuple[Any, ...]]:
    """The sheet's rows as stored (not padded to a stated size), within the caps: a thidua.LimitError beyond them,
    a thidua.ParseError for a sheet part that cannot be read."""
    sheet.reset_dimensions()  # the stated size may lie; rows are as long as their last cell
    cells = 0
    stored = sheet.iter_rows(values_only=True)
    try:
        for i, row in enumerate(stored):
            if i >= MAX_FORM_ROWS:
                raise error(_core.LimitError, f"more than {MAX_FORM_ROWS} rows (thidua.forms.MAX_FORM_ROWS)",
                            document, cell=f"row {i + 1}")
            cells += len(row)
            if cells > MAX_FORM_CELLS:
                raise error(_core.LimitError, f"more than {MAX_FORM_CELLS} cells (thidua.forms.MAX_FORM_CELLS)",
                            document, cell=f"row {i + 1}")
            yield row
    except _core.Error:
        raise
    except Exception as exc:  # a broken sheet part (bad XML, a bad cell reference)
        raise error(_core.ParseError, f"the sheet cannot be read ({type(exc).__name__}: {exc})", document) from None
    finally:
        stored.close()  # its part of the archive is closed now, not when the garbage collector finds it


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
    where = f"{document} › {sheet}"
    rows = [[cell_text(v, language) for v in row] for row in stored_rows(book[sheet], where)]
    return _core.results.from_sheet(rows, getattr(_core.table_kind, kind), where, 1, language)


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
