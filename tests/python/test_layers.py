"""Assessment layers from Python and the CLI: Campaign.score of a list, Report.layers and Report.layer, the layers
and layer_totals frames, the tables and the workbook that show the changed slots, pickling, what-if."""

import pickle

import openpyxl
import pandas as pd
import pytest

import thidua
from thidua.cli import main

from helpers import MISSING_RESULTS, ROOT

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


@pytest.fixture
def campaign():
    return thidua.load_campaign(HONG_LINH / "campaign.json")


@pytest.fixture
def report(campaign):
    return campaign.score([("tu-cham", HONG_LINH / "results.csv"), HONG_LINH / "tham-dinh.json"],
                          votes=HONG_LINH / "votes.csv", events=HONG_LINH / "events.csv")


def test_the_last_layer_giving_a_slot_sets_it(report, campaign):
    assert report.layers == [{"id": "tu-cham", "title": "Tự chấm"}, {"id": "tham-dinh", "title": "Thẩm định"}]
    bac_hong = report.unit("bac-hong")
    assert bac_hong["set_by"]["gd2/mo-hinh"] == "tham-dinh"
    assert bac_hong["set_by"]["gd1/mo-hinh"] == "tu-cham"
    assert [(layer["layer"], layer["total"]) for layer in bac_hong["layers"]] == [("tu-cham", "100.23"),
                                                                                  ("tham-dinh", "22.00")]
    # The final figures equal one document holding the final rows.
    table = pd.read_csv(HONG_LINH / "results.csv", dtype=str, keep_default_na=False)
    final = table.copy()
    for unit, criterion, value in (("bac-hong", "mo-hinh", "4"), ("nam-hong", "tuyen-truyen", "6")):
        at = (final.unit == unit) & (final.criterion == criterion) & (final.phase == "gd2")
        assert at.sum() == 1
        final.loc[at, "value"] = value
    flat = campaign.score(final, votes=HONG_LINH / "votes.csv", events=HONG_LINH / "events.csv")
    for unit in flat.units:
        layered = report.unit(unit["id"])
        assert (layered["total"], layered["class"], layered["cluster_rank"], layered["awards"]) == \
            (unit["total"], unit["class"], unit["cluster_rank"], unit["awards"])
    assert report.unit("nam-hong")["total"] == "97.33" and report.unit("nam-hong")["class"] == "xuat-sac"


def test_each_layer_alone_is_a_report(report):
    alone = report.layer("tu-cham")
    assert alone.layers == []
    assert alone.unit("nam-hong")["total"] == "96.67"
    assert report.layer(1).unit("bac-hong")["total"] == "22.00"
    with pytest.raises(thidua.IdError, match="unknown layer 'cham-cheo' \\(layers: tu-cham, tham-dinh\\)"):
        report.layer("cham-cheo")
    with pytest.raises(thidua.IdError, match="layer 2 out of range"):
        report.layer(2)
    changes = alone.diff(report)
    assert {(r["unit"], r["layer"], r["change"]) for r in changes.inputs["result_rows"]} == {
        ("bac-hong", "tham-dinh", "added"), ("nam-hong", "tham-dinh", "added"), ("dau-lieu", "tham-dinh", "added")}


def test_the_layer_frames(report):
    layers = report.to_pandas("layers")
    assert list(layers.columns) == ["unit", "phase", "criterion", "layer", "status", "value", "target", "points", "max",
                                    "final", "changed"]
    changed = layers[layers.changed]
    assert changed[["unit", "layer", "value", "points", "final"]].values.tolist() == [
        ["bac-hong", "tu-cham", 5.0, 30.0, False], ["bac-hong", "tham-dinh", 4.0, 30.0, True],
        ["nam-hong", "tu-cham", 5.0, 5.0, False], ["nam-hong", "tham-dinh", 6.0, 6.0, True]]
    # Đậu Liêu's appraisal restates the same figure: given twice, not changed.
    same = layers.query("unit == 'dau-lieu' and criterion == 'phan-viec' and phase == 'gd2'")
    assert same[["layer", "final", "changed"]].values.tolist() == [["tu-cham", False, False], ["tham-dinh", True, False]]
    assert layers.groupby("unit").size()["thuan-loc"] == 7  # its seven rows, all from the self-assessment
    points = report.to_pandas("points")
    assert points.columns[-1] == "changed" and points.changed.sum() == 2
    totals = report.to_pandas("layer_totals", exact=True)
    assert list(totals.columns) == ["total:tu-cham", "class:tu-cham", "cluster_rank:tu-cham", "total:tham-dinh",
                                    "class:tham-dinh", "cluster_rank:tham-dinh", "total", "class", "cluster_rank"]
    nam_hong = totals.loc["nam-hong"]
    assert (str(nam_hong["total:tu-cham"]), nam_hong["class:tu-cham"], nam_hong["cluster_rank:tu-cham"]) == \
        ("96.67", "tot", 4)
    assert (str(nam_hong["total"]), nam_hong["class"], nam_hong["cluster_rank"]) == ("97.33", "xuat-sac", 3)


