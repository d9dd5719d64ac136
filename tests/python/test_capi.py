"""The C API (include/thidua/c.h) through ctypes, as another language sees the shared library: the same report
document as Report.to_json() byte for byte, the same explanations, errors naming the same place; and the snippets of
docs/c-api.md (Python, PHP, C#) run and print what they say."""

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import thidua

from helpers import ROOT
from test_docs import doc_block

EXAMPLES = sorted(p for p in (ROOT / "docs" / "examples").iterdir() if (p / "expected.json").exists())
NAMES = [p.name for p in EXAMPLES]
HONG_LINH = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
BROKEN = b'{"thidua_results": 1, "results": [{"unit": "nobody", "criterion": "x"}]}'

P = ctypes.c_void_p
OUT = ctypes.POINTER(ctypes.c_void_p)
SIGNATURES = {  # name: (result, arguments)
    "thidua_score_json": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_size_t, OUT, OUT]),
    "thidua_score_csv": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t] * 4 + [OUT, OUT]),
    "thidua_campaign_read": (ctypes.c_int, [ctypes.c_char_p, ctypes.c_size_t, OUT, OUT]),
    "thidua_campaign_score": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_size_t, OUT, OUT]),
    "thidua_campaign_free": (None, [P]),
    "thidua_report_json": (ctypes.c_int, [P, OUT, OUT]),
    "thidua_report_explain": (ctypes.c_int, [P, ctypes.c_char_p, ctypes.c_char_p, OUT, OUT]),
    "thidua_report_free": (None, [P]),
    "thidua_error_text": (ctypes.c_char_p, [P]),
    "thidua_error_message": (ctypes.c_char_p, [P]),
    "thidua_error_document": (ctypes.c_char_p, [P]),
    "thidua_error_pointer": (ctypes.c_char_p, [P]),
    "thidua_error_line": (ctypes.c_size_t, [P]),
    "thidua_error_column": (ctypes.c_char_p, [P]),
    "thidua_error_free": (None, [P]),
    "thidua_string_free": (None, [P]),
    "thidua_version": (ctypes.c_char_p, []),
}


def library_path():
    path = os.environ.get("THIDUA_C_LIBRARY")
    assert path, "THIDUA_C_LIBRARY names the shared library libthidua.so (CTest sets it)"
    assert Path(path).is_file(), path
    return path


@pytest.fixture(scope="module")
def lib():
    loaded = ctypes.CDLL(library_path())
    for name, (result, arguments) in SIGNATURES.items():
        function = getattr(loaded, name)
        function.restype = result
        function.argtypes = arguments
    return loaded


class CError(Exception):
    """A failed call: its status and what its thidua_error said."""

    def __init__(self, status, fields):
        super().__init__(fields["text"])
        self.status = status
        self.fields = fields


def check(lib, status, error):
    if status == 0:
        assert not error.value
        return
    fields = {name: getattr(lib, f"thidua_error_{name}")(error) for name in
              ("text", "message", "document", "pointer", "column", "line")}
    fields = {k: v.decode() if isinstance(v, bytes) else v for k, v in fields.items()}
    lib.thidua_error_free(error)
    raise CError(status, fields)


def taken(lib, text):
    """The text of a char* the library handed over, freed."""
    try:
        return ctypes.string_at(text.value).decode()
    finally:
        lib.thidua_string_free(text)


def score_json(lib, campaign, results):
    out, error = P(), P()
    check(lib, lib.thidua_score_json(campaign, len(campaign), results, len(results), out, error), error)
    return taken(lib, out)


def score_csv(lib, campaign, results, votes=None, events=None):
    out, error = P(), P()
    status = lib.thidua_score_csv(campaign, len(campaign), results, len(results), votes, len(votes or b""), events,
                                  len(events or b""), out, error)
    check(lib, status, error)
    return taken(lib, out)


