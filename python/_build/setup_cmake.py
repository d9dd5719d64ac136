"""setuptools with a build_ext that configures and builds thidua._core with CMake (run by thidua_build)."""

import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        source = os.path.abspath(".")
        build_type = os.environ.get("THIDUA_BUILD_TYPE", "Release")
        build = os.path.join(source, "build", f"pip-py{sys.version_info.major}{sys.version_info.minor}-{build_type}")
        subprocess.check_call(
            [
                "cmake", "-S", source, "-B", build,
                # Release for users; the test of the install (tests/python/test_install.py) asks for an unoptimised
                # build through THIDUA_BUILD_TYPE: it checks what gets installed, not how fast it runs.
                f"-DCMAKE_BUILD_TYPE={build_type}",
                f"-DPython_EXECUTABLE={sys.executable}",
                "-DTHIDUA_BUILD_TESTS=OFF",
                "-DTHIDUA_BUILD_PYTHON=ON",
                "-DTHIDUA_INSTALL=OFF",
            ]
        )
        subprocess.check_call(["cmake", "--build", build, "--target", "_core", "-j", str(os.cpu_count() or 1)])
        built = os.path.join(build, "python", "thidua")
        module = next(f for f in os.listdir(built) if f.startswith("_core.") and f.endswith((".so", ".pyd")))
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(built, module), target)


def library_version():
    """The one version source: THIDUA_VERSION_STRING in include/thidua/core/version.hpp (CMake reads it too)."""
    with open(os.path.join("include", "thidua", "core", "version.hpp"), encoding="utf-8") as header:
        return re.search(r'define THIDUA_VERSION_STRING "([^"]+)"', header.read()).group(1)


setup(version=library_version(), ext_modules=[CMakeExtension("thidua._core")], cmdclass={"build_ext": CMakeBuild})
