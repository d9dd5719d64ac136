"""Errors: one hierarchy rooted at thidua.Error (a ValueError), each naming the place in the input."""

import copy

import pytest

import thidua

from helpers import MISSING_RESULTS, ROOT, golden_cases, load_exact

BASE = load_exact(golden_cases()["01-ratio-linear.json"])


def campaign(**changes):
    c = copy.deepcopy(BASE["campaign"])
    c.update(changes)
    return c


def test_errors_are_value_errors_with_subclasses():
    assert issubclass(thidua.Error, ValueError)
    for cls in (thidua.ParseError, thidua.SchemaError, thidua.IdError, thidua.ValidationError, thidua.OutOfRangeError,
                thidua.LimitError):
        assert issubclass(cls, thidua.Error)


def test_an_unknown_key_names_its_pointer():
    c = campaign()
    c["criteria"][0]["maxpoints"] = 3
    with pytest.raises(thidua.SchemaError) as info:
        thidua.load_campaign(c)
    assert info.value.pointer == "/criteria/0/maxpoints"
    assert info.value.document == "campaign"
    assert "unknown key 'maxpoints'" in info.value.message
    assert info.value.line is None


def test_a_duplicate_unit_id_is_an_id_error():
    c = campaign()
    c["units"][1]["id"] = c["units"][0]["id"]
    with pytest.raises(thidua.IdError) as info:
        thidua.load_campaign(c)
    assert info.value.pointer == "/units/1/id"


def test_malformed_json_gives_line_and_column():
    with pytest.raises(thidua.ParseError) as info:
        thidua.load_campaign('{\n  "thidua": 1,\n  "id": }')
    assert info.value.pointer is None
    assert info.value.line == 3
    assert info.value.column == "9"


