"""thidua.score_many without a cluster: pairs scored on threads into one frame keyed by pair, each pair's rows and
report those of scoring it alone; the first failing pair's error, with its place and a note naming its key."""

import json
from collections.abc import Mapping

import pandas as pd
import pytest

import thidua

from helpers import ROOT

EXAMPLES = ROOT / "docs" / "examples"
HONG_LINH = EXAMPLES / "hong-linh-dot-dac-biet-2024"
CHUONG_MY = EXAMPLES / "chuong-my-cum-2-2024"


def hong_linh_pairs():
    """The Hồng Lĩnh campaign with three kinds of results, all of which pickle (tests/python/test_dask.py sends them
    to a cluster): its document, its two assessment layers, and the document with one value changed (the same
    units, other figures) as a dict, with the campaign as a path."""
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    changed = json.loads((HONG_LINH / "results.json").read_text(encoding="utf-8"))
    changed["results"][0]["value"] = 0
    return {
        ("hong-linh", "json"): (campaign, HONG_LINH / "results.json"),
        ("hong-linh", "layers"): (campaign, [("tu-cham", HONG_LINH / "results.json"), HONG_LINH / "tham-dinh.json"]),
        ("hong-linh", "changed"): (str(HONG_LINH / "campaign.json"), changed),
    }


def test_each_pair_gives_the_rows_and_the_report_of_scoring_it_alone():
    pairs = hong_linh_pairs()
    campaign = pairs["hong-linh", "json"][0]
    tables = thidua.load_results(HONG_LINH / "results.csv", votes=HONG_LINH / "votes.csv",
                                 events=HONG_LINH / "events.csv")
    pairs["hong-linh", "tables"] = (campaign, tables)  # what load_results read: here only, it does not pickle
    frame, reports = thidua.score_many(pairs, threads=2)
    assert frame.index.names == ["key", "unit"]
    assert list(reports) == list(pairs) and isinstance(reports, Mapping) and len(reports) == 4
    for key, (campaign, results) in pairs.items():
        alone = (campaign if isinstance(campaign, thidua.Campaign) else thidua.load_campaign(campaign)).score(results)
        # One campaign: the same columns and dtypes, the ordered categorical class included.
        pd.testing.assert_frame_equal(frame.xs(key, level="key"), alone.to_pandas(), check_exact=True)
        assert reports[key].to_json() == alone.to_json()
    assert frame.loc[(("hong-linh", "changed"), slice(None)), "total"].sum() < \
        frame.loc[(("hong-linh", "json"), slice(None)), "total"].sum()
    assert [layer["id"] for layer in reports["hong-linh", "layers"].layers] == ["tu-cham", "tham-dinh"]
    assert len(frame) == 4 * 12


def test_a_list_of_pairs_is_keyed_by_position_and_campaigns_may_differ():
    pairs = [(HONG_LINH / "campaign.json", HONG_LINH / "results.json"),
             (CHUONG_MY / "campaign.json", CHUONG_MY / "results.json")]
    frame, reports = thidua.score_many(pairs)
    assert list(reports) == [0, 1]
    assert list(frame.index.get_level_values("key")) == [0] * 12 + [1] * 8
    for key, (campaign, results) in enumerate(pairs):
        alone = thidua.load_campaign(campaign).score(results).to_pandas()
        rows = frame.xs(key, level="key")
        # Columns are the union: the other campaign's phases are NaN here, and class is plain text.
        assert rows[[c for c in frame.columns if c not in alone.columns]].isna().all().all()
        pd.testing.assert_frame_equal(rows[alone.columns], alone, check_dtype=False, check_categorical=False,
                                      check_exact=True)
    assert frame.loc[(1, "tot-dong"), "class"] == "xuat-sac"


def test_one_thread_and_many_give_the_same_frame():
    pairs = hong_linh_pairs()
    one, _ = thidua.score_many(pairs, threads=1)
    pd.testing.assert_frame_equal(one, thidua.score_many(pairs, threads=4)[0], check_exact=True)


def test_no_pairs_give_an_empty_frame():
    frame, reports = thidua.score_many({})
    assert frame.empty and frame.index.names == ["key", "unit"] and len(reports) == 0


def test_the_first_failing_pair_raises_its_error_with_its_place_and_key():
    campaign = thidua.load_campaign(CHUONG_MY / "campaign.json")
    bad = {"thidua_results": 1, "results": [{"unit": "nope", "criterion": "x", "value": 1}]}
    with pytest.raises(thidua.IdError, match="unknown unit 'nope'") as caught:
        thidua.score_many({"good": (campaign, CHUONG_MY / "results.json"), "bad": (campaign, bad),
                           "worse": (campaign, "unit,criterion\n")})
    assert caught.value.pointer == "/results/0/unit"
    assert caught.value.__notes__ == ["thidua.score_many: in the pair 'bad'"]  # Python 3.11 (Debian 12)
