"""The command line: tables, JSON and files, and errors with an exit code."""

import json

import pytest

from thidua.cli import main

from helpers import golden_cases, load_exact

CASE = load_exact(golden_cases()["22-missing-exempt-applies-to.json"])


@pytest.fixture
def files(tmp_path):
    campaign = tmp_path / "campaign.json"
    results = tmp_path / "results.json"
    campaign.write_text(json.dumps(CASE["campaign"], default=str, ensure_ascii=False), encoding="utf-8")
    results.write_text(json.dumps(CASE["results"], default=str, ensure_ascii=False), encoding="utf-8")
    return campaign, results


def test_score_prints_the_table(files, capsys):
    assert main(["score", str(files[0]), str(files[1]), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Phường Bắc Hồng" in out and "93.33" in out


def test_score_prints_json(files, capsys):
    assert main(["score", str(files[0]), str(files[1]), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["campaign"] == "g22"


def test_score_writes_the_report_file(files, tmp_path):
    out = tmp_path / "report.json"
    assert main(["score", str(files[0]), str(files[1]), "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["units"][0]["id"] == "bac-hong"


def test_an_error_exits_with_2_and_names_the_place(files, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    doc = json.loads(files[1].read_text(encoding="utf-8"))
    doc["results"][0]["unit"] = "nowhere"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["score", str(files[0]), str(bad)]) == 2
    err = capsys.readouterr().err
    assert "/results/0/unit" in err and "unknown unit 'nowhere'" in err


def test_validate_reports_valid_files(files, capsys):
    assert main(["validate", str(files[0]), str(files[1])]) == 0
    assert "valid" in capsys.readouterr().out
