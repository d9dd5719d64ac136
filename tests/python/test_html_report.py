"""Report.to_html and `thidua score -o report.html`: one self-contained page, checked as text for the five examples in
both languages, then in a real browser (headless Chromium driven by Selenium): sorting, an explanation, the console,
the network, a phone's width and A4 print. The browser's screenshots are kept as test artefacts in
build/dev/tests/artefacts/ (beside $THIDUA_CPP_REPORTS when CTest sets it): html-report.png, html-report-phone.png."""

import base64
import html
import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

import thidua
from thidua._repr import CLASS_TINTS, _clusters, html_explanation
from thidua._text import LABELS, texts
from thidua.cli import main

from helpers import ROOT, chromium

EXAMPLES = sorted(p for p in (ROOT / "docs" / "examples").iterdir() if (p / "expected.json").exists())
NAMES = [p.name for p in EXAMPLES]
HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
WORDS = texts("html.")
ARTEFACTS = (Path(os.environ["THIDUA_CPP_REPORTS"]).parent if os.environ.get("THIDUA_CPP_REPORTS")
             else ROOT / "build" / "dev" / "tests") / "artefacts"

# Names a writer must show as text: markup, a spreadsheet formula, a template expression.
HOSTILE = ['<script>alert(1)</script>', '=HYPERLINK("http://x","y")', '{{ 7*7 }}']


def score(folder, edit=None):
    """The example's report; ``edit`` changes the campaign document first."""
    campaign = json.loads((folder / "campaign.json").read_text(encoding="utf-8"))
    if edit:
        edit(campaign)
    return thidua.load_campaign(campaign).score(folder / "results.json")


def hostile_report():
    """Hồng Lĩnh with hostile unit names, a criterion title, the campaign's title, a cluster name, an award title."""

    def rename(c):
        for unit, name in zip(c["units"], HOSTILE):
            unit["name"] = name
        c["criteria"][0]["title"] = "<img src=x onerror=alert(2)>"
        c["title"] = "<b>{{ 7*7 }}</b>"
        c["clusters"][0]["name"] = "</h2><iframe src='https://example.com'>"
        c["awards"][0]["title"] = '"><svg onload=alert(3)>'

    return score(HONG_LINH, edit=rename)


