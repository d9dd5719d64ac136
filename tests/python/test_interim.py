"""An interim review (sơ kết): Campaign.score(…, as_of=…) and --as-of leave a running phase's criteria without a
result pending (not 0), re-weight the base over what can be scored, and every output says it is interim."""

import json

import openpyxl

import thidua
from thidua.cli import main

from helpers import ROOT

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
INTERIM = "Sơ kết đến ngày 15/09/2024: kết quả tạm tính; trong giai đoạn chưa kết thúc, tiêu chí chưa có kết quả chưa được tính"


def first_phase_results():
    """The Hồng Lĩnh results of the first phase only, as they stand in mid-September 2024."""
    document = json.loads((HONG_LINH / "results.json").read_text(encoding="utf-8"))
    document["results"] = [r for r in document["results"] if r.get("phase") == "gd1"]
    return document


def test_a_running_phase_counts_what_it_has_and_every_output_says_it_is_interim(tmp_path):
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    final = campaign.score(first_phase_results())
    interim = campaign.score(first_phase_results(), as_of="2024-09-15")
    assert interim.as_of == "2024-09-15" and final.as_of is None
    # Finally, the second phase's missing rows would count 0; on 15/09 they wait: the base is the first phase's.
    assert final.unit("bac-hong")["base"] == "41.40"  # 0.6 × 69.00 + 0.4 × 0.00
    assert interim.unit("bac-hong")["base"] == "69.00" and interim.unit("bac-hong")["phases"] == {"gd1": "69.00"}
    points = interim.to_pandas("points")
    assert set(points.loc[points["phase"] == "gd2", "status"]) == {"pending", "not_applicable"}
    assert interim.to_dict()["as_of"] == "2024-09-15"
    warned = [w["phase"] for u in interim.units for w in interim.unit(u["id"])["warnings"] if w["code"] == "missing_result"]
    assert warned and set(warned) == {"gd1"}  # the ended phase's missing rows count 0, with a warning; gd2's wait
    assert interim.table().splitlines()[1] == INTERIM
    assert f"**{INTERIM}**" in interim.to_markdown()
    interim.to_html(tmp_path / "r.html")
    assert INTERIM in (tmp_path / "r.html").read_text(encoding="utf-8")
    interim.to_excel(tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert book.properties.subject == INTERIM
    assert all(sheet.oddHeader.center.text == INTERIM for sheet in book.worksheets)
    assert "Interim review on 2024-09-15" in interim.table(lang="en")


def test_the_command_line_takes_as_of(tmp_path, capsys):
    path = tmp_path / "gd1.json"
    path.write_text(json.dumps(first_phase_results(), ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(HONG_LINH / "campaign.json"), str(path), "--as-of", "2024-09-15"]) == 0
    assert INTERIM in capsys.readouterr().out
    assert main(["explain", str(HONG_LINH / "campaign.json"), str(path), "bac-hong", "--as-of", "2024-09-15"]) == 0
    assert "chưa có kết quả, giai đoạn chưa kết thúc → chưa tính" in capsys.readouterr().out
