"""Writing a file so that no reader ever sees it half-written: a temporary beside it,
renamed into place whole. Writers working in parallel each get a temporary of their own."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_target(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; rename it into place only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _new_file(path)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _new_file(path: Path) -> Path:
    """A new empty file beside `path`, created 0666 less the umask (0644 as a rule).

    Not `mkstemp`: its files are 0600, which a web server running as another
    user cannot read.
    """
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temporary


def write_atomically(path: Path, data: str | bytes) -> None:
    """`data` into `path`, whole or not at all."""
    with atomic_target(path) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
