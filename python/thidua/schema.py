"""The JSON Schemas of the campaign and results documents, as the C++ core writes them."""

from __future__ import annotations

import json
from typing import Any, Dict

from . import _core


def json_schema(name: str) -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``"campaign"`` or ``"results"`` document, as a dict.

    The text comes from the C++ core, so every tool sees the same schema; it checks keys, types and shapes, and its
    top-level ``description`` lists the rules only the library checks (phases tiling the campaign, weights summing to
    1, references between ids …). Raises :class:`thidua.SchemaError` for another name.

    Examples
    --------
    >>> import thidua
    >>> thidua.json_schema("campaign")["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    schema: Dict[str, Any] = json.loads(_core.json_schema(name))
    return schema
