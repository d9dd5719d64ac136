"""Report.what_if (thidua/analysis/what_if.hpp): a hypothetical change gives the report of the changed documents,
on every example and for random changes; total_delta moves a total after the caps; errors name the change."""

import copy
from decimal import Decimal
import json
import random

import pytest

import thidua
from helpers import ROOT

EXAMPLES = sorted(p for p in (ROOT / "docs" / "examples").iterdir() if (p / "results.json").exists())
HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


def _outcomes(report):
    doc = report.to_dict()
    return {k: doc[k] for k in ("units", "clusters", "award_cash", "ballots")}


def _phase_of(row, campaign):
    if "phase" in row:
        return row["phase"]
    if "date" in row:
        return next(p["id"] for p in campaign.phases if p["start"] <= row["date"] <= p["end"])
    return campaign.phases[0]["id"]


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_random_value_changes_give_the_report_of_the_changed_results(folder):
    campaign = thidua.load_campaign(folder / "campaign.json")
    results = json.loads((folder / "results.json").read_text(encoding="utf-8"))
    report = campaign.score(results)
    rules = {k["id"]: k["rule"] for k in campaign.to_dict()["criteria"]}
    draw = random.Random(folder.name)
    rows = [r for r in results["results"] if r.get("status", "reported") == "reported" and "value" in r]
    for row in draw.sample(rows, min(6, len(rows))):
        kind = rules[row["criterion"]]["kind"]
        value = (not row["value"]) if kind == "boolean" else draw.randint(0, 3) if kind != "manual" else 0
        change = {"unit": row["unit"], "criterion": row["criterion"], "phase": _phase_of(row, campaign),
                  "value": value}
        edited = copy.deepcopy(results)
        next(r for r in edited["results"] if r == row)["value"] = value
        assert _outcomes(report.what_if(change)) == _outcomes(campaign.score(edited)), change


def test_a_what_if_of_hong_linh_moves_dau_lieu_and_leaves_the_report_alone():
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    report = campaign.score(HONG_LINH / "results.json")
    before = report.unit("dau-lieu")["total"]
    after = report.what_if({"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 6})
    assert (before, after.unit("dau-lieu")["total"]) == ("82.20", "84.20")
    assert report.unit("dau-lieu")["total"] == before  # the report it came from is unchanged
    # A hypothetical total: after the caps, and the class, rank and awards follow.
    lifted = report.what_if({"unit": "dau-lieu", "total_delta": "20"})
    assert lifted.unit("dau-lieu")["total"] == "102.20" and lifted.unit("dau-lieu")["cluster_rank"] == 1
    assert lifted.unit("dau-lieu")["base"] == report.unit("dau-lieu")["base"]


def test_campaign_changes_and_their_errors():
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    report = campaign.score(HONG_LINH / "results.json")
    weights = report.what_if([{"phase": "gd1", "weight": "0.5"}, {"phase": "gd2", "weight": "0.5"}])
    assert [p["weight"] for p in weights.campaign.phases] == ["0.5", "0.5"]
    edited = campaign.to_dict()
    for p in edited["phases"]:
        p["weight"] = "0.5"
    assert _outcomes(weights) == _outcomes(thidua.load_campaign(edited).score(HONG_LINH / "results.json"))
    with pytest.raises(thidua.ValidationError, match="sum"):
        report.what_if({"phase": "gd1", "weight": "0.5"})
    with pytest.raises(thidua.IdError, match=r"^what-if /1: unknown unit 'nowhere'"):
        report.what_if([{"unit": "dau-lieu", "total_delta": 1}, {"unit": "nowhere", "total_delta": 1}])
    with pytest.raises(thidua.SchemaError, match=r"^what-if /0: a change names a value"):
        report.what_if({"unit": "dau-lieu"})


def test_a_what_if_of_documents_pickles_and_one_with_a_total_delta_does_not():
    import pickle

    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    after = report.what_if([{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 6},
                            {"award": "co-thi-dua", "count": 2}])
    assert _outcomes(pickle.loads(pickle.dumps(after))) == _outcomes(after)
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(report.what_if({"unit": "dau-lieu", "total_delta": 1}))


def test_the_margins_of_hong_linh_are_reached_and_one_step_less_is_not():
    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    frame = report.margins()
    assert list(frame.columns) == ["unit", "target", "delta", "blocked_by"]
    rows = {(r.unit, r.target): (r.delta, r.blocked_by) for r in frame.itertuples()}
    assert rows[("dau-lieu", "class:xuat-sac")] == ("14.48", None)
    assert rows[("bac-hong", "award:co-thi-dua")] == (None, "vote")
    assert rows[("thuan-loc", "award:co-thi-dua")] == (None, "class, no_vote")
    for (unit, target), (delta, blocked) in rows.items():
        if delta is None:
            continue
        kind, _, aim = target.partition(":")

        def reached(points):
            u = report.what_if({"unit": unit, "total_delta": points}).unit(unit)
            if kind == "class":
                return u["class"] == aim or _better_class(report, u["class"], aim)
            if kind == "rank":
                return u["cluster_rank"] <= int(aim)
            return aim in u["awards"]

        assert reached(delta) and not reached(str(Decimal(delta) - Decimal("0.01"))), (unit, target)


def _better_class(report, held, aim):
    order = [k["id"] for k in report.campaign.to_dict()["classes"]]
    return order.index(held) < order.index(aim)
