"""Reading built files the way the tests need them: text and structure."""

from __future__ import annotations

import base64
import re
import zipfile
from collections.abc import Iterator
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


def layers(path: Path) -> Iterator[bytes]:
    """Every layer of bytes a reader of the file can reach: each DOCX entry unzipped, each
    PDF object and decoded stream, the HTML with each embedded (base64) resource decoded."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            yield from (package.read(name) for name in package.namelist())
    elif path.suffix == ".pdf":
        with pikepdf.open(path) as document:
            for item in document.objects:
                if isinstance(item, pikepdf.Stream):
                    yield item.stream_dict.unparse()
                    yield _stream_bytes(item)
                elif isinstance(item, pikepdf.Object):
                    yield item.unparse()
    else:
        data = path.read_bytes()
        yield data
        for encoded in re.findall(rb"base64,([A-Za-z0-9+/=]+)", data):
            yield base64.b64decode(encoded)


def _stream_bytes(stream: pikepdf.Stream) -> bytes:
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:  # a filter pikepdf does not decode: the bytes as stored
        return stream.read_raw_bytes()
