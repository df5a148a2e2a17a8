"""The chapter line and column of an element of the parsed document, for a problem found there.

pandoc's Markdown reader, which the build parses with, records no positions;
its CommonMark reader does (`+sourcepos`). So when a check first needs a
position, the same rendered Markdown is read once more, by CommonMark with the
same extensions as far as it has them, and each element it finds is matched to
the build's by what it is and what it holds: the n-th image with a given path
in a chapter is the n-th such image of that chapter in either reading. The two
readers agree on images, links, headings, formulas and attributes as writers
write them; where they do not (the same image counted differently, say), the
element has no exact place and the caller searches the chapter's text instead.
The rendered line is then traced to the chapter's own (render/source_map.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from pipeline.document import pandoc
from pipeline.document.crossref import SECTION_NUMBER
from pipeline.document.transforms import locate
from pipeline.document.tree import (
    Element,
    attr_of,
    children,
    classes,
    elements,
    literal_text,
    stringify,
    target_of,
)
from pipeline.problems import Position
from pipeline.render.source_map import DocumentMap

# CommonMark with pandoc's extensions, less what the build's reader leaves out too
# (raw HTML and raw attributes) and what changes text (":smile:" as an emoji).
SOURCEPOS_READER = "commonmark_x-raw_html-raw_attribute-emoji+sourcepos"
# The attributes `+sourcepos` adds, which the build's reading has not.
_ADDED = frozenset({"data-pos", "wrapper"})
_POSITION = re.compile(r"(?:.*@)?(\d+):(\d+)-")

Key = tuple[str, str]


def keys(element: Element) -> list[Key]:
    """What identifies `element` among the elements of its chapter, in either reading."""
    kind = element["t"]
    found: list[Key] = []
    if kind in ("Image", "Link"):
        found.append((kind, target_of(element).url))
    elif kind == "Header":
        found.append((kind, heading_text(element)))
    elif kind == "Math":
        found.append((kind, literal_text(element)))
    attr = attr_of(element)
    if attr is not None:
        found += [("attribute", key) for key, _value in attr[2] if key not in _ADDED]
    return found


def heading_text(element: Element) -> str:
    """A heading's text as written, without the number crossref.py puts before it."""
    return stringify([inline for inline in children(element)
                      if not (inline["t"] == "Span" and SECTION_NUMBER in classes(inline))])


class Occurrence(NamedTuple):
    """The `number`-th element of chapter `source` that `key` identifies, in document order."""

    source: Path
    key: Key
    number: int


class Places:
    """Where the elements of one rendered publication were written; read when first asked,
    so a publication without problems is read once only."""

    def __init__(self, markdown: str, lines: DocumentMap) -> None:
        self.markdown = markdown
        self.lines = lines
        self._index: dict[tuple[Path, Key], list[Position]] | None = None
        self._seen: dict[tuple[Path, Key], int] = defaultdict(int)
        self._sources = {source.path: source for _first, source in lines.chapters}

    def seen(self, source: Path, key: Key) -> Occurrence:
        """Count the next element of `source` that `key` identifies (call it for each)."""
        self._seen[source, key] += 1
        return Occurrence(source, key, self._seen[source, key])

    def of(self, occurrence: Occurrence, needle: str) -> Position:
        """Where `occurrence` was written; where the readings disagree on it, the first
        line of its chapter that holds `needle`."""
        found = self.index().get((occurrence.source, occurrence.key), [])
        if occurrence.number > len(found):
            return locate(occurrence.source, needle)
        return self._at_needle(found[occurrence.number - 1], needle)

    def _at_needle(self, where: Position, needle: str) -> Position:
        """`where`, moved on along its line to `needle` (an image's path, an attribute)."""
        lines = self._sources[where.path].source_lines if where.path in self._sources else []
        if where.line is None or where.column is None or where.line > len(lines):
            return where
        column = lines[where.line - 1].find(needle, where.column - 1) + 1
        return replace(where, column=column) if column else where

    def index(self) -> dict[tuple[Path, Key], list[Position]]:
        if self._index is None:
            self._index = self._read()
        return self._index

    def _read(self) -> dict[tuple[Path, Key], list[Position]]:
        try:
            output = pandoc.run(["--from", SOURCEPOS_READER, "--to", "json"],
                                self.markdown.encode("utf-8"))
            blocks = json.loads(output)["blocks"]
        except (pandoc.PandocError, RecursionError, ValueError):
            return {}
        index: dict[tuple[Path, Key], list[Position]] = defaultdict(list)
        for element in elements(blocks):
            attr = attr_of(element)
            at = _POSITION.match(dict(attr[2]).get("data-pos", "")) if attr else None
            if at is None:  # no position, or an empty one (an element pandoc made)
                continue
            line, column = int(at.group(1)), int(at.group(2))
            chapter = self.lines.chapter_at(line)
            if chapter is None:
                continue
            first, source = chapter
            where = source.position(line - first + 1, column)
            target = element
            if dict(attr[2]).get("wrapper") and len(inner := children(element)) == 1 \
                    and attr_of(inner[0]) is None:
                target = inner[0]  # a span +sourcepos adds around a word or a formula
            for key in keys(target):
                index[source.path, key].append(where)
        return index
