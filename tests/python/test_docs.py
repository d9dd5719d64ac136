"""The README's examples are the files the tests build and run, word for word."""

import os
import re
import subprocess
import sys

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
