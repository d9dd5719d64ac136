"""The documentation site (docs/conf.py) builds with Sphinx and Doxygen, warnings as errors, and holds what a reader
looks for: every page, every public Python name, every documented C and C++ name, the notebook's outputs, links that
lead somewhere. Run by the docs_site CTest test (marker `site`), not by the pytest one: the build takes half a
minute."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

import thidua

from helpers import ROOT

pytestmark = pytest.mark.site

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site as `make docs` builds it, in a scratch folder: the HTML, and beside it Doxygen's XML."""
    out = tmp_path_factory.mktemp("site")
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "sphinx", "-W", "--keep-going", "-E", "-q", "-b", "html",
                          "-d", str(out / "doctrees"), str(DOCS), str(out / "html")],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == "", run.stderr  # -q leaves only the warnings
    return out


class Page(HTMLParser):
    """The ids, links and text of one HTML page."""

    def __init__(self, path):
        super().__init__()
        self.ids, self.links, self.images, self.words = set(), [], [], []
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "img":
            self.images.append(attrs["src"])

    def handle_data(self, data):
        self.words.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.words).split())


def pages(html):
    return {path.relative_to(html).as_posix(): path for path in html.rglob("*.html")}


def test_the_site_builds_and_the_index_leads_to_every_page(site):
    index = Page(site / "html" / "index.html")
    assert "thidua scores Vietnamese emulation movements" in index.text
    markdown = {p.relative_to(DOCS).with_suffix(".html").as_posix() for p in DOCS.rglob("*.md")
                if "cpp-consumer" not in p.parts}
    pages_found = set(pages(site / "html"))
    assert markdown <= pages_found  # every Markdown page of docs/ is a page of the site
    assert "examples/notebooks/quickstart.html" in pages_found
    # The index's navigation reaches every page but the C++ headers' (those hang below the C++ API page).
    navigation = {link.split("#")[0] for link in index.links if not link.startswith(("http", "#"))}
    assert {page for page in markdown if not page.startswith("api/cpp/")} - {"index.html"} <= navigation
    assert "examples/notebooks/quickstart.html" in navigation


def test_links_between_pages_lead_to_a_page_and_an_anchor(site):
    html = site / "html"
    parsed = {name: Page(path) for name, path in pages(html).items() if not name.startswith(("_", "genindex"))}
    checked = 0
    for name, page in parsed.items():
        for link in page.links:
            if link.startswith(("http:", "https:", "mailto:")) or link.startswith("_"):
                continue
            target, _, anchor = link.partition("#")
            target_name = (Path(name).parent / target).as_posix() if target else name
            target_name = os.path.normpath(target_name)
            if not target_name.endswith(".html") or target_name.startswith(("_", "genindex", "search", "py-modindex")):
                continue
            assert target_name in parsed, f"{name} links to {link}, which is not a page"
            assert not anchor or anchor in parsed[target_name].ids, f"{name} links to {link}: no such anchor"
            checked += 1
    assert checked > 500
    # The links of the Markdown pages to each other are among them, anchors included: docs/format.md's link to
    # docs/semantics.md#17-earlier-years leads to the section (whose HTML id drops the number).
    assert "semantics.html#earlier-years" in parsed["format.html"].links


def test_the_python_api_page_documents_every_public_name(site):
    page = Page(site / "html" / "api" / "python.html")
    expected = {f"thidua.{name}" for name in thidua.__all__ if name != "legal"}
    assert expected <= page.ids, sorted(expected - page.ids)
    assert "module-thidua.legal" in page.ids
    # Methods and properties too, with the text of their docstrings (napoleon renders the numpy sections).
    assert {"thidua.Campaign.score", "thidua.Report.to_pandas", "thidua.Report.explain"} <= page.ids
    assert "A validated campaign, compiled for scoring." in page.text


def documented_names(xml):
    """The Doxygen ids (refids) of every documented public name of the XML: classes, and their members and the
    namespaces' and files' members that are not private (docs/conf.py drops those)."""
    names = {}
    for path in xml.glob("*.xml"):
        if path.name in ("index.xml", "Doxyfile.xml"):
            continue
        for compound in ET.parse(path).getroot().iter("compounddef"):
            kind = compound.get("kind")
            name = compound.findtext("compoundname")
            if kind in ("class", "struct", "union"):
                names[compound.get("id")] = name
            for member in compound.iter("memberdef"):
                if member.get("prot") == "private":
                    continue
                names[member.get("id")] = f"{name}::{member.findtext('name')}"
    return names


def test_the_cpp_and_c_api_pages_show_every_header_and_every_documented_name(site):
    html = site / "html"
    headers = sorted(p.relative_to(ROOT / "include" / "thidua") for p in (ROOT / "include" / "thidua").rglob("*.hpp")
                     if "detail" not in p.parts)
    header_pages = {Path("api/cpp") / h.with_suffix(".html") for h in headers}
    assert len(headers) > 30 and all((html / page).is_file() for page in header_pages)
    api = [Page(html / page) for page in sorted(header_pages)] + [Page(html / "api" / "c.html")]
    ids = set().union(*(page.ids for page in api))
    names = documented_names(site / "doxygen" / "xml")
    assert "thidua::report::total" in names.values() and "thidua_score_json" in {n.split("::")[-1]
                                                                                  for n in names.values()}
    missing = sorted(name for refid, name in names.items() if refid not in ids)
    assert not missing, f"not on any page of the API: {missing}"
    assert not any("detail" in name.split("::") for name in names.values())
    report = Page(html / "api" / "cpp" / "report" / "report.html")
    assert "total: base + bonus − penalty, at least 0." in report.text
    assert "days_" not in Page(html / "api" / "cpp" / "core" / "date.html").text  # private members stay out


def test_the_notebook_page_shows_the_outputs_of_its_run(site):
    page = Page(site / "html" / "examples" / "notebooks" / "quickstart.html")
    assert "Ủy ban MTTQ phường Bắc Hồng" in page.text  # the ranked table and the DataFrame
    assert "Traceback" not in page.text
    assert any(src.endswith(".png") for src in page.images)  # the ranking plot
    # The leading ward's explanation, in English.
    assert "Ủy ban MTTQ phường Bắc Hồng (Khối Ủy ban MTTQ các phường, xã): total 101.23, rank 1 of 6" in page.text
