"""Data-entry forms (thidua.forms): the workbook Campaign.to_form writes, read back by load_results and
Campaign.score (a workbook, a list, a folder), and hostile forms that must end in a thidua.Error naming the place."""

import datetime as dt
import json
import os
import shutil
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import thidua
from thidua import _workbook, forms

from helpers import ROOT

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


def example_dirs():
    root = Path(os.environ.get("THIDUA_EXAMPLES_DIR", ROOT / "docs" / "examples"))
    return [d for d in sorted(root.iterdir())
            if all((d / f).exists() for f in ("campaign.json", "results.json", "votes.csv", "events.csv"))]


def scored(campaign, *args, **kwargs):
    report = json.loads(campaign.score(*args, **kwargs).to_json())
    report.pop("results_sha256")  # a form's rows hash as read, not as the results document wrote them
    return report


def not_applicable_rows(campaign, results):
    """Rows of results naming a criterion that does not apply to the unit's kind (a form has no row for them)."""
    kinds = {u["id"]: u.get("kind", "") for u in campaign.to_dict()["units"]}
    applies = {k["id"]: k.get("applies_to") or [] for k in campaign.to_dict()["criteria"]}
    rows = json.loads(results.to_json())["results"]
    return sum(1 for r in rows if applies[r["criterion"]] and kinds[r["unit"]] not in applies[r["criterion"]])


def example_results(example):
    """The example's results.json, with votes.csv and events.csv when it does not state its own."""
    stated = json.loads((example / "results.json").read_text(encoding="utf-8"))
    return thidua.load_results(example / "results.json",
                               votes=None if "votes" in stated else example / "votes.csv",
                               events=None if "events" in stated else example / "events.csv")


@pytest.fixture(scope="module")
def hong_linh():
    return thidua.load_campaign(HONG_LINH / "campaign.json")


@pytest.fixture
def filled(hong_linh, tmp_path):
    """The Hồng Lĩnh form, pre-filled with its results, votes and events."""
    path = tmp_path / "forms.xlsx"
    hong_linh.to_form(path, results=HONG_LINH / "results.json")
    return path


def row_of(sheet, criterion, phase):
    """The row number of a criterion row, found by its hidden key."""
    for row in sheet.iter_rows(min_row=1):
        if row[11].value == criterion and row[12].value == phase:
            return row[0].row
    raise AssertionError(f"no row for {criterion}/{phase}")


# --- round trips -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("example", example_dirs(), ids=lambda d: d.name)
def test_a_form_prefilled_with_an_example_scores_as_its_results(example, tmp_path):
    campaign = thidua.load_campaign(example / "campaign.json")
    results = example_results(example)
    direct = scored(campaign, results)
    campaign.to_form(tmp_path / "forms.xlsx", results=results)
    back = scored(campaign, tmp_path / "forms.xlsx")
    # A row for a criterion that does not apply (status not_applicable) has no row in the form: the same outcome.
    dropped = not_applicable_rows(campaign, results)
    assert back.pop("inputs") == {**direct["inputs"], "results": direct["inputs"]["results"] - dropped,
                                  "used": direct["inputs"]["used"] - dropped}
    direct.pop("inputs")
    assert back == direct
    assert back["units"] and all(u["total"] for u in back["units"])


@pytest.mark.parametrize("example", example_dirs(), ids=lambda d: d.name)
def test_one_form_per_unit_in_a_folder_scores_as_the_results(example, tmp_path):
    campaign = thidua.load_campaign(example / "campaign.json")
    results = example_results(example)
    folder = tmp_path / "forms"
    folder.mkdir()
    for unit in campaign.units.ids:
        campaign.to_form(folder / f"{unit}.xlsx", results=results, units=[unit])
    (folder / "notes.txt").write_text("not a workbook, not read", encoding="utf-8")
    direct, back = scored(campaign, results), scored(campaign, folder)
    assert back.pop("inputs")["votes"] == direct.pop("inputs")["votes"]
    assert back == direct
    # A list of the workbooks reads the same.
    listed = scored(campaign, sorted(str(p) for p in folder.glob("*.xlsx")))
    listed.pop("inputs")
    assert listed == direct
    # And so does the command line.
    from thidua.cli import main

    assert main(["score", str(example / "campaign.json"), str(folder), "-o", str(tmp_path / "r.json")]) == 0
    from_cli = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [u["total"] for u in from_cli["units"]] == [u["total"] for u in direct["units"]]