def test_the_library_is_this_version(lib):
    assert lib.thidua_version().decode() == thidua.__version__


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_the_report_document_is_report_to_json_byte_for_byte(lib, folder):
    campaign = (folder / "campaign.json").read_bytes()
    results = (folder / "results.json").read_bytes()
    expected = thidua.load_campaign(folder / "campaign.json").score(folder / "results.json").to_json()
    assert score_json(lib, campaign, results).encode() == expected.encode()

    # Through a campaign handle, read once and scored twice.
    handle, report, out, error = P(), P(), P(), P()
    check(lib, lib.thidua_campaign_read(campaign, len(campaign), handle, error), error)
    try:
        for _ in range(2):
            check(lib, lib.thidua_campaign_score(handle, results, len(results), report, error), error)
            check(lib, lib.thidua_report_json(report, out, error), error)
            lib.thidua_report_free(report)
            assert taken(lib, out) == expected
    finally:
        lib.thidua_campaign_free(handle)


@pytest.mark.parametrize("folder", EXAMPLES, ids=NAMES)
def test_csv_tables_give_what_campaign_score_gives_for_the_csv_files(lib, folder):
    expected = thidua.load_campaign(folder / "campaign.json").score(
        folder / "results.csv", votes=folder / "votes.csv", events=folder / "events.csv").to_json()
    made = score_csv(lib, (folder / "campaign.json").read_bytes(), (folder / "results.csv").read_bytes(),
                     (folder / "votes.csv").read_bytes(), (folder / "events.csv").read_bytes())
    assert made == expected


def test_an_error_names_the_place_python_names(lib):
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    with pytest.raises(thidua.IdError) as python:
        campaign.score(BROKEN.decode())
    with pytest.raises(CError) as c:
        score_json(lib, (HONG_LINH / "campaign.json").read_bytes(), BROKEN)
    assert c.value.status == 3  # THIDUA_REFERENCE_ERROR
    assert c.value.fields == {"text": str(python.value), "message": python.value.message, "document": "results",
                              "pointer": "/results/0/unit", "column": "", "line": 0}
    assert python.value.pointer == "/results/0/unit"


def test_a_csv_error_names_the_line_and_column_python_names(lib, tmp_path):
    table = tmp_path / "results.csv"
    table.write_text("unit,criterion,value\nbac-hong,phat-dong,many\n", encoding="utf-8")
    with pytest.raises(thidua.SchemaError) as python:
        thidua.load_campaign(HONG_LINH / "campaign.json").score(table)
    with pytest.raises(CError) as c:
        score_csv(lib, (HONG_LINH / "campaign.json").read_bytes(), table.read_bytes())
    assert c.value.status == 2  # THIDUA_SCHEMA_ERROR
    place = (c.value.fields["line"], c.value.fields["column"])
    assert place == (python.value.line, python.value.column) == (2, "value")
    assert c.value.fields["message"] == python.value.message
    assert c.value.fields["document"] == "results.csv" and c.value.fields["pointer"] == ""


def test_an_explanation_is_report_explain(lib):
    campaign = (HONG_LINH / "campaign.json").read_bytes()
    results = (HONG_LINH / "results.json").read_bytes()
    report = thidua.load_campaign(HONG_LINH / "campaign.json").score(HONG_LINH / "results.json")
    handle, scored, out, error = P(), P(), P(), P()
    check(lib, lib.thidua_campaign_read(campaign, len(campaign), handle, error), error)
    check(lib, lib.thidua_campaign_score(handle, results, len(results), scored, error), error)
    try:
        for unit, lang in (("bac-hong", b"vi"), ("nam-hong", b"en"), ("thuan-loc", None)):
            check(lib, lib.thidua_report_explain(scored, unit.encode(), lang, out, error), error)
            assert taken(lib, out) == str(report.explain(unit, lang=lang and lang.decode()))
        with pytest.raises(CError) as c:
            check(lib, lib.thidua_report_explain(scored, b"bac-hong", b"fr", out, error), error)
        assert c.value.status == 2 and not out.value
    finally:
        lib.thidua_report_free(scored)
        lib.thidua_campaign_free(handle)


