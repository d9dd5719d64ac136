"""python/thidua/_core.pyi: what Debian's mypy stubgen writes for the built extension, with the fixes below.

Run after changing a binding (with the extension built, e.g. by `make build`), then commit the result:

    PYTHONPATH=build/dev/python /usr/bin/python3 tests/python/update_stubs.py

test_typing.py regenerates the stubs the same way and fails when they differ from the committed file.

The fixes, each for something stubgen (mypy 1.0) cannot know or gets wrong for a pybind11 module:
- the module's `__version__` and the location attributes every thidua.Error carries (set on each instance);
- static methods, which stubgen writes as `def f(self, *args, **kwargs) -> Any`: their signature is taken from
  pybind11's docstring instead;
- no `__init__` for classes Python cannot construct (the core makes them);
- bare `dict` and `list` (pybind11's py::dict and py::list) get type parameters, as `mypy --strict` requires, and
  the `typing` names they use are imported;
- a numpy array's element type (`numpy.ndarray[numpy.int64]`) gets the shape type numpy's stubs expect.
"""

from __future__ import annotations

import importlib
import inspect
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STUBS = ROOT / "python" / "thidua" / "_core.pyi"

HEADER = '''"""Stubs of thidua._core (the C++ core): Debian's mypy stubgen output with the fixes of
tests/python/update_stubs.py, which regenerates them; test_typing.py fails when they drift."""

'''

ERROR_ATTRIBUTES = '''class Error(ValueError):
    message: str
    document: str
    pointer: str | None
    line: int | None
    column: str | None
    cell: str | None
'''


def stubgen_output(environ: dict) -> str:
    """What `stubgen -p thidua._core` writes, run by the same Python with the given environment."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [sys.executable, "-c", "from mypy.stubgen import main; main()", "-p", "thidua._core", "-o", out],
            check=True, capture_output=True, text=True, env=environ,
        )
        return (Path(out) / "thidua" / "_core.pyi").read_text(encoding="utf-8")


def _static_signature(core: object, cls: str, name: str) -> str:
    """`def name(args) -> type: ...` from the first docstring line pybind11 writes for a static method."""
    method = getattr(getattr(core, cls), name)
    first = inspect.getdoc(method).splitlines()[0]
    args, returns = re.fullmatch(rf"{name}\((.*)\) -> (.+)", first).groups()
    args = re.sub(r" = [^,]+", " = ...", args)
    return f"def {name}({args}) -> {returns}: ...".replace("thidua._core.", "")


def fixed(generated: str) -> str:
    """The stubgen text with the fixes listed in this module's docstring."""
    core = importlib.import_module("thidua._core")
    text = generated
    imports, _, rest = text.partition("\n\n")
    text = f"{imports}\n\n__version__: str\n\n{rest}"
    text = text.replace("class Error(ValueError): ...\n", ERROR_ATTRIBUTES, 1)
    text = text.replace("    def __init__(self, *args, **kwargs) -> None: ...\n", "")

    def static(match: re.Match) -> str:
        cls = re.findall(r"^class (\w+)", text[: match.start()], re.M)[-1]
        if not isinstance(inspect.getattr_static(getattr(core, cls), match.group(1)), staticmethod):
            raise ValueError(f"{cls}.{match.group(1)}: stubgen found no signature, and it is not a static method")
        return f"    @staticmethod\n    {_static_signature(core, cls, match.group(1))}\n"

    text = re.sub(r"^    def (\w+)\(self, \*args, \*\*kwargs\) -> Any: \.\.\.\n", static, text, flags=re.M)
    text = re.sub(r"\bdict\b(?!\[)", "Dict[str, Any]", text)
    text = re.sub(r"\blist\b(?!\[)", "List[Any]", text)
    # pybind11 writes an array's element type alone; numpy's stubs want the shape type too.
    text = re.sub(r"numpy\.ndarray\[(numpy\.\w+)\]", r"numpy.ndarray[Any, numpy.dtype[\1]]", text)
    typing_names = re.search(r"^from typing import (.+)$", text, flags=re.M)
    needed = sorted(set(typing_names.group(1).split(", ")) | {n for n in ("Dict", "List") if f"{n}[" in text})
    text = text.replace(typing_names.group(0), "from typing import " + ", ".join(needed), 1)
    return HEADER + text


def expected(environ: dict | None = None) -> str:
    return fixed(stubgen_output(dict(os.environ) if environ is None else environ))


if __name__ == "__main__":
    STUBS.write_text(expected(), encoding="utf-8")
    print(f"wrote {STUBS.relative_to(ROOT)}")
