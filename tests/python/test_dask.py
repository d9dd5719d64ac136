"""thidua on a dask.distributed LocalCluster of two worker processes: stability(..., client=) gives the local table
byte for byte, score_many(..., client=) the frames and reports of scoring each pair alone, and a worker's error
reaches the caller with its thidua type and place; the workers run the thidua under test. docs/scale-out.md's
example runs here too."""

import sys

import cloudpickle
import pandas as pd
import pytest
from distributed import Client, LocalCluster, get_task_stream

import thidua

from helpers import ROOT
from test_docs import doc_block
from test_many import hong_linh_pairs
from test_stability import one_cluster

# distributed 2022.12 makes its event loop current the way tornado 6.2 deprecates under Python 3.11.
pytestmark = pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning")

EXAMPLES = ROOT / "docs" / "examples"
CHUONG_MY = EXAMPLES / "chuong-my-cum-2-2024"

# The workers unpickle this module's functions by value: they cannot import a test module.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster, \
            Client(cluster) as connected:
        yield connected


def thidua_file():
    return thidua.__file__


def test_the_workers_are_two_processes_running_the_thidua_under_test(client):
    files = client.run(thidua_file)
    assert len(files) == 2 and set(files.values()) == {thidua.__file__}


@pytest.mark.parametrize("example", ["chuong-my-cum-2-2024", "hong-linh-dot-dac-biet-2024"])
def test_stability_on_two_workers_is_the_local_table_byte_for_byte(client, example):
    # Chương Mỹ has group caps (its draws run one by one), Hồng Lĩnh none (in batches of 8 without noise).
    folder = EXAMPLES / example
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    for noise in (None, 0.05):
        options = dict(draws=2001, weight_jitter=0.2, value_noise=noise, seed=9, progress=False, margins=False)
        here = thidua.stability(report, **options)
        with get_task_stream(client) as tasks:
            there = thidua.stability(report, client=client, **options)
        assert len({task["worker"] for task in tasks.data}) == 2  # both workers ran a share
        assert there.to_csv() == here.to_csv()
        pd.testing.assert_frame_equal(there, here, check_exact=True)
        assert (here.p_same_class < 1).any()  # the draws did move something
        assert not there.equals(thidua.stability(report, **{**options, "seed": 10}))


def test_stability_on_a_cluster_shows_progress_and_adds_margins(client, capsys, monkeypatch):
    report = thidua.load_campaign(CHUONG_MY / "campaign.json").score(CHUONG_MY / "results.json")
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # the plain progress line, on stderr
    there = thidua.stability(report, draws=300, seed=1, client=client)
    assert capsys.readouterr().err.endswith("stability: 300/300 draws\n")
    pd.testing.assert_frame_equal(there, thidua.stability(report, draws=300, seed=1, progress=False),
                                  check_exact=True)
    assert "margin_class" in there.columns


def test_a_report_that_cannot_travel_is_refused_before_anything_is_sent(client):
    arrays = one_cluster(20)
    with pytest.raises(TypeError, match=r"scored from arrays \(thidua.score_arrays\) cannot be pickled"):
        thidua.stability(arrays, draws=10, progress=False, client=client)


def test_score_many_on_the_cluster_gives_the_frame_and_reports_of_scoring_here(client):
    pairs = hong_linh_pairs()
    here, reports_here = thidua.score_many(pairs)
    with get_task_stream(client) as tasks:
        there, reports = thidua.score_many(pairs, client=client)
    assert len({task["worker"] for task in tasks.data}) == 2
    pd.testing.assert_frame_equal(there, here, check_exact=True)
    assert list(reports) == list(pairs)
    for key in pairs:
        assert reports[key].to_json() == reports_here[key].to_json()  # scored again here from what the worker sent
        assert isinstance(reports[key], thidua.Report)


@pytest.mark.parametrize("results, error, place", [
    ({"thidua_results": 1, "results": [{"unit": "nope", "criterion": "x", "value": 1}]}, thidua.IdError,
     {"pointer": "/results/0/unit", "line": None}),
    (pd.DataFrame({"unit": ["tot-dong"], "criterion": ["nope"], "value": [1]}), thidua.IdError,
     {"pointer": "/results/0/criterion", "cell": "row 0, column criterion"}),
    ("bad.csv", thidua.SchemaError, {"pointer": None, "line": 2, "column": "value"}),
])
def test_a_workers_error_reaches_the_caller_with_its_type_and_place(client, tmp_path, results, error, place):
    campaign = thidua.load_campaign(CHUONG_MY / "campaign.json")
    if isinstance(results, str):  # a path: the worker reads it
        results = tmp_path / results
        results.write_text("unit,criterion,value\ntot-dong,phat-dong,abc\n", encoding="utf-8")
    with pytest.raises(error) as caught:
        thidua.score_many({"good": (campaign, CHUONG_MY / "results.json"), "bad": (campaign, results)}, client=client)
    for name, value in place.items():
        assert getattr(caught.value, name) == value, name
    assert caught.value.__notes__[-1] == "thidua.score_many: in the pair 'bad'"


def test_the_scale_out_page_runs(client, monkeypatch):
    """docs/scale-out.md: the laptop's cluster, then the code that is the same on any cluster."""
    monkeypatch.chdir(ROOT)
    page = (ROOT / "docs" / "scale-out.md").read_text(encoding="utf-8")
    scope = {}
    exec(doc_block(page, "scale-out-laptop"), scope)
    try:
        exec(doc_block(page, "scale-out-same"), scope)
    finally:
        scope["client"].close()
        scope["cluster"].close()
    assert scope["table"].to_csv() == scope["here"].to_csv()
    assert list(scope["frame"].index.get_level_values("key").unique()) == scope["names"]
    assert scope["best"]["thanh-xuan-2023"] == 101.5 and scope["best"]["chuong-my-cum-2-2024"] == 99.83
