"""Characters none of the PDF's fonts has, found by `ncp check` before Typst refuses them.

A tagged PDF (PDF/UA) must draw every character it holds, so Typst stops at
one its fonts lack: an emoji, a letter of another script, a rare symbol. A
browser or Word finds a font for any character, so only a publication with a
PDF is checked. Each such character is an error where it was written: at the
chapter line, or, when data brought it (a case's title, the bibliography), at
the first line of the YAML or bibliography file that holds it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from pipeline.checks.pdf_fonts import PdfFonts, pdf_fonts
from pipeline.content.characters import describe, needs_glyph
from pipeline.document.prepared import Document
from pipeline.document.transforms import locate
from pipeline.document.tree import elements
from pipeline.messages import tr
from pipeline.problems import Position, Problems
from pipeline.render.source_map import DocumentMap

# What the PDF draws of each element type: its words, code and formulas. An image's
# description is not drawn (it is the PDF's alt text), so it may hold any character.
_DRAWN = {"Str": lambda c: c, "Code": lambda c: c[1], "CodeBlock": lambda c: c[1],
          "Math": lambda c: c[1]}


def drawn_text(document: Document) -> str:
    """All text the PDF draws: the chapters, the bibliography, the frame's texts."""
    words = [_DRAWN[element["t"]](element["c"])
             for element in elements(document.ast["blocks"], skip=("Image",))
             if element["t"] in _DRAWN]
    return " ".join([*words, *_frame(document)])


def _frame(document: Document) -> list[str]:
    """The texts of the PDF's cover or letterhead."""
    return [document.title, document.subtitle, document.organisation,
            document.postal_address, document.date_text]


def _lacking(character: str, fonts: PdfFonts) -> bool:
    """Whether `character` needs a glyph that no font has."""
    return not (character.isascii() and character.isprintable()) \
        and needs_glyph(character) and not fonts.draw(character)


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def check_glyphs(document: Document, markdown: str, lines: DocumentMap, content_root: Path,
                 problems: Problems) -> None:
    """An error for each character of the document's PDF that none of its fonts has."""
    bibliography = document.publication.bibliography
    fonts = pdf_fonts(tuple(document.brand.font_dirs))
    # Quick first: the characters of the Markdown and of what the PDF adds from files.
    written = set(markdown).union(_text(bibliography) if bibliography else "",
                                  *_frame(document))
    if not any(_lacking(character, fonts) for character in written):
        return
    data = sorted([*content_root.rglob("*.yaml"), *content_root.rglob("*.yml")])
    if bibliography:
        data.append(bibliography)
    counts = Counter(drawn_text(document))
    missing = sorted(character for character in counts if _lacking(character, fonts))
    reported: set[tuple[Position, str]] = set()
    for character in missing:
        where = _origin(character, markdown, lines, data) or Position(lines.frame)
        if (where, character) in reported:
            continue
        reported.add((where, character))
        times, named = counts[character], describe(character)
        problems.error(where,
                       tr("the character {character} is in none of the PDF's fonts, {count} "
                          "times in this publication", character=named, count=times)
                       if times > 1 else
                       tr("the character {character} is in none of the PDF's fonts",
                          character=named),
                       tr("leave it out or write it in words; the PDF's fonts ({fonts}) do not "
                          "have it", fonts=", ".join(fonts.families)))


def _origin(character: str, markdown: str, lines: DocumentMap,
            data: list[Path]) -> Position | None:
    """Where `character` was written: a chapter's own text, else the first data file."""
    for number, line in enumerate(markdown.split("\n"), start=1):
        column = line.find(character) + 1
        if column and lines.is_written(number, column):
            return lines.position(number, column)
    for path in data:
        where = locate(path, character)
        if where.line:
            return where
    return None
