"""Reports written to files: an Excel workbook (summary and points sheets), Markdown with explanations, JSON."""

import copy
import json

import openpyxl
import pytest

import thidua

from helpers import ROOT, golden_cases, load_exact

CASE = load_exact(golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"])
EXAMPLE = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


@pytest.fixture(scope="module")
def report():
    return thidua.load_campaign(CASE["campaign"]).score(CASE["results"])


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_workbook_has_a_summary_and_a_points_sheet_in_vietnamese(report, tmp_path):
    path = tmp_path / "report.xlsx"
    report.to_excel(path)  # the campaign names no language: Vietnamese
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Điểm chi tiết"]
    summary = rows(book["Tổng hợp"])
    assert summary[0] == ["Cụm", "Xếp hạng", "Mã", "Đơn vị", "Giai đoạn 1", "Giai đoạn 2", "Điểm chấm", "Điểm thưởng",
                          "Điểm trừ", "Tổng điểm", "Xếp loại", "Xếp hạng chung", "Tiêu chí phân định khi bằng điểm",
                          "Khen thưởng"]
    assert len(summary) == 1 + 4
    assert summary[2] == ["Cụm thi đua", 2, "bac-hong", "Phường Bắc Hồng", 75, 80, 77, 2.5, 1, 78.5, "Hoàn thành nhiệm vụ", 2,
                          None, None]
    assert summary[1][5] is None  # trung-luong's gd2 does not count: every criterion exempt
    # Scores are numbers shown at the campaign's precision.
    assert book["Tổng hợp"]["J3"].number_format == "0.00" and book["Tổng hợp"]["J3"].data_type == "n"
    points = rows(book["Điểm chi tiết"])
    assert points[0] == ["Mã", "Đơn vị", "Giai đoạn", "Mã tiêu chí", "Tiêu chí", "Trạng thái", "Kết quả", "Chỉ tiêu",
                         "Điểm đạt", "Điểm tối đa"]
    assert len(points) == 1 + 16
    assert ["duc-thuan", "Phường Đức Thuận", "Giai đoạn 1", "mo-hinh", "Mô hình do Mặt trận chủ trì", "đã báo cáo", 2, 7,
            8.57, 30] in points
    assert ["duc-thuan", "Phường Đức Thuận", "Giai đoạn 1", "phat-dong", "Phát động thi đua", "đã báo cáo", "Có", None,
            10, 10] in points  # a yes/no criterion's value in words
    assert ["duc-thuan", "Phường Đức Thuận", "Giai đoạn 2", "mo-hinh", "Mô hình do Mặt trận chủ trì", "miễn", None, None, None,
            None] in points
    assert book["Tổng hợp"].freeze_panes == "A2" and book["Điểm chi tiết"].auto_filter.ref == "A1:J17"


def test_the_workbook_follows_the_language_asked(report, tmp_path):
    path = tmp_path / "report.xlsx"
    report.to_excel(str(path), lang="en")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Summary", "Points"]
    assert rows(book["Summary"])[0][:4] == ["Cluster", "Rank", "Id", "Unit"]
    assert rows(book["Points"])[1][5] == "reported"


def test_a_single_phase_campaign_has_no_phase_columns_and_award_cash_when_awards_pay(tmp_path):
    folder = ROOT / "docs" / "examples" / "ha-noi-cum-1-2022"
    campaign = thidua.load_campaign(folder / "campaign.json")
    report = campaign.score(folder / "results.json")
    report.to_excel(tmp_path / "r.xlsx")
    header = rows(openpyxl.load_workbook(tmp_path / "r.xlsx")["Tổng hợp"])[0]
    paying = any("cash" in a or "multiplier" in a for a in campaign.to_dict()["awards"])
    assert header[4] == "Điểm chấm" and (header[-1] == "Tiền thưởng") == paying


def test_text_that_would_run_as_a_formula_stays_text(tmp_path):
    doc = copy.deepcopy(CASE["campaign"])
    doc["units"][0]["name"] = "=HYPERLINK(\"http://evil\",\"click\")"
    doc["units"][1]["name"] = "+1"
    doc["units"][2]["name"] = "-2+3"
    doc["units"][3]["name"] = "@SUM(A1)"
    doc["criteria"][0]["title"] = "=1+1"
    report = thidua.load_campaign(doc).score(CASE["results"])
    path = tmp_path / "report.xlsx"
    report.to_excel(path)
    book = openpyxl.load_workbook(path)
    names = sorted(r[3] for r in rows(book["Tổng hợp"])[1:])
    assert names == ["'+1", "'-2+3", "'=HYPERLINK(\"http://evil\",\"click\")", "'@SUM(A1)"]
    cells = [c for row in book.worksheets[1].iter_rows() for c in row] + [c for row in book.worksheets[0].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert "'=1+1" in [r[4] for r in rows(book["Điểm chi tiết"])]


def test_markdown_has_a_table_per_cluster_and_the_explanations_asked(tmp_path):
    campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    report = campaign.score(EXAMPLE / "results.json")
    text = report.to_markdown(lang="en", explain=["bac-hong"])
    lines = text.splitlines()
    assert lines[0].startswith("# Đợt thi đua đặc biệt lập thành tích")
    assert lines[2] == "hong-linh-dot-dac-biet-2024 · 2023-11-01–2024-10-31 · 2023-10-26"
    assert "## Block: Khối Ủy ban MTTQ các phường, xã (6 units)" in lines
    assert "| Rank | Unit | Phase 1 | Phase 2 | Score | Bonus | Penalty | Total | Class | Awards |" in lines
    assert ("| 1 | Ủy ban MTTQ phường Bắc Hồng | 99.00 | 98.33 | 98.73 | 3.00 | 0.50 | 101.23 | Hoàn thành xuất sắc nhiệm vụ "
            "| **Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh** |") in lines
    assert "| 4 | Ủy ban MTTQ phường Nam Hồng | 100.00 | 91.67 | 96.67 | 0.00 | 0.00 | 96.67 | Hoàn thành tốt nhiệm vụ |  |" in lines
    assert "- Goal: 100% đơn vị trong khối hoàn thành tốt nhiệm vụ trở lên — 83.33% (not met)" in lines
    assert lines[lines.index("## Explanations") + 2] == "### Ủy ban MTTQ phường Bắc Hồng"
    assert "Total: 98.73 + 3.00 − 0.50 = 101.23" in lines
    assert "- Phase score: 100 × 99.00 / 100.00 = 99.00" in lines
    assert "Does not receive Cờ thi đua — đơn vị dẫn đầu Khối trong đợt thi đua đặc biệt: 4/6 votes in favour (66.66%), short of 70%" in lines
    assert text == report.to_markdown(lang="en", explain=["bac-hong"])  # the same report, the same bytes
    assert "## Giải thích" not in report.to_markdown()
    with pytest.raises(thidua.IdError):
        report.to_markdown(explain=["nowhere"])


def test_markdown_escapes_what_would_format():
    doc = copy.deepcopy(CASE["campaign"])
    doc["units"][0]["name"] = "A | B *bold* <i>"
    text = thidua.load_campaign(doc).score(CASE["results"]).to_markdown()
    assert "| A \\| B \\*bold\\* \\<i\\> |" in text


def test_an_explanation_in_markdown_has_paragraphs_and_lists(report):
    md = report.explain("duc-thuan", lang="en").to_markdown()
    assert md.startswith("Phường Đức Thuận (Cụm thi đua): total 48.36")
    assert "\n\nGiai đoạn 1 (2023-11-01–2024-07-31, weight 0.6):\n\n- Phát động thi đua: done → 10.00 of 10 points\n" in md


def test_json_is_the_report_document(report):
    assert json.loads(report.to_json()) == report.to_dict()
    assert report.to_json().startswith('{\n  "thidua_report": 1,')


def test_the_workbook_prints_on_a4_landscape_with_a_sheet_per_cluster_and_class_colours(tmp_path):
    folder = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    path = tmp_path / "report.xlsx"
    report.to_excel(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Tổng hợp", "Khối Ủy ban MTTQ các phường, xã", "Khối Ủy ban MTTQ thị xã và các",
                               "Điểm chi tiết"]
    wards = book.worksheets[1]
    assert [r[2] for r in rows(wards)[1:]] == ["Ủy ban MTTQ phường Bắc Hồng", "Ủy ban MTTQ phường Đức Thuận",
                                               "Ủy ban MTTQ phường Trung Lương", "Ủy ban MTTQ phường Nam Hồng",
                                               "Ủy ban MTTQ phường Đậu Liêu", "Ủy ban MTTQ xã Thuận Lộc"]
    assert rows(wards)[0][:3] == ["Xếp hạng", "Mã", "Đơn vị"]
    assert wards["I2"].data_type == "n" and wards["I2"].number_format == "0.00"  # the total, a number
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.print_title_rows == "1:1"
        assert sheet.freeze_panes == "A2"
    summary = book["Tổng hợp"]
    classes = {summary.cell(r, 11).value: summary.cell(r, 11).fill.fgColor.rgb for r in range(2, summary.max_row + 1)}
    assert classes["Hoàn thành xuất sắc nhiệm vụ"] == "00C8E6C9" and classes["Hoàn thành tốt nhiệm vụ"] == "00DCEDC8"
    assert len(set(classes.values())) == len(classes)