def test_tables_explanations_and_workbooks_show_the_changed_slots(report, tmp_path):
    text = report.table()
    changes = text[text.index("Số liệu thay đổi giữa các lớp chấm:"):].splitlines()
    assert len(changes) == 3
    assert changes[1].startswith("  * Ủy ban MTTQ phường Bắc Hồng — Ủy ban MTTQ cấp phường, xã")
    assert changes[1].endswith(": tự chấm 5, thẩm định công nhận 4")
    assert changes[2].endswith(": tự chấm 5, thẩm định công nhận 6")
    assert "Figures that differ between the assessment layers:" in report.table(lang="en")
    assert report._repr_html_().count("<li style='background:#fff3cd'>") == 2
    steps = [s for s in report.explain("nam-hong", lang="en").steps if s["step"] == "layers"]
    assert [s["text"].split(": ")[-1] for s in steps] == ["self-assessment 5, thẩm định accepted 6"]
    path = tmp_path / "report.xlsx"
    report.to_excel(path)
    sheet = openpyxl.load_workbook(path)["Điểm chi tiết"]
    header = [c.value for c in sheet[1]]
    assert header[-2:] == ["Tự chấm", "Thẩm định"]
    highlighted = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[0].fill.fgColor.rgb == "00FFF3CD"]
    assert [(r[0], r[3], r[6], r[-2], r[-1]) for r in highlighted] == [("bac-hong", "mo-hinh", 4, 5, 4),
                                                                      ("nam-hong", "tuyen-truyen", 6, 5, 6)]
    thuan_loc = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0] == "thuan-loc")
    assert thuan_loc[-1] is None  # the appraisal gives none of its slots


def test_layers_as_dataframes_documents_and_positions(campaign):
    table = pd.read_csv(HONG_LINH / "results.csv", dtype=str, keep_default_na=False)
    appraisal = table[(table.unit == "nam-hong") & (table.criterion == "tuyen-truyen") & (table.phase == "gd2")].copy()
    appraisal["value"] = "6"
    with pytest.warns(thidua.InputWarning):
        report = campaign.score([table, appraisal])
    assert [layer["id"] for layer in report.layers] == ["1", "2"]
    assert [layer["title"] for layer in report.layers] == ["Lớp chấm 1", "Lớp chấm 2"]
    assert report.unit("nam-hong")["set_by"]["gd2/tuyen-truyen"] == "2"
    # A list of rows is still one table, a list of forms still forms.
    rows = table.to_dict("records")
    with pytest.warns(thidua.InputWarning):
        assert campaign.score(rows).layers == []


def test_a_later_layer_changing_a_status_says_why(campaign, tmp_path):
    path = tmp_path / "tham-dinh.csv"
    path.write_text("unit,criterion,phase,status,note\nnam-hong,mo-hinh,gd2,exempt,\n", encoding="utf-8")
    with pytest.raises(thidua.ValidationError) as caught:
        campaign.score([HONG_LINH / "results.json", ("tham-dinh", path)])
    assert caught.value.document == str(path) or caught.value.document.endswith("tham-dinh.csv")
    assert "layer 'tham-dinh' changes the status of unit 'nam-hong', criterion 'mo-hinh' from 'reported'" in str(caught.value)
    path.write_text("unit,criterion,phase,status,note\nnam-hong,mo-hinh,gd2,exempt,lùi chỉ tiêu do mưa lũ\n",
                    encoding="utf-8")
    report = campaign.score([HONG_LINH / "results.json", ("tham-dinh", path)])
    assert report.unit("nam-hong")["statuses"]["gd2/mo-hinh"] == "exempt"


def test_pickle_and_what_if_keep_the_layers(report):
    again = pickle.loads(pickle.dumps(report))
    assert again == report and again.layers == report.layers
    after = report.what_if({"unit": "thuan-loc", "criterion": "mo-hinh", "phase": "gd2", "value": 3})
    assert after.layers == report.layers
    assert after.unit("thuan-loc")["set_by"]["gd2/mo-hinh"] == "tham-dinh"
    assert after.layer("tu-cham").unit("thuan-loc")["total"] == report.layer("tu-cham").unit("thuan-loc")["total"]


def test_the_cli_takes_layers(capsys):
    args = [str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.csv"), "--layer",
            f"tham-dinh={HONG_LINH / 'tham-dinh.json'}", "--votes", str(HONG_LINH / "votes.csv"),
            "--events", str(HONG_LINH / "events.csv")]
    assert main(["score", *args, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Figures that differ between the assessment layers:" in out
    assert ": layer 1 5, appraisal accepted 4" in out  # --layer ID=FILE: the catalog's title of the id
    assert main(["validate", *args]) == 0
    assert ", tham-dinh=" in capsys.readouterr().out
    assert main(["explain", *args[:2], "nam-hong", *args[2:], "--lang", "en"]) == 0
    assert "layer 1 5, appraisal accepted 6" in capsys.readouterr().out
    assert main(["score", args[0], "--layer", "=x.csv"]) == 2
    assert "give ID=FILE" in capsys.readouterr().err
