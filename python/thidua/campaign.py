"""Campaigns: load once, score many result sets."""

from __future__ import annotations

import datetime
import json
import os
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple, Union

from ._history import add_history
from . import _core
from ._inputs import (Source, _is_dataframe, at_row, dumps, error, path_of, read_source, records_document,
                      records_to_rows, row_labels)
from ._json_view import JsonView
from .model import View
from .plot import CampaignPlot
from .report import PICKLE_VERSION, Report

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def load_campaign(source: Source) -> "Campaign":
    """Reads and validates a campaign.

    Parameters
    ----------
    source
        A path to a JSON file, a ``dict`` in the campaign format, or JSON text.

    Raises
    ------
    thidua.Error
        With ``pointer`` naming the place, e.g. ``/phases/1/start``.

    Examples
    --------
    >>> campaign = thidua.load_campaign("docs/examples/thanh-xuan-2023/campaign.json")  # doctest: +SKIP
    """
    kind, text, document = read_source(source, default_document="campaign")
    if kind != "json":
        raise error(_core.ParseError, "a campaign is a JSON document, not a table", document)
    return Campaign(_core.campaign.from_json(text, document))


def load_results(source: Source, *, campaign_id: str = "", votes: Optional[Source] = None,
                 events: Optional[Source] = None, language: str = "") -> _core.results:
    """Reads results from a path (``.json``, ``.csv`` or ``.xlsx``), a dict, JSON text or a DataFrame, with the
    council's votes and the adjustment events as tables.

    Parameters
    ----------
    source
        The results: a results document (JSON), a table of rows (``unit, criterion, phase, date, value, target,
        status, submitted, note``: CSV, DataFrame) or a workbook whose ``results`` sheet holds that table and whose
        ``votes`` and ``events`` sheets, when present, the votes and events; or filled data-entry forms
        (:meth:`Campaign.to_form`): one ``.xlsx``, a list of them, or a folder (its ``*.xlsx`` by name).
    votes, events
        A votes table (``unit, award, yes, of``; an empty ``award`` counts for every award) and an events table
        (``unit, adjustment, count, note``): a ``.csv`` or ``.xlsx`` file, a DataFrame, a list of dicts, or a results
        document. A table of rows alone states no votes and no events: scoring it warns when the campaign needs
        them (a table with only its header says "none").

    Raises
    ------
    thidua.Error
        Whatever ``source`` is: a missing file is a :class:`thidua.ParseError` naming the path, an object of another
        type a :class:`thidua.SchemaError`, bad content an error naming the pointer, the CSV line and column or the
        sheet's cell.

    Examples
    --------
    >>> results = thidua.load_results("results.csv", votes="votes.csv", events="events.csv")  # doctest: +SKIP
    >>> report = campaign.score(results)  # doctest: +SKIP
    >>> results = thidua.load_results("forms/")  # a folder of filled forms  # doctest: +SKIP
    """
    results = _load_table(source, "results", campaign_id, language)
    for kind, table in (("votes", votes), ("events", events)):
        if table is not None:
            results.append(_load_table(table, kind, campaign_id, language))
    return results


def load_layers(layers: Sequence[Any], *, campaign_id: str = "", votes: Optional[Source] = None,
                events: Optional[Source] = None, language: str = "") -> _core.results:
    """Reads assessment layers, in order (docs/semantics.md §13): each element is what :func:`load_results` reads, or
    a pair ``(id, source)`` or triple ``(id, title, source)`` naming its layer; a source that names none is named by
    its position ("1", "2", …). ``votes`` and ``events`` join the last layer."""
    loaded = []
    for item in layers:
        if isinstance(item, tuple) and len(item) in (2, 3) and isinstance(item[0], str):
            results = load_results(item[-1], campaign_id=campaign_id, language=language)
            results.set_layer(item[0], item[1] if len(item) == 3 else "")
        else:
            results = load_results(item, campaign_id=campaign_id, language=language)
        loaded.append(results)
    combined = _core.layered(loaded)
    for kind, table in (("votes", votes), ("events", events)):
        if table is not None:
            combined.append(_load_table(table, kind, campaign_id, language))
    return combined


def is_layer_list(source: Any) -> bool:
    """Whether ``source`` lists assessment layers: a list or tuple that is neither rows (dicts) nor form workbooks
    (``.xlsx`` paths)."""
    from .forms import workbook_paths

    if not isinstance(source, (list, tuple)) or not source:
        return False
    if all(isinstance(item, dict) and "thidua_results" not in item for item in source):
        return False
    return workbook_paths(source) is None


