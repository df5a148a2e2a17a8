"""What makes the HTML read on a phone, checked without a browser: tables in named,
focusable scroll regions, charts drawn narrow and served through <picture>, wide pictures
kept at the width their text needs. test_browser.py measures the result in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from trees import first

from pipeline.checks.folder import load_content
from pipeline.document.pandoc import parse_markdown
from pipeline.document.tree import attributes, children, classes, literal_text
from pipeline.formats.html import narrow_pictures, scrollable_tables
from pipeline.formats.legible import legible_width
from pipeline.problems import Problems
from pipeline.render.charts import BarChart, draw, narrow_variant
from pipeline.render.localizer import Localizer
from pipeline.resources import TEMPLATES

TABLE = "| Sak | Status |\n|---|---|\n| 2025-01 | Åpen |\n\n: Saker i 2025\n"


def norwegian(text: str) -> str:
    return {"Table": "Tabell"}.get(text, text)


def test_a_table_sits_in_a_named_focusable_region_and_stays_a_table() -> None:
    region = scrollable_tables(parse_markdown(TABLE), norwegian)["blocks"][0]
    assert classes(region) == ["table-scroll", "short"]
    assert attributes(region) == {"role": "region", "tabindex": "0",
                                  "aria-label": "Saker i 2025"}
    assert [block["t"] for block in children(region)] == ["Table"]


def test_a_table_without_caption_is_named_table_and_a_long_one_not_short() -> None:
    rows = "".join(f"| {n} | x |\n" for n in range(20))
    region = scrollable_tables(parse_markdown(f"| a | b |\n|---|---|\n{rows}"),
                               norwegian)["blocks"][0]
    assert classes(region) == ["table-scroll"]
    assert attributes(region)["aria-label"] == "Tabell"


def test_no_stylesheet_makes_a_table_a_block() -> None:
    """`display: block` on a table strips its semantics for screen readers."""
    for sheet in [TEMPLATES / "html" / "publication.css", TEMPLATES / "html" / "index.html"]:
        rules = re.findall(r"([^{}]*)\{([^{}]*)\}", sheet.read_text(encoding="utf-8"))
        assert not [selector for selector, body in rules
                    if re.search(r"\btable\b", selector) and "display" in body]


def svg(tmp_path: Path, name: str, body: str, width: int = 800) -> Path:
    path = tmp_path / name
    path.write_text(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 300">'
                    f"{body}</svg>", encoding="utf-8")
    return path


def test_legible_width_is_where_the_smallest_text_reads_at_12_px(tmp_path: Path) -> None:
    assert legible_width(svg(tmp_path, "a.svg", '<text font-size="16">1</text>'
                                                '<g font-size="12.5"><text>x</text></g>')) == 768
    assert legible_width(svg(tmp_path, "b.svg", '<text style="font-size: 10px">x</text>',
                             400)) == 480
    assert legible_width(svg(tmp_path, "c.svg", "<rect width='1' height='1'/>")) is None


def test_a_chart_drawn_narrow_is_served_through_a_picture(tmp_path: Path) -> None:
    wide = svg(tmp_path, "chart-nb.svg", "")
    narrow_variant(wide).write_text(wide.read_text(), encoding="utf-8")
    elsewhere = svg(tmp_path / "..", "content-nb.svg", "")
    narrow_variant(elsewhere).write_text(wide.read_text(), encoding="utf-8")
    ast = parse_markdown(f"![Søyler](<{wide}>)\n\n![Annet](<{elsewhere}>)\n")
    done = narrow_pictures(ast, tmp_path)
    first_figure, second_figure = [block for block in done["blocks"] if block["t"] == "Figure"]
    raw = literal_text(first({"blocks": [first_figure]}, "RawInline"))
    assert raw.startswith('<picture><source media="(max-width: 40rem)" '
                          'srcset="data:image/svg+xml;base64,')
    assert "RawInline" not in str(second_figure)  # only what the build drew


@pytest.fixture(scope="module")
def brand():
    return load_content(FIXTURES / "mini").brand


def smallest_text_px(path: Path, shown_px: float) -> float:
    """The smallest text of a matplotlib SVG (glyphs drawn at 100 units an em, scaled by
    their group) when the picture is shown `shown_px` wide."""
    source = path.read_text(encoding="utf-8")
    width_pt = float(re.search(r'viewBox="0 0 ([\d.]+)', source).group(1))
    scales = [float(s) for s in re.findall(r"scale\(([\d.]+) -[\d.]+\)", source)]
    return min(scales) * 100 * shown_px / width_pt


def test_a_charts_narrow_drawing_reads_at_12_px_on_a_320_px_screen(
        tmp_path: Path, brand) -> None:
    chart = BarChart("saker", "Saker i 2025 etter status", ["Saker under behandling",
                     "Avsluttet"], [4, 12], "Antall saker")
    draw(chart, brand, Localizer("nb", Problems()), tmp_path)
    wide = tmp_path / "saker-nb.svg"
    assert smallest_text_px(narrow_variant(wide), 288) >= 12
    assert smallest_text_px(wide, 288) < 12  # why the narrow drawing is needed

