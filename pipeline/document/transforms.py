"""Format-neutral transforms of the parsed document, one small function each.

The rendered Markdown wraps each chapter in a `::: {.chapter source="…"}` div
(`chapter_fence`), so that each element can be traced to its chapter file
(`chapter_source`, `locate`); pipeline/checks/chapters.py checks and unwraps them.
"""

from __future__ import annotations

from collections.abc import Container
from pathlib import Path

from pipeline.document.pandoc import Ast
from pipeline.document.tree import (
    Element,
    attributes,
    stringify,
    walk,
)
from pipeline.problems import Position

CHAPTER_CLASS = "chapter"


def chapter_fence(source: str, markdown: str) -> str:
    return f'::::::::: {{.{CHAPTER_CLASS} source="{source}"}}\n\n{markdown}\n\n:::::::::\n'


def classed_div(element: Element, classes: Container[str]) -> tuple[str, list, list] | None:
    """(class, attributes, blocks) of a div with one of `classes`, else None."""
    if element["t"] != "Div":
        return None
    attr, blocks = element["c"]
    name = next((c for c in attr[1] if c in classes), None)
    return None if name is None else (name, attr, blocks)


def chapter_source(element: Element, content_root: Path) -> Path | None:
    """The chapter file a top-level chapter div came from, or None for other elements."""
    if classed_div(element, (CHAPTER_CLASS,)) is None:
        return None
    return content_root / attributes(element["c"][0])["source"]


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
        (ident, classes, pairs), _inlines, target = element["c"]
        alt = dict(pairs).get("fig-alt")
        if alt is None:
            return None
        rest = [[key, value] for key, value in pairs if key != "fig-alt"]
        text = [{"t": "Str", "c": alt}]
        return {"t": "Image", "c": [[ident, classes, rest], text, target]}

    return {**ast, "blocks": walk(ast["blocks"], image)}


def shift_chapter_headings(ast: Ast, by: int) -> Ast:
    """Move the chapters' headings (not the frame's) `by` levels down."""
    if not by:
        return ast
    blocks = [
        {**block, "c": [block["c"][0], shift_headings({"blocks": block["c"][1]}, by)["blocks"]]}
        if classed_div(block, (CHAPTER_CLASS,)) else block
        for block in ast["blocks"]
    ]
    return {**ast, "blocks": blocks}


def shift_headings(ast: Ast, by: int) -> Ast:
    def shift(element: Element) -> Element | None:
        if element["t"] != "Header":
            return None
        level, attr, inlines = element["c"]
        return {"t": "Header", "c": [min(level + by, 6), attr, inlines]}

    return {**ast, "blocks": walk(ast["blocks"], shift)}


def headings(ast: Ast, max_level: int = 2) -> list[tuple[int, str, str]]:
    """(level, identifier, text) of each heading, in order."""
    found: list[tuple[int, str, str]] = []

    def collect(element: Element) -> None:
        if element["t"] == "Header" and element["c"][0] <= max_level:
            level, attr, inlines = element["c"]
            found.append((level, attr[0], stringify(inlines)))

    walk(ast["blocks"], collect)
    return found


def swap_image_suffix(ast: Ast, old: str, new: str) -> Ast:
    """Point images at a sibling file in another format, where one exists."""
    def swap(element: Element) -> Element | None:
        if element["t"] != "Image":
            return None
        attr, inlines, (url, title) = element["c"]
        sibling = Path(url).with_suffix(new)
        if url.endswith(old) and sibling.is_file():
            return {"t": "Image", "c": [attr, inlines, [str(sibling), title]]}
        return None

    return {**ast, "blocks": walk(ast["blocks"], swap)}


