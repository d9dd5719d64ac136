"""Notebook and REPL displays: campaigns and reports as HTML (escaped, row-capped) and as pretty text."""

import copy
import re

import pytest

import thidua

from helpers import ROOT, golden_cases, load_exact

EXAMPLE = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
CASE = load_exact(golden_cases()["23-phases-weights-dates-late-penalty-bonus-cap.json"])


@pytest.fixture(scope="module")
def hong_linh():
    campaign = thidua.load_campaign(EXAMPLE / "campaign.json")
    return campaign, campaign.score(EXAMPLE / "results.json")


class Printer:
    """The part of IPython's pretty printer that _repr_pretty_ uses."""

    def __init__(self):
        self.out = ""

    def text(self, text):
        self.out += text


def pretty(obj, cycle=False):
    printer = Printer()
    obj._repr_pretty_(printer, cycle)
    return printer.out


def test_the_report_html_is_a_ranked_table_per_cluster_with_classes_and_awards_highlighted(hong_linh):
    _, report = hong_linh
    html = report._repr_html_()
    assert html.startswith("<div class='thidua-report'>")
    assert html.count("<table>") == 2 and html.count("<tr>") == 2 + 12
    assert "<p>Khối: Khối Ủy ban MTTQ các phường, xã (6 đơn vị)</p>" in html
    first = re.search(r"<tbody><tr>(.*?)</tr>", html).group(1)
    assert first.startswith("<td style='text-align:right'>1</td><td>Ủy ban MTTQ phường Bắc Hồng</td>")
    # The best class's tint, and the award cell in bold on amber.
    assert "<td style='background:#c8e6c9'>Hoàn thành xuất sắc nhiệm vụ</td>" in first
    assert "<td style='font-weight:bold;background:#ffe082'>Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh</td>" in first
    assert html.count("font-weight:bold;background:#ffe082") == 6  # three units with awards in each block
    assert "Mục tiêu: 100% đơn vị trong khối hoàn thành tốt nhiệm vụ trở lên — 83,33% (không đạt)" in html


def test_the_report_html_escapes_names_and_titles():
    doc = copy.deepcopy(CASE["campaign"])
    doc["title"] = "<script>alert('x')</script>"
    doc["units"][0]["name"] = "Phường <b>Trung</b> & Lương"
    report = thidua.load_campaign(doc).score(CASE["results"])
    html = report._repr_html_()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<td>Phường &lt;b&gt;Trung&lt;/b&gt; &amp; Lương</td>" in html


def test_the_report_html_caps_the_rows_and_says_how_many_are_left_out(hong_linh):
    campaign, report = hong_linh
    from thidua._repr import html_table

    html = html_table(report._data, lang="vi", max_rows=4)
    assert html.count("<td style='text-align:right'>") == 4 * 7  # rank, two phases, base, bonus, penalty, total
    assert "… còn 2 đơn vị nữa" in html
    assert "… còn 1 cụm nữa (6 đơn vị)" in html
    english = html_table(report._data, lang="en", max_rows=8)
    assert "… 4 more units" in english and "more clusters" not in english


def test_the_report_pretty_text_is_the_capped_table(hong_linh):
    _, report = hong_linh
    text = pretty(report)
    assert text == report.table().rstrip("\n")  # 12 units: under the cap
    assert pretty(report, cycle=True) == repr(report) == "<thidua.Report 'hong-linh-dot-dac-biet-2024': 12 units, 2 clusters>"


def test_the_campaign_html_shows_a_timeline_and_the_criteria(hong_linh):
    campaign, _ = hong_linh
    html = campaign._repr_html_()
    assert html.startswith("<div class='thidua-campaign'><strong>Đợt thi đua đặc biệt")
    assert "hong-linh-dot-dac-biet-2024 · special · 2023-10-26 · 01/11/2023–31/10/2024 · 12 đơn vị, 2 cụm, 7 tiêu chí" in html
    # One segment per phase, as wide as its days: 1 Nov 2023 – 31 Jul 2024 is 274 days, Aug – Oct 92.
    assert re.findall(r"flex:(\d+)", html) == ["274", "92"]
    assert "gd1: 01/11/2023–31/07/2024, trọng số 0,6, hạn báo cáo 10/08/2024" in html
    assert html.count("<tr>") == 1 + 7
    assert "<td>phan-viec</td>" in html and "<td>mức; ≥2: 20; ≥1: 10</td>" in html
    assert "<td>ward, commune</td><td>gd1, gd2</td>" in html


def test_the_campaign_html_caps_the_criteria(hong_linh):
    campaign, _ = hong_linh
    from thidua._repr import html_campaign

    html = html_campaign(campaign.to_dict(), list(campaign.phases), lang="en", max_rows=3)
    assert html.count("<tr>") == 1 + 3 + 1 and "<td colspan='7'>… 4 more criteria</td>" in html


def test_the_campaign_pretty_text_lists_phases_and_criteria(hong_linh):
    campaign, _ = hong_linh
    lines = pretty(campaign).splitlines()
    assert lines[1] == "hong-linh-dot-dac-biet-2024 · special · 2023-10-26 · 01/11/2023–31/10/2024 · 12 đơn vị, 2 cụm, 7 tiêu chí"
    assert lines[2] == "  Giai đoạn gd1: 01/11/2023–31/07/2024, trọng số 0,6, hạn báo cáo 10/08/2024"
    assert "  - mo-hinh (30): tỷ lệ, chỉ tiêu 3" in lines
    assert pretty(campaign, cycle=True) == repr(campaign) == "<thidua.Campaign 'hong-linh-dot-dac-biet-2024': 12 units, 7 criteria>"


def test_a_campaign_without_phases_shows_its_one_implicit_phase():
    doc = load_exact(golden_cases()["22-missing-exempt-applies-to.json"])["campaign"]
    campaign = thidua.load_campaign(doc)
    assert "phases" not in campaign.to_dict()
    assert re.findall(r"flex:(\d+)", campaign._repr_html_()) == ["366"]  # 2024 is a leap year
    assert "  Giai đoạn main: 01/01/2024–31/12/2024, trọng số 1" in pretty(campaign).splitlines()


def test_an_explanation_displays_as_prose(hong_linh):
    _, report = hong_linh
    explanation = report.explain("bac-hong", lang="en")
    assert pretty(explanation) == explanation.text.rstrip("\n")
    assert pretty(explanation).startswith("Ủy ban MTTQ phường Bắc Hồng (Khối Ủy ban MTTQ các phường, xã): total 101.23")
    html = explanation._repr_html_()
    # Top-level steps as paragraphs, their details as lists.
    assert html.startswith("<div class='thidua-explanation'><p>Ủy ban MTTQ phường Bắc Hồng (Khối")
    assert "</p><p>Giai đoạn 1 (11/2023 – 7/2024)" in html and "<ul><li>100% Ủy ban MTTQ Việt Nam" in html
    assert html.count("<ul>") == html.count("</ul>") and html.endswith("</div>")
