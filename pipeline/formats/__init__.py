"""One module per output format: each turns a `Document` into one file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.document.prepared import Document
from pipeline.formats import html, pdf
from pipeline.formats.docx import writer as docx

WRITERS: dict[str, Callable[[Document, Path], None]] = {
    "html": html.write,
    "docx": docx.write,
    "pdf": pdf.write,
}
