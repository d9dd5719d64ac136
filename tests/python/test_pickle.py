"""Pickling campaigns and reports: a versioned state, re-scored on loading, usable across processes."""

import multiprocessing
import operator
import pickle
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

import thidua

from helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


@pytest.fixture(scope="module")
def report():
    return thidua.load_campaign(EXAMPLE / "campaign.json").score(EXAMPLE / "results.json")


def test_a_campaign_pickles_as_version_1_and_its_canonical_json(report):
    campaign = report.campaign
    assert campaign.__getstate__() == (1, campaign.to_json())
    again = pickle.loads(pickle.dumps(campaign))
    assert again == campaign and again.sha256 == campaign.sha256


def test_a_report_pickles_as_version_1_campaign_and_results_and_is_scored_again(report):
    restore, (version, campaign_json, results_json) = report.__reduce__()
    assert restore == thidua.Campaign._report_from_state
    assert version == 1 and campaign_json == report.campaign.to_json()
    assert results_json.startswith('{"campaign":"hong-linh-dot-dac-biet-2024",')
    again = pickle.loads(pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL))
    assert again.to_json() == report.to_json()  # the same bytes, fingerprints included
    assert again.campaign == report.campaign
    assert again.explain("bac-hong").text == report.explain("bac-hong").text


def test_unknown_versions_are_refused(report):
    state = pickle.dumps(report)
    for obj, wrong in ((report.campaign, (2, "{}")), (report.campaign, "{}")):
        blank = object.__new__(type(obj))
        with pytest.raises(thidua.SchemaError, match="format version .*reads version 1"):
            blank.__setstate__(wrong)
    with pytest.raises(thidua.SchemaError, match="format version 2; .*reads version 1"):
        thidua.Campaign._report_from_state(2, "{}", "{}")
    assert pickle.loads(state) == report


def test_a_report_scored_from_arrays_cannot_be_pickled():
    campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    values = {p["id"]: np.zeros((12, len(p["criteria"]))) for p in campaign.to_dict()["phases"]}
    with pytest.warns(thidua.InputWarning):  # no votes, no events: the arrays give only values
        arrays = thidua.score_arrays(campaign, values)
    with pytest.raises(TypeError, match=r"scored from arrays \(thidua.score_arrays\) cannot be pickled"):
        pickle.dumps(arrays)


def test_reports_travel_to_worker_processes(report):
    # A fresh interpreter (spawn) unpickles the campaign and the report, as multiprocessing and Dask workers do.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        rescored = pool.submit(operator.methodcaller("score", EXAMPLE / "results.json"), report.campaign).result()
        text = pool.submit(operator.methodcaller("to_json"), report).result()
    assert text == report.to_json()
    assert rescored.to_json() == report.to_json()


def _totals_of(campaign_and_results):
    campaign, results = campaign_and_results
    return {u["id"]: u["total"] for u in campaign.score(results).units}


def test_dask_scores_campaigns_in_worker_processes(report):
    dask_bag = pytest.importorskip("dask.bag")
    campaign = report.campaign
    results = [str(EXAMPLE / "results.json"), str(EXAMPLE / "results.csv")]
    bag = dask_bag.from_sequence([(campaign, r) for r in results], npartitions=2).map(_totals_of)
    from_json, from_csv = bag.compute(scheduler="processes", num_workers=2)
    assert from_json == {u["id"]: u["total"] for u in report.units}
    assert from_json["bac-hong"] == "101.23"
    assert set(from_csv) == set(from_json)  # the CSV carries no events or votes: its own totals
