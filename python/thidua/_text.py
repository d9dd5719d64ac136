"""Words and formats of what thidua shows, all from the C++ core: table labels from its catalog of texts, the
language check, and numbers and dates as a language writes them."""

from __future__ import annotations

from typing import Dict, Optional

from . import _core


def _labels() -> Dict[str, Dict[str, str]]:
    """The labels of tables and sheets, from the core's catalog of texts (its ``label.*`` messages)."""
    out: Dict[str, Dict[str, str]] = {"vi": {}, "en": {}}
    for message_id, vi, en in _core.messages():
        if message_id.startswith("label."):
            out["vi"][message_id[len("label."):]] = vi
            out["en"][message_id[len("label."):]] = en
    return out


LABELS: Dict[str, Dict[str, str]] = _labels()


def language(default: str, lang: Optional[str]) -> str:
    """``lang``, else ``default`` (a campaign's language): "vi" or "en", another is a :class:`thidua.SchemaError`."""
    return str(_core.check_language(lang or default))


def number(text: str, lang: str, group: bool = False) -> str:
    """A decimal string as written in the language, with the digits it has: a decimal comma in Vietnamese,
    thousands grouped when ``group``."""
    _, point, fraction = text.partition(".")
    return str(_core.format_number(text, lang, len(fraction) if point else 0, group))


def day(iso: str, lang: str) -> str:
    """2024-08-10 in English, 10/08/2024 in Vietnamese."""
    return str(_core.format_date(iso, lang))
