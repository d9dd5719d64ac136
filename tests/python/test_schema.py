"""The published JSON Schemas (thidua.json_schema, `thidua schema`) agree with the readers: every golden case and
example that the library accepts is valid, and documents the schema rejects are rejected by the library too."""

import json
from decimal import Decimal

import jsonschema
import pytest

import thidua
from thidua.cli import main

from helpers import ROOT, golden_cases, load_exact

DRAFT = "https://json-schema.org/draft/2020-12/schema"
EXAMPLES = ROOT / "docs" / "examples"
BASE = EXAMPLES / "hong-linh-dot-dac-biet-2024"  # phases, every rule kind, exceed, bands, awards, votes, events


def _integer(checker, instance):
    # JSON Schema's integer is any number without a fractional part; load_exact reads 2.0 as Decimal("2.0").
    if isinstance(instance, Decimal):
        return instance.is_finite() and instance == instance.to_integral_value()
    return jsonschema.Draft202012Validator.TYPE_CHECKER.is_type(instance, "integer")


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)
VALIDATORS = {name: _Validator(thidua.json_schema(name)) for name in ("campaign", "results")}


def schema_errors(name, document):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATORS[name].iter_errors(document)]


def accepted_cases():
    cases = {}
    for file_name, path in golden_cases().items():
        case = load_exact(path)
        if "error" not in case["expect"]:
            cases[file_name] = case
    return cases


CASES = accepted_cases()
EXAMPLE_FILES = sorted(p for p in EXAMPLES.glob("*/*.json") if p.name in ("campaign.json", "results.json"))


@pytest.mark.parametrize("name", ["campaign", "results"])
def test_the_schemas_are_draft_2020_12(name):
    schema = thidua.json_schema(name)
    assert schema["$schema"] == DRAFT
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_the_campaign_schema_names_the_rules_left_to_the_library():
    description = thidua.json_schema("campaign")["description"]
    for rule_text in ("tile the campaign", "sum to exactly 1", "every reference names an existing id"):
        assert rule_text in description


def test_another_name_is_a_schema_error():
    with pytest.raises(thidua.SchemaError, match="known: campaign, results"):
        thidua.json_schema("report")


def test_the_cases_and_examples_are_found():
    assert len(CASES) >= 29
    assert len(EXAMPLE_FILES) >= 10


@pytest.mark.parametrize("file_name", list(CASES))
def test_golden_documents_are_valid(file_name):
    case = CASES[file_name]
    assert schema_errors("campaign", case["campaign"]) == []
    assert schema_errors("results", case["results"]) == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_example_documents_are_valid(path):
    assert schema_errors(path.stem, load_exact(path)) == []


# Each mutation of the base campaign (or results) must be rejected by the schema and by the library alike.


def rule(campaign, kind):
    return next(c["rule"] for c in campaign["criteria"] if c["rule"]["kind"] == kind)


def tie_break(campaign, kind):
    return next(t for t in campaign["tie_breaks"] if t["kind"] == kind)


def bad_bands(value):
    return lambda c: rule(c, "bands").update(bands=value)


CAMPAIGN_MUTATIONS = {
    # unknown keys, from the top down
    "unknown key at the top": lambda c: c.update(colour="red"),
    "unknown key in a unit": lambda c: c["units"][0].update(colour="red"),
    "unknown key in a phase": lambda c: c["phases"][0].update(due="2024-08-10"),
    "unknown key in a rule": lambda c: rule(c, "ratio").update(step=1),
    "unknown key in exceed": lambda c: rule(c, "ratio").setdefault("exceed", {}).update(
        step_percent=10, points_per_step=1, bonus=1),
    "unknown key in a band": lambda c: rule(c, "bands")["bands"][0].update(points_max=1),
    "key of another rule kind": lambda c: rule(c, "boolean").update(target=1),
    "key of another tie-break kind": lambda c: tie_break(c, "lot").update(order="asc"),
    "unknown key in an award": lambda c: c["awards"][0].update(quota=1),
    # wrong types
    "max_points as a word": lambda c: c["criteria"][0].update(max_points="ten"),
    "max_points as a boolean": lambda c: c["criteria"][0].update(max_points=True),
    "start as a number": lambda c: c.update(start=20231101),
    "start not ISO": lambda c: c.update(start="01/11/2023"),
    "mandatory as text": lambda c: c["criteria"][0].update(mandatory="yes"),
    "applies_to as a string": lambda c: c["criteria"][0].update(applies_to="ward"),
    "units as an object": lambda c: c.update(units={}),
    "award count with a fraction": lambda c: c["awards"][0].update(count=1.5),
    "empty id": lambda c: c["units"][0].update(id=""),
    "attribute as a list": lambda c: c["units"][0].update(attributes={"women_share": [1]}),
    # missing required keys (null is absent)
    "criterion without max_points": lambda c: c["criteria"][0].pop("max_points"),
    "rule without kind": lambda c: rule(c, "ratio").pop("kind"),
    "no units": lambda c: c.pop("units"),
    "id null": lambda c: c.update(id=None),
    "phase without criteria": lambda c: c["phases"][0].pop("criteria"),
    "weight left out with two phases": lambda c: c["phases"][1].pop("weight"),
    "lot without a seed": lambda c: tie_break(c, "lot").pop("seed"),
    "bands without bands": lambda c: rule(c, "bands").pop("bands"),
    # bad enum values
    "campaign kind": lambda c: c.update(kind="yearly"),
    "rounding": lambda c: c.update(rounding="nearest"),
    "rule kind": lambda c: rule(c, "ratio").update(kind="percent"),
    "credit": lambda c: rule(c, "ratio").update(credit="partial"),
    "tie-break kind": lambda c: tie_break(c, "lot").update(kind="coin"),
    "award scope": lambda c: c["awards"][0].update(scope="world"),
    "adjustment kind": lambda c: c["adjustments"][0].update(kind="reward"),
    "cluster kind": lambda c: c["clusters"][0].update(kind="group"),
    # one-of rules
    "band with at_least and at_most": lambda c: rule(c, "bands")["bands"][0].update(at_most=5),
    "band with neither threshold": bad_bands([{"points": 10}]),
    "bands mixed": bad_bands([{"at_least": 2, "points": 30}, {"at_most": 1, "points": 15}]),
    "no bands": bad_bands([]),
    "award with count and max_share": lambda c: c["awards"][0].update(max_share="0.3"),
    "award with neither count nor max_share": lambda c: c["awards"][0].pop("count"),
    "award with cash and multiplier": lambda c: c["awards"][0].update(cash=1000, multiplier=2),
    "disqualify with points": lambda c: c["adjustments"].append(
        {"id": "ky-luat", "kind": "disqualify", "points_per_item": 1}),
    "bonus without points": lambda c: c["adjustments"][0].pop("points_per_item"),
    "share_of without max_share": lambda c: c["classes"][1].update(share_of=c["classes"][0]["id"]),
}

