"""The format-neutral transforms of document/transforms.py, each on a tiny tree."""

from __future__ import annotations

from pathlib import Path

from trees import chapter, document, every, first, header, image, para

from pipeline.document.pandoc import parse_markdown
from pipeline.document.transforms import (
    apply_fig_alt,
    chapter_fence,
    chapter_source,
    headings,
    locate,
    shift_chapter_headings,
    shift_headings,
    swap_image_suffix,
)
from pipeline.document.tree import attributes, children, heading_level, stringify, target_of
from pipeline.problems import Position


def test_a_fenced_chapter_names_its_source(tmp_path: Path) -> None:
    ast = parse_markdown("# Frame\n\n" + chapter_fence("pub/nb/one.md", "# Title\n\nText"))
    frame, wrapped = ast["blocks"]
    assert chapter_source(wrapped, tmp_path) == tmp_path / "pub/nb/one.md"
    assert stringify(wrapped) == "Title Text"
    assert chapter_source(frame, tmp_path) is None


def test_locate_finds_the_first_line_that_holds_the_needle(tmp_path: Path) -> None:
    source = tmp_path / "chapter.md"
    source.write_text("# Title\n\nSee [here](#nowhere) and #nowhere.\n", encoding="utf-8")
    assert locate(source, "#nowhere") == Position(source, 3, 12)
    assert locate(source, "absent") == Position(source)
    assert locate(tmp_path / "missing.md", "x") == Position(tmp_path / "missing.md")


def test_fig_alt_becomes_the_description() -> None:
    ast = apply_fig_alt(document(para("x"), image("a.png", "Caption", [("fig-alt", "An owl"),
                                                                        ("width", "5cm")])))
    picture = first(ast, "Image")
    assert stringify(children(picture)) == "An owl"
    assert attributes(picture) == {"width": "5cm"}


def test_an_image_without_fig_alt_keeps_its_description() -> None:
    ast = document(image("a.png", "Caption", [("width", "5cm")]))
    assert apply_fig_alt(ast) == ast


def test_shift_headings_moves_every_heading_down_but_not_past_six() -> None:
    ast = shift_headings(document(header(1, "One"), header(5, "Five"), header(6, "Six")), 2)
    assert [heading_level(h) for h in ast["blocks"]] == [3, 6, 6]
    assert stringify(ast["blocks"][0]) == "One"


def test_shift_chapter_headings_leaves_the_frame_alone(tmp_path: Path) -> None:
    frame = "# Frame\n\n::: aside\n# In the frame\n:::"
    ast = chapter(tmp_path, "one.md", "# Chapter\n\n## Part", frame=frame)
    shifted = shift_chapter_headings(ast, 1)
    assert [heading_level(h) for h in every(shifted, "Header")] == [1, 1, 2, 3]
    assert shift_chapter_headings(ast, 0) is ast


def test_headings_lists_level_identifier_and_text_up_to_a_level() -> None:
    ast = parse_markdown("# One {#one}\n\n## Two *b*\n\n### Three\n\n# Four\n")
    assert headings(ast) == [(1, "one", "One"), (2, "two-b", "Two b"), (1, "four", "Four")]
    assert headings(ast, max_level=1) == [(1, "one", "One"), (1, "four", "Four")]


def test_swap_image_suffix_points_at_a_sibling_that_exists(tmp_path: Path) -> None:
    (tmp_path / "chart.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "chart.png").write_bytes(b"png")
    (tmp_path / "lonely.svg").write_text("<svg/>", encoding="utf-8")
    ast = document(para("x"), image(str(tmp_path / "chart.svg"), "a chart"),
                   image(str(tmp_path / "lonely.svg")), image(str(tmp_path / "chart.png")))
    urls = [target_of(i).url for i in every(swap_image_suffix(ast, ".svg", ".png"), "Image")]
    assert urls == [str(tmp_path / "chart.png"), str(tmp_path / "lonely.svg"),
                    str(tmp_path / "chart.png")]
    assert stringify(children(first(swap_image_suffix(ast, ".svg", ".png"), "Image"))) == "a chart"
