"""Diffs between runs: what changed from one report to another, per unit (points per slot, phase scores, totals,
class, ranks, awards) and in the inputs (fingerprints, campaign keys, result rows).

The comparison is the C++ core's (``thidua::diff``); this module lays it out as a DataFrame, Markdown and text, in
the words of the core's catalog of texts (its ``diff.*`` and ``label.*`` messages).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _core
from ._inputs import read_source
from ._text import LABELS, language, number, texts

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .report import Report

WORDS: Dict[str, Dict[str, str]] = texts("diff.")
# The words of a result row's, an event's or a vote's fields ("value" → "Kết quả"), as the data-entry form names them.
FIELDS: Dict[str, Dict[str, str]] = texts("form.col_")

# One change: unit id, what changed, before, after (None where a side has no value).
Change = Tuple[str, str, Any, Any]


class ReportDiff:
    """What differs between two reports (:meth:`thidua.Report.diff`, :func:`thidua.diff`).

    ``empty`` says whether anything differs; :meth:`to_pandas` lists the changes one per row, ``inputs`` says which
    inputs differ; ``str()`` and :meth:`to_markdown` word it in the campaign's language (or ``lang``). Decimals are
    exact strings at the reports' precision.

    Examples
    --------
    >>> d = before.diff(after)                     # doctest: +SKIP
    >>> d.empty, d.to_pandas().head()              # doctest: +SKIP
    """

    def __init__(self, record: Dict[str, Any], lang: str, reports: Sequence["Report"] = ()) -> None:
        self._record = record
        self.lang = lang
        self._reports = reports  # whose campaigns name the ids in words; none for saved report files

    def _names(self, lang: str) -> Dict[str, str]:
        """``kind:id`` → the words for it in ``lang``: units, phases (their short labels), criteria, classes, awards
        and adjustments of the compared campaigns, the later one's words first. Saved reports name nothing: their
        ids are shown."""
        names: Dict[str, str] = {}
        for report in reversed(self._reports):
            c = report.campaign.to_dict()
            names.update({f"unit:{u['id']}": u.get("name") or u["id"] for u in c["units"]})
            names.update({f"phase:{p['id']}": p["label"] for p in report.campaign._cpp.phases(lang)})
            names.update({f"slot:{key}": words for key, words in report.campaign._cpp.slot_names(lang).items()})
            for kind, key in (("criterion", "criteria"), ("class", "classes"), ("award", "awards"),
                              ("adjustment", "adjustments")):
                names.update({f"{kind}:{item['id']}": item.get("title") or item["id"] for item in c.get(key, [])})
        return names

    @property
    def empty(self) -> bool:
        """True when nothing differs: no unit, no fingerprint, no campaign key, no result row.

        Examples
        --------
        >>> report.diff(report).empty  # doctest: +SKIP
        True
        """
        return bool(self._record["empty"])

    @property
    def inputs(self) -> Dict[str, Any]:
        """Which inputs differ: ``compared`` (False for saved reports: only the fingerprints are compared),
        ``campaign_equal`` and ``results_equal`` (the SHA-256 fingerprints), ``campaign_sha256`` and
        ``results_sha256`` (before, after), ``campaign_changes`` (JSON pointers into the canonical campaign, an
        item with an id named by it), ``result_rows`` (unit, criterion, phase, date, layer (None unless the results
        name layers), change, fields), ``events`` and ``votes`` (unit, id: the adjustment or the award, layer,
        change, fields).

        Examples
        --------
        >>> before.diff(after).inputs["result_rows"]  # doctest: +SKIP
        """
        r = self._record
        return {
            "compared": bool(r["inputs_compared"]),
            "campaign_equal": r["campaign_sha256"][0] == r["campaign_sha256"][1],
            "results_equal": r["results_sha256"][0] == r["results_sha256"][1],
            "campaign_sha256": tuple(r["campaign_sha256"]),
            "results_sha256": tuple(r["results_sha256"]),
            "campaign_changes": list(r["campaign_changes"]),
            "result_rows": [dict(row) for row in r["result_rows"]],
            "events": [dict(item) for item in r["events"]],
            "votes": [dict(item) for item in r["votes"]],
        }

    @property
    def units(self) -> List[str]:
        """The ids of the units that differ (the later report's order, then the removed ones).

        Examples
        --------
        >>> before.diff(after).units  # doctest: +SKIP
        ['dau-lieu', 'thuan-loc']
        """
        return [u["id"] for u in self._record["units"]]

    def changes(self) -> List[Change]:
        """Every change as (unit, what, before, after); ``what`` is ``unit``, ``points:<phase>/<criterion>``,
        ``status:<phase>/<criterion>``, ``phase:<id>``, ``base``, ``bonus``, ``penalty``, ``total``, ``class``,
        ``cluster_rank``, ``overall_rank`` or ``award:<id>`` (before and after are then False/True).

        Examples
        --------
        >>> before.diff(after).changes()[0]  # doctest: +SKIP
        """
        out: List[Change] = []
        for u in self._record["units"]:
            out += _unit_changes(u)
        return out

    def to_pandas(self) -> "pd.DataFrame":
        """One row per change: ``unit``, ``what``, ``before``, ``after`` (see :meth:`changes`).

        Examples
        --------
        >>> before.diff(after).to_pandas()  # doctest: +SKIP
        """
        import pandas as pd

        return pd.DataFrame(self.changes(), columns=["unit", "what", "before", "after"])

    def to_dict(self) -> Dict[str, Any]:
        """The diff as plain data (what ``thidua diff --format json`` prints): ``empty``, ``units`` (each unit's
        changes) and ``inputs``.

        Examples
        --------
        >>> before.diff(after).to_dict()["empty"]  # doctest: +SKIP
        False
        """
        return {
            "empty": self.empty,
            "changes": [dict(zip(("unit", "what", "before", "after"), c)) for c in self.changes()],
            "inputs": {k: list(v) if isinstance(v, tuple) else v for k, v in self.inputs.items()},
        }

    def to_text(self, *, lang: Optional[str] = None) -> str:
        """The diff as lines of text: each unit's changes, then the inputs that differ.

        Examples
        --------
        >>> print(before.diff(after).to_text(lang="en"))  # doctest: +SKIP
        """
        lang = language(self.lang, lang)
        w = WORDS[lang]
        lines: List[str] = []
        if self._record["units"]:
            lines.append(w["heading"].format(units=len(self._record["units"])))
        names = self._names(lang)
        for u in self._record["units"]:
            lines.append(f"{u['name'] or u['id']} ({u['id']})")
            lines += ["  " + line for line in _described(u, lang, names)]
        inputs = _input_lines(self._record, lang, names)
        if inputs:
            lines += [w["inputs"]] + ["  " + line for line in inputs]
        if not lines:
            lines.append(w["nothing"])
        if not self._record["inputs_compared"]:
            lines.append(w["saved_reports"])
        return "\n".join(lines) + "\n"

    def to_markdown(self, *, lang: Optional[str] = None) -> str:
        """The diff as Markdown: a table of the changes (unit, change, before, after), then the inputs that differ.

        Examples
        --------
        >>> print(before.diff(after).to_markdown(lang="en"))  # doctest: +SKIP
        """
        from ._repr import _md

        lang = language(self.lang, lang)
        w, labels = WORDS[lang], LABELS[lang]
        names = self._names(lang)
        lines: List[str] = []
        if self._record["units"]:
            lines += [f"| {labels['unit']} | {w['col_what']} | {w['col_before']} | {w['col_after']} |",
                      "| :--- | :--- | ---: | ---: |"]
            for u in self._record["units"]:
                for unit_id, what, before, after in _unit_changes(u):
                    cells = [unit_id, _what(what, lang, names), _value(what, before, lang, names),
                             _value(what, after, lang, names)]
                    lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
            lines.append("")
        inputs = _input_lines(self._record, lang, names)
        if inputs:
            lines += [f"**{w['inputs']}**", ""] + [f"- {_md(line)}" for line in inputs] + [""]
        if not lines:
            lines += [w["nothing"], ""]
        if not self._record["inputs_compared"]:
            lines += [_md(w["saved_reports"]), ""]
        return "\n".join(lines).rstrip("\n") + "\n"

    def __str__(self) -> str:
        return self.to_text()

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        p.text(repr(self) if cycle else self.to_text().rstrip("\n"))

    def __repr__(self) -> str:
        return f"<thidua.ReportDiff: {len(self._record['units'])} units changed, empty={self.empty}>"


def diff(before: Union["Report", str, "os.PathLike[str]"], after: Union["Report", str, "os.PathLike[str]"], *,
         lang: Optional[str] = None) -> ReportDiff:
    """What differs from ``before`` to ``after``: two :class:`Report` objects (units and every input), or two
    report JSON files written by :meth:`Report.to_json` or ``thidua score --format json`` (units and the inputs'
    fingerprints only: a saved report holds neither campaign nor results).

    Examples
    --------
    >>> thidua.diff(old_report, new_report).to_pandas()        # doctest: +SKIP
    >>> print(thidua.diff("old.json", "new.json", lang="en"))  # doctest: +SKIP
    """
    if all(isinstance(getattr(side, "_cpp", None), _core.report) for side in (before, after)):
        record = _core.diff(before._cpp, after._cpp)  # type: ignore[union-attr]
        return ReportDiff(record, language(before.campaign.language, lang), (before, after))  # type: ignore
    if isinstance(before, (str, os.PathLike)) and isinstance(after, (str, os.PathLike)):
        _, old, old_name = read_source(before, default_document="before")
        _, new, new_name = read_source(after, default_document="after")
        record = _core.diff_documents(old, new, old_name, new_name)
        return ReportDiff(record, language("vi", lang))
    raise TypeError("thidua.diff compares two Reports, or two report JSON files")


def _side(u: Dict[str, Any], pair: Any) -> Tuple[Any, Any]:
    """A (before, after) pair, None on the side where the unit is absent."""
    before, after = pair
    return (None if u["presence"] == "added" else before, None if u["presence"] == "removed" else after)


def _unit_changes(u: Dict[str, Any]) -> List[Change]:
    unit = u["id"]
    out: List[Change] = []
    if u["presence"] != "both":
        out.append((unit, "unit", *_side(u, (u["name"] or unit, u["name"] or unit))))
    for s in u["slots"]:
        key = f"{s['phase']}/{s['criterion']}"
        if s["points"][0] != s["points"][1]:
            out.append((unit, f"points:{key}", s["points"][0], s["points"][1]))
        if s["status"][0] != s["status"][1]:
            out.append((unit, f"status:{key}", s["status"][0] or None, s["status"][1] or None))
    for p in u["phases"]:
        out.append((unit, f"phase:{p['phase']}", p["score"][0], p["score"][1]))
    for what in ("base", "bonus", "penalty", "total", "class", "cluster_rank", "overall_rank"):
        pair = _side(u, u[what])
        if pair[0] != pair[1]:
            out.append((unit, what, *pair))
    out += [(unit, f"award:{a}", False, True) for a in u["awards_gained"]]
    out += [(unit, f"award:{a}", True, False) for a in u["awards_lost"]]
    return out


def _what(what: str, lang: str, names: Dict[str, str]) -> str:
    """The words of a change's ``what``, naming phases and criteria by ``names`` (their ids when unnamed)."""
    w, labels = WORDS[lang], LABELS[lang]
    kind, _, key = what.partition(":")
    phase, _, criterion = key.partition("/")
    if kind in ("points", "status"):
        return w[kind].format(slot=names.get(f"slot:{key}", key))
    if kind == "phase":
        return w["phase"].format(phase=names.get(f"phase:{key}", key))
    if kind == "award":
        return names.get(what, key)
    if kind == "cluster_rank":
        return w["cluster_rank"]
    return labels[kind]


def _value(what: str, value: Any, lang: str, names: Dict[str, str]) -> str:
    """A before or after value as the language writes it (a class by its title)."""
    w = WORDS[lang]
    if value is None:
        return w["none"]
    if isinstance(value, bool):
        return w["yes"] if value else w["no"]
    if what.startswith("status:"):
        return LABELS[lang].get(value, value)
    if what.startswith(("points:", "phase:")) or what in ("base", "bonus", "penalty", "total"):
        return number(value, lang)
    if what == "class":
        return names.get(f"class:{value}", str(value))
    return str(value)


def _described(u: Dict[str, Any], lang: str, names: Dict[str, str]) -> List[str]:
    """A unit's changes as lines."""
    w = WORDS[lang]
    lines = []
    for _, what, before, after in _unit_changes(u):
        if what == "unit":
            lines.append(w["unit_added" if after is not None else "unit_removed"])
        elif what.startswith("award:"):
            lines.append(w["award_gained" if after else "award_lost"].format(award=_what(what, lang, names)))
        else:
            lines.append(w["change"].format(what=_what(what, lang, names), before=_value(what, before, lang, names),
                                            after=_value(what, after, lang, names)))
    return lines


def _input_lines(r: Dict[str, Any], lang: str, names: Dict[str, str]) -> List[str]:
    """The inputs that differ, as lines: rows, events and votes named by their unit, criterion, phase, adjustment
    or award (ids when ``names`` has none), fields as the data-entry form names them."""
    w, fields = WORDS[lang], FIELDS[lang]

    def named(kind: str, key: Optional[str]) -> Optional[str]:
        return names.get(f"{kind}:{key}", key) if key else key

    def field_words(item: Dict[str, Any]) -> str:
        return ", ".join(fields.get(f, f) for f in item["fields"])

    lines = []
    for key, message in (("campaign_sha256", "campaign_differs"), ("results_sha256", "results_differ")):
        before, after = r[key]
        if before != after:
            lines.append(w[message].format(before=before[:12], after=after[:12]))
    lines += [w["campaign_key"].format(pointer=pointer) for pointer in r["campaign_changes"]]
    for row in r["result_rows"]:
        parts = (named("unit", row["unit"]), named("criterion", row["criterion"]),
                 named("phase", row["phase"]) or row["date"], row["layer"])
        lines.append(w["row_" + row["change"]].format(row=" · ".join(p for p in parts if p), fields=field_words(row)))
    for kind, subject in (("event", "adjustment"), ("vote", "award")):
        for item in r[kind + "s"]:
            parts = (named("unit", item["unit"]), named(subject, item["id"]), item["layer"])
            lines.append(w[f"{kind}_{item['change']}"].format(item=" · ".join(p for p in parts if p),
                                                               fields=field_words(item)))
    return lines
