"""Numbering sections, tables and figures, and resolving `@sec-…` references to them."""

from __future__ import annotations

from pathlib import Path

from trees import chapter, every, first, norwegian

from pipeline.document import crossref
from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import (
    caption_blocks,
    children,
    citation_ids,
    classes,
    stringify,
    target_of,
)
from pipeline.problems import Position, Problems

SECTIONS = """# One {#sec-one}

## One a {#sec-one-a}

### Deep {#sec-deep}

## One b {#sec-one-b}

# Foreword {#sec-foreword .unnumbered}

# Two {#sec-two}

## Two a {#sec-two-a}
"""

TABLE_AND_FIGURES = """![A hawk](hawk.png)

| a |
|---|
| 1 |

: Cases {#tbl-cases}

![An owl](owl.png){#fig-owl}
"""


def test_sections_are_numbered_by_level() -> None:
    ast = parse_markdown(SECTIONS)
    numbers = crossref.number(ast, True, norwegian)
    assert numbers == {"sec-one": "1", "sec-one-a": "1.1", "sec-deep": "1.1.1",
                       "sec-one-b": "1.2", "sec-two": "2", "sec-two-a": "2.1"}
    texts = [stringify(children(h)) for h in every(ast, "Header")]
    assert texts == ["1 One", "1.1 One a", "1.1.1 Deep", "1.2 One b", "Foreword", "2 Two",
                     "2.1 Two a"]
    assert classes(first(ast, "Span")) == ["section-number"]


def test_sections_stay_unnumbered_where_the_layout_says_so() -> None:
    ast = parse_markdown(SECTIONS)
    assert crossref.number(ast, False, norwegian) == {}
    assert stringify(children(first(ast, "Header"))) == "One"


def test_tables_and_figures_are_numbered_in_their_captions() -> None:
    ast = parse_markdown(TABLE_AND_FIGURES)
    assert crossref.number(ast, True, norwegian) == {"tbl-cases": "1", "fig-owl": "2"}
    assert stringify(caption_blocks(first(ast, "Table"))) == "Tabell 1: Cases"
    captions = [stringify(caption_blocks(f)) for f in every(ast, "Figure")]
    assert captions == ["Figur 1: A hawk", "Figur 2: An owl"]
    assert classes(first(ast, "Span")) == ["caption-label"]


def resolved(tmp_path: Path, text: str) -> tuple[list[tuple[str, str]], Problems]:
    """(link text, target) of each resolved reference in a chapter of SECTIONS + `text`."""
    ast = chapter(tmp_path, "chapter.md", SECTIONS + TABLE_AND_FIGURES + text)
    numbers = crossref.number(ast, True, norwegian)
    problems = Problems()
    ast = crossref.resolve(ast, numbers, norwegian, tmp_path, problems)
    links = [(stringify(children(link)), target_of(link).url) for link in every(ast, "Link")
             if classes(link) == ["cross-reference"]]
    return links, problems


def test_a_reference_reads_its_number_and_links_to_its_target(tmp_path: Path) -> None:
    links, problems = resolved(tmp_path, "\nSee @sec-one-a.\n")
    assert links == [("avsnitt 1.1", "#sec-one-a")]
    assert problems.items == []


def test_a_reference_never_splits_from_its_number(tmp_path: Path) -> None:
    ast = chapter(tmp_path, "chapter.md", SECTIONS + "\nSee @sec-one-a.\n")
    ast = crossref.resolve(ast, crossref.number(ast, True, norwegian), norwegian, tmp_path,
                           Problems())
    texts = [children(link) for link in every(ast, "Link") if classes(link) == ["cross-reference"]]
    assert texts == [[{"t": "Str", "c": "avsnitt\u00a01.1"}]]


def test_a_capital_prefix_opens_a_sentence(tmp_path: Path) -> None:
    links, _problems = resolved(tmp_path, "\n@Sec-two says so.\n")
    assert links == [("Avsnitt 2", "#sec-two")]


def test_several_references_in_one_bracket(tmp_path: Path) -> None:
    links, _problems = resolved(tmp_path, "\nAs in [@tbl-cases; @fig-owl].\n")
    assert links == [("tabell 1", "#tbl-cases"), ("figur 2", "#fig-owl")]


def test_an_unknown_reference_is_an_error_at_its_line(tmp_path: Path) -> None:
    links, problems = resolved(tmp_path, "\nFirst line.\n\nSee @sec-nowhere here.\n")
    assert links == []
    [problem] = problems.errors
    line = (SECTIONS + TABLE_AND_FIGURES).count("\n") + 4
    assert problem.position == Position(tmp_path / "chapter.md", line, 5)
    assert "'@sec-nowhere'" in problem.message
    assert "{#sec-nowhere}" in (problem.hint or "")


def test_a_citation_is_left_for_citeproc(tmp_path: Path) -> None:
    text = "See [@smith2020], [@fig] and @sec-x.\n\n# X {#sec-x}\n"
    ast = chapter(tmp_path, "chapter.md", text)
    numbers = crossref.number(ast, True, norwegian)
    problems = Problems()
    ast = crossref.resolve(ast, numbers, norwegian, tmp_path, problems)
    assert [citation_ids(cite) for cite in every(ast, "Cite")] == [["smith2020"], ["fig"]]
    assert problems.items == []


def test_a_reference_outside_the_chapters_is_left_alone(tmp_path: Path) -> None:
    ast = parse_markdown("# X {#sec-x}\n\nSee @sec-x.\n")
    numbers = crossref.number(ast, True, norwegian)
    assert crossref.resolve(ast, numbers, norwegian, tmp_path, Problems()) == ast
