"""`pip install --no-build-isolation .` into a fresh venv (with the system's site packages), offline."""

import os
import subprocess
import sys
import venv

import pytest

from helpers import ROOT

pytestmark = [
    pytest.mark.pip,
    pytest.mark.skipif(os.environ.get("THIDUA_PIP_TEST") != "1", reason="run by the pip_install CTest test"),
]


def test_pip_installs_the_package_and_the_cli(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index", "--no-deps", "-q", str(ROOT)],
        check=True,
        cwd=tmp_path,
    )
    example = ROOT / "docs" / "examples" / "hong-linh-dot-dac-biet-2024"
    check = (
        "import thidua, sys; "
        f"r = thidua.load_campaign(r'{example / 'campaign.json'}').score(r'{example / 'results.json'}'); "
        "print(thidua.__file__); print(r.to_dict()['units'][0]['id'])"
    )
    out = subprocess.run([str(python), "-c", check], check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    installed, first = out.splitlines()
    assert installed.startswith(str(env_dir))
    assert first == "bac-hong"
    cli = subprocess.run(
        [str(env_dir / "bin" / "thidua"), "validate", str(example / "campaign.json"), str(example / "results.json")],
        check=True, capture_output=True, text=True,
    )
    assert "valid" in cli.stdout
