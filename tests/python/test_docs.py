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
    assert book.sheetnames == ["Tổng hợp", "Điểm chi tiết"]
    assert book["Tổng hợp"].max_row == 1 + 27 and book["Điểm chi tiết"].max_row == 1 + 27 * 9


def test_the_readme_cli_line_without_the_tables_warns_on_stderr(tmp_path):
    cd, command = readme_block("cli").splitlines()
    args = command.split()
    args = args[:args.index("--votes")]
    env = dict(os.environ, PYTHONPATH=str(Path(thidua.__file__).resolve().parents[1]))
    run = subprocess.run([sys.executable, "-m", "thidua", *args[1:], "--lang", "en"], cwd=ROOT / cd.split()[1],
                         env=env, capture_output=True, text=True)
    assert run.returncode == 0
    assert run.stderr.splitlines()[0].startswith("thidua: warning: no votes were given: award 'co-thi-dua' needs")
    assert run.stderr.splitlines()[1].startswith("thidua: warning: no events were given: the adjustments 'bieu-duong'")


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
