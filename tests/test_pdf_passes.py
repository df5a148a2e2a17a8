"""A PDF is compiled again for each word a page break splits, and a document made from
the same parts starts from the words it ended with: one compile, the same bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES

from pipeline.build import Request, build
from pipeline.formats import pdf

SLUG = "rapport"


def built_pdf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, splits: list[list[str]],
              force: bool = False) -> tuple[bytes, list[list[str]]]:
    """The PDF, and the words kept whole at each compile; the split check answers `splits`
    in turn (then nothing), as a layout whose page breaks split those words would."""
    compiles: list[list[str]] = []
    compile_once = pdf._compiled
    answers = iter(splits)

    def counted(source: Path, document: object, whole: list[str]) -> bytes:
        compiles.append(list(whole))
        return compile_once(source, document, whole)

    monkeypatch.setattr(pdf, "_compiled", counted)
    monkeypatch.setattr(pdf, "hyphenated_across_pages", lambda _pdf: next(answers, []))
    output, work = tmp_path / "output", tmp_path / "build"
    build(Request(FIXTURES / "mini", output, work, [SLUG], languages=["nb"], formats=["pdf"],
                  force=force))
    return (output / SLUG / f"{SLUG}-nb.pdf").read_bytes(), compiles


@pytest.mark.slow
def test_a_split_word_is_kept_whole_and_remembered_for_the_same_document(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, compiles = built_pdf(tmp_path, monkeypatch, [["klagebehandlingen"]])
    assert len(compiles) == 2 and compiles[1][-1] == "klagebehandlingen"
    again, compiles = built_pdf(tmp_path, monkeypatch, [["uventet"]], force=True)
    assert compiles == [[*compiles[0]]] and compiles[0][-1] == "klagebehandlingen"
    assert again == first  # the same parts, the same words kept whole: the same bytes


@pytest.mark.slow
def test_a_changed_document_is_laid_out_afresh(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    built_pdf(tmp_path, monkeypatch, [["klagebehandlingen"]])
    source = tmp_path / "build" / SLUG / f"{SLUG}-nb.typ"
    memo = source.with_suffix(".whole-words.json")
    memo.write_text(memo.read_text().replace('"key": "', '"key": "stale'))
    _pdf, compiles = built_pdf(tmp_path, monkeypatch, [], force=True)
    assert len(compiles) == 1 and "klagebehandlingen" not in compiles[0]


@pytest.mark.slow
def test_a_word_split_on_many_pages_is_kept_whole_once(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A word the page breaks split three times is one alternative of the regex, not three."""
    _pdf, compiles = built_pdf(tmp_path, monkeypatch, [["Kontaktpunktet"] * 3])
    assert compiles[1].count("Kontaktpunktet") == 1
