"""The prose of a chapter source or a text field: its words and sentences, each where written.

A chapter is read as its writer wrote it, Jinja and all, so that every word keeps its exact
line and column without a render. What is not prose in the chapter's language is blanked
first, character for character (newlines kept, so positions stay true): Jinja expressions,
statements and comments, code, TeX math, links' targets, bare addresses, attributes, citations,
HTML, and passages marked with another language (`[text]{lang=en}`, or a `::: {lang=en}` div).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# Regions that are never prose, in the order they are blanked (Jinja first: it may hold any
# of the others; code before links, since code may hold brackets).
_NEVER_PROSE = [re.compile(pattern, re.DOTALL | re.MULTILINE) for pattern in (
    r"\{##.*?##\}",                       # Jinja comment
    r"\{\{.*?\}\}|\{%.*?%\}",             # Jinja expression or statement
    r"^(```|~~~).*?^\1[^\n]*$",           # fenced code
    r"`[^`\n]+`",                         # inline code
    r"\$\$.+?\$\$|(?<![\\$])\$(?=\S)[^$\n]*?(?<=\S)\$(?!\d)",  # TeX math
    r"<!--.*?-->|<[A-Za-z/!][^>\n]*>",    # HTML comment, tag or autolink
)]
_FOREIGN_SPAN = re.compile(r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"  # the text, maybe with links
                           r"\{[^{}\n]*?\blang=[\"']?([\w-]+)[^{}\n]*\}")
_LATER = [re.compile(pattern, re.MULTILINE) for pattern in (
    r"\]\([^)\n]*\)",                     # a link's or image's target
    r"^\s*\[[^\]\n]+\]:\s*\S+.*$",        # a reference definition
    r"\[\^[^\]\n]*\]",                    # a footnote mark
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+",  # a bare address
    r"\{[^{}\n]*\}",                      # attributes: {#id .class key=value}
    r"-?@[\w:.#$%&+?<>~/-]+",             # a citation or cross-reference
    r"^\s*:{3,}.*$",                      # a div fence
    r"^\s*\|?[\s:|-]+\|[\s:|-]*$",        # a table's rule line
)]
_DIV_OPEN = re.compile(r"^\s*:{3,}\s*(\{[^}]*\}|[\w-]+)")
_DIV_CLOSE = re.compile(r"^\s*:{3,}\s*$")
_DIV_LANG = re.compile(r"\blang=[\"']?([\w-]+)")

WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Word:
    text: str
    line: int  # 1-based, in the file
    column: int  # 1-based


def blank(text: str) -> str:
    """`text` with the same length and line breaks, everything but spaces and newlines gone."""
    return re.sub(r"[^\n]", " ", text)


def _blank_all(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: blank(m.group()), text)


def chapter_prose(source: str, lang: str) -> str:
    """The chapter `source` with all that is not prose in `lang` blanked."""
    text = source
    for pattern in _NEVER_PROSE:
        text = _blank_all(text, pattern)
    text = _FOREIGN_SPAN.sub(lambda m: m.group() if _same(m.group(2), lang) else blank(m.group()),
                             text)
    text = _without_foreign_divs(text, lang)
    for pattern in _LATER:
        text = _blank_all(text, pattern)
    return text


def _same(marked: str, lang: str) -> bool:
    return marked.split("-")[0].lower() == lang


def _without_foreign_divs(text: str, lang: str) -> str:
    """`text` with every div marked with another language blanked, nested divs and all."""
    lines = text.split("\n")
    depth_of_foreign: int | None = None
    depth = 0
    for index, line in enumerate(lines):
        opening = _DIV_OPEN.match(line)
        if opening:
            depth += 1
            marked = _DIV_LANG.search(opening.group(1))
            if depth_of_foreign is None and marked and not _same(marked.group(1), lang):
                depth_of_foreign = depth
        elif _DIV_CLOSE.match(line):
            if depth_of_foreign == depth:
                lines[index] = blank(line)
                depth_of_foreign = None
            depth = max(depth - 1, 0)
        if depth_of_foreign is not None:
            lines[index] = blank(line)
    return "\n".join(lines)


def words(text: str, first_line: int = 1, first_column: int = 1) -> Iterator[Word]:
    """The words of `text`, placed as if `text` began at `first_line`, `first_column`."""
    line, line_start = first_line, 0
    for match in WORD.finditer(text):
        newlines = text.count("\n", line_start, match.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", 0, match.start()) + 1
            column_base = 1
        else:
            column_base = first_column if line == first_line else 1
        yield Word(match.group(), line, column_base + match.start() - line_start)


def field_words(value: str, source: str, start: int) -> Iterator[Word]:
    """The words of a YAML text `value`, each placed where `source` holds it from `start` on.

    The words of a scalar stand in its source in order, whatever its style (plain, quoted,
    folded or literal), so each is found by a search onward from the one before.
    """
    offset = start
    for match in WORD.finditer(value):
        found = _whole_word(source, match.group(), offset)
        if found is None:
            continue
        offset = found + len(match.group())
        starts = _line_starts(source)
        line = bisect.bisect_right(starts, found)
        yield Word(match.group(), line, found - starts[line - 1] + 1)


@lru_cache(maxsize=8)
def _line_starts(source: str) -> list[int]:
    return [0, *(match.end() for match in re.finditer("\n", source))]


def _whole_word(source: str, word: str, offset: int) -> int | None:
    """Where `word` next stands in `source` from `offset` on, not as part of a longer word."""
    found = source.find(word, offset)
    while found >= 0:
        before = source[found - 1] if found else " "
        after = source[found + len(word):found + len(word) + 1] or " "
        if not (before.isalpha() or after.isalpha()):
            return found
        found = source.find(word, found + 1)
    return None