def test_a_blank_form_reads_as_no_results_and_states_no_votes(hong_linh, tmp_path):
    hong_linh.to_form(tmp_path / "blank.xlsx")
    results = thidua.load_results(tmp_path / "blank.xlsx")
    assert len(results) == 0 and json.loads(results.to_json()).get("votes") is None


# --- the workbook written ----------------------------------------------------------------------------------------

def test_the_form_has_a_sheet_per_unit_with_its_criteria_per_phase(filled, hong_linh):
    book = openpyxl.load_workbook(filled)
    names = [u["name"] for u in hong_linh.to_dict()["units"]]
    assert book.sheetnames[0] == "Hướng dẫn" and book.sheetnames[-2:] == ["Phiếu bầu", "Cộng trừ điểm"]
    assert book.sheetnames[1:-2] == [forms.sheet_title(n, set()) for n in names]
    assert book.sheetnames[8] == "Hội Liên hiệp Phụ nữ thị xã Hồn"  # 31 characters
    ward = book["Ủy ban MTTQ phường Bắc Hồng"]
    keys = [(r[11], r[12]) for r in ward.iter_rows(min_row=5, values_only=True)]
    # phat-dong and dai-hoi in gd1, the ward criteria in both phases; no town_front or member_org criterion.
    assert keys == [("phat-dong", "gd1"), ("dai-hoi", "gd1"), ("mo-hinh", "gd1"), ("mo-hinh", "gd2"),
                    ("phan-viec", "gd1"), ("phan-viec", "gd2"), ("tuyen-truyen", "gd1"), ("tuyen-truyen", "gd2")]
    assert [c.value for c in ward[1]] == ["thidua-form:1:results:bac-hong", None, None, None, None, "target",
                                          "value", "status", "submitted", "note", "unit", "criterion", "phase"]
    assert ward.row_dimensions[1].hidden
    assert all(ward.column_dimensions[c].hidden for c in "KLM") and not ward.column_dimensions["G"].hidden
    assert [c.value for c in ward[4]][:10] == ["STT", "Tiêu chí", "Giai đoạn", "Điểm tối đa", "Cách tính điểm",
                                              "Chỉ tiêu", "Kết quả", "Tình trạng", "Ngày gửi báo cáo", "Ghi chú"]
    first = [c.value for c in ward[5]]
    assert first[:7] == [1, hong_linh.criteria["phat-dong"].title, hong_linh.phases[0].title, 10,
                         "Có: 10 điểm; Không: 0 điểm", None, "Có"]
    assert first[8] == dt.datetime(2024, 8, 5) and ward.cell(5, 9).number_format == "dd/mm/yyyy"
    models = [c.value for c in ward[row_of(ward, "mo-hinh", "gd1")]]
    assert models[3:7] == [30, "Theo tỷ lệ kết quả / chỉ tiêu; đạt chỉ tiêu: 30 điểm; vượt mỗi 33% chỉ tiêu: cộng "
                               "1 điểm (tối đa 1 điểm)", 3, 4]
    # The exempt row keeps its status, as a label.
    dau_lieu = book["Ủy ban MTTQ phường Đậu Liêu"]
    assert dau_lieu.cell(row_of(dau_lieu, "mo-hinh", "gd2"), 8).value == "miễn"


def test_the_structure_is_locked_and_the_inputs_are_not(filled):
    book = openpyxl.load_workbook(filled)
    for sheet in book.worksheets:
        assert sheet.protection.sheet, sheet.title
    ward = book["Ủy ban MTTQ phường Bắc Hồng"]
    assert [ward.cell(5, c).protection.locked for c in range(1, 14)] == [True] * 6 + [False] * 4 + [True] * 3
    assert ward.cell(4, 7).protection.locked  # the heading too
    votes = book["Phiếu bầu"]
    assert [votes.cell(5, c).protection.locked for c in range(1, 6)] == [True, False, False, False, True]


def test_the_dropdowns_offer_the_statuses_and_yes_no_in_the_campaign_language(filled):
    ward = openpyxl.load_workbook(filled)["Ủy ban MTTQ phường Bắc Hồng"]
    lists = {v.formula1: str(v.sqref) for v in ward.data_validations.dataValidation}
    assert lists == {'"đã báo cáo,không có số liệu,miễn,không áp dụng"': "H5 H6 H7 H8 H9 H10 H11 H12",
                     '"Có,Không"': "G5 G6"}


