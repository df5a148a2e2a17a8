"""Reading built files the way the tests need them: text and structure."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pikepdf
import pypdf
from bs4 import BeautifulSoup


def pdf_text(path: Path) -> str:
    """The PDF's text with hyphenation at line ends undone and whitespace folded.

    Typst maps its hyphen glyph to a soft hyphen: at a line end it is a
    hyphenation break, elsewhere the hyphen the writer typed.
    """
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    text = re.sub(r"\u00ad[ \t]*\n", "", text).replace("\u00ad", "-")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def pdf(path: Path) -> pikepdf.Pdf:
    return pikepdf.open(str(path))


def docx_text(path: Path) -> str:
    """Every paragraph of the body and of its tables, in order, folded."""
    document = docx.Document(str(path))
    body = document.element.body
    parts = ["".join(t.text or "" for t in p.iter(docx.oxml.ns.qn("w:t")))
             for p in body.iter(docx.oxml.ns.qn("w:p"))]
    return re.sub(r"\s+", " ", " ".join(parts).replace("\u00a0", " "))


def html(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def html_text(path: Path) -> str:
    soup = html(path)
    return re.sub(r"\s+", " ", soup.get_text(" ").replace("\u00a0", " "))


def compact(text: str) -> str:
    """Text without whitespace and hyphens, so that a PDF's line breaks and hyphenation
    (Typst maps typed and inserted hyphens alike) cannot split a match."""
    return re.sub(r"[\s\u00ad-]+", "", text)
