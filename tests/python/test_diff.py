"""Diffs between runs: Report.diff, thidua.diff on reports and on saved report files, and `thidua diff` with its
exit codes (0 nothing changed, 1 something changed, 2 trouble)."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import thidua
from thidua.cli import main

from helpers import ROOT

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
TUYEN_TRUYEN = "Tuyên truyền, biểu dương kịp thời kết quả thi đua, sáng kiến, cách làm hay, mô hình mới (Ban Thường trực chấm)"
BANG_KHEN = "Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh"


def _results():
    return json.loads((HONG_LINH / "results.json").read_text(encoding="utf-8"))


@pytest.fixture
def revised(tmp_path):
    """Nam Hồng reports 9 articles instead of 5 in the second phase."""
    results = _results()
    for row in results["results"]:
        if row["unit"] == "nam-hong" and row["criterion"] == "tuyen-truyen" and row.get("phase") == "gd2":
            row["value"] = 9
    path = tmp_path / "revised.json"
    path.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def campaign():
    return thidua.load_campaign(HONG_LINH / "campaign.json")


NAM_HONG = [
    ("nam-hong", "points:gd2/tuyen-truyen", "5.00", "9.00"),
    ("nam-hong", "phase:gd2", "91.67", "98.33"),
    ("nam-hong", "base", "96.67", "99.33"),
    ("nam-hong", "total", "96.67", "99.33"),
    ("nam-hong", "class", "tot", "xuat-sac"),
    ("nam-hong", "cluster_rank", 4, 3),
    ("nam-hong", "overall_rank", 6, 4),
    ("nam-hong", "award:bang-khen", False, True),
    ("trung-luong", "class", "xuat-sac", "tot"),
    ("trung-luong", "cluster_rank", 3, 4),
    ("trung-luong", "overall_rank", 5, 6),
    ("trung-luong", "award:bang-khen", True, False),
    ("hoi-lhpn", "overall_rank", 4, 5),
]


def test_a_report_against_itself_is_empty(campaign):
    report = campaign.score(HONG_LINH / "results.json")
    d = report.diff(campaign.score(HONG_LINH / "results.json"))
    assert d.empty and d.units == [] and d.changes() == []
    assert d.inputs["campaign_equal"] and d.inputs["results_equal"] and d.inputs["compared"]
    assert d.to_pandas().empty and list(d.to_pandas().columns) == ["unit", "what", "before", "after"]
    assert str(d) == "Không có thay đổi.\n"
    assert d.to_text(lang="en") == "Nothing changed.\n"


def test_a_changed_value_moves_class_ranks_and_awards(campaign, revised):
    before = campaign.score(HONG_LINH / "results.json")
    d = before.diff(campaign.score(revised))
    assert not d.empty
    assert d.units == ["nam-hong", "trung-luong", "hoi-lhpn"]
    assert d.changes() == NAM_HONG
    frame = d.to_pandas()
    assert [tuple(row) for row in frame.itertuples(index=False)] == NAM_HONG
    assert repr(d) == "<thidua.ReportDiff: 3 units changed, empty=False>"
    inputs = d.inputs
    assert inputs["campaign_equal"] and not inputs["results_equal"]
    assert inputs["campaign_changes"] == []
    assert inputs["result_rows"] == [{"unit": "nam-hong", "criterion": "tuyen-truyen", "phase": "gd2", "date": "",
                                      "layer": None, "change": "changed", "fields": ["value"]}]
    text = d.to_text(lang="en").splitlines()
    # Phases, criteria, classes and awards by their titles; the slot as the explanations name it.
    assert text[:4] == ["Units changed: 3", "Ủy ban MTTQ phường Nam Hồng (nam-hong)",
                        f"  Points “{TUYEN_TRUYEN}” (Phase 2): 5.00 → 9.00", "  Phase 2 score: 91.67 → 98.33"]
    assert f"  Gains {BANG_KHEN}" in text and f"  Loses {BANG_KHEN}" in text
    assert text[-1] == f"  Result row changed: Ủy ban MTTQ phường Nam Hồng · {TUYEN_TRUYEN} · Phase 2 (Value)"
    vi = str(d).splitlines()
    assert f"  Điểm «{TUYEN_TRUYEN}» (Giai đoạn 2): 5,00 → 9,00" in vi and "  Tổng điểm: 96,67 → 99,33" in vi
    assert "  Xếp loại: Hoàn thành tốt nhiệm vụ → Hoàn thành xuất sắc nhiệm vụ" in vi
    assert not [line for line in vi if "gd2" in line or "tuyen-truyen" in line or "xuat-sac" in line]
    md = d.to_markdown(lang="en").splitlines()
    assert md[:3] == ["| Unit | Change | Before | After |", "| :--- | :--- | ---: | ---: |",
                      f"| nam-hong | Points “{TUYEN_TRUYEN}” (Phase 2) | 5.00 | 9.00 |"]
    assert f"| trung-luong | {BANG_KHEN} | yes | no |" in md
    assert f"- Result row changed: Ủy ban MTTQ phường Nam Hồng · {TUYEN_TRUYEN} · Phase 2 (Value)" in md


def test_a_changed_campaign_key_is_named_by_its_pointer(campaign, tmp_path):
    document = json.loads((HONG_LINH / "campaign.json").read_text(encoding="utf-8"))
    for criterion in document["criteria"]:
        if criterion["id"] == "mo-hinh":
            criterion["rule"]["target"] = 4
    changed = thidua.load_campaign(document)
    d = thidua.diff(campaign.score(HONG_LINH / "results.json"), changed.score(HONG_LINH / "results.json"))
    assert d.inputs["campaign_changes"] == ["/criteria/mo-hinh/rule/target"]
    assert not d.inputs["campaign_equal"] and d.inputs["results_equal"]
    assert "Campaign key changed: /criteria/mo-hinh/rule/target" in d.to_text(lang="en")


def test_saved_reports_compare_units_and_fingerprints(campaign, revised, tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(campaign.score(HONG_LINH / "results.json").to_json(), encoding="utf-8")
    new.write_text(campaign.score(revised).to_json(), encoding="utf-8")
    d = thidua.diff(old, new, lang="en")
    assert d.changes() == NAM_HONG
    assert not d.inputs["compared"] and not d.inputs["results_equal"] and d.inputs["result_rows"] == []
    assert d.to_text().splitlines()[-1].startswith("Saved reports: only the units and the SHA-256 fingerprints")
    assert thidua.diff(str(old), str(old)).empty
    with pytest.raises(thidua.SchemaError, match="not a report document"):
        thidua.diff(HONG_LINH / "campaign.json", old)
    with pytest.raises(TypeError):
        thidua.diff(campaign.score(revised), old)


def test_the_cli_exits_0_when_nothing_changed_and_1_when_something_did(revised, tmp_path, capsys):
    same = ["diff", str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json"),
            str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json")]
    assert main(same + ["--lang", "en"]) == 0
    assert capsys.readouterr().out == "Nothing changed.\n"
    runs = same[:3] + [str(HONG_LINH / "campaign.json"), str(revised)]
    assert main(runs + ["--lang", "en"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["Units changed: 3", "Ủy ban MTTQ phường Nam Hồng (nam-hong)",
                       f"  Points “{TUYEN_TRUYEN}” (Phase 2): 5.00 → 9.00"]
    assert out[-1] == f"  Result row changed: Ủy ban MTTQ phường Nam Hồng · {TUYEN_TRUYEN} · Phase 2 (Value)"
    assert main(runs + ["--format", "csv"]) == 1
    csv = capsys.readouterr().out.splitlines()
    assert csv[:2] == ["unit,what,before,after", "nam-hong,points:gd2/tuyen-truyen,5.00,9.00"]
    assert main(runs + ["--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["empty"] is False and data["changes"][3] == {"unit": "nam-hong", "what": "total",
                                                             "before": "96.67", "after": "99.33"}
    assert main(runs + ["--format", "markdown", "--lang", "en"]) == 1
    assert "| nam-hong | Total | 96.67 | 99.33 |" in capsys.readouterr().out


def test_the_cli_compares_saved_reports(revised, tmp_path, capsys):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    assert main(["score", str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json"), "-o", str(old)]) == 0
    assert main(["score", str(HONG_LINH / "campaign.json"), str(revised), "-o", str(new)]) == 0
    capsys.readouterr()
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Không có thay đổi."
    assert main(["diff", str(old), str(new), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "  Total: 96.67 → 99.33" in out and "Saved reports:" in out


def test_the_cli_exits_2_on_trouble_not_1(tmp_path, capsys):
    assert main(["diff", str(HONG_LINH / "results.json")]) == 2
    assert "give two report JSON files" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "missing.json"), str(tmp_path / "missing.json")]) == 2
    assert capsys.readouterr().err.startswith("thidua: error: ")
    assert main(["diff", "--format", "xml", "a.json", "b.json"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err
    campaign = str(HONG_LINH / "campaign.json")
    assert main(["diff", campaign, str(HONG_LINH / "results.json")]) == 2  # a campaign and results are not reports
    assert capsys.readouterr().err == f"thidua: error: {campaign}: not a report document: it has no 'thidua_report' key\n"


def test_the_diff_example_of_python_md_prints_what_it_says(revised, tmp_path):
    block = re.search(r"<!-- example:diff -->\n```text\n(.*?)```\n", (ROOT / "docs" / "python.md").read_text("utf-8"),
                      re.S).group(1).splitlines()
    assert block[0] == "$ thidua diff campaign.json results.json campaign.json revised.json --lang en"
    for name in ("campaign.json", "results.json"):
        shutil.copy(HONG_LINH / name, tmp_path / name)
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "thidua", *block[0].split()[2:]], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.stdout.splitlines() == block[1:-2]
    assert block[-2:] == ["$ echo $?", str(run.returncode)]


def test_the_cli_gives_the_votes_and_events_tables_to_both_runs(tmp_path, capsys):
    thanh_xuan = ROOT / "docs" / "examples" / "thanh-xuan-2023"
    campaign, results = str(thanh_xuan / "campaign.json"), str(thanh_xuan / "results.csv")
    votes, events = str(thanh_xuan / "votes.csv"), str(thanh_xuan / "events.csv")
    tables = ["--votes", votes, "--events", events]
    assert main(["diff", campaign, results, campaign, results, *tables]) == 0
    assert capsys.readouterr().out == "Không có thay đổi.\n"
    lines = (thanh_xuan / "results.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    revised = tmp_path / "revised.csv"
    revised.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")  # the first row left out
    assert main(["diff", campaign, results, campaign, str(revised), *tables, "--format", "json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    c = thidua.load_campaign(campaign)
    expected = c.score(results, votes=votes, events=events).diff(c.score(revised, votes=votes, events=events))
    assert printed == json.loads(json.dumps(expected.to_dict()))
    assert [row["change"] for row in printed["inputs"]["result_rows"]] == ["removed"]
    assert main(["diff", "a.json", "b.json", *tables]) == 2
    assert "--votes and --events go with two runs" in capsys.readouterr().err


def test_events_and_votes_are_listed_one_by_one(campaign, tmp_path):
    results = _results()
    results["events"][0]["count"] = 2
    results["events"].append({"unit": "nam-hong", "adjustment": "sang-kien"})
    results["votes"][0]["yes"] += 1
    path = tmp_path / "revised.json"
    path.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    d = campaign.score(HONG_LINH / "results.json").diff(campaign.score(path))
    assert d.inputs["events"] == [
        {"unit": "bac-hong", "id": "sang-kien", "layer": None, "change": "changed", "fields": ["count"]},
        {"unit": "nam-hong", "id": "sang-kien", "layer": None, "change": "added", "fields": []}]
    assert d.inputs["votes"] == [{"unit": "bac-hong", "id": "", "layer": None, "change": "changed", "fields": ["yes"]}]
    text = d.to_text(lang="vi").splitlines()
    sang_kien = "Sáng kiến, cách làm hay, mô hình mới được biểu dương trong đợt thi đua"
    assert f"  Sự kiện đã đổi: Ủy ban MTTQ phường Bắc Hồng · {sang_kien} (Số lần)" in text
    assert f"  Sự kiện mới: Ủy ban MTTQ phường Nam Hồng · {sang_kien}" in text
    assert "  Phiếu bầu đã đổi: Ủy ban MTTQ phường Bắc Hồng (Số phiếu đồng ý)" in text
