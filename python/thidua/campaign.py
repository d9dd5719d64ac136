"""Campaigns: load once, score many result sets."""

from __future__ import annotations

from . import _core
from ._inputs import Source, _is_dataframe, dataframe_to_results, error, read_source
from ._json_view import JsonView
from .report import Report


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
    """
    kind, text, document = read_source(source, default_document="campaign")
    if kind != "json":
        raise error(_core.ParseError, "a campaign is a JSON document, not a table", document)
    return Campaign(_core.campaign.from_json(text, document))


def load_results(source: Source, *, campaign_id: str = "") -> _core.results:
    """Reads results from a path (``.json`` or ``.csv``), a dict, JSON text or a DataFrame.

    Raises
    ------
    thidua.Error
        Whatever ``source`` is: a missing file is a :class:`thidua.ParseError` naming the path, an object of another
        type a :class:`thidua.SchemaError`, bad content an error naming the pointer or the CSV line and column.
    """
    if _is_dataframe(source):
        return _core.results.from_json(dataframe_to_results(source, campaign_id), "DataFrame")
    kind, text, document = read_source(source, default_document="results")
    if kind == "csv":
        return _core.results.from_csv(text, document)
    return _core.results.from_json(text, document)


class Campaign(JsonView):
    """A validated campaign, compiled for scoring.

    Use :func:`load_campaign` to make one; :meth:`score` turns results into a :class:`Report`. :meth:`to_json`
    gives the canonical JSON text (keys sorted, no whitespace, decimals as exact strings), :meth:`to_dict` the same
    as a dict.
    """

    def __init__(self, cpp: _core.campaign) -> None:
        self._cpp = cpp

    @classmethod
    def _from_cpp(cls, cpp: _core.campaign) -> "Campaign":
        return cls(cpp)

    @property
    def id(self) -> str:
        return self._cpp.id

    @property
    def sha256(self) -> str:
        """SHA-256 of the canonical campaign (the fingerprint reports carry)."""
        return self._cpp.sha256

    @property
    def title(self) -> str:
        return self._dict.get("title", "")

    @property
    def units(self) -> list:
        return list(self._dict["units"])

    @property
    def criteria(self) -> list:
        return list(self._dict["criteria"])

    def score(self, results: Source) -> Report:
        """Scores results: a path (``.json`` or ``.csv``), a dict, JSON text or a pandas DataFrame with the
        columns ``unit, criterion, phase, date, value, target, status, submitted, note``."""
        loaded = results if isinstance(results, _core.results) else load_results(results, campaign_id=self.id)
        return Report._from_cpp(self._cpp.score(loaded), self)

    def __getstate__(self) -> str:
        return self._cpp.to_json()

    def __setstate__(self, state: str) -> None:
        self._cpp = _core.campaign.from_json(state, "campaign")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Campaign) and self.to_json() == other.to_json()

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __repr__(self) -> str:
        return f"<thidua.Campaign {self.id!r}: {len(self.units)} units, {len(self.criteria)} criteria>"
