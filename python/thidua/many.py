"""Many (campaign, results) pairs scored at once: years × provinces × scenarios, into one DataFrame.

Locally the pairs are scored on a thread pool (the core scores with the GIL released); with a ``dask.distributed``
client each pair is a task on the cluster. Either way a pair is scored by :meth:`Campaign.score`, so its rows are
those of scoring it alone.
"""

from __future__ import annotations

import os
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import (TYPE_CHECKING, Any, Callable, Dict, Hashable, Iterator, List, Mapping, Optional, Sequence, Tuple,
                    Union)

from ._inputs import Source
from .campaign import Campaign, load_campaign
from .report import Report

if TYPE_CHECKING:  # pragma: no cover
    import distributed
    import pandas as pd

#: One pair: a campaign (a :class:`Campaign`, or what :func:`load_campaign` reads) and its results (anything
#: :meth:`Campaign.score` reads).
Pair = Tuple[Union[Campaign, Source], Any]


def score_many(pairs: Union[Mapping[Hashable, Pair], Sequence[Pair]], *, client: Optional["distributed.Client"] = None,
               threads: int = 0) -> Tuple["pd.DataFrame", Mapping[Hashable, Report]]:
    """Scores many (campaign, results) pairs into one DataFrame, and their reports by key.

    Parameters
    ----------
    pairs
        ``{key: (campaign, results)}``, or a list of pairs (keyed by position: 0, 1, …). A campaign is a
        :class:`Campaign` or what :func:`load_campaign` reads (a path, a dict, JSON text); results are anything
        :meth:`Campaign.score` reads (a path, a dict, a DataFrame, a list of assessment layers, a
        :func:`load_results` result). Keys may be any hashable value, tuples too (``(2024, "ha-tinh")``).
    client
        A ``dask.distributed`` client: each pair is scored by a task on its workers, which read the paths
        themselves (so the files must be where the workers see them, as in any Dask job; or pass dicts, text or
        DataFrames). A :class:`Campaign` object is sent to each worker once and shared by its pairs. ``None`` (the
        default): scored here, on ``threads`` threads.
    threads
        Without ``client``: how many pairs are scored at once (0: one per processor).

    Returns
    -------
    (pandas.DataFrame, Mapping)
        The frame: every pair's :meth:`Report.to_pandas` rows, pair after pair, under a two-level index ``key``,
        ``unit``; its columns are the union of the pairs' (a ``phase:<id>`` a campaign does not have is NaN, and
        ``class`` is categorical only when every campaign has the same classes). The mapping: the reports by key,
        in the pairs' order. On a cluster the workers send each report back as its pickled documents, and a report
        is scored again here the first time it is read: the frame needs none of them.

    Raises
    ------
    thidua.Error
        The first failing pair's error (in the pairs' order), with its type and place (``pointer``, or ``line`` and
        ``column``) as :meth:`Campaign.score` raises it, from a worker too; on Python 3.11 and later a note names
        the pair's key.

    Notes
    -----
    Input warnings (:class:`thidua.InputWarning`) are issued where a pair is scored: in a thread here, in the
    worker's log on a cluster. Every one is also in the frame's ``warnings`` column.

    Examples
    --------
    >>> pairs = {year: ("campaign.json", f"results-{year}.csv") for year in (2023, 2024)}  # doctest: +SKIP
    >>> frame, reports = thidua.score_many(pairs)  # doctest: +SKIP
    >>> frame.loc[2024, "bac-hong"]["total"], reports[2024].unit("bac-hong")["class"]  # doctest: +SKIP
    >>> frame, reports = thidua.score_many(pairs, client=distributed.Client("scheduler:8786"))  # doctest: +SKIP
    """
    items = list(pairs.items()) if isinstance(pairs, Mapping) else list(enumerate(pairs))
    scored: Sequence[Tuple["pd.DataFrame", Union[Report, bytes]]]
    if client is None:
        scored = _score_here(items, threads)
    else:
        scored = _score_on_cluster(client, items)
    return _frame([key for key, _ in items], [frame for frame, _ in scored]), _Reports(
        {key: report for (key, _), (_, report) in zip(items, scored)})


