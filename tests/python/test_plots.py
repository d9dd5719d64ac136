"""Plots: each draws the report's numbers on an Axes it returns, and saves as a PNG of the expected size."""

import os
import subprocess
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: the tests draw off screen

import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pytest

import thidua

from helpers import ROOT, golden_cases, load_exact

EXAMPLE = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
CASE = load_exact(golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"])


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def hong_linh():
    campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    return campaign, campaign.score(EXAMPLE / "results.json")


def saved(ax, path):
    """Saves the Axes' figure and returns the image read back (height × width × RGBA)."""
    ax.figure.savefig(path, dpi=50)
    assert path.stat().st_size > 2000
    image = matplotlib.image.imread(path)
    width, height = ax.figure.get_size_inches() * 50
    assert abs(image.shape[0] - height) <= 1 and abs(image.shape[1] - width) <= 1
    assert image[..., :3].std() > 0.05  # not a blank canvas
    return image


def test_ranking_draws_one_bar_per_unit_coloured_by_class():
    report = thidua.load_campaign(CASE["campaign"]).score(CASE["results"])
    ax = report.plot.ranking()
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [round(p.get_width(), 2) for p in ax.patches] == [100.0, 78.5, 67.0, 48.36]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "1. Phường Trung Lương"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Hoàn thành nhiệm vụ"]
    assert [t.get_text() for t in ax.texts] == ["Cụm thi đua"]  # the cluster heading


def test_ranking_marks_each_award(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.ranking()
    assert len(ax.patches) == 12
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[:3] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"]
    awards = {a["id"]: a["title"] for a in report.campaign.to_dict()["awards"]}
    marked = {awards[a] for u in report.units for a in u["awards"]}
    assert set(legend[3:]) == marked and len(marked) == 3
    # One marker per award received, beside its unit's bar.
    assert sum(len(c.get_offsets()) for c in ax.collections) == sum(len(u["awards"]) for u in report.units) == 7
    assert [t.get_text() for t in ax.texts] == ["Khối Ủy ban MTTQ các phường, xã",
                                                "Khối Ủy ban MTTQ thị xã và các tổ chức thành viên"]
    saved(ax, tmp_path / "ranking.png")


def test_phases_draws_a_bar_per_unit_and_phase(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.phases()
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    expected = sorted(float(s) for u in report.units for s in u["phases"].values())
    assert widths == expected and len(widths) == 24
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["gd1", "gd2"]
    saved(ax, tmp_path / "phases.png")


def test_criteria_is_a_heatmap_of_the_share_of_max_points(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.criteria()
    share = ax.images[0].get_array()
    assert share.shape == (12, 7)
    points = report.to_pandas("points", exact=False)
    thuan_loc = points[points.unit == "thuan-loc"]
    mo_hinh = thuan_loc[thuan_loc.criterion == "tuyen-truyen"]
    row = [u["id"] for u in report.units].index("thuan-loc")
    assert share[row, 6] == pytest.approx(mo_hinh.points.sum() / mo_hinh["max"].sum())
    assert np.ma.is_masked(share[row, 2]) or np.isnan(share[row, 2])  # mo-hinh-thi-xa does not apply to a commune
    assert [t.get_text() for t in ax.get_xticklabels()][:3] == ["phat-dong", "dai-hoi", "mo-hinh-thi-xa"]
    saved(ax, tmp_path / "criteria.png")


def test_criteria_of_one_unit_has_a_row_per_phase(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.criteria(unit="bac-hong")
    assert ax.images[0].get_array().shape == (2, 7)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gd1", "gd2"]
    assert ax.images[0].get_array()[0, 6] == pytest.approx(0.9)  # 9 of 10 points
    saved(ax, tmp_path / "criteria-unit.png")
    with pytest.raises(thidua.IdError):
        report.plot.criteria(unit="nowhere")


def test_stability_plots_a_rank_range_per_unit(hong_linh, tmp_path):
    _, report = hong_linh
    frame = thidua.stability(report, draws=200, seed=3, progress=False)
    ax = report.plot.stability(frame)
    means = ax.collections[1].get_offsets()[:, 0]
    assert list(means) == list(frame.loc[[u["id"] for u in report.units], "mean_rank"])
    ranks = ax.collections[2].get_offsets()[:, 0]
    assert list(ranks) == [u["cluster_rank"] for u in report.units]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "1. Ủy ban MTTQ phường Bắc Hồng (100%)"
    saved(ax, tmp_path / "stability.png")


def test_stability_draws_the_table_of_an_analysis_without_noise_as_the_report(hong_linh):
    _, report = hong_linh
    ax = report.plot.stability(thidua.stability(report, draws=50, seed=3, weight_jitter=0.0, progress=False))
    # Without jitter every draw reproduces the report: mean rank = rank, and P(same class) is 1.
    assert list(ax.collections[1].get_offsets()[:, 0]) == [u["cluster_rank"] for u in report.units]
    assert all(t.get_text().endswith("(100%)") for t in ax.get_yticklabels())


def test_timeline_draws_the_phases_on_a_date_axis(hong_linh, tmp_path):
    campaign, _ = hong_linh
    ax = campaign.plot.timeline()
    starts = [matplotlib.dates.num2date(p.get_x()).date().isoformat() for p in ax.patches]
    assert starts == ["2023-11-01", "2024-08-01"]
    assert [round(p.get_width()) for p in ax.patches] == [274, 92]
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024",
                      "Jul 2024", "Aug 2024", "Sep 2024", "Oct 2024", "Nov 2024"]  # the last report is due in Nov
    assert [t.get_text() for t in ax.texts] == ["gd1 · 0.6", "gd2 · 0.4"]
    saved(ax, tmp_path / "timeline.png")


def test_a_plot_draws_on_the_axes_given():
    report = thidua.load_campaign(CASE["campaign"]).score(CASE["results"])
    figure, (left, right) = plt.subplots(1, 2)
    assert report.plot.ranking(ax=left) is left
    assert report.campaign.plot.timeline(ax=right) is right
    assert left.has_data() and right.has_data()


def test_matplotlib_is_imported_by_a_plot_not_by_thidua():
    script = ("import sys, thidua\n"
              "report = thidua.load_campaign(sys.argv[1]).score(sys.argv[2])\n"
              "plots = report.plot\n"
              "print('matplotlib' in sys.modules)\n"
              "plots.ranking()\n"
              "print('matplotlib' in sys.modules)\n")
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, "-c", script, str(EXAMPLE / "campaign.json"), str(EXAMPLE / "results.csv")],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert out == "False\nTrue\n"
