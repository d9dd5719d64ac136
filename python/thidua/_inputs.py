"""Turning what a user hands us (a path, a dict, JSON or CSV text, a DataFrame) into documents for the core."""

from __future__ import annotations

import datetime as _dt
import decimal as _decimal
import json
import os
from typing import Any, Tuple

Source = Any  # str | os.PathLike | dict | bytes | pandas.DataFrame


def _is_dataframe(obj: object) -> bool:
    return type(obj).__name__ == "DataFrame" and hasattr(obj, "to_dict")


def read_source(source: Source, *, default_document: str) -> Tuple[str, str, str]:
    """Returns (kind, text, document): kind is "json" or "csv"; document names the source in errors."""
    if isinstance(source, dict):
        return "json", json.dumps(source, ensure_ascii=False, default=_json_default), default_document
    if isinstance(source, bytes):
        source = source.decode("utf-8")
    if isinstance(source, str) and source.lstrip().startswith(("{", "[")):
        return "json", source, default_document
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        kind = "csv" if path.lower().endswith(".csv") else "json"
        return kind, text, path
    raise TypeError(
        f"expected a path, a dict, JSON text or a DataFrame, not {type(source).__name__}"
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


def _cell(value: object) -> object:
    """A DataFrame cell as a JSON value; None for an empty cell."""
    if value is None:
        return None
    try:
        if value != value:  # NaN, NaT
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        return value.to_pydatetime().date().isoformat()
    if isinstance(value, (_dt.date, _decimal.Decimal)):
        return _json_default(value)
    item = getattr(value, "item", None)
    if callable(item):
        value = item()
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 3.0 from a column that also holds NaN
    return value


def dataframe_to_results(frame: Any, campaign_id: str) -> str:
    """A results document from a DataFrame with the CSV columns; row i becomes /results/i."""
    rows = []
    for record in frame.to_dict(orient="records"):
        row = {}
        for key, value in record.items():
            cell = _cell(value)
            if cell is not None and cell != "":
                row[str(key)] = cell
        rows.append(row)
    document = {"thidua_results": 1, "campaign": campaign_id, "results": rows}
    return json.dumps(document, ensure_ascii=False, default=_json_default)
