"""Scoring from numpy arrays: the same numbers as from rows, zero-copy int64, exact float64, clear errors."""

import gc

import numpy as np
import pytest

import thidua

from helpers import golden_cases, load_exact


def golden(name):
    case = load_exact(golden_cases()[name])
    return thidua.load_campaign(case["campaign"]), case


def test_a_single_phase_campaign_scores_its_own_units_from_an_array():
    campaign, case = golden("21-bands-at-least-at-most-boolean-manual.json")
    # rows: tot-dong, huu-van, my-luong, tran-phu; columns: mo-hinh, don-thu, phat-dong, danh-gia
    values = np.array([[4, 0, 1, 12.5], [2, 3, 0, 15], [0.5, 6, 1, 0], [2.5, 2, 0, 7.335]], dtype=np.float64)
    arrays = thidua.score_arrays(campaign, values)
    rows = campaign.score(case["results"])
    for unit in rows.units:
        got = arrays.unit(unit["id"])
        for key in ("points", "phases", "base", "total", "class", "cluster_rank", "overall_rank", "tie_broken_by"):
            assert got[key] == unit[key], (unit["id"], key)
    assert arrays.unit("tran-phu")["points"]["main/danh-gia"] == "7.34"


def test_int64_micros_are_scored_where_they_are_and_kept_alive_by_the_report():
    campaign, _ = golden("01-ratio-linear.json")
    values = np.array([[7_000_000], [9_000_000], [12_000_000]], dtype=np.int64)
    report = thidua.score_arrays(campaign, values)
    del values
    gc.collect()
    # Per-slot points are recomputed from the array on demand: it must still be alive.
    assert [u["points"]["main/quy"] for u in report.units] == ["10.00", "10.00", "7.78"]
    assert report.unit("tốt-động")["total"] == "77.80"


def test_a_population_given_as_arrays_replaces_the_campaign_units():
    campaign, _ = golden("01-ratio-linear.json")
    values = np.array([[9.0], [4.5], [9.0], [0.0]])
    report = thidua.score_arrays(campaign, values, ids=["a", "b", "c", "d"], kinds="commune", clusters="cum-2",
                                 names=["A", "B", "C", "D"])
    arrays = report.to_numpy()  # in report order, as to_pandas(): by cluster, then cluster rank
    assert list(arrays["id"]) == ["a", "c", "b", "d"]
    assert list(arrays["total"]) == [100.0, 100.0, 50.0, 0.0]
    assert list(arrays["cluster_rank"]) == [1, 1, 3, 4]
    assert list(arrays["class"]) == ["xs", "xs", "ht", "kht"]  # 50 reaches ht exactly


def test_statuses_targets_and_nan_missing_values():
    campaign, _ = golden("01-ratio-linear.json")
    values = np.array([[7.0], [np.nan], [4.0]])
    targets = np.array([[0.0], [0.0], [8.0]])
    statuses = np.array([[0], [0], [3]], dtype=np.uint8)  # the third is exempt
    report = thidua.score_arrays(campaign, values, targets=targets)
    assert report.unit("hữu-văn")["statuses"]["main/quy"] == "missing"
    assert report.unit("mỹ-lương")["points"]["main/quy"] == "5.00"  # 4 of its own target of 8
    exempt = thidua.score_arrays(campaign, np.array([[7.0], [9.0], [4.0]]), statuses=statuses)
    assert exempt.unit("mỹ-lương")["statuses"]["main/quy"] == "exempt"
    assert exempt.unit("mỹ-lương")["phases"] == {}


def test_wrong_dtype_or_layout_is_a_type_error_and_inexact_floats_are_refused():
    campaign, _ = golden("01-ratio-linear.json")
    with pytest.raises(TypeError, match="expected dtype int64, found int32"):
        thidua.score_arrays(campaign, np.array([[7], [9], [12]], dtype=np.int32))
    with pytest.raises(TypeError, match="C-contiguous"):
        thidua.score_arrays(campaign, np.zeros((3, 2), dtype=np.int64)[:, :1])
    with pytest.raises(TypeError, match="expected shape"):
        thidua.score_arrays(campaign, np.zeros((3, 2), dtype=np.int64))
    with pytest.raises(thidua.ValidationError) as info:
        thidua.score_arrays(campaign, np.array([[0.1 + 0.2], [9.0], [1.0]]))
    assert info.value.pointer == "/main/0/0"
    assert "not a decimal with at most 6 fractional digits" in str(info.value)


def test_values_a_rule_cannot_score_are_located_by_phase_unit_and_criterion():
    campaign, _ = golden("01-ratio-linear.json")
    with pytest.raises(thidua.ValidationError) as info:
        thidua.score_arrays(campaign, np.array([[7.0], [-1.0], [4.0]]))
    assert (info.value.document, info.value.pointer) == ("values", "/main/1/quy")
    assert "a ratio value must not be negative, found -1" in str(info.value)


def test_votes_events_and_attributes_drive_tie_breaks_and_awards():
    campaign, case = golden("12-awards.json")
    values = np.array([[96.0], [93.0], [75.0], [99.0], [91.0], [91.0], [60.0]])
    yes = np.array([7, 9, 0, 0, 8, 10, 0], dtype=np.int64)
    of = np.array([10, 10, 0, 0, 10, 10, 0], dtype=np.int64)
    events = np.array([[0], [0], [0], [1], [0], [0], [0]], dtype=np.int64)
    arrays = thidua.score_arrays(campaign, values, votes=(yes, of), events=events)
    rows = campaign.score(case["results"])
    for unit in rows.units:
        assert arrays.unit(unit["id"])["awards"] == unit["awards"], unit["id"]
        assert arrays.unit(unit["id"])["cluster_rank"] == unit["cluster_rank"], unit["id"]


def test_a_large_population_needs_no_strings_per_unit():
    campaign, _ = golden("01-ratio-linear.json")
    values = np.tile(np.array([[9_000_000], [4_500_000]], dtype=np.int64), (500, 1))
    report = thidua.score_arrays(campaign, values, kinds="commune", clusters=np.zeros(1000, dtype=np.int64))
    arrays = report.to_numpy()
    assert list(arrays["id"][:3]) == ["0", "2", "4"]  # report order: the 500 tied at 100 first, in unit order
    assert list(arrays["id"][500:502]) == ["1", "3"]
    assert set(arrays["cluster"]) == {"cum-2"}
    assert list(arrays["total"][499:501]) == [100.0, 50.0]
    assert arrays["cluster_rank"][0] == 1 and arrays["cluster_rank"][500] == 501
    with pytest.raises(TypeError, match="positions must lie in"):
        thidua.score_arrays(campaign, values, kinds="commune", clusters=np.full(1000, 3))