def test_the_header_is_c99_and_cpp():
    header = ROOT / "include" / "thidua" / "c.h"
    for command in (["gcc", "-std=c99", "-x", "c"], ["g++", "-std=c++20", "-x", "c++"]):
        run = subprocess.run([*command, "-Wall", "-Wextra", "-pedantic", "-Werror", "-fsyntax-only", str(header)],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


# The snippets of docs/c-api.md.

def c_api_md():
    return (ROOT / "docs" / "c-api.md").read_text(encoding="utf-8")


def library_env():
    """The environment that finds libthidua.so by name, as an application's does."""
    folder = str(Path(library_path()).parent)
    search = [folder, os.environ.get("LD_LIBRARY_PATH", "")]
    return dict(os.environ, LD_LIBRARY_PATH=os.pathsep.join(filter(None, search)))


def test_the_python_snippet_prints_what_it_says():
    block = doc_block(c_api_md(), "c-api-python")
    expected = [line[len("# → "):] for line in block.splitlines() if line.startswith("# → ")]
    run = subprocess.run([sys.executable, "-c", block], cwd=ROOT, env=library_env(), capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == expected == ["Ủy ban MTTQ phường Bắc Hồng 101.23 xuat-sac",
                                                   "refused at /results/0/unit"]


def test_the_php_snippet_scores_and_names_the_place(tmp_path):
    assert shutil.which("php"), "php (Debian's php-cli, with FFI) is needed: make test installs it"
    script = tmp_path / "score.php"
    script.write_text(doc_block(c_api_md(), "c-api-php"), encoding="utf-8")
    (tmp_path / "broken.json").write_bytes(BROKEN)
    lines = []
    for results in (HONG_LINH / "results.json", tmp_path / "broken.json"):
        run = subprocess.run(["php", str(script), str(HONG_LINH / "campaign.json"), str(results)], env=library_env(),
                             capture_output=True, text=True)
        assert run.returncode == 0 and not run.stderr, run.stderr + run.stdout
        lines += run.stdout.splitlines()
    assert lines[0] == "Ủy ban MTTQ phường Bắc Hồng: 101.23 (xuat-sac)"
    assert re.fullmatch(r"refused at /results/0/unit: unknown unit 'nobody' \(known: bac-hong, .*\)", lines[1])


def test_the_csharp_snippet_scores_and_names_the_place(tmp_path):
    assert shutil.which("mcs") and shutil.which("mono"), "mcs and mono (Debian's mono-mcs): make test installs them"
    source = tmp_path / "Score.cs"
    source.write_text(doc_block(c_api_md(), "c-api-csharp"), encoding="utf-8")
    subprocess.run(["mcs", f"-out:{tmp_path / 'Score.exe'}", str(source)], check=True, capture_output=True)
    (tmp_path / "broken.json").write_bytes(BROKEN)
    outputs = []
    for results in (HONG_LINH / "results.json", tmp_path / "broken.json"):
        run = subprocess.run(["mono", str(tmp_path / "Score.exe"), str(HONG_LINH / "campaign.json"), str(results)],
                             env=library_env(), capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout.splitlines())
    campaign = thidua.load_campaign(HONG_LINH / "campaign.json")
    titles = {k.id: k.title for k in campaign.classes}
    units = campaign.score(HONG_LINH / "results.json").to_dict()["units"]
    assert outputs[0] == [f"{u['name']}: {u['total']} (rank {u['cluster_rank']}, {titles[u['class']]})"
                          for u in units]
    assert outputs[0][0] == "Ủy ban MTTQ phường Bắc Hồng: 101.23 (rank 1, Hoàn thành xuất sắc nhiệm vụ)"
    assert re.fullmatch(r"refused at /results/0/unit: unknown unit 'nobody' \(known: bac-hong, .*\)", outputs[1][0])
