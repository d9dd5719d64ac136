"""Whatever arrives, the loaders answer with a thidua.Error or a result: never another exception type, a
SystemError or a crash. And nothing is lost: every input row of every example and golden case lands in the report.
"""

import copy
import csv
import warnings
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thidua

from helpers import ROOT, golden_cases, load_exact

EXAMPLE = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
CAMPAIGN = load_exact(EXAMPLE / "campaign.json")
RESULTS = load_exact(EXAMPLE / "results.json")
LOADED = thidua.load_campaign(CAMPAIGN)

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


def answers(call, *args):
    """Runs a loader: a result (with or without an InputWarning) or a thidua.Error are the only acceptable outcomes."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", thidua.InputWarning)
            call(*args)
    except thidua.Error as exc:
        # The attributes every error carries, of the documented types.
        assert isinstance(exc.message, str) and exc.message
        assert isinstance(exc.document, str)
        assert exc.pointer is None or isinstance(exc.pointer, str)
        assert (exc.line is None) == (exc.pointer is not None)
        assert exc.column is None or isinstance(exc.column, str)
        assert exc.cell is None or isinstance(exc.cell, str)


def every_loader(source):
    answers(thidua.load_campaign, source)
    answers(thidua.load_results, source)
    answers(LOADED.score, source)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.decimals(allow_nan=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)

python_objects = st.one_of(
    json_values,
    st.binary(max_size=64),
    st.tuples(st.integers(), st.text(max_size=4)),
    st.sets(st.integers(), max_size=3),
    st.complex_numbers(),
    st.dates(),
    st.sampled_from([object(), type, print, ..., NotImplemented, Decimal("NaN"), float("inf")]),
    st.builds(pow, st.just(10), st.just(5000)),  # more digits than Python converts to text
    st.dictionaries(st.sampled_from([1, 2.5, None, True, (1, 2), frozenset()]), st.integers(), max_size=2),
)


@SETTINGS
@given(st.binary(max_size=2048))
def test_any_bytes_are_an_error_or_a_result(data):
    every_loader(data)
    every_loader(b"{" + data)  # read as JSON text, not as a path


@SETTINGS
@given(st.text(max_size=512))
def test_any_text_is_an_error_or_a_result(text):
    every_loader(text)
    every_loader("{" + text)


@SETTINGS
@given(python_objects)
def test_any_object_is_an_error_or_a_result(obj):
    every_loader(obj)
    every_loader({"thidua": 1, "thidua_results": 1, "id": obj, "results": [obj], "units": obj})


def _nodes(doc, pointer=()):
    """Every (path, value) of a JSON document."""
    yield pointer, doc
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, value in items:
        yield from _nodes(value, pointer + (key,))


@SETTINGS
@given(st.data())
def test_valid_documents_with_one_value_replaced_are_an_error_or_a_result(data):
    for document, load in ((CAMPAIGN, thidua.load_campaign), (RESULTS, LOADED.score)):
        doc = copy.deepcopy(document)
        path, _ = data.draw(st.sampled_from(list(_nodes(doc))[1:]))
        parent = doc
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = data.draw(json_values)
        answers(load, doc)


def test_a_missing_file_is_a_parse_error_naming_the_path(tmp_path):
    path = tmp_path / "không-có.json"
    with pytest.raises(thidua.ParseError) as info:
        thidua.load_campaign(path)
    assert info.value.document == str(path)
    assert "cannot read the file: No such file or directory" in info.value.message
    assert str(info.value).startswith(f"{path}: ")


def test_a_directory_is_a_parse_error(tmp_path):
    # Results may be a folder of filled forms: one without any is an error naming it.
    with pytest.raises(thidua.ParseError, match="the folder holds no .xlsx workbook"):
        thidua.load_results(tmp_path)
    with pytest.raises(thidua.ParseError, match="not a file that can be read"):
        thidua.load_campaign(tmp_path)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as handle:
        handle.truncate((128 << 20) + 1)  # sparse: no disk space used
    with pytest.raises(thidua.LimitError) as info:
        thidua.load_campaign(path)
    assert "134217729 bytes, more than the limit of 134217728" in info.value.message


def test_text_that_is_not_utf8_names_its_line_and_column(tmp_path):
    path = tmp_path / "results.csv"
    path.write_bytes("unit,criterion,value\nbac-hong,mo-hinh,4\nthuận-lộc,mo-hinh,".encode("utf-8") + b"\xff\n")
    with pytest.raises(thidua.ParseError) as info:
        LOADED.score(path)
    assert (info.value.line, info.value.column) == (3, "19")  # characters, not bytes
    assert "not valid UTF-8" in info.value.message
    with pytest.raises(thidua.ParseError, match="line 1, column 9"):
        thidua.load_campaign(b'{"id": "\xc3\x28"}')


def test_a_lone_surrogate_is_a_parse_error():
    with pytest.raises(thidua.ParseError, match="lone surrogate"):
        thidua.load_campaign({"id": "\ud800"})


def test_objects_json_cannot_carry_are_schema_errors():
    for value in ({1, 2}, object(), {(1, 2): 3}):
        with pytest.raises(thidua.SchemaError, match="cannot be written as JSON"):
            thidua.load_campaign({"thidua": 1, "id": value})
    circular = {}
    circular["self"] = circular
    with pytest.raises(thidua.SchemaError, match="Circular reference"):
        thidua.load_results(circular)
    for value in (None, 7, ["a"], 2.5):
        with pytest.raises(thidua.SchemaError, match=f"not {type(value).__name__}"):
            thidua.load_campaign(value)


def test_deep_nesting_is_a_limit_error():
    deep = inner = {}
    for _ in range(100_000):
        inner["x"] = {}
        inner = inner["x"]
    with pytest.raises(thidua.LimitError, match="nested too deeply"):
        thidua.load_campaign(deep)
    with pytest.raises(thidua.LimitError, match="nested more than 32 deep"):
        thidua.load_campaign("[" * 40 + "]" * 40)


def test_a_campaign_given_as_a_table_is_a_parse_error():
    with pytest.raises(thidua.ParseError, match="a campaign is a JSON document, not a table"):
        thidua.load_campaign(EXAMPLE / "results.csv")


def test_results_for_another_campaign_are_an_id_error():
    other = dict(RESULTS, campaign="thanh-xuan-2023")
    with pytest.raises(thidua.IdError) as info:
        LOADED.score(other)
    assert info.value.pointer == "/campaign"
    assert "these results are for campaign 'thanh-xuan-2023', not 'hong-linh-dot-dac-biet-2024'" in info.value.message


# ---------------------------------------------------------------------------------------------------------------------
# Nothing lost
# ---------------------------------------------------------------------------------------------------------------------

def _csv_rows(path):
    """The data rows of a table, read independently of the library: non-blank records after the header."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [r for r in csv.DictReader(handle) if any(r.values())]


