"""Report.what_if (thidua/analysis/what_if.hpp): a hypothetical change gives the report of the changed documents,
on every example and for random changes; total_delta moves a total after the caps; errors name the change."""

import copy
import math
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
    frame = report.margins(closing_values=False)
    assert list(frame.columns) == ["unit", "target", "delta", "blocked_by", "phase", "criterion", "value", "text"]
    assert frame[["phase", "criterion", "value"]].isna().all().all()
    rows = {(r.unit, r.target): (r.delta, r.blocked_by) for r in frame.itertuples()}
    assert rows[("dau-lieu", "class:xuat-sac")] == ("14.48", None)
    assert rows[("bac-hong", "award:co-thi-dua")] == (None, "vote")
    assert rows[("thuan-loc", "award:co-thi-dua")] == (None, "class, no_vote")
    texts = {(r.unit, r.target): r.text for r in report.margins(closing_values=False, lang="en").itertuples()}
    assert texts[("dau-lieu", "class:xuat-sac")] == "14.48 points short of “Hoàn thành xuất sắc nhiệm vụ”"
    assert texts[("duc-thuan", "rank:1")] == "1.77 points short of rank 1"
    assert texts[("thuan-loc", "award:co-thi-dua")] == ("Points alone cannot win “Cờ thi đua — đơn vị dẫn đầu Khối trong "
                                                        "đợt thi đua đặc biệt”: the class it requires is out of reach; "
                                                        "no ballot")
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


def test_the_closing_values_of_hong_linh_reach_their_targets():
    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    frame = report.margins()
    closing = {(r.unit, r.target): (r.phase, r.criterion, r.value) for r in frame.itertuples() if r.criterion}
    assert closing[("nam-hong", "class:xuat-sac")] == ("gd1", "mo-hinh", "4")  # one more model in phase 1
    assert closing[("thuan-loc", "class:tot")] == ("gd1", "dai-hoi", "true")  # its congress held on time
    assert closing[("hoi-ccb", "class:xuat-sac")] == ("gd1", "tuyen-truyen", "8.81")
    assert ("dau-lieu", "class:xuat-sac") not in closing  # 14.48 points: no single figure gives them
    assert ("bac-hong", "award:co-thi-dua") not in closing  # a vote no figure changes
    for (unit, target), (phase, criterion, value) in closing.items():
        kind, _, aim = target.partition(":")
        u = report.what_if({"unit": unit, "criterion": criterion, "phase": phase,
                            "value": value == "true" or value}).unit(unit)
        if kind == "class":
            assert u["class"] == aim or _better_class(report, u["class"], aim), (unit, target)
        elif kind == "rank":
            assert u["cluster_rank"] <= int(aim), (unit, target)
        else:
            assert aim in u["awards"], (unit, target)


def test_stability_shows_the_margins_and_a_plot_the_units_near_a_boundary():
    import matplotlib

    matplotlib.use("Agg")
    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    frame = thidua.stability(report, draws=50, seed=1, progress=False)
    assert list(frame.columns[-2:]) == ["margin_class", "margin_rank"]
    assert frame.loc["dau-lieu", "margin_class"] == 14.48 and frame.loc["nam-hong", "margin_rank"] == 0.01
    assert math.isnan(frame.loc["bac-hong", "margin_class"]) and math.isnan(frame.loc["bac-hong", "margin_rank"])
    assert "margin_class" not in thidua.stability(report, draws=10, seed=1, progress=False, margins=False)
    ax = report.plot.margins()
    bars = [p.get_width() for p in ax.patches]
    assert sorted(bars)[:2] == [0.01, 0.01] and max(bars) == pytest.approx(25.10)  # nam-hong, hoi-nong-dan; ldld
    # In the campaign's language; no class is blocked.
    assert sorted(ax.get_legend_handles_labels()[1]) == ["Điểm còn thiếu để lên loại trên", "Điểm còn thiếu để lên một hạng"]
    assert sorted(report.plot.margins(lang="en").get_legend_handles_labels()[1]) == [
        "Points to the next class up", "Points to the next rank up"]


def _better_class(report, held, aim):
    order = [k["id"] for k in report.campaign.to_dict()["classes"]]
    return order.index(held) < order.index(aim)


def test_the_cli_scores_a_what_if_and_prints_the_margins(tmp_path, capsys):
    from thidua.cli import main

    files = [str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json")]
    change = '{"unit": "dau-lieu", "criterion": "mo-hinh", "phase": "gd2", "value": 6}'
    assert main(["what-if", *files, change, "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["Units changed: 1", "Ủy ban MTTQ phường Đậu Liêu (dau-lieu)"]
    assert "  Total: 82.20 → 84.20" in out
    path = tmp_path / "changes.json"
    path.write_text('[{"unit": "nam-hong", "total_delta": "0.01"}]', encoding="utf-8")
    assert main(["what-if", *files, str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["units"][2]["id"] == "nam-hong"
    assert main(["what-if", *files, '[{"unit": 1}']) == 1
    assert "what-if: line 1, column 13" in capsys.readouterr().err
    assert main(["what-if", *files, '{"unit": "nowhere", "total_delta": 1}']) == 1
    assert "what-if /0: unknown unit 'nowhere'" in capsys.readouterr().err

    assert main(["margins", *files, "--unit", "nam-hong", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "unit,target,delta,blocked_by,phase,criterion,value,text"
    assert lines[1].startswith("nam-hong,class:xuat-sac,0.01,,gd1,mo-hinh,4,")
    # For a reader: the unit by its name, its margins in sentences, titles instead of ids.
    assert main(["margins", *files, "--unit", "nam-hong", "--unit", "bac-hong"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Ủy ban MTTQ phường Bắc Hồng"
    assert lines[1] == ("  - Chưa thể được «Cờ thi đua — đơn vị dẫn đầu Khối trong đợt thi đua đặc biệt» chỉ nhờ thêm điểm: "
                        "tỷ lệ phiếu đồng ý chưa đạt")
    assert "  - Còn thiếu 0,01 điểm để được xếp «Hoàn thành xuất sắc nhiệm vụ»; chẳng hạn «Ủy ban MTTQ cấp phường, xã, " \
           "mỗi đơn vị đăng ký ít nhất 03 mô hình, công trình do Mặt trận Tổ quốc chủ trì (lũy kế, so với số đăng ký)» " \
           "(Giai đoạn 1) đạt 4" in lines
    assert not [line for line in lines if "gd1" in line or "xuat-sac" in line or "mo-hinh" in line]
    assert main(["margins", *files, "--unit", "bac-hongg"]) == 1
    assert "unknown unit 'bac-hongg'" in capsys.readouterr().err
