"""Vietnamese output names phases, criteria and unit kinds by their titles, never by their ids, in every output of
every example: the table, Markdown, explanations, reasons and warnings, the CSV and Excel tables, the HTML report,
the Word documents and diffs."""

import html
import json
import re

import docx
import openpyxl
import pytest

import thidua

from helpers import ROOT

EXAMPLES = sorted(p.parent for p in (ROOT / "docs" / "examples").glob("*/campaign.json"))


def ids_of(campaign):
    """The ids a reader must not see: phases (and the implicit "main"), criteria and the units' kinds."""
    c = campaign.to_dict()
    return ({p["id"] for p in c.get("phases", [])} | {"main"} | {k["id"] for k in c["criteria"]}
            | {u["kind"] for u in c["units"] if u.get("kind")})


def leaks(text, ids):
    """The ids found in ``text`` as whole words (not inside a longer id or word)."""
    return sorted(i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text))


def visible_text(page):
    """An HTML page's text as a reader sees it: without the style, the script and the tags' attributes."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def sheet_text(path, skip_headers=("Mã tiêu chí",)):
    """Every cell of a workbook, but the columns whose header says they hold codes."""
    cells = []
    for sheet in openpyxl.load_workbook(path).worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        keep = [i for i, h in enumerate(rows[0]) if h not in skip_headers]
        cells += [str(row[i]) for row in rows for i in keep if row[i] is not None]
    return "\n".join(cells)


def docx_text(path):
    document = docx.Document(path)
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("folder", EXAMPLES, ids=lambda p: p.name)
def test_no_id_of_a_phase_criterion_or_unit_kind_in_vietnamese_output(folder, tmp_path):
    campaign = thidua.load_campaign(folder / "campaign.json")
    report = campaign.score(folder / "results.csv", votes=folder / "votes.csv", events=folder / "events.csv")
    ids = ids_of(campaign)
    units = [u["id"] for u in report.units]
    outputs = {
        "table": report.table(lang="vi"),
        "markdown": report.to_markdown(lang="vi", explain=units),
        "explanations": "\n".join(report.explain(u, lang="vi").text for u in units),
    }
    frame = report.to_pandas(lang="vi")
    outputs["reasons and warnings"] = json.dumps(
        [frame["class_reason"].tolist(), frame["award_reasons"].tolist(), frame["warnings"].tolist()],
        ensure_ascii=False)
    report.to_csv(tmp_path / "r.csv", lang="vi")
    outputs["csv"] = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    report.to_excel(tmp_path / "r.xlsx", lang="vi")
    outputs["excel"] = sheet_text(tmp_path / "r.xlsx")
    report.to_html(tmp_path / "r.html", lang="vi")
    outputs["html"] = visible_text((tmp_path / "r.html").read_text(encoding="utf-8"))
    for kind in ("proposal", "minutes", "summary"):
        report.to_docx(tmp_path / f"{kind}.docx", kind=kind, lang="vi")
        outputs[kind] = docx_text(tmp_path / f"{kind}.docx")
    first = report.units[-1]["id"]
    changed = report.what_if({"unit": first, "total_delta": "5"})
    outputs["diff"] = report.diff(changed).to_text(lang="vi") + report.diff(changed).to_markdown(lang="vi")
    assert all(outputs.values())
    found = {name: leaks(text, ids) for name, text in outputs.items() if leaks(text, ids)}
    assert found == {}


def test_a_cluster_goal_is_judged_only_for_the_clusters_it_names():
    folder = ROOT / "docs" / "examples" / "thanh-xuan-2023"
    report = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")
    goals = {c["id"]: [g["id"] for g in c["goals"]] for c in report.clusters}
    assert goals == {"khoi-phuong": ["tot-va-xuat-sac"], "khoi-to-chuc": []}
    table = report.table(lang="vi")
    assert table.count("Mục tiêu:") == 1  # under the wards' block only
    with pytest.raises(thidua.IdError, match="/cluster_goals/0/clusters/0"):
        document = campaign_document(folder)
        document["cluster_goals"][0]["clusters"] = ["khoi-khac"]
        thidua.load_campaign(document)


def campaign_document(folder):
    return json.loads((folder / "campaign.json").read_text(encoding="utf-8"))


def test_phase_labels_name_columns_and_a_campaign_may_give_its_own():
    folder = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    document = campaign_document(folder)
    report = thidua.load_campaign(document).score(folder / "results.json")
    assert "Giai đoạn 1  Giai đoạn 2" in report.table(lang="vi")
    assert "Phase 1  Phase 2" in report.table(lang="en")
    document["phases"][0]["label"] = "Đợt 1"
    relabelled = thidua.load_campaign(document).score(folder / "results.json")
    assert "Đợt 1  Giai đoạn 2" in relabelled.table(lang="vi") and "Đợt 1  Phase 2" in relabelled.table(lang="en")
    assert relabelled.campaign.sha256 != report.campaign.sha256  # the label is part of the campaign


def test_a_unit_kind_is_named_by_its_title_or_not_at_all():
    folder = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    document = campaign_document(folder)
    titled = thidua.load_campaign(document).score(folder / "results.json")
    text = titled.explain("ldld", lang="vi").text
    assert "không áp dụng cho tổ chức thành viên → không tính" in text
    assert "does not apply to a tổ chức thành viên → left out" in titled.explain("ldld", lang="en").text
    del document["unit_kinds"]
    untitled = thidua.load_campaign(document).score(folder / "results.json")
    assert "không áp dụng cho đơn vị này → không tính" in untitled.explain("ldld", lang="vi").text
    assert "member_org" not in untitled.explain("ldld", lang="vi").text
    document["unit_kinds"] = [{"id": "ward", "title": ""}]
    with pytest.raises(thidua.SchemaError, match="/unit_kinds/0/title"):
        thidua.load_campaign(document)
