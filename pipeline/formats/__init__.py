"""One module per output format: each turns a `Document` into one file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pipeline.content.model import Publication
from pipeline.document.prepared import Document
from pipeline.formats import html, pdf, print_pdf
from pipeline.formats.docx import writer as docx

WRITERS: dict[str, Callable[[Document, Path], None]] = {
    "html": html.write,
    "docx": docx.write,
    "pdf": pdf.write,
    "print": print_pdf.write,  # a brochure's print PDF, when publication.yaml asks for it
}
# The output a format writes, beside the others of its document; and the format the leak
# gate reads it as.
FILE_NAMES = {"print": "{stem}" + print_pdf.SUFFIX}
READ_AS = {"print": "pdf"}


def with_variants(publication: Publication, formats: list[str]) -> list[str]:
    """`formats` of `publication`, and the print PDF beside the PDF when it asks for one."""
    return formats + (["print"] if publication.print_pdf and "pdf" in formats else [])


def file_name(stem: str, fmt: str) -> str:
    return FILE_NAMES.get(fmt, "{stem}.{fmt}").format(stem=stem, fmt=fmt)
