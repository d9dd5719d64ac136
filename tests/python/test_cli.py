"""The command line: tables, report files, explanations, validation, and exit codes (0 ok, 1 input, 2 usage)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import thidua
from thidua.cli import main

from helpers import ROOT, golden_cases, load_exact

CASE = load_exact(golden_cases()["22-missing-exempt-applies-to.json"])
THANH_XUAN = ROOT / "docs" / "examples" / "thanh-xuan-2023"


@pytest.fixture
def files(tmp_path):
    campaign = tmp_path / "campaign.json"
    results = tmp_path / "results.json"
    campaign.write_text(json.dumps(CASE["campaign"], default=str, ensure_ascii=False), encoding="utf-8")
    results.write_text(json.dumps(CASE["results"], default=str, ensure_ascii=False), encoding="utf-8")
    return str(campaign), str(results)


def test_score_prints_the_table(files, capsys):
    assert main(["score", *files, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Phường Bắc Hồng" in out and "93.33" in out


def test_score_prints_json(files, capsys):
    assert main(["score", *files, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["campaign"] == "g22"


def test_score_writes_the_report_file(files, tmp_path, capsys):
    out = tmp_path / "report.json"
    assert main(["score", *files, "-o", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["units"][0]["id"] == "bac-hong"
    assert capsys.readouterr().err == f"thidua: wrote {out}\n"


def test_score_writes_a_workbook_markdown_and_csv(tmp_path, capsys):
    args = ["score", str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.csv"),
            "--votes", str(THANH_XUAN / "votes.csv"), "--events", str(THANH_XUAN / "events.csv")]
    assert main([*args, "-o", str(tmp_path / "r.xlsx")]) == 0
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames[0] == "Tổng hợp" and book.sheetnames[-1] == "Điểm chi tiết"
    assert book.sheetnames[1] == "Khối Ủy ban MTTQ các phường"  # then a sheet per block
    assert [c.value for c in book["Tổng hợp"][2]][:4] == ["Khối Ủy ban MTTQ các phường", 1, "nhan-chinh",
                                                          "Ủy ban MTTQ phường Nhân Chính"]
    assert main([*args, "-o", str(tmp_path / "r.md"), "--explain", "ha-dinh", "--lang", "en"]) == 0
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "### Ủy ban MTTQ phường Hạ Đình" in md and "| Rank | Unit |" in md
    # The CSV is the summary table a Vietnamese spreadsheet reads: ";" between cells, decimal commas, titles.
    assert main([*args, "-o", str(tmp_path / "r.csv")]) == 0
    assert (tmp_path / "r.csv").read_bytes().startswith("\ufeffKhối;Xếp hạng;Mã;Đơn vị;".encode("utf-8"))
    frame = pd.read_csv(tmp_path / "r.csv", sep=";", index_col="Mã", dtype=str, encoding="utf-8-sig")
    assert frame.loc["nhan-chinh", "Tổng điểm"] == "101,50" and frame.loc["nhan-chinh", "Xếp hạng"] == "1"
    assert frame.loc["nhan-chinh", "Khen thưởng"] == "Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội"
    assert frame.loc["nhan-chinh", "Xếp loại"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert main([*args, "-o", str(tmp_path / "en.csv"), "--lang", "en"]) == 0
    frame = pd.read_csv(tmp_path / "en.csv", index_col="Id", dtype=str, encoding="utf-8-sig")
    assert frame.loc["nhan-chinh", "Total"] == "101.50" and frame.loc["nhan-chinh", "Block"] == "Khối Ủy ban MTTQ các phường"
    captured = capsys.readouterr()
    assert "Ủy ban MTTQ phường Nhân Chính" in captured.out  # the table is printed too
    assert "warning" not in captured.err  # the votes and events were given


def test_score_warns_on_stderr_when_the_votes_and_events_are_not_given(tmp_path, capsys):
    args = ["score", str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.csv")]
    assert main(args) == 0  # the table is still printed: a warning does not change the exit code
    captured = capsys.readouterr()
    assert "Ủy ban MTTQ phường Nhân Chính" in captured.out
    assert captured.err.splitlines() == [
        "thidua: warning: không có kết quả bỏ phiếu: «Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội» cần tỷ lệ "
        "phiếu đồng ý từ 70 % nên không đơn vị nào được xét; tiêu chí phân định khi bằng điểm «Tỷ lệ phiếu bầu» không "
        "phân định được đơn vị nào. Hãy nhập phiếu bầu (bảng unit,award,yes,of hoặc mục votes của kết quả).",
        "thidua: warning: không có sự kiện cộng, trừ điểm: «Mô hình, cách làm hay được Ủy ban MTTQ Việt Nam Thành phố "
        "biểu dương» không áp dụng cho đơn vị nào. Hãy nhập các sự kiện (bảng unit,adjustment,count,note hoặc mục "
        "events của kết quả); nếu không có sự kiện nào, nhập bảng chỉ có dòng tiêu đề."]
    # An empty events table says that none happened: only the votes are missing now.
    events = tmp_path / "events.csv"
    events.write_text("unit,adjustment,count,note\n", encoding="utf-8")
    assert main([*args, "--events", str(events), "--lang", "en"]) == 0
    assert capsys.readouterr().err.startswith("thidua: warning: no votes were given: “Cờ thi đua của Ủy ban MTTQ Việt Nam "
                                               "thành phố Hà Nội” needs a share of votes in favour")
    assert main(["validate", *args[1:], "--events", str(events)]) == 0
    captured = capsys.readouterr()
    assert captured.out.endswith("valid (113 result rows, 0 votes, 0 events)\n") and "không có kết quả bỏ phiếu" in captured.err


def test_votes_per_award_and_table_errors_name_the_line_the_column_or_the_cell(tmp_path, capsys):
    args = ["score", str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.json"), "--format", "json"]
    # Nhân Chính's general vote (10/11) gives it the flag; a ballot on the flag alone of 7/11 (< 0.7) takes it away.
    votes = tmp_path / "votes.csv"
    votes.write_text("unit,award,yes,of\nnhan-chinh,co-thi-dua,7,11\n", encoding="utf-8")
    assert main([*args, "--votes", str(votes)]) == 0
    report = json.loads(capsys.readouterr().out)
    nhan_chinh = next(u for u in report["units"] if u["id"] == "nhan-chinh")
    assert "co-thi-dua" not in nhan_chinh["awards"] and report["inputs"]["votes"] == 22
    assert nhan_chinh["award_reasons"]["co-thi-dua"] == "7/11 votes in favour (63.63%), short of 70%"
    votes.write_text("unit,award,yes,of\nnhan-chinh,co-thi-dau,7,11\n", encoding="utf-8")
    assert main([*args, "--votes", str(votes)]) == 1
    assert capsys.readouterr().err == (f"thidua: error: {votes} line 2, column award: unknown award 'co-thi-dau'; "
                                       "did you mean 'co-thi-dua'? (known: co-thi-dua, bang-khen)\n")
    votes.write_text("unit,award,yes,of\nnhan-chinh,,12,11\n", encoding="utf-8")
    assert main([*args, "--votes", str(votes)]) == 1
    assert capsys.readouterr().err == f"thidua: error: {votes} line 2, column yes: yes (12) is greater than of (11)\n"
    # A second vote on every award: the results.json already holds Nhân Chính's; the error names both documents.
    votes.write_text("unit,award,yes,of\nnhan-chinh,,9,11\n", encoding="utf-8")
    assert main([*args, "--votes", str(votes)]) == 1
    assert capsys.readouterr().err == (f"thidua: error: {votes} line 2, column unit: a second vote for unit "
                                       f"'nhan-chinh' on every award (first given at {THANH_XUAN / 'results.json'} "
                                       "/votes/0)\n")
    book = tmp_path / "votes.xlsx"
    sheet = openpyxl.Workbook()
    sheet.active.title = "votes"
    for row in (["unit", "award", "yes", "of"], ["nhan-chinh", None, 10, 11], ["phuong-liet", None, "chín", 11]):
        sheet.active.append(row)
    sheet.save(book)
    assert main(["score", str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.csv"), "--votes", str(book)]) == 1
    assert capsys.readouterr().err.startswith(f"thidua: error: {book} › votes › C3: 'chín' is not a number")



def test_csv_output_neutralises_formulas(files, tmp_path):
    doc = json.loads(Path(files[0]).read_text(encoding="utf-8"))
    doc["units"][0]["name"] = "=cmd|' /C calc'!A0"
    Path(files[0]).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "r.csv"
    assert main(["score", *files, "-o", str(out)]) == 0
    assert "'=cmd|' /C calc'!A0" in pd.read_csv(out, sep=";", dtype=str, encoding="utf-8-sig")["Đơn vị"].tolist()


def test_an_input_error_exits_with_1_and_names_the_place(files, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    doc = json.loads(Path(files[1]).read_text(encoding="utf-8"))
    doc["results"][0]["unit"] = "nowhere"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["score", files[0], str(bad)]) == 1
    err = capsys.readouterr().err
    assert err == (f"thidua: error: {bad} /results/0/unit: unknown unit 'nowhere' "
                   "(known: bac-hong, nam-hong, hoi-phu-nu, thuan-loc)\n")


def test_a_csv_error_exits_with_1_and_names_the_line(tmp_path, capsys):
    bad = tmp_path / "results.csv"
    # A Vietnamese campaign's table is read with the decimal comma; what is not a number is named with the forms.
    bad.write_text("unit;criterion;phase;value\nha-dinh;sua-nha;nam-2023;7,5a\n", encoding="utf-8")
    assert main(["validate", str(THANH_XUAN / "campaign.json"), str(bad)]) == 1
    assert capsys.readouterr().err.startswith(f"thidua: error: {bad} line 2, column value: '7,5a' is not a number: a "
                                              "Vietnamese table writes numbers like 12,5 (decimal comma)")


def test_usage_errors_exit_with_2(files, capsys):
    assert main(["score", files[0]]) == 2
    assert "the following arguments are required: results" in capsys.readouterr().err
    assert main(["rank", *files]) == 2
    assert main(["score", *files, "-o", "report.pdf"]) == 2
    assert "'report.pdf' does not end with one of .xlsx, .json, .md, .csv" in capsys.readouterr().err
    assert main(["score", *files, "--lang", "fr"]) == 2


def test_an_unwritable_output_exits_with_1(files, tmp_path, capsys):
    assert main(["score", *files, "-o", str(tmp_path / "missing" / "r.json")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_validate_reports_valid_files(files, capsys):
    assert main(["validate", *files]) == 0
    assert capsys.readouterr().out == f"{files[0]}: valid (4 units, 4 criteria); {files[1]}: valid (12 result rows, 0 votes, 0 events)\n"


def test_explain_prints_one_unit_in_the_language_asked(capsys):
    args = ["explain", str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.json"), "ha-dinh"]
    assert main([*args, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ủy ban MTTQ phường Hạ Đình (Khối Ủy ban MTTQ các phường): total 71.08")
    assert main(args) == 0
    assert "tổng điểm 71,08" in capsys.readouterr().out  # the campaign's language
    assert main([*args[:3], "nowhere"]) == 1
    assert "unknown unit 'nowhere'" in capsys.readouterr().err


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"thidua {thidua.__version__}\n"
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "thidua score campaign.json results.csv -o report.xlsx" in out and "exit codes: 0 done, 1 invalid" in out
    assert main(["score", "--help"]) == 0
    assert "thidua score campaign.json results.csv -o report.md --explain bac-hong" in capsys.readouterr().out


def test_python_m_thidua_reports_a_missing_file_in_one_line_without_a_traceback(tmp_path):
    # The package this test imports, found from any working directory.
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "thidua", "score", str(THANH_XUAN / "campaign.json"), "nowhere.csv",
                          "-o", "report.xlsx"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr == "thidua: error: nowhere.csv: cannot read the file: No such file or directory\n"
    assert not (tmp_path / "report.xlsx").exists()


def test_a_reader_that_stops_early_is_not_an_error(tmp_path):
    # `thidua schema campaign | head -1`: the pipe is closed before thidua writes.
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    process = subprocess.Popen([sys.executable, "-m", "thidua", "schema", "campaign"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr.read() == ""
    process.stderr.close()


def test_template_writes_the_form_and_score_reads_it_back(tmp_path, capsys):
    campaign, results = str(THANH_XUAN / "campaign.json"), str(THANH_XUAN / "results.json")
    assert main(["template", campaign, "-o", str(tmp_path / "forms.xlsx")]) == 0
    assert capsys.readouterr().err == f"thidua: wrote {tmp_path / 'forms.xlsx'}\n"
    book = openpyxl.load_workbook(tmp_path / "forms.xlsx")
    assert book.sheetnames[0] == "Hướng dẫn" and "Ủy ban MTTQ phường Nhân Chính" in book.sheetnames
    # The officer's round trip: one pre-filled form per unit in a folder, scored as the results themselves.
    folder = tmp_path / "forms"
    folder.mkdir()
    for unit in ("nhan-chinh", "ha-dinh"):
        assert main(["template", campaign, "-o", str(folder / f"{unit}.xlsx"), "--unit", unit,
                     "--results", results]) == 0
    assert openpyxl.load_workbook(folder / "ha-dinh.xlsx").sheetnames == [
        "Hướng dẫn", "Ủy ban MTTQ phường Hạ Đình", "Phiếu bầu", "Cộng trừ điểm"]
    capsys.readouterr()
    assert main(["score", campaign, str(folder), "--format", "json"]) == 0
    from_forms = {u["id"]: u for u in json.loads(capsys.readouterr().out)["units"]}
    assert main(["score", campaign, results, "--format", "json"]) == 0
    direct = {u["id"]: u for u in json.loads(capsys.readouterr().out)["units"]}
    for unit in ("nhan-chinh", "ha-dinh"):
        assert from_forms[unit]["points"] == direct[unit]["points"] and from_forms[unit]["points"]
        assert from_forms[unit]["bonus"] == direct[unit]["bonus"]


def test_template_errors_exit_with_1_or_2(tmp_path, capsys):
    campaign = str(THANH_XUAN / "campaign.json")
    assert main(["template", campaign, "-o", str(tmp_path / "f.xlsx"), "--unit", "xa-khong-co"]) == 1
    assert "no unit 'xa-khong-co'" in capsys.readouterr().err
    assert main(["template", campaign, "-o", str(tmp_path / "f.csv")]) == 2
    assert main(["template", campaign]) == 2
    capsys.readouterr()
    assert main(["template", campaign, "-o", str(tmp_path / "nowhere" / "f.xlsx")]) == 1
    assert capsys.readouterr().err.startswith(f"thidua: error: cannot write {tmp_path / 'nowhere' / 'f.xlsx'}")
    # A filled form with a bad cell: exit 1, the file, sheet and cell named.
    assert main(["template", campaign, "-o", str(tmp_path / "f.xlsx"), "--unit", "ha-dinh"]) == 0
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    book.worksheets[1]["G5"] = "bảy"
    book.save(tmp_path / "f.xlsx")
    capsys.readouterr()
    assert main(["score", campaign, str(tmp_path / "f.xlsx")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"thidua: error: {tmp_path / 'f.xlsx'} › Ủy ban MTTQ phường Hạ Đình › G5: 'bảy' is not a ")
    assert "a boolean criterion takes Có or Không" in err and err.count("\n") == 1


def test_a_template_prefilled_from_tables_carries_their_votes_and_events(tmp_path, capsys):
    campaign, folder = str(THANH_XUAN / "campaign.json"), THANH_XUAN
    form = tmp_path / "forms.xlsx"
    assert main(["template", campaign, "-o", str(form), "--results", str(folder / "results.csv"),
                 "--votes", str(folder / "votes.csv"), "--events", str(folder / "events.csv")]) == 0
    capsys.readouterr()
    assert main(["score", campaign, str(form), "--format", "json"]) == 0
    from_form = json.loads(capsys.readouterr().out)
    assert main(["score", campaign, str(folder / "results.json"), "--format", "json"]) == 0
    from_json = json.loads(capsys.readouterr().out)
    assert from_form["units"] == from_json["units"] and from_form["ballots"] == from_json["ballots"]
    assert from_form["inputs"]["votes"] == from_json["inputs"]["votes"] == 21
    assert main(["template", campaign, "-o", str(form), "--votes", str(folder / "votes.csv")]) == 2
    assert "--votes and --events pre-fill a form together with --results" in capsys.readouterr().err