def _score_pair(campaign: Union[Campaign, Source], results: Any) -> Tuple["pd.DataFrame", Report]:
    """One pair as scoring it alone does: the report's frame, and the report."""
    report = (campaign if isinstance(campaign, Campaign) else load_campaign(campaign)).score(results)
    return report.to_pandas(), report


def _score_on_worker(campaign: Union[Campaign, Source], results: Any) -> Tuple["pd.DataFrame", bytes]:
    """On a worker: the frame, and the report pickled (its campaign and results documents) for the client to score
    again only if it is read."""
    frame, report = _score_pair(campaign, results)
    return frame, pickle.dumps(report)


def _in_order(items: List[Tuple[Hashable, Pair]], futures: List[Any],
              cancel: Callable[[List[Any]], Any]) -> List[Any]:
    """The futures' results in the pairs' order. The first error is raised with a note naming its pair's key (where
    Python has notes: 3.11), once the futures not done yet are cancelled."""
    out = []
    for (key, _), future in zip(items, futures):
        try:
            out.append(future.result())
        except BaseException as exc:
            pending = [f for f in futures if not f.done()]
            if pending:
                cancel(pending)
            if isinstance(exc, Exception) and sys.version_info >= (3, 11):
                exc.add_note(f"thidua.score_many: in the pair {key!r}")
            raise
    return out


def _score_here(items: List[Tuple[Hashable, Pair]], threads: int) -> List[Tuple["pd.DataFrame", Report]]:
    with ThreadPoolExecutor(max_workers=threads or os.cpu_count() or 1) as pool:
        futures = [pool.submit(_score_pair, *pair) for _, pair in items]
        return _in_order(items, futures, lambda pending: [future.cancel() for future in pending])


def _score_on_cluster(client: "distributed.Client",
                      items: List[Tuple[Hashable, Pair]]) -> List[Tuple["pd.DataFrame", bytes]]:
    # Each Campaign object travels to each worker once, parsed and compiled there once for all its pairs.
    shared: Dict[int, Any] = {}
    for _, (campaign, _) in items:
        if isinstance(campaign, Campaign) and id(campaign) not in shared:
            shared[id(campaign)] = client.scatter(campaign, broadcast=True, hash=False)
    futures = [client.submit(_score_on_worker, shared.get(id(campaign), campaign), results, pure=False)
               for _, (campaign, results) in items]
    return _in_order(items, futures, client.cancel)


def _frame(keys: List[Hashable], frames: List["pd.DataFrame"]) -> "pd.DataFrame":
    import pandas as pd

    if not frames:
        return pd.DataFrame(index=pd.MultiIndex.from_arrays([[], []], names=["key", "unit"]))
    out = pd.concat(frames, sort=False)
    # tupleize_cols=False: a tuple key stays one value of the level, not several levels.
    key_level = pd.Index([key for key, frame in zip(keys, frames) for _ in range(len(frame))], tupleize_cols=False,
                         name="key")
    out.index = pd.MultiIndex.from_arrays([key_level, out.index])
    return out


class _Reports(Mapping[Hashable, Report]):
    """score_many's reports by key: a report scored on a cluster arrives pickled and is scored again when read."""

    def __init__(self, items: Dict[Hashable, Union[Report, bytes]]) -> None:
        self._items = items

    def __getitem__(self, key: Hashable) -> Report:
        item = self._items[key]
        if isinstance(item, bytes):
            report: Report = pickle.loads(item)
            self._items[key] = report
            return report
        return item

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"<thidua reports of {len(self)} pairs: {', '.join(map(repr, list(self._items)[:5]))}" + (
            ", …>" if len(self) > 5 else ">")
