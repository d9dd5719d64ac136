"""Scoring a population given as numpy arrays: all communes of the country, what-if variants, many years.

Values are decimals in micros (``int64``, used where they are, without a copy) or ``float64`` (converted
exactly: each value must be the double nearest to a decimal with at most 6 fractional digits, such as 7.78;
``NaN`` marks a missing value). Any other dtype, or an array that is not C-contiguous, is a ``TypeError``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _core
from .campaign import Campaign
from .report import Report

Array = npt.NDArray[Any]
Arrays = Union[Array, Mapping[str, Array], Sequence[Array]]


def _per_phase(arrays: Optional[Arrays], phases: Sequence[str], what: str) -> List[Optional[Array]]:
    if arrays is None:
        return []
    if isinstance(arrays, np.ndarray):
        if len(phases) != 1:
            raise TypeError(f"{what}: the campaign has {len(phases)} phases; give a dict phase id → array")
        return [arrays]
    if isinstance(arrays, Mapping):
        unknown = set(arrays) - set(phases)
        if unknown:
            raise TypeError(f"{what}: unknown phases {sorted(unknown)} (phases: {list(phases)})")
        return [arrays.get(p) for p in phases]
    listed: List[Optional[Array]] = list(arrays)
    if len(listed) != len(phases):
        raise TypeError(f"{what}: expected {len(phases)} arrays, one per phase")
    return listed


def _strings(values: Any, n: int, what: str) -> List[str]:
    if isinstance(values, str):
        return [values]  # one for every unit
    out = [str(v) for v in (values.tolist() if hasattr(values, "tolist") else values)]
    if len(out) != n:
        raise TypeError(f"{what}: expected {n} entries, found {len(out)}")
    return out


def score_arrays(
    campaign: Campaign,
    values: Arrays,
    *,
    ids: Optional[Sequence[str]] = None,
    kinds: Union[str, Sequence[str], None] = None,
    clusters: Union[str, Sequence[str], None] = None,
    names: Optional[Sequence[str]] = None,
    targets: Optional[Arrays] = None,
    statuses: Optional[Arrays] = None,
    votes: Optional[Tuple[Array, Array]] = None,
    events: Optional[Array] = None,
    attributes: Optional[Dict[str, Array]] = None,
) -> Report:
    """Scores the campaign's rules for units given as arrays.

    Parameters
    ----------
    campaign
        The rules (its own units are used when ``ids`` is left out).
    values
        Per phase, a units × criteria array in the order the phase lists its criteria: ``int64`` micros
        (zero-copy) or ``float64``. A single array for a single-phase campaign, else a dict phase id → array.
    ids, kinds, clusters, names
        The population. Without ``ids`` the units are named by their row ("0", "1", …) unless the arrays have
        one row per unit of the campaign (then its units are scored). ``kinds`` may be one string for every unit;
        ``clusters`` may be one cluster id for every unit, or an integer array of positions in the campaign's
        cluster list (the fast way for millions of units).
    targets
        Like ``values``; 0 (or NaN) means the registered or rule target.
    statuses
        Like ``values`` with ``uint8`` codes: 0 reported, 1 missing, 2 absent, 3 exempt, 4 not applicable.
    votes
        ``(yes, of)``: two ``int64`` arrays (``of`` 0: no vote). Left out while an award needs votes (or the
        tie-break chain has ``vote``), the report warns (``no_votes``, a :class:`thidua.InputWarning`).
    events
        A units × adjustments ``int64`` array of event counts. Left out while the campaign declares adjustments, the
        report warns (``no_events``); an array of zeros says that none happened.
    attributes
        Numeric unit attributes (``float64`` arrays, NaN for none), for the ``attribute`` tie-break.

    Examples
    --------
    >>> report = thidua.score_arrays(campaign, values, ids=ids, clusters=cluster_ids)  # doctest: +SKIP
    >>> report.to_pandas()["total"].describe()  # doctest: +SKIP
    """
    rules = campaign._dict
    phases = [p["id"] for p in rules.get("phases", [])] or ["main"]
    value_list = _per_phase(values, phases, "values")
    first = value_list[0] if value_list else None
    n = int(first.shape[0]) if first is not None and hasattr(first, "shape") else 0
    if ids is None and clusters is None and n == len(rules["units"]):
        units = rules["units"]  # the campaign's own units
        ids = [u["id"] for u in units]
        kinds = [u.get("kind", "") for u in units] if kinds is None else kinds
        clusters = [u["cluster"] for u in units]
        names = [u.get("name", "") for u in units] if names is None else names
    if clusters is None:
        raise TypeError("clusters: give each unit's cluster (one id for all, ids, or positions in the campaign's list)")
    cluster_indices = None
    if isinstance(clusters, np.ndarray) and np.issubdtype(clusters.dtype, np.integer):
        if clusters.shape != (n,):
            raise TypeError(f"clusters: expected {n} positions, found shape {clusters.shape}")
        if clusters.size and (clusters.min() < 0 or clusters.max() >= len(rules["clusters"])):
            raise TypeError(f"clusters: positions must lie in 0…{len(rules['clusters']) - 1}")
        cluster_indices = np.ascontiguousarray(clusters, dtype=np.uint32)
        clusters = []
    elif isinstance(clusters, str):
        clusters = [clusters] * n
    else:
        clusters = _strings(clusters, n, "clusters")
    ids = _strings(ids, n, "ids") if ids is not None else []
    kinds = _strings("" if kinds is None else kinds, n, "kinds")
    names = _strings(names, n, "names") if names is not None else []
    yes, of = votes if votes is not None else (None, None)
    cpp = _core.score_arrays(
        campaign._cpp, ids, kinds, clusters, cluster_indices, names, value_list, _per_phase(targets, phases, "targets"),
        _per_phase(statuses, phases, "statuses"), yes, of, events, dict(attributes or {}),
    )
    return Report._from_cpp(cpp, campaign)._warn()
