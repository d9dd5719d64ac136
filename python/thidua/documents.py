"""Word documents a committee files after its review meeting: the proposal for awards (tờ trình đề nghị khen
thưởng), the minutes of the meeting with the vote count (biên bản bình xét, kiểm phiếu) and the summary table of
scores and ranks (bảng tổng hợp), laid out per Decree 30/2020/NĐ-CP.

A document is a docxtpl template (``templates/<kind>.docx``, made by tests/python/make_templates.py, or the user's
own copy) filled with a context of texts: every figure is one the report wrote, every word comes from the message
catalog (``document.*`` and ``label.*``) or from the details the caller gives. Templates render in Jinja's sandbox
with autoescaping: a name such as ``<w:t>x</w:t>`` or ``{{ 7*7 }}`` is shown as written, and a template cannot
reach Python's internals.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._inputs import error
from ._output import whole_file
from ._repr import _clusters
from ._text import LABELS, number, percent, texts

if TYPE_CHECKING:  # pragma: no cover
    from ._data import ReportData

KINDS = ("proposal", "minutes", "summary")

# What a caller may say that the report cannot know; each left out is shown as PLACEHOLDER, to fill in by hand.
DETAILS = ("issuer", "managing_body", "number", "place", "date", "to", "recipients", "authority", "signer",
           "signer_title", "present", "absent", "chair", "secretary")
PLACEHOLDER = "…"

TEMPLATES = Path(__file__).parent / "templates"

# Zip entries are stamped with this time, so that the same input gives the same bytes (the zip format's earliest).
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _given(details: Mapping[str, Any], name: str) -> str:
    value = details.get(name)
    return PLACEHOLDER if value is None or value == "" else str(value)


def _date(value: Any) -> Optional[_dt.date]:
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(str(value))
    except ValueError:
        raise error(_core.SchemaError, f"date {value!r} is not a date YYYY-MM-DD", "document details") from None


def _place_date(words: Dict[str, str], place: str, date: Optional[_dt.date]) -> str:
    """"Hà Nội, ngày 05 tháng 01 năm 2024": the decree writes days below 10 and the months January and February with
    a leading zero."""
    if date is None:
        return words["place_date"].format(place=place, day=PLACEHOLDER, month=PLACEHOLDER, year=PLACEHOLDER)
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return words["place_date"].format(place=place, day=f"{date.day:02d}", month=month, year=date.year)


def _common(data: "ReportData", kind: str, lang: str, details: Mapping[str, Any]) -> Dict[str, Any]:
    """The heading, the title and the signature, which every kind shares."""
    words = texts("document.")[lang]
    symbol = words.get(f"{kind}_symbol")
    recipients = details.get("recipients")
    if isinstance(recipients, str):
        recipients = [recipients]
    return {
        "t": words,
        "campaign": data.campaign.get("title") or data.campaign["id"],
        "managing_body": details.get("managing_body") or "",
        "issuer": _given(details, "issuer"),
        "number_line": words["number"].format(
            number=details.get("number") or (f"{PLACEHOLDER}/{symbol}-{PLACEHOLDER}" if symbol else PLACEHOLDER)),
        "place_date": _place_date(words, _given(details, "place"), _date(details.get("date"))),
        "title": words[f"{kind}_title"],
        "recipients": [str(r) for r in recipients] if recipients else [PLACEHOLDER],
        "authority": details.get("authority") or "",
        "signer_title": _given(details, "signer_title"),
        "signer": _given(details, "signer"),
    }


def _titles(items: Sequence[Mapping[str, Any]]) -> Dict[str, str]:
    return {item["id"]: item.get("title") or item["id"] for item in items}


def _achievements(data: "ReportData", unit: str, lang: str) -> List[str]:
    """What the unit's explanation says of its standing and of each bonus it earned, in its words."""
    steps = data.cpp.explain(unit, lang).steps
    return [s.text for s in steps if s.step == "rank" and s.depth == 0] + \
        [s.text for s in steps if s.step == "bonus" and s.depth == 1]


