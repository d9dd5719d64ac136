"""Sphinx configuration of thidua's documentation site.

`make docs` builds it into build/docs/html; the CTest `docs_site` (tests/python/test_site.py) builds it into a scratch
folder, so that a broken page fails `make test`. Both run Sphinx with ``-W --keep-going`` and PYTHONPATH set to the
staged package of the build tree: autodoc imports ``thidua`` and nbsphinx executes the notebook with it.

The Markdown pages come in through myst-parser, the notebook through nbsphinx, the Python API through autodoc and
napoleon (numpy-style docstrings), the C++ API through Breathe from the XML that Doxygen writes when the build
starts (docs/Doxyfile; its warnings are errors).
"""

import logging
import os
import re
import subprocess
from pathlib import Path

from pygments.lexers.special import TextLexer
from sphinx.errors import ExtensionError
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

import thidua

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent

project = "thidua"
author = "the thidua authors"
copyright = "the thidua authors"  # noqa: A001 - Sphinx's name
release = version = thidua.__version__

extensions = ["myst_parser", "nbsphinx", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "breathe"]
source_suffix = {".md": "markdown"}  # nbsphinx adds .ipynb
root_doc = "index"
# The C++ consumer's sources and any notebook checkpoints are not pages.
exclude_patterns = ["examples/cpp-consumer", "**/.ipynb_checkpoints"]

# Anchors for the headings, so that links such as docs/semantics.md#9-stability-analysis resolve here as
# they do on the repository's pages.
myst_heading_anchors = 4

# The notebook is stored without outputs: the site shows them as the current build computes them.
nbsphinx_execute = "always"
nbsphinx_kernel_name = "python3"
nbsphinx_allow_errors = False
# The kernel runs in the notebook's folder: it imports the thidua autodoc documents, whatever PYTHONPATH says
# relative to the folder Sphinx was started in.
_inherited = [path for path in os.environ.get("PYTHONPATH", "").split(os.pathsep) if path]
os.environ["PYTHONPATH"] = os.pathsep.join([str(Path(thidua.__file__).resolve().parents[1]), *_inherited])
# The kernel's debugger otherwise warns on stderr, in the build's output, that Python's modules are frozen.
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented"
autodoc_member_order = "bysource"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

breathe_default_project = "thidua"
# include/thidua/c.h is the C API: C declarations, not C++ ones.
breathe_domain_by_extension = {"h": "c"}
breathe_default_members = ("members",)

html_theme = "furo"
html_title = f"thidua {release}"
html_static_path = ["_static"]
html_css_files = ["thidua.css"]


def run_doxygen(app):
    """Writes the XML of the public C++ API beside the HTML output and points Breathe at it."""
    output = Path(app.outdir).parent / "doxygen"
    output.mkdir(parents=True, exist_ok=True)
    settings = (DOCS / "Doxyfile").read_text(encoding="utf-8") + f"\nOUTPUT_DIRECTORY = {output}\n"
    try:
        run = subprocess.run(["doxygen", "-"], input=settings, cwd=ROOT, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise ExtensionError("doxygen is not installed: `make setup-docs` installs it") from exc
    if run.returncode != 0 or run.stderr.strip():
        raise ExtensionError(f"Doxygen failed (warnings are errors):\n{run.stderr}")
    # Doxygen's XML lists private members whatever EXTRACT_PRIVATE says; the reference shows what users may call.
    private = re.compile(r'<sectiondef kind="private-[a-z-]+">.*?</sectiondef>\n?', re.S)
    for xml in (output / "xml").glob("*.xml"):
        text = xml.read_text(encoding="utf-8")
        if 'sectiondef kind="private-' in text:
            xml.write_text(private.sub("", text), encoding="utf-8")
    app.config.breathe_projects = {"thidua": str(output / "xml")}


class SameNamespaceOnEachPage(logging.Filter):
    """Drops the warning Breathe gives for each header page after the first: the header's members sit in namespace
    thidua, which Breathe declares again on every page it renders; every other warning stays."""

    def filter(self, record):
        message = record.getMessage()
        return not (message.startswith("Duplicate C++ declaration") and message.endswith("'.. cpp:type:: thidua'."))


def setup(app):
    app.connect("builder-inited", run_doxygen)
    # The tables of docs/format.md are CSV, which this Pygments has no lexer for: shown as plain text.
    app.add_lexer("csv", TextLexer)
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler):
            handler.filters.insert(0, SameNamespaceOnEachPage())
