"""Citation keys checked against the bibliography, and citeproc's reference list."""

from __future__ import annotations

from pathlib import Path

import pytest
from trees import chapter, every, first

from pipeline.document.citations import check_keys, cite
from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import children, identifier, stringify
from pipeline.problems import Position, Problems

BIBLIOGRAPHY = """references:
- id: smith2020
  type: book
  title: Due diligence
  author: [{family: Smith, given: Ann}]
  issued: {date-parts: [[2020]]}
"""


@pytest.fixture
def bibliography(tmp_path: Path) -> Path:
    path = tmp_path / "references.yaml"
    path.write_text(BIBLIOGRAPHY, encoding="utf-8")
    return path


def checked(tmp_path: Path, text: str, bibliography: Path | None) -> Problems:
    problems = Problems()
    check_keys(chapter(tmp_path, "chapter.md", text), bibliography, tmp_path, problems)
    return problems


def test_a_key_of_the_bibliography_passes(tmp_path: Path, bibliography: Path) -> None:
    assert checked(tmp_path, "As shown [@smith2020].\n", bibliography).items == []


def test_an_unknown_key_is_an_error_at_its_line(tmp_path: Path, bibliography: Path) -> None:
    problems = checked(tmp_path, "Intro.\n\nAs [@smith2020] and [@jones].\n", bibliography)
    [problem] = problems.errors
    assert problem.position == Position(tmp_path / "chapter.md", 3, 22)
    assert "'@jones'" in problem.message
    assert problem.hint == "add it to the bibliography"


def test_a_key_cited_twice_is_reported_once(tmp_path: Path, bibliography: Path) -> None:
    problems = checked(tmp_path, "[@jones] and again [@jones].\n", bibliography)
    assert len(problems.errors) == 1


def test_without_a_bibliography_every_key_is_unknown(tmp_path: Path) -> None:
    [problem] = checked(tmp_path, "As @someone said.\n", None).errors
    assert "name a bibliography" in (problem.hint or "")


def test_cross_references_are_not_citations(tmp_path: Path) -> None:
    assert checked(tmp_path, "See @sec-one, @Tbl-two and @fig-three.\n", None).items == []


def test_an_unreadable_bibliography_knows_no_key(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("references: [unclosed\n", encoding="utf-8")
    assert len(checked(tmp_path, "[@smith2020]\n", broken).errors) == 1


def test_cite_resolves_citations_and_appends_the_reference_list(bibliography: Path) -> None:
    ast = parse_markdown("---\ntitle: Report\n---\n\nAs shown [@smith2020].\n")
    cited = cite(ast, bibliography, "nb-NO", "Referanser")
    assert "Smith" in stringify(children(first(cited, "Cite")))
    refs = next(d for d in every(cited, "Div") if identifier(d) == "refs")
    assert "Due diligence" in stringify(children(refs))
    assert stringify(children(first(cited, "Header"))) == "Referanser"
    assert cited["meta"] == ast["meta"]
    assert "bibliography" not in cited["meta"]