def test_the_instructions_give_the_statuses_deadlines_and_sheets(filled):
    lines = [r[0] for r in openpyxl.load_workbook(filled)["Hướng dẫn"].iter_rows(values_only=True) if r[0]]
    assert lines[0] == "thidua-form:1:instructions" and lines[1] == "Phiếu nhập kết quả thi đua"
    assert "miễn: tiêu chí được miễn trong giai đoạn này; không tính vào thang điểm" in lines
    assert any(line.endswith("từ 01/08/2024 đến 31/10/2024; hạn gửi báo cáo 10/11/2024") for line in lines)
    assert "Ủy ban MTTQ Việt Nam thị xã Hồng Lĩnh: trang «Ủy ban MTTQ Việt Nam thị xã Hồn»" in lines


def test_a_registered_target_fills_the_target_column(tmp_path):
    campaign = thidua.load_campaign(ROOT / "docs" / "examples" / "chuong-my-cum-2-2024" / "campaign.json")
    registered = campaign.to_dict()["targets"][0]
    campaign.to_form(tmp_path / "f.xlsx", units=[registered["unit"]])
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    sheet = book.worksheets[1]
    phase = registered.get("phase") or campaign.phases[0].id
    assert sheet.cell(row_of(sheet, registered["criterion"], phase), 6).value == thidua.forms._number_cell(
        registered["value"])
    assert book.sheetnames[1:] == [forms.sheet_title(campaign.units[registered["unit"]].name, set()), "Phiếu bầu",
                                   "Cộng trừ điểm"]


def english_campaign():
    return thidua.load_campaign({
        "thidua": 1, "id": "en", "language": "en", "start": "2024-01-01", "end": "2024-12-31",
        "clusters": [{"id": "c"}],
        "units": [{"id": "a", "name": "Ward A: [north]/south", "kind": "ward", "cluster": "c"},
                  {"id": "b", "name": "Ward A: [north]/south", "cluster": "c"}],
        "groups": [{"id": "I", "title": "I. Organisation", "max_points": 15}],
        "criteria": [
            {"id": "k1", "title": "Launch", "group": "I", "max_points": 5, "rule": {"kind": "boolean"}},
            {"id": "k2", "title": "Models", "group": "I", "max_points": 10,
             "rule": {"kind": "ratio", "target": 4, "min_ratio": "0.5",
                      "exceed": {"step_percent": 25, "points_per_step": "0.5"}}, "applies_to": ["ward"]}],
        "classes": [{"id": "ok", "min_score": 50}, {"id": "no"}],
        "adjustments": [{"id": "plus", "kind": "bonus", "points_per_item": 1}],
    })


def test_an_english_campaign_gets_an_english_form(tmp_path):
    campaign = english_campaign()
    campaign.to_form(tmp_path / "f.xlsx")
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    # Forbidden characters replaced; the second unit of the same name gets a number.
    assert book.sheetnames == ["Instructions", "Ward A- -north--south", "Ward A- -north--south (2)", "Votes",
                               "Events"]
    a = book.worksheets[1]
    assert [c.value for c in a[5]][:2] == ["I", "I. Organisation (at most 15 points)"]
    assert [c.value for c in a[7]][4] == ("In proportion to value / target; 10 points at the target; below 50% of "
                                          "the target: 0; each 25% above the target: +0.5 points")
    assert [r[11] for r in book.worksheets[2].iter_rows(min_row=6, values_only=True)] == ["k1"]  # k2: wards only
    lists = {v.formula1 for v in a.data_validations.dataValidation}
    assert lists == {'"reported,missing,exempt,not applicable"', '"Yes,No"'}


def test_the_rule_in_words_in_both_languages():
    bands = {"max_points": "20", "rule": {"kind": "bands", "bands": [{"at_most": "0", "points": "20"},
                                                                      {"at_most": "2.5", "points": "10"}]}}
    assert forms.rule_text(bands, "vi") == "từ 0 trở xuống: 20 điểm; từ 2,5 trở xuống: 10 điểm; còn lại: 0 điểm"
    assert forms.rule_text(bands, "en") == "at most 0: 20 points; at most 2.5: 10 points; otherwise: 0"
    manual = {"max_points": "7.5", "rule": {"kind": "manual"}}
    assert forms.rule_text(manual, "vi") == "Chấm trực tiếp, từ 0 đến 7,5 điểm"
    whole = {"max_points": "40", "rule": {"kind": "ratio", "target": "1", "credit": "all_or_nothing"}}
    assert forms.rule_text(whole, "en") == "40 points when the target is met; else 0"