RESULTS_MUTATIONS = {
    "unknown key at the top": lambda r: r.update(comment="x"),
    "unknown key in a row": lambda r: r["results"][0].update(score=1),
    "unknown key in an event": lambda r: r["events"][0].update(points=1),
    "unknown key in a vote": lambda r: r["votes"][0].update(no=1),
    "no format version": lambda r: r.pop("thidua_results"),
    "row without a unit": lambda r: r["results"][0].pop("unit"),
    "value as a list": lambda r: r["results"][0].update(value=[1]),
    "date not ISO": lambda r: r["results"][0].update(submitted="05/08/2024"),
    "status": lambda r: r["results"][0].update(status="done"),
    "exempt row with a value": lambda r: r["results"][0].update(status="exempt"),
    "reported row without a value": lambda r: r["results"][0].pop("value"),
    "event count with a fraction": lambda r: r["events"][0].update(count="1.5"),
    "vote without of": lambda r: r["votes"][0].pop("of"),
    "results as an object": lambda r: r.update(results={}),
}

# null where the reader reads it as an absent optional key: both accept it.
NULL_MUTATIONS = {
    "campaign": {
        "optional top-level key": lambda c: c.update(bonus_cap=None, base_salary=None),
        "credit": lambda c: rule(c, "ratio").update(credit=None),
        "unit attributes": lambda c: c["units"][0].update(attributes=None, name=None),
        "band other threshold": lambda c: rule(c, "bands")["bands"][0].update(at_most=None),
        "award max_share beside count": lambda c: c["awards"][0].update(max_share=None, cash=None),
        "tie-break title": lambda c: tie_break(c, "lot").update(title=None),
    },
    "results": {
        "row status": lambda r: r["results"][0].update(status=None, note=None),
        "events": lambda r: r.update(events=None),
    },
}


def base():
    return load_exact(BASE / "campaign.json"), load_exact(BASE / "results.json")


def test_the_base_documents_pass_both():
    campaign, results = base()
    assert schema_errors("campaign", campaign) == [] and schema_errors("results", results) == []
    thidua.load_campaign(campaign).score(results)


@pytest.mark.parametrize("document,mutation", [("campaign", m) for m in CAMPAIGN_MUTATIONS] +
                         [("results", m) for m in RESULTS_MUTATIONS])
def test_a_bad_document_is_rejected_by_both(document, mutation):
    campaign, results = base()
    bad = campaign if document == "campaign" else results
    (CAMPAIGN_MUTATIONS if document == "campaign" else RESULTS_MUTATIONS)[mutation](bad)
    assert schema_errors(document, bad)
    with pytest.raises(thidua.Error):
        thidua.load_campaign(campaign).score(results)


@pytest.mark.parametrize("document,mutation", [(d, m) for d, ms in NULL_MUTATIONS.items() for m in ms])
def test_null_for_an_optional_key_is_accepted_by_both(document, mutation):
    documents = dict(zip(("campaign", "results"), base()))
    NULL_MUTATIONS[document][mutation](documents[document])
    assert schema_errors(document, documents[document]) == []
    campaign = thidua.load_campaign(documents["campaign"])
    if document == "results" and mutation in ("events", "votes"):
        # null is the key left out: the input no longer states its events (or votes), which the campaign needs.
        with pytest.warns(thidua.InputWarning, match=f"no {mutation} were given"):
            thidua.load_campaign(dict(documents["campaign"], language="en")).score(documents["results"])
    else:
        campaign.score(documents["results"])


@pytest.mark.parametrize("name", ["campaign", "results"])
def test_the_cli_prints_the_schema(name, capsys):
    assert main(["schema", name]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == thidua.json_schema(name)
    assert out.startswith('{\n  "$schema"')  # indented by 2
    if name == "campaign":
        assert "cụm" in out  # Vietnamese kept as written, not \u-escaped


def test_the_cli_refuses_another_document(capsys):
    assert main(["schema", "report"]) == 2  # a usage error
    assert "invalid choice: 'report' (choose from 'campaign', 'results')" in capsys.readouterr().err
