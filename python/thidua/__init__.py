"""thidua — score Vietnamese emulation movements (phong trào thi đua) exactly.

Quick start::

    import thidua

    campaign = thidua.load_campaign("docs/examples/hong-linh-dot-dac-biet-2024/campaign.json")
    report = campaign.score("docs/examples/hong-linh-dot-dac-biet-2024/results.csv")
    print(report)                       # the per-unit table
    report.unit("bac-hong")["total"]    # '…' — decimals are exact strings
    report.to_pandas()                  # one row per unit
    report.explain("bac-hong", lang="en")

Every number is an exact decimal computed by the C++ core (``thidua._core``); bad input raises
:class:`thidua.Error` (a ``ValueError``) whose ``pointer`` (or ``line`` and ``column``) names the place.
"""

try:
    from . import _core
except ImportError as exc:  # pragma: no cover - only without a build
    raise ImportError(
        "thidua's compiled core (thidua._core) is not built: run `make build` in the source tree, "
        "or `pip install --no-build-isolation .`"
    ) from exc

from ._core import Error, IdError, OutOfRangeError, ParseError, SchemaError, ValidationError
from .campaign import Campaign, load_campaign, load_results
from .report import Report

__version__: str = _core.__version__

__all__ = [
    "Campaign",
    "Error",
    "IdError",
    "OutOfRangeError",
    "ParseError",
    "Report",
    "SchemaError",
    "ValidationError",
    "__version__",
    "load_campaign",
    "load_results",
]
