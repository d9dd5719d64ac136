"""Names that look like markup, a spreadsheet formula or a template expression are shown as text in every output:
nothing in an input runs (HTML escaped, cells as text, templates in a sandbox)."""

import json

import docx
import openpyxl

import thidua

from helpers import ROOT

SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
TEMPLATE = "{{ 7*7 }}"


def hostile_report():
    folder = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    document = json.loads((folder / "campaign.json").read_text(encoding="utf-8"))
    document["units"][0]["name"] = SCRIPT
    document["units"][1]["name"] = FORMULA
    document["criteria"][0]["title"] = TEMPLATE
    document["awards"][1]["title"] = f"{TEMPLATE} <b>x</b>"
    return thidua.load_campaign(document).score(folder / "results.json")


def test_markup_formulas_and_template_expressions_stay_text_in_every_output(tmp_path):
    report = hostile_report()
    units = [u["id"] for u in report.units]
    # Plain text carries the names as written.
    table = report.table()
    assert SCRIPT in table and FORMULA in table
    assert TEMPLATE in "\n".join(report.explain(u).text for u in units)
    # HTML: escaped, never a tag.
    for page in (report._repr_html_(), report.explain(report.units[0]["id"])._repr_html_()):
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    report.to_html(tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    # Markdown: the angle brackets escaped.
    assert "<script>" not in report.to_markdown(explain=units)
    # Spreadsheets: a formula keeps its apostrophe, so it is never run.
    report.to_excel(tmp_path / "r.xlsx")
    cells = [c for sheet in openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets
             for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + FORMULA for c in cells)
    report.to_csv(tmp_path / "r.csv")
    assert f"'{FORMULA}".replace('"', '""') in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    # Word: a template expression in a name is not evaluated, markup is not Word markup.
    for kind in ("proposal", "minutes", "summary"):
        report.to_docx(tmp_path / f"{kind}.docx", kind=kind)
        document = docx.Document(tmp_path / f"{kind}.docx")
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells])
        assert TEMPLATE in text and SCRIPT in text and "49" not in text
        assert FORMULA in text or kind == "proposal"  # the proposal lists awarded units only
    # JSON keeps the names as data.
    assert {u["name"] for u in json.loads(report.to_json())["units"]} >= {SCRIPT, FORMULA}
