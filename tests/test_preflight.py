"""`ncp check` finds what pandoc or Typst would later fail on, at its chapter line, and Markdown
problems are placed exactly, not found by searching the chapter's text.

Formulas, characters no font of the PDF has, paragraphs pandoc cannot pair in
time, and Typst's own limits of time and memory.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pikepdf
import pytest
import typst
from click.testing import CliRunner
from conftest import broken, check
from readers import pdf

from pipeline.checks.formulas import DEEPEST_SCRIPTS
from pipeline.checks.pdf_fonts import PdfFonts, embedded
from pipeline.cli import main
from pipeline.content.characters import needs_glyph
from pipeline.formats import pdf as pdf_format

CHAPTER = "publications/rapport/nb/saker.md"
END = "{% endfor %}"  # the last line (11) of the chapter: a paragraph after it is on line 13


def added(text: str) -> dict[str, object]:
    """The mini fixture with `text` as a paragraph of its own at the end of saker.md."""
    return {CHAPTER: (END, f"{END}\n\n{text}")}


def reported(tmp_path: Path, edits: dict[str, object], expected: str,
             hint: str | None = None) -> str:
    """`ncp check` of the mini fixture with `edits` reports `expected` (and `hint`)."""
    status, output = check(broken(tmp_path, edits))
    assert status == 1, output
    assert expected in output, output
    assert hint is None or hint in output, output
    assert "Traceback" not in output
    return output


def build(folder: Path, tmp_path: Path) -> tuple[int, str, Path]:
    output = tmp_path / "output"
    result = CliRunner().invoke(main, ["build", "--content", str(folder), "--output",
                                       str(output), "--build-dir", str(tmp_path / "build")])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output, output / "rapport"


# --- exact positions ------------------------------------------------------------------

def test_the_second_of_two_same_images_is_reported_at_its_own_line(tmp_path: Path) -> None:
    """Searching the chapter's text found the first, which has alt text."""
    output = reported(tmp_path, added("![Et bilde](bilde.svg)\n\nTekst.\n\n![](bilde.svg)"),
                      f"{CHAPTER}:17:5: error: the image 'bilde.svg' has no alt text")
    assert output.count("has no alt text") == 1


def test_a_problem_below_a_loop_is_placed_at_the_chapter_line_not_the_rendered_one(
        tmp_path: Path) -> None:
    """The loop above renders three cases, so the rendered line is far below line 15; the
    link's target is also written as text on line 13, where a search of the text stops."""
    reported(tmp_path, added("Lenken `#ingen-slik` er feil.\n\nSe [her](#ingen-slik)."),
             f"{CHAPTER}:15:10: error: the link '#ingen-slik' points to no heading")


def test_the_same_image_twice_on_one_line_is_placed_at_the_second(tmp_path: Path) -> None:
    reported(tmp_path, added("![Et bilde](bilde.svg) og ![](bilde.svg)"),
             f"{CHAPTER}:13:31: error: the image 'bilde.svg' has no alt text")


def test_an_attribute_is_placed_at_its_own_column(tmp_path: Path) -> None:
    reported(tmp_path, added("Skriv aldri `onclick=`.\n\n[a](#tall) og [b](#tall){onclick=y}"),
             f"{CHAPTER}:15:26: error: the attribute 'onclick' is not allowed")


def test_an_image_inside_an_included_partial_is_placed_at_the_include(tmp_path: Path) -> None:
    folder = broken(tmp_path, added('{% include "del.md" %}'))
    (folder / "publications/rapport/nb/del.md").write_text("Tekst.\n\n![](bilde.svg)\n",
                                                            encoding="utf-8")
    status, output = check(folder)
    assert status == 1
    assert f"{CHAPTER}:13: error: the image 'bilde.svg' has no alt text" in output


def test_a_heading_that_skips_a_level_is_placed_at_its_line(tmp_path: Path) -> None:
    reported(tmp_path, added("Dypt vann.\n\n#### Dypt {#dypt}"),
             f"{CHAPTER}:15:6: error: the heading 'Dypt' skips from level")


# --- formulas -------------------------------------------------------------------------

def test_a_formula_builds_in_every_format_and_the_pdf_reads_its_tex(tmp_path: Path) -> None:
    folder = broken(tmp_path, added("Energi: $E = mc^2$.\n\n$$\\sum_{i=1}^{n} i$$"))
    assert check(folder) == (0, "content is valid\n")
    status, output, out = build(folder, tmp_path)
    assert status == 0, output
    document = pdf(out / "rapport-nb.pdf")
    alts = {str(obj.Alt) for obj in document.objects
            if isinstance(obj, pikepdf.Dictionary) and "/Alt" in obj}
    assert {"E = mc^2", "\\sum_{i=1}^{n} i"} <= alts
    html = (out / "rapport-nb.html").read_text(encoding="utf-8")
    assert "<msup><mi>c</mi><mn>2</mn></msup>" in html
    with zipfile.ZipFile(out / "rapport-nb.docx") as package:
        assert package.read("word/document.xml").count(b"<m:oMath>") == 2


def test_tex_that_cannot_be_converted_is_an_error_at_the_formula(tmp_path: Path) -> None:
    output = reported(tmp_path, added("Her $\\frac{1}{$ og $x^2$."),
                      f"{CHAPTER}:13:6: error: the formula '\\frac{{1}}{{' is not TeX math",
                      "write a dollar sign that is not math as \\$")
    assert output.count("is not TeX math") == 1


