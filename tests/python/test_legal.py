"""thidua.legal: the dated legal tables from Python, and a campaign whose cash follows them."""

import json

import pytest

import thidua

from helpers import ROOT


def test_the_base_salary_follows_the_dates_of_the_decrees():
    assert thidua.legal.base_salary("2024-07-01") == 2340000
    assert thidua.legal.base_salary("2024-06-30") == 1800000
    assert thidua.legal.base_salary("2023-06-30") == 1490000
    with pytest.raises(ValueError, match="no base salary on 2017-01-01"):
        thidua.legal.base_salary("2017-01-01")
    salaries = thidua.legal.base_salaries()
    assert [s["amount"] for s in salaries] == ["1390000", "1490000", "1800000", "2340000"]
    assert salaries[-1]["document"] == "Nghị định 73/2024/NĐ-CP" and salaries[-1]["article"] == "Điều 3 khoản 2"
    assert salaries[1]["article"] is None  # not read: docs/legal.md lists it


def test_decrees_and_titles_carry_their_sources():
    assert thidua.legal.decree("2025-07-01")["title"] == "Nghị định 152/2025/NĐ-CP"
    assert thidua.legal.decree("2024-01-01")["id"] == "nd-98-2023" and thidua.legal.decree("2016-01-01") is None
    flag = thidua.legal.title("co-thi-dua-tinh", "2023-01-05")
    assert (flag["decree"], flag["multiplier"], flag["article"]) == ("nd-91-2017", "8", "Điều 69 khoản 2 điểm đ")
    assert thidua.legal.title("xa-phuong-tieu-bieu", "2023-01-05") is None
    assert {t["decree"] for t in thidua.legal.titles()} == {d["id"] for d in thidua.legal.decrees()}


def test_the_hanoi_example_takes_its_flag_cash_from_the_tables():
    folder = ROOT / "docs" / "examples" / "ha-noi-cum-1-2022"
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    legal = report.to_dict()["legal"]
    assert legal["decided"] == "2023-01-05" and legal["base_salary"]["amount"] == "1490000"
    assert legal["awards"] == [{"id": "co-thi-dua", "legal_title": "co-thi-dua-tinh", "decree": "Nghị định 91/2017/NĐ-CP",
                                "article": "Điều 69 khoản 2 điểm đ", "multiplier": "8"}]
    assert report.unit("hoan-kiem")["award_cash"] == "11920000"  # 8 × 1 490 000
    table = report.table()
    assert "Căn cứ pháp lý của tiền thưởng" in table
    assert "  * Mức lương cơ sở 1.490.000 đồng (Nghị định 38/2019/NĐ-CP), áp dụng tại ngày quyết định khen thưởng " \
           "05/01/2023" in table.splitlines()
    # A later decision day pays the later salary: the same campaign decided in 2025 under Decree 152/2025.
    document = json.loads((folder / "campaign.json").read_text(encoding="utf-8"))
    document["decided"] = "2025-07-15"
    later = thidua.load_campaign(document).score(folder / "results.json")
    assert later.unit("hoan-kiem")["award_cash"] == "18720000"
    assert later.to_dict()["legal"]["awards"][0]["decree"] == "Nghị định 152/2025/NĐ-CP"
    del document["decided"]
    with pytest.raises(thidua.ValidationError, match="give 'decided'"):
        thidua.load_campaign(document)
