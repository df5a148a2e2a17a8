"""Language quality across the content folder: spelling, written-standard mixing, plain language.

Every chapter and every text field of the data is read in its own language. Chapters are
read as written (see prose.py), so each warning stands at the word's own line and column.
The content's word list (`ordliste.txt`, one name, term or abbreviation a line) and the
names of parties and countries in the data are words every language knows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale

from pipeline.checks.plain_language import NOTHING, Readability, Sentence, readability, sentences
from pipeline.checks.prose import WORD, Word, chapter_prose, field_words, words
from pipeline.checks.spelling import Speller, available, install_hint
from pipeline.content.loader import inside_or_reported
from pipeline.content.model import Content, Publication, Text
from pipeline.content.textfile import read_text
from pipeline.messages import Said, tr
from pipeline.problems import Position, Problems
from pipeline.render.localizer import BABEL_LOCALES

WORD_LIST = "ordliste.txt"


def check_language(content: Content, problems: Problems) -> None:
    """Warn of every unknown word, other-standard form and over-long sentence of `content`."""
    languages = [lang for lang in content.site.languages if lang in BABEL_LOCALES]
    spelling = available(languages)
    if not spelling:
        problems.note(Position(content.root), tr("spelling was not checked"), install_hint())
    known = word_list(content.root, problems) | names_in_data(content)
    spellers = {lang: Speller(lang, known) for lang in languages}
    limit = content.site.sentence_limit
    for path, lang in chapters(content):
        source = path.read_text(encoding="utf-8")
        prose = chapter_prose(source, lang)
        found = list(words(prose))
        if spelling:
            _spell(found, spellers[lang], path, problems)
        _warn_of_long_sentences(prose, found, limit, Position(path, 1), True, problems)
    sources: dict[Path, str] = {}  # each data file, read once
    for text, quote in _texts(content):
        _check_field(text, spellers if spelling else {}, limit, quote, sources, problems)


def _too_long(sentence: Sentence, limit: int) -> Said:
    return tr("a sentence of {count} words (the limit is {limit}): '{opening} …'",
              count=sentence.words, limit=limit, opening=sentence.opening)


def _shorter() -> Said:
    return tr("split it: a sentence a reader takes in at once has under 25 words")


def _spell(found: Iterable[Word], speller: Speller, path: Path, problems: Problems,
           quote: bool = True) -> None:
    for word in found:
        verdict = speller.verdict(word.text)
        if verdict is not None:
            problems.warning(Position(path, word.line, word.column), verdict.message,
                             _hint(verdict.suggestions), quote)


def _hint(suggestions: tuple[str, ...]) -> Said:
    """The words to write instead, if any, and where a true name or term goes.

    A whole sentence for each number of suggestions (at most three), so that each reads
    right in every language.
    """
    file = WORD_LIST
    if not suggestions:
        return tr("a true name or term goes in the content's {file}", file=file)
    first, *others = suggestions
    if not others:
        return tr("did you mean '{first}'? (a true name or term goes in the content's {file})",
                  first=first, file=file)
    if len(others) == 1:
        return tr("did you mean '{first}' or '{second}'? (a true name or term goes in the "
                  "content's {file})", first=first, second=others[0], file=file)
    return tr("did you mean '{first}', '{second}' or '{third}'? (a true name or term goes in "
              "the content's {file})", first=first, second=others[0], third=others[1],
              file=file)


def _check_field(text: Text, spellers: dict[str, Speller], limit: int, quote: bool,
                 sources: dict[Path, str], problems: Problems) -> None:
    for lang, value in text.items():
        where = text.positions.get(lang)
        if where is None or where.line is None or \
                not _has_a_slip(value, spellers.get(lang), limit):
            continue
        if where.path not in sources:
            sources[where.path] = where.path.read_text(encoding="utf-8")
        source = sources[where.path]
        found = list(field_words(value, source, _offset(source, where.line, where.column or 1)))
        if lang in spellers:
            _spell(found, spellers[lang], where.path, problems, quote)
        _warn_of_long_sentences(value, found, limit, where, quote, problems)


def _has_a_slip(value: str, speller: Speller | None, limit: int) -> bool:
    """Whether `value` holds a word or a sentence to warn of: only then are its words
    placed in their file, which costs more than the check (most fields hold none)."""
    if any(sentence.words > limit for sentence in sentences(value)):
        return True
    return speller is not None and any(speller.verdict(word) is not None
                                       for word in WORD.findall(value))


def _warn_of_long_sentences(prose: str, found: list[Word], limit: int, where: Position,
                            quote: bool, problems: Problems) -> None:
    """A warning at the first word of each sentence of `prose` longer than `limit` words.

    `found` are the words of `prose`, each placed in its file.
    """
    for sentence in sentences(prose):
        if sentence.words > limit:
            at = found[sentence.index] if sentence.index < len(found) else None
            position = Position(where.path, at.line, at.column) if at else where
            problems.warning(position, _too_long(sentence, limit), _shorter(), quote)


def _offset(source: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        start = source.index("\n", start) + 1
    return start + column - 1


def chapters(content: Content) -> Iterator[tuple[Path, str]]:
    """Each chapter file written, with its language."""
    for publication in content.publications.values():
        for lang, path in publication_chapters(publication):
            yield path, lang


def publication_chapters(publication: Publication) -> Iterator[tuple[str, Path]]:
    for lang in publication.languages:
        for chapter in publication.chapters:
            path = publication.chapter_path(lang, chapter)
            if path.is_file():
                yield lang, path


def chapter_readability(publication: Publication, lang: str) -> Readability:
    """The plain-language figures of `publication`'s chapters in `lang`, together."""
    total = NOTHING
    for written, path in publication_chapters(publication):
        if written == lang:
            prose = chapter_prose(path.read_text(encoding="utf-8"), lang)
            total = total + readability(sentences(prose))
    return total


def word_list(root: Path, problems: Problems) -> frozenset[str]:
    """The content's word list, in lower case: a word a line, '#' starts a comment.

    Read as any content file is: inside the content folder after symlinks, within the size
    limit, UTF-8 without control characters; otherwise an error and no list.
    """
    path = root / WORD_LIST
    if not path.is_file() or not inside_or_reported(path, root, problems):
        return frozenset()
    text = read_text(path, problems)
    lines = (line.split("#", 1)[0].strip() for line in (text or "").splitlines())
    return frozenset(line.lower() for line in lines if line)


def names_in_data(content: Content) -> frozenset[str]:
    """The words of every party's name and of the name of every country in the data."""
    names = [party.name for case in content.cases for party in (case.submitter, case.enterprise)]
    codes = {code for case in content.cases
             for code in (case.lead_ncp, *case.supporting_ncps, *case.host_countries)}
    for lang in content.site.languages:
        territories = Locale.parse(BABEL_LOCALES.get(lang, lang)).territories
        names += [territories[code] for code in codes if code in territories]
    return frozenset(w.lower() for name in names for w in WORD.findall(name))


def _texts(content: Content) -> Iterator[tuple[Text, bool]]:
    """Every text field of the data, with whether its warnings may quote its line.

    A case with a confidential party, or one not public, is never quoted (as mentions.py).
    """
    for case in content.cases:
        secret = case.submitter.confidential or case.enterprise.confidential or not case.public
        for text in _texts_in(case):
            yield text, not secret
    for part in (content.site, *content.plans.values(), *content.results.values(),
                 *content.publications.values()):
        for text in _texts_in(part):
            yield text, True


def _texts_in(value: object) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts_in(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts_in(item)
