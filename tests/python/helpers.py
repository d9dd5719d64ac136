"""Helpers shared by the tests: where the golden cases are, and exact JSON loading."""

import json
import os
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def golden_cases():
    """Every golden case by file name; the shared directory beside the checkout wins over the copy in tests/."""
    default = os.pathsep.join([f"{ROOT.parent}/shared/golden", f"{ROOT}/tests/data/golden"])
    cases = {}
    for d in os.environ.get("THIDUA_GOLDEN_DIRS", default).split(os.pathsep):
        if d and Path(d).is_dir():
            for path in sorted(Path(d).glob("*.json")):
                cases.setdefault(path.name, path)
    return dict(sorted(cases.items()))


def load_exact(path):
    """JSON with decimals kept exact (floats become Decimal)."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)

# A filterwarnings entry for tests whose random or minimal results leave most slots without a row on purpose: the
# report's no_results and mostly_missing warnings (in either language) are expected there, and only those.
MISSING_RESULTS = ("ignore:.*(results needed have no row|kết quả cần có không có dòng|no results were given|"
                   "không có kết quả nào):thidua.InputWarning")


def chromium(width, height, *, logs=False):
    """A headless Chromium (Debian's chromium and chromium-driver) at that window size; with ``logs``, it keeps the
    console and the network log for ``driver.get_log("browser" | "performance")``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}"):
        options.add_argument(argument)
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
