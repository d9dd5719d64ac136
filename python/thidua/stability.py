"""Stability analysis: how likely each unit keeps its class, its awards and its rank under uncertainty.

Each draw jitters every criterion's max points by a relative factor in [1 − jitter, 1 + jitter] and, with
``value_noise``, adds relative Gaussian noise to the reported values, then re-scores, re-ranks, re-classifies and
re-awards exactly as a report does (a perturbed value is first brought into its rule's domain: a manual value never
earns more than its max_points). The jittered scores use floating point (this estimates probabilities); the
results depend only on ``seed``, never on the number of threads or on how the draws are split.

Memory grows with the units, not with the square of a cluster: each unit keeps at most ``rank_bins`` rank
counters, so one cluster of 100 000 units runs 1 000 draws in seconds and well under a gigabyte.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _core
from ._inputs import Source
from .campaign import Campaign
from .frames import class_column, cluster_column, unit_index
from .report import Report

if TYPE_CHECKING:  # pragma: no cover
    import pandas


def stability(
    campaign: Union[Campaign, Report],
    results: Optional[Source] = None,
    *,
    draws: int = 10_000,
    weight_jitter: float = 0.1,
    value_noise: Optional[float] = None,
    seed: int = 0,
    progress: bool = True,
    threads: int = 0,
    rank_bins: int = 512,
    memory_cap: Optional[int] = None,
    margins: Optional[bool] = None,
) -> "pandas.DataFrame":
    """Per unit: P(same class), P(same awards), P(rank 1 in its cluster), mean rank and the 5 %/95 % rank quantiles.

    Parameters
    ----------
    campaign, results
        What to analyse: a campaign and its results, or a :class:`Report` (then ``results`` is left out).
    draws
        How many perturbed copies to score.
    weight_jitter
        Relative jitter of each criterion's max points (0.1: ±10 %).
    value_noise
        Relative standard deviation of noise on reported values (``None``: none).
    seed
        The random seed; the same seed gives the same table.
    progress
        Show a tqdm progress bar (in notebooks and terminals).
    threads
        Threads to use; 0: every hardware thread, or as many as ``memory_cap`` leaves room for.
    rank_bins
        The most rank counters a unit keeps (at least 16). In a cluster of at most ``rank_bins`` units every
        figure is exact. In a larger cluster ``p_rank1`` and ``mean_rank`` stay exact; a unit's ranks within
        ``(rank_bins - 1) // 4`` (127) of its rank in the report are counted one by one, farther ones in bins that
        widen geometrically outwards, and a ``rank_q05``/``rank_q95`` that falls in such a bin is interpolated
        within it: it lies in the same bin as the exact quantile, less than the bin's width away.
    memory_cap
        The bytes the analysis may take, estimated before it allocates anything (``None``: 4 GiB); beyond it
        :class:`thidua.LimitError`, naming the figures.
    margins
        Add each unit's margins (:meth:`Report.margins`) beside its probabilities: ``margin_class``, the points it
        lacks for its next class up, and ``margin_rank``, for its next rank up (NaN at the top, or when points
        alone cannot). ``None`` (the default): when the report was scored from result rows and has at most 1 000
        units (each margin is a bisection over what-ifs of the whole report).

    Returns
    -------
    pandas.DataFrame
        Indexed by unit id, with ``cluster``, ``class`` (of the report), ``p_same_class``, ``p_same_awards``,
        ``p_rank1``, ``mean_rank``, ``rank_q05`` and ``rank_q95``, then ``margin_class`` and ``margin_rank``
        (see ``margins``).

    Raises
    ------
    thidua.LimitError
        When the analysis would take more than ``memory_cap``.
    ValueError
        When ``draws`` is below 1 or ``rank_bins`` below 16.

    Examples
    --------
    >>> frame = thidua.stability(report, draws=2000, weight_jitter=0.1, seed=1)  # doctest: +SKIP
    >>> frame.sort_values("p_same_class").head()  # doctest: +SKIP
    """
    import pandas as pd

    report = campaign if isinstance(campaign, Report) else campaign.score(results)
    if draws < 1:
        raise ValueError("draws must be at least 1")
    caps = {} if memory_cap is None else {"memory_cap": int(memory_cap)}
    analysis = _core.stability_run(report._cpp, float(weight_jitter), float(value_noise or 0.0), int(seed), int(threads),
                                   rank_bins=int(rank_bins), **caps)
    # Chunks only to move the progress bar: each one starts the threads again.
    chunk = max(1, min(draws, draws // 100 or 1)) if progress else draws
    bar = _progress_bar(draws) if progress else None
    try:
        for first in range(0, draws, chunk):
            last = min(draws, first + chunk)
            analysis.run(first, last)
            if bar is not None:
                bar.update(last - first)
    finally:
        if bar is not None:
            bar.close()
    # The report's order and index, as to_pandas() gives them: rows of the same units line up.
    data = report._data
    frame = pd.DataFrame(analysis.table()).iloc[data.order].set_index(unit_index(data))
    frame.insert(0, "class", class_column(data))
    frame.insert(0, "cluster", cluster_column(data))
    if margins is None:
        margins = report._from_results and data.units <= 1000
    if margins:
        found = report.margins(closing_values=False)
        for name, prefix in (("margin_class", "class:"), ("margin_rank", "rank:")):
            rows = found[found["target"].str.startswith(prefix)].set_index("unit")["delta"]
            frame[name] = pd.to_numeric(rows.reindex(frame.index), errors="coerce").astype(float)
    return frame


class _PlainBar:
    """Progress on stderr, one line rewritten, when tqdm (the ``progress`` extra) is not installed."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0

    def update(self, n: int) -> None:
        self.done += n
        sys.stderr.write(f"\rstability: {self.done}/{self.total} draws")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")


def _progress_bar(total: int) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _PlainBar(total)
    return tqdm(total=total, desc="stability", unit="draw")
