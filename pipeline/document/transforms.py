"""Format-neutral transforms of the parsed document, one small function each.

The rendered Markdown wraps each chapter in a `::: {.chapter source="…"}` div
(`chapter_fence`), so that each element can be traced to its chapter file
(`chapter_source`, `locate`); pipeline/checks/chapters.py checks and unwraps them.
"""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Element,
    attributes,
    children,
    div_class,
    heading_level,
    identifier,
    stringify,
    target_of,
    walk,
    with_children,
    with_heading_level,
    with_url,
    without_attribute,
)
from pipeline.problems import Position

CHAPTER_CLASS = "chapter"


# The line that opens a chapter in the rendered Markdown; group 1 is its source.
CHAPTER_OPENING = re.compile(rf'^::::::::: \{{\.{CHAPTER_CLASS} source="([^"\n]*)"\}}$',
                             re.MULTILINE)


def chapter_fence(source: str, markdown: str, lang: str | None = None) -> str:
    """The chapter in its div; `lang` marks a chapter in another language than the document's."""
    if lang is not None:
        markdown = f':::::::: {{lang="{lang}"}}\n\n{markdown}\n\n::::::::'
    return f'::::::::: {{.{CHAPTER_CLASS} source="{source}"}}\n\n{markdown}\n\n:::::::::\n'


def fence_lines(lang: str | None = None) -> int:
    """How many lines `chapter_fence` writes before the chapter's own first line."""
    return 4 if lang is not None else 2


def chapter_texts(markdown: str) -> list[tuple[str, str]]:
    """(source, text) of each chapter of a publication's rendered Markdown."""
    pieces = CHAPTER_OPENING.split(markdown)
    return list(zip(pieces[1::2], pieces[2::2], strict=True))


def chapter_source(element: Element, content_root: Path) -> Path | None:
    """The chapter file a top-level chapter div came from, or None for other elements."""
    if div_class(element, (CHAPTER_CLASS,)) is None:
        return None
    return content_root / attributes(element)["source"]


def locate(source: Path, needle: str) -> Position:
    """The first line of the chapter that holds `needle` (the AST has no positions)."""
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return Position(source)
    for number, line in enumerate(lines, start=1):
        column = line.find(needle)
        if column >= 0:
            return Position(source, number, column + 1)
    return Position(source)


def apply_fig_alt(ast: Ast) -> Ast:
    """Make an image's `fig-alt` attribute its description, as every writer reads that."""
    def image(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        alt = attributes(element).get("fig-alt")
        if alt is None:
            return None
        return with_children(without_attribute(element, "fig-alt"), [{"t": "Str", "c": alt}])

    return {**ast, "blocks": walk(ast["blocks"], image, {"Image"})}


def shift_chapter_headings(ast: Ast, by: int) -> Ast:
    """Move the chapters' headings (not the frame's) `by` levels down."""
    if not by:
        return ast
    blocks = [
        with_children(block, _shifted(children(block), by))
        if div_class(block, (CHAPTER_CLASS,)) is not None else block
        for block in ast["blocks"]
    ]
    return {**ast, "blocks": blocks}


def shift_headings(ast: Ast, by: int) -> Ast:
    """Move every heading `by` levels down (no deeper than 6)."""
    return {**ast, "blocks": _shifted(ast["blocks"], by)}


def _shifted(blocks: list[Element], by: int) -> list[Element]:
    def shift(element: Element) -> Element | None:
        if element["t"] != "Header":
            return None
        return with_heading_level(element, min(heading_level(element) + by, 6))

    return walk(blocks, shift, {"Header"})


def headings(ast: Ast, max_level: int = 2) -> list[tuple[int, str, str]]:
    """(level, identifier, text) of each heading, in order."""
    found: list[tuple[int, str, str]] = []

    def collect(element: Element) -> None:
        if element["t"] == "Header" and heading_level(element) <= max_level:
            found.append((heading_level(element), identifier(element),
                          stringify(children(element))))

    walk(ast["blocks"], collect, {"Header"})
    return found


def swap_image_suffix(ast: Ast, old: str, new: str) -> Ast:
    """Point images at a sibling file in another format, where one exists."""
    def swap(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        url = target_of(element).url
        sibling = Path(url).with_suffix(new)
        if url.endswith(old) and sibling.is_file():
            return with_url(element, str(sibling))
        return None

    return {**ast, "blocks": walk(ast["blocks"], swap, {"Image"})}


