"""The legal tables (docs/legal.md), read from the core: the base salary (mức lương cơ sở) by date and the cash
multipliers of the collective emulation titles under each decree, every figure with its source (document, article
when it was read, a page that quotes it).

A campaign uses them through ``decided`` (the day of the award decision), ``"base_salary": "legal"`` and an
award's ``legal_title``; its own figures override them.

Examples
--------
>>> thidua.legal.base_salary("2024-07-01")                        # doctest: +SKIP
2340000
>>> thidua.legal.title("co-thi-dua-tinh", "2025-03-01")["multiplier"]  # doctest: +SKIP
'8'
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, List, Optional, Union

from . import _core

Day = Union[str, _dt.date]


def _iso(day: Day) -> str:
    return day.isoformat() if isinstance(day, _dt.date) else str(day)


def base_salary(day: Day) -> int:
    """The base salary in VND per month in force on ``day`` (``"2024-07-01"`` or a date): 2340000. A day before the
    first the tables know is a ``ValueError``."""
    found = _core.legal_base_salary_on(_iso(day))
    if found is None:
        raise ValueError(f"the legal tables have no base salary on {_iso(day)}")
    return int(found["amount"])


def base_salaries() -> List[Dict[str, Any]]:
    """Every base salary of the tables, in date order: ``from``, ``amount`` (text), ``document``, ``article`` (None
    when it was not read) and ``url``."""
    return [dict(s) for s in _core.legal_base_salaries()]


def decree(day: Day) -> Optional[Dict[str, Any]]:
    """The decree on emulation and commendation in force on ``day`` (``id``, ``title``, ``from``, ``until``, the
    source), or None."""
    found = _core.legal_decree_on(_iso(day))
    return None if found is None else dict(found)


def decrees() -> List[Dict[str, Any]]:
    """The decrees the tables know, in date order."""
    return [dict(d) for d in _core.legal_decrees()]


def title(title_id: str, day: Day) -> Optional[Dict[str, Any]]:
    """Collective title ``title_id`` (``co-thi-dua-tinh`` …) under the decree in force on ``day``: ``decree``,
    ``id``, ``name``, ``multiplier`` (text) and its source; None when that decree has no such title in the
    tables."""
    found = _core.legal_title_on(title_id, _iso(day))
    return None if found is None else dict(found)


def titles() -> List[Dict[str, Any]]:
    """Every collective title of the tables, per decree."""
    return [dict(t) for t in _core.legal_titles()]
