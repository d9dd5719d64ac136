"""The numpy comparisons of `make bench`: thidua against the same work written in vectorised numpy, on the same
seeded data, with the results checked equal. Prints one line per figure; exits 1 when a target is missed.

    score_1m       1 000 000 units × 50 criteria: thidua.score_arrays vs numpy_reference.score   target ≥ 10×
    stability_10k  10 000 units × 30 criteria, 10 000 draws: thidua.stability vs a numpy loop
                   (vectorised within each draw, timed on a subset of draws and extrapolated)   target ≥ 20×
    frames_100k    100 000 units × 50 criteria with ids and names: the first report.to_pandas() of a new report
                   vs scoring them (thidua.score_arrays)                                       target ≤ 10×
    html_100k      the same report's first _repr_html_() (60 rows shown)                       target ≤ 0.2 s
    forms_200      200 filled forms (one .xlsx per unit, 50 criteria, one phase) read and scored: campaign.score
                   of their folder vs openpyxl alone opening them read-only and iterating their rows  target ≤ 1.5×
"""

import os
import sys
import tempfile
import time
import warnings

import numpy as np
import pandas  # noqa: F401  thidua.stability returns a DataFrame: pandas is loaded once, as in a notebook, not timed

import numpy_reference as ref
import thidua

missed = False


def figure(name, what, seconds, ratio, baseline, target):
    global missed
    ok = ratio >= target
    missed = missed or not ok
    print(f"{name:<14} {what:<44} {seconds:10.3f} s   {ratio:8.1f} × faster than {baseline:<24} "
          f"target >= {target}  {'ok' if ok else 'MISSED'}")


def at_most(name, what, seconds, measure, baseline, limit, unit):
    """A figure whose target is a ceiling: `measure` (a ratio to `baseline`, or seconds) at most `limit`."""
    global missed
    ok = measure <= limit
    missed = missed or not ok
    print(f"{name:<14} {what:<44} {seconds:10.3f} s   {measure:8.2f} {unit:<2} {baseline:<37} "
          f"target <= {limit}  {'ok' if ok else 'MISSED'}")


