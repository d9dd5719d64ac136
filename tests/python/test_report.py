"""Reports: dicts, unit lookup, exact decimals, pandas, Excel, text and HTML."""

from decimal import Decimal

import pytest

import thidua

from helpers import golden_cases, load_exact

CASE = load_exact(golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"])


@pytest.fixture
def report():
    return thidua.load_campaign(CASE["campaign"]).score(CASE["results"])


def test_the_report_document_carries_run_metadata(report):
    d = report.to_dict()
    assert d["thidua_report"] == 1
    assert d["campaign"] == "g23"
    assert d["campaign_version"] == "1"
    assert d["library_version"] == thidua.__version__
    assert len(d["campaign_sha256"]) == 64 and d["campaign_sha256"] == report.campaign.sha256
    assert [u["id"] for u in d["units"]] == ["trung-luong", "bac-hong", "nam-hong", "duc-thuan"]


def test_unit_lookup_returns_the_unit_object(report):
    u = report.unit("duc-thuan")
    assert (u["base"], u["bonus"], u["penalty"], u["total"]) == ("47.86", "1.00", "0.50", "48.36")
    assert u["points"] == {"gd1/phat-dong": "10.00", "gd1/mo-hinh": "8.57", "gd2/phan-viec": "10.00"}
    assert u["statuses"]["gd2/mo-hinh"] == "exempt"
    assert [w["code"] for w in u["warnings"]] == ["late_report"]
    with pytest.raises(thidua.IdError):
        report.unit("nowhere")


def test_the_same_input_gives_the_same_bytes(report):
    again = thidua.load_campaign(CASE["campaign"]).score(CASE["results"])
    assert again.to_json() == report.to_json()
    assert again == report


def test_to_pandas_gives_floats_or_exact_decimals(report):
    frame = report.to_pandas()
    assert list(frame.index) == ["trung-luong", "bac-hong", "nam-hong", "duc-thuan"]
    assert frame.loc["bac-hong", "total"] == 78.5
    assert frame.loc["bac-hong", "phase:gd2"] == 80.0
    exact = report.to_pandas(exact=True)
    assert exact.loc["duc-thuan", "base"] == Decimal("47.86")
    assert exact.loc["trung-luong", "cluster_rank"] == 1


def test_the_points_frame_has_one_row_per_pair(report):
    frame = report.points_frame()
    assert len(frame) == 4 * 4
    row = frame[(frame.unit == "duc-thuan") & (frame.phase == "gd1") & (frame.criterion == "mo-hinh")].iloc[0]
    assert (row.status, row.points) == ("reported", 8.57)


def test_the_text_table_lists_every_unit(report):
    text = report.table(lang="en")
    assert "Phường Đức Thuận" in text and "48.36" in text
    assert text.splitlines()[0] == "g23"
    assert "Rank" in text
    assert "Tổng" in report.table(lang="vi")


def test_the_html_table_escapes_and_lists_units(report):
    html = report._repr_html_()
    assert html.startswith("<div class='thidua-report'>")
    assert html.count("<tr>") == 4 + 1


def test_excel_has_three_sheets(report, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "report.xlsx"
    report.to_excel(str(path))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["units", "points", "clusters"]
    assert book["units"].max_row == 5


def test_plot_draws_one_bar_per_unit_coloured_by_class(report):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = report.plot()
    assert len(ax.patches) == 4
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "1. Phường Trung Lương"
    assert [p.get_width() for p in ax.patches] == [100.0, 78.5, 67.0, 48.36]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Hoàn thành nhiệm vụ"]
