"""What the compiled engine runs on this machine."""

from __future__ import annotations

from . import _core


def simd_path() -> str:
    """The instruction set the hot loops run: ``"avx2"`` where the processor has it, else ``"sse2"`` (or
    ``"portable"``). The environment variable ``THIDUA_SIMD=sse2``, read once, keeps them on the portable path; the
    numbers are the same either way.

    Examples
    --------
    >>> import thidua
    >>> thidua.simd_path() in ("avx2", "sse2", "portable")
    True
    """
    return str(_core.simd_path())
