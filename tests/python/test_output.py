"""Files written whole (thidua._output): a writer killed or failing mid-way leaves the old file, never a part of the
new one, and no temporary file behind when it could clean up; a finished file has the usual permissions."""

import os
import signal
import subprocess
import sys
import textwrap

import openpyxl
import pytest

import thidua
from thidua._output import whole_file, write_text

from helpers import ROOT

HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"


def test_a_writer_killed_mid_way_leaves_the_old_file(tmp_path):
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n', encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal
        from thidua._output import whole_file
        with whole_file({str(target)!r}) as temporary:
            with open(temporary, "w", encoding="utf-8") as out:
                out.write('{{"new": ')
                out.flush()
                os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], env=dict(os.environ), check=False)
    assert done.returncode == -signal.SIGKILL
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "report.json"]
    assert len(leftovers) == 1 and leftovers[0].startswith(".report.json.")  # hidden, beside it, never the file


def test_a_failing_writer_leaves_the_old_file_and_nothing_else(tmp_path, monkeypatch):
    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    target = tmp_path / "report.xlsx"
    report.to_excel(target)
    before = target.read_bytes()

    def half_then_fail(self, filename):
        with open(filename, "wb") as out:
            out.write(before[: len(before) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", half_then_fail)
    with pytest.raises(OSError, match="disk full"):
        report.to_excel(target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]


def test_every_writer_goes_through_a_whole_file(tmp_path, monkeypatch):
    from thidua.cli import main

    replaced = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda a, b: (replaced.append(os.path.basename(b)), real(a, b)))
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    campaign.to_form(tmp_path / "form.xlsx")
    files = [str(HONG_LINH / "campaign.json"), str(HONG_LINH / "results.json")]
    for name in ("report.xlsx", "report.csv", "report.md", "report.json"):
        assert main(["score", *files, "-o", str(tmp_path / name)]) == 0
    assert replaced == ["form.xlsx", "report.xlsx", "report.csv", "report.md", "report.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(replaced)  # nothing left beside them


def test_a_file_written_whole_has_the_permissions_open_would_give(tmp_path):
    mask = os.umask(0o022)
    try:
        write_text(tmp_path / "a.md", "# a\n")
        with open(tmp_path / "b.md", "w", encoding="utf-8") as out:
            out.write("# b\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "# a\n"
    assert (tmp_path / "a.md").stat().st_mode & 0o777 == (tmp_path / "b.md").stat().st_mode & 0o777
    with pytest.raises(ZeroDivisionError):
        with whole_file(tmp_path / "c.md") as temporary:
            open(temporary, "w").close()
            1 / 0
    assert not (tmp_path / "c.md").exists()