def _is_records(source: Source) -> bool:
    return _is_dataframe(source) or isinstance(source, list)


def _load_table(source: Source, kind: str, campaign_id: str, language: str) -> _core.results:
    """A table of `kind` ("results", "votes" or "events"), or a results document, from what the user handed over."""
    if isinstance(source, _core.results):
        return source
    if kind == "results":
        from .forms import read_workbooks, workbook_paths

        paths = workbook_paths(source)  # a folder of forms, or a list of workbooks
        if paths is not None:
            return read_workbooks(paths, language)
    if _is_records(source):
        document = records_document(source, kind)
        if len(source) == 0:  # an empty table: it states that there are none
            return _core.results.from_json(dumps({"thidua_results": 1, kind: []}, document), document)
        try:
            return _core.results.from_sheet(records_to_rows(source, kind, document, language),
                                            getattr(_core.table_kind, kind), document, 1, language)
        except _core.Error as exc:
            raise at_row(exc, {document: (kind, row_labels(source))}) from None
    path = path_of(source)
    if path is not None and path.lower().endswith(".xlsx"):
        if kind == "results":  # a data-entry form (thidua template) or a workbook of tables
            from .forms import read_workbooks

            return read_workbooks([path], language)
        from ._workbook import read_workbook

        return read_workbook(path, path.encode("utf-8", "replace").decode("utf-8"), kind, language)
    text_kind, text, document = read_source(source, default_document=kind)
    if text_kind == "csv":
        return _core.results.from_csv(text, document, getattr(_core.table_kind, kind), language)
    return _core.results.from_json(text, document)


