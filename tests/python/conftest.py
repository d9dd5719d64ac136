"""pytest set-up: the helpers module beside this file is importable (tests run with --import-mode=importlib)."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers import ROOT  # noqa: E402


@pytest.fixture
def examples_dir():
    return Path(os.environ.get("THIDUA_EXAMPLES_DIR", ROOT / "docs" / "examples"))
