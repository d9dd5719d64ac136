"""python/thidua/templates/{proposal,minutes,summary}.docx: the Word templates of Report.to_docx, made here with
python-docx so that their source is text a reviewer can read.

Run after changing this file, then commit the three .docx files:

    /usr/bin/python3 tests/python/make_templates.py

With ``--images`` (and the package built), it also writes docs/images/{proposal,minutes,summary}.png: the Hà Nội
example's documents written by the command line, converted by LibreOffice and their first pages rendered by
pdftoppm (poppler-utils):

    PYTHONPATH=build/dev/python /usr/bin/python3 tests/python/make_templates.py --images

test_documents.py makes them again and fails when their text and structure differ from the committed files.

The layout follows Decree 30/2020/NĐ-CP (Appendix I): A4, Times New Roman 13–14 pt, margins 20 mm top and bottom,
30 mm left, 15 mm right; a top table with the issuing body and the document's number on the left, the national
name, the motto (underlined) and the place and date (italic) on the right; the title centred in bold; then the
recipients (bottom left, "Nơi nhận:" bold italic) and the signature (bottom right). Every word comes from the
context that thidua.documents builds (the message catalog and the report): a template holds layout and docxtpl tags
only, so one template serves both languages. A user may copy one, restyle it and pass it as ``template=``.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, Optional, Tuple

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FOLDER = Path(__file__).resolve().parents[2] / "python" / "thidua" / "templates"
KINDS = ("proposal", "minutes", "summary")
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def _page(document: docx.document.Document, landscape: bool) -> float:
    """A4 with the decree's margins; returns the text width in mm."""
    section = document.sections[0]
    width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")  # Vietnamese runs may be tagged East Asian
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(3)
    return (297 if landscape else 210) - 45


def _line(container, text: str, *, bold: bool = False, italic: bool = False, underline: bool = False,
          size: Optional[float] = None, align=None, indent: bool = False):
    """A paragraph of one run (a docxtpl tag stays whole in one run)."""
    paragraph = container.add_paragraph()
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size:
        run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    return paragraph



def _bullets(document, name):
    """A paragraph per item of the list ``name``, each "- item", indented."""
    _line(document, f"{{%p for line in {name} %}}")
    _line(document, "- {{ line }}", indent=True)
    _line(document, "{%p endfor %}")

def _cell(cell, lines: Iterable[str], **style) -> None:
    """Fills a cell with a paragraph per line (the cell's own first paragraph takes the first)."""
    first = True
    for text in lines:
        if first:
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(text)
            run.bold, run.italic = style.get("bold") or None, style.get("italic") or None
            if style.get("size"):
                run.font.size = Pt(style["size"])
            if style.get("align") is not None:
                paragraph.alignment = style["align"]
            first = False
        else:
            _line(cell, text, **style)


def _widths(table, widths_mm: Iterable[float]) -> None:
    """Column widths, in the table's grid (which LibreOffice reads) and in each cell (which Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _heading(document, width: float) -> None:
    """The top table: issuing body and number left, national name, motto, place and date right."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [width * 0.4, width * 0.6])
    left, right = table.rows[0].cells
    _cell(left, ["{%p if managing_body %}"], align=CENTER)
    _line(left, "{{ managing_body|upper }}", size=12, align=CENTER)
    _line(left, "{%p endif %}", align=CENTER)
    _line(left, "{{ issuer|upper }}", bold=True, size=12, align=CENTER)
    _line(left, "{{ number_line }}", align=CENTER)
    _cell(right, ["{{ t.national_name }}"], bold=True, size=12, align=CENTER)
    _line(right, "{{ t.motto }}", bold=True, underline=True, align=CENTER)
    _line(right, "{{ place_date }}", italic=True, align=CENTER)
    _line(document, "")


def _title(document, lines: Iterable[str]) -> None:
    for text in lines:
        _line(document, text, bold=True, size=14, align=CENTER)
    _line(document, "")


def _data_table(document, header: Iterable[str], row: Iterable[str], loop: str, widths: Iterable[float],
                aligns: Iterable) -> None:
    """A bordered table: a header row, then ``row`` repeated by the docxtpl row loop ``loop``. A cell of ``row``
    starting with ``{%p`` is a paragraph loop: its lines go to paragraphs of their own."""
    header, row, aligns = list(header), list(row), list(aligns)
    table = document.add_table(rows=4, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, [text], bold=True, size=12, align=CENTER)
    _cell(table.rows[1].cells[0], [f"{{%tr for {loop} %}}"])
    for cell, text, align in zip(table.rows[2].cells, row, aligns):
        _cell(cell, text.split("\n"), size=12, align=align)
    _cell(table.rows[3].cells[0], ["{%tr endfor %}"])


