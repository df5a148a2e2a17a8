"""Skip writing an output whose inputs have not changed since it was written.

An output's key hashes everything it is made from: the parsed document, its
metadata and layout, every image and font file it uses, the brand file, and
the pipeline's own code and templates. Rendering and parsing always run (they
are what tells a change), only the format writers are skipped.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pypandoc
import typst

from pipeline.document.prepared import Document
from pipeline.document.tree import Element, walk
from pipeline.resources import PACKAGE, TEMPLATES


@cache
def _tools() -> str:
    """The pipeline's code and templates, and the versions of pandoc and Typst."""
    digest = hashlib.sha256(f"{pypandoc.get_pandoc_version()} {typst.__version__}".encode())
    for path in sorted([*PACKAGE.rglob("*.py"), *TEMPLATES.rglob("*")]):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def _file(path: Path, modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_hash(path: Path) -> str:
    return _file(path, path.stat().st_mtime_ns) if path.is_file() else "missing"


def key(document: Document, fmt: str, gate: str) -> str:
    """The hash of all `document` is made from, and of the gate (`gate`) it must pass."""
    images: list[str] = []

    def collect(element: Element) -> None:
        if element["t"] == "Image":
            images.append(element["c"][2][0])

    walk(document.ast["blocks"], collect)
    brand = document.brand
    files = [brand.path, *(font.path for font in brand.fonts), *map(Path, images)]
    if document.logo:
        files.append(document.logo)
    parts = [
        _tools(), gate, fmt, document.lang, repr(document.layout), repr(document.labels),
        repr((document.title, document.subtitle, document.date, document.organisation,
              document.postal_address, document.email, document.web, document.logo_alt)),
        json.dumps(document.ast, sort_keys=True, ensure_ascii=False),
        *(f"{path}:{_file_hash(path)}" for path in files),
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def is_fresh(target: Path, stamp: Path, current: str) -> bool:
    return target.is_file() and stamp.is_file() and stamp.read_text() == current


def remembered(path: Path, parts: list[str], compute: Callable[[], Any]) -> Any:
    """`compute()`'s JSON result, kept in `path` and reused while `parts` are the same.

    pandoc's parse and citeproc cost a tenth of a second or more a document; an
    unchanged document need not pay it again.
    """
    digest = hashlib.sha256("\n".join([_tools(), *parts]).encode("utf-8")).hexdigest()
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("key") == digest:
            return kept["value"]
    except (OSError, ValueError, AttributeError):
        pass
    value = compute()
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps({"key": digest, "value": value}), encoding="utf-8")
    partial.replace(path)
    return value
