"""The JSON text a compiled object produces, also as a dict (shared by Campaign and Report)."""

from __future__ import annotations

import json
from functools import cached_property
from typing import Any, Dict, Protocol


class _WritesJson(Protocol):
    def to_json(self) -> str: ...


class JsonView:
    """For wrappers holding ``self._cpp`` whose ``to_json()`` is the canonical or report document."""

    _cpp: _WritesJson

    def to_json(self) -> str:
        """The JSON text (the same input gives the same bytes)."""
        return self._cpp.to_json()

    @cached_property
    def _dict(self) -> Dict[str, Any]:
        return self.to_dict()

    def to_dict(self) -> Dict[str, Any]:
        """The document as a new dict."""
        document: Dict[str, Any] = json.loads(self._cpp.to_json())
        return document
