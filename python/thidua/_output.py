"""Files written whole: every file the library or the CLI writes goes to a temporary file in the same folder and is
renamed into place, so an interrupted run leaves the old file or the new one, never a truncated one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from typing import Iterator, Union


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# The permissions a file made by open() would get; mkstemp makes its temporary file private (0600).
_FILE_MODE = 0o666 & ~_umask()


@contextlib.contextmanager
def whole_file(path: Union[str, "os.PathLike[str]"]) -> Iterator[str]:
    """A temporary path beside ``path`` (same folder, same extension) to write to; when the block ends it replaces
    ``path`` in one rename, or, when the block raises, it is removed and ``path`` is left as it was."""
    target = os.fspath(path)
    folder, name = os.path.split(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=os.path.splitext(name)[1] or ".part", dir=folder)
    os.close(handle)
    try:
        yield temporary
        os.chmod(temporary, _FILE_MODE)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise


def write_text(path: Union[str, "os.PathLike[str]"], text: str, encoding: str = "utf-8") -> None:
    """Writes ``text`` to ``path`` whole (see whole_file)."""
    with whole_file(path) as temporary, open(temporary, "w", encoding=encoding) as out:
        out.write(text)
