"""Loading campaigns from paths, dicts and text; canonical JSON; pickling."""

import json
import pickle

import thidua

from helpers import golden_cases, load_exact

CASE_PATH = golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"]
CASE = load_exact(CASE_PATH)


def test_a_campaign_loads_from_a_dict_text_and_path(tmp_path):
    from_dict = thidua.load_campaign(CASE["campaign"])
    from_text = thidua.load_campaign(json.dumps(CASE["campaign"], default=str, ensure_ascii=False))
    path = tmp_path / "campaign.json"
    path.write_text(json.dumps(CASE["campaign"], default=str, indent=2), encoding="utf-8")
    from_path = thidua.load_campaign(path)
    assert from_dict == from_text == from_path
    assert from_dict.id == "g23"
    assert len(from_dict.units) == 4


def test_the_canonical_json_has_sorted_keys_and_no_whitespace():
    c = thidua.load_campaign(CASE["campaign"])
    text = c.to_json()
    d = json.loads(text)
    assert json.dumps(d, ensure_ascii=False, separators=(",", ":"), sort_keys=True) == text
    assert d["phases"][0]["weight"] == "0.6"
    assert thidua.load_campaign(text) == c


def test_a_campaign_pickles_through_its_json():
    c = thidua.load_campaign(CASE["campaign"])
    again = pickle.loads(pickle.dumps(c))
    assert again == c
    assert again.sha256 == c.sha256
    assert len(c.sha256) == 64


def test_the_fingerprint_ignores_formatting():
    compact = json.dumps(CASE["campaign"], default=str, separators=(",", ":"))
    spaced = json.dumps(CASE["campaign"], default=str, indent=4, sort_keys=True)
    assert thidua.load_campaign(compact).sha256 == thidua.load_campaign(spaced).sha256
