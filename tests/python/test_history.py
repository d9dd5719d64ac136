"""Earlier years: Campaign.score(…, history=[…]) feeds the awards' history gates, thidua.history lays reports out
per unit and year."""

import json
import pickle

import pytest

import thidua

from helpers import ROOT

THANH_XUAN = ROOT / "docs" / "examples" / "thanh-xuan-2023"


def next_year(document):
    """The Thanh Xuân campaign a year later, its certificate for units excellent two years running and its flag
    not to a unit that held it the year before."""
    text = json.dumps(document, ensure_ascii=False).replace("2023-", "2024-")
    later = json.loads(text)
    later["id"] = "thanh-xuan-2024"
    later["awards"][0]["history"] = {"not_within_years": 1}
    later["awards"][1]["history"] = {"class_at_least": "xuat-sac", "consecutive_years": 2}
    return later


def test_the_gates_read_the_earlier_reports_in_any_form(tmp_path):
    document = json.loads((THANH_XUAN / "campaign.json").read_text(encoding="utf-8"))
    first = thidua.load_campaign(document).score(THANH_XUAN / "results.json")
    results = json.loads((THANH_XUAN / "results.json").read_text(encoding="utf-8").replace("2023-", "2024-"))
    results["campaign"] = "thanh-xuan-2024"
    second = thidua.load_campaign(next_year(document))
    saved = tmp_path / "2023.json"
    saved.write_text(first.to_json(), encoding="utf-8")
    reports = [second.score(results, history=[h]) for h in (first, saved, first.to_dict(), (2023, first.to_dict()))]
    assert len({r.to_json() for r in reports}) == 1  # the same history, however given
    report = reports[0]
    assert "co-thi-dua" in first.unit("nhan-chinh")["awards"] and "co-thi-dua" not in report.unit("nhan-chinh")["awards"]
    assert report.unit("nhan-chinh")["award_reasons"]["co-thi-dua"] == (
        "received “Cờ thi đua của Ủy ban MTTQ Việt Nam thành phố Hà Nội” in 2023 (not again within 1 years)")
    why = report.explain("thanh-xuan-trung", lang="vi").text
    assert "chưa đủ 2 năm liên tục đạt «Hoàn thành xuất sắc nhiệm vụ» trở lên: năm 2023 «Hoàn thành tốt nhiệm vụ»" in why
    frame = thidua.history([first, report])
    assert list(frame.columns) == ["unit", "year", "campaign", "total", "class", "cluster_rank", "awards",
                                   "cluster_head"]
    row = frame[(frame.unit == "nhan-chinh")]
    assert row["year"].tolist() == [2023, 2024] and row["awards"].tolist()[0] == ["co-thi-dua"]
    # A history unit the campaign does not know is an error naming its report and place.
    stranger = first.to_dict()
    stranger["units"][0]["id"] = "phuong-khac"
    with pytest.raises(thidua.IdError, match="history 2023: unit 'phuong-khac'"):
        second.score(results, history=[stranger])
    without_period = first.to_dict()
    del without_period["period"]
    with pytest.raises(thidua.SchemaError, match="history: the report does not say its period"):
        second.score(results, history=[without_period])


def test_a_report_scored_with_history_keeps_it_when_pickled_and_in_its_fingerprint():
    folder = ROOT / "docs" / "examples" / "khoi-phuong-hop-nhat-2024-2025"
    earlier = thidua.load_campaign(folder / "campaign-2024.json").score(folder / "results-2024.json")
    campaign = thidua.load_campaign(folder / "campaign-2025.json")
    with_history = campaign.score(folder / "results-2025.json", history=[earlier])
    without = campaign.score(folder / "results-2025.json")
    assert with_history.to_dict()["results_sha256"] != without.to_dict()["results_sha256"]
    back = pickle.loads(pickle.dumps(with_history))
    assert back.to_json() == with_history.to_json()
    assert back.to_json() != without.to_json()  # the gates decided differently: the history made it back


