"""Key figures (`::: key-figures`) as tiles in HTML, DOCX and PDF: large numbers with their
labels, the numbers text, from the data, in the same order in every format."""

from __future__ import annotations

import re

import docx
import pytest
from conftest import Built, squash
from docx.oxml.ns import qn
from readers import html, pdf_text
from trees import first

from pipeline.document import key_figures
from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import children, classes, literal_text, stringify

SOURCE = "::: key-figures\nNye klager\n: 6\n\nDeltakere på arrangementene\n: 1 234\n:::\n"
PAIRS = [("6", "Nye klager"), ("1 234", "Deltakere på arrangementene")]


def test_the_source_gives_number_and_label_pairs_in_order() -> None:
    div = parse_markdown(SOURCE)["blocks"][0]
    found = key_figures.figures(children(div))
    assert [(stringify(f.number), stringify(f.label)) for f in found] == PAIRS


def test_html_tiles_are_a_list_reading_each_number_with_its_label() -> None:
    ast = key_figures.for_html(parse_markdown(SOURCE))
    group = ast["blocks"][0]
    assert classes(group) == ["key-figures"]
    items = first(ast, "BulletList")["c"]
    spans = [[(classes(span), stringify(span)) for span in item[0]["c"] if span["t"] == "Span"]
             for item in items]
    assert spans == [[(["key-figure-number"], number), (["key-figure-label"], label)]
                     for number, label in PAIRS]


def test_typst_tiles_call_the_templates_grid_with_text() -> None:
    ast = key_figures.for_typst(parse_markdown(SOURCE))
    assert literal_text(ast["blocks"][0]) == (
        '#key-figures(("6", "Nye klager"), ("1 234", "Deltakere på arrangementene"),)')


def test_docx_tiles_are_a_table_of_styled_number_and_label_paragraphs() -> None:
    table = key_figures.for_docx(parse_markdown(SOURCE))["blocks"][0]
    assert table["t"] == "Table"
    styles = list(re.findall(r"\['custom-style', '([^']+)'\]", str(table)))
    assert styles == ["Key Figure Number", "Key Figure Label"] * 2
    assert len(table["c"][2]) == key_figures.DOCX_COLUMNS


# The annual report's "Året i tall": the numbers the chapter inserts from the data.
REPORT_LABELS = ["Nye klager", "Klager tatt til videre behandling", "Avsluttede saker",
                 "Saker under behandling ved årets slutt",
                 "Arrangementer vi holdt eller bidro til", "Deltakere på arrangementene"]


def html_tiles(built: Built) -> list[tuple[str, str]]:
    soup = html(built.file("arsrapport-2025", "nb", "html"))
    items = soup.select(".key-figures ul > li")
    return [(item.select_one(".key-figure-number").get_text(),
             item.select_one(".key-figure-label").get_text()) for item in items]


@pytest.mark.slow
def test_annual_report_tiles_in_html_hold_the_datas_numbers(real: Built) -> None:
    tiles = html_tiles(real)
    assert [label for _, label in tiles] == REPORT_LABELS
    prose = squash(html(real.file("arsrapport-2025", "nb", "html")).get_text(" "))
    received = re.search(r"tok imot (\d+) nye klager", prose).group(1)
    assert tiles[0][0] == received
    assert all(re.fullmatch(r"\d[\d\u00a0]*", number) for number, _ in tiles)


@pytest.mark.slow
def test_annual_report_tiles_in_docx_are_a_borderless_table_of_large_numbers(
        real: Built) -> None:
    document = docx.Document(str(real.file("arsrapport-2025", "nb", "docx")))
    table = next(t for t in document.tables
                 if t.rows[0].cells[0].paragraphs[0].style.name == "Key Figure Number")
    cells = [cell for row in table.rows for cell in row.cells if cell.text.strip()]
    pairs = [tuple(p.text for p in cell.paragraphs) for cell in cells]
    assert pairs == html_tiles(real)
    number_style = document.styles["Key Figure Number"]
    assert number_style.font.size.pt >= 24 and number_style.font.bold
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}


@pytest.mark.slow
def test_annual_report_tiles_in_pdf_are_text_numbers_above_labels(real: Built) -> None:
    text = squash(pdf_text(real.file("arsrapport-2025", "nb", "pdf")))
    tiles = html_tiles(real)
    for number, label in tiles:
        assert f"{squash(number)} {label}" in text
    assert "Nøkkeltall" not in text  # the table the tiles replace