def _signature(document, width: float, left: Iterable[Tuple[str, Dict[str, Any]]],
               right: Iterable[Tuple[str, Dict[str, Any]]]) -> None:
    """The bottom table: recipients (or a second signature) left, the signature right."""
    _line(document, "")
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [width * 0.45, width * 0.55])
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        for n, (text, style) in enumerate(lines):
            if n == 0:
                _cell(cell, [text], **style)
            else:
                _line(cell, text, **style)


RECIPIENTS = [("{{ t.recipients }}", {"bold": True, "italic": True, "size": 12}),
              ("{%p for name in recipients %}", {"size": 11}),
              ("- {{ name }};", {"size": 11}),
              ("{%p endfor %}", {"size": 11}),
              ("- {{ t.archive }}", {"size": 11})]


def _signer(authority: str, title: str, name: str):
    return [("{%p if " + authority + " %}", {"align": CENTER}),
            ("{{ " + authority + "|upper }}", {"bold": True, "align": CENTER}),
            ("{%p endif %}", {"align": CENTER}),
            ("{{ " + title + "|upper }}", {"bold": True, "align": CENTER}),
            ("", {}), ("", {}), ("", {}),
            ("{{ " + name + " }}", {"bold": True, "align": CENTER})]


def proposal() -> docx.document.Document:
    document = docx.Document()
    width = _page(document, landscape=False)
    _heading(document, width)
    _title(document, ["{{ title }}", "{{ subject }}"])
    _line(document, "{{ to_line }}", align=CENTER)
    _line(document, "{{ intro }}", align=JUSTIFY, indent=True)
    _line(document, "{%p if units %}")
    _data_table(document, ["{{ col.no }}", "{{ col.unit }}", "{{ col.total }}", "{{ col.class }}",
                           "{{ col.awards }}", "{{ col.achievements }}"],
                ["{{ u.no }}", "{{ u.name }}", "{{ u.total }}", "{{ u.class }}", "{{ u.awards }}",
                 "{%p for line in u.achievements %}\n{{ line }}\n{%p endfor %}"],
                "u in units", [11, 36, 17, 24, 27, width - 115], [CENTER, None, RIGHT, None, None, None])
    _line(document, "{%p else %}")
    _line(document, "{{ t.no_units }}", indent=True)
    _line(document, "{%p endif %}")
    _line(document, "{{ closing }}", align=JUSTIFY, indent=True)
    _signature(document, width, RECIPIENTS, _signer("authority", "signer_title", "signer"))
    return document


def minutes() -> docx.document.Document:
    document = docx.Document()
    width = _page(document, landscape=False)
    _heading(document, width)
    _title(document, ["{{ title }}", "{{ subject }}"])
    for text in ("{{ attendance }}", "{{ chair_line }}", "{{ secretary_line }}"):
        _line(document, text, indent=True)
    _line(document, "1. {{ t.classes }}", bold=True)
    _bullets(document, "classes")
    _line(document, "2. {{ t.ballots }}", bold=True)
    _line(document, "{%p for group in ballots %}")
    _line(document, "{{ group.title }}", italic=True, indent=True)
    _data_table(document, ["{{ col.no }}", "{{ col.unit }}", "{{ col.yes }}", "{{ col.of }}", "{{ col.council }}",
                           "{{ col.share }}", "{{ col.result }}"],
                ["{{ b.no }}", "{{ b.unit }}", "{{ b.yes }}", "{{ b.of }}", "{{ b.council }}", "{{ b.share }}",
                 "{{ b.result }}"],
                "b in group.rows", [12, width - 116, 18, 18, 22, 24, 22], [CENTER, None, RIGHT, RIGHT, RIGHT, RIGHT,
                                                                          CENTER])
    _line(document, "{%p endfor %}")
    _line(document, "{%p if not ballots %}")
    _line(document, "{{ t.no_ballots }}", indent=True)
    _line(document, "{%p endif %}")
    _line(document, "3. {{ t.receivers }}", bold=True)
    _bullets(document, "receivers")
    _line(document, "{{ t.minutes_close }}", indent=True)
    _signature(document, width, [("{{ t.secretary_sign }}", {"bold": True, "align": CENTER}),
                                 ("", {}), ("", {}), ("", {}),
                                 ("{{ secretary }}", {"bold": True, "align": CENTER})],
               [("{{ t.chair_sign }}", {"bold": True, "align": CENTER}),
                ("", {}), ("", {}), ("", {}),
                ("{{ chair }}", {"bold": True, "align": CENTER})])
    return document


