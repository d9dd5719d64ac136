"""The README's examples are the files the tests build and run, word for word."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl

import thidua

from helpers import ROOT


def readme_block(name):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- example:{name} -->\n```\w+\n(.*?)```\n<!-- /example:{name} -->", text, re.S)
    assert match, f"README has no {name} example"
    return match.group(1)


def test_the_readme_cpp_example_is_the_consumer_source():
    source = (ROOT / "docs" / "examples" / "cpp-consumer" / "quickstart.cpp").read_text(encoding="utf-8")
    assert readme_block("cpp") == source
    assert len(source.splitlines()) <= 16


def test_the_readme_python_example_is_the_quickstart_and_runs():
    path = ROOT / "docs" / "examples" / "python" / "quickstart.py"
    source = path.read_text(encoding="utf-8")
    assert readme_block("python") == source
    assert len(source.splitlines()) <= 10
    out = subprocess.run([sys.executable, str(path)], cwd=ROOT, env=dict(os.environ), check=True,
                         capture_output=True, text=True).stdout
    assert "Ủy ban MTTQ phường Bắc Hồng" in out
    assert "Rank" in out


def test_the_readme_notebook_lines_are_cells_of_the_notebook():
    notebook = json.loads((ROOT / "docs" / "examples" / "notebooks" / "quickstart.ipynb").read_text(encoding="utf-8"))
    code = [line.rstrip("\n") for cell in notebook["cells"] if cell["cell_type"] == "code" for line in cell["source"]]
    lines = readme_block("notebook").splitlines()
    assert len(lines) == 3
    for line in lines:
        assert line.split("  #")[0].rstrip() in code


def test_the_readme_cli_lines_write_the_workbook_with_votes_and_events(tmp_path):
    cd, command = readme_block("cli").splitlines()
    folder = tmp_path / "example"
    shutil.copytree(ROOT / cd.split()[1], folder)  # the lines run in a scratch copy of the example
    args = command.split()
    assert args[0] == "thidua" and "--votes" in args and "--events" in args
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "thidua", *args[1:]], cwd=folder, env=env, capture_output=True,
                         text=True)
    assert run.returncode == 0 and run.stderr == "thidua: wrote report.xlsx\n"  # nothing missing, no warning
    # The vote gives Nhân Chính the flag and the "biểu dương" event its bonus, as the example's README says.
    line = next(line for line in run.stdout.splitlines() if "Ủy ban MTTQ phường Nhân Chính" in line)
    assert "101,50" in line and "Cờ thi đua" in line
    book = openpyxl.load_workbook(folder / "report.xlsx")
    clusters = [g.get("name") or g["id"] for g in json.loads((folder / "campaign.json").read_text("utf-8"))["clusters"]]
    assert len(clusters) > 1 and book.sheetnames == ["Tổng hợp", *[name[:31].rstrip() for name in clusters],
                                                     "Điểm chi tiết"]
    assert book["Tổng hợp"].max_row == 1 + 27 and book["Điểm chi tiết"].max_row == 1 + 27 * 9
    assert sum(sheet.max_row - 1 for sheet in book.worksheets[1:-1]) == 27  # each unit in its cluster's sheet


def test_the_readme_cli_line_without_the_tables_warns_on_stderr(tmp_path):
    cd, command = readme_block("cli").splitlines()
    args = command.split()
    args = args[:args.index("--votes")]
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "thidua", *args[1:], "--lang", "en"], cwd=ROOT / cd.split()[1],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stderr.splitlines()[0].startswith("thidua: warning: no votes were given: “Cờ thi đua")
    assert run.stderr.splitlines()[1].startswith("thidua: warning: no events were given: “Mô hình, cách làm hay")


def python_md():
    return (ROOT / "docs" / "python.md").read_text(encoding="utf-8")


def test_the_worked_example_of_python_md_prints_what_it_says(tmp_path):
    block = re.search(r"<!-- example:worked -->\n```python\n(.*?)```\n", python_md(), re.S).group(1)
    expected = [line[len("# → "):] for line in block.splitlines() if line.startswith("# → ")]
    script = tmp_path / "worked.py"
    script.write_text(block.replace('"thanh-xuan.', f'"{tmp_path}/thanh-xuan.'), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]), MPLBACKEND="Agg")
    out = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout
    assert out.splitlines() == expected
    assert (tmp_path / "thanh-xuan.xlsx").exists() and (tmp_path / "thanh-xuan.png").exists()


def run_commented(block, scope):
    """Runs a block line by line; a line ending in a comment (``  # value``) must evaluate to that value. Returns how
    many lines were checked."""
    import ast

    checked = 0
    for line in block.splitlines():
        code, _, said = line.partition("  # ")
        if said:
            assert eval(code, scope) == ast.literal_eval(said), line
            checked += 1
        else:
            exec(code, scope)
    return checked


def test_the_what_if_example_of_python_md_prints_what_it_says():
    folder = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    scope = {"report": thidua.load_campaign(folder / "campaign.json").score(folder / "results.json")}
    assert run_commented(doc_block(python_md(), "what-if"), scope) == 2


def test_the_layers_example_of_python_md_prints_what_it_says(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert run_commented(doc_block(python_md(), "layers"), {"thidua": thidua}) == 4


def test_the_html_example_of_python_md_prints_what_it_says(tmp_path, monkeypatch):
    (tmp_path / "docs").symlink_to(ROOT / "docs")  # the block's paths, and its pages written to a scratch folder
    monkeypatch.chdir(tmp_path)
    assert run_commented(doc_block(python_md(), "html"), {}) == 2
    assert (tmp_path / "hong-linh-en.html").read_text(encoding="utf-8").startswith('<!DOCTYPE html>\n<html lang="en">')


def test_the_documents_example_of_python_md_prints_what_it_says(tmp_path, monkeypatch):
    (tmp_path / "docs").symlink_to(ROOT / "docs")  # the block's paths, and its documents written to a scratch folder
    monkeypatch.chdir(tmp_path)
    assert run_commented(doc_block(python_md(), "documents"), {"thidua": thidua}) == 2
    assert {p.name for p in tmp_path.glob("*.docx")} == {"to-trinh.docx", "bien-ban.docx", "tong-hop.docx"}


def test_every_python_block_of_python_md_is_run():
    blocks = re.findall(r"```python\n(.*?)```\n", python_md(), re.S)
    worked = re.search(r"<!-- example:worked -->\n```python\n(.*?)```\n", python_md(), re.S).group(1)
    run = {worked, doc_block(python_md(), "what-if"), doc_block(python_md(), "layers"), doc_block(python_md(), "html"),
           doc_block(python_md(), "documents")}
    assert len(blocks) == len(run) and set(blocks) == run  # each run by a test: a new block needs one


def test_python_md_mentions_only_what_exists():
    # Each bullet of the Campaign, Report and Explanation sections starts with the names it documents.
    from thidua.explanation import Explanation

    sections = {"Campaign": thidua.Campaign, "Report": thidua.Report, "Explanation": Explanation}
    text = python_md()
    checked = 0
    for title, cls in sections.items():
        body = re.search(rf"^## {title}\n(.*?)(?=^## )", text, re.S | re.M).group(1)
        for bullet in re.findall(r"^- (.+)$", body, re.M):
            for name in re.findall(r"`(\w+)(?:\(|`)", bullet.split(":")[0].split("→")[0]):
                assert hasattr(cls, name), f"python.md's {title} section names {name}, which {cls.__name__} lacks"
                checked += 1
    assert checked >= 15
    for name in re.findall(r"`thidua\.(\w+)", text):
        assert hasattr(thidua, name), f"python.md names thidua.{name}, which does not exist"


def test_python_md_names_every_public_name():
    from thidua.explanation import Explanation
    from thidua.plot import CampaignPlot, ReportPlot

    text = python_md()
    names = set(thidua.__all__)
    for cls in (thidua.Campaign, thidua.Report, Explanation, ReportPlot, CampaignPlot):
        names |= {n for n in dir(cls) if not n.startswith("_")}
    names |= {"campaign", "lang", "unit", "steps", "text"}  # instance attributes
    missing = sorted(n for n in names if f"`{n}" not in text and f"{n}(" not in text and f".{n}" not in text)
    assert not missing, f"docs/python.md does not mention {missing}"
    for command in ("score", "validate", "explain", "schema", "--version"):
        assert f"`thidua {command}" in text


# docs/format.md, docs/semantics.md and docs/architecture.md: their examples run, their keys and files exist.

def doc(name):
    return (ROOT / "docs" / name).read_text(encoding="utf-8")


def doc_block(text, name):
    match = re.search(rf"<!-- example:{name} -->\n```\w*\n(.*?)```\n<!-- /example:{name} -->", text, re.S)
    assert match, f"no {name} example"
    return match.group(1)


def format_example_report(tmp_path=None):
    """The report of format.md's campaign and results, and the same from its three tables when tmp_path is given."""
    text = doc("format.md")
    campaign = thidua.load_campaign(doc_block(text, "format-campaign"))
    report = campaign.score(doc_block(text, "format-results")).to_dict()
    if tmp_path is None:
        return report, None
    for name in ("results", "votes", "events"):
        (tmp_path / f"{name}.csv").write_text(doc_block(text, f"format-{name}-csv"), encoding="utf-8")
    tables = campaign.score(tmp_path / "results.csv", votes=tmp_path / "votes.csv",
                            events=tmp_path / "events.csv").to_dict()
    return report, tables


def test_the_tables_of_format_md_give_the_report_of_its_results_document(tmp_path):
    report, tables = format_example_report(tmp_path)
    assert report["warnings"] == [] and report["inputs"] == {"results": 26, "used": 26, "events": 3, "votes": 3}
    for key in ("units", "clusters", "award_cash", "warnings", "inputs", "campaign_sha256"):
        assert tables[key] == report[key], key
    assert tables["results_sha256"] != report["results_sha256"]  # a table carries no campaign id


def test_the_report_examples_of_format_md_are_parts_of_the_report():
    report, _ = format_example_report()
    text = doc("format.md")
    unit = json.loads(doc_block(text, "format-report-unit"))
    assert unit == report["units"][0]
    cluster = json.loads(doc_block(text, "format-report-cluster"))
    assert cluster == next(c for c in report["clusters"] if c["id"] == cluster["id"])
    assert json.loads(doc_block(text, "format-report-award-cash")) == report["award_cash"]
    assert json.loads(doc_block(text, "format-report-ballots")) == report["ballots"]


def test_the_golden_examples_of_format_md_hold():
    text = doc("format.md")
    case = json.loads(doc_block(text, "format-golden"))
    assert case["thidua_golden"] == 1 and set(case["expect"]) == {"units"}
    units = {u["id"]: u for u in thidua.load_campaign(case["campaign"]).score(case["results"]).to_dict()["units"]}
    assert set(units) == set(case["expect"]["units"])
    for unit_id, expected in case["expect"]["units"].items():
        for key, value in expected.items():
            assert units[unit_id][key] == value, (unit_id, key)
    failing = json.loads((ROOT / "tests" / "data" / "golden" / "92-error-duplicate-result.json").read_text("utf-8"))
    assert json.loads(doc_block(text, "format-golden-error")) == {"expect": failing["expect"]}


def schema_keys(node):
    """Every property name of a JSON Schema, at any depth."""
    keys = set()
    if isinstance(node, dict):
        keys |= set(node.get("properties", {}))
        for value in node.values():
            keys |= schema_keys(value)
    elif isinstance(node, list):
        for value in node:
            keys |= schema_keys(value)
    return keys


def test_format_md_names_every_key_of_every_document():
    text = doc("format.md")
    missing = sorted(k for name in ("campaign", "results") for k in schema_keys(thidua.json_schema(name))
                     if f"`{k}`" not in text and f"`{k}[]" not in text and f".{k}`" not in text)
    assert not missing, f"docs/format.md does not name the input keys {missing}"
    report, _ = format_example_report()
    unit, cluster = report["units"][0], report["clusters"][0]
    keys = set(report) | set(report["inputs"]) | set(unit) | set(cluster) | set(report["award_cash"])
    keys |= set(cluster["goals"][0]) | set(cluster["quotas"][0]) | set(report["award_cash"]["awards"]["co-thi-dua"])
    for items in ("bonus_items", "penalty_items", "warnings"):
        keys |= {k for item in unit[items] for k in item}
    missing = sorted(k for k in keys if f"`{k}`" not in text and f"{k}," not in text and f"{k}:" not in text)
    assert not missing, f"docs/format.md does not name the report keys {missing}"


def test_semantics_md_quotes_the_explanation_of_format_md_example():
    report = thidua.load_campaign(doc_block(doc("format.md"), "format-campaign"))
    explanation = report.score(doc_block(doc("format.md"), "format-results")).explain("thuan-loc", lang="en").text
    quoted = doc_block(doc("semantics.md"), "explain").splitlines()
    assert quoted and all(line.strip() in explanation for line in quoted)


def markdown_pages():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def slug(heading):
    """The anchor GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_links_between_pages_lead_somewhere():
    for page in markdown_pages():
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"\w+://", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name} links to {target}"
            if anchor:
                headings = re.findall(r"^#+ (.*)$", linked.read_text(encoding="utf-8"), re.M)
                assert anchor in {slug(h) for h in headings}, f"{page.name} links to {target}"


def source_files():
    """The repository's files, without build trees and version control."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in {"build", ".git", "__pycache__", "corpus", "regressions"}]
        for name in files:
            yield Path(folder) / name


def test_the_files_architecture_md_names_exist():
    text = doc("architecture.md")
    names = set(re.findall(r"`([\w./-]+\.(?:hpp|cpp|py|pyi|json|dict|md|txt))`", text))
    names |= set(re.findall(r"`((?:include|src|bindings|python|tests|docs)/[\w./-]*)`", text))
    assert len(names) > 80
    everywhere = {path.name for path in source_files()}
    for name in sorted(names):
        if "/" in name:
            assert (ROOT / name).exists() or (ROOT / "include" / "thidua" / name).exists(), name
        else:
            assert name in everywhere, name


def test_no_page_or_comment_cites_the_old_shared_specification():
    """The project's specification is docs/format.md and docs/semantics.md: code cites them by their path."""
    in_docs = re.compile("|".join(["domain" + r"\.md", "shared/" + "spec", "shared " + "specification"]))
    in_code = re.compile(r"(?<!docs/)\b(?:domain|format|semantics)\.md")
    for path in source_files():
        if path.name == "test_docs.py" or path.suffix not in {".hpp", ".cpp", ".py", ".pyi", ".md", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8")
        assert not in_docs.search(text), path
        if path.suffix != ".md":
            assert not in_code.search(text), path


def _public_api():
    """(name, object) of every public function, class, method and property of the package."""
    from thidua.explanation import Explanation
    from thidua.model import Record, View
    from thidua.plot import CampaignPlot, ReportPlot

    found = [(n, getattr(thidua, n)) for n in thidua.__all__ if callable(getattr(thidua, n))]
    for cls in (thidua.Campaign, thidua.Report, Explanation, View, Record, ReportPlot, CampaignPlot):
        for name, value in vars(cls).items():
            if not name.startswith("_"):
                found.append((f"{cls.__name__}.{name}", value.fget if isinstance(value, property) else value))
    return found


def test_every_public_name_has_a_docstring_with_an_example():
    undocumented = [n for n, o in _public_api() if not (getattr(o, "__doc__", None) or "").strip()]
    assert not undocumented
    functions = [(n, o) for n, o in _public_api() if not isinstance(o, type) and not n.endswith("Error")
                 and not n.endswith("Warning")]
    without = [n for n, o in functions if "Examples\n" not in (o.__doc__ or "") and ">>>" not in (o.__doc__ or "")]
    assert not without, f"no example in the docstrings of {without}"
    assert len(functions) > 40


def test_the_runnable_examples_of_the_model_views_hold():
    import doctest

    import thidua.model

    failures, tried = doctest.testmod(thidua.model, raise_on_error=False)
    assert tried >= 4 and failures == 0
