"""Plots: each draws the report's numbers on an Axes it returns, in the campaign's language or ``lang`` (every word
from the catalog, months and numbers as the language writes them), keeps its labels inside the figure, draws names
literally, and saves as a PNG of the expected size."""

import copy
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
from matplotlib.colors import to_rgba

import thidua
from thidua._text import LABELS, texts
from thidua.plot import FAILED_MANDATORY, NOT_SCORED

from helpers import ROOT, golden_cases, load_exact

EXAMPLES = ROOT / "docs" / "examples"
EXAMPLE = EXAMPLES / "hong-linh-dot-dac-biet-2024"
CASE = load_exact(golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"])
WORDS = texts("plot.")
HOSTILE = "$x^2$ <b>x</b> <script>alert(1)</script> =HYPERLINK(\"http://e.vn\") {{ 7*7 }}"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def score(example):
    campaign = thidua.load_campaign(EXAMPLES / example / "campaign.json")
    return campaign, campaign.score(EXAMPLES / example / "results.json")


@pytest.fixture(scope="module")
def hong_linh():
    return score("hong-linh-dot-dac-biet-2024")


@pytest.fixture(scope="module")
def stability_frame(hong_linh):
    return thidua.stability(hong_linh[1], draws=200, seed=3, progress=False)


def saved(ax, path):
    """Saves the Axes' figure and returns the image read back (height × width × RGBA)."""
    ax.figure.savefig(path, dpi=50)
    assert path.stat().st_size > 2000
    image = matplotlib.image.imread(path)
    width, height = ax.figure.get_size_inches() * 50
    assert abs(image.shape[0] - height) <= 1 and abs(image.shape[1] - width) <= 1
    assert image[..., :3].std() > 0.05  # not a blank canvas
    return image


def drawn(ax):
    """The texts the figure draws, after a draw: titles, axis labels, the tick labels in view, texts, legends."""
    figure = ax.figure
    figure.canvas.draw()
    found = []
    for axes in figure.axes:  # the colorbar's too
        found += [axes.title, axes.xaxis.label, axes.yaxis.label, *axes.texts]
        if axes.get_legend():
            found += axes.get_legend().get_texts()
        for axis, labels in ((axes.xaxis, axes.get_xticklabels()), (axes.yaxis, axes.get_yticklabels())):
            low, high = sorted(axis.get_view_interval())
            found += [t for t, at in zip(labels, axis.get_majorticklocs()) if low <= at <= high]
    return [t for t in found if t.get_visible() and t.get_text()]


def legend(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def flat(text):
    return text.replace("\n", " ")


def every_plot(campaign, report, frame, lang):
    return {
        "ranking": lambda: report.plot.ranking(lang=lang),
        "phases": lambda: report.plot.phases(lang=lang),
        "criteria": lambda: report.plot.criteria(lang=lang),
        "criteria of a unit": lambda: report.plot.criteria(unit="thuan-loc", lang=lang),
        "stability": lambda: report.plot.stability(frame, lang=lang),
        "margins": lambda: report.plot.margins(lang=lang),
        "timeline": lambda: campaign.plot.timeline(lang=lang),
    }


PLOTS = ["ranking", "phases", "criteria", "criteria of a unit", "stability", "margins", "timeline"]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("name", PLOTS)
def test_every_plot_keeps_its_labels_inside_the_figure_and_names_no_id_in_vietnamese(hong_linh, stability_frame,
                                                                                     name, lang):
    campaign, report = hong_linh
    ax = every_plot(campaign, report, stability_frame, lang)[name]()
    texts_drawn = drawn(ax)
    assert len(texts_drawn) > 5
    box = ax.figure.bbox
    renderer = ax.figure.canvas.get_renderer()
    for text in texts_drawn:
        extent = text.get_window_extent(renderer)
        assert box.x0 - 1 <= extent.x0 and extent.x1 <= box.x1 + 1, f"{text.get_text()!r} is cut at a side"
        assert box.y0 - 1 <= extent.y0 and extent.y1 <= box.y1 + 1, f"{text.get_text()!r} is cut at the top or bottom"
    words = " ".join(flat(t.get_text()) for t in texts_drawn)
    ids = [p["id"] for p in campaign.phases] + [c["id"] for c in campaign.to_dict()["criteria"]]
    if lang == "vi":
        assert not [i for i in ids if i in words]
    # The axis words are the catalog's, in the language asked.
    other = WORDS["en" if lang == "vi" else "vi"]
    assert not [w for k, w in other.items() if k not in ("month", "months") and w in words and w != WORDS[lang][k]]


def test_ranking_draws_one_bar_per_unit_coloured_by_class():
    report = thidua.load_campaign(CASE["campaign"]).score(CASE["results"])
    ax = report.plot.ranking()
    assert isinstance(ax, matplotlib.axes.Axes)
    assert [round(p.get_width(), 2) for p in ax.patches] == [100.0, 78.5, 67.0, 48.36]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "1. Phường Trung Lương"
    assert legend(ax) == ["Hoàn thành nhiệm vụ"]
    assert [t.get_text() for t in ax.texts] == ["Cụm thi đua"]  # the cluster heading
    assert ax.get_xlabel() == LABELS["vi"]["total"]
    assert report.plot.ranking(lang="en").get_xlabel() == LABELS["en"]["total"] == "Total"


def test_ranking_marks_each_award(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.ranking()
    assert len(ax.patches) == 12
    names = legend(ax)
    assert names[:3] == ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ"]
    awards = {a["id"]: a["title"] for a in report.campaign.to_dict()["awards"]}
    marked = {awards[a] for u in report.units for a in u["awards"]}
    assert set(names[3:]) == marked and len(marked) == 3
    # One marker per award received, beside its unit's bar.
    assert sum(len(c.get_offsets()) for c in ax.collections) == sum(len(u["awards"]) for u in report.units) == 7
    assert [t.get_text() for t in ax.texts] == ["Khối Ủy ban MTTQ các phường, xã",
                                                "Khối Ủy ban MTTQ thị xã và các tổ chức thành viên"]
    saved(ax, tmp_path / "ranking.png")


def test_numbers_on_the_axes_are_written_as_the_language_writes_them(hong_linh):
    _, report = hong_linh
    ax = report.plot.criteria()
    ax.figure.canvas.draw()
    bar = ax.figure.axes[1]  # the colorbar: shares from 0 to 1
    assert [t.get_text() for t in bar.get_yticklabels()] == ["0", "0,2", "0,4", "0,6", "0,8", "1"]
    assert flat(bar.get_ylabel()) == WORDS["vi"]["share"]
    english = report.plot.criteria(lang="en")
    english.figure.canvas.draw()
    assert [t.get_text() for t in english.figure.axes[1].get_yticklabels()][1] == "0.2"


def test_phases_draws_a_bar_per_unit_and_phase_with_the_phase_titles(hong_linh, tmp_path):
    campaign, report = hong_linh
    ax = report.plot.phases()
    widths = sorted(round(p.get_width(), 2) for p in ax.patches)
    expected = sorted(float(s) for u in report.units for s in u["phases"].values())
    assert widths == expected and len(widths) == 24
    assert [flat(t) for t in legend(ax)] == [p["title"] for p in campaign.phases]
    assert ax.get_xlabel() == "Điểm giai đoạn (thang 100)"
    assert report.plot.phases(lang="en").get_xlabel() == "Phase score (scale 100)"
    saved(ax, tmp_path / "phases.png")


def cell_colour(ax, row, column):
    return tuple(ax.images[0].get_array()[row, column])


def test_criteria_colours_points_by_share_na_grey_and_a_failed_mandatory_criterion_red(hong_linh, tmp_path):
    campaign, report = hong_linh
    ax = report.plot.criteria()
    image = ax.images[0].get_array()
    assert image.shape == (12, 7, 4)  # units in report order × criteria, RGBA
    rows = [u["id"] for u in report.units]
    columns = [c["id"] for c in campaign.to_dict()["criteria"]]
    cmap = matplotlib.colormaps["YlGn"]
    points = report.to_pandas("points", exact=False)
    cells = points.groupby(["unit", "criterion"], observed=True)[["points", "max"]].sum(min_count=1)
    # Thuận Lộc: Tuyên truyền earns 6 of 20 over both phases, coloured by its share and labelled in Vietnamese.
    earned, most = cells.loc[("thuan-loc", "tuyen-truyen")]
    assert (earned, most) == (6.0, 20.0)
    row, column = rows.index("thuan-loc"), columns.index("tuyen-truyen")
    assert cell_colour(ax, row, column) == pytest.approx(cmap(earned / most))
    labels = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert labels[(row, column)] == "6,00"
    # A criterion that does not apply to a commune: grey, unlabelled, and named in the legend.
    na = columns.index("mo-hinh-thi-xa")
    assert cell_colour(ax, row, na) == to_rgba(NOT_SCORED)
    assert (row, na) not in labels
    # Đại hội is mandatory and Thuận Lộc did not meet it (0 of 30): red, labelled 0,00.
    assert campaign.to_dict()["criteria"][columns.index("dai-hoi")]["mandatory"]
    assert cell_colour(ax, row, columns.index("dai-hoi")) == to_rgba(FAILED_MANDATORY)
    assert labels[(row, columns.index("dai-hoi"))] == "0,00"
    # A mandatory criterion met in full is not red.
    assert cell_colour(ax, rows.index("bac-hong"), columns.index("dai-hoi")) == pytest.approx(cmap(1.0))
    assert legend(ax)[:2] == [WORDS["vi"]["not_scored"], WORDS["vi"]["failed_mandatory"]]
    # The columns are numbered, the key under the map gives each criterion's title.
    assert [t.get_text() for t in ax.get_xticklabels()] == [str(k) for k in range(1, 8)]
    key = [flat(t) for t in legend(ax)[2:]]
    assert key == [f"{k}. {c['title']}" for k, c in enumerate(campaign.to_dict()["criteria"], 1)]
    saved(ax, tmp_path / "criteria.png")


def test_criteria_tells_zero_points_from_a_criterion_not_scored():
    campaign, report = score("ha-noi-cum-1-2022")
    ax = report.plot.criteria(lang="en")
    rows = [u["id"] for u in report.units]
    columns = [c["id"] for c in campaign.to_dict()["criteria"]]
    mandatory = {c["id"]: c["mandatory"] for c in campaign.to_dict()["criteria"]}
    # Long Biên: 0 of 10 on Văn bản (not mandatory) is the pale end of the scale, not grey; Hai Bà Trưng's 0 of 10 on
    # the mandatory Kỷ cương is red.
    assert not mandatory["van-ban"] and mandatory["ky-cuong"]
    zero = cell_colour(ax, rows.index("long-bien"), columns.index("van-ban"))
    assert zero == pytest.approx(matplotlib.colormaps["YlGn"](0.0)) and zero != to_rgba(NOT_SCORED)
    assert cell_colour(ax, rows.index("hai-ba-trung"), columns.index("ky-cuong")) == to_rgba(FAILED_MANDATORY)
    assert legend(ax)[0] == WORDS["en"]["failed_mandatory"] == "Mandatory criterion not met"


def test_a_failed_mandatory_cell_is_the_report_s_decision_not_the_points(hong_linh):
    # A ratio slot can round to full points and still not be met: red comes from the report's met flag.
    campaign, report = hong_linh
    slots = report._data.cpp.slot_columns()
    criteria = campaign.to_dict()["criteria"]
    in_scale = slots["max"] != thidua._core.no_number
    mandatory = np.array([criteria[k]["mandatory"] for k in slots["criterion"]])
    failed = in_scale & mandatory & (slots["met"] == 0)
    ids = np.asarray(report._data.strings["id"], dtype=object)
    expected = {(ids[u], criteria[k]["id"]) for u, k in zip(slots["unit"][failed], slots["criterion"][failed])}
    assert expected == {("thuan-loc", "dai-hoi"), ("ldld", "cong-trinh")}
    ax = report.plot.criteria()
    rows = [u["id"] for u in report.units]
    red = {(rows[r], criteria[k]["id"]) for r, k in np.argwhere(np.all(ax.images[0].get_array() ==
                                                                        to_rgba(FAILED_MANDATORY), axis=2))}
    assert red == expected


def test_criteria_of_one_unit_has_a_row_per_phase(hong_linh, tmp_path):
    _, report = hong_linh
    ax = report.plot.criteria(unit="bac-hong")
    assert ax.images[0].get_array().shape == (2, 7, 4)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Giai đoạn 1", "Giai đoạn 2"]
    assert ax.get_title() == "Ủy ban MTTQ phường Bắc Hồng"
    assert cell_colour(ax, 0, 6) == pytest.approx(matplotlib.colormaps["YlGn"](0.9))  # 9 of 10 points
    english = report.plot.criteria(unit="bac-hong", lang="en")
    assert [t.get_text() for t in english.get_yticklabels()] == ["Phase 1", "Phase 2"]
    saved(ax, tmp_path / "criteria-unit.png")
    with pytest.raises(thidua.IdError):
        report.plot.criteria(unit="nowhere")


def test_stability_plots_a_rank_range_per_unit(hong_linh, stability_frame, tmp_path):
    _, report = hong_linh
    frame = stability_frame
    ax = report.plot.stability(frame)
    means = ax.collections[1].get_offsets()[:, 0]
    assert list(means) == list(frame.loc[[u["id"] for u in report.units], "mean_rank"])
    ranks = ax.collections[2].get_offsets()[:, 0]
    assert list(ranks) == [u["cluster_rank"] for u in report.units]
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "1. Ủy ban MTTQ phường Bắc Hồng (100%)"
    assert legend(ax) == [WORDS["vi"][k] for k in ("rank_range", "mean_rank", "report_rank")]
    assert flat(ax.get_xlabel()) == WORDS["vi"]["rank_axis"]
    assert legend(report.plot.stability(frame, lang="en")) == ["Rank, 5–95% of the draws", "Mean rank",
                                                               "Rank in the report"]
    saved(ax, tmp_path / "stability.png")


def test_stability_draws_the_table_of_an_analysis_without_noise_as_the_report(hong_linh):
    _, report = hong_linh
    ax = report.plot.stability(thidua.stability(report, draws=50, seed=3, weight_jitter=0.0, progress=False))
    # Without jitter every draw reproduces the report: mean rank = rank, and P(same class) is 1.
    assert list(ax.collections[1].get_offsets()[:, 0]) == [u["cluster_rank"] for u in report.units]
    assert all(t.get_text().endswith("(100%)") for t in ax.get_yticklabels())


def test_margins_names_its_marks_in_the_language(hong_linh):
    _, report = hong_linh
    ax = report.plot.margins()
    assert set(legend(ax)) <= {WORDS["vi"][k] for k in ("next_class", "next_rank", "blocked")}
    assert WORDS["vi"]["next_rank"] in legend(ax)
    assert ax.get_xlabel() == "Số điểm còn thiếu"
    assert report.plot.margins(lang="en").get_xlabel() == "Points lacking"


def test_timeline_draws_the_phases_on_a_date_axis_with_months_in_the_language(hong_linh, tmp_path):
    campaign, _ = hong_linh
    ax = campaign.plot.timeline()
    starts = [matplotlib.dates.num2date(p.get_x()).date().isoformat() for p in ax.patches]
    assert starts == ["2023-11-01", "2024-08-01"]
    assert [round(p.get_width()) for p in ax.patches] == [274, 92]
    ax.figure.canvas.draw()
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "T11/2023", "T12/2023", "T1/2024", "T2/2024", "T3/2024", "T4/2024", "T5/2024", "T6/2024", "T7/2024",
        "T8/2024", "T9/2024", "T10/2024", "T11/2024"]  # the last report is due in November
    # The names beside the bars, which the layout sizes: a short phase does not cut its name.
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Giai đoạn 1 · trọng số 0,6", "Giai đoạn 2 · trọng số 0,4"]
    assert legend(ax) == ["Hạn báo cáo"]
    english = campaign.plot.timeline(lang="en")
    english.figure.canvas.draw()
    assert [t.get_text() for t in english.get_xticklabels()][:3] == ["Nov 2023", "Dec 2023", "Jan 2024"]
    assert [t.get_text() for t in english.get_yticklabels()] == ["Phase 1 · weight 0.6", "Phase 2 · weight 0.4"]
    saved(ax, tmp_path / "timeline.png")


def test_months_do_not_follow_the_locale(hong_linh):
    campaign, _ = hong_linh
    script = ("import locale, sys, matplotlib\n"
              "matplotlib.use('Agg')\n"
              "import thidua\n"
              "locale.setlocale(locale.LC_TIME, 'C.UTF-8')\n"
              "ax = thidua.load_campaign(sys.argv[1]).plot.timeline(lang='en')\n"
              "ax.figure.canvas.draw()\n"
              "print([t.get_text() for t in ax.get_xticklabels()][0])\n")
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]), LC_ALL="C.UTF-8")
    out = subprocess.run([sys.executable, "-c", script, str(EXAMPLE / "campaign.json")], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out == "Nov 2023\n"


def plain(text_artist):
    """What matplotlib draws for a text: the string and whether it is read as mathematics."""
    return text_artist._preprocess_math(text_artist.get_text())


def test_names_are_drawn_literally_not_as_mathematics_markup_or_formulas():
    doc = copy.deepcopy(CASE["campaign"])
    doc["title"] = "Đợt $1$ thi đua"
    doc["units"][0]["name"] = HOSTILE
    report = thidua.load_campaign(doc).score(CASE["results"])
    ax = report.plot.ranking()
    ax.figure.canvas.draw()
    label = next(t for t in ax.get_yticklabels() if "HYPERLINK" in t.get_text())
    assert plain(label) == (f"{label.get_text().split('. ')[0]}. {HOSTILE}", False)
    assert plain(ax.title) == ("Đợt $1$ thi đua", False)
    heatmap = report.plot.criteria(unit=doc["units"][0]["id"])
    assert plain(heatmap.title) == (HOSTILE, False)


def test_plots_draw_without_latex_even_when_matplotlib_is_set_to_use_it(hong_linh):
    campaign, report = hong_linh
    with matplotlib.rc_context({"text.usetex": True}):
        for ax in (report.plot.ranking(), report.plot.criteria(), campaign.plot.timeline()):
            ax.figure.canvas.draw()  # LaTeX is not installed: a text left in usetex would fail here
            assert not [t for t in ax.figure.findobj(matplotlib.text.Text) if t.get_usetex()]


def test_a_plot_draws_on_the_axes_given():
    report = thidua.load_campaign(CASE["campaign"]).score(CASE["results"])
    figure, (left, right) = plt.subplots(1, 2)
    assert report.plot.ranking(ax=left) is left
    assert report.campaign.plot.timeline(ax=right) is right
    assert left.has_data() and right.has_data()


def test_an_unknown_language_is_refused(hong_linh):
    campaign, report = hong_linh
    with pytest.raises(thidua.SchemaError):
        report.plot.ranking(lang="fr")
    with pytest.raises(thidua.SchemaError):
        campaign.plot.timeline(lang="fr")


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
