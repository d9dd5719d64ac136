"""Turning what a user hands us (a path, a dict, JSON or CSV text, a DataFrame) into documents for the core."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import json
import os
import stat
from typing import Any, Dict, List, Optional, Tuple, Type

from . import _core

Source = Any  # str | os.PathLike | dict | bytes | pandas.DataFrame

# The core's cap on one document (thidua::limits::max_input_bytes): a file is refused on its size before it is read.
MAX_INPUT_BYTES: int = _core.max_input_bytes


def _is_dataframe(obj: object) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "to_dict")


def error(
    cls: Type[_core.Error], message: str, document: str, *, line: Optional[int] = None, column: Optional[str] = None,
    cell: Optional[str] = None,
) -> _core.Error:
    """An exception of the thidua hierarchy built in Python, with the attributes and the text the C++ core gives
    (the core words the place)."""
    where = _core.location_text(document, "", line or 0, column or "", cell or "")
    exc = cls(f"{where}: {message}" if where else message)
    exc.message = message
    exc.document = document
    exc.pointer = "" if line is None and cell is None else None
    exc.line = line
    exc.column = column
    exc.cell = cell
    return exc


def row_labels(source: Any) -> Optional[List[Any]]:
    """How the user names the rows of a table given as records: a DataFrame's index labels; None for a list (its
    positions name them)."""
    return list(source.index) if _is_dataframe(source) else None


def records_document(source: Any, kind: str) -> str:
    """The name errors give a table of records: "DataFrame" for results ("votes DataFrame" …), "results list" …"""
    if _is_dataframe(source):
        return "DataFrame" if kind == "results" else f"{kind} DataFrame"
    return f"{kind} list"


def at_row(exc: _core.Error, labels: Dict[str, Tuple[str, Optional[List[Any]]]]) -> _core.Error:
    """The error of a table given as records (a DataFrame's, a list of dicts; ``labels`` maps each such table's
    document name to its kind and its row labels, see row_labels) named by its row as the user wrote it: the
    DataFrame's index label (``row 'xa-1', column value``) or the list position; never a cell of the sheet the
    records were handed over as."""
    if exc.document not in labels or not exc.line or exc.line < 2:
        return exc
    kind, rows = labels[exc.document]
    row = exc.line - 2  # line 1 is the header
    label = rows[row] if rows is not None and row < len(rows) else row
    cell = f"row {label!r}" + (f", column {exc.column}" if exc.column else "")
    named = error(type(exc), exc.message, exc.document, cell=cell)
    named.pointer = f"/{kind}/{row}" + (f"/{exc.column}" if exc.column else "")  # the record, as a results document
    return named


def _position(data: str | bytes, offset: int) -> Tuple[int, str]:
    """The line (1-based) and character column (as text, 1-based) of an offset."""
    newline = b"\n" if isinstance(data, bytes) else "\n"
    start = data.rfind(newline, 0, offset) + 1  # type: ignore[arg-type]
    before = data[start:offset]
    chars = len(before.decode("utf-8", "replace")) if isinstance(before, bytes) else len(before)
    return data.count(newline, 0, offset) + 1, str(chars + 1)  # type: ignore[arg-type]


def _decoded(data: bytes, document: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise error(_core.ParseError, "the text is not valid UTF-8 (save it as UTF-8)", document,
                    line=line, column=column) from None


def _encodable(text: str, document: str) -> str:
    """The text, when it can go to the core as UTF-8 (a str may hold lone surrogates, which cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = _position(text, exc.start)
        raise error(_core.ParseError, "the text holds a lone surrogate, which UTF-8 cannot encode", document,
                    line=line, column=column) from None
    return text


def _read_file(path: str, document: str) -> str:
    try:
        info = os.stat(path)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size <= MAX_INPUT_BYTES:
            with open(path, "rb") as handle:
                data = handle.read(MAX_INPUT_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL character in the path
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise error(_core.ParseError, f"cannot read the file: {reason}", document) from None
    if not regular:
        raise error(_core.ParseError, "not a file that can be read as a document (a directory?)", document)
    if info.st_size > MAX_INPUT_BYTES:
        raise error(_core.LimitError, f"the file has {info.st_size} bytes, more than the limit of "
                    f"{MAX_INPUT_BYTES} (thidua::limits::max_input_bytes)", document)
    return _decoded(data, document)


def dumps(value: object, document: str) -> str:
    """JSON text of a Python value for the core; values JSON cannot carry are a thidua.SchemaError."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=_json_default)
    except RecursionError:
        raise error(_core.LimitError, "the value is nested too deeply to be a document", document) from None
    except (TypeError, ValueError) as exc:  # an unknown type, a key that is not text, a circular reference
        raise error(_core.SchemaError, f"the value cannot be written as JSON: {exc}", document) from None
    return _encodable(text, document)


def read_source(source: Source, *, default_document: str) -> Tuple[str, str, str]:
    """Returns (kind, text, document): kind is "json" or "csv"; document names the source in errors.

    Whatever `source` is, a problem with it is a :class:`thidua.Error`: a missing or unreadable file is a
    ParseError naming the path, an object of another type a SchemaError.
    """
    if isinstance(source, dict):
        return "json", dumps(source, default_document), default_document
    if isinstance(source, (bytes, bytearray, memoryview)):
        source = _decoded(bytes(source), default_document)
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return "json", _encodable(source, default_document), default_document
    if isinstance(source, (str, os.PathLike)):
        try:
            path = os.fsdecode(source)
        except TypeError as exc:  # a PathLike whose __fspath__ returns something else
            raise error(_core.SchemaError, str(exc), default_document) from None
        # A path with bytes that are not UTF-8 is named with U+FFFD in messages (the core takes UTF-8 text).
        document = path.encode("utf-8", "replace").decode("utf-8")
        text = _read_file(path, document)
        kind = "csv" if path.lower().endswith(".csv") else "json"
        return kind, text, document
    raise error(
        _core.SchemaError,
        f"expected a path, a dict, JSON text or a DataFrame, not {type(source).__name__}",
        default_document,
    )


def _json_default(value: object) -> object:
    """Exact JSON for values json.dumps does not know: Decimal as a string, dates as ISO text, numpy scalars."""
    if isinstance(value, _decimal.Decimal):
        return str(value)
    if isinstance(value, (_dt.datetime,)):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item):
        return item()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def cell_text(value: Any, language: str = "") -> str:
    """A typed cell (of a DataFrame, a dict, a workbook) as the text a table in `language` holds, so that the core
    reads it back exactly: "" when empty (None, NaN, NaT), true/false, whole numbers without ".0", decimals with the
    language's decimal mark (a comma in Vietnamese: 1.234 as "1,234", never "1.234", which would be a thousand),
    ISO dates; text as written."""
    if value is None or isinstance(value, str):
        return value or ""
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp (NaT is caught below)
        value = value.to_pydatetime() if value == value else None
    item = getattr(value, "item", None)  # numpy scalars
    if callable(item) and not isinstance(value, (_dt.date, _decimal.Decimal)):
        value = item()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:
            return ""
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, _decimal.Decimal):
        if not value.is_finite():
            return "" if value.is_nan() else str(value)
        text = format(value, "f")
    elif isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, _dt.date):
        return value.isoformat()
    else:
        return str(value)
    return text.replace(".", ",") if language == "vi" else text


def records_to_rows(records: Any, key: str, document: str, language: str = "") -> List[List[str]]:
    """The cells of a table given as records (a DataFrame's, or a list of dicts) under `key` ("results", "votes"
    or "events"), its header first, as text for the core's table reader (see cell_text)."""
    if _is_dataframe(records):
        header = [str(name) for name in records.columns]
        columns = [records[name].tolist() for name in records.columns]
        return [header] + [[cell_text(v, language) for v in row] for row in zip(*columns)]
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise error(_core.SchemaError, f"expected a DataFrame or a list of dicts for the {key}, not "
                    f"{type(records).__name__}", document)
    names: Dict[str, None] = {}
    for record in records:
        names.update(dict.fromkeys(map(str, record)))
    header = list(names)
    return [header] + [[cell_text(record.get(name), language) for name in header] for record in
                       ({str(k): v for k, v in r.items()} for r in records)]


def path_of(source: Source) -> Optional[str]:
    """The file path `source` names, or None when it is not a path (a dict, JSON text, a DataFrame …)."""
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith(("{", "["))):
        try:
            return os.fsdecode(source)
        except TypeError:
            return None
    return None
