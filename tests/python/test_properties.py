"""Properties of scoring on random valid campaigns (the generator of the differential tests, test_oracle.py):
the same input gives the same bytes, scores stay in range, order does not matter, ranks and award quotas hold, a
higher reported value never scores fewer points, and the report round-trips through JSON."""

import copy
import json
from collections import Counter
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

import pytest

import thidua
from helpers import MISSING_RESULTS

from test_oracle import campaigns_and_results

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
TIE_CODES = ("award_tie", "quota_tie")


def scored(campaign, results):
    return thidua.load_campaign(campaign).score(results)


def by_id(report):
    """Unit objects by id, warnings sorted, without the warnings naming which tied unit came past a quota (ties
    keep the campaign's unit order)."""
    units = {}
    for unit in report["units"]:
        unit = dict(unit)
        unit["warnings"] = sorted((w for w in unit["warnings"] if w["code"] not in TIE_CODES), key=json.dumps)
        units[unit["id"]] = unit
    return units


def tie_warnings(report):
    return Counter((w["code"], w["subject"]) for u in report["units"] for w in u["warnings"] if w["code"] in TIE_CODES)


@SETTINGS
@given(campaigns_and_results())
def test_a_report_holds_its_invariants(case):
    campaign, results = case
    note(json.dumps({"campaign": campaign, "results": results}, ensure_ascii=False, default=str))
    report = scored(campaign, results)
    text = report.to_json()
    # The same input gives the same bytes, from dicts or from JSON text.
    assert scored(campaign, results).to_json() == text
    as_text = json.dumps(results, ensure_ascii=False, default=str)
    assert thidua.load_campaign(json.dumps(campaign, default=str)).score(as_text).to_json() == text
    d = report.to_dict()
    # Round trip: the dict is the JSON document, and every decimal is exact at the campaign's precision.
    assert json.loads(text) == d == json.loads(json.dumps(d))
    precision = campaign["precision"]
    scale = Decimal(str(campaign.get("scale", 100)))
    for unit in d["units"]:
        for score in unit["phases"].values():
            assert Decimal(0) <= Decimal(score) <= scale
        total = Decimal(unit["total"])
        assert total >= 0
        assert total == max(Decimal(0), Decimal(unit["base"]) + Decimal(unit["bonus"]) - Decimal(unit["penalty"]))
        assert f"{total:.{precision}f}" == unit["total"]
    # Competition ranks consistent with totals, in report order inside each cluster.
    for cluster in {u["cluster"] for u in d["units"]}:
        members = [u for u in d["units"] if u["cluster"] == cluster]
        for i, unit in enumerate(members):
            if i == 0:
                assert unit["cluster_rank"] == 1
                continue
            before = members[i - 1]
            assert unit["cluster_rank"] in (before["cluster_rank"], i + 1)
            assert Decimal(unit["total"]) <= Decimal(before["total"])
            if unit["cluster_rank"] == before["cluster_rank"]:
                assert unit["total"] == before["total"]
    # Award counts respect each group's quota, except receivers recorded as tied with the last one.
    for award in campaign.get("awards", []):
        overall = award.get("scope") == "overall"
        groups = Counter("" if overall else u["cluster"] for u in d["units"])
        for group, size in groups.items():
            members = [u for u in d["units"] if overall or u["cluster"] == group]
            receivers = [u for u in members if award["id"] in u["awards"]]
            tied = [u for u in receivers
                    if any(w["code"] == "award_tie" and w["subject"] == award["id"] for w in u["warnings"])]
            if "count" in award:
                quota = award["count"]
            else:
                quota = max(int(Decimal(str(award["max_share"])) * size), award.get("min_count", 0))
            assert len(receivers) <= quota + len(tied)


@pytest.mark.filterwarnings(MISSING_RESULTS)
@SETTINGS
@given(campaigns_and_results(), st.randoms(use_true_random=False))
def test_the_order_of_units_rows_events_and_votes_changes_nothing(case, rng):
    campaign, results = case
    before = scored(campaign, results).to_dict()
    campaign, results = copy.deepcopy(campaign), copy.deepcopy(results)
    for items in (campaign["units"], results["results"], results.get("events", []), results.get("votes", [])):
        rng.shuffle(items)
    after = scored(campaign, results).to_dict()
    assert by_id(after) == by_id(before)
    assert tie_warnings(after) == tie_warnings(before)
    for key in ("clusters", "award_cash", "inputs"):
        assert after[key] == before[key]


