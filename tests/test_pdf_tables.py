"""Where a PDF's tables break: one that fits on a page moves whole to the next page, a
longer one breaks with its header row repeated, whether or not Typst had to measure it,
and in a boxed note too (which is otherwise kept whole)."""

from __future__ import annotations

import pypdf
import pytest
from conftest import broken
from trees import nested_grid_tables

from pipeline.build import Request, build
from pipeline.checks.chapters import DEEPEST_TABLES

pytestmark = pytest.mark.slow

HEADER = "| Rad | Kolonne B | Kolonne C | Kolonne D |\n|---|---|---|---|\n"
FILLER = ("Kontaktpunktet behandler klager om brudd på OECDs retningslinjer og tilbyr "
          "dialog og mekling mellom partene. " * 4 + "\n\n") * 6


def table(prefix: str, rows: int, caption: str) -> str:
    body = "".join(f"| {prefix}{row:03d} | b | c | d |\n" for row in range(1, rows + 1))
    return f"{HEADER}{body}\n: {caption}\n\n"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The page texts of a report whose chapter holds, after half a page of text, a table
    of 30 rows (more than the rest of the page holds), one of 45 (longer than a page, but
    measured), one of 120 (so long that its rows alone show it, unmeasured) and one of 60
    in a boxed note; then tables as deep inside each other as a chapter may nest them."""
    tmp = tmp_path_factory.mktemp("tables")
    chapter = ("# Tabeller {#tabeller}\n\n" + FILLER + table("K", 30, "Kort tabell")
               + FILLER + table("M", 45, "Målt tabell") + table("L", 120, "Lang tabell")
               + "::: callout-note\n## Merk\n\n" + table("B", 60, "Tabell i boks") + ":::\n\n"
               + nested_grid_tables(DEEPEST_TABLES))
    content = broken(tmp, {
        "publications/rapport/nb/tabeller.md": chapter,
        "publications/rapport/publication.yaml": ("chapters: [tall.md, saker.md]",
                                                  "chapters: [tabeller.md]"),
    })
    build(Request(content, tmp / "output", tmp / "build", ["rapport"], formats=["pdf"]))
    reader = pypdf.PdfReader(tmp / "output" / "rapport" / "rapport-nb.pdf")
    return [page.extract_text() for page in reader.pages]


def pages_with(pages: list[str], prefix: str, rows: int) -> list[int]:
    """The pages that hold a row of the table whose rows start with `prefix`."""
    return [number for number, text in enumerate(pages)
            if any(f"{prefix}{row:03d}" in text for row in range(1, rows + 1))]


def test_a_table_that_fits_on_a_page_moves_there_whole(pages: list[str]) -> None:
    on = pages_with(pages, "K", 30)
    assert len(on) == 1 and "Kontaktpunktet behandler" not in pages[on[0]].split("K001")[0]


@pytest.mark.parametrize(("prefix", "rows"), [("M", 45), ("L", 120), ("B", 60)])
def test_a_longer_table_breaks_with_its_header_on_every_page(pages: list[str], prefix: str,
                                                             rows: int) -> None:
    on = pages_with(pages, prefix, rows)
    assert len(on) >= 2
    assert all("Kolonne B" in pages[number] for number in on)
    assert all(f"{prefix}{row:03d}" in "".join(pages) for row in range(1, rows + 1))


def test_tables_as_deep_as_a_chapter_may_nest_them_are_set(pages: list[str]) -> None:
    """The check's limit lies below Typst's: the innermost table reaches the page."""
    assert any("Innermost" in text and f"Level {DEEPEST_TABLES}" in text for text in pages)
