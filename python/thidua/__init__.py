"""thidua — score Vietnamese emulation movements (phong trào thi đua) exactly.

Quick start::

    import thidua

    campaign = thidua.load_campaign("docs/examples/hong-linh-dot-dac-biet-2024/campaign.json")
    report = campaign.score("docs/examples/hong-linh-dot-dac-biet-2024/results.json")  # or .csv with votes=, events=
    print(report)                       # the ranked table per cluster
    report.unit("bac-hong")["total"]    # '101.23' — decimals are exact strings
    report.to_pandas()                  # one row per unit (decimal.Decimal; exact=False for floats)
    report.to_pandas("points")          # one row per (unit, phase, criterion)
    report.plot.ranking()               # matplotlib Axes
    report.to_excel("report.xlsx")      # summary and points sheets
    report.explain("bac-hong", lang="en")

Every number is an exact decimal computed by the C++ core (``thidua._core``); bad input raises
:class:`thidua.Error` (a ``ValueError``) whose ``pointer`` (or ``line`` and ``column``) names the place.
See docs/python.md for every public name.
"""

try:
    from . import _core
except ImportError as exc:  # pragma: no cover - only without a build
    raise ImportError(
        "thidua's compiled core (thidua._core) is not built: run `make build` in the source tree, "
        "or `pip install --no-build-isolation .`"
    ) from exc

import json as _json
from typing import Any, Dict

from ._core import Error, IdError, LimitError, OutOfRangeError, ParseError, SchemaError, ValidationError, simd_path
from .campaign import Campaign, load_campaign, load_results
from .explanation import Explanation
from .report import Report
from .columnar import score_arrays
from .stability import stability
from .warnings import InputWarning, ThiduaWarning

__version__: str = _core.__version__


def json_schema(name: str) -> Dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the ``"campaign"`` or ``"results"`` document, as a dict.

    The text comes from the C++ core, so every tool sees the same schema; it checks keys, types and shapes, and its
    top-level ``description`` lists the rules only the library checks (phases tiling the campaign, weights summing to
    1, references between ids …). Raises :class:`thidua.SchemaError` for another name.
    """
    schema: Dict[str, Any] = _json.loads(_core.json_schema(name))
    return schema


__all__ = [
    "Campaign",
    "Error",
    "Explanation",
    "IdError",
    "InputWarning",
    "LimitError",
    "OutOfRangeError",
    "ParseError",
    "Report",
    "SchemaError",
    "ThiduaWarning",
    "ValidationError",
    "__version__",
    "json_schema",
    "load_campaign",
    "load_results",
    "score_arrays",
    "simd_path",
    "stability",
]