def body_of(page):
    return page.split("<body>", 1)[1]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_the_page_holds_every_unit_its_explanation_goals_warnings_and_fingerprints(folder, lang, tmp_path):
    report = score(folder)
    path = tmp_path / "report.html"
    report.to_html(path, lang=lang)
    page = path.read_text(encoding="utf-8")
    assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}">')
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    head = page.split("</head>")[0]
    assert "default-src 'none'" in head and head.count("<style>") == 1 and page.count("<script") == 1
    assert not re.search(r"\b(?:src|href|action|srcset)\s*=|url\(|@import", page)  # nothing to load, at all
    assert f"<p class=\"hint\">{html.escape(WORDS[lang]['hint'])}</p>" in page
    assert "@media print{" in page and "size:A4" in page and "@media (max-width:" in page
    # One section per cluster, headed as every other table heads it; one row and one dialog per unit.
    clusters = _clusters(report._data, lang)[0]
    sections = re.findall(r'<section class="cluster">(.*?)</section>', page)
    assert len(sections) == len(clusters) == len(report.clusters)
    for section, cluster in zip(sections, clusters):
        assert section.startswith(f"<h2>{html.escape(cluster.heading)}</h2>")
        header = cluster.header + [LABELS[lang]["tie_broken_by"]]
        assert re.findall(r'<th scope="col" [^>]*>(.*?)</th>', section) == \
            [html.escape(h) for h in header]
        assert section.count("<tr><td") == len(cluster.rows)
    units = report.units
    assert page.count("<tr><td class=\"num\">") == len(units) == page.count("<dialog ")
    assert page.count("<rect ") == len(units) and page.count('<svg class="chart"') == len(clusters)
    for unit in units:
        explanation = report.explain(unit["id"], lang=lang)
        assert f">{html.escape(unit['name'] or unit['id'])}</h3>" in page
        assert f"</form></div>{html_explanation(explanation)}</dialog>" in page
    # Class cells and bars tinted with the one set of tints, best class first; awards as badges.
    classes = [k["id"] for k in report.campaign.to_dict()["classes"]]
    positions = [min(classes.index(u["class"]), len(CLASS_TINTS) - 1) for u in units]
    assert re.findall(r'<td class="class-(\d)" data-value', page) == [str(p) for p in positions]
    for i, tint in enumerate(CLASS_TINTS):
        assert f".class-{i}{{background:{tint};fill:{tint}}}" in page
    assert page.count('<span class="badge">') == sum(len(u["awards"]) for u in units)
    ties = report._data.tie_break_names(lang)
    assert re.findall(r"<td>([^<]*)</td></tr>", page) == [
        html.escape(ties.get(u["tie_broken_by"], u["tie_broken_by"])) if u["tie_broken_by"] else "" for u in units]
    goals = [g["met"] for c in report.clusters for g in c["goals"]]
    assert re.findall(r'<li class="(met|not-met)">', page) == ["met" if met else "not-met" for met in goals]
    warnings = [w["message"] for w in report._cpp.warnings(lang)]
    warnings += [m for ms in report.to_pandas(lang=lang)["warnings"] for m in ms]
    assert page.count(f"<h2>{html.escape(WORDS[lang]['warnings'])}</h2>") == bool(warnings)
    assert all(html.escape(w) in page for w in warnings)
    assert f"<code>{report.campaign_sha256}</code>" in page and f"<code>{report.results_sha256}</code>" in page


def test_the_campaign_language_is_the_default_and_the_file_is_written_whole(tmp_path):
    report = score(HONG_LINH)
    (tmp_path / "report.html").write_text("old", encoding="utf-8")
    report.to_html(tmp_path / "report.html")
    assert (tmp_path / "report.html").read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="vi">')
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left
    with pytest.raises(thidua.SchemaError):
        report.to_html(tmp_path / "other.html", lang="fr")


def test_names_with_markup_formulas_and_templates_are_text(tmp_path):
    report = hostile_report()
    report.to_html(tmp_path / "report.html", lang="en")
    body = body_of((tmp_path / "report.html").read_text(encoding="utf-8"))
    for bad in ("<script>alert", "<img", "<iframe", "<svg onload", "<b>", "</h2><iframe"):
        assert bad not in body
    for name in HOSTILE:
        assert f">{html.escape(name)}</button>" in body and f">{html.escape(name)}</h3>" in body
    assert "<h1>&lt;b&gt;{{ 7*7 }}&lt;/b&gt;</h1>" in body


def test_the_command_line_writes_the_page_in_the_language_asked(tmp_path, capsys):
    out = tmp_path / "report.html"
    code = main(["score", str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json"), "-o", str(out),
                 "--lang", "en"])
    assert code == 0 and capsys.readouterr().err == f"thidua: wrote {out}\n"
    page = out.read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">') and html.escape(WORDS["en"]["hint"]) in page


# The browser: one Chromium for the module.

@pytest.fixture(scope="module")
def browser():
    driver = chromium(1200, 1000, logs=True)
    yield driver
    driver.quit()


def requests(driver):
    messages = [json.loads(entry["message"])["message"] for entry in driver.get_log("performance")]
    return [m["params"]["request"]["url"] for m in messages if m["method"] == "Network.requestWillBeSent"]