def _proposal(data: "ReportData", lang: str, details: Mapping[str, Any], context: Dict[str, Any]) -> None:
    """The units with an award, in report order: total, class, awards and achievements."""
    words, labels = context["t"], LABELS[lang]
    classes, awards = _titles(data.campaign["classes"]), _titles(data.campaign.get("awards", []))
    proposed = [u for u in data.rows() if u["awards"]]
    to = _given(details, "to")
    context.update(
        subject=words["proposal_subject"].format(campaign=context["campaign"]),
        to_line=words["to"].format(to=to),
        intro=words["proposal_intro"].format(campaign=context["campaign"], issuer=context["issuer"], n=len(proposed)),
        closing=words["proposal_close"].format(to=to),
        col={"no": words["col_no"], "unit": labels["unit"], "total": labels["total"], "class": labels["class"],
             "awards": labels["awards"], "achievements": words["col_achievements"]},
        units=[{"no": n, "id": u["id"], "name": u["name"] or u["id"], "total": number(u["total"], lang),
                "class": classes[u["class"]], "awards": ", ".join(awards[a] for a in u["awards"]),
                "achievements": _achievements(data, u["id"], lang)} for n, u in enumerate(proposed, start=1)],
    )


def _ballot_groups(data: "ReportData", lang: str, words: Dict[str, str]) -> List[Dict[str, Any]]:
    """The core's ballots, a group per award and cluster in the report's order, each with the award's threshold."""
    awards = {a["id"]: a for a in data.campaign.get("awards", [])}
    clusters = {g["id"]: g.get("name") or g["id"] for g in data.campaign["clusters"]}
    names = dict(zip(data.strings["id"], data.strings["name"]))
    groups: Dict[Tuple[str, Optional[str]], Dict[str, Any]] = {}
    for ballot in data.cpp.ballot_table():
        award = awards[ballot["award"]]
        key = (ballot["award"], ballot["cluster"])
        if key not in groups:
            cluster = clusters[ballot["cluster"]] if ballot["cluster"] else LABELS[lang]["everyone"]
            groups[key] = {"title": words["ballot_group"].format(
                award=award.get("title") or award["id"], cluster=cluster,
                share=percent(award["min_vote_share"], lang)), "rows": []}
        rows = groups[key]["rows"]
        rows.append({"no": len(rows) + 1, "unit": names[ballot["unit"]] or ballot["unit"], "yes": ballot["yes"],
                     "of": ballot["of"], "council": ballot["council"], "share": percent(ballot["share"], lang, 2),
                     "result": words["passed"] if ballot["passed"] else words["not_passed"]})
    return list(groups.values())


def _minutes(data: "ReportData", lang: str, details: Mapping[str, Any], context: Dict[str, Any]) -> None:
    """Attendance, the classes per cluster, the ballots and who receives each award."""
    words, labels = context["t"], LABELS[lang]
    classes, awards = _titles(data.campaign["classes"]), _titles(data.campaign.get("awards", []))
    summaries = data.clusters
    rows = data.rows()
    receivers = []
    for award, title in awards.items():
        names = [u["name"] or u["id"] for u in rows if award in u["awards"]]
        receivers.append(f"{title}: {', '.join(names) if names else words['no_receivers']}")
    context.update(
        subject=words["minutes_subject"].format(campaign=context["campaign"]),
        attendance=words["attendance"].format(present=_given(details, "present"), absent=_given(details, "absent")),
        chair_line=words["chair"].format(name=_given(details, "chair")),
        secretary_line=words["secretary"].format(name=_given(details, "secretary")),
        chair=_given(details, "chair"),
        secretary=_given(details, "secretary"),
        classes=[f"{cluster.heading}: " + ", ".join(f"{classes[k]} {n}" for k, n in summary["class_counts"].items())
                 for cluster, summary in zip(_clusters(data, lang)[0], summaries)],
        col={"no": words["col_no"], "unit": labels["unit"], "yes": words["col_yes"], "of": words["col_of"],
             "council": words["col_council"], "share": words["col_share"], "result": words["col_result"]},
        ballots=_ballot_groups(data, lang, words),
        receivers=receivers,
    )


def _summary(data: "ReportData", lang: str, details: Mapping[str, Any], context: Dict[str, Any]) -> None:
    """The ranked table per cluster, as text, HTML and Markdown show it (rank, unit, numbers, class, awards)."""

    def split(cells: List[str]) -> Dict[str, Any]:
        return {"rank": cells[0], "unit": cells[1], "numbers": cells[2:-2], "class": cells[-2], "awards": cells[-1]}

    context.update(
        subject=context["campaign"],
        clusters=[{"heading": c.heading, "header": split(c.header), "rows": [split(r.cells) for r in c.rows],
                   "goals": c.goals} for c in _clusters(data, lang)[0]],
    )


