"""Each chapter's images, links, attributes and headings, checked once the document is parsed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from trees import chapter, every, first, nested_grid_tables, places

from pipeline.checks.chapters import DEEPEST_TABLES, resolve_chapters
from pipeline.document.pandoc import Ast
from pipeline.document.tree import target_of
from pipeline.problems import Position, Problems

CHAPTER = "pub/nb/one.md"
OWL = "../../assets/owl.png"  # from the chapter's folder


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "assets").mkdir(parents=True)
    Image.new("RGB", (2, 2)).save(root / "assets" / "owl.png")
    (root / "assets" / "fake.png").write_text("not a picture", encoding="utf-8")
    return root


def resolved(content: Path, markdown: str, frame: str = "",
             extra: list[Path] | None = None) -> tuple[Ast, Problems]:
    problems = Problems()
    ast = resolve_chapters(chapter(content, CHAPTER, markdown, frame), content, extra or [],
                           places(content, CHAPTER, markdown, frame), problems)
    return ast, problems


def errors(content: Path, markdown: str, frame: str = "") -> list[str]:
    return [problem.message for problem in resolved(content, markdown, frame)[1].errors]


def test_chapters_are_unwrapped_and_images_point_at_their_files(content: Path) -> None:
    ast, problems = resolved(content, f"# Owls\n\n![An owl]({OWL})\n")
    assert problems.items == []
    assert [block["t"] for block in ast["blocks"]] == ["Header", "Figure"]
    assert target_of(first(ast, "Image")).url == str(content / "assets" / "owl.png")


def test_an_image_without_alt_text_is_an_error_at_its_line(content: Path) -> None:
    _ast, problems = resolved(content, f"# Owls\n\n![]({OWL})\n")
    [problem] = problems.errors
    assert problem.message == f"the image '{OWL}' has no alt text"
    assert problem.position == Position(content / CHAPTER, 3, 5)


def test_fig_alt_is_alt_text(content: Path) -> None:
    assert errors(content, f'# Owls\n\n![]({OWL}){{fig-alt="An owl"}}\n') == []


def test_an_unsafe_link_is_an_error(content: Path) -> None:
    assert errors(content, "# A\n\n[click](javascript:alert(1))\n") == [
        "the link 'javascript:alert(1)' uses 'javascript:', which a publication may not link to"]


def test_links_to_the_web_mail_and_telephone_pass(content: Path) -> None:
    text = "# A\n\n<https://example.org> <mailto:a@b.no> [call](tel:+4722000000)\n"
    assert errors(content, text) == []


def test_a_forbidden_attribute_is_an_error_at_its_line(content: Path) -> None:
    _ast, problems = resolved(content, "# A\n\n[text]{onclick=\"steal()\" lang=nb}\n")
    [problem] = problems.errors
    assert problem.message == "the attribute 'onclick' is not allowed in a chapter"
    assert problem.position == Position(content / CHAPTER, 3, 8)


def test_a_skipped_heading_level_is_an_error(content: Path) -> None:
    assert errors(content, "# One\n\n### Three\n") == [
        "the heading 'Three' skips from level 1 to 3"]
    assert errors(content, "# One\n\n## Two\n\n# Back\n\n### Deep\n") == [
        "the heading 'Deep' skips from level 1 to 3"]


def test_the_frames_heading_counts_but_is_not_checked(content: Path) -> None:
    assert errors(content, "## Part\n", frame="# Subject") == []
    assert errors(content, "# One\n", frame="### Frame") == []


def test_a_link_to_a_missing_id_suggests_the_closest(content: Path) -> None:
    _ast, problems = resolved(content, "# Intro {#intro}\n\nSee [there](#intr).\n")
    [problem] = problems.errors
    assert problem.message == "the link '#intr' points to no heading or figure of this " \
        "publication"
    assert problem.hint == "did you mean '#intro'?"


def test_a_link_to_an_id_of_the_frame_or_a_chapter_passes(content: Path) -> None:
    text = "# Intro {#intro}\n\n[up](#intro) [subject](#subject)\n"
    assert errors(content, text, frame="# Subject {#subject}") == []


def test_an_image_outside_the_content_folder_is_an_error(content: Path) -> None:
    outside = content.parent / "secret.png"
    Image.new("RGB", (2, 2)).save(outside)
    assert errors(content, "# A\n\n![a](../../../../secret.png)\n") == [
        "the image '../../../../secret.png' lies outside the content folder"]


def test_an_image_in_an_extra_root_passes(content: Path, tmp_path: Path) -> None:
    charts = tmp_path / "build" / "charts"
    charts.mkdir(parents=True)
    Image.new("RGB", (2, 2)).save(charts / "chart.png")
    _ast, problems = resolved(content, f"# A\n\n![a chart]({charts / 'chart.png'})\n",
                              extra=[tmp_path / "build"])
    assert problems.items == []


@pytest.mark.parametrize(("url", "message"), [
    ("../../assets/none.png", "the image '../../assets/none.png' does not exist"),
    ("https://example.org/a.png", "the image 'https://example.org/a.png' is not a file of "
     "the content folder"),
    ("../../assets/fake.png", "the image '../../assets/fake.png' is not a picture that can be "
     "read (UnidentifiedImageError)"),
])
def test_an_image_must_be_a_picture_file_of_the_content(content: Path, url: str,
                                                        message: str) -> None:
    ast, problems = resolved(content, f"# A\n\n![a]({url})\n")
    assert [problem.message for problem in problems.errors] == [message]
    assert target_of(first(ast, "Image")).url == url


def test_a_link_to_a_content_file_must_exist(content: Path) -> None:
    text = f"# A\n\n[the owl]({OWL}) [gone](../../assets/gone.pdf)\n"
    assert errors(content, text) == ["the link '../../assets/gone.pdf' does not exist"]
    assert len(every(resolved(content, text)[0], "Link")) == 2


def test_tables_may_lie_three_deep_inside_each_other(content: Path) -> None:
    _ast, problems = resolved(content, "# Tables\n\n" + nested_grid_tables(DEEPEST_TABLES))
    assert problems.items == []


def test_a_table_deeper_than_that_is_an_error_at_its_line(content: Path) -> None:
    """Typst would stop the PDF past six levels; the check tells the writer where, first."""
    markdown = "# Tables\n\n" + nested_grid_tables(7)
    _ast, problems = resolved(content, markdown)
    [problem] = problems.errors
    assert problem.message == f"tables lie more than {DEEPEST_TABLES} deep inside each other"
    line = markdown.split("\n").index(next(line for line in markdown.split("\n")
                                           if f"Level {DEEPEST_TABLES + 1}" in line)) + 1
    assert problem.position == Position(content / CHAPTER, line,
                                        markdown.split("\n")[line - 1].index("Level") + 1)