def summary() -> docx.document.Document:
    document = docx.Document()
    width = _page(document, landscape=True)  # the decree allows landscape for a table
    _heading(document, width)
    _title(document, ["{{ title }}", "{{ subject }}"])
    _line(document, "{%p for cluster in clusters %}")
    _line(document, "{{ cluster.heading }}", bold=True)
    table = document.add_table(rows=4, cols=7)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # The loop's two tag cells go away and the number cell is repeated once per number; thidua.documents then scales
    # the cells to the grid's width, which the tag cells' widths fill up to the text width.
    _widths(table, [15, 55, (width - 190) / 2, 20, (width - 190) / 2, 45, 55])
    header = ["{{ cluster.header.rank }}", "{{ cluster.header.unit }}", "{%tc for h in cluster.header.numbers %}",
              "{{ h }}", "{%tc endfor %}", "{{ cluster.header.class }}", "{{ cluster.header.awards }}"]
    row = ["{{ r.rank }}", "{{ r.unit }}", "{%tc for n in r.numbers %}", "{{ n }}", "{%tc endfor %}",
           "{{ r.class }}", "{{ r.awards }}"]
    for cell, text in zip(table.rows[0].cells, header):
        _cell(cell, [text], bold=True, size=12, align=CENTER)
    _cell(table.rows[1].cells[0], ["{%tr for r in cluster.rows %}"])
    for cell, text, align in zip(table.rows[2].cells, row, [CENTER, None, None, RIGHT, None, None, None]):
        _cell(cell, [text], size=12, align=align)
    _cell(table.rows[3].cells[0], ["{%tr endfor %}"])
    _line(document, "{%p for goal in cluster.goals %}")
    _line(document, "{{ goal }}", italic=True)
    _line(document, "{%p endfor %}")
    _line(document, "{%p endfor %}")
    _signature(document, width, RECIPIENTS, _signer("authority", "signer_title", "signer"))
    return document


def make(kind: str) -> docx.document.Document:
    """The template of ``kind``, with fixed core properties (the committed file does not change when remade)."""
    document = {"proposal": proposal, "minutes": minutes, "summary": summary}[kind]()
    properties = document.core_properties
    properties.author = properties.last_modified_by = "thidua"
    properties.title = kind
    properties.created = properties.modified = datetime.datetime(2024, 1, 1)
    properties.revision = 1
    return document


def main(folder: Path = FOLDER) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for kind in KINDS:
        make(kind).save(folder / f"{kind}.docx")


# What the pictures of docs/python.md show: the Hà Nội example, with the details a cluster would give.
IMAGE_DETAILS = ["--issuer", "Cụm thi đua số 1", "--managing-body", "Ủy ban MTTQ Việt Nam thành phố Hà Nội",
                 "--place", "Hà Nội", "--date", "2023-01-05", "--to", "Hội đồng Thi đua - Khen thưởng Thành phố",
                 "--authority", "TM. Cụm thi đua", "--signer", "Nguyễn Văn A", "--signer-title", "Cụm trưởng",
                 "--recipient", "Ban Thường trực Ủy ban MTTQ Thành phố", "--recipient", "Các đơn vị trong cụm",
                 "--present", "6", "--absent", "0", "--chair", "Nguyễn Văn A", "--secretary", "Trần Thị B"]


def images(folder: Path = FOLDER.parents[2] / "docs" / "images") -> None:
    import subprocess
    import tempfile

    from thidua.cli import main as thidua
    from thidua.documents import convert

    example = FOLDER.parents[2] / "docs" / "examples" / "ha-noi-cum-1-2022"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        words = [Path(scratch) / f"{kind}.docx" for kind in KINDS]
        for kind, word in zip(KINDS, words):
            assert thidua(["document", kind, str(example / "campaign.json"), str(example / "results.csv"), "--votes",
                           str(example / "votes.csv"), "--events", str(example / "events.csv"), "-o", str(word),
                           *IMAGE_DETAILS]) == 0
        convert(words, scratch)
        for word in words:
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-singlefile", str(word.with_suffix(".pdf")),
                            str(folder / word.stem)], check=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--images"]:
        images()
    else:
        main(Path(sys.argv[1]) if len(sys.argv) > 1 else FOLDER)
