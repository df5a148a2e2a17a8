"""The language versions of one publication must agree.

They must have the same structure (headings per level, tables, figures) and
insert the same figures from the data, in the same order; a chapter that is a
copy of another language's text is listed as untranslated.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby

from pipeline.document.prepared import Document
from pipeline.document.tree import Element, heading_level, walk
from pipeline.messages import Said, tr, tr_n
from pipeline.problems import Position, Problems


def check_versions(documents: list[Document], problems: Problems) -> None:
    by_slug = groupby(sorted(documents, key=lambda d: d.publication.slug),
                      key=lambda d: d.publication.slug)
    for _slug, group in by_slug:
        versions = list(group)
        first = versions[0].publication.languages[0]
        reference = next((d for d in versions if d.lang == first), versions[0])
        for other in versions:
            if other is not reference:
                compare(reference, other, problems)


def compare(reference: Document, other: Document, problems: Problems) -> None:
    publication = reference.publication
    where = Position(publication.folder / "publication.yaml")
    ours, theirs = structure(reference), structure(other)
    for part in sorted(set(ours) | set(theirs)):
        if ours[part] != theirs[part]:
            problems.error(where, _differs(part, other.lang, theirs[part], reference.lang,
                                           ours[part]),
                           tr("language versions must have the same structure"))
    for chapter in publication.chapters:
        _compare_figures(reference, other, chapter, problems)
        source = publication.chapter_path(reference.lang, chapter)
        copy = publication.chapter_path(other.lang, chapter)
        if source.is_file() and copy.is_file() and source.read_bytes() == copy.read_bytes():
            problems.warning(Position(copy, 1),
                             tr("{copy} is not translated: it is the same text as {source}",
                                copy=f"{other.lang}/{chapter}",
                                source=f"{reference.lang}/{chapter}"))


def _differs(part: tuple[str, int], lang: str, count: int, reference: str,
             expected: int) -> Said:
    """That the `lang` version has `count` of `part` where the `reference` version has
    `expected`."""
    kind, level = part
    if kind == "heading":
        return tr_n("the {lang} version has {count} level-{level} heading, the {reference} "
                    "version {expected}",
                    "the {lang} version has {count} level-{level} headings, the {reference} "
                    "version {expected}", count, lang=lang, level=level, reference=reference,
                    expected=expected)
    if kind == "table":
        return tr_n("the {lang} version has {count} table, the {reference} version {expected}",
                    "the {lang} version has {count} tables, the {reference} version {expected}",
                    count, lang=lang, reference=reference, expected=expected)
    return tr_n("the {lang} version has {count} figure, the {reference} version {expected}",
                "the {lang} version has {count} figures, the {reference} version {expected}",
                count, lang=lang, reference=reference, expected=expected)


def _compare_figures(reference: Document, other: Document, chapter: str,
                     problems: Problems) -> None:
    ours = reference.figures.get(chapter, [])
    theirs = other.figures.get(chapter, [])
    if ours == theirs:
        return
    path = other.publication.chapter_path(other.lang, chapter)
    differing = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                     min(len(ours), len(theirs)))
    mine = ours[differing] if differing < len(ours) else tr("nothing")
    yours = theirs[differing] if differing < len(theirs) else tr("nothing")
    problems.error(Position(path),
                   tr("{copy} inserts other figures than {source}: {figure} where {lang} has "
                      "{expected}", copy=f"{other.lang}/{chapter}",
                      source=f"{reference.lang}/{chapter}", figure=yours, lang=reference.lang,
                      expected=mine),
                   tr("use the same {expressions} expressions, in the same order, in every "
                      "language", expressions="{{ … }}"))


def structure(document: Document) -> Counter[tuple[str, int]]:
    """How many headings of each level, tables and figures the document has: by (kind,
    level), the level 0 but for headings."""
    counts: Counter[tuple[str, int]] = Counter()

    def count(element: Element) -> None:
        kind = element["t"]
        if kind == "Header":
            counts["heading", heading_level(element)] += 1
        elif kind == "Table":
            counts["table", 0] += 1
        elif kind == "Figure":
            counts["figure", 0] += 1

    walk(document.ast["blocks"], count, {"Header", "Table", "Figure"})
    return counts

