"""The one cache: a result is made again only when what it is made from has changed.

Every key hashes the parts a result is made from together with the whole
pipeline (its code, its templates, and the versions of pandoc and Typst), so
no change of any module a result depends on can leave a stale result behind.
Files are hashed by content, never by modification time. The cache serves
the outputs (build.py), pandoc's parse and citeproc (`remembered`), and the
pictures and web fonts a document uses (`made`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pipeline.files import write_atomically
from pipeline.resources import PACKAGE, TEMPLATES

# The packages whose versions shape an output: the tools, the writers, the pictures and fonts.
MAKERS = ("pypandoc-binary", "typst", "python-docx", "Jinja2", "Babel", "matplotlib",
          "fonttools", "pillow", "lxml")


@cache
def _tools() -> str:
    """The pipeline's code and templates, and the versions of the packages that make outputs.

    pandoc's version is that of the package that brings it (pinned in
    requirements.txt): asking pandoc itself costs a process.
    """
    tools = " ".join(f"{name} {version(name)}" for name in MAKERS)
    digest = hashlib.sha256(tools.encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *TEMPLATES.rglob("*")]):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def forget_tools() -> None:
    """Hash the code and templates anew: a process that runs on (the preview) saw them change."""
    _tools.cache_clear()


@cache
def _file(path: Path, size: int, modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_hash(path: Path) -> str:
    """The hash of a file's content (read once per process while it stays unchanged)."""
    if not path.is_file():
        return "missing"
    stat = path.stat()
    return _file(path, stat.st_size, stat.st_mtime_ns)


def key(parts: Iterable[object]) -> str:
    """The key of a result made from `parts` by this pipeline."""
    text = "\n".join([_tools(), *(str(part) for part in parts)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_fresh(targets: list[Path], stamp: Path, current: str) -> bool:
    """Whether `targets` exist and were made under the key `current`, kept in `stamp`."""
    return all(target.is_file() for target in targets) and stamp.is_file() and \
        stamp.read_text() == current


def made(targets: list[Path], parts: Iterable[object], make: Callable[[], None]) -> None:
    """Run `make` to write `targets`, unless they were made from the same `parts` before."""
    stamp = targets[0].with_suffix(targets[0].suffix + ".key")
    current = key(parts)
    if is_fresh(targets, stamp, current):
        return
    make()
    write_atomically(stamp, current)


def remembered(path: Path, parts: list[str], compute: Callable[[], Any]) -> Any:
    """`compute()`'s JSON result, kept in `path` and reused while `parts` are the same.

    pandoc's parse and citeproc cost a tenth of a second or more a document; an
    unchanged document need not pay it again.
    """
    kept = recalled(path, parts)
    if kept is not None:
        return kept
    value = compute()
    keep(path, parts, value)
    return value


def recalled(path: Path, parts: list[str]) -> Any | None:
    """The JSON value kept in `path` for these `parts`; None when there is none."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") == key(parts):
            return kept["value"]
    except (OSError, ValueError, AttributeError):
        pass
    return None


def keep(path: Path, parts: list[str], value: Any) -> None:
    """Keep `value` in `path` for what `recalled` asks with the same `parts`."""
    write_atomically(path, json.dumps({"key": key(parts), "value": value}))
