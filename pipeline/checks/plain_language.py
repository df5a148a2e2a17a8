"""Plain language: a text's sentences, their length, and LIX.

LIX (läsbarhetsindex), the readability index Norwegian plain-language work uses, is the
words per sentence plus the percentage of words longer than six letters; under 40 reads
easily, over 50 is heavy. A sentence ends at '.', '!' or '?' before a capital, a digit or
a quote, at a blank line, at a heading, and at each item of a list, definition or row of a
table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.checks.prose import WORD

LONG_SENTENCE = 25  # words: the share of sentences over this is reported
LONG_WORD = 6  # letters: LIX counts words longer than this
OPENING = 5  # words that name a sentence in a warning

_BLOCK_START = re.compile(r"^\s*(#+\s|[-*+:]\s|\d+[.)]\s|\|)")
_SENTENCE_END = re.compile(r"[.!?][\"'»”)*_]*\s+(?=[\"'«“(*_]*[A-ZÆØÅ0-9])")


@dataclass(frozen=True)
class Sentence:
    words: int
    long_words: int
    opening: str  # its first words, to name it by
    index: int  # how many words of the text come before it


@dataclass(frozen=True)
class Readability:
    sentences: int
    words: int
    long_words: int
    long_sentences: int  # over LONG_SENTENCE words

    @property
    def lix(self) -> float:
        if not self.sentences or not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def long_share(self) -> float:
        return self.long_sentences / self.sentences if self.sentences else 0.0

    def __add__(self, other: Readability) -> Readability:
        return Readability(self.sentences + other.sentences, self.words + other.words,
                           self.long_words + other.long_words,
                           self.long_sentences + other.long_sentences)


NOTHING = Readability(0, 0, 0, 0)


def sentences(prose: str) -> list[Sentence]:
    """The sentences of `prose` (text with all that is not prose blanked), in order."""
    found: list[Sentence] = []
    before = 0
    for block in _blocks(prose):
        start = 0
        for end in [m.end() for m in _SENTENCE_END.finditer(block)] + [len(block)]:
            words = WORD.findall(block, start, end)
            if words:
                found.append(Sentence(len(words), sum(len(w) > LONG_WORD for w in words),
                                      " ".join(words[:OPENING]), before))
                before += len(words)
            start = end
    return found


def _blocks(prose: str) -> list[str]:
    """Paragraphs, headings, list items and table cells."""
    blocks: list[str] = []
    current: list[str] = []
    for line in prose.split("\n"):
        if not line.strip() or _BLOCK_START.match(line):
            if current:
                blocks.append("\n".join(current))
            current = [line] if line.strip() else []
            if line.lstrip().startswith("#"):  # a heading is one block
                blocks.append(line)
                current = []
            elif line.lstrip().startswith("|"):  # and so is each cell of a table
                blocks += line.split("|")
                current = []
        else:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def readability(found: list[Sentence]) -> Readability:
    return Readability(len(found), sum(s.words for s in found),
                       sum(s.long_words for s in found),
                       sum(s.words > LONG_SENTENCE for s in found))
