"""docs/examples/notebooks/quickstart.ipynb: stored without outputs, and it runs in a Jupyter kernel without error."""

from pathlib import Path

import nbformat
from nbclient import NotebookClient

import thidua

from helpers import ROOT

NOTEBOOK = ROOT / "docs" / "examples" / "notebooks" / "quickstart.ipynb"


def test_the_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.outputs == [] and c.execution_count is None for c in code)


def test_the_notebook_runs_and_shows_the_table_a_plot_and_an_explanation(monkeypatch):
    # The kernel (Debian's python3 kernelspec) inherits the environment: it imports the thidua under test.
    monkeypatch.setenv("PYTHONPATH", str(Path(thidua.__file__).resolve().parents[1]))
    # ipykernel's debugger warns on stderr that Debian's Python freezes modules; the notebook does not debug.
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Raises CellExecutionError, naming the cell, on any error.
    NotebookClient(nb, kernel_name="python3", timeout=120,
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error" or o.get("name") == "stderr"]
    html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert html[0].startswith("<div class='thidua-campaign'>")
    assert html[1].startswith("<div class='thidua-report'>") and "Ủy ban MTTQ phường Bắc Hồng" in html[1]
    assert "<table" in html[2] and "bac-hong" in html[2]  # the DataFrame
    assert html[3].startswith("<div class='thidua-explanation'>") and "total 101.23" in html[3]
    plot = next(c for c in nb.cells if c.source == "report.plot.ranking();")
    # The figure, once, and not the Axes' repr (the semicolon): show() is never called by thidua.
    assert [o.output_type for o in plot.outputs] == ["display_data"]
    assert len(plot.outputs[0].data["image/png"]) > 10_000