def test_sheet_titles_fit_excel():
    taken = set()
    long = "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đông Lạc, huyện Chí Linh"
    assert forms.sheet_title(long, taken) == long[:31]
    assert forms.sheet_title(long, taken) == long[:27] + " (2)"
    assert forms.sheet_title("'History'", taken) == "History (2)"
    assert forms.sheet_title("a*b?c", taken) == "a-b-c"
    assert forms.sheet_title("???", set()) == "---"


def test_an_unknown_unit_is_an_error_naming_it(hong_linh, tmp_path):
    with pytest.raises(thidua.IdError, match="no unit 'xa-khong-co'"):
        hong_linh.to_form(tmp_path / "f.xlsx", units=["bac-hong", "xa-khong-co"])
    assert not (tmp_path / "f.xlsx").exists()


def test_results_that_do_not_fit_the_campaign_are_refused_before_writing(hong_linh, tmp_path):
    with pytest.raises(thidua.Error, match="xa-la"):
        hong_linh.to_form(tmp_path / "f.xlsx", results={"thidua_results": 1, "results": [
            {"unit": "xa-la", "criterion": "phat-dong", "phase": "gd1", "value": True}]})


# --- reading back ------------------------------------------------------------------------------------------------

def test_renamed_sheets_and_moved_rows_read_the_same(filled, hong_linh, tmp_path):
    book = openpyxl.load_workbook(filled)
    for i, sheet in enumerate(book.worksheets):
        sheet.title = f"S{i}"
    ward = book["S1"]
    rows = [[c.value for c in r] for r in ward.iter_rows(min_row=5)]
    for r, values in enumerate(reversed(rows), start=5):  # the criterion rows in reverse order
        for c, v in enumerate(values, start=1):
            ward.cell(r, c).value = v
    ward.move_range("A1:M20", rows=3)  # and everything three rows down
    book.save(tmp_path / "moved.xlsx")
    assert scored(hong_linh, tmp_path / "moved.xlsx") == scored(hong_linh, filled)


def test_labels_ids_and_both_languages_are_read(filled, hong_linh, tmp_path):
    book = openpyxl.load_workbook(filled)
    ward = book["Ủy ban MTTQ phường Bắc Hồng"]
    ward.cell(row_of(ward, "phat-dong", "gd1"), 7, "no")            # English, any case
    ward.cell(row_of(ward, "dai-hoi", "gd1"), 7, "KHÔNG")
    row = row_of(ward, "mo-hinh", "gd2")
    ward.cell(row, 7).value = None
    ward.cell(row, 8, "exempt")                                     # an id
    ward.cell(row_of(ward, "phan-viec", "gd2"), 8, "Không có số liệu")
    ward.cell(row_of(ward, "phan-viec", "gd2"), 7).value = None
    book.save(tmp_path / "edited.xlsx")
    unit = thidua.load_campaign(HONG_LINH / "campaign.json").score(tmp_path / "edited.xlsx").unit("bac-hong")
    assert unit["points"]["gd1/phat-dong"] == "0.00" and unit["points"]["gd1/dai-hoi"] == "0.00"
    assert unit["statuses"]["gd2/mo-hinh"] == "exempt" and unit["statuses"]["gd2/phan-viec"] == "missing"


def test_a_bad_value_names_the_file_sheet_and_cell(filled, hong_linh, tmp_path):
    book = openpyxl.load_workbook(filled)
    book["Ủy ban MTTQ phường Nam Hồng"].title = "Kết quả"
    sheet = book["Kết quả"]
    row = row_of(sheet, "mo-hinh", "gd1")
    sheet.cell(row, 7, "12,5a")
    path = tmp_path / "xa-dong-lac.xlsx"
    book.save(path)
    with pytest.raises(thidua.Error) as caught:
        hong_linh.score(path)
    assert str(caught.value).startswith(f"{path} › Kết quả › G{row}: '12,5a' is not a number: a Vietnamese table "
                                        "writes numbers like 12,5 (decimal comma)")
    assert caught.value.cell == f"G{row}" and caught.value.document == f"{path} › Kết quả"


