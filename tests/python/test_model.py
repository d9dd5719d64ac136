"""The campaign's model as read-only views: phases (the implicit one included), criteria, classes, awards,
clusters and units, by position or id, as attributes or keys, and as DataFrames."""

import pytest

import thidua
from helpers import ROOT, golden_cases, load_exact
from thidua.model import Record, View

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024" / "campaign.json"


def test_phases_come_from_the_core_with_their_dates_weights_and_criteria():
    campaign = thidua.load_campaign(HONG_LINH)
    assert campaign.phases.ids == ["gd1", "gd2"]
    gd1 = campaign.phases["gd1"]
    assert (gd1.start, gd1.end, gd1.weight, gd1.report_due) == ("2023-11-01", "2024-07-31", "0.6", "2024-08-10")
    assert gd1["criteria"] == gd1.criteria and "mo-hinh" in gd1.criteria
    frame = campaign.phases.to_pandas()
    assert list(frame.index) == ["gd1", "gd2"] and frame.loc["gd2", "weight"] == "0.4"


def test_a_campaign_without_phases_has_the_one_phase_main_over_its_span():
    campaign = thidua.load_campaign(load_exact(golden_cases()["01-ratio-linear.json"])["campaign"])
    document = campaign.to_dict()
    assert not document.get("phases")
    (main,) = campaign.phases
    assert (main.id, main.start, main.end, main.weight) == ("main", document["start"], document["end"], "1")
    assert main.criteria == [c["id"] for c in document["criteria"]]


def test_every_view_reads_the_canonical_document():
    campaign = thidua.load_campaign(HONG_LINH)
    document = campaign.to_dict()
    for name in ("criteria", "classes", "awards", "clusters", "units"):
        view = getattr(campaign, name)
        assert isinstance(view, View)
        assert [dict(r) for r in view] == document.get(name, []), name
        assert len(view.to_pandas()) == len(view)
    mo_hinh = next(c for c in document["criteria"] if c["id"] == "mo-hinh")
    assert campaign.criteria["mo-hinh"].max_points == campaign.criteria["mo-hinh"]["max_points"] == mo_hinh["max_points"]
    assert campaign.classes[0].id == document["classes"][0]["id"]
    assert list(campaign.criteria.to_pandas().columns) == list(campaign.criteria_frame().columns)
    assert campaign.units.to_pandas().equals(campaign.units_frame())


def test_records_are_read_only_and_name_their_fields_when_one_is_missing():
    record = Record({"id": "gd1", "weight": "0.6"})
    with pytest.raises(AttributeError, match="read-only"):
        record.weight = "1"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="the fields are id, weight"):
        record.nothing  # noqa: B018
    with pytest.raises(KeyError):
        View([{"id": "a"}])["b"]
    assert "weight" in dir(record)


def test_dir_of_the_package_shows_only_its_public_names():
    names = dir(thidua)
    assert names == sorted(thidua.__all__)
    assert "Any" not in names and "Dict" not in names and "campaign" not in names
    assert {"Campaign", "Report", "load_campaign", "stability", "json_schema"} <= set(names)


def test_the_version_has_one_source():
    import re

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert not re.search(r'^version\s*=', text, flags=re.M), "pyproject.toml writes the version again"
    header = (ROOT / "include" / "thidua" / "core" / "version.hpp").read_text(encoding="utf-8")
    assert f'"{thidua.__version__}"' in header
