"""thidua — score Vietnamese emulation movements (phong trào thi đua) exactly.

Quick start::

    import thidua

    campaign = thidua.load_campaign("docs/examples/hong-linh-dot-dac-biet-2024/campaign.json")
    report = campaign.score("docs/examples/hong-linh-dot-dac-biet-2024/results.json")  # or .csv with votes=, events=
    print(report)                       # the ranked table per cluster
    report.unit("bac-hong")["total"]    # '101.23' — decimals are exact strings
    report.to_pandas()                  # one row per unit (float64; exact=True for decimal.Decimal)
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

from ._core import Error, IdError, LimitError, OutOfRangeError, ParseError, SchemaError, ValidationError
from .engine import simd_path
from .campaign import Campaign, load_campaign, load_results
from .columnar import score_arrays
from .diff import ReportDiff, diff
from .many import score_many
from .explanation import Explanation
from .report import Report
from .schema import json_schema
from .stability import stability
from .warnings import InputWarning, ThiduaWarning
from . import legal
from ._history import history

__version__: str = _core.__version__

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
    "ReportDiff",
    "SchemaError",
    "ThiduaWarning",
    "ValidationError",
    "__version__",
    "diff",
    "history",
    "json_schema",
    "legal",
    "load_campaign",
    "load_results",
    "score_arrays",
    "score_many",
    "simd_path",
    "stability",
]


def __dir__() -> "list[str]":
    # Only the public names: not the modules and helpers an import leaves in the package's namespace.
    return sorted(__all__)
