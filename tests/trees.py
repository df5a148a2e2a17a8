"""Tiny pandoc trees for the unit tests: built by hand, or parsed from a few lines."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pipeline.document.pandoc import Ast, parse_markdown
from pipeline.document.positions import Places
from pipeline.document.transforms import chapter_fence, fence_lines
from pipeline.document.tree import Element, make_attr, text_inlines, walk
from pipeline.render.source_map import DocumentMap, SourceMap

# Fixed strings as the Norwegian catalog has them, so a test sees that a transform translates.
NORWEGIAN = {"Table": "Tabell", "Figure": "Figur", "section": "avsnitt", "table": "tabell",
             "figure": "figur", "Note": "Merk", "Tip": "Tips", "Warning": "Advarsel"}


def norwegian(message: str) -> str:
    return NORWEGIAN.get(message, message)


def document(*blocks: Element) -> Ast:
    return {"pandoc-api-version": [1, 23, 1, 1], "meta": {}, "blocks": list(blocks)}


def para(text: str) -> Element:
    return {"t": "Para", "c": text_inlines(text)}


def header(level: int, text: str, ident: str = "", classes: Iterable[str] = ()) -> Element:
    return {"t": "Header", "c": [level, make_attr(ident, classes), text_inlines(text)]}


def image(url: str, alt: str = "", pairs: Iterable[tuple[str, str]] = ()) -> Element:
    return {"t": "Image", "c": [make_attr(pairs=pairs), text_inlines(alt), [url, ""]]}


def every(ast: Ast, kind: str) -> list[Element]:
    """Every element of type `kind`, innermost first (the order of `walk`)."""
    found: list[Element] = []

    def collect(element: Element) -> None:
        if element["t"] == kind:
            found.append(element)

    walk(ast["blocks"], collect)
    return found


def first(ast: Ast, kind: str) -> Element:
    found = every(ast, kind)
    assert found, f"no {kind} in the tree"
    return found[0]


def places(root: Path, name: str, markdown: str, frame: str = "") -> Places:
    """Where the elements of `chapter(root, name, markdown, frame)` were written: each
    line of `markdown` as the chapter's own text, as a chapter without Jinja renders."""
    source = SourceMap(root / name, markdown.split("\n"))
    source.add(markdown, 1, written=True)
    lines = DocumentMap(root / "publication.yaml")
    lines.add(frame.count("\n") + 3 + fence_lines(), source)
    return Places(frame + "\n\n" + chapter_fence(name, markdown), lines)


def chapter(root: Path, name: str, markdown: str, frame: str = "") -> Ast:
    """A document of one chapter, as a build parses it: `markdown` saved as `root/name`
    (so that problems find their line) and wrapped in its chapter div after `frame`."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown, encoding="utf-8")
    return parse_markdown(frame + "\n\n" + chapter_fence(name, markdown))


def nested_grid_tables(depth: int) -> str:
    """Grid tables `depth` deep, each in the body cell of the one before; the table at level
    n has the header "Level n"."""
    lines = ["Innermost"]
    for level in range(depth, 0, -1):
        width = max(len(line) for line in lines) + 2
        border = "+" + "-" * width + "+"
        lines = [border, "| " + f"Level {level}".ljust(width - 1) + "|",
                 "+" + "=" * width + "+", *("| " + line.ljust(width - 1) + "|" for line in lines),
                 border]
    return "\n".join(lines) + "\n"