def context(data: "ReportData", kind: str, lang: str, details: Mapping[str, Any]) -> Dict[str, Any]:
    """What a template of ``kind`` is filled with (docs/python.md lists the names)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be 'proposal', 'minutes' or 'summary', not {kind!r}")
    unknown = sorted(set(details) - set(DETAILS))
    if unknown:
        raise TypeError(f"unknown document details {', '.join(unknown)} (details: {', '.join(DETAILS)})")
    out = _common(data, kind, lang, details)
    {"proposal": _proposal, "minutes": _minutes, "summary": _summary}[kind](data, lang, details, out)
    return out


def write_docx(data: "ReportData", path: Union[str, "os.PathLike[str]"], kind: str, lang: str,
               details: Mapping[str, Any], template: Optional[Union[str, "os.PathLike[str]"]] = None) -> None:
    """Fills the template of ``kind`` (or ``template``) and writes ``path`` whole, the same bytes for the same
    input: the zip entries and the core properties carry fixed times (the document's date, else the campaign's
    end)."""
    import docxtpl
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    filled = context(data, kind, lang, details)
    source = Path(template) if template is not None else TEMPLATES / f"{kind}.docx"
    name = os.fspath(source)
    try:
        document = docxtpl.DocxTemplate(source)
        document.init_docx()
    except OSError as exc:
        raise error(_core.ParseError, f"cannot read the template: {exc.strerror or exc}", name) from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise error(_core.ParseError, f"not a Word document (.docx): {exc}", name) from None
    # StrictUndefined: a misspelt name in a template stops the rendering instead of leaving a blank.
    environment = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    try:
        document.render(filled, environment, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise error(_core.ParseError, f"template syntax: {exc.message}", name) from None
    except jinja2.exceptions.SecurityError as exc:
        raise error(_core.SchemaError, f"the template is refused by the sandbox: {exc}", name) from None
    except jinja2.TemplateError as exc:
        raise error(_core.SchemaError, f"the template cannot be filled: {exc}", name) from None
    for table in document.docx.tables:
        _fit_grid(table._tbl)
    stamp = _date(details.get("date")) or _dt.date.fromisoformat(data.campaign["end"])
    properties = document.docx.core_properties
    properties.created = properties.modified = _dt.datetime(stamp.year, stamp.month, stamp.day)
    properties.revision = 1
    properties.title = f"{filled['title']} {filled.get('subject', '')}".strip()
    properties.last_modified_by = "thidua"
    buffer = io.BytesIO()
    document.save(buffer)
    with whole_file(path) as temporary, zipfile.ZipFile(buffer) as made, \
            zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as out:
        for entry in made.infolist():
            out.writestr(zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME), made.read(entry),
                         compress_type=zipfile.ZIP_DEFLATED)


def _fit_grid(table: Any) -> None:
    """Sets a table's grid to its cells' widths, scaled to the table's width. A docxtpl column loop (``{%tc %}``)
    repeats a cell and appends columns to the end of the grid, so the grid, which LibreOffice lays the table out by,
    no longer matches the cells; Word reads the cells' own widths."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = table.find(f"{w}tblGrid")
    rows = table.findall(f"{w}tr")
    if grid is None or not rows:
        return
    cells = max((row.findall(f"{w}tc") for row in rows), key=len)
    widths = [cell.find(f"{w}tcPr/{w}tcW") for cell in cells]
    if any(width is None or cell.find(f"{w}tcPr/{w}gridSpan") is not None for width, cell in zip(widths, cells)):
        return
    wanted = [int(width.get(f"{w}w")) for width in widths]
    total = sum(int(column.get(f"{w}w")) for column in grid.findall(f"{w}gridCol"))
    for column in grid.findall(f"{w}gridCol"):
        grid.remove(column)
    for width in wanted:
        grid.append(grid.makeelement(f"{w}gridCol", {f"{w}w": str(width * total // sum(wanted))}))


def convert(paths: Sequence[Union[str, "os.PathLike[str]"]], folder: Union[str, "os.PathLike[str]"],
            to: str = "pdf") -> None:
    """Converts Word files with LibreOffice (``soffice --headless --convert-to``) into ``folder``, in one run;
    ``to="png"`` renders each first page. A private LibreOffice profile lets runs go side by side."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise OSError("LibreOffice (soffice) is needed to convert a document; install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="thidua-soffice-") as profile:
        run = subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                              "--convert-to", to, "--outdir", os.fspath(folder), *[os.fspath(p) for p in paths]],
                             capture_output=True, text=True, timeout=300)
    missing = [p for p in paths if not (Path(folder) / (Path(p).stem + "." + to)).exists()]
    if run.returncode or missing:
        raise OSError(f"LibreOffice could not convert {', '.join(os.fspath(p) for p in missing or paths)}: "
                      f"{run.stderr.strip() or run.stdout.strip()}")
