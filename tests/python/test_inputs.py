"""Tables as officers write them (thidua/_inputs.py and the core's table reader): a Vietnamese campaign's CSV, workbook
and DataFrame with the decimal comma, day-first dates and Có/Không score exactly like the plain table; typed cells
are exact in every language; what could be read two ways is refused at its cell."""

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import pytest

import thidua
from thidua._inputs import cell_text
from helpers import MISSING_RESULTS, ROOT

THANH_XUAN = ROOT / "docs" / "examples" / "thanh-xuan-2023"


def _vietnamese(cell, column):
    """A plain cell as a Vietnamese officer types it."""
    if column in ("value", "target") and cell not in ("", "true", "false"):
        return cell.replace(".", ",")
    if column in ("date", "submitted") and cell:
        year, month, day = cell.split("-")
        return f"{day}/{month}/{year}"
    return {"true": "Có", "false": "Không"}.get(cell, cell) if column == "value" else cell


def _plain_rows():
    with open(THANH_XUAN / "results.csv", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _report_json(report):
    doc = report.to_dict()
    doc.pop("results_sha256")
    return doc


@pytest.fixture(scope="module")
def campaign():
    return thidua.load_campaign(THANH_XUAN / "campaign.json")


@pytest.fixture(scope="module")
def plain(campaign):
    return _report_json(campaign.score(THANH_XUAN / "results.csv", votes=THANH_XUAN / "votes.csv",
                                       events=THANH_XUAN / "events.csv"))


def test_a_vietnamese_csv_with_semicolons_scores_like_the_plain_one(campaign, plain, tmp_path):
    header, *rows = _plain_rows()
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_vietnamese(cell, column) for cell, column in zip(row, header)] for row in rows)
    path = tmp_path / "ket-qua.csv"
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    assert "118,2" in out.getvalue() and "14/12/2023" in out.getvalue() and ";Có;" in out.getvalue()
    report = campaign.score(path, votes=THANH_XUAN / "votes.csv", events=THANH_XUAN / "events.csv")
    assert _report_json(report) == plain


def test_a_dataframe_of_vietnamese_text_and_one_of_typed_cells_score_like_the_plain_csv(campaign, plain):
    import pandas as pd

    header, *rows = _plain_rows()
    text = pd.DataFrame([[_vietnamese(c, k) for c, k in zip(row, header)] for row in rows], columns=header)
    votes, events = pd.read_csv(THANH_XUAN / "votes.csv"), pd.read_csv(THANH_XUAN / "events.csv")
    assert _report_json(campaign.score(text, votes=votes, events=events)) == plain
    typed = pd.read_csv(THANH_XUAN / "results.csv", parse_dates=["submitted"])  # floats, NaN, Timestamps, bools
    assert _report_json(campaign.score(typed, votes=votes, events=events)) == plain


def test_a_workbook_with_typed_numbers_reads_exactly_in_a_vietnamese_campaign(campaign, plain, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "results"
    header, *rows = _plain_rows()
    sheet.append(header)
    for row in rows:
        typed = []
        for cell, column in zip(row, header):
            if column in ("value", "target") and cell not in ("", "true", "false"):
                typed.append(float(cell))  # 118.2 as a number cell, never the text "118.2"
            elif column in ("date", "submitted") and cell:
                typed.append(dt.date.fromisoformat(cell))
            else:
                typed.append({"true": True, "false": False}.get(cell, cell or None))
        sheet.append(typed)
    path = tmp_path / "ket-qua.xlsx"
    book.save(path)
    report = campaign.score(path, votes=THANH_XUAN / "votes.csv", events=THANH_XUAN / "events.csv")
    assert _report_json(report) == plain


def test_typed_cells_are_written_in_the_language_of_the_table():
    assert cell_text(1.234, "vi") == "1,234" and cell_text(1.234, "en") == "1.234" and cell_text(1.234) == "1.234"
    assert cell_text(Decimal("1234.50"), "vi") == "1234,50" and cell_text(3.0, "vi") == "3"
    assert cell_text(float("nan"), "vi") == "" and cell_text(None) == "" and cell_text(True) == "true"
    assert cell_text(dt.datetime(2024, 3, 15), "vi") == "2024-03-15" and cell_text("12,5", "en") == "12,5"


def test_an_ambiguous_or_malformed_cell_is_refused_with_the_accepted_forms(campaign, tmp_path):
    path = tmp_path / "ket-qua.csv"
    path.write_text("unit;criterion;phase;value\nha-dinh;sua-nha;nam-2023;1.234\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError) as info:
        campaign.score(path)
    assert (info.value.line, info.value.column) == (2, "value")
    assert "'1.234' could be read two ways in a Vietnamese table: write 1234 or 1.234,0" in str(info.value)
    path.write_text("unit;criterion;phase;value;submitted\nha-dinh;sua-nha;nam-2023;2;31/02/2023\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError, match=r"line 2, column submitted: '31/02/2023' is not a calendar date: a "
                                                 r"Vietnamese table writes dates day first"):
        campaign.score(path)
    path.write_text("unit;criterion;phase;value\nha-dinh;sua-nha;nam-2023;85%\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError, match=r"a percentage is read only for a criterion that measures a share"):
        campaign.score(path)


@pytest.mark.filterwarnings(MISSING_RESULTS)
def test_an_english_campaign_reads_the_thousands_comma_and_refuses_the_decimal_comma(campaign, tmp_path):
    english = thidua.load_campaign(dict(campaign.to_dict(), language="en"))
    path = tmp_path / "results.csv"
    path.write_text('unit,criterion,phase,value,target\nha-dinh,quy-vi-nguoi-ngheo,nam-2023,"1,180",1200\n',
                    encoding="utf-8")
    row = json.loads(thidua.load_results(path, language="en").to_json())["results"][0]
    assert (row["value"], row["target"]) == ("1180", "1200")
    with pytest.warns(thidua.InputWarning, match="no votes were given"):
        assert english.score(path).to_dict()["inputs"]["results"] == 1
    path.write_text("unit,criterion,phase,value\nha-dinh,sua-nha,nam-2023,\"2,5\"\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError, match=r"'2,5' is not a number: an English table writes numbers like 12.5"):
        english.score(path)