def test_a_csv_error_names_line_and_column(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("unit,criterion,value\ntốt-động,quy,7\nhữu-văn,quy,1.2.3\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError) as info:
        thidua.load_campaign(BASE["campaign"]).score(path)
    assert (info.value.line, info.value.column) == (3, "value")
    assert info.value.document == str(path)
    # The campaign is Vietnamese (no language: vi), so the message names the forms a Vietnamese table takes.
    assert str(info.value).endswith("'1.2.3' is not a number: a Vietnamese table writes numbers like 12,5 (decimal "
                                    "comma), 1.234.567 (thousands dot) or 1.234,5, and a share may be 85%")
    # Read alone, without a campaign, a table is plain: 12.5 and ISO dates.
    with pytest.raises(thidua.SchemaError, match=r"line 3, column value: '1.2.3' is not a decimal number"):
        thidua.load_results(path)


@pytest.mark.parametrize("word", ["Có", "yes", "Đạt", "x"])
def test_a_word_for_yes_or_no_in_an_english_campaign_says_what_a_boolean_criterion_takes(tmp_path, word):
    path = tmp_path / "results.csv"
    path.write_text(f"unit,criterion,value\ntốt-động,quy,{word}\n", encoding="utf-8")
    english = thidua.load_campaign(dict(BASE["campaign"], language="en"))
    with pytest.raises(thidua.SchemaError, match=f"line 2, column value: '{word}' is not a value: a boolean criterion "
                       r"takes true or false \(or 1 or 0\), any other criterion a decimal number such as 12.5"):
        english.score(path)


def test_a_vietnamese_campaign_reads_co_khong_and_x_as_yes_or_no(tmp_path):
    path = tmp_path / "results.csv"
    path.write_text("unit,criterion,value\ntốt-động,quy,Đạt\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError, match="line 2, column value: 'Đạt' is not a value: a boolean criterion "
                       r"takes Có or Không \(or x, true/false, 1/0\), any other criterion a number such as 12,5"):
        thidua.load_campaign(BASE["campaign"]).score(path)
    path.write_text("unit,criterion,value\ntốt-động,quy,Có\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError, match="criterion 'quy' is scored by ratio and takes a number, not Có"):
        thidua.load_campaign(BASE["campaign"]).score(path)


def test_a_result_for_an_unknown_unit_names_the_row():
    results = copy.deepcopy(BASE["results"])
    results["results"][2]["unit"] = "nowhere"
    with pytest.raises(thidua.IdError) as info:
        thidua.load_campaign(BASE["campaign"]).score(results)
    assert info.value.pointer == "/results/2/unit"
    assert info.value.document == "results"


def test_a_dataframe_row_error_names_the_row_by_its_index_label():
    import pandas as pd

    frame = pd.DataFrame({"unit": ["tốt-động", "hữu-văn"], "criterion": ["quy", "quy"], "value": [7, -1]},
                         index=["dòng-a", "dòng-b"])
    with pytest.raises(thidua.ValidationError) as info:
        thidua.load_campaign(BASE["campaign"]).score(frame)
    assert info.value.cell == "row 'dòng-b', column value"
    assert str(info.value).startswith("DataFrame › row 'dòng-b', column value: ")
    assert info.value.pointer == "/results/1/value"
    # An error the reader finds (a bad type) is named the same way, and a list of dicts by its position.
    frame.loc["dòng-a", "value"] = "bảy"
    with pytest.raises(thidua.Error, match=r"^DataFrame › row 'dòng-a', column value: "):
        thidua.load_campaign(BASE["campaign"]).score(frame)
    records = [{"unit": "tốt-động", "criterion": "quy", "value": 7}, {"unit": "nowhere", "criterion": "quy"}]
    with pytest.raises(thidua.IdError, match=r"^results list › row 1, column unit: unknown unit 'nowhere'"):
        thidua.load_campaign(BASE["campaign"]).score(records)


# ---------------------------------------------------------------------------------------------------------------------
# Every validation of docs/semantics.md §6: the table the C++ suite runs too (tests/data/validation.json)
# ---------------------------------------------------------------------------------------------------------------------

TABLE = load_exact(ROOT / "tests" / "data" / "validation.json")


def _tokens(pointer):
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _patched(document, patch):
    """The document with RFC 6902 add, replace and remove operations applied."""
    doc = copy.deepcopy(document)
    for op in patch:
        *path, last = _tokens(op["path"])
        parent = doc
        for token in path:
            parent = parent[token] if isinstance(parent, dict) else parent[int(token)]
        if isinstance(parent, dict):
            if op["op"] == "remove":
                del parent[last]
            else:
                parent[last] = copy.deepcopy(op["value"])
        elif last == "-":
            parent.append(copy.deepcopy(op["value"]))
        elif op["op"] == "remove":
            del parent[int(last)]
        elif op["op"] == "add":
            parent.insert(int(last), copy.deepcopy(op["value"]))
        else:
            parent[int(last)] = copy.deepcopy(op["value"])
    return doc


@pytest.mark.filterwarnings(MISSING_RESULTS)
def test_the_base_documents_of_the_table_are_valid():
    assert thidua.load_campaign(TABLE["campaign"]).score(TABLE["results"]).units


@pytest.mark.parametrize("case", TABLE["cases"], ids=[c["rule"] for c in TABLE["cases"]])
def test_every_validation_gives_its_error_place_and_message(case, tmp_path):
    campaign, results = TABLE["campaign"], TABLE["results"]
    if case["document"] == "csv":
        # Through a file, as an officer hands the table over.
        results = tmp_path / "ket-qua.csv"
        results.write_text(case["csv"], encoding="utf-8")
    elif case["document"] == "campaign":
        campaign = _patched(campaign, case["patch"])
    else:
        results = _patched(results, case["patch"])
    with pytest.raises(thidua.Error) as info:
        thidua.load_campaign(campaign).score(results)
    error = info.value
    assert type(error).__name__ == case["error"]
    assert case["contains"] in error.message
    assert error.message in str(error)
    if case["document"] == "csv":
        assert (error.line, error.column or "") == (case["line"], case["column"])
        assert error.pointer is None
        assert error.document == str(results)
    else:
        assert error.pointer == case["pointer"]
        assert error.line is None
        assert error.document == case["document"]