def _raised(value, rule):
    """A reported value made better by the rule's reading, or None when it cannot be: a higher number (a lower one
    for at_most bands), true for false."""
    if isinstance(value, bool):
        return None if value else True
    if rule["kind"] == "boolean":
        return None if Decimal(str(value)) == 1 else 1
    step = Decimal(-1) if rule["kind"] == "bands" and "at_most" in rule["bands"][0] else Decimal(1)
    raised = Decimal(str(value)) + step
    return str(raised) if raised >= 0 else None


def _better_row(campaign, results, rng):
    """A reported row drawn at random, its position and a better value for it; an example without one is
    rejected (hypothesis.assume), never passed."""
    reported = [i for i, row in enumerate(results["results"]) if "value" in row]
    assume(reported)
    i = rng.choice(reported)
    row = results["results"][i]
    criterion = next(c for c in campaign["criteria"] if c["id"] == row["criterion"])
    better = _raised(row["value"], criterion["rule"])
    assume(better is not None)
    assume(criterion["rule"]["kind"] != "manual" or Decimal(better) <= Decimal(str(criterion["max_points"])))
    return i, row, better


@pytest.mark.filterwarnings(MISSING_RESULTS)
@SETTINGS
@given(campaigns_and_results(), st.randoms(use_true_random=False))
def test_a_better_reported_value_never_scores_fewer_points(case, rng):
    campaign, results = case
    i, row, better = _better_row(campaign, results, rng)
    before = by_id(scored(campaign, results).to_dict())[row["unit"]]
    changed = copy.deepcopy(results)
    changed["results"][i]["value"] = better
    after = by_id(scored(campaign, changed).to_dict())[row["unit"]]
    note(f"row {row} → {better}")
    for key, points in after["points"].items():
        assert Decimal(points) >= Decimal(before["points"][key])
    for phase, score in after["phases"].items():
        assert Decimal(score) >= Decimal(before["phases"][phase])
    assert Decimal(after["total"]) >= Decimal(before["total"])


def test_the_generator_covers_every_rule_kind():
    seen = set()

    @settings(max_examples=50, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(campaigns_and_results())
    def collect(case):
        seen.update(c["rule"]["kind"] for c in case[0]["criteria"])

    collect()
    assert seen == {"ratio", "bands", "boolean", "manual"}


@pytest.mark.filterwarnings(MISSING_RESULTS)
@SETTINGS
@given(campaigns_and_results(), st.randoms(use_true_random=False))
def test_a_what_if_equals_scoring_the_changed_results(case, rng):
    campaign, results = case
    i, row, better = _better_row(campaign, results, rng)
    phase = row.get("phase") or next(
        (p["id"] for p in campaign.get("phases", []) if "date" in row and p["start"] <= row["date"] <= p["end"]),
        None)
    change = {"unit": row["unit"], "criterion": row["criterion"], "value": better}
    if phase:
        change["phase"] = phase
    changed = copy.deepcopy(results)
    changed["results"][i]["value"] = better
    note(f"change {change}")
    after, expected = scored(campaign, results).what_if(change).to_dict(), scored(campaign, changed).to_dict()
    for key in ("units", "clusters", "award_cash", "ballots", "warnings"):
        assert after[key] == expected[key], key


def _reaches(report, unit, target, delta):
    """Whether adding `delta` points to the unit's total reaches the margin's target."""
    return _reached(report, report.what_if({"unit": unit, "total_delta": str(delta)}).unit(unit), target)


def _reached(report, after, target):
    """Whether the unit object `after` reaches the margin's target."""
    kind, _, aim = target.partition(":")
    if kind == "class":
        order = [k["id"] for k in report.campaign.to_dict()["classes"]]
        return order.index(after["class"]) <= order.index(aim)
    if kind == "rank":
        return after["cluster_rank"] <= int(aim)
    return aim in after["awards"]


@pytest.mark.filterwarnings(MISSING_RESULTS)
@settings(SETTINGS, max_examples=100)
@given(campaigns_and_results(), st.randoms(use_true_random=False))
def test_a_margin_is_reached_and_one_step_less_is_not(case, rng):
    campaign, results = case
    report = scored(campaign, results)
    found = [m for m in report.margins().itertuples() if m.delta is not None]
    assume(found)
    m = rng.choice(found)
    step = Decimal(1).scaleb(-campaign.get("precision", 2))
    note(f"margin {m}")
    assert _reaches(report, m.unit, m.target, Decimal(m.delta))
    assert not _reaches(report, m.unit, m.target, Decimal(m.delta) - step)
    if m.criterion:  # the closing value reaches the target alone
        change = {"unit": m.unit, "criterion": m.criterion, "phase": m.phase, "value": m.value == "true" or m.value}
        assert _reached(report, report.what_if(change).unit(m.unit), m.target)
