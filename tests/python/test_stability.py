"""thidua.stability: a DataFrame of probabilities that depends on the seed only."""

import numpy as np
import pandas as pd
import pytest

import thidua

from helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "chuong-my-cum-2-2024"


def report():
    return thidua.load_campaign(EXAMPLE / "campaign.json").score(EXAMPLE / "results.json")


def test_stability_returns_one_row_per_unit_with_probabilities_and_rank_quantiles():
    r = report()
    frame = thidua.stability(r, draws=300, weight_jitter=0.1, seed=1, progress=False)
    assert list(frame.columns) == ["cluster", "class", "p_same_class", "p_same_awards", "p_rank1", "mean_rank",
                                   "rank_q05", "rank_q95", "margin_class", "margin_rank"]
    # The units of report.to_pandas(), in its order and under its index name.
    assert frame.index.name == "unit" and list(frame.index) == list(r.to_pandas().index)
    assert list(frame.index) == [u["id"] for u in r.units]
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


def one_cluster(units, seed=5):
    """`units` units in one cluster, scored from arrays on twelve criteria (ratio, bands, manual)."""
    rules = [{"kind": "ratio", "target": 10},
             {"kind": "bands", "bands": [{"at_least": 4, "points": 10}, {"at_least": 2, "points": 5}]},
             {"kind": "manual"}]
    campaign = thidua.load_campaign({
        "thidua": 1, "id": "one-cluster", "start": "2024-01-01", "end": "2024-12-31", "clusters": [{"id": "c"}],
        "units": [{"id": "x", "kind": "commune", "cluster": "c"}],
        "criteria": [{"id": f"k{k}", "max_points": 10, "rule": rules[k % 3]} for k in range(12)],
        "classes": [{"id": "xs", "min_score": 80}, {"id": "tot", "min_score": 60}, {"id": "kht"}]})
    rng = np.random.default_rng(seed)
    values = np.empty((units, 12), dtype=np.int64)
    for k in range(12):
        top = [12_000_000, 5_000_000, 10_000_000][k % 3]
        values[:, k] = rng.integers(0, top // 10_000 + 1, units) * 10_000
    return thidua.score_arrays(campaign, values, kinds="commune", clusters="c")


def ranks_per_draw(r, draws, **options):
    """Each unit's cluster rank in each draw, run one draw at a time and read from the mean ranks: the exact ranks."""
    analysis = thidua._core.stability_run(r._cpp, 0.3, 0.0, 11, 1, **options)
    sums = np.zeros(len(r.units), dtype=np.int64)
    ranks = []
    for d in range(draws):
        analysis.run(d, d + 1)
        now = np.rint(np.asarray(analysis.table()["mean_rank"]) * (d + 1)).astype(np.int64)
        ranks.append(now - sums)
        sums = now
    return np.array(ranks)[:, r._data.order]  # [draw, unit in report order]


def exact_quantile(ranks, q):
    """The smallest rank r with at least q × draws of the ranks at most r, per unit."""
    ordered = np.sort(ranks, axis=0)
    at = int(np.ceil(q * len(ranks))) - 1  # the same arithmetic as the C++ comparison
    return ordered[max(at, 0)]


def test_small_clusters_give_the_tables_of_the_exact_ranks():
    r = report()  # clusters of 8 units: exact rank histograms
    ranks = ranks_per_draw(r, 40)
    frame = thidua.stability(r, draws=40, weight_jitter=0.3, seed=11, progress=False, threads=2)
    assert list(frame.rank_q05) == list(exact_quantile(ranks, 0.05))
    assert list(frame.rank_q95) == list(exact_quantile(ranks, 0.95))
    assert list(frame.mean_rank) == list(ranks.sum(axis=0) / 40)
    assert list(frame.p_rank1) == list((ranks == 1).sum(axis=0) / 40)


def test_a_cluster_of_20_000_units_runs_in_bounded_memory_with_exact_mean_ranks():
    r = one_cluster(20_000)
    ranks = ranks_per_draw(r, 4)
    # The exact histograms would take 20 000² counters (3.2 GB); 512 bins a unit take 82 MB.
    frame = thidua.stability(r, draws=4, weight_jitter=0.3, seed=11, progress=False, threads=2,
                             memory_cap=256 << 20)
    assert np.array_equal(frame.mean_rank.to_numpy(), ranks.sum(axis=0) / 4)
    assert np.array_equal(frame.p_rank1.to_numpy(), (ranks == 1).sum(axis=0) / 4)
    report_rank = r.to_numpy()["cluster_rank"]
    for q, column in ((0.05, frame.rank_q05.to_numpy()), (0.95, frame.rank_q95.to_numpy())):
        exact = exact_quantile(ranks, q)
        near = np.abs(exact - report_rank) <= 127  # within the bins of one rank
        assert near.any() and np.array_equal(column[near], exact[near])
        # Farther out a bin spans at most a few percent of the distance from the report rank.
        assert (np.abs(column - exact) <= 1 + np.abs(exact - report_rank) // 8).all()


def test_beyond_the_memory_cap_a_limit_error_names_the_figures():
    r = one_cluster(2_000)
    with pytest.raises(thidua.LimitError, match="2000 units.*memory cap"):
        thidua.stability(r, draws=10, progress=False, threads=2, memory_cap=1 << 20)
    with pytest.raises(ValueError):
        thidua.stability(r, draws=10, progress=False, rank_bins=8)


def test_a_perturbed_manual_value_never_earns_more_than_max_points():
    # "a" reports max_points on the manual criterion, "b" is exempt from it: both score 100 without noise, and
    # with noise "a" can only fall (its value clamped to max_points), so "b" stays first in every draw.
    campaign = thidua.load_campaign({
        "thidua": 1, "id": "clamp", "start": "2024-01-01", "end": "2024-12-31", "clusters": [{"id": "c"}],
        "units": [{"id": "a", "kind": "commune", "cluster": "c"}, {"id": "b", "kind": "commune", "cluster": "c"}],
        "criteria": [{"id": "m", "max_points": 10, "rule": {"kind": "manual"}},
                     {"id": "t", "max_points": 10, "rule": {"kind": "boolean"}}],
        "classes": [{"id": "xs", "min_score": 100}, {"id": "kht"}]})
    r = campaign.score({"thidua_results": 1, "campaign": "clamp", "results": [
        {"unit": "a", "criterion": "m", "value": 10}, {"unit": "a", "criterion": "t", "value": True},
        {"unit": "b", "criterion": "m", "status": "exempt"}, {"unit": "b", "criterion": "t", "value": True}]})
    frame = thidua.stability(r, draws=300, weight_jitter=0.2, value_noise=0.3, seed=3, progress=False)
    assert frame.loc["b", "p_rank1"] == 1.0 and frame.loc["b", "p_same_class"] == 1.0
    assert frame.loc["a", "p_same_class"] < 0.9
