"""A new chapter builds before its translation; a draft falls back and is marked everywhere."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdfium2
import pytest

from pipeline.build import Request, build
from pipeline.problems import ContentError
from tests.conftest import FIXTURES, Built, check
from tests.readers import html, pdf_text
from tests.test_languages import two_language_copy

NEW_CHAPTER = "# Nytt kapittel\n\nDette kapitlet er bare skrevet på bokmål.\n"


def with_new_nb_chapter(tmp_path: Path, draft: bool = False) -> Path:
    """The two-language mini report with a bokmål chapter that has no English counterpart."""
    figures = (FIXTURES / "mini/publications/rapport/nb/tall.md").read_text(encoding="utf-8")
    english = figures.replace("Tall for", "Figures for")
    nb = two_language_copy(tmp_path, english) / "publications" / "rapport"
    (nb / "nb" / "nytt.md").write_text(NEW_CHAPTER, encoding="utf-8")
    yaml = nb / "publication.yaml"
    text = yaml.read_text(encoding="utf-8").replace("chapters: [tall.md, saker.md]",
                                                    "chapters: [tall.md, saker.md, nytt.md]")
    yaml.write_text(text + ("draft: true\n" if draft else ""), encoding="utf-8")
    return nb.parent.parent


def built(content: Path, tmp_path: Path, **request: list[str]) -> Built:
    result = Built(content, tmp_path / "output", tmp_path / "build")
    build(Request(content, result.output, result.build, **request))
    return result


def test_a_new_bokmal_chapter_builds_in_bokmal_before_its_translation(tmp_path: Path) -> None:
    content = with_new_nb_chapter(tmp_path)
    result = built(content, tmp_path, languages=["nb"], formats=["html"])
    page = html(result.file("rapport", "nb", "html"))
    assert "Dette kapitlet er bare skrevet på bokmål." in page.get_text()
    assert page.find(class_="draft-banner") is None


def test_the_english_version_without_the_chapter_is_an_error_naming_it(tmp_path: Path) -> None:
    content = with_new_nb_chapter(tmp_path)
    with pytest.raises(ContentError) as raised:
        built(content, tmp_path, languages=["en"], formats=["html"])
    message = raised.value.problems.format(content)
    assert "chapter 'en/nytt.md' does not exist, so the en version cannot be built" in message
    status, output = check(content)
    assert status == 1 and "en/nytt.md' does not exist" in output


def test_without_a_fallback_a_missing_chapter_is_still_an_error(tmp_path: Path) -> None:
    content = with_new_nb_chapter(tmp_path)
    yaml = content / "publications" / "rapport" / "publication.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8").replace("fallback: nb\n", ""),
                    encoding="utf-8")
    status, output = check(content)
    assert status == 1
    assert "error: chapter 'en/nytt.md' does not exist" in output


@pytest.mark.slow
def test_a_draft_falls_back_chapter_by_chapter_and_is_marked_in_every_format(
        tmp_path: Path) -> None:
    content = with_new_nb_chapter(tmp_path, draft=True)
    status, output = check(content)
    assert status == 0, output
    assert "'en/nytt.md' is not written yet: the en draft shows the nb chapter" in output
    result = built(content, tmp_path)

    page = html(result.file("rapport", "en", "html"))
    assert page.title.get_text() == "DRAFT – Test report 2025"
    assert page.find(class_="draft-banner").get_text() == "DRAFT – not for publication"
    fallen_back = page.find(id="nytt-kapittel")
    assert fallen_back["lang"] == "nb" and "bare skrevet på bokmål" in fallen_back.get_text()
    nb_page = html(result.file("rapport", "nb", "html"))
    assert nb_page.find(class_="draft-banner").get_text() == "UTKAST – ikke til publisering"

    word = docx.Document(str(result.file("rapport", "en", "docx")))
    assert word.core_properties.title == "DRAFT – Test report 2025"
    assert all(section.header.paragraphs[0].text == "DRAFT – not for publication"
               for section in word.sections)

    path = result.file("rapport", "en", "pdf")
    with pypdfium2.PdfDocument(str(path)) as document:
        assert document.get_metadata_dict()["Title"] == "DRAFT – Test report 2025"
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    assert all("DRAFT" in text for text in pages)  # the watermark, on every page
    assert "bare skrevet på bokmål" in pdf_text(path)

    index = html(result.output / "index.html").get_text()
    assert "UTKAST – Testrapport 2025" in index