def severe(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def column(table, index):
    return [row.find_elements(By.TAG_NAME, "td")[index].get_property("textContent")
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def vi_number(text):
    return Decimal(text.replace(".", "").replace(",", "."))


def test_in_a_browser_the_table_sorts_an_explanation_opens_and_nothing_is_fetched(browser, tmp_path):
    report = score(HONG_LINH)
    path = tmp_path / "report.html"
    report.to_html(path)
    browser.get_log("browser")
    browser.get_log("performance")
    browser.get(path.as_uri())
    assert [url for url in requests(browser) if url != path.as_uri()] == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(ARTEFACTS / "html-report.png"))

    table = browser.find_element(By.CSS_SELECTOR, "table.ranked")
    heads = table.find_elements(By.CSS_SELECTOR, "thead th")
    titles = [th.get_property("textContent") for th in heads]
    total = titles.index(LABELS["vi"]["total"])
    cluster = report.clusters[0]["id"]
    expected = sorted(Decimal(u["total"]) for u in report.units if u["cluster"] == cluster)
    heads[total].click()
    assert [vi_number(t) for t in column(table, total)] == expected[::-1]
    assert heads[total].get_attribute("aria-sort") == "descending" and heads[0].get_attribute("aria-sort") is None
    heads[total].click()
    assert [vi_number(t) for t in column(table, total)] == expected
    assert heads[total].get_attribute("aria-sort") == "ascending"
    heads[1].send_keys(Keys.ENTER)  # the keyboard sorts too
    assert heads[1].get_attribute("aria-sort") == "ascending" and heads[total].get_attribute("aria-sort") is None
    heads[total].click()
    heads[total].click()
    # Each row moved whole: its name still opens its own explanation.
    last = table.find_element(By.CSS_SELECTOR, "tbody tr:last-child button.unit")
    unit = next(u for u in report.units if (u["name"] or u["id"]) == last.text)
    assert Decimal(unit["total"]) == expected[-1]
    last.click()
    dialog = browser.find_element(By.ID, last.get_attribute("data-dialog"))
    assert dialog.is_displayed() and dialog.find_element(By.TAG_NAME, "h3").text == last.text
    shown = [e.text for e in dialog.find_elements(By.CSS_SELECTOR, ".thidua-explanation p, .thidua-explanation li")]
    assert shown == [step["text"] for step in report.explain(unit["id"]).steps]
    dialog.find_element(By.CSS_SELECTOR, "form button").click()
    assert not dialog.is_displayed()
    assert severe(browser) == []
    assert requests(browser) == []


def test_on_a_phone_only_the_table_scrolls_and_print_is_a4(browser, tmp_path):
    path = tmp_path / "report.html"
    score(HONG_LINH).to_html(path)
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        browser.get(path.as_uri())
        page = browser.execute_script("const e = document.documentElement; return [e.scrollWidth, e.clientWidth]")
        assert page[0] <= page[1] == 390
        box = browser.execute_script("const b = document.querySelector('.scroll'); "
                                     "return [b.scrollWidth, b.clientWidth]")
        assert box[0] > box[1]  # the wide table scrolls inside its own box
        assert browser.save_screenshot(str(ARTEFACTS / "html-report-phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    pdf = base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    sizes = {tuple(round(float(n)) for n in box) for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert sizes == {(595, 842)}  # A4 in points, every page
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script("return [...document.querySelectorAll('.hint, dialog')]"
                                        ".every(e => getComputedStyle(e).display === 'none')")
        assert hidden
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert severe(browser) == []


def test_in_a_browser_hostile_names_are_text_and_run_nothing(browser, tmp_path):
    path = tmp_path / "report.html"
    hostile_report().to_html(path, lang="en")
    browser.get_log("browser")
    browser.get(path.as_uri())
    names = [b.get_property("textContent") for b in browser.find_elements(By.CSS_SELECTOR, "button.unit")]
    assert set(HOSTILE) <= set(names)
    assert browser.find_element(By.TAG_NAME, "h1").get_property("textContent") == "<b>{{ 7*7 }}</b>"
    counts = browser.execute_script("return ['script', 'img', 'iframe', 'b', 'svg']"
                                    ".map(t => document.getElementsByTagName(t).length)")
    assert counts == [1, 0, 0, 0, 2]  # our script; our two charts
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert severe(browser) == []