def test_the_trend_plot_draws_a_line_per_unit_over_the_years():
    import matplotlib

    matplotlib.use("Agg")
    document = json.loads((THANH_XUAN / "campaign.json").read_text(encoding="utf-8"))
    first = thidua.load_campaign(document).score(THANH_XUAN / "results.json")
    results = json.loads((THANH_XUAN / "results.json").read_text(encoding="utf-8").replace("2023-", "2024-"))
    results["campaign"] = "thanh-xuan-2024"
    second = thidua.load_campaign(next_year(document)).score(results, history=[first])
    frame = thidua.history([first, second])
    ax = second.plot.trend(frame, units=["nhan-chinh", "ha-dinh"])
    assert [line.get_label() for line in ax.get_lines()] == ["Ủy ban MTTQ phường Nhân Chính", "Ủy ban MTTQ phường Hạ Đình"]
    assert list(ax.get_lines()[0].get_xdata()) == [2023, 2024]
    assert list(ax.get_lines()[0].get_ydata()) == [101.5, 101.5]
    assert ax.get_title() == "Tổng điểm qua các năm" and ax.get_xlabel() == "Năm" and ax.get_ylabel() == "Tổng điểm"
    assert second.plot.trend(frame, lang="en").get_title() == "Totals over the years"


def test_the_two_year_example_merges_wards_and_changes_decree():
    folder = ROOT / "docs" / "examples" / "khoi-phuong-hop-nhat-2024-2025"
    r2024 = thidua.load_campaign(folder / "campaign-2024.json").score(folder / "results-2024.json")
    r2025 = thidua.load_campaign(folder / "campaign-2025.json").score(folder / "results-2025.json", history=[r2024])
    assert r2024.unit("phuong-hoa-binh")["awards"] == ["co-thi-dua"]
    assert r2025.unit("phuong-an")["awards"] == ["co-thi-dua"]  # Hòa Bình may not hold the flag twice running
    assert r2025.unit("phuong-hoa-binh")["awards"] == ["bang-khen"]  # excellent in 2024 and 2025
    assert r2025.unit("phuong-tan-lap")["awards"] == []
    assert "năm 2024 «Hoàn thành tốt nhiệm vụ»" in r2025.explain("phuong-tan-lap").text
    decrees = [r.to_dict()["legal"]["awards"][0]["decree"] for r in (r2024, r2025)]
    assert decrees == ["Nghị định 98/2023/NĐ-CP", "Nghị định 152/2025/NĐ-CP"]
    assert r2025.unit("phuong-an")["award_cash"] == "18720000"  # 8 × 2 340 000
    # Decree 152/2025's preference among equals: tied with Hòa Bình (0.62), Tân Lập (0.71) would come first.
    tied = json.loads((folder / "results-2025.json").read_text(encoding="utf-8"))
    for row in tied["results"]:
        if row["unit"] == "phuong-tan-lap" and row["criterion"] == "cong-tac":
            row["value"] = 65  # 93, as Hòa Bình
    again = thidua.load_campaign(folder / "campaign-2025.json").score(tied, history=[r2024])
    assert again.unit("phuong-tan-lap")["cluster_rank"] == 2 and again.unit("phuong-hoa-binh")["cluster_rank"] == 3
    assert again.unit("phuong-tan-lap")["tie_broken_by"] == "Ưu tiên tập thể có từ 70% nữ trở lên"
    frame = thidua.history([r2024, r2025])
    assert sorted(set(frame["unit"])) == ["phuong-an", "phuong-an-binh", "phuong-an-lac", "phuong-hoa-binh",
                                          "phuong-tan-lap"]
    # The khối trưởng rotates: Hòa Bình heads the block in 2024, Tân Lập in 2025.
    heads = frame[frame["cluster_head"]][["year", "unit"]].values.tolist()
    assert heads == [[2024, "phuong-hoa-binh"], [2025, "phuong-tan-lap"]]
    assert r2025.to_dict()["clusters"][0]["head"] == "phuong-tan-lap"


def test_the_command_line_takes_earlier_reports_with_history(tmp_path, capsys):
    from thidua.cli import main

    folder = ROOT / "docs" / "examples" / "khoi-phuong-hop-nhat-2024-2025"
    saved = tmp_path / "r2024.json"
    assert main(["score", str(folder / "campaign-2024.json"), str(folder / "results-2024.json"), "-o", str(saved)]) == 0
    args = ["score", str(folder / "campaign-2025.json"), str(folder / "results-2025.json"), "--format", "json"]
    capsys.readouterr()
    assert main([*args, "--history", str(saved)]) == 0
    with_history = {u["id"]: u["awards"] for u in json.loads(capsys.readouterr().out)["units"]}
    assert main(args) == 0
    without = {u["id"]: u["awards"] for u in json.loads(capsys.readouterr().out)["units"]}
    # Hòa Bình was excellent in 2024 too: the certificate for two years running, which nothing shows without 2024.
    assert "bang-khen" in with_history["phuong-hoa-binh"] and "bang-khen" not in without["phuong-hoa-binh"]
