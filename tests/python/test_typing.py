"""Typing: the stubs of thidua._core are what stubgen writes (with the fixes of update_stubs.py), and user code
that type-checks with `mypy --strict` gets real types from the package."""

import difflib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import thidua

import update_stubs
from helpers import ROOT

EXAMPLES = ROOT / "docs" / "examples" / "python"
# The directory holding the thidua package under test; mypy sees it as an installed package (py.typed), as a user's
# mypy sees thidua once it is pip-installed.
PACKAGE_DIR = str(Path(thidua.__file__).resolve().parents[1])


def test_the_stubs_are_the_stubgen_output_with_the_fixes():
    expected = update_stubs.expected(dict(os.environ, PYTHONPATH=PACKAGE_DIR))
    committed = update_stubs.STUBS.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(committed.splitlines(True), expected.splitlines(True), "committed", "stubgen"))
    assert not diff, ("python/thidua/_core.pyi is not what stubgen gives for the built extension; run\n"
                      "  PYTHONPATH=build/dev/python /usr/bin/python3 tests/python/update_stubs.py\n" + diff)


@pytest.fixture(scope="module")
def mypy_cache(tmp_path_factory):
    """One mypy cache for the module's runs: the second reads pandas', numpy's and thidua's types from the first."""
    return tmp_path_factory.mktemp("mypy-cache")


def mypy_strict(cache, *scripts):
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *map(str, scripts)],
        env=dict(os.environ, PYTHONPATH=PACKAGE_DIR), capture_output=True, text=True, cwd=ROOT,
    )


def test_the_examples_pass_mypy_strict(mypy_cache):
    run = mypy_strict(mypy_cache, EXAMPLES / "analysis.py", EXAMPLES / "quickstart.py")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout == "Success: no issues found in 2 source files\n"


def test_mypy_strict_sees_the_types_of_the_api(tmp_path, mypy_cache):
    script = tmp_path / "wrong.py"
    script.write_text(
        "import thidua\n"
        "report = thidua.load_campaign('c.json').score('r.csv')\n"
        "report.to_excel(3)\n"
        "name: int = report.explain('u').unit\n"
        "reveal_type(report.plot.ranking)\n",
        encoding="utf-8",
    )
    out = mypy_strict(mypy_cache, script).stdout
    assert 'wrong.py:3: error: Argument 1 to "to_excel" of "Report" has incompatible type "int"' in out
    assert 'wrong.py:4: error: Incompatible types in assignment (expression has type "str", variable has type "int")' in out
    assert "wrong.py:5: note: Revealed type is \"def (ax: Union[Any, None] =, *, lang: Union[builtins.str, None] =) -> Any\"" \
        in out


def test_the_typed_example_runs(tmp_path):
    run = subprocess.run([sys.executable, str(EXAMPLES / "analysis.py"), str(tmp_path)], cwd=ROOT,
                         env=dict(os.environ, PYTHONPATH=PACKAGE_DIR), capture_output=True, text=True, check=True)
    lines = run.stdout.splitlines()
    assert lines[0] == "Hạ Đình: 71.08 points, hoan-thanh"
    assert lines[2] == "mean total of the wards: 90.92"
    assert lines[3] == "khoi-phuong: Ủy ban MTTQ phường Nhân Chính"
    assert lines[-1] == "docs/examples/thanh-xuan-2023/missing.csv: cannot read the file: No such file or directory"
    assert (tmp_path / "report.xlsx").stat().st_size > 5000
    assert "### Ủy ban MTTQ phường Hạ Đình" in (tmp_path / "report.md").read_text(encoding="utf-8")
