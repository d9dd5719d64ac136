"""Word documents (thidua.documents, Report.to_docx, `thidua document`): read back with python-docx against the
report's own figures, byte for byte reproducible, rendered in Jinja's sandbox, and converted by LibreOffice."""

import json
import shutil
import struct
import subprocess
import zipfile

import docx
import pytest

import thidua
from thidua._text import LABELS, number, percent, texts
from thidua.cli import main
from thidua.documents import KINDS, PLACEHOLDER, TEMPLATES, convert

import make_templates
from helpers import ROOT

EXAMPLES = sorted(p.parent.name for p in (ROOT / "docs" / "examples").glob("*/votes.csv"))
WORDS = texts("document.")
DETAILS = {"issuer": "Cụm thi đua số 1", "managing_body": "Ủy ban MTTQ Việt Nam tỉnh", "number": "12/TTr-CTĐ",
           "place": "Hà Nội", "date": "2024-01-05", "to": "Hội đồng Thi đua - Khen thưởng", "authority": "TM. Cụm",
           "recipients": ["Ban Thi đua", "Các đơn vị"], "signer": "Nguyễn Văn A", "signer_title": "Cụm trưởng",
           "present": 9, "absent": 1, "chair": "Lê Văn C", "secretary": "Trần Thị B"}


def scored(example):
    folder = ROOT / "docs" / "examples" / example
    campaign = thidua.load_campaign(folder / "campaign.json")
    return campaign.score(folder / "results.csv", votes=folder / "votes.csv", events=folder / "events.csv")