def test_a_form_typed_as_a_vietnamese_officer_types_reads_like_numbers(filled, hong_linh, tmp_path):
    """Text cells in the campaign's language: "4,0" a decimal comma, "1.234" refused (a thousand, or 1.234?)."""
    expected = hong_linh.score(filled).to_dict()["units"]
    book = openpyxl.load_workbook(filled)
    sheet = book["Ủy ban MTTQ phường Nam Hồng"]
    row = row_of(sheet, "mo-hinh", "gd1")
    sheet.cell(row, 7, str(sheet.cell(row, 7).value).replace(".", ",") + ",0")  # 3 → "3,0": text, not a number cell
    path = tmp_path / "text.xlsx"
    book.save(path)
    assert hong_linh.score(path).to_dict()["units"] == expected
    sheet.cell(row, 7, "1.234")
    book.save(path)
    with pytest.raises(thidua.SchemaError, match=r"'1.234' could be read two ways in a Vietnamese table"):
        hong_linh.score(path)


def test_the_same_slot_in_two_files_names_both_places(filled, hong_linh, tmp_path):
    shutil.copy(filled, tmp_path / "b.xlsx")
    with pytest.raises(thidua.SchemaError) as caught:
        hong_linh.score([str(filled), str(tmp_path / "b.xlsx")])
    message = str(caught.value)
    assert (f"duplicate result for unit 'bac-hong', criterion 'phat-dong', phase 'gd1': given at {filled} › Ủy ban "
            f"MTTQ phường Bắc Hồng › G5 and at {tmp_path / 'b.xlsx'} › Ủy ban MTTQ phường Bắc Hồng › G5") in message


def test_a_row_copied_to_another_units_sheet_is_an_error(filled, hong_linh, tmp_path):
    book = openpyxl.load_workbook(filled)
    book["Ủy ban MTTQ phường Nam Hồng"].cell(5, 11, "bac-hong")
    book.save(tmp_path / "copied.xlsx")
    with pytest.raises(thidua.SchemaError, match="Nam Hồng › K5: the row's key names unit 'bac-hong' on the sheet "
                                                 "of unit 'nam-hong'"):
        hong_linh.score(tmp_path / "copied.xlsx")


def test_a_sheet_without_the_key_in_a_form_is_an_error(filled, hong_linh, tmp_path):
    book = openpyxl.load_workbook(filled)
    book.create_sheet("ghi chép").append(["a note"])
    book.create_sheet("empty")
    book.save(tmp_path / "extra.xlsx")
    with pytest.raises(thidua.SchemaError, match="the sheet 'ghi chép' has no form key"):
        hong_linh.score(tmp_path / "extra.xlsx")


def test_a_plain_workbook_is_still_read_by_its_sheets(hong_linh, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "results"
    book.active.append(["unit", "criterion", "phase", "value"])
    book.active.append(["bac-hong", "phat-dong", "gd1", True])
    book.save(tmp_path / "plain.xlsx")
    with pytest.warns(thidua.InputWarning):
        unit = hong_linh.score(tmp_path / "plain.xlsx").unit("bac-hong")
    assert unit["points"]["gd1/phat-dong"] == "10.00"


def test_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(thidua.ParseError, match="no .xlsx workbook"):
        thidua.load_results(tmp_path)


def test_a_limit_hit_names_the_file_and_sheet(filled, monkeypatch):
    monkeypatch.setattr(_workbook, "MAX_FORM_ROWS", 8)
    with pytest.raises(thidua.LimitError, match=r"› Ủy ban MTTQ phường Bắc Hồng › row 9: more than 8 rows"):
        thidua.load_results(filled)
    monkeypatch.setattr(forms, "MAX_FORM_SHEETS", 3)
    with pytest.raises(thidua.LimitError, match="15 sheets, more than the limit of 3"):
        thidua.load_results(filled)


# --- hostile forms -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def base_form(tmp_path_factory):
    path = tmp_path_factory.mktemp("base") / "form.xlsx"
    thidua.load_campaign(HONG_LINH / "campaign.json").to_form(path, results=HONG_LINH / "results.json",
                                                              units=["bac-hong", "hoi-lhpn"])
    return path


def _edit_cells(book, draw):
    sheet = book.worksheets[draw(st.integers(0, len(book.worksheets) - 1))]
    for _ in range(draw(st.integers(1, 4))):
        row, column = draw(st.integers(1, 16)), draw(st.integers(1, 14))
        value = draw(st.one_of(
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20), st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(), st.dates(), st.just("=1+1"), st.just("=SUM(A1:A3)"), st.sampled_from(
                ["xa-khong-co", "gd9", "thidua-form:1:results:x", "thidua-form:1:bogus", "Có", "miễn", "#DIV/0!"]),
            st.none()))
        if isinstance(sheet.cell(row, column), MergedCell):
            continue  # a merged title's covered cell holds no value of its own
        sheet.cell(row, column, value)


