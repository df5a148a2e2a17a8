"""Page flow of every PDF of content/, in every language, read as a designer reads it.

One build of content/ (the session's `real` fixture) serves every test here.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from pathlib import Path

import pikepdf
import pytest
from conftest import Built

from pipeline.formats.pdf_layout import HEADINGS, Page, body_extent, line_runs, lines_of, pages

pytestmark = pytest.mark.slow

NO_HYPHENATION = HEADINGS | {"TH", "TD", "TOC", "TOCI"}
ROWS_KEPT = 3


def every_pdf(built: Built) -> list[Path]:
    """The screen PDFs; a print PDF lays out the same pages (test_print_pdf.py)."""
    return sorted(path for path in built.output.rglob("*.pdf")
                  if not path.stem.endswith("-trykk"))


@pytest.fixture(scope="module")
def laid_out(real: Built) -> dict[str, list[Page]]:
    return {path.stem: pages(path.read_bytes()) for path in every_pdf(real)}


def test_every_publication_and_language_is_read(real: Built, laid_out: dict) -> None:
    publications = real.content / "publications"
    slugs = {path.parent.name for path in publications.glob("*/publication.yaml")}
    assert {name.rsplit("-", 1)[0] for name in laid_out} == slugs
    assert all(laid_out.values())


def test_no_page_but_a_chapters_last_is_less_than_a_third_full(laid_out: dict) -> None:
    short = []
    for name, document in laid_out.items():
        top, bottom = body_extent(document)
        for page, following in itertools.pairwise(document):
            if not page.paginated or not page.runs or following.starts_chapter():
                continue
            filled = (top - page.bottom) / (top - bottom)
            if filled < 1 / 3:
                short.append(f"{name} p{page.number}: {filled:.0%}")
    assert not short, short


def test_no_word_is_hyphenated_in_a_heading_cell_or_contents_entry(laid_out: dict) -> None:
    found = [f"{name} p{page.number}: {' '.join(run.roles[-2:])}"
             for name, document in laid_out.items() for page in document
             for run in page.runs
             if run.hyphenation and (run.within(NO_HYPHENATION) or not page.paginated)]
    assert not found, found


def test_no_word_is_hyphenated_across_pages(laid_out: dict) -> None:
    found = [f"{name} p{page.number}: {''.join(run.text for run in page.body[-2:])}"
             for name, document in laid_out.items() for page in document[:-1]
             if page.body and page.body[-1].hyphenation]
    assert not found, found


def hyphen_ladders(page: Page) -> list[str]:
    """Three lines in a row that end in a hyphenation: more than a typesetter allows."""
    lines = line_runs(page.body)
    ends = [line[-1].hyphenation for line in lines]
    return [f"p{page.number}: " + " | ".join("".join(run.text for run in line[:-1])[-24:]
                                             for line in lines[at:at + 3])
            for at in range(len(lines) - 2) if all(ends[at:at + 3])]


def test_no_three_lines_in_a_row_end_in_a_hyphenation(laid_out: dict) -> None:
    found = [f"{name} {ladder}" for name, document in laid_out.items() for page in document
             for ladder in hyphen_ladders(page)]
    assert not found, found


def test_running_text_is_hyphenated_where_its_edge_needs_it(laid_out: dict) -> None:
    """Hyphenation stays on: the annual report's long Norwegian words break at line ends."""
    assert any(run.hyphenation for page in laid_out["arsrapport-2025-nb"] for run in page.body)


def lines_after_last_heading(page: Page) -> int | None:
    """How many lines of text follow the page's last heading on the page (None: no heading)."""
    at = [index for index, run in enumerate(page.body) if run.within(HEADINGS)]
    if not at:
        return None
    return len(lines_of([run for run in page.body[at[-1]:] if not run.within(HEADINGS)]))


def test_a_heading_keeps_two_lines_of_what_follows_on_its_page(laid_out: dict) -> None:
    """No heading is the last text on its page, nor followed there by one line only."""
    found = [f"{name} p{page.number}: {lines_of(page.body)[-2:]}"
             for name, document in laid_out.items()
             for page, following in itertools.pairwise(document)
             if (lines_after_last_heading(page) or 2) < 2 and not following.starts_section()]
    assert not found, found


def test_a_broken_table_keeps_three_rows_on_either_side(laid_out: dict) -> None:
    found = []
    for name, document in laid_out.items():
        rows: dict[tuple, dict[int, set]] = defaultdict(lambda: defaultdict(set))
        for page in document:
            for run in page.runs:
                if "TBody" in run.roles:
                    at = run.roles.index("TBody")
                    rows[run.elements[at]][page.number].add(run.elements[at + 1])
        for table in rows.values():
            if len(table) > 1 and min(len(row) for row in table.values()) < ROWS_KEPT:
                found.append(f"{name} pages {sorted(table)}: rows "
                             f"{[len(row) for row in table.values()]}")
    assert not found, found


LETTER_PART = r"::: \{{\.{}\}}\n(.+?)\n:::"


def letter_parts(markdown: str) -> dict[str, list[str]]:
    """The closing, signatory names, approval note and last body paragraph of a letter."""
    closing = re.search(LETTER_PART.format("letter-closing"), markdown, re.S)
    if closing is None:
        return {}
    paragraphs = markdown[: closing.start()].split("\n\n")
    body = [p for p in paragraphs if p.strip() and not p.strip().startswith(":::")][-1]
    return {
        "closing": [closing.group(1)],
        "signatories": [name.split("\\")[0] for name in
                        re.findall(LETTER_PART.format("signatory"), markdown, re.S)],
        "approval": [re.search(LETTER_PART.format("letter-approval"), markdown, re.S).group(1)],
        "end of the last paragraph": [" ".join(body.split()[-4:])],
    }


def squashed(text: str) -> str:
    return re.sub(r"[\s\u00ad\u0002-]+", "", text)


def test_a_letters_closing_signatures_and_approval_share_a_page(real: Built,
                                                               laid_out: dict) -> None:
    letters = 0
    for name, document in laid_out.items():
        slug, lang = name.rsplit("-", 1)
        parts = letter_parts(real.markdown(slug, lang))
        if not parts:
            continue
        letters += 1
        texts = [squashed("".join(run.text for run in page.runs)) for page in document]
        where = {}
        for part, snippets in parts.items():
            for snippet in snippets:
                key = squashed(snippet)[:40]
                # The last page that holds it: a signatory may be named as case officer on p1.
                holding = [number for number, text in enumerate(texts, 1) if key in text]
                where[f"{part}: {snippet[:30]}"] = holding[-1:]
        assert len({tuple(pages_) for pages_ in where.values()}) == 1, (name, where)
    assert letters >= 3


def test_no_title_leaves_its_last_word_alone_on_the_first_page(real: Built) -> None:
    """A title set large (a cover's, a letter's subject) never ends in one word ("2025")
    on a line of its own."""
    alone = []
    for path in every_pdf(real):
        with pikepdf.open(path) as pdf, pdf.open_metadata() as meta:
            title = meta.get("dc:title", "")
        last = title.split()[-1] if len(title.split()) > 1 else None
        first_page = pages(path.read_bytes())[0]
        if last and any(line.strip() == last for line in lines_of(first_page.runs)):
            alone.append(f"{path.stem}: {title!r}")
    assert not alone, alone