def test_scripts_nested_past_the_limit_are_an_error_before_pandoc_converts_them(
        tmp_path: Path) -> None:
    """pandoc takes minutes over 24 superscripts inside each other; the check, no time."""
    deep = "x^{" * 24 + "y" + "}" * 24
    output = reported(tmp_path, added(f"Her $e^{{x_{{i}}}}$ og ${deep}$."),
                      f"{CHAPTER}:13:21: error: superscripts and subscripts lie more than "
                      f"{DEEPEST_SCRIPTS} deep inside each other in the formula",
                      "write the formula with fewer levels, or split it")
    assert output.count(": error: ") == 1  # the shallow formula converts


# --- characters no font has -----------------------------------------------------------

def test_an_emoji_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    output = reported(tmp_path, added("Vi er glade 😀 og 😀."),
                      f"{CHAPTER}:13:13: error: the character U+1F600 GRINNING FACE (😀) is in "
                      "none of the PDF's fonts, 2 times in this publication",
                      "leave it out or write it in words")
    assert "1 error," in output


def test_an_emoji_is_an_error_only_in_a_publication_with_a_pdf(tmp_path: Path) -> None:
    folder = broken(tmp_path, added("Vi er glade 😀."))
    assert "U+1F600 GRINNING FACE" in check(folder)[1]
    publication = folder / "publications/rapport/publication.yaml"
    text = publication.read_text(encoding="utf-8")
    assert "pdf]" in text
    publication.write_text(text.replace(", pdf]", "]"), encoding="utf-8")
    assert check(folder) == (0, "content is valid\n")


def test_a_character_no_font_has_in_the_data_is_reported_where_the_data_is(
        tmp_path: Path) -> None:
    reported(tmp_path, {"cases/2025-03.yaml": ("Klage om reklame", "Klage om 中 reklame")},
             "cases/2025-03.yaml:2:22: error: the character U+4E2D CJK UNIFIED IDEOGRAPH-4E2D "
             "(中) is in none of the PDF's fonts")


@pytest.mark.parametrize("character", [
    "😀", "中", "\u1680", "\U000f0000", "\u0600",  # no font: Typst refuses
    "→", "✓", "€", "ﬁ", "\u0301", "\u2003", "\u3000", "\u200d", "\ufe0f", "\u00ad",
])
def test_the_check_agrees_with_typst_on_what_can_be_drawn(tmp_path: Path,
                                                           character: str) -> None:
    """Typst is the judge: a PDF/UA compile with only its own fonts succeeds exactly when
    the check finds a font for the character (or none is needed)."""
    source = tmp_path / "probe.typ"
    source.write_text(f'#set document(title: "T")\n#set text(lang: "nb")\n'
                      f'#"A\\u{{{ord(character):x}}}B"\n', encoding="utf-8")
    try:
        typst.compile(str(source), output=str(tmp_path / "probe.pdf"), pdf_standards=["ua-1"],
                      ignore_system_fonts=True)
        drawn = True
    except typst.TypstError:
        drawn = False
    assert (not needs_glyph(character) or PdfFonts([]).draw(character)) == drawn


def test_every_font_built_into_typst_is_read() -> None:
    assert len(embedded()) == len(typst.Fonts(include_system_fonts=False).fonts())


# --- paragraphs pandoc cannot pair in time --------------------------------------------

@pytest.mark.parametrize(("text", "column", "message", "hint"), [
    ("[" * 5000 + "lenke" + "]" * 5000, 6, "brackets [ ] are nested more than 5 deep",
     "close each [ with a ]"),
    (" ".join(["[x"] * 40), 16, "brackets [ ] are nested more than 5 deep",
     "close each [ with a ]"),
    (" ".join(["'sitat \"i sitat"] * 11), 161, "quotation marks are left open more than 20",
     "close each quotation"),
    ("> " * 5000 + "sitat", 1, "lists or quotes are nested more than 20 deep on this line",
     "write it flatter"),
    ("- " * 5000 + "punkt", 1, "lists or quotes are nested more than 20 deep on this line",
     "write it flatter"),
], ids=["brackets", "open brackets", "open quotation marks", "blockquote", "list"])
def test_marks_past_the_limit_are_found_before_pandoc_reads_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, column: int,
        message: str, hint: str) -> None:
    monkeypatch.setattr("pipeline.document.pandoc.parse_markdown",
                        lambda _text: pytest.fail("pandoc read it"))
    reported(tmp_path, added(text), f"{CHAPTER}:13:{column}: error: {message}", hint)


def test_escaped_brackets_code_and_rules_are_no_marks(tmp_path: Path) -> None:
    text = "\\[" * 30 + " `" + "[" * 30 + "` don't 'quote' \"this\"\n\n- - -\n\n> > sitat"
    english = {"ordliste.txt": ("width\n", "width\ndon't\nquote\nthis\n")}  # not spelling
    assert check(broken(tmp_path, {**added(text), **english})) == (0, "content is valid\n")


# --- Typst's limits -------------------------------------------------------------------

def test_a_typst_compile_past_its_time_is_an_error_naming_the_publication(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_format, "TYPST_SECONDS", 0.01)
    status, output, out = build(broken(tmp_path, {}), tmp_path)
    assert status == 1
    assert "publications/rapport/publication.yaml: error: rapport-nb.pdf could not be " \
        "written: Typst took more than 0.01 s to lay out rapport-nb.typ" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_a_typst_compile_past_its_memory_is_stopped(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_format, "TYPST_MEMORY", 2**30)
    source = tmp_path / "bomb.typ"
    source.write_text("#let x = range(300000000).map(i => (i, i))\n#x.len()\n")
    document = SimpleNamespace(date=dt.date(2025, 1, 1), work_dir=tmp_path, organisation="NCP",
                               made_from="a document never compiled before",
                               brand=SimpleNamespace(font_dirs=[]))
    with pytest.raises(pdf_format.TypstError, match=r"Typst needed more than 1 GB of "
                       r"memory to lay out bomb\.typ"):
        pdf_format.compile_pdf(source, tmp_path / "bomb.pdf", document)