def _corrupt(book, draw):
    what = draw(st.sampled_from(["cells", "merge", "delete_sheet", "rename", "delete_column", "delete_row",
                                 "insert_rows", "huge"]))
    sheet = book.worksheets[draw(st.integers(0, len(book.worksheets) - 1))]
    if what in ("delete_column", "delete_row", "insert_rows") and (sheet.max_row > 10_000 or sheet.max_column > 1_000):
        return  # openpyxl shifts a sheet that states a far cell through every cell up to it: the test, not the reader
    if what == "cells":
        _edit_cells(book, draw)
    elif what == "merge":
        first = draw(st.integers(1, 12))
        sheet.merge_cells(start_row=first, start_column=draw(st.integers(1, 6)), end_row=first + 2, end_column=10)
    elif what == "delete_sheet" and len(book.worksheets) > 1:
        book.remove(sheet)
    elif what == "rename":
        sheet.title = draw(st.text(alphabet="abcxyzĐổi 12", min_size=1, max_size=20)).strip() or "x"
    elif what == "delete_column":
        sheet.delete_cols(draw(st.integers(1, 14)))
    elif what == "delete_row":
        sheet.delete_rows(draw(st.integers(1, 12)))
    elif what == "insert_rows":
        sheet.insert_rows(draw(st.integers(1, 12)), draw(st.integers(1, 12)))
    elif what == "huge":
        sheet.cell(draw(st.sampled_from([200, 5_000, 1_048_576])), draw(st.sampled_from([3, 200, 16_384])), "x")


def test_a_table_workbook_stating_the_last_cell_is_refused_not_padded(tmp_path):
    # A workbook of tables (no form markers) with a cell at XFD1048576 would pad to 17 billion cells.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "results"
    sheet.append(["unit", "criterion", "phase", "value"])
    sheet.append(["bac-hong", "phat-dong", "gd1", "true"])
    sheet.cell(1_048_576, 16_384, "x")
    path = tmp_path / "tables.xlsx"
    book.save(path)
    with pytest.raises(thidua.LimitError, match="more than 100000 rows") as caught:
        thidua.load_results(path)
    assert caught.value.document == f"{path} › results"


@st.composite
def hostile_files(draw, base):
    kind = draw(st.sampled_from(["edited"] * 6 + ["bytes", "zip", "csv", "truncated"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "zip":
        return "zip"
    if kind == "csv":
        return b"unit,criterion,phase,value\nbac-hong,phat-dong,gd1,true\n"
    if kind == "truncated":
        data = base.read_bytes()
        return data[:draw(st.integers(0, len(data) - 1))]
    book = openpyxl.load_workbook(base)
    for _ in range(draw(st.integers(1, 3))):
        _corrupt(book, draw)
    return book


@settings(max_examples=int(os.environ.get("THIDUA_HOSTILE_EXAMPLES", "40")), deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_a_hostile_form_reads_or_raises_a_thidua_error_naming_the_file(base_form, tmp_path_factory, data):
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    made = data.draw(hostile_files(base_form))
    path = tmp_path_factory.mktemp("hostile") / "xa-dong-lac.xlsx"
    if made == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "no workbook parts")
    elif isinstance(made, bytes):
        path.write_bytes(made)
    else:
        made.save(path)
    try:
        report = campaign.score(path)
    except thidua.Error as exc:
        assert str(path) in str(exc) and exc.document.startswith(str(path))
        if exc.cell and exc.cell[0].isalpha() and not exc.cell.startswith("row"):
            assert " › " in exc.document  # a cell is named with its sheet
        return
    except thidua.InputWarning:
        return  # a form whose rows are gone: the warnings are the outcome (filterwarnings=error raises them)
    assert report.units