class Campaign(JsonView):
    """A validated campaign, compiled for scoring.

    Use :func:`load_campaign` to make one; :meth:`score` turns results into a :class:`Report`. :meth:`to_json`
    gives the canonical JSON text (keys sorted, no whitespace, decimals as exact strings), :meth:`to_dict` the same
    as a dict. The model reads as views (:class:`thidua.model.View`): :attr:`phases`, :attr:`criteria`,
    :attr:`classes`, :attr:`awards`, :attr:`clusters` and :attr:`units`, each with ``to_pandas()``;
    ``campaign.plot.timeline()`` draws the phases.

    Examples
    --------
    >>> campaign = thidua.load_campaign("campaign.json")            # doctest: +SKIP
    >>> [(p.id, p.start, p.weight) for p in campaign.phases]         # doctest: +SKIP
    >>> campaign.criteria.to_pandas()[["max_points", "rule"]]        # doctest: +SKIP
    """

    _cpp: _core.campaign

    def __init__(self, cpp: _core.campaign) -> None:
        self._cpp = cpp

    @classmethod
    def _from_cpp(cls, cpp: _core.campaign) -> "Campaign":
        return cls(cpp)

    @property
    def id(self) -> str:
        """The campaign's id (``id`` of its document).

        Examples
        --------
        >>> campaign.id  # doctest: +SKIP
        """
        return self._cpp.id

    @property
    def sha256(self) -> str:
        """SHA-256 of the canonical campaign (the fingerprint reports carry).

        Examples
        --------
        >>> len(campaign.sha256)  # doctest: +SKIP
        """
        return self._cpp.sha256

    @property
    def title(self) -> str:
        """The campaign's title, empty when it has none.

        Examples
        --------
        >>> print(campaign.title)  # doctest: +SKIP
        """
        return str(self._dict.get("title", ""))

    @property
    def language(self) -> str:
        """The language reports use by default: the campaign's ``language``, else ``"vi"``.

        Examples
        --------
        >>> campaign.language  # doctest: +SKIP
        """
        return str(self._cpp.language)

    @property
    def phases(self) -> View:
        """The phases scored (``id``, ``title``, ``start``, ``end``, ``weight``, ``report_due``, ``criteria``); a
        campaign without phases has the one phase ``main`` over its whole span.

        Examples
        --------
        >>> [(p.id, p.start, p.end, p.weight) for p in campaign.phases]  # doctest: +SKIP
        """
        return View(self._cpp.phases())

    @property
    def criteria(self) -> View:
        """The criteria as the campaign states them; ``criteria.to_pandas()`` is :meth:`criteria_frame`.

        Examples
        --------
        >>> campaign.criteria["sua-nha"].max_points  # doctest: +SKIP
        >>> campaign.criteria.to_pandas()[["max_points", "rule"]]  # doctest: +SKIP
        """
        return View(self._dict["criteria"], self.criteria_frame)

    @property
    def classes(self) -> View:
        """The classes, best first.

        Examples
        --------
        >>> campaign.classes.ids  # doctest: +SKIP
        """
        return View(self._dict["classes"])

    @property
    def awards(self) -> View:
        """The awards, in the order they are given.

        Examples
        --------
        >>> [(a.id, a.get("title")) for a in campaign.awards]  # doctest: +SKIP
        """
        return View(self._dict.get("awards", []))

    @property
    def clusters(self) -> View:
        """The clusters (cụm, khối).

        Examples
        --------
        >>> campaign.clusters.ids  # doctest: +SKIP
        """
        return View(self._dict["clusters"])

    @property
    def units(self) -> View:
        """The participating units; ``units.to_pandas()`` is :meth:`units_frame`.

        Examples
        --------
        >>> campaign.units.to_pandas().groupby("cluster").size()  # doctest: +SKIP
        """
        return View(self._dict["units"], self.units_frame)

    def criteria_frame(self, *, exact: bool = False) -> "pd.DataFrame":
        """One row per criterion (index: id): ``title``, ``group``, ``max_points``, ``mandatory``, ``applies_to``,
        ``phases`` (that score it), ``rule``, ``credit``, ``target``, ``min_ratio``, ``exceed`` and ``bands``.
        Decimals are floats, or :class:`decimal.Decimal` with ``exact=True``.

        Examples
        --------
        >>> campaign.criteria_frame().loc["sua-nha", ["rule", "max_points", "bands"]]  # doctest: +SKIP
        """
        from .frames import criteria_frame

        return criteria_frame(self._dict, self._cpp.phases(), exact=exact)

    def units_frame(self) -> "pd.DataFrame":
        """One row per unit (index: id): ``name``, ``kind``, ``cluster``, ``cluster_name`` and an
        ``attribute:<name>`` column per unit attribute.

        Examples
        --------
        >>> campaign.units_frame()["cluster"].value_counts()  # doctest: +SKIP
        """
        from .frames import campaign_units_frame

        return campaign_units_frame(self._dict)

    @property
    def plot(self) -> CampaignPlot:
        """Plots: ``timeline()`` (the phases on a date axis); returns the Axes.

        Examples
        --------
        >>> campaign.plot.timeline().figure.savefig("phases.png")  # doctest: +SKIP
        """
        return CampaignPlot(self)

    def score(self, results: Source, *, votes: Optional[Source] = None, events: Optional[Source] = None,
              as_of: Optional[Union[str, datetime.date]] = None, history: Sequence[Any] = ()) -> Report:
        """Scores results: a path (``.json``, ``.csv`` or ``.xlsx``, a filled form too), a folder or a list of filled
        forms, a dict, JSON text or a pandas DataFrame with the
        columns ``unit, criterion, phase, date, value, target, status, submitted, note``; ``votes`` and ``events``
        as tables (see :func:`load_results`).

        A list of results is the assessment layers in order, e.g. ``[self_assessed, cross_checked, appraised]``
        (docs/semantics.md §13): each slot takes the figure of the last layer that gives it, the events and votes
        those of the last layer stating them (``votes`` and ``events`` join the last layer). An element may be a
        pair ``(id, source)`` naming its layer (``("tham-dinh", "tham-dinh.csv")``); a results document may name
        its own (``"layer": "tham-dinh"``). The report keeps every layer: :attr:`Report.layers`,
        :meth:`Report.layer`, ``to_pandas("layers")``.

        When the campaign needs votes (an award's ``min_vote_share``, a ``vote`` tie-break) or declares adjustments
        and the input does not give them, the report's ``warnings`` say so and each is issued as a
        :class:`thidua.InputWarning`.

        ``history`` is the earlier years an award's history gate looks back on ("excellent 2 years running", "no
        flag twice in 3 years"): reports as :class:`Report`, report JSON paths or dicts, or ``(year, report)``
        pairs (as :func:`thidua.history` reads them); their units must be units of the campaign or ``predecessors`` of one.

        ``as_of`` (``"2024-06-30"`` or a date) scores an interim review (sơ kết) on that day: in a phase not ended
        then, a criterion without a row is pending — left out of the unit's scale, not 0 — and a phase with nothing
        to score yet leaves the base, whose weights are those of the phases that count (docs/semantics.md §16);
        :attr:`Report.as_of` and every output say the report is interim. A results document may state its own
        ``as_of``.

        Examples
        --------
        >>> report = campaign.score("results.csv", votes="votes.csv", events="events.csv")  # doctest: +SKIP
        """
        if is_layer_list(results):
            layers = load_layers(results, campaign_id=self.id, votes=votes, events=events, language=self.language)
            if as_of is not None:
                layers.as_of = str(as_of)
            add_history(layers, history)
            return Report._from_cpp(self._cpp.score(layers), self, from_results=True)._warn()
        loaded = load_results(results, campaign_id=self.id, votes=votes, events=events, language=self.language)
        if as_of is not None:
            loaded.as_of = str(as_of)
        add_history(loaded, history)
        try:
            scored = self._cpp.score(loaded)
        except _core.Error as exc:  # a row of a DataFrame or a list is named as its user names it
            tables = {"results": results, "votes": votes, "events": events}
            raise at_row(exc, {records_document(t, k): (k, row_labels(t))
                               for k, t in tables.items() if _is_records(t)}) from None
        return Report._from_cpp(scored, self, from_results=True)._warn()

    def to_form(self, path: "Union[str, os.PathLike[str]]", *, results: Optional[Source] = None,
                units: Optional[Sequence[str]] = None) -> None:
        """Writes the data-entry workbook (.xlsx) the cluster head sends to the units: one sheet per unit with the
        criteria that apply to it as rows under the pact's sections (one row per phase that scores the criterion:
        max points, the rule in words, the registered target, then the value, status, submission date and note to
        fill in), dropdowns for the status and for yes/no criteria, the structure locked, a ``votes`` and an
        ``events`` sheet, and an instructions sheet with the deadlines, in the campaign's language. Hidden key
        columns name each row's unit, criterion and phase: :meth:`score` and :func:`load_results` read filled forms
        back (a workbook, a list of them, or a folder), whatever the sheets are called and wherever the rows are.

        Parameters
        ----------
        results
            Pre-fills the values, statuses, dates, notes, targets, votes and events: anything
            :func:`load_results` reads.
        units
            Only these unit ids (one form per commune: ``units=["xa-dong-lac"]``); an unknown id is a
            :class:`thidua.IdError`.

        Examples
        --------
        >>> campaign.to_form("forms.xlsx")                                        # doctest: +SKIP
        >>> campaign.to_form("bac-hong.xlsx", results="results.json", units=["bac-hong"])  # doctest: +SKIP
        >>> report = campaign.score("forms/")  # a folder of filled forms            # doctest: +SKIP
        """
        from .forms import write_form

        prefill = None
        if results is not None:
            loaded = load_results(results, campaign_id=self.id, language=self.language)
            self._cpp.score(loaded)  # the rows must fit the campaign: its errors name their place
            prefill = json.loads(loaded.to_json())
        write_form(self._dict, self._cpp.phases(), path, results=prefill, units=units, lang=self.language)

    @classmethod
    def _report_from_state(cls, version: Any, campaign_json: str, results_json: Union[str, List[str]]) -> Report:
        """A pickled report (see Report.__reduce__): the campaign and results read again and scored."""
        if version != PICKLE_VERSION:
            raise error(_core.SchemaError, f"cannot read a pickled report of format version {version!r}; this thidua "
                        f"({_core.__version__}) reads version {PICKLE_VERSION}", "pickle")
        campaign = cls(_core.campaign.from_json(campaign_json, "pickle"))
        if isinstance(results_json, list):  # the layers of a layered report
            results = _core.layered([_core.results.from_json(text, "pickle") for text in results_json])
        else:
            results = _core.results.from_json(results_json, "pickle")
        return Report._from_cpp(campaign._cpp.score(results), campaign, from_results=True)

    def __getstate__(self) -> Tuple[int, str]:
        return (PICKLE_VERSION, self._cpp.to_json())

    def __setstate__(self, state: Any) -> None:
        if not (isinstance(state, tuple) and len(state) == 2 and state[0] == PICKLE_VERSION):
            version = state[0] if isinstance(state, tuple) and state else state
            raise error(_core.SchemaError, f"cannot read a pickled campaign of format version {version!r}; this "
                        f"thidua ({_core.__version__}) reads version {PICKLE_VERSION}", "pickle")
        self._cpp = _core.campaign.from_json(state[1], "pickle")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Campaign) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __repr__(self) -> str:
        return f"<thidua.Campaign {self.id!r}: {len(self.units)} units, {len(self.criteria)} criteria>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        from ._repr import text_campaign

        p.text(repr(self) if cycle else text_campaign(self._dict, self._cpp.phases(), lang=self.language).rstrip("\n"))

    def _repr_html_(self) -> str:
        from ._repr import html_campaign

        return html_campaign(self._dict, self._cpp.phases(), lang=self.language)