def best_of(runs, work):
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def population(units, cluster_size, criteria):
    """The bulk campaign and its units' cluster positions (no strings per unit: the fast way in)."""
    campaign = thidua.load_campaign(ref.bulk_campaign(units // cluster_size, criteria))
    return campaign, np.arange(units) // cluster_size


def score_1m():
    units, criteria = 1_000_000, 50
    campaign, clusters = population(units, 10, criteria)
    values = ref.bulk_values(units, criteria)
    ours, report = best_of(3, lambda: thidua.score_arrays(campaign, values, kinds="commune", clusters=clusters))
    theirs, (total, cls, ranks) = best_of(3, lambda: ref.score(values, clusters, campaign.to_dict()))
    got = report.to_numpy()  # in report order; without ids given, a unit's id is its position
    at = got["id"].astype(np.int64)
    assert np.array_equal(np.round(got["total"] * 1e6).astype(np.int64), total[at]), "totals differ from numpy"
    assert np.array_equal(got["cluster_rank"], ranks[at]), "ranks differ from numpy"
    class_ids = [c["id"] for c in campaign.to_dict()["classes"]]
    assert [class_ids[i] for i in cls[at[:1000]]] == list(got["class"][:1000]), "classes differ from numpy"
    figure("score_1m", "1 000 000 units × 50 criteria from arrays", ours, theirs / ours, "numpy", 10)


def stability_10k():
    units, criteria, draws, sample = 10_000, 30, 10_000, 50
    campaign, clusters = population(units, 10, criteria)
    values = ref.bulk_values(units, criteria)
    report = thidua.score_arrays(campaign, values, kinds="commune", clusters=clusters)
    ours, _ = best_of(1, lambda: thidua.stability(report, draws=draws, weight_jitter=0.1, progress=False))
    # The numpy loop: the same draws' arithmetic and outcomes, vectorised within each draw.
    rules = campaign.to_dict()
    points, exceed = ref.criterion_points(values, rules)
    points = points / 1e6
    max_points = np.full(points.shape, 10.0)
    bonus = np.minimum(exceed, int(rules["bonus_cap"]) * ref.MICRO) / 1e6
    base_cls, _ = ref.stability_draw(points, max_points, bonus, np.ones(criteria), clusters, rules)
    rng = np.random.default_rng(0)
    same_class, rank_one = np.zeros(units), np.zeros(units)
    start = time.perf_counter()
    for _ in range(sample):
        factors = 1 + 0.1 * (2 * rng.random(criteria) - 1)
        cls, ranks = ref.stability_draw(points, max_points, bonus, factors, clusters, rules)
        same_class += cls == base_cls
        rank_one += ranks == 1
    theirs = (time.perf_counter() - start) * draws / sample
    figure("stability_10k", "10 000 units × 30 criteria, 10 000 draws", ours, theirs / ours,
           "a numpy loop per draw", 20)


def frames_100k():
    # An analyst's population: ids and names per unit, as a DataFrame of units would give them.
    units, criteria = 100_000, 50
    campaign, clusters = population(units, 10, criteria)
    values = ref.bulk_values(units, criteria)
    ids = [f"xa-{u}" for u in range(units)]
    names = [f"Ủy ban MTTQ xã {u}" for u in range(units)]

    def scored():
        return thidua.score_arrays(campaign, values, ids=ids, names=names, kinds="commune", clusters=clusters)

    scoring, _ = best_of(3, scored)
    reports = [scored() for _ in range(3)]  # each timing takes a new report: the first call pays for everything
    frames, frame = best_of(3, lambda: reports.pop().to_pandas())
    assert len(frame) == units and frame.index.name == "unit" and frame["total"].dtype == "float64"
    at_most("frames_100k", "first to_pandas() of 100 000 units", frames, frames / scoring,
            f"× scoring them ({scoring:.3f} s)", 10, "")
    reports = [scored() for _ in range(3)]
    html, text = best_of(3, lambda: reports.pop()._repr_html_())
    assert text.count("<tr>") <= 61 + 2 * 60  # 60 rows, each cluster's heading row
    at_most("html_100k", "first _repr_html_() of 100 000 units", html, html, "seconds", 0.2, "s")


def forms_200():
    import openpyxl

    units, criteria = 200, 50
    document = ref.bulk_campaign(20, criteria)
    document["units"] = [{"id": f"xa-{u}", "name": f"Ủy ban MTTQ xã {u}", "kind": "commune", "cluster": f"c{u // 10}"}
                         for u in range(units)]
    campaign = thidua.load_campaign(document)
    values = ref.bulk_values(units, criteria)
    kinds = [k["rule"]["kind"] for k in document["criteria"]]
    with tempfile.TemporaryDirectory() as folder:
        for u in range(units):  # one form per commune, filled
            rows = [{"unit": f"xa-{u}", "criterion": f"k{k}", "submitted": "2024-12-20",
                     "value": bool(values[u, k]) if kinds[k] == "boolean" else str(values[u, k] / 1e6)}
                    for k in range(criteria)]
            campaign.to_form(os.path.join(folder, f"xa-{u:03}.xlsx"), units=[f"xa-{u}"],
                             results={"thidua_results": 1, "results": rows})
        paths = sorted(os.path.join(folder, name) for name in os.listdir(folder))

        def openpyxl_alone():
            cells = 0
            for path in paths:
                book = openpyxl.load_workbook(path, read_only=True, data_only=True)
                for sheet in book.worksheets:
                    for row in sheet.iter_rows(values_only=True):
                        cells += len(row)
                book.close()
            return cells

        def forms():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", thidua.InputWarning)  # the forms state no votes: expected
                return campaign.score(folder)

        theirs, _ = best_of(3, openpyxl_alone)
        ours, report = best_of(3, forms)
    assert report.to_dict()["inputs"]["results"] == units * criteria
    at_most("forms_200", "200 filled forms read and scored", ours, ours / theirs,
            f"× openpyxl reading them ({theirs:.3f} s)", 1.5, "")


def what_if_1000():
    folder = os.path.join(os.path.dirname(__file__), "..", "..", "docs", "examples", "hong-linh-dot-dac-biet-2024")
    report = thidua.load_campaign(os.path.join(folder, "campaign.json")).score(os.path.join(folder, "results.json"))
    changes = [{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": v % 9} for v in range(1000)]
    seconds, totals = best_of(3, lambda: [report.what_if(c).unit("dau-lieu")["total"] for c in changes])
    assert len(set(totals)) > 1  # the changes changed the total
    at_most("what_if_1000", "1 000 single-value what-ifs on Hồng Lĩnh", seconds, seconds, "seconds", 1, "s")


if __name__ == "__main__":
    print(f"thidua {thidua.__version__}, numpy {np.__version__}")
    chosen = sys.argv[1:] or ["stability_10k", "score_1m", "frames_100k", "forms_200", "what_if_1000"]
    for name in chosen:
        globals()[name]()
    sys.exit(1 if missed else 0)
