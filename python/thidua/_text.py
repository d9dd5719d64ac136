"""Words and formats of what thidua shows, all from the C++ core: table labels from its catalog of texts, the
language check, and numbers and dates as a language writes them."""

from __future__ import annotations

from typing import Dict, Optional

from . import _core


def texts(prefix: str) -> Dict[str, Dict[str, str]]:
    """The core's catalog of texts whose ids start with ``prefix`` ("label."), by language, keyed without it."""
    out: Dict[str, Dict[str, str]] = {"vi": {}, "en": {}}
    for message_id, vi, en in _core.messages():
        if message_id.startswith(prefix):
            out["vi"][message_id[len(prefix):]] = vi
            out["en"][message_id[len(prefix):]] = en
    return out


# The labels of tables and sheets (the ``label.*`` messages).
LABELS: Dict[str, Dict[str, str]] = texts("label.")


def language(default: str, lang: Optional[str]) -> str:
    """``lang``, else ``default`` (a campaign's language): "vi" or "en", another is a :class:`thidua.SchemaError`."""
    return str(_core.check_language(lang or default))


def number(text: str, lang: str, group: bool = False) -> str:
    """A decimal string as written in the language, with the digits it has: a decimal comma in Vietnamese,
    thousands grouped when ``group``."""
    _, point, fraction = text.partition(".")
    return str(_core.format_number(text, lang, len(fraction) if point else 0, group))


def percent(share: str, lang: str, digits: int = -1) -> str:
    """A share (a decimal string, "0.8333") as a percentage in the language: "83,33 %" or "83.33%"."""
    return str(_core.format_percent(share, lang, digits))


def day(iso: str, lang: str) -> str:
    """2024-08-10 in English, 10/08/2024 in Vietnamese."""
    return str(_core.format_date(iso, lang))
