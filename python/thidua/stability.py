"""Stability analysis: how likely each unit keeps its class, its awards and its rank under uncertainty.

Each draw jitters every criterion's max points by a relative factor in [1 − jitter, 1 + jitter] and, with
``value_noise``, adds relative Gaussian noise to the reported values, then re-scores, re-ranks, re-classifies and
re-awards exactly as a report does (a perturbed value is first brought into its rule's domain: a manual value never
earns more than its max_points). The jittered scores use floating point (this estimates probabilities); the
results depend only on ``seed``, never on the number of threads or on how the draws are split.

Memory grows with the units, not with the square of a cluster: each unit keeps at most ``rank_bins`` rank
counters, so one cluster of 100 000 units runs 1 000 draws in seconds and well under a gigabyte.

With a ``dask.distributed`` client the draws are split across its workers: each scores the report again from its
canonical documents, runs its share of the draws and sends back its counts as bytes, which the core adds exactly
(``stability_run.merge``), so the table is the local one byte for byte.
"""

from __future__ import annotations

import pickle
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union

from . import _core
from ._inputs import Source
from .campaign import Campaign
from .frames import class_column, cluster_column, unit_index
from .report import Report

if TYPE_CHECKING:  # pragma: no cover
    import distributed
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
    client: Optional["distributed.Client"] = None,
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
        Threads to use; 0: every hardware thread, or as many as ``memory_cap`` leaves room for. With ``client``,
        the threads of each worker (0: as many as the worker has, its ``nthreads``).
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
    client
        A ``dask.distributed`` client: the draws are split across its workers in shares as large as their thread
        counts, one task per worker (the report travels pickled: its campaign and results documents; a report of
        :func:`thidua.score_arrays` cannot). The table is the same, byte for byte, as without a client: each draw
        depends on ``seed`` only, and the counts are integers added exactly. The progress bar moves as each
        worker's share arrives.

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
    TypeError
        With ``client``, for a report that cannot be pickled (scored from arrays).

    Examples
    --------
    >>> frame = thidua.stability(report, draws=2000, weight_jitter=0.1, seed=1)  # doctest: +SKIP
    >>> frame.sort_values("p_same_class").head()  # doctest: +SKIP
    >>> frame = thidua.stability(report, draws=100_000, client=distributed.Client(...))  # doctest: +SKIP
    """
    import pandas as pd

    report = campaign if isinstance(campaign, Report) else campaign.score(results)
    if draws < 1:
        raise ValueError("draws must be at least 1")
    options: Dict[str, Any] = {"weight_jitter": float(weight_jitter), "value_noise": float(value_noise or 0.0),
                               "seed": int(seed), "rank_bins": int(rank_bins)}
    if memory_cap is not None:
        options["memory_cap"] = int(memory_cap)
    # Here too with a client: it checks the options and the memory cap before any task leaves, and adds the shares.
    analysis = _core.stability_run(report._cpp, threads=int(threads), **options)
    bar = _progress_bar(draws) if progress else None
    try:
        if client is None:
            # Chunks only to move the progress bar: each one starts the threads again.
            chunk = max(1, min(draws, draws // 100 or 1)) if progress else draws
            for first in range(0, draws, chunk):
                last = min(draws, first + chunk)
                analysis.run(first, last)
                if bar is not None:
                    bar.update(last - first)
        else:
            _run_on_cluster(client, report, options, draws, int(threads), analysis, bar)
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


def _shares(draws: int, workers: Dict[str, int]) -> List[Tuple[str, int, int]]:
    """(worker, first, last) of each worker's share of the draws, as large as its thread count; none empty."""
    total, done, out = sum(workers.values()), 0, []
    for address, nthreads in sorted(workers.items()):
        first = draws * done // total
        done += nthreads
        last = draws * done // total
        if last > first:
            out.append((address, first, last))
    return out


def _run_on_cluster(client: "distributed.Client", report: Report, options: Dict[str, Any], draws: int, threads: int,
                    analysis: _core.stability_run, bar: Any) -> None:
    """Runs the draws as one task per worker and merges the counts each sends back into ``analysis``."""
    from distributed import as_completed

    state = pickle.dumps(report)  # here: a report that cannot travel fails before anything is sent
    workers = {address: int(info["nthreads"]) for address, info in client.scheduler_info()["workers"].items()}
    if not workers:
        raise ValueError("thidua.stability: the Dask client has no workers")
    futures = {client.submit(_draws_on_worker, state, options, first, last, threads or workers[address],
                             workers=[address], allow_other_workers=True, pure=False): last - first
               for address, first, last in _shares(draws, workers)}
    try:
        for future in as_completed(futures):
            analysis.merge(future.result())  # a worker's error is raised here, with its thidua type and place
            if bar is not None:
                bar.update(futures[future])
    except BaseException:  # a share failed, or the caller interrupted: the other shares are not wanted
        pending = [future for future in futures if not future.done()]
        if pending:
            client.cancel(pending)
        raise


def _draws_on_worker(state: bytes, options: Dict[str, Any], first: int, last: int, threads: int) -> bytes:
    """On a worker: the report scored again from its documents, draws [first, last), their counts as bytes."""
    report = pickle.loads(state)
    analysis = _core.stability_run(report._cpp, threads=threads, **options)
    analysis.run(first, last)
    return analysis.state()


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
