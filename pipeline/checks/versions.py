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
            problems.error(where, f"the {other.lang} version has {theirs[part]} {part}, "
                           f"the {reference.lang} version {ours[part]}",
                           "language versions must have the same structure")
    for chapter in publication.chapters:
        _compare_figures(reference, other, chapter, problems)
        source = publication.chapter_path(reference.lang, chapter)
        copy = publication.chapter_path(other.lang, chapter)
        if source.is_file() and copy.is_file() and source.read_bytes() == copy.read_bytes():
            problems.warning(Position(copy, 1), f"{other.lang}/{chapter} is not translated: "
                             f"it is the same text as {reference.lang}/{chapter}")


def _compare_figures(reference: Document, other: Document, chapter: str,
                     problems: Problems) -> None:
    ours = reference.figures.get(chapter, [])
    theirs = other.figures.get(chapter, [])
    if ours == theirs:
        return
    path = other.publication.chapter_path(other.lang, chapter)
    differing = next((i for i, (a, b) in enumerate(zip(ours, theirs, strict=False)) if a != b),
                     min(len(ours), len(theirs)))
    mine = ours[differing] if differing < len(ours) else "nothing"
    yours = theirs[differing] if differing < len(theirs) else "nothing"
    problems.error(Position(path), f"{other.lang}/{chapter} inserts other figures than "
                   f"{reference.lang}/{chapter}: {yours} where {reference.lang} has {mine}",
                   "use the same {{ … }} expressions, in the same order, in every language")


def structure(document: Document) -> Counter[str]:
    """How many headings of each level, tables and figures the document has."""
    counts: Counter[str] = Counter()

    def count(element: Element) -> None:
        kind = element["t"]
        if kind == "Header":
            counts[f"level-{heading_level(element)} headings"] += 1
        elif kind == "Table":
            counts["tables"] += 1
        elif kind == "Figure":
            counts["figures"] += 1

    walk(document.ast["blocks"], count, {"Header", "Table", "Figure"})
    return counts

