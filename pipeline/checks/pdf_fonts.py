"""The fonts the PDF is set in, and the characters each has.

Typst sets the PDF in the brand's fonts and, where they lack a character, in
any other font it has: the build gives it the brand's font folders and its own
embedded fonts (Libertinus Serif, New Computer Modern and its Math, DejaVu Sans
Mono), never the machine's (formats/pdf.py), so the fonts read here are all
the fonts the PDF can use. The typst package offers no way to read its
embedded fonts, but they lie whole in its compiled library as OpenType files:
each is found by its table directory and read with fontTools.
"""

from __future__ import annotations

import io
import re
import struct
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import typst
from fontTools.ttLib import TTFont, TTLibError
from typst import _typst

# An OpenType (CFF) or TrueType file starts with its version and a count of 1 to 64 tables.
_STARTS = (re.compile(rb"OTTO\x00[\x01-\x40]"), re.compile(rb"\x00\x01\x00\x00\x00[\x01-\x40]"))


class PdfFonts:
    """The fonts Typst sets a PDF in: those in `font_dirs` and its own."""

    def __init__(self, font_dirs: list[Path]) -> None:
        found = typst.Fonts(include_system_fonts=False,
                            font_paths=[str(folder) for folder in font_dirs])
        self.families = found.families()
        files = [(Path(font.path), font.index) for font in found.fonts() if font.path]
        self._brand = frozenset().union(
            *(_codepoints(path, index, path.stat().st_mtime_ns) for path, index in files))

    def draw(self, character: str) -> bool:
        """Whether some font has `character` (Typst's own are read only when asked)."""
        code = ord(character)
        return code in self._brand or code in embedded_codepoints()


def pdf_fonts(font_dirs: tuple[Path, ...]) -> PdfFonts:
    """The fonts of `font_dirs` and Typst's, read once a process while their files stay."""
    files = tuple((path, path.stat().st_mtime_ns)
                  for folder in font_dirs for path in sorted(folder.iterdir()))
    return _pdf_fonts(font_dirs, files)


@cache
def _pdf_fonts(font_dirs: tuple[Path, ...], _files: tuple[tuple[Path, int], ...]) -> PdfFonts:
    return PdfFonts(list(font_dirs))


@cache
def _codepoints(path: Path, index: int, _modified: int) -> frozenset[int]:
    """The characters of one font file; kept for the process, per file and version."""
    return frozenset(TTFont(path, fontNumber=index, lazy=True).getBestCmap() or {})


@cache
def embedded() -> tuple[frozenset[int], ...]:
    """The characters of each font built into the typst package (read once, in about 0.2 s)."""
    data = Path(_typst.__file__).read_bytes()
    return tuple(frozenset(font.getBestCmap() or {}) for font in _fonts(data))


@cache
def embedded_codepoints() -> frozenset[int]:
    """Every character some font built into Typst has."""
    return frozenset().union(*embedded())


def _fonts(data: bytes) -> Iterator[TTFont]:
    """Every distinct font file lying in `data`."""
    seen: set[bytes] = set()
    for start in sorted(match.start() for pattern in _STARTS for match in pattern.finditer(data)):
        directory = _directory(data, start)
        if directory is None or directory in seen:
            continue
        seen.add(directory)
        end = max(offset + length
                  for _tag, _sum, offset, length in struct.iter_unpack(">4sIII", directory))
        try:
            yield TTFont(io.BytesIO(data[start:start + end]), lazy=True)
        except (TTLibError, struct.error):
            continue


def _directory(data: bytes, start: int) -> bytes | None:
    """The table directory of a font starting at `start`, or None when there is none."""
    count = struct.unpack_from(">H", data, start + 4)[0]
    directory = data[start + 12:start + 12 + 16 * count]
    if len(directory) < 16 * count:
        return None
    tags = {tag for tag, *_ in struct.iter_unpack(">4sIII", directory)}
    if not {b"cmap", b"head", b"name"} <= tags or not all(
            re.fullmatch(rb"[ -~]{4}", tag) for tag in tags):
        return None
    return directory