def text_of(document):
    """Every paragraph of the body and of its tables' cells, in order."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def titles(items):
    return {item["id"]: item.get("title") or item["id"] for item in items}


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_kind_carries_the_national_layout_the_details_and_the_reports_figures(example, tmp_path):
    assert len(EXAMPLES) == 5
    report = scored(example)
    c = report.campaign._dict
    classes, awards = titles(c["classes"]), titles(c["awards"])
    words, labels = WORDS["vi"], LABELS["vi"]
    for kind in KINDS:
        path = tmp_path / f"{kind}.docx"
        report.to_docx(path, kind, **DETAILS)
        document = docx.Document(path)
        lines = text_of(document)
        heading = rows(document.tables[0])[0]
        assert heading[0].split("\n") == ["ỦY BAN MTTQ VIỆT NAM TỈNH", "CỤM THI ĐUA SỐ 1", "Số: 12/TTr-CTĐ"]
        assert heading[1].split("\n") == [words["national_name"], words["motto"], "Hà Nội, ngày 05 tháng 01 năm 2024"]
        motto = document.tables[0].rows[0].cells[1].paragraphs[1].runs[0]
        assert motto.bold and motto.underline
        assert words[f"{kind}_title"] in lines
        signature = rows(document.tables[-1])[0]
        section = document.sections[0]
        assert (round(section.left_margin.mm), round(section.right_margin.mm), round(section.top_margin.mm)) == (30, 15, 20)
        assert document.styles["Normal"].font.name == "Times New Roman"
        if kind == "minutes":
            assert signature[0].split("\n")[-1] == "Trần Thị B" and signature[1].split("\n")[-1] == "Lê Văn C"
            assert words["attendance"].format(present=9, absent=1) in lines
        else:
            assert signature[0].split("\n") == [words["recipients"], "- Ban Thi đua;", "- Các đơn vị;",
                                                f"- {words['archive']}"]
            assert signature[1].split("\n") == ["TM. CỤM", "CỤM TRƯỞNG", "", "", "", "Nguyễn Văn A"]
        proposed = [u for u in report.units if u["awards"]]
        if kind == "proposal":
            table = rows(document.tables[1])
            assert table[0] == [words["col_no"], labels["unit"], labels["total"], labels["class"], labels["awards"],
                                words["col_achievements"]]
            assert proposed and [r[:5] for r in table[1:]] == [
                [str(n), u["name"], number(u["total"], "vi"), classes[u["class"]],
                 ", ".join(awards[a] for a in u["awards"])] for n, u in enumerate(proposed, start=1)]
            for row, unit in zip(table[1:], proposed):  # the explanation's own sentences
                rank = next(s for s in report.explain(unit["id"]).steps if s["step"] == "rank")
                assert row[5].split("\n")[0] == rank["text"]
            assert words["to"].format(to=DETAILS["to"]) in lines
        if kind == "minutes":
            ballots = report.to_pandas("ballots", exact=True)
            names = {u["id"]: u["name"] for u in report.units}
            got = [r for table in document.tables[1:-1] for r in rows(table)[1:]]
            assert len(ballots) > 0 and [r[1:] for r in got] == [
                [names[b.unit], str(b.yes), str(b.of), str(b.council), percent(str(b.share), "vi", 2),
                 words["passed"] if b.passed else words["not_passed"]] for b in ballots.itertuples()]
            for award, title in awards.items():
                receivers = ", ".join(u["name"] for u in report.units if award in u["awards"]) or words["no_receivers"]
                assert f"- {title}: {receivers}" in lines
        if kind == "summary":
            got = [r for table in document.tables[1:-1] for r in rows(table)[1:]]
            assert [(r[0], r[1], r[-3], r[-2], r[-1]) for r in got] == [
                (str(u["cluster_rank"]), u["name"], number(u["total"], "vi"), classes[u["class"]],
                 ", ".join(awards[a] for a in u["awards"])) for u in report.units]
            assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE


def test_the_cli_writes_each_kind_as_the_library_does(tmp_path, capsys):
    for example in EXAMPLES:
        folder = ROOT / "docs" / "examples" / example
        report = scored(example)
        for kind in KINDS:
            out = tmp_path / f"{example}-{kind}.docx"
            code = main(["document", kind, str(folder / "campaign.json"), str(folder / "results.csv"), "--votes",
                         str(folder / "votes.csv"), "--events", str(folder / "events.csv"), "-o", str(out),
                         "--place", "Hà Nội", "--date", "2024-01-05", "--signer", "Nguyễn Văn A", "--recipient",
                         "Ban Thi đua", "--recipient", "Các đơn vị", "--present", "9"])
            assert code == 0 and capsys.readouterr().err == f"thidua: wrote {out}\n"
            expected = tmp_path / "expected.docx"
            report.to_docx(expected, kind, place="Hà Nội", date="2024-01-05", signer="Nguyễn Văn A",
                           recipients=["Ban Thi đua", "Các đơn vị"], present=9)
            assert out.read_bytes() == expected.read_bytes()


def test_the_same_input_gives_the_same_bytes_and_placeholders_stand_for_what_is_left_out(tmp_path):
    report = scored("ha-noi-cum-1-2022")
    report.to_docx(tmp_path / "a.docx", "minutes")
    report.to_docx(tmp_path / "b.docx", "minutes")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()
    document = docx.Document(tmp_path / "a.docx")
    heading = rows(document.tables[0])[0]
    assert heading[0].split("\n") == [PLACEHOLDER, "Số: …/BB-…"]
    assert heading[1].split("\n")[-1] == "…, ngày … tháng … năm …"
    assert document.core_properties.created.date().isoformat() == report.campaign._dict["end"]


def test_a_document_in_english_takes_the_english_words(tmp_path):
    report = scored("thanh-xuan-2023")
    report.to_docx(tmp_path / "s.docx", "summary", lang="en", place="Hanoi", date="2024-03-15")
    lines = text_of(docx.Document(tmp_path / "s.docx"))
    assert {WORDS["en"]["national_name"], WORDS["en"]["motto"], "Hanoi, 15/3/2024", WORDS["en"]["summary_title"]} \
        <= set(lines)
    assert LABELS["en"]["total"] in lines


def test_names_with_markup_formulas_and_template_tags_are_shown_as_written(tmp_path):
    folder = ROOT / "docs" / "examples" / "ha-noi-cum-1-2022"
    c = json.loads((folder / "campaign.json").read_text(encoding="utf-8"))
    names = ["<w:t>x</w:t>", '=HYPERLINK("http://x","y")', "{{ 7*7 }}", "{% raw %}&amp;"]
    for unit, name in zip(c["units"], names):
        unit["name"] = name
    report = thidua.load_campaign(c).score(folder / "results.csv", votes=folder / "votes.csv",
                                            events=folder / "events.csv")
    for kind in KINDS:
        report.to_docx(tmp_path / f"{kind}.docx", kind)
        lines = text_of(docx.Document(tmp_path / f"{kind}.docx"))
        shown = [name for name in names if name in lines]
        # The proposal lists the units with an award: Ba Đình, Hoàn Kiếm and Đống Đa (the 1st, 3rd and 4th).
        assert shown == ([names[0], names[2], names[3]] if kind == "proposal" else names)


def user_template(tmp_path, text):
    document = docx.Document(TEMPLATES / "summary.docx")
    document.add_paragraph(text)
    path = tmp_path / "mine.docx"
    document.save(path)
    return path


def test_a_users_template_renders_in_the_sandbox(tmp_path):
    report = scored("ha-noi-cum-1-2022")
    fine = user_template(tmp_path, "{{ campaign|upper }} — {{ clusters|length }}")
    report.to_docx(tmp_path / "ok.docx", "summary", template=fine)
    assert "GIAO ƯỚC THI ĐUA NĂM 2022 — CỤM THI ĐUA SỐ 1, ỦY BAN MTTQ VIỆT NAM THÀNH PHỐ HÀ NỘI — 1" in text_of(
        docx.Document(tmp_path / "ok.docx"))
    for text in ("{{ ''.__class__.__mro__ }}", "{{ cycler.__init__.__globals__ }}"):
        evil = user_template(tmp_path, text)
        with pytest.raises(thidua.SchemaError, match=r"mine\.docx: the template is refused by the sandbox: access "
                                                     r"to attribute '__\w+__' of '\w+' object is unsafe"):
            report.to_docx(tmp_path / "evil.docx", "summary", template=evil)
    assert not (tmp_path / "evil.docx").exists()
    with pytest.raises(thidua.SchemaError, match=r"mine\.docx: the template cannot be filled: 'nope' is undefined"):
        report.to_docx(tmp_path / "x.docx", "summary", template=user_template(tmp_path, "{{ nope }}"))
    with pytest.raises(thidua.ParseError, match=r"mine\.docx: template syntax"):
        report.to_docx(tmp_path / "x.docx", "summary", template=user_template(tmp_path, "{% for %}"))
    (tmp_path / "text.docx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(thidua.ParseError, match=r"text\.docx: not a Word document"):
        report.to_docx(tmp_path / "x.docx", "summary", template=tmp_path / "text.docx")


def test_the_cli_refuses_an_unsafe_template_with_exit_code_1(tmp_path, capsys):
    folder = ROOT / "docs" / "examples" / "ha-noi-cum-1-2022"
    evil = user_template(tmp_path, "{{ ''.__class__.__mro__ }}")
    code = main(["document", "summary", str(folder / "campaign.json"), str(folder / "results.json"), "-o",
                 str(tmp_path / "out.docx"), "--template", str(evil)])
    assert code == 1 and "the template is refused by the sandbox" in capsys.readouterr().err
    assert main(["document", "summary", str(folder / "campaign.json"), "-o", str(tmp_path / "o.txt")]) == 2


def test_unknown_details_kinds_and_dates_are_refused(tmp_path):
    report = scored("ha-noi-cum-1-2022")
    with pytest.raises(TypeError, match="unknown document details signature"):
        report.to_docx(tmp_path / "x.docx", "proposal", signature="A")
    with pytest.raises(ValueError, match="kind must be 'proposal', 'minutes' or 'summary', not 'letter'"):
        report.to_docx(tmp_path / "x.docx", "letter")
    with pytest.raises(thidua.SchemaError, match="date '5/1/2024' is not a date YYYY-MM-DD"):
        report.to_docx(tmp_path / "x.docx", "proposal", date="5/1/2024")


def test_the_committed_templates_are_what_make_templates_makes(tmp_path):
    make_templates.main(tmp_path)
    for kind in KINDS:
        with zipfile.ZipFile(TEMPLATES / f"{kind}.docx") as committed, zipfile.ZipFile(tmp_path / f"{kind}.docx") as made:
            for part in ("word/document.xml", "word/styles.xml", "word/settings.xml"):
                assert committed.read(part) == made.read(part), f"{kind}.docx {part}: run tests/python/make_templates.py"


def png_size(path):
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_libreoffice_renders_each_kind_to_pdf_and_a_png_of_its_first_page(tmp_path):
    report = scored("hong-linh-dot-dac-biet-2024")
    paths = []
    for kind in KINDS:
        paths.append(tmp_path / f"{kind}.docx")
        report.to_docx(paths[-1], kind, **DETAILS)
    convert(paths, tmp_path)  # one LibreOffice run for the three
    for kind in KINDS:
        pdf = tmp_path / f"{kind}.pdf"
        info = subprocess.run([shutil.which("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))
        assert pages >= 1 and "A4" in info
        subprocess.run([shutil.which("pdftoppm"), "-png", "-r", "50", "-singlefile", str(pdf), str(tmp_path / kind)],
                       check=True)
        width, height = png_size(tmp_path / f"{kind}.png")
        # A4 at 50 dpi: 8.27 × 11.69 inches, 414 × 585 pixels; landscape for the summary
        assert (width, height) == ((585, 414) if kind == "summary" else (414, 585))
        assert (tmp_path / f"{kind}.png").stat().st_size > 10_000
