"""Explanations of a unit's report: structured steps and prose."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_FIELDS = ("step", "phase", "subject", "inputs", "rule", "threshold", "points", "max", "text", "depth")


class Explanation:
    """How one unit's report came about. ``str()`` gives the prose; :attr:`steps` the structured records."""

    def __init__(self, cpp: _core.explanation, lang: str) -> None:
        self.unit: str = cpp.unit
        self.lang = lang
        self.steps: List[Dict[str, Any]] = [
            {f: (dict(getattr(s, f)) if f == "inputs" else getattr(s, f)) for f in _FIELDS} for s in cpp.steps
        ]
        self.text: str = cpp.prose()

    def to_pandas(self) -> "pd.DataFrame":
        """The steps as a DataFrame (one row per step).

        Examples
        --------
        >>> report.explain("nhan-chinh").to_pandas()[["step", "points", "text"]]  # doctest: +SKIP
        """
        import pandas as pd

        return pd.DataFrame(self.steps, columns=list(_FIELDS))

    def to_markdown(self) -> str:
        """The prose as Markdown: each top-level step a paragraph, its details a list.

        Examples
        --------
        >>> print(report.explain("nhan-chinh").to_markdown())  # doctest: +SKIP
        """
        from ._repr import markdown_explanation

        return markdown_explanation(self)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<thidua.Explanation of {self.unit!r} ({self.lang}): {len(self.steps)} steps>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self) if cycle else self.text.rstrip("\n"))

    def _repr_html_(self) -> str:
        from ._repr import html_explanation

        return html_explanation(self)
