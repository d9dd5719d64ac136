"""The five seed campaigns: expected reports, CSV = JSON, and the Python report is the C++ report byte for byte."""

import json
import os
from pathlib import Path

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
def test_csv_results_score_the_same_points_as_json(folder):
    campaign = thidua.load_campaign(folder / "campaign.json")
    from_json = {u["id"]: u for u in campaign.score(folder / "results.json").units}
    from_csv = {u["id"]: u for u in campaign.score(folder / "results.csv").units}
    for unit_id, unit in from_json.items():
        for key in ("points", "statuses", "phases", "base"):
            assert from_csv[unit_id][key] == unit[key], (unit_id, key)


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
