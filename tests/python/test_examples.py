"""The five seed campaigns: expected reports, CSV and workbook tables = JSON, and the Python report is the C++ report
byte for byte."""

import csv
import json
import os
from pathlib import Path

import openpyxl
import pytest

import thidua

from helpers import ROOT, load_exact

EXAMPLES = sorted(p for p in (ROOT / "docs" / "examples").iterdir() if (p / "expected.json").exists())
NAMES = [p.name for p in EXAMPLES]


def test_there_are_five_seed_campaigns():
    assert NAMES == [
        "chuong-my-cum-2-2024",
        "ha-noi-cum-1-2022",
        "hong-linh-dot-dac-biet-2024",
        "khoi-mat-tran-doan-the-2024",
        "thanh-xuan-2023",
    ]


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_the_example_gives_its_expected_report(folder):
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    d = report.to_dict()
    expected = load_exact(folder / "expected.json")
    units = {u["id"]: u for u in d["units"]}
    assert set(units) == set(expected["units"])
    for unit_id, keys in expected["units"].items():
        for key, value in keys.items():
            assert units[unit_id][key] == value, (unit_id, key)
    clusters = {c["id"]: c for c in d["clusters"]}
    for cluster_id, keys in expected["clusters"].items():
        for key, value in keys.items():
            assert clusters[cluster_id][key] == value, (cluster_id, key)
    assert d["award_cash"] == expected["award_cash"]


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_csv_tables_score_exactly_like_the_json_results(folder):
    campaign = thidua.load_campaign(folder / "campaign.json")
    from_json = campaign.score(folder / "results.json").to_dict()
    from_csv = campaign.score(folder / "results.csv", votes=folder / "votes.csv", events=folder / "events.csv").to_dict()
    assert from_json["inputs"]["votes"] > 0 and from_json["inputs"]["events"] > 0
    assert from_json["warnings"] == [] and from_csv["warnings"] == []
    for report in (from_json, from_csv):
        del report["results_sha256"]  # the JSON names its campaign, a table does not
    assert from_csv == from_json


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_a_workbook_with_results_votes_and_events_sheets_scores_like_the_json_results(folder, tmp_path):
    # As an officer keeps the tables: one workbook, a sheet each, numbers as numbers and empty cells empty.
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in ("results", "votes", "events"):
        sheet = book.create_sheet(name)
        with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                sheet.append([None if cell == "" else int(cell) if cell.isdigit() else cell for cell in row])
    book.save(tmp_path / "tables.xlsx")
    campaign = thidua.load_campaign(folder / "campaign.json")
    from_book = campaign.score(tmp_path / "tables.xlsx").to_dict()
    from_json = campaign.score(folder / "results.json").to_dict()
    for report in (from_book, from_json):
        del report["results_sha256"]
    assert from_book == from_json


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_csv_results_alone_warn_that_votes_and_events_are_missing(folder):
    campaign = thidua.load_campaign(folder / "campaign.json")
    with pytest.warns(thidua.InputWarning) as caught:
        report = campaign.score(folder / "results.csv")
    assert [w["code"] for w in report.warnings] == ["no_votes", "no_events"]
    assert [str(w.message) for w in caught] == [w["message"] for w in report._cpp.warnings(campaign.language)]
    assert report.to_dict()["inputs"]["votes"] == report.to_dict()["inputs"]["events"] == 0
    # An events table with only its header says that none happened: that warning goes, the votes' stays.
    with pytest.warns(thidua.InputWarning):
        stated = campaign.score(folder / "results.csv", events=[])
    assert [w["code"] for w in stated.warnings] == ["no_votes"]


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_python_and_cpp_reports_are_byte_identical(folder):
    cpp_reports = os.environ.get("THIDUA_CPP_REPORTS")
    if not cpp_reports:
        pytest.skip("THIDUA_CPP_REPORTS is set by CTest after the doctest suite wrote the C++ reports")
    cpp = (Path(cpp_reports) / f"{folder.name}.json").read_bytes()
    from_paths = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    # Through dicts as an analyst would build them: a different input path, the same bytes.
    from_dicts = thidua.load_campaign(load_exact(folder / "campaign.json")).score(load_exact(folder / "results.json"))
    assert from_paths.to_json().encode("utf-8") == cpp
    assert from_dicts.to_json().encode("utf-8") == cpp


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_every_unit_explains_itself_in_both_languages(folder):
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    for unit in report.units:
        vi = report.explain(unit["id"], lang="vi")
        en = report.explain(unit["id"], lang="en")
        assert vi.steps[0]["points"] == unit["total"] == en.steps[0]["points"]
        assert f"tổng điểm {unit['total'].replace('.', ',')}" in vi.text
        assert f"total {unit['total']}" in en.text
        assert len(vi.steps) == len(en.steps)
