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


def test_to_pandas_gives_floats_by_default_and_exact_decimals_on_request(report):
    frame = report.to_pandas()
    assert frame.index.name == "unit"
    assert list(frame.index) == ["trung-luong", "bac-hong", "nam-hong", "duc-thuan"]
    assert list(frame.columns) == ["name", "cluster", "kind", "phase:gd1", "phase:gd2", "base", "bonus", "penalty",
                                   "total", "class", "cluster_rank", "overall_rank", "tie_broken_by", "awards",
                                   "award_cash", "class_reason", "award_reasons", "warnings"]
    assert frame.loc["bac-hong", "total"] == 78.5 and frame["total"].dtype == "float64"
    assert frame.loc["bac-hong", "phase:gd2"] == 80.0
    assert frame["phase:gd2"].isna().tolist() == [True, False, False, False]  # every criterion of gd2 exempt
    assert frame.loc["trung-luong", "cluster_rank"] == 1
    # The analyst's habits: numbers describe, round, correlate and select as numbers.
    assert frame["total"].tolist() == [float(u["total"]) for u in report.units]
    assert frame["total"].round(1).tolist() == [100.0, 78.5, 67.0, 48.4]
    assert set(frame.select_dtypes("number").columns) >= {"base", "bonus", "penalty", "total", "award_cash"}
    assert list(frame.describe().index[:3]) == ["count", "mean", "std"]
    assert frame[["base", "total"]].corr().loc["base", "total"] > 0.9
    # Lists are lists, the unit's words are columns, classes are ordered best first.
    for unit in report.units:
        row = frame.loc[unit["id"]]
        assert row["awards"] == unit["awards"]
        assert row["class"] == unit["class"] and row["tie_broken_by"] == unit["tie_broken_by"]
    english = report.to_pandas(lang="en")
    for unit in report.units:
        row = english.loc[unit["id"]]
        assert row["class_reason"] == unit["class_reason"]
        assert row["award_reasons"] == unit["award_reasons"]
        assert row["warnings"] == [w["message"] for w in unit["warnings"]]
    assert list(frame["class"].cat.categories) == [k["id"] for k in report.campaign.classes]
    assert frame["class"].cat.ordered

    exact = report.to_pandas(exact=True)
    assert exact.loc["duc-thuan", "base"] == Decimal("47.86") and str(exact.loc["bac-hong", "total"]) == "78.50"
    assert exact.loc["trung-luong", "phase:gd2"] is None
    assert exact["total"].sum() == Decimal("293.86")


def test_to_pandas_clusters_gives_the_cores_cluster_summaries(report):
    frame = report.to_pandas("clusters")
    assert frame.index.name == "cluster" and list(frame.index) == [c["id"] for c in report.clusters]
    for summary in report.clusters:
        row = frame.loc[summary["id"]]
        assert row["units"] == summary["units"]
        for k, n in summary["class_counts"].items():
            assert row[f"count:{k}"] == n and row[f"share:{k}"] == float(summary["class_shares"][k])
        assert row["mean_total"] == float(summary["mean_total"])
        for goal in summary["goals"]:
            assert row[f"goal:{goal['id']}"] == goal["met"]
    exact = report.to_pandas("clusters", exact=True)
    assert [str(v) for v in exact["median_total"]] == [c["median_total"] for c in report.clusters]
    cash = report.to_dict()["award_cash"]["total"]
    assert sum(exact["award_cash"]) == Decimal(cash)


def test_the_points_frame_has_one_row_per_pair_with_value_target_points_and_max(report):
    frame = report.to_pandas("points", exact=True)
    assert list(frame.columns) == ["unit", "phase", "criterion", "status", "value", "target", "points", "max"]
    assert len(frame) == 4 * 4
    assert list(frame.unit.unique()) == ["trung-luong", "bac-hong", "nam-hong", "duc-thuan"]  # report order
    row = frame[(frame.unit == "duc-thuan") & (frame.phase == "gd1") & (frame.criterion == "mo-hinh")].iloc[0]
    # The row's own target (7) wins over the rule's (3).
    assert (row.status, row.value, row.target, row.points, row["max"]) == (
        "reported", Decimal("2"), Decimal("7"), Decimal("8.57"), Decimal("30.00"))
    exempt = frame[(frame.unit == "duc-thuan") & (frame.phase == "gd2") & (frame.criterion == "mo-hinh")].iloc[0]
    assert exempt.status == "exempt"
    assert [exempt.value, exempt.target, exempt.points, exempt["max"]] == [None, None, None, None]
    bands = frame[(frame.unit == "nam-hong") & (frame.criterion == "phan-viec")].iloc[0]
    assert (bands.value, bands.target, bands.points, bands["max"]) == (Decimal("2"), None, Decimal("20.00"),
                                                                      Decimal("20.00"))
    # Σ points / Σ max over a unit's scale is its share earned: duc-thuan gd1 = (10 + 8.57) / (10 + 30).
    gd1 = frame[(frame.unit == "duc-thuan") & (frame.phase == "gd1")]
    assert gd1.points.sum() / gd1["max"].sum() == Decimal("18.57") / Decimal("40.00")


def test_the_points_frame_in_floats_has_nan_for_empty_cells(report):
    frame = report.to_pandas("points")
    assert [str(t) for t in frame.dtypes] == ["object"] + ["category"] * 3 + ["float64"] * 4
    assert frame["points"].sum() == pytest.approx(198.57)
    assert frame["max"].isna().sum() == 3  # the three exempt pairs
    with pytest.raises(ValueError, match="'units', 'points', 'clusters', 'ballots', 'layers' or 'layer_totals'"):
        report.to_pandas("cells")


def test_the_text_table_lists_every_unit(report):
    text = report.table(lang="en")
    assert "Phường Đức Thuận" in text and "48.36" in text
    assert text.splitlines()[0] == "g23"
    assert "Rank" in text
    assert "Tổng" in report.table(lang="vi")
    capped = report.table(lang="en", max_rows=2).splitlines()
    assert "Phường Bắc Hồng" in capped[6] and capped[7] == "… 2 more units"
