"""Read-only views of a campaign's model: ``campaign.phases``, ``.criteria``, ``.classes``, ``.awards``,
``.clusters`` and ``.units``. Each is a sequence of records, found by position or by id, whose fields read as
attributes (``campaign.phases[0].start``) or as keys (``["start"]``); ``to_pandas()`` gives the same as a
DataFrame indexed by id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterator, List, Mapping, Optional, Sequence, Union, overload

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


class Record(Mapping[str, Any]):
    """One item of the model (a phase, a criterion …): its fields as attributes and as keys, read-only.

    Examples
    --------
    >>> phase = Record({"id": "gd1", "weight": "0.6"})
    >>> phase.weight, phase["id"]
    ('0.6', 'gd1')
    """

    __slots__ = ("_fields",)

    def __init__(self, fields: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_fields", dict(fields))

    def __getitem__(self, key: str) -> Any:
        return self._fields[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._fields[name]
        except KeyError:
            raise AttributeError(f"{name!r}: the fields are {', '.join(self._fields)}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a campaign's model is read-only")

    def __dir__(self) -> List[str]:
        return sorted(set(self._fields) | set(object.__dir__(self)))

    def __repr__(self) -> str:
        return f"Record({self._fields!r})"


class View(Sequence[Record]):
    """The records of one kind, in the campaign's order; ``view["id"]`` finds one by id.

    Examples
    --------
    >>> view = View([{"id": "a", "max_points": "10"}, {"id": "b", "max_points": "5"}])
    >>> [c.id for c in view], view["b"].max_points
    (['a', 'b'], '5')
    """

    def __init__(self, items: Sequence[Mapping[str, Any]],
                 frame: Optional[Callable[[], "pd.DataFrame"]] = None) -> None:
        self._records = [Record(item) for item in items]
        self._frame = frame

    @overload
    def __getitem__(self, key: int) -> Record: ...

    @overload
    def __getitem__(self, key: slice) -> List[Record]: ...

    @overload
    def __getitem__(self, key: str) -> Record: ...

    def __getitem__(self, key: Union[int, slice, str]) -> Any:
        if isinstance(key, str):
            for record in self._records:
                if record.get("id") == key:
                    return record
            raise KeyError(key)
        return self._records[key]

    def __len__(self) -> int:
        return len(self._records)

    @property
    def ids(self) -> List[str]:
        """The ids, in order.

        Examples
        --------
        >>> View([{"id": "a"}, {"id": "b"}]).ids
        ['a', 'b']
        """
        return [r["id"] for r in self._records]

    def to_pandas(self) -> "pd.DataFrame":
        """The records as a DataFrame indexed by id.

        Examples
        --------
        >>> View([{"id": "a", "max_points": "10"}]).to_pandas().loc["a", "max_points"]
        '10'
        """
        if self._frame is not None:
            return self._frame()
        import pandas as pd

        return pd.DataFrame([dict(r) for r in self._records]).set_index("id")

    def __repr__(self) -> str:
        shown = ", ".join(self.ids[:8]) + (", …" if len(self) > 8 else "")
        return f"<{len(self)} records: {shown}>"

