"""Notebook and REPL displays: campaigns and reports as HTML (escaped, row-capped) and as pretty text."""

import copy
import html as html_module
import re

import pytest
from selenium.webdriver.common.by import By

import thidua
import thidua._repr
import thidua._text

from helpers import ROOT, chromium, golden_cases, load_exact

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
    assert "<p>Khối Ủy ban MTTQ các phường, xã (6 đơn vị)</p>" in html  # the name says "Khối" already
    first = re.search(r"<tbody><tr>(.*?)</tr>", html).group(1)
    assert first.startswith("<td style='text-align:right'>1</td><td>Ủy ban MTTQ phường Bắc Hồng</td>")
    # The best class's tint, and the award cell in bold on amber.
    assert "<td style='background:#c8e6c9'>Hoàn thành xuất sắc nhiệm vụ</td>" in first
    assert "<td style='font-weight:bold;background:#ffe082'>Bằng khen của Ủy ban MTTQ Việt Nam tỉnh Hà Tĩnh</td>" in first
    assert html.count("font-weight:bold;background:#ffe082") == 6  # three units with awards in each block
    assert re.search("Mục tiêu: 100% đơn vị trong khối hoàn thành tốt nhiệm vụ trở lên — 83,33 ?% \\(không đạt\\)", html)


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
    # Rank, two phases, base, bonus, penalty, total; the ranks of Trung Lương and Nam Hồng (tied) carry a title.
    assert html.count("<td style='text-align:right'") == 4 * 7 and html.count("<span class='tie'>=</span></td>") == 2
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
    assert html.startswith("<div class='thidua-campaign'><style>.thidua-campaign{")
    assert "</style><strong>Đợt thi đua đặc biệt" in html
    assert "hong-linh-dot-dac-biet-2024 · special · 2023-10-26 · 01/11/2023–31/10/2024 · 12 đơn vị, 2 cụm, 7 tiêu chí" in html
    # One segment per phase, as wide as its days: 1 Nov 2023 – 31 Jul 2024 is 274 days, Aug – Oct 92.
    assert re.findall(r"flex:(\d+)", html) == ["274", "92"]
    # Each segment names its phase by its label, then its dates; the phases' titles follow.
    assert "<strong>Giai đoạn 1</strong> 01/11/2023–31/07/2024, trọng số 0,6, hạn báo cáo 10/08/2024</div>" in html
    title = campaign.phases[0]["title"]
    assert f"<dt>Giai đoạn 1</dt><dd>{title}</dd>" in html and title.startswith("Giai đoạn 1 (11/2023 – 7/2024)")
    assert html.count("<tr>") == 1 + 7
    assert "<td>phan-viec</td>" in html and "<td>mức; ≥2: 20; ≥1: 10</td>" in html
    assert "<td>ward, commune</td><td>Giai đoạn 1, Giai đoạn 2</td>" in html


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
    assert html.startswith("<div class='thidua-explanation'><style>.thidua-explanation{")
    assert "</style><p>Ủy ban MTTQ phường Bắc Hồng (Khối" in html
    assert "</p><p>Giai đoạn 1 (11/2023 – 7/2024)" in html and "<ul><li>100% Ủy ban MTTQ Việt Nam" in html
    assert html.count("<ul>") == html.count("</ul>") and html.endswith("</div>")


# Issue 17, items 5 and 6: displays carry their own CSS, name phases by title, mark ties, escape every name and
# never cut a label.

HOSTILE = "<b>x</b> <script>alert(1)</script> =HYPERLINK(\"http://e.vn\") {{ 7*7 }} $x$"


def style_rules(html, scope):
    """The selectors of the display's own <style> block."""
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    return [selector.strip() for block in re.findall(r"([^{}]+)\{[^{}]*\}", css) for selector in block.split(",")]


@pytest.mark.parametrize("display", ["report", "campaign", "explanation"])
def test_each_display_carries_its_own_style_scoped_to_its_class(hong_linh, display):
    campaign, report = hong_linh
    html = {"report": report._repr_html_, "campaign": campaign._repr_html_,
            "explanation": report.explain("bac-hong")._repr_html_}[display]()
    scope = f"thidua-{display}"
    assert html.startswith(f"<div class='{scope}'><style>") and html.count("<style>") == 1
    selectors = style_rules(html, scope)
    assert selectors and all(s == f".{scope}" or s.startswith(f".{scope} ") for s in selectors)


def test_the_report_html_names_the_phases_by_their_titles(hong_linh):
    campaign, report = hong_linh
    html = report._repr_html_()
    for phase in campaign.phases:
        assert html.count(f"<dd>{phase['title']}</dd>") == 1
    assert "<th>gd1</th>" not in html and ">gd1<" not in html
    english = thidua._repr.html_table(report._data, lang="en")
    assert "<dt>Phase 1</dt>" in english and "<dt>Phase 2</dt>" in english


