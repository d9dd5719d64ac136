"""PEP 517 backend: setuptools, with the extension thidua._core built by CMake.

The project keeps no setup.py at its top level; this backend runs the setup script next to it instead, which
gives setuptools a CMake-driven build_ext. Everything else (metadata from pyproject.toml, wheels, sdists) is
plain setuptools, so `pip install --no-build-isolation .` works offline with Debian's setuptools.
"""

import os

from setuptools import build_meta as _setuptools

_SETUP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "setup_cmake.py")


class _Backend(_setuptools._BuildMetaBackend):
    def run_setup(self, setup_script="setup.py"):
        super().run_setup(_SETUP)


_backend = _Backend()
get_requires_for_build_wheel = _backend.get_requires_for_build_wheel
get_requires_for_build_sdist = _backend.get_requires_for_build_sdist
prepare_metadata_for_build_wheel = _backend.prepare_metadata_for_build_wheel
build_wheel = _backend.build_wheel
build_sdist = _backend.build_sdist
