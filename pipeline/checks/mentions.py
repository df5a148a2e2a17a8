"""Confidential names written into text meant for readers: warned about before any build.

A confidential party's name most often leaks because someone typed it: into a
chapter, or into a public case's title or summary. The leak gate stops such an
output at build time; this check points at the line that would cause it, as a
warning, since a mention can be a coincidence (a common word, another party of
the same name).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from pipeline.content.model import Case, Content, Text
from pipeline.content.textfile import LARGEST_FILE
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems

# A run of this many words of a case's notes in a chapter line is taken as a quotation:
# short enough to catch a quoted sentence broken over lines, long enough to rarely be chance.
QUOTED_WORDS = 6


def _notes_hint() -> Said:
    return tr("good-offices content is confidential under the OECD Procedural Guidance: write "
              "what the parties agreed to publish, not the case file's notes")


def _hint() -> Said:
    return tr("write around it (\"klageren\", \"selskapet\"): the build refuses an output "
              "that holds it")


def check_mentions(content: Content, problems: Problems) -> None:
    names = _confidential_names(content.cases)
    if not names:
        return
    for where, text in [*_public_texts(content), *_chapter_lines(content)]:
        folded = " ".join(text.split()).casefold()
        for name, parties in names.items():
            column = folded.find(name)
            if column < 0:
                continue
            at = Position(where.path, where.line, column + 1) \
                if where.line and where.column is None else where
            for field, case in parties:
                # The line is not shown: it holds the name, and reports end up in logs.
                problems.warning(at, tr("the confidential {field} of {file} appears in this "
                                        "text", field=field, file=f"cases/{case.path.name}"),
                                 _hint(), quote=False)


def check_quoted_notes(content: Content, problems: Problems) -> None:
    """Warn at each chapter line that repeats words of a case's internal `notes`."""
    runs = {run: case for case in content.cases for run in _word_runs(case.notes or "")}
    if not runs:
        return
    for where, text in _chapter_lines(content):
        words = _words(text)
        for start in range(len(words) - QUOTED_WORDS + 1):
            case = runs.get(tuple(words[start:start + QUOTED_WORDS]))
            if case is not None:
                problems.warning(where, tr("this line quotes the internal notes of {file}",
                                           file=f"cases/{case.path.name}"),
                                 _notes_hint(), quote=False)
                break


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _word_runs(text: str) -> Iterator[tuple[str, ...]]:
    words = _words(text)
    for start in range(len(words) - QUOTED_WORDS + 1):
        yield tuple(words[start:start + QUOTED_WORDS])


def _confidential_names(cases: list[Case]) -> dict[str, list[tuple[str, Case]]]:
    """Each confidential name, once, with the parties that bear it: a text is searched once
    for a name however many cases name that party."""
    names: dict[str, list[tuple[str, Case]]] = {}
    for case in cases:
        for field, party in (("submitter.name", case.submitter),
                             ("enterprise.name", case.enterprise)):
            name = " ".join(party.name.split()).casefold()
            if party.confidential and name:
                names.setdefault(name, []).append((field, case))
    return names


def _public_texts(content: Content) -> Iterator[tuple[Position, str]]:
    for case in content.cases:
        if case.public:
            for field in ("title", "summary"):
                yield from _texts(getattr(case, field), case.where(field))
    for results in content.results.values():
        for key, result in results.activities.items():
            where = results.positions.get(key, Position(results.path))
            yield from _texts(result.summary, where)
            for event in result.events:
                yield from _texts(event.title, where)
    for publication in content.publications.values():
        where = Position(publication.folder / "publication.yaml")
        yield from _texts(publication.title, where)
        yield from _texts(publication.subtitle, where)


def _texts(text: Text | None, where: Position) -> Iterator[tuple[Position, str]]:
    for value in (text or {}).values():
        yield (text.position if text is not None and text.position else where), value


def _chapter_lines(content: Content) -> Iterator[tuple[Position, str]]:
    for publication in content.publications.values():
        for lang in publication.languages:
            for chapter in publication.chapters:
                yield from _lines(publication.chapter_path(lang, chapter))


def _lines(path: Path) -> Iterator[tuple[Position, str]]:
    try:
        if path.stat().st_size > LARGEST_FILE:
            return  # reported where the chapter is read, like any other unreadable file
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return  # reported where the chapter is read
    for number, line in enumerate(text.splitlines(), start=1):
        yield Position(path, number), line
