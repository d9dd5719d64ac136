"""Every golden case through the public Python API (earlier years from its `history` reports): every expected key
compared exactly."""

import pytest

import thidua

from helpers import golden_cases, load_exact

CASES = golden_cases()


def test_the_golden_cases_are_found():
    assert len(CASES) >= 37


@pytest.mark.parametrize("name", list(CASES))
def test_golden_case(name):
    case = load_exact(CASES[name])
    expect = case["expect"]
    if "error" in expect:
        with pytest.raises(thidua.Error) as info:
            thidua.load_campaign(case["campaign"]).score(case["results"])
        assert info.value.pointer == expect["error"]["pointer"]
        assert expect["error"]["contains"].lower() in str(info.value).lower()
        return
    report = thidua.load_campaign(case["campaign"]).score(case["results"], history=case.get("history", []))
    units = {u["id"]: u for u in report.to_dict()["units"]}
    assert set(units) == set(expect["units"])
    for unit_id, expected in expect["units"].items():
        for key, value in expected.items():
            assert units[unit_id][key] == value, (unit_id, key)
