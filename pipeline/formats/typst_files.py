"""Typst reads files only under the build folder of a publication, its root.

Typst can read any file below its root. With the root at the build folder,
a document can reach only what the pipeline put there: its own source, its
charts, and copies of the images and logo the check already found inside the
content folder.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

MEDIA = "media"


def typst_path(file: Path, root: Path) -> str:
    """`file` as Typst names it under `root` ("/media/…"), copied there when it lies elsewhere."""
    root = root.resolve()
    file = file.resolve()
    if not file.is_relative_to(root):
        file = _copy_into(file, root / MEDIA)
    return "/" + file.relative_to(root).as_posix()


def _copy_into(file: Path, folder: Path) -> Path:
    """A copy named by its content, so the same picture is copied once and never clashes."""
    digest = hashlib.sha256(file.read_bytes()).hexdigest()[:20]
    target = folder / f"{digest}{file.suffix.lower()}"
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=folder, prefix=".copy-")
    os.close(handle)
    shutil.copyfile(file, name)
    os.replace(name, target)  # writers working in parallel may copy the same picture
    return target
