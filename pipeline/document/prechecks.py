"""Paragraphs that would make pandoc's parse time explode, found before pandoc reads them.

pandoc pairs brackets and straight quotation marks within a paragraph by
trying every way, in time that doubles with each one left open: 10 brackets
inside each other take it 4 s, 15 take minutes; 28 quotation marks opening in
turn (' " ' " …) take 0.06 s, 40 take 6 s. A line that opens lists or quotes
by the thousand (`> > > …`, `- - - …`) takes it seconds and gives a tree too
deep to use. No writer means any of these, so each is an error at its chapter
line (pandoc's own limits, in pandoc.py, and the depth of its tree remain the
last guard, for nesting spread over many lines).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pipeline.messages import Said, tr
from pipeline.problems import Problems
from pipeline.render.source_map import DocumentMap


@dataclass(frozen=True)
class Mark:
    """An inline mark pandoc pairs by trying every way."""

    message: Callable[[int], Said]  # that more than `deepest` are open in a paragraph
    deepest: int
    opening: re.Pattern[str]
    closing: re.Pattern[str]
    hint: Callable[[], Said]


MARKS = (
    Mark(lambda deepest: tr("brackets [ ] are nested more than {deepest} deep in this "
                            "paragraph", deepest=deepest),
         5, re.compile(r"\["), re.compile(r"\]"),
         lambda: tr("close each [ with a ], and write \\[ for a bracket that is text")),
    Mark(lambda deepest: tr("quotation marks are left open more than {deepest} deep in "
                            "this paragraph", deepest=deepest),
         20,
         re.compile(r"(?:^|(?<=[\s(\[{]))['\"](?=\S)"),
         re.compile(r"(?<=\S)['\"](?=$|[\s.,;:!?)\]}])"),
         lambda: tr("close each quotation, and write \\' or \\\" for a mark that is text")),
)

# Blocks one line may open: a quote, or a list item, and the space after it.
DEEPEST_BLOCKS = 20
_BLOCK_MARKERS = re.compile(r"(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))+")
_RULE = re.compile(r" {0,3}([-*_])( *\1){2,} *$")
_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_ESCAPED = re.compile(r"\\.")


def check_marks(markdown: str, lines: DocumentMap, problems: Problems) -> bool:
    """Whether no line of `markdown` opens more blocks, and no paragraph more marks, than
    pandoc reads in time; an error at the first line past a limit of each chapter where not."""
    reported: set[object] = set()
    for number, column, message, hint in _overflows(markdown):
        chapter = lines.chapter_at(number)
        where = chapter[1].path if chapter else None
        if where in reported:
            continue
        reported.add(where)
        problems.error(lines.position(number, column), message, hint)
    return not reported


def _overflows(markdown: str) -> Iterator[tuple[int, int, Said, Said]]:
    """(line, column, message, hint) where a line opens too many blocks, or a paragraph
    first opens more of a mark than its limit."""
    fence = ""
    depths = dict.fromkeys(MARKS, 0)
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
            continue
        if (opening := _FENCE.match(line)) is not None:
            fence = opening.group(1)
            continue
        if not line.strip():
            depths = dict.fromkeys(MARKS, 0)  # a paragraph ends
            continue
        if _blocks_opened(line) > DEEPEST_BLOCKS:
            yield (number, 1, tr("lists or quotes are nested more than {deepest} deep on this "
                                 "line", deepest=DEEPEST_BLOCKS),
                   tr("write it flatter: a list in a list in a list is as deep as a reader "
                      "follows"))
            continue
        plain = _CODE_SPAN.sub(_blank, _ESCAPED.sub(_blank, line))
        for mark in MARKS:
            depths[mark], past = _opened(plain, mark, depths[mark])
            if past is not None:
                yield (number, past + 1, mark.message(mark.deepest), mark.hint())
                depths[mark] = 0


def _blocks_opened(line: str) -> int:
    """How many quotes and list items `line` opens at its start."""
    if _RULE.match(line):
        return 0
    found = _BLOCK_MARKERS.match(line)
    return len(re.findall(r">|[-+*]|\d{1,9}[.)]", found.group())) if found else 0


def _blank(found: re.Match[str]) -> str:
    """What an escape or a code span is replaced by: spaces, so columns stay."""
    return " " * len(found.group())


def _opened(line: str, mark: Mark, depth: int) -> tuple[int, int | None]:
    """How many `mark`s are open after `line` (`depth` before it), and the index where
    more than the limit first were."""
    changes = sorted([(found.start(), 1) for found in mark.opening.finditer(line)]
                     + [(found.start(), -1) for found in mark.closing.finditer(line)])
    for at, change in changes:
        depth = max(depth + change, 0)
        if depth > mark.deepest:
            return depth, at
    return depth, None
