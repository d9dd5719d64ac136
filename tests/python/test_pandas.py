"""pandas in: a DataFrame (or a CSV path) of results scores like the JSON document. pandas out: the rules."""

from decimal import Decimal

import pandas as pd
import pytest

import thidua

from helpers import ROOT

EXAMPLE = ROOT / "docs" / "examples" / "thanh-xuan-2023"


@pytest.fixture(scope="module")
def campaign():
    return thidua.load_campaign(EXAMPLE / "campaign.json")


def test_dataframes_of_results_votes_and_events_score_like_the_json_results(campaign):
    def read(name):
        return pd.read_csv(EXAMPLE / name, dtype=str, keep_default_na=False)

    from_frames = campaign.score(read("results.csv"), votes=read("votes.csv"), events=read("events.csv"))
    from_json = campaign.score(EXAMPLE / "results.json")
    assert from_frames.to_dict()["units"] == from_json.to_dict()["units"]
    # The vote gives Nhân Chính the flag, the event its "biểu dương" bonus: 101.50, not 100.50.
    assert from_frames.unit("nhan-chinh")["total"] == "101.50"
    assert from_frames.unit("nhan-chinh")["awards"] == ["co-thi-dua"]


def test_a_dataframe_alone_scores_with_a_warning_for_the_votes_and_events_it_cannot_carry(campaign):
    frame = pd.read_csv(EXAMPLE / "results.csv", dtype=str, keep_default_na=False)
    with pytest.warns(thidua.InputWarning, match="no|không") as caught:
        report = campaign.score(frame)
    assert len(caught) == 2 and [w["code"] for w in report.warnings] == ["no_votes", "no_events"]
    assert report.unit("nhan-chinh")["total"] == "100.50" and report.unit("nhan-chinh")["awards"] != ["co-thi-dua"]


def test_a_dataframe_with_numbers_dates_and_gaps_scores_the_same(campaign):
    # As an analyst builds one: numbers as numbers (NaN for gaps, so ints turn to floats), dates as Timestamps; the
    # votes' empty award column is all NaN.
    frame = pd.read_csv(EXAMPLE / "results.csv", parse_dates=["submitted"])
    votes, events = pd.read_csv(EXAMPLE / "votes.csv"), pd.read_csv(EXAMPLE / "events.csv")
    assert frame["submitted"].dtype.kind == "M" and votes["award"].isna().all() and votes["yes"].dtype.kind == "i"
    tables = dict(votes=EXAMPLE / "votes.csv", events=EXAMPLE / "events.csv")
    assert campaign.score(frame, votes=votes, events=events).to_json().split('"inputs"')[1] == \
        campaign.score(EXAMPLE / "results.csv", **tables).to_json().split('"inputs"')[1]


def test_a_csv_error_names_the_line_and_the_column(campaign, tmp_path):
    path = tmp_path / "results.csv"
    lines = (EXAMPLE / "results.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",2,", ",hai,")  # ha-dinh,sua-nha,nam-2023,,2 → hai
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(thidua.Error) as info:
        campaign.score(path)
    assert (info.value.document, info.value.line, info.value.column) == (str(path), 4, "value")
    assert str(info.value).startswith(f"{path} line 4, column value: ")


def test_the_criteria_frame_shows_each_rule(campaign):
    frame = campaign.criteria_frame()
    assert list(frame.columns) == ["title", "group", "max_points", "mandatory", "applies_to", "phases", "rule",
                                   "credit", "target", "min_ratio", "exceed", "bands"]
    assert list(frame.index)[:3] == ["quy-vi-nguoi-ngheo", "quy-bien-dao", "sua-nha"]
    quy = frame.loc["quy-vi-nguoi-ngheo"]
    assert (quy["rule"], quy["credit"], quy["max_points"], quy["mandatory"], quy["applies_to"]) == (
        "ratio", "linear", Decimal("20"), True, "ward")
    assert quy["exceed"] == "+1 per 10 % above the target, at most 3"
    assert frame.loc["sua-nha", "rule"] == "ratio" and frame.loc["sua-nha", "credit"] == "linear"
    assert frame.loc["mo-hinh", "bands"] == "≥5: 15; ≥3: 10; ≥1: 5"
    assert frame.loc["giam-sat", "rule"] == "boolean" and frame.loc["giam-sat", "phases"] == "nam-2023"
    assert campaign.criteria_frame(exact=False)["max_points"].dtype == float
    assert frame["max_points"].sum() == sum(Decimal(c["max_points"]) for c in campaign.criteria)


def test_the_units_frame_lists_the_participants(campaign):
    frame = campaign.units_frame()
    assert list(frame.columns)[:4] == ["name", "kind", "cluster", "cluster_name"]
    assert len(frame) == 27
    assert frame.loc["ha-dinh", "name"] == "Ủy ban MTTQ phường Hạ Đình"
    assert frame.loc["ha-dinh", "cluster_name"] == "Khối Ủy ban MTTQ các phường"
    assert frame.groupby("cluster").size().to_dict() == {"khoi-phuong": 11, "khoi-to-chuc": 16}


def test_the_ballots_frame_is_the_vote_count_record_of_the_report():
    folder = ROOT / "docs" / "examples" / "thanh-xuan-2023"
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    frame = report.to_pandas("ballots")
    record = [dict(vote, award=b["award"], cluster=b["cluster"]) for b in report.to_dict()["ballots"] for vote in b["votes"]]
    assert len(frame) == len(record) > 0
    exact = report.to_pandas("ballots", exact=True)
    for (_, row), vote in zip(exact.iterrows(), record):
        assert (row["award"], row["cluster"], row["unit"], row["yes"], row["of"], row["council"], row["passed"]) == (
            vote["award"], vote["cluster"], vote["unit"], vote["yes"], vote["of"], vote["council"], vote["passed"])
        assert row["share"] == Decimal(vote["share"])
    assert frame["share"].dtype == float and list(frame.columns)[:3] == ["award", "cluster", "unit"]