def test_the_report_html_marks_the_units_sharing_a_total_with_the_tie_break_that_ranked_them(hong_linh):
    _, report = hong_linh
    html = report._repr_html_()
    tied = [u for u in report.units if u["tie_broken_by"]]
    assert [u["id"] for u in tied] == ["trung-luong", "nam-hong", "doan-tn", "hoi-nong-dan"]
    assert tied[0]["total"] == tied[1]["total"] and tied[2]["total"] == tied[3]["total"]
    names = report._data.tie_break_names("vi")
    marked = re.findall(r"<tr><td style='text-align:right' title='([^']*)'>(\d+)<span class='tie'>=</span></td>"
                        r"<td>([^<]*)</td>", html)
    expected = []
    for unit in tied:
        note = thidua._text.texts("display.")["vi"]["tie"].format(by=names[unit["tie_broken_by"]])
        expected.append((note, str(unit["cluster_rank"]), unit["name"]))
    assert marked == expected
    # Each tie-break used is worded once under its cluster's table.
    assert html.count("<p><span class='tie'>=</span> ") == 2
    assert "thứ hạng phân định theo: Điểm giai đoạn 2</p>" in html
    english = thidua._repr.html_table(report._data, lang="en")
    assert "tied on the total with another unit; ranked by: " in english
    untied = re.search(r"<tr><td style='text-align:right'>1</td><td>Ủy ban MTTQ phường Bắc Hồng", html)
    assert untied  # a unit alone on its total is not marked


def hostile_report():
    doc = copy.deepcopy(CASE["campaign"])
    doc["title"] = HOSTILE
    doc["units"][0]["name"] = HOSTILE
    doc["criteria"][0]["title"] = HOSTILE
    doc["classes"][0]["title"] = HOSTILE
    for phase in doc.get("phases", []):
        phase["title"] = HOSTILE
    campaign = thidua.load_campaign(doc)
    return campaign, campaign.score(CASE["results"]), doc["units"][0]["id"]


def test_names_with_markup_formulas_and_template_expressions_show_as_text_in_every_display():
    campaign, report, unit = hostile_report()
    escaped = html_module.escape(HOSTILE)
    for html in (report._repr_html_(), campaign._repr_html_(), report.explain(unit)._repr_html_()):
        assert "<b>x" not in html and "<script>" not in html and "alert(1)</script>" not in html
        assert escaped in html
        assert '=HYPERLINK(&quot;http://e.vn&quot;)' in html and "{{ 7*7 }}" in html and "$x$" in html


# In a browser (outside Jupyter): nothing is cut.

@pytest.fixture(scope="module")
def browser():
    driver = chromium(700, 900)
    yield driver
    driver.quit()


CUT = """return Array.from(document.querySelectorAll(arguments[0])).filter(
    e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map(e => e.textContent)"""


def show(browser, tmp_path, html):
    path = tmp_path / "display.html"
    path.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{html}</body></html>",
                    encoding="utf-8")
    browser.get(path.as_uri())


def test_in_a_browser_the_campaign_timeline_sizes_to_its_labels(browser, hong_linh, tmp_path):
    campaign, _ = hong_linh
    show(browser, tmp_path, campaign._repr_html_())
    segments = browser.find_elements(By.CSS_SELECTOR, ".thidua-timeline > div")
    assert [s.text.split("\n")[0].split(" 0")[0] for s in segments] == ["Giai đoạn 1", "Giai đoạn 2"]
    # The short second phase once showed "gd2: 01/08/2024–31/10/2024, trọng s": now its words wrap.
    assert segments[1].text.replace("\n", " ").endswith("trọng số 0,4, hạn báo cáo 10/11/2024")
    assert browser.execute_script(CUT, ".thidua-timeline > div") == []
    assert browser.execute_script(CUT, ".thidua-campaign td, .thidua-campaign th") == []
    # The display's own style applies without a notebook: bordered cells.
    border = browser.execute_script("return getComputedStyle(document.querySelector('.thidua-campaign td'))"
                                    ".borderTopStyle")
    assert border == "solid"


def test_in_a_browser_no_cell_of_the_report_is_cut(browser, hong_linh, tmp_path):
    _, report = hong_linh
    show(browser, tmp_path, report._repr_html_())
    assert len(browser.find_elements(By.CSS_SELECTOR, ".thidua-report td")) == 12 * 10
    assert browser.execute_script(CUT, ".thidua-report td, .thidua-report th") == []