def _scored_inputs():
    """(campaign, results, votes and events tables, rows, events, votes) of every example (JSON, and CSV tables) and
    every scored golden case."""
    cases = []
    for folder in sorted((ROOT / "docs" / "examples").iterdir()):
        if (folder / "campaign.json").is_file():
            r = load_exact(folder / "results.json")
            counts = len(r.get("events", [])), len(r.get("votes", []))
            cases.append(pytest.param(folder / "campaign.json", folder / "results.json", {}, r["results"], *counts,
                                      id=folder.name))
            tables = {"votes": folder / "votes.csv", "events": folder / "events.csv"}
            cases.append(pytest.param(folder / "campaign.json", folder / "results.csv", tables,
                                      _csv_rows(folder / "results.csv"), *counts, id=folder.name + "-csv"))
    for name, path in golden_cases().items():
        case = load_exact(path)
        if "error" not in case["expect"]:
            r = case["results"]
            cases.append(pytest.param(case["campaign"], r, {}, r.get("results", []), len(r.get("events", [])),
                                      len(r.get("votes", [])), id=name))
    return cases


@pytest.mark.parametrize(("campaign", "results", "tables", "rows", "events", "votes"), _scored_inputs())
def test_every_input_row_is_used_in_the_report(campaign, results, tables, rows, events, votes):
    report = thidua.load_campaign(campaign).score(results, **tables).to_dict()
    assert report["inputs"] == {"results": len(rows), "used": len(rows), "events": events, "votes": votes}
    # Rows land in distinct slots: each reported or exempt row is one such status in the report, no more, no fewer
    # (missing and not_applicable also stand for pairs without a row, so the report may have more of those).
    given = Counter(row.get("status") or "reported" for row in rows)
    shown = Counter(status for unit in report["units"] for status in unit["statuses"].values())
    assert shown["reported"] == given["reported"]
    assert shown["exempt"] == given["exempt"]
    assert shown["missing"] >= given["missing"]
    assert shown["not_applicable"] >= given["not_applicable"]
