"""thidua.stability: a DataFrame of probabilities that depends on the seed only."""

import pandas as pd

import thidua

from helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "chuong-my-cum-2-2024"


def report():
    return thidua.load_campaign(EXAMPLE / "campaign.json").score(EXAMPLE / "results.json")


def test_stability_returns_one_row_per_unit_with_probabilities_and_rank_quantiles():
    r = report()
    frame = thidua.stability(r, draws=300, weight_jitter=0.1, seed=1, progress=False)
    assert list(frame.columns) == ["cluster", "class", "p_same_class", "p_same_awards", "p_rank1", "mean_rank",
                                   "rank_q05", "rank_q95"]
    assert list(frame.index) == [u["id"] for u in thidua.load_campaign(EXAMPLE / "campaign.json").units]
    assert frame.loc["tot-dong", "class"] == r.unit("tot-dong")["class"]
    assert ((frame.p_same_class >= 0) & (frame.p_same_class <= 1)).all()
    assert frame.loc["tran-phu", "rank_q05"] == 4 and frame.loc["tran-phu", "rank_q95"] == 5
    assert frame.loc["tot-dong", "p_rank1"] > 0.5


def test_no_jitter_reproduces_the_report():
    r = report()
    frame = thidua.stability(r, draws=20, weight_jitter=0.0, progress=False)
    assert (frame.p_same_class == 1.0).all() and (frame.p_same_awards == 1.0).all()
    ranks = {u["id"]: u["cluster_rank"] for u in r.units}
    assert all(frame.loc[i, "mean_rank"] == ranks[i] for i in frame.index)


def test_the_same_seed_gives_the_same_table_whatever_the_threads():
    r = report()
    a = thidua.stability(r, draws=200, weight_jitter=0.2, value_noise=0.05, seed=9, progress=False, threads=1)
    b = thidua.stability(r, draws=200, weight_jitter=0.2, value_noise=0.05, seed=9, progress=False, threads=2)
    pd.testing.assert_frame_equal(a, b)


def test_a_campaign_and_results_can_be_given_instead_of_a_report():
    campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    frame = thidua.stability(campaign, EXAMPLE / "results.json", draws=10, weight_jitter=0.0, progress=False)
    assert len(frame) == 8
