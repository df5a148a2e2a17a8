"""Where each line of rendered Markdown was written: its chapter's file, line and column.

A chapter is Markdown with Jinja in it, so a problem pandoc finds in the
rendered Markdown lies at a rendered line, not at the chapter's. While a chapter
renders, each piece Jinja writes is recorded with the chapter line that wrote it
(Jinja's own line mapping, `Template.get_corresponding_lineno`): a piece of the
chapter's own text runs on over the chapter's lines as it runs over the rendered
ones, column for column; a value a `{{ … }}` printed (or a partial it included)
lies at the line of that `{{ … }}` or `{% include %}`, with no column of its own.

Jinja records no line for its own text that follows a block tag (`{% endfor %}`
… text), so `LineCodeGenerator` records it: without it, that text would be
placed at the tag's line.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from jinja2 import nodes
from jinja2.compiler import CodeGenerator

from pipeline.problems import Position


class LineCodeGenerator(CodeGenerator):
    """Jinja's code generator, recording the line where each piece of a chapter's text starts.

    Jinja writes consecutive constant text as one `yield '…'` without a line of
    its own; here each such group takes the line of its first node.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._constant_lines: list[int] = []

    def _output_child_to_const(self, node: nodes.Expr, frame: Any, finalize: Any) -> str:
        const = super()._output_child_to_const(node, frame, finalize)
        self._constant_lines.append(node.lineno)
        return const

    def _output_const_repr(self, group: list[Any]) -> str:
        first = self._constant_lines[0]
        del self._constant_lines[:len(group)]
        self.newline(nodes.Const(None, lineno=first))
        return super()._output_const_repr(group)


class Segment(NamedTuple):
    """A run of one rendered line written by one chapter line: from rendered column
    `start` (0-based), at chapter `line` and `column` (1-based; None for a printed value)."""

    start: int
    line: int
    column: int | None


@dataclass
class SourceMap:
    """The chapter line (and column, where known) of every line of its rendered Markdown."""

    path: Path
    source_lines: list[str]
    lines: list[list[Segment]] = field(default_factory=lambda: [[]])
    _width: int = 0  # characters already on the last rendered line

    def add(self, piece: str, line: int, written: bool) -> None:
        """Record `piece`, written by chapter `line`: the chapter's own text when `written`."""
        column = self._column_of(piece.split("\n", 1)[0], line) if written else None
        for index, part in enumerate(piece.split("\n")):
            if index:
                self.lines.append([])
                self._width = 0
                if written:
                    line, column = line + 1, 1
            if part or not self.lines[-1]:  # an empty run at a line's end holds nothing
                self.lines[-1].append(Segment(self._width, line, column))
            self._width += len(part)

    def _column_of(self, text: str, line: int) -> int | None:
        """Where `text`, the start of a piece of the chapter's text, stands on chapter `line`."""
        if not 0 < line <= len(self.source_lines):
            return None
        found = self.source_lines[line - 1].rfind(text) if text else -1
        return found + 1 if found >= 0 else None

    def position(self, line: int, column: int | None = None) -> Position:
        """The chapter position of rendered `line` and `column` (1-based)."""
        segment = self._segment(line, column or 1)
        if segment is None:
            return Position(self.path)
        if segment.column is None or column is None:
            return Position(self.path, segment.line, segment.column if column else None)
        return Position(self.path, segment.line, segment.column + column - 1 - segment.start)

    def is_written(self, line: int, column: int) -> bool:
        """Whether rendered `line`, `column` is the chapter's own text, not a printed value."""
        segment = self._segment(line, column)
        return segment is not None and segment.column is not None

    def _segment(self, line: int, column: int) -> Segment | None:
        """The run of rendered `line` that holds `column`."""
        if not 0 < line <= len(self.lines) or not self.lines[line - 1]:
            return None
        segments = self.lines[line - 1]
        index = bisect.bisect_right([segment.start for segment in segments], column - 1) - 1
        return segments[max(index, 0)]


@dataclass
class DocumentMap:
    """The source of every line of a publication's rendered Markdown: the chapters it
    joins, each from its first rendered line."""

    frame: Path
    chapters: list[tuple[int, SourceMap]] = field(default_factory=list)

    def add(self, first_line: int, source: SourceMap) -> None:
        self.chapters.append((first_line, source))

    def chapter_at(self, line: int) -> tuple[int, SourceMap] | None:
        """The chapter holding rendered `line`, with its first line."""
        index = bisect.bisect_right([first for first, _ in self.chapters], line) - 1
        if index < 0:
            return None
        first, source = self.chapters[index]
        return (first, source) if line - first < len(source.lines) else None

    def is_written(self, line: int, column: int) -> bool:
        """Whether rendered `line`, `column` is a chapter's own text, not a printed value."""
        found = self.chapter_at(line)
        return found is not None and found[1].is_written(line - found[0] + 1, column)

    def position(self, line: int, column: int | None = None) -> Position:
        """The file, line and column that wrote rendered `line`, `column`."""
        found = self.chapter_at(line)
        if found is None:
            return Position(self.frame)
        first, source = found
        return source.position(line - first + 1, column)
